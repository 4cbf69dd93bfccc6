"""One privacy rule everywhere, as a property over every combination.

An answer is private when it was given as private *or* its prompt is private now. For each
stored visibility x prompt private now x author x role x presenting, every way an answer can
be seen or leave its file agrees with that rule: the workbook's views (``can_see`` /
``visible_authors``, the "Other answers" view), a shared copy, the JSON and Markdown exports
(with and without ``--include-private``), and a merge of the other side's copy. The space is
finite (48 combinations) and hypothesis exhausts it.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screens.context import WorkbookContext
from screens.orphans import orphan_answers
from workbook.content.model import Audience, Pack, Prompt, PromptKind, Tab
from workbook.exports import export_text
from workbook.models import Author, Role, Visibility
from workbook.service import WorkbookService
from workbook.sharing import merge_copy, share_copy
from workbook.visibility import can_see, visible_authors

MARKER = "QX-ANSWER-MARKER-5521"


def _pack(prompt_private: bool, *, with_prompts: bool = True) -> Pack:
    prompts = (
        Prompt(id="q-both", title="Q", kind=PromptKind.LONG_TEXT, private=prompt_private),
        Prompt(
            id="q-joint",
            title="Q together",
            kind=PromptKind.LONG_TEXT,
            audience=Audience.JOINT,
            private=prompt_private,
        ),
    )
    tab = Tab(id="t", title="T", prompts=prompts if with_prompts else ())
    return Pack(id="standard", title="Test", version="1", tabs=(tab,))


@dataclass(frozen=True)
class Case:
    """One combination."""

    stored: Visibility
    prompt_private: bool
    author: Author
    role: Role
    presenting: bool

    @property
    def private(self) -> bool:
        """What the one rule says."""
        return self.stored is Visibility.PRIVATE or self.prompt_private

    @property
    def prompt_id(self) -> str:
        return "q-joint" if self.author is Author.JOINT else "q-both"


cases = st.builds(
    Case,
    stored=st.sampled_from(Visibility),
    prompt_private=st.booleans(),
    author=st.sampled_from(Author),
    role=st.sampled_from(Role),
    presenting=st.booleans(),
)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))


def _seen_by(case: Case) -> bool:
    """What the rule allows ``case.role`` to see, on screen."""
    if not case.private:
        return True
    return not case.presenting and (
        case.author is Author.JOINT or case.author.value == case.role.value
    )


@SETTINGS
@given(case=cases)
def test_every_view_and_every_output_follows_the_one_rule(case: Case) -> None:
    pack = _pack(case.prompt_private)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        mentor = WorkbookService.create(
            mentor="Ada", mentee="Ben", pack_id="standard", pack_version="1", folder=folder / "m"
        )
        with mentor:
            # -- the workbook's views, in the mentor's own file
            mentor.set_answer(case.prompt_id, case.author, MARKER, case.stored)
            prompt = pack.prompt(case.prompt_id)
            assert prompt is not None
            stored = mentor.answer(case.prompt_id, case.author)
            shown = can_see(prompt, case.author, case.role, case.presenting, stored)
            assert shown is _seen_by(case)
            listed = visible_authors(prompt, case.role, case.presenting, mentor.answer)
            assert (case.author in listed) is _seen_by(case)
            no_prompt = _pack(case.prompt_private, with_prompts=False)
            context = WorkbookContext(mentor, no_prompt, case.role, case.presenting)
            orphan_rule = case.stored is Visibility.PRIVATE  # no prompt: the stored flag
            orphan_seen = not orphan_rule or (
                not case.presenting
                and (case.author is Author.JOINT or case.author.value == case.role.value)
            )
            assert bool(orphan_answers(context)) is orphan_seen

            # -- everything that leaves the file
            copy = share_copy(mentor, folder / "copy.json", pack=pack)
            assert (MARKER in copy.read_text(encoding="utf-8")) is not case.private
            for fmt in ("json", "markdown"):
                public = export_text(mentor, fmt, pack=pack)
                assert (MARKER in public) is not case.private, fmt
                assert MARKER in export_text(mentor, fmt, include_private=True, pack=pack)

        # -- a merge: the mentee's copy brings the answer to a fresh mentor file
        if case.author is not Author.MENTOR:  # (the mentor's own answers never come in)
            receiver = WorkbookService.create(
                mentor="Ada",
                mentee="Ben",
                pack_id="standard",
                pack_version="1",
                folder=folder / "r",
            )
            with receiver:
                blank = share_copy(receiver, folder / "blank.json", pack=pack)
                with WorkbookService.open(blank) as mentee:
                    mentee.set_answer(case.prompt_id, case.author, MARKER, case.stored)
                    back = share_copy(mentee, folder / "back.json", pack=_pack(False))
                merge_copy(receiver, back, pack=pack)
                arrived = receiver.answer(case.prompt_id, case.author)
                assert (arrived is not None and arrived.value == MARKER) is not case.private


def test_an_edit_keeps_what_its_author_chose_for_a_private_optional_prompt() -> None:
    """A first answer to a ``private: optional`` prompt starts private; once its author has
    shared it, editing keeps it shared; an answer given as private stays private."""
    from workbook.content.model import Prompt, PromptKind
    from workbook.models import Answer, Author, Visibility
    from workbook.privacy import visibility_for_edit

    optional = Prompt(
        id="salary", title="Salary", kind=PromptKind.SHORT_TEXT, private_optional=True
    )
    private = optional.model_copy(update={"private": True, "private_optional": False})
    shared = Answer(prompt_id="salary", author=Author.MENTEE, value="x")
    hidden = shared.model_copy(update={"visibility": Visibility.PRIVATE})
    assert visibility_for_edit(optional, None) is Visibility.PRIVATE
    assert visibility_for_edit(optional, shared) is Visibility.SHARED
    assert visibility_for_edit(optional, hidden) is Visibility.PRIVATE
    assert visibility_for_edit(private, shared) is Visibility.PRIVATE
    assert visibility_for_edit(None, None) is Visibility.SHARED
