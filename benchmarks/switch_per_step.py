"""Each step's switch time, per pack, per round: where the worst tab switch comes from.

``python benchmarks/switch_per_step.py standard apprenticeship --rounds 2 [--cold]`` prints,
for each round (a fresh interpreter each, as ``tab_switch.py`` runs them), the milliseconds
from ``show_step`` to the step's final frame for every step: after the background build, or
with ``--cold`` before it (every step built when first shown).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import tab_switch


def main(packs: list[str], rounds: int, warm: bool) -> None:
    """Print each step's switch time (ms) for ``rounds`` fresh openings of each pack."""
    for pack in packs:
        for index in range(rounds):
            with tempfile.TemporaryDirectory() as folder:
                times, _ = tab_switch.opening_times(pack, Path(folder), warm)
            shown = ", ".join(f"{step}: {round(took * 1000)}" for step, took in times.items())
            print(f"{pack} round {index + 1}: {shown}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packs", nargs="*", default=["standard"])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cold", action="store_true", help="before the background build")
    arguments = parser.parse_args()
    main(arguments.packs, arguments.rounds, warm=not arguments.cold)
