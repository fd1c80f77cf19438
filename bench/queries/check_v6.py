"""Verify every expected and pair code of holdout_v6.tsv against the raw official data (FY2027 date of service).

Written 2026-12-02 by a helper session that read only bench/queries/README.md, check_v4.py and check_v5.py from
the project; it reuses their loaders and row checks (imported as siblings, the way check_v5 imports check_v4).
Changes from check_v5: ids v6-NNN, default date of service 2026-11-15, and one extra rule: no cell may carry
leading/trailing whitespace and `system` must be one of cm/pcs/hcpcs/any.

    python check_v6.py [--data /work/shared/data] [--queries holdout_v6.tsv] [--dos 2026-11-15]

Checks (inherited):
- ICD-10-CM: valid (billable) on the DOS in the CMS MCE v44 diagnosis master AND in the FY2027 code list
  (icd10cm_codes_2027_derived.tsv.gz) and not deleted by the official FY2027 addenda;
- ICD-10-PCS: valid on the DOS in the CMS MCE v44 procedure master;
- HCPCS Level II: active in the newest I/OCE quarter (no 2020 annual-file fallback);
- a prefix expectation (`0SR9*`) matches at least one valid code of its system;
- `CPT` / `NONE` stand alone, only in cpt_or_none, with system `any` and no pair;
- ids unique and sequential v6-001..., exact 7-column header, >= 25 rows per category, every row has a query
  and a rationale, no duplicate query text (case-insensitive), a pair may not repeat an expected code, the DOS
  must fall in FY2027.

Exits 0 when all hold; otherwise prints one line per problem and exits 1 (2 for unusable arguments/files).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from check_v5 import Official, run

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = next(
    (a / "shared" / "data" for a in HERE.parents if (a / "shared" / "data").is_dir()),
    HERE.parents[2].parent / "shared" / "data",
)
QUERIES = HERE / "holdout_v6.tsv"


def whitespace_problems(rows: list[dict[str, str]]) -> list[str]:
    """Cells with leading/trailing spaces or a system that is not one of cm/pcs/hcpcs/any."""
    out = []
    for r in rows:
        for k, v in r.items():
            if isinstance(v, str) and v != v.strip():
                out.append(f"{r.get('id')}: column {k} has leading/trailing whitespace")
        if r.get("system") not in ("cm", "pcs", "hcpcs", "any"):
            out.append(f"{r.get('id')}: system {r.get('system')!r}")
    return out


def _by_system(rows: list[dict[str, str]], official: Official) -> None:
    print(
        "  by system: " + ", ".join(f"{s} {n}" for s, n in sorted(Counter(r["system"] for r in rows).items()))
    )


def main() -> int:
    return run("check_v6", QUERIES, "2026-11-15", whitespace_problems, _by_system)


if __name__ == "__main__":
    sys.exit(main())
