"""Turning a user's REF (a slug or a path) into a relationship file path."""

from __future__ import annotations

from pathlib import Path

from workbook import paths
from workbook.errors import NotFoundError
from workbook.text import one_line


def relationship_files() -> list[Path]:
    """Every relationship file in the home folder, sorted by name (folders left out, even
    one called ``x.json``)."""
    folder = paths.relationships_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.json") if not p.name.startswith(".") and not p.is_dir())


def resolve_ref(ref: str) -> Path:
    """The file for ``ref``: an existing path, or ``<home>/relationships/<ref>.json``."""
    candidate = Path(ref).expanduser()
    if candidate.is_file():
        return candidate
    if candidate.is_dir() and ref.endswith(".json"):
        raise NotFoundError(f"{candidate} is a folder, not a relationship file")
    if "/" not in ref and not ref.endswith(".json"):
        by_slug = paths.relationship_path(ref)
        if by_slug.is_file():
            return by_slug
        if by_slug.is_dir():
            raise NotFoundError(f"{by_slug} is a folder, not a relationship file")
    known = ", ".join(p.stem for p in relationship_files()[:10])
    hint = (
        f"; known relationships: {one_line(known)}" if known else "; there are no relationships yet"
    )
    raise NotFoundError(f"no relationship called {one_line(ref)!r}{hint}")
