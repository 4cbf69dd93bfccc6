"""The few plain-English phrases pack settings accept: meeting rhythms, lengths, whole numbers.

A coordinator writes ``meetings: every 2 weeks, 60 minutes`` or ``minimum contact: twice a
month``, the way they would say it, not a number in a unit they must look up. Each reader
returns the value, or None for its caller to say what is accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WEEKS_PER_MONTH = 52 / 12
"""Weeks in an average month, to compare "every 2 weeks" with "twice a month"."""

_NUMBER = r"(\d{1,3})"
_EVERY_WEEKS = re.compile(rf"every {_NUMBER} weeks?")
_TIMES_A_MONTH = re.compile(rf"{_NUMBER} times (?:a|per|each) month")
_MINUTES = re.compile(r"(\d{1,4}) ?(?:minutes?|mins?)")
_HOURS = re.compile(r"(an|one|\d{1,2}) hours?")

RHYTHM_EXAMPLES = (
    "'every week', 'every 2 weeks', 'once a month', 'twice a month', '3 times a month'"
)
"""What a meeting rhythm may look like, for messages."""


@dataclass(frozen=True)
class Rhythm:
    """How often meetings happen: every so many weeks, or so many times a month."""

    every_weeks: int | None = None
    times_per_month: int | None = None

    @property
    def per_month(self) -> float:
        """Meetings in an average month (every 2 weeks: about 2.17)."""
        if self.times_per_month is not None:
            return float(self.times_per_month)
        return WEEKS_PER_MONTH / (self.every_weeks or 1)


def _words(value: str) -> str:
    return " ".join(value.strip().lower().split())


def parse_rhythm(value: str) -> Rhythm | None:
    """``every 2 weeks``, ``weekly``, ``fortnightly``, ``once a month``, ``twice a month``,
    ``3 times a month`` -> a :class:`Rhythm`; None for anything else."""
    text = _words(value)
    fixed = {
        "every week": Rhythm(every_weeks=1),
        "weekly": Rhythm(every_weeks=1),
        "every other week": Rhythm(every_weeks=2),
        "fortnightly": Rhythm(every_weeks=2),
        "monthly": Rhythm(times_per_month=1),
        "once a month": Rhythm(times_per_month=1),
        "twice a month": Rhythm(times_per_month=2),
    }
    if text in fixed:
        return fixed[text]
    weeks = _EVERY_WEEKS.fullmatch(text)
    if weeks is not None:
        return Rhythm(every_weeks=int(weeks[1]))
    times = _TIMES_A_MONTH.fullmatch(text)
    if times is not None:
        return Rhythm(times_per_month=int(times[1]))
    return None


def parse_minutes(value: str) -> int | None:
    """``60 minutes``, ``45 min``, ``an hour``, ``2 hours`` -> minutes; None otherwise."""
    text = _words(value)
    minutes = _MINUTES.fullmatch(text)
    if minutes is not None:
        return int(minutes[1])
    hours = _HOURS.fullmatch(text)
    if hours is not None:
        return 60 * (1 if hours[1] in ("an", "one") else int(hours[1]))
    return None


def parse_whole(value: str, low: int, high: int) -> int | None:
    """``value`` as a whole number from ``low`` to ``high``; None otherwise."""
    text = value.strip()
    if not re.fullmatch(r"\d{1,4}", text) or not low <= int(text) <= high:
        return None
    return int(text)
