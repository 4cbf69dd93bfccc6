"""Modal forms of the structured widgets: a goal, an action item, a name, a yes/no question.

Each form validates inline and returns a new model (not yet saved) or None when cancelled;
the panel that opened it saves through the service.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from screens.form_screen import FormScreen, error_line, field
from screens.structured.starting_points import STARTING_POINT_ID, starting_point_field
from screens.text_safety import tell, user_line, user_text
from workbook.content.model import GoalSettings
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
SMART_HINTS: dict[str, str] = {
    "specific": "What exactly will be achieved?",
    "measurable": "How will you know? (a number, an output)",
    "achievable": "Why is it within reach?",
    "relevant": "Why does it matter to the mentee?",
}
"""The SMART parts the goal form asks for (each a field of :class:`Goal`) and their hints."""
QUICK_PRESETS: tuple[str, ...] = ("by session two", "in three months")
"""Benchmark presets offered as buttons; the others are in a drop-down."""
GENERAL_GOAL_EXAMPLES = ("Lead a team meeting on my own by June",)
"""The goal form's example when the pack gives none (``## Goal examples``)."""
GENERAL_ACTION_EXAMPLES = ("Write down three topics for our next session",)
"""The action form's example when the pack gives none (``## Action examples``)."""
REQUIRED_MARK = " *"
"""After the label of a SMART part the programme requires."""


def examples_note(examples: tuple[str, ...], general: tuple[str, ...]) -> Static:
    """The programme's examples (``general`` when it gives none) as a note under a field:
    ``For example: ... · ...``, wrapped to the form's width."""
    shown = " · ".join(user_line(example) for example in examples or general)
    return Static(Content(f"For example: {shown}"), classes="form-note examples-note")


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


def _text_area(text: str, widget_id: str) -> TextArea:
    return TextArea(
        text, soft_wrap=True, tab_behavior="focus", id=widget_id, classes="form-area", compact=True
    )


class GoalForm(FormScreen[Goal]):
    """Add or edit a SMART goal; what keeps it from being SMART blocks saving.

    The programme's settings (``settings``, the pack's :class:`GoalSettings`) give the
    examples shown and the SMART parts it requires (marked ``*``; the others may stay empty).
    """

    def __init__(
        self,
        goal: Goal | None,
        relationship: Relationship,
        today: date,
        settings: GoalSettings | None = None,
        starting_points: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.goal = goal
        self.relationship = relationship
        self.today = today
        self.settings = settings or GoalSettings()
        self.starting_points = starting_points
        """Draft goals from the preparation, offered for a new goal's title."""

    def _label(self, text: str, part: str) -> str:
        """``text``, marked when the programme requires the SMART ``part``."""
        return text + (REQUIRED_MARK if part in self.settings.required else "")

    def heading(self) -> Content:
        """ "Add a SMART goal" or "Edit goal"."""
        return Content("Add a SMART goal" if self.goal is None else "Edit goal")

    def compose_fields(self) -> ComposeResult:
        """The goal's fields, benchmark presets and errors."""
        goal = self.goal or Goal(title="untitled")
        new = self.goal is None
        examples = self.settings.examples
        yield error_line("problems")
        yield field(
            "Title",
            Input(
                "" if new else user_line(goal.title),
                id="title",
                compact=True,
                placeholder="the goal in a few words",
                max_length=200,
            ),
        )
        if new:
            yield examples_note(examples, GENERAL_GOAL_EXAMPLES)
        if new and self.starting_points:
            yield starting_point_field(self.starting_points)
        for name, hint in SMART_HINTS.items():
            yield field(
                self._label(name.capitalize(), name),
                Input(user_line(getattr(goal, name)), id=name, compact=True, placeholder=hint),
            )
        target = goal.target_date.isoformat() if goal.target_date else ""
        yield field(
            self._label("Target date", "target"),
            Input(target, id="target", compact=True, placeholder="YYYY-MM-DD", max_length=10),
        )
        yield error_line("target-error")
        yield Label(
            'Benchmarks, one a line: label | YYYY-MM-DD (add "| done" once reached)',
            classes="form-note",
        )
        yield _text_area(user_text(benchmark_lines(goal.benchmarks)), "benchmarks")
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
        yield error_line("progress-error")
        yield Label("Notes (what was adjusted, and why)", classes="form-note")
        yield _text_area(user_text(goal.notes), "notes")

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
        """Preset buttons add a dated benchmark line. Save and Cancel are
        :class:`FormScreen`'s handler's: Textual runs it too, after this one (calling it here
        as well would dismiss twice and close the screen under the form)."""
        button_id = event.button.id or ""
        if button_id.startswith("preset-"):
            event.stop()
            self._add_preset(QUICK_PRESETS[int(button_id.removeprefix("preset-"))])

    def on_select_changed(self, event: Select.Changed) -> None:
        """Picking a preset from the drop-down adds it (then the drop-down resets)."""
        if event.select.id == "more-presets" and isinstance(event.value, str):
            event.stop()
            self._add_preset(event.value)
            event.select.clear()
        elif event.select.id == STARTING_POINT_ID and isinstance(event.value, str):
            event.stop()
            self.query_one("#title", Input).value = event.value

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
            problems += goal_problems(goal, self.today, self.settings.required)
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
            tell(
                self,
                "The goal is not saved yet: see the messages in the form.",
                severity="warning",
                timeout=4,
            )
            return
        self.dismiss(goal)


class ActionForm(FormScreen[ActionItem]):
    """Add or edit an action item (homework): what, who, by when, for which goal."""

    def __init__(
        self,
        action: ActionItem | None,
        goals: list[Goal],
        set_in_session: int | None,
        examples: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.action = action
        self.goals = goals
        self.set_in_session = set_in_session
        self.examples = examples
        """The programme's example actions (``## Action examples``)."""

    def heading(self) -> Content:
        """ "Add an action item" or "Edit action item"."""
        return Content("Add an action item" if self.action is None else "Edit action item")

    def compose_fields(self) -> ComposeResult:
        """The action's fields and errors."""
        action = self.action or ActionItem(text="-")
        new = self.action is None
        yield field(
            "What",
            Input(
                "" if new else user_line(action.text),
                id="text",
                compact=True,
                placeholder="what will be done",
                max_length=500,
            ),
        )
        yield error_line("text-error")
        if new:
            yield examples_note(self.examples, GENERAL_ACTION_EXAMPLES)
        owners = [("Mentee", Role.MENTEE.value), ("Mentor", Role.MENTOR.value)]
        yield field(
            "Who",
            Select(owners, id="owner", value=action.owner.value, allow_blank=False, compact=True),
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
        yield error_line("due-date-error")
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
        yield error_line("due-session-error")
        goal_options = [(Content(user_line(goal.title)), goal.uid) for goal in self.goals]
        known = {goal.uid for goal in self.goals}
        linked = action.goal_uid if action.goal_uid in known else Select.NULL
        yield field(
            "Goal",
            Select(goal_options, id="goal", value=linked, prompt="No linked goal", compact=True),
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


class NameForm(FormScreen[str]):
    """Ask for a name (to acknowledge the agreement), prefilled."""

    def __init__(self, title: str, name: str, save_label: str = "Acknowledge") -> None:
        super().__init__()
        self.title_text = title
        self.name_value = name
        self.acknowledge_label = save_label

    def heading(self) -> Content:
        """What is being acknowledged."""
        return Content(user_line(self.title_text))

    @property
    def save_label(self) -> str:
        """The button's text ("Acknowledge")."""
        return self.acknowledge_label

    def compose_fields(self) -> ComposeResult:
        """The name field."""
        yield field(
            "Your name", Input(user_line(self.name_value), id="name", compact=True, max_length=200)
        )
        yield error_line("name-error")

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
        """``question`` is shown as given: build it with user text made safe."""
        super().__init__()
        self.question = question
        self.confirm_label = confirm_label

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        with Vertical(classes="form-box confirm-box"):
            yield Static(self.question, classes="form-title")
            with Horizontal(classes="form-buttons"):
                yield Static("y / n", classes="form-keys")
                yield Button("Cancel", id="no", compact=True)
                yield Button(self.confirm_label, id="yes", variant="error", compact=True)

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
