"""Preparation flowing into the session, on screen (:mod:`workbook.preparation`).

The mentee's draft goals are offered in the goal form as starting points (picking one fills
the title), the topics both sides wanted to raise are the first session's agenda on the
notes step, and each person suggested as a contact is a row of the action list that becomes
an action ("Speak to ...") with ``enter``. Whoever is looking sees only what the one privacy
rule lets them (an audience, in presenting mode, nothing private).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Select

from screens.context import WorkbookContext
from screens.form_screen import field
from screens.text_safety import user_line
from workbook.models import Role
from workbook.preparation import draft_goals, first_session_agenda, suggested_contacts
from workbook.text import one_line

STARTING_POINT_ID = "starting-point"
"""The id of the goal form's "start from" drop-down."""
SUGGESTION_PREFIX = "suggest-"
"""Option ids of suggested contacts in the action list (``suggest-0``...)."""
TITLE_MAX = 200
"""The goal form's title field holds at most this many characters."""


def viewer(context: WorkbookContext) -> Role | None:
    """Who is looking: the role, or None (an audience) in presenting mode."""
    return None if context.presenting else context.role


def draft_goal_titles(context: WorkbookContext) -> list[str]:
    """The mentee's draft goals from the preparation (and joint ones), once each."""
    points = draft_goals(context.service, context.pack, viewer(context))
    titles = [p.text[:TITLE_MAX] for p in points if p.author != Role.MENTOR.value]
    return list(dict.fromkeys(titles))


def starting_point_field(points: Sequence[str]) -> Horizontal:
    """The goal form's row offering ``points`` as starting points for the title."""
    options = [(Content(user_line(point)), point) for point in points]
    return field(
        "Start from",
        Select(
            options,
            id=STARTING_POINT_ID,
            prompt="a draft goal from the preparation",
            compact=True,
        ),
    )


def agenda_content(context: WorkbookContext) -> Content | None:
    """The first session's agenda: the topics both wanted to raise (None when there are
    none)."""
    points = first_session_agenda(context.service, context.pack, viewer(context))
    if not points:
        return None
    lines = [Content.styled("Agenda from the preparation", "bold")]
    lines += [
        Content.assemble("• ", user_line(point.text), (f"  ({point.author})", "$text-muted"))
        for point in points
    ]
    return Content("\n").join(lines)


def open_contact_suggestions(context: WorkbookContext) -> list[str]:
    """The people suggested as contacts that are not an action yet ("Speak to ...")."""
    service = context.service
    taken = {one_line(item.text).casefold() for item in service.actions()}
    found = [p.text for p in suggested_contacts(service, context.pack, viewer(context))]
    return [
        text
        for text in dict.fromkeys(found)
        if f"speak to {one_line(text)}".casefold() not in taken
    ]
