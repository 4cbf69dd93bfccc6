"""Full garbage-collection passes wait for a pause in typing.

CPython runs a full (oldest-generation) pass after every ten middle-generation passes. In the
workbook each one walks every long-lived object created since start-up was frozen (render
caches, edit history: about 75,000 objects after a few minutes), which takes 25-55 ms on the
reference machine, every few seconds while someone types: a visible stutter. The
:class:`IdleCollector` takes over that one decision. It keeps the young generations automatic
(they are cheap) and runs the full pass itself when the user has not pressed a key for
``idle_after`` seconds, at the same cadence CPython would, or anyway once typing has gone on
for ``force_after`` middle passes, so memory is never left to grow.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

IDLE_AFTER_S = 1.0
"""Seconds without input after which a due full pass runs."""
FULL_PASS_EVERY = 10
"""Middle-generation passes between two full passes (CPython's own default)."""
FORCE_AFTER = 100
"""Middle-generation passes after which the full pass runs even while typing."""
_NEVER = 1 << 30


class IdleCollector:
    """Decides when the full garbage-collection pass runs: in a pause, not on a keystroke."""

    def __init__(
        self,
        idle_after: float = IDLE_AFTER_S,
        every: int = FULL_PASS_EVERY,
        force_after: int = FORCE_AFTER,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.idle_after = idle_after
        self.every = every
        self.force_after = force_after
        self._clock = clock
        self._last_input = clock()
        self._saved: tuple[int, int, int] | None = None
        self.passes = 0
        """Full passes this collector has run."""

    @property
    def active(self) -> bool:
        """True between :meth:`start` and :meth:`stop`."""
        return self._saved is not None

    def start(self) -> None:
        """Take the full pass over from the interpreter (the young generations stay automatic)."""
        if self._saved is None:
            self._saved = gc.get_threshold()
            young, middle, _ = self._saved
            gc.set_threshold(young, middle, _NEVER)

    def stop(self) -> None:
        """Give the full pass back to the interpreter, with its thresholds as they were."""
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    @property
    def last_input(self) -> float:
        """When the user last pressed a key or used the mouse (on the collector's clock)."""
        return self._last_input

    def note_input(self) -> None:
        """Record that the user just pressed a key or used the mouse."""
        self._last_input = self._clock()

    def due(self) -> bool:
        """True when a full pass should run now."""
        if not self.active or not gc.isenabled():
            return False  # (start-up may still hold the collector paused)
        pending = gc.get_count()[2]
        if pending >= self.force_after:
            return True
        return pending >= self.every and self._clock() - self._last_input >= self.idle_after

    def tick(self) -> bool:
        """Run the full pass if it is due (call this every half second or so); True if it ran."""
        if not self.due():
            return False
        gc.collect()
        self.passes += 1
        return True
