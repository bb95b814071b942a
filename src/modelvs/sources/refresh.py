"""Reading a source from its public URL (`sync --fetch`) or a URL given with `--path`.

A live read downloads (`sources.live`), checks the shape by parsing and translating the bytes, and
only then keeps the snapshot; the proposal records the snapshot it came from (the source record's
`version` is the snapshot id, `retrieved` its date, `kind` url). A source that fails (timeout, 5xx,
truncated body, over the size limit, a changed schema) keeps nothing and proposes nothing here; the
sync then proposes it as the catalog holds it (`outcome.kept`), so its values stay as they were
while the others refresh.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import httpx2

from modelvs.sources import openrouter
from modelvs.sources.live import Answer, FetchError, Policy, get
from modelvs.sources.outcome import Outcome, Read, State, as_live
from modelvs.sources.registry import Shape, Source
from modelvs.sources.snapshots import Snapshot, Snapshots


def fetched(
    source: Source,
    url: str,
    *,
    http: httpx2.Client,
    store: Snapshots,
    policy: Policy,
    now: dt.datetime,
) -> Read:
    """The source from `url`, its latest snapshot reused when nothing is new."""
    if source.read is None:
        return Read(Outcome(source.id, "failed", None, "it has no reader for downloaded bytes"), None)
    latest = store.latest(source.id)
    try:
        answer, body = _download(source.shape, url, http, policy, latest, store)
        snapshot = store.identify(source.id, url, body, now)
    except FetchError as exc:
        return Read(Outcome(source.id, "failed", None, f"{url}: {exc}"), None)
    try:
        proposal = source.read(body, snapshot.day, snapshot.id)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        return Read(Outcome(source.id, "failed", None, f"{url}: changed schema: {_short(exc)}"), None)
    unchanged = latest is not None and snapshot.id == latest.id
    snapshot = store.revalidated(snapshot, answer.etag, answer.last_modified)
    snapshot = store.keep(snapshot, None if unchanged else body)
    detail = "not modified" if answer.status == 304 else "same bytes" if unchanged else url
    state: State = "unchanged" if unchanged else "new"
    return Read(Outcome(source.id, state, snapshot.id, detail), as_live(proposal, snapshot))


def _download(
    shape: Shape,
    url: str,
    http: httpx2.Client,
    policy: Policy,
    latest: Snapshot | None,
    store: Snapshots,
) -> tuple[Answer, bytes]:
    """The answer to the first request, and the snapshot's bytes (the kept ones after a 304)."""
    same = latest is not None and latest.url == url
    answer = get(
        http,
        url,
        policy,
        etag=latest.etag if same and latest else None,
        last_modified=latest.last_modified if same and latest else None,
    )
    if answer.status == 304:
        if latest is None:
            raise FetchError("304 Not Modified without a kept snapshot to reuse")
        return answer, store.read(latest)
    if shape == "manifest":
        return answer, _by_manifest(url, answer.body, http, policy, latest, store)
    if shape == "per-model":
        return answer, _with_endpoints(url, answer.body, http, policy)
    return answer, answer.body


def _by_manifest(
    url: str, manifest: bytes, http: httpx2.Client, policy: Policy, latest: Snapshot | None, store: Snapshots
) -> bytes:
    """model-prices: the manifest names the snapshot by its sha256, kept at `<sha256>.json` beside it."""
    try:
        digest = json.loads(manifest)["sha256"]
    except (ValueError, KeyError, TypeError):
        raise FetchError("changed schema: the manifest names no sha256") from None
    if not isinstance(digest, str) or len(digest) != 64:
        raise FetchError("changed schema: the manifest's sha256 is not a sha256")
    if latest is not None and latest.sha256 == digest:
        return store.read(latest)
    body = get(http, f"{url.rsplit('/', 1)[0]}/{digest}.json", policy).body
    if hashlib.sha256(body).hexdigest() != digest:
        raise FetchError(f"{digest}.json does not match its sha256 (truncated or replaced)")
    return body


def _with_endpoints(url: str, models: bytes, http: httpx2.Client, policy: Policy) -> bytes:
    """OpenRouter: the models answer and each listed model's endpoints answer, as one snapshot."""
    try:
        ids = [row["id"] for row in json.loads(models)["data"]]
    except (ValueError, KeyError, TypeError):
        raise FetchError("changed schema: the models answer has no data[].id") from None
    answers = {}
    for mid in ids:
        try:
            answers[mid] = get(http, openrouter.endpoints_url(url, mid), policy).body
        except FetchError as exc:
            raise FetchError(f"endpoints of {mid}: {exc}") from None
    return openrouter.live_snapshot(models, answers)


def _short(exc: Exception, limit: int = 300) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
