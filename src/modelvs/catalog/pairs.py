"""A comparison of two models as the site names it: `a-vs-b`, their slugs sorted.

The one place the rule is written: pages, redirects, the popular list, related comparisons, the
static build and the CLI's page path all name a pair with `pair_slug`.
"""

from __future__ import annotations

from modelvs.catalog.catalog import Catalog

SEPARATOR = "-vs-"


def pair_slug(catalog: Catalog, a: str, b: str) -> str:
    """The canonical comparison slug of two model ids: their site slugs sorted, joined by `-vs-`."""
    return SEPARATOR.join(sorted((catalog.slugs[a], catalog.slugs[b])))
