"""Every session of a relationship as it happened, and the recap of one for an email.

:func:`session_history` gives, for each session: its date and kind, how long it ran, shared
notes, the recap and next meeting agreed at its close, the homework set in it, how its debrief
went, its check-in answers (prompts that repeat every session), and the viewer's own private
note. Privacy is :class:`~workbook.privacy.PrivacyRule`'s: another person's private notes and
answers never appear, and an audience (``viewer=None``) sees nothing private at all.

:func:`recap_markdown` is a short summary of one session fit to paste into an email or a chat;
:func:`save_recap` writes it under ``<home>/exports/`` (atomic, 0600, a generated file name).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from workbook import paths
from workbook.content.model import Pack
from workbook.errors import NotFoundError
from workbook.meetings import local_times
from workbook.models import ActionItem, Answer, Debrief, Note, Relationship, Role, Session
from workbook.outputs import EXPORTS_FOLDER, OutputKind, home_export_name, write_output
from workbook.privacy import PrivacyRule
from workbook.service import WorkbookService
from workbook.sessions import elapsed, homework_set_in
from workbook.text import escape_markdown, escape_markdown_line, format_value, one_line


@dataclass(frozen=True)
class DebriefLine:
    """One piece of homework as a session's debrief found it."""

    item: ActionItem
    debrief: Debrief


@dataclass(frozen=True)
class CheckIn:
    """One answer to a prompt asked at every session."""

    prompt_id: str
    title: str
    answer: Answer


@dataclass(frozen=True)
class SessionRecord:
    """One session as the history shows it to one viewer."""

    session: Session
    duration: timedelta
    homework_set: tuple[ActionItem, ...]
    debriefed: tuple[DebriefLine, ...]
    check_ins: tuple[CheckIn, ...]
    private_notes: tuple[Note, ...]
    """The viewer's own private notes of this session (everyone's with ``include_private``)."""


def _visible(rule: PrivacyRule, item: Answer | Note, viewer: Role | None, everything: bool) -> bool:
    return everything or rule.visible_to(item, viewer)


def session_history(
    service: WorkbookService,
    pack: Pack | None,
    viewer: Role | None,
    *,
    include_private: bool = False,
) -> list[SessionRecord]:
    """Every session, oldest first, as ``viewer`` may see it (None: an audience, e.g.
    presenting mode or a shared export; ``include_private``: everything, for the file's owner's
    own export with ``--include-private``)."""
    rule = PrivacyRule.for_pack(pack)
    titles = {p.id: p.title for p in pack.all_prompts()} if pack else {}
    actions = service.actions()
    answers = [a for a in service.answers() if a.session_number is not None and a.filled]
    notes = service.notes()
    records = []
    for session in service.sessions():
        number = session.number
        debriefed = [
            DebriefLine(item, found)
            for item in actions
            if (found := item.debrief_in(number)) is not None
        ]
        check_ins = [
            CheckIn(a.prompt_id, titles.get(a.prompt_id, a.prompt_id), a)
            for a in answers
            if a.session_number == number and _visible(rule, a, viewer, include_private)
        ]
        own_notes = [
            n
            for n in notes
            if n.session_number == number
            and n.text.strip()
            and _visible(rule, n, viewer, include_private)
        ]
        records.append(
            SessionRecord(
                session=session,
                duration=elapsed(session),
                homework_set=tuple(homework_set_in(service, number)),
                debriefed=tuple(sorted(debriefed, key=lambda d: d.item.text)),
                check_ins=tuple(check_ins),
                private_notes=tuple(own_notes),
            )
        )
    return records


# ------------------------------------------------------------------------------ recap
def homework_line(item: ActionItem, relationship: Relationship) -> str:
    """``Draft the CV: Sam Okafor (mentee), by 2025-02-03`` (one printable line)."""
    owner = f"{one_line(relationship.name_of(item.owner))} ({item.owner.value})"
    due = []
    if item.due_date:
        due.append(f"by {item.due_date.isoformat()}")
    if item.due_session:
        due.append(f"by session {item.due_session}")
    return ", ".join([f"{one_line(item.text)}: {owner}", *due])


def recap_markdown(service: WorkbookService, number: int | None = None) -> str:
    """A short Markdown recap of session ``number`` (default: the latest): what was agreed,
    the homework with owners and dates, and the next meeting in each side's time."""
    sessions = service.sessions()
    session = next((s for s in sessions if s.number == number), None) if number else None
    session = session or (sessions[-1] if sessions and number is None else None)
    if session is None:
        raise NotFoundError(f"there is no session {number}" if number else "no session yet")
    rel = service.relationship
    lines = [
        f"# Mentoring session {session.number}: {escape_markdown_line(rel.pair)}",
        "",
        f"Held on {session.held_on.isoformat()}.",
        "",
        "## What we agreed",
        "",
        *(escape_markdown(session.recap.strip()).splitlines() or ["(no recap written)"]),
        "",
        "## Homework",
        "",
    ]
    homework = homework_set_in(service, session.number)
    lines += [f"- {escape_markdown_line(homework_line(item, rel))}" for item in homework] or [
        "- none"
    ]
    lines += ["", "## Next meeting", ""]
    if session.next_meeting is None:
        lines.append("Not fixed yet.")
    else:
        times = local_times(session.next_meeting, rel)
        lines.append(times[0].text)
        lines += [f"- for the {t.who}: {t.text}" for t in times[1:]]
    return "\n".join(lines).rstrip() + "\n"


def recap_path(service: WorkbookService, number: int) -> Path:
    """Where the recap of session ``number`` is saved: ``<home>/exports/recap-<file>-session-<n>.md``
    (the file part is the relationship file's own name made safe, never stored text)."""
    name = f"recap-{home_export_name(service)}-session-{number}.md"
    return paths.home_dir() / EXPORTS_FOLDER / name


def save_recap(service: WorkbookService, number: int | None = None) -> Path:
    """Write the recap of session ``number`` (default: the latest) and return its path."""
    text = recap_markdown(service, number)
    session_number = number or service.sessions()[-1].number
    path = recap_path(service, session_number)
    paths.ensure_private_dir(path.parent)
    return write_output(path, text, OutputKind.MARKDOWN, protect=[service.path])


def check_in_text(check_in: CheckIn) -> str:
    """``Title (mentor): value`` on one line."""
    return one_line(
        f"{check_in.title} ({check_in.answer.author.value}): {format_value(check_in.answer.value)}"
    )
