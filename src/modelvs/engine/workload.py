"""Requests and workloads: what the reader's traffic looks like."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from modelvs.schema.vocab import PriceMode


@dataclass(frozen=True)
class Request:
    """One API request's token counts.

    `input_tokens` is the whole prompt: uncached input plus `cached_tokens` (read from the
    cache) plus `cache_write_tokens` (written to it). `output_tokens` is the visible answer;
    `reasoning_tokens` are thinking tokens billed on top of it.
    """

    input_tokens: int
    output_tokens: int
    cached_tokens: int = 0
    cache_write_tokens: int = 0
    reasoning_tokens: int = 0
    mode: PriceMode = PriceMode.STANDARD
    cache_ttl: str = "default"
    """Which cache-write rate applies (`5m`, `1h`; `default` takes the first listed)."""

    def __post_init__(self) -> None:
        counts = (
            self.input_tokens,
            self.output_tokens,
            self.cached_tokens,
            self.cache_write_tokens,
            self.reasoning_tokens,
        )
        if any(c < 0 for c in counts):
            raise ValueError("token counts cannot be negative")
        if self.cached_tokens + self.cache_write_tokens > self.input_tokens:
            raise ValueError("cached and cache-write tokens are part of the input and cannot exceed it")

    @property
    def prompt_tokens(self) -> int:
        """What a cliff tier compares with its threshold: the whole prompt."""
        return self.input_tokens

    @property
    def uncached_tokens(self) -> int:
        return self.input_tokens - self.cached_tokens - self.cache_write_tokens


@dataclass(frozen=True)
class Profile:
    """One kind of request in a workload, and its share of the requests."""

    input_tokens: int
    output_tokens: int
    cached_tokens: int = 0
    reasoning_tokens: int = 0
    share: Decimal = Decimal(1)

    def request(self, mode: PriceMode) -> Request:
        return Request(
            self.input_tokens,
            self.output_tokens,
            cached_tokens=self.cached_tokens,
            reasoning_tokens=self.reasoning_tokens,
            mode=mode,
        )


@dataclass(frozen=True)
class Workload:
    """A month of traffic: how many requests, of which kinds, and how much runs in batch."""

    requests_per_month: int
    profiles: tuple[Profile, ...] = field(default_factory=lambda: (Profile(800, 250),))
    batch_share: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        if self.requests_per_month < 0:
            raise ValueError("requests per month cannot be negative")
        if not self.profiles:
            raise ValueError("a workload needs at least one request profile")
        if any(not 0 <= p.share <= 1 for p in self.profiles):
            raise ValueError("a profile's share must be between 0 and 1")
        if sum(p.share for p in self.profiles) != 1:
            raise ValueError("profile shares must add up to 1")
        for profile in self.profiles:
            profile.request(PriceMode.STANDARD)  # a bad profile fails here, not later when priced
        if not 0 <= self.batch_share <= 1:
            raise ValueError("batch share must be between 0 and 1")

    @classmethod
    def of(
        cls,
        requests_per_month: int = 1_000_000,
        input_tokens: int = 800,
        output_tokens: int = 250,
        *,
        cached_tokens: int = 0,
        reasoning_tokens: int = 0,
        batch_share: Decimal | int | str = 0,
    ) -> Workload:
        """One kind of request, `requests_per_month` times a month (defaults: `DEFAULT_WORKLOAD`).

        `batch_share` is exact: a `Decimal`, an int or decimal text (`"0.5"`), never a float.
        """
        if isinstance(batch_share, float):
            raise TypeError("batch_share takes a Decimal, an int or decimal text such as '0.5', not a float")
        profile = Profile(input_tokens, output_tokens, cached_tokens, reasoning_tokens)
        return cls(requests_per_month, (profile,), Decimal(batch_share))

    @property
    def input_tokens(self) -> Decimal:
        """Input tokens a month, across profiles."""
        return sum((self.requests_per_month * p.share * p.input_tokens for p in self.profiles), Decimal(0))

    @property
    def output_tokens(self) -> Decimal:
        """Output (and reasoning) tokens a month, across profiles."""
        return sum(
            (
                self.requests_per_month * p.share * (p.output_tokens + p.reasoning_tokens)
                for p in self.profiles
            ),
            Decimal(0),
        )


DEFAULT_WORKLOAD = Workload(1_000_000, (Profile(800, 250),))
"""1M requests a month of 800 input and 250 output tokens: 800M in, 250M out a month.

The traffic that reproduces the reference comparison page's monthly figures; always shown
with the result and always editable.
"""


def describe(workload: Workload) -> str:
    """The workload in one phrase, always shown with a cost."""
    parts = []
    for p in workload.profiles:
        extra = []
        if p.cached_tokens:
            extra.append(f"{p.cached_tokens:,} of them cached")
        if p.reasoning_tokens:
            extra.append(f"{p.reasoning_tokens:,} reasoning tokens")
        tail = f" ({', '.join(extra)})" if extra else ""
        share = "" if len(workload.profiles) == 1 else f"{p.share * 100:g}% "
        parts.append(f"{share}{p.input_tokens:,} input and {p.output_tokens:,} output tokens{tail}")
    batch = f"; {workload.batch_share * 100:g}% in batch mode" if workload.batch_share else ""
    n = workload.requests_per_month
    return f"{n:,} request{'' if n == 1 else 's'} a month of {' / '.join(parts)}{batch}"
