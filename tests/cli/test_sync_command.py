"""`modelvs sync --fetch` against the recorded server on loopback: it gives the catalog a read of the
same files gives, a run that finds nothing new writes nothing, a failing source is named and leaves
the catalog as it was, big moves on a flagship are held, and two syncs at once lose nothing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from modelvs.catalog import tomlio
from modelvs.cli import app
from modelvs.sources import openrouter
from tests.minicatalog import write_catalog
from tests.sources.live_record import LIVE
from tests.sources.recorded_server import FAILURES, PATHS, Recorded, served_file, serving

ROOT = Path(__file__).resolve().parents[2]
SERVED = ("models-dev", "genai-prices", "litellm", "model-prices", "openrouter", "aider")
OPENROUTER_FAQ = """
name = "OpenRouter"
kind = "aggregator"
trust = "established"
trust_reason = "An aggregator with per-token list prices."
[citations.openrouter-faq]
source = "modelvs"
url = "https://openrouter.ai/docs/faq"
[citations.review]
source = "modelvs"
[provenance]
name = "review"
kind = "review"
trust = "review"
trust_reason = "review"
"""
ARENA_RESULT = """
[citations.lmarena]
source = "lmarena"
locator = "ratings.tasks.overall.openai / gpt-5"
[[results]]
benchmark = "lmarena"
category = "overall"
score = 1440.1
low = 1436.0
high = 1444.2
samples = 20000
date = 2026-10-20
self_reported = false
source_name = "GPT-5"
citation = "lmarena"
"""


def catalog(root: Path) -> Path:
    """The mini catalog, with what the served sources' records need (a curated OpenRouter fee
    citation, the benchmarks), and an Arena rating that makes GPT-5 a flagship once its lab route
    exists."""
    data = write_catalog(root, {"providers/openrouter.toml": OPENROUTER_FAQ})
    for name in ("benchmarks/aider-polyglot.toml", "benchmarks/lmarena.toml", "sources/lmarena.toml"):
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "data" / name, data / name)
    (data / "results/lmarena/openai").mkdir(parents=True)
    (data / "results/lmarena/openai/gpt-5.toml").write_text(ARENA_RESULT.lstrip())
    return data


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def stamps(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in sorted(root.rglob("*"))}


@pytest.fixture
def server() -> Iterator[Recorded]:
    with serving() as running:
        yield running


def sync(data: Path, cache: Path, *args: str) -> Result:
    chosen = [a for s in SERVED for a in ("-s", s)]
    fast = ["--retries", "0", "--timeout", "1"]
    argv = ["sync", "--data", str(data), *chosen, *fast, *args]
    return CliRunner().invoke(app, argv, env={"MODELVS_CACHE": str(cache), "COLUMNS": "200"})


def fetch(data: Path, cache: Path, server: Recorded, *args: str) -> Result:
    return sync(data, cache, "--fetch", *server.paths(*SERVED), *args)


def test_a_fetch_gives_the_catalog_that_reading_the_same_files_gives(
    server: Recorded, tmp_path: Path
) -> None:
    fetched = catalog(tmp_path / "fetched")
    result = fetch(fetched, tmp_path / "cache", server, "--write")
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output

    # The same bytes read as files: OpenRouter's as the snapshot a fetch keeps (with endpoints).
    models = served_file("openrouter").read_bytes()
    answers = {
        p.relative_to(LIVE / "openrouter/endpoints").with_suffix("").as_posix(): p.read_bytes()
        for p in (LIVE / "openrouter/endpoints").rglob("*.json")
    }
    snapshot = tmp_path / "openrouter.json"
    snapshot.write_bytes(openrouter.live_snapshot(models, answers))
    model_prices = next(p for p in (LIVE / "model-prices").iterdir() if p.name != "latest.json")
    local = {s: served_file(s) for s in SERVED} | {"openrouter": snapshot, "model-prices": model_prices}
    read = catalog(tmp_path / "read")
    paths = [a for s, p in local.items() for a in ("--path", f"{s}={p}")]
    result = sync(read, tmp_path / "cache2", *paths, "--write")
    assert result.exit_code == 0, result.output

    a, b = files(fetched), files(read)
    assert a.keys() == b.keys()
    records = {n for n in a if not n.startswith(("sources/", "changes/"))}
    assert len(records) > 30
    assert [n for n in sorted(records) if a[n] != b[n]] == []
    # Only where the data came from differs: a snapshot of a URL, or a file.
    for name in sorted(n for n in a if n.startswith("sources/")):
        live, local_read = tomlio.loads(a[name].decode()), tomlio.loads(b[name].decode())
        if name.removeprefix("sources/").removesuffix(".toml") in SERVED:
            assert live["kind"] == "url"
            assert str(live["version"]).startswith(f"{live['retrieved']:%Y%m%d}T")
        for key in ("kind", "version", "retrieved", "package"):
            live.pop(key, None)
            local_read.pop(key, None)
        assert live == local_read, name


def test_a_run_that_finds_nothing_new_writes_nothing(server: Recorded, tmp_path: Path) -> None:
    data = catalog(tmp_path / "data")
    assert fetch(data, tmp_path / "cache", server, "--write").exit_code == 0
    before, times = files(data), stamps(data)
    again = fetch(data, tmp_path / "cache", server, "--write", "--report", str(tmp_path / "report.json"))
    assert again.exit_code == 0, again.output
    assert "nothing new: no file changes" in again.output
    assert (files(data), stamps(data)) == (before, times)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "data", "report.json"]
    for source in SERVED:  # every first request was answered 304
        assert server.statuses(PATHS[source])[-1] == 304, source
    report = json.loads((tmp_path / "report.json").read_text())
    assert {s["state"] for s in report["sources"]} == {"unchanged"}
    assert (report["written"], report["files_touched"], report["prices"]) == (False, 0, [])


FAILING = dict(
    zip(FAILURES, ("genai-prices", "models-dev", "litellm", "openrouter", "model-prices"), strict=True)
)


@pytest.mark.parametrize(("failure", "source"), sorted(FAILING.items()))
def test_a_failing_source_is_named_and_the_catalog_stays_byte_identical(
    server: Recorded, tmp_path: Path, failure: str, source: str
) -> None:
    data = catalog(tmp_path / "data")
    assert fetch(data, tmp_path / "cache", server, "--write").exit_code == 0
    before = files(data)
    server.failures[PATHS[source]] = failure
    result = fetch(data, tmp_path / "cache", server, "--write", "--report", str(tmp_path / "report.md"))
    assert result.exit_code == 0, result.output
    assert f"{source}: FAILED" in result.output
    assert files(data) == before
    report = (tmp_path / "report.md").read_text()
    assert f"- {source}: **failed**" in report
    assert "its values are kept as they were" in report


def test_the_other_sources_still_refresh_when_one_fails(server: Recorded, tmp_path: Path) -> None:
    data = catalog(tmp_path / "data")
    assert fetch(data, tmp_path / "cache", server, "--write").exit_code == 0
    route = data / "routes/openai/openai/gpt-5.toml"
    kept = route.read_bytes()
    server.failures[PATHS["genai-prices"]] = "503"
    body = (
        served_file("litellm").read_text().replace('"max_output_tokens": 16384', '"max_output_tokens": 32768')
    )
    server.bodies[PATHS["litellm"]] = body.encode()
    result = fetch(data, tmp_path / "cache", server, "--write")
    assert result.exit_code == 0, result.output
    assert "genai-prices: FAILED" in result.output
    assert "litellm: new" in result.output
    assert "max_output = 32768" in (data / "routes/openai/openai/gpt-4o-2024-11-20.toml").read_text()
    assert route.read_bytes() == kept  # genai-prices' prices stay as they were


def cut_price(text: str) -> str:
    """genai-prices' recorded file with GPT-5's input price cut to a tenth."""
    doc = json.loads(text)
    openai_ = next(p for p in doc if p["id"] == "openai")
    gpt5 = next(m for m in openai_["models"] if m["id"] == "gpt-5")
    prices = gpt5["prices"] if isinstance(gpt5["prices"], dict) else gpt5["prices"][-1]["prices"]
    prices["input_mtok"] = prices["input_mtok"] / 10
    return json.dumps(doc)


def test_a_big_move_on_a_flagships_lab_price_is_held_for_review(server: Recorded, tmp_path: Path) -> None:
    data = catalog(tmp_path / "data")
    assert fetch(data, tmp_path / "cache", server, "--write").exit_code == 0
    route = data / "routes/openai/openai/gpt-5.toml"
    kept = route.read_bytes()
    server.bodies[PATHS["genai-prices"]] = cut_price(served_file("genai-prices").read_text()).encode()
    result = fetch(data, tmp_path / "cache", server, "--write", "--report", str(tmp_path / "r.json"))
    assert result.exit_code == 0, result.output
    assert "held for review: openai:openai/gpt-5: standard input 1.25 -> 0.125" in result.output
    assert route.read_bytes() == kept
    held = json.loads((tmp_path / "r.json").read_text())["held"]
    assert [h["id"] for h in held] == ["openai:openai/gpt-5"]
    checked = CliRunner().invoke(
        app, ["check", "--data", str(data)], env={"MODELVS_CACHE": str(tmp_path / "c")}
    )
    assert checked.exit_code == 0, checked.output
    assert "held for review: openai:openai/gpt-5: standard input 1.25 -> 0.125" in checked.output
    assert "1 change(s) held for review" in checked.output
    again = fetch(data, tmp_path / "cache", server, "--write")
    assert "nothing new: no file changes" in again.output  # still held: nothing new to write
    accepted = fetch(data, tmp_path / "cache", server, "--write", "--accept", "openai:openai/gpt-5")
    assert accepted.exit_code == 0, accepted.output
    assert "input = 0.125" in route.read_text()
    checked = CliRunner().invoke(
        app, ["check", "--data", str(data)], env={"MODELVS_CACHE": str(tmp_path / "c")}
    )
    assert "held for review" not in checked.output


SYNC = [
    sys.executable,
    "-m",
    "modelvs.cli",
    "sync",
    "--fetch",
    "--write",
    "--retries",
    "0",
    "--timeout",
    "60",
]


def test_two_syncs_at_once_with_a_check_between_lose_nothing(server: Recorded, tmp_path: Path) -> None:
    data = catalog(tmp_path / "data")
    assert fetch(data, tmp_path / "cache", server, "--write").exit_code == 0
    before = files(data)
    server.bodies[PATHS["genai-prices"]] = cut_price(served_file("genai-prices").read_text()).encode()
    server.failures[PATHS["litellm"]] = "pause"  # the first sync waits here, holding the lock
    env = {**os.environ, "MODELVS_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    argv = [*SYNC, "--data", str(data), *(a for s in SERVED for a in ("-s", s)), *server.paths(*SERVED)]
    argv += ["--accept", "openai:openai/gpt-5"]
    with subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as first:
        assert server.paused.wait(60), "the first sync never reached the server"
        started = time.monotonic()
        second = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120, check=False)
        check = subprocess.run(
            [sys.executable, "-m", "modelvs.cli", "check", "--data", str(data)],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert first.poll() is None  # still waiting on the server, still holding the lock
        server.release.set()
        out, err = first.communicate(timeout=300)
    assert second.returncode == 75, second.stderr
    assert f"another sync (pid {first.pid}, started 20" in " ".join(second.stderr.split())
    assert time.monotonic() - started < 60  # refused at once, not after waiting
    assert check.returncode == 0, check.stdout + check.stderr
    assert first.returncode == 0, out + err
    assert "wrote" in out
    after = files(data)
    assert [n for n in before if n not in after] == []  # 0 files lost
    assert "input = 0.125" in (data / "routes/openai/openai/gpt-5.toml").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "data"]  # no staging, lock or backup left
    final = CliRunner().invoke(
        app, ["check", "--data", str(data)], env={"MODELVS_CACHE": str(tmp_path / "c")}
    )
    assert final.exit_code == 0, final.output


def test_kept_snapshots_let_a_checkout_rebuild_its_catalog_without_the_cache(
    server: Recorded, tmp_path: Path
) -> None:
    from modelvs.sources.outcome import kept
    from modelvs.sources.registry import BY_ID
    from modelvs.sources.snapshots import Snapshots
    from modelvs.sync.merge import merge
    from modelvs.sync.results import attach_results
    from modelvs.sync.run import steady
    from modelvs.sync.tree import read_records

    data, recorded = catalog(tmp_path / "data"), tmp_path / "recorded"
    result = fetch(data, tmp_path / "cache", server, "--write", "--keep-snapshots", str(recorded))
    assert result.exit_code == 0, result.output
    before = read_records(data)
    assert sorted(p.name for p in recorded.iterdir()) == sorted(SERVED)
    proposals = []
    for name in SERVED:
        record = before[("source", name)]
        assert [p.stem for p in (recorded / name).iterdir()] == [record["version"]]
        proposal = kept(BY_ID[name], record["version"], [Snapshots(recorded)], record["retrieved"])
        assert proposal is not None, name
        proposals.append(steady(before, proposal))
    today = before[("source", "models-dev")]["retrieved"]
    merged, _ = merge(before, proposals, today)
    after, _ = attach_results(merged, proposals)
    assert sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k)) == []
