"""User settings kept between runs (the theme, the calendar reminder), in ``<home>/settings.json``."""

from __future__ import annotations

import json

from pydantic import BaseModel, Field, ValidationError

from workbook import paths
from workbook.atomic import atomic_write_text


class Settings(BaseModel):
    """Preferences remembered between runs."""

    theme: str = "textual-dark"
    """Name of the Textual theme last chosen."""
    calendar_reminder_minutes: int = Field(default=24 * 60, ge=0, le=40 * 24 * 60)
    """How long before each event the calendar export's reminder goes off (0: no reminder)."""


def load_settings() -> Settings:
    """The saved settings, or defaults when there are none or they cannot be read."""
    try:
        return Settings.model_validate(json.loads(paths.settings_path().read_text("utf-8")))
    except (OSError, ValueError, ValidationError):
        return Settings()


def save_settings(settings: Settings) -> None:
    """Write the settings atomically (best effort: a read-only home is not an error)."""
    try:
        paths.ensure_private_dir(paths.home_dir())
        atomic_write_text(paths.settings_path(), settings.model_dump_json(indent=2) + "\n")
    except OSError:
        pass
