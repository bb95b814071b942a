"""`modelvs identity propose` and `apply`, then a sync that carries the decision out."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from modelvs.catalog import tomlio
from modelvs.cli import app
from tests.minicatalog import FILES, write_catalog

runner = CliRunner()
MODEL = "models/openai/gpt-4o-2024-11-20.toml"
ROUTE = "routes/openai/openai/gpt-4o-2024-11-20.toml"


def test_a_reviewed_proposal_becomes_a_decision_file(tmp_path: Path) -> None:
    twin = FILES[MODEL].replace('models-dev = ["gpt-4o-2024-11-20"]', 'models-dev = ["gpt-4o-twin"]')
    root = write_catalog(
        tmp_path / "data",
        {"models/openai/gpt-4o-twin.toml": twin, "routes/openai/openai/gpt-4o-twin.toml": FILES[ROUTE]},
    )
    out = tmp_path / "proposals.toml"
    result = runner.invoke(app, ["identity", "propose", "--out", str(out), "--data", str(root)])
    assert result.exit_code == 0, result.output
    proposals = tomlio.loads(out.read_text())["proposal"]
    [same_name] = [p for p in proposals if p["rule"].startswith("one display name")]
    assert {same_name["into"], *same_name["ids"]} == {"openai/gpt-4o-2024-11-20", "openai/gpt-4o-twin"}
    # Approving without a reason or a url is refused, and nothing is written.
    same_name["approve"] = True
    out.write_text(tomlio.dumps({"proposal": [same_name]}))
    refused = runner.invoke(app, ["identity", "apply", str(out), "--data", str(root)])
    assert refused.exit_code == 2
    assert "needs a reason and a" in refused.output
    assert not (root / "identity").exists()
    same_name |= {"reason": "one model", "url": "https://example.com/models"}
    out.write_text(tomlio.dumps({"proposal": [same_name]}))
    applied = runner.invoke(app, ["identity", "apply", str(out), "--data", str(root)])
    assert applied.exit_code == 0, applied.output
    [decision] = (root / "identity").glob("*.toml")
    written = tomlio.loads(decision.read_text())
    assert (written["action"], written["into"]) == ("merge", same_name["into"])
    checked = runner.invoke(app, ["check", "--data", str(root)])
    assert checked.exit_code == 0, checked.output


def test_two_merges_into_one_model_keep_a_file_each_and_a_second_apply_adds_none(tmp_path: Path) -> None:
    root = write_catalog(tmp_path / "data")
    rows = [
        {
            "into": "openai/gpt-4o-2024-11-20",
            "ids": [i],
            "approve": True,
            "reason": "r",
            "url": "https://e.com",
        }
        for i in ("openai/a", "openai/b")
    ]
    out = tmp_path / "proposals.toml"
    out.write_text(tomlio.dumps({"proposal": rows}))
    for _ in range(2):
        applied = runner.invoke(app, ["identity", "apply", str(out), "--data", str(root)])
        assert applied.exit_code == 0, applied.output
    written = sorted(tomlio.loads(p.read_text())["ids"][0] for p in (root / "identity").glob("*.toml"))
    assert written == ["openai/a", "openai/b"]
