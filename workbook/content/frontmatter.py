"""The tiny ``key: value`` language of front matter and prompt settings (a YAML subset).

A key may be a few words (``show if``, ``minimum contact``); spaces, hyphens and underscores
between its words are the same (``drop_tabs``, ``drop tabs`` and ``drop-tabs`` are one key),
as they are in kinds, because a coordinator should not have to remember which one we chose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from workbook.content.errors import ContentProblem
from workbook.content.suggest import closest

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
"""A stable id: lowercase letters, digits and hyphens, starting with a letter or digit."""

_TRUE = frozenset({"yes", "true"})
_FALSE = frozenset({"no", "false"})
_KEY = re.compile(r"[a-z0-9][a-z0-9_-]*(?: [a-z0-9_-]+){0,2}")
"""A key as written, once lowercased and its inner spaces collapsed: one to three words."""
_SEPARATORS = re.compile(r"[\s_-]+")


@lru_cache(maxsize=512)
def key_form(key: str) -> str:
    """The form keys are compared in: lowercase, words separated by one space (remembered:
    a pack asks for the same few keys thousands of times)."""
    return _SEPARATORS.sub(" ", key.strip().lower()).strip()


@dataclass
class KeyValues:
    """``key: value`` pairs read from front matter or a settings list, with their line numbers."""

    path: Path
    values: dict[str, str] = field(default_factory=dict)
    """The values by key, each key in its compared form (see :func:`key_form`)."""
    lines: dict[str, int] = field(default_factory=dict)
    """The line of each key (compared form)."""
    problems: list[ContentProblem] = field(default_factory=list)
    first_line: int = 1
    """The line to blame for something missing altogether."""
    missing: bool = False
    """True when the file has no (closed) front matter at all."""
    written: dict[str, str] = field(default_factory=dict)
    """Each key as it was written (for messages), by its compared form."""

    def add(self, key: str, value: str, line: int, where: str) -> None:
        """Record ``key: value`` found at ``line``; a repeated key is a problem."""
        form = key_form(key)
        if form in self.values:
            self.problem(
                line, f"{key!r} is given twice in {where} (first at line {self.lines[form]})"
            )
            return
        self.values[form] = value
        self.lines[form] = line
        self.written[form] = key

    def problem(self, line: int, message: str) -> None:
        """Record a problem at ``line`` of this file."""
        self.problems.append(ContentProblem(self.path, line, message))

    def has(self, key: str) -> bool:
        """True when ``key`` was given (even with an empty value)."""
        return key_form(key) in self.values

    def line_of(self, key: str) -> int:
        """The line ``key`` was given on, else the first line of the block."""
        return self.lines.get(key_form(key), self.first_line)

    def check_keys(self, known: tuple[str, ...], where: str) -> None:
        """Report every key that is not in ``known`` (with the known key it most resembles)."""
        forms = {key_form(name): name for name in known}
        for form, line in self.lines.items():
            if form not in forms:
                key = self.written.get(form, form)
                match = closest(form, forms)
                hint = f": did you mean {forms[match]!r}?" if match is not None else ""
                self.problem(
                    line, f"unknown key {key!r} in {where}{hint} (known keys: {', '.join(known)})"
                )

    def require(self, *keys: str, where: str) -> bool:
        """Report each of ``keys`` that is missing or empty; True when all are present."""
        ok = True
        for key in keys:
            if not self.values.get(key_form(key), "").strip():
                self.problem(self.line_of(key), f"{where} needs {key!r}")
                ok = False
        return ok

    def text(self, key: str) -> str | None:
        """The stripped value of ``key``, or None when not given or empty."""
        value = self.values.get(key_form(key), "").strip()
        return value or None

    def ident(self, key: str, what: str) -> str | None:
        """The value of ``key`` when it is a valid id (else a problem and None)."""
        value = self.text(key)
        if value is None:
            return None
        if not is_valid_id(value):
            self.problem(self.line_of(key), bad_id_message(what, value))
            return None
        return value

    def flag(self, key: str, default: bool) -> bool:
        """The yes/no value of ``key`` (``default`` when absent; a problem when not yes/no)."""
        value = self.text(key)
        if value is None:
            return default
        parsed = parse_bool(value)
        if parsed is None:
            self.problem(self.line_of(key), f"{key} must be yes or no, not {value!r}")
            return default
        return parsed

    def id_list(self, key: str, what: str) -> list[str]:
        """The comma-separated ids of ``key``; malformed ids are reported and left out."""
        result = []
        for item in parse_list(self.values.get(key_form(key), "")):
            if is_valid_id(item):
                result.append(item)
            else:
                self.problem(self.line_of(key), bad_id_message(what, item))
        return result


def is_valid_id(value: str) -> bool:
    """True when ``value`` is made only of lowercase letters, digits and hyphens."""
    return ID_PATTERN.fullmatch(value) is not None


def bad_id_message(what: str, value: str) -> str:
    """The message for an id that breaks the id rule."""
    return f"{what} {value!r} is not a valid id (use lowercase letters, digits and hyphens)"


def parse_bool(value: str) -> bool | None:
    """``yes``/``true`` -> True, ``no``/``false`` -> False, anything else -> None."""
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    return None


def parse_list(value: str) -> list[str]:
    """Comma-separated values, stripped, empty ones left out."""
    return [item.strip() for item in value.split(",") if item.strip()]


def split_key_value(line: str) -> tuple[str, str] | None:
    """``"Key : value"`` -> ``("key", "value")``; None when the line has no colon or key.

    A key is one to three words (``Show if`` -> ``"show if"``). One pair of quotes around the
    value is removed.
    """
    key, colon, value = line.partition(":")
    key = " ".join(key.lower().split())
    if not colon or _KEY.fullmatch(key) is None:
        return None
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1].strip()  # YAML habits: quotes are allowed, though not needed
    return key, value


def parse_front_matter(text: str, path: Path, first_line: int) -> KeyValues:
    """Read the front matter ``text`` whose first line is line ``first_line`` of ``path``."""
    result = KeyValues(path=path, first_line=max(first_line - 1, 1))
    for offset, raw in enumerate(text.split("\n")):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        number = first_line + offset
        pair = split_key_value(line)
        if pair is None:
            result.problem(number, f"front matter line is not 'key: value': {line[:60]!r}")
            continue
        result.add(pair[0], pair[1], number, "the front matter")
    return result


def quick_pack_id(manifest: Path) -> str | None:
    """The ``id`` in a ``pack.md`` front matter, read without Markdown parsing; None if unknown."""
    try:
        with manifest.open(encoding="utf-8-sig", errors="replace") as handle:
            head = handle.read(8192)
    except OSError:
        return None
    lines = head.replace("\r\n", "\n").split("\n")
    if not lines or not lines[0].rstrip().startswith("---"):
        return None
    for line in lines[1:]:
        stripped = line.strip()
        if stripped.startswith("---"):
            break
        pair = split_key_value(stripped)
        if pair is not None and key_form(pair[0]) == "id":
            return pair[1] if is_valid_id(pair[1]) else None
    return None
