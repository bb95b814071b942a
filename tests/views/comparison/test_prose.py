"""Prose quality over 500 random pairs and 100 random sets of 3 to 10 models, in every rendering.

Fails on a sentence said twice, a full stop with no space after it, a reason that rests on a
difference under 5%, or a Python value (`True`, `None`, an integer like `1000000`) in the text.
The margins are worked out here from the comparison's facts, not read from the engine's flags.
HTML and Markdown are checked for every sample; the terminal text (which prints the same fields,
and is slow to lay out) for every `TEXT_EVERY`-th.
"""

from __future__ import annotations

import io
import random
import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from rich.console import Console

from modelvs.catalog import Catalog
from modelvs.engine.compare import Comparison, compare
from modelvs.engine.compare.verdicts import SIGNALS
from modelvs.engine.quality import ARENA, ahead
from modelvs.engine.workload import DEFAULT_WORKLOAD
from modelvs.views.comparison import ComparisonPage, Shell, comparison_page
from modelvs.views.comparison.build import split
from modelvs.views.comparison.markdown import comparison_markdown
from modelvs.views.comparison.page import Tradeoffs
from modelvs.views.comparison.text import render_comparison_text
from tests.views import ON

PAIRS, SETS = 500, 100
TEXT_EVERY = 5
SEED = 20261124
PYTHON_VALUE = re.compile(r"\b(True|False|None)\b|(?<![\w.,/:@-])\d{5,}(?![\w,])")
NO_SPACE = re.compile(r"[a-z)%\]]\.[A-Z]")
MARGIN = Decimal("0.05")
BLOCKS = {"p", "li", "dd", "dt", "figcaption", "summary", "h1", "h2", "h3", "caption"}


def _samples(catalog: Catalog) -> list[list[str]]:
    rng = random.Random(SEED)
    ids = sorted(catalog.models)
    return [rng.sample(ids, 2) for _ in range(PAIRS)] + [
        rng.sample(ids, rng.randint(3, 10)) for _ in range(SETS)
    ]


class _Prose(HTMLParser):
    """The text of each prose block of a page (tables, scripts, the head and SVG left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._open: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "svg", "table", "head"):
            self._skip += 1
        elif tag in BLOCKS and not self._skip:
            self._open.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "svg", "table", "head"):
            self._skip -= 1
        elif tag in BLOCKS and not self._skip and self._open:
            self.blocks.append(self._open.pop())

    def handle_data(self, data: str) -> None:
        if self._open and not self._skip:
            self._open[-1] += data


def html_blocks(html: str) -> list[str]:
    parser = _Prose()
    parser.feed(html)
    return [" ".join(b.split()) for b in parser.blocks if b.strip()]


def md_blocks(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        if line.startswith(("|", "#", "**")) or not line.strip():
            continue
        out.append(line.removeprefix("- ").replace("\\", ""))
    return out


def sentences(blocks: list[str]) -> Iterator[str]:
    for block in blocks:
        for s in split(block):
            if s.endswith(".") and len(s.split()) >= 4:
                yield s


def _margin(values: list[Decimal | None], higher: bool) -> Decimal | None:
    known = sorted({v for v in values if v is not None}, reverse=higher)
    if len(known) < 2 or None in values:
        return None
    best, second = known[0], known[1]
    return (best - second) / best if higher else (second - best) / second


def signal_values(c: Comparison) -> dict[str, tuple[list[Decimal | None], bool]]:
    """Each scorecard signal's values per model, and whether higher is better."""
    f = c.facts

    def figs(xs: tuple[object, ...]) -> list[Decimal | None]:
        return [getattr(x, "value", None) for x in xs]

    others = [r for r in f.benchmarks.comparable if r.benchmark != ARENA]
    wins = [Decimal(sum(1 for r in others if r.leaders == (m,))) for m in f.benchmarks.models]
    return {
        "input_price": (figs(f.rates[0].rates), False),
        "output_price": (figs(f.rates[1].rates), False),
        "cache_read_price": (figs(f.rates[2].rates), False),
        "context_window": (figs(f.context_window.values), True),
        "max_output": (figs(f.max_output.values), True),
        "monthly_cost": (figs(tuple(x.monthly for x in f.monthly.costs)), False),
        "routes": ([Decimal(n) for n in f.routes.priced], True),
        "capabilities": ([Decimal(n) for n in f.capabilities.yes_counts], True),
        "benchmarks": (wins, True),
    }


def weak_reasons(c: Comparison, page: ComparisonPage) -> list[str]:
    """Reasons given in tradeoffs and "choose when" that rest on a difference under 5%."""
    weak = []
    values = signal_values(c)
    bullets = page.get("tradeoffs", Tradeoffs).bullets
    for line in bullets:
        for signal, (_, gain) in SIGNALS.items():
            if gain in line and signal == "rating":  # a rating lead rests on intervals, not a share
                rated = c.facts.rating
                if len(rated.leaders) != 1 or not all(
                    ahead(rated.ratings[rated.models.index(rated.leaders[0])], r)
                    for m, r in zip(rated.models, rated.ratings, strict=True)
                    if m != rated.leaders[0] and r is not None
                ):
                    weak.append(f"{line} [rating: not beyond the intervals]")
            elif gain in line:
                m = _margin(*values[signal])
                if m is None or m < MARGIN:
                    weak.append(f"{line} [{signal}: {m}]")
    f = c.facts
    for i, model in enumerate(f.routes.models):
        choose = next((x for x in bullets if x.startswith(f"Choose {c.names[model]} when")), "")
        if "cost at your traffic decides" in choose:
            share = min(g.share.value for g in f.monthly.gaps)
            if share < MARGIN:
                weak.append(f"{choose} [cost gap {share}]")
        for lim, words in ((f.context_window, "prompts exceed "), (f.max_output, "answers run past ")):
            found = re.search(re.escape(words) + r"([\d,]+) tokens", choose)
            mine = lim.values[i]
            if found and mine is not None:
                other = Decimal(found.group(1).replace(",", ""))
                if (mine.value - other) / mine.value < MARGIN:
                    weak.append(f"{choose} [{lim.field} {mine.value} against {other}]")
        for row in f.benchmarks.comparable:
            if f"{row.name} results matter" in choose or f"{row.name} and " in choose:
                scores = [s.score if s is not None else None for s in row.scores if s is not None]
                m = _margin(list(scores), row.higher_is_better)
                if m is None or m < MARGIN:
                    weak.append(f"{choose} [{row.benchmark}: {m}]")
    return weak


@pytest.fixture(scope="module")
def rendered(shipped: Catalog) -> list[tuple[list[str], Comparison, ComparisonPage, dict[str, str]]]:
    from modelvs.web import create_app

    web = create_app(shipped, today=ON).state.web
    out = []
    for i, ids in enumerate(_samples(shipped)):
        c = compare(shipped, ids, DEFAULT_WORKLOAD, ON)
        path = "/compare/" + "-vs-".join(sorted(m.slug for m in c.models))
        page = comparison_page(shipped, c, DEFAULT_WORKLOAD, Shell(path, path, path + "/fragment"))
        console = io.StringIO()
        if i % TEXT_EVERY == 0:
            render_comparison_text(Console(file=console, width=5000, color_system=None), page)  # unwrapped
        head = {"title": page.title, "description": page.description, "canonical": path, "json_ld": []}
        html = web.render(
            "compare.html", page=page, catalog_version="v", on=ON.isoformat(), noindex=False, **head
        )
        out.append(
            (ids, c, page, {"md": comparison_markdown(page), "text": console.getvalue(), "html": html})
        )
    return out


def test_the_samples_are_as_many_as_promised(
    rendered: list[tuple[list[str], object, object, object]],
) -> None:
    sizes = Counter(min(len(ids), 3) for ids, *_ in rendered)
    assert sizes[2] >= PAIRS
    assert sizes[3] >= SETS


def test_no_sentence_is_said_twice(
    rendered: list[tuple[list[str], Comparison, ComparisonPage, dict[str, str]]],
) -> None:
    repeated = []
    for ids, _, _, out in rendered:
        for medium, blocks in (("html", html_blocks(out["html"])), ("md", md_blocks(out["md"]))):
            twice = [s for s, n in Counter(sentences(blocks)).items() if n > 1]
            repeated += [f"{medium} {ids}: {s}" for s in twice]
    assert repeated == []


def test_every_full_stop_is_followed_by_a_space(
    rendered: list[tuple[list[str], Comparison, ComparisonPage, dict[str, str]]],
) -> None:
    names = set()
    for _, c, _, _ in rendered:
        names.update(m.name for m in c.models)
    bad = []
    for ids, _, _, out in rendered:
        for medium, blocks in (("html", html_blocks(out["html"])), ("md", md_blocks(out["md"]))):
            for block in blocks:
                stripped = block
                for name in sorted(names, key=len, reverse=True):  # a name may hold a dot (`Node.JS`)
                    stripped = stripped.replace(name, "NAME")
                stripped = re.sub(r"https?://\S+|\b[\w-]+(\.[\w-]+)+\b", "url", stripped)
                if found := NO_SPACE.search(stripped):
                    bad.append(f"{medium} {ids}: {stripped[max(0, found.start() - 80) : found.end() + 40]}")
    assert bad == []


def test_no_reason_rests_on_a_difference_under_five_percent(
    rendered: list[tuple[list[str], Comparison, ComparisonPage, dict[str, str]]],
) -> None:
    weak = [f"{ids}: {w}" for ids, c, page, _ in rendered for w in weak_reasons(c, page)]
    assert weak == []


def test_no_python_value_in_any_rendering(
    shipped: Catalog,
    rendered: list[tuple[list[str], Comparison, ComparisonPage, dict[str, str]]],
) -> None:
    found = []
    for ids, c, _, out in rendered:
        texts = {"html": " ".join(html_blocks(out["html"])), "md": out["md"], "text": out["text"]}
        for medium, text in texts.items():
            text = " ".join(text.split())  # the terminal wraps long names
            # Names are data: `Claude 3.7 Opus 20250219` is how the lab spells it.
            names = [m.name for m in c.models] + [r.name for g in c.related for r in g.candidates]
            names += [shipped.models[p.model].name for p in c.value.points]  # the value chart's
            for name in sorted(names, key=len, reverse=True):
                text = text.replace(name, "NAME")
            found += [
                f"{medium} {ids}: {m.group(0)!r} in {text[max(0, m.start() - 60) : m.end() + 20]!r}"
                for m in PYTHON_VALUE.finditer(text)
            ]
    assert found == []
