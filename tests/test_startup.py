"""The garbage collector pause around start-up (workbook.startup) and the command line's use."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

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


def test_command_line_leaves_the_collector_on(home: object, capsys: pytest.CaptureFixture[str]) -> None:
    gc.enable()
    assert main(["list"]) == 0
    assert gc.isenabled() and not startup.collector_paused()
    with pytest.raises(SystemExit):
        main(["--version"])
    assert gc.isenabled() and not startup.collector_paused()
