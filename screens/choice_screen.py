"""A question with a few answers, each a button with its own key ("c Close the meeting",
"k Keep it open", "esc Cancel"). It fits 80x24 and returns the chosen answer's id (None when
cancelled)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


@dataclass(frozen=True)
class Choice:
    """One answer: its id (what the screen returns), its button's text and its key."""

    id: str
    label: str
    key: str
    primary: bool = False
    """The suggested answer (focused first, drawn as the primary button)."""


class ChoiceScreen(ModalScreen[str | None]):
    """Asks ``question`` and returns the id of the chosen :class:`Choice` (escape: None)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "choose('')", "Cancel")]

    def __init__(self, question: Content, choices: list[Choice]) -> None:
        """``question`` is shown as given: build it with user text made safe."""
        super().__init__()
        self.question = question
        self.choices = choices

    def compose(self) -> ComposeResult:
        """The question, then a button per answer and Cancel."""
        with Vertical(classes="form-box choice-box"):
            yield Static(self.question, classes="form-title")
            with Horizontal(classes="choice-buttons"):
                for choice in self.choices:
                    yield Button(
                        f"{choice.key} {choice.label}",
                        id=f"choice-{choice.id}",
                        variant="primary" if choice.primary else "default",
                        compact=True,
                    )
                yield Button("esc Cancel", id="choice-", compact=True)

    def on_mount(self) -> None:
        """Focus the suggested answer (else the first)."""
        chosen = next((c for c in self.choices if c.primary), None) or self.choices[0]
        self.query_one(f"#choice-{chosen.id}", Button).focus()

    def on_key(self, event: events.Key) -> None:
        """An answer's own key chooses it."""
        choice = next((c for c in self.choices if c.key == event.key), None)
        if choice is not None:
            event.stop()
            self.dismiss(choice.id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A button chooses its answer (Cancel: None)."""
        event.stop()
        self.action_choose((event.button.id or "").removeprefix("choice-"))

    def action_choose(self, choice_id: str) -> None:
        """Close with ``choice_id`` ("" is no answer: None)."""
        self.dismiss(choice_id or None)
