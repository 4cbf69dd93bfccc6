"""The share, merge, demo and finish subcommands."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workbook import paths
from workbook.cli import main
from workbook.models import Author, RelationshipStatus, Visibility
from workbook.service import WorkbookService


def _new(capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["new", "--mentor", "Ada", "--mentee", "Ben"]) == 0
    return Path(capsys.readouterr().out.strip().splitlines()[-1])


def test_share_and_merge_round_trip(home: Path, tmp_path: Path, capsys) -> None:
    path = _new(capsys)
    with WorkbookService.open(path) as svc:
        svc.set_answer("about-me", Author.MENTOR, "hello")
        svc.set_answer("own-goals", Author.MENTOR, "secret", Visibility.PRIVATE)
    out = tmp_path / "for-ben.json"
    assert main(["share", path.stem, "-o", str(out)]) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    assert printed[-2:] == [
        str(out.resolve()),
        "Send for-ben.json to Ben: open it with mentor-workbook open for-ben.json",
    ]
    assert b"secret" not in out.read_bytes()
    with WorkbookService.open(out) as mentee:
        mentee.set_answer("about-me", Author.MENTEE, "hi from Ben")
    back = tmp_path / "for-ada.json"
    assert main(["share", str(out), "-o", str(back)]) == 0
    assert main(["merge", path.stem, str(back)]) == 0
    assert "1 added" in capsys.readouterr().out
    before = path.read_bytes()
    assert main(["merge", path.stem, str(back)]) == 0
    assert "Nothing new" in capsys.readouterr().out
    assert path.read_bytes() == before
    with WorkbookService.open(path, read_only=True) as svc:
        assert svc.answer("about-me", Author.MENTEE).value == "hi from Ben"


def test_merge_errors_are_one_line(home: Path, tmp_path: Path, capsys) -> None:
    first, second = _new(capsys), _new(capsys)
    other = tmp_path / "other.json"
    assert main(["share", second.stem, "-o", str(other)]) == 0
    capsys.readouterr()
    assert main(["merge", first.stem, str(other)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(
        "mentor-workbook: error: other.json is a copy of another relationship between Ada and "
        "Ben (theirs: pack standard "
    )
    way_forward = f"; to join it to yours, run: mentor-workbook merge --adopt ada-ben {other}\n"
    assert err.endswith(way_forward)
    assert main(way_forward.split("run: mentor-workbook ")[1].split()) == 0  # it works as said
    assert capsys.readouterr().out.startswith("Adopted other.json into this relationship: ")
    assert main(["merge", first.stem, str(tmp_path / "missing.json")]) == 2
    assert main(["share", first.stem, "-o", str(tmp_path / "no" / "dir.json")]) == 1


def test_finish(home: Path, capsys) -> None:
    path = _new(capsys)
    assert main(["finish", path.stem, "--ended-early"]) == 2
    assert "reason" in capsys.readouterr().err
    assert main(["finish", path.stem, "--ended-early", "--reason", "moved away"]) == 0
    assert "ended-early" in capsys.readouterr().out
    with WorkbookService.open(path, read_only=True) as svc:
        assert svc.relationship.status is RelationshipStatus.ENDED_EARLY
        assert svc.relationship.end_reason == "moved away"
    assert main(["finish", path.stem, "--completed"]) == 2
    with pytest.raises(SystemExit):
        main(["finish", path.stem])


def test_demo_in_given_home(home: Path, capsys) -> None:
    assert main(["demo", "--no-open"]) == 0
    last = Path(capsys.readouterr().out.strip().splitlines()[-1])
    assert last.parent == home / "relationships" and last.is_file()


def test_demo_in_a_temporary_home(monkeypatch, capsys, tmp_path: Path) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.delenv(paths.HOME_ENV_VAR, raising=False)
    paths.set_home_override(None)
    try:
        assert main(["demo", "--no-open"]) == 0
        last = Path(capsys.readouterr().out.strip().splitlines()[-1])
        assert last.is_file() and last.parent.parent.name.startswith("mentor-workbook-demo-")
        assert last.parent.parent.parent == tmp_path
        assert oct(os.stat(last.parent).st_mode & 0o777) == "0o700"
    finally:
        paths.set_home_override(None)


def test_demo_opens_the_app(home: Path, monkeypatch) -> None:
    import sys
    import types

    seen = {}
    fake = types.ModuleType("screens.app")
    fake.run_app = lambda **kwargs: seen.update(kwargs) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "screens.app", fake)
    assert main(["demo"]) == 0
    assert seen["open_path"].is_file() and "content" in seen


def test_share_without_a_path_writes_into_exports(home: Path, capsys) -> None:
    """No -o: ``<home>/exports/for-<their name>.json``; sharing again replaces that copy, and a
    file there that is not one (someone's own) is kept, the copy taking the next free name."""
    path = _new(capsys)
    assert main(["share", path.stem]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    written = home / "exports" / "for-ben.json"
    assert lines == [
        "Shared copy of Ada & Ben for the mentee (no private answers or notes):",
        str(written.resolve()),
        "Send for-ben.json to Ben: open it with mentor-workbook open for-ben.json",
    ]
    assert oct(os.stat(written.parent).st_mode & 0o777) == "0o700"
    assert written.stat().st_mode & 0o777 == 0o600
    with WorkbookService.open(path) as svc:
        svc.set_answer("about-me", Author.MENTOR, "changed since")
    assert main(["share", path.stem]) == 0
    assert capsys.readouterr().out.splitlines()[1] == str(written.resolve())
    assert b"changed since" in written.read_bytes()
    written.write_text("my own notes, not a copy")
    assert main(["share", path.stem]) == 0
    assert capsys.readouterr().out.splitlines()[1] == str(
        written.with_name("for-ben-2.json").resolve()
    )
    assert written.read_text() == "my own notes, not a copy"
