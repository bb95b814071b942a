"""A provider: who sells access to models, and the fees it charges on every request."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from modelvs.schema.base import Money, Name, Sourced, Strict, Text, Url
from modelvs.schema.vocab import FeeKind, ProviderKind, ProviderTrust


class ProviderFee(Strict):
    """A fee outside token prices (OpenRouter's 5.5% on credit purchases)."""

    kind: FeeKind
    """What the fee is charged on."""
    percent: Decimal = Field(ge=0, le=100)
    """Percentage of the amount it applies to."""
    minimum_usd: Money | None = None
    """Smallest fee charged per purchase, when there is one."""
    description: Text
    """One sentence a reader can check against the cited page."""
    citation: str
    """Key into the provider's `citations`."""


class Provider(Sourced):
    """Who sells access (OpenAI API, Vertex AI, OpenRouter). Id is the file name."""

    name: Name
    """Display name."""
    kind: ProviderKind
    """First-party, cloud or aggregator; also the tie-break order between equal prices."""
    trust: ProviderTrust = ProviderTrust.RESELLER
    """How far its listings are trusted for default answers; an unreviewed provider is a reseller."""
    trust_reason: Text | None = None
    """Why it has that trust level, in one sentence a reader can check against the cited page."""
    lab: str | None = None
    """For first-party providers, the lab whose API this is."""
    region: str | None = None
    """Where its prices apply when it serves one market only (`cn`: mainland China endpoints,
    priced for that market); a lab's reference price is its route with no region."""
    url: Url | None = None
    """Home page."""
    api_url: str | None = None
    """Base URL of the API, when published."""
    docs_url: Url | None = None
    """Model documentation."""
    pricing_urls: list[Url] = Field(default_factory=list)
    """Pages where the provider publishes its prices."""
    fees: list[ProviderFee] = Field(default_factory=list)
    """Fees that apply to every purchase or request."""
