"""Every failure the issue found is one clear line naming the real file, and leaves nothing
behind: full disks, read-only folders and files, symlinks, stray locks, damaged copies, a lock
held by a command, a folder called ``x.json``."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.files import REPO_ROOT, make_relationship, start_child

from workbook import cli, paths
from workbook.atomic import atomic_write_bytes
from workbook.errors import (
    DamagedFileError,
    FileLockedError,
    NotFoundError,
    NotWritableError,
    StorageError,
)
from workbook.locking import lock_path_for
from workbook.refs import relationship_files, resolve_ref
from workbook.service import WorkbookService
from workbook.store import backup_path_for, restore_backup


def _full_disk(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return make_relationship(tmp_path / "rel", answers=2)


def test_a_full_disk_while_opening_is_one_error_and_leaves_no_lock(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refreshing the backup fails: a WorkbookError naming the backup (the UI shows it on its
    message screen; before, an OSError escaped to a traceback)."""
    backup_path_for(path).unlink()
    monkeypatch.setattr("workbook.atomic._replace", _full_disk)
    with pytest.raises(StorageError) as caught:
        WorkbookService.open(path)
    message = str(caught.value)
    assert message == (
        f"cannot open {path} (writing {backup_path_for(path)}): No space left on device"
    )
    assert not lock_path_for(path).exists()


def test_a_failed_write_names_the_real_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temp file's name (or no name at all, as a full disk gives) is never what is said."""
    target = tmp_path / "out.md"
    monkeypatch.setattr(os, "fsync", _full_disk)
    with pytest.raises(OSError) as full:
        atomic_write_bytes(target, b"x")
    assert full.value.errno == errno.ENOSPC and full.value.filename == str(target)
    monkeypatch.undo()

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".out.md.x.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(PermissionError) as denied:
        atomic_write_bytes(target, b"x")
    assert denied.value.filename == str(target)


def test_no_space_without_a_name_is_not_a_dangling_colon(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["new", "--mentor", "Ada", "--mentee", "Ben"]) == 0
    capsys.readouterr()
    monkeypatch.setattr(os, "fsync", _full_disk)
    out = tmp_path / "export.md"
    assert cli.main(["export", "ada-ben", "-o", str(out)]) == 1
    assert capsys.readouterr().err == (f"mentor-workbook: error: No space left on device: {out}\n")
    assert cli.os_error_message(OSError(errno.ENOSPC, "No space left on device")) == (
        "No space left on device"
    )


def test_opening_a_bad_file_leaves_no_stray_lock(path: Path) -> None:
    path.write_text("{ not json", encoding="utf-8")
    with pytest.raises(DamagedFileError):
        WorkbookService.open(path)
    assert not lock_path_for(path).exists()


def test_a_closed_file_has_no_lock_beside_it(path: Path) -> None:
    with WorkbookService.open(path) as service:
        assert lock_path_for(path).exists()
        assert service.writable
    assert not lock_path_for(path).exists()


def test_damaged_copies_are_private_and_never_overwritten(path: Path) -> None:
    backup = backup_path_for(path)
    kept = []
    for attempt in range(3):
        path.write_text(f"damaged {attempt}", encoding="utf-8")
        path.chmod(0o644)
        kept.append(restore_backup(path))
    assert [p.name for p in kept] == [
        f"{path.name}.damaged",
        f"{path.name}.damaged.2",
        f"{path.name}.damaged.3",
    ]
    for attempt, copy in enumerate(kept):
        assert copy.read_text(encoding="utf-8") == f"damaged {attempt}"
        assert copy.stat().st_mode & 0o777 == 0o600
    assert path.read_bytes() == backup.read_bytes()


def test_a_symlinked_relationship_is_never_replaced(path: Path, tmp_path: Path) -> None:
    link = tmp_path / "rel" / "link.json"
    link.symlink_to(path)
    before = path.read_bytes()
    with pytest.raises(NotWritableError, match="is a symbolic link"):
        WorkbookService.open(link)
    with WorkbookService.open(link, read_only=True) as reader:  # reading it is fine
        assert not reader.writable
    assert link.is_symlink() and path.read_bytes() == before
    assert not lock_path_for(link).exists()


def test_a_read_only_relationship_is_never_replaced(path: Path) -> None:
    path.chmod(0o444)
    before = path.read_bytes()
    with pytest.raises(NotWritableError, match="the file is read-only"):
        WorkbookService.open(path)
    assert path.read_bytes() == before and not lock_path_for(path).exists()
    with pytest.raises(NotWritableError):
        restore_backup(path)


def test_a_symlinked_lock_file_is_refused_and_its_target_untouched(
    path: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    lock_path_for(path).symlink_to(victim)
    with pytest.raises(NotWritableError, match="lock file .* is a symbolic link"):
        WorkbookService.open(path)
    assert victim.read_text(encoding="utf-8") == "precious"


def test_a_folder_called_x_json_is_said_to_be_a_folder(home: Path) -> None:
    folder = paths.relationships_dir() / "x.json"
    folder.mkdir(parents=True)
    with pytest.raises(NotFoundError, match="is a folder, not a relationship file"):
        resolve_ref("x")
    with pytest.raises(NotFoundError, match="is a folder, not a relationship file"):
        resolve_ref(str(folder))
    assert relationship_files() == []


def test_a_lock_held_by_a_command_says_what_holds_it(path: Path) -> None:
    os.environ["MENTOR_WORKBOOK_HOLDER"] = "'mentor-workbook merge'"
    try:
        child = start_child("hold", path)
    finally:
        del os.environ["MENTOR_WORKBOOK_HOLDER"]
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        with pytest.raises(FileLockedError) as caught:
            WorkbookService.open(path)
        assert str(caught.value) == (
            f"{path} is in use by 'mentor-workbook merge' (pid {child.pid}); "
            "try again once it has finished"
        )
    finally:
        child.communicate("close\n", timeout=20)


@pytest.fixture
def shared_tmp(tmp_path: Path) -> Iterator[Path]:
    """A folder whose read-only parts are made writable again afterwards (so it can go)."""
    yield tmp_path
    subprocess.run(["chmod", "-R", "u+w", str(tmp_path)], check=False)


def _as_someone_who_cannot_write(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the command line on ``home`` after its folders were made read-only."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "MENTOR_WORKBOOK_HOME": str(home),
        "PYTHONPATH": str(REPO_ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
        "HOME": str(home),
    }
    return subprocess.run(
        [sys.executable, "-m", "workbook", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd="/",
    )


def test_a_read_only_output_folder_names_the_real_target(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A read-only folder refuses the hidden temp file an atomic write starts with: the error
    names the export asked for (before: '.export.md.k2j3.tmp')."""
    assert cli.main(["new", "--mentor", "Ada", "--mentee", "Ben"]) == 0
    capsys.readouterr()
    out = tmp_path / "export.md"

    def read_only_folder(*args: object, prefix: str = "", dir: object = None, **kw: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", f"{dir}/{prefix}k2j3.tmp")

    monkeypatch.setattr(tempfile, "mkstemp", read_only_folder)
    assert cli.main(["export", "ada-ben", "-o", str(out)]) == 1
    assert capsys.readouterr().err == f"mentor-workbook: error: Permission denied: {out}\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_names_the_real_target(shared_tmp: Path) -> None:
    home = shared_tmp / "home"
    folder = home / "relationships"
    folder.mkdir(parents=True)
    existing = make_relationship(folder)
    existing.chmod(0o644)
    folder.chmod(0o555)
    done = _as_someone_who_cannot_write(home, "new", "--mentor", "Ida", "--mentee", "Jo")
    assert done.returncode == 1, done.stderr
    target = folder / "ida-jo.json"
    assert done.stderr == f"mentor-workbook: error: cannot create {target}: Permission denied\n"
    merge = _as_someone_who_cannot_write(home, "finish", existing.stem, "--completed")
    assert merge.returncode == 1
    assert merge.stderr.startswith(f"mentor-workbook: error: {existing} cannot be changed: ")
    assert ".tmp" not in done.stderr + merge.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [existing.name, existing.name + ".bak"]
    )
