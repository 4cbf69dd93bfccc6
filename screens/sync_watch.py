"""An open workbook kept in step through a shared folder (see :mod:`workbook.sync`).

While a workbook linked to a folder is open:

* **after every save** this side's copy is written to the folder, in the thread that saved
  (the autosave's worker: never on the keystroke path), and only when its bytes change;
* **on open, and every** :data:`CHECK_SECONDS` **while open**, a Textual timer starts a check
  in a worker thread (no busy loop, no thread of our own polling). The check lists the folder
  and compares each file's size and times with the last look; only files that changed are
  read. A changed copy of this relationship is merged off the UI thread on a scratch copy of
  the file (:mod:`workbook.sync.staging`) and carried into the open workbook item by item on
  the UI thread, so a merge never blocks typing and never overwrites a keystroke: an item
  edited meanwhile is merged again at the next check. The header then says what arrived
  ("Sam Okafor's changes arrived: 3 answers, 1 goal") and the screen is told
  (:class:`FolderChangesArrived`) so the cards and panels that show those items are drawn
  again (:meth:`FolderSync.show_arrivals`); a conflict shows as merge conflicts always do, on
  its card. The answer being typed into is held back until the person moves on.
* a file left alone (half downloaded, another pair's copy...) is said once per version of it,
  in a notification; a folder that goes away (a drive not connected) is said once, and the
  checks go on until it is back.

The palette offers "Keep in step through a folder" (:class:`~screens.sync_dialog.FolderDialog`),
then "Sync with the folder now" and "Stop keeping in step through the folder".
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from textual.app import SystemCommand
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer

from screens.autosave import Autosaver
from screens.context import WorkbookContext
from screens.focus import card_of
from screens.header_bar import HeaderBar
from screens.prompt_card import PromptCard
from screens.structured.base import ListPanel, StructuredPanel, displayed, reload_unless_removed
from screens.text_safety import tell, user_line
from workbook.errors import NotFoundError, WorkbookError
from workbook.models import Answer, StoredModel
from workbook.store import RELATIONSHIP_TABLE, TABLE_OF_MODEL
from workbook.sync.folder import Entry, EntryKind, Signature, scan
from workbook.sync.links import FolderLink, LinkFileError, LinkStore
from workbook.sync.rounds import (
    RoundResult,
    StagedRound,
    copy_problem,
    link_folder,
    remember,
    stage_folder,
)
from workbook.sync.staging import Applied, apply_staged
from workbook.sync.writing import CopyWriter, sweep_own_leftovers

CHECK_SECONDS = 3.0
"""How often an open workbook looks at its folder (a few ``stat`` calls, in a worker)."""
NOTE_SECONDS = 12.0
"""How long the header shows what arrived."""
WORKERS = "folder-sync"
"""The worker group of the checks (one runs at a time)."""
COPY_WORKERS = "folder-copy"
"""The worker group of copies written after a save made on the UI thread (quit, ``ctrl+s``)."""

T = TypeVar("T")


class FolderChangesArrived(Message):
    """Posted to the workbook screen when the other side's changes were merged into the open
    workbook: what to draw again."""

    def __init__(self, prompt_ids: frozenset[str], tables: frozenset[str]) -> None:
        super().__init__()
        self.prompt_ids = prompt_ids
        """The prompts whose answers changed."""
        self.tables = tables
        """The tables that changed (``answers``, ``goals``, ``relationship``...)."""


class FolderSync:
    """Keeps the open workbook of ``context`` in step with its folder (see the module
    docstring). Made with the screen; :meth:`start` on mount, :meth:`stop` on unmount."""

    def __init__(
        self,
        screen: Screen[Any],
        context: WorkbookContext,
        autosaver: Autosaver,
        header: HeaderBar,
    ) -> None:
        self.screen = screen
        self.context = context
        self.autosaver = autosaver
        self.header = header
        self.store = LinkStore.default()
        """The home this workbook was opened from (kept, whatever happens to the process's
        home later)."""
        self.link: FolderLink | None = None
        """The folder link, once read (None: not kept in step)."""
        self.last_result: RoundResult | None = None
        """What the latest check found (for tests and the palette)."""
        self.checks = 0
        """How many checks have finished."""
        self._seen: dict[str, Signature] = {}
        self._again = False
        self._checking = False
        self._retry = False
        self._stopped = False
        self._timer: Timer | None = None
        self._note_timer: Timer | None = None
        self._copy_lock = threading.Lock()
        self._writer = CopyWriter()
        """Writes this side's copy after each save at the cost of what changed (under the lock)."""
        self._link_lock = threading.Lock()
        """Held while the link file is written or removed: a check still running with a link
        since replaced or removed never writes it back."""
        self._ui_thread = threading.get_ident()
        self._told: set[str] = set()
        self._undrawn: set[str] = set()
        """Prompts whose cards had the focus when their changes arrived (drawn later)."""
        autosaver.after_save = self.after_save

    # ---------------------------------------------------------------------- lifecycle
    def start(self) -> None:
        """Read the link (in a worker) and, when there is one, sync now and keep checking."""
        self._ui_thread = threading.get_ident()
        if self.context.service.writable:
            self.screen.run_worker(self._read_link, thread=True, group=WORKERS)

    def stop(self) -> None:
        """The workbook is closing: stop checking and write this side's copy a last time (the
        last save's copy may still be on its way in a worker; writing twice costs nothing)."""
        self._stopped = True
        if self._timer is not None:
            self._timer.stop()
        link = self.link
        if link is not None and self.context.service.writable:
            self._write_copy(link, quiet=True)

    def _read_link(self) -> None:
        try:
            link = self.store.load(self.context.service.relationship)
        except LinkFileError as error:
            self._call(self._tell, str(error), "warning")
            return
        if link is not None:
            sweep_own_leftovers(link)
            self._call(self._linked, link)

    def _linked(self, link: FolderLink) -> None:
        """Keep ``link``'s folder in step from now on: check now, then every few seconds."""
        self.link = link
        self._seen.clear()
        if self._timer is None:
            self._timer = self.screen.set_interval(CHECK_SECONDS, self.check_now)
        self.check_now(write_copy=True)

    def _call(self, callback: Callable[..., T], *args: Any) -> T | None:
        """Run ``callback`` on the UI thread and return what it returns (None once the
        workbook has closed)."""
        if self._stopped:
            return None
        try:
            return self.screen.app.call_from_thread(callback, *args)
        except RuntimeError:  # the app has stopped
            return None

    # --------------------------------------------------------------------- checking
    def check_now(self, write_copy: bool = False) -> None:
        """Look at the folder now (in a worker; a check already running is followed by one
        more). ``write_copy``: also write this side's copy (on open, and after linking)."""
        if self.link is None or self._stopped:
            return
        if self._undrawn:
            self._draw_the_rest()
        if self._checking:
            self._again = True
            return
        self._checking = True
        link = self.link
        self.screen.run_worker(
            lambda: self._check_in_thread(link, write_copy), thread=True, group=WORKERS
        )

    def _check_in_thread(self, link: FolderLink, write_copy: bool) -> None:
        try:
            self._check(link)
            if write_copy:
                self._write_copy(link)
        except Exception as error:  # noqa: BLE001 - a check never takes the workbook down mid-call
            self._call(self._tell_once, f"Not in step: {type(error).__name__}: {error}", "error")
        finally:
            self._call(self._check_done)

    def _check_done(self) -> None:
        self._checking = False
        self.checks += 1
        if self._again:
            self._again = False
            self.check_now()

    def _check(self, link: FolderLink) -> None:
        """One check (in a worker thread): list, read what changed, stage, apply, remember."""
        try:
            entries = scan(link.folder, link.copy_name)
        except (NotFoundError, OSError) as error:
            reason = str(error) if isinstance(error, NotFoundError) else (error.strerror or "")
            self._call(self._tell_once, f"Not in step: {reason}", "warning")
            self._seen.clear()
            return
        changed = [entry for entry in entries if self._changed(entry)]
        self._seen = {entry.name: entry.signature for entry in entries}
        if not any(entry.kind is not EntryKind.OWN for entry in changed):
            return
        self.autosaver.save_now()  # the scratch copy is read from the file: all edits in it
        try:
            staged = stage_folder(
                self.context.service.path,
                link,
                changed,
                pack=self.context.pack,
                catalog=getattr(self.screen.app, "catalog", None),
            )
        except (WorkbookError, OSError) as error:
            self._call(self._tell_once, f"Not in step: {error}", "warning")
            return
        applied: Applied | None = Applied(0, 0)
        if not staged.staged.empty:
            applied = self._call(self._apply, staged)
        if applied is None:
            return
        self._retry = not applied.complete
        if applied.complete:
            remember(link, staged.result, entries)
            with self._link_lock:
                try:
                    if self.link is link:
                        self.store.save(link)
                except WorkbookError as error:
                    self._call(self._tell_once, str(error), "warning")
        self._call(self._finish_check, staged.result)

    def _changed(self, entry: Entry) -> bool:
        """True when ``entry`` is new or changed since the last look (or a merge is to be
        tried again, for every copy)."""
        if self._retry and entry.kind is EntryKind.CANDIDATE:
            return True
        return self._seen.get(entry.name) != entry.signature

    def _apply(self, round_: StagedRound) -> Applied:
        """On the UI thread: carry the staged merge into the open workbook, schedule its save
        (which writes this side's copy) and have the screen draw what changed."""
        applied = apply_staged(self.context.service, round_.staged, self._being_edited)
        if applied.applied:
            self.autosaver.poke()
            tables = {TABLE_OF_MODEL[type(item)] for _, item in round_.staged.changes}
            if round_.staged.relationship is not None:
                tables.add(RELATIONSHIP_TABLE)
            self.screen.post_message(
                FolderChangesArrived(frozenset(round_.prompt_ids), frozenset(tables))
            )
        return applied

    def _being_edited(self, item: StoredModel) -> bool:
        """True for the answer whose editor (or answer view) has the focus: held back until the
        person moves on, so a merge never changes what they are typing into."""
        focused = self.screen.focused
        return (
            isinstance(item, Answer)
            and focused is not None
            and getattr(focused, "prompt_id", None) == item.prompt_id
            and getattr(focused, "author", None) is item.author
        )

    async def show_arrivals(self, arrived: FolderChangesArrived) -> None:
        """Draw again what ``arrived`` changed: every card of a changed prompt (built steps,
        shown or not) and every structured panel on view, but not the card being typed in (it
        is drawn at a later check, once the focus has left it; a list keeps its place)."""
        for card in list(self.screen.query(PromptCard)):
            if card.prompt.id not in arrived.prompt_ids:
                continue
            if card.has_focus_within:
                self._undrawn.add(card.prompt.id)
            else:
                self._undrawn.discard(card.prompt.id)
                await card.recompose()
        if arrived.tables - {"answers"}:
            for panel in list(self.screen.query(StructuredPanel)):
                if displayed(panel) and (
                    isinstance(panel, ListPanel) or not panel.has_focus_within
                ):
                    reload_unless_removed(panel, panel.reload)

    def _draw_the_rest(self) -> None:
        """Have the cards that had the focus when their changes arrived drawn, once it left."""
        focused = self.screen.focused
        card = card_of(focused) if focused is not None else None
        ready = self._undrawn - {card.prompt.id} if isinstance(card, PromptCard) else self._undrawn
        if ready:
            self._undrawn -= ready
            self.screen.post_message(FolderChangesArrived(frozenset(ready), frozenset()))

    def _finish_check(self, result: RoundResult) -> None:
        """On the UI thread: say what arrived (header) and what was left alone (once each)."""
        self.last_result = result
        headline = result.headline()
        if headline:
            self.show_note(headline)
        for note in result.notes:
            self._tell_once(note, "information")

    # ---------------------------------------------------------------------- writing
    def after_save(self) -> None:
        """A save wrote the file: write this side's copy (in the saving thread; a save made
        on the UI thread hands it to a worker)."""
        link = self.link
        if link is None or self._stopped:
            return
        if threading.get_ident() == self._ui_thread:
            self.screen.run_worker(lambda: self._write_copy(link), thread=True, group=COPY_WORKERS)
        else:
            self._write_copy(link)

    def _write_copy(self, link: FolderLink, *, quiet: bool = False) -> None:
        """Write this side's copy (any thread; one at a time)."""
        with self._copy_lock:
            try:
                self._writer.write(self.context.service, link, pack=self.context.pack)
            except (WorkbookError, OSError) as error:
                if not quiet:
                    self._call(
                        self._tell_once, f"Not in step: {copy_problem(link, error)}", "warning"
                    )

    # ---------------------------------------------------------------------- telling
    def show_note(self, text: str) -> None:
        """Show ``text`` in the header for :data:`NOTE_SECONDS`."""
        self.header.note = text
        if self._note_timer is not None:
            self._note_timer.stop()
        self._note_timer = self.screen.set_timer(NOTE_SECONDS, self._clear_note)

    def _clear_note(self) -> None:
        self.header.note = ""
        self._note_timer = None

    def _tell(self, text: str, severity: SeverityLevel) -> None:
        tell(self.screen, text, severity=severity, timeout=8)

    def _tell_once(self, text: str, severity: SeverityLevel) -> None:
        """Say ``text`` unless it was said already since the workbook opened."""
        if text not in self._told:
            self._told.add(text)
            self._tell(text, severity)

    # ----------------------------------------------------------------------- palette
    def palette_commands(self) -> Iterable[SystemCommand]:
        """The palette's folder commands (none for a workbook opened read-only)."""
        if not self.context.service.writable:
            return
        yield SystemCommand(
            "Keep in step through a folder",
            "Write your copy to a folder both of you sync (Dropbox, OneDrive...) and bring "
            "theirs in as it arrives",
            self.choose_folder,
        )
        if self.link is not None:
            yield SystemCommand(
                "Sync with the folder now",
                f"Look at {user_line(str(self.link.folder))} now",
                self.sync_now,
            )
            yield SystemCommand(
                "Stop keeping in step through the folder",
                "Your file stays as it is; the folder's files are left",
                self.unlink,
            )

    def choose_folder(self) -> None:
        """Ask which folder (typed, or picked from a tree), then link it."""
        from screens.sync_dialog import FolderDialog

        current = self.link.folder if self.link is not None else None
        self.screen.app.push_screen(FolderDialog(current), self._chosen)

    def _chosen(self, folder: Path | None) -> None:
        if folder is None:
            return
        self.screen.run_worker(lambda: self._link_in_thread(folder), thread=True, group=WORKERS)

    def _link_in_thread(self, folder: Path) -> None:
        try:
            link, _ = link_folder(self.context.service, self.store, folder)
        except (WorkbookError, OSError) as error:
            self._call(self._tell, f"Not linked: {error}", "error")
            return
        self._call(self._linked, link)
        self._call(
            self.show_note,
            f"Keeping in step through {link.folder}: your copy there is {link.copy_name}",
        )

    def sync_now(self) -> None:
        """Look at the folder now (the palette)."""
        self._seen.clear()
        self.check_now(write_copy=True)

    def unlink(self) -> None:
        """Stop keeping in step (the palette); the folder's files are left as they are."""
        link = self.link
        if link is None:
            return
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        with self._link_lock:
            self.link = None
            try:
                self.store.remove(self.context.service.relationship)
            except WorkbookError as error:
                self._tell(str(error), "error")
                return
        self.show_note(f"No longer kept in step through {link.folder}")
