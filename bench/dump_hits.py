"""Each query's answer, dumped once, so ranking work can be tried offline without running the search again.

    python bench/dump_hits.py --codes-db PATH --sets old,dev,... --out hits.jsonl [--limit 5]

Every query of the chosen sets (bench/eval_lookup.py's loaders) is answered once, as eval_lookup answers it
(`find_codes(book, query, limit=5)` over every loaded system), and written as one JSON line: the set, id, group,
query text, the expected targets (`code`, `mode`) or marker (NONE, CPT), eval_lookup's score of the answer
(`top1`, `top5`, `rank`), the result's notice, whether the query was refused, and for each hit its code,
system, status, billable, score, title, why and whether it matches an expected target (`right`, by
eval_lookup's `_matches`). scripts/train_rank.py reads the file. The unseen sets (holdout21 ... holdout26) are
refused: they are only ever scored by the lead.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_lookup import LOADERS, TOP, Query, _matches, query_sets, score, set_names

from bot.lookups.codebook import CodeBook
from bot.lookups.errors import QueryError
from bot.lookups.search import Hits, find_codes

UNSEEN = frozenset(f"holdout{n}" for n in range(21, 27))


def dumped(query: Query, result: Hits | None) -> dict[str, object]:
    """One query's line: what was asked, what was expected, how eval_lookup scores the answer, and the hits."""
    top1, top5, rank = score(query, result)
    hits = list(result or [])
    return {
        "set": query.set,
        "id": query.id,
        "group": query.group,
        "query": query.text,
        "marker": query.marker,
        "targets": [{"code": t.code, "mode": t.mode} for t in query.targets],
        "top1": top1,
        "top5": top5,
        "rank": rank,
        "refused": result is None,
        "notice": result.notice if result is not None else "",
        "hits": [
            {
                "code": h.code,
                "system": h.system,
                "status": h.status,
                "billable": h.billable,
                "score": h.score,
                "title": h.title,
                "why": h.why,
                "right": any(_matches(h.code, t) for t in query.targets),
            }
            for h in hits
        ],
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--codes-db", type=Path, required=True, help="a prepared code database")
    parser.add_argument(
        "--sets", type=set_names, required=True, help=f"comma-separated names of {', '.join(LOADERS)}"
    )
    parser.add_argument("--out", type=Path, required=True, help="the JSONL file written")
    parser.add_argument("--limit", type=int, default=TOP, help="answers asked for (eval_lookup asks 5)")
    args = parser.parse_args()
    chosen: list[str] = args.sets
    unseen = sorted(UNSEEN.intersection(chosen))
    if unseen:
        print(f"dump_hits: {', '.join(unseen)} are unseen sets, scored only by the lead", file=sys.stderr)
        return 2
    book = CodeBook.open(args.codes_db)
    with args.out.open("w") as out:
        for name, queries in query_sets(chosen).items():
            for query in queries:
                try:
                    result: Hits | None = find_codes(book, query.text, limit=args.limit)
                except QueryError:
                    result = None
                line = dumped(query, result)
                line["set"] = name  # (the loader's set is "probes" for every probes round)
                out.write(json.dumps(line) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
