"""PHI guard figures over the labelled corpus in tests/data/phi_corpus, and its time on long text.

    python bench/phi_corpus.py [--misses] [--no-timing]

Prints the identifier texts refused and the clinical texts passed (count and %, overall and per kind), with the
targets of issue #14 (100% refused, >= 99% passed); `--misses` lists every identifier text that got through and
every clinical text that was refused (invisible characters shown as \\uXXXX). A text goes through every free-text
path of the product (tests/relay/phi_corpus.py says which); one that some paths refuse and others pass counts
as a miss in either file. Then the time the guard takes on one 50,000-character field, for several shapes
(repeated letters, words, digits, separators, chart names, dates, labels, clinical text, characters that NFKC
turns into ASCII letters, and the worst cases found by trying many repeated units): median (p50) and 95th
percentile (p95) CPU time of 21 runs of the send guard (`phi.check_fields`) and the median of the full scan
(`phi.find_phi`, what a redaction lists), and the worst; target p50 < 50 ms. Then, for the slowest shapes, the
guard's time at 10,000, 20,000, 40,000 and 50,000 characters (linear: the time per 10,000 stays about the same).
Exit status 1 when a corpus target is not met.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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
TARGET_MS = 50.0
LONG = 50_000
SCALING = (10_000, 20_000, 40_000, 50_000)


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


def _repeat_to(unit: str, length: int = LONG) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def long_shapes(length: int = LONG) -> dict[str, str]:
    """The shapes timed, `length` characters each: runs of one unit (letters, digits, separators, names, labels,
    dates), clinical text, and the worst cases found by trying many units (a label or a capitalised word before
    every comma, a date after every birth label, zero-width characters between all the others), characters
    that NFKC turns into ASCII words (Roman numerals, "℡", "№", full-width letters: each a word, a label or a
    name after normalising), many short labels with a value too short to identify, many dates of birth, many
    name-like pairs none of which is a patient's, and zero-width characters inside identifiers."""
    clinical = " ".join(row.text for row in load(CLINICAL))

    def _repeat(unit: str) -> str:
        return _repeat_to(unit, length)

    return {
        "repeated letter 'a'": "a" * length,
        "repeated word 'Smith '": _repeat("Smith "),
        "repeated chart name 'Lopez, Maria '": _repeat("Lopez, Maria "),
        "repeated digit '1'": "1" * length,
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
            ch + "\u200b" for ch in _repeat(clinical + " ")[: length // 2]
        ),
        # Characters NFKC turns into ASCII letters: each becomes a word (or a label) only after normalising.
        "Roman numeral '\u2163 ' (IV)": _repeat("\u2163 "),
        "Roman numeral and comma '\u2160, ' (I)": _repeat("\u2160, "),
        "Roman numeral '\u216b ' (XII)": _repeat("\u216b "),
        "telephone sign '\u2121 ' (TEL, a phone label)": _repeat("\u2121 "),
        "numero sign and a digit '\u2116 1 ' (No 1)": _repeat("\u2116 1 "),
        "full-width label and comma '\uff50\uff54,' (pt,)": _repeat("\uff50\uff54,"),
        "full-width capitalised word '\uff29\uff30 ' (IP)": _repeat("\uff29\uff30 "),
        "ligature and comma '\ufb01, ' (fi)": _repeat("\ufb01, "),
        # Many short labels, each with a value that cannot identify (too few digits) or none.
        "short label 'pt '": _repeat("pt "),
        "label and two digits 'MRN 12 '": _repeat("MRN 12 "),
        "birth label and a digit 'DOB 1 '": _repeat("DOB 1 "),
        "name label and comma 'Name, '": _repeat("Name, "),
        "honorific 'Mrs, '": _repeat("Mrs, "),
        # Many dates, most of them dates of birth.
        "birth label and short date 'DOB 1/1 '": _repeat("DOB 1/1 "),
        "birth label and date in reach 'DOB 03/03/1990 '": _repeat("DOB 03/03/1990 "),
        "birth label and date after a zero-width space 'DOB\u200b 1/1 '": _repeat("DOB\u200b 1/1 "),
        # Name-like pairs that are not a patient's: a clinician with a credential, capitalised unknown words in
        # a text with one accented letter (which lets any capitalised pair be a name, if accented).
        "clinician 'Maria Lopez, NP '": _repeat("Maria Lopez, NP "),
        "capitalised pairs and one accent 'Ab Cd ' + '\u00e9'": _repeat("Ab Cd ")[:-1] + "\u00e9",
        "capitalised word pairs 'Lee Lee '": _repeat("Lee Lee "),
        "zero-width space in every word 'Ab\u200bCd '": _repeat("Ab\u200bCd "),
    }


RUNS = 21


@dataclass(frozen=True)
class Timing:
    wall_p50: float  # seconds
    cpu_p50: float
    cpu_p95: float
    full_p50: float  # CPU, phi.find_phi


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[round(0.95 * (len(ordered) - 1))]


def _cpu_seconds(guard: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    seconds: list[float] = []
    cpu: list[float] = []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        guard()
        seconds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        if seconds[-1] > 1.0:
            break
    return seconds, cpu


def time_guard(text: str, runs: int = RUNS) -> Timing:
    """Wall-clock and CPU seconds of phi.check_fields on one field holding `text` over `runs` runs (fewer when a
    run takes over 1 s), and the median CPU seconds of phi.find_phi on it over a third as many. CPU time is the
    figure to compare on a machine shared with other work."""
    seconds, cpu = _cpu_seconds(lambda: phi.check_fields({"text": text}), runs)
    _, full = _cpu_seconds(lambda: phi.find_phi(text), max(3, runs // 3))
    return Timing(statistics.median(seconds), statistics.median(cpu), _p95(cpu), statistics.median(full))


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
            f"one {LONG:,}-character field through phi.check_fields ({RUNS} runs: wall p50, CPU p50 and p95) "
            f"and phi.find_phi (CPU p50); target CPU p50 < {TARGET_MS:.0f} ms:"
        )
        phi.find_phi("warm up")  # the word lists load once per process
        timings = {name: time_guard(text) for name, text in long_shapes().items()}
        width = max(len(name) for name in timings)
        print(f"  {'shape':<{width}}  {'wall p50':>8}  {'CPU p50':>8}  {'CPU p95':>8}  {'find_phi':>8}")
        for name, t in timings.items():
            flag = "" if t.cpu_p50 * 1000 < TARGET_MS else "  over target"
            print(
                f"  {name:<{width}}  {t.wall_p50 * 1000:5.1f} ms  {t.cpu_p50 * 1000:5.1f} ms  "
                f"{t.cpu_p95 * 1000:5.1f} ms  {t.full_p50 * 1000:5.1f} ms{flag}"
            )
        worst = max(timings, key=lambda name: timings[name].cpu_p50)
        over = sum(1 for t in timings.values() if t.cpu_p50 * 1000 >= TARGET_MS)
        print(
            f"  worst: {worst}, CPU p50 {timings[worst].cpu_p50 * 1000:.1f} ms, "
            f"p95 {timings[worst].cpu_p95 * 1000:.1f} ms; {over} of {len(timings)} shapes at or over "
            f"{TARGET_MS:.0f} ms (p50)"
        )
        print()
        slowest = sorted(timings, key=lambda name: -timings[name].cpu_p50)[:6]
        print(
            "the slowest shapes by length (CPU p50 of phi.check_fields; ms per 10,000 characters in brackets):"
        )
        by_length = {size: long_shapes(size) for size in SCALING}
        print(f"  {'shape':<{width}}  " + "  ".join(f"{size:>14,}" for size in SCALING))
        for name in slowest:
            cells = []
            for size in SCALING:
                cpu = time_guard(by_length[size][name], runs=9).cpu_p50 * 1000
                cells.append(f"{cpu:5.1f} ({cpu * 10_000 / size:4.1f})")
            print(f"  {name:<{width}}  " + "  ".join(f"{cell:>14}" for cell in cells))

    return 0 if pct_refused >= TARGET_REFUSED and pct_passed >= TARGET_PASSED else 1


if __name__ == "__main__":
    sys.exit(main())
