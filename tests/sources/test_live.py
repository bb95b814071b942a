"""The HTTP layer against a real server on loopback: conditional GETs, retries, limits, failures."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest

from modelvs.sources.live import FetchError, Policy, client, get
from tests.sources.recorded_server import PATHS, Recorded, served_file, serving

FAST = Policy(timeout=0.5, retries=2, backoff=0.01)


@pytest.fixture
def server() -> Iterator[Recorded]:
    with serving() as running:
        yield running


def test_a_first_get_takes_the_body_and_its_validators(server: Recorded) -> None:
    with client(FAST) as http:
        answer = get(http, server.url("models-dev"), FAST)
    body = served_file("models-dev").read_bytes()
    assert (answer.status, answer.body) == (200, body)
    assert answer.etag == f'"{hashlib.sha256(body).hexdigest()[:20]}"'
    assert answer.last_modified == "Sat, 05 Dec 2026 06:00:00 GMT"


def test_a_conditional_get_of_an_unchanged_file_is_answered_304(server: Recorded) -> None:
    with client(FAST) as http:
        first = get(http, server.url("litellm"), FAST)
        again = get(http, server.url("litellm"), FAST, etag=first.etag, last_modified=first.last_modified)
    assert (again.status, again.body) == (304, b"")
    assert server.statuses(PATHS["litellm"]) == [200, 304]


def test_a_passing_failure_is_tried_again_after_a_growing_pause(server: Recorded) -> None:
    server.flaky[PATHS["aider"]] = 2
    pauses: list[float] = []
    with client(FAST) as http:
        answer = get(http, server.url("aider"), FAST, sleep=pauses.append)
    assert answer.status == 200
    assert pauses == [0.01, 0.02]
    assert server.statuses(PATHS["aider"]) == [503, 503, 200]


@pytest.mark.parametrize(
    ("failure", "reason", "requests"),
    [
        ("503", "HTTP 503 (after 3 tries)", 3),
        ("timeout", "timed out (limit 0.5 s) (after 3 tries)", 0),
        ("truncated", "(after 3 tries)", 3),
        ("too-big", "answer of 209,715,200 bytes is over the 67,108,864-byte limit", 1),
    ],
)
def test_a_failure_that_lasts_is_named(server: Recorded, failure: str, reason: str, requests: int) -> None:
    server.failures[PATHS["genai-prices"]] = failure
    with client(FAST) as http, pytest.raises(FetchError) as failed:
        get(http, server.url("genai-prices"), FAST, sleep=lambda _: None)
    assert str(failed.value).endswith(reason)
    if failure == "truncated":
        assert "truncated" in str(failed.value)
    if requests:  # a timed-out answer is logged after the client gave up
        assert len(server.statuses(PATHS["genai-prices"])) == requests


def test_an_answer_of_no_declared_size_is_cut_off_at_the_limit(server: Recorded) -> None:
    server.failures[PATHS["models-dev"]] = "unsized"
    small = Policy(timeout=1, retries=0, max_bytes=1000)
    with client(small) as http, pytest.raises(FetchError, match=r"more than .* over the 1,000-byte limit"):
        get(http, server.url("models-dev"), small)
    with client(small) as http:
        whole = get(http, server.url("models-dev"), Policy(timeout=1, retries=0))
    assert whole.body == served_file("models-dev").read_bytes()


def test_a_missing_file_is_not_tried_again(server: Recorded) -> None:
    with client(FAST) as http, pytest.raises(FetchError, match=r"^HTTP 404$"):
        get(http, server.base + "/nothing-here.json", FAST)
    assert server.statuses("/nothing-here.json") == [404]
