"""Builds the right editor widget for a prompt's kind."""

from __future__ import annotations

from textual.widget import Widget

from screens.editors.choice import MultiChoiceEditor, SingleChoiceEditor, YesNoEditor
from screens.editors.ranking import RankingEditor, ScaleEditor
from screens.editors.text import DateEditor, LinkEditor, LongTextEditor, ShortTextEditor
from workbook.content.model import Prompt, PromptKind
from workbook.models import AnswerValue, Author


def build_editor(prompt: Prompt, author: Author, value: AnswerValue, *, label: str = "") -> Widget:
    """An editor for ``author``'s answer to ``prompt`` (read-only answers are shown as text).

    ``label`` (e.g. "Mentor") is shown in the editor's border, or before a scale.
    """
    kind = prompt.kind
    common = {"classes": f"editor editor-{kind.value}"}
    editor: Widget
    if kind is PromptKind.SHORT_TEXT:
        editor = ShortTextEditor(prompt.id, author, value, **common)
    elif kind is PromptKind.DATE:
        editor = DateEditor(prompt.id, author, value, **common)
    elif kind is PromptKind.SINGLE_CHOICE:
        editor = SingleChoiceEditor(prompt.id, author, value, prompt.options, **common)
    elif kind is PromptKind.YES_NO:
        editor = YesNoEditor(prompt.id, author, value, **common)
    elif kind in (PromptKind.MULTIPLE_CHOICE, PromptKind.CHECKLIST):
        editor = MultiChoiceEditor(prompt.id, author, value, prompt.options, **common)
    elif kind is PromptKind.RANKING:
        editor = RankingEditor(prompt.id, author, value, prompt.options, **common)
    elif kind is PromptKind.SCALE:
        editor = ScaleEditor(
            prompt.id,
            author,
            value,
            prompt.scale_min,
            prompt.scale_max,
            prompt.scale_labels,
            **common,
        )
    elif kind is PromptKind.LINK:
        editor = LinkEditor(prompt.id, author, value, **common)
    else:
        editor = LongTextEditor(prompt.id, author, value, **common)
    if label:
        if isinstance(editor, ScaleEditor):
            editor.label = label
        else:
            editor.border_title = label
    return editor
