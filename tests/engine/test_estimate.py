"""Float estimates lie within their stated error of the exact totals, and are None exactly when
the exact total is."""

from __future__ import annotations

import random
from decimal import Decimal

from modelvs.engine.estimate import relative_error, request_estimate
from modelvs.engine.plans import plan_for
from modelvs.engine.pricing import request_total
from tests.engine.test_fast_path import requests_for
from tests.engine.test_pricing import ON, shipped


def test_request_estimates_are_within_their_error_on_every_route() -> None:
    catalog = shipped()
    rng = random.Random(3)
    bound = Decimal(relative_error(1))
    checked = unpriced = 0
    for route_id in catalog.routes:
        for request in requests_for(catalog, route_id, rng):
            exact = request_total(catalog, route_id, request, ON)
            estimate = request_estimate(plan_for(catalog, route_id, request.mode, ON), request)
            assert (estimate is None) == (exact is None), (route_id, request)
            if exact is None or estimate is None:
                unpriced += 1
                continue
            assert abs(Decimal(estimate) - exact) <= bound * exact, (route_id, request, estimate, exact)
            checked += 1
    assert checked > 20_000
    assert unpriced > 1_000
