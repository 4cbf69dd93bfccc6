"""The one privacy rule, used by every view, copy, export, merge and report.

An answer is private when it was given as private **or** its prompt is private now: the
stricter of the two always wins, so neither a pack edit nor a stored flag can reveal an answer
given in confidence. Private notes are always private. Goals, actions, sessions' shared notes
and agreements are shared by nature.

Everything that decides what another person, an audience (presenting mode) or a file may see
asks :class:`PrivacyRule`; nothing else reads ``Answer.visibility`` or ``Prompt.private`` to
decide it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from workbook.errors import WorkbookError
from workbook.models import Answer, Author, Note, Role, StoredModel, Visibility

if TYPE_CHECKING:
    from workbook.content.catalog import PackCatalog
    from workbook.content.model import Pack, Prompt

ItemT = TypeVar("ItemT", bound=StoredModel)


def answer_is_private(answer: Answer, prompt: Prompt | None) -> bool:
    """True when ``answer`` is private: stored as private, or its prompt is private now."""
    return answer.visibility is Visibility.PRIVATE or (prompt is not None and prompt.private)


def new_answer_visibility(prompt: Prompt | None) -> Visibility:
    """How a new answer to ``prompt`` is stored: private for a private prompt and for a
    ``private: optional`` one (private until its author chooses to share it), else shared."""
    private = prompt is not None and (prompt.private or prompt.private_optional)
    return Visibility.PRIVATE if private else Visibility.SHARED


class PrivacyRule:
    """Decides what is private for one relationship, given the prompts its pack marks private.

    Build it with :meth:`for_pack` (or from prompt ids when no pack object is at hand). A
    relationship whose pack cannot be loaded gets the rule of its stored flags only: the pack
    can then not make anything *more* private, which callers that write copies must weigh.
    """

    def __init__(self, private_prompt_ids: Iterable[str] = ()) -> None:
        self.private_prompt_ids = frozenset(private_prompt_ids)

    @classmethod
    def for_pack(cls, pack: Pack | None) -> PrivacyRule:
        """The rule for a relationship using ``pack`` (None: stored flags only)."""
        if pack is None:
            return cls()
        return cls(prompt.id for prompt in pack.all_prompts() if prompt.private)

    def stricter(self, other: PrivacyRule) -> PrivacyRule:
        """The rule under which an item is private when either rule says so (e.g. a copy of a
        relationship on another pack: a prompt private in either pack stays private)."""
        return PrivacyRule(self.private_prompt_ids | other.private_prompt_ids)

    def prompt_is_private(self, prompt_id: str) -> bool:
        """True when the pack marks ``prompt_id`` private."""
        return prompt_id in self.private_prompt_ids

    def answer_is_private(self, answer: Answer) -> bool:
        """True when ``answer`` is private (see :func:`answer_is_private`)."""
        return (
            answer.visibility is Visibility.PRIVATE or answer.prompt_id in self.private_prompt_ids
        )

    def is_private(self, item: StoredModel) -> bool:
        """True for private notes and private answers; everything else is shared."""
        if isinstance(item, Note):
            return True
        return isinstance(item, Answer) and self.answer_is_private(item)

    def visible_to(self, item: StoredModel, role: Role | None) -> bool:
        """True when ``role`` may see ``item``; None is an audience (nothing private at all).

        A private item is its author's alone; a private joint answer belongs to both sides
        (still never to an audience, a copy or an export)."""
        if not self.is_private(item):
            return True
        if role is None:
            return False
        author = getattr(item, "author", None)
        return author is not None and (author is Author.JOINT or author.value == role.value)

    def public_only(self, items: Iterable[ItemT]) -> list[ItemT]:
        """``items`` without anything private."""
        return [item for item in items if not self.is_private(item)]


STORED_FLAGS_ONLY = PrivacyRule()
"""The rule when no pack is known: only what was stored as private (and notes) is private."""


def visibility_for_edit(prompt: Prompt | None, current: Answer | None) -> Visibility:
    """The visibility to store with an edit of ``current`` (None: a first answer): private
    when the prompt is private now or the answer was given as private. Editing never makes an
    answer given in confidence shared; only an explicit choice (``set_answer`` with
    ``Visibility.SHARED``, e.g. for a ``private: optional`` prompt) does."""
    if current is None or current.deleted:
        return new_answer_visibility(prompt)
    if current.is_private or (prompt is not None and prompt.private):
        return Visibility.PRIVATE
    return Visibility.SHARED  # (shared by its author's choice, for ``private: optional``)


class PackUnavailableError(WorkbookError):
    """An output that must leave out private text, for a relationship whose pack cannot be
    loaded: which prompts are private *now* cannot be known, so nothing is written."""


def pack_or_none(pack_id: str, catalog: PackCatalog | None = None) -> tuple[Pack | None, str]:
    """Pack ``pack_id`` from ``catalog`` (default: the bundled and the user's packs), or None
    with the one-line reason it cannot be loaded."""
    from workbook.content.catalog import PackCatalog

    try:
        return (catalog or PackCatalog.default()).load(pack_id), ""
    except WorkbookError as error:
        return None, str(error).splitlines()[0] if str(error) else type(error).__name__


def output_rule(
    pack_id: str,
    *,
    pack: Pack | None = None,
    catalog: PackCatalog | None = None,
    include_private: bool = False,
    what: str = "this output",
) -> tuple[PrivacyRule, Pack | None]:
    """The rule (and the pack) for an output of a relationship using pack ``pack_id``.

    ``pack`` is used when given, else loaded from ``catalog``. When it cannot be loaded, an
    output that includes private text anyway (``--include-private``) uses the stored flags;
    any other output is refused with :class:`PackUnavailableError`: a prompt the programme
    has since made private would otherwise let its answers leave in a shared copy or export.
    """
    problem = ""
    if pack is None:
        pack, problem = pack_or_none(pack_id, catalog)
    if pack is not None:
        return PrivacyRule.for_pack(pack), pack
    if include_private:
        return STORED_FLAGS_ONLY, None
    raise PackUnavailableError(
        f"cannot write {what}: the relationship's programme pack {pack_id!r} cannot be loaded "
        f"({problem}), so which answers are private now cannot be checked; make the pack "
        "available (e.g. with --content DIR) and try again"
    )
