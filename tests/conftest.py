"""Shared fixtures: a throw-away home folder for every test that asks for one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workbook import paths


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh home folder (via ``MENTOR_WORKBOOK_HOME``); any ``--home`` override is reset."""
    folder = tmp_path / "home"
    monkeypatch.setenv(paths.HOME_ENV_VAR, str(folder))
    paths.set_home_override(None)
    yield folder
    paths.set_home_override(None)
