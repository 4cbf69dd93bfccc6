"""The settings list under a prompt's ``## `` heading: each ``- key: value`` read and checked.

What can be checked inside one prompt is checked here (a value's form, a setting the prompt's
kind does not take); what needs the whole resolved pack (does ``show if`` name an earlier
prompt with that option, does ``agreement`` name a section the pack has) is checked by
:mod:`workbook.content.checks`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from workbook.content.frontmatter import (
    KeyValues,
    bad_id_message,
    is_valid_id,
    key_form,
    parse_bool,
)
from workbook.content.model import CHECKINS, Audience, PromptKind, SessionTag, ShowIf
from workbook.content.suggest import unknown_name

PROMPT_KEYS = (
    "id",
    "kind",
    "audience",
    "session",
    "private",
    "required",
    "scale",
    "labels",
    "agreement",
    "show if",
    "other",
    "repeat",
    "checkin",
    "for mentor",
    "for mentee",
)
"""The settings a prompt may have, as the guide spells them."""

_SCALE = re.compile(r"(-?\d{1,4})\s*(?:to|-|–|\.\.)\s*(-?\d{1,4})", re.IGNORECASE)
_LABEL = re.compile(r"(-?\d{1,4})\s*=\s*(.*)")
_SHOW_IF = re.compile(r"(\S+)\s+is\s+(?:(one of)\s+)?(.+)", re.IGNORECASE | re.DOTALL)
_QUOTED_OR_PLAIN = re.compile(r'\s*(?:"([^"]*)"|([^,]*))\s*(?:,|$)')

SHOW_IF_FORM = "'meeting-mode is Other' or 'meeting-mode is one of Email, Phone'"
"""What ``show if`` looks like, for messages."""


def kind_name(kind: PromptKind) -> str:
    """How a kind is written in a pack: ``single choice``, ``yes/no``..."""
    return "yes/no" if kind is PromptKind.YES_NO else kind.value.replace("-", " ")


def parse_kind(value: str) -> PromptKind | None:
    """The kind named by ``value`` (spaces, hyphens, underscores or ``/`` between words)."""
    normal = re.sub(r"[\s_/-]+", "-", value.strip().lower())
    try:
        return PromptKind(normal)
    except ValueError:
        return None


@dataclass
class PromptSettings:
    """The settings of one prompt, read: ``fields`` go straight to :class:`Prompt`."""

    fields: dict[str, Any] = field(default_factory=dict)
    other: str | None = None
    """The choice ``other:`` adds (its follow-up question is built by the caller)."""


def read_settings(settings: KeyValues, title: str) -> PromptSettings:
    """Read and check every setting in ``settings`` (problems go to ``settings``)."""
    settings.check_keys(PROMPT_KEYS, "a prompt's settings")
    settings.require("id", "kind", where=f"prompt {title!r}")
    found = PromptSettings()
    fields = found.fields
    kind = _kind(settings)
    if kind is not None:
        fields["kind"] = kind
    for key, enum in (("audience", Audience), ("session", SessionTag)):
        value = settings.text(key)
        if value is None:
            continue
        try:
            fields[key] = enum(value.lower())
        except ValueError:
            settings.problem(
                settings.line_of(key),
                unknown_name(key, value, [member.value for member in enum], "use one of"),
            )
    _privacy(settings, fields)
    if settings.text("required") is not None:
        fields["required"] = settings.flag("required", False)
    agreement = settings.text("agreement")
    if agreement is not None:
        if is_valid_id(agreement.lower()):
            fields["agreement"] = agreement.lower()
        else:
            settings.problem(
                settings.line_of("agreement"), bad_id_message("agreement section", agreement)
            )
    _scale(settings, fields)
    _labels(settings, fields)
    _show_if(settings, fields)
    _repeat(settings, fields)
    _checkin(settings, fields)
    for role in ("mentor", "mentee"):
        wording = settings.text(f"for {role}")
        if wording is not None:
            fields.setdefault("title_for_role", {})[role] = wording
    found.other = _other(settings)
    if kind is not None:
        _check_for_kind(settings, kind, found)
    return found


def _kind(settings: KeyValues) -> PromptKind | None:
    text = settings.text("kind")
    if text is None:
        return None
    kind = parse_kind(text)
    if kind is None:
        settings.problem(
            settings.line_of("kind"),
            unknown_name("kind", text, [kind_name(k) for k in PromptKind], "kinds"),
        )
    return kind


def _privacy(settings: KeyValues, fields: dict[str, Any]) -> None:
    value = settings.text("private")
    if value is None:
        return
    if key_form(value) == "optional":
        fields["private"], fields["private_optional"] = False, True
        return
    parsed = parse_bool(value)
    if parsed is None:
        settings.problem(
            settings.line_of("private"), f"private must be yes, no or optional, not {value!r}"
        )
        return
    fields["private"] = parsed


def _scale(settings: KeyValues, fields: dict[str, Any]) -> None:
    value = settings.text("scale")
    if value is None:
        return
    match = _SCALE.fullmatch(value)
    low, high = (int(match[1]), int(match[2])) if match else (0, -1)
    if not match or not 0 <= low < high <= 100:
        settings.problem(
            settings.line_of("scale"),
            f"scale must look like '1 to 10' (two whole numbers from 0 to 100, the first "
            f"smaller), not {value!r}",
        )
        return
    fields["scale_min"], fields["scale_max"] = low, high


def _labels(settings: KeyValues, fields: dict[str, Any]) -> None:
    """``labels: 0 = struggling, 10 = thriving``: words for the ends (and any other point)."""
    value = settings.text("labels")
    if value is None:
        return
    line = settings.line_of("labels")
    low, high = fields.get("scale_min", 1), fields.get("scale_max", 5)
    labels: dict[int, str] = {}
    for part in value.split(","):
        match = _LABEL.fullmatch(part.strip())
        if match is None or not match[2].strip():
            settings.problem(
                line,
                f"labels must look like '{low} = not at all, {high} = completely' (a point of "
                f"the scale, '=', and its words, separated by commas), not {part.strip()!r}",
            )
            return
        point = int(match[1])
        if not low <= point <= high:
            settings.problem(line, f"labels: {point} is not on this scale ({low} to {high})")
            return
        if point in labels:
            settings.problem(line, f"labels: {point} is labelled twice")
            return
        labels[point] = match[2].strip()
    missing = [str(end) for end in (low, high) if end not in labels]
    if missing:
        settings.problem(
            line,
            f"labels must name both ends of the scale ({low} and {high}); missing: "
            f"{', '.join(missing)}",
        )
        return
    fields["scale_labels"] = dict(sorted(labels.items()))


def split_values(text: str) -> list[str]:
    """Comma-separated values, each optionally in double quotes (so it may hold commas)."""
    values: list[str] = []
    position = 0
    while position < len(text):
        match = _QUOTED_OR_PLAIN.match(text, position)
        if match is None or match.end() == position:
            break
        value = match[1] if match[1] is not None else match[2].strip()
        if value:
            values.append(value)
        position = match.end()
    return values


def _show_if(settings: KeyValues, fields: dict[str, Any]) -> None:
    """``show if: meeting-mode is Other`` or ``show if: meeting-mode is one of a, b``."""
    value = settings.text("show if")
    if value is None:
        return
    line = settings.line_of("show if")
    match = _SHOW_IF.fullmatch(value)
    if match is None:
        settings.problem(line, f"show if must look like {SHOW_IF_FORM}, not {value!r}")
        return
    prompt_id, several, rest = match[1], match[2], match[3].strip()
    if not is_valid_id(prompt_id):
        settings.problem(line, bad_id_message("show if: prompt id", prompt_id))
        return
    values = split_values(rest) if several else [rest.strip('"').strip()]
    if not values or not all(values):
        settings.problem(line, f"show if must look like {SHOW_IF_FORM}, not {value!r}")
        return
    fields["show_if"] = ShowIf(prompt=prompt_id, values=tuple(values))


def _repeat(settings: KeyValues, fields: dict[str, Any]) -> None:
    value = settings.text("repeat")
    if value is None:
        return
    form = key_form(value)
    if form in ("every session", "each session"):
        fields["repeat"] = True
    elif parse_bool(value) is False:
        fields["repeat"] = False
    else:
        settings.problem(
            settings.line_of("repeat"),
            f"repeat must be 'every session' (or leave it out), not {value!r}",
        )


def _checkin(settings: KeyValues, fields: dict[str, Any]) -> None:
    value = settings.text("checkin")
    if value is None:
        return
    form = key_form(value).replace(" ", "-")
    if form in CHECKINS:
        fields["checkin"] = form
    else:
        settings.problem(
            settings.line_of("checkin"), unknown_name("checkin", value, CHECKINS, "check-ins")
        )


def _other(settings: KeyValues) -> str | None:
    """``other: yes`` -> "Other"; ``other: Another way`` -> "Another way"; no -> None."""
    value = settings.text("other")
    if value is None:
        return None
    flag = parse_bool(value)
    if flag is not None:
        return "Other" if flag else None
    return value


_NOT_FOR_STATEMENTS = ("audience", "private", "required", "repeat", "checkin")


def _check_for_kind(settings: KeyValues, kind: PromptKind, found: PromptSettings) -> None:
    """Report the settings this kind of prompt does not take."""
    fields = found.fields
    name = kind_name(kind)
    if kind is not PromptKind.SCALE:
        for key in ("scale", "labels"):
            if settings.text(key) is not None:
                settings.problem(settings.line_of(key), f"{key} is only for prompts of kind scale")
    if found.other is not None and kind not in (
        PromptKind.SINGLE_CHOICE,
        PromptKind.MULTIPLE_CHOICE,
    ):
        settings.problem(
            settings.line_of("other"),
            f"other is only for single choice and multiple choice prompts, not {name}",
        )
        found.other = None
    if kind is PromptKind.STATEMENT:
        for key in _NOT_FOR_STATEMENTS:
            if settings.text(key) is not None:
                settings.problem(
                    settings.line_of(key),
                    f"a statement is not answered, so it takes no {key!r} setting",
                )
        return
    if kind.takes_answer:
        if fields.get("checkin") and fields.get("private"):
            settings.problem(
                settings.line_of("private"),
                "a check-in is read by the programme's report, so it cannot be private: yes "
                "(use private: optional to let each person choose)",
            )
        return
    for key in ("show if", "repeat", "checkin"):
        if settings.text(key) is not None:
            settings.problem(
                settings.line_of(key), f"a {name} prompt has an editor of its own: remove {key!r}"
            )
