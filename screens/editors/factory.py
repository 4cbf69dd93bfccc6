"""Builds the right editor widget for a prompt's kind."""

from __future__ import annotations

from textual.widget import Widget

from screens.editors.choice import MultiChoiceEditor, SingleChoiceEditor, YesNoEditor
from screens.editors.ranking import RankingEditor, ScaleEditor
from workbook.content.model import Prompt, PromptKind
from workbook.models import AnswerValue, Author


def build_editor(prompt: Prompt, author: Author, value: AnswerValue, *, label: str = "") -> Widget:
    """An editor for ``author``'s answer to ``prompt`` (read-only answers are shown as text).

    ``label`` (e.g. "Mentor") is shown in the editor's border, or before a scale.
    """
    kind = prompt.kind
    common = {"classes": f"editor editor-{kind.value}"}
    editor: Widget
    if kind is PromptKind.SINGLE_CHOICE:
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
    else:
        editor = _text_editor(prompt, author, value, common["classes"])
    if label:
        if isinstance(editor, ScaleEditor):
            editor.label = label
        else:
            editor.border_title = label
    return editor


def _text_editor(prompt: Prompt, author: Author, value: AnswerValue, classes: str) -> Widget:
    """A one-line or many-line text editor (a date and a link are checked lines). Imported
    with the first one built: the first frame shows answers as text, and TextArea is among
    the costliest widgets to import."""
    from screens.editors.text import DateEditor, LinkEditor, LongTextEditor, ShortTextEditor

    kind = prompt.kind
    if kind is PromptKind.SHORT_TEXT:
        return ShortTextEditor(prompt.id, author, value, classes=classes)
    if kind is PromptKind.DATE:
        return DateEditor(prompt.id, author, value, classes=classes)
    if kind is PromptKind.LINK:
        return LinkEditor(prompt.id, author, value, classes=classes)
    return LongTextEditor(prompt.id, author, value, classes=classes)
