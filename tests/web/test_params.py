from __future__ import annotations

from decimal import Decimal

import pytest

from modelvs.engine.workload import DEFAULT_WORKLOAD
from modelvs.params import (
    ParamError,
    parse_count,
    parse_share,
    parse_vocab,
    parse_workload,
    workload_query,
)
from modelvs.schema.vocab import Capability


def test_counts_and_shares_follow_the_cli_rules() -> None:
    assert parse_count("800", "input") == 800
    assert parse_count("200k", "input") == 200_000
    assert parse_count("1.5M", "input") == 1_500_000
    assert parse_share("50%", "batch_share") == Decimal("0.5")
    assert parse_share("0.25", "batch_share") == Decimal("0.25")
    for bad in ("", "-1", "1.2.3", "1e3", "0.0001k"):
        with pytest.raises(ParamError):
            parse_count(bad, "input")
    for bad in ("1.5", "abc", "NaN", "-0.1"):
        with pytest.raises(ParamError):
            parse_share(bad, "batch_share")


def test_default_workload_round_trips() -> None:
    assert parse_workload({}) == DEFAULT_WORKLOAD
    assert parse_workload(workload_query(DEFAULT_WORKLOAD)) == DEFAULT_WORKLOAD


def test_error_names_the_parameter_and_what_it_accepts() -> None:
    with pytest.raises(ParamError) as err:
        parse_workload({"cached": "900"})
    assert err.value.param == "cached"
    with pytest.raises(ParamError) as err:
        parse_vocab(Capability, ["vision,telepathy"], "capability")
    assert "accepted: vision" in err.value.detail
