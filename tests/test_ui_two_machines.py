"""Two people, two machines, end to end in the app (Pilot): one home folder for the mentor and
one for the mentee, each with a Downloads folder where the copies they email each other land.

Both orders are played through with the app's own dialogs only: the mentor first (share from
the workbook's palette, the mentee opens the file from the home screen, fills the preparation,
shares back, the mentor brings it in); the mentee first (the mentor brings in a copy of the
mentee's own relationship: the adoption question, both side by side, then joined), with round
trips that ask nothing after the first adoption; a copy between other names refused with its
message; a received file with a relationship of the same names at home; what ``open FILE``
did, shown in the app.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, RadioSet, Static

from screens.adoption_screen import AdoptionScreen
from screens.app import MentorWorkbookApp
from screens.editors.text import LongTextEditor
from screens.home import HomeScreen
from screens.message_screen import MessageScreen
from screens.new_relationship import NewRelationshipScreen
from screens.notice_screen import NoticeScreen
from screens.path_picker import CopyTree, PathPicker
from screens.share_dialog import ShareDialog, SharedScreen
from screens.workbook_screen import WorkbookScreen
from tests.ui_support import edit, make_relationship, screen_text, wait_for_text, wait_until
from workbook import paths
from workbook.models import Author, Role
from workbook.service import WorkbookService
from workbook.sharing import share_with_other_side

SIZE = (80, 24)
SLUG = "priya-shah-sam-okafor"


@dataclass
class Machine:
    """One person's computer: their user folder (``HOME``), the app's home in it, Downloads."""

    user: Path

    @property
    def home(self) -> Path:
        return self.user / "workbook-home"

    @property
    def downloads(self) -> Path:
        return self.user / "Downloads"

    def file(self, slug: str = SLUG) -> Path:
        return self.home / "relationships" / f"{slug}.json"

    def value(self, prompt_id: str, author: Author, slug: str = SLUG) -> object:
        answer = WorkbookService.open(self.file(slug), read_only=True).answer(prompt_id, author)
        return None if answer is None else answer.value


@pytest.fixture
def machines(tmp_path: Path) -> Iterator[tuple[Machine, Machine]]:
    """The mentor's machine and the mentee's (each with an empty Downloads folder)."""
    pair = (Machine(tmp_path / "mentor"), Machine(tmp_path / "mentee"))
    for machine in pair:
        machine.downloads.mkdir(parents=True)
    yield pair
    paths.set_home_override(None)


def sit_at(machine: Machine, monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on the app runs on ``machine`` (its home folder and its user's folder)."""
    monkeypatch.setenv(paths.HOME_ENV_VAR, str(machine.home))
    monkeypatch.setenv("HOME", str(machine.user))
    paths.set_home_override(None)


def email(copy: Path, to: Machine) -> Path:
    """The copy, sent by email and saved in the other machine's Downloads."""
    return Path(shutil.copy(copy, to.downloads))


async def screen_is(pilot: Pilot, kind: type) -> None:
    """Wait until the app shows a ``kind`` screen."""
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, kind), kind.__name__)


async def home_loaded(pilot: Pilot) -> HomeScreen:
    """Wait until the home screen has read its rows and its summary line."""
    await screen_is(pilot, HomeScreen)
    screen = pilot.app.screen
    assert isinstance(screen, HomeScreen)
    await wait_until(pilot, lambda: screen.loaded, "the rows")
    return screen


async def run_command(pilot: Pilot, title: str) -> None:
    """Run the palette command ``title`` as a user would: ctrl+p, type it, enter."""
    await pilot.press("ctrl+p")
    await screen_is(pilot, CommandPalette)
    await pilot.press(*title)
    results = pilot.app.screen.query_one(OptionList)
    await wait_until(
        pilot,
        lambda: results.option_count and title in str(results.get_option_at_index(0).prompt),
        f"the command {title!r}",
    )
    await pilot.press("enter")


async def pick_in_tree(pilot: Pilot, name: str) -> None:
    """In the open file picker, move down the tree to ``name`` and press enter."""
    tree = pilot.app.screen.query_one(CopyTree)
    await wait_until(
        pilot, lambda: any(str(n.label) == name for n in tree.root.children), f"{name} listed"
    )
    while tree.cursor_node is None or str(tree.cursor_node.label) != name:
        await pilot.press("down")
    await pilot.press("enter")


async def type_path(pilot: Pilot, path: Path) -> None:
    """In the open file picker, type ``path`` instead of picking it."""
    field = pilot.app.screen.query_one("#picker-path", Input)
    field.focus()
    await pilot.press(*str(path), "enter")


async def share(pilot: Pilot, *, folder: Path | None = None) -> Path:
    """In the share dialog: write the copy (into ``folder`` when given, typed), check what is
    shown, copy the sentence; returns the copy's path."""
    await screen_is(pilot, ShareDialog)
    if folder is not None:
        place = pilot.app.screen.query_one("#share-place", Input)
        place.value = ""
        place.focus()
        await pilot.press(*str(folder))
    await pilot.press("ctrl+s")
    await screen_is(pilot, SharedScreen)
    shared = pilot.app.screen.shared  # type: ignore[attr-defined]
    if folder is not None:
        assert shared.path.parent == folder.resolve()
    await wait_for_text(pilot, "with this sentence")
    screen = pilot.app.screen
    assert str(screen.query_one("#shared-sentence", Static).content) == shared.sentence
    assert str(screen.query_one("#shared-path", Static).content).endswith(f"/{shared.path.name}")
    assert shared.sentence.endswith(f": open it with mentor-workbook open {shared.path.name}")
    await pilot.press("c")
    assert pilot.app.clipboard == shared.sentence
    await pilot.press("escape")
    await wait_until(pilot, lambda: not isinstance(pilot.app.screen, SharedScreen), "closing")
    path: Path = shared.path
    return path


async def bring_in_from_home(pilot: Pilot, name: str) -> None:
    """On the home screen: ``b`` (bring in, for the highlighted relationship), pick ``name``."""
    await pilot.press("b")
    await screen_is(pilot, PathPicker)
    await pick_in_tree(pilot, name)


def shared_by(machine: Machine, to: Machine, about_me: str = "", **names: str) -> Path:
    """A relationship started on ``machine`` as the mentee's (names as given, else Priya Shah
    and Sam Okafor; ``about_me``: their answer), shared there and emailed to ``to``."""
    path = make_relationship(machine.home, role=Role.MENTEE, **names)
    with WorkbookService.open(path) as service:
        if about_me:
            service.set_answer("about-me", Author.MENTEE, about_me)
        return email(share_with_other_side(service).path, to)


async def merged_notice(pilot: Pilot) -> str:
    """Wait for the merge's summary, return its text and close it."""
    await screen_is(pilot, NoticeScreen)
    text = screen_text(pilot.app)
    await pilot.press("enter")
    await wait_until(pilot, lambda: not isinstance(pilot.app.screen, NoticeScreen), "closing")
    return text


async def start_relationship(pilot: Pilot, role: Role, mentor_contact: str = "") -> None:
    """The new-relationship form, filled in (Priya Shah and Sam Okafor, the standard pack)."""
    await home_loaded(pilot)
    await pilot.press("n")
    await screen_is(pilot, NewRelationshipScreen)
    form = pilot.app.screen
    form.query_one("#mentor", Input).value = "Priya Shah"
    form.query_one("#mentor-contact", Input).value = mentor_contact
    form.query_one("#mentee", Input).value = "Sam Okafor"
    form.query_one("#mentee-contact", Input).value = "sam@example.org"
    form.query_one(RadioSet).query("RadioButton")[0 if role is Role.MENTOR else 1].value = True
    await pilot.press("ctrl+s")
    await screen_is(pilot, WorkbookScreen)


async def write_answer(pilot: Pilot, prompt_id: str, author: Author, text: str) -> None:
    """Type ``text`` as ``author``'s answer to the long-text prompt ``prompt_id``."""
    await edit(pilot, prompt_id, LongTextEditor, author)
    await pilot.press(*text)


@pytest.mark.long_running
async def test_mentor_first_in_the_app(
    machines: tuple[Machine, Machine], monkeypatch: pytest.MonkeyPatch
) -> None:
    mentor, mentee = machines
    sit_at(mentor, monkeypatch)
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start_relationship(pilot, Role.MENTOR, mentor_contact="priya@example.org")
        await write_answer(pilot, "about-me", Author.MENTOR, "Priya: ten years in product")
        await run_command(pilot, "Share with the other person")
        shared = await share(pilot)
    assert shared == (mentor.home / "exports" / "for-sam-okafor.json").resolve()
    assert app.clipboard == (
        "Send for-sam-okafor.json to Sam Okafor (sam@example.org): open it with "
        "mentor-workbook open for-sam-okafor.json"
    )
    received = email(shared, mentee)
    before = received.read_bytes()

    sit_at(mentee, monkeypatch)
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await home_loaded(pilot)
        await wait_for_text(pilot, "Press  o  to open it")
        await pilot.press("o")
        await screen_is(pilot, PathPicker)
        assert "~/Downloads" in screen_text(app)  # it starts where email attachments land
        await pick_in_tree(pilot, "for-sam-okafor.json")
        await screen_is(pilot, WorkbookScreen)
        await wait_for_text(pilot, "Imported for-sam-okafor.json")
        await write_answer(pilot, "about-me", Author.MENTEE, "Sam: from teaching into UX")
        await run_command(pilot, "Share with the other person")
        desktop = mentee.user / "Desktop"
        desktop.mkdir()
        back = await share(pilot, folder=desktop)  # a folder typed instead of exports
    assert received.read_bytes() == before  # the download is never written to
    assert sorted(p.name for p in mentee.downloads.iterdir()) == ["for-sam-okafor.json"]
    assert mentee.file().is_file()
    assert back == (desktop / "for-priya-shah.json").resolve()
    assert mentee.value("about-me", Author.MENTOR) == "Priya: ten years in product"

    sit_at(mentor, monkeypatch)
    copy = email(back, mentor)
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await home_loaded(pilot)
        await pilot.press("b")  # bring in, for the highlighted relationship
        await screen_is(pilot, PathPicker)
        await type_path(pilot, copy)  # a typed path instead of the tree
        text = await merged_notice(pilot)
        assert "1 added" in text and "Merged for-priya-shah.json: 1 added" in text
        await screen_is(pilot, HomeScreen)
        # the same copy again, from the workbook's palette: nothing new
        await pilot.press("enter")
        await screen_is(pilot, WorkbookScreen)
        await run_command(pilot, "Bring in their copy")
        await screen_is(pilot, PathPicker)
        await pick_in_tree(pilot, copy.name)
        assert "Nothing new" in await merged_notice(pilot)
    assert mentor.value("about-me", Author.MENTEE) == "Sam: from teaching into UX"
    assert mentor.value("about-me", Author.MENTOR) == "Priya: ten years in product"


@pytest.mark.long_running
async def test_mentee_first_then_the_adoption_question(
    machines: tuple[Machine, Machine], monkeypatch: pytest.MonkeyPatch
) -> None:
    mentor, mentee = machines
    sit_at(mentee, monkeypatch)
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start_relationship(pilot, Role.MENTEE)
        await write_answer(pilot, "about-me", Author.MENTEE, "Sam: from teaching into UX")
        await run_command(pilot, "Share with the other person")
        first = email(await share(pilot), mentor)
    assert first.name == "for-priya-shah.json"

    sit_at(mentor, monkeypatch)
    make_relationship(mentor.home)  # the mentor starts too: another relationship
    before = mentor.file().read_bytes()
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await home_loaded(pilot)
        await bring_in_from_home(pilot, first.name)
        await screen_is(pilot, AdoptionScreen)
        shown = screen_text(app)
        assert "Join their relationship to yours?" in shown
        assert "Yours" in shown and "Theirs" in shown and "1 answer (mentee 1)" in shown
        await pilot.press("n")  # not now: nothing changes
        await screen_is(pilot, HomeScreen)
        assert mentor.file().read_bytes() == before
        await bring_in_from_home(pilot, first.name)
        await screen_is(pilot, AdoptionScreen)
        await pilot.press("y")
        assert "Adopted for-priya-shah.json into this relationship" in await merged_notice(pilot)
        await pilot.press("h")  # share back, from the home screen
        back = email(await share(pilot), mentee)
    assert mentor.value("about-me", Author.MENTEE) == "Sam: from teaching into UX"

    for number in range(2):  # round trips: no question any more, either way
        sit_at(mentee, monkeypatch)
        app = MentorWorkbookApp()
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await home_loaded(pilot)
            await pilot.press("enter")
            await screen_is(pilot, WorkbookScreen)
            await run_command(pilot, "Bring in their copy")
            await screen_is(pilot, PathPicker)
            await pick_in_tree(pilot, back.name)
            await merged_notice(pilot)
            assert not isinstance(app.screen, AdoptionScreen)
            await write_answer(pilot, "about-them", Author.MENTEE, f" round {number}")
            await write_answer(pilot, "reason-for-mentoring", Author.MENTEE, f"reason {number}")
            await run_command(pilot, "Share with the other person")
            copy = email(await share(pilot), mentor)
        sit_at(mentor, monkeypatch)
        app = MentorWorkbookApp()
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await home_loaded(pilot)
            await bring_in_from_home(pilot, copy.name)
            assert "Merged for-priya-shah.json" in await merged_notice(pilot)
            await pilot.press("h")
            back = email(await share(pilot), mentee)
        typed = "".join(f"reason {n}" for n in range(number + 1))  # typed on, round by round
        assert mentor.value("reason-for-mentoring", Author.MENTEE) == typed
        assert mentor.value("about-them", Author.MENTEE) is None  # private: never crosses
    assert mentee.value("about-me", Author.MENTEE) == "Sam: from teaching into UX"
    for machine in (mentor, mentee):
        assert len(list((machine.home / "relationships").glob("*.json"))) == 1


async def test_a_copy_between_other_names_is_refused_in_the_app(
    machines: tuple[Machine, Machine], monkeypatch: pytest.MonkeyPatch
) -> None:
    mentor, mentee = machines
    sit_at(mentee, monkeypatch)
    received = shared_by(mentee, mentor, mentor="Priya", mentee="Sam")
    sit_at(mentor, monkeypatch)
    make_relationship(mentor.home)
    before = mentor.file().read_bytes()
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await home_loaded(pilot)
        await bring_in_from_home(pilot, received.name)
        await screen_is(pilot, MessageScreen)
        assert "Their copy was not brought in" in screen_text(app)
        message = str(app.screen.query_one("#message-text", Static).content)
        assert message.startswith(f"{received} is a copy of a different relationship (Priya & Sam")
        assert message.endswith("only a copy between the same mentor and mentee can be merged")
        await pilot.press("escape")
        await screen_is(pilot, HomeScreen)
    assert mentor.file().read_bytes() == before


@pytest.mark.parametrize(("choice", "into"), [("y", SLUG), ("n", f"{SLUG}-2")])
async def test_a_received_file_with_the_same_names_at_home_asks_first(
    machines: tuple[Machine, Machine], monkeypatch: pytest.MonkeyPatch, choice: str, into: str
) -> None:
    """Opening a received copy of another relationship between the same names: join merges
    it into the one at home (and the next copy comes in without asking); keep apart imports
    it as a relationship of its own."""
    mentor, mentee = machines
    sit_at(mentee, monkeypatch)
    received = shared_by(mentee, mentor, about_me="Sam's own start")
    before = received.read_bytes()
    sit_at(mentor, monkeypatch)
    make_relationship(mentor.home)
    app = MentorWorkbookApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await home_loaded(pilot)
        await pilot.press("o")
        await screen_is(pilot, PathPicker)
        await pick_in_tree(pilot, received.name)
        await screen_is(pilot, AdoptionScreen)
        assert "Keep apart" in screen_text(app)
        await pilot.press(choice)
        await screen_is(pilot, WorkbookScreen)
        await pilot.press("escape")  # home; then the same file again: no question now
        await home_loaded(pilot)
        await pilot.press("o")
        await screen_is(pilot, PathPicker)
        await pick_in_tree(pilot, received.name)
        await screen_is(pilot, WorkbookScreen)
    files = sorted(p.stem for p in (mentor.home / "relationships").glob("*.json"))
    assert files == sorted({SLUG, into})
    assert mentor.value("about-me", Author.MENTEE, into) == "Sam's own start"
    assert received.read_bytes() == before


async def test_what_open_did_with_a_received_file_shows_in_the_app(home: Path) -> None:
    path = make_relationship(home)
    notice = "Imported for-sam-okafor.json into your relationships"
    app = MentorWorkbookApp(open_path=path, notice=notice)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await screen_is(pilot, WorkbookScreen)
        await wait_for_text(pilot, "Imported for-sam-okafor.json into your")
