"""Peak memory: max RSS of a process that opens the 5,000-answer relationship headless, shows
every tab in turn (waiting for each to be painted), then exits; vs the bare one-label app.

Peak RSS is the child's own ``VmHWM`` from /proc at exit (``wait4``'s ru_maxrss is not used: on
Linux a forked child inherits the parent's high-water mark, which would hide the child's own).
"""

from __future__ import annotations

from pathlib import Path

from common import Row, bench_env, run_child

TARGET_MIB = 90


def _mib(run) -> float:
    return round(run.report["vm_hwm_kib"] / 1024, 1)


def measure(home: Path, big: Path, realistic: Path | None) -> list[Row]:
    """Peak RSS (MiB) of the workbook walking all tabs, and of the bare app."""
    env = bench_env(home)
    bare = _mib(run_child(["bare"], env))
    walked = run_child(["workbook", str(big), "--walk"], env, timeout=300)
    rows = [
        Row(
            "peak memory, 5,000 answers, all tabs shown",
            _mib(walked),
            "MiB",
            baseline=bare,
            baseline_label="bare app",
            target=TARGET_MIB,
            note=f"{walked.report['tabs_walked']} tabs switched to",
            extra={"tabs_walked": walked.report["tabs_walked"]},
        ),
    ]
    if realistic is not None:
        small = run_child(["workbook", str(realistic), "--walk"], env, timeout=300)
        rows.append(
            Row(
                "  same, standard pack answers only (no 'Other answers')",
                _mib(small),
                "MiB",
                baseline=bare,
                baseline_label="bare app",
            )
        )
    return rows
