"""Every command in a pipe: plain aligned text, every cell whole on its row, whatever COLUMNS says.

`CliRunner` gives a command a stdout that is not a terminal, as a pipe does; the subprocess cases
run the installed command with its stdout a real pipe.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from modelvs.cli import app
from tests.minicatalog import write_catalog
from tests.usage.conftest import FIXTURES

ON = ["--on", "2026-11-24"]
NARROW = {"COLUMNS": "40"}
"""What a terminal 40 columns wide would say: a pipe must not care."""
BOX = re.compile("[│┃━─┏┓┗┛┡┩╇╈┳┻]")
ROOT = Path(__file__).resolve().parents[2]


def piped(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args), env=NARROW)
    assert "…" not in result.output, args
    assert BOX.findall(result.output) == [], args
    return result


def ok(*args: str) -> list[str]:
    result = piped(*args)
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def as_json(*args: str) -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def cells(line: str) -> list[str]:
    """A plain row's cells: columns are two or more spaces apart."""
    return re.split(" {2,}", line.strip())


def row_of(lines: list[str], first: str) -> list[str]:
    [line] = [x for x in lines if cells(x)[0] == first]
    return cells(line)


def test_models_rows_hold_whole_ids_names_and_prices() -> None:
    lines = ok("models", "--search", "claude", *ON)
    found = as_json("models", "--search", "claude", *ON)["models"]
    assert len(found) > 10
    for model in found:
        row = row_of(lines, model["id"])
        assert row[1] == model["name"]
        assert row[3] == f"{model['context_window']:,}" if model["context_window"] else row[3] == "unknown"


def test_rank_rows_hold_whole_names_ids_and_routes() -> None:
    lines = ok("rank", "--limit", "15", *ON)
    for model in as_json("rank", "--limit", "15", *ON)["models"]:
        row = row_of(lines, str(model["rank"]))
        assert row[1:4] == [model["model"]["name"], model["model"]["id"], model["provider"]["name"]]


def test_cost_rows_hold_whole_provider_names() -> None:
    lines = ok("cost", "gpt-5.5", "--routes", "all", *ON)
    view = as_json("cost", "gpt-5.5", "--routes", "all", *ON)
    assert lines[0] == f"{view['model']['name']}: monthly cost by route"
    for route in view["routes"]:
        name = route["provider"]["name"] + (
            f" @{route['route'].split('@', 1)[1]}" if "@" in route["route"] else ""
        )
        assert [x for x in lines if cells(x)[0] == name], name


def test_show_rows_hold_whole_facts_and_prices() -> None:
    lines = ok("show", "claude-opus-4-7", *ON)
    view = as_json("show", "claude-opus-4-7", *ON)
    facts = {f["field"]: f["value"] for f in view["facts"]}
    assert row_of(lines, "Context window")[1] == f"{facts['context_window']:,} tokens"
    assert row_of(lines, "Name")[1] == facts["name"]
    providers = {cells(x)[0] for x in lines}
    assert {r["provider"]["name"] for r in view["routes"]} <= providers


def test_compare_answer_and_full_hold_whole_lines() -> None:
    pair = ["claude-opus-4-7", "gpt-5.5", *ON]
    answer = ok("compare", *pair)
    data = as_json("compare", *pair)
    for cost in data["facts"]["monthly"]["costs"]:
        name = next(m["name"] for m in data["models"] if m["id"] == cost["model"])
        assert [x for x in answer if x.startswith(f"  {name}: {cost['monthly']['text']} a month on ")], name
    scorecard = answer.index("Each signal and who leads it")
    assert cells(answer[scorecard + 1])[:3] == ["Signal", "Claude Opus 4.7", "GPT-5.5"]
    full = ok("compare", *pair, "--full")
    assert len(full) > 3 * len(answer)
    assert set(answer[:scorecard]) <= set(full)


def test_check_review_export_and_identity_print_whole_lines(tmp_path: Path) -> None:
    mini = str(write_catalog(tmp_path / "data"))
    checked = ok("check", "--stats", "--data", mini)
    assert checked[0].startswith("0 error(s)")
    assert row_of(checked, "models")[1].isdigit()
    reviews = tmp_path / "reviews.json"
    reviews.write_text("[]")
    assert ok("review", str(reviews), "--data", mini)[0] == "0 model(s) reviewed; 0 matched no model:"
    [wrote] = ok("export", "sqlite", str(tmp_path / "c.db"), "--data", mini)
    assert re.fullmatch(r"wrote .*c\.db \(\d+ models, \d+ routes\)", wrote)
    proposals = "\n".join(ok("identity", "propose", "--data", mini))
    tomllib.loads(proposals)  # printed as it is: a file to review
    empty = tmp_path / "none.toml"
    empty.write_text("")
    assert ok("identity", "apply", str(empty), "--data", mini) == [
        "wrote 0 decision(s); run `modelvs sync --write` to merge the models"
    ]


def test_reprice_rows_hold_every_column_in_a_pipe() -> None:
    lines = ok("reprice", str(FIXTURES / "usage.csv"), "--as", "claude-opus-4-7")
    assert lines[0] == "Usage re-priced"
    found = [x for x in lines if cells(x)[0] == "Claude Opus 4.7"]
    assert found
    assert all(len(cells(x)) > 4 for x in found)  # token counts too: a terminal drops them, a pipe does not


def test_sync_prints_one_whole_line_per_change(tmp_path: Path) -> None:
    data = write_catalog(tmp_path / "data")
    for name in ("benchmarks/aider-polyglot.toml", "sources/aider.toml"):
        if (ROOT / "data" / name).exists():
            (data / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / "data" / name, data / name)
    result = piped("sync", "--source", "aider", "--data", str(data))
    lines = result.output.splitlines()
    assert any(re.match(r"\d+ file\(s\) touched: ", x) for x in lines), result.output
    assert any(x.startswith("aider: ") for x in lines)


@pytest.mark.parametrize(
    "args",
    [["models", "--search", "claude", *ON], ["compare", "gpt-5.5", "claude-opus-4-7", *ON]],
    ids=["models", "compare"],
)
def test_a_real_pipe_gets_plain_text(args: list[str]) -> None:
    env = {**os.environ, "COLUMNS": "40", "TERM": "xterm-256color"}
    code = "from modelvs.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "…" not in done.stdout
    assert "\x1b" not in done.stdout
    assert BOX.findall(done.stdout) == []
    assert max(len(line) for line in done.stdout.splitlines()) > 40  # nothing wrapped to COLUMNS


def test_plain_is_plain_in_a_terminal_too(monkeypatch: pytest.MonkeyPatch) -> None:
    import modelvs.cli.output as output

    monkeypatch.setattr(output, "_isatty", lambda stream: True)  # a terminal on stdout
    boxed = CliRunner().invoke(app, ["cost", "gpt-5.5", *ON], env={"COLUMNS": "200"})
    plain = CliRunner().invoke(app, ["cost", "gpt-5.5", "--plain", *ON], env={"COLUMNS": "200"})
    assert BOX.findall(boxed.output)
    assert not BOX.findall(plain.output)
    assert plain.output.splitlines()[0] == "GPT-5.5: monthly cost by route"
