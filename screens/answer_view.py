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

from urllib.parse import quote

from textual import events
from textual.content import Content
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Static

from screens.editors.choice import YES_NO_OPTIONS, option_line, yes_no_choice
from screens.editors.factory import build_editor
from screens.editors.ranking import ordered_options, scale_content, scale_point
from screens.text_safety import user_line, user_text
from screens.workbook_look import EDIT_HINT
from workbook.checkins import current_answer
from workbook.content.model import Prompt, PromptKind
from workbook.models import AnswerValue, Author
from workbook.service import WorkbookService
from workbook.text import format_value
from workbook.typed_input import parse_web_address

NO_ANSWER = "not answered yet"
"""Shown, muted and in italics, where an answer is still empty (never a made-up value)."""
LINK_STYLE = "underline $text-accent"
"""How a web address is drawn (its hyperlink is added where the terminal supports one)."""
URL_SAFE = "!#$%&'()*+,-./:;=?@[]_~"
"""The ASCII characters a hyperlink's target keeps as they are (the others are encoded)."""
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


def link_target(address: str) -> str:
    """``address`` as a terminal hyperlink's target: printable ASCII only (anything else,
    such as the letters of a non-English domain, percent-encoded as a browser would)."""
    return quote(address, safe=URL_SAFE)


def link_content(value: AnswerValue) -> Content:
    """A link answer: the address itself, shown literally and, where the terminal supports
    hyperlinks, one that opens it; a stored value that is not a web address (from an older
    file or another copy) is shown as plain text, saying so."""
    text = user_line(value) if isinstance(value, str) else ""
    if not text:
        return Content.styled(NO_ANSWER, "$text-muted italic")
    address = parse_web_address(text)
    if address is None:
        return Content.assemble(text, ("  (not a web address)", "$text-muted italic"))
    return Content(address).stylize(Style(link=link_target(address))).stylize(LINK_STYLE)


def answer_preview(prompt: Prompt, value: AnswerValue) -> Content:
    """An answer as it reads without its editor: the text, every option with its mark, a
    scale with its labelled points, or a link."""
    if prompt.kind.needs_options or prompt.kind is PromptKind.YES_NO:
        return _options(prompt, value)
    if prompt.kind is PromptKind.SCALE:
        low, high = prompt.scale_min, prompt.scale_max
        return scale_content(low, high, scale_point(value, low, high), labels=prompt.scale_labels)
    if prompt.kind is PromptKind.LINK:
        return link_content(value)
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
