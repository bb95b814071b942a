"""A model: provider-agnostic facts, capabilities, aliases and benchmark results."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import Field

from modelvs.schema.base import Name, Slug, Sourced, Strict, Text
from modelvs.schema.vocab import Capability, Modality, ModelKind, ModelStatus

KnowledgeCutoff = str
"""`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as precise as the source says."""


class BenchmarkResult(Strict):
    """One score of one model on one registered benchmark (and category, version, setting)."""

    benchmark: Slug
    """Id of a registered benchmark (`data/benchmarks/<id>.toml`)."""
    category: Slug | None = None
    """One of the benchmark's registered categories (`coding` on the Arena), if it has them."""
    version: Text | None = None
    """Benchmark version or subset, when the source names one."""
    setting: Text | None = None
    """The model's setting for the run as the source names it (`High`, `32k thinking tokens`)."""
    harness: Text | None = None
    """Scaffold, settings or evaluator used (`pass@1`, `agentless`, edit format `diff`)."""
    score: Decimal
    """The score in the benchmark's metric."""
    low: Decimal | None = None
    """Lower end of the published 95% interval."""
    high: Decimal | None = None
    """Upper end of the published 95% interval."""
    samples: int | None = Field(default=None, ge=0)
    """Votes (a rating) or cases run (a test suite) behind the score."""
    rank: int | None = Field(default=None, ge=1)
    """The source's own rank for the score, when it publishes one."""
    measures: dict[Slug, Decimal] = Field(default_factory=dict)
    """Further measures of the same run the benchmark registers (`run_cost`, `seconds_per_case`)."""
    source_name: Text | None = None
    """The name the source gives the model (`Claude Opus 4.7 (High)`), for checking the join."""
    date: dt.date
    """When the score was published."""
    self_reported: bool
    """True when the model's own lab published it; false for independent results."""
    citation: str
    """Key into the record's `citations`."""


MODEL_FACTS = (
    "name",
    "kind",
    "family",
    "status",
    "release_date",
    "knowledge_cutoff",
    "context_window",
    "max_input",
    "max_output",
    "parameters",
    "active_parameters",
    "architecture",
    "license",
    "open_weights",
    "modalities_in",
    "modalities_out",
    "capabilities",
    "deprecation_date",
    "retirement_date",
    "first_listed",
    "billed_as",
)
"""The model's facts, in the order pages show them: each needs a source when set."""


class Model(Sourced):
    """Facts about one model, whoever serves it. Id is `lab/model` from the file path."""

    name: Name
    """Display name (`GPT-4o (2024-11-20)`)."""
    kind: ModelKind | None = None
    """What the model does (text generation, embedding, image generation, ...); absent: unknown."""
    family: Name | None = None
    """Family id (`gpt-4o`, `gemini-pro`)."""
    status: ModelStatus | None = None
    """Preview, current, deprecated or retired; absent when no source says (read as current unless
    a deprecation or retirement date has come: `catalog.lifecycle.stage`)."""
    release_date: dt.date | None = None
    """Public release date, as the lab states it."""
    first_listed: dt.date | None = None
    """The first date a source listed the model or priced it: a stand-in shown as "first listed"
    where no source states a release date, never as the release date."""
    knowledge_cutoff: KnowledgeCutoff | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    """Training data cutoff, as precise as the source says."""
    context_window: int | None = Field(default=None, gt=0)
    """Total tokens per request (input + output) the model accepts."""
    max_input: int | None = Field(default=None, gt=0)
    """Input token limit, where it differs from the context window."""
    max_output: int | None = Field(default=None, gt=0)
    """Most tokens one response may contain."""
    parameters: int | None = Field(default=None, gt=0)
    """Total parameters, only when the lab discloses them; rumours are not specs."""
    active_parameters: int | None = Field(default=None, gt=0)
    """Parameters active per token for mixture-of-experts models, when disclosed."""
    architecture: Text | None = None
    """Disclosed architecture (`dense transformer`, `mixture of experts`)."""
    license: Name | None = None
    """License of the weights or terms of use (`proprietary`, `apache-2.0`)."""
    open_weights: bool | None = None
    """Whether the weights can be downloaded."""
    modalities_in: list[Modality] = Field(default_factory=list)
    """What the model accepts."""
    modalities_out: list[Modality] = Field(default_factory=list)
    """What the model produces."""
    capabilities: dict[Capability, bool] = Field(default_factory=dict)
    """Yes or no per capability; a capability not listed is unknown."""
    deprecation_date: dt.date | None = None
    """When the lab announced or schedules deprecation."""
    retirement_date: dt.date | None = None
    """When the model stops being served."""
    billed_as: str | None = None
    """The model (`lab/model`) the lab bills this one's id as now, where a source says so (xAI
    bills a retired Grok id at Grok 4.3's rates)."""
    aliases: dict[str, list[str]] = Field(default_factory=dict)
    """Ids other sources use for this model, by source id."""
    benchmarks: list[BenchmarkResult] = Field(default_factory=list)
    """Published benchmark scores."""
    reviewed: dt.date | None = None
    """When a person last reviewed this record against its citations."""
