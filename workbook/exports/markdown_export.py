"""The Markdown export: agreement, goals, actions, sessions and answers, readable anywhere.

The agreement is the current draft (:func:`workbook.agreement_state.agreement_status`), never a
stored snapshot; the sessions part is the history (:func:`workbook.history.session_history`),
with each session's check-in answers, so those are not listed again under the answers.

Everything a person typed (names, answers, goals, notes) and everything a received file
carries is written through :func:`~workbook.text.escape_markdown`, so it reads as the typed
characters in any Markdown viewer: it never becomes a heading, a list, a link, an image or
HTML. What is private is decided by :func:`workbook.privacy.output_rule`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from workbook.agreement import AUTHOR_LABELS, labelled, with_review
from workbook.agreement_state import agreement_status
from workbook.content.model import Pack, Prompt
from workbook.goals import actions_for_goal
from workbook.history import check_in_text, homework_line, session_history
from workbook.meetings import local_times
from workbook.models import ActionItem, ActionStatus, Answer, Author, Goal
from workbook.privacy import PrivacyRule, output_rule
from workbook.service import WorkbookService
from workbook.sessions import missed_line, missed_meetings, session_line
from workbook.text import (
    escape_markdown,
    escape_markdown_line,
    escape_markdown_links,
    escape_markdown_value,
)

if TYPE_CHECKING:
    from workbook.content.catalog import PackCatalog

_md = escape_markdown_line
_literal = escape_markdown_value


def _paragraphs(text: str) -> list[str]:
    return escape_markdown(text.strip()).splitlines()


def _demote(text: str) -> list[str]:
    return [f"#{line}" if line.startswith("#") else line for line in text.rstrip().splitlines()]


def _header(service: WorkbookService, include_private: bool) -> list[str]:
    rel = service.relationship
    lines = [
        f"# Mentoring workbook: {_md(rel.mentor)} & {_md(rel.mentee)}",
        "",
        f"- Mentor: {_md(rel.mentor)}",
        f"- Mentee: {_md(rel.mentee)}",
        f"- Programme pack: {_md(f'{rel.pack_id} {rel.pack_version}')}".rstrip(),
        f"- Started: {rel.started_on.isoformat()}",
        f"- Status: {rel.status.value}",
    ]
    if rel.ended_on:
        reason = f" ({_md(rel.end_reason)})" if rel.end_reason else ""
        lines.append(f"- Ended: {rel.ended_on.isoformat()}{reason}")
    if rel.cadence:
        lines.append(f"- Meetings: {_md(rel.cadence.describe())}")
    if rel.follow_up_on:
        lines.append(f"- Follow-up: {rel.follow_up_on.isoformat()}")
    if include_private:
        lines += ["", "_This export includes private answers and notes._"]
    return lines + [""]


def _agreement(service: WorkbookService, pack: Pack | None, today: date) -> list[str]:
    """The agreement as it stands now (always drawn from the current answers), where it
    stands, and once which sections are not agreed yet (empty sections are left out)."""
    status = agreement_status(service, pack, today)
    version = status.version
    if version is None and (status.draft is None or status.draft.is_empty):
        return ["## Mentoring agreement", "", "_No agreement yet._", ""]
    if status.draft is not None:  # drafted here: every user text in it is escaped already
        text = status.draft.body
        if status.review_on is not None:
            text = with_review(text, status.review_on)
    else:  # no pack: the newest acknowledged version is all the file can tell (it may come
        # from a received copy: nothing in it may act as a link, an image or HTML)
        text = escape_markdown_links(version.text) if version is not None else ""
    lines = ["## Mentoring agreement", ""]
    lines.append(f"- State: {_md(status.label(service.relationship))}")
    if version is not None:
        for ack in version.acknowledgements:
            lines.append(
                f"- Version {version.version} acknowledged by the {ack.role.value}, {_md(ack.name)}, "
                f"on {ack.at.date().isoformat()}"
            )
    if status.review_on is None:
        lines.append("- Review: set when it is acknowledged")
    lines.append("")
    text = text.lstrip()
    if text.startswith("# "):
        text = text.partition("\n")[2]
    return lines + _demote(text.strip()) + [""]


def _goals(goals: list[Goal], actions: list[ActionItem], today: date) -> list[str]:
    lines = ["## Goals", ""]
    if not goals:
        return lines + ["_No goals yet._", ""]
    for number, goal in enumerate(goals, 1):
        lines += [f"### {number}. {_md(goal.title)}", ""]
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
                lines += labelled(label, None, escape_markdown(text))
        for bench in goal.benchmarks:
            due = f" (by {bench.due.isoformat()})" if bench.due else ""
            late = " **overdue**" if bench.due and not bench.done and bench.due < today else ""
            done = "x" if bench.done else " "
            lines.append(f"- [{done}] Benchmark: {_md(bench.label)}{due}{late}")
        linked = actions_for_goal(actions, goal.uid)
        if linked:
            lines.append(f"- Actions: {'; '.join(_md(item.text) for item in linked)}")
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
            parts.append(f"goal: {_md(titles[item.goal_uid])}")
        late = " **OVERDUE**" if item.is_overdue(today) else ""
        lines.append(f"- [{mark}] {_md(item.text)} ({'; '.join(parts)}){late}")
        for debrief in item.debriefs:
            lines.append(f"  - Debrief in session {debrief.session}: {debrief.outcome.value}")
            for label, text in (
                ("What worked", debrief.what_worked),
                ("What did not", debrief.what_did_not),
            ):
                if text.strip():
                    lines.append(f"    - {label}: {_md(text)}")
    return lines + [""]


def _sessions(service: WorkbookService, pack: Pack | None, include_private: bool) -> list[str]:
    """The session history: each session's notes, close, homework, debrief and check-ins."""
    rel = service.relationship
    history = session_history(service, pack, None, include_private=include_private)
    lines = ["## Sessions", ""]
    if not history:
        lines += ["_No sessions yet._", ""]
    for record in history:
        session = record.session
        lines += [f"### {session_line(session)}", ""]
        lines += (_paragraphs(session.shared_notes) or ["_No shared notes._"]) + [""]
        if session.recap.strip():
            lines += ["**What we agreed**", "", *_paragraphs(session.recap), ""]
        if session.next_meeting is not None:
            when = "; ".join(t.text for t in local_times(session.next_meeting, rel))
            lines += [f"- Next meeting agreed: {_md(when)}"]
        lines += [
            f"- Homework set: {_md(homework_line(item, rel))}" for item in record.homework_set
        ]
        lines += [
            f"- Debrief: {_md(line.item.text)}: {line.debrief.outcome.value}"
            for line in record.debriefed
        ]
        lines += [f"- Check-in: {_md(check_in_text(check))}" for check in record.check_ins]
        if lines[-1] != "":
            lines.append("")
        for note in record.private_notes:
            lines += [
                f"**Private note ({note.author.value})**",
                "",
                *_paragraphs(note.text),
                "",
            ]
    notes = service.notes() if include_private else []
    loose = [n for n in notes if n.session_number is None and n.text.strip()]
    if loose:
        lines += ["### Other private notes", ""]
        for note in loose:
            lines += [f"**{note.author.value}**", "", *_paragraphs(note.text), ""]
    missed = missed_meetings(service)
    if missed:
        lines += ["### Missed or cancelled meetings", ""]
        lines += [f"- {_md(missed_line(meeting, rel))}" for meeting in missed]
        lines.append("")
    return lines


def _answer_lines(prompt: Prompt | None, answers: list[Answer], rule: PrivacyRule) -> list[str]:
    lines: list[str] = []
    for answer in sorted(answers, key=lambda a: list(Author).index(a.author)):
        private = " (private)" if rule.answer_is_private(answer) else ""
        label = AUTHOR_LABELS[answer.author] + private
        lines += labelled(label, prompt, _literal(answer.value))
        for conflict in answer.conflicts:
            lines += labelled(f"{label}, other copy", prompt, _literal(conflict.value))
    return lines


def _answers(
    service: WorkbookService, pack: Pack | None, include_private: bool, rule: PrivacyRule
) -> list[str]:
    by_prompt: dict[str, list[Answer]] = {}
    for answer in service.answers():
        if answer.session_number is not None:
            continue  # a check-in: shown with its session
        if answer.filled and (include_private or not rule.answer_is_private(answer)):
            by_prompt.setdefault(answer.prompt_id, []).append(answer)
    lines = ["## Answers", ""]
    if not by_prompt:
        return lines + ["_No answers yet._", ""]
    for tab in pack.tabs if pack else ():
        block: list[str] = []
        for prompt in tab.prompts:
            found = by_prompt.pop(prompt.id, [])
            if found:
                block += [f"**{_md(prompt.title)}**", "", *_answer_lines(prompt, found, rule), ""]
        if block:
            lines += [f"### {_md(tab.title)}", "", *block]
    if by_prompt:
        title = "Other answers (prompts this pack does not have)" if pack else "Answers by prompt"
        lines += [f"### {title}", ""]
        for prompt_id in sorted(by_prompt):
            answers = _answer_lines(None, by_prompt[prompt_id], rule)
            lines += [f"**{_md(prompt_id)}**", "", *answers, ""]
    return lines


def export_markdown(
    service: WorkbookService,
    *,
    include_private: bool = False,
    pack: Pack | None = None,
    catalog: PackCatalog | None = None,
    today: date | None = None,
) -> str:
    """The relationship as one Markdown document (private notes and answers only on request).

    Without its pack the export is refused unless ``include_private`` (then the answers are
    listed by prompt id); see :func:`workbook.privacy.output_rule`.
    """
    rule, pack = output_rule(
        service.relationship.pack_id,
        pack=pack,
        catalog=catalog,
        include_private=include_private,
        what="a Markdown export",
    )
    today = today or date.today()
    goals, actions = service.goals(), service.actions()
    lines = _header(service, include_private)
    lines += _agreement(service, pack, today)
    lines += _goals(goals, actions, today)
    lines += _actions(actions, goals, today)
    lines += _sessions(service, pack, include_private)
    lines += _answers(service, pack, include_private, rule)
    return "\n".join(lines).rstrip() + "\n"
