"""Claim-check benchmark: in-process latency of `check_claim`: a realistic 25-code claim, a 1-code one, an
outpatient claim with NCCI procedure-to-procedure pairs, and 25 random codes.

    python bench/check.py [--codes-db PATH] [--runs 2000]

Prints wall-clock p50/p95/p99 and CPU-time p50/p99 in milliseconds over `--runs` checks after a warm-up (the
first check of a process also parses the tabular notes once; that one-off cost is printed separately), plus the
same figures for 25 codes drawn at random from every valid ICD-10-CM code, so the claim is different each run.
Target: a 25-code claim p99 <= 10 ms (on a busy machine the CPU time says what the check itself costs).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.lookups.codebook import CodeBook  # noqa: E402
from bot.lookups.edits import check_claim  # noqa: E402

DOS = date(2024, 3, 15)
# An inpatient stay: NSTEMI with heart failure, diabetes with CKD and anaemia, COPD, a fall with a hip
# fracture; the procedures (PCS) and a drug (HCPCS) ride along, as they do on a combined review.
CLAIM_25 = [
    "I21.4",
    "I50.23",
    "E11.22",
    "N18.4",
    "D63.1",
    "E11.65",
    "Z79.4",
    "I25.10",
    "J44.1",
    "J96.01",
    "F17.210",
    "E78.5",
    "K21.9",
    "M81.0",
    "G47.33",
    "E66.01",
    "Z68.41",
    "S72.001A",
    "W19.XXXA",
    "Y92.009",
    "Z95.5",
    "02703DZ",
    "0SRB0J9",
    "B2111ZZ",
    "J1644",
]
CLAIM_1 = ["E11.9"]
# The same claim with five errors to explain (not valid on the DOS, header, 7th character, Excludes1,
# manifestation without its etiology): the findings then query the codes to suggest.
CLAIM_25_FAILING = ["M54.5", "E11", "S72.001", "E10.9", "G63", *CLAIM_25[5:]]
NCCI_DOS = date(2020, 11, 2)  # inside the shipped HCPCS data (2020 annual file; quarterly data to 2026-06-30)


def ncci_claim(book: CodeBook) -> list[str]:
    """An outpatient claim: diagnoses and 10 HCPCS lines, among them shipped NCCI pairs in effect on the DOS
    (one without a modifier allowed, one with a modifier allowed, one with the modifier on the line)."""
    iso = NCCI_DOS.isoformat()
    rows = book.db.execute(
        "SELECT column1, column2, modifier FROM ncci_ptp WHERE start <= ? AND (end = '' OR end >= ?) "
        "ORDER BY column1, column2",
        [iso, iso],
    ).fetchall()
    lines: list[str] = []
    seen: set[str] = set()
    for modifier in (0, 1, 1):
        for column1, column2, allowed in rows:
            if allowed == modifier and not {column1, column2} & seen:
                seen |= {column1, column2}
                second = f"{column2}-59" if modifier and len(lines) >= 4 else column2
                lines += [column1, second]
                break
    others = [
        c
        for (c,) in book.db.execute(
            "SELECT code FROM codes WHERE system = 'hcpcs' AND kind = 'code' AND terminated = '' "
            "AND added <= ? ORDER BY code LIMIT 40",
            [iso],
        )
        if c not in seen
    ]
    return ["I10", "E11.9", "Z79.4", "R07.9", *lines, *others[: 10 - len(lines)]]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def timed(
    runs: int, claim: Callable[[int], list[str]], book: CodeBook, dos: date = DOS, setting: str = "inpatient"
) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of each check (CPU time is what other work on the machine leaves unchanged)."""
    for n in range(50):  # warm-up
        check_claim(book, claim(n), dos, age=67, sex="F", setting=setting)
    wall, cpu = [], []
    for n in range(runs):
        codes = claim(n)
        started, started_cpu = time.perf_counter(), time.thread_time()
        check_claim(book, codes, dos, age=67, sex="F", setting=setting)
        cpu.append((time.thread_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    return wall, cpu


def line(label: str, measured: tuple[list[float], list[float]]) -> str:
    wall, cpu = measured
    return (
        f"{label:<32} p50 {percentile(wall, 50):6.2f} ms   p95 {percentile(wall, 95):6.2f} ms   "
        f"p99 {percentile(wall, 99):6.2f} ms   min {min(wall):6.2f} ms   "
        f"CPU p50 {percentile(cpu, 50):5.2f} / p99 {percentile(cpu, 99):5.2f} ms   ({len(wall)} runs)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--codes-db", type=Path, help="a prepared code database (default: a fresh one)")
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args()
    codes_db = args.codes_db or Path(tempfile.mkdtemp(prefix="codedesk-bench-")) / "codes.sqlite"
    book = CodeBook.open(codes_db)

    started = time.perf_counter()
    result = check_claim(book, CLAIM_1, DOS)
    print(
        "first check in this process (parses tabular notes once): "
        f"{(time.perf_counter() - started) * 1000:.0f} ms"
    )
    result = check_claim(book, CLAIM_25, DOS, age=67, sex="F", setting="inpatient")
    counts = {sev: sum(f.severity == sev for f in result.findings) for sev in ("error", "warning", "info")}
    print(f"25-code claim: verdict {result.verdict}, findings {counts}")

    rng = random.Random(7)
    pool = [
        code
        for (code,) in book.db.execute(
            "SELECT code FROM validity WHERE system = 'cm' AND start <= ? AND (end = '' OR end >= ?)",
            [DOS.isoformat(), DOS.isoformat()],
        )
    ]
    randoms = [rng.sample(pool, 25) for _ in range(args.runs + 50)]

    ncci = ncci_claim(book)
    result = check_claim(book, ncci, NCCI_DOS)
    pairs = [f for f in result.findings if f.rule == "ncci-ptp"]
    print(f"NCCI claim ({len(ncci)} codes): {' '.join(ncci)}; ncci-ptp findings {len(pairs)}")

    print(line("25-code claim", timed(args.runs, lambda n: CLAIM_25, book)))
    print(
        line("outpatient claim, NCCI pairs", timed(args.runs, lambda n: ncci, book, NCCI_DOS, "outpatient"))
    )
    print(line("25-code claim with 5 errors", timed(args.runs, lambda n: CLAIM_25_FAILING, book)))
    print(line("1-code claim", timed(args.runs, lambda n: CLAIM_1, book)))
    print(line("25 random ICD-10-CM codes", timed(args.runs, lambda n: randoms[n], book)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
