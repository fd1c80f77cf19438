"""Verify holdout_v10.tsv against the raw official data (FY2027 date of service 2026-11-15).

Written 2026-12-03 by a helper session that read only bench/queries/README.md and the checkers check_v4.py ...
check_v9.py from the project (copied unchanged beside this file and imported as siblings), plus - only to reject
repeats and near-repeats - the `query` column of the earlier query sets.

    python check_v10.py [--data /work/shared/data] [--queries holdout_v10.tsv] [--dos 2026-11-15]
                        [--earlier FILE ...]

Checks inherited from check_v9 (and through it v8 / v7 / v6 / v5 / v4): ICD-10-CM billable on the DOS in MCE v44
AND in the FY2027 code list and not deleted by the FY2027 addenda; PCS valid in MCE v44; HCPCS active in the
newest I/OCE quarter; prefixes; CPT/NONE markers only in cpt_or_none with system `any` and no pair; ids unique and
sequential v10-001...; exact header; rationale present; no duplicate (case/space-folded) query; pair not
repeating an expected code; no stray whitespace; system in cm/pcs/hcpcs/any; DOS in FY2027; per-category
minimums, all 14 categories, >= 540 rows; code shapes; single-code pair; no query repeating an earlier set.
Changed in v10:
- holdout_v9 now counts as an earlier set (10 files);
- near-repeats: no query may have token Jaccard >= 0.7 with any earlier query (tokens = lower-case runs of
  letters/digits); the count of rows at 0.6-0.7 is reported (informational).

Exits 0 and prints `ok` when all hold; otherwise prints one PROBLEM line per problem and exits 1.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import check_v8
import check_v9  # imports check_v8, which consumes --earlier from argv
from check_v5 import run

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "holdout_v10.tsv"
THIS_SET = 10
NEAR = 0.7
NOTE = 0.6

check_v8.THIS_SET = THIS_SET
check_v8.EARLIER = check_v8._earlier_files()  # recomputed so that holdout_v9 is an earlier set

_TOKEN = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> frozenset[str]:
    return frozenset(_TOKEN.findall(text.lower()))


def nearest(rows, earlier: set[str]):
    """(row, best Jaccard, earlier query) for every row, using an inverted index over earlier tokens."""
    etoks = [(q, tokens(q)) for q in earlier]
    inv: dict[str, list[int]] = {}
    for i, (_, t) in enumerate(etoks):
        for w in t:
            inv.setdefault(w, []).append(i)
    out = []
    for r in rows:
        t = tokens(r.get("query", ""))
        best, bq = 0.0, ""
        for i in {i for w in t for i in inv.get(w, ())}:
            q, et = etoks[i]
            j = len(t & et) / len(t | et)
            if j > best:
                best, bq = j, q
        out.append((r, best, bq))
    return out


def near_problems(rows) -> list[str]:
    out = []
    for r, j, q in nearest(rows, check_v8.earlier_queries()):
        if j >= NEAR:
            out.append(f"{r.get('id')}: query {r.get('query')!r} is a near-repeat (Jaccard {j:.2f}) of {q!r}")
    return out


def v10_problems(rows) -> list[str]:
    return check_v9.v9_problems(rows) + near_problems(rows)


def report(rows, official) -> None:
    check_v8.report(rows, official)
    near = nearest(rows, check_v8.earlier_queries())
    mid = sum(NOTE <= j < NEAR for _, j, _ in near)
    top = max((j for _, j, _ in near), default=0.0)
    print(
        f"  near-repeats: Jaccard >= {NEAR}: {sum(j >= NEAR for _, j, _ in near)}; "
        f"{NOTE}-{NEAR}: {mid} (informational); highest {top:.2f}"
    )


def main() -> int:
    return run("check_v10", QUERIES, "2026-11-15", v10_problems, report)


if __name__ == "__main__":
    sys.exit(main())
