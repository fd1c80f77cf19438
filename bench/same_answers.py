"""Same answers: run the queries of some eval sets through two code trees (and their code databases) and report
every query whose answers differ - the acceptance check for speed work, which must change no answer.

    python bench/same_answers.py --sets holdout20,dev --a /work/main:/tmp/a.sqlite --b .:/tmp/b.sqlite
    python bench/same_answers.py --sets holdout20 --a /work/main:/tmp/a.sqlite --save /tmp/main.json
    python bench/same_answers.py --sets holdout20 --b .:/tmp/b.sqlite --against /tmp/main.json

Each side runs in its own fresh process whose `bot` package is imported from that side's tree (checked), and
answers every query of the sets in the same order (`bot.lookups.search.find_codes(book, query, limit=5)`, as
`bench/eval_lookup.py` asks), so the caches a process fills see the same sequence on both sides. Compared: the
first five codes in order (`--why` also compares each hit's `why` text, `--notice` the result's notice). A side's
answers can be saved (`--save`) and compared later (`--against`), so a branch is checked after every change
against one run of the base. The query sets are read by `bench/eval_lookup.py`'s loaders (the set names are
its `--sets` names). Exit status 1 when any query differs.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TOP = 5


def _answers(tree: Path, codes_db: Path, sets: list[str], queries_file: Path | None) -> dict[str, Any]:
    """In this process (a child): import `bot` from `tree`, answer every query of `sets`, return the answers."""
    sys.path.insert(0, str(tree))
    import bot
    from bot.lookups.codebook import CodeBook
    from bot.lookups.errors import QueryError
    from bot.lookups.search import find_codes

    if not Path(bot.__file__).resolve().is_relative_to(tree.resolve()):
        raise SystemExit(f"same_answers: bot imported from {bot.__file__}, not from {tree}")
    # The loaders only: eval_lookup's own `bot` imports find the modules already imported from `tree`.
    spec = importlib.util.spec_from_file_location("eval_lookup", HERE / "eval_lookup.py")
    assert spec and spec.loader
    eval_lookup = importlib.util.module_from_spec(spec)
    sys.modules["eval_lookup"] = eval_lookup  # its dataclasses look their module up
    spec.loader.exec_module(eval_lookup)
    book = CodeBook.open(codes_db)
    out: dict[str, Any] = {"tree": str(tree), "codes_db": str(codes_db), "sets": {}}
    started = time.process_time()
    chosen = {
        name: [(q.id, q.text) for q in queries] for name, queries in eval_lookup.query_sets(sets).items()
    }
    if queries_file is not None:
        texts = [line.rstrip("\n") for line in queries_file.open() if line.strip()]
        chosen[queries_file.name] = [(f"q{n + 1:04d}", text) for n, text in enumerate(texts)]
    for name, queries in chosen.items():
        rows = []
        for qid, text in queries:
            try:
                hits = find_codes(book, text, limit=TOP)
            except QueryError as refused:
                rows.append({"id": qid, "query": text, "refused": str(refused)})
                continue
            rows.append(
                {
                    "id": qid,
                    "query": text,
                    "codes": [h.code for h in hits],
                    "why": [h.why for h in hits],
                    "notice": hits.notice,
                }
            )
        out["sets"][name] = rows
    out["cpu_s"] = round(time.process_time() - started, 2)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def run_side(spec: str, sets: list[str], queries_file: Path | None = None) -> dict[str, Any]:
    """A side given as TREE:CODES_DB, answered in a fresh process."""
    tree, _, codes_db = spec.partition(":")
    if not codes_db:
        raise SystemExit(f"same_answers: a side is TREE:CODES_DB, not {spec!r}")
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            tree,
            codes_db,
            "--sets",
            ",".join(sets),
            *(["--queries", str(queries_file)] if queries_file else []),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def _key(row: dict[str, Any], why: bool, notice: bool) -> tuple[Any, ...]:
    if "refused" in row:
        return ("refused", row["refused"])
    return (
        tuple(row["codes"]),
        tuple(row["why"]) if why else (),
        row["notice"] if notice else "",
    )


def compare(a: dict[str, Any], b: dict[str, Any], why: bool, notice: bool) -> int:
    """Print every query answered differently; return how many."""
    differ = 0
    for name, rows_a in a["sets"].items():
        rows_b = b["sets"].get(name)
        if rows_b is None:
            print(f"{name}: not answered by both sides")
            continue
        if [r["id"] for r in rows_a] != [r["id"] for r in rows_b]:
            print(f"{name}: the two sides asked different queries (the set's file differs)")
            differ += 1
            continue
        here = 0
        for ra, rb in zip(rows_a, rows_b, strict=True):
            if _key(ra, why, notice) != _key(rb, why, notice):
                here += 1
                print(f"  {name} {ra['id']} {ra['query']!r}")
                print(f"    a: {ra.get('codes', ra.get('refused'))}")
                print(f"    b: {rb.get('codes', rb.get('refused'))}")
                if why and "why" in ra and "why" in rb and ra["why"] != rb["why"]:
                    for wa, wb in zip(ra["why"], rb["why"], strict=False):
                        if wa != wb:
                            print(f"    why a: {wa}\n    why b: {wb}")
                if notice and ra.get("notice") != rb.get("notice"):
                    print(f"    notice a: {ra.get('notice')!r}\n    notice b: {rb.get('notice')!r}")
        print(f"{name}: {len(rows_a)} queries, {here} answered differently")
        differ += here
    print(f"CPU answering them: a {a.get('cpu_s')} s, b {b.get('cpu_s')} s")
    print(f"peak RSS: a {a.get('peak_rss_mb', '?')} MB, b {b.get('peak_rss_mb', '?')} MB")
    return differ


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sets", default="", help="eval_lookup set names, comma-separated")
    parser.add_argument("--queries", type=Path, help="a file of queries, one a line, answered after the sets")
    parser.add_argument("--a", help="the base side, TREE:CODES_DB")
    parser.add_argument("--b", help="the changed side, TREE:CODES_DB")
    parser.add_argument("--save", type=Path, help="save the one side answered (a or b) as JSON")
    parser.add_argument("--against", type=Path, help="compare side b with answers saved before")
    parser.add_argument("--why", action="store_true", help="compare each hit's why text too")
    parser.add_argument("--notice", action="store_true", help="compare the result's notice too")
    parser.add_argument("--child", nargs=2, metavar=("TREE", "CODES_DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    if "holdout21" in sets:
        print("same_answers: holdout21 is this round's unseen set; leave it out", file=sys.stderr)
        return 2
    if args.child:
        with contextlib.redirect_stdout(sys.stderr):  # anything the lookup prints stays out of the JSON
            answers = _answers(Path(args.child[0]), Path(args.child[1]), sets, args.queries)
        print(json.dumps(answers))
        return 0
    a = json.loads(args.against.read_text()) if args.against else None
    if a is None and args.a:
        a = run_side(args.a, sets, args.queries)
    b = run_side(args.b, sets, args.queries) if args.b else None
    if args.save:
        side = a if args.a else b
        if side is None:
            raise SystemExit("same_answers: --save needs a side to answer (--a or --b)")
        args.save.write_text(json.dumps(side))
        print(f"saved {sum(len(r) for r in side['sets'].values())} answers to {args.save}")
    if a is None or b is None:
        if args.save:
            return 0
        raise SystemExit("same_answers: give two sides (--a and --b, or --against and --b)")
    return 1 if compare(a, b, args.why, args.notice) else 0


if __name__ == "__main__":
    raise SystemExit(main())
