"""One step of the workbook as a pane of the screen's ContentSwitcher, built once.

A pane knows how to make its contents. The shown step is composed with the screen
(``eager``), so the first frame already has it; the others are built with :meth:`build`,
right after the first frame, one a frame, while they are still hidden (or when first shown,
whichever comes first).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import AwaitMount, Widget

SHOWN_FROM_TOP = "-shown-from-top"
"""The class of a step's view that is shown from its top, its first field focused but not
scrolled to (its first field sits right under a short summary and may be taller than the
screen: the History)."""
UNSEEN = "-unseen"
"""The class of a hidden step being laid out in advance, out of sight (``workbook_screen.tcss``)."""


class StepPane(Vertical):
    """A container for one step's view (a tab's prompts, the session notes...)."""

    def __init__(
        self, make_view: Callable[[], Widget], *, id: str, step_title: str, eager: bool = False
    ) -> None:
        super().__init__(id=id, classes="step-pane")
        self.make_view = make_view
        self.step_title = step_title
        self._built = eager
        self._mounting: AwaitMount | None = None

    def compose(self) -> ComposeResult:
        """The view, when the pane is built with the screen."""
        if self._built:
            yield self.make_view()

    @property
    def built(self) -> bool:
        """True once the view is mounted or being mounted."""
        return self._built

    @property
    def view(self) -> Widget | None:
        """The step's view, once built."""
        return self.children[0] if self.children else None

    def build(self) -> AwaitMount | None:
        """Mount the step's view if that has not started; await the result (when not None)
        to know it is mounted."""
        if not self._built:
            self._built = True
            self._mounting = self.mount(self.make_view())
        return self._mounting

    async def clear(self) -> None:
        """Throw the view away (it is made again by the next :meth:`build`)."""
        self._built = False
        self._mounting = None
        await self.remove_children()
