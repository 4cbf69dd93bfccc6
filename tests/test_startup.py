"""The garbage collector pause around start-up (workbook.startup) and the command line's use."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from screens.app import MentorWorkbookApp
from tests.ui_support import background_done, make_relationship, wait_until
from workbook import startup
from workbook.cli import main


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    startup.resume_collector(freeze=False)
    gc.unfreeze()
    if was_enabled:
        gc.enable()


def test_pause_then_resume_freezes_and_enables() -> None:
    gc.enable()
    startup.pause_collector()
    assert not gc.isenabled() and startup.collector_paused()
    kept = [object() for _ in range(10)]  # alive at resume: frozen
    startup.resume_collector()
    assert gc.isenabled() and not startup.collector_paused()
    assert gc.get_freeze_count() > 0
    assert kept


def test_resume_without_pause_changes_nothing() -> None:
    gc.disable()  # switched off by someone else: not ours to switch on
    startup.resume_collector()
    assert not gc.isenabled()


def test_pause_when_already_off_is_not_ours_to_resume() -> None:
    gc.disable()
    startup.pause_collector()
    assert not startup.collector_paused()
    startup.resume_collector()
    assert not gc.isenabled()


def test_command_line_leaves_the_collector_on(
    home: object, capsys: pytest.CaptureFixture[str]
) -> None:
    gc.enable()
    assert main(["list"]) == 0
    assert gc.isenabled() and not startup.collector_paused()
    with pytest.raises(SystemExit):
        main(["--version"])
    assert gc.isenabled() and not startup.collector_paused()


async def test_frozen_tabs_are_freed_after_a_role_switch_and_on_close(home: Path) -> None:
    """Start-up freezes what it built; rebuilding or closing must still let those widgets go."""
    gc.enable()
    startup.pause_collector()  # as ``mentor-workbook open`` does
    app = MentorWorkbookApp(open_path=make_relationship(home), content=None)
    async with app.run_test(size=(100, 40)) as pilot:
        await background_done(pilot)
        assert gc.get_freeze_count() > 0, "start-up froze nothing: the test proves nothing"
        before = [weakref.ref(widget) for widget in app.screen.query("PromptCard, LongTextEditor")]
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: _all_freed(before), "freeing the old tabs", timeout=30)
        await background_done(pilot)
        after = [weakref.ref(widget) for widget in app.screen.query("PromptCard, LongTextEditor")]
        assert after and gc.get_freeze_count() > 0, "the rebuilt tabs were not frozen again"
        await pilot.press("escape")  # back to the list of relationships
        await wait_until(
            pilot, lambda: _all_freed(after), "freeing the closed workbook", timeout=30
        )


def _all_freed(refs: list[weakref.ref[object]]) -> bool:
    """True once every widget in ``refs`` has been collected."""
    gc.collect()
    return all(ref() is None for ref in refs)
