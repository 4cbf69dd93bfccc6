"""The Markdown export: agreement, goals, actions, sessions and answers, readable anywhere."""

from __future__ import annotations

from datetime import date

from workbook.agreement import AUTHOR_LABELS, labelled, latest_agreement
from workbook.content.model import Pack, Prompt
from workbook.goals import actions_for_goal
from workbook.models import ActionItem, ActionStatus, Answer, Author, Goal, Note, Role
from workbook.service import WorkbookService


def _load_pack(pack_id: str) -> Pack | None:
    try:
        from workbook.content.catalog import PackCatalog

        return PackCatalog.default().load(pack_id)
    except Exception:  # noqa: BLE001 - no pack: answers are listed by prompt id instead
        return None


def _demote(text: str) -> list[str]:
    return [f"#{line}" if line.startswith("#") else line for line in text.rstrip().splitlines()]


def _header(service: WorkbookService, include_private: bool) -> list[str]:
    rel = service.relationship
    lines = [
        f"# Mentoring workbook: {rel.pair}",
        "",
        f"- Mentor: {rel.mentor}",
        f"- Mentee: {rel.mentee}",
        f"- Programme pack: {rel.pack_id} {rel.pack_version}".rstrip(),
        f"- Started: {rel.started_on.isoformat()}",
        f"- Status: {rel.status.value}",
    ]
    if rel.ended_on:
        reason = f" ({rel.end_reason})" if rel.end_reason else ""
        lines.append(f"- Ended: {rel.ended_on.isoformat()}{reason}")
    if rel.cadence:
        lines.append(f"- Meetings: {rel.cadence.describe()}")
    if rel.follow_up_on:
        lines.append(f"- Follow-up: {rel.follow_up_on.isoformat()}")
    if include_private:
        lines += ["", "_This export includes private answers and notes._"]
    return lines + [""]


def _agreement(service: WorkbookService) -> list[str]:
    latest = latest_agreement(service)
    if latest is None:
        return ["## Mentoring agreement", "", "_No agreement yet._", ""]
    lines = [f"## Mentoring agreement (version {latest.version})", ""]
    text = latest.text.lstrip()
    if text.startswith("# "):
        text = text.partition("\n")[2]
    lines += _demote(text.strip()) + [""]
    for ack in latest.acknowledgements:
        lines.append(
            f"- Acknowledged by the {ack.role.value}, {ack.name}, on {ack.at.date().isoformat()}"
        )
    missing = [role.value for role in Role if not latest.acknowledged_by(role)]
    if missing:
        lines.append(f"- Awaiting acknowledgement by: {', '.join(missing)}")
    lines.append(f"- Review by: {latest.review_on.isoformat()}")
    return lines + [""]


def _goals(goals: list[Goal], actions: list[ActionItem], today: date) -> list[str]:
    lines = ["## Goals", ""]
    if not goals:
        return lines + ["_No goals yet._", ""]
    for number, goal in enumerate(goals, 1):
        lines += [f"### {number}. {goal.title}", ""]
        lines.append(f"- Status: {goal.status.value}, {goal.progress}% done")
        if goal.target_date:
            lines.append(f"- Target date: {goal.target_date.isoformat()}")
        for label, text in (
            ("Specific", goal.specific),
            ("Measurable", goal.measurable),
            ("Achievable", goal.achievable),
            ("Relevant", goal.relevant),
            ("Notes", goal.notes),
        ):
            if text.strip():
                lines += labelled(label, None, text)
        for bench in goal.benchmarks:
            due = f" (by {bench.due.isoformat()})" if bench.due else ""
            late = " **overdue**" if bench.due and not bench.done and bench.due < today else ""
            lines.append(f"- [{'x' if bench.done else ' '}] Benchmark: {bench.label}{due}{late}")
        linked = actions_for_goal(actions, goal.uid)
        if linked:
            lines.append(f"- Actions: {'; '.join(item.text for item in linked)}")
        lines.append("")
    return lines


def _actions(actions: list[ActionItem], goals: list[Goal], today: date) -> list[str]:
    lines = ["## Actions and homework", ""]
    if not actions:
        return lines + ["_No actions yet._", ""]
    titles = {goal.uid: goal.title for goal in goals}
    for item in actions:
        mark = "x" if item.status is ActionStatus.DONE else " "
        parts = [f"owner: {item.owner.value}", f"status: {item.status.value}"]
        if item.due_date:
            parts.append(f"due {item.due_date.isoformat()}")
        if item.due_session:
            parts.append(f"due by session {item.due_session}")
        if item.set_in_session:
            parts.append(f"set in session {item.set_in_session}")
        if item.goal_uid in titles:
            parts.append(f"goal: {titles[item.goal_uid]}")
        late = " **OVERDUE**" if item.is_overdue(today) else ""
        lines.append(f"- [{mark}] {item.text} ({'; '.join(parts)}){late}")
        if item.outcome:
            lines.append(f"  - Outcome: {item.outcome.value}")
        for label, text in (("What worked", item.what_worked), ("What did not", item.what_did_not)):
            if text.strip():
                lines.append(f"  - {label}: {' '.join(text.split())}")
    return lines + [""]


def _sessions(service: WorkbookService, include_private: bool) -> list[str]:
    notes: list[Note] = service.notes() if include_private else []
    lines = ["## Sessions", ""]
    sessions = service.sessions()
    if not sessions:
        lines += ["_No sessions yet._", ""]
    for session in sessions:
        lines += [
            f"### Session {session.number} ({session.kind.value}), {session.held_on.isoformat()}",
            "",
        ]
        lines += (session.shared_notes.strip().splitlines() or ["_No shared notes._"]) + [""]
        for note in (n for n in notes if n.session_number == session.number and n.text.strip()):
            lines += [
                f"**Private note ({note.author.value})**",
                "",
                *note.text.strip().splitlines(),
                "",
            ]
    loose = [n for n in notes if n.session_number is None and n.text.strip()]
    if loose:
        lines += ["### Other private notes", ""]
        for note in loose:
            lines += [f"**{note.author.value}**", "", *note.text.strip().splitlines(), ""]
    return lines


def _answer_lines(prompt: Prompt | None, answers: list[Answer]) -> list[str]:
    lines: list[str] = []
    for answer in sorted(answers, key=lambda a: list(Author).index(a.author)):
        label = AUTHOR_LABELS[answer.author] + (" (private)" if answer.is_private else "")
        lines += labelled(label, prompt, answer.value)
        for conflict in answer.conflicts:
            lines += labelled(f"{label}, other copy", prompt, conflict.value)
    return lines


def _answers(service: WorkbookService, pack: Pack | None, include_private: bool) -> list[str]:
    by_prompt: dict[str, list[Answer]] = {}
    for answer in service.answers():
        if answer.filled and (include_private or not answer.is_private):
            by_prompt.setdefault(answer.prompt_id, []).append(answer)
    lines = ["## Answers", ""]
    if not by_prompt:
        return lines + ["_No answers yet._", ""]
    for tab in pack.tabs if pack else ():
        block: list[str] = []
        for prompt in tab.prompts:
            found = by_prompt.pop(prompt.id, [])
            if found:
                block += [f"**{prompt.title}**", "", *_answer_lines(prompt, found), ""]
        if block:
            lines += [f"### {tab.title}", "", *block]
    if by_prompt:
        title = "Other answers (prompts this pack does not have)" if pack else "Answers by prompt"
        lines += [f"### {title}", ""]
        for prompt_id in sorted(by_prompt):
            lines += [f"**{prompt_id}**", "", *_answer_lines(None, by_prompt[prompt_id]), ""]
    return lines


def export_markdown(
    service: WorkbookService, *, include_private: bool = False, today: date | None = None
) -> str:
    """The relationship as one Markdown document (private notes and answers only on request)."""
    today = today or date.today()
    goals, actions = service.goals(), service.actions()
    pack = _load_pack(service.relationship.pack_id)
    lines = _header(service, include_private)
    lines += _agreement(service)
    lines += _goals(goals, actions, today)
    lines += _actions(actions, goals, today)
    lines += _sessions(service, include_private)
    lines += _answers(service, pack, include_private)
    return "\n".join(lines).rstrip() + "\n"
