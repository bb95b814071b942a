"""The trust audit: the figures issues 8 and 15 measured, for the current catalog.

    python -m bench.audit [--data DIR]

Counts what a reader would trip over: routes that price the lab's model without a component the
lab prices, prices far from the lab's, float noise, duplicate ids, pseudo-models, names that are
ids, labs that are resellers, doubled lab ids, providers named by a raw id, unknown capabilities;
and (issue 15) capability/modality contradictions, long-retired models shown as current (against
the reference list below, drawn from the labs' deprecation pages), display names shared by current
text models, names with id artefacts, `-latest` ids listed as models, current text models without
a release date or a "first listed" stand-in, and the results the SQLite export carries.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sqlite3
import tempfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from modelvs.catalog import Catalog, load_catalog
from modelvs.catalog.layout import route_qualifier, split_route_id
from modelvs.catalog.lifecycle import is_current
from modelvs.catalog.resolve import UnknownModelError
from modelvs.catalog.stats import truth_figures
from modelvs.catalog.trust import assessments, is_vetted, lab_route
from modelvs.engine.pricing import schedule_for
from modelvs.export.sqlite import export_sqlite
from modelvs.schema.vocab import Capability, PriceMode
from modelvs.sources.display_names import is_id_like

ON = dt.date(2026, 12, 1)
NOISE = re.compile(r"\d\.\d*(9999999|0000001)\d*")
PSEUDO = re.compile(
    r"[:-](free|batch|beta|thinking|think|latest|tee|fp8|fp4|nvfp4|6bit|4bit|8bit|exacto|extended|nothink)$"
)


LONG_RETIRED = (
    *("claude-instant-1", "claude-instant-1.2", "claude-1", "claude-2", "claude-2.0", "claude-2.1"),
    *("claude-3-sonnet-20240229", "claude-3-5-sonnet-20240620", "claude-3-5-sonnet-20241022"),
    *("ada", "babbage", "curie", "davinci", "text-ada-001", "text-curie-001", "text-davinci-002"),
    *("text-davinci-003", "gpt-4-32k", "gpt-4-32k-0613", "gpt-3.5-turbo-0301", "gpt-4-vision-preview"),
    *("gpt-4.5-preview", "o1-mini", "chatgpt-4o-latest", "grok-4-1-fast-reasoning", "grok-code-fast-1"),
)
"""Ids the labs' deprecation pages list as shut down before 2026-06 (Anthropic, OpenAI, xAI): the
reference the audit measures against, kept apart from `data/` so the figure can fail."""


def long_retired_current(catalog: Catalog) -> tuple[list[str], int]:
    """(reference ids whose model the catalog shows as current, how many reference ids resolve)."""
    found, resolved = [], 0
    for name in LONG_RETIRED:
        try:
            mid = catalog.resolve(name)
        except UnknownModelError:
            continue
        resolved += 1
        if is_current(catalog.models[mid], ON):
            found.append(name)
    return found, resolved


def exported_results(catalog: Catalog) -> dict[str, int]:
    """Rows of `benchmark_results` per benchmark in a fresh SQLite export."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "catalog.db"
        export_sqlite(catalog, path)
        db = sqlite3.connect(path)
        try:
            return dict(db.execute("SELECT benchmark, count(*) FROM benchmark_results GROUP BY 1"))
        finally:
            db.close()


def truth(catalog: Catalog) -> dict[str, object]:
    """Issue 15's figures."""
    stale, resolved = long_retired_current(catalog)
    results = exported_results(catalog)
    return {
        **truth_figures(catalog, ON),
        f"long-retired models shown as current (of {resolved} reference ids)": len(stale),
        "Arena results in the SQLite export": results.get("lmarena", 0),
        "Aider results in the SQLite export": results.get("aider-polyglot", 0),
        "routes": len(catalog.routes),
    }


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
    for name, value in {**audit(catalog, data), **truth(catalog)}.items():
        print(f"{name:<62} {value}")


if __name__ == "__main__":
    main()
