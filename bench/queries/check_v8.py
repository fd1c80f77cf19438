"""Verify holdout_v8.tsv against the raw official data (FY2027 date of service 2026-11-15).

Written 2026-12-03 by a helper session that read only bench/queries/README.md and the checkers check_v4.py,
check_v5.py, check_v6.py and check_v7.py from the project (copied beside this file and imported as siblings, the
way check_v7 imports check_v6/check_v5/check_v4), plus - only to reject repeats - the `query` column of the
earlier query sets.

    python check_v8.py [--data /work/shared/data] [--queries holdout_v8.tsv] [--dos 2026-11-15]
                       [--earlier FILE ...]

Checks inherited from check_v7 / check_v6 / check_v5 / check_v4:
- ICD-10-CM: billable on the DOS in the CMS MCE v44 diagnosis master AND in the FY2027 code list and not deleted
  by the official FY2027 addenda; ICD-10-PCS: valid on the DOS in the MCE v44 procedure master; HCPCS Level II:
  active in the newest I/OCE quarter; prefixes match a valid code; CPT/NONE markers only in cpt_or_none with
  system `any` and no pair; ids unique and sequential v8-001...; exact 7-column header; every row has a query
  and a rationale; no duplicate query text; a pair may not repeat an expected code; no leading/trailing spaces;
  system in cm/pcs/hcpcs/any; DOS within FY2027;
- per-category minimums (every category >= 30 rows, hcpcs and procedure_pcs >= 45, drug_poisoning >= 40),
  all 14 categories present, no duplicate query after case/space folding;
- no query repeats (case- and space-insensitively) any query of the earlier sets.
Changed in v8:
- the earlier sets are every bench/queries/*.tsv except holdout_v8 and later (so holdout_v7 now counts as an
  earlier set) plus bench/queries.tsv; the query column is found from each file's header (`query`), not assumed
  to be the third column (bench/queries.tsv has `category, query, expected`: check_v7 read its `expected`
  column there). A `.txt` file given with --earlier is read as a folded list, one query a line;
- at least 540 rows.

Exits 0 and prints `ok` when all hold; otherwise prints one PROBLEM line per problem and exits 1.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path


def _take_earlier_args() -> list[Path] | None:
    """--earlier FILE ... removed from argv before check_v7 (which also looks for it) is imported."""
    if "--earlier" not in sys.argv:
        return None
    i = sys.argv.index("--earlier")
    j = i + 1
    files = []
    while j < len(sys.argv) and not sys.argv[j].startswith("--"):
        files.append(Path(sys.argv[j]))
        j += 1
    del sys.argv[i:j]
    return files


_EARLIER_ARGS = _take_earlier_args()

import check_v4  # noqa: E402
from check_v5 import run  # noqa: E402
from check_v6 import _by_system, whitespace_problems  # noqa: E402
from check_v7 import DEFAULT_MIN, MINIMUMS, fold  # noqa: E402

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "holdout_v8.tsv"
MIN_TOTAL = 540
THIS_SET = 8


def _before_this(folder: Path) -> list[Path]:
    later = re.compile(r"holdout_v(\d+)")
    return sorted(
        f for f in folder.glob("*.tsv") if not ((m := later.match(f.name)) and int(m.group(1)) >= THIS_SET)
    )


def _earlier_files() -> list[Path]:
    if _EARLIER_ARGS is not None:
        return _EARLIER_ARGS
    if HERE.name == "queries" and (HERE.parent / "queries.tsv").is_file():  # committed in the repo's bench/
        return [*_before_this(HERE), HERE.parent / "queries.tsv"]
    for base in [HERE, *HERE.parents]:
        bench = base / "main" / "bench"
        if (bench / "queries").is_dir():
            return [*_before_this(bench / "queries"), bench / "queries.tsv"]
    return []


EARLIER = _earlier_files()


def earlier_queries() -> set[str]:
    """The folded `query` column of every earlier set (column located by the header line)."""
    out: set[str] = set()
    for f in EARLIER:
        if not f.is_file():
            continue
        with f.open(newline="") as h:
            if f.suffix == ".txt":
                out.update(fold(line) for line in h if line.strip())
                continue
            col = None
            for line in h:
                if line.startswith("#") or not line.strip():
                    continue
                cells = line.rstrip("\r\n").split("\t")
                if col is None:
                    col = cells.index("query") if "query" in cells else 2
                    if "query" in cells:
                        continue
                if len(cells) > col:
                    out.add(fold(cells[col]))
    out.discard("query")
    out.discard("")
    return out


def v8_problems(rows: list[dict[str, str]]) -> list[str]:
    problems = whitespace_problems(rows)
    per = Counter(r.get("category") for r in rows)
    for category in check_v4.CATEGORIES:
        need = MINIMUMS.get(category, DEFAULT_MIN)
        if per[category] < need:
            problems.append(f"category {category} has {per[category]} rows (< {need})")
    if len(rows) < MIN_TOTAL:
        problems.append(f"{len(rows)} rows (< {MIN_TOTAL})")
    folded = Counter(fold(r.get("query", "")) for r in rows)
    problems += [f"query {q!r} appears {n} times (case/space-folded)" for q, n in folded.items() if n > 1]
    earlier = earlier_queries()
    if not earlier:
        problems.append("no earlier query sets found (give --earlier FILE ...)")
    for r in rows:
        if fold(r.get("query", "")) in earlier:
            problems.append(f"{r.get('id')}: query {r.get('query')!r} repeats a query of an earlier set")
    return problems


def report(rows, official) -> None:
    _by_system(rows, official)
    pairs = sum(bool((r.get("pair") or "").strip()) for r in rows)
    multi = sum("|" in (r.get("expected") or "") for r in rows)
    markers = Counter(r["expected"] for r in rows if r.get("expected") in ("CPT", "NONE"))
    print(
        f"  rows with a pair: {pairs}; rows with alternatives (|): {multi}; "
        f"markers: CPT {markers['CPT']}, NONE {markers['NONE']}"
    )
    print(f"  earlier-set queries compared: {len(earlier_queries())} distinct, from {len(EARLIER)} file(s)")


def main() -> int:
    return run("check_v8", QUERIES, "2026-11-15", v8_problems, report)


if __name__ == "__main__":
    sys.exit(main())
