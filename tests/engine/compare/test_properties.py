"""Properties over many random pairs of the real catalog: prose only says what the facts say."""

from __future__ import annotations

import random
import re

import pytest

from modelvs.catalog import Catalog
from modelvs.engine.compare import Comparison, compare, figures
from modelvs.engine.workload import DEFAULT_WORKLOAD

from .conftest import ON

PAIRS = 500
DOLLARS = re.compile(r"\$\d[\d,]*(?:\.\d+)?")


@pytest.fixture(scope="module")
def comparisons(catalog: Catalog) -> list[Comparison]:
    rng = random.Random(20261124)
    ids = sorted(catalog.models)
    return [compare(catalog, rng.sample(ids, 2), DEFAULT_WORKLOAD, ON) for _ in range(PAIRS)]


def sections(c: Comparison) -> dict[str, list[str]]:
    v = c.verdicts
    return {
        "prose": c.prose.sentences(),
        "tradeoffs": list(v.tradeoffs),
        **{f"switch {d.source}->{d.target}": list(d.bullets) for d in v.switch},
        "choose": list(v.choose),
        "faq": [q.answer for q in c.faq],
    }


def test_sentences_non_empty_and_unique(comparisons: list[Comparison]) -> None:
    for c in comparisons:
        bullets: list[str] = []
        for name, items in sections(c).items():
            assert all(s.strip() for s in items), name
            assert len(items) == len(set(items)), (name, items)
            if name != "prose" and name != "faq":
                bullets += items
        assert len(bullets) == len(set(bullets)), bullets


def test_every_dollar_amount_is_a_fact_figure(comparisons: list[Comparison]) -> None:
    for c in comparisons:
        known = {f.text for f in figures(c.facts)}
        for items in sections(c).values():
            for s in items:
                for amount in DOLLARS.findall(s):
                    assert amount.rstrip(".,") in known, (amount, s)


def test_cheaper_claims_agree_with_monthly_costs(comparisons: list[Comparison]) -> None:
    claims = 0
    for c in comparisons:
        monthly = c.facts.monthly
        costs = {x.model: x.monthly for x in monthly.costs}
        if " cheaper than " not in c.prose.verdict:
            assert not monthly.gaps
            continue
        claims += 1
        (lead,) = monthly.cheapest
        (gap,) = monthly.gaps
        low, high = costs[lead], costs[gap.model]
        assert low is not None
        assert high is not None
        assert low.value < high.value
        assert low.text != high.text
        expected = (
            f": {c.names[lead]} is {gap.amount.text} ({gap.share.text}) cheaper than {c.names[gap.model]}."
        )
        assert c.prose.verdict.endswith(expected)
    assert claims > 100


def test_larger_claims_agree_with_limits(comparisons: list[Comparison]) -> None:
    for c in comparisons:
        for lim in (c.facts.context_window, c.facts.max_output):
            sentence = lim.sentence(c.names)
            if " has the larger " in sentence:
                winner = next(m for m in lim.models if sentence.startswith(c.names[m] + " has the larger"))
                value = lim.values[lim.models.index(winner)]
                assert value is not None
                assert all(v is None or v.value <= value.value for v in lim.values)


def test_unknown_capability_never_reads_no(comparisons: list[Comparison], catalog: Catalog) -> None:
    for c in comparisons:
        caps = c.facts.capabilities
        for cap, states in caps.cells:
            for model, state in zip(caps.models, states, strict=True):
                stated = catalog.models[model].capabilities.get(cap)  # type: ignore[call-overload]
                assert state == {True: "yes", False: "no", None: "unknown"}[stated]
        for d in c.verdicts.switch:
            for b in d.bullets:
                if " lacks " in b:
                    j = caps.models.index(d.target)
                    lacked = [c2 for c2, s in caps.cells if s[j] == "no"]
                    assert lacked, b


def test_models_without_prices_or_limits_are_handled(comparisons: list[Comparison]) -> None:
    unpriced = [c for c in comparisons if any(x.monthly is None for x in c.facts.monthly.costs)]
    no_limits = [c for c in comparisons if any(v is None for v in c.facts.context_window.values)]
    assert unpriced
    assert no_limits
    for c in unpriced:
        assert "no published price" in c.prose.verdict or "no vetted route" in c.prose.verdict
        assert "cheaper" not in c.prose.verdict


def test_more_than_two_models(catalog: Catalog) -> None:
    rng = random.Random(3)
    ids = sorted(catalog.models)
    for n in (3, 10):
        c = compare(catalog, rng.sample(ids, n), DEFAULT_WORKLOAD, ON)
        # One move for more than two models: from every other model to the cheapest.
        [move] = c.verdicts.switch
        assert sorted((move.source, *move.also_from, move.target)) == sorted(m.id for m in c.models)
        assert len(c.facts.capabilities.differences) == n
        for rs in c.related:
            assert not {x.id for x in rs.candidates} & {m.id for m in c.models}


def test_rejects_bad_model_counts(catalog: Catalog) -> None:
    with pytest.raises(ValueError, match="2 to 10"):
        compare(catalog, ["openai/gpt-4o"], DEFAULT_WORKLOAD, ON)
    with pytest.raises(ValueError, match="twice"):
        compare(catalog, ["openai/gpt-4o", "openai/gpt-4o"], DEFAULT_WORKLOAD, ON)
