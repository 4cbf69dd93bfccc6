"""Driving the session lifecycle in the app, as a user does: start a session with its date,
close the meeting, debrief homework, add an action, acknowledge the agreement."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Button, Input, RadioButton, RadioSet, TextArea

from screens.choice_screen import ChoiceScreen
from screens.close_meeting import NEW_ROW, CloseMeetingForm, HomeworkRow
from screens.recap_screen import RecapScreen
from screens.session_start import StartSessionForm
from screens.structured.actions import ActionsPanel
from screens.structured.agreement import AgreementPanel
from screens.structured.forms import ActionForm, ConfirmForm, NameForm
from screens.structured.homework import HomeworkItem, HomeworkReview
from screens.workbook_screen import WorkbookScreen
from tests.ui_support import built_ahead, settle, show_step, wait_for_text, wait_until


def workbook(pilot: Pilot) -> WorkbookScreen:  # type: ignore[type-arg]
    """The workbook screen (under any dialog)."""
    return next(s for s in pilot.app.screen_stack if isinstance(s, WorkbookScreen))


async def wait_for_screen(pilot: Pilot, kind: type) -> None:  # type: ignore[type-arg]
    """Wait until a ``kind`` screen is the one shown."""
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, kind), kind.__name__)
    await settle(pilot)


async def wait_for_workbook(pilot: Pilot) -> None:  # type: ignore[type-arg]
    """Wait until the dialogs are gone and the workbook is shown again."""
    await wait_until(
        pilot, lambda: isinstance(pilot.app.screen, WorkbookScreen), "back to the workbook"
    )
    await settle(pilot)


async def type_into(pilot: Pilot, selector: str, text: str) -> None:  # type: ignore[type-arg]
    """Focus the field ``selector`` of the shown screen, clear it and type ``text``."""
    field = pilot.app.screen.query_one(selector)
    field.focus()
    await settle(pilot)
    if isinstance(field, Input):
        field.value = ""
    elif isinstance(field, TextArea):
        field.clear()
    await pilot.press(*text)


async def start_session(pilot: Pilot, held_on: str, says: str) -> str:  # type: ignore[type-arg]
    """ctrl+g, check the dialog says ``says``, give the date, start; return the dialog's text."""
    await pilot.press("ctrl+g")
    await wait_for_screen(pilot, StartSessionForm)
    shown = await wait_for_text(pilot, says)
    await type_into(pilot, "#held-on", held_on)
    await pilot.press("enter")
    await wait_for_workbook(pilot)
    number = len(workbook(pilot).context.service.sessions())
    await wait_until(
        pilot,
        lambda: (
            workbook(pilot).header_bar.session_label == f"Session {number}"
            and built_ahead(workbook(pilot))
        ),
        f"session {number} shown",
    )
    return shown


async def close_meeting(
    pilot: Pilot,  # type: ignore[type-arg]
    next_date: str,
    next_time: str,
    recap: str,
    *,
    new_homework: str = "",
    due: dict[int, str] | None = None,
    open_with: str = "ctrl+f",
) -> tuple[str, str]:
    """Close the meeting (``open_with`` opens the dialog, or it is already open when "");
    return the close dialog's and the recap screen's text."""
    if open_with:
        await pilot.press(open_with)
    await wait_for_screen(pilot, CloseMeetingForm)
    form = pilot.app.screen
    dialog = await wait_for_text(pilot, "Close session")
    await type_into(pilot, "#next-date", next_date)
    await type_into(pilot, "#next-time", next_time)
    for index, day in (due or {}).items():
        row = list(form.query(HomeworkRow).results(HomeworkRow))[index]
        row.query_one(".due-date", Input).value = day
    if new_homework:
        await type_into(pilot, f"#{NEW_ROW}-text", new_homework)
    await type_into(pilot, "#recap", recap)
    await pilot.press("ctrl+s")
    await wait_for_screen(pilot, RecapScreen)
    recap_text = await wait_for_text(pilot, "Saved to")
    await pilot.press("escape")
    await wait_until(pilot, lambda: not isinstance(pilot.app.screen, RecapScreen), "recap closed")
    await settle(pilot)
    return dialog, recap_text


async def add_action(pilot: Pilot, text: str) -> None:  # type: ignore[type-arg]
    """Add an action item (the mentee's) in the goals step."""
    await show_step(pilot, "goals")
    panel = pilot.app.screen.query_one(ActionsPanel)
    panel.item_list.focus()
    await pilot.press("a")
    await wait_for_screen(pilot, ActionForm)
    await type_into(pilot, "#text", text)
    await pilot.press("ctrl+s")
    await wait_for_workbook(pilot)


async def debrief(pilot: Pilot, text: str, outcome: int) -> None:  # type: ignore[type-arg]
    """Give the homework ``text`` the outcome ``outcome`` (0 done, 1 partly, 2 not done)."""
    await show_step(pilot, "debrief")
    review = pilot.app.screen.query_one(HomeworkReview)
    await wait_until(
        pilot,
        lambda: any(row.item.text == text for row in review.query(HomeworkItem)),
        f"{text!r} in the debrief",
    )
    row = next(row for row in review.query(HomeworkItem) if row.item.text == text)
    button = row.query_one(RadioSet).query(RadioButton)[outcome]
    button.scroll_visible(animate=False, immediate=True)
    await settle(pilot)
    await pilot.click(button)
    await settle(pilot)


async def acknowledge(pilot: Pilot, *, warned: bool) -> None:  # type: ignore[type-arg]
    """Acknowledge the agreement as the current role (confirming the warning when
    ``warned``), keeping the prefilled name."""
    await show_step(pilot, "agreement")
    panel = pilot.app.screen.query_one(AgreementPanel)
    panel.query_one("#acknowledge", Button).focus()
    await pilot.press("k")
    if warned:
        await wait_for_screen(pilot, ConfirmForm)
        await pilot.press("y")
    await wait_for_screen(pilot, NameForm)
    await pilot.press("enter")
    await wait_for_workbook(pilot)


async def choose(pilot: Pilot, key: str) -> None:  # type: ignore[type-arg]
    """Answer the open :class:`ChoiceScreen` with ``key``."""
    await wait_for_screen(pilot, ChoiceScreen)
    await pilot.press(key)
