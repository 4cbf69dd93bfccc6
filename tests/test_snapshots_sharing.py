"""SVG snapshots at 80x24 of the two-machine screens: the share dialog, the picker of a
received copy, the adoption question (both relationships side by side) and the home screen
with its summary line (pytest-textual-snapshot; plain ``def`` tests).

The user's folder (``HOME``) is the test's own folder, so paths show as ``~/...`` and the
same on every machine; names, dates and files are fixed in advance.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from screens.adoption_screen import AdoptionScreen
from screens.app import MentorWorkbookApp
from screens.path_picker import CopyTree, PathPicker
from screens.share_dialog import ShareDialog
from tests.ui_support import make_relationship, settle, wait_until
from workbook.contacts import set_contacts
from workbook.models import ActionItem, Author, Role
from workbook.service import WorkbookService
from workbook.sharing import share_with_other_side

SIZE = (80, 24)


@pytest.fixture
def user(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's own folder (the test's), with a Downloads folder in it."""
    folder = home.parent
    monkeypatch.setenv("HOME", str(folder))
    (folder / "Downloads").mkdir()
    return folder


async def _home_read(pilot: Pilot) -> None:
    await wait_until(pilot, lambda: getattr(pilot.app.screen, "loaded", False), "the rows")


async def _still(pilot: Pilot) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await settle(pilot)


def _their_copy(user: Path) -> Path:
    """The mentee's own relationship (started on their machine, one answer), shared: in
    Downloads."""
    service = WorkbookService.create(
        mentor="Priya Shah",
        mentee="Sam Okafor",
        pack_id="standard",
        pack_version="1.0",
        role=Role.MENTEE,
        started_on=date(2026, 1, 3),
        folder=user / "their-machine",
    )
    with service:
        service.set_answer("about-me", Author.MENTEE, "Moving from teaching into UX")
        return share_with_other_side(service, user / "Downloads" / "for-priya-shah.json").path


def test_share_dialog(home: Path, user: Path, snap_compare) -> None:
    path = make_relationship(home)
    with WorkbookService.open(path) as service:
        set_contacts(service, {Role.MENTEE: "sam@example.org"})

    async def share(pilot: Pilot) -> None:
        await _home_read(pilot)
        await pilot.press("h")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ShareDialog), "the dialog")
        await _still(pilot)

    assert snap_compare(MentorWorkbookApp(), terminal_size=SIZE, run_before=share)


def test_bring_in_picker(home: Path, user: Path, snap_compare) -> None:
    make_relationship(home)
    _their_copy(user)
    (user / "Downloads" / "Programme documents").mkdir()
    (user / "Downloads" / "brochure.pdf").write_bytes(b"%PDF")  # not a copy: left out

    async def pick(pilot: Pilot) -> None:
        await _home_read(pilot)
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, PathPicker), "the picker")
        tree = pilot.app.screen.query_one(CopyTree)
        await wait_until(pilot, lambda: len(tree.root.children) == 2, "the folder read")
        await _still(pilot)

    assert snap_compare(MentorWorkbookApp(), terminal_size=SIZE, run_before=pick)


def test_adoption_confirmation(home: Path, user: Path, snap_compare) -> None:
    path = make_relationship(home)
    with WorkbookService.open(path) as service:
        service.set_answer("about-me", Author.MENTOR, "Ten years in product")
        service.set_answer("time-commitment", Author.MENTOR, "About an hour every two weeks")
    copy = _their_copy(user)

    async def ask(pilot: Pilot) -> None:
        await _home_read(pilot)
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, PathPicker), "the picker")
        pilot.app.screen.query_one("#picker-path", Input).value = str(copy)
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: isinstance(pilot.app.screen, AdoptionScreen), "the question"
        )
        await _still(pilot)

    assert snap_compare(MentorWorkbookApp(), terminal_size=SIZE, run_before=ask)


def test_home_with_its_summary_line(home: Path, user: Path, snap_compare) -> None:
    path = make_relationship(home)
    with WorkbookService.open(path) as service:
        service.save(ActionItem(text="Send the CV", due_date=date(2025, 11, 3)))
    make_relationship(home, mentor="Priya Shah", mentee="Jo Park")

    async def read(pilot: Pilot) -> None:
        await _home_read(pilot)
        await wait_until(pilot, lambda: pilot.app.screen.summary_line, "the summary line")  # type: ignore[attr-defined]
        await _still(pilot)

    assert snap_compare(MentorWorkbookApp(), terminal_size=SIZE, run_before=read)
