"""The workbook's top line: the pair, the role, the save state, the session clock and the
shown step's timebox.

The save state and the clock are what a mentor glances at during a call, so they are drawn
first, on the right, whole; the timebox ("Rapport 6/10 min", a warning once over) follows when
there is room, and the pair's names take what is left, cut with an ellipsis when the window
is narrow. States differ by a glyph too (``✓`` saved, ``●`` unsaved, ``✗`` not saved, ``⚠``
over time), not only by colour.

The clock counts the session's meeting time (:func:`workbook.sessions.elapsed`): the time
counted before the workbook was last opened, plus the time since its clock was resumed; it
stops at the close.
"""

from __future__ import annotations

from datetime import datetime

from rich.cells import cell_len
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from screens.text_safety import user_line

SEPARATOR = "  ·  "
ELLIPSIS = "…"


def format_elapsed(seconds: float) -> str:
    """``seconds`` as H:MM:SS (or MM:SS under an hour)."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes:02}:{secs:02}"


def save_glyph(state: str) -> tuple[str, str]:
    """The glyph and style for a save state ("Saved 14:02", "Unsaved changes", "Not saved: ...")."""
    if state.startswith("Opening"):
        return "…", "$text-muted"
    if state.startswith("Not"):
        return "✗", "$error bold"
    if state.startswith("Unsaved"):
        return "●", "$warning"
    return "✓", "$success"


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, with an ellipsis when cut."""
    if cell_len(text) <= width:
        return text
    if width <= 0:
        return ""
    cut = text
    while cut and cell_len(cut) > width - 1:
        cut = cut[:-1]
    return cut + ELLIPSIS


class HeaderBar(Widget):
    """One line: "Priya & Sam · Mentor            ✓ Saved 14:02 · Session 2 12:31"."""

    pair: reactive[str] = reactive("")
    role: reactive[str] = reactive("")
    save_state: reactive[str] = reactive("All changes saved")
    session_label: reactive[str] = reactive("")
    clock_seconds: reactive[float | None] = reactive(None)
    """Meeting time counted up to ``running_since`` (None: no session yet)."""
    running_since: reactive[datetime | None] = reactive(None)
    """When the session's clock last started (None: stopped)."""
    session_closed: reactive[bool] = reactive(False)
    timebox: reactive[str] = reactive("")
    """``Rapport 6/10 min`` while a session runs in a step with suggested minutes, else ""."""
    timebox_over: reactive[bool] = reactive(False)
    tick: reactive[int] = reactive(0)
    note: reactive[str] = reactive("")
    """A passing message ("Sam's changes arrived: 3 answers"), shown for a while in place of
    the pair and the role (see :mod:`screens.sync_watch`)."""

    def clock_text(self) -> str:
        """``Session 2 12:31`` while it runs, ``Session 2 closed 48:02`` after the close (or
        ``... paused``), or the session label alone before any session."""
        if self.clock_seconds is None:
            return self.session_label
        seconds = self.clock_seconds
        if self.running_since is not None:
            now = datetime.now(self.running_since.tzinfo)
            return f"{self.session_label} {format_elapsed(seconds + (now - self.running_since).total_seconds())}"
        state = "closed" if self.session_closed else "paused"
        return f"{self.session_label} {state} {format_elapsed(seconds)}"

    def render(self) -> Content:
        """Right part whole (save state, clock), the pair and role in what is left."""
        width = self.content_size.width or self.size.width
        glyph, style = save_glyph(self.save_state)
        clock = self.clock_text()
        state = f"{glyph} {self.save_state}"
        right_width = cell_len(state) + (cell_len(SEPARATOR) + cell_len(clock) if clock else 0)
        timebox = self.timebox
        if timebox and right_width + cell_len(SEPARATOR) + cell_len(timebox) + 12 <= width:
            right_width += cell_len(SEPARATOR) + cell_len(timebox)
        else:
            timebox = ""  # no room: the save state and the clock come first
        if right_width > width:  # a long error: it still comes first
            state = fit(state, width - (cell_len(SEPARATOR) + cell_len(clock) if clock else 0))
            right_width = width
        left_room = max(0, width - right_width - 2)
        role = f"{SEPARATOR}{self.role}" if self.role else ""
        pair = fit(user_line(self.pair), max(0, left_room - cell_len(role)))
        left = Content.assemble((pair, "bold"), (role, "bold $accent") if pair else "")
        if self.note:
            left = Content.styled(fit(user_line(self.note), left_room), "bold $accent")
        right = Content.assemble(
            (state, style),
            (SEPARATOR, "$text-muted") if clock else "",
            clock,
            (SEPARATOR, "$text-muted") if timebox else "",
            (timebox, "$warning bold reverse" if self.timebox_over else "$text-muted")
            if timebox
            else "",
        )
        gap = max(1, width - left.cell_length - right.cell_length)
        return Content.assemble(left, " " * gap, right)
