"""The bottom line: the keys that work where the focus is, fitted to the width.

One widget drawing one line, redrawn when the screen's bindings change (its public
``bindings_updated_signal``), instead of Textual's footer, which rebuilds a widget per key on
every focus change. Keys of the focused widget come first (they are what changed), then the
screen's; what does not fit is left out whole, never cut, and the command palette's key
always shows at the right. Clicking a key presses it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

ITEM_GAP = "  "
PALETTE_LABEL = "Commands"


class KeyBar(Widget):
    """The keys that work now, e.g. ``^n Next  ^b Back  a Add goal ...  ^p Commands``.

    ``keys``: draw these ``(key, description)`` instead of the screen's bindings (a first
    look, drawn before the screen whose keys they are exists; see :mod:`screens.first_look`).
    """

    def __init__(self, *, id: str | None = None, keys: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []
        self._fixed = [Binding(key, "", description) for key, description in keys]

    def on_mount(self) -> None:
        """Redraw whenever the screen's bindings change (focus moved, a check changed)."""
        if not self._fixed:
            self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        """Stop listening (the screen may outlive this widget)."""
        if not self._fixed:
            self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def shown_bindings(self) -> list[tuple[Binding, bool]]:
        """The bindings to show, with whether each is enabled: the focused widget's and its
        containers' first, then the screen's (one key per action); the fixed keys, when
        given."""
        if self._fixed:
            return [(binding, True) for binding in self._fixed]
        screen = self.screen
        widget_keys: list[tuple[Binding, bool]] = []
        screen_keys: list[tuple[Binding, bool]] = []
        actions: set[str] = set()
        for node, binding, enabled, _ in screen.active_bindings.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            if node is screen or node is self.app:
                screen_keys.append((binding, enabled))
            else:
                widget_keys.append((binding, enabled))
        return widget_keys + screen_keys

    def render(self) -> Content:
        """As many whole keys as fit, and the palette's key at the right."""
        width = self.size.width
        palette = self._palette_item()
        room = width - (palette.cell_length + len(ITEM_GAP) if palette else 0)
        items: list[Content] = []
        self._spans = []
        x = 0
        for binding, enabled in self.shown_bindings():
            item = self._item(self.app.get_key_display(binding), binding.description, enabled)
            end = x + item.cell_length
            if end > room:
                break
            items.append(item)
            self._spans.append((x, end, binding.key))
            x = end + len(ITEM_GAP)
        left = Content(ITEM_GAP).join(items)
        if palette is None:
            return left
        gap = max(1, width - left.cell_length - palette.cell_length)
        self._spans.append((width - palette.cell_length, width, self.app.COMMAND_PALETTE_BINDING))
        return Content.assemble(left, " " * gap, palette)

    @staticmethod
    def _item(key: str, description: str, enabled: bool) -> Content:
        style = "bold $accent" if enabled else "$text-disabled"
        return Content.assemble(
            (key, style), " ", (description, "" if enabled else "$text-disabled")
        )

    def _palette_item(self) -> Content | None:
        app = self.app
        if not app.ENABLE_COMMAND_PALETTE or cell_len(PALETTE_LABEL) + 3 > self.size.width:
            return None
        key = app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "command_palette"))
        return self._item(key, PALETTE_LABEL, True)

    def on_click(self, event: events.Click) -> None:
        """Clicking a key presses it."""
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
