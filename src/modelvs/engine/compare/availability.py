"""Where the models run: providers serving all of them (for A/B tests), and each model's routes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from modelvs.catalog import Catalog

from .costs import fig
from .offers import ModelRoutes
from .types import Figure, Names, join


@dataclass(frozen=True)
class SharedProvider:
    provider: str
    name: str
    costs: tuple[Figure | None, ...]
    """Monthly cost of each compared model on this provider (None: unpriced there)."""


@dataclass(frozen=True)
class SharedProvidersFact:
    """Providers that serve every compared model: where an A/B test needs one account."""

    kind: ClassVar[str] = "shared_providers"
    models: tuple[str, ...]
    providers: tuple[SharedProvider, ...]

    def sentence(self, names: Names) -> str:
        who = join([names[m] for m in self.models])
        if not self.providers:
            return (
                f"No provider in the catalog serves {who} together, so an A/B test needs separate accounts."
            )
        parts = []
        for p in self.providers:
            figures = [f.text if f else "no price" for f in p.costs]
            parts.append(f"{p.name} ({' vs '.join(figures)} a month)")
        return f"{len(self.providers)} providers serve {who}, for A/B tests on one account: {join(parts)}."


def shared_providers_fact(catalog: Catalog, offers: tuple[ModelRoutes, ...]) -> SharedProvidersFact:
    maps = [o.by_provider() for o in offers]
    common = set(maps[0]).intersection(*maps[1:])
    rows = []
    for pid in sorted(common, key=lambda p: (catalog.providers[p].name.lower(), p)):
        figs = tuple(fig(m[pid].monthly) if m[pid].monthly is not None else None for m in maps)  # type: ignore[arg-type]
        rows.append(SharedProvider(pid, catalog.providers[pid].name, figs))
    return SharedProvidersFact(tuple(o.model for o in offers), tuple(rows))


@dataclass(frozen=True)
class RoutesFact:
    """Where each model runs: all providers serving it, and how many can price the workload."""

    kind: ClassVar[str] = "routes"
    models: tuple[str, ...]
    providers: tuple[tuple[str, ...], ...]
    """Provider display names per model, cheapest at the workload first."""
    route_ids: tuple[tuple[str, ...], ...]
    """The same routes' ids, in the same order."""
    monthly: tuple[tuple[Figure | None, ...], ...]
    """The same routes' monthly cost at the workload, fees included (None: no price for it)."""
    priced: tuple[int, ...]
    """Routes per model that publish a price for the workload."""

    def sentence(self, names: Names) -> str:
        parts = [
            f"{names[m]} on {len(p)} provider{'s' if len(p) != 1 else ''} ({n} with a price for your traffic)"
            for m, p, n in zip(self.models, self.providers, self.priced, strict=True)
        ]
        return f"In the catalog, {join(parts)}."


def routes_fact(catalog: Catalog, offers: tuple[ModelRoutes, ...]) -> RoutesFact:
    return RoutesFact(
        tuple(o.model for o in offers),
        tuple(tuple(catalog.providers[c.provider].name for c in o.costs) for o in offers),
        tuple(tuple(c.route for c in o.costs) for o in offers),
        tuple(tuple(fig(c.monthly) if c.monthly is not None else None for c in o.costs) for o in offers),
        tuple(sum(1 for c in o.costs if c.monthly is not None) for o in offers),
    )
