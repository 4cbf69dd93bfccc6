"""A pack's programme (default cadence, minimum contact, its shape in words) and what happens
to an existing relationship when its pack's version goes up."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core_helpers import make_pack, new_service
from workbook.content.model import CadenceDefaults, Pack
from workbook.models import Author, Cadence
from workbook.pack_update import PackUpdate, note_pack_update, version_order
from workbook.programme import contact_warning, contacts_per_month, default_cadence, programme_shape
from workbook.service import WorkbookService


def with_programme(**fields: object) -> Pack:
    return make_pack().model_copy(update=fields)


def test_default_cadence_starts_from_the_pack() -> None:
    pack = with_programme(
        cadence_defaults=CadenceDefaults(times_per_month=2, duration_minutes=45, count=4)
    )
    cadence = default_cadence(pack)
    assert (cadence.times_per_month, cadence.duration_minutes, cadence.count) == (2, 45, 4)
    assert cadence.describe() == "twice a month, 45 minutes, 4 sessions"
    assert default_cadence(make_pack()) == Cadence()
    only_length = default_cadence(
        with_programme(cadence_defaults=CadenceDefaults(duration_minutes=30))
    )
    assert (only_length.every_weeks, only_length.duration_minutes) == (Cadence().every_weeks, 30)


@pytest.mark.parametrize(
    ("cadence", "per_month"),
    [
        (Cadence(every_weeks=1), 52 / 12),
        (Cadence(every_weeks=2), 52 / 24),
        (Cadence(every_weeks=4), 52 / 48),
        (Cadence(times_per_month=2), 2.0),
    ],
)
def test_contacts_per_month(cadence: Cadence, per_month: float) -> None:
    assert contacts_per_month(cadence) == pytest.approx(per_month)


def test_contact_warning_below_the_minimum() -> None:
    pack = with_programme(min_contacts_per_month=2)
    assert contact_warning(Cadence(every_weeks=2), pack) is None
    assert contact_warning(Cadence(times_per_month=2), pack) is None
    assert contact_warning(Cadence(every_weeks=4), pack) == (
        "This programme expects contact at least twice a month; meeting every 4 weeks is about "
        "1.1 a month. Short messages in between count too: agree how you will stay in touch."
    )
    assert contact_warning(Cadence(every_weeks=4), make_pack()) is None


def test_programme_shape_in_words() -> None:
    assert programme_shape(make_pack()) == ""
    full = with_programme(
        planned_sessions=2,
        programme_months=2,
        cadence_defaults=CadenceDefaults(every_weeks=4, duration_minutes=60, count=2),
        min_contacts_per_month=1,
    )
    assert programme_shape(full) == (
        "2 sessions over 2 months, every 4 weeks, 60 minutes, contact at least once a month"
    )
    assert programme_shape(with_programme(programme_months=1)) == "1 month"


@pytest.mark.parametrize(
    ("old", "new", "order"),
    [
        ("1.0", "1.1", 1),
        ("1.9", "1.10", 1),
        ("1.10", "1.9", -1),
        ("1", "1.0", 0),
        ("2.0", "2.0", 0),
        ("1.0", "1.0-beta", 1),
        ("spring", "autumn", 1),
    ],
)
def test_version_order(old: str, new: str, order: int) -> None:
    assert version_order(old, new) == order


def reopened(path: Path) -> WorkbookService:
    return WorkbookService.open(path)


def test_a_new_version_is_reported_once_and_stored(tmp_path: Path) -> None:
    with new_service(tmp_path) as service:
        service.set_answer("hobbies", Author.MENTOR, "Chess")
        service.set_answer("retired-question", Author.MENTEE, "kept")
        path = service.path
    newer = make_pack().model_copy(update={"version": "1.1"})
    with reopened(path) as service:
        update = note_pack_update(service, newer)
        assert update == PackUpdate("standard", "1.0", "1.1", True, answers_kept=1)
        assert update.message == (
            "pack updated 1.0 → 1.1: 1 answer to questions it no longer asks kept under "
            "'Other answers'"
        )
        assert service.relationship.pack_version == "1.1"
    with reopened(path) as service:
        assert note_pack_update(service, newer) is None
        answer = service.answer("retired-question", Author.MENTEE)
        assert answer is not None and answer.value == "kept"


def test_an_older_pack_is_reported_but_not_stored(tmp_path: Path) -> None:
    with new_service(tmp_path) as service:
        service.update_relationship(pack_version="2.0")
        update = note_pack_update(service, make_pack())
        assert update is not None and not update.newer
        assert update.message == (
            "pack standard 1.0 here is older than the 2.0 this workbook was last used with: "
            "questions added since may be missing"
        )
        assert service.relationship.pack_version == "2.0"


def test_nothing_to_say(tmp_path: Path) -> None:
    with new_service(tmp_path) as service:
        assert note_pack_update(service, make_pack()) is None  # same version
        other = make_pack().model_copy(update={"id": "other", "version": "9"})
        assert note_pack_update(service, other) is None  # not this relationship's pack
        service.update_relationship(pack_version="")
        assert note_pack_update(service, make_pack()) is None  # none stored: stored silently
        assert service.relationship.pack_version == "1.0"


def test_a_read_only_copy_reports_without_storing(tmp_path: Path) -> None:
    with new_service(tmp_path) as service:
        path = service.path
    reader = WorkbookService.open(path, read_only=True)
    try:
        update = note_pack_update(reader, make_pack().model_copy(update={"version": "1.1"}))
        assert update is not None and update.message == "pack updated 1.0 → 1.1"
        assert reader.relationship.pack_version == "1.0"
    finally:
        reader.close()
