"""Shared fixtures: a throw-away home folder for every test that asks for one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from screens.app import MentorWorkbookApp
from workbook import paths


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh home folder (via ``MENTOR_WORKBOOK_HOME``); any ``--home`` override is reset."""
    folder = tmp_path / "home"
    monkeypatch.setenv(paths.HOME_ENV_VAR, str(folder))
    paths.set_home_override(None)
    yield folder
    paths.set_home_override(None)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Long-running tests first (in their usual order), then the rest: started last, one of
    them would leave the other workers idle while it runs on."""
    items.sort(key=lambda item: item.get_closest_marker("long_running") is None)


@pytest.fixture(autouse=True)
def build_ahead(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Whether workbooks build their hidden steps ahead in this test: only when it is marked
    ``build_ahead`` (tests that move between steps after changing something, where a step
    built ahead must be brought up to date). Building ahead is most of an app start's cost,
    and a step built when first shown shows the same (tests/test_build_ahead.py checks)."""
    wanted = request.node.get_closest_marker("build_ahead") is not None
    monkeypatch.setattr(MentorWorkbookApp, "build_steps_ahead", wanted)
    return wanted
