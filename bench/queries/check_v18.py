"""Verify holdout_v18.tsv against the raw official data (FY2027 date of service 2026-11-15).

Written 2026-12-05 by a helper session that read only bench/queries/README.md and the checkers check_v4.py ...
check_v17.py from the project (copied unchanged beside this file and imported as siblings), plus - only to reject
repeats and near-repeats - the `query` column of the earlier query sets.

    python check_v18.py [--data /work/shared/data] [--queries holdout_v18.tsv] [--dos 2026-11-15]
                        [--earlier FILE ...]

Checks inherited from check_v17 (and through it v16 / v15 / v14 / v13 / v12 / v11 / v10 / v9 / v8 / v7 / v6 / v5 / v4):
ICD-10-CM billable on the DOS in MCE v44 AND in the FY2027 code list and not deleted by the FY2027 addenda; PCS valid
in MCE v44; HCPCS active in the newest I/OCE quarter; prefixes; CPT/NONE markers only in cpt_or_none with system
`any` and no pair; ids unique and sequential v18-001...; exact header; rationale present; no duplicate
(case/space-folded) query; pair not repeating an expected code; no stray whitespace; system in cm/pcs/hcpcs/any; DOS
in FY2027; per-category minimums, all 14 categories, >= 540 rows; code shapes; single-code pair; no query repeating
an earlier set; no query at token Jaccard >= 0.7 with an earlier query (0.6-0.7 reported).
Changed in v18:
- holdout_v17 now counts as an earlier set (18 files: dev_v2, holdout_v3 ... holdout_v17, index_paths and
  bench/queries.tsv), so its queries count for both the exact-repeat and the near-repeat checks.

Exits 0 and prints `ok` when all hold; otherwise prints one PROBLEM line per problem and exits 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

import check_v8
import check_v10  # imports check_v9 / check_v8, which consume --earlier from argv
from check_v5 import run

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "holdout_v18.tsv"
THIS_SET = 18

check_v8.THIS_SET = THIS_SET
check_v8.EARLIER = check_v8._earlier_files()  # recomputed so that holdout_v17 is an earlier set


def v18_problems(rows) -> list[str]:
    return check_v10.v10_problems(rows)


def main() -> int:
    return run("check_v18", QUERIES, "2026-11-15", v18_problems, check_v10.report)


if __name__ == "__main__":
    sys.exit(main())
