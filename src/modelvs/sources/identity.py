"""Canonical ids: which lab made a model, and the one id every source's name maps to.

Pure rules from a model id as a source writes it (`deepseek-ai/DeepSeek-V3.2`,
`us.anthropic.claude-sonnet-4-5-20250929-v1:0`, `gpt-4o`) to `lab/model`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from modelvs.catalog.names import name_key

LABS: dict[str, tuple[str, str]] = {
    "openai": ("OpenAI", "https://openai.com"),
    "anthropic": ("Anthropic", "https://www.anthropic.com"),
    "google": ("Google", "https://deepmind.google"),
    "meta": ("Meta", "https://ai.meta.com"),
    "mistral": ("Mistral AI", "https://mistral.ai"),
    "deepseek": ("DeepSeek", "https://www.deepseek.com"),
    "xai": ("xAI", "https://x.ai"),
    "alibaba": ("Alibaba (Qwen)", "https://qwenlm.github.io"),
    "amazon": ("Amazon", "https://aws.amazon.com/ai/generative-ai/nova/"),
    "cohere": ("Cohere", "https://cohere.com"),
    "moonshot": ("Moonshot AI", "https://www.moonshot.ai"),
    "zhipu": ("Z.ai (Zhipu AI)", "https://z.ai"),
    "minimax": ("MiniMax", "https://www.minimax.io"),
    "microsoft": ("Microsoft", "https://azure.microsoft.com/en-us/products/phi"),
    "nvidia": ("NVIDIA", "https://www.nvidia.com/en-us/ai/"),
    "ibm": ("IBM", "https://www.ibm.com/granite"),
    "perplexity": ("Perplexity", "https://www.perplexity.ai"),
    "ai21": ("AI21 Labs", "https://www.ai21.com"),
    "nous": ("Nous Research", "https://nousresearch.com"),
    "baidu": ("Baidu", "https://yiyan.baidu.com"),
    "tencent": ("Tencent", "https://hunyuan.tencent.com"),
    "bytedance": ("ByteDance", "https://seed.bytedance.com"),
    "stepfun": ("StepFun", "https://www.stepfun.com"),
    "01-ai": ("01.AI", "https://www.01.ai"),
    "allenai": ("Ai2", "https://allenai.org"),
    "liquid": ("Liquid AI", "https://www.liquid.ai"),
    "xiaomi": ("Xiaomi", "https://mimo.xiaomi.com"),
    "inclusionai": ("inclusionAI (Ant Group)", "https://huggingface.co/inclusionAI"),
    "arcee": ("Arcee AI", "https://www.arcee.ai"),
    "upstage": ("Upstage", "https://www.upstage.ai"),
    "inception": ("Inception", "https://www.inceptionlabs.ai"),
    "sarvam": ("Sarvam AI", "https://www.sarvam.ai"),
}
"""Labs we name ourselves; any other lab takes its id from the organisation prefix."""

_ORG_TO_LAB: dict[str, str] = {
    "openai": "openai",
    "anthropic": "anthropic",
    "google": "google",
    "gemini": "google",
    "vertex-ai": "google",
    "meta-llama": "meta",
    "meta": "meta",
    "facebook": "meta",
    "mistralai": "mistral",
    "mistral": "mistral",
    "deepseek-ai": "deepseek",
    "deepseek": "deepseek",
    "qwen": "alibaba",
    "alibaba": "alibaba",
    "alibaba-nlp": "alibaba",
    "x-ai": "xai",
    "xai": "xai",
    "cohere": "cohere",
    "cohereforai": "cohere",
    "coherelabs": "cohere",
    "moonshotai": "moonshot",
    "moonshot": "moonshot",
    "kimi": "moonshot",
    "zai-org": "zhipu",
    "z-ai": "zhipu",
    "zai": "zhipu",
    "thudm": "zhipu",
    "zhipuai": "zhipu",
    "minimax": "minimax",
    "minimaxai": "minimax",
    "microsoft": "microsoft",
    "nvidia": "nvidia",
    "amazon": "amazon",
    "ibm-granite": "ibm",
    "ibm": "ibm",
    "perplexity": "perplexity",
    "ai21": "ai21",
    "ai21labs": "ai21",
    "nousresearch": "nous",
    "baidu": "baidu",
    "tencent": "tencent",
    "bytedance": "bytedance",
    "bytedance-seed": "bytedance",
    "stepfun-ai": "stepfun",
    "stepfun": "stepfun",
    "01-ai": "01-ai",
    "allenai": "allenai",
    "liquid": "liquid",
    "liquidai": "liquid",
    "xiaomimimo": "xiaomi",
    "xiaomi": "xiaomi",
    "inclusionai": "inclusionai",
    "arcee-ai": "arcee",
    "upstage": "upstage",
    "inception": "inception",
    "sarvam": "sarvam",
    "sarvamai": "sarvam",
    "codellama": "meta",
    "ai21-labs": "ai21",
    "meituan-longcat": "meituan",
    "fireworks-ai": "fireworks",
    "voyageai": "voyage",
    "abacusai": "abacus",
    "featherless-ai": "featherless",
    "primeintellect": "prime-intellect",
    "bfl": "black-forest-labs",
    "togethercomputer": "together",
    "thedrummer-2": "thedrummer",
    "twelvelabs": "twelvelabs",
    "writer": "writer",
    "baai": "baai",
    "intfloat": "intfloat",
    "rekaai": "reka",
    "reka": "reka",
}
LAB_ALIASES: dict[str, str] = {
    org: lab for org, lab in _ORG_TO_LAB.items() if org != lab and org not in {"gemini", "vertex-ai"}
}
"""Organisation ids that name a lab by another id: a model filed under one belongs to the lab."""

_NAME_TO_LAB: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), lab)
    for pattern, lab in (
        (
            r"^(gpt|o[1-9]\b|o[1-9]-|chatgpt|codex|text-embedding|dall-e|whisper|tts-|davinci|babbage|computer-use)",
            "openai",
        ),
        (r"^claude", "anthropic"),
        (
            r"^(gemini|gemma|palm|learnlm|imagen|veo|nano-banana|medlm|text-unicorn)|-(bison|gecko)\b",
            "google",
        ),
        (r"nemotron", "nvidia"),
        (r"^(llama|meta-llama|muse)", "meta"),
        (
            r"^(mistral|mixtral|codestral|ministral|pixtral|magistral|devstral|voxtral|open-mistral|open-mixtral)",
            "mistral",
        ),
        (r"^deepseek", "deepseek"),
        (r"^(qwen|qwq|qvq)", "alibaba"),
        (r"^grok", "xai"),
        (r"^(command|c4ai|aya|embed-(english|multilingual|v\d))", "cohere"),
        (r"^(kimi|moonshot)", "moonshot"),
        (r"^(glm|chatglm|cogview)", "zhipu"),
        (r"^(minimax|abab)", "minimax"),
        (r"^(phi-?\d|mai-)", "microsoft"),
        (r"^(nova|titan)", "amazon"),
        (r"^granite", "ibm"),
        (r"^sonar", "perplexity"),
        (r"^jamba", "ai21"),
        (r"^hermes", "nous"),
        (r"^ernie", "baidu"),
        (r"^hunyuan", "tencent"),
        (r"^(doubao|seed-)", "bytedance"),
        (r"^step-", "stepfun"),
        (r"^yi-", "01-ai"),
        (r"^(olmo|tulu|molmo)", "allenai"),
        (r"^lfm", "liquid"),
        (r"^mimo", "xiaomi"),
        (r"^(ling|ring)-", "inclusionai"),
        (r"^solar", "upstage"),
        (r"^mercury", "inception"),
        (r"^(opus|sonnet|haiku)-\d", "anthropic"),
        (r"^(baichuan)", "baichuan"),
        (r"^(palmyra)", "writer"),
        (r"^(pegasus|marengo)", "twelvelabs"),
        (r"^(reka)-", "reka"),
        (r"^(luminous)", "aleph-alpha"),
        (r"^(bge|bge-reranker)", "baai"),
        (r"^(flux)", "black-forest-labs"),
        (r"^(voyage)", "voyage"),
        (r"^(dbrx|mpt-)", "databricks"),
        (r"^(snowflake-arctic|arctic-)", "snowflake"),
        (r"^(longcat)", "meituan"),
        (r"^(gpt-oss|text-embedding|omni-moderation)", "openai"),
    )
)

_REGION_PREFIX = re.compile(r"^(us|eu|apac|au|ca|jp|in|global|us-gov)\.")
_BEDROCK_VERSION = re.compile(r"-v1(:0)?$")
"""Bedrock's API revision suffix; other `-vN:M` endings are real model versions (`titan-embed-text-v2:0`)."""
_INVALID = re.compile(r"[^a-z0-9._+-]+")


@dataclass(frozen=True)
class Identity:
    """Where a source's model id lands: the lab, the model part, and the join key."""

    lab: str
    model: str

    @property
    def id(self) -> str:
        return f"{self.lab}/{self.model}"

    @property
    def key(self) -> str:
        """Join key: two sources' ids with the same key are the same model."""
        return f"{self.lab}/{name_key(self.model)}"


def lab_for_org(org: str) -> str | None:
    """The lab an organisation prefix names (`meta-llama` -> `meta`), if we know it."""
    return _ORG_TO_LAB.get(org.lower())


def is_router(model_id: str) -> bool:
    """Whether an id names a router that picks another model per request (`openrouter/auto`)."""
    return ROUTERS.match(model_id.rsplit("/", 1)[-1].lower()) is not None


def lab_for_name(model: str) -> str | None:
    """The lab a model name points at (`claude-...` -> `anthropic`), if a rule knows it."""
    lowered = model.lower()
    for pattern, lab in _NAME_TO_LAB:
        if pattern.search(lowered):
            return lab
    return None


def slugify(text: str) -> str:
    """A catalog id segment: lower case, only `a-z0-9._+-`."""
    slug = _INVALID.sub("-", text.strip().lower()).strip("-.")
    return re.sub(r"-{2,}", "-", slug) or "unnamed"


def split_source_id(source_id: str) -> tuple[str | None, str]:
    """(organisation prefix, bare model id) from the many shapes sources use."""
    raw = source_id.strip()
    if "/" in raw:
        parts = [p for p in raw.split("/") if p and p not in {"accounts", "models", "@cf", "@hf"}]
        if len(parts) >= 2:
            return parts[-2], parts[-1]
        return None, parts[-1] if parts else raw
    bare = _REGION_PREFIX.sub("", raw)
    if "." in bare:
        org, rest = bare.split(".", 1)
        if org.lower() in _ORG_TO_LAB:
            return org, _BEDROCK_VERSION.sub("", rest)
    return None, raw


_HOST_PREFIX = re.compile(
    r"^(databricks|duo-chat|azure|groq|alicloud|coding|umans|fw|system\.ai\.|system-ai-)-?", re.IGNORECASE
)
_ORG_PREFIX = re.compile(r"^([a-z0-9]+(?:-(?:org|ai|llama))?)--?")
_FIREWORKS_POINT = re.compile(r"(?<=\d)p(?=\d)")
"""Fireworks writes the point of a version as `p`: `qwen3p6-plus`, `kimi-k2p5`, `llama-v3p1-8b`."""
ROUTERS = re.compile(
    r"^(auto|auto-model.*|router|model-router|route-llm|firerouter|auto-instant|custom|jev-router)$"
)
"""Ids of routers that pick another model per request: not models."""
_FREE_SUFFIX = re.compile(r"(:free|-free)$", re.IGNORECASE)


def strip_host_decoration(bare: str) -> tuple[str | None, str]:
    """Undo hosts' renames: `databricks-gpt-5`, `openai-gpt-5.4-mini`, `anthropic--claude-4.5-opus`,
    `zai-org-glm-4.7`."""
    bare = _FREE_SUFFIX.sub("", _HOST_PREFIX.sub("", bare))
    for match in (_ORG_PREFIX.match(bare.lower()), re.match(r"^([a-z0-9]+)-", bare.lower())):
        if match is None:
            continue
        head, rest = match.group(1), bare[match.end() :].lstrip("-")
        lab = lab_for_org(head)
        if lab is not None and rest and lab_for_name(rest) == lab:
            return head, rest
    return None, bare


def undo_fireworks_naming(bare: str) -> str:
    """`llama-v3p1-8b-instruct` -> `llama-3.1-8b-instruct`; `qwen3p6-plus` -> `qwen3.6-plus`."""
    return re.sub(r"^llama-v(\d)", r"llama-\1", _FIREWORKS_POINT.sub(".", bare))


def identify(
    source_id: str,
    *,
    provider_lab: str | None = None,
    lab_hint: str | None = None,
    provider: str | None = None,
) -> Identity:
    """The canonical identity of a model id as one source writes it.

    `provider_lab` is the lab whose own API lists the id (first-party providers, which
    also host other labs' models); `lab_hint` is a lab id a source states outright. The
    hint, the id's organisation prefix, the name rules, then the provider's lab decide;
    an unknown organisation becomes a lab, and a model nobody else names is the provider's own.
    """
    fireworks = "accounts/fireworks/" in source_id or provider in {"fireworks-ai", "firepass"}
    org, bare = split_source_id(source_id)
    if org is None:
        org, bare = strip_host_decoration(bare)
    if fireworks:
        bare = undo_fireworks_naming(bare)
    if re.match(r"^(opus|sonnet|haiku)-\d", bare.lower()):
        bare = f"claude-{bare}"  # GitLab Duo's `opus-4-7`
    org_lab = lab_for_org(org) if org else None
    if org_lab is not None and org_lab == provider_lab and lab_for_name(bare) not in (None, org_lab):
        org_lab = None  # a lab's API prefixing another lab's model with its own name (`perplexity/glm-5.3`)
    lab = (
        lab_hint
        or org_lab
        or lab_for_name(bare)
        or provider_lab
        or (slugify(org) if org else None)
        or provider
        or "unknown"
    )
    return Identity(lab=LAB_ALIASES.get(lab, lab), model=slugify(bare))
