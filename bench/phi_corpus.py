"""PHI guard figures over the labelled corpus in tests/data/phi_corpus, and its time on long text.

    python bench/phi_corpus.py [--misses] [--no-timing]

Prints the identifier texts refused and the clinical texts passed (count and %, overall and per kind), with the
targets of issue #14 (100% refused, >= 99% passed); `--misses` lists every identifier text that got through and
every clinical text that was refused (invisible characters shown as \\uXXXX). A text goes through every free-text
path of the product (tests/relay/phi_corpus.py says which); one that some paths refuse and others pass counts
as a miss in either file. Then the time the guard takes on one 50,000-character field, for several shapes
(repeated letters, words, digits, separators, chart names, dates, labels, clinical text, and the worst cases
found by trying many repeated units), median and maximum CPU time of 7 runs, and the worst. Exit status 1 when
a target is not met.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.relay import phi  # noqa: E402
from tests.relay.phi_corpus import (  # noqa: E402
    CLINICAL,
    IDENTIFIERS,
    CorpusText,
    Verdict,
    load,
    verdict,
    visible,
)

TARGET_REFUSED = 100.0
TARGET_PASSED = 99.0
LONG = 50_000


def _pct(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def _by_kind(rows: Sequence[CorpusText], ok: Callable[[CorpusText], bool], title: str) -> list[str]:
    total: Counter[str] = Counter(row.kind for row in rows)
    good: Counter[str] = Counter(row.kind for row in rows if ok(row))
    width = max(len(kind) for kind in total)
    lines = [f"  {title}"]
    for kind in sorted(total, key=lambda k: (_pct(good[k], total[k]), k)):
        lines.append(
            f"    {kind:<{width}}  {good[kind]:>3}/{total[kind]:<3} {_pct(good[kind], total[kind]):6.1f}%"
        )
    return lines


def _repeat(unit: str) -> str:
    return (unit * (LONG // len(unit) + 1))[:LONG]


def long_shapes() -> dict[str, str]:
    """The 50,000-character shapes timed: runs of one unit (letters, digits, separators, names, labels, dates),
    clinical text, and the worst cases found by trying many units (a label or a capitalised word before every
    comma, a date after every birth label, zero-width characters between all the others)."""
    clinical = " ".join(row.text for row in load(CLINICAL))
    return {
        "repeated letter 'a'": "a" * LONG,
        "repeated word 'Smith '": _repeat("Smith "),
        "repeated chart name 'Lopez, Maria '": _repeat("Lopez, Maria "),
        "repeated digit '1'": "1" * LONG,
        "repeated digit and space '1 '": _repeat("1 "),
        "repeated date '03/03/1950 '": _repeat("03/03/1950 "),
        "repeated label 'DOB pt MRN '": _repeat("DOB pt MRN "),
        "repeated capitalised words 'Ab Cd '": _repeat("Ab Cd "),
        "clinical corpus text, repeated": _repeat(clinical + " "),
        "numbers and separators '12-34/56-'": _repeat("12-34/56-"),
        "numbers and slashes '1/2/3/'": _repeat("1/2/3/"),
        "fractions '1\u00bd:'": _repeat("1\u00bd:"),
        "capitalised pairs 'Ab, Cd; '": _repeat("Ab, Cd; "),
        "capitalised word and comma 'IP,'": _repeat("IP,"),
        "name label and comma 'pt,'": _repeat("pt,"),
        "accented name and comma 'Jos\u00e9,X '": _repeat("Jos\u00e9,X "),
        "folded letter and comma '\u00df,'": _repeat("\u00df,"),
        "labels without values 'MRN: DOB: SSN: acct# phone: '": _repeat("MRN: DOB: SSN: acct# phone: "),
        "labels and a digit 'DOB pt MRN 1 '": _repeat("DOB pt MRN 1 "),
        "birth label and date 'DOB, 23-Mar-1935.'": _repeat("DOB, 23-Mar-1935."),
        "SSNs '123-45-6789 '": _repeat("123-45-6789 "),
        "dotted letters 'a.'": _repeat("a."),
        "at signs 'a@'": _repeat("a@"),
        "zero-width space after every character of clinical text": "".join(
            ch + "\u200b" for ch in _repeat(clinical + " ")[: LONG // 2]
        ),
    }


RUNS = 7


def time_guard(text: str, runs: int = RUNS) -> tuple[float, float, float]:
    """Median wall-clock seconds, median and maximum CPU seconds of phi.check_fields on one field holding
    `text`, over `runs` runs (fewer when a run takes over 1 s). CPU time is the figure to compare on a machine
    shared with other work."""
    seconds: list[float] = []
    cpu: list[float] = []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        phi.check_fields({"text": text})
        seconds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        if seconds[-1] > 1.0:
            break
    return statistics.median(seconds), statistics.median(cpu), max(cpu)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--misses", action="store_true", help="list every text the guard got wrong")
    parser.add_argument("--no-timing", action="store_true", help="skip the 50,000-character timings")
    args = parser.parse_args(argv)

    identifiers = load(IDENTIFIERS)
    clinical = load(CLINICAL)
    start = time.perf_counter()
    verdicts = {row.id: verdict(row.text) for row in [*identifiers, *clinical]}
    elapsed = time.perf_counter() - start

    refused = [row for row in identifiers if verdicts[row.id] is Verdict.REFUSED]
    passed = [row for row in clinical if verdicts[row.id] is Verdict.PASSED]
    mixed = sum(1 for v in verdicts.values() if v is Verdict.MIXED)
    pct_refused = _pct(len(refused), len(identifiers))
    pct_passed = _pct(len(passed), len(clinical))

    print(
        f"PHI guard over {IDENTIFIERS.parent.relative_to(ROOT)} "
        f"({len(identifiers)} identifier texts, {len(clinical)} clinical texts, {elapsed:.2f} s)"
    )
    print(
        f"identifiers refused: {len(refused)}/{len(identifiers)} ({pct_refused:.1f}%)  target {TARGET_REFUSED:.0f}%"
    )
    print(
        f"clinical passed:     {len(passed)}/{len(clinical)} ({pct_passed:.1f}%)  target >= {TARGET_PASSED:.0f}%"
    )
    print(f"texts refused on some paths and passed on others: {mixed}")
    print()
    print(
        "\n".join(
            _by_kind(identifiers, lambda r: verdicts[r.id] is Verdict.REFUSED, "identifiers refused, by kind")
        )
    )
    print(
        "\n".join(_by_kind(clinical, lambda r: verdicts[r.id] is Verdict.PASSED, "clinical passed, by kind"))
    )

    if args.misses:
        print()
        print("identifier texts not refused:")
        for row in identifiers:
            if verdicts[row.id] is not Verdict.REFUSED:
                print(f"  {row.id}  {row.kind:<24} {verdicts[row.id]:<7} {visible(row.text)}")
        print("clinical texts not passed:")
        for row in clinical:
            if verdicts[row.id] is not Verdict.PASSED:
                hits = ", ".join(sorted({hit.kind.value for hit in phi.find_phi(row.text)}))
                print(f"  {row.id}  {row.kind:<24} [{hits}] {visible(row.text)}")

    if not args.no_timing:
        print()
        print(
            f"one {LONG:,}-character field through phi.check_fields ({RUNS} runs; wall p50, CPU p50 and max):"
        )
        phi.find_phi("warm up")  # the word lists load once per process
        timings = {name: time_guard(text) for name, text in long_shapes().items()}
        width = max(len(name) for name in timings)
        for name, (seconds, cpu, cpu_max) in timings.items():
            print(
                f"  {name:<{width}}  {seconds * 1000:7.1f} ms  {cpu * 1000:7.1f} ms CPU  (max {cpu_max * 1000:5.1f})"
            )
        worst = max(timings, key=lambda name: timings[name][2])
        print(
            f"  worst: {worst}, CPU p50 {timings[worst][1] * 1000:.1f} ms, max {timings[worst][2] * 1000:.1f} ms"
        )

    return 0 if pct_refused >= TARGET_REFUSED and pct_passed >= TARGET_PASSED else 1


if __name__ == "__main__":
    sys.exit(main())
