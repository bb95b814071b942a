"""The catalog's strict schema: one pydantic model per kind of data file.

Its names are imported when first asked for (`from modelvs.schema import Route`), so that a module
reading only the vocabulary (`modelvs.schema.vocab`) does not import pydantic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from modelvs.schema.base import Alternative, Citation, Sourced, Strict
    from modelvs.schema.benchmark import Benchmark
    from modelvs.schema.lab import Lab
    from modelvs.schema.model import BenchmarkResult, Model
    from modelvs.schema.pricing import PriceSchedule, PriceTier, Rates
    from modelvs.schema.provider import Provider, ProviderFee
    from modelvs.schema.route import Route
    from modelvs.schema.source import Source

_MODULE_OF = {
    "Alternative": "base",
    "Citation": "base",
    "Sourced": "base",
    "Strict": "base",
    "Benchmark": "benchmark",
    "Lab": "lab",
    "BenchmarkResult": "model",
    "Model": "model",
    "PriceSchedule": "pricing",
    "PriceTier": "pricing",
    "Rates": "pricing",
    "Provider": "provider",
    "ProviderFee": "provider",
    "Route": "route",
    "Source": "source",
}
__all__ = [
    "Alternative",
    "Benchmark",
    "BenchmarkResult",
    "Citation",
    "Lab",
    "Model",
    "PriceSchedule",
    "PriceTier",
    "Provider",
    "ProviderFee",
    "Rates",
    "Route",
    "Source",
    "Sourced",
    "Strict",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
