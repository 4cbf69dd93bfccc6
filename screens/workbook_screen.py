"""The workbook of one relationship: a step per pack tab, every step in view, saved as you type.

Layout: the header line, the numbered step bar (every step visible at any width), the shown
step (a ContentSwitcher of :class:`~screens.step_pane.StepPane`), and the keys that work.
The first step is composed with the screen; the others are built right after the first frame,
one a frame, by a worker, so that the first frame comes soon and a later switch only lays out
and paints. Focus always lands in a field of the shown step: when it opens, after ``ctrl+n``
/ ``ctrl+b``, a jump from the palette or the step bar, a role switch, or a closed dialog.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from functools import partial
from typing import ClassVar

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static

from screens.autosave import Autosaver
from screens.context import WorkbookContext
from screens.editors.base import AnswerEdited
from screens.focus import card_heads, card_of, position_of, shown_within
from screens.header_bar import HeaderBar
from screens.key_bar import KeyBar
from screens.orphans import OrphanAnswers, orphan_answers
from screens.sharing_commands import sharing_commands
from screens.step_bar import Step, StepBar
from screens.step_pane import UNSEEN, StepPane
from screens.structured.base import SESSION_AWARE, SessionStarted, StructuredChanged
from screens.tab_view import TabView
from screens.text_safety import tell, user_line
from workbook.content.model import SessionTag, Tab
from workbook.debrief import record_follow_up
from workbook.models import SessionKind
from workbook.privacy import visibility_for_edit
from workbook.visibility import tab_progress

LAYOUT_PASSES = 3
"""Refreshes a newly shown step takes to settle: its layout, the layout its widgets ask for
once they know their size, and the one for the scrollbar."""
ORPHAN_STEP = "step--other-answers"
NOTES_STEP = "step--session-notes"
SESSION_TAGS = {None: SessionTag.BEFORE, 1: SessionTag.FIRST, 2: SessionTag.SECOND}
"""The pack's session tag of the steps that belong to the session being held (by number;
None: before the first)."""


def step_id(tab: Tab) -> str:
    """The id of the pane of a pack tab."""
    return f"step-{tab.id}"


class WorkbookScreen(Screen[None]):
    """Runs a session: guided steps, autosave, role switch and presenting mode."""

    AUTO_FOCUS = ""  # focus goes to the first field of the shown step (see focus_field)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "step(1)", "Next", priority=True, tooltip="Next prompt, then next step"),
        Binding("ctrl+b", "step(-1)", "Back", priority=True, tooltip="Previous prompt or step"),
        Binding("ctrl+r", "switch_role", "Role", priority=True, tooltip="Answer as the other side"),
        Binding(
            "ctrl+t",
            "toggle_presenting",
            "Present",
            priority=True,
            tooltip="Screen-share mode: hides everything private",
        ),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+g", "new_session", "New session", show=False, priority=True),
        Binding("ctrl+pagedown", "next_step(1)", "Next step", show=False, priority=True),
        Binding("ctrl+pageup", "next_step(-1)", "Previous step", show=False, priority=True),
        Binding("escape", "close", "Home"),
    ]

    def __init__(self, context: WorkbookContext) -> None:
        super().__init__()
        self.context = context
        self.header_bar = HeaderBar()
        self.autosaver = Autosaver(self, context.service, self._set_save_state)
        first = context.pack.tabs[0] if context.pack.tabs else None
        self.current_step = step_id(first) if first else NOTES_STEP
        self._building = False
        self.has_orphans = bool(orphan_answers(context))
        """True when the file holds answers to prompts the pack no longer has (shown in a
        step of their own)."""

    # -------------------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        """Header, banners, the step bar, the steps (the shown one built) and the keys."""
        yield self.header_bar
        yield Static(
            "PRESENTING  ·  private answers, private notes and mentor preparation are hidden",
            id="presenting-banner",
        )
        if not self.context.editable:
            yield Static(self._read_only_reason(), id="read-only-banner", markup=False)
        yield StepBar(self.steps(), self.current_step, id="step-bar")
        with ContentSwitcher(id="steps", initial=self.current_step):
            yield from self._panes()
        yield KeyBar(id="key-bar")

    def _panes(self) -> Iterable[StepPane]:
        for tab in self.context.pack.tabs:
            pane_id = step_id(tab)
            yield StepPane(
                partial(TabView, tab, self.context),
                id=pane_id,
                step_title=tab.title,
                eager=pane_id == self.current_step,
            )
        yield StepPane(
            self._notes_view,
            id=NOTES_STEP,
            step_title="Session notes",
            eager=self.current_step == NOTES_STEP,
        )
        if self.has_orphans:
            yield StepPane(
                partial(OrphanAnswers, self.context), id=ORPHAN_STEP, step_title="Other answers"
            )

    def _notes_view(self) -> Widget:
        from screens.structured.notes import SessionNotes

        return SessionNotes(self.context)

    def on_mount(self) -> None:
        """Fill in the header, start the session clock, focus the first field and build the
        other steps after the first frame."""
        relationship = self.context.service.relationship
        self.header_bar.pair = relationship.pair
        self.title = user_line(relationship.pair)
        self._refresh_role()
        self._refresh_session()
        self.set_interval(1, self._tick)
        self.focus_field()
        self.call_after_refresh(self._start_building)

    def _tick(self) -> None:
        self.header_bar.tick += 1

    def _read_only_reason(self) -> str:
        relationship = self.context.service.relationship
        if relationship.is_finished:
            reason = f": {user_line(relationship.end_reason)}" if relationship.end_reason else ""
            return f"This relationship is {relationship.status.value}{reason}. It opens read-only."
        return "Opened read-only."

    def _refresh_role(self) -> None:
        self.header_bar.role = self.context.role.value.capitalize()
        self.set_class(self.context.presenting, "-presenting")

    def _refresh_session(self) -> None:
        session = self.context.service.current_session()
        self.header_bar.session_label = f"Session {session.number}" if session else "No session yet"
        self.header_bar.started_at = session.started_at if session and session.is_open else None

    # --------------------------------------------------------------------------- steps
    def steps(self) -> list[Step]:
        """The step bar's steps: each pack tab with its progress, then the notes (and the
        answers to prompts the pack no longer has, when there are any)."""
        context = self.context
        session = context.service.current_session()
        now = SESSION_TAGS.get(session.number if session else None, SessionTag.ANY)
        steps = []
        for number, tab in enumerate(context.pack.tabs, start=1):
            done, total = tab_progress(
                tab, context.service.answer, context.role, context.presenting
            )
            steps.append(Step(step_id(tab), number, tab.title, done, total, tab.session is now))
        number = len(steps) + 1
        steps.append(Step(NOTES_STEP, number, "Session notes", in_session=session is not None))
        if self.has_orphans:
            steps.append(Step(ORPHAN_STEP, number + 1, "Other answers"))
        return steps

    def _refresh_steps(self) -> None:
        self.query_one(StepBar).show(self.steps(), self.current_step)

    def panes(self) -> list[StepPane]:
        """Every step's pane, in order."""
        return list(self.query_one("#steps", ContentSwitcher).query_children(StepPane))

    def pane(self, pane_id: str | None = None) -> StepPane:
        """The pane ``pane_id`` (default: the shown one)."""
        return self.query_one(f"#{pane_id or self.current_step}", StepPane)

    def _start_building(self) -> None:
        self.run_worker(self._build_hidden_steps(), group="steps", exclusive=True)

    async def _refreshed(self) -> None:
        """Wait until the screen has been refreshed (laid out and drawn) once more."""
        refreshed = asyncio.Event()
        self.call_after_refresh(refreshed.set)
        await refreshed.wait()

    async def _build_hidden_steps(self) -> None:
        """Build every step not built yet, one a frame ("Other answers", possibly thousands,
        waits until it is shown), and lay each out once out of sight."""
        self._building = True
        try:
            for pane in self.panes():
                if pane.built or pane.id == ORPHAN_STEP:
                    continue
                mounting = pane.build()
                if mounting is not None:
                    await mounting
                await self._refreshed()
                await self._lay_out_unseen(pane)
        finally:
            self._building = False

    async def _lay_out_unseen(self, pane: StepPane) -> None:
        """Lay ``pane`` out at the shown step's size, where it cannot be seen, and hide it
        again: showing it later then costs one layout, not three."""
        if pane.id == self.current_step:
            return
        pane.add_class(UNSEEN)
        pane.display = True
        try:
            for _ in range(LAYOUT_PASSES):
                await self._refreshed()
        finally:
            pane.remove_class(UNSEEN)
            pane.display = pane.id == self.current_step

    @property
    def all_built(self) -> bool:
        """True once every step (but "Other answers") is built, mounted and laid out."""
        return not self._building and all(
            pane.built and pane.view is not None and pane.view.is_mounted
            for pane in self.panes()
            if pane.id != ORPHAN_STEP
        )

    async def show_step(self, pane_id: str, *, focus_last: bool = False) -> None:
        """Show step ``pane_id`` (built first if need be), save (in the background), and
        focus its first field (its last with ``focus_last``)."""
        if self.context.service.dirty:
            self.save_in_background()
        pane = self.pane(pane_id)
        mounting = pane.build()
        if mounting is not None:
            await mounting
        self.current_step = pane_id
        self.query_one("#steps", ContentSwitcher).current = pane_id
        self._refresh_steps()
        self.focus_field(last=focus_last)

    def focus_field(self, *, last: bool = False, card_id: str | None = None) -> None:
        """Focus a field of the shown step: of the card ``card_id`` if it is there, else the
        first (or ``last``) field. Scrolls to it once the step is laid out."""
        view = self.pane().view
        if view is None:
            return
        heads = card_heads(view)
        target = None
        if card_id is not None:
            target = next((head for head in heads if _card_id(head) == card_id), None)
        if target is None and heads:
            target = heads[-1] if last else heads[0]
        if target is not None:
            self.set_focus(target, scroll_visible=False)
            self.call_after_refresh(target.scroll_visible, animate=False)

    def on_step_bar_chosen(self, event: StepBar.Chosen) -> None:
        """A click on the step bar."""
        self.run_worker(self.show_step(event.step_id), group="show", exclusive=True)

    def on_screen_resume(self) -> None:
        """Back from a dialog or the palette: focus must be in the shown step."""
        focused = self.focused
        view = self.pane().view
        if view is not None and (focused is None or not shown_within(focused, view)):
            self.focus_field()

    async def rebuild(self) -> None:
        """Throw away the built steps (after a role or mode change) and rebuild the shown one.

        Focus goes back to the prompt that had it (or the first one), so typing carries on.
        """
        card_id = _card_id(self.focused) if self.focused is not None else None
        self.workers.cancel_group(self, "steps")
        for pane in self.panes():
            await pane.clear()
        mounting = self.pane().build()
        if mounting is not None:
            await mounting
        self._refresh_steps()
        self.focus_field(card_id=card_id)
        self.call_after_refresh(self._start_building)

    # ------------------------------------------------------------------------ editing
    def on_answer_edited(self, event: AnswerEdited) -> None:
        """Keep the answer in memory now and schedule the save."""
        prompt = self.context.pack.prompt(event.prompt_id)
        service = self.context.service
        try:
            service.set_answer(
                event.prompt_id,
                event.author,
                event.value,
                visibility_for_edit(prompt, service.answer(event.prompt_id, event.author)),
            )
            if prompt is not None:
                record_follow_up(self.context.service, prompt, event.value)
        except Exception as error:  # read-only or finished: say so, never crash mid-call
            tell(self, error, severity="error")
            return
        self.autosaver.poke()
        self._refresh_steps()

    def on_structured_changed(self, event: StructuredChanged) -> None:
        """Goals, actions, cadence, agreement or notes changed through the service."""
        event.stop()
        self.autosaver.poke()

    def _set_save_state(self, text: str) -> None:
        self.header_bar.save_state = text

    def save_now(self) -> None:
        """Write pending changes at once (quit, signals, leaving the screen)."""
        self._set_save_state(self.autosaver.flush_on_exit())

    def save_in_background(self) -> None:
        """Write pending changes now, in a worker thread (a step change never waits for the
        disk)."""
        self.run_worker(self._save_in_thread, thread=True, group="save")

    def _save_in_thread(self) -> None:
        state = self.autosaver.save_now()
        self.app.call_from_thread(self._set_save_state, state)

    # ------------------------------------------------------------------------ actions
    def action_save(self) -> None:
        """Save now."""
        self.save_now()
        tell(self, self.header_bar.save_state, timeout=2)

    async def action_step(self, step: int) -> None:
        """Move to the next (or previous) prompt, and on to the next step at the end of one."""
        view = self.pane().view
        if view is None:
            return
        heads = card_heads(view)
        target = position_of(self.focused, heads) + step
        if 0 <= target < len(heads):
            self.set_focus(heads[target], scroll_visible=False)
            heads[target].scroll_visible(animate=False)
            return
        await self.action_next_step(step)

    async def action_next_step(self, step: int) -> None:
        """Show the next (or previous) step; going back lands on its last prompt."""
        ids = [pane.id for pane in self.panes()]
        position = ids.index(self.current_step) + (1 if step > 0 else -1)
        if 0 <= position < len(ids):
            await self.show_step(ids[position] or "", focus_last=step < 0)

    async def action_switch_role(self) -> None:
        """Answer as the other side (when one person types for both during a call)."""
        self.save_now()
        self.context.role = self.context.role.other
        self._refresh_role()
        await self.rebuild()
        tell(self, f"Now answering as the {self.context.role.value}", timeout=2)

    async def action_toggle_presenting(self) -> None:
        """Turn presenting (screen-share) mode on or off."""
        self.save_now()
        self.context.presenting = not self.context.presenting
        self._refresh_role()
        await self.rebuild()

    def action_new_session(self, kind: str | None = None) -> None:
        """Start the next session (its clock starts now); ``kind`` e.g. "closing"."""
        try:
            session = self.context.service.start_session(SessionKind(kind) if kind else None)
        except Exception as error:
            tell(self, error, severity="error")
            return
        self.save_now()
        self._refresh_session()
        self._refresh_steps()
        for widget in self.query(f".{SESSION_AWARE}"):
            widget.post_message(SessionStarted())
        tell(self, f"Session {session.number} ({session.kind.value}) started", timeout=3)

    async def action_jump(self, pane_id: str) -> None:
        """Show the step ``pane_id``."""
        await self.show_step(pane_id)

    def action_export(self) -> None:
        """Export the relationship as Markdown into the home folder's exports."""
        from workbook.outputs import export_to_home

        self.save_now()
        try:
            path = export_to_home(self.context.service, pack=self.context.pack)
        except Exception as error:
            tell(self, f"Export failed: {error}", severity="error")
            return
        tell(self, f"Exported to {path}", timeout=6)

    def action_close(self) -> None:
        """Save and go back to the list of relationships."""
        self.save_now()
        self.dismiss(None)

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Workbook actions for the command palette."""
        for pane in self.panes():
            yield SystemCommand(
                f"Go to: {user_line(pane.step_title)}",
                "Show this step",
                partial(self.show_step, pane.id or ""),
            )
        other = self.context.role.other.value
        yield SystemCommand(
            f"Switch role to {other}", "Answer as the other side", self.action_switch_role
        )
        mode = "Stop presenting" if self.context.presenting else "Start presenting"
        yield SystemCommand(
            mode, "Screen-share mode hides private answers and notes", self.action_toggle_presenting
        )
        yield SystemCommand("New session", "Start the next session now", self.action_new_session)
        yield SystemCommand(
            "New closing session",
            "Start the last session of the relationship",
            partial(self.action_new_session, "closing"),
        )
        yield SystemCommand(
            "Export as Markdown",
            "Write the agreement, goals and notes to a file",
            self.action_export,
        )
        yield from sharing_commands(self)
        yield SystemCommand("Save now", "Write changes to disk", self.action_save)


def _card_id(widget: Widget) -> str | None:
    card = card_of(widget)
    return card.id if card is not None else None
