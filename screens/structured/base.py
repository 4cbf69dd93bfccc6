"""What every structured prompt widget shares: its heading, the read-only note, saving."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar, TypeVar

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList, Static

from screens.context import WorkbookContext
from screens.prompt_card import guidance_widget, prompt_title
from screens.step_pane import UNSEEN
from screens.text_safety import tell
from screens.wording import wording
from workbook.content.model import Prompt
from workbook.errors import WorkbookError

T = TypeVar("T")

READ_ONLY_NOTE = "Read-only: this relationship cannot be changed here."
"""Shown on every structured widget when the workbook is not editable."""


def today() -> date:
    """Today's local date (one place, so tests and widgets agree)."""
    return date.today()


class StructuredChanged(Message):
    """A structured widget changed the relationship through the service (the workbook
    screen schedules the save, as for an :class:`~screens.editors.base.AnswerEdited`)."""


SESSION_AWARE = "session-aware"
"""The class of widgets that show the current session's data: they are sent
:class:`SessionStarted` when a new session starts."""


class SessionStarted(Message, bubble=False):
    """Sent to each ``session-aware`` widget when a new session has started (``ctrl+g``)."""


class KeepsTypedText:
    """A structured widget whose text fields are kept as their change messages arrive.

    A key changes a field at once and its message reaches the widget's handler a few
    messages later; the workbook calls :meth:`keep_typed_text` when it saves at once (the
    app stopping among those times), so that what the fields show is what is kept.
    """

    def keep_typed_text(self) -> None:
        """Keep what the text fields show now, where it differs from what is held."""
        raise NotImplementedError


def notify_structured_change(widget: Widget) -> None:
    """Tell the workbook screen that something was saved through the service (autosave)."""
    widget.post_message(StructuredChanged())


def displayed(widget: Widget) -> bool:
    """True when ``widget`` is on view: it and all its ancestors are displayed (its step is
    the shown one), and its step is not just being laid out out of sight."""
    return all(
        node.display and not node.has_class(UNSEEN)
        for node in widget.ancestors_with_self
        if isinstance(node, Widget)
    )


def reload_unless_removed(widget: Widget, reload: Callable[[], None]) -> None:
    """Run ``reload`` unless ``widget`` is being taken down with its children already gone.

    A tab built in the background can still be finishing its mount when the workbook or the
    app closes; its ``on_mount`` then finds no children to fill. Anything else that finds no
    child is a real error and is raised.
    """
    try:
        reload()
    except NoMatches:
        if widget.is_attached and widget.children:
            raise


class StructuredPanel(Vertical):
    """A structured prompt: heading, guidance, read-only note, then the widget's own body.

    Subclasses implement :meth:`compose_body` and may implement :meth:`reload`, which runs
    each time the panel is shown again (another tab may have changed the data).
    """

    READ_ONLY_ACTIONS: ClassVar[frozenset[str]] = frozenset()
    """Actions that change data: refused (and hidden from the footer) when read-only."""

    def __init__(self, prompt: Prompt, context: WorkbookContext) -> None:
        super().__init__(
            id=f"prompt-{prompt.id}",
            classes=f"structured structured-{prompt.kind.value}",
        )
        self.prompt = prompt
        self.context = context

    @property
    def editable(self) -> bool:
        """True when changes may be made (the relationship is active and writable)."""
        return self.context.editable

    def compose(self) -> ComposeResult:
        """Heading and guidance (in the viewer's words), the read-only note when needed, then
        the body."""
        title, guidance = wording(self.prompt, self.context)
        yield Static(prompt_title(self.prompt, title), classes="prompt-title")
        if guidance:
            yield guidance_widget(guidance, "prompt-guidance")
        if not self.editable:
            yield Static(READ_ONLY_NOTE, classes="structured-read-only")
        yield from self.compose_body()

    def compose_body(self) -> ComposeResult:
        """The widget's own contents."""
        yield from ()

    def on_show(self) -> None:
        """Refresh from the service whenever the step is shown again (not when it is laid
        out in advance, out of sight: opening a workbook changes nothing)."""
        if displayed(self):
            reload_unless_removed(self, self.reload)

    def reload(self) -> None:
        """Re-read the data from the service (default: nothing to do)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Data-changing actions are off (and hidden) when the workbook is read-only."""
        if action in self.READ_ONLY_ACTIONS and not self.editable:
            return False
        return True

    def refuse_if_read_only(self) -> bool:
        """Say so and return True when nothing may be changed."""
        if self.editable:
            return False
        tell(self, READ_ONLY_NOTE, severity="warning")
        return True

    def change(self, operation: Callable[[], T]) -> T | None:
        """Run a save through the service, then schedule the autosave; errors are shown."""
        if self.refuse_if_read_only():
            return None
        try:
            result = operation()
        except (WorkbookError, ValidationError, ValueError) as error:
            tell(self, _one_line(error), severity="error")
            return None
        notify_structured_change(self)
        return result


def _one_line(error: Exception) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0] if error.errors() else {"msg": str(error)}
        return f"Not saved: {first.get('msg', error)}"
    return f"Not saved: {error}"


class ItemList(OptionList):
    """The list of goals or action items; enter edits the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Edit"),
    ]

    def __init__(self, editable: bool, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.editable = editable

    def highlighted_uid(self) -> str | None:
        """The uid (option id) of the highlighted goal or action, if any."""
        if self.highlighted is None or self.option_count == 0:
            return None
        return self.get_option_at_index(self.highlighted).id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter (edit) is off when the workbook is read-only."""
        if action == "select" and not self.editable:
            return False
        return True


class ListPanel(StructuredPanel):
    """A structured panel built around one :class:`ItemList` (goals, action items)."""

    def on_mount(self) -> None:
        """Fill the list."""
        reload_unless_removed(self, self.reload)

    @property
    def item_list(self) -> ItemList:
        """The panel's list."""
        return self.query_one(ItemList)
