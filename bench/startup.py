"""Start-up of the `codedesk` command: `codedesk --help`, against a bare `python -c pass` on the same machine.

    python bench/startup.py [--runs 15]

Prints the median and best wall time of each (fresh processes, nothing cached but the OS's file cache), and the
median CPU time (user + system) each process used, which other work on a busy machine inflates far less.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

CODEDESK = Path(sys.executable).with_name("codedesk")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each run."""
    wall, cpu = [], []
    for _ in range(runs):
        started, cpu_before = time.perf_counter(), _children_cpu()
        subprocess.run(command, check=True, capture_output=True)
        wall.append(time.perf_counter() - started)
        cpu.append(_children_cpu() - cpu_before)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    for label, command in (
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("codedesk --help", [str(CODEDESK), "--help"]),
    ):
        wall, cpu = timed(command, args.runs)
        print(
            f"{label:<18} median {statistics.median(wall) * 1000:6.0f} ms   best {min(wall) * 1000:6.0f} ms"
            f"   CPU median {statistics.median(cpu) * 1000:6.0f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
