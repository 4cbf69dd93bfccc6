"""The mentoring agreement generated from the answers: read it, then each side acknowledges it.

The panel always shows the current draft (:func:`workbook.agreement.current_agreement`: the
acknowledged version while it still says what the answers say, else the draft as the next
version), never a stored snapshot, and where it stands (:func:`workbook.agreement_state.
agreement_status`: "changed since acknowledged: 2 sections (...)", who it awaits, the one review
date). Acknowledging while sections are not agreed yet or required questions are unanswered
first lists them and asks.
"""

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
    notify_structured_change,
    reload_unless_removed,
    today,
)
from screens.structured.forms import ConfirmForm, NameForm
from screens.text_safety import tell, user_line, user_text
from workbook.agreement import (
    UnagreedSectionsError,
    acknowledge,
    current_agreement,
    latest_agreement,
)
from workbook.agreement_state import AgreementState, AgreementStatus, agreement_status
from workbook.content.model import PromptKind
from workbook.errors import WorkbookError
from workbook.models import AgreementVersion, Relationship, Role
from workbook.required import summary_lines, unanswered_required


def agreement_sections(markdown: str) -> list[str]:
    """The agreement's Markdown cut before each ``## `` heading (no empty pieces)."""
    pieces: list[list[str]] = [[]]
    for line in markdown.splitlines():
        if line.startswith("## ") and pieces[-1]:
            pieces.append([])
        pieces[-1].append(line)
    return [text for piece in pieces if (text := "\n".join(piece).strip())]


def state_content(
    status: AgreementStatus,
    relationship: Relationship,
    earlier: int,
    version: int,
    review_months: int,
) -> Content:
    """``Version 2 · changed since acknowledged: 1 section (Where we meet) · review by
    2026-07-05 · 1 earlier version kept``: the one line saying where the agreement stands."""
    label = user_line(status.label(relationship))
    style = {
        AgreementState.CHANGED: "$warning bold",
        AgreementState.REVIEW_DUE: "$warning bold",
        AgreementState.ACKNOWLEDGED: "$success",
    }.get(status.state, "")
    parts: list[tuple[str, str] | str] = [(f"Version {version}", "bold"), "  ·  "]
    parts.append((label, style))
    if status.review_on is not None and status.state not in (
        AgreementState.ACKNOWLEDGED,
        AgreementState.REVIEW_DUE,
    ):
        parts.append(f"  ·  review by {status.review_on.isoformat()}")
    elif status.review_on is None:
        parts.append((f"  ·  review {review_months} months after acknowledging", "$text-muted"))
    if status.review_due and status.state is not AgreementState.REVIEW_DUE:
        parts.append(("  ·  REVIEW DUE", "$warning bold"))
    if earlier > 0:
        parts.append(
            (f"  ·  {earlier} earlier version{'s' if earlier > 1 else ''} kept", "$text-muted")
        )
    return Content.assemble(*parts)


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
        self.status: AgreementStatus | None = None
        """Where the agreement stands (as last drawn up)."""
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

    def _current(self) -> tuple[AgreementVersion | None, AgreementStatus | None]:
        """The version for the latest answers (a new or redrafted one when they changed; in a
        read-only workbook too: drafting stores nothing) and where it stands."""
        service, pack = self.context.service, self.context.pack
        try:
            return current_agreement(service, pack, today()), agreement_status(
                service, pack, today()
            )
        except (WorkbookError, ValidationError) as error:
            tell(self, f"The agreement could not be drawn up: {error}", severity="error")
            return latest_agreement(service), None

    def reload(self) -> None:
        """Show the agreement as it stands now."""
        version, status = self._current()
        if (version, status) == (self.version, self.status) and version is not None:
            return  # nothing changed since it was last shown
        self.version = version
        self.status = status
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
        earlier = len([v for v in service.agreements() if v.acknowledgements])
        earlier -= 1 if version.acknowledgements else 0
        if self.status is not None:
            meta.update(
                state_content(
                    self.status,
                    service.relationship,
                    earlier,
                    version.version,
                    self.context.pack.review_months,
                )
            )
        else:
            meta.update(Content.styled(f"Version {version.version}", "bold"))
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
        """Acknowledge as this role: first, when sections are not agreed yet or required
        questions unanswered, list them and ask; then ask for the name (prefilled)."""
        if self.refuse_if_read_only():
            return
        self.reload()
        if self.version is None:
            return
        warning = self._warning()
        if warning is None:
            self._ask_name(refuse_unagreed=True)
            return

        def confirmed(answer: bool | None) -> None:
            if answer:
                self._ask_name(refuse_unagreed=False)

        self.app.push_screen(ConfirmForm(warning, confirm_label="Acknowledge anyway"), confirmed)

    def _warning(self, unagreed: list[str] | None = None) -> Content | None:
        """What is not settled yet (sections not agreed, required questions unanswered), as
        a question; None when everything is."""
        context = self.context
        sections = (
            unagreed if unagreed is not None else list(self.status.unagreed if self.status else ())
        )
        missing = summary_lines(
            unanswered_required(
                context.service,
                context.pack,
                context.role,
                presenting=context.presenting,
                leave_out={PromptKind.AGREEMENT},
                today=today(),
            ),
            context.role,
        )
        if not sections and not missing:
            return None
        lines = [Content.styled("Not everything is settled yet.", "bold")]
        if sections:
            count = len(sections)
            lines.append(
                Content(
                    f"{count} section{'s are' if count != 1 else ' is'} not agreed yet: "
                    + ", ".join(user_line(title) for title in sections)
                )
            )
        if missing:
            lines.append(Content.styled("Required questions still unanswered:", "$warning"))
            lines += [Content(user_line(line)) for line in missing]
        lines.append(Content("Acknowledge this version anyway?"))
        return Content("\n").join(lines)

    def _ask_name(self, *, refuse_unagreed: bool) -> None:
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
        self.app.push_screen(
            NameForm(heading, name), lambda answer: self._acknowledged(answer, refuse_unagreed)
        )

    def _acknowledged(self, name: object, refuse_unagreed: bool) -> None:
        if not isinstance(name, str):
            return
        if self.refuse_if_read_only():
            return
        service, role, pack = self.context.service, self.context.role, self.context.pack
        try:
            acknowledge(
                service, role, name, pack=pack, today=today(), refuse_unagreed=refuse_unagreed
            )
        except UnagreedSectionsError as refused:  # (the answers moved on since it asked)
            warning = self._warning(refused.sections) or Content(str(refused))
            self.app.push_screen(
                ConfirmForm(warning, confirm_label="Acknowledge anyway"),
                lambda yes: self._acknowledged(name, False) if yes else None,
            )
            return
        except (WorkbookError, ValidationError) as error:
            tell(self, f"Not saved: {error}", severity="error")
            return
        notify_structured_change(self)
        self.version = None  # drawn up again, with where it stands now
        self.reload()
        tell(self, f"Acknowledged as the {role.value}", timeout=3)
