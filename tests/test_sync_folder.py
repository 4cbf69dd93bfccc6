"""What a synced folder holds and how each file is taken (leftovers of sync services, links,
damaged and foreign files), this side's copy, and where the link is kept (on this machine
only: never in the relationship file or any copy)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sync_helpers import SLUG, linked_pair

from workbook import paths
from workbook.errors import NotFoundError, UsageError
from workbook.models import Author, Role
from workbook.outputs import OutputRefusedError
from workbook.service import WorkbookService
from workbook.sync import copies
from workbook.sync.copies import Outcome, examine
from workbook.sync.folder import EntryKind, kind_of, scan
from workbook.sync.links import LinkFileError, LinkStore, copy_name, is_copy_name
from workbook.sync.rounds import check_folder, choose_copy_name
from workbook.sync.writing import sweep_own_leftovers, write_own_copy

OWN = f"{SLUG}.mentor.json"


@pytest.fixture(autouse=True)
def _no_home_left(monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.delenv(paths.HOME_ENV_VAR, raising=False)
    yield
    paths.set_home_override(None)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        (OWN, EntryKind.OWN),
        (f"{SLUG}.mentee.json", EntryKind.CANDIDATE),
        (f"{SLUG}.mentee (Sam's conflicted copy 2025-03-02).json", EntryKind.CANDIDATE),
        (f"{SLUG}.mentee (1).json", EntryKind.CANDIDATE),
        (f"{SLUG}.mentee-LAPTOP.json", EntryKind.CANDIDATE),
        (f"{SLUG}.mentee.sync-conflict-20250302-101500-ABCDEFG.json", EntryKind.CANDIDATE),
        ("SOMETHING.JSON", EntryKind.CANDIDATE),
        (f"{SLUG}.mentee.json.tmp", EntryKind.PARTIAL),
        (f"{SLUG}.mentee.json.part", EntryKind.PARTIAL),
        (f"{SLUG}.mentee.json.crdownload", EntryKind.PARTIAL),
        (f".{SLUG}.mentee.json.Xa81k2.tmp", EntryKind.PARTIAL),
        (f".syncthing.{SLUG}.mentee.json.tmp", EntryKind.PARTIAL),
        (f"~syncthing~{SLUG}.mentee.json.tmp", EntryKind.PARTIAL),
        (f"{SLUG}.mentee.json.bak", EntryKind.COMPANION),
        (f"{SLUG}.mentee.json.v1.bak", EntryKind.COMPANION),
        (f"{SLUG}.mentee.json.lock", EntryKind.COMPANION),
        (f"{SLUG}.mentee.json.damaged.2", EntryKind.COMPANION),
        (f".{OWN}.Xa81k2.tmp", None),  # this side's own write in flight
        ("notes.docx", None),
        (".DS_Store", None),
    ],
)
def test_what_each_name_is_taken_for(name: str, kind: EntryKind | None) -> None:
    assert kind_of(name, OWN) is kind


def test_the_scan_lists_names_and_types_and_opens_nothing(tmp_path: Path) -> None:
    (tmp_path / OWN).write_text("{}")
    (tmp_path / "b.json").write_text("{}")
    (tmp_path / "sub.json").mkdir()
    (tmp_path / "link.json").symlink_to(tmp_path / "b.json")
    (tmp_path / "other.txt").symlink_to(tmp_path / "b.json")
    os.mkfifo(tmp_path / "pipe.json")  # a pipe would block whoever opened it
    found = {entry.name: entry.kind for entry in scan(tmp_path, OWN)}
    assert found == {OWN: EntryKind.OWN, "b.json": EntryKind.CANDIDATE, "link.json": EntryKind.LINK}
    with pytest.raises(NotFoundError, match="is not there"):
        scan(tmp_path / "unplugged-drive", OWN)


def test_a_file_is_examined_once_and_never_crashes_anything(tmp_path: Path) -> None:
    mentor, mentee = linked_pair(tmp_path)
    service = mentor.read()
    entries = {entry.name: entry for entry in scan(mentor.folder, mentor.link().copy_name)}
    theirs = entries[f"{SLUG}.mentee.json"]
    found = examine(theirs, service, None)
    assert found.outcome is Outcome.COPY and found.copy is not None
    assert examine(theirs, service, found.digest).outcome is Outcome.SAME_AS_MERGED
    samples = {
        "empty.json": b"",
        "half.json": theirs.path.read_bytes()[:90],
        "garbage.json": b"\xff\xfe\x00 not text",
        "list.json": b"[1, 2, 3]",
        "deep.json": b"[" * 100_000,
        "newer.json": theirs.path.read_bytes().replace(
            b'"schema_version": 2', b'"schema_version": 99'
        ),
    }
    for name, data in samples.items():
        (mentor.folder / name).write_bytes(data)
    for entry in scan(mentor.folder, mentor.link().copy_name):
        if entry.name in samples:
            result = examine(entry, service, None)
            assert result.outcome is Outcome.LEFT_ALONE and result.note.startswith(entry.name)
            assert "\n" not in result.note
    newer = [e for e in scan(mentor.folder, OWN) if e.name == "newer.json"][0]
    assert "written by a newer Mentor Workbook (schema 99)" in examine(newer, service, None).note


def test_a_file_too_large_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mentor, _ = linked_pair(tmp_path)
    monkeypatch.setattr(copies, "MAX_COPY_BYTES", 100)
    entry = [e for e in scan(mentor.folder, OWN) if e.kind is EntryKind.CANDIDATE][0]
    assert "not read" in examine(entry, mentor.read(), None).note


def test_the_link_is_kept_on_this_machine_only(tmp_path: Path) -> None:
    """The folder's path is in <home>/sync/ only: not in the relationship file, its backup,
    either copy in the folder, or a shared copy."""
    mentor, mentee = linked_pair(tmp_path)
    folder = str(mentor.folder).encode()
    for side in (mentor, mentee):
        link_files = list((side.home / "sync").iterdir())
        assert len(link_files) == 1 and folder in link_files[0].read_bytes()
        assert link_files[0].name != f"{side.read().relationship.uid}.json"  # a hash names it
        for path in side.home.rglob("*"):
            if path.is_file() and path.parent.name != "sync":
                assert folder not in path.read_bytes(), path
    for data in (path.read_bytes() for path in mentor.folder.iterdir()):
        assert folder not in data and b"copy_name" not in data


def test_a_damaged_or_tampered_link_file_is_one_line(tmp_path: Path) -> None:
    mentor, _ = linked_pair(tmp_path)
    store = LinkStore(mentor.home / "sync")
    relationship = mentor.read().relationship
    link_file = store.path_for(relationship.uid)
    link = json.loads(link_file.read_text())
    for tamper in ({"copy_name": "../../evil.json"}, {"folder": "relative/folder"}, {"merged": 3}):
        link_file.write_text(json.dumps({**link, **tamper}))
        with pytest.raises(LinkFileError, match="damaged"):
            store.load(relationship)
    link_file.write_text("{half")
    with pytest.raises(LinkFileError):
        store.load(relationship)
    assert store.remove(relationship) is None and not link_file.exists()
    assert mentor.run("sync", SLUG).err.startswith("mentor-workbook: error: ")


def test_copy_names_are_validated_slugs() -> None:
    assert copy_name("ada-ben", Role.MENTEE) == "ada-ben.mentee.json"
    assert is_copy_name("ada-ben.mentor.json")
    for bad in ("../x.mentor.json", "Ada.mentor.json", "x.coordinator.json", "x.mentor.json.tmp"):
        assert not is_copy_name(bad)
    with pytest.raises(ValueError):
        copy_name("../up", Role.MENTOR)


def test_a_name_taken_by_something_else_is_left_to_it(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    paths.set_home_override(tmp_path / "home")
    with WorkbookService.create(
        mentor="Priya Shah", mentee="Sam Okafor", pack_id="standard", pack_version="1.1"
    ) as service:
        (folder / f"{SLUG}.mentor.json").write_text("someone else's notes")
        (folder / f"{SLUG}-2.mentor.json").symlink_to(tmp_path / "elsewhere")
        assert choose_copy_name(service, folder) == f"{SLUG}-3.mentor.json"
    assert (folder / f"{SLUG}.mentor.json").read_text() == "someone else's notes"


def test_this_sides_copy_is_rewritten_only_when_it_changes(tmp_path: Path) -> None:
    mentor, _ = linked_pair(tmp_path)
    link = mentor.link()
    before = link.copy_path.stat()
    with mentor.service() as service:
        assert not write_own_copy(service, link).wrote
        service.set_answer("own-goals", Author.MENTOR, "private in the pack")
        assert not write_own_copy(service, link).wrote  # nothing shared changed
        service.set_answer("hobbies", Author.MENTOR, "Running")
        assert write_own_copy(service, link).wrote
    assert link.copy_path.stat().st_ino != before.st_ino  # replaced whole (atomically)


def test_a_link_planted_in_the_folder_is_never_written_through(tmp_path: Path) -> None:
    mentor, _ = linked_pair(tmp_path)
    link = mentor.link()
    target = tmp_path / "precious.txt"
    target.write_text("")  # empty: an output would replace it
    link.copy_path.unlink()
    link.copy_path.symlink_to(target)
    with mentor.service() as service, pytest.raises(OutputRefusedError, match="symbolic link"):
        write_own_copy(service, link)
    assert target.read_text() == "" and link.copy_path.is_symlink()
    result = mentor.sync()
    assert "symbolic link" in result.copy_problem and target.read_text() == ""


def test_only_this_sides_own_leftover_temporary_files_are_swept(tmp_path: Path) -> None:
    mentor, _ = linked_pair(tmp_path)
    link = mentor.link()
    mine = mentor.folder / f".{link.copy_name}.k2j3.tmp"
    theirs = mentor.folder / f".{SLUG}.mentee.json.q9w8.tmp"
    mine.write_text("interrupted")
    theirs.write_text("on its way")
    assert sweep_own_leftovers(link) == [mine]
    assert theirs.exists()


@pytest.mark.parametrize("where", ["relationships", "archive"])
def test_the_folder_cannot_be_inside_the_home(tmp_path: Path, where: str) -> None:
    paths.set_home_override(tmp_path / "home")
    (tmp_path / "home" / where / "inner").mkdir(parents=True)
    with pytest.raises(UsageError, match=f"inside this home's {where} folder"):
        check_folder(tmp_path / "home" / where / "inner")
    (tmp_path / "file").write_text("")
    with pytest.raises(UsageError, match="is a file"):
        check_folder(tmp_path / "file")
    with pytest.raises(NotFoundError, match="no folder"):
        check_folder(tmp_path / "missing")


def test_the_home_screen_takes_the_one_relationship_in_the_folder(tmp_path: Path) -> None:
    from workbook.errors import WorkbookError
    from workbook.sync.rounds import copies_in, only_copy_in, take_and_link

    mentor, mentee = linked_pair(tmp_path)
    (mentor.folder / "sam-own-notes.json").write_text("{}")
    assert copies_in(mentor.folder) == {SLUG: {Role.MENTOR, Role.MENTEE}}
    with pytest.raises(NotFoundError, match="holds no copy to take"):
        only_copy_in(mentor.folder)  # both sides are there: nobody's to take
    (mentor.folder / f"{SLUG}.mentee.json").unlink()
    assert only_copy_in(mentor.folder) == SLUG
    (mentor.folder / "alex-lee-jo-park.mentor.json").write_bytes(
        (mentor.folder / f"{SLUG}.mentor.json").read_bytes()
    )
    with pytest.raises(WorkbookError, match=r"copies of 2 relationships \(alex-lee-jo-park, "):
        only_copy_in(mentor.folder)
    (mentor.folder / "alex-lee-jo-park.mentor.json").unlink()
    fresh = tmp_path / "new-laptop"
    paths.set_home_override(fresh)
    path = take_and_link(SLUG, mentor.folder, LinkStore.default())
    assert path == fresh / "relationships" / f"{SLUG}.json"
    taken = WorkbookService.open(path, read_only=True).relationship
    assert taken.owner_role is Role.MENTEE
    link = LinkStore.default().load(taken)
    assert link is not None and link.copy_name == f"{SLUG}.mentee.json"
    paths.set_home_override(mentee.home)  # a home that has it already: its own file, linked
    assert take_and_link(SLUG, mentor.folder, LinkStore.default()) == mentee.file
