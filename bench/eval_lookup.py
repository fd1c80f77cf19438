"""Lookup quality on three query sets: top-1 and top-5 per set and per category/source, misses, warm latency.

    python bench/eval_lookup.py [--codes-db PATH] [--sets old,dev,paths] [--misses] [--json] [--rounds 1]

Sets:
- `old`: the 150 queries of bench/lookup.py (`load_queries()`, bench/queries.tsv) - written together with the
  curated vocabulary, so it mostly measures that the vocabulary is wired in;
- `dev`: bench/queries/dev_v2.tsv - realistic queries frozen before the issue #10 search change (provenance in
  bench/queries/README.md);
- `holdout`: bench/queries/holdout_v3.tsv - 380 queries written by a separate session that never saw the
  product or the other sets, first scored after search round 2 (provenance in bench/queries/README.md);
- `holdout4`: bench/queries/holdout_v4.tsv - 480 queries for FY2027 dates of service, written by a separate
  session that never saw the product or the other sets, scored by the lead outside the repository before and
  after search rounds 4-5, then published (provenance in bench/queries/README.md);
- `holdout5`: bench/queries/holdout_v5.tsv - 515 queries for FY2027 dates of service, written by a separate
  session that never saw the product or the other sets, committed before search round 6 and scored before and
  after it (provenance in bench/queries/README.md);
- `holdout6`: bench/queries/holdout_v6.tsv - 515 queries for FY2027 dates of service, written by a separate
  session that never saw the product or the other sets, committed before search round 7 and scored before and
  after it (provenance in bench/queries/README.md);
- `holdout7`: bench/queries/holdout_v7.tsv - 541 queries for FY2027 dates of service, written by a separate
  session that never saw the product (and no query repeating an earlier set's), committed before search round 8
  and scored before and after it (provenance in bench/queries/README.md);
- `holdout8`: bench/queries/holdout_v8.tsv - 616 queries for FY2027 dates of service, written by a separate
  session that never saw the product (and no query repeating an earlier set's), committed before search round 9
  and scored before and after it (provenance in bench/queries/README.md);
- `holdout9`: bench/queries/holdout_v9.tsv - 609 queries for FY2027 dates of service, written by a separate
  session that never saw the product (and no query repeating an earlier set's), committed before search round 10
  and scored before and after it (provenance in bench/queries/README.md);
- `holdout10`: bench/queries/holdout_v10.tsv - 578 queries for FY2027 dates of service, written by a separate
  session that never saw the product (no query repeating or near-repeating an earlier set's), committed before
  search round 11 and scored before and after it (provenance in bench/queries/README.md);
- `holdout11`: bench/queries/holdout_v11.tsv - 618 queries for FY2027 dates of service, written by a separate
  session that never saw the product (no query repeating or near-repeating an earlier set's), committed before
  search round 12 and scored before and after it (provenance in bench/queries/README.md);
- `holdout12`: bench/queries/holdout_v12.tsv - 632 queries for FY2027 dates of service, written by a separate
  session that never saw the product (no query repeating or near-repeating an earlier set's), committed before
  search round 14 and scored before and after it (provenance in bench/queries/README.md);
- `holdout13`: bench/queries/holdout_v13.tsv - 635 queries for FY2027 dates of service, written by a separate
  session that never saw the product (no query repeating or near-repeating an earlier set's), committed before
  search round 16 and scored before and after it (provenance in bench/queries/README.md);
- `holdout14`: bench/queries/holdout_v14.tsv - 592 queries for FY2027 dates of service, written by a separate
  session that never saw the product (no query repeating or near-repeating an earlier set's), committed before
  search round 17 and scored before and after it (provenance in bench/queries/README.md);
- `holdout15`: bench/queries/holdout_v15.tsv - 548 queries for FY2027 dates of service, written by a separate
  session that never saw the product (no query repeating or near-repeating an earlier set's), committed before
  search round 18 and scored before and after it (provenance in bench/queries/README.md);
- `holdout16`: bench/queries/holdout_v16.tsv - 543 queries for FY2027 dates of service, written by a separate
  session that never saw the product (no query repeating or near-repeating an earlier set's), committed before
  search round 19 and scored before and after it (provenance in bench/queries/README.md);
- `holdout17`: bench/queries/holdout_v17.tsv - 545 queries for FY2027 dates of service, written by a separate
  session that never saw the product (no query repeating or near-repeating an earlier set's), committed before
  search round 20 and scored before and after it (provenance in bench/queries/README.md);
- `holdout18`: bench/queries/holdout_v18.tsv - 541 queries for FY2027 dates of service, written by a separate
  session that never saw the product (no query repeating or near-repeating an earlier set's), committed before
  search round 21 and scored before and after it (provenance in bench/queries/README.md);
- `holdout19`: bench/queries/holdout_v19.tsv - 471 queries for FY2027 dates of service, written by a separate
  session that never saw the product (no query repeating or near-repeating an earlier set's), committed before
  search round 22 and scored before and after it (provenance in bench/queries/README.md);
- `holdout20`: bench/queries/holdout_v20.tsv - 504 queries for FY2027 dates of service, written by a separate
  session that never saw the product (no query repeating or near-repeating an earlier set's), committed before
  search round 23 and scored before and after it (provenance in bench/queries/README.md);
- `holdout21`: bench/queries/holdout_v21.tsv - 481 queries for FY2027 dates of service, written by a separate
  session that never saw the product (no query repeating or near-repeating an earlier set's), committed before
  search round 24 and scored before and after it (provenance in bench/queries/README.md);
- `holdout22`: bench/queries/holdout_v22.tsv - 573 queries for FY2027 dates of service, written by a separate
  session that never saw the product (a realistic traffic mix: concepts earlier sets asked allowed in new
  wordings, no query repeating or near-repeating an earlier set's or a probe's), committed before search
  round 25 and scored before and after it (provenance in bench/queries/README.md);
- `holdout23`: bench/queries/holdout_v23.tsv - 576 queries for FY2027 dates of service, written by a separate
  session that never saw the product (a realistic traffic mix: concepts earlier sets asked allowed in new
  wordings, no query repeating or near-repeating an earlier set's or a probe's), committed before search
  round 27 and scored before and after it (provenance in bench/queries/README.md);
- `holdout24`: bench/queries/holdout_v24.tsv - 503 queries for FY2027 dates of service, written by a separate
  session that never saw the product (a realistic traffic mix: concepts earlier sets asked allowed in new
  wordings, no query repeating or near-repeating an earlier set's or a probe's), committed before search
  round 29's branches were merged and scored before and after them (provenance in bench/queries/README.md);
- `holdout25`: bench/queries/holdout_v25.tsv - 518 queries for FY2027 dates of service, written by a separate
  session that never saw the product (a realistic traffic mix, as holdout_v22-v24), committed before search
  round 30's branches were merged and scored before and after them (provenance in bench/queries/README.md);
- `holdout26`: bench/queries/holdout_v26.tsv - 531 queries for FY2027 dates of service, written by a separate
  session that never saw the product (a realistic traffic mix, as holdout_v22-v25), committed before search
  round 31's branches were merged and scored before and after them (provenance in bench/queries/README.md);
- `paths`: bench/queries/index_paths.tsv - a seeded sample of official index paths turned into queries
  (bench/make_index_paths.py);
- `drugcaused`: bench/queries/drug_caused.tsv - every Index line for a condition a drug caused ("Myopathy,
  drug-induced") asked with a drug drawn at random from the Drug Table (bench/make_drug_caused.py);
- `probes20`: bench/probes/round20_*.tsv - fresh probes each round-20 helper wrote on concepts drawn at random
  from the official data before building (written by the helper who then built on them: a development set, not
  a held-out one), grouped by helper;
- `probes21`: bench/probes/round21_*.tsv - the same for search round 21;
- `probes22`: bench/probes/round22_*.tsv - the same for search round 22 (each helper's file split, seeded, into a
  build half and a check half `round22_NAME_check.tsv` it did not build on);
- `probes23`: bench/probes/round23_*.tsv - the same for search round 23.
- `probes24`: bench/probes/round24_*.tsv - the same for search round 24.
- `probes25`: bench/probes/round25_*.tsv - the same for search round 25.

Every query goes through `bot.lookups.search.find_codes(book, query, limit=5)` over every loaded system, as the
CLI and Slack do by default (a dev row's `system` column documents where the answer lives; it does not filter).
Scoring is `score()` below. Latency is measured on a second, warm pass over every query of the chosen
sets (the first pass, which scores them, is the warm-up): wall and CPU time p50/p95/p99 over all sets,
with the load average; then the first lookup's time (FIRST_QUERY, before any other) and the peak RSS.
`--misses` lists each miss with what came first; `--json` prints the figures as one JSON object; `--slowest N`
lists the N queries slowest in CPU time on the warm pass (the least over `--rounds`), where speed work starts.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib.util
import json
import math
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.lookups.codebook import CodeBook  # noqa: E402
from bot.lookups.errors import QueryError  # noqa: E402
from bot.lookups.search import find_codes  # noqa: E402
from bot.lookups.systems import undot  # noqa: E402

DEV = ROOT / "bench" / "queries" / "dev_v2.tsv"
HOLDOUT = ROOT / "bench" / "queries" / "holdout_v3.tsv"
HOLDOUT4 = ROOT / "bench" / "queries" / "holdout_v4.tsv"
HOLDOUT5 = ROOT / "bench" / "queries" / "holdout_v5.tsv"
HOLDOUT6 = ROOT / "bench" / "queries" / "holdout_v6.tsv"
HOLDOUT7 = ROOT / "bench" / "queries" / "holdout_v7.tsv"
HOLDOUT8 = ROOT / "bench" / "queries" / "holdout_v8.tsv"
HOLDOUT9 = ROOT / "bench" / "queries" / "holdout_v9.tsv"
HOLDOUT10 = ROOT / "bench" / "queries" / "holdout_v10.tsv"
HOLDOUT11 = ROOT / "bench" / "queries" / "holdout_v11.tsv"
HOLDOUT12 = ROOT / "bench" / "queries" / "holdout_v12.tsv"
HOLDOUT13 = ROOT / "bench" / "queries" / "holdout_v13.tsv"
HOLDOUT14 = ROOT / "bench" / "queries" / "holdout_v14.tsv"
HOLDOUT15 = ROOT / "bench" / "queries" / "holdout_v15.tsv"
HOLDOUT16 = ROOT / "bench" / "queries" / "holdout_v16.tsv"
HOLDOUT17 = ROOT / "bench" / "queries" / "holdout_v17.tsv"
HOLDOUT18 = ROOT / "bench" / "queries" / "holdout_v18.tsv"
HOLDOUT19 = ROOT / "bench" / "queries" / "holdout_v19.tsv"
HOLDOUT20 = ROOT / "bench" / "queries" / "holdout_v20.tsv"
HOLDOUT21 = ROOT / "bench" / "queries" / "holdout_v21.tsv"
HOLDOUT22 = ROOT / "bench" / "queries" / "holdout_v22.tsv"
HOLDOUT23 = ROOT / "bench" / "queries" / "holdout_v23.tsv"
HOLDOUT24 = ROOT / "bench" / "queries" / "holdout_v24.tsv"
HOLDOUT25 = ROOT / "bench" / "queries" / "holdout_v25.tsv"
HOLDOUT26 = ROOT / "bench" / "queries" / "holdout_v26.tsv"
PATHS = ROOT / "bench" / "queries" / "index_paths.tsv"
DRUG_CAUSED = ROOT / "bench" / "queries" / "drug_caused.tsv"
PROBES = ROOT / "bench" / "probes"
TOP = 5
FIRST_QUERY = "cellulitis of left leg"  # timed as the process's first lookup (as bench/lookup.py does)


# -- expectations -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    code: str  # undotted
    mode: str  # exact | prefix | initial_prefix


@dataclass(frozen=True)
class Query:
    set: str
    id: str
    group: str  # category (old, dev) or source (paths)
    text: str
    marker: str  # "" | CPT | NONE
    targets: tuple[Target, ...]
    pair: str = ""  # undotted second code of a required pair (dev only)


def load_old() -> list[Query]:
    """The 150 queries of bench/lookup.py, through its own loader (not copied)."""
    spec = importlib.util.spec_from_file_location("bench_lookup", ROOT / "bench" / "lookup.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [
        Query(
            "old", f"old{i + 1:03d}", category, text, "", tuple(Target(undot(e), "exact") for e in expected)
        )
        for i, (category, text, expected) in enumerate(module.load_queries())
    ]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_dev(path: Path = DEV) -> list[Query]:
    out = []
    for r in _rows(path):
        expected = [e.strip() for e in r["expected"].split("|") if e.strip()]
        marker = expected[0] if expected[0] in ("CPT", "NONE") else ""
        targets = tuple(
            Target(undot(e.rstrip("*")), "prefix" if e.endswith("*") else "exact")
            for e in expected
            if not marker
        )
        out.append(Query("dev", r["id"], r["category"], r["query"], marker, targets, undot(r["pair"] or "")))
    return out


def load_paths(path: Path = PATHS, prefix: str = "p") -> list[Query]:
    modes = {"exact": "exact", "any_completion": "prefix", "any_initial_completion": "initial_prefix"}
    return [
        Query(
            "paths",
            f"{prefix}{i + 1:04d}",
            r["source"],
            r["query"],
            "",
            tuple(Target(undot(e), modes[r["match"]]) for e in r["expected"].split("|")),
        )
        for i, r in enumerate(_rows(path))
    ]


def load_probes(round_: int = 20) -> list[Query]:
    """Every helper's fresh probes of a search round (bench/probes/roundN_NAME.tsv), grouped by helper."""
    out = []
    for path in sorted(PROBES.glob(f"round{round_}_*.tsv")):
        helper = path.stem.split("_", 1)[1]
        out += [replace(q, set="probes", group=helper) for q in load_dev(path)]
    return out


LOADERS = {
    "old": load_old,
    "dev": load_dev,
    "paths": load_paths,
    "drugcaused": lambda: load_paths(DRUG_CAUSED, "dc"),
    "probes20": load_probes,
    "probes21": lambda: load_probes(21),
    "probes22": lambda: load_probes(22),
    "probes23": lambda: load_probes(23),
    "probes24": lambda: load_probes(24),
    "probes25": lambda: load_probes(25),
    "holdout": lambda: load_dev(HOLDOUT),
    "holdout4": lambda: load_dev(HOLDOUT4),
    "holdout5": lambda: load_dev(HOLDOUT5),
    "holdout6": lambda: load_dev(HOLDOUT6),
    "holdout7": lambda: load_dev(HOLDOUT7),
    "holdout8": lambda: load_dev(HOLDOUT8),
    "holdout9": lambda: load_dev(HOLDOUT9),
    "holdout10": lambda: load_dev(HOLDOUT10),
    "holdout11": lambda: load_dev(HOLDOUT11),
    "holdout12": lambda: load_dev(HOLDOUT12),
    "holdout13": lambda: load_dev(HOLDOUT13),
    "holdout14": lambda: load_dev(HOLDOUT14),
    "holdout15": lambda: load_dev(HOLDOUT15),
    "holdout16": lambda: load_dev(HOLDOUT16),
    "holdout17": lambda: load_dev(HOLDOUT17),
    "holdout18": lambda: load_dev(HOLDOUT18),
    "holdout19": lambda: load_dev(HOLDOUT19),
    "holdout20": lambda: load_dev(HOLDOUT20),
    "holdout21": lambda: load_dev(HOLDOUT21),
    "holdout22": lambda: load_dev(HOLDOUT22),
    "holdout23": lambda: load_dev(HOLDOUT23),
    "holdout24": lambda: load_dev(HOLDOUT24),
    "holdout25": lambda: load_dev(HOLDOUT25),
    "holdout26": lambda: load_dev(HOLDOUT26),
}


def set_names(text: str) -> list[str]:
    """The set names a comma-separated `--sets` argument gives (an argparse type: unknown names are an error)."""
    chosen = [s.strip() for s in text.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in LOADERS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown set(s) {', '.join(unknown) or '(none)'}: use {', '.join(LOADERS)}"
        )
    return chosen


def query_sets(names: Sequence[str]) -> dict[str, list[Query]]:
    """The queries of each named set (a name of LOADERS), in file order."""
    return {name: LOADERS[name]() for name in names}


# -- scoring ----------------------------------------------------------------------------------------------
_CPT_WORD = re.compile(r"\bCPT\b")
_NO_MATCH = re.compile(r"(?i)no confident match")
_CPT_STATUS = {"cpt", "cpt-service", "cpt_service", "cpt-territory", "out-of-scope"}


def _notice(result: Any) -> str:
    """Text the result carries about itself as a whole (a future result object); today's list carries none."""
    parts = [getattr(result, name, "") for name in ("notice", "message", "note", "kind")]
    return " ".join(p for p in parts if isinstance(p, str))


def _hits(result: Any) -> list[Any]:
    hits = getattr(result, "hits", result)
    return list(hits or [])


def _matches(code: str, target: Target) -> bool:
    c = undot(code)
    if target.mode == "exact":
        return c == target.code
    if target.mode == "prefix":
        return c.startswith(target.code)
    return c.startswith(target.code) and len(c) == 7 and c.endswith("A")  # initial_prefix


def _signals_cpt(hit: Any) -> bool:
    return (
        getattr(hit, "system", "") == "CPT"
        or getattr(hit, "status", "") in _CPT_STATUS
        or bool(_CPT_WORD.search(getattr(hit, "why", "") or ""))
    )


def score(query: Query, result: Any) -> tuple[bool, bool, int | None]:
    """(right first, right in the top 5, 1-based rank of the first right hit or None). The scoring rules:

    - A hit matches an expected code when equal with dots and case ignored (`exact`); for a prefix expectation
      (`0SR9*` in dev_v2, `any_completion` in index_paths) when the hit's code starts with the prefix (the prefix
      itself included); for `any_initial_completion` when it starts with the prefix and is a complete 7-character
      code ending in `A` (initial encounter).
    - Several acceptable codes: any one of them counts. A required pair (dev `pair`) is right when the
      combination / first code is right; the pair code alone does not count (its presence is reported apart).
    - `CPT`: the search must say it is CPT territory. Detected as: the result as a whole carries a notice /
      message mentioning "CPT" (for a future result object; a plain list carries none), or the hit in question
      is a CPT code (`system == "CPT"`, a licensed file loaded), has a CPT status (`cpt`, `cpt-service`,
      `out-of-scope`), or its `why` names CPT. Right first = the notice or the first hit signals it; top 5 = the
      notice or any of the first five. Today's product cannot say so: an empty list or unrelated codes is a miss.
    - `NONE`: right when nothing is returned (an empty list or a refused query), or the result carries a
      "no confident match" notice; the same for top 1 and top 5.
    - A query the product refuses (QueryError) is a miss unless `NONE` was expected.
    """
    hits = _hits(result)[:TOP] if result is not None else []
    notice = _notice(result) if result is not None else ""
    if query.marker == "NONE":
        ok = result is None or not hits or bool(_NO_MATCH.search(notice))
        return ok, ok, 1 if ok else None
    if query.marker == "CPT":
        if _CPT_WORD.search(notice):
            return True, True, 1
        rank = next((i + 1 for i, h in enumerate(hits) if _signals_cpt(h)), None)
        return rank == 1, rank is not None, rank
    rank = next(
        (i + 1 for i, h in enumerate(hits) if any(_matches(h.code, t) for t in query.targets)),
        None,
    )
    return rank == 1, rank is not None, rank


# -- running ----------------------------------------------------------------------------------------------
@dataclass
class Outcome:
    query: Query
    top1: bool
    top5: bool
    first: str  # what came first: "CODE title" or "(nothing)" / "(refused: ...)"
    pair_in_top5: bool | None = None


@dataclass
class Tally:
    n: int = 0
    top1: int = 0
    top5: int = 0
    groups: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))

    def add(self, o: Outcome) -> None:
        self.n += 1
        self.top1 += o.top1
        self.top5 += o.top5
        g = self.groups[o.query.group]
        g[0] += 1
        g[1] += o.top1
        g[2] += o.top5


def run_one(book: CodeBook, query: Query) -> Outcome:
    try:
        result: Any = find_codes(book, query.text, limit=TOP)
    except QueryError as exc:
        result = None
        first = f"(refused: {exc})"
    else:
        hits = _hits(result)
        first = f"{hits[0].code} {hits[0].title[:60]}" if hits else "(nothing)"
    top1, top5, _ = score(query, result)
    pair = None
    if query.pair and result is not None:
        pair = any(undot(h.code) == query.pair for h in _hits(result)[:TOP])
    return Outcome(query, top1, top5, first, pair)


def score_generated(
    path: Path,
    codes_db: Path,
    misses: bool,
    keys: Callable[[Query], Sequence[str]] = lambda q: (q.group,),
) -> None:
    """Print top-1 / top-5 of a generated query file (the `--score` of bench/make_*.py) overall and by each
    key a row falls under (its group, by default), and with `misses` every row not answered first."""
    book = CodeBook.open(codes_db)
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    missed: list[str] = []
    for query in load_dev(path):
        outcome = run_one(book, query)
        for key in dict.fromkeys(("all", *keys(query))):  # (a key counted once per row)
            g = groups[key]
            g[0] += 1
            g[1] += outcome.top1
            g[2] += outcome.top5
        if not outcome.top1:
            mark = "*" if outcome.top5 else " "
            missed.append(
                f"{mark} {query.id} {query.group:10} {query.text!r:60} want {query.targets[0].code} "
                f"first {outcome.first}"
            )
    for key, (n, one, five) in sorted(groups.items(), key=lambda kv: (kv[0] != "all", kv[0])):
        print(f"{key:10} {n:5d}  top-1 {100 * one / n:5.1f}%  top-5 {100 * five / n:5.1f}%")
    if misses:
        print("\n".join(missed))


def percentile(values: Sequence[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--codes-db", type=Path, help="a prepared code database (default: a fresh one)")
    parser.add_argument(
        "--sets",
        default="old,dev,paths",
        type=set_names,
        help="comma-separated: old, dev, paths, drugcaused, probes20, probes21, probes22, probes23, probes24, probes25, holdout, holdout4, holdout5, holdout6, holdout7, holdout8, holdout9, holdout10, holdout11, holdout12, holdout13, holdout14, holdout15, holdout16, holdout17, holdout18, holdout19, holdout20, holdout21, holdout22, holdout23, holdout24, holdout25, holdout26",
    )
    parser.add_argument("--misses", action="store_true", help="list every miss with what came first")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--rounds", type=int, default=1, help="warm latency passes over every query")
    parser.add_argument(
        "--slowest",
        type=int,
        default=0,
        help="list the N queries slowest in warm CPU time (least over rounds)",
    )
    args = parser.parse_args()
    chosen: list[str] = args.sets
    if args.rounds < 1:
        print("eval_lookup: --rounds must be at least 1", file=sys.stderr)
        return 2

    codes_db = args.codes_db or Path(tempfile.mkdtemp(prefix="codedesk-eval-")) / "codes.sqlite"
    book = CodeBook.open(codes_db)
    started, started_cpu = time.perf_counter(), time.thread_time()
    find_codes(book, FIRST_QUERY)  # the first lookup of this process: what a fresh process pays
    first_ms = (time.perf_counter() - started) * 1000
    first_cpu_ms = (time.thread_time() - started_cpu) * 1000  # (not inflated by waiting for a core)
    outcomes: dict[str, list[Outcome]] = {
        s: [run_one(book, q) for q in qs] for s, qs in query_sets(chosen).items()
    }

    # Timed after the pass above (the warm-up: every query answered once in this process), so the figures are
    # a warm process's; wall time, and this thread's CPU time, which waiting for a core on a shared machine
    # does not inflate.
    load_before = os.getloadavg()[0]
    per_set: dict[str, list[float]] = {s: [] for s in chosen}
    cpu: list[float] = []
    least: dict[tuple[str, int], float] = {}  # (set, query's place in it) -> its least CPU time over rounds
    for _ in range(args.rounds):
        for s in chosen:
            for at, o in enumerate(outcomes[s]):
                started, started_cpu = time.perf_counter(), time.thread_time()
                with contextlib.suppress(QueryError):
                    find_codes(book, o.query.text, limit=TOP)
                cpu.append((time.thread_time() - started_cpu) * 1000)
                per_set[s].append((time.perf_counter() - started) * 1000)
                key = (s, at)
                least[key] = min(least.get(key, math.inf), cpu[-1])
    latencies = [ms for s in chosen for ms in per_set[s]]
    load = (round(load_before, 2), round(os.getloadavg()[0], 2))

    figures: dict[str, Any] = {"release": book.coverage().release, "sets": {}}
    for s in chosen:
        tally = Tally()
        for o in outcomes[s]:
            tally.add(o)
        with_pair = [o for o in outcomes[s] if o.query.pair]
        figures["sets"][s] = {
            "queries": tally.n,
            "top1": pct(tally.top1, tally.n),
            "top5": pct(tally.top5, tally.n),
            "groups": {
                g: {"queries": v[0], "top1": pct(v[1], v[0]), "top5": pct(v[2], v[0])}
                for g, v in sorted(tally.groups.items())
            },
            **(
                {
                    "pair_code_in_top5": pct(sum(bool(o.pair_in_top5) for o in with_pair), len(with_pair)),
                    "pair_rows": len(with_pair),
                }
                if with_pair
                else {}
            ),
        }

    def spread(values: list[float]) -> dict[str, float]:
        return {
            "queries": len(values),
            "p50": round(statistics.median(values), 2),
            "p95": round(percentile(values, 95), 2),
            "p99": round(percentile(values, 99), 2),
        }

    figures["latency_ms"] = spread(latencies)
    figures["cpu_ms"] = spread(cpu)
    figures["load_average"] = {"before": load[0], "after": load[1], "cores": os.cpu_count()}
    figures["first_query_ms"] = round(first_ms, 1)
    figures["first_query_cpu_ms"] = round(first_cpu_ms, 1)
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    for s in chosen:
        figures["sets"][s]["latency_ms"] = spread(per_set[s])

    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        names = {
            "old": "old 150 (bench/lookup.py)",
            "dev": "dev_v2",
            "paths": "index paths",
            "drugcaused": "drug-caused conditions (generated)",
            "probes20": "round-20 fresh probes (bench/probes)",
            "probes21": "round-21 fresh probes (bench/probes)",
            "probes22": "round-22 fresh probes (bench/probes)",
            "probes23": "round-23 fresh probes (bench/probes)",
            "probes24": "round-24 fresh probes (bench/probes)",
            "probes25": "round-25 fresh probes (bench/probes)",
            "holdout": "holdout_v3",
            "holdout4": "holdout_v4",
            "holdout5": "holdout_v5",
            "holdout6": "holdout_v6",
            "holdout7": "holdout_v7",
            "holdout8": "holdout_v8",
            "holdout9": "holdout_v9",
            "holdout10": "holdout_v10",
            "holdout11": "holdout_v11",
            "holdout12": "holdout_v12",
            "holdout13": "holdout_v13",
            "holdout14": "holdout_v14",
            "holdout15": "holdout_v15",
            "holdout16": "holdout_v16",
            "holdout17": "holdout_v17",
            "holdout18": "holdout_v18",
            "holdout19": "holdout_v19",
            "holdout20": "holdout_v20",
            "holdout21": "holdout_v21",
            "holdout22": "holdout_v22",
            "holdout23": "holdout_v23",
            "holdout24": "holdout_v24",
            "holdout25": "holdout_v25",
            "holdout26": "holdout_v26",
        }
        print(f"lookup quality, all systems loaded ({figures['release']}), top-1 / top-5")
        for s in chosen:
            f = figures["sets"][s]
            lat = f["latency_ms"]
            print(
                f"\n{names[s]}: {f['queries']} queries  top-1 {f['top1']:.1f}%  top-5 {f['top5']:.1f}%  "
                f"(warm p50 {lat['p50']:.2f} ms, p95 {lat['p95']:.2f} ms)"
            )
            if "pair_code_in_top5" in f:
                print(
                    f"  (rows with a required pair ({f['pair_rows']}): pair code also in the top 5 "
                    f"{f['pair_code_in_top5']:.1f}%)"
                )
            for g, v in f["groups"].items():
                print(f"  {g:<18} {v['queries']:>5} {v['top1']:>6.1f}% {v['top5']:>6.1f}%")
        lat = figures["latency_ms"]
        used = figures["cpu_ms"]
        print(
            f"\nwarm latency over {lat['queries']} queries: p50 {lat['p50']:.2f} ms, p95 {lat['p95']:.2f} ms, "
            f"p99 {lat['p99']:.2f} ms (CPU p50 {used['p50']:.2f} ms, p95 {used['p95']:.2f} ms, "
            f"p99 {used['p99']:.2f} ms); load average {load[0]:.2f} before, {load[1]:.2f} after "
            f"({os.cpu_count()} cores)"
        )
        print(
            f"first query in this process ({FIRST_QUERY!r}, after opening the code book): "
            f"{figures['first_query_ms']:.1f} ms (CPU {figures['first_query_cpu_ms']:.1f} ms); peak RSS after every "
            f"query: {figures['peak_rss_mb']:.0f} MB"
        )
    if args.slowest:
        out = sys.stderr if args.json else sys.stdout
        shown = {(s, at): o.query for s in chosen for at, o in enumerate(outcomes[s])}
        print(f"\nslowest {args.slowest} in warm CPU time (ms, least over {args.rounds} round(s)):", file=out)
        for key in sorted(least, key=lambda k: -least[k])[: args.slowest]:
            print(f"  {least[key]:8.2f}  {key[0]:<9} {shown[key].id:<8} {shown[key].text!r}", file=out)
    if args.misses:
        out = sys.stderr if args.json else sys.stdout
        for s in chosen:
            missed = [o for o in outcomes[s] if not o.top1]
            print(f"\nmisses in {s} ({len(missed)}; * = right answer in the top 5):", file=out)
            for o in missed:
                q = o.query
                want = q.marker or "|".join(t.code + ("*" if t.mode != "exact" else "") for t in q.targets)
                flag = "*" if o.top5 else " "
                print(
                    f" {flag} {q.id:<6} {q.group:<16} {q.text[:48]!r:<50} want {want[:30]:<30} first {o.first}",
                    file=out,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
