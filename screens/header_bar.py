"""The workbook's top line: the pair, the role, the save state and the session clock."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


def format_elapsed(seconds: float) -> str:
    """``seconds`` as H:MM:SS (or MM:SS under an hour)."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes:02}:{secs:02}"


class HeaderBar(Widget):
    """One line: "Priya & Sam · as Mentor · Saved 14:02 · Session 2 12:31"."""

    pair: reactive[str] = reactive("")
    role: reactive[str] = reactive("")
    save_state: reactive[str] = reactive("All changes saved")
    session_label: reactive[str] = reactive("")
    started_at: reactive[datetime | None] = reactive(None)
    tick: reactive[int] = reactive(0)

    def render(self) -> Content:
        """The header text (user names shown literally)."""
        elapsed = ""
        if self.started_at is not None:
            now = datetime.now(self.started_at.tzinfo)
            elapsed = f" {format_elapsed((now - self.started_at).total_seconds())}"
        return Content.assemble(
            (self.pair, "bold"),
            ("  ·  as ", "$text-muted"),
            (self.role, "bold $accent"),
            ("  ·  ", "$text-muted"),
            (
                self.save_state,
                "$warning" if self.save_state.startswith(("Unsaved", "Not")) else "$success",
            ),
            ("  ·  ", "$text-muted"),
            (f"{self.session_label}{elapsed}", ""),
        )
