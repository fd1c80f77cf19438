"""Every query set's full ranked answers as one JSON-lines file, to prove a speed change changes no answer.

    python bench/answers.py --codes-db PATH --out before.jsonl      # on the old code
    python bench/answers.py --codes-db PATH --out after.jsonl       # on the new code
    python bench/answers.py --compare before.jsonl after.jsonl      # exit 1 and list the queries that differ

Each line is one query of the sets of bench/eval_lookup.py (old, dev, paths, holdout, holdout4, holdout5,
holdout6) at each limit given (default 5, as the eval ranks, and 20): the notice and every hit with its code,
system, title, billable, status, why and score (repr, so a float that moved in its last digit counts as a
change), or the refusal's message. Queries run twice, the second time in the same process after all others, so an answer that
depends on what was cached by earlier queries shows up as a difference too.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.eval_lookup import Query, query_sets  # noqa: E402
from bot.lookups.codebook import CodeBook  # noqa: E402
from bot.lookups.errors import QueryError  # noqa: E402
from bot.lookups.search import find_codes  # noqa: E402

SETS = "old,dev,paths,holdout,holdout4,holdout5,holdout6"


def answer(book: CodeBook, text: str, limit: int) -> dict[str, object]:
    try:
        found = find_codes(book, text, limit=limit)
    except QueryError as exc:
        return {"refused": str(exc)}
    return {
        "notice": found.notice,
        "hits": [{**hit.as_dict(), "score": repr(hit.score)} for hit in found],
    }


def dump(book: CodeBook, queries: list[Query], limits: list[int]) -> list[dict[str, object]]:
    rows = []
    for rerun in (False, True):
        for q in queries:
            for limit in limits:
                key = {"set": q.set, "id": q.id, "query": q.text, "limit": limit, "rerun": rerun}
                rows.append({**key, **answer(book, q.text, limit)})
    return rows


def compare(before: Path, after: Path) -> int:
    old = before.read_text().splitlines()
    new = after.read_text().splitlines()
    if len(old) != len(new):
        print(f"answers: {len(old)} lines before, {len(new)} after")
        return 1
    differ = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    for a, b in differ[:20]:
        print(f"- {a}\n+ {b}")
    print(f"answers: {len(old)} compared, {len(differ)} differ")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--codes-db", type=Path, help="a prepared code database")
    parser.add_argument("--out", type=Path, help="the JSON-lines file to write")
    parser.add_argument("--sets", default=SETS, help=f"comma-separated (default {SETS})")
    parser.add_argument("--limits", default="5,20", help="comma-separated result limits (default 5,20)")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if not args.codes_db or not args.out:
        print("answers: give --codes-db and --out, or --compare BEFORE AFTER", file=sys.stderr)
        return 2
    queries = [q for qs in query_sets(args.sets.split(",")).values() for q in qs]
    limits = [int(x) for x in args.limits.split(",")]
    rows = dump(CodeBook.open(args.codes_db), queries, limits)
    args.out.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in rows))
    print(f"answers: {len(rows)} written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
