"""A footer that redraws its keys a moment after focus settles, not on every focus change.

Textual's footer rebuilds all its key widgets whenever the focused widget changes. Moving
through prompts or switching tabs changes focus several times in a row; rebuilding each
time delays the frame that shows the new content. Here the rebuild waits until focus has
been still for a tenth of a second.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer

from screens.release import release_watchers

SETTLE_SECONDS = 0.1


class SettlingFooter(Footer):
    """Textual's footer, rebuilt once focus settles."""

    _settle_timer: Timer | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Schedule the rebuild instead of doing it on the next frame."""
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if self._settle_timer is None:
            self._settle_timer = self.set_timer(SETTLE_SECONDS, self._settled)
        else:
            self._settle_timer.reset()

    async def _settled(self) -> None:
        self._settle_timer = None
        await self.recompose()
        release_watchers(self)  # the old keys' data bindings would keep them alive
