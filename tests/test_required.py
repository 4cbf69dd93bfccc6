"""Required questions still open (``workbook.required``): what is due by the session held,
with the step each is on, and the one short list the close of a meeting shows."""

from __future__ import annotations

from pathlib import Path

from core_helpers import new_service

from workbook.content.model import Pack, Prompt, PromptKind, SessionTag, Tab
from workbook.models import Author, Role
from workbook.required import summary_lines, unanswered_required


def _pack() -> Pack:
    prep = Tab(
        id="prep",
        title="Preparation",
        prompts=(
            Prompt(
                id="hope", title="What do you hope for?", kind=PromptKind.LONG_TEXT, required=True
            ),
            Prompt(id="extra", title="Anything else?", kind=PromptKind.LONG_TEXT),
        ),
    )
    second = Tab(
        id="second",
        title="Second session",
        session=SessionTag.SECOND,
        prompts=(
            Prompt(
                id="review",
                title="How is it going?",
                kind=PromptKind.LONG_TEXT,
                required=True,
                session=SessionTag.SECOND,
            ),
        ),
    )
    return Pack(id="p", title="P", version="1.0", tabs=(prep, second))


def test_required_questions_due_by_the_session_with_their_step(tmp_path: Path) -> None:
    pack = _pack()
    with new_service(tmp_path) as svc:
        lines = [u.line(Role.MENTOR) for u in unanswered_required(svc, pack, Role.MENTOR)]
        assert lines == [
            "Preparation: What do you hope for? (mentor)",
            "Preparation: What do you hope for? (mentee)",
        ]
        svc.set_answer("hope", Author.MENTOR, "To grow")
        svc.start_session()
        svc.start_session()
        missing = unanswered_required(svc, pack, Role.MENTOR)
        assert [(u.prompt.id, u.author) for u in missing] == [
            ("hope", Author.MENTEE),
            ("review", Author.MENTOR),
            ("review", Author.MENTEE),
        ]


def test_summary_is_one_short_list_with_the_rest_counted(tmp_path: Path) -> None:
    pack = _pack()
    with new_service(tmp_path) as svc:
        svc.start_session()
        svc.start_session()
        missing = unanswered_required(svc, pack, Role.MENTEE)
        assert summary_lines(missing, Role.MENTEE, limit=2) == [
            "• Preparation: What do you hope for? (mentor)",
            "… and 3 more",
        ]
        assert summary_lines(missing[:1], Role.MENTEE, bullet="- ") == [
            "- Preparation: What do you hope for? (mentor)"
        ]
