"""Two copies of one relationship are one pair, merged in memory (never written); the folder is
read recursively, and only relationship files are read."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from report_helpers import new_pair, report_of, snapshot

from workbook.errors import ReadOnlyError, WorkbookError
from workbook.models import Author, Goal, Role
from workbook.report.columns import COLUMNS, Row, cell
from workbook.report.files import is_relationship_file_name
from workbook.service import WorkbookService
from workbook.sessions import start_session
from workbook.sharing import merge_copy, share_copy


def _mentor_and_mentee_copies(folder: Path) -> tuple[Path, Path]:
    """The mentor's file with one session, and the mentee's copy with a second session and
    a goal the mentor has not merged yet."""
    with new_pair(folder / "mentor") as svc:
        start_session(svc, held_on=date(2025, 1, 13))
        mentor_path = svc.path
    (folder / "mentee").mkdir(parents=True)
    mentee_path = share_copy(
        WorkbookService.open(mentor_path, read_only=True), folder / "mentee" / "from-ada.json"
    )
    with WorkbookService.open(mentee_path) as theirs:
        start_session(theirs, held_on=date(2025, 2, 10))
        theirs.save(Goal(title="Portfolio"))
        theirs.set_answer("fit", Author.MENTEE, "Good fit", session=2)
    return mentor_path, mentee_path


def test_two_copies_are_one_pair_merged(tmp_path: Path) -> None:
    mentor, mentee = _mentor_and_mentee_copies(tmp_path)
    before = snapshot(tmp_path)
    data = report_of(tmp_path)
    assert len(data.rows) == 1 and data.files_found == 2 and data.files_read == 2
    row = data.rows[0]
    assert cell(row, "copies") == 2
    assert cell(row, "files") == "mentee/from-ada.json; mentor/ada-mentor-ben-mentee.json"
    assert cell(row, "sessions_held") == 2 and cell(row, "last_meeting") == date(2025, 2, 10)
    assert cell(row, "goals_set") == 1 and cell(row, "pairing_fit_mentee") == "Good fit"
    assert snapshot(tmp_path) == before  # merged in memory only, nothing written


def test_copies_in_any_order_give_the_same_row(tmp_path: Path) -> None:
    """The merge rules are order-free: whichever copy is read first, the row is the same."""
    _mentor_and_mentee_copies(tmp_path)
    first = report_of(tmp_path).rows
    (tmp_path / "mentee").rename(tmp_path / "z-mentee")
    second = report_of(tmp_path).rows
    assert len(first) == len(second) == 1

    def without_files(row: Row) -> list[object]:
        return [value for column, value in zip(COLUMNS, row, strict=True) if column.name != "files"]

    assert without_files(first[0]) == without_files(second[0])
    assert cell(second[0], "files") == "mentor/ada-mentor-ben-mentee.json; z-mentee/from-ada.json"


def test_linked_copies_are_one_pair(tmp_path: Path) -> None:
    """A file that adopted the other side's own file (linked_uids) and a copy of each: one
    pair; a file merely linking an id nobody has stays a pair of its own."""
    with new_pair(tmp_path / "mentee", role=Role.MENTEE) as theirs:
        theirs.save(Goal(title="From the mentee's own file"))
        mentee_uid = theirs.relationship.uid
    with new_pair(tmp_path / "mentor") as mine:
        mine.update_relationship(linked_uids=[mentee_uid])
        start_session(mine, held_on=date(2025, 1, 13))
    with new_pair(tmp_path / "other", "Cy Other", "Di Other") as other:
        other.update_relationship(linked_uids=["nobody-has-this-id"])
    rows = report_of(tmp_path).rows
    assert [(cell(r, "mentor"), cell(r, "copies")) for r in rows] == [
        ("Ada Mentor", 2),
        ("Cy Other", 1),
    ]
    assert cell(rows[0], "goals_set") == 1 and cell(rows[0], "sessions_held") == 1


def test_a_copy_that_cannot_be_merged_is_listed(tmp_path: Path) -> None:
    """Two files that each link a third but not each other: the one read later is not a copy
    of the one the others are merged into; it is listed with the merge's reason."""
    with new_pair(tmp_path / "y", "Yan Mentor", "Mentee") as svc:
        linked = svc.relationship.uid
    for name in ("x", "z"):
        with new_pair(tmp_path / name, "Yan Mentor", "Mentee") as svc:
            svc.update_relationship(linked_uids=[linked])
    data = report_of(tmp_path)
    assert len(data.rows) == 1 and cell(data.rows[0], "copies") == 2
    assert cell(data.rows[0], "files") == "x/yan-mentor-mentee.json; y/yan-mentor-mentee.json"
    assert [p.file for p in data.problems] == ["z/yan-mentor-mentee.json"]
    assert data.problems[0].reason.startswith("not merged into its pair: ")
    assert "is a copy of another relationship between" in data.problems[0].reason


def test_merge_copy_accepts_a_linked_copy_and_keeps_its_identity(tmp_path: Path) -> None:
    """(Fails on the base: merge refused any copy whose id differs, linked or not.)"""
    with new_pair(tmp_path / "mentee", role=Role.MENTEE) as theirs:
        theirs.set_answer("hobbies", Author.MENTEE, "Chess")
        other_path, other_uid = theirs.path, theirs.relationship.uid
    with new_pair(tmp_path / "mentor") as mine:
        mine.update_relationship(linked_uids=[other_uid])
        uid = mine.relationship.uid
        report = merge_copy(mine, other_path)
        assert report.added >= 1
        assert mine.answer("hobbies", Author.MENTEE) is not None
        assert mine.relationship.uid == uid and mine.relationship.linked_uids == [other_uid]
    with new_pair(tmp_path / "stranger", "Ed Stranger", "Fay") as stranger:
        stranger_path = stranger.path
    with WorkbookService.open(other_path) as theirs, pytest.raises(WorkbookError):
        merge_copy(theirs, stranger_path)


def test_a_scratch_copy_changes_in_memory_only(tmp_path: Path) -> None:
    with new_pair(tmp_path) as svc:
        path = svc.path
    before = snapshot(tmp_path)
    scratch = WorkbookService.open_scratch(path)
    scratch.save(Goal(title="Only in memory"))
    assert [g.title for g in scratch.goals()] == ["Only in memory"]
    assert scratch.flush() is False
    scratch.close()
    assert snapshot(tmp_path) == before
    with pytest.raises(ReadOnlyError):
        WorkbookService.open(path, read_only=True).save(Goal(title="Refused"))


@pytest.mark.parametrize(
    ("name", "is_relationship"),
    [
        ("ada-ben.json", True),
        ("FROM-SAM.JSON", True),
        ("ada-ben.json.bak", False),
        ("ada-ben.json.v1.bak", False),
        ("ada-ben.json.lock", False),
        ("ada-ben.json.damaged", False),
        (".ada-ben.json.k2j3h4.tmp", False),
        (".hidden.json", False),
        ("notes.txt", False),
    ],
)
def test_which_files_are_relationships(name: str, is_relationship: bool) -> None:
    assert is_relationship_file_name(name) is is_relationship


def test_the_folder_is_read_recursively_without_companions(tmp_path: Path) -> None:
    with new_pair(tmp_path / "a" / "b") as svc:
        path = svc.path
    for suffix in (".bak", ".v1.bak", ".lock", ".damaged"):
        path.with_name(path.name + suffix).write_text("{", encoding="utf-8")
    (path.parent / f".{path.name}.abc.tmp").write_text("{", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.json").write_text("{", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "a" / "loop")  # a linked folder is not entered
    os.symlink(path, tmp_path / "alias.json")  # a second name of the same file: read once,
    data = report_of(tmp_path)  # by the name reached first (a folder's files before its own)
    assert data.problems == [] and data.files_found == 2 and data.files_read == 1
    assert cell(data.rows[0], "files") == "alias.json"
    os.unlink(tmp_path / "alias.json")
    assert cell(report_of(tmp_path).rows[0], "files") == "a/b/ada-mentor-ben-mentee.json"
