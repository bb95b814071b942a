"""What a log's provider and model name: the catalog's model and the route that billed it.

Each distinct (provider, model) pair of a log is resolved once. A log that names no provider is
priced on the lab's own API (and says so); a provider name is read through the table of log
vocabularies (`usage.providers`). Also here: the prompt and answer sizes at which a route's
price or limits change (its tier thresholds and limits), which decide how rows may be grouped.
"""

from __future__ import annotations

from dataclasses import dataclass

from modelvs.catalog import AmbiguousModelError, Catalog, UnknownModelError
from modelvs.catalog.layout import route_id, route_model
from modelvs.catalog.trust import lab_route
from modelvs.engine.monthly import kept
from modelvs.engine.plans import route_limits
from modelvs.schema.vocab import ThresholdComparison
from modelvs.usage.providers import provider_candidates

NO_PROVIDER = "The log names no provider for some rows: they are priced on the lab's own API."


@dataclass(frozen=True)
class Served:
    """A (provider, model) pair of the log, resolved."""

    key: int
    name: str
    """The model as the log names it."""
    provider_name: str | None
    """The provider as the log names it."""
    model: str | None
    """The canonical model id, when the name resolves."""
    route: str | None
    """The route that billed it, when known."""
    why: str | None
    """Why the rows cannot be priced as they were (unknown model or provider, no route)."""
    note: str | None = None


def serve(catalog: Catalog, key: int, provider: str | None, name: str) -> Served:
    """Resolve one (provider, model) pair of a log."""
    if not name.strip():
        return Served(key, name, provider, None, None, "the log names no model")
    try:
        model = catalog.resolve(name)
    except AmbiguousModelError as err:
        return Served(
            key, name, provider, None, None, f"ambiguous model name: {', '.join(err.suggestions[:4])}"
        )
    except UnknownModelError:
        return Served(key, name, provider, None, None, "unknown model")
    if provider is None or not provider.strip():
        own = lab_route(catalog, model)
        if own is None:
            return Served(
                key, name, provider, model, None, "no provider named, and the lab sells it on no API"
            )
        return Served(key, name, provider, model, own, None, NO_PROVIDER)
    candidates = provider_candidates(provider, frozenset(catalog.providers))
    if not candidates:
        return Served(key, name, provider, model, None, f"unknown provider {provider[:60]!r}")
    for candidate in candidates:
        found = route_id(candidate, model)
        if found in catalog.routes:
            return Served(key, name, provider, model, found, None)
    return Served(
        key, name, provider, model, None, f"{candidates[0]} sells no route of {model} in the catalog"
    )


@dataclass(frozen=True)
class Points:
    """Where a route's bill changes with a request's size: the first prompt (and answer) size of
    each new tier or beyond each limit, ascending."""

    prompt: tuple[int, ...]
    answer: tuple[int, ...]


def route_points(catalog: Catalog, route: str) -> Points:
    """The route's `Points` (memoised per catalog)."""
    memo: dict[str, Points] = kept(catalog, ("reprice-points",), dict)
    found = memo.get(route)
    if found is None:
        found = memo[route] = _make_points(catalog, route)
    return found


def _make_points(catalog: Catalog, route: str) -> Points:
    model_id = route_model(route)
    limits = route_limits(catalog.models[model_id], catalog.routes[route])
    prompt: set[int] = set()
    answer: set[int] = set()
    limit = limits.max_input or limits.context_window
    if limit is not None:
        prompt.add(limit + 1)
    if limits.max_output is not None:
        answer.add(limits.max_output + 1)
    own = lab_route(catalog, model_id)
    # The lab's thresholds too: a route that lacks the lab's tier is unknown above it (a gap).
    for rid in {route, own} - {None}:
        assert rid is not None
        for schedule in catalog.routes[rid].prices:
            for tier in schedule.tiers:
                prompt.add(
                    tier.threshold if tier.comparison is ThresholdComparison.GE else tier.threshold + 1
                )
    return Points(tuple(sorted(prompt)), tuple(sorted(answer)))


def merged(points: list[Points]) -> Points:
    return Points(
        tuple(sorted({p for found in points for p in found.prompt})),
        tuple(sorted({p for found in points for p in found.answer})),
    )
