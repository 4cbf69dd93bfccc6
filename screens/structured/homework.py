"""The homework debrief: for each piece of homework, how it went and what did or did not work.

Homework carries forward (:mod:`workbook.debrief`): an item partly or not done comes back at
every later debrief until it is done or dropped, showing how it went last time; each session
keeps its own outcome, so the buttons and notes are this session's. The benchmarks of the
goals that are due by this session are listed under the homework.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, RadioSet, Static

from screens.marked_radio import MarkedRadioButton
from screens.structured.base import (
    SESSION_AWARE,
    KeepsTypedText,
    SessionStarted,
    StructuredPanel,
    reload_unless_removed,
)
from screens.text_safety import user_line
from workbook.debrief import benchmarks_due_by, homework_for_debrief, record_outcome
from workbook.models import ActionItem, Benchmark, Debrief, DebriefOutcome, Goal, Session

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
OUTCOME_WORDS = {
    DebriefOutcome.DONE: "done",
    DebriefOutcome.PARTLY: "partly done",
    DebriefOutcome.NOT_DONE: "not done",
}


def homework_heading(number: int, item: ActionItem) -> Content:
    """``1. Draft a CV`` and who owns it, in which session it was set (text shown literally)."""
    details = f"  {item.owner.value}"
    if item.set_in_session:
        details += f", set in session {item.set_in_session}"
    if item.due_date:
        details += f", due {item.due_date.isoformat()}"
    if item.due_session:
        details += f", due by session {item.due_session}"
    return Content.assemble(
        (f"{number}. ", "bold"), (user_line(item.text), "bold"), (details, "$text-muted")
    )


def last_time(item: ActionItem, session_number: int) -> Debrief | None:
    """How ``item`` went at the latest debrief before session ``session_number``, if any."""
    earlier = [d for d in item.debriefs if d.session < session_number]
    return earlier[-1] if earlier else None


def last_time_line(debrief: Debrief) -> Content:
    """``Back from session 2: partly done · worked: ... · did not: ...``."""
    parts = [f"Back from session {debrief.session}: {OUTCOME_WORDS[debrief.outcome]}"]
    for label, said in (("worked", debrief.what_worked), ("did not", debrief.what_did_not)):
        if said.strip():
            parts.append(f"{label}: {user_line(said)}")
    return Content.styled(" · ".join(parts), "$accent")


def benchmarks_content(due: list[tuple[Goal, Benchmark]]) -> Content:
    """The benchmarks due by this session, one a line under their goal's title."""
    lines = [Content.styled("Benchmarks due by this session", "bold")]
    for goal, benchmark in due:
        when = f" (by {benchmark.due.isoformat()})" if benchmark.due else ""
        lines.append(
            Content.assemble(
                "• ",
                (user_line(goal.title), "bold"),
                ": ",
                user_line(benchmark.label),
                (when, "$text-muted"),
            )
        )
    return Content("\n").join(lines)


class HomeworkItem(Vertical):
    """One piece of homework: outcome buttons and two short notes."""

    def __init__(self, item: ActionItem, number: int, editable: bool, session: int) -> None:
        super().__init__(id=f"homework-{item.uid}", classes="homework-item")
        self.item = item
        self.number = number
        self.editable = editable
        self.session = session
        """The session whose debrief this is."""

    def compose(self) -> ComposeResult:
        """Heading, how it went last time, this session's outcome, what worked and what did
        not."""
        item = self.item
        yield Static(homework_heading(self.number, item), classes="homework-heading")
        before = last_time(item, self.session)
        if before is not None:
            yield Static(last_time_line(before), classes="homework-last-time")
        now = item.debrief_in(self.session)
        with RadioSet(classes="homework-outcome", disabled=not self.editable, compact=True):
            for outcome, label in OUTCOMES:
                yield MarkedRadioButton(label, value=now is not None and now.outcome is outcome)
        with Horizontal(classes="homework-notes"):
            yield Input(
                user_line(now.what_worked if now else ""),
                placeholder="What worked",
                compact=True,
                classes="what-worked",
                disabled=not self.editable,
                max_length=500,
            )
            yield Input(
                user_line(now.what_did_not if now else ""),
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


class HomeworkReview(KeepsTypedText, StructuredPanel):
    """Homework set in earlier sessions, each with its debrief outcome."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.add_class(SESSION_AWARE)
        self._shown: tuple[int | None, tuple[str, ...]] | None = None

    def compose_body(self) -> ComposeResult:
        """A message line and the list (filled on mount)."""
        yield Static("", classes="structured-empty")
        yield Vertical(classes="homework-items")
        yield Static("", classes="homework-benchmarks")

    def on_mount(self) -> None:
        """Fill the list for the current session."""
        reload_unless_removed(self, self.reload)

    def on_session_started(self, event: SessionStarted) -> None:
        """A new session started (ctrl+g): its homework to debrief."""
        self.reload()

    def session(self) -> Session | None:
        """The session being held now, if any was started."""
        return self.context.service.current_session()

    def session_number(self) -> int | None:
        """The number of the session being held now, if any was started."""
        session = self.session()
        return session.number if session else None

    def reload(self) -> None:
        """Show the homework to debrief in the current session (rebuilt when it changed),
        and the benchmarks due by it."""
        session = self.session()
        number = session.number if session else None
        service = self.context.service
        items = homework_for_debrief(service, number) if number else []
        due = benchmarks_due_by(service, number, session.held_on) if session and number else []
        benchmarks = self.query_one(".homework-benchmarks", Static)
        benchmarks.display = bool(due)
        if due:
            benchmarks.update(benchmarks_content(due))
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
        container.mount_all(
            HomeworkItem(item, n, self.editable, number or 1) for n, item in enumerate(items, 1)
        )

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """An outcome was picked: save it."""
        event.stop()
        self._record(event.radio_set)

    def on_input_changed(self, event: Input.Changed) -> None:
        """A note was typed: save it with the outcome."""
        event.stop()
        self._record(event.input)

    def keep_typed_text(self) -> None:
        """Keep every row's notes as shown (the workbook saves at once)."""
        for row in self.query(HomeworkItem):
            self._record(row.query_one(".what-worked", Input))

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
        number = row.session
        now = stored.debrief_in(number)
        if now is not None and (now.outcome, now.what_worked, now.what_did_not) == (
            outcome,
            worked.strip(),
            did_not.strip(),
        ):
            return
        saved = self.change(
            lambda: record_outcome(
                service, stored.uid, outcome, worked, did_not, session_number=number
            )
        )
        if saved is not None:
            row.item = saved
