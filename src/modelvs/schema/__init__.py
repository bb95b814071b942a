"""The catalog's strict schema: one pydantic model per kind of data file."""

from modelvs.schema.base import Alternative, Citation, Sourced, Strict
from modelvs.schema.benchmark import Benchmark
from modelvs.schema.lab import Lab
from modelvs.schema.model import BenchmarkResult, Model
from modelvs.schema.pricing import PriceSchedule, PriceTier, Rates
from modelvs.schema.provider import Provider, ProviderFee
from modelvs.schema.route import Route
from modelvs.schema.source import Source

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
