"""How a question reads to the person looking at it: in their role's words, or the shared ones.

A pack may ask one question differently of the mentor and the mentee (``for mentor:``,
``For the mentee:`` guidance). Each role reads its own words; on a shared screen (presenting),
and above both people's answers, everyone reads the shared ones, since both read them there.
"""

from __future__ import annotations

from screens.context import WorkbookContext
from workbook.content.model import Prompt


def wording(
    prompt: Prompt, context: WorkbookContext, *, both_shown: bool = False
) -> tuple[str, str]:
    """The question and its guidance as the viewer reads them: in their role's words, except
    while presenting (both shared) and, for the question, where both people's answers show
    under it (``both_shown``)."""
    if context.presenting:
        return prompt.title, prompt.guidance
    role = context.role.value
    title = prompt.title if both_shown else prompt.title_for(role)
    return title, prompt.guidance_for(role)
