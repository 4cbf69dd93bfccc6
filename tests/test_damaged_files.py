"""Damaged relationship files give one clear error naming the file, and stay byte-for-byte."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.files import make_relationship

from workbook import cli
from workbook.errors import DamagedFileError, NewerSchemaError, WorkbookError
from workbook.service import WorkbookService
from workbook.store import backup_path_for

OLD_TIME_NS = 1_600_000_000 * 10**9
"""An mtime far in the past, so any rewrite of the file would show."""


def _edit_doc(table: str, change: Callable[[dict[str, object]], None]) -> Callable[[bytes], bytes]:
    def damage(good: bytes) -> bytes:
        data = json.loads(good)
        change(next(iter(data[table].values())))
        return json.dumps(data).encode("utf-8")

    return damage


DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda good: b"",
    "only-whitespace": lambda good: b"  \n\n",
    "truncated": lambda good: good[: len(good) // 2],
    "not-json": lambda good: b"Dear mentor, this is a letter, not a workbook.\n",
    "a-list": lambda good: b"[1, 2, 3]\n",
    "no-relationship": lambda good: b'{"answers": {}}\n',
    "table-not-object": lambda good: b'{"relationship": [], "answers": {}}',
    "bad-field-type": _edit_doc("relationship", lambda doc: doc.update(mentor=123)),
    "bad-answer-value": _edit_doc("answers", lambda doc: doc.update(value={"a": 1})),
    "bad-date": _edit_doc("relationship", lambda doc: doc.update(started_on="next Tuesday")),
    "schema-not-number": _edit_doc("relationship", lambda doc: doc.update(schema_version="1")),
    "not-utf8": lambda good: good.replace("María".encode(), "María".encode("latin-1")),
    "deeply-nested": lambda good: b"[" * 100_000 + b"]" * 100_000,
    "huge-number": lambda good: (
        b'{"relationship": {"1": {"schema_version": ' + b"9" * 5000 + b"}}}"
    ),
}


def _damage(path: Path, damage: Callable[[bytes], bytes]) -> bytes:
    """Write a damaged version of ``path``, dated in the past; return its bytes."""
    bad = damage(path.read_bytes())
    path.write_bytes(bad)
    os.utime(path, ns=(OLD_TIME_NS, OLD_TIME_NS))
    return bad


def _assert_untouched(path: Path, bad: bytes) -> None:
    assert path.read_bytes() == bad
    assert path.stat().st_mtime_ns == OLD_TIME_NS
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A relationship file with answers, opened once so that its ``.bak`` exists."""
    made = make_relationship(tmp_path / "rel", answers=3)
    assert backup_path_for(made).exists()
    return made


@pytest.mark.parametrize("read_only", [False, True], ids=["writer", "reader"])
@pytest.mark.parametrize("case", sorted(DAMAGES))
def test_damaged_file_is_reported_and_left_alone(path: Path, case: str, read_only: bool) -> None:
    """Each kind of damage: DamagedFileError naming the file and its backup; bytes unchanged."""
    backup = backup_path_for(path)
    good_backup = backup.read_bytes()
    bad = _damage(path, DAMAGES[case])
    with pytest.raises(DamagedFileError) as caught:
        WorkbookService.open(path, read_only=read_only)
    message = str(caught.value)
    assert message.startswith(f"{path} cannot be read: ")
    assert f"the last good backup is {backup}" in message
    assert "\n" not in message
    assert caught.value.backup == backup
    _assert_untouched(path, bad)
    assert backup.read_bytes() == good_backup


def test_damaged_file_without_backup_says_so(path: Path) -> None:
    """With no ``.bak`` the message says that no backup exists yet."""
    backup_path_for(path).unlink()
    bad = _damage(path, DAMAGES["truncated"])
    with pytest.raises(DamagedFileError) as caught:
        WorkbookService.open(path)
    assert str(caught.value).endswith("; no backup of it exists yet")
    assert "looks truncated" in str(caught.value)
    assert caught.value.backup is None
    _assert_untouched(path, bad)
    assert not backup_path_for(path).exists()


def test_newer_schema_is_refused_and_left_alone(path: Path) -> None:
    """schema_version 99 raises NewerSchemaError; the file is not changed or backed up."""
    bad = _damage(path, _edit_doc("relationship", lambda doc: doc.update(schema_version=99)))
    for read_only in (False, True):
        with pytest.raises(NewerSchemaError) as caught:
            WorkbookService.open(path, read_only=read_only)
        assert str(caught.value).startswith(f"{path} uses schema version 99")
        assert "upgrade mentor-workbook" in str(caught.value)
    _assert_untouched(path, bad)
    assert not list(path.parent.glob("*.v*.bak"))


def test_damaged_file_can_be_opened_again_once_fixed(path: Path) -> None:
    """The failed open released its lock: after repair the file opens for writing."""
    good = path.read_bytes()
    _damage(path, DAMAGES["truncated"])
    with pytest.raises(DamagedFileError):
        WorkbookService.open(path)
    path.write_bytes(good)
    with WorkbookService.open(path) as service:
        assert service.writable


@pytest.mark.parametrize("case", ["truncated", "not-utf8", "a-list", "deeply-nested"])
def test_cli_export_of_damaged_file_is_one_line(
    path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``mentor-workbook export <damaged>``: one ``error:`` line on stderr, exit 1."""
    bad = _damage(path, DAMAGES[case])
    status = cli.main(["export", str(path), "--format", "json"])
    out, err = capsys.readouterr()
    assert status == 1
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"mentor-workbook: error: {path} cannot be read: ")
    assert "Traceback" not in err
    _assert_untouched(path, bad)


def test_cli_export_of_newer_file_is_one_line(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A newer schema through the CLI: one line, exit 1."""
    _damage(path, _edit_doc("relationship", lambda doc: doc.update(schema_version=99)))
    assert cli.main(["export", str(path), "--format", "json"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("mentor-workbook: error: ") and err.count("\n") == 1


def test_every_damage_is_a_workbook_error() -> None:
    """The table of damages is not empty and each error type is a WorkbookError (exit 1)."""
    assert len(DAMAGES) >= 10
    assert issubclass(DamagedFileError, WorkbookError) and DamagedFileError.exit_code == 1
