"""Every step of the journey on one line, whatever the width: a numbered step bar.

A pack has six to eight tabs; a tab bar cut at 80 columns hides the last ones. The step bar
always shows every step: with full titles and each step's suggested minutes (its timebox)
when they fit, then full titles, then short ones, then numbers with progress, then numbers
only, the current step keeping its name longest. The current step
stands out (reversed, so also without colour), and the steps of the session being held are
bold. Clicking a step chooses it (:class:`StepBar.Chosen`).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from screens.text_safety import user_line

DONE_MARK = "✓"
"""Shown instead of "12/12" when every counted prompt of a step is answered."""
SHORT_MAX = 12
"""The longest a short title gets (cells) before it is cut with an ellipsis."""
GENERIC_WORDS = frozenset({"mentoring", "session", "your", "the", "my", "our", "other"})
"""First words that say little: a short title skips them ("Mentoring agreement": "Agreement")."""


def short_title(title: str) -> str:
    """A one-word form of ``title`` ("Goals and action plan": "Goals")."""
    words = user_line(title).split()
    if not words:
        return ""
    word = next((w for w in words if w.lower() not in GENERIC_WORDS), words[0])
    word = word[:1].upper() + word[1:]
    return word if cell_len(word) <= SHORT_MAX else word[: SHORT_MAX - 1] + "…"


@dataclass(frozen=True)
class Step:
    """One step of the bar."""

    id: str
    number: int
    title: str
    done: int = 0
    total: int = 0
    in_session: bool = False
    """True when the step belongs to the session being held (or prepared for)."""
    minutes: int | None = None
    """The step's suggested time in a session (``Tab.minutes``), if the pack gives one."""

    @property
    def progress(self) -> str:
        """``3/12``, the done mark, or "" for a step that counts no prompts."""
        if not self.total:
            return ""
        return DONE_MARK if self.done >= self.total else f"{self.done}/{self.total}"

    def label(self, level: int, current: bool) -> str:
        """The step's text at collapse ``level`` (0 to :data:`LEVELS` - 1): the full title
        and progress; a short title and progress; the short title (the current step keeps its
        progress); the number and progress; the number; and at the last level the current
        step's number too. The current step keeps its name until the last level."""
        progress = f" {self.progress}" if self.progress else ""
        number = str(self.number)
        short = f"{number} {short_title(self.title)}"
        full = f"{number} {user_line(self.title)}{progress}"
        if current:
            forms = [full, short + progress, short + progress, short + progress, short, number]
        else:
            forms = [full, short + progress, short, number + progress, number, number]
        return forms[level]

    def timed_label(self, current: bool) -> str:
        """The full label with the step's minutes: ``2 Rapport 3/11 (10 min)``."""
        label = self.label(0, current)
        return f"{label} ({self.minutes} min)" if self.minutes else label


LEVELS = 6
GAP = 1
"""Blank cells on each side of a label."""


def fitting_labels(steps: list[Step], current: str, width: int) -> list[str]:
    """The labels of every step at the most readable level that fits ``width`` cells (the
    most collapsed one when none does); the most readable shows each step's minutes."""
    if any(step.minutes for step in steps):
        labels = [step.timed_label(step.id == current) for step in steps]
        if sum(cell_len(label) + 2 * GAP for label in labels) <= width:
            return labels
    for level in range(LEVELS):
        labels = [step.label(level, step.id == current) for step in steps]
        if sum(cell_len(label) + 2 * GAP for label in labels) <= width:
            return labels
    return labels


class StepBar(Widget):
    """The numbered steps of the workbook with their progress; the current one reversed."""

    class Chosen(Message):
        """A step was clicked."""

        def __init__(self, step_id: str) -> None:
            super().__init__()
            self.step_id = step_id

    def __init__(self, steps: list[Step], current: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.steps = steps
        self.current = current
        self._spans: list[tuple[int, int, str]] = []

    def show(self, steps: list[Step] | None = None, current: str | None = None) -> None:
        """Show new progress and/or a new current step (nothing to draw when neither
        changed: the bar is offered its steps again after every edit)."""
        if (steps is None or steps == self.steps) and (current is None or current == self.current):
            return
        if steps is not None:
            self.steps = steps
        if current is not None:
            self.current = current
        self.refresh()

    def render(self) -> Content:
        """Every step's label, at the width the bar has now."""
        labels = fitting_labels(self.steps, self.current, self.size.width)
        parts: list[Content] = []
        self._spans = []
        x = 0
        pad = " " * GAP
        for step, label in zip(self.steps, labels, strict=True):
            text = f"{pad}{label}{pad}"
            if step.id == self.current:
                style = "reverse bold"
            elif step.in_session:
                style = "bold"
            else:
                style = "$text-muted"
            parts.append(Content.styled(text, style))
            self._spans.append((x, x + cell_len(text), step.id))
            x += cell_len(text)
        return Content("").join(parts)

    def x_of(self, step_id: str) -> int | None:
        """The column where step ``step_id`` starts (as last drawn), if it is drawn."""
        return next((start for start, _, step in self._spans if step == step_id), None)

    def step_at(self, x: int) -> str | None:
        """The id of the step drawn at column ``x``, if any."""
        return next((step for start, end, step in self._spans if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        """Clicking a step chooses it."""
        step = self.step_at(event.x)
        if step is not None:
            self.post_message(self.Chosen(step))
