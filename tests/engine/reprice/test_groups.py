from __future__ import annotations

import datetime as dt

from modelvs.engine.reprice.groups import BUCKET, LINES_KEPT, group
from modelvs.engine.reprice.served import Points, Served
from modelvs.schema.vocab import PriceMode
from modelvs.usage import UsageRecord

DAY = dt.date(2026, 11, 2)


def _served(key: int, provider: str | None, name: str) -> Served:
    return Served(key, name, provider, f"lab/{name}", f"p:lab/{name}", None)


def test_rows_that_bill_alike_share_one_group_and_bands_split_them() -> None:
    points = Points(prompt=(200_001,), answer=(16_385,))
    records = [UsageRecord(i + 2, DAY, "p", "m", 1000 + i, 0, 0, 0, 100) for i in range(10_000)]
    records.append(UsageRecord(10_002, DAY, "p", "m", 250_000, 0, 0, 0, 100))  # over the tier
    records.append(UsageRecord(10_003, DAY, "p", "m", 1000, 0, 0, 0, 20_000))  # over the output limit
    records.append(UsageRecord(10_004, DAY, "p", "m", 1000, 500, 0, 0, 100))  # reads the cache
    records.append(UsageRecord(10_005, DAY, "p", "m", 1000, 0, 0, 0, 100, mode=PriceMode.BATCH))
    records.append(UsageRecord(10_006, DAY, "p", "m", 9000, 0, 0, 0, 900, requests=9))  # a bucket
    records.append(UsageRecord(10_007, DAY, "p", "m", 9000, 0, 0, 0, 900, requests=9))  # another
    found = group(records, _served, lambda s: points)
    assert found.rows == 10_006
    assert len(found.served) == 1
    assert len(found.groups) == 7
    big = next(g for g in found.groups if g.totals.rows == 10_000)
    assert (big.totals.input, big.totals.output) == (sum(range(1000, 11_000)), 1_000_000)
    assert len(big.lines) == LINES_KEPT
    assert [g.band for g in found.groups].count(BUCKET) == 2


def test_rows_of_an_unknown_model_keep_their_lines_to_be_listed() -> None:
    def unknown(key: int, provider: str | None, name: str) -> Served:
        return Served(key, name, provider, None, None, "unknown model")

    records = [UsageRecord(i + 2, DAY, "p", "nope", 10, 0, 0, 0, 1) for i in range(300)]
    (only,) = group(records, unknown, lambda s: Points((), ())).groups
    assert len(only.lines) == 300
