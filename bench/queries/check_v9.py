"""Verify holdout_v9.tsv against the raw official data (FY2027 date of service 2026-11-15).

Written 2026-12-03 by a helper session that read only bench/queries/README.md and the checkers check_v4.py ...
check_v8.py from the project (copied beside this file and imported as siblings, the way check_v8 imports
check_v7 ... check_v4), plus - only to reject repeats - the `query` column of the earlier query sets.

    python check_v9.py [--data /work/shared/data] [--queries holdout_v9.tsv] [--dos 2026-11-15]
                       [--earlier FILE ...]

Checks inherited from check_v8 (and through it v7 / v6 / v5 / v4):
- ICD-10-CM: billable on the DOS in the CMS MCE v44 diagnosis master AND in the FY2027 code list and not deleted
  by the official FY2027 addenda; ICD-10-PCS: valid on the DOS in the MCE v44 procedure master; HCPCS Level II:
  active in the newest I/OCE quarter; prefixes match a valid code; CPT/NONE markers only in cpt_or_none with
  system `any` and no pair; ids unique and sequential v9-001...; exact 7-column header; every row has a query
  and a rationale; no duplicate query text (also after case/space folding); a pair may not repeat an expected
  code; no leading/trailing spaces; system in cm/pcs/hcpcs/any; DOS within FY2027;
- per-category minimums (every category >= 30 rows, hcpcs and procedure_pcs >= 45, drug_poisoning >= 40),
  all 14 categories present, at least 540 rows;
- no query repeats (case- and space-insensitively) any query of the earlier sets, the `query` column located
  from each file's header.
Changed in v9:
- holdout_v8 now counts as an earlier set (every bench/queries/*.tsv except holdout_v9 and later, plus
  bench/queries.tsv);
- every expected/pair code must be written in its system's shape (CM dotted after the third character when
  longer than 3; PCS 7 characters; HCPCS 5 characters), and a `pair` must be a single code.

Exits 0 and prints `ok` when all hold; otherwise prints one PROBLEM line per problem and exits 1.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import check_v8  # consumes --earlier from argv before check_v7 is imported
from check_v5 import run

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "holdout_v9.tsv"
THIS_SET = 9

check_v8.THIS_SET = THIS_SET
check_v8.EARLIER = check_v8._earlier_files()  # recomputed so that holdout_v8 is an earlier set

SHAPE = {
    "cm": re.compile(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$"),
    "pcs": re.compile(r"^[0-9A-HJ-NP-Z]{7}$"),
    "hcpcs": re.compile(r"^[A-V][0-9]{4}$"),
}


def shape_problems(rows: list[dict[str, str]]) -> list[str]:
    out = []
    for r in rows:
        system = r.get("system")
        if system not in SHAPE:
            continue
        codes = [e for e in (r.get("expected") or "").split("|") if not e.endswith("*")]
        pair = (r.get("pair") or "").strip()
        if pair:
            if "|" in pair:
                out.append(f"{r.get('id')}: pair {pair!r} is not a single code")
            codes.append(pair)
        for c in codes:
            # a pair may belong to another system (e.g. a CM pair on a PCS row): accept any shape then
            if not SHAPE[system].match(c) and not (c == pair and any(p.match(c) for p in SHAPE.values())):
                out.append(f"{r.get('id')}: code {c!r} is not written in {system} shape")
    return out


def v9_problems(rows: list[dict[str, str]]) -> list[str]:
    return check_v8.v8_problems(rows) + shape_problems(rows)


def main() -> int:
    return run("check_v9", QUERIES, "2026-11-15", v9_problems, check_v8.report)


if __name__ == "__main__":
    sys.exit(main())
