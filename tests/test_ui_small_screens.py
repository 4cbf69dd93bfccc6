"""80x24 first: every step, the header's save state and clock, whole keys, columns that fit."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len

from screens.app import MentorWorkbookApp
from screens.header_bar import HeaderBar
from screens.home_columns import fitting_columns
from screens.key_bar import KeyBar
from screens.step_bar import Step, StepBar, fitting_labels
from tests.ui_support import all_tabs_built, make_relationship, screen_rows, settle, wait_until
from workbook.content.catalog import PackCatalog
from workbook.service import WorkbookService
from workbook.summary import RelationshipSummary

STEPS = [
    Step("a", 1, "Preparation", 3, 12),
    Step("b", 2, "Rapport", 0, 11),
    Step("c", 3, "Expectations", 0, 20),
    Step("d", 4, "Goals and action plan", 3, 3),
    Step("e", 5, "Mentoring agreement", 0, 2),
    Step("f", 6, "Debrief", 0, 7),
    Step("g", 7, "Session notes"),
    Step("h", 8, "Other answers"),
]


@pytest.mark.parametrize("width", [40, 60, 80, 100, 120, 200])
def test_every_step_fits_and_the_current_one_keeps_its_name(width: int) -> None:
    labels = fitting_labels(STEPS, "c", width)
    assert sum(cell_len(label) + 2 for label in labels) <= max(width, 8 * 3)
    assert [label.split()[0] for label in labels] == [str(n) for n in range(1, 9)]
    if width >= 40:
        assert "Expectations" in labels[2]
    if width in (80, 200):  # numbers with progress, or names with progress
        assert labels[0].endswith("3/12") and labels[3].endswith("✓")


def test_wider_screens_name_every_step() -> None:
    labels = fitting_labels(STEPS, "a", 120)
    assert labels[3].startswith("4 Goals") and labels[4].startswith("5 Agreement")
    assert labels[6] == "7 Notes"


@pytest.mark.parametrize("pack_id", PackCatalog.default().pack_ids())
async def test_every_step_of_every_pack_is_on_screen_at_80x24(home: Path, pack_id: str) -> None:
    path = make_relationship(home, pack_id=pack_id)
    app = MentorWorkbookApp(open_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bar = screen_rows(app)[1]
        steps = app.screen.query_one(StepBar).steps
        numbers = re.findall(r"(?:^|\s)(\d+)(?=\s|$)", bar)
        assert numbers == [str(step.number) for step in steps], bar
        assert steps[0].title.split()[0] in bar  # the current step keeps its name


async def test_header_keeps_save_state_and_clock_whole_and_cuts_the_names(home: Path) -> None:
    path = make_relationship(
        home, mentor="Maximiliana Featherstonehaugh", mentee="Bartholomew Oyelaran-Okonkwo"
    )
    with WorkbookService.open(path) as service:
        service.start_session(held_on=date(2026, 1, 5))
    app = MentorWorkbookApp(open_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        # (opening resumed the session's clock, and saved that)
        await wait_until(pilot, lambda: "✓ Saved" in screen_rows(app)[0], "the resumed clock saved")
        header = screen_rows(app)[0]
        assert re.search(r"✓ Saved \d\d:\d\d", header), header
        assert re.search(r"Session 1 \d\d:\d\d", header), header
        assert "…" in header and "Maximiliana" in header
        assert cell_len(header.rstrip("\n")) <= 80
        app.screen.query_one(HeaderBar).save_state = "Unsaved changes"
        await settle(pilot)
        assert "● Unsaved changes" in screen_rows(app)[0]


async def test_key_bar_shows_whole_keys_only(home: Path) -> None:
    app = MentorWorkbookApp(open_path=make_relationship(home))
    async with app.run_test(size=(80, 24)) as pilot:
        await all_tabs_built(pilot)
        await app.screen.show_step("step-goals")
        app.screen.query_one("#goals-smart-goals").focus()
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        shown = str(bar.render())
        assert shown.rstrip().endswith("^p Commands")
        descriptions = [binding.description for binding, _ in bar.shown_bindings()]
        assert descriptions[0] == "Edit" and "Add goal" in descriptions
        for item in re.split(r"\s{2,}", shown.strip())[:-1]:
            assert item.split(" ", 1)[1] in descriptions, item  # never cut in the middle


def _row(**fields: object) -> RelationshipSummary:
    return RelationshipSummary(path=Path("x.json"), slug="x", **fields)  # type: ignore[arg-type]


def test_home_columns_fit_and_the_mentor_goes_first_when_short() -> None:
    rows = [
        _row(mentor="Priya Shah", mentee="Sam Okafor", pack_id="standard", answerable=56),
        _row(mentor="Priya Shah", mentee="Jo Park", pack_id="career", answerable=40),
    ]
    narrow = [column.key for column in fitting_columns(rows, 80)]
    assert narrow[:4] == ["mentee", "next", "agreement", "review"]
    assert "mentor" not in narrow
    wide = [column.key for column in fitting_columns(rows, 130)]
    assert wide[:2] == ["mentee", "mentor"] and "progress" in wide


def test_on_a_mentee_s_machine_the_mentor_comes_first_and_their_own_name_goes() -> None:
    """A mentee's own files all carry their name: the useful column is their mentor's."""
    rows = [
        _row(mentor="Priya Shah", mentee="Sam Okafor", owner="mentee", status="ended"),
        _row(mentor="Ana Ruiz", mentee="Sam Okafor", owner="mentee"),
        _row(mentor="Jo Park", mentee="Lee Chan", owner="mentor"),
    ]
    narrow = fitting_columns(rows, 80)
    assert [column.key for column in narrow][:4] == ["mentor", "next", "agreement", "review"]
    assert "mentee" not in [column.key for column in narrow]
    assert narrow[0].label == "Mentor" and narrow[0].cell(rows[0]) == "Priya Shah (ended)"
    wide = [column.key for column in fitting_columns(rows, 130)]
    assert wide[:2] == ["mentor", "mentee"]
    mostly_mentor = [*rows[1:], _row(mentor="Jo Park", mentee="Kim", owner="mentor")]
    assert fitting_columns(mostly_mentor, 80)[0].key == "mentee"


@pytest.mark.parametrize(("width", "expected"), [(80, "-narrow"), (100, "-narrow"), (120, "-wide")])
async def test_the_workbook_is_laid_out_for_its_width_from_its_first_frame(
    home: Path, monkeypatch: pytest.MonkeyPatch, width: int, expected: str
) -> None:
    """Textual gives a screen its width's class on its first resize, after the first layout:
    the first frame showed a card's two answers side by side, then stacked them. The
    workbook's screen has the class when it mounts, so its first frame is its final one."""
    from screens.workbook_screen import WorkbookScreen

    classes_at_mount: list[set[str]] = []
    real_on_mount = WorkbookScreen.on_mount

    def on_mount(screen: WorkbookScreen) -> None:
        classes_at_mount.append(set(screen.classes))
        real_on_mount(screen)

    monkeypatch.setattr(WorkbookScreen, "on_mount", on_mount)
    path = make_relationship(home)
    app = MentorWorkbookApp(open_path=path)
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        assert classes_at_mount and expected in classes_at_mount[0]
        assert expected in app.screen.classes
