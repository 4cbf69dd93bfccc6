"""This side's copy written again after each save (:class:`workbook.sync.writing.CopyWriter`):
byte for byte what ``share`` writes after every kind of change (answers edited, deleted, made
private, a prompt made private by the pack, merged copies), nothing private in it, each
unchanged item's line made once, and a file changed behind its back written again."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_helpers import PRIVATE_WORDS, Side, add_private_things, linked_pair

from workbook import paths
from workbook.content.catalog import PackCatalog
from workbook.models import Author, Goal, Role, Visibility
from workbook.privacy import PrivacyRule
from workbook.service import WorkbookService
from workbook.sharing import share_copy, shared_tables
from workbook.storage import encoded_pieces
from workbook.sync import writing
from workbook.sync.writing import CopyWriter


@pytest.fixture(autouse=True)
def _no_home_left(monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.delenv(paths.HOME_ENV_VAR, raising=False)
    yield
    paths.set_home_override(None)


def _shared_bytes(service: WorkbookService, role: Role, out: Path) -> bytes:
    """What ``share`` writes for ``role`` (the reference the copy must equal)."""
    return share_copy(service, out, for_role=role, force=True).read_bytes()


def _assert_as_share(service: WorkbookService, side: Side, writer: CopyWriter, out: Path) -> None:
    link = side.link()
    writer.write(service, link)
    written = link.copy_path.read_bytes()
    assert written == _shared_bytes(service, link.role, out)
    for word in PRIVATE_WORDS:
        assert word.encode("utf-8") not in written


def test_each_rewrite_is_byte_for_byte_what_share_writes(tmp_path: Path) -> None:
    mentor, mentee = linked_pair(tmp_path)
    with mentee.service() as service:
        service.set_answer("hobbies", Author.MENTEE, "Chess")
    mentee.sync()
    out = tmp_path / "reference.json"
    writer = CopyWriter()
    with mentor.service() as service:
        _assert_as_share(service, mentor, writer, out)
        service.set_answer("hobbies", Author.MENTOR, "Running")
        _assert_as_share(service, mentor, writer, out)
        service.set_answer("hobbies", Author.MENTOR, "Running «far» ünïcødé")
        _assert_as_share(service, mentor, writer, out)
        add_private_things(service)
        _assert_as_share(service, mentor, writer, out)
        goal = service.save(Goal(title="Speak at the meetup"))
        _assert_as_share(service, mentor, writer, out)
        service.set_answer("hobbies", Author.MENTOR, "Running", Visibility.PRIVATE)
        _assert_as_share(service, mentor, writer, out)  # made private: left out, ids closed up
        service.delete(Goal, goal.uid)
        _assert_as_share(service, mentor, writer, out)  # a tombstone
    mentor.sync()  # merges the mentee's answer (its merged version travels)
    with mentor.service() as service:
        _assert_as_share(service, mentor, writer, out)
        assert service.answer("hobbies", Author.MENTEE) is not None


def test_a_prompt_made_private_by_the_pack_leaves_the_next_copy() -> None:
    with WorkbookService.create(
        mentor="Priya Shah", mentee="Sam Okafor", pack_id="standard", pack_version="1.1"
    ) as service:
        service.set_answer("hobbies", Author.MENTOR, "Running")
        service.set_answer("about-me", Author.MENTOR, "Quiet at first")
        pack = PackCatalog.default().load("standard")
        before = PrivacyRule.for_pack(pack)
        after = PrivacyRule(before.private_prompt_ids | {"hobbies"})
        writer = CopyWriter()
        for rule in (before, after, PrivacyRule.for_pack(pack)):
            relationship, items = service.snapshot()
            made = "".join(writer.pieces(relationship, items, rule, Role.MENTEE))
            expected = encoded_pieces(
                shared_tables(relationship, items.__getitem__, rule, Role.MENTEE)
            )
            assert made == "".join(expected)
            assert ("Running" in made) is (rule is not after)


def test_an_unchanged_item_is_made_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mentor, _ = linked_pair(tmp_path)
    made: list[str] = []
    real = writing.shared_document

    def counting(item, rule, side):  # type: ignore[no-untyped-def]
        made.append(item.uid)
        return real(item, rule, side)

    monkeypatch.setattr(writing, "shared_document", counting)
    writer = CopyWriter()
    with mentor.service() as service:
        for prompt in ("hobbies", "about-me", "strengths"):
            service.set_answer(prompt, Author.MENTOR, f"first {prompt}")
        writer.write(service, mentor.link())
        assert len(made) >= 3
        made.clear()
        edited = service.set_answer("strengths", Author.MENTOR, "listening")
        assert writer.write(service, mentor.link()).wrote
        assert made == [edited.uid]
        made.clear()
        assert not writer.write(service, mentor.link()).wrote
        assert made == []


def test_a_copy_changed_or_removed_behind_its_back_is_written_again(tmp_path: Path) -> None:
    mentor, _ = linked_pair(tmp_path)
    writer = CopyWriter()
    with mentor.service() as service:
        link = mentor.link()
        writer.write(service, link)
        earlier = link.copy_path.read_bytes()
        service.set_answer("hobbies", Author.MENTOR, "Running")
        assert writer.write(service, link).wrote
        good = link.copy_path.read_bytes()
        link.copy_path.write_bytes(earlier)  # a sync service bringing back an old version
        assert writer.write(service, link).wrote
        assert link.copy_path.read_bytes() == good
        link.copy_path.unlink()
        assert writer.write(service, link).wrote
        assert link.copy_path.read_bytes() == good


def test_a_writer_that_wrote_the_copy_still_judges_what_replaced_it(tmp_path: Path) -> None:
    """The copy it wrote last is not read again while it is untouched; once anything else
    stands there (here: someone's relationship file), it is read and refused as ever."""
    from core_helpers import new_service

    from workbook.errors import WorkbookError

    mentor, _ = linked_pair(tmp_path)
    writer = CopyWriter()
    with mentor.service() as service:
        link = mentor.link()
        writer.write(service, link)
        service.set_answer("hobbies", Author.MENTOR, "Running")
        assert writer.write(service, link).wrote  # over its own copy, without reading it
        foreign = new_service(tmp_path / "elsewhere", mentor="Other", mentee="Pair")
        foreign.close()
        link.copy_path.write_bytes(foreign.path.read_bytes())
        service.set_answer("hobbies", Author.MENTOR, "Swimming")
        with pytest.raises(WorkbookError, match="relationship file"):
            writer.write(service, link)
        assert link.copy_path.read_bytes() == foreign.path.read_bytes()
