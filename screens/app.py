"""The Textual application: the home screen, workbooks, themes, signals. Imported only for the UI.

Opening a workbook (``mentor-workbook open``, the demo) draws its first look first when one is
kept (:mod:`screens.first_look`): this module and everything up to that frame import no
pydantic and no TinyDB (a test checks it). The models, the store, the pack and the real
screen are loaded right after that frame; keys typed meanwhile are held and then given to
the real screen, in order.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.widget import Widget

from screens.message_screen import MessageScreen
from screens.text_safety import tell
from screens.themes import LIGHT_THEME, LIGHT_THEME_NAME
from workbook.errors import NotWritableError, WorkbookError
from workbook.settings import load_settings, save_settings

if TYPE_CHECKING:
    from workbook.content.catalog import PackCatalog
    from workbook.content.model import Pack
    from workbook.first_look import FirstLook
    from workbook.models import Role
    from workbook.service import WorkbookService

NOTICE_SECONDS = 15
"""How long the line about a received file stays (long enough to read twice)."""


class MentorWorkbookApp(App[int]):
    """Mentor Workbook: guided, tabbed mentoring sessions in the terminal."""

    TITLE = "Mentor Workbook"
    build_steps_ahead: ClassVar[bool] = True
    """Workbooks build their hidden steps after the first frame (see
    :attr:`WorkbookScreen.build_ahead`). Tests that stay on the steps they open turn it off:
    the building is most of what an app start costs."""
    # Every stylesheet is read by the app: a screen with its own CSS_PATH makes Textual
    # re-parse all CSS (and restyle every widget) the first time it is pushed. A first look
    # needs only the first FIRST_LOOK_SHEETS; the others are read right after its frame.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        f"{name}.tcss"
        for name in (
            "app",
            "workbook_screen",
            "structured/structured",
            "forms",
            "home",
            "message_screen",
            "sync_dialog",
            "sharing",
        )
    ]
    FIRST_LOOK_SHEETS: ClassVar[int] = 2
    """How many of :attr:`CSS_PATH` (the app's and the workbook screen's) a first look needs."""

    def __init__(
        self,
        open_path: Path | None = None,
        role: Role | None = None,
        content: Path | None = None,
        notice: str = "",
    ) -> None:
        look = kept_look(open_path, role, content)
        sheets = self.stylesheet_paths()
        super().__init__(css_path=sheets[: self.FIRST_LOOK_SHEETS] if look else sheets)
        self._look = look
        self._later_sheets = sheets[self.FIRST_LOOK_SHEETS :] if look else []
        """The stylesheets still to read (after a first look's frame)."""
        self.open_path = open_path
        self.notice = notice
        """One line to show once the workbook is up (what ``open`` did with a received file)."""
        self.start_role = role
        self.content = content
        self.services: list[WorkbookService] = []
        self._packs: dict[int, Pack] = {}
        """Each open service's pack (by ``id``): what its first look is drawn from."""
        self.register_theme(LIGHT_THEME)
        self._theme_before_light = "textual-dark"
        self._first_look: Widget | None = None
        self._held_keys: list[events.Key | events.Paste] | None = None
        """Keys typed and text pasted while a first look is shown, for the real screen
        (None: not holding)."""

    @classmethod
    def stylesheet_paths(cls) -> list[str | PurePath]:
        """Every stylesheet of :attr:`CSS_PATH`, relative ones found beside this module."""
        here = Path(__file__).parent
        sheets = cls.CSS_PATH if isinstance(cls.CSS_PATH, list) else [cls.CSS_PATH]
        return [here / sheet for sheet in sheets]

    def _read_later_sheets(self) -> None:
        """Read the stylesheets a first look did without (once; restyles what is shown)."""
        sheets, self._later_sheets = self._later_sheets, []
        if sheets:
            for sheet in sheets:
                self.stylesheet.read(sheet)
            self.refresh_css(animate=False)

    @cached_property
    def catalog(self) -> PackCatalog:
        """The content packs: bundled, the home's, then ``--content``."""
        from workbook.content.catalog import PackCatalog

        return PackCatalog.default(extra=self.content)

    def push_home(self) -> None:
        """Show the list of relationships (imported on first use: not needed to open one)."""
        from screens.home import HomeScreen

        self.push_screen(HomeScreen())

    def on_mount(self) -> None:
        """Restore the theme, show the home screen, open a relationship if one was named."""
        theme = load_settings().theme
        if theme in self.available_themes:
            self.theme = theme
        self._install_signal_handlers()
        if self.open_path is None:
            self.push_home()
        elif not self._first_look_shown(self.open_path):  # (if shown, it opens the workbook)
            # Straight to the workbook (the home screen is built when it is left), once the
            # app's own mount is done: until then Textual batches (renders but never shows)
            # every frame, so the workbook's first frame would be drawn twice.
            self.call_later(self.open_relationship, self.open_path, self.start_role, self.notice)

    # ------------------------------------------------------------------ the first look
    def _first_look_shown(self, path: Path) -> bool:
        """Draw the first look kept for ``path`` over the default screen, hold the keys typed
        until the workbook is up, and open the workbook once the look's first frame is drawn;
        False when there is none to draw (packs from ``--content``, none kept, stale, damaged,
        another role)."""
        look, self._look = self._look, None
        if look is None:
            return False
        from screens.first_look import LookError, first_look_view

        try:
            view = first_look_view(look, self.size.width, self.size.height)
        except LookError:
            return False
        self._first_look = view
        self._held_keys = []
        self.screen.mount(view)
        # (the view's callback runs once the screen has drawn it: the look's first frame)
        view.call_after_refresh(
            self.call_later, self.open_relationship, path, self.start_role, self.notice
        )
        return True

    @property
    def showing_first_look(self) -> bool:
        """True while a first look is drawn and keys are held for the workbook."""
        return self._held_keys is not None

    async def on_event(self, event: events.Event) -> None:
        """While a first look is shown, keys and pastes are held (in order) for the workbook."""
        if self._held_keys is not None and isinstance(event, events.Key | events.Paste):
            if not event.is_forwarded:
                self._held_keys.append(event)
                return
        await super().on_event(event)

    def _end_first_look(self, replay: bool = True) -> None:
        """The workbook (or a message saying why not) is up: remove the first look and give
        the keys typed meanwhile to the workbook's focused answer (``replay``; a message
        saying the workbook cannot open gets none: they were typed as an answer, and must
        not press its buttons)."""
        held, self._held_keys = self._held_keys, None
        if not replay:
            held = []
        if self._first_look is not None:
            self._first_look.remove()
            self._first_look = None
        for event in held or []:
            if isinstance(event, events.Paste):
                self.post_message(events.Paste(event.text))
            else:
                self.post_message(events.Key(event.key, event.character))

    def _keep_first_look(self, service: WorkbookService) -> None:
        """Write down what ``service``'s workbook shows first, for its next opening (see
        :mod:`workbook.first_look`); any failure only means the next opening is slower."""
        from workbook.first_look import FileKey, forget_first_look, write_first_look

        pack = self._packs.pop(id(service), None)
        if not service.writable:
            return
        if pack is None or self.content is not None:
            forget_first_look(service.path)
            return
        from screens.first_look_plan import first_look

        try:
            service.flush()
            look = first_look(service, pack)
        except (WorkbookError, OSError):
            look = None
        key = FileKey.of(service.path)
        if look is None or key is None:
            forget_first_look(service.path)
        else:
            write_first_look(service.path, look, key)

    def _install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        handlers = {"SIGTERM": self.save_and_exit, "SIGHUP": self.save_and_vanish}
        for name, handler in handlers.items():
            number = getattr(signal, name, None)
            if number is not None:
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(number, handler)

    def watch_theme(self, theme: str) -> None:
        """Remember the chosen theme."""
        settings = load_settings()
        if settings.theme != theme:
            settings.theme = theme
            save_settings(settings)

    # --------------------------------------------------------------------- workbooks
    def open_relationship(self, path: Path, role: Role | None = None, notice: str = "") -> None:
        """Open ``path`` in a workbook screen, or explain on a message screen why not;
        ``notice``: one line to show once it is open (what became of a received file).

        A file that must not be written (a symbolic link, read-only) opens read-only, with a
        one-line notice saying why; every other failure (damaged, locked, a full disk) is one
        message screen.
        """
        self._read_later_sheets()
        from screens.context import WorkbookContext
        from screens.workbook_screen import WorkbookScreen
        from workbook.service import WorkbookService

        read_only_reason = ""
        try:
            try:
                service = WorkbookService.open(path)
            except NotWritableError as refusal:
                service = WorkbookService.open(path, read_only=True)
                read_only_reason = refusal.reason
        except WorkbookError as error:
            self._ensure_home()
            self.push_screen(
                MessageScreen("This relationship cannot be opened", error),
                lambda result: self._after_message(result, path, role),
            )
            self._end_first_look(replay=False)
            return
        try:
            pack = self.catalog.load(service.relationship.pack_id)
        except WorkbookError as error:
            service.close()
            self._ensure_home()
            self.push_screen(MessageScreen("The programme pack cannot be loaded", error))
            self._end_first_look(replay=False)
            return
        self.services.append(service)
        self._packs[id(service)] = pack
        context = WorkbookContext(service, pack, role or service.relationship.owner_role)
        screen = WorkbookScreen(context, build_ahead=self.build_steps_ahead)
        self.push_screen(screen, lambda _: self._workbook_closed(service))
        if self._held_keys is not None:  # its field is focused when it is mounted
            screen.call_after_refresh(self._end_first_look)
        if notice:
            tell(self, notice, timeout=NOTICE_SECONDS)
        if read_only_reason:
            self.notify(
                f"Opened read-only: {read_only_reason}",
                severity="warning",
                timeout=10,
                markup=False,
            )

    def _ensure_home(self) -> None:
        if not any(type(screen).__name__ == "HomeScreen" for screen in self.screen_stack):
            self.push_home()

    def _after_message(self, result: str | None, path: Path, role: Role | None) -> None:
        if result == "restored":
            self.open_relationship(path, role)

    def _release_service(self, service: WorkbookService) -> None:
        pause_session_clock(service)
        try:
            self._keep_first_look(service)
        finally:  # (whatever happens there, the file is saved and unlocked)
            with contextlib.suppress(OSError):
                service.close()
        if service in self.services:
            self.services.remove(service)

    def _workbook_closed(self, service: WorkbookService) -> None:
        self._release_service(service)
        self._ensure_home()

    def save_all(self) -> None:
        """Stop the clock of every session under way and save every open workbook now (the
        app is about to stop: quit, SIGTERM, SIGHUP)."""
        for service in self.services:
            pause_session_clock(service)
        from screens.workbook_screen import WorkbookScreen

        for screen in self.screen_stack:
            if isinstance(screen, WorkbookScreen):
                screen.save_now()
        for service in self.services:
            with contextlib.suppress(OSError):
                service.flush()

    def save_and_exit(self) -> None:
        """SIGTERM / SIGHUP (a terminal closed at the end of a call): save, then quit."""
        self.save_all()
        self.exit(0)

    def save_and_vanish(self) -> None:
        """SIGHUP: the terminal is gone, so there is nothing to restore: save, unlock, leave.

        A normal exit would try to write the terminal's reset sequence to the dead terminal,
        and Textual's output thread can then wait for ever, keeping the file locked.
        """
        try:
            self.save_all()
            self.close_all()
        finally:
            os._exit(128 + signal.SIGHUP)

    async def action_quit(self) -> None:
        """Quit (ctrl+q), saving first; from a workbook whose session is still under way, its
        close is offered first."""
        from screens.workbook_screen import WorkbookScreen

        screen = self.screen
        if isinstance(screen, WorkbookScreen):
            screen.session_flow.before_quit(self.save_and_quit)
        else:
            self.save_and_quit()

    def save_and_quit(self) -> None:
        """Save everything (session clocks stopped) and quit."""
        self.save_all()
        self.exit(0)

    def action_toggle_light_theme(self) -> None:
        """Switch to the light screen-sharing theme, or back to the theme used before."""
        if self.theme == LIGHT_THEME_NAME:
            self.theme = self._theme_before_light
        else:
            self._theme_before_light = self.theme
            self.theme = LIGHT_THEME_NAME

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette: the workbook's own actions first, then Textual's."""
        from screens.workbook_screen import WorkbookScreen

        if isinstance(screen, WorkbookScreen):
            yield from screen.palette_commands()
        else:
            from screens.home import HomeScreen

            if isinstance(screen, HomeScreen):
                from screens.sync_home import home_folder_commands

                yield from screen.palette_commands()
                yield from home_folder_commands(self)
        light = self.theme == LIGHT_THEME_NAME
        yield SystemCommand(
            "Leave the light theme" if light else "Light theme for screen sharing",
            "High contrast on white: reads well projected or shared on a call",
            self.action_toggle_light_theme,
        )
        yield from super().get_system_commands(screen)

    def on_unmount(self) -> None:
        """However the app stops, save and unlock every open relationship."""
        self.close_all()

    def close_all(self) -> None:
        """Save and release every open relationship (called when the app has stopped)."""
        for service in list(self.services):
            self._release_service(service)


def kept_look(path: Path | None, role: Role | None, content: Path | None) -> FirstLook | None:
    """The first look kept for opening ``path`` as ``role`` (see :mod:`workbook.first_look`),
    when there is one that still matches; never with packs from ``--content``."""
    if path is None or content is not None:
        return None
    from workbook.first_look import read_first_look

    return read_first_look(path, role.value if role is not None else None)


def pause_session_clock(service: WorkbookService) -> None:
    """Stop the clock of ``service``'s session under way, if any (the workbook is closing: it
    must not count the time until it is opened again)."""
    if service.writable:
        from workbook.sessions import pause_clock

        with contextlib.suppress(WorkbookError, OSError):
            pause_clock(service)


def run_app(
    open_path: Path | None = None,
    role: Role | None = None,
    content: Path | None = None,
    notice: str = "",
) -> int:
    """Run the UI until the user quits; always saves and unlocks on the way out. ``notice``:
    one line shown once the workbook named by ``open_path`` is up."""
    app = MentorWorkbookApp(open_path=open_path, role=role, content=content, notice=notice)
    try:
        result = app.run()
    finally:
        app.close_all()
    return int(result or 0)
