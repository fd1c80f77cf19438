"""History independence: does a query's answer depend on what the process was asked before it?

The Slack bot and `codedesk console` are long-running processes whose lookups fill memo caches as queries come;
an answer must be the one the query gets alone (a coder's answer must not depend on a colleague's earlier
question, and every benchmark figure is taken in one long process). This answers the queries of some eval sets
(`bench/eval_lookup.py`'s `--sets` names and loaders):

- in file order, in one process (what eval_lookup sees);
- with `--reverse`, in reverse order in another process, and with `--shuffle SEED` in a shuffled order in
  another, so every query is answered after a different history (cheap: a pass each, over every query);
- with no history: every query whose answers differ between those passes, plus `--fresh N` queries drawn at
  random (seed `--seed`), each answered alone in a process of its own.

"Alone" is real: this process imports the `bot` package and then answers nothing; each pass and each lone
query runs in a child forked from it (`multiprocessing`'s fork start, one task per child), which opens the code
database itself - a fresh process per query, less the import time. Compared: each query's first five codes
and each hit's `why` (and the result's notice). Every differing query is printed with both answers; exit
status 1 when any differ.

    python bench/history_independence.py --codes-db /tmp/codes.sqlite --sets dev,holdout15 --reverse --fresh 300
    python bench/history_independence.py --codes-db /tmp/codes.sqlite --query 'A' --query 'B'  # B after A vs B

`--bisect SET:ID` finds the earlier query (in file order; `--reverse`: in reverse order) after which that
query is answered differently from alone. `--query` (repeatable) answers the given texts in that order in one process and each alone: the bisection step
(the earlier query that changes a later one).
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing
import os
import pickle
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.lookups.codebook import CodeBook  # noqa: E402
from bot.lookups.errors import QueryError  # noqa: E402
from bot.lookups.search import find_codes  # noqa: E402

TOP = 5
UNSEEN = {"holdout21", "holdout22", "holdout23", "holdout24", "holdout25", "holdout26"}
Answer = tuple[Any, ...]
_CODES_DB: Path | None = None  # set before any child is forked


def answer(book: CodeBook, text: str) -> Answer:
    """A query's answer as compared: the first five (code, why) and the notice, or the refusal."""
    try:
        hits = find_codes(book, text, limit=TOP)
    except QueryError as refused:
        return ("refused", str(refused))
    return (tuple((h.code, h.why) for h in hits[:TOP]), hits.notice)


def _in_order(texts: Sequence[str]) -> list[Answer]:
    """(In a child) every text answered in the order given, in this one process."""
    assert _CODES_DB is not None
    book = CodeBook.open(_CODES_DB)
    return [answer(book, text) for text in texts]


def _alone(text: str) -> Answer:
    """(In a child of its own) one text answered with no history."""
    return _in_order([text])[0]


def _probe(book: CodeBook, text: str) -> Answer:
    """(In a process with history) `text` answered in a child forked from it, so this process's caches stay
    as they are: the answer `text` would get next."""
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child
        os.close(read)
        with os.fdopen(write, "wb") as out:
            pickle.dump(answer(book, text), out)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as got:
        found: Answer = pickle.load(got)
    os.waitpid(child, 0)
    return found


def _first_change(
    texts: Sequence[str], target: str, alone_answer: Answer, every: int, start: int
) -> list[int]:
    """(In a child) the texts answered in order; after every `every`-th (and the last) `target` answered by a
    forked probe (from place `start` on): the place after which its answer first differs from `alone_answer`."""
    assert _CODES_DB is not None
    book = CodeBook.open(_CODES_DB)
    found: list[int] = []
    for at, text in enumerate(texts):
        answer(book, text)
        probed = at >= start and ((at + 1) % every == 0 or at + 1 == len(texts))
        if probed and _probe(book, target) != alone_answer:
            found.append(at)
            break
    return found


def bisect(texts: Sequence[str], target: str) -> None:
    """Print the earlier query after which `target` (the last text) is answered differently from alone: the
    prefix scanned in steps of 100 queries, then query by query in the step that changed it, then the query
    found answered alone before the target."""
    lone = alone([target], 1)[0]
    prefix = list(texts)
    start = 0
    for every in (100, 1):
        with multiprocessing.get_context("fork").Pool(1, maxtasksperchild=1) as pool:
            found = pool.apply(_first_change, (prefix, target, lone, every, start))
        if not found:
            print(
                f"bisect: {target!r} answered as alone after all {len(texts)} earlier queries (steps {every})"
            )
            return
        end = found[0] + 1
        start = max(0, end - every) if every > 1 else end - 1
        print(f"bisect: {target!r} changes within queries {start}..{end - 1}", flush=True)
        if every > 1:
            prefix = prefix[:end]
    culprit = texts[start]
    pair = _pass([culprit, target])[1]
    print(f"bisect: query {start} {culprit!r}; after it alone: {'changes' if pair != lone else 'no change'}")
    print(f"    alone: {show(lone)}\n    after the prefix: {show(pair)}")


def _pass(texts: Sequence[str]) -> list[Answer]:
    """The texts answered in order in one fresh (forked) process."""
    with multiprocessing.get_context("fork").Pool(1, maxtasksperchild=1) as pool:
        return pool.apply(_in_order, (list(texts),))


def alone(texts: Sequence[str], jobs: int) -> list[Answer]:
    """Each text answered alone, in a fresh (forked) process of its own."""
    with multiprocessing.get_context("fork").Pool(jobs, maxtasksperchild=1) as pool:
        return pool.map(_alone, list(texts), chunksize=1)


def show(answer_: Answer) -> str:
    if answer_[0] == "refused":
        return f"(refused: {answer_[1]})"
    hits, notice = answer_
    lines = [f"{code}  {why}" for code, why in hits] or ["(nothing)"]
    if notice:
        lines.append(f"notice: {notice}")
    return "\n        ".join(lines)


def report(label: str, text: str, qid: str, a: tuple[str, Answer], b: tuple[str, Answer]) -> None:
    print(f"DIFFER {label} {qid} {text!r}")
    for name, ans in (a, b):
        print(f"    {name}: {show(ans)}")


def load_queries(sets: list[str]) -> list[tuple[str, str]]:
    """(set:id, text) of every query of the sets, in file order."""
    spec = importlib.util.spec_from_file_location("eval_lookup", ROOT / "bench" / "eval_lookup.py")
    assert spec and spec.loader
    eval_lookup = importlib.util.module_from_spec(spec)
    sys.modules["eval_lookup"] = eval_lookup  # its dataclasses look their module up
    spec.loader.exec_module(eval_lookup)
    return [
        (f"{name}:{q.id}", q.text) for name, queries in eval_lookup.query_sets(sets).items() for q in queries
    ]


def main() -> int:
    global _CODES_DB
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--codes-db", type=Path, required=True)
    parser.add_argument("--sets", default="", help="eval_lookup set names, comma-separated")
    parser.add_argument("--query", action="append", default=[], help="a query text (repeatable, in order)")
    parser.add_argument("--reverse", action="store_true", help="also answer the sets in reverse order")
    parser.add_argument("--shuffle", type=int, help="also answer the sets shuffled with this seed")
    parser.add_argument("--fresh", type=int, default=0, help="answer N random queries alone, too")
    parser.add_argument("--seed", type=int, default=40, help="the seed drawing the --fresh sample")
    parser.add_argument("--bisect", help="an id (set:id): find the earlier query that changes its answer")
    parser.add_argument("--jobs", type=int, default=1, help="processes answering queries alone")
    args = parser.parse_args()
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    if UNSEEN & set(sets):
        print("history_independence: holdout21-holdout26 are unseen sets; leave them out", file=sys.stderr)
        return 2
    queries = load_queries(sets) if sets else []
    queries += [(f"query:{n + 1}", text) for n, text in enumerate(args.query)]
    if not queries:
        parser.error("give --sets or --query")
    _CODES_DB = args.codes_db
    texts = [text for _, text in queries]
    if args.bisect:
        ids = [qid for qid, _ in queries]
        if args.bisect not in ids:
            parser.error(f"--bisect {args.bisect}: no such query (give SET:ID, e.g. {ids[0]})")
        at = ids.index(args.bisect)  # (--reverse: the queries after it, reversed)
        bisect(texts[at + 1 :][::-1] if args.reverse else texts[:at], texts[at])
        return 0

    ordered = _pass(texts)
    print(f"in order: {len(texts)} queries answered in one process", flush=True)
    suspects: set[int] = set()
    differ: set[int] = set()
    orders: list[tuple[str, list[int]]] = []
    if args.reverse:
        orders.append(("reverse", list(range(len(texts)))[::-1]))
    if args.shuffle is not None:
        shuffled = list(range(len(texts)))
        random.Random(args.shuffle).shuffle(shuffled)
        orders.append((f"shuffle{args.shuffle}", shuffled))
    for name, order in orders:
        other = _pass([texts[n] for n in order])
        here = 0
        for at, n in enumerate(order):
            if other[at] != ordered[n]:
                here += 1
                suspects.add(n)
                report(
                    f"in-order/{name}", texts[n], queries[n][0], ("in order", ordered[n]), (name, other[at])
                )
        print(f"{name}: {here} of {len(texts)} queries answered differently from in order", flush=True)
        differ |= suspects

    lone = set(suspects)
    if args.query:
        lone |= set(range(len(texts)))
    if args.fresh:
        rest = sorted(set(range(len(texts))) - lone)
        lone |= set(random.Random(args.seed).sample(rest, min(args.fresh, len(rest))))
    chosen = sorted(lone)
    answers = alone([texts[n] for n in chosen], args.jobs)
    here = 0
    for n, ans in zip(chosen, answers, strict=True):
        if ans != ordered[n]:
            here += 1
            differ.add(n)
            report("in-order/alone", texts[n], queries[n][0], ("in order", ordered[n]), ("alone", ans))
    print(f"alone: {here} of {len(chosen)} queries answered alone differ from in order", flush=True)
    print(f"history-dependent queries: {len(differ)} of {len(texts)}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
