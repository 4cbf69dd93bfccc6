"""Editors for the structured prompt kinds: goals, actions, cadence, agreement, homework review.

Each module provides a widget class taking ``(prompt, context)``; :func:`structured_widget`
picks the right one. Modules are imported only when a tab that needs them is shown.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from textual.widget import Widget

from screens.context import WorkbookContext
from workbook.content.model import Prompt, PromptKind

WIDGETS: dict[PromptKind, str] = {
    PromptKind.GOAL_LIST: "screens.structured.goals:GoalsPanel",
    PromptKind.ACTION_LIST: "screens.structured.actions:ActionsPanel",
    PromptKind.CADENCE: "screens.structured.cadence:CadenceForm",
    PromptKind.AGREEMENT: "screens.structured.agreement:AgreementPanel",
    PromptKind.HOMEWORK_REVIEW: "screens.structured.homework:HomeworkReview",
}


def structured_widget(prompt: Prompt, context: WorkbookContext) -> Widget:
    """The editor widget for a structured ``prompt``."""
    module_name, class_name = WIDGETS[prompt.kind].split(":")
    widget_class: Callable[[Prompt, WorkbookContext], Widget] = getattr(
        importlib.import_module(module_name), class_name
    )
    return widget_class(prompt, context)
