"""The home folder's relationships as the home screen uses them: list, summarise, archive,
restore. The screens call these; none of them moves or reads a relationship file itself."""

from __future__ import annotations

from pathlib import Path

from workbook.archive import archive_relationship, archived_files, unarchive_relationship
from workbook.refs import relationship_files
from workbook.store import restore_backup
from workbook.summary import PackLookup, RelationshipSummary, summarize


def summaries(pack_for: PackLookup | None = None) -> list[RelationshipSummary]:
    """A summary of every relationship in the home folder (damaged files as problem rows)."""
    return [summarize(path, pack_for) for path in relationship_files()]


def archived_summaries(pack_for: PackLookup | None = None) -> list[RelationshipSummary]:
    """A summary of every archived relationship."""
    return [summarize(path, pack_for) for path in archived_files()]


def archive(path: Path) -> Path:
    """Archive the relationship at ``path``; return its archived path (to undo with
    :func:`restore_archived`)."""
    return archive_relationship(path)


def restore_archived(path: Path) -> Path:
    """Bring the archived relationship at ``path`` back to the list; return its path there."""
    return unarchive_relationship(path)


def restore_last_good_copy(path: Path) -> Path:
    """Put the last good backup of a damaged ``path`` in its place; return where the damaged
    file was kept."""
    return restore_backup(path)
