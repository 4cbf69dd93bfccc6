"""Joining the other person's own relationship file to yours, once, after seeing both.

A mentee who starts before receiving anything and a mentor who starts too make two
relationships between the same two names. Their copies merge only once the two are joined
(:mod:`workbook.adoption`); names alone are never enough, since a pair may have two
relationships. This screen shows both side by side (names, pack, start date, how many answers
each side has...) and asks; the caller then merges with ``adopt=True`` (or, for a received file,
joins it with :func:`workbook.received.adopt_into`).
"""

from __future__ import annotations

from typing import ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from screens.path_picker import shown_path
from screens.text_safety import user_line
from workbook.adoption import AdoptionComparison
from workbook.models import Role

JOIN_TEXT = (
    "{copy} comes from {other}'s own file: each of you started this relationship, so the two "
    "files are not joined yet. Joining brings their answers, goals and actions into yours "
    "(nothing private ever crosses); from then on copies from either side come in without "
    "this question."
)


def comparison_table(comparison: AdoptionComparison) -> Table:
    """Both relationships side by side, every cell literal text (paths shown with ``~``)."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("", style="bold", no_wrap=True)
    table.add_column("Yours", ratio=1, overflow="fold")
    table.add_column("Theirs", ratio=1, overflow="fold")
    files = (shown_path(comparison.ours.path), shown_path(comparison.theirs.path))
    for what, ours, theirs in comparison.rows():
        if what == "File":
            ours, theirs = files
        table.add_row(Text(what), Text(user_line(ours)), Text(user_line(theirs)))
    return table


class AdoptionScreen(ModalScreen[bool | None]):
    """Both relationships side by side: True joins them, False keeps them apart, None (escape)
    cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Join them"),
        Binding("n", "answer(False)", "Keep apart"),
        Binding("escape", "answer(None)", "Cancel"),
    ]

    def __init__(
        self, comparison: AdoptionComparison, copy_name: str, *, apart_label: str = "Not now"
    ) -> None:
        super().__init__()
        self.comparison = comparison
        self.copy_name = copy_name
        self.apart_label = apart_label

    def compose(self) -> ComposeResult:
        """The question, both sides, the buttons."""
        ours, theirs = self.comparison.ours, self.comparison.theirs
        # the copy was written for this side: it comes from the other one
        other = theirs.mentee if ours.owner_role is Role.MENTOR else theirs.mentor
        with Vertical(classes="form-box adoption-box"):
            yield Static(Content("Join their relationship to yours?"), classes="form-title")
            with Horizontal(classes="form-buttons"):
                yield Static("y join · n " + self.apart_label.lower(), classes="form-keys")
                yield Button(self.apart_label, id="apart", compact=True)
                yield Button("Join them", id="join", variant="primary", compact=True)
            with VerticalScroll(classes="form-fields"):
                yield Static(
                    Content(
                        JOIN_TEXT.format(copy=user_line(self.copy_name), other=user_line(other))
                    ),
                    classes="form-note",
                )
                yield Static(comparison_table(self.comparison), id="adoption-table")

    def on_mount(self) -> None:
        """Join has the focus."""
        self.query_one("#join", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Join or keep apart."""
        event.stop()
        self.dismiss(event.button.id == "join")

    def action_answer(self, answer: bool | None) -> None:
        """y, n or escape."""
        self.dismiss(answer)
