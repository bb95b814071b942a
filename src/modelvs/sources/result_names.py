"""How a leaderboard writes a model: a base name, a snapshot, a setting, a harness.

`Claude 3.7 Sonnet (Thinking 32K, 20250219)` is the base `Claude 3.7 Sonnet`, the snapshot
`20250219` and the setting `Thinking 32K`; `claude-opus-4-6-high` is `claude-opus-4-6` at `High`.
The snapshot picks the dated model; the setting stays on the result, never on the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")
_SNAPSHOT = re.compile(r"\d{3,8}|\d{4}-\d{2}-\d{2}|\d{2}-\d{2}|\d{2}-\d{4}")
_EFFORT_TAIL = re.compile(r"-(minimal|low|medium|high|xhigh|max|thinking)$", re.IGNORECASE)
_EFFORTS = {e.lower(): e for e in ("Minimal", "Low", "Medium", "High", "xHigh", "Max", "Thinking")}


@dataclass(frozen=True)
class NameParts:
    base: str
    snapshot: str | None = None
    setting: str | None = None
    harness: str | None = None


def split_name(name: str) -> NameParts:
    """The parts of a leaderboard name (see the module's examples)."""
    base, snapshot, settings, harness = name.strip(), None, [], None
    match = _PAREN.search(base)
    if match is not None:
        base = base[: match.start()].strip()
        for part in (p.strip() for p in match.group(1).split(",")):
            if _SNAPSHOT.fullmatch(part):
                snapshot = part
            elif part.lower().endswith("harness"):
                harness = part
            elif part:
                settings.append(_EFFORTS.get(part.lower(), part))
    tail = _EFFORT_TAIL.search(base)
    if tail is not None and not settings and base == base.lower() and " " not in base:
        base = base[: tail.start()]
        settings.append(_EFFORTS[tail.group(1).lower()])
    return NameParts(base, snapshot, ", ".join(settings) or None, harness)


def candidates(parts: NameParts, ids: tuple[str, ...]) -> tuple[str, ...]:
    """Names to resolve, most specific first: with the snapshot, then the name, then `ids`.

    A preview is never joined through an id that does not say preview: the catalog's
    undated model is the release, not the preview.
    """
    preview = "preview" in parts.base.lower()
    found: list[str] = []
    if parts.snapshot:
        stems = (parts.base, *ids) if not preview else (parts.base,)
        found += [f"{stem}-{parts.snapshot}" for stem in stems]
        found.append(f"{parts.base} {parts.snapshot}")
        if preview:
            stem = re.sub(r"[\s-]*preview", "", parts.base, flags=re.IGNORECASE)
            found += [f"{stem}-preview-{parts.snapshot}", f"{stem}-{parts.snapshot}-preview"]
    found.append(parts.base)
    found += [i for i in ids if not preview or "preview" in i.lower()]
    return tuple(dict.fromkeys(found))
