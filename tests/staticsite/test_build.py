"""The static build: files, byte-equality with the live app, sitemap, shards, refusals, atomic failure."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import typer
from starlette.testclient import TestClient
from typer.testing import CliRunner

from modelvs.catalog import Catalog, default_data_dir, load_catalog
from modelvs.cli import app as main_app
from modelvs.cli import build_command
from modelvs.staticsite import plan as export_plan
from modelvs.staticsite.build import MARKER, BuildError, BuildOptions, PairSelection, Shard, build_site
from modelvs.web import create_app
from tests.web.conftest import TODAY

BASE = "https://modelvs.example"
MODELS = (
    "google/gemini-3.1-pro-preview",
    "openai/gpt-4o-2024-11-20",
    "anthropic/claude-opus-4-7",
    "openai/gpt-5.5",
    "google/gemini-3-flash-preview",
    "openai/gpt-5-mini",
)


@pytest.fixture(scope="module")
def small_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A slice of the shipped catalog: six models (three seed pairs), their routes and providers."""
    src, dst = default_data_dir(), tmp_path_factory.mktemp("data")
    for folder in ("sources", "labs", "benchmarks", "schema"):
        if (src / folder).is_dir():
            shutil.copytree(src / folder, dst / folder)
    providers: set[str] = set()
    for mid in MODELS:
        (dst / "models" / mid).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src / "models" / f"{mid}.toml", dst / "models" / f"{mid}.toml")
        for route in src.glob(f"routes/*/{mid}.toml"):
            target = dst / route.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(route, target)
            providers.add(route.relative_to(src).parts[1])
    (dst / "providers").mkdir()
    for pid in providers:
        shutil.copy(src / "providers" / f"{pid}.toml", dst / "providers" / f"{pid}.toml")
    return dst


@pytest.fixture(scope="module")
def small(small_data: Path) -> Catalog:
    return load_catalog(small_data)


def _build(catalog: Catalog, data: Path, out: Path, **kw: Any) -> Path:
    options = BuildOptions(out=out, base_url=BASE, on=TODAY, data=data, **kw)
    build_site(options, catalog)
    return out


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def site(small: Catalog, small_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "out"
    return _build(small, small_data, out, pairs=PairSelection("popular", 3))


def _pairs(site: Path) -> list[str]:
    return sorted(p.stem for p in (site / "api/v1/compare").glob("*.json"))


@pytest.fixture(scope="module")
def live(small: Catalog, site: Path) -> TestClient:
    """The app as the build runs it: linking only the comparisons the build wrote."""
    app = create_app(small, today=TODAY, base_url=BASE, built_pairs=_pairs(site))
    return TestClient(app, follow_redirects=False)


def test_writes_every_kind_of_file(site: Path, small: Catalog) -> None:
    pairs = _pairs(site)
    seeds = ["gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20", "claude-opus-4-7-vs-gpt-5.5"]
    assert pairs == sorted([*seeds, "gemini-3-flash-preview-vs-gpt-5-mini"])  # the prior, in order
    for name in ("index.html", "404.html", "sitemap.xml", "robots.txt", "search-index.json", "openapi.json"):
        assert (site / name).is_file(), name
    for name in ("calculator", "methodology"):
        assert (site / name / "index.html").is_file()
    assert (site / "static/site.css").is_file()
    assert (site / "static/search.js").is_file()
    for mid, slug in small.slugs.items():
        assert (site / f"models/{slug}/index.html").is_file(), mid
        assert (site / f"api/v1/models/{slug}.json").is_file(), mid
    for pid in small.providers:
        assert (site / f"providers/{pid}/index.html").is_file()
    for pair in pairs:
        assert (site / f"compare/{pair}/index.html").is_file()
        assert (site / f"compare/{pair}.md").read_text().startswith("# ")
        assert json.loads((site / f"compare/{pair}.json").read_bytes())["path"] == f"/compare/{pair}"
    assert (site / "api/v1/models.json").is_file()
    assert (site / "api/v1/providers.json").is_file()
    assert not list(site.parent.glob("out.tmp-*")), "the temporary folder is gone"


def test_pages_and_json_equal_the_live_app(site: Path, live: TestClient) -> None:
    checked = 0
    for rel, body in _files(site).items():
        if rel.endswith("index.html") and b'http-equiv="refresh"' not in body:
            url = "/" + rel.removesuffix("index.html")
            url = url.rstrip("/") or "/"
        elif rel.startswith("api/v1/") and not rel.startswith("api/v1/compare/"):
            url = "/" + rel.removesuffix(".json")
        elif rel in ("robots.txt", "openapi.json") or re.fullmatch(r"compare/[^/]+\.(md|json)", rel):
            url = "/" + rel
        else:
            continue
        answer = live.get(url)
        assert answer.status_code == 200, url
        assert answer.content == body, url
        checked += 1
    assert checked > 60


def test_pages_link_only_what_was_built_and_forms_are_read_only(site: Path) -> None:
    built = set(_pairs(site))
    for rel, body in _files(site).items():
        if not rel.endswith(".html"):
            continue
        for pair in re.findall(r'href="/compare/([^"?#/]+)"', body.decode()):
            assert pair.removesuffix(".md").removesuffix(".json") in built, (rel, pair)
        assert b"data-live-fragment" not in body, rel  # no workload the static site cannot price
    page = (site / "compare/gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20/index.html").read_text()
    assert "<fieldset disabled>" in page
    assert "priced at the default workload" in page


def test_popular_n_builds_n_or_says_why_fewer(small: Catalog, small_data: Path, tmp_path: Path) -> None:
    from modelvs.staticsite.plan import plan_build

    web = create_app(small, today=TODAY).state.web
    five = plan_build(web, PairSelection("popular", 5), BASE)
    assert len(five.pairs) == 5
    assert five.pairs[:3] == [  # the prior first, in order, then related comparisons
        "gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20",
        "claude-opus-4-7-vs-gpt-5.5",
        "gemini-3-flash-preview-vs-gpt-5-mini",
    ]
    assert five.notes == []
    many = plan_build(web, PairSelection("popular", 10_000), BASE)
    assert len(many.pairs) < 10_000
    assert many.notes == [
        f"--pairs popular:10000 asked for 10,000 comparisons; the popular list and every model's related"
        f" comparisons hold {len(many.pairs):,}, and the build has those."
    ]


def test_json_has_a_version_and_comparisons_match_the_api(site: Path, live: TestClient) -> None:
    for path in (site / "api").rglob("*.json"):
        assert json.loads(path.read_bytes())["version"], path
    for pair in _pairs(site):
        models = pair.replace("-vs-", ",", 1)
        answer = live.get(f"/api/v1/compare?models={models}")
        assert answer.content == (site / f"api/v1/compare/{pair}.json").read_bytes()


def test_markdown_equals_the_compare_command(small: Catalog, small_data: Path) -> None:
    # The same page model: the CLI's whole Markdown (--full) is the live app's, byte for byte.
    pair = "gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20"
    on = ["--on", TODAY.isoformat()]
    args = ["compare", *pair.split("-vs-"), "-f", "md", "--full", *on, "--data", str(small_data)]
    result = CliRunner().invoke(main_app, args)
    assert result.exit_code == 0, result.output
    app = TestClient(create_app(small, today=TODAY, base_url=BASE))
    assert app.get(f"/compare/{pair}.md").text == result.stdout


def test_reverse_order_pairs_are_meta_refresh_pages(site: Path, live: TestClient) -> None:
    pair = "gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20"
    reverse = "gpt-4o-2024-11-20-vs-gemini-3.1-pro-preview"
    body = (site / f"compare/{reverse}/index.html").read_text()
    location = live.get(f"/compare/{reverse}").headers["location"]
    assert location == f"/compare/{pair}"
    assert f'content="0; url={location}"' in body
    assert f'<link rel="canonical" href="{BASE}{location}">' in body


def test_sitemap_lists_exactly_the_exported_pages(site: Path) -> None:
    locs = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text())
    pages = {
        BASE + ("/" + rel.removesuffix("index.html")).rstrip("/") if rel != "index.html" else BASE + "/"
        for rel, body in _files(site).items()
        if rel.endswith("index.html") and b'http-equiv="refresh"' not in body
    }
    assert len(locs) == len(set(locs))
    assert set(locs) == pages
    assert f"Sitemap: {BASE}/sitemap.xml" in (site / "robots.txt").read_text()


def test_search_index_is_small_and_complete(site: Path, small: Catalog) -> None:
    index = json.loads((site / "search-index.json").read_bytes())
    assert {m["id"] for m in index["models"]} == set(small.models)
    assert all({"id", "slug", "name"} <= set(m) for m in index["models"])
    assert index["pairs"] == _pairs(site)  # the search says when a comparison was not built


def test_404_page_is_the_apps_not_found_page(site: Path) -> None:
    body = (site / "404.html").read_text()
    assert "noindex" in body
    assert "There is no page at this address" in body


def test_shards_are_disjoint_and_their_union_is_the_build(
    site: Path, small: Catalog, small_data: Path, tmp_path: Path
) -> None:
    whole = _files(site)
    parts = [
        _files(
            _build(
                small,
                small_data,
                tmp_path / f"s{i}",
                pairs=PairSelection("popular", 3),
                shard=Shard(i, 2),
                jobs=i,
            )
        )
        for i in (1, 2)  # shard 2 runs on a pool of two workers
    ]
    one, two = ({k: v for k, v in p.items() if k != MARKER} for p in parts)
    assert one
    assert two
    assert not set(one) & set(two)
    assert {**one, **two, MARKER: whole[MARKER]} == whole


def test_a_failing_page_names_its_url_and_leaves_out_untouched(
    site: Path, small: Catalog, small_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    shutil.copytree(site, out)
    before = _files(out)
    import modelvs.web.pages.model_page as pages

    real = pages.model_view

    def broken(catalog: Catalog, mid: str, on: Any) -> dict[str, Any]:
        if mid == "openai/gpt-5.5":
            raise RuntimeError("boom")
        return real(catalog, mid, on)

    monkeypatch.setattr(pages, "model_view", broken)
    for jobs in (1, 2):
        with pytest.raises(BuildError) as err:
            _build(small, small_data, out, pairs=PairSelection("popular", 3), jobs=jobs)
        assert err.value.url == "/models/gpt-5.5"
        assert "boom" in err.value.detail
        assert _files(out) == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def _cli() -> typer.Typer:
    app = typer.Typer()
    build_command.register(app)
    app.command("noop")(lambda: None)  # two commands, so `build` stays a subcommand
    return app


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--shard", "3/2"], "--shard takes i/n"),
        (["--shard", "0/2"], "--shard takes i/n"),
        (["--pairs", "weird"], "--pairs takes popular:N, related or all"),
        (["--base-url", "modelvs.example"], "--base-url takes an http(s) URL"),
    ],
)
def test_bad_options_exit_2(tmp_path: Path, small_data: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(_cli(), ["build", str(tmp_path / "out"), "--data", str(small_data), *args])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not (tmp_path / "out").exists()


def test_all_pairs_refused_above_the_limit(
    tmp_path: Path, small_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_plan, "MAX_FILES", 40)
    result = CliRunner().invoke(
        _cli(), ["build", str(tmp_path / "o"), "--pairs", "all", "--data", str(small_data)]
    )
    assert result.exit_code == 2, result.output
    assert "15 comparisons" in result.output
    assert "--force" in result.output


def test_cli_builds_and_reports(tmp_path: Path, small_data: Path) -> None:
    out = tmp_path / "out"
    args = ["build", str(out), "--pairs", "popular:2", "--jobs", "1", "--on", TODAY.isoformat()]
    result = CliRunner().invoke(_cli(), [*args, "--data", str(small_data), "--base-url", BASE])
    assert result.exit_code == 0, result.output
    assert "pages/s" in result.output
    assert "2 comparisons" in result.output
    assert (out / "compare/gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20/index.html").is_file()
    again = CliRunner().invoke(_cli(), [*args, "--data", str(small_data), "--base-url", BASE])
    assert again.exit_code == 0, again.output  # a previous build is replaced


def test_cli_failure_exits_1_naming_the_url(
    tmp_path: Path, small_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import modelvs.web.pages.model_page as pages

    def broken(*args: Any) -> dict[str, Any]:
        raise RuntimeError("no facts")

    monkeypatch.setattr(pages, "model_view", broken)
    result = CliRunner().invoke(
        _cli(), ["build", str(tmp_path / "o"), "--jobs", "1", "--data", str(small_data)]
    )
    assert result.exit_code == 1, result.output
    assert re.search(r"/models/\S+ failed: RuntimeError: no facts", result.output)
    assert not (tmp_path / "o").exists()


def test_refuses_a_folder_it_did_not_write(tmp_path: Path, small_data: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me")
    result = CliRunner().invoke(_cli(), ["build", str(tmp_path), "--data", str(small_data)])
    assert result.exit_code == 2
    assert "was not written by `modelvs build`" in result.output
    assert (tmp_path / "mine.txt").read_text() == "keep me"


def test_related_pairs_are_every_models_related_pairs_and_the_prior(
    small: Catalog, small_data: Path, tmp_path: Path
) -> None:
    from modelvs.engine.compare.related import related
    from modelvs.storage import seed_pairs

    site = _build(small, small_data, tmp_path / "out", pairs=PairSelection("related"))
    wanted = {c.pair for m in small.models for g in related(small, [m], TODAY) for c in g.candidates}
    wanted |= set(seed_pairs(small))  # the three seed pairs this slice has
    assert set(_pairs(site)) == wanted
    locs = set(re.findall(r"<loc>[^<]+/compare/([^<]+)</loc>", (site / "sitemap.xml").read_text()))
    assert locs == wanted


def test_workers_must_load_the_planned_catalog(small: Catalog, tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="the worker loaded catalog"):
        _build(small, tmp_path / "missing", tmp_path / "out", pairs=PairSelection("popular", 1), jobs=2)
    assert not (tmp_path / "out").exists()


def test_a_large_sitemap_becomes_an_index(
    site: Path, small: Catalog, small_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_plan, "SITEMAP_URLS", 25)
    out = _build(small, small_data, tmp_path / "out", pairs=PairSelection("popular", 3))
    index = (out / "sitemap.xml").read_text()
    parts = sorted((out / "sitemaps").glob("*.xml"))
    assert "<sitemapindex" in index
    assert re.findall(r"<loc>([^<]+)</loc>", index) == [f"{BASE}/sitemaps/{i}.xml" for i in (1, 2, 3)]
    locs = [loc for p in parts for loc in re.findall(r"<loc>([^<]+)</loc>", p.read_text())]
    assert locs == re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text())
