"""Full garbage-collection passes wait for a pause in typing (workbook.idle_collector)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from screens.app import MentorWorkbookApp
from tests.ui_support import make_relationship
from workbook.idle_collector import IdleCollector


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    thresholds, enabled = gc.get_threshold(), gc.isenabled()
    gc.enable()
    yield
    gc.set_threshold(*thresholds)
    if not enabled:
        gc.disable()


def _middle_passes(count: int) -> None:
    """Run ``count`` middle-generation passes: what pushes a full pass due."""
    for _ in range(count):
        gc.collect(1)


def test_start_takes_over_only_the_full_pass_and_stop_gives_it_back() -> None:
    before = gc.get_threshold()
    collector = IdleCollector()
    collector.start()
    young, middle, full = gc.get_threshold()
    assert (young, middle) == before[:2] and full > 1_000_000
    collector.stop()
    assert gc.get_threshold() == before


def _started(clock: FakeClock, force_after: int) -> IdleCollector:
    """A collector on ``clock`` that is in charge, after a clean full pass (the autouse
    fixture gives the interpreter its thresholds back)."""
    collector = IdleCollector(idle_after=1.0, every=3, force_after=force_after, clock=clock)
    collector.start()
    gc.collect()
    return collector


def test_full_pass_waits_for_a_pause_in_typing() -> None:
    clock = FakeClock()
    collector = _started(clock, force_after=50)
    _middle_passes(3)
    collector.note_input()
    clock.now += 0.5
    assert not collector.tick(), "ran while the user was typing"
    assert gc.get_count()[2] >= 3
    clock.now += 0.6
    assert collector.tick()
    assert gc.get_count()[2] == 0 and collector.passes == 1
    assert not collector.tick(), "ran again with nothing due"


def test_full_pass_runs_anyway_after_long_typing() -> None:
    collector = _started(FakeClock(), force_after=6)
    _middle_passes(5)
    collector.note_input()
    assert not collector.due()
    _middle_passes(1)
    assert collector.due()


def test_nothing_runs_while_start_up_holds_the_collector_or_before_start() -> None:
    clock = FakeClock()
    collector = IdleCollector(idle_after=1.0, every=1, force_after=2, clock=clock)
    _middle_passes(3)
    assert not collector.due(), "not started: the interpreter still decides"
    collector.start()
    try:
        gc.disable()
        _middle_passes(3)
        assert not collector.due()
    finally:
        gc.enable()
        collector.stop()


async def test_the_app_notes_keys_and_restores_thresholds(home: Path) -> None:
    before = gc.get_threshold()
    app = MentorWorkbookApp(open_path=make_relationship(home), content=None)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert app.idle_collector.active and gc.get_threshold()[2] > 1_000_000
        last_input = app.idle_collector.last_input
        await pilot.press("x")
        assert app.idle_collector.last_input > last_input
    assert gc.get_threshold() == before
