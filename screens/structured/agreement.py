"""The mentoring agreement generated from the answers: read it, then each side acknowledges it."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from screens.markdown_lite import markdown_content
from screens.structured.base import (
    StructuredPanel,
    reload_unless_removed,
    today,
)
from screens.structured.forms import NameForm
from screens.text_safety import tell, user_line, user_text
from workbook.agreement import (
    acknowledge,
    current_agreement,
    latest_agreement,
    review_due,
)
from workbook.errors import WorkbookError
from workbook.models import AgreementVersion, Role


def agreement_sections(markdown: str) -> list[str]:
    """The agreement's Markdown cut before each ``## `` heading (no empty pieces)."""
    pieces: list[list[str]] = [[]]
    for line in markdown.splitlines():
        if line.startswith("## ") and pieces[-1]:
            pieces.append([])
        pieces[-1].append(line)
    return [text for piece in pieces if (text := "\n".join(piece).strip())]


def local_time(moment: datetime) -> str:
    """``moment`` in the local time zone, e.g. ``2026-01-05 14:02``."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def acknowledgement_line(version: AgreementVersion, role: Role, name: str) -> Content:
    """``Mentor (Priya): acknowledged 2026-01-05 14:02`` or ``... awaiting acknowledgement``."""
    ack = version.acknowledged_by(role)
    if ack is None:
        return Content.assemble(
            (f"{role.value.capitalize()} ", "bold"),
            (f"({user_line(name)})", "$text-muted"),
            ": ",
            ("awaiting acknowledgement", "$warning italic"),
        )
    return Content.assemble(
        (f"{role.value.capitalize()} ", "bold"),
        ": acknowledged by ",
        (user_line(ack.name), "bold"),
        f" on {local_time(ack.at)}",
        (" ✓", "$success bold"),
    )


class AgreementPanel(StructuredPanel):
    """The current agreement version, its review date and both sides' acknowledgements.

    The agreement is drawn up from the answers when the panel is mounted and each time it is
    shown again (``on_show``); drafting stores nothing, so opening a workbook writes nothing.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "acknowledge", "Acknowledge"),
    ]
    READ_ONLY_ACTIONS = frozenset({"acknowledge"})

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.version: AgreementVersion | None = None
        self._shown_text: str | None = None

    def compose_body(self) -> ComposeResult:
        """Status lines, the acknowledge button, then the agreement text."""
        yield Static("", classes="agreement-meta")
        yield Static("", classes="agreement-acks")
        with Horizontal(classes="agreement-buttons"):
            yield Button(
                self._button_label(),
                id="acknowledge",
                compact=True,
                variant="primary",
                disabled=not self.editable,
            )
            yield Static("", classes="agreement-hint")
        with Vertical(classes="agreement-text"):
            yield Static("Preparing the agreement from your answers…")

    def on_mount(self) -> None:
        """Draw up the agreement at once, shown or not: drafting stores nothing (only
        acknowledging writes a version), so a step built in the background can have its final
        text and status ready, and a step whose Show never comes still shows the truth."""
        reload_unless_removed(self, self.reload)

    def _button_label(self) -> str:
        return f"Acknowledge as {self.context.role.value}"

    def _current(self) -> AgreementVersion | None:
        """The version for the latest answers (a new or redrafted one when they changed)."""
        service = self.context.service
        if not self.editable:
            return latest_agreement(service)
        try:  # (drafting stores nothing: only acknowledging writes a version)
            return current_agreement(service, self.context.pack, today())
        except (WorkbookError, ValidationError) as error:
            tell(self, f"The agreement could not be drawn up: {error}", severity="error")
            return latest_agreement(service)

    def reload(self) -> None:
        """Show the agreement as it stands now."""
        version = self._current()
        if version is not None and self.version is not None and version == self.version:
            return  # nothing changed since it was last shown
        self.version = version
        self._render_version(version)

    def _show_text(self, markdown: str) -> None:
        """Show the agreement's text, a section per widget: only the sections on view are
        drawn (one widget for the whole document drew every line of it on every frame)."""
        if markdown == self._shown_text:
            return
        self._shown_text = markdown
        container = self.query_one(".agreement-text", Vertical)
        container.remove_children()
        container.mount_all(
            Static(markdown_content(section), classes="agreement-section")
            for section in agreement_sections(markdown)
        )

    def _render_version(self, version: AgreementVersion | None) -> None:
        meta = self.query_one(".agreement-meta", Static)
        acks = self.query_one(".agreement-acks", Static)
        button = self.query_one("#acknowledge", Button)
        hint = self.query_one(".agreement-hint", Static)
        if version is None:
            meta.update("No agreement has been drawn up yet.")
            acks.update("")
            self._show_text("")
            button.display = False
            return
        service = self.context.service
        earlier = len(service.agreements()) - 1
        parts: list[tuple[str, str] | str] = [
            (f"Version {version.version}", "bold"),
            f"  ·  review by {version.review_on.isoformat()}",
        ]
        if review_due(service, today()):
            parts.append(("  ·  REVIEW DUE", "$warning bold"))
        if earlier > 0:
            parts.append(
                (f"  ·  {earlier} earlier version{'s' if earlier > 1 else ''} kept", "$text-muted")
            )
        if version.fully_acknowledged:
            parts.append(("  ·  acknowledged by both", "$success"))
        meta.update(Content.assemble(*parts))
        relationship = service.relationship
        names = {Role.MENTOR: relationship.mentor, Role.MENTEE: relationship.mentee}
        acks.update(
            Content("\n").join(acknowledgement_line(version, role, names[role]) for role in Role)
        )
        mine = version.acknowledged_by(self.context.role)
        button.display = self.editable
        button.label = self._button_label() if mine is None else "Acknowledge again"
        if not self.editable:
            hint.update("")
        elif mine is None:
            hint.update(Content.styled("press k or the button", "$text-muted"))
        else:
            hint.update(
                Content.styled(
                    f"You acknowledged version {version.version}; changes make a new version.",
                    "$text-muted",
                )
            )
        # The light renderer (as for guidance): a Content, never Rich markup ("[bold]" in an
        # answer stays as typed), and far cheaper to lay out than a rich Markdown document.
        self._show_text(user_text(version.text))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The acknowledge button."""
        if event.button.id == "acknowledge":
            event.stop()
            self.action_acknowledge()

    def action_acknowledge(self) -> None:
        """Ask for the name (prefilled) and record this side's acknowledgement."""
        if self.refuse_if_read_only():
            return
        self.reload()
        if self.version is None:
            return
        role = self.context.role
        relationship = self.context.service.relationship
        existing = self.version.acknowledged_by(role)
        name = (
            existing.name
            if existing
            else (relationship.mentor if role is Role.MENTOR else relationship.mentee)
        )
        heading = f"Acknowledge version {self.version.version} of the agreement as the {role.value}"
        self.app.push_screen(NameForm(heading, name), self._acknowledged)

    def _acknowledged(self, name: object) -> None:
        if not isinstance(name, str):
            return
        service, role = self.context.service, self.context.role
        months = self.context.pack.review_months
        version = self.change(
            lambda: acknowledge(service, role, name, today=today(), review_months=months)
        )
        if version is not None:
            self.version = version
            self._render_version(version)
            tell(self, f"Acknowledged as the {role.value}", timeout=3)
