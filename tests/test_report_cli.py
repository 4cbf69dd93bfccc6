"""``mentor-workbook report``: damaged files do not stop it, nothing is written to the files read
(not even while a workbook has one open), ``-o`` and ``--force``, the default folder, usage
errors."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from helpers.files import start_child
from report_helpers import edit_raw, new_pair, snapshot
from test_cli_basic import run

from workbook import paths
from workbook.models import Author
from workbook.outputs import OutputKind, write_output
from workbook.report import DEFAULT_NO_MEETING_AFTER
from workbook.report.formats import FORMATS


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two readable pairs and five files that cannot be read, two in sub-folders."""
    root = tmp_path / "collected"
    new_pair(root, "Ada Mentor", "Ben Mentee").close()
    new_pair(root / "cohort-2", "Cy Mentor", "Di Mentee").close()
    (root / "truncated.json").write_text('{"relationship": {"1": {"slug"', encoding="utf-8")
    (root / "empty.json").write_bytes(b"")
    (root / "cohort-2" / "not-ours.json").write_text("[1, 2, 3]", encoding="utf-8")
    newer = new_pair(root / "future", "Eve Mentor", "Fay Mentee")
    newer.close()
    edit_raw(newer.path, lambda data: data["relationship"]["1"].update(schema_version=99))
    os.mkfifo(root / "pipe.json")  # opening it to read would wait for ever
    (root / "folder.json").mkdir()  # a folder is entered, not read as a file
    return root


def test_damaged_files_are_listed_and_do_not_stop_it(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "report", str(folder))
    assert status == 0
    assert err == "mentor-workbook: warning: 5 files could not be read (listed in the report)\n"
    assert "Programme report: 2 pairs from 2 files in " in out
    assert "(5 files could not be read)" in out
    problems = out.split("Could not read 5 files:\n")[1].splitlines()
    assert problems == [
        "  cohort-2/not-ours.json: it is not a Mentor Workbook relationship file",
        "  empty.json: the file is empty",
        "  future/eve-mentor-fay-mentee.json: written by a newer Mentor Workbook (schema "
        "version 99; this one reads up to 2)",
        "  pipe.json: not a regular file",
        "  truncated.json: it looks truncated (Expecting ':' delimiter at line 1, column 31)",
    ]
    assert "Ada Mentor" in out and "Cy Mentor" in out and "Eve Mentor" not in out


def test_csv_lists_the_problems_on_standard_error(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "report", str(folder), "--format", "csv")
    assert status == 0 and len(out.splitlines()) == 3
    lines = err.splitlines()
    assert lines[0] == "mentor-workbook: warning: 5 files could not be read (listed below)"
    assert "  empty.json: the file is empty" in lines[1:]


def test_an_unreadable_file_is_listed(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """(Permission is simulated: the tests may run as root, who reads anything.)"""
    locked = folder / "ada-mentor-ben-mentee.json"
    real_read, real_open = Path.read_bytes, Path.open

    def read_bytes(self: Path) -> bytes:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    def path_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(Path, "open", path_open)
    status, out, _ = run(capsys, "report", str(folder))
    assert status == 0 and "  ada-mentor-ben-mentee.json: Permission denied" in out


def test_nothing_readable_is_exit_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.json").write_text("nope", encoding="utf-8")
    status, out, err = run(capsys, "report", str(tmp_path))
    assert status == 1 and out == ""
    assert err.splitlines() == [
        "  bad.json: it is not valid JSON (Expecting value at line 1, column 1)",
        f"mentor-workbook: error: none of the 1 relationship files in {tmp_path} could be read",
    ]
    (tmp_path / "bad.json").unlink()
    status, _, err = run(capsys, "report", str(tmp_path))
    assert status == 1
    assert err == f"mentor-workbook: error: no relationship files (*.json) in {tmp_path}\n"
    status, _, err = run(capsys, "report", str(tmp_path / "missing"))
    assert status == 1 and err == f"mentor-workbook: error: no folder {tmp_path / 'missing'}\n"
    (tmp_path / "one.json").write_text("{}", encoding="utf-8")
    status, _, err = run(capsys, "report", str(tmp_path / "one.json"))
    assert status == 2 and err.startswith(f"mentor-workbook: error: {tmp_path / 'one.json'} is not")


@pytest.mark.parametrize("fmt", FORMATS)
def test_nothing_is_written_to_the_files_read(
    folder: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every format: every file under the folder keeps its bytes and time, nothing is added
    (no lock, no backup, no upgrade of an older file)."""
    older = new_pair(folder / "old", "Gil Mentor", "Hal Mentee")
    older.close()
    edit_raw(older.path, lambda data: data["relationship"]["1"].update(schema_version=1))
    os.chmod(older.path, 0o444)
    before = snapshot(folder)
    status, out, _ = run(capsys, "report", str(folder), "--format", fmt)
    assert status == 0 and "Gil Mentor" in out
    assert snapshot(folder) == before


def test_a_file_open_in_a_workbook_is_read_as_on_disk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A child process holds the writer lock with unsaved answers; the report reads the file
    as saved, leaves the lock alone (the child still holds it and saves on close)."""
    with new_pair(tmp_path) as svc:
        svc.set_answer("hobbies", Author.MENTOR, "saved before")
        path = svc.path
    child = start_child("hold", path)
    try:
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline().strip() == "ready"
        before = snapshot(tmp_path)
        status, out, _ = run(capsys, "report", str(tmp_path), "--format", "json")
        assert status == 0 and json.loads(out)["summary"]["pairs"] == 1
        assert snapshot(tmp_path) == before
        child.stdin.write("close\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "closed"
    finally:
        child.kill()
        child.wait()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert any(doc["prompt_id"] == "held-0" for doc in saved["answers"].values())


def test_output_file_is_private_and_needs_force(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "report.html"
    status, out, err = run(capsys, "report", str(folder), "--format", "html", "-o", str(out_file))
    assert status == 0 and out == ""
    assert err.splitlines()[0] == f"Wrote the html report of 2 pairs to {out_file}"
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    assert out_file.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    status, _, err = run(capsys, "report", str(folder), "-o", str(out_file))
    assert status == 1
    assert err == (
        f"mentor-workbook: error: {out_file} already exists and is not a Mentor Workbook "
        "export; pass --force to replace it\n"
    )
    status, _, _ = run(capsys, "report", str(folder), "-o", str(out_file), "--force")
    assert status == 0 and out_file.read_text(encoding="utf-8").startswith("Programme report")


def test_output_never_replaces_a_file_read(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = folder / "ada-mentor-ben-mentee.json"
    before = target.read_bytes()
    status, _, err = run(capsys, "report", str(folder), "-o", str(target), "--force")
    assert status == 1
    assert err == (
        f"mentor-workbook: error: refusing to write to {target}: it is the relationship file\n"
    )
    assert target.read_bytes() == before
    status, _, err = run(
        capsys, "report", str(folder), "-o", str(folder / "truncated.json"), "--force"
    )
    assert status == 1 and "it is the relationship file" in err


def test_output_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    from workbook.errors import WorkbookError

    with pytest.raises(WorkbookError, match="is a folder"):
        write_output(tmp_path, ["x"], OutputKind.REPORT, force=True)
    with pytest.raises(WorkbookError, match="not a regular file"):
        write_output(Path("/dev/null"), ["x"], OutputKind.REPORT, force=True)
    with pytest.raises(WorkbookError, match="no folder"):
        write_output(tmp_path / "missing" / "r.txt", ["x"], OutputKind.REPORT, force=True)


def test_default_folder_is_the_own_home(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "report")
    assert status == 1
    assert err == (
        "mentor-workbook: error: there are no relationships yet "
        f"(no folder {home / 'relationships'})\n"
    )
    new_pair(paths.relationships_dir(), "Own Mentor", "Own Mentee").close()
    status, out, _ = run(capsys, "report", "--format", "csv")
    assert status == 0 and "Own Mentor,Own Mentee" in out


@pytest.mark.parametrize("days", ["-1", "two", "1.5"])
def test_no_meeting_after_must_be_days(
    folder: Path, days: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "report", str(folder), "--no-meeting-after", days)
    assert status == 2 and out == ""
    assert err.startswith("mentor-workbook: error: argument --no-meeting-after: ")
    assert len(err.splitlines()) == 1


def test_no_meeting_after_default() -> None:
    from workbook.report.reading import read_report

    assert DEFAULT_NO_MEETING_AFTER == 2
    assert read_report.__kwdefaults__["no_meeting_after"] == DEFAULT_NO_MEETING_AFTER
