"""Modal forms of the structured widgets: a goal, an action item, a name, a yes/no question.

Each form validates inline and returns a new model (not yet saved) or None when cancelled;
the panel that opened it saves through the service.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from workbook.goals import BENCHMARK_PRESETS, benchmark_from_preset, goal_problems
from workbook.models import (
    ActionItem,
    ActionStatus,
    Benchmark,
    Goal,
    GoalStatus,
    Relationship,
    Role,
)
from workbook.typed_input import parse_date

FORM_KEYS = "ctrl+s save · esc cancel"
"""Hint shown at the bottom of every form."""

GOAL_STATUS_LABELS: dict[GoalStatus, str] = {
    GoalStatus.NOT_STARTED: "Not started",
    GoalStatus.IN_PROGRESS: "In progress",
    GoalStatus.ACHIEVED: "Achieved",
    GoalStatus.ADJUSTED: "Adjusted",
    GoalStatus.DROPPED: "Dropped",
}
ACTION_STATUS_LABELS: dict[ActionStatus, str] = {
    ActionStatus.OPEN: "Open",
    ActionStatus.DONE: "Done",
    ActionStatus.DROPPED: "Dropped",
}
QUICK_PRESETS: tuple[str, ...] = ("by session two", "in three months")
"""Benchmark presets offered as buttons; the others are in a drop-down."""


def sentence(label: str) -> str:
    """``label`` with a capital first letter ("by session two" -> "By session two")."""
    return label[:1].upper() + label[1:]


def benchmark_lines(benchmarks: list[Benchmark]) -> str:
    """Benchmarks as editable lines ``label | YYYY-MM-DD`` (``| done`` when ticked off)."""
    lines = []
    for benchmark in benchmarks:
        parts = [benchmark.label]
        if benchmark.due or benchmark.done:
            parts.append(benchmark.due.isoformat() if benchmark.due else "")
        if benchmark.done:
            parts.append("done")
        lines.append(" | ".join(parts))
    return "\n".join(lines)


def parse_benchmarks(text: str) -> tuple[list[Benchmark], list[str]]:
    """Benchmarks from lines ``label | YYYY-MM-DD [| done]``; and a message per bad line."""
    benchmarks: list[Benchmark] = []
    errors: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        label, when = parts[0], parts[1] if len(parts) > 1 else ""
        done = len(parts) > 2 and parts[2].lower() in {"done", "x", "yes", "y"}
        due = parse_date(when) if when else None
        if not label:
            errors.append(f"Benchmark line {number}: describe the benchmark before the |.")
        elif when and due is None:
            errors.append(f"Benchmark line {number}: {when!r} is not a date (YYYY-MM-DD).")
        else:
            benchmarks.append(Benchmark(label=label, due=due, done=done))
    return benchmarks, errors


class FormScreen(ModalScreen[object]):
    """A centred form with Save / Cancel; ctrl+s saves, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)

    def action_save(self) -> None:
        """Validate and return the result (subclasses)."""

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save, Cancel, or a subclass's own button."""
        if event.button.id == "save":
            event.stop()
            self.action_save()
        elif event.button.id == "cancel":
            event.stop()
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field moves on to the next one."""
        event.stop()
        self.focus_next()

    def buttons(self, save_label: str = "Save") -> ComposeResult:
        """The hint and the Cancel / Save row."""
        with Horizontal(classes="form-buttons"):
            yield Static(FORM_KEYS, classes="form-keys")
            yield Button("Cancel", id="cancel")
            yield Button(save_label, id="save", variant="primary")

    def reveal_first_error(self) -> None:
        """Scroll the first error message into view (small terminals)."""
        shown = self.query(".form-error.-shown")
        if shown:
            self.call_after_refresh(shown.first().scroll_visible, animate=False)

    def show_error(self, widget_id: str, message: str) -> None:
        """Put ``message`` (literally) in the error line ``widget_id`` ("" clears it)."""
        show_error(self.query_one(f"#{widget_id}", Static), message)


def show_error(line: Static, message: str) -> None:
    """Show ``message`` (literally) in an error line, which takes no room when empty."""
    line.update(Content(message))
    line.set_class(bool(message), "-shown")


def field(label: str, widget: Input | Select[object] | TextArea) -> Horizontal:
    """A form row: a label on the left, the field on the right."""
    return Horizontal(Label(label, classes="field-label"), widget, classes="form-row")


def _text_area(text: str, widget_id: str) -> TextArea:
    return TextArea(
        text, soft_wrap=True, tab_behavior="focus", id=widget_id, classes="form-area", compact=True
    )


class GoalForm(FormScreen):
    """Add or edit a SMART goal; what keeps it from being SMART blocks saving."""

    def __init__(self, goal: Goal | None, relationship: Relationship, today: date) -> None:
        super().__init__()
        self.goal = goal
        self.relationship = relationship
        self.today = today

    def compose(self) -> ComposeResult:
        """The goal's fields, benchmark presets, errors and buttons."""
        goal = self.goal or Goal(title="untitled")
        new = self.goal is None
        with VerticalScroll(classes="form-box structured-form"):
            yield Static("Add a SMART goal" if new else "Edit goal", classes="form-title")
            yield Static("", id="problems", classes="form-error")
            yield field(
                "Title",
                Input(
                    "" if new else goal.title,
                    id="title",
                    compact=True,
                    placeholder="e.g. Lead a sprint demo",
                    max_length=200,
                ),
            )
            yield field(
                "Specific",
                Input(
                    goal.specific,
                    id="specific",
                    compact=True,
                    placeholder="What exactly will be achieved?",
                ),
            )
            yield field(
                "Measurable",
                Input(
                    goal.measurable,
                    id="measurable",
                    compact=True,
                    placeholder="How will you know? (a number, an output)",
                ),
            )
            yield field(
                "Achievable",
                Input(
                    goal.achievable,
                    id="achievable",
                    compact=True,
                    placeholder="Why is it within reach?",
                ),
            )
            yield field(
                "Relevant",
                Input(
                    goal.relevant,
                    id="relevant",
                    compact=True,
                    placeholder="Why does it matter to the mentee?",
                ),
            )
            target = goal.target_date.isoformat() if goal.target_date else ""
            yield field(
                "Target date",
                Input(target, id="target", compact=True, placeholder="YYYY-MM-DD", max_length=10),
            )
            yield Static("", id="target-error", classes="form-error")
            yield Label(
                'Benchmarks, one a line: label | YYYY-MM-DD (add "| done" once reached)',
                classes="form-note",
            )
            yield _text_area(benchmark_lines(goal.benchmarks), "benchmarks")
            with Horizontal(classes="preset-row"):
                for number, label in enumerate(QUICK_PRESETS):
                    yield Button(sentence(label), id=f"preset-{number}", compact=True)
                others = [(sentence(p), p) for p in BENCHMARK_PRESETS if p not in QUICK_PRESETS]
                yield Select(others, id="more-presets", prompt="More presets", compact=True)
            status_options = [(text, status.value) for status, text in GOAL_STATUS_LABELS.items()]
            with Horizontal(classes="form-row"):
                yield Label("Status", classes="field-label")
                yield Select(
                    status_options,
                    id="status",
                    value=goal.status.value,
                    allow_blank=False,
                    compact=True,
                )
                yield Label("Progress %", classes="field-label short")
                yield Input(
                    str(goal.progress),
                    id="progress",
                    compact=True,
                    max_length=3,
                    type="integer",
                    classes="short-input",
                )
            yield Static("", id="progress-error", classes="form-error")
            yield Label("Notes (what was adjusted, and why)", classes="form-note")
            yield _text_area(goal.notes, "notes")
            yield from self.buttons()

    def on_mount(self) -> None:
        """Start in the title field."""
        self.query_one("#title", Input).focus()

    def _target(self) -> date | None:
        return parse_date(self.query_one("#target", Input).value)

    def _add_preset(self, label: str) -> None:
        rel = self.relationship
        benchmark = benchmark_from_preset(
            label,
            started_on=rel.started_on,
            cadence=rel.cadence,
            target_date=self._target(),
            today=self.today,
        )
        area = self.query_one("#benchmarks", TextArea)
        line = sentence(benchmark.label)
        if benchmark.due is not None:
            line += f" | {benchmark.due.isoformat()}"
        text = area.text.rstrip("\n")
        area.load_text(f"{text}\n{line}" if text else line)
        area.move_cursor(area.document.end)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Preset buttons add a dated benchmark line; Save and Cancel as usual."""
        button_id = event.button.id or ""
        if button_id.startswith("preset-"):
            event.stop()
            self._add_preset(QUICK_PRESETS[int(button_id.removeprefix("preset-"))])
            return
        super().on_button_pressed(event)

    def on_select_changed(self, event: Select.Changed) -> None:
        """Picking a preset from the drop-down adds it (then the drop-down resets)."""
        if event.select.id == "more-presets" and isinstance(event.value, str):
            event.stop()
            self._add_preset(event.value)
            event.select.clear()

    def build(self) -> tuple[Goal | None, dict[str, str]]:
        """The goal as typed, and an error per field (``problems`` lists the SMART gaps)."""
        values = {
            name: self.query_one(f"#{name}", Input).value.strip()
            for name in ("title", "specific", "measurable", "achievable", "relevant")
        }
        errors = {"target-error": "", "progress-error": "", "problems": ""}
        target_text = self.query_one("#target", Input).value.strip()
        target = parse_date(target_text) if target_text else None
        if target_text and target is None:
            errors["target-error"] = f"{target_text!r} is not a date: use YYYY-MM-DD."
        progress_text = self.query_one("#progress", Input).value.strip() or "0"
        progress = int(progress_text) if progress_text.lstrip("-").isdigit() else -1
        if not 0 <= progress <= 100:
            errors["progress-error"] = "Progress is a whole number from 0 to 100."
        benchmarks, bench_errors = parse_benchmarks(self.query_one("#benchmarks", TextArea).text)
        status_value = self.query_one("#status", Select).value
        status = (
            GoalStatus(status_value) if isinstance(status_value, str) else GoalStatus.NOT_STARTED
        )
        problems = list(bench_errors)
        goal: Goal | None = None
        if not errors["target-error"] and not errors["progress-error"]:
            base = self.goal or Goal(title=values["title"] or "untitled")
            goal = base.model_copy(
                update={
                    **values,
                    "target_date": target,
                    "benchmarks": benchmarks,
                    "status": status,
                    "progress": progress,
                    "notes": self.query_one("#notes", TextArea).text.strip(),
                }
            )
            problems += goal_problems(goal, self.today)
        if problems:
            errors["problems"] = "\n".join(f"• {problem}" for problem in problems)
        return (goal if not any(errors.values()) else None), errors

    def action_save(self) -> None:
        """Save when the goal is SMART; otherwise show what is missing."""
        goal, errors = self.build()
        for widget_id, message in errors.items():
            self.show_error(widget_id, message)
        self.reveal_first_error()
        if goal is None:
            self.notify(
                "The goal is not saved yet: see the messages in the form.",
                severity="warning",
                timeout=4,
            )
            return
        self.dismiss(goal)


class ActionForm(FormScreen):
    """Add or edit an action item (homework): what, who, by when, for which goal."""

    def __init__(
        self,
        action: ActionItem | None,
        goals: list[Goal],
        set_in_session: int | None,
    ) -> None:
        super().__init__()
        self.action = action
        self.goals = goals
        self.set_in_session = set_in_session

    def compose(self) -> ComposeResult:
        """The action's fields, errors and buttons."""
        action = self.action or ActionItem(text="-")
        new = self.action is None
        with VerticalScroll(classes="form-box structured-form"):
            yield Static("Add an action item" if new else "Edit action item", classes="form-title")
            yield field(
                "What",
                Input(
                    "" if new else action.text,
                    id="text",
                    compact=True,
                    placeholder="e.g. Draft a one-page CV",
                    max_length=500,
                ),
            )
            yield Static("", id="text-error", classes="form-error")
            owners = [("Mentee", Role.MENTEE.value), ("Mentor", Role.MENTOR.value)]
            yield field(
                "Who",
                Select(
                    owners, id="owner", value=action.owner.value, allow_blank=False, compact=True
                ),
            )
            due = action.due_date.isoformat() if action.due_date else ""
            yield field(
                "Due date",
                Input(
                    due,
                    id="due-date",
                    compact=True,
                    placeholder="YYYY-MM-DD (optional)",
                    max_length=10,
                ),
            )
            yield Static("", id="due-date-error", classes="form-error")
            session = str(action.due_session) if action.due_session else ""
            yield field(
                "or session",
                Input(
                    session,
                    id="due-session",
                    compact=True,
                    placeholder="session number, e.g. 2",
                    max_length=3,
                    type="integer",
                ),
            )
            yield Static("", id="due-session-error", classes="form-error")
            goal_options = [(Content(goal.title), goal.uid) for goal in self.goals]
            known = {goal.uid for goal in self.goals}
            linked = action.goal_uid if action.goal_uid in known else Select.NULL
            yield field(
                "Goal",
                Select(
                    goal_options, id="goal", value=linked, prompt="No linked goal", compact=True
                ),
            )
            statuses = [(text, status.value) for status, text in ACTION_STATUS_LABELS.items()]
            yield field(
                "Status",
                Select(
                    statuses,
                    id="status",
                    value=action.status.value,
                    allow_blank=False,
                    compact=True,
                ),
            )
            yield from self.buttons()

    def on_mount(self) -> None:
        """Start in the text field."""
        self.query_one("#text", Input).focus()

    def build(self) -> tuple[ActionItem | None, dict[str, str]]:
        """The action as typed, and an error per field."""
        text = self.query_one("#text", Input).value.strip()
        due_text = self.query_one("#due-date", Input).value.strip()
        session_text = self.query_one("#due-session", Input).value.strip()
        due = parse_date(due_text) if due_text else None
        session = int(session_text) if session_text.isdigit() else None
        errors = {
            "text-error": "" if text else "Say what will be done.",
            "due-date-error": f"{due_text!r} is not a date: use YYYY-MM-DD."
            if due_text and due is None
            else "",
            "due-session-error": "A session number is a whole number from 1."
            if session_text and not session
            else "",
        }
        if any(errors.values()):
            return None, errors
        owner = self.query_one("#owner", Select).value
        goal_uid = self.query_one("#goal", Select).value
        status = self.query_one("#status", Select).value
        update: dict[str, object] = {
            "text": text,
            "owner": Role(owner) if isinstance(owner, str) else Role.MENTEE,
            "due_date": due,
            "due_session": session,
            "goal_uid": goal_uid if isinstance(goal_uid, str) else None,
            "status": ActionStatus(status) if isinstance(status, str) else ActionStatus.OPEN,
        }
        if self.action is None:
            return ActionItem(set_in_session=self.set_in_session, **update), errors  # type: ignore[arg-type]
        return self.action.model_copy(update=update), errors

    def action_save(self) -> None:
        """Save when every field is valid."""
        action, errors = self.build()
        for widget_id, message in errors.items():
            self.show_error(widget_id, message)
        self.reveal_first_error()
        if action is not None:
            self.dismiss(action)


class NameForm(FormScreen):
    """Ask for a name (to acknowledge the agreement), prefilled."""

    def __init__(self, title: str, name: str, save_label: str = "Acknowledge") -> None:
        super().__init__()
        self.heading = title
        self.name_value = name
        self.save_label = save_label

    def compose(self) -> ComposeResult:
        """Heading, the name field and buttons."""
        with Vertical(classes="form-box structured-form"):
            yield Static(Content(self.heading), classes="form-title")
            yield field(
                "Your name", Input(self.name_value, id="name", compact=True, max_length=200)
            )
            yield Static("", id="name-error", classes="form-error")
            yield from self.buttons(self.save_label)

    def on_mount(self) -> None:
        """Start in the name field."""
        self.query_one("#name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter submits (there is only one field)."""
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Return the name, which must not be empty."""
        name = self.query_one("#name", Input).value.strip()
        if not name:
            self.show_error("name-error", "Type your name to acknowledge.")
            return
        self.dismiss(name)


class ConfirmForm(ModalScreen[bool]):
    """A yes / no question (y confirms, n or escape cancels)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "No"),
        Binding("y", "answer(True)", "Yes"),
    ]

    def __init__(self, question: Content, confirm_label: str = "Delete") -> None:
        super().__init__()
        self.question = question
        self.confirm_label = confirm_label

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        with Vertical(classes="form-box structured-form confirm-box"):
            yield Static(self.question, classes="form-title")
            with Horizontal(classes="form-buttons"):
                yield Static("y / n", classes="form-keys")
                yield Button("Cancel", id="no")
                yield Button(self.confirm_label, id="yes", variant="error")

    def on_mount(self) -> None:
        """Focus Cancel, the safe choice."""
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Yes or no."""
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Close with ``answer``."""
        self.dismiss(answer)
