"""Autosave: a pause saves soon after the last edit; steady typing is saved within the
maximum wait of its first unsaved edit, and the keystroke path never waits for the disk."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from screens.app import MentorWorkbookApp
from screens.autosave import (
    MAX_WAIT_SECONDS,
    SAVE_DELAY_SECONDS,
    UNSAVED_AT_MOST_SECONDS,
    Autosaver,
)
from screens.editors.text import ShortTextEditor
from tests.ui_support import KINDS_PACK_DIR, edit, make_relationship, settle
from workbook.models import Author

SIZE = (100, 40)
KEY_INTERVAL_S = 0.1
"""One key every 0.1 s: never the 0.8 s pause the after-a-pause save waits for."""


def _on_disk(path: Path, prompt_id: str) -> str:
    """The answer to ``prompt_id`` in the file as it is on disk now (what a crash would leave)."""
    raw = json.loads(path.read_text("utf-8"))
    for doc in raw.get("answers", {}).values():
        if doc["prompt_id"] == prompt_id:
            return str(doc["value"] or "")
    return ""


async def test_steady_typing_is_on_disk_before_it_stops(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = await edit(pilot, "short", ShortTextEditor)
        assert field.author is Author.JOINT
        field.focus()
        typed, log = "", []
        stop = time.monotonic() + MAX_WAIT_SECONDS + 2.5
        while time.monotonic() < stop:
            char = "abcdefghij"[len(typed) % 10]
            await pilot.press(char)
            typed += char
            log.append((time.monotonic(), typed))
            await pilot.pause(KEY_INTERVAL_S)
        stopped = time.monotonic()
        on_disk = _on_disk(path, "short")  # read at once: typing has not paused yet
    old_enough = [text for at, text in log if at <= stopped - UNSAVED_AT_MOST_SECONDS]
    assert old_enough, "typing did not last long enough to test anything"
    assert typed.startswith(on_disk)
    assert len(on_disk) >= len(old_enough[-1]), (
        f"{len(old_enough[-1])} characters were typed more than {UNSAVED_AT_MOST_SECONDS} s "
        f"before typing stopped, only {len(on_disk)} were on disk"
    )


class _Owner:
    """Stands in for the screen: runs timers on the fake clock, counts the saves started."""

    def __init__(self, clock: list[float]) -> None:
        self.clock = clock
        self.timers: list[tuple[float, float, Any]] = []
        """(set at, delay, callback) of every timer asked for."""
        self.saves: list[float] = []

    def set_timer(self, delay: float, callback: Any) -> _Timer:
        self.timers.append((self.clock[0], delay, callback))
        return _Timer()

    def run_worker(self, *args: object, **kwargs: object) -> None:
        self.saves.append(self.clock[0])

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` pass, firing each timer that falls due on the way."""
        end = self.clock[0] + seconds
        while True:
            due = [t for t in self.timers if t[0] + t[1] <= end + 1e-9]
            if not due:
                break
            timer = min(due, key=lambda t: t[0] + t[1])
            self.timers.remove(timer)
            self.clock[0] = max(self.clock[0], timer[0] + timer[1])
            timer[2]()
        self.clock[0] = end


class _Timer:
    def stop(self) -> None:
        """Nothing to stop."""


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """A settable ``time.monotonic`` for the autosaver (``clock[0]`` is now)."""
    now = [100.0]
    monkeypatch.setattr("screens.autosave.time.monotonic", lambda: now[0])
    return now


def _saver(owner: _Owner) -> Autosaver:
    return Autosaver(owner, service=None, on_state=lambda text: None)  # type: ignore[arg-type]


def test_a_pause_saves_one_delay_after_the_last_edit(clock: list[float]) -> None:
    """A word that reaches the app as two changes is saved one delay after the second
    (Textual's ``Timer.reset`` made it twice the delay after the first)."""
    owner = _Owner(clock)
    saver = _saver(owner)
    saver.poke()
    owner.advance(0.3)
    saver.poke()
    last_edit = clock[0]
    owner.advance(5)
    assert owner.saves == [pytest.approx(last_edit + SAVE_DELAY_SECONDS)]
    assert not saver.save_pending


def test_steady_edits_are_saved_within_the_maximum_wait(clock: list[float]) -> None:
    """An edit every 0.1 s for 10 s: a save starts at most MAX_WAIT_SECONDS after the first
    edit it holds, each time."""
    owner = _Owner(clock)
    saver = _saver(owner)
    first_unsaved = clock[0]
    saver.poke()
    waits = []
    for _ in range(100):
        owner.advance(0.1)
        if owner.saves and owner.saves[-1] >= first_unsaved:
            waits.append(owner.saves[-1] - first_unsaved)
            first_unsaved = clock[0]
        saver.poke()
    assert len(waits) >= 5
    assert max(waits) <= MAX_WAIT_SECONDS + 1e-6
    assert len(owner.timers) <= 1  # one timer at a time, whatever the rhythm
