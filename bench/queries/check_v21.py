"""Verify holdout_v21.tsv against the raw official data (FY2027 date of service 2026-11-15).

Written 2026-12-05 by a helper session that read only bench/queries/README.md and the checkers check_v4.py ...
check_v20.py from the project (copied unchanged beside this file and imported as siblings), plus - only to reject
repeats and near-repeats - the `query` column of the earlier query sets.

    python check_v21.py [--data /work/shared/data] [--queries holdout_v21.tsv] [--dos 2026-11-15]
                        [--earlier FILE ...]

Checks inherited from check_v20 (and through it v19 ... v4): ICD-10-CM billable on the DOS in MCE v44 AND in the
FY2027 code list and not deleted by the FY2027 addenda; PCS valid in MCE v44; HCPCS active in the newest I/OCE
quarter; prefixes; CPT/NONE markers only in cpt_or_none with system `any` and no pair; exact header; rationale
present; no duplicate (case/space-folded) query; pair not repeating an expected code; no stray whitespace; system in
cm/pcs/hcpcs/any; DOS in FY2027; per-category minimums (hcpcs and procedure_pcs 40 as set by check_v20,
drug_poisoning 40, others 30), all 14 categories; no category above 42 rows; code shapes; single-code pair; ids unique
and consecutive v21-001, v21-002, ...; >= 480 rows; no query repeating an earlier set; no query at token
Jaccard >= 0.7 with an earlier query (0.6-0.7 reported).
Changed in v21:
- holdout_v20 now counts as an earlier set (22 files: dev_v2, drug_caused, holdout_v3 ... holdout_v20, index_paths
  and bench/queries.tsv), so its queries count for both the exact-repeat and the near-repeat checks.
- THIS_SET = 21 (ids v21-NNN); MIN_TOTAL stays 480; the category cap (42) and the check_v20 minimums are kept.

Exits 0 and prints `ok` when all hold; otherwise prints one PROBLEM line per problem and exits 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

import check_v8
import check_v20  # applies check_v20's settings (minimums, cap); its THIS_SET is overridden below
from check_v5 import run

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "holdout_v21.tsv"
THIS_SET = 21

check_v8.THIS_SET = THIS_SET
check_v8.EARLIER = check_v8._earlier_files()  # recomputed so that holdout_v20 is an earlier set
check_v8.MIN_TOTAL = 480


def v21_problems(rows) -> list[str]:
    return check_v20.v20_problems(rows)


def main() -> int:
    return run("check_v21", QUERIES, "2026-11-15", v21_problems, check_v20.check_v10.report)


if __name__ == "__main__":
    sys.exit(main())
