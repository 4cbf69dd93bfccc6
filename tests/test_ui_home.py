"""The home screen: archive (confirmed, undone, restored from the archived list), sort, filter,
and names that never act as markup or control codes anywhere on screen."""

from __future__ import annotations

import json
from pathlib import Path

from screens.app import MentorWorkbookApp
from screens.home import HomeScreen
from screens.structured.forms import ConfirmForm
from screens.workbook_screen import WorkbookScreen
from tests.ui_support import (
    make_relationship,
    screen_rows,
    screen_text,
    settle,
    wait_for_text,
    wait_until,
)
from workbook import paths
from workbook.models import Role

SIZE = (100, 30)
HOSTILE = "\x1b]0;pwned\x07Ann\x1b[2J"


def table_names(app: MentorWorkbookApp) -> list[str]:
    """The first column of the home table, top to bottom."""
    table = app.screen.query_one("#relationships")
    return [str(table.get_row_at(row)[0]) for row in range(table.row_count)]  # type: ignore[attr-defined]


async def test_archive_asks_first_can_be_undone_and_restored_from_the_archive(home: Path) -> None:
    make_relationship(home, mentor="Ana", mentee="Bo")
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_text(pilot, "Bo")
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmForm), "the question")
        await pilot.press("n")  # no: nothing moves
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "back home")
        assert table_names(app) == ["Bo"]
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmForm), "the question")
        await pilot.press("y")
        await wait_until(
            pilot, lambda: not list(paths.relationships_dir().glob("*.json")), "archiving"
        )
        await wait_for_text(pilot, "Press u to undo")
        await pilot.press("u")
        await wait_until(pilot, lambda: table_names(app) == ["Bo"], "the undo")
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmForm), "the question")
        await pilot.press("y")
        await wait_until(pilot, lambda: "No relationships yet" in screen_text(app), "archiving")
        await pilot.press("v")  # the archived list
        await wait_until(pilot, lambda: table_names(app) == ["Bo"], "the archived list")
        assert "Archived" in screen_text(app)
        await pilot.press("enter")  # restores it
        await wait_until(pilot, lambda: "Nothing is archived" in screen_text(app), "restoring")
        await pilot.press("v")
        await wait_until(pilot, lambda: table_names(app) == ["Bo"], "the list again")
    assert [p.name for p in paths.relationships_dir().glob("*.json")] == ["ana-bo.json"]


async def test_filter_and_sort(home: Path) -> None:
    for mentee in ("Cy", "Al", "Bea"):
        make_relationship(home, mentor="Ana", mentee=mentee)
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_text(pilot, "Bea")
        assert table_names(app) == ["Al", "Bea", "Cy"]
        await pilot.click("#relationships", offset=(2, 0))  # the heading: the other way round
        await wait_until(pilot, lambda: table_names(app) == ["Cy", "Bea", "Al"], "sorting")
        await pilot.press("slash", *"be")
        await wait_until(pilot, lambda: table_names(app) == ["Bea"], "filtering")
        await pilot.press("enter")  # keep the filter, back to the table
        await pilot.press("escape")  # clear it
        await wait_until(pilot, lambda: len(table_names(app)) == 3, "clearing the filter")


async def test_a_mentee_s_home_lists_their_mentors_sorted(home: Path) -> None:
    for mentor in ("Cy Mentor", "Al Mentor", "Bea Mentor"):
        make_relationship(home, mentor=mentor, mentee="Sam Okafor", role=Role.MENTEE)
    app = MentorWorkbookApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_text(pilot, "Bea Mentor")
        heading = next(text for text in screen_rows(app).values() if "Next meeting" in text)
        assert heading.split()[0] == "Mentor" and "Mentee" not in heading, heading
        assert table_names(app) == ["Al Mentor", "Bea Mentor", "Cy Mentor"]


async def test_hostile_names_are_shown_as_text_everywhere(home: Path) -> None:
    path = make_relationship(home, mentor="Priya", mentee="Sam")
    raw = json.loads(path.read_text("utf-8"))
    record = raw["relationship"]["1"]
    record["mentor"], record["mentee"] = HOSTILE, "[bold]x"
    path.write_text(json.dumps(raw), encoding="utf-8")
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        shown = await wait_for_text(pilot, "[bold]x")  # literally, not as markup
        assert "\x1b" not in shown and "\x07" not in shown
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmForm), "the question")
        assert "\x1b" not in screen_text(app)
        await pilot.press("y")
        shown = await wait_for_text(pilot, "Archived ]0;pwnedAnn[2J")  # the notification
        assert "\x1b" not in shown and "\x07" not in shown
        await pilot.press("u")
        await wait_until(pilot, lambda: table_names(app) == ["[bold]x"], "the undo")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, WorkbookScreen), "the workbook")
        await settle(pilot)
        shown = screen_text(app)
        assert "]0;pwnedAnn[2J & [bold]x" in shown.splitlines()[0]
        assert "\x1b" not in shown and "\x07" not in shown
        assert "\x1b" not in app.screen.title
