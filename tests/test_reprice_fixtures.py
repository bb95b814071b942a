"""Each vendor's documented example, re-priced the same through the library, the CLI and the API,
against totals worked out by hand from the labs' list prices in the catalog (USD per 1M tokens;
each rate below is the lab's own route's, on the day the row names).

Prices used (the catalog as shipped when these were written; the integrator re-checks on merge):
- GPT-4o (2024-11-20), OpenAI: input 2.50, cached 1.25, output 10; batch input 1.25, output 5.
- Gemini 3.1 Pro Preview, Google AI Studio: input 2, output 12; above 200k prompt tokens input 4,
  output 18; batch input 1, output 6, above 200k batch input 2, output 9.
- Claude Opus 4.7, Anthropic: input 5, cache read 0.50, cache write 6.25 (5 minutes) and 10 (1 hour),
  output 25; batch input 2.50, output 12.50.
- Claude Sonnet 4.6, Anthropic, since 2026-03-13: input 3, cache read 0.30, write 3.75 (5m) / 6 (1h),
  output 15; until 2026-03-13, above 200k: input 6, output 22.50.
- Claude Opus 4.1: input 15, cache read 1.50, write 18.75, output 75. Claude Sonnet 4.5: input 3,
  cache read 0.30, write 3.75, output 15.
- On OpenRouter: GPT-4o (2024-11-20) input 2.50, output 10; Claude Sonnet 4.6 input 3, output 15.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

import modelvs
from modelvs.cli import app
from modelvs.views.records import as_dict
from modelvs.views.reprice import reprice_view
from modelvs.web import create_app
from tests.usage.conftest import FIXTURES

COLUMNS = "date=Day,provider=Vendor,model=Model,input_tokens=Prompt,output_tokens=Completion,requests=Calls"

# fixture -> (extra options, rows, priced rows, re-priced total, reported total, the lines not priced)
EXPECTED: dict[str, tuple[dict[str, str], int, int, str, str | None, list[int]]] = {
    # GPT-4o: 1,000 uncached x 2.50 + 200 cached x 1.25 + 300 x 10 = 0.0025 + 0.00025 + 0.003 = 0.00575
    # Gemini 3.1 Pro, 250,000 prompt tokens (over 200k): 250,000 x 4 + 2,000 x 18 = 1.0 + 0.036 = 1.036
    # Opus 4.7: 1,000 uncached x 5 + 8,000 read x 0.50 + 1,000 written x 6.25 + 500 x 25
    #           = 0.005 + 0.004 + 0.00625 + 0.0125 = 0.02775
    # total 0.00575 + 1.036 + 0.02775 = 1.0695 (the tool span carries no usage: not a row)
    "otel.json": ({}, 3, 3, "1.0695", None, []),
    # standard: 200 uncached x 2.50 + 800 cached x 1.25 + 500 x 10 = 0.0005 + 0.001 + 0.005 = 0.0065
    # batch:    2,000 x 1.25 + 1,000 x 5 = 0.0025 + 0.005 = 0.0075; total 0.014
    "openai_usage.json": ({}, 2, 2, "0.014", None, []),
    # 2026-03-02, Sonnet 4.6 billed in the 200k-1M window: 300,000 x 6 + 2,000 x 22.50 = 1.8 + 0.045 = 1.845
    # 2026-11-03, Sonnet 4.6: 10,000 x 3 + 50,000 x 0.30 + 2,000 x 3.75 + 1,000 x 6 + 3,000 x 15
    #             = 0.03 + 0.015 + 0.0075 + 0.006 + 0.045 = 0.1035
    # 2026-11-03, Opus 4.7 batch: 4,000 x 2.50 + 1,000 x 12.50 = 0.01 + 0.0125 = 0.0225
    # total 1.845 + 0.1035 + 0.0225 = 1.971
    "anthropic_usage.json": ({}, 3, 3, "1.971", None, []),
    # on OpenRouter, GPT-4o: 50 x 2.50 + (100 + 25 reasoning) x 10 = 0.000125 + 0.00125 = 0.001375
    # Sonnet 4.6: 120,000 x 3 + (3,000 + 1,000 reasoning) x 15 = 0.36 + 0.06 = 0.42; total 0.421375
    "openrouter_activity.json": ({}, 2, 2, "0.421375", "0.421375", []),
    "openrouter_activity.csv": ({}, 2, 2, "0.421375", "0.421375", []),
    # GPT-4o: 10 x 2.50 + 20 x 10 = 0.000225
    # Sonnet 4.6: 500 uncached x 3 + 1,500 read x 0.30 + 300 x 15 = 0.0015 + 0.00045 + 0.0045 = 0.00645
    # Gemini 3.1 Pro: 1,000 x 2 + 100 x 12 = 0.002 + 0.0012 = 0.0032; total 0.009875
    # the response-cache hit is left out; llama3.1 on ollama is not in the catalog: line 6 (CSV)
    "litellm_spend.csv": ({}, 4, 3, "0.009875", "0.009875", [6]),
    "litellm_spend.json": ({}, 4, 3, "0.009875", "0.009875", [64]),
    # Opus 4.1: 100 x 15 + 512 read x 1.50 + 256 written x 18.75 + 15,000 x 75
    #           = 0.0015 + 0.000768 + 0.0048 + 1.125 = 1.132068
    # Sonnet 4.5: 177 x 3 + 512 x 0.30 + 256 x 3.75 + 16,456 x 15
    #           = 0.000531 + 0.0001536 + 0.00096 + 0.24684 = 0.2484846; total 1.3805526
    "ccusage.json": ({}, 2, 2, "1.3805526", "17.58", []),
    # GPT-4o: 600 x 2.50 + 400 cached x 1.25 + 200 x 10 = 0.0015 + 0.0005 + 0.002 = 0.004
    # Opus 4.7: 14,000 x 5 + 5,000 x 6.25 + 1,000 x 10 (1 hour) + 1,000 x 25
    #           = 0.07 + 0.03125 + 0.01 + 0.025 = 0.13625
    # Gemini 3.1 Pro batch, 300,000 (over 200k): 300,000 x 2 + 1,000 x 9 = 0.6 + 0.009 = 0.609
    # GPT-4o, 10 requests: 50,000 x 2.50 + 5,000 x 10 = 0.125 + 0.05 = 0.175
    # GPT-4o, a 200,000-token prompt: over its 128,000-token window (line 6)
    # total 0.004 + 0.13625 + 0.609 + 0.175 = 0.92425; reported 0.0045 + 0.13625 + 0.175 = 0.31575
    "usage.csv": ({}, 5, 4, "0.92425", "0.31575", [6]),
    # GPT-4o: 1,000 x 2.50 + 200 x 10 = 0.0045; Opus 4.7: 4,000 x 5 + 1,000 x 25 = 0.045; total 0.0495
    "columns.csv": ({"columns": COLUMNS}, 2, 2, "0.0495", None, []),
}


def _library(path: Path, options: dict[str, str]) -> dict[str, Any]:
    return as_dict(reprice_view(modelvs.reprice(path, suggest=0, **options)))  # type: ignore[arg-type]


def _cli(path: Path, options: dict[str, str]) -> dict[str, Any]:
    args = ["reprice", str(path), "--as", "gpt-4o-2024-11-20", "--format", "json"]
    args += [a for name, value in options.items() for a in (f"--{name}", value)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    view: dict[str, Any] = json.loads(result.output)
    return view


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(modelvs.load_catalog()))


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("shell", ["library", "cli", "api"])
def test_each_documented_example_reprices_to_its_hand_worked_total(
    shell: str, name: str, client: TestClient
) -> None:
    options, rows, priced, total, reported, unpriced = EXPECTED[name]
    path = FIXTURES / name
    if shell == "library":
        view = _library(path, options)
    elif shell == "cli":
        view = _cli(path, options)
    else:
        response = client.post(
            "/api/v1/reprice", params={"as": "gpt-4o-2024-11-20", **options}, content=path.read_bytes()
        )
        assert response.status_code == 200, response.text
        view = response.json()
    assert (view["rows"], view["priced_rows"]) == (rows, priced)
    assert Decimal(view["repriced_total"]) == Decimal(total)
    assert view["reported_total"] == reported
    assert [u["line"] for u in view["unpriced"]] == unpriced
    assert view["unpriced_rows"] == len(unpriced)
