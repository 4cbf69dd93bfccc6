"""The debrief of homework at every session after the first, and finishing a relationship.

Homework carries forward: an item set in one session is talked through at the next, and if
it was partly or not done it comes back at every later debrief until it is done or dropped.
Each session's outcome is kept on the item (``ActionItem.debriefs``).
"""

from __future__ import annotations

from datetime import date

from workbook.content.model import Prompt, PromptKind
from workbook.errors import NotFoundError, UsageError
from workbook.goals import session_of_label
from workbook.models import (
    ActionItem,
    ActionStatus,
    AnswerValue,
    Benchmark,
    Debrief,
    DebriefOutcome,
    Goal,
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
    """The latest session in which ``item`` was debriefed, if it was."""
    return max((d.session for d in item.debriefs), default=None)


def needs_debrief(item: ActionItem, session_number: int) -> bool:
    """True when ``item`` belongs in session ``session_number``'s debrief.

    That is homework set in an earlier session that was debriefed in this session (so it can
    be seen and changed), or that is still open: never debriefed, or partly or not done last
    time. It carries forward to every later debrief until it is done or dropped.
    """
    if item.deleted or item.set_in_session is None or item.set_in_session >= session_number:
        return False
    if item.debrief_in(session_number) is not None:
        return True
    return item.status is ActionStatus.OPEN


def homework_for_debrief(service: WorkbookService, session_number: int) -> list[ActionItem]:
    """The homework session ``session_number``'s debrief talks through (see
    :func:`needs_debrief`), by the session it was set in, then by text."""
    found = [item for item in service.actions() if needs_debrief(item, session_number)]
    return sorted(found, key=lambda item: (item.set_in_session or 0, item.text))


def carried_forward(item: ActionItem, session_number: int) -> bool:
    """True when ``item`` was already talked through in an earlier debrief and is back."""
    return any(d.session < session_number for d in item.debriefs)


def record_outcome(
    service: WorkbookService,
    uid: str,
    outcome: DebriefOutcome | str,
    what_worked: str = "",
    what_did_not: str = "",
    *,
    session_number: int | None = None,
) -> ActionItem:
    """Record how a piece of homework went in session ``session_number``'s debrief (default:
    the current session); done homework is closed, partly or not done stays open and comes
    back at the next debrief. Each session's outcome is kept in ``debriefs``."""
    item = service.get(ActionItem, uid)
    if item is None:
        raise NotFoundError(f"no action item {uid}")
    outcome = DebriefOutcome(outcome)
    current = service.current_session()
    number = session_number or (current.number if current else None)
    if number is None:
        raise UsageError("start a session before debriefing homework")
    debrief = Debrief(
        session=number,
        outcome=outcome,
        what_worked=what_worked.strip(),
        what_did_not=what_did_not.strip(),
    )
    debriefs = sorted(
        [d for d in item.debriefs if d.session != number] + [debrief], key=lambda d: d.session
    )
    latest = debriefs[-1]
    update: dict[str, object] = {
        "debriefs": debriefs,
        "outcome": latest.outcome,
        "what_worked": latest.what_worked,
        "what_did_not": latest.what_did_not,
        "status": _STATUS_OF_OUTCOME[latest.outcome],
    }
    changed = item.model_copy(update=update)
    if changed == item:
        return item
    return service.save(changed)


def benchmarks_due_by(
    service: WorkbookService, session_number: int, held_on: date
) -> list[tuple[Goal, Benchmark]]:
    """Benchmarks not done yet that are due by session ``session_number`` (held on
    ``held_on``): dated on or before it, or labelled "by session N" with N up to it."""
    found: list[tuple[Goal, Benchmark]] = []
    for goal in service.goals():
        for benchmark in goal.benchmarks:
            by_session = session_of_label(benchmark.label)
            due = (benchmark.due is not None and benchmark.due <= held_on) or (
                by_session is not None and by_session <= session_number
            )
            if due and not benchmark.done:
                found.append((goal, benchmark))
    return found


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
