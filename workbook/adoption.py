"""Which relationship a received copy belongs to, and joining the other side's own file to this one.

A copy merges into a file when it is a copy of the same relationship: the same id, or an id the
two files are linked by (``Relationship.linked_uids``). A mentee who starts before receiving
anything and a mentor who starts too make two relationships with different ids. Matching them
by names alone would merge two different relationships of the same pair (a second programme,
say), so joining them is an explicit step, ``merge --adopt`` (or the app's confirmation, which
shows both side by side with :func:`compare`); without it the merge is refused with one line
naming that step (:class:`AdoptionNeededError`). A copy between other names, or with the mentor
and mentee the other way round, is never merged.

How the link is remembered both ways: the adopting file records the other file's id; every
copy shared from it carries its ``linked_uids``; a file that receives a copy naming its own id
there (the other side adopted it) records the copy's id in turn, once the names match. From
then on copies from either file merge without ``--adopt``, in both directions. A copy's claim
to be linked grants nothing a copy with this file's own id could not do: it still speaks only
for the other side (see :mod:`workbook.authority`).

Names are compared with :func:`workbook.text.same_name` (case, spacing and accents aside).
"""

from __future__ import annotations

import shlex
from datetime import date
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel

from workbook import paths
from workbook.errors import WorkbookError
from workbook.models import Answer, Author, Relationship, Role
from workbook.service import WorkbookService
from workbook.text import one_line, plural, same_name


class Kinship(StrEnum):
    """How a received copy stands to a relationship file."""

    SAME = "same relationship"
    """The same id: a copy of this relationship."""
    LINKED = "linked here"
    """This file was joined to the copy's (it lists the copy's id)."""
    LINKS_US = "linked there"
    """The copy's file was joined to this one (it lists this file's id); this file records
    the link when the copy is merged."""
    SAME_NAMES = "same names"
    """Another relationship between the same mentor and mentee: it can be adopted."""
    SWAPPED = "swapped names"
    """The same two people, but the mentor and the mentee the other way round."""
    DIFFERENT = "different names"
    """A relationship between other people."""

    @property
    def merges(self) -> bool:
        """True when a copy of this kinship merges without ``--adopt``."""
        return self in (Kinship.SAME, Kinship.LINKED, Kinship.LINKS_US)


def same_people(ours: Relationship, theirs: Relationship) -> bool:
    """True when both relationships have the same mentor and the same mentee."""
    return same_name(ours.mentor, theirs.mentor) and same_name(ours.mentee, theirs.mentee)


def kinship(ours: Relationship, theirs: Relationship) -> Kinship:
    """How the copy ``theirs`` stands to the file holding ``ours`` (see :class:`Kinship`).

    A link is only believed between the same two names: a copy that claims to be linked to
    this file but names other people is :attr:`Kinship.DIFFERENT`."""
    if theirs.uid == ours.uid:
        return Kinship.SAME
    if same_people(ours, theirs):
        if not ours.is_same_relationship(theirs):
            return Kinship.SAME_NAMES
        return Kinship.LINKED if theirs.uid in ours.linked_uids else Kinship.LINKS_US
    if same_name(ours.mentor, theirs.mentee) and same_name(ours.mentee, theirs.mentor):
        return Kinship.SWAPPED
    return Kinship.DIFFERENT


class RelationshipSide(BaseModel):
    """One of the two relationships shown side by side before adopting."""

    path: Path
    mentor: str
    mentee: str
    pack_id: str
    pack_version: str
    started_on: date
    owner_role: Role
    answers: dict[str, int]
    """Filled answers by author (``mentor``, ``mentee``, ``joint``)."""
    goals: int
    actions: int
    sessions: int

    @property
    def answers_total(self) -> int:
        """How many answers it holds, whoever gave them."""
        return sum(self.answers.values())

    def answers_line(self) -> str:
        """``5 answers (mentor 3, mentee 2)``."""
        parts = ", ".join(f"{who} {count}" for who, count in self.answers.items() if count)
        return plural(self.answers_total, "answer") + (f" ({parts})" if parts else "")

    @property
    def pack(self) -> str:
        """``standard 1.1``: the pack and its version."""
        return f"{self.pack_id} {self.pack_version}".rstrip()

    def short(self) -> str:
        """``pack standard 1.1, started 2025-01-06, 5 answers``, for one line."""
        started = self.started_on.isoformat()
        return f"pack {self.pack}, started {started}, {plural(self.answers_total, 'answer')}"


def describe_side(service: WorkbookService) -> RelationshipSide:
    """What :class:`RelationshipSide` shows of ``service``'s relationship (names made one line;
    counts only, never an answer's text)."""
    rel = service.relationship
    answers = {author.value: 0 for author in Author}
    for answer in service.items(Answer):
        if answer.filled:
            answers[answer.author.value] += 1
    return RelationshipSide(
        path=service.path,
        mentor=one_line(rel.mentor),
        mentee=one_line(rel.mentee),
        pack_id=one_line(rel.pack_id),
        pack_version=one_line(rel.pack_version),
        started_on=rel.started_on,
        owner_role=rel.owner_role,
        answers=answers,
        goals=len(service.goals()),
        actions=len(service.actions()),
        sessions=len(service.sessions()),
    )


class AdoptionComparison(BaseModel):
    """This file's relationship (``ours``) and a received copy's (``theirs``) side by side."""

    ours: RelationshipSide
    theirs: RelationshipSide
    kinship: Kinship

    @property
    def adoptable(self) -> bool:
        """True when adopting is what it takes to merge the copy (same names, another id)."""
        return self.kinship is Kinship.SAME_NAMES

    def rows(self) -> list[tuple[str, str, str]]:
        """(what, yours, theirs) rows for a confirmation table, every cell one plain line."""
        ours, theirs = self.ours, self.theirs
        return [
            ("Mentor", ours.mentor, theirs.mentor),
            ("Mentee", ours.mentee, theirs.mentee),
            ("Pack", ours.pack, theirs.pack),
            ("Started", ours.started_on.isoformat(), theirs.started_on.isoformat()),
            ("Answers", ours.answers_line(), theirs.answers_line()),
            ("Goals", str(ours.goals), str(theirs.goals)),
            ("Actions", str(ours.actions), str(theirs.actions)),
            ("Sessions", str(ours.sessions), str(theirs.sessions)),
            ("File", one_line(str(ours.path)), one_line(str(theirs.path))),
        ]


def compare(service: WorkbookService, copy: WorkbookService) -> AdoptionComparison:
    """``service``'s relationship and the received ``copy``'s side by side (for the app's
    confirmation before adopting, and the refusal that names ``--adopt``)."""
    return AdoptionComparison(
        ours=describe_side(service),
        theirs=describe_side(copy),
        kinship=kinship(service.relationship, copy.relationship),
    )


def compare_with_copy(service: WorkbookService, copy_path: Path) -> AdoptionComparison:
    """:func:`compare` with the copy at ``copy_path`` (read only: nothing is written beside it)."""
    return compare(service, WorkbookService.open(Path(copy_path).expanduser(), read_only=True))


def ref_of(path: Path) -> str:
    """How a command line names the relationship file ``path``: its slug when it is in the
    home's relationships folder, else its path (quoted for a shell where needed)."""
    try:
        in_home = path.resolve().parent == paths.relationships_dir().resolve()
    except OSError:
        in_home = False
    if in_home and paths.is_slug(path.stem):
        return path.stem
    return shlex.quote(one_line(str(path)))


class AdoptionNeededError(WorkbookError):
    """A copy of another relationship between the same two names: merging it takes
    ``--adopt`` (the message names the command; ``comparison`` has both sides)."""

    def __init__(self, comparison: AdoptionComparison, copy_path: Path) -> None:
        ours, theirs = comparison.ours, comparison.theirs
        command = f"mentor-workbook merge --adopt {ref_of(ours.path)} " + shlex.quote(
            one_line(str(copy_path))
        )
        super().__init__(
            f"{one_line(copy_path.name)} is a copy of another relationship between "
            f"{ours.mentor} and {ours.mentee} (theirs: {theirs.short()}; yours: {ours.short()}); "
            f"to join it to yours, run: {command}"
        )
        self.comparison = comparison
        self.command = command


def refusal(ours: Relationship, theirs: Relationship, found: Kinship, copy_path: Path) -> str:
    """The one line that refuses a copy between other people (``found`` is
    :attr:`Kinship.SWAPPED` or :attr:`Kinship.DIFFERENT`)."""
    name = one_line(copy_path.name)
    if found is Kinship.SWAPPED:
        return (
            f"{name} names {one_line(theirs.mentor)} as the mentor and {one_line(theirs.mentee)} "
            f"as the mentee, the other way round from this relationship; only a copy with the "
            "same mentor and mentee can be merged"
        )
    return (
        f"{one_line(str(copy_path))} is a copy of a different relationship "
        f"({one_line(theirs.pair)}, started {theirs.started_on}, id {one_line(theirs.uid)[:8]}), "
        f"not of {one_line(ours.pair)} (id {ours.uid[:8]}); only a copy between the same mentor "
        "and mentee can be merged"
    )


def check_mergeable(
    service: WorkbookService, copy: WorkbookService, copy_path: Path, *, adopt: bool
) -> Kinship:
    """The kinship of ``copy`` to ``service``'s file when it may be merged (with ``adopt``,
    another relationship between the same names may); otherwise the one-line refusal:
    :class:`AdoptionNeededError`, or a :class:`WorkbookError` for other names."""
    ours, theirs = service.relationship, copy.relationship
    found = kinship(ours, theirs)
    if found.merges or (adopt and found is Kinship.SAME_NAMES):
        return found
    if found is Kinship.SAME_NAMES:
        raise AdoptionNeededError(compare(service, copy), copy_path)
    raise WorkbookError(refusal(ours, theirs, found, copy_path))
