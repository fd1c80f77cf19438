"""Start-up of the `codedesk` command: `codedesk --help`, against a bare `python -c pass` on the same machine.

    python bench/startup.py [--runs 15]

Prints the median and best wall time of each (fresh processes, nothing cached but the OS's file cache).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

CODEDESK = Path(sys.executable).with_name("codedesk")


def timed(command: list[str], runs: int) -> list[float]:
    found = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        found.append(time.perf_counter() - started)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    for label, command in (
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("codedesk --help", [str(CODEDESK), "--help"]),
    ):
        times = timed(command, args.runs)
        print(
            f"{label:<18} median {statistics.median(times) * 1000:6.0f} ms   best {min(times) * 1000:6.0f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
