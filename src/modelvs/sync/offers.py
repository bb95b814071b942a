"""Shaping one source's offers before they merge: the order they join in, a variant listing's
model offer, and one route's listings combined into one offer."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from modelvs.sources.identity import LABS
from modelvs.sources.proposal import ProposedRecord
from modelvs.sync.identity import Placement

_NAME_DECORATION = re.compile(
    r"\s*(\((free|batch|beta|thinking|fast)\)|:(free|beta|thinking|extended|online|exacto))$", re.I
)


def join_order(offer: ProposedRecord) -> int:
    """Models of known labs join first, so hosts' renamed copies find them; routes last."""
    if offer.kind == "model":
        return 0 if offer.id.split("/", 1)[0] in LABS else 1
    return 2


def clean_model_offer(pair: tuple[ProposedRecord, Placement | None]) -> ProposedRecord:
    """A model offer read from a variant's listing names the model, not the variant."""
    offer, placed = pair
    if placed is None or (placed.qualifier is None and placed.mode is None):
        return offer
    name = offer.values.get("name")
    values = dict(offer.values)
    if isinstance(name, str):
        values["name"] = _NAME_DECORATION.sub("", name).strip() or name
    return dataclasses.replace(offer, values=values)


def combined_route(offers: list[tuple[ProposedRecord, Placement | None]]) -> ProposedRecord:
    """One source's listings of one route: the plain id's values and prices, plus the prices of
    its free-tier and batch ids as those modes."""
    plain = [o for o, p in offers if p is None or p.mode is None]
    moded = [(o, p.mode.value) for o, p in offers if p is not None and p.mode is not None]
    base = plain[0] if plain else moded[0][0]
    placed = next((p for o, p in offers if o is base), None)
    values = dict(base.values)
    if placed is not None and placed.variant is not None:
        values["variant"] = placed.variant.value
    schedules = [dict(s) for s in (base.prices or ())] if plain else []
    have = {s.get("mode", "standard") for s in schedules}
    for offer, mode in moded:
        if mode in have:
            continue
        have.add(mode)
        pid = offer.values.get("provider_model_id")
        converted = [
            {**s, "mode": mode, "provider_model_id": pid}
            for s in offer.prices or ()
            if s.get("mode", "standard") == "standard"
        ]
        if not converted and mode == "free":
            converted = [
                {"mode": "free", "input": Decimal(0), "output": Decimal(0), "provider_model_id": pid}
            ]
        schedules.extend(converted)
    if not plain:
        values["provider_model_id"] = base.values.get("provider_model_id")
    return dataclasses.replace(base, values=values, prices=tuple(schedules) or None)
