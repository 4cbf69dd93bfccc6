"""Turning a user's REF (a slug or a path) into a relationship file path, and telling a
relationship file of this home from a copy received from someone else."""

from __future__ import annotations

from pathlib import Path

from workbook import paths
from workbook.errors import NotFoundError
from workbook.locking import lock_path_for
from workbook.text import one_line


def relationship_files() -> list[Path]:
    """Every relationship file in the home folder, sorted by name (folders left out, even
    one called ``x.json``)."""
    folder = paths.relationships_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.json") if not p.name.startswith(".") and not p.is_dir())


def was_opened_in_place(path: Path) -> bool:
    """True when ``path`` has been opened as a relationship file where it is: its ``.lock``
    is there, or (for a ``*.json`` file) its ``.bak``. A file received from someone else has
    neither."""
    if lock_path_for(path).exists():
        return True
    return path.suffix.lower() == ".json" and path.with_name(path.name + ".bak").exists()


def is_in_home(path: Path) -> bool:
    """True when ``path`` is in the home's ``relationships`` or ``archive`` folder."""
    try:
        folder = path.resolve().parent
        return folder in (
            paths.relationships_dir().resolve(),
            (paths.home_dir() / "archive").resolve(),
        )
    except (OSError, RuntimeError):
        return False


def is_received_copy(path: Path) -> bool:
    """True when opening ``path`` imports it (see :mod:`workbook.received`): it is neither in
    this home nor a relationship file kept and opened elsewhere."""
    return not is_in_home(path) and not was_opened_in_place(path)


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
