"""Editors for short text (one line), long text (multi-line), dates and web addresses."""

from __future__ import annotations

from typing import ClassVar

from textual.geometry import Size
from textual.widgets import Input, TextArea

from screens.editors.base import AnswerEdited, EditorMixin
from screens.text_safety import user_line, user_text
from workbook.models import AnswerValue, Author
from workbook.typed_input import parse_date, parse_web_address

DATE_HINT = "Use YYYY-MM-DD, e.g. 2026-12-01"
LINK_HINT = "Type a web address: https://... with no spaces"
"""Shown under a link answer while what is typed is not a web address."""
LINK_PLACEHOLDER = "https://..."
LINK_MAX_LENGTH = 2000


class ShortTextEditor(EditorMixin, Input):
    """A one-line answer."""

    def __init__(
        self, prompt_id: str, author: Author, value: AnswerValue, **kwargs: object
    ) -> None:
        self._last = user_line(value) if isinstance(value, str) else ""
        super().__init__(value=self._last, **kwargs)  # type: ignore[arg-type]
        self.bind_answer(prompt_id, author)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Announce typed text (restores are ignored)."""
        event.stop()
        self.announce_typed()

    def take_unannounced_edit(self) -> AnswerEdited | None:
        """The line as typed, when it differs from what was last announced."""
        if self.value == self._last:
            return None
        self._last = self.value
        return self.new_edit(self.value)


class LongTextEditor(EditorMixin, TextArea):
    """A multi-line answer; restoring the saved text never counts as an edit."""

    def __init__(
        self, prompt_id: str, author: Author, value: AnswerValue, **kwargs: object
    ) -> None:
        self._last = user_text(value) if isinstance(value, str) else ""
        # Given to the constructor, the text is loaded without a Changed message.
        super().__init__(self._last, soft_wrap=True, tab_behavior="focus", **kwargs)  # type: ignore[arg-type]
        self.bind_answer(prompt_id, author)
        self._layout_wrap_width: int | None = None

    def on_mount(self) -> None:
        """Start at the end of the answer, where typing usually carries on."""
        self.move_cursor(self.document.end)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The wrapped text's height at ``width``, worked out during layout.

        TextArea only wraps once it has been resized, so its first layout takes the unwrapped
        height and a second layout (a frame later) the real one: the editor visibly grows
        when it takes the place of the answer's text. Wrapping here, at the width the layout
        offers (as :attr:`TextArea.wrap_width` counts it: less the gutter and the cursor's
        cell), gets the final height the first time. Later edits keep the document wrapped
        at that width, so it is wrapped again only when the width changes.
        """
        wrap_width = max(0, width - self.gutter_width - 1) if self.soft_wrap else 0
        if wrap_width != self._layout_wrap_width:
            self._layout_wrap_width = wrap_width
            self.wrapped_document.wrap(wrap_width, tab_width=self.indent_width)
        return self.wrapped_document.height

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Announce edits (not the restore on mount)."""
        event.stop()
        self.announce_typed()

    def take_unannounced_edit(self) -> AnswerEdited | None:
        """The text as typed, when it differs from what was last announced."""
        text = self.text
        if text == self._last:
            return None
        self._last = text
        return self.new_edit(text)


class CheckedLineEditor(EditorMixin, Input):
    """A one-line answer that must have a form (a date, a web address): what is typed is
    checked as it is typed; a valid value (or an empty field) is saved, anything else is
    flagged with :attr:`HINT` under the field and not saved."""

    HINT: ClassVar[str] = ""
    """The one line shown under the field while what is typed is not valid."""

    def __init__(
        self, prompt_id: str, author: Author, value: AnswerValue, **kwargs: object
    ) -> None:
        self._last = user_line(value) if isinstance(value, str) else ""
        super().__init__(value=self._last, **kwargs)  # type: ignore[arg-type]
        self.bind_answer(prompt_id, author)

    def checked(self, text: str) -> str | None:
        """The value to save for ``text`` (not empty, without surrounding spaces), or None
        when it is not valid (subclasses)."""
        return text

    def on_input_changed(self, event: Input.Changed) -> None:
        """Save a valid value; flag anything else without saving it."""
        event.stop()
        valid = self._valid_value() is not None
        self.set_class(not valid, "-invalid")
        self.border_subtitle = "" if valid else self.HINT
        self.announce_typed()

    def _valid_value(self) -> str | None:
        text = self.value.strip()
        return self.checked(text) if text else ""

    def take_unannounced_edit(self) -> AnswerEdited | None:
        """The value as typed, when it is valid and differs from what was last announced."""
        value = self._valid_value()
        if value is None or value == self._last:
            return None
        self._last = value
        return self.new_edit(value)


class DateEditor(CheckedLineEditor):
    """A date typed as YYYY-MM-DD; only valid dates (or an empty field) are saved."""

    HINT = DATE_HINT

    def __init__(
        self, prompt_id: str, author: Author, value: AnswerValue, **kwargs: object
    ) -> None:
        super().__init__(
            prompt_id, author, value, placeholder="YYYY-MM-DD", max_length=10, **kwargs
        )

    def checked(self, text: str) -> str | None:
        """The date in ISO form, or None."""
        day = parse_date(text)
        return day.isoformat() if day is not None else None


class LinkEditor(CheckedLineEditor):
    """A web address on one line (a booking page, a video-call link); only an address that
    starts with ``http://`` or ``https://`` (or an empty field) is saved."""

    HINT = LINK_HINT

    def __init__(
        self, prompt_id: str, author: Author, value: AnswerValue, **kwargs: object
    ) -> None:
        super().__init__(
            prompt_id,
            author,
            value,
            placeholder=LINK_PLACEHOLDER,
            max_length=LINK_MAX_LENGTH,
            **kwargs,
        )

    def checked(self, text: str) -> str | None:
        """The address, or None when it is not a web address."""
        return parse_web_address(text)
