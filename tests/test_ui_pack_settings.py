"""Pilot tests of every pack setting the workbook shows and uses (issue #16), at 80x24 and
wide: statements, links, scale labels, per-role wording, ``private: optional``, conditional
questions, the cadence form's programme rhythm, the goal and action forms' programme
settings, and "pack updated" on opening."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from screens.answer_view import AnswerView, ReadOnlyAnswer
from screens.app import MentorWorkbookApp
from screens.editors.choice import SingleChoiceEditor
from screens.editors.ranking import ScaleEditor
from screens.editors.text import LINK_HINT, LinkEditor, ShortTextEditor
from screens.privacy_toggle import PrivacyToggle
from screens.prompt_card import PromptCard
from screens.statement_card import StatementCard
from screens.structured.actions import ActionsPanel
from screens.structured.base import ItemList
from screens.structured.cadence import CadenceForm
from screens.structured.forms import ActionForm, GoalForm
from screens.structured.goals import GoalsPanel
from screens.workbook_screen import WorkbookScreen
from tests.ui_support import (
    answer_widget,
    edit,
    make_relationship,
    screen_text,
    settle,
    show_step,
    wait_for_text,
    wait_until,
)
from workbook.content.catalog import PackCatalog
from workbook.models import Author, Goal, Role, Visibility
from workbook.programme import contact_warning
from workbook.service import WorkbookService
from workbook.sharing import share_with_other_side

FEATURES = Path(__file__).parent / "data" / "features"
"""The ``features`` test pack: one of each setting the screens show."""
SIZES = [(80, 24), (120, 40)]


@pytest.fixture(params=SIZES, ids=["80x24", "wide"])
def size(request: pytest.FixtureRequest) -> tuple[int, int]:
    """Each test runs at 80x24 and at a wide size."""
    return request.param  # type: ignore[no-any-return]


def features_app(path: Path) -> MentorWorkbookApp:
    """The app opening ``path`` with the ``features`` pack available."""
    return MentorWorkbookApp(open_path=path, content=FEATURES)


def service_of(app: MentorWorkbookApp) -> WorkbookService:
    """The open workbook's service (also while a form is open over it)."""
    screen = next(s for s in reversed(app.screen_stack) if isinstance(s, WorkbookScreen))
    return screen.context.service


def card(app: MentorWorkbookApp, prompt_id: str) -> PromptCard:
    """The card of ``prompt_id`` on the workbook screen."""
    return app.screen.query_one(f"#prompt-{prompt_id}", PromptCard)


def features_pack():  # type: ignore[no-untyped-def]
    """The ``features`` pack as the workbook loads it."""
    return PackCatalog.default(extra=FEATURES).load("features")


# ----------------------------------------------------------------------------- statements
async def test_a_statement_is_a_term_in_every_role_and_presenting(
    home: Path, size: tuple[int, int]
) -> None:
    app = features_app(make_relationship(home, pack_id="features"))
    async with app.run_test(size=size) as pilot:
        await show_step(pilot, "terms")
        for key in ("ctrl+r", "ctrl+t", ""):  # as the mentor, the mentee, on a shared screen
            statement = app.screen.query_one("#prompt-voluntary", StatementCard)
            text = str(statement.content)
            assert text.startswith("Taking part is voluntary: either of you may stop")
            assert "Tell the coordinator if you want to stop." in text
            assert 'A term of the agreement, under "Taking part" · nothing to answer' in text
            other = str(app.screen.query_one("#prompt-four-sessions", StatementCard).content)
            assert other.endswith("Set by the programme · nothing to answer")
            pane = app.screen.pane()
            assert not pane.query(AnswerView) and not pane.query(ReadOnlyAnswer)
            assert not any(widget.focusable for widget in pane.query("*"))  # no editor
            step = next(s for s in app.screen.steps() if s.id == "step-terms")
            assert (step.done, step.total) == (0, 0)  # nothing to count
            if key:
                await pilot.press(key)
                await settle(pilot)
        assert app.screen.context.presenting and app.screen.context.role is Role.MENTEE


# ---------------------------------------------------------------------------------- links
async def test_a_link_is_checked_as_typed_and_shown_as_a_link(
    home: Path, size: tuple[int, int]
) -> None:
    path = make_relationship(home, pack_id="features")
    with WorkbookService.open(path) as service:
        service.set_answer("meeting-place", Author.JOINT, "Video call")
    app = features_app(path)
    async with app.run_test(size=size) as pilot:
        await show_step(pilot, "meeting")
        link = await edit(pilot, "video-link", LinkEditor)
        await pilot.press(*"zoom.us/j/42")
        await settle(pilot)
        assert link.has_class("-invalid") and link.border_subtitle == LINK_HINT
        assert service_of(app).answer("video-link", Author.JOINT) is None  # nothing saved
        await pilot.press("home", *"https://")
        await settle(pilot)
        assert not link.has_class("-invalid") and not link.border_subtitle
        saved = service_of(app).answer("video-link", Author.JOINT)
        assert saved is not None and saved.value == "https://zoom.us/j/42"
        link.value = ""  # emptied: saved as empty, no hint
        await settle(pilot)
        assert service_of(app).answer("video-link", Author.JOINT).value == ""  # type: ignore[union-attr]
        link.value = "https://zoom.us/j/42"
        await settle(pilot)
    app = features_app(path)
    async with app.run_test(size=size) as pilot:
        await show_step(pilot, "meeting")
        view = answer_widget(app, "video-link")
        assert isinstance(view, AnswerView)
        content = view.content
        assert str(content) == "https://zoom.us/j/42"  # the address itself, literally
        links = [span.style.link for span in content.spans if not isinstance(span.style, str)]
        assert links == ["https://zoom.us/j/42"]  # and a hyperlink where the terminal has them
        await pilot.press("ctrl+t")  # on a shared screen: the same link
        await settle(pilot)
        shown = answer_widget(app, "video-link").content  # type: ignore[attr-defined]
        assert [span.style.link for span in shown.spans if not isinstance(span.style, str)] == [
            "https://zoom.us/j/42"
        ]


async def test_a_stored_value_that_is_not_a_web_address_is_shown_as_text(
    home: Path, size: tuple[int, int]
) -> None:
    path = make_relationship(home, pack_id="features")
    with WorkbookService.open(path) as service:  # e.g. from an older copy
        service.set_answer("meeting-place", Author.JOINT, "Video call")
        service.set_answer("video-link", Author.JOINT, "ask [bold]Priya[/] for it")
    app = features_app(path)
    async with app.run_test(size=size) as pilot:
        await show_step(pilot, "meeting")
        content = answer_widget(app, "video-link").content  # type: ignore[attr-defined]
        assert str(content) == "ask [bold]Priya[/] for it  (not a web address)"
        assert all(isinstance(span.style, str) for span in content.spans)  # no hyperlink


# ---------------------------------------------------------------------------- scale labels
async def test_scale_labels_show_in_the_editor_and_the_other_side_s_answer(
    home: Path, size: tuple[int, int]
) -> None:
    path = make_relationship(home, pack_id="features")
    with WorkbookService.open(path) as service:
        service.set_answer("doing", Author.MENTEE, 5)
    app = features_app(path)
    async with app.run_test(size=size) as pilot:
        await show_step(pilot, "scale")
        labels = "0 = struggling · 5 = getting by · 10 = thriving"
        scale = answer_widget(app, "doing", Author.MENTOR)
        assert isinstance(scale, ScaleEditor)
        assert labels in str(scale.render())
        theirs = card(app, "doing").query_one(ReadOnlyAnswer)  # the mentee's, read-only
        assert str(theirs.content).split("\n") == [
            " 0  1  2  3  4 [5] 6  7  8  9  10   5/10",
            f" {labels}",  # under the points
        ]
        assert screen_text(app).count(labels) == 2
        scale.focus()
        await pilot.press("7")
        assert str(scale.render()).split("\n")[0].endswith("[7] 8  9  10   7/10")
        await pilot.press("0")  # a scale from 0: the 0 key is 0, not 10
        assert scale.value == 0 and "[0]" in str(scale.render())
        assert service_of(app).answer("doing", Author.MENTOR).value == 0  # type: ignore[union-attr]


async def test_the_zero_key_still_means_ten_on_a_scale_from_one(home: Path) -> None:
    app = MentorWorkbookApp(open_path=make_relationship(home, pack_id="apprenticeship"))
    async with app.run_test(size=(80, 24)) as pilot:
        await show_step(pilot, "preparation")
        scale = answer_widget(app, "personal-capacity", Author.MENTOR)
        assert isinstance(scale, ScaleEditor) and (scale.low, scale.high) == (1, 10)
        assert "1 = very little · 10 = plenty" in str(scale.render())
        scale.focus()
        await pilot.press("0")
        assert scale.value == 10


# -------------------------------------------------------------------------- role wording
@pytest.mark.build_ahead
async def test_each_role_reads_its_own_words_and_a_shared_screen_the_shared_ones(
    home: Path, size: tuple[int, int]
) -> None:
    path = make_relationship(home, pack_id="features")
    with WorkbookService.open(path) as service:
        service.set_answer("salary", Author.MENTEE, "40k", Visibility.SHARED)
    app = features_app(path)
    async with app.run_test(size=size) as pilot:
        await show_step(pilot, "wording")
        text = await wait_for_text(pilot, "What are you prepared to give?")
        assert "Be honest about the hours you have." in text  # the mentor's own guidance
        assert "Your mentor has thought about this" not in text
        assert "What do you expect of each other?" in text  # both answers show: shared words
        assert "What do you expect from your mentee?" not in text
        await show_step(pilot, "privacy")  # only the mentee's answer: the mentor's words
        await wait_for_text(pilot, "What salary is your mentee hoping for?")
        await pilot.press("ctrl+r")
        await wait_for_text(pilot, "What salary are you hoping for?")
        await show_step(pilot, "wording")
        text = await wait_for_text(pilot, "What is your mentor prepared to give?")
        assert "Your mentor has thought about this before your first meeting." in text
        assert "Be honest about the hours" not in text
        assert "What do you expect of each other?" in text
        await pilot.press("ctrl+t")
        text = await wait_for_text(pilot, "What are you prepared to give?")
        assert "Time is part of it." in text  # shared guidance only, nobody's own
        assert "Your mentor has thought" not in text and "Be honest" not in text
        await show_step(pilot, "privacy")
        await wait_for_text(pilot, "What salary are you hoping for?")


# ----------------------------------------------------------------------- private: optional
def _shared_copy_answers(path: Path, tmp_path: Path) -> dict[str, object]:
    """The answers in the copy the file's owner would send the other side."""
    with WorkbookService.open(path) as service:
        copy = share_with_other_side(service, tmp_path / "copy.json", pack=features_pack())
    raw = json.loads(copy.path.read_text("utf-8"))
    return {d["prompt_id"]: d["value"] for d in raw.get("answers", {}).values()}


async def test_the_author_shares_a_private_optional_answer_and_takes_it_back(
    home: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    path = make_relationship(home, pack_id="features", role=Role.MENTEE)
    app = features_app(path)
    async with app.run_test(size=size) as pilot:
        await show_step(pilot, "privacy")
        await edit(pilot, "salary", ShortTextEditor, Author.MENTEE)
        await pilot.press(*"About 40k")
        toggle = app.screen.query_one(PrivacyToggle)
        assert str(toggle.content) == "Only you see this · press p to share"
        answer = service_of(app).answer("salary", Author.MENTEE)
        assert answer is not None and answer.visibility is Visibility.PRIVATE  # first: private
        await pilot.press("tab")
        assert app.focused is toggle
        await pilot.press("p")
        await settle(pilot)
        assert str(toggle.content) == "Shared with your mentor · press p to make it private"
        answer = service_of(app).answer("salary", Author.MENTEE)
        assert answer is not None and answer.visibility is Visibility.SHARED
        assert answer.value == "About 40k"  # the choice keeps what was typed
        await pilot.press("shift+tab", "end", *" exactly")  # editing keeps the choice
        await settle(pilot)
        answer = service_of(app).answer("salary", Author.MENTEE)
        assert answer.visibility is Visibility.SHARED and answer.value == "About 40k exactly"  # type: ignore[union-attr]
        await pilot.press("ctrl+r")  # the mentor sees it now that it is shared
        await wait_for_text(pilot, "About 40k exactly")
        assert not app.screen.query(PrivacyToggle)  # nobody else switches it
        await pilot.press("ctrl+t")  # and so does a shared screen
        await wait_for_text(pilot, "About 40k exactly")
        await pilot.press("ctrl+t", "ctrl+r")
        await settle(pilot)
    assert _shared_copy_answers(path, tmp_path).get("salary") == "About 40k exactly"

    app = features_app(path)
    async with app.run_test(size=size) as pilot:
        await show_step(pilot, "privacy")
        toggle = app.screen.query_one(PrivacyToggle)
        assert str(toggle.content).startswith("Shared with your mentor")
        toggle.scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        await pilot.click(toggle)  # a click switches too
        await settle(pilot)
        assert str(toggle.content) == "Only you see this · press p to share"
        assert service_of(app).answer("salary", Author.MENTEE).is_private  # type: ignore[union-attr]
        await pilot.press("ctrl+r")
        text = await wait_for_text(pilot, "Nothing on this tab is for you to see")
        assert "About 40k" not in text
        await pilot.press("ctrl+t")
        await wait_for_text(pilot, "hidden while presenting")
        assert "About 40k" not in screen_text(app)
    assert "salary" not in _shared_copy_answers(path, tmp_path)


async def test_making_an_answer_private_just_before_the_app_stops_keeps_it_private(
    home: Path,
) -> None:
    """The choice's message is still on its way when the app stops (ctrl+q right after
    ``p``): the answer is stored as the line says, and a stale choice arriving after a newer
    one does not share it again."""
    path = make_relationship(home, pack_id="features", role=Role.MENTEE)
    app = features_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_step(pilot, "privacy")
        await edit(pilot, "salary", ShortTextEditor, Author.MENTEE)
        await pilot.press(*"About 40k")
        toggle = app.screen.query_one(PrivacyToggle)
        toggle.focus()
        await pilot.press("p")  # shared
        await settle(pilot)
        assert service_of(app).answer("salary", Author.MENTEE).visibility is Visibility.SHARED  # type: ignore[union-attr]
        toggle.action_switch()  # private again, and shared again, both still on their way
        toggle.action_switch()
        toggle.action_switch()  # private: what the line says when the app stops
        app.save_all()
        with WorkbookService.open(path, read_only=True) as service:
            answer = service.answer("salary", Author.MENTEE)
        assert answer is not None and answer.visibility is Visibility.PRIVATE
        await settle(pilot)  # the three messages arrive: the line still says private
        held = service_of(app).answer("salary", Author.MENTEE)
        assert held is not None and held.visibility is Visibility.PRIVATE
        assert held.value == "About 40k"


async def test_sharing_before_answering_is_kept_for_the_answer(home: Path) -> None:
    path = make_relationship(home, pack_id="features", role=Role.MENTEE)
    app = features_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_step(pilot, "privacy")
        app.screen.query_one(PrivacyToggle).focus()
        await pilot.press("p")
        await settle(pilot)
        await edit(pilot, "salary", ShortTextEditor, Author.MENTEE)
        await pilot.press(*"50k")

        def typed() -> object:
            answer = service_of(app).answer("salary", Author.MENTEE)
            return answer.value if answer is not None else None

        await wait_until(pilot, lambda: typed() == "50k", "the typing held in memory")
        answer = service_of(app).answer("salary", Author.MENTEE)
        assert answer is not None and (answer.value, answer.visibility) == (
            "50k",
            Visibility.SHARED,
        )


# ------------------------------------------------------------------------- conditions
def meeting_count(app: MentorWorkbookApp) -> tuple[int, int]:
    """What the step bar counts on the meeting step: (done, total)."""
    step = next(s for s in app.screen.steps() if s.id == "step-meeting")  # type: ignore[attr-defined]
    return step.done, step.total


@pytest.mark.build_ahead
async def test_conditional_questions_appear_and_hide_as_the_answer_changes(
    home: Path, size: tuple[int, int]
) -> None:
    app = features_app(make_relationship(home, pack_id="features"))
    async with app.run_test(size=size) as pilot:
        await show_step(pilot, "meeting")
        link, other = card(app, "video-link"), card(app, "meeting-place-other")
        assert not link.display and not other.display
        assert "Which video link" not in screen_text(app)
        assert meeting_count(app) == (0, 1)  # hidden questions do not count
        choice = await edit(pilot, "meeting-place", SingleChoiceEditor)
        choice.choose(0)  # Video call
        await wait_for_text(pilot, "Which video link will you use?")
        assert link.display and not other.display
        assert meeting_count(app) == (1, 2)
        link_editor = await edit(pilot, "video-link", LinkEditor)
        await pilot.press(*"https://meet.example.org/abc")
        await settle(pilot)
        choice.choose(2)  # Somewhere else: the "please say" question instead
        await wait_for_text(pilot, "Somewhere else (please say)")
        assert not link.display and other.display
        assert "Which video link" not in screen_text(app)
        kept = service_of(app).answer("video-link", Author.JOINT)
        assert kept is not None and kept.value == "https://meet.example.org/abc"  # kept
        assert meeting_count(app) == (1, 2)  # the choice, and the unanswered "please say"
        choice.choose(0)
        await wait_for_text(pilot, "https://meet.example.org/abc")  # back, with its answer
        assert link_editor not in card(app, "video-link").query("*")  # redrawn from the file


@pytest.mark.build_ahead
async def test_a_both_question_follows_each_person_s_own_answer(
    home: Path, size: tuple[int, int]
) -> None:
    path = make_relationship(home, pack_id="features")
    with WorkbookService.open(path) as service:
        service.set_answer("learning", Author.MENTEE, "By reading")
    app = features_app(path)
    async with app.run_test(size=size) as pilot:
        await show_step(pilot, "styles")
        follow_up = card(app, "learning-other")
        assert not follow_up.display
        choice = await edit(pilot, "learning", SingleChoiceEditor, Author.MENTOR)
        choice.choose(2)  # Other, for the mentor only
        await wait_until(pilot, lambda: follow_up.display, "the mentor's follow-up")
        assert follow_up.authors == [Author.MENTOR]  # the mentee chose By reading
        await edit(pilot, "learning-other", ShortTextEditor, Author.MENTOR)
        await pilot.press(*"Pairing")

        def typed() -> object:
            answer = service_of(app).answer("learning-other", Author.MENTOR)
            return answer.value if answer is not None else None

        await wait_until(pilot, lambda: typed() == "Pairing", "the typing held in memory")
        await pilot.press("ctrl+r")  # the mentee sees the mentor's "please say" answer only
        await wait_for_text(pilot, "Pairing")
        assert card(app, "learning-other").authors == [Author.MENTOR]


# --------------------------------------------------------------------------- the cadence
async def test_a_cadence_typed_just_before_the_app_stops_is_agreed(home: Path) -> None:
    path = make_relationship(home, pack_id="features")
    app = features_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_step(pilot, "plan")
        form = app.screen.query_one(CadenceForm)
        form.query_one("#cadence-every", Input).value = "every 3 weeks"
        app.save_all()  # (at once: the Input's Changed message is still queued)
        with WorkbookService.open(path, read_only=True) as service:
            cadence = service.relationship.cadence
        assert cadence is not None and cadence.every_weeks == 3


async def test_the_cadence_form_starts_from_the_programme_and_warns_below_its_minimum(
    home: Path, size: tuple[int, int]
) -> None:
    path = make_relationship(home, pack_id="features")
    before = path.read_bytes()
    app = features_app(path)
    async with app.run_test(size=size) as pilot:
        await show_step(pilot, "plan")
        form = app.screen.query_one(CadenceForm)
        every = form.query_one("#cadence-every", Input)
        values = [
            form.query_one(f"#cadence-{name}", Input).value
            for name in ("every", "minutes", "count")
        ]
        assert values == ["every 2 weeks", "45", "4"]  # the pack's meetings and sessions
        summary = str(form.query_one(".cadence-summary", Static).content)
        assert summary.startswith("Not agreed yet. The programme suggests every 2 weeks, 45")
        assert not form.query_one(".cadence-warning", Static).display
        assert service_of(app).relationship.cadence is None  # a suggestion is not agreed
        every.focus()
        await pilot.press("enter")  # agreed as suggested
        await settle(pilot)
        cadence = service_of(app).relationship.cadence
        assert cadence is not None and cadence.describe() == "every 2 weeks, 45 minutes, 4 sessions"
        every.value = "every 3 weeks"
        await settle(pilot)
        warning = form.query_one(".cadence-warning", Static)
        stored = service_of(app).relationship.cadence
        assert stored is not None and stored.every_weeks == 3
        assert warning.display
        assert str(warning.content) == contact_warning(stored, features_pack())
        assert "at least twice a month" in str(warning.content)
        every.value = "twice a month"
        await settle(pilot)
        stored = service_of(app).relationship.cadence
        assert stored is not None and stored.times_per_month == 2
        assert not warning.display
        every.value = "now and then"
        await settle(pilot)
        error = str(form.query_one("#cadence-every-error", Static).content)
        assert error == "Write e.g. 'every 2 weeks' or 'twice a month'."
        assert service_of(app).relationship.cadence.times_per_month == 2  # type: ignore[union-attr]
    assert path.read_bytes() != before


async def test_opening_the_cadence_form_agrees_nothing(home: Path, size: tuple[int, int]) -> None:
    path = make_relationship(home, pack_id="features")
    before = path.read_bytes()
    app = features_app(path)
    async with app.run_test(size=size) as pilot:
        await show_step(pilot, "plan")
        await settle(pilot)
        assert service_of(app).relationship.cadence is None
        assert not service_of(app).dirty
    assert path.read_bytes() == before


# ----------------------------------------------------------------------- goals and actions
def _fill_goal(form: GoalForm, title: str, specific: str = "Ten real users") -> None:
    form.query_one("#title", Input).value = title
    form.query_one("#specific", Input).value = specific
    form.query_one("#target", Input).value = "2099-05-01"


async def test_the_goal_form_uses_the_programme_s_examples_parts_and_maximum(
    home: Path, size: tuple[int, int]
) -> None:
    app = MentorWorkbookApp(open_path=make_relationship(home, pack_id="features"), content=FEATURES)
    async with app.run_test(size=size, notifications=True) as pilot:
        await show_step(pilot, "plan")
        panel = app.screen.query_one(GoalsPanel)
        panel.query_one(ItemList).focus()
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, GoalForm), "the goal form")
        form = app.screen
        note = str(form.query_one(".examples-note", Static).content)
        assert note == (
            "For example: Ship the garden planner to ten users by May · Pair on one pull "
            "request a week until the summer"
        )
        assert "Lead a sprint demo" not in screen_text(app)
        labels = [str(label.content) for label in form.query(".field-label")]
        assert "Specific *" in labels and "Target date *" in labels
        assert "Measurable" in labels and "Achievable" in labels  # not required here
        _fill_goal(form, "Ship the planner", specific="")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GoalForm)  # the one part it requires is missing
        problems = str(form.query_one("#problems", Static).content)
        assert problems == "• Say specifically what will be achieved."
        form.query_one("#specific", Input).value = "Ten real users"
        await pilot.press("ctrl+s")  # measurable, achievable, relevant may stay empty
        await wait_until(pilot, lambda: len(service_of(app).goals()) == 1, "the first goal")
        service_of(app).save(Goal(title="Pair weekly", specific="x"))
        panel.reload()
        panel.query_one(ItemList).focus()
        await pilot.press("a")  # a third goal: more than the programme's two
        await wait_for_text(pilot, "This programme sets at most 2 goals")
        assert not isinstance(app.screen, GoalForm)
        assert len(service_of(app).goals()) == 2


async def test_the_action_form_uses_the_programme_s_examples(
    home: Path, size: tuple[int, int]
) -> None:
    app = features_app(make_relationship(home, pack_id="features"))
    async with app.run_test(size=size) as pilot:
        await show_step(pilot, "plan")
        app.screen.query_one(ActionsPanel).query_one(ItemList).focus()
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ActionForm), "the action form")
        note = str(app.screen.query_one(".examples-note", Static).content)
        assert note == "For example: Sketch the first screen before we meet"
        assert "Draft a one-page CV" not in screen_text(app)


# ------------------------------------------------------------------------ pack updated
@pytest.fixture
def old_relationship(home: Path) -> Iterator[Path]:
    """A relationship last used with version 0.9 of the features pack, holding an answer to
    a question version 1.0 no longer has."""
    path = make_relationship(home, pack_id="features", pack_version="0.9")
    with WorkbookService.open(path) as service:
        service.set_answer("old-question", Author.MENTOR, "Kept from 0.9")
    yield path


async def test_opening_after_a_pack_update_says_so_once(
    old_relationship: Path, size: tuple[int, int]
) -> None:
    app = features_app(old_relationship)
    async with app.run_test(size=size, notifications=True) as pilot:
        text = await wait_for_text(pilot, "Programme pack updated 0.9 → 1.0")
        words = " ".join(text.replace("▌", " ").split())  # (the note wraps in its box)
        assert "1 answer to questions it no longer asks kept under 'Other answers'" in words
        await show_step(pilot, "step--other-answers")
        await wait_for_text(pilot, "Kept from 0.9")
    with WorkbookService.open(old_relationship, read_only=True) as service:
        assert service.relationship.pack_version == "1.0"
    app = features_app(old_relationship)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        await show_step(pilot, "terms")
        assert "pack updated" not in screen_text(app)
