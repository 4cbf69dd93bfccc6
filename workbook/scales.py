"""How the labelled points of a scale question read: ``1 = stuck, 5 = on track``.

A pack may put words on the points of a ``scale`` question (``labels: 0 = struggling, 10 =
thriving``): at least its two ends, and any point between. The editor, the read-only answer
and the exports all word them the same way, from here, so "which end is which" never depends
on where the answer is read.
"""

from __future__ import annotations

from collections.abc import Mapping

from workbook.content.model import Prompt


def labelled_points(labels: Mapping[int, str], low: int, high: int) -> list[str]:
    """Each labelled point of a scale from ``low`` to ``high`` as ``N = words``, lowest
    first (labels outside the scale are left out)."""
    return [f"{point} = {labels[point]}" for point in sorted(labels) if low <= point <= high]


def scale_description(prompt: Prompt) -> str:
    """``on a scale of 1 to 5`` and, when the pack labels points, ``: 1 = stuck, 5 = on
    track`` (how an export says what a number means)."""
    described = f"on a scale of {prompt.scale_min} to {prompt.scale_max}"
    labels = labelled_points(prompt.scale_labels, prompt.scale_min, prompt.scale_max)
    return f"{described}: {', '.join(labels)}" if labels else described
