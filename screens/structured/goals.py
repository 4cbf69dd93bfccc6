"""The SMART goals of the relationship: a list to add, edit, delete and update progress."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.structured.base import ItemList, ListPanel, today
from screens.structured.forms import GOAL_STATUS_LABELS, ConfirmForm, GoalForm
from screens.structured.starting_points import draft_goal_titles
from screens.text_safety import tell, user_line
from workbook.goals import SMART_PARTS, goal_limit_reached, goal_problems, overdue_benchmarks
from workbook.models import Goal, GoalStatus

EMPTY_TEXT = "No goals yet: press a to add the first SMART goal"
READ_ONLY_EMPTY_TEXT = "No goals were set."
PROGRESS_STEP = 10
OPEN_STATUSES = frozenset({GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS})
"""Statuses that progress keys move on (to in progress, or achieved at 100%)."""


def progress_bar(percent: int, width: int = 8) -> str:
    """``percent`` as a bar of ``width`` cells, e.g. ``■■■■□□□□``."""
    filled = round(width * max(0, min(100, percent)) / 100)
    return "■" * filled + "□" * (width - filled)


def goal_option(goal: Goal, number: int, required: Iterable[str] = SMART_PARTS) -> Content:
    """Two lines for a goal: its title, then target date, status, progress and benchmarks
    (and a third with what keeps it from being SMART: ``required`` names the parts the
    programme requires)."""
    when = goal.target_date.isoformat() if goal.target_date else "no target date"
    count = len(goal.benchmarks)
    done = sum(benchmark.done for benchmark in goal.benchmarks)
    benchmarks = f"{count} benchmark{'s' if count != 1 else ''}"
    if done:
        benchmarks += f", {done} done"
    problems = goal_problems(goal, today(), required)
    late = overdue_benchmarks(goal, today())
    parts: list[tuple[str, str] | str] = [
        (f"{number}. ", "bold"),
        (user_line(goal.title), "bold"),
        "\n   ",
        (f"by {when}", "$text-muted"),
        " · ",
        GOAL_STATUS_LABELS[goal.status],
        " · ",
        (progress_bar(goal.progress), "$success"),
        f" {goal.progress}%",
        " · ",
        (benchmarks, "$text-muted"),
    ]
    if late:
        parts += [(f", {len(late)} overdue", "$error bold")]
    if problems:
        parts += ["\n   ", (f"Not yet SMART: {problems[0]}", "$warning italic")]
    return Content.assemble(*parts)


class GoalsPanel(ListPanel):
    """A list of SMART goals: a adds, enter edits, d deletes, + / - move progress by 10."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add goal"),
        Binding("d,delete", "delete", "Delete"),
        Binding("plus,p,equals_sign", "progress(1)", "+10%", key_display="+"),
        Binding("minus,P", "progress(-1)", "-10%", key_display="-"),
    ]
    READ_ONLY_ACTIONS = frozenset({"add", "delete", "progress"})

    def compose_body(self) -> ComposeResult:
        """The list (or the empty state) and a one-line key hint."""
        yield ItemList(self.editable, id=f"goals-{self.prompt.id}", classes="item-list")
        if self.editable:
            yield Static(
                "a add · enter edit · d delete · + / - progress", classes="structured-keys"
            )

    def goals(self) -> list[Goal]:
        """The goals, as stored."""
        return self.context.service.goals()

    def reload(self, select: str | None = None) -> None:
        """Show the stored goals, keeping (or moving to) the highlighted one."""
        items = self.item_list
        current = select or self.item_list.highlighted_uid()
        goals = self.goals()
        items.clear_options()
        required = self.context.pack.goals.required
        items.add_options(
            [Option(goal_option(goal, n, required), id=goal.uid) for n, goal in enumerate(goals, 1)]
        )
        if not goals:
            empty = EMPTY_TEXT if self.editable else READ_ONLY_EMPTY_TEXT
            items.add_option(Option(Content.styled(empty, "$text-muted italic"), disabled=True))
        if goals:
            uids = [goal.uid for goal in goals]
            items.highlighted = uids.index(current) if current in uids else 0

    def _highlighted_goal(self) -> Goal | None:
        uid = self.item_list.highlighted_uid()
        return self.context.service.get(Goal, uid) if uid else None

    # ------------------------------------------------------------------------ actions
    def action_add(self) -> None:
        """Open the form for a new goal (unless the programme's maximum is reached: then say
        so, once)."""
        if self.refuse_if_read_only():
            return
        full = goal_limit_reached(self.goals(), self.context.pack.goals.max_goals)
        if full is not None:
            tell(self, full, severity="warning", timeout=6)
            return
        self._open_form(None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click on a highlighted goal) edits it."""
        event.stop()
        goal = self.context.service.get(Goal, event.option.id or "")
        if goal is not None and not self.refuse_if_read_only():
            self._open_form(goal)

    def _open_form(self, goal: Goal | None) -> None:
        relationship = self.context.service.relationship
        drafts = draft_goal_titles(self.context) if goal is None else []
        form = GoalForm(goal, relationship, today(), self.context.pack.goals, drafts)
        self.app.push_screen(form, self._saved)

    def _saved(self, result: object) -> None:
        if isinstance(result, Goal):
            saved = self.change(lambda: self.context.service.save(result))
            if saved is not None:
                self.reload(select=saved.uid)
                self.item_list.focus()

    def action_delete(self) -> None:
        """Delete the highlighted goal, after confirming."""
        goal = self._highlighted_goal()
        if goal is None or self.refuse_if_read_only():
            return
        question = Content.assemble("Delete the goal ", (user_line(goal.title), "bold"), "?")

        def confirmed(answer: bool | None) -> None:
            if answer:
                self.change(lambda: self.context.service.delete(Goal, goal.uid))
                self.reload()

        self.app.push_screen(ConfirmForm(question), confirmed)

    def action_progress(self, step: int) -> None:
        """Move the highlighted goal's progress by 10 per cent up (1) or down (-1)."""
        goal = self._highlighted_goal()
        if goal is None or self.refuse_if_read_only():
            return
        progress = max(0, min(100, goal.progress + step * PROGRESS_STEP))
        if progress == goal.progress:
            return
        update: dict[str, object] = {"progress": progress}
        if progress == 100 and goal.status in OPEN_STATUSES:
            update["status"] = GoalStatus.ACHIEVED
        elif progress > 0 and goal.status is GoalStatus.NOT_STARTED:
            update["status"] = GoalStatus.IN_PROGRESS
        saved = self.change(lambda: self.context.service.save(goal.model_copy(update=update)))
        if saved is not None:
            self.reload(select=saved.uid)
