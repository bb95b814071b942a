"""View models: plain, typed data built from the catalog, rendered by HTML, JSON, Markdown or text."""
