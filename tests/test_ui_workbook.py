"""Pilot tests of the workbook screen: every prompt kind, roles, presenting, autosave, errors."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

from textual.widgets import Input, SelectionList, TabbedContent, TextArea

from screens.app import MentorWorkbookApp
from screens.editors.choice import MultiChoiceEditor, SingleChoiceEditor, YesNoEditor
from screens.editors.ranking import RankingEditor, ScaleEditor
from screens.editors.text import DateEditor, LongTextEditor, ShortTextEditor
from screens.message_screen import MessageScreen
from screens.workbook_screen import WorkbookScreen
from tests.ui_support import KINDS_PACK_DIR, make_relationship, screen_text, settle
from workbook.models import Author, Role
from workbook.service import WorkbookService

SIZE = (100, 40)


def editor(app: MentorWorkbookApp, prompt_id: str, kind: type, author: Author = Author.JOINT):
    """The editor of ``prompt_id`` by ``author`` on the current screen."""
    for widget in app.screen.query(kind):
        if widget.prompt_id == prompt_id and widget.author is author:
            return widget
    raise AssertionError(f"no {kind.__name__} for {prompt_id}/{author}")


async def click(pilot, widget) -> None:
    """Scroll ``widget`` into view and click it, as a user would."""
    widget.scroll_visible(animate=False, immediate=True)
    await pilot.pause()
    await pilot.click(widget)


def stored(path: Path) -> dict[tuple[str, str], object]:
    """Answers in the file on disk, read without the service (what a crash would leave)."""
    raw = json.loads(path.read_text("utf-8"))
    return {(d["prompt_id"], d["author"]): d["value"] for d in raw.get("answers", {}).values()}


async def test_every_kind_saves_and_restores(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WorkbookScreen)
        short = editor(app, "short", ShortTextEditor)
        short.focus()
        await pilot.press(*"Hi [bold]there")
        long = editor(app, "long", LongTextEditor, Author.MENTOR)
        long.focus()
        await pilot.press(*"Line one", "enter", *"line two")
        single = editor(app, "single", SingleChoiceEditor)
        single.focus()
        single.highlighted = 1
        await pilot.press("enter")
        multi = editor(app, "multi", MultiChoiceEditor)
        multi.select("Email")
        multi.select("Phone")
        rank = editor(app, "rank", RankingEditor)
        rank.focus()
        rank.highlighted = 2
        await pilot.press("shift+up", "shift+up")
        scale = editor(app, "scale", ScaleEditor)
        scale.focus()
        await pilot.press("4")
        date_editor = editor(app, "date", DateEditor)
        date_editor.focus()
        await pilot.press(*"2031-02-30")  # not a date: refused
        await pilot.pause()
        assert date_editor.has_class("-invalid")
        date_editor.value = ""
        await pilot.press(*"2031-02-28")
        yesno = editor(app, "yesno", YesNoEditor)
        yesno.focus()
        yesno.highlighted = 1
        await pilot.press("enter")
        check = editor(app, "check", MultiChoiceEditor)
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
        assert editor(app, "short", ShortTextEditor).value == "Hi [bold]there"
        assert editor(app, "long", LongTextEditor, Author.MENTOR).text == "Line one\nline two"
        assert editor(app, "single", SingleChoiceEditor).chosen_index == 1
        assert editor(app, "multi", MultiChoiceEditor).selected == ["Email", "Phone"]
        assert editor(app, "rank", RankingEditor).order == ["Job", "Skills", "Network"]
        assert editor(app, "scale", ScaleEditor).value == 4
        assert editor(app, "date", DateEditor).value == "2031-02-28"
        assert editor(app, "yesno", YesNoEditor).chosen_index == 1
        assert editor(app, "check", MultiChoiceEditor).selected == ["Booked a room"]
        assert "Hi [bold]there" in screen_text(app)
        assert app.screen.context.service.dirty is False  # restoring saved nothing


async def test_restoring_text_does_not_save(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    with WorkbookService.open(path) as service:
        service.set_answer("long", Author.MENTOR, "kept as it was")
    before = path.read_bytes()
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(1.2)
        assert app.screen.context.service.dirty is False
    assert path.read_bytes() == before


async def test_autosave_within_a_second_of_typing(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor(app, "short", ShortTextEditor).focus()
        await pilot.press(*"typed")
        assert stored(path).get(("short", "joint")) is None  # not yet on disk: debounced
        await pilot.pause(1.5)
        assert stored(path).get(("short", "joint")) == "typed"
        assert app.screen.header_bar.save_state.startswith("Saved")


async def test_switching_role_changes_what_you_edit(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert editor(app, "long", LongTextEditor, Author.MENTOR).disabled is False
        card = app.screen.query_one("#prompt-long")
        assert [w.border_title for w in card.query(".read-only-answer")] == ["Mentee"]
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.screen.context.role is Role.MENTEE
        assert "as Mentee" in screen_text(app)
        mentee_editor = editor(app, "long", LongTextEditor, Author.MENTEE)
        assert mentee_editor.disabled is False
        card = app.screen.query_one("#prompt-long")
        assert [w.border_title for w in card.query(".read-only-answer")] == ["Mentor"]
        mentee_editor.focus()
        await pilot.press(*"from the mentee")
        await pilot.press("ctrl+s")
    assert stored(path)[("long", "mentee")] == "from the mentee"


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
        await settle(pilot)
        app.screen.query_one(TabbedContent).active = "tab-private"
        await settle(pilot)
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
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Answers 0/9" in screen_text(app)
        editor(app, "short", ShortTextEditor).focus()
        await pilot.press("x")
        await pilot.pause()
        assert "Answers 1/9" in screen_text(app)


async def test_next_step_walks_prompts_then_tabs(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, Input)  # the first prompt has focus
        await pilot.press("ctrl+n")
        assert isinstance(app.focused, TextArea)
        for _ in range(7):  # on through the nine prompts of the first tab
            await pilot.press("ctrl+n")
            await settle(pilot)
        assert app.screen.query_one(TabbedContent).active == "tab-answers"
        await pilot.press("ctrl+n")  # past the last prompt: the next tab, first prompt
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "tab-private"
        assert editor(app, "mentor-secret", LongTextEditor, Author.MENTOR).has_focus
        await pilot.press("ctrl+b")  # before the first prompt: the previous tab, last prompt
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "tab-answers"
        assert editor(app, "check", MultiChoiceEditor).has_focus


async def test_sigterm_saves_before_quitting(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor(app, "short", ShortTextEditor).focus()
        await pilot.press(*"last words")
        os.kill(os.getpid(), signal.SIGTERM)
        await pilot.pause(0.2)
    assert stored(path)[("short", "joint")] == "last words"


async def test_huge_paste_is_taken_and_saved(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    big = ("A line of pasted notes with [markup] and ünïcode 🎉\n" * 20_000)[:1_000_000]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        area = editor(app, "long", LongTextEditor, Author.MENTOR)
        area.focus()
        from textual import events

        app.post_message(events.Paste(big))
        await pilot.pause(0.5)
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
        await pilot.pause()
        assert isinstance(app.screen, WorkbookScreen)
        assert editor(app, "short", ShortTextEditor).value == "before the damage"
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


async def test_multiple_choice_uses_literal_option_text(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        options = editor(app, "multi", MultiChoiceEditor)
        assert isinstance(options, SelectionList)
        assert options.option_count == 3


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
        await pilot.pause()
        assert "No relationships yet" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        await pilot.click("#start")
        await pilot.pause()
        text = screen_text(app)
        assert "The mentor's name is required." in text
        assert "The mentee's name is required." in text
        app.screen.query_one("#mentor", Input).value = "Priya [b]Shah"
        app.screen.query_one("#mentee", Input).value = "Sam"
        app.screen.query_one("#mentee", Input).focus()
        await pilot.press("enter")  # enter in the last field submits the form
        await settle(pilot)
        assert isinstance(app.screen, WorkbookScreen)
        assert "Priya [b]Shah & Sam" in screen_text(app)
    assert [p.name for p in (home / "relationships").glob("*.json")] == ["priya-b-shah-sam.json"]


async def test_typing_carries_on_after_switching_role(home: Path) -> None:
    path = make_relationship(home, pack_id="kinds")
    app = MentorWorkbookApp(open_path=path, content=KINDS_PACK_DIR)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor(app, "long", LongTextEditor, Author.MENTOR).focus()
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press(*"typed straight away")
        await pilot.press("ctrl+s")
    assert stored(path)[("long", "mentee")] == "typed straight away"
