"""No route is ever cheapest because of a price it does not publish (the shipped catalog)."""

from __future__ import annotations

from modelvs.catalog.lifecycle import is_current
from modelvs.catalog.trust import assess, lab_route
from modelvs.engine.monthly import cheapest_route, model_costs
from modelvs.engine.pricing import gap_for, schedule_for
from modelvs.engine.workload import Profile, Workload
from modelvs.schema.vocab import ModelKind, PriceMode
from tests.engine.test_pricing import ON, shipped


def test_an_incomplete_route_never_wins_at_tier_edges_with_or_without_cache() -> None:
    catalog = shipped()
    cases = wins_checked = unknown = 0
    for model_id, model in catalog.models.items():
        own = lab_route(catalog, model_id)
        if model.kind not in (None, ModelKind.TEXT) or own is None or not is_current(model, ON):
            continue
        schedule = schedule_for(catalog.routes[own], PriceMode.STANDARD, ON)
        if schedule is None or not (schedule.tiers or schedule.cache_read is not None):
            continue
        prompts = {800} | {t.threshold + d for t in schedule.tiers for d in (-1, 0, 1)}
        for prompt in sorted(prompts):
            for cached in (0, prompt // 2):
                workload = Workload(1, (Profile(prompt, 250, cached),))
                request = workload.profiles[0].request(PriceMode.STANDARD)
                cases += 1
                for cost in model_costs(catalog, model_id, workload, ON):
                    missing = gap_for(assess(catalog, cost.route, ON).gaps, request, PriceMode.STANDARD)
                    if missing is not None:
                        unknown += 1
                        assert cost.monthly is None, (cost.route, prompt, cached)
                        assert cost.incomplete == missing or cost.impossible is not None
                winner = cheapest_route(catalog, model_id, workload, ON)
                if winner is not None:
                    wins_checked += 1
                    assert (
                        gap_for(assess(catalog, winner.route, ON).gaps, request, PriceMode.STANDARD) is None
                    )
    assert cases > 1000
    assert wins_checked > 1000
    assert unknown > 100  # the catalog has such routes: the check is not vacuous
