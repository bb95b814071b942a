"""The trust audit: the figures issue 8 measured, for the current catalog.

    python -m bench.audit [--data DIR]

Counts what a reader would trip over: routes that price the lab's model without a component the
lab prices, prices far from the lab's, float noise, duplicate ids, pseudo-models, names that are
ids, labs that are resellers, doubled lab ids, providers named by a raw id, unknown capabilities.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from modelvs.catalog import Catalog, load_catalog
from modelvs.catalog.layout import route_qualifier, split_route_id
from modelvs.catalog.trust import assessments, is_vetted, lab_route
from modelvs.engine.pricing import schedule_for
from modelvs.schema.vocab import Capability, PriceMode
from modelvs.sources.display_names import is_id_like

ON = dt.date(2026, 12, 1)
NOISE = re.compile(r"\d\.\d*(9999999|0000001)\d*")
PSEUDO = re.compile(
    r"[:-](free|batch|beta|thinking|think|latest|tee|fp8|fp4|nvfp4|6bit|4bit|8bit|exacto|extended|nothink)$"
)


def audit(catalog: Catalog, data: Path) -> dict[str, object]:
    found = assessments(catalog, ON)
    lacks_tier = lacks_cache = tier_unmarked = cache_unmarked = 0
    far = far_vetted = far_closed_vetted = 0
    for model_id in catalog.models:
        own = lab_route(catalog, model_id)
        ref = schedule_for(catalog.routes[own], PriceMode.STANDARD, ON) if own else None
        if ref is None or ref.input is None or ref.output is None:
            continue
        for rid in catalog.routes_by_model.get(model_id, ()):
            s = schedule_for(catalog.routes[rid], PriceMode.STANDARD, ON)
            if rid == own or s is None or s.input is None or s.output is None:
                continue
            if (s.input, s.output) == (ref.input, ref.output):
                if ref.tiers and not s.tiers:
                    lacks_tier += 1
                    tier_unmarked += found[rid].gaps.tier_above is None
                if ref.cache_read is not None and s.cache_read is None:
                    lacks_cache += 1
                    cache_unmarked += not found[rid].gaps.cache_read
            ratios = [a / b for a, b in ((s.input, ref.input), (s.output, ref.output)) if b]
            if any(r < Decimal("0.5") or r > 3 for r in ratios):
                far += 1
                vetted = is_vetted(catalog, rid, ON)
                far_vetted += vetted
                far_closed_vetted += vetted and catalog.models[model_id].open_weights is not True
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for mid in catalog.models:
        lab, model = mid.split("/", 1)
        groups[(lab, re.sub(r"[^a-z0-9]", "", model))].append(mid)
    labs_as_providers = [
        lab for lab in catalog.labs if lab in catalog.providers and catalog.providers[lab].lab != lab
    ]
    doubled: dict[str, list[str]] = defaultdict(list)
    for lab in catalog.labs:
        doubled[re.sub(r"[^a-z0-9]|ai$", "", lab)].append(lab)
    cells = len(catalog.models) * len(Capability)
    known = sum(len(m.capabilities) for m in catalog.models.values())
    return {
        "routes with the lab's base price and no tier the lab has": lacks_tier,
        "... of those, not marked incomplete (read as a discount)": tier_unmarked,
        "routes with the lab's base price and no cache-read price": lacks_cache,
        "... of those, not marked incomplete": cache_unmarked,
        "routes below 0.5x or above 3x the lab's price": far,
        "... of those, used by default answers (vetted)": far_vetted,
        "... of those, for a model whose weights are not open": far_closed_vetted,
        "float-noise values in data/": sum(len(NOISE.findall(p.read_text())) for p in data.rglob("*.toml")),
        "model-id groups differing only by separators": sum(1 for v in groups.values() if len(v) > 1),
        "pseudo-model ids (variant suffixes)": sum(1 for mid in catalog.models if PSEUDO.search(mid)),
        "variant routes (@qualifier)": sum(1 for rid in catalog.routes if route_qualifier(rid)),
        "models named by an id": sum(1 for m in catalog.models.values() if is_id_like(m.name)),
        "models": len(catalog.models),
        "labs that are non-first-party providers": len(labs_as_providers),
        "doubled lab ids": sum(1 for v in doubled.values() if len(v) > 1),
        "providers named by a raw id": sum(
            1 for p, pr in catalog.providers.items() if pr.name == p or pr.name.lower() == pr.name
        ),
        "capability cells unknown": f"{1 - known / cells:.1%}",
        "routes from a reseller": sum(
            1 for rid in catalog.routes if split_route_id(rid)[0] and found[rid].trust.value == "reseller"
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args()
    catalog = load_catalog(args.data, use_cache=False) if args.data else load_catalog()
    data = args.data or Path(__file__).resolve().parents[1] / "data"
    for name, value in audit(catalog, data).items():
        print(f"{name:<62} {value}")


if __name__ == "__main__":
    main()
