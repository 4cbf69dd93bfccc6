"""The first look of a workbook: what it showed its owner when last closed, drawn at once,
read-only, while the models, the store and the real screen load (:mod:`workbook.first_look`).

It is built like the workbook screen (the header, the step bar, a step pane holding the
first step's view, the keys) with the same classes, so the stylesheet lays it out the same:
the real screen, when it takes its place, shows the same words in the same places. The
header says it is opening; keys typed meanwhile are held by the app and given to the real
screen (:meth:`screens.app.MentorWorkbookApp.on_event`). Imports no pydantic and no TinyDB.
"""

from __future__ import annotations

from typing import Any

from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.markup import MarkupError
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static

from screens.header_bar import HeaderBar
from screens.key_bar import KeyBar
from screens.step_bar import Step, StepBar
from screens.step_pane import StepPane
from screens.workbook_look import EDIT_HINT, WORKBOOK_BREAKPOINTS, breakpoint_class
from workbook.first_look import FirstLook

OPENING = "Opening, one moment"
"""The header's save state while the first look is shown: nothing can be edited yet (what
is typed meanwhile is kept and lands in the first answer once it can)."""


class LookError(ValueError):
    """A kept first look that cannot be drawn (damaged): the workbook opens without it."""


def _content(text: Any) -> Content:
    if not isinstance(text, str):
        raise LookError("a part's text is missing")
    try:
        return Content.from_markup(text)
    except MarkupError as error:
        raise LookError(str(error)) from error


def _classes(part: dict[str, Any]) -> str:
    classes = part.get("classes", "")
    if not isinstance(classes, str):
        raise LookError("a part's classes are not text")
    return classes


def _answer(answer: Any) -> tuple[Static, int]:
    """An answer's box, and the fewest rows it takes (its lines and its border)."""
    if not isinstance(answer, dict):
        raise LookError("an answer is not a record")
    content = _content(answer.get("text"))
    widget = Static(content, classes=_classes(answer), markup=False)
    label = answer.get("label")
    widget.border_title = label if isinstance(label, str) and label else None
    if answer.get("focus") is True:
        widget.border_subtitle = EDIT_HINT
    return widget, _lines(content) + 2


def _card(part: dict[str, Any], stacked: bool) -> tuple[Widget, int]:
    """A prompt's card, and the fewest rows it takes: its top margin, its heading's lines,
    and its answers' (``stacked``: one under the other; else side by side, the tallest)."""
    answers = part.get("answers")
    card_id = part.get("id")
    if not isinstance(answers, list) or not isinstance(card_id, str):
        raise LookError("a card is damaged")
    drawn = [_answer(answer) for answer in answers]
    boxes = [box for box, _ in drawn]
    box_rows = [rows for _, rows in drawn]
    focused = any(isinstance(a, dict) and a.get("focus") is True for a in answers)
    heading_text = _content(part.get("heading"))
    heading = Static(heading_text, classes="prompt-heading", markup=False)
    if len(boxes) > 1:
        body: list[Widget] = [heading, Horizontal(*boxes, classes="answers")]
        answer_rows = sum(box_rows) if stacked else max(box_rows)
    else:
        body = [heading, *boxes]
        answer_rows = sum(box_rows)
    classes = "prompt-card -focused" if focused else "prompt-card"
    card = Vertical(*body, id=card_id or None, classes=classes)
    return card, 1 + _lines(heading_text) + answer_rows


def _part(part: dict[str, Any], stacked: bool) -> tuple[Widget, int]:
    """A part of the step, and the fewest rows it takes (a line of text: its top margin
    and its lines)."""
    kind = part.get("kind")
    if kind == "card":
        return _card(part, stacked)
    if kind == "static":
        content = _content(part.get("text"))
        return Static(content, classes=_classes(part), markup=False), 1 + _lines(content)
    raise LookError(f"unknown part {kind!r}")


def _steps(look: FirstLook) -> list[Step]:
    try:
        steps = [Step(**fields) for fields in look.steps]
    except TypeError as error:
        raise LookError(str(error)) from error
    if not steps or not all(isinstance(step.title, str) for step in steps):
        raise LookError("no steps")
    return steps


def _header(look: FirstLook) -> HeaderBar:
    fields = look.header
    header = HeaderBar()
    for name in ("pair", "role", "session_label"):
        value = fields.get(name)
        if not isinstance(value, str):
            raise LookError(f"the header's {name} is missing")
        setattr(header, name, value)
    seconds = fields.get("clock_seconds")
    header.clock_seconds = float(seconds) if isinstance(seconds, int | float) else None
    header.session_closed = fields.get("session_closed") is True
    header.save_state = OPENING
    return header


def _lines(content: Content) -> int:
    """The fewest rows ``content`` takes (its lines, before any wrapping)."""
    return content.plain.count("\n") + 1


CHROME_ROWS = 3
"""The header, the step bar and the keys: the rows the step does not get."""


def first_look_view(look: FirstLook, width: int, height: int) -> Widget:
    """The first look drawn for a screen ``width`` x ``height`` (LookError when damaged).

    Everything is built here, before anything is mounted, so a damaged part fails here and
    never halfway through a frame. Only the parts that can show on the screen are built:
    each is counted at the fewest rows it can take, and parts are added until those fill
    the screen, so what is drawn always covers it (the real screen brings the rest)."""
    steps = _steps(look)
    width_class = breakpoint_class(WORKBOOK_BREAKPOINTS, width)
    stacked = width_class == "-narrow"
    parts: list[Widget] = []
    rows = 0
    for part in look.parts:
        widget, least = _part(part, stacked)
        parts.append(widget)
        rows += least
        if rows >= height - CHROME_ROWS:
            break
    view = VerticalScroll(*parts, classes="tab-view", can_focus=False)
    pane = StepPane(lambda: view, id=steps[0].id, step_title=steps[0].title, eager=True)
    switcher = ContentSwitcher(pane, id="steps", initial=steps[0].id)
    root = FirstLookView(
        _header(look),
        StepBar(steps, steps[0].id, id="step-bar"),
        switcher,
        KeyBar(id="key-bar", keys=look.keys),
    )
    if width_class is not None:
        root.add_class(width_class)
    return root


class FirstLookView(Vertical):
    """The whole first look, over the app's default screen until the workbook is up."""

    DEFAULT_CLASSES = "workbook first-look"
    DEFAULT_CSS = """
    FirstLookView {
        height: 1fr;
    }
    """
