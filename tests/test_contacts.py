"""Each side's preferred contact: given in ``new``, changed with ``contact``, shown in
``status``, used in the calendar and in the sentence that goes with a shared copy."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.models import Cadence
from workbook.service import WorkbookService


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def _new(capsys: pytest.CaptureFixture[str], *extra: str) -> Path:
    status, out, err = _run(
        capsys, "new", "--mentor", "Priya Shah", "--mentee", "Sam Okafor", *extra
    )
    assert status == 0, err
    return Path(out.strip().splitlines()[-1])


def test_new_keeps_both_contacts_and_status_shows_them(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _new(
        capsys, "--mentor-contact", " priya@example.org ", "--mentee-contact", "@sam on chat"
    )
    rel = WorkbookService.open(path, read_only=True).relationship
    assert (rel.mentor_contact, rel.mentee_contact) == ("priya@example.org", "@sam on chat")
    status, out, _ = _run(capsys, "status", path.stem)
    assert status == 0
    assert out.splitlines()[1:3] == [
        "Contacts:      Priya Shah (mentor): priya@example.org",
        "               Sam Okafor (mentee): @sam on chat",
    ]
    _, out, _ = _run(capsys, "status", path.stem, "--json")
    data = json.loads(out)
    assert (data["mentor_contact"], data["mentee_contact"]) == ("priya@example.org", "@sam on chat")


def test_contact_changes_shows_and_clears(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _new(capsys)
    status, out, _ = _run(capsys, "contact", path.stem)
    assert status == 0
    assert out == "Priya Shah (mentor): not given\nSam Okafor (mentee): not given\n"
    before = path.read_bytes()
    assert _run(capsys, "contact", path.stem)[0] == 0
    assert path.read_bytes() == before  # only showing writes nothing
    status, out, _ = _run(capsys, "contact", path.stem, "--mentee", "sam@example.org")
    assert status == 0
    assert out == "Priya Shah (mentor): not given\nSam Okafor (mentee): sam@example.org\n"
    rel = WorkbookService.open(path, read_only=True).relationship
    assert rel.mentee_contact == "sam@example.org" and rel.clock == {"mentor": 1}
    _run(capsys, "contact", path.stem, "--mentee", "", "--mentor", "priya@example.org")
    rel = WorkbookService.open(path, read_only=True).relationship
    assert (rel.mentor_contact, rel.mentee_contact) == ("priya@example.org", "")


@pytest.mark.parametrize(
    "args",
    [
        ["contact", "priya-shah-sam-okafor", "--mentor", "two\nlines"],
        ["contact", "priya-shah-sam-okafor", "--mentee", "x" * 201],
        ["new", "--mentor", "A", "--mentee", "B", "--mentee-contact", "bell\x07"],
    ],
)
def test_a_bad_contact_is_one_line_and_changes_nothing(
    home: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    path = _new(capsys)
    before = sorted(p.name for p in path.parent.iterdir()), path.read_bytes()
    status, out, err = _run(capsys, *args)
    assert status == 2 and out == ""
    assert err.startswith("mentor-workbook: error: the ") and err.count("\n") == 1
    assert "contact" in err
    assert (sorted(p.name for p in path.parent.iterdir()), path.read_bytes()) == before


def test_the_share_sentence_names_the_recipient_and_their_contact(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _new(capsys, "--mentee-contact", "sam@example.org")
    status, out, _ = _run(capsys, "share", path.stem, "-o", str(tmp_path / "for sam.json"))
    assert status == 0
    assert out.splitlines()[-1] == (
        "Send for sam.json to Sam Okafor (sam@example.org): open it with "
        "mentor-workbook open 'for sam.json'"
    )


def test_contacts_given_on_the_command_line_are_calendar_attendees(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _new(capsys, "--mentor-contact", "priya@example.org")
    _run(capsys, "contact", path.stem, "--mentee", "sam@example.org")
    with WorkbookService.open(path) as service:
        first = datetime(2025, 3, 3, 17, 0, tzinfo=UTC)
        service.update_relationship(cadence=Cadence(first_meeting=first, timezone="UTC"))
    status, out, _ = _run(capsys, "export", path.stem, "--format", "ics")
    assert status == 0
    attendees = [line for line in out.replace("\r\n ", "").splitlines() if "ATTENDEE" in line]
    assert attendees and all(
        line.endswith(("mailto:priya@example.org", "mailto:sam@example.org")) for line in attendees
    )
    assert {line.rsplit(":", 1)[1] for line in attendees} == {
        "priya@example.org",
        "sam@example.org",
    }
