"""`identity propose` and `identity apply`: merges rules do not make, reviewed by a person."""

from __future__ import annotations

from pathlib import Path

import typer

from modelvs.cli.common import DataOption, PlainOption, data_dir, fail, open_catalog, today
from modelvs.cli.output import Output
from modelvs.sync.identity_review import approved_decisions, proposals_toml, propose, write_decisions

identity = typer.Typer(help="Which ids name one model: propose merges with evidence, apply reviewed ones.")


def register(app: typer.Typer) -> None:
    app.add_typer(identity, name="identity")


@identity.command("propose")
def propose_command(
    out: Path | None = typer.Option(
        None, "--out", metavar="FILE", help="Write the proposals here (default: print them)."
    ),
    plain: bool = PlainOption,
    data: Path | None = DataOption,
) -> None:
    """List models that may be one real model, each with its evidence, as a file to review."""
    catalog = open_catalog(data)
    found = propose(catalog, today())
    text = proposals_toml(found)
    printed = Output.of(plain)
    if out is None:
        printed.raw(text)
    else:
        out.write_text(text, encoding="utf-8")
        printed.line(f"wrote {len(found)} proposal(s) to {out}: set approve, reason and url, then apply")


@identity.command("apply")
def apply_command(
    reviewed: Path = typer.Argument(..., metavar="FILE", hidden=True),
    plain: bool = PlainOption,
    data: Path | None = DataOption,
) -> None:
    """Write each approved proposal as a decision in data/identity/; `modelvs sync --write` carries it out.

    FILE: a proposals file (`identity propose`) with approved entries.
    """
    try:
        text = reviewed.read_text(encoding="utf-8")
    except OSError as exc:
        fail(f"cannot read {reviewed}: {exc}")
    decisions, problems = approved_decisions(text, today())
    if problems:
        fail("; ".join(problems) + " (nothing written)")
    written = write_decisions(data_dir(data), decisions)
    Output.of(plain).line(f"wrote {len(written)} decision(s); run `modelvs sync --write` to merge the models")
