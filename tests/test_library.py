"""The home folder's library: summaries, archive and its undo, restoring a damaged file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from workbook import library, paths
from workbook.errors import FileLockedError
from workbook.models import Author
from workbook.service import WorkbookService


def make(home: Path, mentor: str = "Priya", mentee: str = "Sam") -> Path:
    """A relationship in ``home`` that has been opened once (so it has a backup)."""
    service = WorkbookService.create(
        mentor=mentor,
        mentee=mentee,
        pack_id="standard",
        pack_version="1.0",
        started_on=date(2026, 1, 5),
    )
    service.set_answer("about-me", Author.MENTOR, "kept")
    service.close()
    WorkbookService.open(service.path).close()  # refreshes the backup
    return service.path


def test_archive_moves_the_file_and_its_backups_and_undo_brings_them_back(home: Path) -> None:
    path = make(home)
    backup = path.with_name(path.name + ".bak")
    assert backup.exists()
    archived = library.archive(path)
    assert archived == paths.archive_dir() / path.name
    assert not path.exists() and not backup.exists()
    assert archived.with_name(archived.name + ".bak").exists()
    assert library.summaries() == []
    assert [row.mentor for row in library.archived_summaries()] == ["Priya"]

    restored = library.restore_archived(archived)
    assert restored == path and not archived.exists()
    assert backup.exists()
    (row,) = library.summaries()
    assert row.path == path and row.answered == 1
    assert library.archived_summaries() == []


def test_a_move_never_replaces_a_file_already_there(home: Path) -> None:
    first = library.archive(make(home))
    second_path = make(home)  # the same names again: the same file name
    second = library.archive(second_path)
    assert first.name == "priya-sam.json"
    assert second.name == "priya-sam-2.json"
    assert first.exists() and second.exists()
    make(home)  # a new one takes the name back in the list meanwhile
    restored = library.restore_archived(first)
    assert restored.name == "priya-sam-2.json"
    names = sorted(p.name for p in paths.relationships_dir().glob("*.json"))
    assert names == ["priya-sam-2.json", "priya-sam.json"]


def test_an_open_relationship_is_not_archived(home: Path) -> None:
    path = make(home)
    holder = WorkbookService.open(path)
    try:
        with pytest.raises(FileLockedError):
            library.archive(path)
    finally:
        holder.close()
    assert path.exists() and library.archived_summaries() == []


def test_restore_last_good_copy_keeps_the_damaged_file(home: Path) -> None:
    path = make(home)
    path.write_bytes(b"\x00 not json")
    kept = library.restore_last_good_copy(path)
    assert kept.read_bytes() == b"\x00 not json"
    with WorkbookService.open(path, read_only=True) as service:
        assert service.answer("about-me", Author.MENTOR) is not None
