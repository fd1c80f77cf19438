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

import argparse
import csv
import sys
from collections import Counter
from dataclasses import asdict
from datetime import date
from pathlib import Path

from check_v4 import CATEGORIES, COLUMNS, check_rows, load_official
from check_v5 import Official, repeated_pairs

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


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--dos", default="2026-11-15", help="date of service (FY2027)")
    args = parser.parse_args()
    try:
        dos = date.fromisoformat(args.dos)
    except ValueError as exc:
        print(f"check_v6: bad date: {exc}", file=sys.stderr)
        return 2
    if not (date(2026, 10, 1) <= dos <= date(2027, 9, 30)):
        print(f"check_v6: date of service {dos} is not in FY2027", file=sys.stderr)
        return 2
    if not args.data.is_dir():
        print(f"check_v6: no official data at {args.data}", file=sys.stderr)
        return 2
    with args.queries.open(newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = list(reader)
        header = reader.fieldnames
    official = Official(**asdict(load_official(args.data, dos)))
    problems = [] if header == COLUMNS else [f"header {header} != {COLUMNS}"]
    problems += check_rows(rows, official, id_prefix="v6") + repeated_pairs(rows) + whitespace_problems(rows)
    codes = sum(len(r["expected"].split("|")) + bool((r.get("pair") or "").strip()) for r in rows)
    print(
        f"{len(rows)} queries, {codes} expected/pair codes checked (CM/PCS valid on {dos} in MCE v44 and the "
        f"FY2027 code list; HCPCS active in the newest I/OCE quarter {official.ioce_version}, not ended "
        f"before {dos})"
    )
    per = Counter(r["category"] for r in rows)
    for category in CATEGORIES:
        print(f"  {category:<17} {per[category]:>4}")
    print(
        "  by system: " + ", ".join(f"{s} {n}" for s, n in sorted(Counter(r["system"] for r in rows).items()))
    )
    for problem in problems:
        print(f"PROBLEM {problem}")
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
