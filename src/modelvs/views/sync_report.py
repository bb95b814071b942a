"""A sync's change report as Markdown (the terminal, a pull request's body) and as JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from decimal import Decimal

from modelvs.sync.report import ChangeReport, PriceMove
from modelvs.views.escape import clean, md

SECTION_LIMIT = 100
"""Lines a section lists before it says how many more there are (a pull request's body is bounded)."""


def report_json(report: ChangeReport) -> str:
    return json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n"


def report_markdown(report: ChangeReport, limit: int = SECTION_LIMIT) -> str:
    """The report for a reader: what each source gave, what is held and why, then what changed."""
    if report.written:
        state = f"Written: {report.files_touched:,} file(s) changed."
    elif report.errors:
        state = (
            f"Not written: {len(report.errors):,} error(s) in the merged catalog; the catalog is unchanged."
        )
    elif report.files_touched:
        state = f"Dry run: {report.files_touched:,} file(s) would change; nothing written."
    else:
        state = "Nothing new: no file changes."
    out = [f"# modelvs sync report, {report.day.isoformat()}", "", state, ""]
    if report.sources:
        out += ["## Sources", ""]
        out += [_source_line(o.id, o.state, o.version, o.detail) for o in report.sources]
        out.append("")
    if report.held:
        out += [f"## Held for review ({len(report.held):,})", ""]
        # `what` and `reason` are the holds' own words (modes, components, decimals): no source text.
        lines = [
            f"- {md(h.id)}: {clean(h.what)}. {clean(h.reason[:1].upper() + h.reason[1:])}"
            + (f"; publish it with `modelvs sync --accept {h.id}`." if _plain_id(h.id) else ".")
            for h in report.held
        ]
        out += [*_limited(lines, limit), ""]
    if report.errors:
        out += ["## Errors", "", *_limited([f"- {md(e)}" for e in report.errors], limit), ""]
    for title, records in (("Models", report.models), ("Routes", report.routes)):
        if records:
            added = [r for r in records if r.change == "added"]
            heading = f"## {title}: {len(added):,} added, {len(records) - len(added):,} removed"
            lines = [f"- {r.change} {md(r.id)}" + (f" ({md(r.name)})" if r.name else "") for r in records]
            out += [heading, "", *_limited(lines, limit), ""]
    if report.prices:
        out += [f"## Prices: {len(report.prices):,} change(s)", ""]
        out += [*_limited([_price_line(p) for p in report.prices], limit), ""]
    if report.lifecycle:
        out += [f"## Lifecycle: {len(report.lifecycle):,} change(s)", ""]
        lines = [
            f"- {md(c.id)} {c.field}: {md(c.old or 'none')} -> {md(c.new or 'none')}"
            for c in report.lifecycle
        ]
        out += [*_limited(lines, limit), ""]
    return "\n".join(out).rstrip() + "\n"


def _source_line(source: str, state: str, version: str | None, detail: str) -> str:
    if state == "failed":
        return f"- {md(source)}: **failed**, {md(detail)}; its values are kept as they were."
    words = {"new": "new snapshot", "unchanged": "unchanged", "packaged": "packaged", "file": "file"}[state]
    return f"- {md(source)}: {words} {md(version or '')} ({md(detail)})"


def _price_line(move: PriceMove) -> str:
    unit = "" if move.component.startswith("per_unit.") else " per 1M"
    change = f"{_usd(move.old)} -> {_usd(move.new)}{unit}"
    if move.percent is not None:
        change += f" ({move.percent.quantize(Decimal('0.1')):+f}%)"
    by = f" ({md(move.source)})" if move.source else ""
    return f"- {md(move.route)} {move.mode} {md(move.component)}: {change}{by}"


def _usd(value: Decimal | None) -> str:
    if value is None:
        return "not priced"
    text = format(value.normalize(), "f")
    return f"${text}"


def _plain_id(text: str) -> bool:
    """Whether an id can stand in a shell command as it is (ids are lower-case slugs)."""
    return all(c.isalnum() or c in "-._:/@+" for c in text)


def _limited(lines: Sequence[str], limit: int) -> Iterable[str]:
    yield from lines[:limit]
    if len(lines) > limit:
        yield f"- ... and {len(lines) - limit:,} more (the JSON report lists every one)"
