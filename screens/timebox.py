"""Timeboxes (issue #16): the time spent in the shown step during the session being held,
against the step's suggested minutes (``Tab.minutes``), so a mentor keeps a one-hour session
on track without a second clock.

:class:`StepClock` counts, per session and step, the time a step was shown while that
session's clock ran (it counts nothing between sessions, after the close, or while the
workbook is closed). It lives as long as the workbook screen: a timebox guides one sitting,
and the session's own clock (stored, paused on quit) is what is kept.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from screens.step_bar import short_title

Key = tuple[int, str]
"""(session number, step id)."""


class StepClock:
    """Seconds each step was shown during each session, while that session's clock ran."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._totals: dict[Key, float] = {}
        self._running: Key | None = None
        self._since = 0.0

    def follow(self, session_number: int | None, step_id: str, running: bool) -> None:
        """From now on, count for ``step_id`` of session ``session_number`` if ``running``
        (call it whenever the shown step or the session's state changes)."""
        now = self._clock()
        if self._running is not None:
            self._totals[self._running] = self._totals.get(self._running, 0.0) + now - self._since
        key = (session_number, step_id) if running and session_number is not None else None
        self._running = key
        self._since = now

    def seconds(self, session_number: int, step_id: str) -> float:
        """The time ``step_id`` has been shown in session ``session_number`` so far."""
        key = (session_number, step_id)
        total = self._totals.get(key, 0.0)
        if self._running == key:
            total += self._clock() - self._since
        return total


def timebox_text(title: str, seconds: float, minutes: int) -> tuple[str, bool]:
    """``Rapport 6/10 min`` and whether the step is over its time (then ``⚠ Rapport 12/10
    min``: the glyph says it without colour)."""
    spent = int(seconds // 60)
    over = seconds > minutes * 60
    text = f"{short_title(title)} {spent}/{minutes} min"
    return (f"⚠ {text}" if over else text), over
