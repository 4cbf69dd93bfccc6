"""A screen's first showing without two needless restyles of every widget on it.

Textual restyles a whole screen (every widget, about 8 ms for a workbook's first screen) when
it is first resumed, and again at its first resize, when it gains its breakpoint class
(``-narrow`` / ``-wide``). Both come after the widgets were styled as they mounted and before
the first frame. :class:`QuickFirstShow` gives the screen its breakpoint class before anything
mounts, and lets the first resume skip its restyle. Later resumes (back from a dialog, after a
theme change) restyle as usual.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen


def breakpoint_class(width: int, breakpoints: list[tuple[int, str]]) -> str | None:
    """The class Textual gives a screen ``width`` cells wide: the last breakpoint it reaches."""
    reached = [name for minimum, name in sorted(breakpoints) if width >= minimum]
    return reached[-1] if reached else None


class QuickFirstShow(Screen[None]):
    """A screen styled once before its first frame (call :meth:`preset_breakpoint` in compose)."""

    _shown_before = False

    def preset_breakpoint(self) -> None:
        """Add the breakpoint class the first resize would add (nothing is mounted yet)."""
        name = breakpoint_class(self.app.size.width, self.HORIZONTAL_BREAKPOINTS or [])
        if name is not None:
            self.add_class(name)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """First showing: every widget was styled as it mounted, so skip restyling them all.

        Runs before Textual's own handler (subclass handlers come first), which reads
        ``refresh_styles``.
        """
        if not self._shown_before:
            self._shown_before = True
            event.refresh_styles = False
