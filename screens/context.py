"""What every widget of an open workbook needs to know: the data, the pack, role and mode."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from workbook.checkins import current_answer
from workbook.content.model import Pack, Prompt
from workbook.models import Answer, Author, Role
from workbook.service import WorkbookService


@dataclass
class WorkbookContext:
    """The open relationship, its pack, the role being answered as, and presenting mode."""

    service: WorkbookService
    pack: Pack
    role: Role
    presenting: bool = False

    @property
    def editable(self) -> bool:
        """False when the relationship is finished or opened read-only."""
        return self.service.writable and not self.service.relationship.is_finished

    @cached_property
    def _prompts(self) -> dict[str, Prompt]:
        return {prompt.id: prompt for prompt in self.pack.all_prompts()}

    def answer_now(self, prompt_id: str, author: Author) -> Answer | None:
        """``author``'s answer to ``prompt_id`` as it stands now: for a question asked at every
        session, this session's (:func:`workbook.checkins.current_answer`). An answer lookup
        for :mod:`workbook.visibility`."""
        prompt = self._prompts.get(prompt_id)
        if prompt is None:
            return self.service.answer(prompt_id, author)
        return current_answer(self.service, prompt, author)
