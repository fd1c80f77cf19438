"""Lookup benchmark: latency, start-up, memory and ranking quality, beside a naive rapidfuzz baseline.

    python bench/lookup.py [--codes-db PATH] [--rounds 20]

Prints p50/p95/p99 latency (wall, and this process's CPU time) over the query set (bench/queries.tsv, every
category and system), the time from a fresh process to its first answer, peak RSS, and top-1/top-5 hit rates
per category for CodeDesk and for `rapidfuzz.process.extract` over every title.

The rounds repeat the same queries, so rounds after the first find what the first left in the caches. A
second figure is closer to a long-running Slack app: a fresh process first answers every query of the newer
held-out sets (SERVED_SETS, as other users' questions), then answers the query set once, each query new to it.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from bot.lookups.codebook import CodeBook  # noqa: E402
from bot.lookups.errors import QueryError  # noqa: E402
from bot.lookups.search import Hit, find_codes  # noqa: E402
from bot.lookups.systems import undot  # noqa: E402


def load_queries() -> list[tuple[str, str, list[str]]]:
    with (ROOT / "bench" / "queries.tsv").open() as handle:
        return [
            (r["category"], r["query"], r["expected"].split(","))
            for r in csv.DictReader(handle, delimiter="\t")
        ]


def is_hit(code: str, expected: list[str]) -> bool:
    c = undot(code)
    return any(c == undot(e) for e in expected)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


SERVED_SETS = ("holdout_v7.tsv", "holdout_v8.tsv", "holdout_v9.tsv")


def served_latency(codes_db: Path) -> tuple[int, float, float]:
    """In a fresh process: how many other queries it answered first, then the CPU p50 and p95 (ms) of the
    query set's queries, each asked once."""
    done = subprocess.run(
        [sys.executable, __file__, "--served", str(codes_db)], check=True, capture_output=True, text=True
    )
    served, p50, p95 = done.stdout.split()
    return int(served), float(p50), float(p95)


def _served(codes_db: Path) -> None:
    book = CodeBook.open(codes_db)
    others: list[str] = []
    for name in SERVED_SETS:
        with (ROOT / "bench" / "queries" / name).open(newline="") as handle:
            rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
            others += [row["query"] for row in rows]
    for query in others:
        with contextlib.suppress(QueryError):  # a row of noise the lookup refuses, as a user would see
            find_codes(book, query, limit=5)
    cpu: list[float] = []
    for _, query, _ in load_queries():
        started = time.process_time()
        find_codes(book, query, limit=5)
        cpu.append((time.process_time() - started) * 1000)
    print(len(others), percentile(cpu, 50), percentile(cpu, 95))


def first_query_ms(codes_db: Path) -> float:
    """The first lookup in a fresh process, after the imports and opening the code book (best of 3)."""
    script = (
        "import time; from bot.lookups.codebook import CodeBook; from bot.lookups.search import find_codes;"
        f"book = CodeBook.open({str(codes_db)!r}); t = time.perf_counter();"
        "find_codes(book, 'cellulitis of left leg'); print((time.perf_counter() - t) * 1000)"
    )
    runs = []
    for _ in range(3):
        done = subprocess.run(
            [sys.executable, "-c", script], check=True, capture_output=True, cwd=ROOT, text=True
        )
        runs.append(float(done.stdout.strip().splitlines()[-1]))
    return min(runs)


def startup_seconds(codes_db: Path) -> float:
    script = (
        "import time; t = time.perf_counter();"
        "from bot.lookups.codebook import CodeBook; from bot.lookups.search import find_codes;"
        f"book = CodeBook.open({str(codes_db)!r}); find_codes(book, 'heart attack');"
        "print(time.perf_counter() - t)"
    )
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, cwd=ROOT)
        runs.append(time.perf_counter() - started)
    return min(runs)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--codes-db", type=Path, help="a prepared code database (default: a fresh one)")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--served", type=Path, help=argparse.SUPPRESS)  # the child of served_latency
    args = parser.parse_args()
    if args.served:
        _served(args.served)
        return 0

    codes_db = args.codes_db or Path(tempfile.mkdtemp(prefix="codedesk-bench-")) / "codes.sqlite"
    started = time.perf_counter()
    prepared = not codes_db.exists()
    book = CodeBook.open(codes_db)
    if prepared:
        print(
            f"first-run preparation of the code database: {time.perf_counter() - started:.1f} s, "
            f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
        )
    queries = load_queries()
    find_codes(book, "warm up")

    latencies: list[float] = []
    cpu: list[float] = []  # this process's CPU time per query: the cost without other work in the way
    top1: dict[str, list[bool]] = defaultdict(list)
    top5: dict[str, list[bool]] = defaultdict(list)
    misses: list[str] = []
    for round_number in range(args.rounds):
        for category, query, expected in queries:
            t, c = time.perf_counter(), time.process_time()
            hits: list[Hit] = find_codes(book, query, limit=5)
            latencies.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
            if round_number == 0:
                codes = [h.code for h in hits]
                top1[category].append(bool(codes) and is_hit(codes[0], expected))
                top5[category].append(any(is_hit(c, expected) for c in codes))
                if not top5[category][-1]:
                    misses.append(f"  {category:<12} {query!r}: expected {','.join(expected)}, got {codes}")

    rss_codedesk_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # The naive baseline: fuzzy-match the query against every title, take the best five.
    titles = book.db.execute(
        "SELECT code, title FROM codes WHERE current = 1 AND kind IN ('category', 'code')"
    ).fetchall()
    choices = [t for _, t in titles]
    base1: dict[str, list[bool]] = defaultdict(list)
    base5: dict[str, list[bool]] = defaultdict(list)
    base_lat: list[float] = []
    for category, query, expected in queries:
        t = time.perf_counter()
        found = process.extract(query, choices, scorer=fuzz.WRatio, limit=5)
        base_lat.append((time.perf_counter() - t) * 1000)
        codes = [titles[index][0] for _, _, index in found]
        base1[category].append(bool(codes) and is_hit(codes[0], expected))
        base5[category].append(any(is_hit(c, expected) for c in codes))

    def rate(table: dict[str, list[bool]], category: str | None = None) -> float:
        values = table[category] if category else [v for vs in table.values() for v in vs]
        return 100 * sum(values) / len(values)

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"queries: {len(queries)} x {args.rounds} rounds, all systems loaded ({book.coverage().release})")
    print(
        f"latency CodeDesk: p50 {percentile(latencies, 50):.2f} ms  p95 {percentile(latencies, 95):.2f} ms  "
        f"p99 {percentile(latencies, 99):.2f} ms  max {max(latencies):.2f} ms   (target p95 <= 5 ms)"
    )
    print(
        f"CPU time CodeDesk: p50 {percentile(cpu, 50):.2f} ms  p95 {percentile(cpu, 95):.2f} ms  "
        f"p99 {percentile(cpu, 99):.2f} ms   (wall minus waiting for a core on a busy machine)"
    )
    print(
        f"latency baseline: p50 {statistics.median(base_lat):.1f} ms  p95 {percentile(base_lat, 95):.1f} ms"
    )
    served, served_p50, served_p95 = served_latency(codes_db)
    print(
        f"CPU time, each query new to a process that answered {served:,} others first: p50 {served_p50:.2f} ms  "
        f"p95 {served_p95:.2f} ms"
    )
    print(
        f"start-up to first answer (fresh process, prepared database): {startup_seconds(codes_db):.2f} s "
        "(target <= 1.5 s)"
    )
    print(f"first query in a fresh process: {first_query_ms(codes_db):.0f} ms (target <= 100 ms)")
    print(
        f"peak RSS: {rss_codedesk_mb:.0f} MB after all CodeDesk lookups (target <= 250 MB); "
        f"{rss_mb:.0f} MB with the baseline's title list loaded too"
    )
    print(f"{'category':<12} {'n':>4} {'top-1':>7} {'top-5':>7} {'base top-1':>11} {'base top-5':>11}")
    for category in top1:
        print(
            f"{category:<12} {len(top1[category]):>4} {rate(top1, category):>6.1f}% {rate(top5, category):>6.1f}% "
            f"{rate(base1, category):>10.1f}% {rate(base5, category):>10.1f}%"
        )
    print(
        f"{'all':<12} {len(queries):>4} {rate(top1):>6.1f}% {rate(top5):>6.1f}% {rate(base1):>10.1f}% "
        f"{rate(base5):>10.1f}%   (the old set: written with the old vocabulary, see README)"
    )
    if misses:
        print("not in the top 5:")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
