"""Private answers and notes never leave their file unless --include-private is given."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from core_helpers import PRIVATE_MARKER, make_pack, new_service

from workbook import paths
from workbook.agreement import current_agreement
from workbook.cli import main
from workbook.exports import EXPORTERS, export_text
from workbook.models import Author, Cadence, Note, Role, Visibility
from workbook.sharing import share_copy

NOTE_MARKER = "QQ-PRIVATE-NOTE-4410"


@pytest.fixture
def path(home: Path) -> Path:
    with new_service(paths.relationships_dir()) as svc:
        svc.set_answer("expect", Author.MENTEE, "shared words")
        svc.set_answer("secret", Author.MENTEE, PRIVATE_MARKER, Visibility.PRIVATE)
        svc.set_answer("expect", Author.MENTOR, PRIVATE_MARKER, Visibility.PRIVATE)
        svc.save(Note(author=Role.MENTOR, session_number=1, text=NOTE_MARKER))
        svc.start_session()
        svc.update_relationship(
            cadence=Cadence(first_meeting=datetime(2025, 1, 6, 9, tzinfo=UTC)),
            follow_up_on=date(2025, 12, 1),
        )
        current_agreement(svc, make_pack(), date(2025, 1, 6))
        return svc.path


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_no_public_export_holds_private_text(path: Path, fmt: str) -> None:
    from workbook.service import WorkbookService

    svc = WorkbookService.open(path, read_only=True)
    text = export_text(svc, fmt)
    assert PRIVATE_MARKER not in text and NOTE_MARKER not in text
    if fmt != "ics":
        assert "shared words" in text
        private = export_text(svc, fmt, include_private=True)
        assert PRIVATE_MARKER in private and NOTE_MARKER in private


def test_shared_copy_holds_nothing_private(path: Path, tmp_path: Path) -> None:
    from workbook.service import WorkbookService

    copy = share_copy(WorkbookService.open(path, read_only=True), tmp_path / "copy.json")
    data = copy.read_text(encoding="utf-8")
    assert PRIVATE_MARKER not in data and NOTE_MARKER not in data and "shared words" in data


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_cli_include_private(path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", path.stem, "--format", fmt]) == 0
    public = capsys.readouterr().out
    assert PRIVATE_MARKER not in public and NOTE_MARKER not in public
    assert main(["export", path.stem, "--format", fmt, "--include-private"]) == 0
    private = capsys.readouterr().out
    assert PRIVATE_MARKER in private and NOTE_MARKER in private


def test_a_new_answer_to_an_optional_prompt_starts_private() -> None:
    from workbook.content.model import Prompt, PromptKind
    from workbook.models import Visibility
    from workbook.privacy import new_answer_visibility

    def prompt(**flags: bool) -> Prompt:
        return Prompt(id="q", title="Q", kind=PromptKind.SHORT_TEXT, **flags)

    assert new_answer_visibility(prompt(private_optional=True)) is Visibility.PRIVATE
    assert new_answer_visibility(prompt(private=True)) is Visibility.PRIVATE
    assert new_answer_visibility(prompt()) is Visibility.SHARED
    assert new_answer_visibility(None) is Visibility.SHARED
