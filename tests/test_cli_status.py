"""``mentor-workbook status REF [--json]`` on the demo relationship, a fresh one and bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from core_helpers import PRIVATE_MARKER
from test_cli_basic import run

from workbook.demo import MENTEE, MENTOR, create_demo
from workbook.models import Author, Note, Role, Visibility
from workbook.service import WorkbookService


@pytest.fixture
def demo(home: Path) -> Path:
    folder = home / "relationships"
    folder.mkdir(parents=True)
    path = create_demo(folder)
    with WorkbookService.open(path) as svc:
        svc.save(Note(author=Role.MENTEE, session_number=2, text=PRIVATE_MARKER))
        svc.set_answer("own-goals", Author.MENTEE, PRIVATE_MARKER, Visibility.PRIVATE)
    return path


def test_status_of_the_demo(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "status", demo.stem)
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0] == f"Relationship:  {MENTOR} & {MENTEE} (active)"
    assert lines[1] == f"Contacts:      {MENTOR} (mentor): priya.shah@example.org"
    assert lines[2] == f"               {MENTEE} (mentee): @sam.okafor on the programme chat"
    assert lines[4].startswith("Sessions:      2 (last on ")
    assert "closed, 50 min)" in lines[4]
    assert lines[5].startswith("Next meeting:  ") and "17:00 Europe/London" in lines[5]
    assert "(agreed at the close of session 2)" in lines[5]
    assert "Missed:        none" in out
    assert "Agreement:     acknowledged by both, review by " in out
    assert "Progress:      yours " in out and " · theirs " in out
    assert "  Build a portfolio project: in-progress, 20%, benchmarks 0/3, target " in out
    assert (
        "  List five companies hiring juniors: Sam Okafor (mentee), by session 2, carried forward"
        in out
    )
    assert (
        "  Build the first screen of the ticket tracker: Sam Okafor (mentee), by session 3" in out
    )
    assert "Follow-up:     " in out
    assert PRIVATE_MARKER not in out


def test_status_json(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "status", str(demo), "--json")
    assert status == 0
    data = json.loads(out)
    assert data["sessions_held"] == 2 and data["agreement"] == "acknowledged"
    assert data["next_meeting_source"] == "agreed at the close of session 2"
    assert [h["carried_forward"] for h in data["homework"]] == [True, False]
    assert date.fromisoformat(data["review_on"]) > date.today()
    assert PRIVATE_MARKER not in out


def test_status_follows_an_edit_of_the_agreement(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with WorkbookService.open(demo) as svc:
        svc.set_answer("ending", Author.JOINT, "We end it after a year.")
        svc.set_answer("agreement-review-date", Author.JOINT, "2020-01-01")
    _, out, _ = run(capsys, "status", demo.stem)
    assert (
        "Agreement:     changed since acknowledged: 2 sections "
        "(Ending the relationship, Review); review due since 2020-01-01" in out
    )
    assert "Review:        2020-01-01 (DUE)" in out


def test_status_of_a_new_relationship_and_hostile_names(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = home / "relationships"
    folder.mkdir(parents=True)
    with WorkbookService.create(
        mentor="Ann [bold]", mentee="Bo", pack_id="standard", pack_version="1.0", folder=folder
    ) as svc:
        svc.update_relationship(mentee="Bo\x1b]0;pwned\x07\nX")
        path = svc.path
    status, out, _ = run(capsys, "status", str(path))
    assert status == 0
    assert "\x1b" not in out and "\x07" not in out
    assert out.splitlines()[0] == "Relationship:  Ann [bold] & Bo]0;pwned X (active)"
    assert "Sessions:      0" in out and "Agreement:     none" in out
    assert "Next meeting:  not fixed" in out and "Open homework: none" in out


def test_status_of_an_unknown_relationship(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "status", "nobody")
    assert status == 1 and err.startswith("mentor-workbook: error: no relationship called")
