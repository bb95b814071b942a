"""One capability picture: a model's modalities and its capability flags never contradict.

Vision is image input, audio input is audio in, video input video in, PDF input PDF in; audio and
image output are those outputs. Where a flag and the modality list disagree, the better-cited
value (`sync.ranking`: a reviewer's, then the lab's own listing, then the source's rank) decides
both, and the other stays as an alternative with its source. The value the rule rewrites is cited
to `modelvs-rules` (locator `agree.<field>`), so every sync recomputes it from the sources alone.
A contradiction between two reviewed values is left for `modelvs check` to report.
"""

from __future__ import annotations

import re
from typing import Any

from modelvs.schema.vocab import CAPABILITY_INPUTS, CAPABILITY_OUTPUTS, Modality
from modelvs.sources.registry import RULES
from modelvs.sync.fields import Records, add_alternative, drop, get, set_
from modelvs.sync.ranking import fact_rank, is_curated

AGREEMENT_RULE = (
    "One capability picture: vision means image input, audio input means audio in, video and PDF"
    " input mean those inputs, audio and image output those outputs. Where a capability flag and the"
    " modality list disagree, the better-cited value (a reviewer's, then the lab's own listing, then"
    " source rank) decides both; the other is kept beside it with its source, and `check` fails on a"
    " contradiction left between two reviewed values. A model no source lists inputs for takes text and"
    " what its flags say."
)
_PAIRS: tuple[tuple[str, str, Modality], ...] = (
    *((f"capabilities.{cap.value}", "modalities_in", m) for cap, m in CAPABILITY_INPUTS.items()),
    *((f"capabilities.{cap.value}", "modalities_out", m) for cap, m in CAPABILITY_OUTPUTS.items()),
)
_ORDER = {m.value: i for i, m in enumerate(Modality)}
_REPLACED = re.compile(r" over (\S+)$")
"""The rule's locator names the citation whose value it replaced (`agree.capabilities.vision over x`)."""


def agree(records: Records) -> None:
    """Make every model's capability flags and modality lists agree (records change in place)."""
    for (kind, rid), raw in records.items():
        if kind == "model":
            _undo(raw)
            for cap, field, modality in _PAIRS:
                _settle(raw, rid.split("/", 1)[0], cap, field, modality.value)
            _fill_inputs(raw)


def _rules_key(field: str) -> str:
    return f"{RULES}~{field}"


def _undo(raw: dict[str, Any]) -> None:
    """Put back what the rule rewrote last time: the source's own value, or nothing."""
    provenance = raw.get("provenance", {})
    for field in [f for f, key in provenance.items() if key == _rules_key(f)]:
        citation = raw.get("citations", {}).pop(_rules_key(field), {})
        found = _REPLACED.search(citation.get("locator", ""))
        replaced = found.group(1) if found else None
        kept = [a for a in raw.get("alternatives", []) if (a["field"], a["citation"]) == (field, replaced)]
        drop(raw, field)
        if kept:
            raw["alternatives"].remove(kept[0])
            set_(raw, field, kept[0]["value"])
            raw.setdefault("provenance", {})[field] = kept[0]["citation"]
    if "alternatives" in raw:
        rules = {_rules_key(a["field"]) for a in raw["alternatives"]}
        raw["alternatives"] = [a for a in raw["alternatives"] if a["citation"] not in rules]
        if not raw["alternatives"]:
            del raw["alternatives"]


def _fill_inputs(raw: dict[str, Any]) -> None:
    """A model no source lists inputs for, whose flags say what it takes, lists text and those."""
    if raw.get("modalities_in"):
        return
    taken = [m.value for cap, m in CAPABILITY_INPUTS.items() if get(raw, f"capabilities.{cap.value}") is True]
    if taken:
        raw["modalities_in"] = [Modality.TEXT.value, *taken]
        raw.setdefault("citations", {})[_rules_key("modalities_in")] = {
            "source": RULES,
            "locator": "agree.capabilities",
        }
        raw.setdefault("provenance", {})["modalities_in"] = _rules_key("modalities_in")


def _settle(raw: dict[str, Any], lab: str, cap: str, field: str, modality: str) -> None:
    flag, listed = get(raw, cap), raw.get(field) or []
    if flag is None or not listed or flag == (modality in listed):
        return
    provenance = raw.get("provenance", {})
    flag_cite, list_cite = provenance.get(cap, ""), provenance.get(field, "")
    flag_wins = fact_rank(raw, flag_cite, lab) < fact_rank(raw, list_cite, lab)
    loser, loser_cite = (field, list_cite) if flag_wins else (cap, flag_cite)
    if is_curated(raw, loser_cite):
        return  # two reviewed values disagree: `check` reports it
    add_alternative(raw, loser, get(raw, loser), loser_cite)
    if flag_wins:
        value: Any = sorted(
            {*listed, modality} if flag else set(listed) - {modality}, key=lambda m: _ORDER.get(m, 99)
        )
        reason = f"agree.{cap} over {loser_cite}"
    else:
        value = modality in listed
        reason = f"agree.{field} over {loser_cite}"
    set_(raw, loser, value)
    raw.setdefault("citations", {})[_rules_key(loser)] = {"source": RULES, "locator": reason}
    provenance[loser] = _rules_key(loser)
