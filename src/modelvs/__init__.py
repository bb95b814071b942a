"""modelvs: an open, sourced catalog of LLMs, the routes that sell them and their prices.

The public API (see the README's "Library" section):

    import modelvs
    modelvs.price("gpt-4o-2024-11-20", input_tokens=1000, output_tokens=100, provider="openai").total
    modelvs.compare("gpt-4o-2024-11-20", "gemini-3.1-pro-preview", workload=modelvs.Workload.of(2_000_000))
    modelvs.rank(["vision"], limit=5)

Names are loaded on first use, so `import modelvs` reads no catalog and loads no web stack.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing would cost more than this module
__version__ = "0.1.0"

# Public name -> the module that defines it.
_EXPORTS = {
    "load_catalog": "modelvs.library",
    "price": "modelvs.library",
    "compare": "modelvs.library",
    "rank": "modelvs.library",
    "reprice": "modelvs.library",
    "Repricing": "modelvs.engine.reprice",
    "UsageFormatError": "modelvs.usage",
    "Price": "modelvs.library",
    "NoPriceError": "modelvs.library",
    "Catalog": "modelvs.catalog",
    "CatalogError": "modelvs.catalog",
    "UnknownModelError": "modelvs.catalog",
    "AmbiguousModelError": "modelvs.catalog",
    "NotYetReleasedError": "modelvs.catalog.lifecycle",
    "Workload": "modelvs.engine.workload",
    "Profile": "modelvs.engine.workload",
    "DEFAULT_WORKLOAD": "modelvs.engine.workload",
    "Line": "modelvs.engine.pricing",
    "Needs": "modelvs.engine.rank",
    "Ranked": "modelvs.engine.rank",
    "RouteCost": "modelvs.engine.monthly",
    "RouteSet": "modelvs.engine.monthly",
    "Comparison": "modelvs.engine.compare",
    "PriceMode": "modelvs.schema.vocab",
    "Capability": "modelvs.schema.vocab",
    "Modality": "modelvs.schema.vocab",
    "ModelKind": "modelvs.schema.vocab",
}
__all__ = [
    "DEFAULT_WORKLOAD",
    "AmbiguousModelError",
    "Capability",
    "Catalog",
    "CatalogError",
    "Comparison",
    "Line",
    "Modality",
    "ModelKind",
    "Needs",
    "NoPriceError",
    "NotYetReleasedError",
    "Price",
    "PriceMode",
    "Profile",
    "Ranked",
    "Repricing",
    "RouteCost",
    "RouteSet",
    "UnknownModelError",
    "UsageFormatError",
    "Workload",
    "__version__",
    "compare",
    "load_catalog",
    "price",
    "rank",
    "reprice",
]
# (written out so that tools read it; tests/test_public_api.py checks it against _EXPORTS)

if TYPE_CHECKING:
    from typing import Any

    from modelvs.catalog import AmbiguousModelError, Catalog, CatalogError, UnknownModelError
    from modelvs.catalog.lifecycle import NotYetReleasedError
    from modelvs.engine.compare import Comparison
    from modelvs.engine.monthly import RouteCost, RouteSet
    from modelvs.engine.pricing import Line
    from modelvs.engine.rank import Needs, Ranked
    from modelvs.engine.reprice import Repricing
    from modelvs.engine.workload import DEFAULT_WORKLOAD, Profile, Workload
    from modelvs.library import NoPriceError, Price, compare, load_catalog, price, rank, reprice
    from modelvs.schema.vocab import Capability, Modality, ModelKind, PriceMode
    from modelvs.usage import UsageFormatError


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'modelvs' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
