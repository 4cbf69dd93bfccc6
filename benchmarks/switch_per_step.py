"""Each step's switch time, per pack, per round: where the worst tab switch comes from.

``python benchmarks/switch_per_step.py standard apprenticeship --rounds 2`` prints, for each
round, the milliseconds from ``show_step`` to the step's final frame for every step (the same
measurement as ``tab_switch.py``'s, after the background build). ``--no-gc`` is a diagnostic
only: it turns the cyclic garbage collector off in this benchmark process, to show how much
of a slow switch is a full collection landing in it (the app never does this).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import tempfile
from pathlib import Path

import tab_switch


async def main(packs: list[str], rounds: int) -> None:
    """Print each step's switch time (ms) for ``rounds`` fresh openings of each pack."""
    for pack in packs:
        for index in range(rounds):
            with tempfile.TemporaryDirectory() as folder:
                times, _ = await tab_switch.pack_times(pack, Path(folder), warm=True)
            shown = ", ".join(f"{step}: {round(took * 1000)}" for step, took in times.items())
            print(f"{pack} round {index + 1}: {shown}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packs", nargs="*", default=["standard"])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--no-gc", action="store_true", help="diagnostic: collector off")
    arguments = parser.parse_args()
    if arguments.no_gc:
        gc.disable()
    asyncio.run(main(arguments.packs, arguments.rounds))
