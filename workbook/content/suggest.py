""" "Did you mean ...?" for a misspelt name in a pack: the closest known name, when one is close.

A coordinator who writes ``kind: short answer`` or ``extends: standerd`` should be told the
name they almost certainly meant, not only the whole list. ``difflib`` compares each candidate
in time linear in its length (its quick ratios reject most candidates before the full one), so
one suggestion costs O(candidates); callers that may ask many times against a large list (every
prompt id of a pack) stop suggesting after :data:`SUGGESTION_BUDGET` names.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

SUGGESTION_BUDGET = 25
"""How many suggestions one check of a pack computes against a list as large as the pack."""

_CUTOFF = 0.6
"""How alike two names must be (0 to 1) for one to be suggested for the other."""


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The choice most like ``value`` (ignoring case), or None when none is close enough."""
    wanted = value.strip().lower()
    by_lower: dict[str, str] = {}
    for choice in choices:
        by_lower.setdefault(choice.lower(), choice)
    if not wanted or wanted in by_lower:
        return by_lower.get(wanted) if wanted else None
    found = difflib.get_close_matches(wanted, list(by_lower), n=1, cutoff=_CUTOFF)
    return by_lower[found[0]] if found else None


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """``": did you mean 'x'?"`` for the closest choice to ``value``, or "" when there is none."""
    match = closest(value, choices)
    return f": did you mean {match!r}?" if match is not None and match != value else ""


def unknown_name(what: str, value: str, choices: Iterable[str], listing: str) -> str:
    """The message for a ``what`` that is not one of ``choices``, with a suggestion if any.

    ``unknown kind 'short answer': did you mean 'short text'? (kinds: short text, ...)``
    """
    names = list(choices)
    return f"unknown {what} {value!r}{did_you_mean(value, names)} ({listing}: {', '.join(names)})"
