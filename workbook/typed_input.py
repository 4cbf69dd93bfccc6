"""Values as people type them in a form: dates, clock times, web addresses and whole numbers
within a model field's own limits. Each parser returns None (or an error sentence) instead of
raising, so a form can say what is wrong next to the field."""

from __future__ import annotations

from datetime import date, datetime, time
from urllib.parse import urlsplit

from annotated_types import Ge, Le
from pydantic import BaseModel


def parse_date(text: str) -> date | None:
    """``text`` as an ISO date (``YYYY-MM-DD``), or None when it is not one."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def parse_clock_time(text: str) -> time | None:
    """``text`` as a 24-hour time ``HH:MM``, or None."""
    try:
        return datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError:
        return None


def field_limits(model: type[BaseModel], name: str) -> tuple[int, int]:
    """The least and greatest value the model's field ``name`` accepts (its ``ge``/``le``)."""
    low, high = 0, 10**9
    for constraint in model.model_fields[name].metadata:
        if isinstance(constraint, Ge):
            low = int(constraint.ge)  # type: ignore[call-overload]
        elif isinstance(constraint, Le):
            high = int(constraint.le)  # type: ignore[call-overload]
    return low, high


def parse_whole_number(
    text: str, model: type[BaseModel], name: str, what: str
) -> tuple[int | None, str]:
    """``text`` as a whole number the model's field ``name`` accepts; or None and a sentence
    saying what is allowed (``what`` names the value, e.g. "Minutes")."""
    low, high = field_limits(model, name)
    text = text.strip()
    if not text.isdigit() or not low <= int(text) <= high:
        return None, f"{what} is a whole number from {low} to {high}."
    return int(text), ""


WEB_SCHEMES = ("http", "https")
"""The schemes a web address (a ``link`` answer) may have."""


def parse_web_address(text: str) -> str | None:
    """``text`` as a web address (``https://meet.example.org/abc``), or None when it is not one.

    It must start with ``http://`` or ``https://`` and name a host, and hold no spaces or
    control characters (a link is shown as a link, so nothing in it may act on a terminal).
    The address is returned without the spaces around it, otherwise as typed.
    """
    address = text.strip()
    if not address or any(char.isspace() or not char.isprintable() for char in address):
        return None
    try:
        parts = urlsplit(address)
        host, _port = parts.hostname, parts.port  # a port that is not a number raises
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not host:
        return None
    return address
