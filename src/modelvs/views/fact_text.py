"""A model fact as a reader reads it: `1,000,000` not `1000000`, `no` not `False`, labels not ids."""

from __future__ import annotations

from typing import Any

from modelvs.schema.vocab import MODEL_KIND_LABELS, ModelKind

LABELS = {
    "name": "Name",
    "kind": "Kind",
    "family": "Family",
    "status": "Status",
    "release_date": "Released",
    "knowledge_cutoff": "Knowledge cutoff",
    "context_window": "Context window",
    "max_input": "Input limit",
    "max_output": "Output limit",
    "parameters": "Parameters",
    "active_parameters": "Active parameters",
    "architecture": "Architecture",
    "license": "License",
    "open_weights": "Open weights",
    "modalities_in": "Input",
    "modalities_out": "Output",
    "deprecation_date": "Deprecated",
    "retirement_date": "Retired",
}
_TOKENS = {"context_window", "max_input", "max_output"}
_STATUS = {
    "preview": "preview",
    "current": "current",
    "deprecated": "deprecated",
    "retired": "retired",
}


def fact_label(field: str) -> str:
    return LABELS.get(field, field.replace("_", " ").capitalize())


def fact_text(field: str, value: Any) -> str:
    """`value` of the model fact `field` (as `model_view` holds it), formatted for a page."""
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        unit = " tokens" if field in _TOKENS else ""
        return f"{value:,}{unit}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    if field == "kind" and value in ModelKind.__members__.values():
        return MODEL_KIND_LABELS[ModelKind(value)]
    if field == "status":
        return _STATUS.get(str(value), str(value))
    return str(value)
