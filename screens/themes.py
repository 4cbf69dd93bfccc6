"""The workbook's own theme for screen sharing: light, high contrast, calm.

A shared or projected screen goes through video compression and often a bright room: thin
pale text, pastel accents and dark backgrounds smear. ``mentor-light`` keeps near-black text
on white, one strong blue for what is interactive, dark amber and red for warnings and errors
(readable as text, not just as colour), and greys far enough apart to tell a panel from the
page. Everything that carries meaning also has a glyph (``[x]``, ``(•)``, ``✓``), so the same
screens read with ``NO_COLOR`` set, which Textual honours by drawing in greys.
"""

from __future__ import annotations

from textual.theme import Theme

LIGHT_THEME_NAME = "mentor-light"

LIGHT_THEME = Theme(
    name=LIGHT_THEME_NAME,
    primary="#0B4F9C",
    secondary="#3D5A80",
    accent="#0B4F9C",
    warning="#8A5300",
    error="#B00020",
    success="#1B6E20",
    foreground="#101010",
    background="#FFFFFF",
    surface="#F3F3F3",
    panel="#DCDCDC",
    dark=False,
    variables={
        "text-muted": "#404040",
        "border-blurred": "#8C8C8C",
        "footer-key-foreground": "#0B4F9C",
        "block-cursor-blurred-background": "#DCE6F5",
    },
)
"""Light and high-contrast, for projecting or sharing a screen."""
