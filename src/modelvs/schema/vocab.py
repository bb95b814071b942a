"""Closed vocabularies: every value the catalog may use for these fields is listed here.

Data files refer to these by id; an id that is not listed fails validation at load time.
"""

from __future__ import annotations

from enum import StrEnum


class ModelStatus(StrEnum):
    """Lifecycle of a model or of one route serving it: one vocabulary in data, JSON, pages and CLI."""

    PREVIEW = "preview"
    """Served before general availability (preview, beta, experimental)."""
    CURRENT = "current"
    """Generally available and neither deprecated nor retired."""
    DEPRECATED = "deprecated"
    """Still served, with a retirement announced or expected (see `deprecation_date`)."""
    RETIRED = "retired"
    """No longer served by the lab (see `retirement_date`)."""


class ModelKind(StrEnum):
    """What a model does: default answers compare like with like (text generation)."""

    TEXT = "text"
    """Generates text (chat, completion, reasoning), whatever else it accepts."""
    EMBEDDING = "embedding"
    RERANK = "rerank"
    IMAGE = "image"
    """Generates images."""
    VIDEO = "video"
    """Generates video."""
    SPEECH_TO_TEXT = "speech_to_text"
    TEXT_TO_SPEECH = "text_to_speech"
    REALTIME_AUDIO = "realtime_audio"
    """Speech in, speech out (realtime voice models)."""
    MUSIC = "music"
    MODERATION = "moderation"
    """Classifies content (moderation, guard models)."""
    OCR = "ocr"
    """Reads documents into text."""


MODEL_KIND_LABELS: dict[ModelKind, str] = {
    ModelKind.TEXT: "Text generation",
    ModelKind.EMBEDDING: "Embedding",
    ModelKind.RERANK: "Rerank",
    ModelKind.IMAGE: "Image generation",
    ModelKind.VIDEO: "Video generation",
    ModelKind.SPEECH_TO_TEXT: "Speech to text",
    ModelKind.TEXT_TO_SPEECH: "Text to speech",
    ModelKind.REALTIME_AUDIO: "Realtime audio",
    ModelKind.MUSIC: "Music generation",
    ModelKind.MODERATION: "Moderation",
    ModelKind.OCR: "Document OCR",
}


class ProviderTrust(StrEnum):
    """How far a provider's listings are trusted for default answers, in order."""

    FIRST_PARTY = "first_party"
    """The lab's own API, for the lab's own models."""
    MAJOR_CLOUD = "major_cloud"
    """A hyperscaler or large cloud platform reselling models under its own terms."""
    ESTABLISHED = "established"
    """A well-known inference host or aggregator with public per-token list prices."""
    RESELLER = "reseller"
    """Any other reseller, proxy or gateway: shown, never a default answer."""


TRUST_RANK: dict[ProviderTrust, int] = {trust: rank for rank, trust in enumerate(ProviderTrust)}
"""Each trust level's place in the enum's order, first-party 0: the key of every tie-break by trust."""

VETTED_TRUST: frozenset[ProviderTrust] = frozenset(
    {ProviderTrust.FIRST_PARTY, ProviderTrust.MAJOR_CLOUD, ProviderTrust.ESTABLISHED}
)
"""Trust levels whose routes default answers (verdict, headline cost, rank) may use."""

TRUST_LABELS: dict[ProviderTrust, str] = {
    ProviderTrust.FIRST_PARTY: "lab's own API",
    ProviderTrust.MAJOR_CLOUD: "major cloud",
    ProviderTrust.ESTABLISHED: "established host",
    ProviderTrust.RESELLER: "other reseller",
}


class VariantKind(StrEnum):
    """What a route variant changes about how a provider serves a model (never a model of its own)."""

    THINKING = "thinking"
    """Reasoning (thinking) switched on, where the lab sells one model with a switch."""
    NON_THINKING = "non_thinking"
    """Reasoning switched off."""
    EFFORT = "effort"
    """A reasoning-effort setting (`low`, `high`, ...): the qualifier names it."""
    FAST = "fast"
    """Faster serving at its own price."""
    QUANTIZED = "quantized"
    """Served at reduced precision (`fp8`, `fp4`, `6bit`): the qualifier names it."""
    TEE = "tee"
    """Served inside a trusted execution environment."""
    ALIAS = "alias"
    """Another id of the same model with its own price (a `-latest` pointer, a dated id)."""
    EXTENDED = "extended"
    """A longer-context or otherwise extended listing."""
    ONLINE = "online"
    """With the provider's web search attached."""
    SELF_MODERATED = "self_moderated"
    """Without the reseller's own moderation layer (OpenRouter's former `:beta` ids)."""


class ProviderKind(StrEnum):
    """Who sells access; also the tie-break order between equally priced routes."""

    FIRST_PARTY = "first-party"
    """The lab's own API (OpenAI API for OpenAI models)."""
    CLOUD = "cloud"
    """A cloud or inference host that serves models on its own infrastructure."""
    AGGREGATOR = "aggregator"
    """A router that resells other providers' endpoints (OpenRouter)."""


class Modality(StrEnum):
    """What a model takes in or gives out."""

    TEXT = "text"
    IMAGE = "image"
    AUDIO = "audio"
    VIDEO = "video"
    PDF = "pdf"
    EMBEDDING = "embedding"


class PriceMode(StrEnum):
    """A service tier or processing mode with its own price schedule."""

    STANDARD = "standard"
    BATCH = "batch"
    FLEX = "flex"
    PRIORITY = "priority"
    FREE = "free"
    """A rate-limited free tier: shown, never used to price a workload unless asked."""
    OFF_PEAK = "off_peak"
    """A discounted rate outside the provider's peak hours (DeepSeek): shown, not used unless asked."""


class ThresholdComparison(StrEnum):
    """How a prompt-token count is compared with a tier's threshold (providers differ)."""

    GT = ">"
    GE = ">="


class Capability(StrEnum):
    """Features a model or route may support; each is yes, no or unknown (absent)."""

    VISION = "vision"
    AUDIO_INPUT = "audio_input"
    VIDEO_INPUT = "video_input"
    PDF_INPUT = "pdf_input"
    REASONING = "reasoning"
    FUNCTION_CALLING = "function_calling"
    TOOL_CHOICE = "tool_choice"
    PARALLEL_TOOL_CALLS = "parallel_tool_calls"
    STRUCTURED_OUTPUTS = "structured_outputs"
    JSON_MODE = "json_mode"
    CODE_EXECUTION = "code_execution"
    COMPUTER_USE = "computer_use"
    WEB_SEARCH = "web_search"
    PROMPT_CACHING = "prompt_caching"
    SYSTEM_MESSAGES = "system_messages"
    TEMPERATURE = "temperature"
    AUDIO_OUTPUT = "audio_output"
    IMAGE_OUTPUT = "image_output"


CAPABILITY_LABELS: dict[Capability, str] = {
    Capability.VISION: "Vision (image input)",
    Capability.AUDIO_INPUT: "Audio input",
    Capability.VIDEO_INPUT: "Video input",
    Capability.PDF_INPUT: "PDF input",
    Capability.REASONING: "Reasoning (thinking)",
    Capability.FUNCTION_CALLING: "Function calling",
    Capability.TOOL_CHOICE: "Tool choice",
    Capability.PARALLEL_TOOL_CALLS: "Parallel tool calls",
    Capability.STRUCTURED_OUTPUTS: "Structured outputs",
    Capability.JSON_MODE: "JSON mode",
    Capability.CODE_EXECUTION: "Code execution",
    Capability.COMPUTER_USE: "Computer use",
    Capability.WEB_SEARCH: "Web search",
    Capability.PROMPT_CACHING: "Prompt caching",
    Capability.SYSTEM_MESSAGES: "System messages",
    Capability.TEMPERATURE: "Temperature control",
    Capability.AUDIO_OUTPUT: "Audio output",
    Capability.IMAGE_OUTPUT: "Image output",
}


CAPABILITY_INPUTS: dict[Capability, Modality] = {
    Capability.VISION: Modality.IMAGE,
    Capability.AUDIO_INPUT: Modality.AUDIO,
    Capability.VIDEO_INPUT: Modality.VIDEO,
    Capability.PDF_INPUT: Modality.PDF,
}
"""A capability that is an input modality: vision means image input, and so on (always agree)."""
CAPABILITY_OUTPUTS: dict[Capability, Modality] = {
    Capability.AUDIO_OUTPUT: Modality.AUDIO,
    Capability.IMAGE_OUTPUT: Modality.IMAGE,
}
"""A capability that is an output modality."""


class Unit(StrEnum):
    """Per-unit fees that are not per token."""

    REQUEST = "request"
    """Per API request."""
    WEB_SEARCH = "web_search"
    """Per search query run by the provider (grounding, web search tool)."""
    IMAGE_OUTPUT = "image_output"
    """Per generated image."""
    AUDIO_SECOND = "audio_second"
    """Per second of audio."""


class SourceKind(StrEnum):
    """How a data source is read."""

    PACKAGE = "package"
    FILE = "file"
    URL = "url"
    CURATED = "curated"
    """Reviewed by hand against the cited page; never overwritten by an import."""
    RULES = "rules"
    """Derived by modelvs' own stated rules; recomputed on every sync, below every other source."""


class FeeKind(StrEnum):
    """Provider fees that apply outside token prices."""

    CREDIT_PURCHASE = "credit_purchase"
    """A percentage charged when buying prepaid credits (with an optional minimum)."""
    REQUEST_MARKUP = "request_markup"
    """A percentage added to every request's token cost."""
