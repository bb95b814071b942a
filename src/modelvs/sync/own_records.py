"""Records modelvs states itself, from its own tables: labs' own APIs, labs, and the curated source."""

from __future__ import annotations

import datetime as dt
from typing import Any

from modelvs.sources.identity import LABS
from modelvs.sources.providers import FIRST_PARTY
from modelvs.sources.registry import IMPORTED
from modelvs.sync.fields import Records

MAINTAINERS = "modelvs"
"""The curated source for values modelvs states itself (lab names from its own table)."""


def ensure_providers(records: Records) -> None:
    """A lab's own API that a source prices but does not describe gets a record from our table."""
    used = {rid.split(":", 1)[0] for kind, rid in records if kind == "route"}
    for provider in sorted(used):
        lab = FIRST_PARTY.get(provider)
        if ("provider", provider) in records or lab is None or lab not in LABS:
            continue
        records[("provider", provider)] = {
            "name": LABS[lab][0],
            "kind": "first-party",
            "trust": "first_party",
            "trust_reason": f"{LABS[lab][0]}'s own API for its own models.",
            "lab": lab,
            "url": LABS[lab][1],
            "citations": {
                MAINTAINERS: {"source": MAINTAINERS, "locator": f"providers.FIRST_PARTY.{provider}"}
            },
            "provenance": {
                "name": MAINTAINERS,
                "kind": MAINTAINERS,
                "trust": MAINTAINERS,
                "trust_reason": MAINTAINERS,
                "lab": MAINTAINERS,
                "url": MAINTAINERS,
            },
        }


def ensure_labs(records: Records, today: dt.date) -> None:
    """Every model's lab, and every lab a provider names, gets a record: named from modelvs' own
    table where it knows it (a reviewed lab's API outlives the models a source stops listing)."""
    labs = {rid.split("/", 1)[0] for kind, rid in records if kind == "model"}
    labs |= {raw["lab"] for (kind, _), raw in records.items() if kind == "provider" and raw.get("lab")}
    for kind, lab in [k for k in records if k[0] == "lab" and k[1] not in labs]:
        # A lab no model names any more (a host once filed as a lab) goes, unless reviewed.
        cites = records[(kind, lab)].get("citations", {}).values()
        if all(
            c.get("source") in IMPORTED or c.get("locator", "").startswith("identity.LABS") for c in cites
        ):
            del records[(kind, lab)]
    for lab in sorted(labs):
        if ("lab", lab) in records:
            continue
        name, url = LABS.get(lab, (lab, ""))
        raw: dict[str, Any] = {"name": name}
        if url:
            raw["url"] = url
        raw["citations"] = {MAINTAINERS: {"source": MAINTAINERS, "locator": f"identity.LABS.{lab}"}}
        raw["provenance"] = {"name": MAINTAINERS}
        records[("lab", lab)] = raw
    records.setdefault(
        ("source", MAINTAINERS),
        {
            "name": "modelvs maintainers",
            "kind": "curated",
            "license": "MIT",
            "retrieved": today,
            "description": "Values reviewed by hand against the cited page, or modelvs' own rules.",
        },
    )
