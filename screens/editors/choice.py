"""Editors for single choice, yes/no, multiple choice and checklists (one widget each)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList, SelectionList
from textual.widgets.selection_list import Selection

from screens.editors.base import EditorMixin
from workbook.models import AnswerValue, Author

CHOSEN, NOT_CHOSEN = "◉ ", "○ "


class SingleChoiceEditor(EditorMixin, OptionList):
    """Pick one option: enter, space or a click chooses the highlighted one."""

    def __init__(
        self,
        prompt_id: str,
        author: Author,
        value: AnswerValue,
        options: tuple[str, ...],
        **kwargs: object,
    ) -> None:
        self._choice_labels = options
        self._chosen: int | None = (
            options.index(value) if isinstance(value, str) and value in options else None
        )
        super().__init__(*[self._line(i) for i in range(len(options))], **kwargs)  # type: ignore[arg-type]
        self.bind_answer(prompt_id, author)

    def _line(self, index: int) -> Content:
        mark = CHOSEN if index == self._chosen else NOT_CHOSEN
        return Content.assemble(
            (mark, "bold $accent" if index == self._chosen else ""), self._choice_labels[index]
        )

    @property
    def chosen_index(self) -> int | None:
        """Index of the chosen option, or None."""
        return self._chosen

    def _value_at(self, index: int) -> AnswerValue:
        return self._choice_labels[index]

    def choose(self, index: int) -> None:
        """Choose option ``index`` (as the user would) and announce it."""
        if index == self._chosen or not 0 <= index < len(self._choice_labels):
            return
        previous, self._chosen = self._chosen, index
        for changed in (previous, index):
            if changed is not None:
                self.replace_option_prompt_at_index(changed, self._line(changed))
        self.announce(self._value_at(index))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click chooses the option."""
        event.stop()
        self.choose(event.option_index)


class YesNoEditor(SingleChoiceEditor):
    """Answer yes or no (stored as true / false)."""

    def __init__(
        self, prompt_id: str, author: Author, value: AnswerValue, **kwargs: object
    ) -> None:
        restored = ("Yes" if value else "No") if isinstance(value, bool) else None
        super().__init__(prompt_id, author, restored, ("Yes", "No"), **kwargs)

    def _value_at(self, index: int) -> AnswerValue:
        return index == 0


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
        self._choices = options
        self._last: list[str] = [option for option in options if option in chosen]
        selections = [Selection(Content(option), option, option in chosen) for option in options]
        super().__init__(*selections, **kwargs)  # type: ignore[arg-type]
        self.bind_answer(prompt_id, author)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        """Announce the ticked options."""
        event.stop()
        chosen = set(self.selected)
        value = [option for option in self._choices if option in chosen]
        if value != self._last:
            self._last = value
            self.announce(value)
