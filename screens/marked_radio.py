"""A radio button whose state shows in its glyph: ``(•)`` chosen, ``( )`` not.

Textual's radio buttons draw the same dot either way and tell the states apart by colour
only, which a compressed screen share or a terminal without colour loses."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widgets import RadioButton

from screens.editors.choice import CHOSEN, NOT_CHOSEN


class MarkedRadioButton(RadioButton):
    """A :class:`RadioButton` drawn ``(•) label`` or ``( ) label``."""

    def render(self) -> Content:
        """The mark, then the label (styled as Textual styles it)."""
        mark = CHOSEN if self.value else NOT_CHOSEN
        label = self.label.stylize_before(self.get_visual_style("toggle--label"))
        return Content.assemble((mark, "bold" if self.value else ""), label)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """The mark's width and the label's."""
        return len(CHOSEN) + self.label.cell_length
