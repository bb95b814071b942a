"""Merges rules do not make, proposed with their evidence, and reviewed decisions written as data.

`propose` reads the catalog and lists pairs of models that may be one real model:
- an undated id and one of several dated snapshots the lab's own API sells at the same price
  (`gpt-4o` and `gpt-4o-2024-08-06`): the alias may point at that snapshot;
- two models of one lab with the same display name;
- an id and the same id with `-instruct` (hosts drop or add it).
Each proposal carries its evidence (names, release dates, the lab's prices, routes). A person
sets `approve = true`, a reason and the URL that shows it, and `apply` writes each approved one as
a `data/identity/<id>.toml` decision, which the next `modelvs sync` carries out. Pure, but for
`write_decisions`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from modelvs.catalog import Catalog, tomlio
from modelvs.catalog.names import model_key
from modelvs.catalog.trust import lab_route
from modelvs.schema.identity import IdentityDecision
from modelvs.schema.vocab import PriceMode
from modelvs.sources.identity import slugify
from modelvs.sources.variants import split_date

if TYPE_CHECKING:
    from modelvs.schema import PriceSchedule


@dataclass(frozen=True)
class MergeProposal:
    """Models that may be one, the id to keep, and why they may be."""

    ids: tuple[str, ...]
    into: str
    rule: str
    evidence: tuple[str, ...]


def propose(catalog: Catalog, on: dt.date) -> list[MergeProposal]:
    """Every candidate merge the catalog suggests, strongest evidence first."""
    decided = {i for d in catalog.identity.values() for i in (*d.ids, d.into or "")}
    found = [*_snapshot_aliases(catalog, on), *_same_names(catalog), *_instruct_twins(catalog)]
    seen: set[frozenset[str]] = set()
    out = []
    for p in found:
        key = frozenset(p.ids) | {p.into}
        if key in seen or key & decided:
            continue
        seen.add(key)
        out.append(p)
    return out


def _price(catalog: Catalog, model_id: str, on: dt.date) -> tuple[str, str] | None:
    rid = lab_route(catalog, model_id)
    if rid is None:
        return None
    schedule: PriceSchedule | None = next(
        (s for s in catalog.routes[rid].prices if s.mode is PriceMode.STANDARD and s.applies_on(on)), None
    )
    if schedule is None or schedule.input is None or schedule.output is None:
        return None
    return str(schedule.input), str(schedule.output)


def _facts(catalog: Catalog, model_id: str, on: dt.date) -> str:
    model = catalog.models[model_id]
    price = _price(catalog, model_id, on)
    priced = f"lab price ${price[0]}/${price[1]}" if price else "no lab price"
    released = model.release_date.isoformat() if model.release_date else "no release date"
    routes = len(catalog.routes_by_model.get(model_id, ()))
    return f"{model_id}: {model.name!r}, {released}, {priced}, {routes} route(s)"


def _snapshot_aliases(catalog: Catalog, on: dt.date) -> list[MergeProposal]:
    by_base: dict[tuple[str, str], list[str]] = defaultdict(list)
    for mid in catalog.models:
        lab, model = mid.split("/", 1)
        base, date = split_date(model)
        if date is not None:
            by_base[(lab, model_key(base))].append(mid)
    out = []
    for mid in sorted(catalog.models):
        lab, model = mid.split("/", 1)
        snapshots = by_base.get((lab, model_key(model)), [])
        price = _price(catalog, mid, on)
        if len(snapshots) < 2 or price is None:
            continue
        same = [s for s in snapshots if _price(catalog, s, on) == price]
        if len(same) != 1:
            continue
        evidence = (_facts(catalog, mid, on), *(_facts(catalog, s, on) for s in sorted(snapshots)))
        # Keep the id more providers list (usually the undated one readers type).
        keep, other = sorted((mid, same[0]), key=lambda m: -len(catalog.routes_by_model.get(m, ())))
        out.append(MergeProposal((other,), keep, "an undated id and the one snapshot at its price", evidence))
    return out


def _same_names(catalog: Catalog) -> list[MergeProposal]:
    by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
    for mid, model in catalog.models.items():
        by_name[(mid.split("/", 1)[0], model.name.strip().lower())].append(mid)
    out = []
    for (_, name), ids in sorted(by_name.items()):
        if len(ids) < 2:
            continue
        ranked = sorted(ids, key=lambda m: (-len(catalog.routes_by_model.get(m, ())), len(m), m))
        evidence = tuple(f"{m}: {len(catalog.routes_by_model.get(m, ()))} route(s)" for m in ranked)
        out.append(MergeProposal(tuple(ranked[1:]), ranked[0], f"one display name, {name!r}", evidence))
    return out


def _instruct_twins(catalog: Catalog) -> list[MergeProposal]:
    out = []
    for mid in sorted(catalog.models):
        twin = f"{mid}-instruct"
        if twin in catalog.models:
            routes = {m: len(catalog.routes_by_model.get(m, ())) for m in (mid, twin)}
            keep = max(routes, key=lambda m: (routes[m], m == twin))
            other = twin if keep == mid else mid
            evidence = tuple(f"{m}: {catalog.models[m].name!r}, {n} route(s)" for m, n in routes.items())
            out.append(MergeProposal((other,), keep, "an id with and without -instruct", evidence))
    return out


def proposals_toml(proposals: list[MergeProposal]) -> str:
    """The proposals as a file to review: set `approve = true`, a `reason` and a `url` to accept one."""
    rows = [
        {
            "into": p.into,
            "ids": list(p.ids),
            "rule": p.rule,
            "evidence": list(p.evidence),
            "approve": False,
            "reason": "",
            "url": "",
        }
        for p in proposals
    ]
    return tomlio.dumps({"proposal": rows})


def approved_decisions(text: str, today: dt.date) -> tuple[dict[str, IdentityDecision], list[str]]:
    """The approved proposals of a reviewed file as decisions by file id, and what is wrong with the rest."""
    rows = tomlio.loads(text).get("proposal", [])
    decisions: dict[str, IdentityDecision] = {}
    problems = []
    for i, row in enumerate(rows, start=1):
        if not row.get("approve"):
            continue
        if not row.get("reason") or not row.get("url"):
            problems.append(f"proposal {i} ({row.get('into')}): an approved merge needs a reason and a url")
            continue
        decision = IdentityDecision(
            action="merge",
            ids=row["ids"],
            into=row["into"],
            reason=row["reason"],
            url=row["url"],
            reviewed=today,
        )
        base = name = slugify(re.sub(r"[/:]", "-", row["into"]))
        n = 2
        while name in decisions:  # two reviewed merges into one model: a file each
            name, n = f"{base}-{n}", n + 1
        decisions[name] = decision
    return decisions, problems


def write_decisions(data_dir: Path, decisions: dict[str, IdentityDecision]) -> list[Path]:
    folder = data_dir / "identity"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, decision in sorted(decisions.items()):
        text = tomlio.dumps(decision.model_dump(exclude_none=True))
        path, n = folder / f"{name}.toml", 2
        while path.exists() and path.read_text(encoding="utf-8") != text:
            path, n = folder / f"{name}-{n}.toml", n + 1  # never overwrite an earlier decision
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
