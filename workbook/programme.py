"""What a pack says about its programme, for the forms and summaries that show it.

A pack may suggest a meeting rhythm (``meetings: every 2 weeks, 60 minutes``), fix how many
sessions there are and over how many months (``sessions: 2``, ``months: 2``), and expect a
least amount of contact (``minimum contact: twice a month``). The cadence form starts from
:func:`default_cadence` and warns with :func:`contact_warning`; both are plain functions of
the pack and the cadence, so the screens, the command line and the tests share them.
"""

from __future__ import annotations

from typing import Any

from workbook.content.model import Pack
from workbook.content.phrases import Rhythm
from workbook.models import Cadence
from workbook.text import plural


def default_cadence(pack: Pack) -> Cadence:
    """The cadence a new relationship's form starts from: the pack's suggested rhythm, length
    and number of sessions, and the cadence's own defaults for what the pack leaves out."""
    defaults = pack.cadence_defaults
    if defaults is None:
        return Cadence()
    given: dict[str, Any] = {
        "every_weeks": defaults.every_weeks,
        "times_per_month": defaults.times_per_month,
        "duration_minutes": defaults.duration_minutes,
        "count": defaults.count,
    }
    return Cadence(**{key: value for key, value in given.items() if value is not None})


def contacts_per_month(cadence: Cadence) -> float:
    """Meetings in an average month at ``cadence`` (every 2 weeks: about 2.2)."""
    if cadence.times_per_month:
        return Rhythm(times_per_month=cadence.times_per_month).per_month
    return Rhythm(every_weeks=cadence.every_weeks).per_month


def times_a_month(count: int) -> str:
    """``once a month``, ``twice a month``, ``3 times a month``."""
    return {1: "once a month", 2: "twice a month"}.get(count, f"{count} times a month")


def contact_warning(cadence: Cadence, pack: Pack) -> str | None:
    """A sentence for the cadence form when ``cadence`` meets less often than the pack's
    minimum contact (None when it meets often enough, or the pack sets no minimum)."""
    minimum = pack.min_contacts_per_month
    if minimum is None or contacts_per_month(cadence) >= minimum:
        return None
    return (
        f"This programme expects contact at least {times_a_month(minimum)}; meeting "
        f"{cadence.rhythm} is about {contacts_per_month(cadence):.1f} a "
        "month. Short messages in between count too: agree how you will stay in touch."
    )


def programme_shape(pack: Pack) -> str:
    """``4 sessions over 6 months, every 2 weeks, 60 minutes, contact at least twice a
    month``: what the pack fixes and suggests, in words ("" when it says nothing)."""
    sessions, months = pack.planned_sessions, pack.programme_months
    shape = plural(sessions, "session") if sessions is not None else ""
    if months is not None:
        shape = f"{shape} over {plural(months, 'month')}" if shape else plural(months, "month")
    parts = [shape, _suggested_rhythm(pack)]
    if pack.min_contacts_per_month is not None:
        parts.append(f"contact at least {times_a_month(pack.min_contacts_per_month)}")
    return ", ".join(part for part in parts if part)


def _suggested_rhythm(pack: Pack) -> str:
    """The pack's suggested rhythm and length in the cadence's own words, without the count."""
    defaults = pack.cadence_defaults
    if defaults is None:
        return ""
    words: list[str] = []
    if defaults.every_weeks is not None or defaults.times_per_month is not None:
        words.append(default_cadence(pack).rhythm)
    if defaults.duration_minutes is not None:
        words.append(f"{defaults.duration_minutes} minutes")
    return ", ".join(words)
