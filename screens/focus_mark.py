"""Marks the card that holds the focus, cheaply.

A ``:focus-within`` style makes Textual restyle every card of the step on each focus change
(about 40 ms for a long step: every ``ctrl+n`` and every step switch). A card that adds a
class to itself when one of its fields gains focus restyles only itself and its few widgets.
(The structured panels, whose subtrees are large, mark focus on their own fields instead.)
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget

FOCUSED = "-focused"
"""The class of the card holding the focus."""


class FocusMarked(Widget):
    """A container that has the class ``-focused`` while one of its widgets has focus."""

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A field of this card gained focus."""
        self.add_class(FOCUSED)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """A field of this card lost focus (another of its fields may gain it next)."""
        self.remove_class(FOCUSED)
