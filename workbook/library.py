"""The home folder's relationships as the home screen uses them: list, summarise, archive,
restore. The screens call these; none of them moves or reads a relationship file itself."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from workbook.archive import archive_relationship, archived_files, unarchive_relationship
from workbook.store import restore_backup
from workbook.summary import RelationshipSummary
from workbook.summary_index import relationship_summaries

if TYPE_CHECKING:
    from workbook.content.catalog import PackCatalog

ARCHIVED_INDEX = "archived-summaries.json"
"""The summary index of the archived list (an index keeps only the files it last listed)."""


def summaries(catalog: PackCatalog | None = None) -> list[RelationshipSummary]:
    """A summary of every relationship in the home folder (damaged files as problem rows),
    from the summary index where a file has not changed (:mod:`workbook.summary_index`)."""
    return relationship_summaries(catalog=catalog)


def archived_summaries(catalog: PackCatalog | None = None) -> list[RelationshipSummary]:
    """A summary of every archived relationship (with an index of its own)."""
    return relationship_summaries(archived_files(), catalog=catalog, index_name=ARCHIVED_INDEX)


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
