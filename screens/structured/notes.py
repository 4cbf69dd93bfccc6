"""Notes for the session being held: shared notes, and the current role's private note.

Not a prompt kind: the workbook places ``SessionNotes(context)`` where it wants the notes.
The private note is never shown in presenting (screen-share) mode. Before and during the
first session, the topics both sides wanted to raise in their preparation are shown above the
notes as its agenda.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Label, Static, TextArea

from screens.context import WorkbookContext
from screens.structured.base import (
    READ_ONLY_NOTE,
    SESSION_AWARE,
    KeepsTypedText,
    SessionStarted,
    notify_structured_change,
    reload_unless_removed,
)
from screens.structured.starting_points import agenda_content
from screens.text_safety import tell, user_text
from workbook.errors import WorkbookError
from workbook.models import Note, Session

NO_SESSION_TEXT = "No session has started yet: press ctrl+g to start one, then take notes here."
PRIVATE_HIDDEN_TEXT = "Your private notes are hidden while presenting."


class SessionNotes(KeepsTypedText, Vertical):
    """Shared notes of the current session, and this role's private notes for it."""

    def __init__(self, context: WorkbookContext, *, id: str | None = "session-notes") -> None:
        super().__init__(id=id, classes=f"structured session-notes {SESSION_AWARE}")
        self.context = context
        self._shown_number: int | None = None
        self._shown_once = False

    def compose(self) -> ComposeResult:
        """Heading, the two note areas (filled on mount) and their labels."""
        editable = self.context.editable
        yield Static("", classes="prompt-title")
        if not editable:
            yield Static(READ_ONLY_NOTE, classes="structured-read-only")
        start = Button("Start the first session (ctrl+g)", id="start-session", compact=True)
        start.display = False
        yield start
        agenda = Static("", classes="session-agenda")
        agenda.display = False
        yield agenda
        with Vertical(classes="notes-areas"):
            yield Label("Shared notes (both of you see these)", classes="author-label")
            yield TextArea(
                id="shared-notes",
                soft_wrap=True,
                tab_behavior="focus",
                read_only=not editable,
                classes="notes-area",
            )
            if self.context.presenting:
                yield Static(PRIVATE_HIDDEN_TEXT, classes="private-note")
            else:
                who = self.context.role.value
                yield Label(
                    f"Private notes (only the {who} sees these; never shared)",
                    classes="author-label",
                )
                yield TextArea(
                    id="private-notes",
                    soft_wrap=True,
                    tab_behavior="focus",
                    read_only=not editable,
                    classes="notes-area",
                )

    def on_mount(self) -> None:
        """Restore the notes."""
        reload_unless_removed(self, self.reload)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        """The button that starts the first session."""
        if event.button.id == "start-session":
            event.stop()
            await self.run_action("screen.new_session")

    def on_session_started(self, event: SessionStarted) -> None:
        """A new session started (ctrl+g): show its notes."""
        self.reload()

    def session(self) -> Session | None:
        """The session being held now, if one was started."""
        return self.context.service.current_session()

    def private_note(self, number: int) -> Note | None:
        """This role's private note for session ``number``, if written."""
        role = self.context.role
        return next(
            (note for note in self.context.service.notes(role) if note.session_number == number),
            None,
        )

    def reload(self) -> None:
        """Show the notes of the current session (restoring text never counts as an edit)."""
        session = self.session()
        number = session.number if session else None
        if self._shown_once and number == self._shown_number:
            return
        self._shown_once = True
        self._shown_number = number
        title = self.query_one(".prompt-title", Static)
        areas = self.query_one(".notes-areas", Vertical)
        start = self.query_one("#start-session", Button)
        self._show_agenda(number)
        if session is None:
            title.update(Content.styled(NO_SESSION_TEXT, "$text-muted"))
            areas.display = False
            start.display = self.context.editable
            return
        had_focus = start.has_focus
        start.display = False
        areas.display = True
        if had_focus:
            self.query_one("#shared-notes", TextArea).focus()
        title.update(
            Content.assemble(
                (f"Session {session.number} notes", "bold"),
                (f"  ({session.kind.value}, {session.held_on.isoformat()})", "$text-muted"),
            )
        )
        self._restore("#shared-notes", user_text(session.shared_notes))
        note = self.private_note(session.number)
        self._restore("#private-notes", user_text(note.text) if note else "")

    def _show_agenda(self, number: int | None) -> None:
        """The preparation's topics, before and during the first session."""
        agenda = self.query_one(".session-agenda", Static)
        content = agenda_content(self.context) if number in (None, 1) else None
        agenda.display = content is not None
        if content is not None:
            agenda.update(content)

    def _restore(self, selector: str, text: str) -> None:
        for area in self.query(selector).results(TextArea):
            with area.prevent(TextArea.Changed):
                area.load_text(text)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Keep the typed notes (in memory now; the autosave writes them)."""
        event.stop()
        self._keep(event.text_area)

    def keep_typed_text(self) -> None:
        """Keep both notes as shown (the workbook saves at once)."""
        for area in self.query(TextArea):
            self._keep(area)

    def _keep(self, area: TextArea) -> None:
        if not self.context.editable or self._shown_number is None:
            return
        service = self.context.service
        number = self._shown_number
        text = area.text
        try:
            if area.id == "shared-notes":
                session = next((s for s in service.sessions() if s.number == number), None)
                if session is None or session.shared_notes == text:
                    return
                service.save(session.model_copy(update={"shared_notes": text}))
            elif area.id == "private-notes" and not self.context.presenting:
                note = self.private_note(number)
                if note is None:
                    if not text:
                        return
                    note = Note(author=self.context.role, session_number=number)
                elif note.text == text:
                    return
                service.save(note.model_copy(update={"text": text}))
            else:
                return
        except WorkbookError as error:
            tell(self, f"Not saved: {error}", severity="error")
            return
        notify_structured_change(self)
