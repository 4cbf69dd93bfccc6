"""User text on screen. Names and answers come from people and from received files: they are
shown literally (never read as markup) and without the control codes a terminal would act on
(``workbook.text``). Everything the screens show that a user or a file supplied goes through
these: titles, notifications, table cells, the header, answers."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.widget import Widget

from workbook.text import one_line, strip_controls


def user_line(text: object) -> str:
    """``text`` as one printable line (a name, a title, a table cell)."""
    return one_line(str(text))


def user_text(text: object) -> str:
    """``text`` with its line breaks but without control codes (an answer, a message)."""
    return strip_controls(str(text))


def user_content(text: object, style: str = "") -> Content:
    """``text`` as literal content (no markup), optionally styled."""
    content = Content(user_text(text))
    return content.stylize(style) if style else content


def tell(
    node: Widget | App[Any],
    message: object,
    *,
    severity: SeverityLevel = "information",
    timeout: float | None = None,
) -> None:
    """Show ``message`` in a notification, literally (Textual reads notifications as markup
    unless told otherwise)."""
    node.notify(user_text(message), severity=severity, timeout=timeout, markup=False)
