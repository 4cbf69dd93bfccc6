"""The workbook of one relationship: a tab per pack tab, built lazily, saved as you type."""

from __future__ import annotations

import time
from collections.abc import Iterable
from functools import partial
from typing import ClassVar

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widget import AwaitMount, Widget
from textual.widgets import Static, TabbedContent, TabPane

from screens.autosave import Autosaver
from screens.context import WorkbookContext
from screens.editors.base import AnswerEdited
from screens.first_show import QuickFirstShow
from screens.footer import SettlingFooter
from screens.header_bar import HeaderBar
from screens.orphans import OrphanAnswers, orphan_answers
from screens.prewarm import prewarm_layout
from screens.release import release_removed_widgets
from screens.tab_view import TabView
from workbook.content.model import Tab
from workbook.debrief import record_follow_up
from workbook.models import SessionKind, Visibility
from workbook.visibility import tab_progress

PREBUILD_PAUSE_S = 0.25
"""Pause between opening (or rebuilding) and building the other tabs in the background, and
between two of them: the first tab is on screen and focused before any of it starts."""
PREBUILD_AFTER_TYPING_S = 1.0
"""The background build waits until nothing has been typed for this long."""
ORPHAN_PANE_ID = "tab--other-answers"
NOTES_PANE_ID = "tab--session-notes"


def pane_id(tab: Tab) -> str:
    """The TabPane id for a pack tab."""
    return f"tab-{tab.id}"


class WorkbookScreen(QuickFirstShow):
    """Runs a session: guided tabs, autosave, role switch and presenting mode."""

    AUTO_FOCUS = ""  # the first prompt gets focus once built (focusing the tabs first restyles)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "step(1)", "Next", priority=True, tooltip="Next prompt, then next tab"),
        Binding("ctrl+b", "step(-1)", "Back", priority=True, tooltip="Previous prompt or tab"),
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
        Binding("escape", "close", "Home"),
    ]

    def __init__(self, context: WorkbookContext) -> None:
        super().__init__()
        self.context = context
        self.built: set[str] = set()
        self.header_bar = HeaderBar()
        self.autosaver = Autosaver(self, context.service, self._set_save_state)
        self._focus_when_built = True
        self._prebuilding = False
        self._last_edit = 0.0

    # -------------------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        """Header, presenting banner, the tabs (empty until shown) and the footer."""
        self.preset_breakpoint()
        yield self.header_bar
        yield Static(
            "PRESENTING  ·  private answers, private notes and mentor preparation are hidden",
            id="presenting-banner",
        )
        if not self.context.editable:
            yield Static(self._read_only_reason(), id="read-only-banner")
        with TabbedContent(id="tabs"):
            for index, tab in enumerate(self.context.pack.tabs):
                if index == 0:  # shown first: composed now, so the first frame has it
                    self.built.add(pane_id(tab))
                    yield TabPane(self._tab_label(tab), TabView(tab, self.context), id=pane_id(tab))
                else:
                    yield TabPane(self._tab_label(tab), id=pane_id(tab))
            yield TabPane("Session notes", id=NOTES_PANE_ID)
            if orphan_answers(self.context):
                yield TabPane("Other answers", id=ORPHAN_PANE_ID)
        yield SettlingFooter()

    def on_mount(self) -> None:
        """Fill in the header and start the session clock."""
        relationship = self.context.service.relationship
        self.header_bar.pair = relationship.pair
        self._refresh_role()
        session = self.context.service.current_session()
        self.header_bar.session_label = f"Session {session.number}" if session else "No session yet"
        self.header_bar.started_at = session.started_at if session else None
        self.set_interval(1, self._tick)
        self.title = relationship.pair
        self._start_prebuilding()

    def _tick(self) -> None:
        self.header_bar.tick += 1

    def _read_only_reason(self) -> str:
        relationship = self.context.service.relationship
        if relationship.is_finished:
            reason = f": {relationship.end_reason}" if relationship.end_reason else ""
            return f"This relationship is {relationship.status.value}{reason}. It opens read-only."
        return "Opened read-only."

    def _refresh_role(self) -> None:
        self.header_bar.role = self.context.role.value.capitalize()
        self.set_class(self.context.presenting, "-presenting")

    def _tab_label(self, tab: Tab) -> Content:
        done, total = tab_progress(
            tab, self.context.service.answer, self.context.role, self.context.presenting
        )
        return Content(f"{tab.title} {done}/{total}" if total else tab.title)

    def _refresh_labels(self, only: Tab | None = None) -> None:
        tabs = self.query_one(TabbedContent)
        for tab in [only] if only else self.context.pack.tabs:
            tabs.get_tab(pane_id(tab)).label = self._tab_label(tab)

    # ---------------------------------------------------------------------- lazy tabs
    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """Build a tab the first time it is shown; save on every tab change.

        The first tab shown when the workbook opens gets its first prompt focused, so the
        user can type at once.
        """
        if self.context.service.dirty:
            self._set_save_state(self.autosaver.flush_on_exit())
        self.ensure_built(event.pane)
        if self._focus_when_built:
            self._focus_when_built = False
            self._focus_first_prompt(event.pane, 100)

    def _focus_first_prompt(self, pane: TabPane, tries: int) -> None:
        """Focus the first prompt of ``pane`` once it is mounted, unless the user moved on."""
        tabs = self.query_one(TabbedContent)
        if tabs.active_pane is not pane:
            return  # another tab was chosen meanwhile: focusing here would switch back
        if _focusables(pane):
            self._focus_first_in_active(True)
        elif tries > 0:
            self.set_timer(0.02, partial(self._focus_first_prompt, pane, tries - 1))

    def ensure_built(self, pane: TabPane) -> AwaitMount | None:
        """Compose ``pane``'s contents if it has not been built yet (await the result)."""
        if pane.id is None or pane.id in self.built:
            return None
        self.built.add(pane.id)
        if pane.id == ORPHAN_PANE_ID:
            return pane.mount(OrphanAnswers(self.context))
        if pane.id == NOTES_PANE_ID:
            from screens.structured.notes import SessionNotes

            return pane.mount(SessionNotes(self.context))
        tab = next(t for t in self.context.pack.tabs if pane_id(t) == pane.id)
        return pane.mount(TabView(tab, self.context))

    def _prebuild_next(self) -> None:
        """Build the next tab not built yet, hidden, so switching to it later only shows it.

        One tab at a time, each adding its prompts a few per frame like a shown tab, so typing
        is never held up for long. "Other answers" (possibly thousands) waits to be shown.
        """
        if not self.is_attached:
            self._prebuilding = False
            return
        if self.typing_recently():  # someone is typing: build in the next pause
            self.set_timer(PREBUILD_AFTER_TYPING_S, self._prebuild_next)
            return
        if any(view.building for view in self.query(TabView)):
            self.set_timer(PREBUILD_PAUSE_S / 5, self._prebuild_next)
            return
        if self._prewarm_one():
            self.set_timer(PREBUILD_PAUSE_S / 5, self._prebuild_next)
            return
        for pane in self.query_one(TabbedContent).query(TabPane):
            if pane.id not in self.built and pane.id != ORPHAN_PANE_ID:
                self.ensure_built(pane)
                self.set_timer(PREBUILD_PAUSE_S, self._prebuild_next)
                return
        if not self.is_current:  # a form is open: freezing would keep it alive for ever
            self.set_timer(PREBUILD_PAUSE_S, self._prebuild_next)
            return
        self._prebuilding = False
        release_removed_widgets(self.app)  # what Textual still holds of the old tabs

    def _prewarm_one(self) -> bool:
        """Lay out one built hidden tab off screen (see :mod:`screens.prewarm`); True if done."""
        tabs = self.query_one(TabbedContent)
        shown = tabs.active_pane
        shown_views = list(shown.query(TabView)) if shown is not None else []
        size = shown_views[0].outer_size if shown_views else None
        if not size:
            return False
        for pane in tabs.query(TabPane):
            if pane is shown:
                continue
            for view in pane.query(TabView):
                if view.laid_out_at != size:
                    view.laid_out_at = size
                    return prewarm_layout(view, size)
        return False

    def typing_recently(self) -> bool:
        """True when an answer was edited less than ``PREBUILD_AFTER_TYPING_S`` ago."""
        return time.monotonic() - self._last_edit < PREBUILD_AFTER_TYPING_S

    def _start_prebuilding(self) -> None:
        if not self._prebuilding:
            self._prebuilding = True
            self.set_timer(PREBUILD_PAUSE_S, self._prebuild_next)

    @property
    def all_built(self) -> bool:
        """True once every tab (but "Other answers") is built and done adding prompts."""
        panes = self.query_one(TabbedContent).query(TabPane)
        return all(
            pane.id in self.built for pane in panes if pane.id != ORPHAN_PANE_ID
        ) and not any(view.building for view in self.query(TabView))

    @property
    def background_done(self) -> bool:
        """True once the background work after opening is over: every tab built and laid
        out, the garbage collector back on."""
        return not self._prebuilding and self.all_built

    async def rebuild(self) -> None:
        """Throw away built tabs (after a role or mode change) and rebuild the shown one.

        Focus goes back to the prompt that had it (or the first one), so typing carries on.
        """
        card = _card_of(self.focused) if self.focused is not None else None
        tabs = self.query_one(TabbedContent)
        for pane in tabs.query(TabPane):
            await pane.remove_children()
        self.built.clear()
        if tabs.active_pane is not None:
            mounting = self.ensure_built(tabs.active_pane)
            if mounting is not None:
                await mounting
        self._refresh_labels()
        self.call_after_refresh(self._refocus, card.id if card is not None else None)
        self._start_prebuilding()

    # ------------------------------------------------------------------------ editing
    def on_answer_edited(self, event: AnswerEdited) -> None:
        """Keep the answer in memory now and schedule the save."""
        self._last_edit = time.monotonic()
        prompt = self.context.pack.prompt(event.prompt_id)
        private = prompt is not None and prompt.private
        try:
            self.context.service.set_answer(
                event.prompt_id,
                event.author,
                event.value,
                Visibility.PRIVATE if private else Visibility.SHARED,
            )
            if prompt is not None:
                record_follow_up(self.context.service, prompt, event.value)
        except Exception as error:  # read-only or finished: say so, never crash mid-call
            self.notify(str(error), severity="error")
            return
        self.autosaver.poke()
        tab = next((t for t in self.context.pack.tabs if prompt in t.prompts), None)
        if tab is not None:
            self._refresh_labels(tab)

    def structured_changed(self) -> None:
        """Structured editors (goals, actions...) call this after saving through the service."""
        self.autosaver.poke()

    def _set_save_state(self, text: str) -> None:
        self.header_bar.save_state = text

    def save_now(self) -> None:
        """Write pending changes at once (quit, signals, leaving the screen)."""
        self._set_save_state(self.autosaver.flush_on_exit())

    # ------------------------------------------------------------------------ actions
    def action_save(self) -> None:
        """Save now."""
        self.save_now()
        self.notify(self.header_bar.save_state, timeout=2)

    async def action_step(self, step: int) -> None:
        """Move to the next (or previous) prompt, and on to the next tab at the end of one."""
        tabs = self.query_one(TabbedContent)
        pane = tabs.active_pane
        if pane is None:
            return
        chain = [w for w in self.focus_chain if pane in w.ancestors]
        current = self.focused
        cards = _card_heads(chain)
        index = next(
            (
                i
                for i, w in enumerate(cards)
                if current is not None
                and (w is current or w in current.ancestors or _same_card(w, current))
            ),
            -1,
        )
        target = index + step
        if 0 <= target < len(cards):
            cards[target].focus()
            cards[target].scroll_visible()
            return
        pane_ids = [p.id for p in tabs.query(TabPane)]
        position = pane_ids.index(pane.id) + (1 if step > 0 else -1)
        if 0 <= position < len(pane_ids):
            tabs.active = pane_ids[position] or ""
            mounting = self.ensure_built(tabs.get_pane(tabs.active))
            if mounting is not None:
                await mounting
            self.call_after_refresh(self._focus_first_in_active, step > 0)

    def _refocus(self, card_id: str | None) -> None:
        for card in self.query(f"#{card_id}") if card_id else []:
            heads = _card_heads([w for w in self.focus_chain if card in w.ancestors])
            if heads:
                heads[0].focus()
                return
        self._focus_first_in_active(True)

    def _focus_first_in_active(self, first: bool) -> None:
        tabs = self.query_one(TabbedContent)
        pane = tabs.active_pane
        if pane is None:
            return
        cards = _card_heads(_focusables(pane))
        if cards:  # set_focus at once: a deferred focus() could land after a tab change
            self.set_focus(cards[0] if first else cards[-1])

    async def action_switch_role(self) -> None:
        """Answer as the other side (when one person types for both during a call)."""
        self.save_now()
        self.context.role = self.context.role.other
        self._refresh_role()
        await self.rebuild()
        self.notify(f"Now answering as the {self.context.role.value}", timeout=2)

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
            self.notify(str(error), severity="error")
            return
        self.save_now()
        self.header_bar.session_label = f"Session {session.number}"
        self.header_bar.started_at = session.started_at
        self.notify(f"Session {session.number} ({session.kind.value}) started", timeout=3)

    def action_jump(self, pane: str) -> None:
        """Show the tab with TabPane id ``pane``."""
        self.query_one(TabbedContent).active = pane

    def action_export(self) -> None:
        """Export the relationship as Markdown into the home folder's exports."""
        from screens.export_action import export_to_home

        self.save_now()
        try:
            path = export_to_home(self.context.service)
        except Exception as error:
            self.notify(f"Export failed: {error}", severity="error")
            return
        self.notify(f"Exported to {path}", timeout=6)

    def on_unmount(self) -> None:
        """Closed: let its widgets go (frozen since start-up, or watched by Textual)."""
        release_removed_widgets(self.app)

    def action_close(self) -> None:
        """Save and go back to the list of relationships."""
        self.save_now()
        self.dismiss(None)

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Workbook actions for the command palette."""
        for tab in self.context.pack.tabs:
            yield SystemCommand(
                f"Go to: {tab.title}", "Jump to this tab", partial(self.action_jump, pane_id(tab))
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
        yield SystemCommand("Save now", "Write changes to disk", self.action_save)


def _focusables(container: Widget) -> list[Widget]:
    """Focusable widgets inside ``container``, in order (fresh, unlike the cached focus chain)."""
    return [widget for widget in container.query("*") if widget.focusable]


def _same_card(head: Widget, widget: Widget) -> bool:
    card = _card_of(head)
    return card is not None and card in widget.ancestors_with_self


def _card_of(widget: Widget) -> Widget | None:
    for ancestor in widget.ancestors_with_self:
        if "prompt-card" in ancestor.classes or "structured" in ancestor.classes:
            return ancestor  # type: ignore[return-value]
    return None


def _card_heads(chain: list[Widget]) -> list[Widget]:
    """The first focusable widget of each prompt card, in order."""
    heads: list[Widget] = []
    seen: set[int] = set()
    for widget in chain:
        card = _card_of(widget)
        key = id(card) if card is not None else id(widget)
        if key not in seen:
            seen.add(key)
            heads.append(widget)
    return heads
