"""What every widget of an open workbook needs to know: the data, the pack, role and mode."""

from __future__ import annotations

from dataclasses import dataclass

from workbook.content.model import Pack
from workbook.models import Role
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
