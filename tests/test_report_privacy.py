"""The report never shows anything private, in any format, whatever the flags: checked byte by
byte against every private answer and note of the files it reads."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from report_helpers import checkin_pack, new_pair, pack_lookup
from test_cli_basic import run

from workbook.models import Author, Note, RelationshipStatus, Role, Visibility
from workbook.privacy import PrivacyRule
from workbook.report.formats import FORMATS
from workbook.service import WorkbookService
from workbook.sessions import start_session
from workbook.sharing import share_copy
from workbook.text import format_value

SHARED_FIT = "Good fit"
SHARED_TRACK = "Shared with the programme QW7"


def _private_answers(svc: WorkbookService, side: Author, marker: str) -> None:
    """Private answers of ``side`` of every sort: stored private, private by the pack,
    optional and not shared, check-ins, in several sessions; and a private note."""
    svc.set_answer("expect", side, f"{marker}-stored-private", Visibility.PRIVATE)
    svc.set_answer("secret", side, f"{marker}-pack-private")  # stored shared, prompt private
    svc.set_answer("hobbies", side, [f"{marker}-in-a-list"], Visibility.PRIVATE)
    for session in (1, 2):
        svc.set_answer("fit", side, f"{marker}-fit-{session}", Visibility.PRIVATE, session=session)
        svc.set_answer("fit-private", side, f"{marker}-fit-private-{session}", session=session)
        svc.set_answer(
            "fit-optional",
            side,
            f"{marker}-optional-{session}",
            Visibility.PRIVATE,
            session=session,
        )
    svc.save(Note(author=Role(side.value), session_number=1, text=f"{marker}-note"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three pairs: one with the mentor's file and the mentee's copy (each side's private
    answers in its own file), one finished, one whose pack cannot be loaded."""
    root = tmp_path / "collected"
    with new_pair(root / "mentor") as svc:
        start_session(svc, held_on=date(2025, 1, 13))
        start_session(svc, held_on=date(2025, 2, 10))
        _private_answers(svc, Author.MENTOR, "PRIVMENTORA")
        svc.set_answer("fit", Author.MENTOR, SHARED_FIT, session=3)
        mentor_path = svc.path
    (root / "mentee").mkdir()
    copy = share_copy(WorkbookService.open(mentor_path, read_only=True), root / "mentee" / "c.json")
    with WorkbookService.open(copy) as theirs:
        _private_answers(theirs, Author.MENTEE, "PRIVMENTEEA")
        theirs.set_answer("fit-optional", Author.MENTEE, SHARED_TRACK, Visibility.SHARED, session=3)
    with new_pair(root / "done", "Cy Mentor", "Di Mentee") as svc:
        _private_answers(svc, Author.MENTEE, "PRIVFINISHED")
        _private_answers(svc, Author.MENTOR, "PRIVFINISHEDM")
        svc.update_relationship(status=RelationshipStatus.COMPLETED, ended_on=date(2025, 2, 1))
    with new_pair(root / "nopack", "Eve Mentor", "Fay Mentee") as svc:
        svc.update_relationship(pack_id="a-pack-nobody-has")
        _private_answers(svc, Author.MENTOR, "PRIVNOPACK")
    return root


def private_texts(folder: Path) -> set[str]:
    """Every private answer's text and every note's, read from the files themselves with the
    one privacy rule (the pack's, or stored flags only where the pack is unknown)."""
    rule = PrivacyRule.for_pack(checkin_pack())
    found: set[str] = set()
    for path in folder.rglob("*.json"):
        svc = WorkbookService.open(path, read_only=True)
        for answer in svc.answers():
            if rule.answer_is_private(answer):
                found.add(format_value(answer.value))
                if isinstance(answer.value, list):
                    found.update(answer.value)
        found.update(note.text for note in svc.notes())
    return {text for text in found if text}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("flags", [[], ["--no-meeting-after", "0"], ["-o", "out"]])
def test_no_private_byte_in_any_format(
    folder: Path,
    tmp_path: Path,
    fmt: str,
    flags: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("workbook.summary.lenient_lookup", lambda catalog: pack_lookup())
    flags = [str(tmp_path / f"out.{fmt}") if flag == "out" else flag for flag in flags]
    status, out, err = run(capsys, "report", str(folder), "--format", fmt, *flags)
    assert status == 0, err
    written = (tmp_path / f"out.{fmt}").read_bytes() if "-o" in flags else b""
    output = out.encode("utf-8") + err.encode("utf-8") + written
    secrets = private_texts(folder)
    assert len(secrets) >= 40  # the fixture really holds private answers of every sort
    leaked = sorted(text for text in secrets if text.encode("utf-8") in output)
    assert leaked == []
    assert b"PRIV" not in output  # no fragment of a marker either
    # ...while what was shared is there (so the check can fail):
    assert SHARED_FIT.encode() in output and SHARED_TRACK.encode() in output


def test_there_is_no_flag_to_include_private(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "report", str(folder), "--include-private")
    assert status == 2 and out == ""
    assert "unrecognized arguments: --include-private" in err
