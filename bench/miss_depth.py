"""Where lookup loses the right answer: found but ranked low, or never found at all.

    python bench/miss_depth.py --codes-db PATH --sets holdout16,holdout17,holdout18,holdout19,holdout20 [--tsv OUT]

Every query of the sets (rows expecting CPT or no match left out: they have no code to rank) is asked for a deep
answer (`find_codes(book, query, limit=DEPTH)`), and the rank of the first right code is put in a bucket: `1`
(right first), `2-5` (a ranking miss: the right code was found and shown, below another), `6-20` and `21-50`
(found, not shown), `none` (not found at all: a reading miss). For each miss, whether the first answer shares the
expected code's 3-character category (`same3`: the right condition, the wrong detail), whether such a code is in
the top 5 (`fam_in5`), or neither (`other`: another concept). Printed per bucket, per category, and by the
source the first answer's `why` names (Index, PCS Index, title, Drug Table ...). `--tsv` writes each miss: set,
category, query, expected, first code, bucket, nearness, the first answer's why.

The split tells which kind of work can pay: ranking work can gain at most the `2-5` and `6-20` rows; everything
in `none` needs the query read differently. Scoring rules are bench/eval_lookup.py's (`_matches`).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_lookup import LOADERS, _matches, query_sets, set_names

from bot.lookups.codebook import CodeBook
from bot.lookups.errors import QueryError
from bot.lookups.search import find_codes
from bot.lookups.systems import undot

DEPTH = 50
BUCKETS = ("1", "2-5", "6-20", "21-50", "none")


def bucket(rank: int | None) -> str:
    if rank is None:
        return "none"
    return "1" if rank == 1 else "2-5" if rank <= 5 else "6-20" if rank <= 20 else "21-50"


def source(why: str) -> str:
    """The kind of line the answer came from: the `why` text before its first ':' or '(' ("Index",
    "PCS Index", "title", "Drug Table", "clause ..." as "clause")."""
    head = re.split(r"[:(]", why, maxsplit=1)[0].strip()
    return "clause" if head.startswith("clause") else head or "(no why)"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--codes-db", type=Path, required=True, help="a prepared code database")
    parser.add_argument(
        "--sets", type=set_names, required=True, help=f"comma-separated names of {', '.join(LOADERS)}"
    )
    parser.add_argument("--tsv", type=Path, help="write every miss to this file")
    args = parser.parse_args()
    chosen: list[str] = args.sets
    book = CodeBook.open(args.codes_db)
    buckets: Counter[str] = Counter()
    nearness: Counter[tuple[str, str]] = Counter()
    sources: Counter[str] = Counter()
    by_group: dict[str, Counter[str]] = defaultdict(Counter)
    rows: list[list[str]] = []
    for name, queries in query_sets(chosen).items():
        for q in queries:
            if q.marker in ("CPT", "NONE"):
                continue
            try:
                hits = list(find_codes(book, q.text, limit=DEPTH))
            except QueryError:
                hits = []
            rank = next(
                (i + 1 for i, h in enumerate(hits) if any(_matches(h.code, t) for t in q.targets)),
                None,
            )
            b = bucket(rank)
            buckets[b] += 1
            by_group[q.group][b] += 1
            if b == "1":
                continue
            family = {t.code[:3] for t in q.targets}
            first = undot(hits[0].code)[:3] if hits else ""
            near = (
                "same3"
                if first in family
                else "fam_in5"
                if any(undot(h.code)[:3] in family for h in hits[:5])
                else "other"
            )
            nearness[(b, near)] += 1
            sources[source(hits[0].why) if hits else "(nothing)"] += 1
            expected = "|".join(t.code for t in q.targets)
            rows.append(
                [
                    name,
                    q.group,
                    q.text,
                    expected,
                    hits[0].code if hits else "-",
                    b,
                    near,
                    hits[0].why if hits else "",
                ]
            )
    total = sum(buckets.values())
    print(
        f"{total} queries with an expected code ({', '.join(chosen)}); rank of the first right code at depth {DEPTH}:"
    )
    for b in BUCKETS:
        print(f"  {b:6} {buckets[b]:6} {100 * buckets[b] / max(total, 1):5.1f}%")
    print("misses by bucket and nearness (same3: the first answer is of the expected 3-character category):")
    for (b, near), n in sorted(nearness.items(), key=lambda x: -x[1]):
        print(f"  {b:6} {near:8} {n:6}")
    print("misses by the source of the first answer:")
    for s, n in sources.most_common(15):
        print(f"  {s[:40]:40} {n:6}")
    print("per category (% of its rows in each bucket):")
    print("  " + " " * 18 + " ".join(f"{b:>6}" for b in BUCKETS))
    for group, counts in sorted(by_group.items()):
        n = sum(counts.values())
        print(f"  {group:18}" + " ".join(f"{100 * counts[b] / n:6.1f}" for b in BUCKETS) + f"   (n={n})")
    if args.tsv:
        with args.tsv.open("w", newline="") as out:
            writer = csv.writer(out, delimiter="\t", lineterminator="\n")
            writer.writerow(["set", "category", "query", "expected", "first", "bucket", "nearness", "why"])
            writer.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
