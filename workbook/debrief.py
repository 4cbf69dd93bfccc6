"""The second-session debrief of homework, and finishing a relationship."""

from __future__ import annotations

from datetime import date

from workbook.content.model import Prompt, PromptKind
from workbook.errors import NotFoundError, UsageError
from workbook.models import (
    ActionItem,
    ActionStatus,
    AnswerValue,
    DebriefOutcome,
    Relationship,
    RelationshipStatus,
    Session,
)
from workbook.service import WorkbookService

_STATUS_OF_OUTCOME = {
    DebriefOutcome.DONE: ActionStatus.DONE,
    DebriefOutcome.PARTLY: ActionStatus.OPEN,
    DebriefOutcome.NOT_DONE: ActionStatus.OPEN,
}


def debriefed_in(item: ActionItem) -> int | None:
    """The session in which ``item``'s outcome was recorded (its ``due_session`` once debriefed)."""
    return item.due_session if item.outcome is not None else None


def homework_for_debrief(service: WorkbookService, session_number: int) -> list[ActionItem]:
    """Homework set before session ``session_number`` that still needs a debrief there.

    That is every action item set in an earlier session (``set_in_session < session_number``)
    with no outcome yet, or whose outcome was recorded in this session (so the screen can show
    and change it). Sorted by the session it was set in, then by text.
    """
    found = []
    for item in service.actions():
        if item.set_in_session is None or item.set_in_session >= session_number:
            continue
        if item.status is ActionStatus.DROPPED and item.outcome is None:
            continue
        if item.outcome is None or debriefed_in(item) == session_number:
            found.append(item)
    return sorted(found, key=lambda item: (item.set_in_session or 0, item.text))


def record_outcome(
    service: WorkbookService,
    uid: str,
    outcome: DebriefOutcome | str,
    what_worked: str = "",
    what_did_not: str = "",
    *,
    session_number: int | None = None,
) -> ActionItem:
    """Record how a piece of homework went; done homework is closed.

    ``session_number`` (default: the current session) is stored as the item's ``due_session``
    when it had none, so the debrief of that session keeps showing it.
    """
    item = service.get(ActionItem, uid)
    if item is None:
        raise NotFoundError(f"no action item {uid}")
    outcome = DebriefOutcome(outcome)
    current = service.current_session()
    number = session_number or (current.number if current else None)
    update: dict[str, object] = {
        "outcome": outcome,
        "what_worked": what_worked.strip(),
        "what_did_not": what_did_not.strip(),
        "status": _STATUS_OF_OUTCOME[outcome],
    }
    if number is not None and (item.due_session is None or item.outcome is None):
        update["due_session"] = number
    changed = item.model_copy(update=update)
    if changed == item:
        return item
    return service.save(changed)


def carry_over(service: WorkbookService, uid: str, session_number: int) -> ActionItem:
    """A new open copy of homework that was partly or not done, set in ``session_number``."""
    item = service.get(ActionItem, uid)
    if item is None:
        raise NotFoundError(f"no action item {uid}")
    again = ActionItem(
        text=item.text,
        owner=item.owner,
        goal_uid=item.goal_uid,
        set_in_session=session_number,
        due_session=session_number + 1,
    )
    return service.save(again)


def session_by_number(service: WorkbookService, number: int) -> Session | None:
    """The session with ``number``, if it was held."""
    return next((s for s in service.sessions() if s.number == number), None)


def finish_relationship(
    service: WorkbookService,
    status: RelationshipStatus | str,
    reason: str = "",
    *,
    today: date | None = None,
) -> Relationship:
    """Mark the relationship completed, or ended early with a reason; it ends today."""
    status = RelationshipStatus(status)
    if status is RelationshipStatus.ACTIVE:
        raise UsageError("a relationship is finished as completed or ended early")
    if service.relationship.is_finished:
        raise UsageError(
            f"{service.relationship.pair} is already {service.relationship.status.value}"
        )
    reason = reason.strip()
    if status is RelationshipStatus.ENDED_EARLY and not reason:
        raise UsageError("give a reason when a relationship ends early (--reason)")
    return service.update_relationship(
        status=status, end_reason=reason, ended_on=today or date.today()
    )


def record_follow_up(service: WorkbookService, prompt: Prompt, value: AnswerValue) -> None:
    """A date answered to a prompt tagged ``agreement: follow-up`` becomes the relationship's
    follow-up date (used by the agreement and the calendar export); clearing it clears it."""
    if prompt.agreement != "follow-up" or prompt.kind is not PromptKind.DATE:
        return
    try:
        chosen = date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return
    if service.relationship.follow_up_on != chosen:
        service.update_relationship(follow_up_on=chosen)
