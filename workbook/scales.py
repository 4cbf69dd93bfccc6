"""How the labelled points of a scale question read: ``1 = stuck, 5 = on track``.

A pack may put words on the points of a ``scale`` question (``labels: 0 = struggling, 10 =
thriving``): at least its two ends, and any point between. The editor, the read-only answer
and the exports all word them the same way, from here, so "which end is which" never depends
on where the answer is read.
"""

from __future__ import annotations

from workbook.content.model import Prompt


def labelled_points(prompt: Prompt) -> list[str]:
    """Each labelled point of ``prompt``'s scale as ``N = words``, lowest first (points
    outside the scale's range are left out)."""
    return [
        f"{point} = {prompt.scale_labels[point]}"
        for point in sorted(prompt.scale_labels)
        if prompt.scale_min <= point <= prompt.scale_max
    ]


def point_label(prompt: Prompt, point: int | None) -> str:
    """The words for ``point`` on ``prompt``'s scale ("" when that point has none)."""
    if point is None:
        return ""
    return prompt.scale_labels.get(point, "")


def scale_description(prompt: Prompt) -> str:
    """``on a scale of 1 to 5`` and, when the pack labels points, ``: 1 = stuck, 5 = on
    track`` (how an export says what a number means)."""
    described = f"on a scale of {prompt.scale_min} to {prompt.scale_max}"
    labels = labelled_points(prompt)
    return f"{described}: {', '.join(labels)}" if labels else described
