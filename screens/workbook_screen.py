"""The workbook of one relationship: a step per pack tab, every step in view, saved as you type.

Layout: the header line, the numbered step bar (every step visible at any width, each with
its progress from :mod:`workbook.progress`), the shown step (a ContentSwitcher of
:class:`~screens.step_pane.StepPane`: the pack's tabs, the session notes, the history), and
the keys that work. Sessions are started, closed and recorded through
:class:`~screens.session_flow.SessionFlow`; their clock runs only while the workbook is open.
The first step is composed with the screen; the others are built right after the first frame,
one a frame, by a worker, so that the first frame comes soon and a later switch only lays out
and paints. Focus always lands in a field of the shown step: when it opens, after ``ctrl+n``
/ ``ctrl+b``, a jump from the palette or the step bar, a role switch, or a closed dialog.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from functools import cached_property, partial
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static

from screens.autosave import Autosaver
from screens.context import WorkbookContext
from screens.editors.base import AnswerEdited, EditorMixin, VisibilityChosen
from screens.focus import card_heads, card_of, position_of, shown_within
from screens.header_bar import HeaderBar
from screens.key_bar import KeyBar
from screens.orphans import OrphanAnswers, orphan_answers
from screens.step_bar import Step, StepBar
from screens.step_pane import SHOWN_FROM_TOP, UNSEEN, StepPane
from screens.tab_view import TabView, follow_conditions
from screens.text_safety import tell, user_line
from screens.timebox import StepClock, timebox_text
from screens.workbook_look import WORKBOOK_BREAKPOINTS, breakpoint_class
from workbook.checkins import answer_session, current_answer
from workbook.conditions import deciding_prompt_ids
from workbook.content.model import PromptKind, SessionTag, Tab
from workbook.debrief import record_follow_up
from workbook.errors import WorkbookError
from workbook.models import Author, Session, SessionKind, Visibility
from workbook.pack_update import note_pack_update
from workbook.privacy import new_answer_visibility, visibility_for_edit
from workbook.progress import Progress, tab_progress
from workbook.sessions import resume_clock

if TYPE_CHECKING:
    from screens.session_flow import SessionFlow
    from screens.structured.base import StructuredChanged
    from screens.sync_watch import FolderChangesArrived, FolderSync

LAYOUT_PASSES = 3
"""Refreshes a newly shown step takes to settle: its layout, the layout its widgets ask for
once they know their size, and the one for the scrollbar."""
ORPHAN_STEP = "step--other-answers"
NOTES_STEP = "step--session-notes"
HISTORY_STEP = "step--history"
PROGRESS_DELAY_SECONDS = 0.4
"""After an edit, the progress of the steps it can change is counted again this long after
the first edit not yet counted (the edited step's own count follows at once): counting the
agreement's step drafts the agreement, which reads every answer, so it is never done on each
keystroke, and only after an edit to an answer the agreement is drafted from."""
SESSION_TAGS = {None: SessionTag.BEFORE, 1: SessionTag.FIRST, 2: SessionTag.SECOND}
"""The pack's session tag of the steps that belong to the session being held (by number;
None: before the first)."""


def step_id(tab: Tab) -> str:
    """The id of the pane of a pack tab."""
    return f"step-{tab.id}"


def step_list(
    context: WorkbookContext, progress_of: Callable[[Tab], Progress], has_orphans: bool
) -> list[Step]:
    """The step bar's steps: each pack tab with its progress (``progress_of``: done out of
    counted, over every part), then the notes and the history (and the answers to prompts the
    pack no longer has, when there are any)."""
    session = context.service.current_session()
    now = SESSION_TAGS.get(session.number if session else None, SessionTag.ANY)
    steps = []
    for number, tab in enumerate(context.pack.tabs, start=1):
        overall = progress_of(tab).overall
        steps.append(
            Step(
                step_id(tab),
                number,
                tab.title,
                overall.done,
                overall.total,
                tab.session is now,
                tab.minutes,
            )
        )
    number = len(steps) + 1
    steps.append(Step(NOTES_STEP, number, "Session notes", in_session=session is not None))
    steps.append(Step(HISTORY_STEP, number + 1, "History"))
    if has_orphans:
        steps.append(Step(ORPHAN_STEP, number + 2, "Other answers"))
    return steps


def session_label(session: Session | None) -> str:
    """The header's name of the latest session."""
    return f"Session {session.number}" if session else "No session yet"


class WorkbookScreen(Screen[None]):
    """Runs a session: guided steps, autosave, role switch and presenting mode."""

    DEFAULT_CLASSES = "workbook"
    AUTO_FOCUS = ""  # focus goes to the first field of the shown step (see focus_field)
    HORIZONTAL_BREAKPOINTS = WORKBOOK_BREAKPOINTS

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
        Binding("ctrl+f", "close_meeting", "Close meeting", show=False, priority=True),
        Binding("ctrl+pagedown", "next_step(1)", "Next step", show=False, priority=True),
        Binding("ctrl+pageup", "next_step(-1)", "Previous step", show=False, priority=True),
        Binding("escape", "close", "Home"),
    ]

    def __init__(self, context: WorkbookContext, *, build_ahead: bool = True) -> None:
        super().__init__()
        self.context = context
        self.build_ahead = build_ahead
        """Build the hidden steps after the first frame, so that showing one later is a
        single layout; without it a step is built when first shown (nothing else differs)."""
        self.header_bar = HeaderBar()
        self.autosaver = Autosaver(self, context.service, self._set_save_state)
        first = context.pack.tabs[0] if context.pack.tabs else None
        self.current_step = step_id(first) if first else NOTES_STEP
        self._building = False
        self.step_clock = StepClock()
        self._progress: dict[str, Progress] = {}
        """Each pack tab's progress as last counted (by tab id)."""
        self._progress_due = False
        self._recount_due: set[str] | None = set()
        """The tabs to count again when the recount comes (None: every one)."""
        self.has_orphans = bool(orphan_answers(context))
        """True when the file holds answers to prompts the pack no longer has (shown in a
        step of their own)."""
        self.deciders = deciding_prompt_ids(context.pack)
        """The prompts whose answers show or hide other questions (``show if``)."""

    # -------------------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        """Header, banners, the step bar, the steps (the shown one built) and the keys.

        The width's class (``-narrow`` / ``-wide``) is set first, from the app's size:
        Textual sets it on the screen's first resize, after the first layout, and the first
        frame would show the answers side by side and then stack them."""
        width_class = breakpoint_class(self.HORIZONTAL_BREAKPOINTS, self.app.size.width)
        if width_class is not None:
            self.add_class(width_class)
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
        yield StepPane(self._history_view, id=HISTORY_STEP, step_title="History")
        if self.has_orphans:
            yield StepPane(
                partial(OrphanAnswers, self.context), id=ORPHAN_STEP, step_title="Other answers"
            )

    def _notes_view(self) -> Widget:
        from screens.structured.notes import SessionNotes

        return SessionNotes(self.context)

    def _history_view(self) -> Widget:
        from screens.history_view import HistoryView

        return HistoryView(self.context)

    # What the first frame does not need is imported after it (sessions' dialogs, the
    # shared folder's watch): it would wait for every import.
    @cached_property
    def session_flow(self) -> SessionFlow:
        """Starts, closes and records this workbook's sessions."""
        from screens.session_flow import SessionFlow

        return SessionFlow(self)

    @cached_property
    def folder_sync(self) -> FolderSync:
        """Keeps the workbook in step through a shared folder, when linked to one (made
        after the first frame: a save before the link is read writes no copy anyway)."""
        from screens.sync_watch import FolderSync

        return FolderSync(self, self.context, self.autosaver, self.header_bar)

    def _start_folder_sync(self) -> None:
        self.folder_sync.start()

    def on_mount(self) -> None:
        """Fill in the header, resume the clock of a session under way, focus the first field
        and build the other steps after the first frame; nothing, when the app stopped (a
        closed terminal, SIGTERM) while this screen was being put together."""
        from screens.structured.base import reload_unless_removed

        reload_unless_removed(self, self._start)

    def _start(self) -> None:
        relationship = self.context.service.relationship
        self.header_bar.pair = relationship.pair
        self.title = user_line(relationship.pair)
        self._refresh_role()
        self._resume_clock()
        self._refresh_session()
        self.set_interval(1, self._tick)
        self._fill_progress(self.pane())
        self.focus_field()
        self.call_after_refresh(self._start_building)
        self.call_after_refresh(self._note_pack_update)
        self.call_after_refresh(self._start_folder_sync)

    def on_unmount(self) -> None:
        """Closing: the folder gets this side's copy as it is now."""
        self.folder_sync.stop()

    def _note_pack_update(self) -> None:
        """Say once that the programme pack has a new version since this workbook was last
        opened (and how many answers to questions it dropped are kept)."""
        update = note_pack_update(self.context.service, self.context.pack)
        if update is not None:
            tell(self, f"Programme {update.message}", timeout=12)
            self.autosaver.poke()

    def _resume_clock(self) -> None:
        """A session left open when the workbook was closed counts on from now (never the
        time in between); saved in the background."""
        if not self.context.editable:
            return
        try:
            resumed = resume_clock(self.context.service)
        except (WorkbookError, OSError) as error:
            tell(self, f"The session clock could not be resumed: {error}", severity="warning")
            return
        if resumed is not None:
            self.save_in_background()

    def _tick(self) -> None:
        self.header_bar.tick += 1
        self._refresh_timebox()

    def _refresh_timebox(self) -> None:
        """``Rapport 6/10 min`` in the header while a session runs in a step with minutes."""
        session = self.context.service.current_session()
        tab = self.context.pack.tab(self.current_step.removeprefix("step-"))
        running = session is not None and session.is_open and session.running_since is not None
        if session is None or not running or tab is None or not tab.minutes:
            self.header_bar.timebox = ""
            self.header_bar.timebox_over = False
            return
        seconds = self.step_clock.seconds(session.number, self.current_step)
        text, over = timebox_text(tab.title, seconds, tab.minutes)
        self.header_bar.timebox = text
        self.header_bar.timebox_over = over

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
        """The header's clock and the step timer follow the latest session."""
        session = self.context.service.current_session()
        header = self.header_bar
        header.session_label = session_label(session)
        header.clock_seconds = session.clock_seconds if session else None
        header.running_since = session.running_since if session and session.is_open else None
        header.session_closed = session is not None and not session.is_open
        running = header.running_since is not None
        self.step_clock.follow(session.number if session else None, self.current_step, running)
        self._refresh_timebox()

    # --------------------------------------------------------------------------- steps
    def steps(self) -> list[Step]:
        """The step bar's steps (see :func:`step_list`) for the role and mode shown."""
        return step_list(self.context, self.tab_progress, self.has_orphans)

    def tab_progress(self, tab: Tab) -> Progress:
        """``tab``'s progress for the role and mode shown (counted when first asked for)."""
        found = self._progress.get(tab.id)
        if found is None:
            context = self.context
            found = tab_progress(
                context.service, context.pack, tab, context.role, presenting=context.presenting
            )
            self._progress[tab.id] = found
        return found

    def _fill_progress(self, pane: StepPane) -> None:
        """Show its tab's progress by part at the top of ``pane`` (a pack tab's)."""
        view = pane.view
        if isinstance(view, TabView):
            view.show_progress(self.tab_progress(view.tab))

    def _refresh_steps(self, recount: Iterable[str] | None = ()) -> None:
        """Redraw the step bar and the progress lines; ``recount`` names the tabs whose
        progress is counted again first (None: every tab)."""
        if recount is None:
            self._progress.clear()
        else:
            for tab_id in recount:
                self._progress.pop(tab_id, None)
        self.query_one(StepBar).show(self.steps(), self.current_step)
        for pane in self.panes():
            self._fill_progress(pane)

    def _recount_later(self, tab_ids: Iterable[str] | None = None) -> None:
        """Count the progress of the tabs ``tab_ids`` (None: every step's) again soon (see
        :data:`PROGRESS_DELAY_SECONDS`)."""
        if tab_ids is None:
            self._recount_due = None
        elif self._recount_due is not None:
            self._recount_due.update(tab_ids)
        if not self._progress_due:
            self._progress_due = True
            self.set_timer(PROGRESS_DELAY_SECONDS, self._recount_now)

    @property
    def recount_pending(self) -> bool:
        """True while a count of progress is scheduled (see :meth:`_recount_later`)."""
        return self._progress_due

    def _recount_now(self) -> None:
        self._progress_due = False
        due, self._recount_due = self._recount_due, set()
        self._refresh_steps(recount=due)

    def _tabs_counting(self, prompt_id: str) -> list[str] | None:
        """The tabs whose progress an answer to ``prompt_id`` can change (None: any): its
        own, those with a question it shows or hides, and, when it feeds the agreement, those
        holding the agreement (drafting it reads every answer: at 50,000 answers tens of ms,
        too much to do after every pause in typing when nothing it reads has changed)."""
        prompt = self.context.pack.prompt(prompt_id)
        if prompt is None:
            return None
        feeds_agreement = prompt.agreement is not None
        return [
            tab.id
            for tab in self.context.pack.tabs
            if any(
                p.id == prompt_id
                or (p.show_if is not None and p.show_if.prompt == prompt_id)
                or (feeds_agreement and p.kind is PromptKind.AGREEMENT)
                for p in tab.prompts
            )
        ]

    def panes(self) -> list[StepPane]:
        """Every step's pane, in order."""
        return list(self.query_one("#steps", ContentSwitcher).query_children(StepPane))

    def pane(self, pane_id: str | None = None) -> StepPane:
        """The pane ``pane_id`` (default: the shown one)."""
        return self.query_one(f"#{pane_id or self.current_step}", StepPane)

    def _start_building(self) -> None:
        if not self.build_ahead:
            return
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
                if isinstance(pane.view, TabView):  # out of sight: all of it at once
                    await pane.view.all_mounted()
                self._fill_progress(pane)
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
            pane.built
            and pane.view is not None
            and pane.view.is_mounted
            and not (isinstance(pane.view, TabView) and pane.view.building)
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
        self._refresh_session()
        self.focus_field(last=focus_last)

    def focus_field(self, *, last: bool = False, card_id: str | None = None) -> None:
        """Focus a field of the shown step: of the card ``card_id`` if it is there, else the
        first (or ``last``) field. Scrolls to it once the step is laid out; a view marked
        :data:`~screens.step_pane.SHOWN_FROM_TOP` (the History: its summary above a first
        session that may be taller than the screen) is shown from its top instead."""
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
            if card_id is None and not last and view.has_class(SHOWN_FROM_TOP):
                self.call_after_refresh(view.scroll_home, animate=False)
            else:
                self.call_after_refresh(target.scroll_visible, animate=False)

    def on_step_bar_chosen(self, event: StepBar.Chosen) -> None:
        """A click on the step bar."""
        self.run_worker(self.show_step(event.step_id), group="show", exclusive=True)

    def on_screen_resume(self) -> None:
        """Back from a dialog or the palette: focus must be in the shown step (nothing to do
        when the app stopped while this screen was being put together)."""
        from screens.structured.base import reload_unless_removed

        reload_unless_removed(self, self._focus_in_shown_step)

    def _focus_in_shown_step(self) -> None:
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
        self._refresh_steps(recount=None)
        self.focus_field(card_id=card_id)
        self.call_after_refresh(self._start_building)

    # ------------------------------------------------------------------------ editing
    def on_answer_edited(self, event: AnswerEdited) -> None:
        """Keep the answer in memory now (a question asked at every session: as this
        session's), schedule the save, and count the step's progress again. An edit its
        editor has made since, and the workbook already took (saving at once does),
        supersedes it: it is dropped."""
        if event.editor is not None and event.editor.supersedes(event):
            return
        prompt = self.context.pack.prompt(event.prompt_id)
        service = self.context.service
        session = answer_session(service, prompt) if prompt is not None else None
        current = (
            current_answer(service, prompt, event.author)
            if prompt is not None
            else service.answer(event.prompt_id, event.author)
        )
        try:
            service.set_answer(
                event.prompt_id,
                event.author,
                event.value,
                visibility_for_edit(prompt, current),
                session=session,
            )
            if prompt is not None:
                record_follow_up(self.context.service, prompt, event.value)
        except Exception as error:  # read-only or finished: say so, never crash mid-call
            tell(self, error, severity="error")
            return
        if event.editor is not None:
            event.editor.edit_applied(event)
        self.autosaver.poke()
        tab = self._tab_of(event.prompt_id)
        cheap = tab is not None and all(p.kind is not PromptKind.AGREEMENT for p in tab.prompts)
        counted_now = [tab.id] if tab is not None and cheap else []
        self._refresh_steps(recount=counted_now)
        later = self._tabs_counting(event.prompt_id)  # (None: every tab)
        if later is not None:
            later = [tab_id for tab_id in later if tab_id not in counted_now]
        if later is None or later:
            self._recount_later(later)
        if event.prompt_id in self.deciders:
            follow_conditions(self, self.context)

    def _tab_of(self, prompt_id: str) -> Tab | None:
        return next(
            (tab for tab in self.context.pack.tabs if any(p.id == prompt_id for p in tab.prompts)),
            None,
        )

    def on_visibility_chosen(self, event: VisibilityChosen) -> None:
        """The author of a ``private: optional`` answer shared it or made it private: keep
        its value, store the choice (as its line says now) and schedule the save."""
        visibility = event.chooser.shown_visibility() if event.chooser else event.visibility
        self._keep_visibility(event.prompt_id, event.author, visibility)

    def _keep_visibility(self, prompt_id: str, author: Author, visibility: Visibility) -> None:
        service = self.context.service
        current = service.answer(prompt_id, author)
        held = (
            current.visibility
            if current is not None
            else new_answer_visibility(self.context.pack.prompt(prompt_id))
        )
        if held is visibility:
            return  # (what it is already, e.g. saving at once after the message came)
        value = current.value if current is not None else None
        try:
            service.set_answer(prompt_id, author, value, visibility)
        except Exception as error:  # read-only or finished: say so, never crash mid-call
            tell(self, error, severity="error")
            return
        self.autosaver.poke()
        self._recount_later()

    def on_structured_changed(self, event: StructuredChanged) -> None:
        """Goals, actions, cadence, agreement or notes changed through the service."""
        event.stop()
        self.autosaver.poke()
        self._recount_later()

    def on_folder_changes_arrived(self, event: FolderChangesArrived) -> None:
        """The other side's changes came in through the shared folder: draw them (in a
        worker: typing goes on meanwhile)."""
        self.run_worker(self._show_arrivals(event), group="arrivals")

    async def _show_arrivals(self, event: FolderChangesArrived) -> None:
        await self.folder_sync.show_arrivals(event)
        self._refresh_steps()
        self._refresh_session()

    def _set_save_state(self, text: str) -> None:
        self.header_bar.save_state = text

    def save_now(self) -> None:
        """Write pending changes at once (quit, signals, leaving the screen), the edits still
        on their way from their editors among them: a key typed just before ctrl+q or a closed
        terminal is on the screen before its editor's message has told the workbook."""
        from screens.privacy_toggle import PrivacyToggle
        from screens.structured.base import KeepsTypedText

        for widget in self.query("*"):
            if isinstance(widget, EditorMixin):
                edit = widget.take_unapplied_edit()
                if edit is not None:
                    self.on_answer_edited(edit)
            elif isinstance(widget, KeepsTypedText):
                widget.keep_typed_text()
            elif isinstance(widget, PrivacyToggle):
                self._keep_visibility(widget.prompt_id, widget.author, widget.shown_visibility())
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
        if isinstance(view, TabView):  # its cards below the first screenful: there first
            await view.all_mounted()
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
        """Start the next session, asking for its date (``kind`` e.g. "closing"); a session
        still under way is offered its close first."""
        self.session_flow.start(SessionKind(kind) if kind else None)

    def action_close_meeting(self) -> None:
        """Close the meeting: next meeting, homework set today, recap (then the recap)."""
        self.session_flow.close()

    def action_record_missed(self) -> None:
        """Record a planned meeting that was missed or cancelled."""
        self.session_flow.record_missed()

    async def session_started(self) -> None:
        """A session started: every step shows it (its check-ins, notes, debrief, clock)."""
        self._refresh_session()
        await self.rebuild()

    def journey_changed(self) -> None:
        """A session closed or a missed meeting was recorded: the clock, the progress and
        the views of the sessions (notes, debrief, history) follow."""
        self._refresh_session()
        self._refresh_steps(recount=None)
        from screens.structured.base import SESSION_AWARE, SessionStarted

        for widget in self.query(f".{SESSION_AWARE}"):
            widget.post_message(SessionStarted())
        follow_conditions(self, self.context)  # repeating questions decide afresh

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
        yield SystemCommand(
            "Start a session",
            "Start the next session, on a date you choose",
            self.action_new_session,
        )
        yield SystemCommand(
            "Start the closing session",
            "Start the last session of the relationship",
            partial(self.action_new_session, "closing"),
        )
        yield SystemCommand(
            "Close the meeting",
            "Agree the next meeting, confirm the homework, write the recap",
            self.action_close_meeting,
        )
        yield SystemCommand(
            "Record a missed or cancelled meeting",
            "Who, why, and the new time agreed",
            self.action_record_missed,
        )
        yield SystemCommand(
            "Export as Markdown",
            "Write the agreement, goals and notes to a file",
            self.action_export,
        )
        from screens.sharing_commands import sharing_commands

        yield from sharing_commands(self)
        yield SystemCommand("Save now", "Write changes to disk", self.action_save)
        yield from self.folder_sync.palette_commands()


def _card_id(widget: Widget) -> str | None:
    card = card_of(widget)
    return card.id if card is not None else None
