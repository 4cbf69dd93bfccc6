"""What the next opening of a workbook shows first (see :mod:`workbook.first_look`), taken
from the real widgets when it closes.

The first step is built the way the workbook screen builds it, for the relationship's own
side and not presenting, and each widget of its first screenful is written down as plain
data: its classes and its text as Textual markup (``Content.markup``, which reads back as the
same text and styles). So the privacy of every answer, the wording for the viewer, the
progress, which questions a condition hides: all of it was decided by the code that draws the
real screen. A step whose first screenful holds more than text (an editor, a structured
panel, a privacy toggle, another copy's conflicting value, earlier sessions' answers) ends
what is written down: the first screenful is kept up to it (it is nearly always below the
fold), and when the very first card is one, nothing is kept and the next opening builds the
step the usual way. So is a step whose first field to focus is not an answer's text.

Shapes of the parts (``FirstLook.parts``): ``{"kind": "static", "classes", "text"}`` (the
step's progress line, its introduction, a statement, the empty-step line) and
``{"kind": "card", "id", "heading", "answers": [{"classes", "text", "label", "focus"}]}``.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget

from screens.answer_view import AnswerView, ReadOnlyAnswer
from screens.context import WorkbookContext
from screens.markdown_lite import markdown_content
from screens.prompt_card import PromptCard
from screens.statement_card import StatementCard
from screens.tab_view import TabView, progress_content
from screens.workbook_look import first_part_size
from screens.workbook_screen import WorkbookScreen, session_label, step_list
from workbook.agreement_state import agreement_status
from workbook.content.model import Pack, Tab
from workbook.first_look import FirstLook
from workbook.models import Role
from workbook.progress import Progress, tab_progress
from workbook.service import WorkbookService

LOOK_ROWS = 80
"""The tallest screen the kept first screenful serves (a shorter one shows fewer cards)."""


def _answer(widget: Widget) -> dict[str, Any] | None:
    if not isinstance(widget, AnswerView | ReadOnlyAnswer):
        return None  # an editor (a scale): not text
    content = widget.content
    text = content.markup if isinstance(content, Content) else None
    if text is None:
        return None
    return {
        "classes": " ".join(sorted(widget.classes)),
        "text": text,
        "label": str(widget.border_title or ""),
        "focus": isinstance(widget, AnswerView),
    }


def _card(card: Widget) -> dict[str, Any] | None:
    """``card`` as plain data, or None when it is more than text."""
    if isinstance(card, StatementCard):
        content = card.content
        if not isinstance(content, Content):
            return None
        return {"kind": "static", "classes": "statement-card", "text": content.markup}
    if not isinstance(card, PromptCard) or card.extras():
        return None
    answers = [_answer(widget) for widget in card.answers()]
    if any(answer is None for answer in answers):
        return None
    return {
        "kind": "card",
        "id": card.id or "",
        "heading": card.heading().markup,
        "answers": answers,
    }


def first_step_parts(context: WorkbookContext, progress: Progress) -> list[dict[str, Any]] | None:
    """The first step's first screenful (up to :data:`LOOK_ROWS` rows; ``progress``: the
    step's) as plain data, down to the first card that is more than text; None when the
    first card already is, or no answer there takes the focus."""
    tab = context.pack.tabs[0]
    view = TabView(tab, context)
    line = progress_content(progress)
    parts: list[dict[str, Any]] = []
    if line is not None:
        parts.append({"kind": "static", "classes": "step-progress", "text": line.markup})
    if tab.intro:
        intro = markdown_content(tab.intro).markup
        parts.append({"kind": "static", "classes": "tab-intro", "text": intro})
    focus_given = False
    for card in view.build_cards()[: first_part_size(LOOK_ROWS)]:
        if not card.display:
            continue
        part = _card(card)
        if part is None:
            break  # (further down: the real screen brings it, below the first screenful)
        for answer in part.get("answers", []):
            answer["focus"] = answer["focus"] and not focus_given
            focus_given = focus_given or answer["focus"]
        parts.append(part)
    return parts if focus_given else None


def first_look(service: WorkbookService, pack: Pack) -> FirstLook | None:
    """What the workbook of ``service`` shows first when next opened by its owner (None when
    it has nothing to show without its editors, or the relationship opens read-only)."""
    relationship = service.relationship
    role: Role = relationship.owner_role
    context = WorkbookContext(service, pack, role)
    if not context.editable or not pack.tabs:
        return None
    counted: dict[str, Progress] = {}

    def progress_of(tab: Tab) -> Progress:
        if tab.id not in counted:
            counted[tab.id] = tab_progress(service, pack, tab, role)
        return counted[tab.id]

    parts = first_step_parts(context, progress_of(pack.tabs[0]))
    if parts is None:
        return None
    session = service.current_session()
    steps = [asdict(step) for step in step_list(context, progress_of, _has_orphans(context))]
    header = {
        "pair": relationship.pair,
        "role": role.value.capitalize(),
        "session_label": session_label(session),
        "clock_seconds": session.clock_seconds if session else None,
        "session_closed": session is not None and not session.is_open,
    }
    return FirstLook(role.value, header, steps, parts, _changes_on(service, pack), workbook_keys())


def workbook_keys() -> tuple[tuple[str, str], ...]:
    """The keys the workbook's key bar shows as it opens (the focused answer adds none):
    the screen's shown bindings, one per action."""
    keys: list[tuple[str, str]] = []
    actions: set[str] = set()
    for binding in WorkbookScreen.BINDINGS:
        if isinstance(binding, Binding) and binding.show and binding.action not in actions:
            actions.add(binding.action)
            keys.append((binding.key, binding.description))
    return tuple(keys)


def _changes_on(service: WorkbookService, pack: Pack) -> date | None:
    """The first day the look may read differently with the file unchanged: when the
    agreement's review falls due (the step bar counts it); None when no day changes it."""
    today = date.today()
    review_on = agreement_status(service, pack, today).review_on
    return review_on if review_on is not None and review_on > today else None


def _has_orphans(context: WorkbookContext) -> bool:
    from screens.orphans import orphan_answers

    return bool(orphan_answers(context))
