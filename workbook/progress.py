"""Progress that means something: each person's own part, the other's, and what they agree
together ("yours 8/8 · theirs 3/8 · together 2/4").

The rule (also in the README):

* Every prompt a person may see counts once per author it has: a prompt for both people is
  one item in your part and one in theirs, a joint prompt one item in the part you do
  together. It is done when that author's answer holds something (for a prompt asked at
  every session: this session's answer). The other person's private prompts are not counted.
* Structured prompts count by what they hold: a goal list is done once a goal is entered, an
  action list once an action is set (for one person: one they own), the cadence once it is
  agreed, the homework review once every piece of homework due in this session has its
  outcome (with nothing to debrief it is not counted), and the agreement once each person has
  acknowledged the current terms (one item in your part, one in theirs).
* Statements hold no answer and are not counted; neither is a prompt hidden by a condition
  (``shown`` says which are shown: the content engine's ``show if``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from workbook.agreement_state import AgreementStatus, agreement_status
from workbook.checkins import current_answer
from workbook.conditions import PromptShown, pack_conditions
from workbook.content.model import Pack, Prompt, PromptKind, Tab
from workbook.debrief import homework_for_debrief
from workbook.models import Author, Role
from workbook.service import WorkbookService
from workbook.visibility import visible_authors


@dataclass(frozen=True)
class Count:
    """Done out of total, e.g. 3 of 8."""

    done: int = 0
    total: int = 0

    def __add__(self, other: Count) -> Count:
        return Count(self.done + other.done, self.total + other.total)

    def __str__(self) -> str:
        return f"{self.done}/{self.total}"


@dataclass(frozen=True)
class Progress:
    """Progress seen from one person's side."""

    yours: Count = Count()
    theirs: Count = Count()
    together: Count = Count()

    def __add__(self, other: Progress) -> Progress:
        return Progress(
            self.yours + other.yours, self.theirs + other.theirs, self.together + other.together
        )

    @property
    def overall(self) -> Count:
        """All parts together."""
        return self.yours + self.theirs + self.together

    @property
    def complete(self) -> bool:
        """True when everything counted is done."""
        overall = self.overall
        return overall.done == overall.total

    def label(self) -> str:
        """``yours 8/8 · theirs 3/8 · together 2/4`` (parts with nothing to count left out)."""
        parts = [
            f"{name} {count}"
            for name, count in (
                ("yours", self.yours),
                ("theirs", self.theirs),
                ("together", self.together),
            )
            if count.total
        ]
        return " · ".join(parts) or "nothing to answer"


def _structured_done(
    service: WorkbookService,
    prompt: Prompt,
    author: Author,
    agreement: AgreementStatus | None,
) -> bool | None:
    """Whether a structured prompt is done for ``author`` (None: nothing to count)."""
    kind = prompt.kind
    if kind is PromptKind.GOAL_LIST:
        return bool(service.goals())
    if kind is PromptKind.ACTION_LIST:
        actions = service.actions()
        if author is Author.JOINT:
            return bool(actions)
        return any(item.owner.value == author.value for item in actions)
    if kind is PromptKind.CADENCE:
        return service.relationship.cadence is not None
    if kind is PromptKind.HOMEWORK_REVIEW:
        session = service.current_session()
        items = homework_for_debrief(service, session.number) if session else []
        if not items or session is None:
            return None
        return all(item.debrief_in(session.number) is not None for item in items)
    if kind is PromptKind.AGREEMENT:
        if agreement is None or author is Author.JOINT or not agreement.is_current:
            return False
        version = agreement.version
        return version is not None and version.acknowledged_by(Role(author.value)) is not None
    return None


def _authors(
    service: WorkbookService, prompt: Prompt, role: Role, presenting: bool
) -> list[Author]:
    if prompt.kind is PromptKind.AGREEMENT:
        return [Author(r.value) for r in (role, role.other)]
    return visible_authors(
        prompt, role, presenting, lambda _, author: current_answer(service, prompt, author)
    )


@dataclass(frozen=True)
class CountedItem:
    """One counted item: ``author``'s part of ``prompt``, and whether it is done."""

    prompt: Prompt
    author: Author
    done: bool


def counted_items(
    service: WorkbookService,
    prompts: Iterable[Prompt],
    role: Role,
    *,
    presenting: bool = False,
    shown: PromptShown | None = None,
    agreement: AgreementStatus | None = None,
) -> Iterator[CountedItem]:
    """Every item that counts towards progress over ``prompts`` seen by ``role`` (see the
    module's rule), in prompt order. ``agreement`` is the agreement's status, needed to count
    an agreement prompt."""
    for prompt in prompts:
        if prompt.kind is PromptKind.STATEMENT:
            continue
        for author in _authors(service, prompt, role, presenting):
            if shown is not None and not shown(prompt, author):
                continue
            if prompt.kind.is_structured:
                done = _structured_done(service, prompt, author, agreement)
                if done is None:
                    continue
            else:
                answer = current_answer(service, prompt, author)
                done = answer is not None and answer.filled
            yield CountedItem(prompt, author, done)


def prompts_progress(
    service: WorkbookService,
    prompts: Iterable[Prompt],
    role: Role,
    *,
    presenting: bool = False,
    shown: PromptShown | None = None,
    agreement: AgreementStatus | None = None,
) -> Progress:
    """Progress over ``prompts`` seen by ``role`` (see the module's rule). ``agreement`` is
    the agreement's status, needed to count an agreement prompt."""
    yours, theirs, together = Count(), Count(), Count()
    for counted in counted_items(
        service, prompts, role, presenting=presenting, shown=shown, agreement=agreement
    ):
        item = Count(int(counted.done), 1)
        if counted.author is Author.JOINT:
            together += item
        elif counted.author.value == role.value:
            yours += item
        else:
            theirs += item
    return Progress(yours, theirs, together)


def tab_progress(
    service: WorkbookService,
    pack: Pack,
    tab: Tab,
    role: Role,
    *,
    presenting: bool = False,
    shown: PromptShown | None = None,
    today: date | None = None,
) -> Progress:
    """Progress of one tab for ``role`` (a tab label: ``Preparation · yours 8/8 · theirs 3/8``).

    Questions hidden by ``show if`` do not count (``shown`` defaults to the pack's conditions
    on the current answers)."""
    agreement = agreement_if_needed(service, pack, tab.prompts, today)
    return prompts_progress(
        service,
        tab.prompts,
        role,
        presenting=presenting,
        shown=shown or pack_conditions(service, pack),
        agreement=agreement,
    )


def pack_progress(
    service: WorkbookService,
    pack: Pack,
    role: Role,
    *,
    presenting: bool = False,
    shown: PromptShown | None = None,
    today: date | None = None,
) -> Progress:
    """Progress over the whole pack for ``role`` (the home screen, ``list`` and ``status``);
    questions hidden by ``show if`` do not count (as in :func:`tab_progress`)."""
    prompts = pack.all_prompts()
    agreement = agreement_if_needed(service, pack, prompts, today)
    return prompts_progress(
        service,
        prompts,
        role,
        presenting=presenting,
        shown=shown or pack_conditions(service, pack),
        agreement=agreement,
    )


def agreement_if_needed(
    service: WorkbookService, pack: Pack, prompts: Iterable[Prompt], today: date | None
) -> AgreementStatus | None:
    """The agreement's status when ``prompts`` hold an agreement prompt (it is what counts
    one), else None: drafting the agreement reads every answer, so it is done only then."""
    if not any(p.kind is PromptKind.AGREEMENT for p in prompts):
        return None
    return agreement_status(service, pack, today or date.today())
