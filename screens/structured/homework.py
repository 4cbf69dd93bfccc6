"""The homework debrief: for each piece of homework, how it went and what did or did not work."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, RadioSet, Static

from screens.marked_radio import MarkedRadioButton
from screens.structured.base import (
    SESSION_AWARE,
    SessionStarted,
    StructuredPanel,
    reload_unless_removed,
)
from screens.text_safety import user_line
from workbook.debrief import homework_for_debrief, record_outcome
from workbook.models import ActionItem, DebriefOutcome

OUTCOMES: tuple[tuple[DebriefOutcome, str], ...] = (
    (DebriefOutcome.DONE, "Done"),
    (DebriefOutcome.PARTLY, "Partly"),
    (DebriefOutcome.NOT_DONE, "Not done"),
)
NO_SESSION_TEXT = "Start the second session (ctrl+g) to debrief homework."
FIRST_SESSION_TEXT = (
    "This is session 1. Start the second session (ctrl+g) to debrief the homework set now."
)
NOTHING_TEXT = "No homework from earlier sessions is waiting for a debrief."
CHOOSE_FIRST = "Choose done, partly or not done to save the notes."


def homework_heading(number: int, item: ActionItem) -> Content:
    """``1. Draft a CV`` and who owns it, in which session it was set (text shown literally)."""
    details = f"  {item.owner.value}"
    if item.set_in_session:
        details += f", set in session {item.set_in_session}"
    if item.due_date:
        details += f", due {item.due_date.isoformat()}"
    return Content.assemble(
        (f"{number}. ", "bold"), (user_line(item.text), "bold"), (details, "$text-muted")
    )


class HomeworkItem(Vertical):
    """One piece of homework: outcome buttons and two short notes."""

    def __init__(self, item: ActionItem, number: int, editable: bool) -> None:
        super().__init__(id=f"homework-{item.uid}", classes="homework-item")
        self.item = item
        self.number = number
        self.editable = editable

    def compose(self) -> ComposeResult:
        """Heading, outcome, what worked and what did not."""
        item = self.item
        yield Static(homework_heading(self.number, item), classes="homework-heading")
        with RadioSet(classes="homework-outcome", disabled=not self.editable, compact=True):
            for outcome, label in OUTCOMES:
                yield MarkedRadioButton(label, value=item.outcome is outcome)
        with Horizontal(classes="homework-notes"):
            yield Input(
                user_line(item.what_worked),
                placeholder="What worked",
                compact=True,
                classes="what-worked",
                disabled=not self.editable,
                max_length=500,
            )
            yield Input(
                user_line(item.what_did_not),
                placeholder="What did not",
                compact=True,
                classes="what-did-not",
                disabled=not self.editable,
                max_length=500,
            )
        yield Static("", classes="homework-hint")

    def chosen(self) -> DebriefOutcome | None:
        """The outcome picked on screen, if any."""
        index = self.query_one(RadioSet).pressed_index
        return OUTCOMES[index][0] if 0 <= index < len(OUTCOMES) else None


class HomeworkReview(StructuredPanel):
    """Homework set in earlier sessions, each with its debrief outcome."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.add_class(SESSION_AWARE)
        self._shown: tuple[int | None, tuple[str, ...]] | None = None

    def compose_body(self) -> ComposeResult:
        """A message line and the list (filled on mount)."""
        yield Static("", classes="structured-empty")
        yield Vertical(classes="homework-items")

    def on_mount(self) -> None:
        """Fill the list for the current session."""
        reload_unless_removed(self, self.reload)

    def on_session_started(self, event: SessionStarted) -> None:
        """A new session started (ctrl+g): its homework to debrief."""
        self.reload()

    def session_number(self) -> int | None:
        """The number of the session being held now, if any was started."""
        session = self.context.service.current_session()
        return session.number if session else None

    def reload(self) -> None:
        """Show the homework to debrief in the current session (rebuilt when it changed)."""
        number = self.session_number()
        items = homework_for_debrief(self.context.service, number) if number else []
        key = (number, tuple(item.uid for item in items))
        if key == self._shown:
            return
        self._shown = key
        message = self.query_one(".structured-empty", Static)
        if number is None:
            message.update(NO_SESSION_TEXT)
        elif number == 1 and not items:
            message.update(FIRST_SESSION_TEXT)
        elif not items:
            message.update(NOTHING_TEXT)
        else:
            message.update(
                f"Session {number}: {len(items)} piece"
                f"{'s' if len(items) > 1 else ''} of homework to talk through."
            )
        container = self.query_one(".homework-items", Vertical)
        container.remove_children()
        container.mount_all(HomeworkItem(item, n, self.editable) for n, item in enumerate(items, 1))

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """An outcome was picked: save it."""
        event.stop()
        self._record(event.radio_set)

    def on_input_changed(self, event: Input.Changed) -> None:
        """A note was typed: save it with the outcome."""
        event.stop()
        self._record(event.input)

    def _record(self, widget: RadioSet | Input) -> None:
        row = next((a for a in widget.ancestors if isinstance(a, HomeworkItem)), None)
        if row is None or not self.editable:
            return
        service = self.context.service
        stored = service.get(ActionItem, row.item.uid)
        if stored is None:
            return
        outcome = row.chosen()
        worked = row.query_one(".what-worked", Input).value
        did_not = row.query_one(".what-did-not", Input).value
        hint = row.query_one(".homework-hint", Static)
        if outcome is None:
            hint.update(Content.styled(CHOOSE_FIRST, "$warning") if worked or did_not else "")
            return
        hint.update("")
        if (stored.outcome, stored.what_worked, stored.what_did_not) == (
            outcome,
            worked.strip(),
            did_not.strip(),
        ):
            return
        number = self.session_number()
        saved = self.change(
            lambda: record_outcome(
                service, stored.uid, outcome, worked, did_not, session_number=number
            )
        )
        if saved is not None:
            row.item = saved
