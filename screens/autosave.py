"""Debounced saving with a maximum wait: edits go to memory at once; the disk write runs
later, off the UI thread, and never later than :data:`MAX_WAIT_SECONDS` after the first edit
it holds, however steadily someone types.

Why not a timer that is reset on every keystroke: Textual's ``Timer.reset()`` does not restart
the countdown from the reset, it lets the running countdown end and then starts a whole new
one. Every edit made during a countdown therefore moved the save to twice the delay after the
*first* edit (a word that reached the app as two changes was saved 1.6 s after its first key,
1.3-1.5 s after its last: a kill one second after the word lost it), and someone who never
paused for a full countdown was never saved at all. Here each edit only records its time (no
timer work on the keystroke path); one timer runs at a time and, when it fires, either starts
the save or waits for the remaining time to the deadline.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime

from textual.timer import Timer
from textual.widget import Widget

from workbook.service import WorkbookService

SAVE_DELAY_SECONDS = 0.8
"""A save starts this long after the last edit (a pause in typing)."""
MAX_WAIT_SECONDS = 1.5
"""...and at the latest this long after the first edit not yet being saved, even while typing
goes on. With the write itself (milliseconds) and a busy event loop, typing is on disk within
:data:`UNSAVED_AT_MOST_SECONDS` of being typed."""
UNSAVED_AT_MOST_SECONDS = 2.0
"""The promise the README makes: typing stays unsaved at most this long (tests check it)."""
UNSAVED_LABEL = "Unsaved changes"


class Autosaver:
    """Schedules :meth:`WorkbookService.flush` in a worker thread: :data:`SAVE_DELAY_SECONDS`
    after the last edit, and never later than :data:`MAX_WAIT_SECONDS` after the first."""

    def __init__(
        self,
        owner: Widget,
        service: WorkbookService,
        on_state: Callable[[str], None],
        delay: float = SAVE_DELAY_SECONDS,
        max_wait: float = MAX_WAIT_SECONDS,
    ) -> None:
        self.owner = owner
        self.service = service
        self.on_state = on_state
        self.delay = delay
        self.max_wait = max(max_wait, delay)
        self._timer: Timer | None = None
        self._first_edit: float | None = None
        """When the oldest edit that no started save holds was made (None: there is none)."""
        self._last_edit = 0.0
        self._thread_lock = threading.Lock()
        self.last_error: str | None = None
        self.after_save: Callable[[], None] | None = None
        """Called after each save that wrote the file, in the thread that saved (the folder
        sync writes this side's copy there: :mod:`screens.sync_watch`)."""

    @property
    def save_pending(self) -> bool:
        """True while edits wait for a save that has not started yet."""
        return self._first_edit is not None

    def due_at(self) -> float:
        """When the next save must start (``time.monotonic()`` seconds)."""
        first = self._first_edit if self._first_edit is not None else self._last_edit
        return min(self._last_edit + self.delay, first + self.max_wait)

    def poke(self) -> None:
        """An edit happened: note its time; the first unsaved one starts the countdown."""
        self._last_edit = time.monotonic()
        if self._first_edit is None:
            self._first_edit = self._last_edit
            self.on_state(UNSAVED_LABEL)
        if self._timer is None:
            self._timer = self.owner.set_timer(self.delay, self._when_due)

    def _when_due(self) -> None:
        """The timer fired: save now if the deadline has come, else wait for the rest of it."""
        self._timer = None
        if self._first_edit is None:  # saved meanwhile (tab change, ctrl+s)
            return
        remaining = self.due_at() - time.monotonic()
        if remaining > 0.001:
            self._timer = self.owner.set_timer(remaining, self._when_due)
            return
        self._first_edit = None
        self.owner.run_worker(self._save_in_thread, thread=True, group="autosave")

    def _save_in_thread(self) -> None:
        message = self.save_now()
        self.owner.app.call_from_thread(self._report, message)

    def _report(self, message: str) -> None:
        """Show a finished save's state, unless edits made since wait for the next save."""
        if self.last_error is not None or not self.save_pending:
            self.on_state(message)

    def save_now(self) -> str:
        """Write pending changes now (any thread) and return the new save state text."""
        with self._thread_lock:
            try:
                wrote = self.service.flush()
            except OSError as error:
                self.last_error = error.strerror or str(error)
                return f"Not saved: {self.last_error}"
        self.last_error = None
        if wrote and self.after_save is not None:
            self.after_save()
        return saved_label(self.service.last_saved_at)

    def flush_on_exit(self) -> str:
        """Cancel the countdown and save at once (tab change, quit, signals)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._first_edit = None
        return self.save_now()


def saved_label(when: datetime | None) -> str:
    """ "Saved 14:02" in local time, or "All changes saved" when nothing was written yet."""
    if when is None:
        return "All changes saved"
    return f"Saved {when.astimezone().strftime('%H:%M')}"
