"""Wording robustness: does a right answer stay right when the query says a little more that no code depends on?

    python bench/context_robustness.py --codes-db PATH --sets holdout18,holdout20 [--show 40]

Every query of the sets whose first answer is right (rows expecting CPT or no match left out) is asked again with
each of a few additions a user types around what is to be coded - a span of time, a time of day, who reported
it, how often, a request to the coder, a question mark (`ADDITIONS`) - and the share of answers still right first
is printed per addition and overall, with a sample of the answers that changed. None of the additions changes
which code is right; a coder ignores them.

This is a diagnostic, not a target: a mechanism written to read exactly these phrases away would make the figure
meaningless (the held-out sets are the measure). It shows how much a search that reads every word is moved by
words it should read past - the wording robustness the held-out sets keep finding missing. Scoring rules are
bench/eval_lookup.py's (`score`).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_lookup import LOADERS, query_sets, score, set_names

from bot.lookups.codebook import CodeBook
from bot.lookups.errors import QueryError
from bot.lookups.search import Hits, find_codes

ADDITIONS = (
    "{} for 2 weeks",
    "{} since last week",
    "pt reports {}",
    "{}, per patient",
    "{} today",
    "{} most days",
    "? {}",
    "{} - please code",
)
SEED = 26


def ask(book: CodeBook, text: str) -> Hits | None:
    try:
        return find_codes(book, text, limit=5)
    except QueryError:
        return None


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--codes-db", type=Path, required=True, help="a prepared code database")
    parser.add_argument(
        "--sets", type=set_names, required=True, help=f"comma-separated names of {', '.join(LOADERS)}"
    )
    parser.add_argument(
        "--show", type=int, default=20, help="how many changed answers to print (a seeded sample)"
    )
    args = parser.parse_args()
    chosen: list[str] = args.sets
    book = CodeBook.open(args.codes_db)
    kept: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    changed: list[tuple[str, str, str, str]] = []
    for queries in query_sets(chosen).values():
        for q in queries:
            if q.marker in ("CPT", "NONE") or not score(q, ask(book, q.text))[0]:
                continue
            for addition in ADDITIONS:
                found = ask(book, addition.format(q.text))
                right = found is not None and score(q, found)[0]
                asked[addition] += 1
                kept[addition] += right
                if not right:
                    first = found[0].code if found else "(nothing)"
                    changed.append((addition, q.group, q.text, first))
    total = sum(asked.values())
    print(f"right first answers asked again with each addition ({', '.join(chosen)}):")
    for addition in ADDITIONS:
        n = asked[addition]
        print(
            f"  {addition:22} {kept[addition]:5}/{n:<5} {100 * kept[addition] / max(n, 1):5.1f}% still right first"
        )
    print(f"  {'all':22} {sum(kept.values()):5}/{total:<5} {100 * sum(kept.values()) / max(total, 1):5.1f}%")
    random.Random(SEED).shuffle(changed)
    for addition, group, text, first in changed[: args.show]:
        print(f"  {addition.format(text)[:70]:70} [{group}] -> {first}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
