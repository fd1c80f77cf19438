"""Verify holdout_v26.tsv against the raw official data (FY2027 date of service 2026-11-15).

Written 2026-12-06 by a helper session that read only bench/queries/README.md (top sections, heading list, the
holdout_v25 provenance and review) and the checkers check_v4.py ... check_v25.py from the project (copied unchanged
beside this file and imported as siblings), plus - only to reject repeats and near-repeats - the `query` column of
the earlier query sets and of bench/probes/*.tsv.

    python check_v26.py [--data /work/shared/data] [--queries holdout_v26.tsv] [--dos 2026-11-15]
                        [--earlier FILE ...]

Checks inherited from check_v25 (and through it v24 ... v4): ICD-10-CM billable on the DOS in MCE v44 AND in the
FY2027 code list and not deleted by the FY2027 addenda; PCS valid in MCE v44; HCPCS active in the newest I/OCE
quarter; prefixes; CPT/NONE markers only in cpt_or_none with system `any` and no pair; exact header; rationale
present; no duplicate (case/space-folded) query; pair not repeating an expected code; no stray whitespace; system in
cm/pcs/hcpcs/any; DOS in FY2027; per-category minimums (hcpcs and procedure_pcs 40, drug_poisoning 40, others 30),
all 14 categories; no category above 42 rows; code shapes; single-code pair; ids unique and consecutive v26-001,
v26-002, ...; >= 480 rows; no query repeating an earlier query; no query at token Jaccard >= 0.7 with an earlier
query (0.6-0.7 reported).
Changed in v26:
- holdout_v25 now counts as an earlier set (27 files: dev_v2, drug_caused, holdout_v3 ... holdout_v25, index_paths
  and bench/queries.tsv), so its queries count for both the exact-repeat and the near-repeat checks.
- kept from v22/v23/v24/v25: the query columns of bench/probes/*.tsv also count as earlier queries; they are appended
  to check_v8.EARLIER after it is recomputed with THIS_SET = 26, so every probe file counts. With --earlier FILE ...
  only the files given are used.
- THIS_SET = 26 (ids v26-NNN); MIN_TOTAL stays 480; the category cap (42) and the check_v20 minimums are kept.

Exits 0 and prints `ok` when all hold; otherwise prints one PROBLEM line per problem and exits 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

import check_v8
import check_v25  # applies check_v20's settings through check_v21 ... check_v25; THIS_SET is overridden below
from check_v5 import run

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "holdout_v26.tsv"
THIS_SET = 26


def _probe_files() -> list[Path]:
    """bench/probes/*.tsv of the project (found the way check_v8 finds bench/queries)."""
    if check_v8._EARLIER_ARGS is not None:
        return []
    if HERE.name == "queries" and (HERE.parent / "probes").is_dir():  # committed in the repo's bench/
        return sorted((HERE.parent / "probes").glob("*.tsv"))
    for base in [HERE, *HERE.parents]:
        probes = base / "main" / "bench" / "probes"
        if probes.is_dir():
            return sorted(probes.glob("*.tsv"))
    return []


check_v8.THIS_SET = THIS_SET
check_v8.EARLIER = check_v8._earlier_files()  # recomputed so that holdout_v25 is an earlier set
check_v8.EARLIER += _probe_files()  # fresh probes count as earlier queries too
check_v8.MIN_TOTAL = 480


def v26_problems(rows) -> list[str]:
    return check_v25.v25_problems(rows)


def main() -> int:
    return run(
        "check_v26",
        QUERIES,
        "2026-11-15",
        v26_problems,
        check_v25.check_v24.check_v23.check_v22.check_v21.check_v20.check_v10.report,
    )


if __name__ == "__main__":
    sys.exit(main())
