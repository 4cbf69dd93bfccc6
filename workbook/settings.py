"""User settings kept between runs (the theme, the calendar reminder), in ``<home>/settings.json``.

Read with the standard library only: the app reads the theme before its first frame.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from workbook import paths
from workbook.atomic import atomic_write_text

MAX_REMINDER_MINUTES = 40 * 24 * 60


@dataclass
class Settings:
    """Preferences remembered between runs."""

    theme: str = "textual-dark"
    """Name of the Textual theme last chosen."""
    calendar_reminder_minutes: int = 24 * 60
    """How long before each event the calendar export's reminder goes off (0: no reminder)."""


def _from_stored(stored: Any) -> Settings:
    """``stored`` (the parsed file) as settings: each value of the right type and range is
    kept, anything else falls back to its default."""
    settings = Settings()
    if not isinstance(stored, dict):
        return settings
    theme = stored.get("theme")
    if isinstance(theme, str):
        settings.theme = theme
    minutes = stored.get("calendar_reminder_minutes")
    if type(minutes) is int and 0 <= minutes <= MAX_REMINDER_MINUTES:
        settings.calendar_reminder_minutes = minutes
    return settings


def load_settings() -> Settings:
    """The saved settings, or defaults when there are none or they cannot be read."""
    try:
        return _from_stored(json.loads(paths.settings_path().read_text("utf-8")))
    except (OSError, ValueError):
        return Settings()


def save_settings(settings: Settings) -> None:
    """Write the settings atomically (best effort: a read-only home is not an error)."""
    try:
        paths.ensure_private_dir(paths.home_dir())
        atomic_write_text(paths.settings_path(), json.dumps(asdict(settings), indent=2) + "\n")
    except OSError:
        pass
