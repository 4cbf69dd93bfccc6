"""Editors for single choice, yes/no, multiple choice and checklists."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import RadioButton, RadioSet, SelectionList
from textual.widgets.selection_list import Selection

from screens.editors.base import EditorMixin
from workbook.models import AnswerValue, Author


class SingleChoiceEditor(EditorMixin, RadioSet):
    """Pick one option."""

    def __init__(
        self,
        prompt_id: str,
        author: Author,
        value: AnswerValue,
        options: tuple[str, ...],
        **kwargs: object,
    ) -> None:
        self._options = options
        self._last: AnswerValue = value if value in options else None
        buttons = [RadioButton(Content(option), value=option == self._last) for option in options]
        super().__init__(*buttons, **kwargs)  # type: ignore[arg-type]
        self.bind_answer(prompt_id, author)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """Announce the chosen option."""
        event.stop()
        value = self._options[event.index] if 0 <= event.index < len(self._options) else None
        if value != self._last:
            self._last = value
            self.announce(value)


class YesNoEditor(EditorMixin, RadioSet):
    """Answer yes or no (stored as true / false)."""

    def __init__(self, prompt_id: str, author: Author, value: AnswerValue, **kwargs: object) -> None:
        self._last: AnswerValue = value if isinstance(value, bool) else None
        super().__init__(
            RadioButton("Yes", value=self._last is True),
            RadioButton("No", value=self._last is False),
            **kwargs,  # type: ignore[arg-type]
        )
        self.bind_answer(prompt_id, author)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """Announce yes (index 0) or no."""
        event.stop()
        value = event.index == 0
        if value != self._last:
            self._last = value
            self.announce(value)


class MultiChoiceEditor(EditorMixin, SelectionList[str]):
    """Pick any number of options (also used for checklists); stored in option order."""

    def __init__(
        self,
        prompt_id: str,
        author: Author,
        value: AnswerValue,
        options: tuple[str, ...],
        **kwargs: object,
    ) -> None:
        chosen = set(value) if isinstance(value, list) else set()
        self._last: list[str] = [option for option in options if option in chosen]
        selections = [
            Selection(Content(option), option, option in chosen) for option in options
        ]
        super().__init__(*selections, **kwargs)  # type: ignore[arg-type]
        self.bind_answer(prompt_id, author)

    def on_selection_list_selected_changed(
        self, event: SelectionList.SelectedChanged[str]
    ) -> None:
        """Announce the ticked options."""
        event.stop()
        chosen = set(self.selected)
        value = [self.get_option_at_index(i).value for i in range(self.option_count)]
        value = [option for option in value if option in chosen]
        if value != self._last:
            self._last = value
            self.announce(value)
