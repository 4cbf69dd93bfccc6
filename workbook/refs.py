"""Turning a user's REF (a slug or a path) into a relationship file path."""

from __future__ import annotations

from pathlib import Path

from workbook import paths
from workbook.errors import NotFoundError


def relationship_files() -> list[Path]:
    """Every relationship file in the home folder, sorted by name."""
    folder = paths.relationships_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))


def resolve_ref(ref: str) -> Path:
    """The file for ``ref``: an existing path, or ``<home>/relationships/<ref>.json``."""
    candidate = Path(ref).expanduser()
    if candidate.is_file():
        return candidate
    if "/" not in ref and not ref.endswith(".json"):
        by_slug = paths.relationship_path(ref)
        if by_slug.is_file():
            return by_slug
    known = ", ".join(p.stem for p in relationship_files()[:10])
    hint = f"; known relationships: {known}" if known else "; there are no relationships yet"
    raise NotFoundError(f"no relationship called {ref!r}{hint}")
