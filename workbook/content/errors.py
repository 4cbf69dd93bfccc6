"""Problems found in a content pack, and the error that carries them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from workbook.errors import WorkbookError


@dataclass(frozen=True)
class ContentProblem:
    """One thing wrong with a pack: the file, the 1-based line and a plain-language message."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def sort_key(self) -> tuple[str, int, str]:
        """A key that orders problems by file, then line, then message."""
        return (str(self.path), self.line, self.message)


class ContentError(WorkbookError):
    """A content pack could not be loaded; ``problems`` lists every reason, one per line."""

    def __init__(self, problems: Iterable[ContentProblem]) -> None:
        self.problems: list[ContentProblem] = list(problems)
        text = "\n".join(str(problem) for problem in self.problems)
        super().__init__(text or "the content pack has problems")
