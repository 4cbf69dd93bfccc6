"""Plain-text forms of answer values, and user text made safe to show.

Names and answers come from people and from received files; they are shown and exported as
text, never as control codes. :func:`strip_controls` removes what a terminal (or a viewer)
would act on: C0 and C1 control characters, DEL, and the Unicode controls that reorder or
hide text. :func:`check_name` is the one gate names pass on the way in.
"""

from __future__ import annotations

import re

from workbook.errors import UsageError
from workbook.models import AnswerValue

NAME_MAX = 100
"""The longest name (of a mentor or a mentee) accepted, in characters."""
CONTACT_MAX = 200
"""The longest contact (an email address or a chat handle) accepted."""

_INVISIBLE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (but tab and newline), DEL, C1
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides
    "\ufff9-\ufffb"  # interlinear annotation
    "\ud800-\udfff"  # lone surrogates (undecodable bytes)
)
_CONTROLS = re.compile(f"[{_INVISIBLE}]")
_CONTROLS_AND_LINES = re.compile(f"[{_INVISIBLE}\t\n]")


def format_value(value: AnswerValue) -> str:
    """An answer's value as plain text: yes/no, a comma-separated list, a number or the text."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


def strip_controls(text: str) -> str:
    """``text`` without control characters (tabs and newlines are kept)."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str) -> str:
    """``text`` as one printable line: controls removed, line breaks and tabs as spaces."""
    spaced = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROLS.sub("", spaced).strip()


def has_controls(text: str, *, allow_newlines: bool = False) -> bool:
    """True when ``text`` holds a control character (newlines too unless allowed)."""
    pattern = _CONTROLS if allow_newlines else _CONTROLS_AND_LINES
    return pattern.search(text) is not None


def check_name(value: str, what: str, limit: int = NAME_MAX) -> str:
    """``value`` stripped, when it is a usable name: one line, printable, 1 to ``limit``
    characters. Otherwise a :class:`UsageError` that says what is wrong, in one line."""
    name = value.strip()
    if not name:
        raise UsageError(f"{what} is empty: give a name")
    if has_controls(name):
        raise UsageError(
            f"{what} contains control characters or line breaks: give a name on one line, "
            "using letters, digits, spaces and punctuation"
        )
    if len(name) > limit:
        raise UsageError(f"{what} is {len(name):,} characters long: at most {limit} are allowed")
    return name


def check_contact(value: str, what: str) -> str:
    """A contact (email, chat handle) stripped and checked like a name ("" is allowed)."""
    return check_name(value, what, CONTACT_MAX) if value.strip() else ""


def counted(count: int, noun: str) -> str:
    """``count`` and ``noun``, plural unless it is one: ``1 file``, ``3 files``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
