"""Export from inside the workbook: a Markdown file in ``<home>/exports``."""

from __future__ import annotations

from pathlib import Path

from workbook import paths
from workbook.atomic import atomic_write_text
from workbook.exports import EXPORTERS, export_text
from workbook.service import WorkbookService


def export_to_home(service: WorkbookService) -> Path:
    """Write a shareable export (no private text) and return its path."""
    fmt = "markdown" if "markdown" in EXPORTERS else "json"
    suffix = ".md" if fmt == "markdown" else ".json"
    folder = paths.ensure_private_dir(paths.home_dir() / "exports")
    path = folder / f"{service.relationship.slug}{suffix}"
    atomic_write_text(path, export_text(service, fmt, include_private=False))
    return path
