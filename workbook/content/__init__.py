"""The content engine: Markdown content packs parsed and validated into pydantic models."""
