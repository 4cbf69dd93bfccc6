"""An answer shown as text until someone edits it: one light widget instead of an editor.

A tab holds a dozen or more prompts, most with two answers; a real editor (a TextArea, an
Input, an OptionList) costs several times what a :class:`~textual.widgets.Static` does to
mount, style and lay out. So every answer is first an :class:`AnswerView` drawn like its
editor (same box, same option marks). It takes the focus as an editor would (Tab, ``ctrl+n``,
opening a tab) and becomes the editor when it is used: the first key typed into it (which
the editor then receives), ``enter``, or a click. The editor takes its place at the same
height and gets the focus. An answer the viewer may not change (the other side's, a finished
relationship) stays text (:class:`ReadOnlyAnswer`).
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from screens.editors.choice import YES_NO_OPTIONS, option_line, yes_no_choice
from screens.editors.factory import build_editor
from screens.editors.ranking import ordered_options, scale_content, scale_point
from screens.text_safety import user_text
from workbook.checkins import current_answer
from workbook.content.model import Prompt, PromptKind
from workbook.models import AnswerValue, Author
from workbook.service import WorkbookService
from workbook.text import format_value

NO_ANSWER = "not answered yet"
"""Shown, muted and in italics, where an answer is still empty (never a made-up value)."""
EDIT_HINT = "type or press enter to answer"
"""Shown under a focused answer."""
OPENING_KEYS = frozenset({"enter", "space", "backspace", "delete", "up", "down", "left", "right"})
"""Keys that open the editor without being typed into it (the next key acts in the editor)."""


def _options(prompt: Prompt, value: AnswerValue) -> Content:
    kind = prompt.kind
    if kind is PromptKind.RANKING:
        return Content("\n").join(
            Content.assemble((f"{n}. ", "bold"), user_text(item))
            for n, item in enumerate(ordered_options(value, prompt.options), start=1)
        )
    options: tuple[str, ...] = prompt.options
    chosen = value if isinstance(value, str) else None
    if kind is PromptKind.YES_NO:
        chosen, options = yes_no_choice(value), YES_NO_OPTIONS
    several = kind in (PromptKind.MULTIPLE_CHOICE, PromptKind.CHECKLIST)
    ticked = set(value) if several and isinstance(value, list) else {chosen}
    return Content("\n").join(
        option_line(option, option in ticked, several=several) for option in options
    )


def answer_preview(prompt: Prompt, value: AnswerValue) -> Content:
    """An answer as it reads without its editor: the text, or every option with its mark."""
    if prompt.kind.needs_options or prompt.kind is PromptKind.YES_NO:
        return _options(prompt, value)
    if prompt.kind is PromptKind.SCALE:
        low, high = prompt.scale_min, prompt.scale_max
        return scale_content(low, high, scale_point(value, low, high))
    text = user_text(format_value(value))
    return Content(text) if text.strip() else Content.styled(NO_ANSWER, "$text-muted italic")


class ReadOnlyAnswer(Static):
    """An answer the viewer may read but not change."""

    def __init__(self, prompt: Prompt, value: AnswerValue, label: str) -> None:
        super().__init__(
            answer_preview(prompt, value),
            classes=f"read-only-answer answer-box answer-{prompt.kind.value}",
            markup=False,
        )
        self.border_title = label or None


class AnswerView(Static, can_focus=True):
    """An editable answer drawn as text; focusing it puts the real editor in its place."""

    def __init__(
        self, prompt: Prompt, author: Author, service: WorkbookService, label: str
    ) -> None:
        answer = current_answer(service, prompt, author)  # (this session's, if it repeats)
        super().__init__(
            answer_preview(prompt, answer.value if answer else None),
            classes=f"answer-view answer-box answer-{prompt.kind.value}",
            markup=False,
        )
        self.prompt = prompt
        self.author = author
        self.service = service
        self.label = label
        self.border_title = label or None
        self.editor: Widget | None = None
        """The editor that took this view's place, once it has."""

    @property
    def prompt_id(self) -> str:
        """The id of the prompt answered here (as an editor's)."""
        return self.prompt.id

    def activate(self, key: events.Key | None = None) -> Widget:
        """Put the editor in this view's place, focused, and return it (once only).

        The editor is mounted right after the view and focused at once, before it has
        started: keys typed from now on go to it and wait in its queue until it runs. A
        printable ``key`` that opened it is handed to it first, so no keystroke is lost.
        """
        if self.editor is not None:
            return self.editor
        answer = current_answer(self.service, self.prompt, self.author)
        editor = build_editor(
            self.prompt, self.author, answer.value if answer else None, label=self.label
        )
        self.editor = editor
        parent = self.parent
        assert isinstance(parent, Widget)  # a view is always inside its card
        parent.mount(editor, after=self)
        self.display = False
        self.screen.set_focus(editor, scroll_visible=False)
        if key is not None and key.is_printable:
            editor.post_message(events.Key(key.key, key.character))
        self.call_after_refresh(self.remove)
        return editor

    def on_focus(self) -> None:
        """Say how to start answering."""
        self.border_subtitle = EDIT_HINT

    def on_blur(self) -> None:
        """Only the focused answer says how to start."""
        self.border_subtitle = None

    def on_key(self, event: events.Key) -> None:
        """Typing (or enter, an arrow...) starts editing; other keys (tab, ctrl+n) go on."""
        if self.editor is not None or event.is_printable or event.key in OPENING_KEYS:
            event.stop()
            event.prevent_default()
            if self.editor is not None:  # a key that arrived just as the editor took over
                self.editor.post_message(events.Key(event.key, event.character))
            else:
                self.activate(event)

    def on_click(self) -> None:
        """A click starts editing."""
        self.activate()
