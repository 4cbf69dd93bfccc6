"""SVG snapshots of the main screens at 80x24 (pytest-textual-snapshot; plain ``def`` tests).

Update after an intended change with ``pytest tests/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from screens.app import MentorWorkbookApp
from tests.ui_support import all_tabs_built, make_relationship, settle
from workbook.models import Author
from workbook.service import WorkbookService

SIZE = (80, 24)


def _filled(home: Path) -> Path:
    path = make_relationship(home)
    with WorkbookService.open(path) as service:
        service.set_answer("current-role", Author.MENTOR, "Engineering manager [bold]not bold[/]")
        service.set_answer("current-role", Author.MENTEE, "Career changer, ex-teacher")
    return path


def test_home_screen(home: Path, snap_compare) -> None:
    _filled(home)
    make_relationship(home, mentor="Alex Lee", mentee="Jo Park")
    assert snap_compare(MentorWorkbookApp(), terminal_size=SIZE)


def test_home_screen_first_run(home: Path, snap_compare) -> None:
    assert snap_compare(MentorWorkbookApp(), terminal_size=SIZE)


def test_rapport_tab(home: Path, snap_compare) -> None:
    path = _filled(home)

    async def show_rapport(pilot: Pilot) -> None:
        await pilot.pause()
        pilot.app.screen.query_one("#tabs").active = "tab-rapport"
        await all_tabs_built(pilot)

    assert snap_compare(
        MentorWorkbookApp(open_path=path), terminal_size=SIZE, run_before=show_rapport
    )


def test_presenting_mode(home: Path, snap_compare) -> None:
    path = _filled(home)

    async def present(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await settle(pilot)
        pilot.app.screen.set_focus(None)  # where focus lands after the rebuild is timing-bound
        await pilot.pause(0.2)

    assert snap_compare(MentorWorkbookApp(open_path=path), terminal_size=SIZE, run_before=present)
