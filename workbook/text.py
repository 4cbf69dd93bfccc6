"""Plain-text forms of answer values, and user text made safe to show.

Names and answers come from people and from received files; they are shown and exported as
text, never as control codes or markup. :func:`strip_controls` removes what a terminal (or a
viewer) would act on: C0 and C1 control characters, DEL, and the Unicode controls that reorder
or hide text. :func:`check_name` is the one gate names pass on the way in. On the way out,
:func:`escape_markdown` makes text literal in Markdown (exports, the coordinator's report) and
:func:`escape_json_controls` keeps JSON printed to a terminal free of controls.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from workbook.errors import UsageError

if TYPE_CHECKING:
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


def check_name(value: str, what: str, limit: int = NAME_MAX, noun: str = "name") -> str:
    """``value`` stripped, when it is a usable name: one line, printable, 1 to ``limit``
    characters. Otherwise a :class:`UsageError` that says what is wrong, in one line
    (``noun``: what to give instead, e.g. "contact")."""
    name = value.strip()
    if not name:
        raise UsageError(f"{what} is empty: give a {noun}")
    if has_controls(name):
        raise UsageError(
            f"{what} contains control characters or line breaks: give a {noun} on one line, "
            "using letters, digits, spaces and punctuation"
        )
    if len(name) > limit:
        raise UsageError(f"{what} is {len(name):,} characters long: at most {limit} are allowed")
    return name


def check_contact(value: str, what: str) -> str:
    """A contact (email, chat handle) stripped and checked like a name ("" is allowed)."""
    return check_name(value, what, CONTACT_MAX, noun="contact") if value.strip() else ""


def name_key(name: str) -> str:
    """What two spellings of one person's name have in common: one line, accents and other
    combining marks removed, case folded, runs of spaces made one ("Ana  María" and
    "ana maria" give the same key). Used to tell whether two relationships are between the
    same two people; it never changes a stored name."""
    decomposed = unicodedata.normalize("NFKD", one_line(name))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def same_name(left: str, right: str) -> bool:
    """True when ``left`` and ``right`` name the same person (see :func:`name_key`)."""
    return name_key(left) == name_key(right)


def plural(count: int, word: str) -> str:
    """``1 problem``, ``3 problems``: a count and a noun that takes an ``s`` in the plural."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
"""Characters that start emphasis, code, a link or an image, an HTML tag or an entity, a table
cell or strike-through anywhere in a line (each is escaped with a backslash)."""
_MARKDOWN_LINE_START = re.compile(r"^([#>+=-]|\d{1,9}(?=[.)]))")
"""What starts a block at the beginning of a line: a heading, a quote, a list item, a setext
underline, or the number of an ordered list (whose ``.`` or ``)`` is then escaped)."""


def _escape_markdown_line(line: str) -> str:
    escaped = _MARKDOWN_INLINE.sub(r"\\\1", line.lstrip(" \t"))
    number = _MARKDOWN_LINE_START.match(escaped)
    if number is None:
        return escaped
    if number.group(1)[0].isdigit():
        end = number.end()
        return f"{escaped[:end]}\\{escaped[end:]}"
    return f"\\{escaped}"


def escape_markdown(text: str) -> str:
    """``text`` as literal Markdown: controls removed, each line's leading indentation dropped,
    and everything that would start a block (heading, quote, list, code, table, HTML), a link,
    an image, emphasis or an entity escaped with a backslash. Line breaks are kept (a blank
    line stays a paragraph break); a renderer shows exactly the typed characters."""
    return "\n".join(_escape_markdown_line(line) for line in strip_controls(text).split("\n"))


_MARKDOWN_LINKS = re.compile(r"([\\\[\]<])")


def escape_markdown_links(markdown: str) -> str:
    """Markdown that is meant as Markdown (a stored agreement text) with its structure kept
    but nothing in it able to act as a link, an image or HTML: ``[``, ``]``, ``<`` and ``\\``
    escaped, control characters removed."""
    return _MARKDOWN_LINKS.sub(r"\\\1", strip_controls(markdown))


def escape_markdown_value(value: AnswerValue) -> AnswerValue:
    """An answer's value with its text escaped for Markdown (list items one by one)."""
    if isinstance(value, str):
        return escape_markdown(value)
    if isinstance(value, list):
        return [escape_markdown_line(str(item)) for item in value]
    return value


def escape_markdown_line(text: str) -> str:
    """``text`` as literal Markdown on one line (names, titles): see :func:`escape_markdown`."""
    return _escape_markdown_line(one_line(text))


_JSON_UNSAFE = re.compile(f"[{_INVISIBLE}]")


def escape_json_controls(json_text: str) -> str:
    """JSON text with every control character (C1, bidi controls, lone surrogates: the ones
    ``json.dumps(ensure_ascii=False)`` leaves raw) written as a ``\\uXXXX`` escape. Such
    characters only occur inside strings, where the escape reads back as the same character,
    so the JSON means the same; printed to a terminal, nothing acts on it."""
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", json_text)
