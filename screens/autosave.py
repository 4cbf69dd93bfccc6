"""Debounced saving: edits go to memory at once; the disk write runs later, off the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime

from textual.timer import Timer
from textual.widget import Widget

from workbook.service import WorkbookService

SAVE_DELAY_SECONDS = 0.8
"""How long after the last keystroke the save starts."""


class Autosaver:
    """Schedules :meth:`WorkbookService.flush` a moment after the last edit, in a thread."""

    def __init__(
        self,
        owner: Widget,
        service: WorkbookService,
        on_state: Callable[[str], None],
        delay: float = SAVE_DELAY_SECONDS,
    ) -> None:
        self.owner = owner
        self.service = service
        self.on_state = on_state
        self.delay = delay
        self._timer: Timer | None = None
        self._thread_lock = threading.Lock()
        self.last_error: str | None = None

    def poke(self) -> None:
        """An edit happened: (re)start the countdown to the next save."""
        self.on_state("Unsaved changes")
        if self._timer is None:
            self._timer = self.owner.set_timer(self.delay, self._start_save)
        else:
            self._timer.reset()

    def _start_save(self) -> None:
        self._timer = None
        self.owner.run_worker(self._save_in_thread, thread=True, group="autosave")

    def _save_in_thread(self) -> None:
        message = self.save_now()
        self.owner.app.call_from_thread(self.on_state, message)

    def save_now(self) -> str:
        """Write pending changes now (any thread) and return the new save state text."""
        with self._thread_lock:
            try:
                self.service.flush()
            except OSError as error:
                self.last_error = error.strerror or str(error)
                return f"Not saved: {self.last_error}"
        self.last_error = None
        return saved_label(self.service.last_saved_at)

    def flush_on_exit(self) -> str:
        """Cancel the countdown and save at once (tab change, quit, signals)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        return self.save_now()


def saved_label(when: datetime | None) -> str:
    """ "Saved 14:02" in local time, or "All changes saved" when nothing was written yet."""
    if when is None:
        return "All changes saved"
    return f"Saved {when.astimezone().strftime('%H:%M')}"
