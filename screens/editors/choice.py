"""Editors for single choice, yes/no, multiple choice and checklists (one OptionList each).

Chosen and not chosen options differ by their glyph, not only by colour: ``(•)`` / ``( )``
for one choice, ``[x]`` / ``[ ]`` for several, so a compressed screen share or a terminal
without colour (``NO_COLOR``) still shows what was picked.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList

from screens.editors.base import EditorMixin
from screens.text_safety import user_line
from workbook.models import AnswerValue, Author

CHOSEN, NOT_CHOSEN = "(•) ", "( ) "
"""Marks of a single choice."""
TICKED, NOT_TICKED = "[x] ", "[ ] "
"""Marks of a multiple choice or checklist."""
YES_NO_OPTIONS = ("Yes", "No")


def option_line(label: str, marked: bool, *, several: bool) -> Content:
    """One option as shown in an editor or a read-only answer: its mark, then its text."""
    on, off = (TICKED, NOT_TICKED) if several else (CHOSEN, NOT_CHOSEN)
    mark = on if marked else off
    return Content.assemble((mark, "bold $accent" if marked else ""), user_line(label))


def yes_no_choice(value: AnswerValue) -> str | None:
    """The option a stored yes/no answer picks ("Yes", "No" or none)."""
    return (YES_NO_OPTIONS[0] if value else YES_NO_OPTIONS[1]) if isinstance(value, bool) else None


class SingleChoiceEditor(EditorMixin, OptionList):
    """Pick one option: enter, space or a click chooses the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "select", "Choose", show=False),
    ]

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
        return option_line(self._choice_labels[index], index == self._chosen, several=False)

    @property
    def chosen_index(self) -> int | None:
        """Index of the chosen option, or None."""
        return self._chosen

    def value_at(self, index: int) -> AnswerValue:
        """The answer stored when option ``index`` is chosen."""
        return self._choice_labels[index]

    def choose(self, index: int) -> None:
        """Choose option ``index`` (as the user would) and announce it."""
        if index == self._chosen or not 0 <= index < len(self._choice_labels):
            return
        previous, self._chosen = self._chosen, index
        for changed in (previous, index):
            if changed is not None:
                self.replace_option_prompt_at_index(changed, self._line(changed))
        self.announce(self.value_at(index))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter, space or a click chooses the option."""
        event.stop()
        self.choose(event.option_index)


class YesNoEditor(SingleChoiceEditor):
    """Answer yes or no (stored as true / false)."""

    def __init__(
        self, prompt_id: str, author: Author, value: AnswerValue, **kwargs: object
    ) -> None:
        super().__init__(prompt_id, author, yes_no_choice(value), YES_NO_OPTIONS, **kwargs)

    def value_at(self, index: int) -> AnswerValue:
        """True for "Yes", False for "No"."""
        return index == 0


class MultiChoiceEditor(EditorMixin, OptionList):
    """Tick any number of options (also used for checklists): space, enter or a click ticks
    or unticks the highlighted one. Stored in the options' order."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "select", "Tick", show=False),
    ]

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
        self._ticked = [option in chosen for option in options]
        super().__init__(*[self._line(i) for i in range(len(options))], **kwargs)  # type: ignore[arg-type]
        self.bind_answer(prompt_id, author)

    def _line(self, index: int) -> Content:
        return option_line(self._choices[index], self._ticked[index], several=True)

    @property
    def selected(self) -> list[str]:
        """The ticked options, in the options' order."""
        return [
            option for option, ticked in zip(self._choices, self._ticked, strict=True) if ticked
        ]

    def toggle(self, index: int) -> None:
        """Tick or untick option ``index`` (as the user would) and announce the result."""
        if not 0 <= index < len(self._choices):
            return
        self._ticked[index] = not self._ticked[index]
        self.replace_option_prompt_at_index(index, self._line(index))
        self.announce(self.selected)

    def select(self, option: str) -> None:
        """Tick ``option`` if it is not ticked yet."""
        index = self._choices.index(option)
        if not self._ticked[index]:
            self.toggle(index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter, space or a click ticks or unticks the option."""
        event.stop()
        self.toggle(event.option_index)
