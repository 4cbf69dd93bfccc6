"""Plain-text forms of answer values, shared by the UI and the exports."""

from __future__ import annotations

from workbook.models import AnswerValue


def format_value(value: AnswerValue) -> str:
    """An answer's value as plain text: yes/no, a comma-separated list, a number or the text."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)
