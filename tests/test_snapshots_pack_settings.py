"""SVG snapshots, at 80x24, of the pack settings the workbook shows (issue #16): a statement, a
link, a labelled scale, a ``private: optional`` answer private and shared, and a conditional
question appearing (pytest-textual-snapshot; plain ``def`` tests).

Update after an intended change with ``pytest tests/test_snapshots_pack_settings.py
--snapshot-update`` and look at the report.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from screens.app import MentorWorkbookApp
from screens.editors.choice import SingleChoiceEditor
from tests.ui_support import (
    edit,
    find_answer_widget,
    make_relationship,
    settle,
    show_step,
    wait_for_text,
    wait_until,
)
from workbook.models import Author, Role, Visibility
from workbook.service import WorkbookService

FEATURES = Path(__file__).parent / "data" / "features"
SIZE = (80, 24)


def _relationship(home: Path, role: Role = Role.MENTOR, **answers: object) -> Path:
    """A ``features`` relationship with ``answers`` ({"prompt__author": value})."""
    path = make_relationship(home, pack_id="features", role=role)
    with WorkbookService.open(path) as service:
        for key, value in answers.items():
            prompt_id, _, author = key.partition("__")
            visibility = Visibility.SHARED
            if isinstance(value, tuple):
                value, visibility = value
            service.set_answer(prompt_id.replace("_", "-"), Author(author), value, visibility)  # type: ignore[arg-type]
    return path


def _showing(step: str, text: str):  # type: ignore[no-untyped-def]
    async def show(pilot: Pilot) -> None:
        await settle(pilot)
        await show_step(pilot, step)
        await wait_for_text(pilot, text)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await settle(pilot)

    return show


def test_statement(home: Path, snap_compare) -> None:
    app = MentorWorkbookApp(open_path=_relationship(home), content=FEATURES)
    assert snap_compare(app, terminal_size=SIZE, run_before=_showing("terms", "Four sessions"))


def test_link(home: Path, snap_compare) -> None:
    path = _relationship(
        home, meeting_place__joint="Video call", video_link__joint="https://meet.example.org/abc"
    )
    app = MentorWorkbookApp(open_path=path, content=FEATURES)
    assert snap_compare(app, terminal_size=SIZE, run_before=_showing("meeting", "example.org"))


def test_labelled_scale(home: Path, snap_compare) -> None:
    path = _relationship(home, doing__mentor=8, doing__mentee=5)
    app = MentorWorkbookApp(open_path=path, content=FEATURES)
    assert snap_compare(app, terminal_size=SIZE, run_before=_showing("scale", "thriving"))


def test_private_optional_answer_private(home: Path, snap_compare) -> None:
    path = _relationship(home, Role.MENTEE, salary__mentee=("About 40k", Visibility.PRIVATE))
    app = MentorWorkbookApp(open_path=path, content=FEATURES)
    assert snap_compare(app, terminal_size=SIZE, run_before=_showing("privacy", "Only you"))


def test_private_optional_answer_shared(home: Path, snap_compare) -> None:
    path = _relationship(home, Role.MENTEE, salary__mentee=("About 40k", Visibility.SHARED))
    app = MentorWorkbookApp(open_path=path, content=FEATURES)
    assert snap_compare(app, terminal_size=SIZE, run_before=_showing("privacy", "Shared with"))


def test_conditional_question_appearing(home: Path, snap_compare) -> None:
    async def choose_other(pilot: Pilot) -> None:
        await settle(pilot)
        await show_step(pilot, "meeting")
        choice = await edit(pilot, "meeting-place", SingleChoiceEditor)
        choice.highlighted = 2
        await pilot.press("enter")  # Somewhere else
        await wait_for_text(pilot, "Somewhere else (please say)")
        await wait_until(  # (the card shows first, its answer a frame later)
            pilot,
            lambda: find_answer_widget(pilot.app, "meeting-place-other") is not None,
            "the follow-up's answer",
        )
        await settle(pilot)

    app = MentorWorkbookApp(open_path=_relationship(home), content=FEATURES)
    assert snap_compare(app, terminal_size=SIZE, run_before=choose_other)
