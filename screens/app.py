"""The Textual application: the home screen, workbooks, themes, signals. Imported only for the UI."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.screen import Screen

from screens.context import WorkbookContext
from screens.message_screen import MessageScreen
from screens.text_safety import tell
from screens.themes import LIGHT_THEME, LIGHT_THEME_NAME
from screens.workbook_screen import WorkbookScreen
from workbook.content.catalog import PackCatalog
from workbook.errors import NotWritableError, WorkbookError
from workbook.models import Role
from workbook.service import WorkbookService
from workbook.sessions import pause_clock
from workbook.settings import load_settings, save_settings

NOTICE_SECONDS = 15
"""How long the line about a received file stays (long enough to read twice)."""


class MentorWorkbookApp(App[int]):
    """Mentor Workbook: guided, tabbed mentoring sessions in the terminal."""

    TITLE = "Mentor Workbook"
    build_steps_ahead: ClassVar[bool] = True
    """Workbooks build their hidden steps after the first frame (see
    :attr:`WorkbookScreen.build_ahead`). Tests that stay on the steps they open turn it off:
    the building is most of what an app start costs."""
    # Every stylesheet is read once, here: a screen with its own CSS_PATH makes Textual
    # re-parse all CSS (and restyle every widget) the first time it is pushed.
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

    def __init__(
        self,
        open_path: Path | None = None,
        role: Role | None = None,
        content: Path | None = None,
        notice: str = "",
    ) -> None:
        super().__init__()
        self.open_path = open_path
        self.notice = notice
        """One line to show once the workbook is up (what ``open`` did with a received file)."""
        self.start_role = role
        self.catalog = PackCatalog.default(extra=content)
        self.services: list[WorkbookService] = []
        self.register_theme(LIGHT_THEME)
        self._theme_before_light = "textual-dark"

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
        else:  # straight to the workbook; the home screen is built when it is left
            # Opened once the app's own mount is done: until then Textual batches (renders but
            # never shows) every frame, so the workbook's first frame would be drawn twice.
            self.call_later(self.open_relationship, self.open_path, self.start_role, self.notice)

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
            return
        try:
            pack = self.catalog.load(service.relationship.pack_id)
        except WorkbookError as error:
            service.close()
            self._ensure_home()
            self.push_screen(MessageScreen("The programme pack cannot be loaded", error))
            return
        self.services.append(service)
        context = WorkbookContext(service, pack, role or service.relationship.owner_role)
        self.push_screen(
            WorkbookScreen(context, build_ahead=self.build_steps_ahead),
            lambda _: self._workbook_closed(service),
        )
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


def pause_session_clock(service: WorkbookService) -> None:
    """Stop the clock of ``service``'s session under way, if any (the workbook is closing: it
    must not count the time until it is opened again)."""
    if service.writable:
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
