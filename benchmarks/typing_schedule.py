"""The pure arithmetic of the open-loop keystroke benchmark (``keystroke.py``): what to type,
when, and which typed keys a displayed frame shows.

Standard library only (no Textual, no project imports), so a test can load it on its own.

- What is typed: letters drawn from a seeded random generator, no spaces. A space cannot be
  told apart on the screen from the padding and the line breaks of soft wrapping, so a key's
  frame is found by the letters alone; random letters (unlike a repeated sentence) make the
  last few letters on screen name one position in the typing, however far the display lags.
- When: bursts of keys a typist's 30-60 ms apart (each gap drawn from the same generator);
  the harness decides when each burst starts (the moment a save starts) and adds these
  offsets to it. A key's schedule never depends on when the app handled the one before.
- Which keys a frame shows: :func:`keys_shown` compares the frame's text (in the editor's
  columns, whitespace removed) with the text the editor holds after each candidate key.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

LETTERS = "abcdefghijklmnopqrstuvwxyz"
TAIL = 16
"""How many trailing letters of the expected text must be on screen to count a key shown."""


def typed_letters(count: int, seed: int = 20) -> str:
    """``count`` lowercase letters, the same for the same ``seed`` (every run types the same)."""
    generator = random.Random(seed)
    return "".join(generator.choice(LETTERS) for _ in range(count))


def burst_offsets(
    count: int, generator: random.Random, low: float = 0.030, high: float = 0.060
) -> list[float]:
    """Offsets (seconds, first 0.0) of ``count`` keys a typist types ``low``-``high`` s apart."""
    offsets: list[float] = []
    at = 0.0
    for index in range(count):
        if index:
            at += generator.uniform(low, high)
        offsets.append(at)
    return offsets


def bursts(total: int, size: int) -> list[int]:
    """How many keys each burst has: ``total`` keys in bursts of ``size`` (the last shorter)."""
    if total < 0 or size < 1:
        raise ValueError("total must be >= 0 and size >= 1")
    full, rest = divmod(total, size)
    return [size] * full + ([rest] if rest else [])


def letters_only(text: str) -> str:
    """``text`` without whitespace: what survives soft wrapping and padding on a screen."""
    return "".join(text.split())


def keys_shown(
    screen_text: str, base: str, typed: str, shown: int, posted: int, tail: int = TAIL
) -> int:
    """How many of the ``typed`` keys the screen shows: the largest ``k`` in ``shown..posted``
    for which the last ``tail`` letters of ``base + typed[:k]`` appear in ``screen_text``
    (the frame's text in the editor's columns, whitespace removed; see :func:`letters_only`).

    ``shown`` is the count an earlier frame already showed (typing only ever adds at the end),
    ``posted`` the keys sent so far: a frame cannot show a key that was not sent.
    """
    expected = letters_only(base)
    for count in range(posted, shown, -1):
        if (expected + typed[:count])[-tail:] in screen_text:
            return count
    return shown


def during(moment: float, intervals: Iterable[tuple[float, float]]) -> bool:
    """True when ``moment`` falls inside one of the ``(begin, end)`` intervals."""
    return any(begin <= moment <= end for begin, end in intervals)
