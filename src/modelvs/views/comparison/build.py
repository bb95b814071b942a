"""`comparison_page`: the `ComparisonPage` of an engine `Comparison`, for every renderer.

Sentences are the engine's own (facts own their sentences); this module only places them, each
once: a `Said` ledger walks the sections in page order and drops a sentence said above. The
sections themselves are the registry in `sections.py`; the ones that do not depend on the
workload are built once per catalog, models, day and host (`static_sections`), so a new workload
builds only the live ones.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from modelvs.catalog import Catalog
from modelvs.engine.compare import Comparison
from modelvs.engine.workload import Workload
from modelvs.views.blocks import Link
from modelvs.views.comparison.page import PAGE_VERSION, ComparisonPage, ModelHead, Section
from modelvs.views.workload_form import WorkloadForm, workload_form

_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z$])")


@dataclass(frozen=True)
class Shell:
    """What the page's host decides: its URLs, which pairs have pages, the popular list."""

    path: str
    """The canonical path (`/compare/a-vs-b`, `/compare?models=a,b,c`)."""
    action: str
    """Where the workload form submits."""
    fragment: str | None
    """The live-sections endpoint; None where nothing prices another workload (static build)."""
    hidden: tuple[tuple[str, str], ...] = ()
    linkable: Callable[[str], bool] = lambda pair: True
    """Whether a canonical pair slug has a page (the static build writes only some)."""
    popular: tuple[Link, ...] = field(default=())


class Said:
    """The sentences already on the page, in page order."""

    def __init__(self, seen: Iterable[str] = ()) -> None:
        self._seen: set[str] = set(seen)

    def take(self, sentences: Iterable[str]) -> tuple[str, ...]:
        """The sentences not said yet (and not blank), now said."""
        fresh = []
        for s in sentences:
            if s and s not in self._seen:
                self._seen.add(s)
                fresh.append(s)
        return tuple(fresh)

    def join(self, sentences: Iterable[str]) -> str:
        return " ".join(self.take(sentences))


def split(text: str) -> list[str]:
    """A run of sentences, one per item."""
    return [s for s in _SENTENCE_END.split(text) if s]


@dataclass
class Context:
    """What a section's builder reads: the comparison, its host and the sentences said above."""

    catalog: Catalog
    c: Comparison
    workload: Workload | None
    """None while the sections no workload changes are built."""
    shell: Shell
    said: Said

    @property
    def names(self) -> dict[str, str]:
        return self.c.names

    @property
    def on(self) -> dt.date:
        return self.c.on

    def paragraph(self, pid: str) -> tuple[str, ...]:
        """The sentences of the engine's deep-dive paragraph `pid` (empty when it has none)."""
        return next((p.sentences for p in self.c.prose.deep_dive if p.id == pid), ())


def flags(slugs: list[str]) -> str:
    return (
        "Change it with --requests, --input, --output, --cached, --reasoning and --batch-share"
        f" (modelvs compare {' '.join(slugs)} --requests 2M --input 3k)."
    )


def _form(workload: Workload, shell: Shell, slugs: list[str], live: tuple[str, ...]) -> WorkloadForm:
    return workload_form(workload, shell.action, shell.fragment, live, shell.hidden, flags(slugs))


def comparison_page(catalog: Catalog, c: Comparison, workload: Workload, shell: Shell) -> ComparisonPage:
    """The page of comparison `c` (computed at `workload`), as `shell` hosts it."""
    from modelvs.views.comparison.sections import LIVE, SECTIONS, static_sections

    names = c.names
    said = Said()
    intro = said.take(c.prose.intro[:1])
    fixed = static_sections(catalog, c, shell)
    ctx = Context(catalog, c, workload, shell, said)
    sections = []
    for entry in SECTIONS:
        body = fixed.get(entry.id) if not entry.live and entry.shared else entry.build(ctx)
        if body is not None:
            sections.append(Section(entry.id, entry.title, entry.live, entry.open, body))
    slugs = [m.slug for m in c.models]
    return ComparisonPage(
        PAGE_VERSION,
        " vs ".join(names.values()),
        c.prose.verdict[:300],
        shell.path,
        c.on.isoformat(),
        tuple(ModelHead(m.id, m.slug, names[m.id], m.lab, f"/models/{m.slug}") for m in c.models),
        intro,
        _form(workload, shell, slugs, LIVE),
        tuple(sections),
    )
