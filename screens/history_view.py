"""The History step: every session as it happened, and the meetings that did not happen.

Newest first: each session's date, kind and length, its shared notes, the recap and next
meeting agreed at its close, the homework set in it and how its debrief went, its check-in
answers and, in your own role only, your private note of it. Missed and cancelled meetings
sit among the sessions by date. The top line says where the programme stands and when the
next meeting is, and the line under it how to reach each other (each side's contact, when one
is noted; never while presenting). What a viewer may see is :func:`workbook.history.session_history`'s (the one
privacy rule); presenting mode is an audience, so nothing private shows at all.

Each entry is one light widget, focusable so ``ctrl+n`` / ``ctrl+b`` and the arrow keys walk
and scroll the history like any step.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from screens.checkin_history import value_text
from screens.context import WorkbookContext
from screens.step_pane import SHOWN_FROM_TOP
from screens.structured.base import SESSION_AWARE, SessionStarted, displayed
from screens.text_safety import user_line, user_text
from workbook.contacts import contact_line
from workbook.history import CheckIn, SessionRecord, homework_line, session_history
from workbook.meetings import local_times
from workbook.models import Debrief, MissedMeeting, Relationship, Role
from workbook.sessions import (
    describe_duration,
    missed_line,
    missed_meetings,
    next_meeting,
    planned_sessions,
)

EMPTY_TEXT = "No session yet: ctrl+g starts the first, and each one is kept here."
OUTCOME_WORDS = {"done": "done", "partly": "partly done", "not-done": "not done"}


def _section(title: str, lines: Iterable[Content]) -> list[Content]:
    body = list(lines)
    return [Content.styled(title, "bold $accent"), *body] if body else []


def _text_block(title: str, text: str) -> list[Content]:
    text = user_text(text).strip()
    if not text:
        return []
    return [Content.styled(title, "bold $accent"), *(Content(line) for line in text.splitlines())]


def session_content(record: SessionRecord, context: WorkbookContext) -> Content:
    """One session as the history shows it (user text literal)."""
    session, rel = record.session, context.service.relationship
    state = "under way" if session.is_open else "closed"
    lines = [
        Content.assemble(
            (f"Session {session.number}", "bold"),
            (
                f" · {session.kind.value} · {session.held_on.isoformat()} · "
                f"{describe_duration(record.duration)} · {state}",
                "$text-muted",
            ),
        )
    ]
    lines += _text_block("Shared notes", session.shared_notes)
    lines += _text_block("What we agreed", session.recap)
    if session.next_meeting is not None:
        when = "; ".join(t.text for t in local_times(session.next_meeting, rel))
        lines += [Content.assemble(("Next meeting agreed: ", "bold $accent"), user_line(when))]
    lines += _section(
        "Homework set",
        (Content(f"• {homework_line(item, rel)}") for item in record.homework_set),
    )
    lines += _section(
        "Debrief", (_debrief_line(line.item.text, line.debrief) for line in record.debriefed)
    )
    lines += _section("Check-ins", (_check_in_line(c, context) for c in record.check_ins))
    for note in record.private_notes:
        lines += _text_block(f"Your private note ({note.author.value}, only you see it)", note.text)
    return Content("\n").join(lines)


def _debrief_line(text: str, debrief: Debrief) -> Content:
    parts = [f"• {user_line(text)}: {OUTCOME_WORDS[debrief.outcome.value]}"]
    for label, said in (("worked", debrief.what_worked), ("did not", debrief.what_did_not)):
        if said.strip():
            parts.append(f"{label}: {user_line(said)}")
    return Content(" · ".join(parts))


def _check_in_line(check_in: CheckIn, context: WorkbookContext) -> Content:
    prompt = context.pack.prompt(check_in.prompt_id)
    title = prompt.title_for(context.role.value) if prompt else check_in.title
    value = value_text(prompt, check_in.answer.value)
    return Content(f"• {user_line(title)} ({check_in.answer.author.value}): {value}")


def missed_content(meeting: MissedMeeting, relationship: Relationship) -> Content:
    """A meeting that did not happen, on one line."""
    return Content.assemble(
        (f"{meeting.kind.value.capitalize()} meeting ", "bold $warning"),
        user_line(missed_line(meeting, relationship)),
    )


class HistoryEntry(Static, can_focus=True):
    """One session (or one missed meeting) of the history."""


class HistoryView(VerticalScroll, can_focus=False):
    """Every session and missed meeting, newest first, under a line on the programme."""

    def __init__(self, context: WorkbookContext) -> None:
        super().__init__(classes=f"tab-view history-view {SESSION_AWARE} {SHOWN_FROM_TOP}")
        self.context = context
        self._shown: object = None

    def compose(self) -> ComposeResult:
        """The summary line (entries are filled on mount)."""
        yield Static("", classes="history-summary")

    def on_mount(self) -> None:
        """Show the history."""
        self.reload()

    def on_show(self) -> None:
        """Shown again: the sessions may have moved on."""
        if displayed(self):
            self.reload()

    def on_session_started(self, event: SessionStarted) -> None:
        """A session started or closed: show it."""
        self.reload()

    def reload(self) -> None:
        """Re-read the sessions and missed meetings (rebuilt only when they changed)."""
        context = self.context
        service = context.service
        viewer = None if context.presenting else context.role
        records = session_history(service, context.pack, viewer)
        missed = missed_meetings(service)
        rel = service.relationship
        key = (tuple(records), tuple(missed), rel.cadence, rel.mentor_contact, rel.mentee_contact)
        if key == self._shown:
            return
        self._shown = key
        self.query_one(".history-summary", Static).update(self._summary(len(records)))
        dated = [
            (r.session.held_on, 1, r.session.number, session_content(r, context), False)
            for r in records
        ]
        dated += [
            (m.planned_on, 0, 0, missed_content(m, service.relationship), True) for m in missed
        ]
        dated.sort(key=lambda entry: entry[:3], reverse=True)
        shown = [(content, is_missed) for *_, content, is_missed in dated]
        if not shown:
            shown = [(Content.styled(EMPTY_TEXT, "$text-muted italic"), False)]
        self._show_entries(shown)

    def _show_entries(self, shown: list[tuple[Content, bool]]) -> None:
        """Fill the entries in place (the focused one stays focused), adding or removing
        only what the count changed."""
        existing = list(self.query(HistoryEntry).results(HistoryEntry))
        for entry, (content, is_missed) in zip(existing, shown, strict=False):
            entry.update(content)
            entry.set_class(is_missed, "missed")
        for entry in existing[len(shown) :]:
            entry.remove()
        added = [
            HistoryEntry(content, classes="history-entry missed" if is_missed else "history-entry")
            for content, is_missed in shown[len(existing) :]
        ]
        if added:
            self.mount_all(added)

    def _summary(self, held: int) -> Content:
        service = self.context.service
        planned = planned_sessions(service, self.context.pack)
        sessions = f"{held} session{'s' if held != 1 else ''} held"
        if planned is not None:
            sessions += f" of {planned} planned"
        upcoming = next_meeting(service)
        parts: list[tuple[str, str] | str] = [(sessions, "bold")]
        if upcoming is not None:
            when = "; ".join(t.text for t in local_times(upcoming.at, service.relationship))
            parts += ["  ·  next meeting ", (user_line(when), "bold"), f" ({upcoming.source})"]
        else:
            parts.append("  ·  no next meeting agreed yet")
        summary = Content.assemble(*parts)
        contacts = self._contacts()
        return Content("\n").join([summary, contacts]) if contacts is not None else summary

    def _contacts(self) -> Content | None:
        """``Contacts: Priya Shah (mentor): priya@example.org · Sam Okafor (mentee): not
        given``, when either side's contact is noted (not on a shared screen)."""
        relationship = self.context.service.relationship
        roles = (Role.MENTOR, Role.MENTEE)
        if self.context.presenting or not any(relationship.contact_of(r) for r in roles):
            return None
        lines = [
            contact_line(relationship.name_of(r), r, relationship.contact_of(r)) for r in roles
        ]
        return Content.assemble(("Contacts: ", "bold"), user_line("  ·  ".join(lines)))
