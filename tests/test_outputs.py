"""No output lands on a relationship: every way out goes through ``workbook.outputs``."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from core_helpers import new_service

from workbook import paths
from workbook.errors import NotFoundError, UsageError
from workbook.models import Author
from workbook.outputs import (
    OutputKind,
    OutputRefusedError,
    check_output,
    export_to_home,
    write_output,
)
from workbook.service import WorkbookService
from workbook.sharing import share_copy


@pytest.fixture
def rel(home: Path) -> Path:
    """A relationship in the home folder, opened once (so its .bak and .lock exist)."""
    with new_service(paths.relationships_dir()) as service:
        service.set_answer("expect", Author.MENTOR, "shared words")
        return service.path


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mode)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def _refused_places(rel: Path, tmp_path: Path) -> dict[str, Path]:
    """Every kind of place an output must never go, made real on disk."""
    folder = rel.parent
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    moved = outside / "moved.json"  # a relationship file kept outside the home
    moved.write_bytes(rel.read_bytes())
    opened = outside / "opened.json"  # one opened elsewhere: it has a .bak beside it
    opened.write_text("not even JSON", encoding="utf-8")
    opened.with_name("opened.json.bak").write_text("x", encoding="utf-8")
    link = outside / "link.md"
    link.symlink_to(rel)
    link_into = outside / "into"
    link_into.symlink_to(folder)
    return {
        "the relationship file": rel,
        "its backup": rel.with_name(rel.name + ".bak"),
        "a migration backup": rel.with_name(rel.name + ".v1.bak"),
        "its lock": rel.with_name(rel.name + ".lock"),
        "a damaged copy": rel.with_name(rel.name + ".damaged"),
        "a second damaged copy": rel.with_name(rel.name + ".damaged.2"),
        "a new file in relationships/": folder / "notes.md",
        "another relationship's name": folder / "someone-else.json",
        "a save's temp file": folder / f".{rel.name}.abc123.tmp",
        "a relationship file elsewhere": moved,
        "a file with a backup beside it": opened,
        "a symlink to the relationship": link,
        "a path through a symlinked folder": link_into / "out.md",
        "the archive folder": paths.home_dir() / "archive" / "out.md",
    }


@pytest.mark.parametrize("force", [False, True], ids=["plain", "forced"])
def test_no_output_lands_on_a_relationship(
    rel: Path, tmp_path: Path, force: bool, home: Path
) -> None:
    """Each place is refused in one line, with or without --force, and nothing changes."""
    (home / "archive").mkdir()
    places = _refused_places(rel, tmp_path)
    before = _snapshot(home), _snapshot(tmp_path / "elsewhere")
    for what, place in places.items():
        for kind in OutputKind:
            with pytest.raises(OutputRefusedError) as refused:
                write_output(place, "# Mentoring workbook: x\n", kind, force=force)
            assert "\n" not in str(refused.value), what
    assert (_snapshot(home), _snapshot(tmp_path / "elsewhere")) == before


def test_the_file_a_command_has_open_is_refused_wherever_it_is(tmp_path: Path) -> None:
    path = tmp_path / "mine.md"
    path.write_text("# Mentoring workbook: an old export\n", encoding="utf-8")
    with pytest.raises(OutputRefusedError, match="it is the relationship file"):
        check_output(path, OutputKind.MARKDOWN, protect=[path])


def test_a_foreign_file_needs_force_and_ours_does_not(tmp_path: Path) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text("My own notes, not an export.\n", encoding="utf-8")
    with pytest.raises(OutputRefusedError, match="pass --force to replace it"):
        write_output(essay, "new", OutputKind.MARKDOWN)
    assert essay.read_text(encoding="utf-8") == "My own notes, not an export.\n"
    assert write_output(essay, "new", OutputKind.MARKDOWN, force=True) == essay
    assert essay.read_text(encoding="utf-8") == "new"
    earlier = {
        "earlier.md": "# Mentoring workbook: Ada & Ben\n",
        "earlier.json": json.dumps({"exported_by": "mentor-workbook 1.0", "answers": []}),
        "earlier.ics": "BEGIN:VCALENDAR\r\nPRODID:-//Mentor Workbook//mentor-workbook//EN\r\n",
        "empty.md": "",
    }
    for name, text in earlier.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        write_output(tmp_path / name, "replaced", OutputKind.MARKDOWN)
        assert (tmp_path / name).read_text(encoding="utf-8") == "replaced"


def test_folders_devices_and_missing_folders_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is a folder"):
        check_output(tmp_path, OutputKind.JSON)
    with pytest.raises(NotFoundError, match="no folder"):
        check_output(tmp_path / "no" / "such.md", OutputKind.JSON)
    with pytest.raises(OutputRefusedError, match="not a regular file"):
        check_output(Path(os.devnull), OutputKind.JSON, force=True)
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    with pytest.raises(OutputRefusedError):
        check_output(loop, OutputKind.JSON, force=True)


def test_outputs_are_atomic_and_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk leaves the previous export as it was; a written one is 0600."""
    out = tmp_path / "export.md"
    write_output(out, "# Mentoring workbook: first\n", OutputKind.MARKDOWN)
    assert out.stat().st_mode & 0o777 == 0o600

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError) as caught:
        write_output(out, "# Mentoring workbook: second\n", OutputKind.MARKDOWN)
    assert caught.value.filename == str(out)  # the real target, not the temp file
    assert out.read_text(encoding="utf-8") == "# Mentoring workbook: first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["export.md"]


def test_a_symlinked_output_writes_its_real_target(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert write_output(link, "text", OutputKind.MARKDOWN) == target
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "text"


def test_share_replaces_its_earlier_copy_but_not_a_received_one(rel: Path, tmp_path: Path) -> None:
    service = WorkbookService.open(rel, read_only=True)
    out = share_copy(service, tmp_path / "for-ben.json")
    first = out.read_bytes()
    assert share_copy(service, out) == out  # the same copy for the same side: replaced
    received = tmp_path / "from-ben.json"  # a copy the mentee made for us: not ours to replace
    data = json.loads(first)
    data["relationship"]["1"]["owner_role"] = "mentor"
    received.write_text(json.dumps(data), encoding="utf-8")
    for force in (False, True):
        with pytest.raises(OutputRefusedError, match="it is a relationship file"):
            share_copy(service, received, force=force)
    other = tmp_path / "other.json"
    with new_service(tmp_path / "b") as stranger:
        share_copy(stranger, other)
    with pytest.raises(OutputRefusedError, match="it is a relationship file"):
        share_copy(service, other, force=True)


def test_in_app_export_never_builds_a_path_from_the_stored_slug(rel: Path, home: Path) -> None:
    """A received copy that says its slug is ``../../../../tmp/x`` exports into exports/
    under the file's own name."""
    with WorkbookService.open(rel) as service:
        service.update_relationship(slug="../../../../tmp/escaped")
    service = WorkbookService.open(rel, read_only=True)
    written = export_to_home(service)
    assert written == home / "exports" / f"{rel.stem}.md"
    assert written.read_text(encoding="utf-8").startswith("# Mentoring workbook: ")
    assert written.stat().st_mode & 0o777 == 0o600
    assert export_to_home(service) == written  # an earlier export is replaced


def test_in_app_export_keeps_a_foreign_file_and_refuses_a_planted_link(
    rel: Path, home: Path
) -> None:
    service = WorkbookService.open(rel, read_only=True)
    exports = home / "exports"
    exports.mkdir(mode=0o700)
    foreign = exports / f"{rel.stem}.md"
    foreign.write_text("someone's own file\n", encoding="utf-8")
    written = export_to_home(service)
    assert written.name == f"{rel.stem}-2.md"
    assert foreign.read_text(encoding="utf-8") == "someone's own file\n"
    planted = exports / f"{rel.stem}-2.md"
    planted.unlink()
    planted.symlink_to(rel)
    before = rel.read_bytes()
    with pytest.raises(OutputRefusedError):
        export_to_home(service)
    assert rel.read_bytes() == before
