"""What a model does (text generation, embedding, image generation, ...), by stated rules.

No source states a kind for every model, so modelvs derives it from what the sources do state,
in this order: what the model outputs (modalities), then words in its id or name that name the
kind (`embed`, `rerank`, `whisper`, `tts`, `flux`, `veo`, ...). A model with none of these signs
that outputs text is a text model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from modelvs.schema.vocab import ModelKind


@dataclass(frozen=True)
class KindRule:
    id: str
    kind: ModelKind
    rule: str
    """The rule in words (shown on the methodology page)."""
    pattern: re.Pattern[str] | None = None


def _rule(rule_id: str, kind: ModelKind, rule: str, pattern: str | None = None) -> KindRule:
    return KindRule(rule_id, kind, rule, re.compile(pattern) if pattern else None)


NAME_RULES: tuple[KindRule, ...] = (
    _rule("rerank", ModelKind.RERANK, "the id or name says rerank", r"rerank"),
    _rule(
        "embedding",
        ModelKind.EMBEDDING,
        "the id or name says embed, or it is a known embedding family (bge, gte, e5, voyage, nomic)",
        r"embed|^(bge|gte|e5|multilingual-e5|voyage|nomic|all-mini|multi-qa|jina-embeddings)|-e5-",
    ),
    _rule(
        "moderation",
        ModelKind.MODERATION,
        "the id says moderation, guard, content safety or shield",
        r"moderation|guard|content-safety|shield|safeguard",
    ),
    _rule(
        "speech_to_text",
        ModelKind.SPEECH_TO_TEXT,
        "the id says whisper, transcribe, speech-to-text or stt",
        r"whisper|transcri|speech-to-text|(^|[-\s])stt($|[-\s])|^nova-[23]$|scribe",
    ),
    _rule(
        "text_to_speech",
        ModelKind.TEXT_TO_SPEECH,
        "the id says tts, text-to-speech or names a voice family (aura, orpheus, eleven)",
        r"(^|[-\s])tts($|[-\s])|text-to-speech|^aura-|orpheus|^eleven|melotts|sonic-|voice",
    ),
    _rule(
        "realtime",
        ModelKind.REALTIME_AUDIO,
        "the id says realtime or native audio",
        r"realtime|native-audio|voicechat",
    ),
    _rule(
        "music", ModelKind.MUSIC, "the id names a music model (lyria, music)", r"lyria|music|text-to-audio"
    ),
    _rule(
        "video",
        ModelKind.VIDEO,
        "the id names a video model (veo, sora, kling, runway, wan t2v, ray, seedance, hailuo)",
        r"^veo|^sora|kling|runway|t2v|i2v|^ray\d|seedance|hailuo|video-gen",
    ),
    _rule(
        "image",
        ModelKind.IMAGE,
        "the id names an image model (flux, stable diffusion, dall-e, imagen, ideogram, recraft, -image)",
        r"flux|sdxl|stable-?diffusion|dall-e|imagen|ideogram|recraft|-image($|[-\s])|^gpt-image|nano-banana|"
        r"seedream|qwen-image|hidream|playground-v|kontext|^ming-image",
    ),
    _rule("ocr", ModelKind.OCR, "the id says ocr", r"ocr"),
)
"""Rules on the model's id and name, first match wins."""


def kind_of(model_id: str, name: str, outputs: list[str], inputs: list[str]) -> tuple[ModelKind, str]:
    """The kind of a model and the id of the rule that decided it."""
    if outputs and "text" not in outputs:
        if outputs == ["embedding"]:
            return ModelKind.EMBEDDING, "outputs"
        if "image" in outputs:
            return ModelKind.IMAGE, "outputs"
        if "video" in outputs:
            return ModelKind.VIDEO, "outputs"
        if "audio" in outputs:
            return (ModelKind.REALTIME_AUDIO if "audio" in inputs else ModelKind.TEXT_TO_SPEECH), "outputs"
    text = f"{model_id.split('/', 1)[-1]} {name}".lower()
    for rule in NAME_RULES:
        if rule.pattern is not None and rule.pattern.search(text):
            return rule.kind, rule.id
    if "image" in outputs and len(outputs) <= 2:
        return ModelKind.IMAGE, "outputs"
    return ModelKind.TEXT, "text"


KIND_RULES_TEXT = (
    "A model that outputs no text is an embedding, image, video or speech model by what it outputs;"
    " otherwise words in its id name its kind ("
    + "; ".join(r.rule for r in NAME_RULES)
    + "); any other model is a text model."
)
