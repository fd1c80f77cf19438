"""Verify holdout_v20.tsv against the raw official data (FY2027 date of service 2026-11-15).

Written 2026-12-05 by a helper session that read only bench/queries/README.md and the checkers check_v4.py ...
check_v19.py from the project (copied unchanged beside this file and imported as siblings), plus - only to reject
repeats and near-repeats - the `query` column of the earlier query sets.

    python check_v20.py [--data /work/shared/data] [--queries holdout_v20.tsv] [--dos 2026-11-15]
                        [--earlier FILE ...]

Checks inherited from check_v19 (and through it v18 ... v4): ICD-10-CM billable on the DOS in MCE v44 AND in the
FY2027 code list and not deleted by the FY2027 addenda; PCS valid in MCE v44; HCPCS active in the newest I/OCE
quarter; prefixes; CPT/NONE markers only in cpt_or_none with system `any` and no pair; exact header; rationale
present; no duplicate (case/space-folded) query; pair not repeating an expected code; no stray whitespace; system in
cm/pcs/hcpcs/any; DOS in FY2027; per-category minimums, all 14 categories; code shapes; single-code pair; no query
repeating an earlier set; no query at token Jaccard >= 0.7 with an earlier query (0.6-0.7 reported).
Changed in v20:
- holdout_v19 now counts as an earlier set (21 files: dev_v2, drug_caused, holdout_v3 ... holdout_v19, index_paths
  and bench/queries.tsv), so its queries count for both the exact-repeat and the near-repeat checks.
- ids: back to the exact rule - unique and consecutive v20-001, v20-002, ... (check_v19's gap-tolerant rule dropped).
- MIN_TOTAL 460 -> 480.
- category balance (brief for v20: every category 32-42 rows): the per-category minimums of check_v7 are kept
  except hcpcs and procedure_pcs, lowered 45 -> 40 because a 42-row ceiling cannot meet 45 (drug_poisoning stays 40,
  the others 30); a new check reports any category with more than 42 rows.

Exits 0 and prints `ok` when all hold; otherwise prints one PROBLEM line per problem and exits 1.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import check_v7
import check_v8
import check_v10  # imports check_v9 / check_v8, which consume --earlier from argv
from check_v5 import run

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "holdout_v20.tsv"
THIS_SET = 20
MAX_PER_CATEGORY = 42

check_v8.THIS_SET = THIS_SET
check_v8.EARLIER = check_v8._earlier_files()  # recomputed so that holdout_v19 is an earlier set
check_v8.MIN_TOTAL = 480
# check_v8 imported MINIMUMS by name from check_v7: the same dict object, so updating it in place reaches check_v8.
check_v7.MINIMUMS.update({"hcpcs": 40, "procedure_pcs": 40})


def balance_problems(rows) -> list[str]:
    per = Counter(r.get("category") for r in rows)
    return [
        f"category {c} has {n} rows (> {MAX_PER_CATEGORY})"
        for c, n in sorted(per.items())
        if n > MAX_PER_CATEGORY
    ]


def v20_problems(rows) -> list[str]:
    return check_v10.v10_problems(rows) + balance_problems(rows)


def main() -> int:
    return run("check_v20", QUERIES, "2026-11-15", v20_problems, check_v10.report)


if __name__ == "__main__":
    sys.exit(main())
