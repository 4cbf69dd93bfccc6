"""Pilot tests of the workbook screen: every prompt kind, roles, presenting, autosave, errors."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

import pytest
from textual.widgets import Input

from screens.answer_view import AnswerView
from screens.app import MentorWorkbookApp
from screens.editors.choice import MultiChoiceEditor, SingleChoiceEditor, YesNoEditor
from screens.editors.ranking import RankingEditor, ScaleEditor
from screens.editors.text import DateEditor, LongTextEditor, ShortTextEditor
from screens.message_screen import MessageScreen
from screens.workbook_screen import WorkbookScreen
from tests.ui_support import (
    KINDS_PACK_DIR,
    all_tabs_built,
    answer_widget,
    edit,
    make_relationship,
    screen_text,
    settle,
    show_step,
    stored,
    wait_for_text,
    wait_until,
)
from workbook.models import Author, Role
from workbook.service import WorkbookService

SIZE = (100, 40)


def focused_answer(app: MentorWorkbookApp) -> tuple[str, Author]:
    """The prompt id and author of the focused answer (its view or its editor)."""
    focused = app.focused
    assert focused is not None and hasattr(focused, "prompt_id"), focused
    return focused.prompt_id, focused.author  # type: ignore[attr-defined]


async def click(pilot, widget) -> None:
    """Scroll ``widget`` into view and click it, as a user would."""
    widget.scroll_visible(animate=False, immediate=True)
    await pilot.pause()
    await pilot.click(widget)


@pytest.mark.long_running
async def test_every_kind_saves_and_restores(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WorkbookScreen)
        await edit(pilot, "short", ShortTextEditor)
        await pilot.press(*"Hi [bold]there")
        await edit(pilot, "long", LongTextEditor, Author.MENTOR)
        await pilot.press(*"Line one", "enter", *"line two")
        single = await edit(pilot, "single", SingleChoiceEditor)
        single.highlighted = 1
        await pilot.press("enter")
        multi = await edit(pilot, "multi", MultiChoiceEditor)
        multi.highlighted = 0
        await pilot.press("space", "down", "down", "enter")  # Email and Phone
        rank = await edit(pilot, "rank", RankingEditor)
        rank.highlighted = 2
        await pilot.press("shift+up", "shift+up")
        scale = answer_widget(app, "scale")
        assert isinstance(scale, ScaleEditor)  # a scale is its own editor (one line)
        scale.focus()
        await pilot.press("4")
        date_editor = await edit(pilot, "date", DateEditor)
        await pilot.press(*"2031-02-30")  # not a date: refused
        await pilot.pause()
        assert date_editor.has_class("-invalid")
        date_editor.value = ""
        await pilot.press(*"2031-02-28")
        yesno = await edit(pilot, "yesno", YesNoEditor)
        yesno.highlighted = 1
        await pilot.press("enter")
        check = await edit(pilot, "check", MultiChoiceEditor)
        check.select("Booked a room")
        await pilot.pause()
    expected = {
        ("short", "joint"): "Hi [bold]there",
        ("long", "mentor"): "Line one\nline two",
        ("single", "joint"): "Monthly",
        ("multi", "joint"): ["Email", "Phone"],
        ("rank", "joint"): ["Job", "Skills", "Network"],
        ("scale", "joint"): 4,
        ("date", "joint"): "2031-02-28",
        ("yesno", "joint"): False,
        ("check", "joint"): ["Booked a room"],
    }
    on_disk = stored(path)
    for key, value in expected.items():
        assert on_disk.get(key) == value, key
    follow_up = WorkbookService.open(path, read_only=True).relationship.follow_up_on
    assert follow_up is not None and follow_up.isoformat() == "2031-02-28"  # tagged follow-up

    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Hi [bold]there" in screen_text(app)  # as text, before anything is edited
        views = {
            prompt_id: str(answer_widget(app, prompt_id).content)  # type: ignore[attr-defined]
            for prompt_id in ("single", "multi", "rank", "yesno", "check")
        }
        assert views["single"] == "( ) Weekly\n(•) Monthly"
        assert views["multi"] == "[x] Email\n[ ] Chat\n[x] Phone"
        assert views["rank"].startswith("1. Job\n2. Skills")
        assert views["yesno"] == "( ) Yes\n(•) No"
        assert views["check"] == "[ ] Read the CV\n[x] Booked a room"
        assert (await edit(pilot, "short", ShortTextEditor)).value == "Hi [bold]there"
        long = await edit(pilot, "long", LongTextEditor, Author.MENTOR)
        assert long.text == "Line one\nline two"
        assert (await edit(pilot, "single", SingleChoiceEditor)).chosen_index == 1
        assert (await edit(pilot, "multi", MultiChoiceEditor)).selected == ["Email", "Phone"]
        assert (await edit(pilot, "rank", RankingEditor)).order == ["Job", "Skills", "Network"]
        assert answer_widget(app, "scale").value == 4  # type: ignore[attr-defined]
        assert (await edit(pilot, "date", DateEditor)).value == "2031-02-28"
        assert (await edit(pilot, "yesno", YesNoEditor)).chosen_index == 1
        assert (await edit(pilot, "check", MultiChoiceEditor)).selected == ["Booked a room"]
        assert app.screen.context.service.dirty is False  # restoring saved nothing


@pytest.mark.build_ahead
async def test_restoring_text_does_not_save(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    with WorkbookService.open(path) as service:
        service.set_answer("long", Author.MENTOR, "kept as it was")
    before = path.read_bytes()
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await all_tabs_built(pilot)  # every answer's text shown, every step laid out
        long = await edit(pilot, "long", LongTextEditor, Author.MENTOR)  # and its editor
        assert long.text == "kept as it was"
        assert app.screen.context.service.dirty is False  # (an edit marks it dirty at once)
    assert path.read_bytes() == before


async def test_autosave_within_a_second_of_typing(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await edit(pilot, "short", ShortTextEditor)
        await pilot.press(*"typed")
        await wait_until(
            pilot, lambda: stored(path).get(("short", "joint")) == "typed", "the autosave", 5
        )
        await wait_until(
            pilot, lambda: app.screen.header_bar.save_state.startswith("Saved"), "Saved shown"
        )


async def test_switching_role_changes_what_you_edit(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(answer_widget(app, "long", Author.MENTOR), AnswerView)
        card = app.screen.query_one("#prompt-long")
        assert [w.border_title for w in card.query(".read-only-answer")] == ["Mentee"]
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.screen.context.role is Role.MENTEE
        assert "Mentee" in screen_text(app).splitlines()[0]
        assert isinstance(answer_widget(app, "long", Author.MENTEE), AnswerView)
        card = app.screen.query_one("#prompt-long")
        assert [w.border_title for w in card.query(".read-only-answer")] == ["Mentor"]
        await edit(pilot, "long", LongTextEditor, Author.MENTEE)
        await pilot.press(*"from the mentee")
        await pilot.press("ctrl+s")
    assert stored(path)[("long", "mentee")] == "from the mentee"


@pytest.mark.build_ahead
async def test_private_answers_show_only_to_their_author_and_never_when_presenting(
    home: Path,
) -> None:
    path = make_relationship(home, pack_id="kinds")
    with WorkbookService.open(path) as service:
        service.set_answer("mentor-secret", Author.MENTOR, "MENTOR-SECRET-TEXT", "private")
        service.set_answer("mentee-secret", Author.MENTEE, "MENTEE-SECRET-TEXT", "private")
        service.set_answer("mentor-prep", Author.MENTOR, "MENTOR-PREP-TEXT")
        service.set_answer("shared-view", Author.MENTEE, "SHARED-TEXT")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await show_step(pilot, "private")
        text = screen_text(app)
        assert "MENTOR-SECRET-TEXT" in text and "MENTOR-PREP-TEXT" in text
        assert "MENTEE-SECRET-TEXT" not in text
        await pilot.press("ctrl+t")
        await settle(pilot)
        text = screen_text(app)
        assert "PRESENTING" in text
        assert "SHARED-TEXT" in text
        for secret in ("MENTOR-SECRET-TEXT", "MENTEE-SECRET-TEXT", "MENTOR-PREP-TEXT"):
            assert secret not in text
        await pilot.press("ctrl+r")  # presenting as the mentee hides the mentee's secret too
        await pilot.pause()
        assert "MENTEE-SECRET-TEXT" not in screen_text(app)
        await pilot.press("ctrl+t")
        await settle(pilot)
        text = screen_text(app)
        assert "MENTEE-SECRET-TEXT" in text and "MENTOR-SECRET-TEXT" not in text


async def test_tab_labels_show_completion(home: Path) -> None:
    """Each person's part counts on its own (on the old code a prompt for both counted only
    once both had answered, so the mentor's answer alone left "0/9")."""
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "1 Answers 0/10" in screen_text(app)  # eight joint prompts, one for both
        await edit(pilot, "short", ShortTextEditor)
        await pilot.press("x")
        await pilot.pause()
        assert "1 Answers 1/10" in screen_text(app)
        await edit(pilot, "long", LongTextEditor, Author.MENTOR)
        await pilot.press("y")
        await pilot.pause()
        text = screen_text(app)
        assert "1 Answers 2/10" in text
        assert "Progress: yours 1/1 · theirs 0/1 · together 1/8" in text


@pytest.mark.build_ahead
async def test_next_step_walks_prompts_then_tabs(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert focused_answer(app) == ("short", Author.JOINT)  # the first prompt has focus
        await pilot.press("ctrl+n")
        assert focused_answer(app) == ("long", Author.MENTOR)
        for _ in range(7):  # on through the nine prompts of the first tab
            await pilot.press("ctrl+n")
        assert focused_answer(app) == ("check", Author.JOINT)
        assert app.screen.current_step == "step-answers"
        await pilot.press("ctrl+n")  # past the last prompt: the next tab, first prompt
        await settle(pilot)
        assert app.screen.current_step == "step-private"
        assert focused_answer(app) == ("mentor-secret", Author.MENTOR)
        await pilot.press("ctrl+b")  # before the first prompt: the previous tab, last prompt
        await settle(pilot)
        assert app.screen.current_step == "step-answers"
        assert focused_answer(app) == ("check", Author.JOINT)
        await pilot.press(*"ab")  # typing opens the answer's editor with what was typed
        await settle(pilot)
        assert isinstance(app.focused, MultiChoiceEditor)


async def test_sigterm_saves_before_quitting(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await edit(pilot, "short", ShortTextEditor)
        await pilot.press(*"last words")
        os.kill(os.getpid(), signal.SIGTERM)
        deadline = time.monotonic() + 10  # (the app quits: wait on the file, not the pilot)
        while stored(path).get(("short", "joint")) != "last words":
            assert time.monotonic() < deadline, "SIGTERM did not save"
            await asyncio.sleep(0.02)


async def test_huge_paste_is_taken_and_saved(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    big = ("A line of pasted notes with [markup] and ünïcode 🎉\n" * 20_000)[:1_000_000]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        area = await edit(pilot, "long", LongTextEditor, Author.MENTOR)
        from textual import events

        app.post_message(events.Paste(big))
        await wait_until(pilot, lambda: len(area.text) == len(big), "the paste")
        await pilot.press("x")  # still responsive
        await pilot.press("ctrl+s")
    assert len(stored(path)[("long", "mentor")]) == len(big) + 1


async def test_damaged_file_shows_a_message_not_a_traceback(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    with WorkbookService.open(path):
        pass  # leaves a good backup
    path.write_text('{"relationship": {"1": {"slug": ', encoding="utf-8")
    damaged = path.read_bytes()
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MessageScreen)
        text = screen_text(app)
        assert "cannot be opened" in text and "truncated" in text
        assert "Restore last good backup" in text
    assert path.read_bytes() == damaged


async def test_restoring_the_backup_from_the_message_screen(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    with WorkbookService.open(path) as service:
        service.set_answer("short", Author.JOINT, "before the damage")
    with WorkbookService.open(path):
        pass  # the backup now holds the answer
    path.write_bytes(b"\x00\x01garbage")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.click("#restore")
        await wait_until(pilot, lambda: isinstance(app.screen, WorkbookScreen), "the workbook")
        assert (await edit(pilot, "short", ShortTextEditor)).value == "before the damage"
    assert path.with_name(path.name + ".damaged").read_bytes() == b"\x00\x01garbage"


async def test_locked_file_shows_who_has_it(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    holder = WorkbookService.open(path)
    try:
        app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, MessageScreen)
            message = str(app.screen.query_one("#message-text").content)
            assert message.endswith(f"is open in another window (pid {os.getpid()})")
    finally:
        holder.close()


async def test_choices_differ_by_glyph_not_colour(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        options = await edit(pilot, "multi", MultiChoiceEditor)
        assert options.option_count == 3
        options.highlighted = 1
        await pilot.press("space")
        await pilot.pause()
        text = screen_text(app)
        assert "[ ] Email" in text and "[x] Chat" in text and "[ ] Phone" in text
        single = await edit(pilot, "single", SingleChoiceEditor)
        single.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "(•) Weekly" in text and "( ) Monthly" in text


async def test_the_chosen_theme_is_remembered(home: Path) -> None:
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "nord"


async def test_new_relationship_form_validates_then_opens_the_workbook(home: Path) -> None:
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "No relationships yet")  # (read after the first frame)
        await pilot.press("n")
        await pilot.pause()
        await pilot.click("#save")
        await pilot.pause()
        text = screen_text(app)
        assert "The mentor's name is required." in text
        assert "The mentee's name is required." in text
        app.screen.query_one("#mentor", Input).value = "Priya [b]Shah"
        app.screen.query_one("#mentee", Input).value = "Sam"
        app.screen.query_one("#mentee-contact", Input).focus()
        await pilot.press("enter")  # enter in the last field submits the form
        await wait_until(pilot, lambda: isinstance(app.screen, WorkbookScreen), "the workbook")
        await settle(pilot)
        assert "Priya [b]Shah & Sam" in screen_text(app)
    assert [p.name for p in (home / "relationships").glob("*.json")] == ["priya-b-shah-sam.json"]


async def test_typing_carries_on_after_switching_role(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await edit(pilot, "long", LongTextEditor, Author.MENTOR)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert focused_answer(app) == ("long", Author.MENTEE)  # the same prompt, other side
        await pilot.press(*"typed straight away")
        await pilot.press("ctrl+s")
    assert stored(path)[("long", "mentee")] == "typed straight away"


@pytest.mark.build_ahead
async def test_opening_and_building_every_step_writes_nothing(home: Path) -> None:
    """The hidden steps are built and laid out in advance: none of it may change the file
    (the agreement is drafted only when its step is really shown)."""
    path = make_relationship(home)
    before = path.read_bytes()
    app = MentorWorkbookApp(open_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await all_tabs_built(pilot)
        assert app.screen.context.service.dirty is False
        assert app.screen.context.service.agreements() == []
    assert path.read_bytes() == before
