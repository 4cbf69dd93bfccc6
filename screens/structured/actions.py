"""The action plan and homework: a list to add, edit, tick off and delete; overdue stands out.

People suggested as contacts in the preparation or the debrief ("who could the mentee talk
to?") are listed after the actions, each a row that ``enter`` turns into an action ("Speak to
...", the mentee's, set in this session).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.structured.base import ItemList, ListPanel, today
from screens.structured.forms import ACTION_STATUS_LABELS, ActionForm, ConfirmForm
from screens.structured.starting_points import SUGGESTION_PREFIX, open_contact_suggestions
from screens.text_safety import tell, user_line
from workbook.goals import overdue_actions
from workbook.models import ActionItem, ActionStatus, Goal
from workbook.preparation import action_from_contact

EMPTY_TEXT = "No action items yet: press a to add the first step or piece of homework"
READ_ONLY_EMPTY_TEXT = "No action items were agreed."
OUTCOME_LABELS = {"done": "done", "partly": "partly done", "not-done": "not done"}

MARKS = {ActionStatus.OPEN: "☐", ActionStatus.DONE: "☑", ActionStatus.DROPPED: "☒"}


def suggestion_option(contact: str) -> Content:
    """A suggested contact as a row of the list: ``+ Speak to Ana Ruiz`` and how to add it."""
    return Content.assemble(
        ("+ ", "bold $accent"),
        (f"Speak to {user_line(contact)}", "italic"),
        "\n   ",
        ("suggested contact · enter makes it an action", "$text-muted"),
    )


def action_option(item: ActionItem, goals: dict[str, Goal], overdue: bool) -> Content:
    """Two lines for an action item: tick box and text, then owner, due, goal and status."""
    mark = MARKS[item.status]
    text_style = "strike $text-muted" if item.status is not ActionStatus.OPEN else ""
    if overdue:
        text_style = "$error bold"
    due = []
    if item.due_date:
        due.append(f"due {item.due_date.isoformat()}")
    if item.due_session:
        due.append(f"by session {item.due_session}")
    details: list[str] = [item.owner.value.capitalize(), *(due or ["no due date"])]
    goal = goals.get(item.goal_uid or "")
    parts: list[tuple[str, str] | str] = [
        (f"{mark} ", "bold"),
        (user_line(item.text), text_style),
    ]
    if overdue:
        parts.append(("  OVERDUE", "reverse $error bold"))
    parts += ["\n   ", (" · ".join(details), "$text-muted")]
    if goal is not None:
        title = user_line(goal.title)
        title = title if len(title) <= 30 else title[:29] + "…"
        parts += [(" · goal: ", "$text-muted"), (title, "$text-muted italic")]
    parts += [(" · ", "$text-muted"), ACTION_STATUS_LABELS[item.status]]
    if item.set_in_session:
        parts.append((f" · set in session {item.set_in_session}", "$text-muted"))
    if item.outcome is not None:
        parts.append((f" · debrief: {OUTCOME_LABELS[item.outcome.value]}", "$accent"))
    return Content.assemble(*parts)


class ActionsPanel(ListPanel):
    """The action items: a adds, enter edits, space ticks off, d deletes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add action"),
        Binding("space", "toggle_done", "Done / open"),
        Binding("d,delete", "delete", "Delete"),
    ]
    READ_ONLY_ACTIONS = frozenset({"add", "toggle_done", "delete"})

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.suggestions: list[str] = []
        """The suggested contacts listed after the actions, in order."""

    def compose_body(self) -> ComposeResult:
        """The list (or the empty state), the overdue count and a key hint."""
        yield Static("", classes="overdue-summary")
        yield ItemList(self.editable, id=f"actions-{self.prompt.id}", classes="item-list")
        if self.editable:
            yield Static(
                "a add · enter edit · space done / open · d delete", classes="structured-keys"
            )

    def reload(self, select: str | None = None) -> None:
        """Show the stored action items, keeping (or moving to) the highlighted one."""
        service = self.context.service
        items = self.item_list
        current = select or self.item_list.highlighted_uid()
        actions = service.actions()
        goals = {goal.uid: goal for goal in service.goals()}
        overdue = {item.uid for item in overdue_actions(actions, today())}
        items.clear_options()
        items.add_options(
            [
                Option(action_option(item, goals, item.uid in overdue), id=item.uid)
                for item in actions
            ]
        )
        if not actions:
            empty = EMPTY_TEXT if self.editable else READ_ONLY_EMPTY_TEXT
            items.add_option(Option(Content.styled(empty, "$text-muted italic"), disabled=True))
        self.suggestions = open_contact_suggestions(self.context) if self.editable else []
        items.add_options(
            Option(suggestion_option(text), id=f"{SUGGESTION_PREFIX}{n}")
            for n, text in enumerate(self.suggestions)
        )
        summary = self.query_one(".overdue-summary", Static)
        summary.display = bool(overdue)
        if overdue:
            count = len(overdue)
            summary.update(f"{count} action item{'s are' if count > 1 else ' is'} OVERDUE")
        if actions:
            uids = [item.uid for item in actions]
            items.highlighted = uids.index(current) if current in uids else 0

    def _highlighted(self) -> ActionItem | None:
        uid = self.item_list.highlighted_uid()
        return self.context.service.get(ActionItem, uid) if uid else None

    # ------------------------------------------------------------------------ actions
    def _session_number(self) -> int:
        """The session new items are set in: the current one (1 before any was started)."""
        session = self.context.service.current_session()
        return session.number if session else 1

    def _open_form(self, item: ActionItem | None) -> None:
        form = ActionForm(
            item,
            self.context.service.goals(),
            self._session_number(),
            self.context.pack.goals.action_examples,
        )
        self.app.push_screen(form, self._saved)

    def _saved(self, result: object) -> None:
        if isinstance(result, ActionItem):
            saved = self.change(lambda: self.context.service.save(result))
            if saved is not None:
                self.reload(select=saved.uid)
                self.item_list.focus()

    def action_add(self) -> None:
        """Open the form for a new action item."""
        if not self.refuse_if_read_only():
            self._open_form(None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click on a highlighted item) edits it; on a suggested contact, makes
        it an action."""
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith(SUGGESTION_PREFIX):
            self._add_suggested(int(option_id.removeprefix(SUGGESTION_PREFIX)))
            return
        item = self.context.service.get(ActionItem, option_id)
        if item is not None and not self.refuse_if_read_only():
            self._open_form(item)

    def _add_suggested(self, index: int) -> None:
        """Turn the suggested contact ``index`` into an action."""
        if index >= len(self.suggestions) or self.refuse_if_read_only():
            return
        contact = self.suggestions[index]
        saved = self.change(lambda: action_from_contact(self.context.service, contact))
        if saved is not None:
            self.reload(select=saved.uid)
            tell(self, f"Action added: {saved.text}", timeout=3)

    def action_toggle_done(self) -> None:
        """Tick the highlighted item off, or open it again."""
        item = self._highlighted()
        if item is None or self.refuse_if_read_only():
            return
        status = ActionStatus.OPEN if item.status is ActionStatus.DONE else ActionStatus.DONE
        saved = self.change(
            lambda: self.context.service.save(item.model_copy(update={"status": status}))
        )
        if saved is not None:
            self.reload(select=saved.uid)

    def action_delete(self) -> None:
        """Delete the highlighted item, after confirming."""
        item = self._highlighted()
        if item is None or self.refuse_if_read_only():
            return
        question = Content.assemble("Delete the action item ", (user_line(item.text), "bold"), "?")

        def confirmed(answer: bool | None) -> None:
            if answer:
                self.change(lambda: self.context.service.delete(ActionItem, item.uid))
                self.reload()

        self.app.push_screen(ConfirmForm(question), confirmed)
