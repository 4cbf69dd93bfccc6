"""Editors that order or rate: ranking (move items up and down) and scale."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Click, Key
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from screens.editors.base import EditorMixin
from screens.text_safety import user_line
from workbook.models import AnswerValue, Author
from workbook.scales import labelled_points


def ordered_options(value: AnswerValue, options: tuple[str, ...]) -> list[str]:
    """The saved order of ``options`` (unknown items dropped, new options appended)."""
    saved = [item for item in value if item in options] if isinstance(value, list) else []
    return saved + [option for option in options if option not in saved]


class RankingEditor(EditorMixin, OptionList):
    """Put options in order of priority: shift+up / shift+down move the highlighted item."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("shift+up,minus", "move(-1)", "Move up"),
        Binding("shift+down,plus,equals_sign", "move(1)", "Move down"),
    ]

    def __init__(
        self,
        prompt_id: str,
        author: Author,
        value: AnswerValue,
        options: tuple[str, ...],
        **kwargs: object,
    ) -> None:
        self._order = ordered_options(value, options)
        super().__init__(*self._render_options(), **kwargs)  # type: ignore[arg-type]
        self.bind_answer(prompt_id, author)

    def _render_options(self) -> list[Option]:
        return [
            Option(Content.assemble((f"{n}. ", "bold"), user_line(item)), id=f"rank-{n}")
            for n, item in enumerate(self._order, start=1)
        ]

    @property
    def order(self) -> list[str]:
        """The items, most important first."""
        return list(self._order)

    def action_move(self, step: int) -> None:
        """Move the highlighted item ``step`` places (negative is up)."""
        index = self.highlighted
        if index is None or not 0 <= index + step < len(self._order):
            return
        order = self._order
        order[index], order[index + step] = order[index + step], order[index]
        self.clear_options()
        self.add_options(self._render_options())
        self.highlighted = index + step
        self.announce(list(order))


def scale_content(
    low: int, high: int, value: int | None, label: str = "", labels: Mapping[int, str] | None = None
) -> Content:
    """A scale's points on one line, the chosen one in brackets (``1  2 [3] 4  5``), then
    how it reads (``3/5`` or ``not rated``); ``label`` (e.g. "Mentor") first. The pack's
    ``labels`` (``{1: "stuck", 5: "on track"}``) follow on a second line, under the points:
    ``1 = stuck · 5 = on track``."""
    words = labels or {}
    lead = f"{label}: " if label else ""
    parts: list[tuple[str, str] | str] = [(lead, "bold $accent")] if lead else []
    for point in range(low, high + 1):
        chosen = point == value
        parts.append((f"[{point}]" if chosen else f" {point} ", "reverse bold" if chosen else ""))
    hint = f"  {value}/{high}" if value is not None else "  not rated"
    parts.append((hint, "$text-muted"))
    points = labelled_points(words, low, high)
    if points:
        indent = " " * (len(lead) + 1)  # under the first point's number
        parts += ["\n", indent, (user_line(" · ".join(points)), "$text-muted italic")]
    return Content.assemble(*parts)


def scale_point(value: AnswerValue, low: int, high: int) -> int | None:
    """A stored scale answer as a point of the scale (None when unset or out of range)."""
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return None


class ScaleEditor(EditorMixin, Widget, can_focus=True):
    """Rate on a scale: left / right (or a digit, or a click) choose a point."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "Lower", show=False),
        Binding("right", "step(1)", "Higher", show=False),
        Binding("delete,backspace", "clear", "Clear", show=False),
    ]

    value: reactive[int | None] = reactive(None)

    def __init__(
        self,
        prompt_id: str,
        author: Author,
        value: AnswerValue,
        low: int,
        high: int,
        labels: Mapping[int, str] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.label = ""
        """Shown before the points, e.g. "Mentor" when both sides rate."""
        self.low, self.high = low, high
        self.labels: Mapping[int, str] = labels or {}
        """The pack's words for points of the scale (shown under the points)."""
        self.set_reactive(ScaleEditor.value, scale_point(value, low, high))
        self.bind_answer(prompt_id, author)

    def render(self) -> Content:
        """The points of the scale, the chosen one marked."""
        return scale_content(self.low, self.high, self.value, self.label, self.labels)

    def _choose(self, point: int | None) -> None:
        if point is not None:
            point = max(self.low, min(self.high, point))
        if point != self.value:
            self.value = point
            self.announce(point)

    def action_step(self, step: int) -> None:
        """Move the rating by ``step``."""
        start = (
            self.value if self.value is not None else (self.low - 1 if step > 0 else self.high + 1)
        )
        self._choose(start + step)

    def action_clear(self) -> None:
        """Remove the rating."""
        self._choose(None)

    def on_key(self, event: Key) -> None:
        """A digit key picks that point (0 means 10, unless the scale starts at 0)."""
        character = event.character
        if character and character.isdigit():
            point = int(character)
            if point == 0 and self.low > 0:
                point = 10
            if self.low <= point <= self.high:
                event.stop()
                self._choose(point)

    def on_click(self, event: Click) -> None:
        """Clicking a number picks it (a click on the labels under them does nothing)."""
        if event.y != 0:
            return
        offset = len(self.label) + 2 if self.label else 0
        for point in range(self.low, self.high + 1):
            offset += len(f" {point} ")
            if event.x < offset:
                self._choose(point)
                return
