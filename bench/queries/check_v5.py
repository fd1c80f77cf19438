"""Verify every expected and pair code of holdout_v5.tsv against the raw official data (FY2027 date of service).

Written 2026-12-02 by adapting bench/queries/check_v4.py (the only project file read besides
bench/queries/README.md), whose loaders and row checks it reuses. Changes from check_v4: date of service
2026-12-01, ids v5-NNN, HCPCS must be active in the newest I/OCE quarter (no 2020 annual-file fallback), the date
of service must fall in FY2027, a pair may not repeat an expected code.

    python bench/queries/check_v5.py [--data ../shared/data] [--queries bench/queries/holdout_v5.tsv] [--dos 2026-12-01]

Adapted from CodeDesk's bench/queries/check_expected.py (written independently of the product). Checks:
- ICD-10-CM: valid (billable) on the date of service in the CMS MCE v44 diagnosis master AND present in the FY2027
  code list (icd10cm/fy2027/icd10cm_codes_2027_derived.tsv.gz, which is the April 2026 list + official FY2027
  order addenda); as a cross-check the FY2027 addenda must not list the code as deleted;
- ICD-10-PCS: valid on the date of service in the CMS MCE v44 procedure master;
- HCPCS Level II: valid in the newest I/OCE quarterly release (rows whose ioce_hi is the newest version in
  ioce_versions.tsv, i.e. 2026-Q2, not end-dated before the date of service; e.g. J2930 and J0135 fail);
- a prefix expectation (`0SR9*`) matches at least one valid code of its system;
- `CPT` and `NONE` markers stand alone, only in cpt_or_none, with system `any` and no pair;
- ids unique and sequential v5-001..., the header is exactly the 7 columns, every category has >= 25 rows,
  every row has a query and a rationale, no duplicate query text.

Exits 0 when all hold; otherwise prints one line per problem and exits 1 (2 for unusable arguments/files).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from check_v4 import CATEGORIES, COLUMNS, check_rows, load_official, undot
from check_v4 import Official as OfficialV4

HERE = Path(__file__).resolve().parent
# ../shared/data beside the checkout (a worktree under wt/NAME finds it one level further up)
DEFAULT_DATA = next(
    (a / "shared" / "data" for a in HERE.parents if (a / "shared" / "data").is_dir()),
    HERE.parents[2].parent / "shared" / "data",
)
QUERIES = HERE / "holdout_v5.tsv"


@dataclass
class Official(OfficialV4):
    def valid(self, system: str) -> set[str]:
        return (
            self.hcpcs_ioce if system == "hcpcs" else super().valid(system)
        )  # v5: newest I/OCE quarter only


def repeated_pairs(rows: list[dict[str, str]]) -> list[str]:
    """Rows whose pair code is also one of their expected codes."""
    return [
        f"{r['id']} ({r['query']!r}): pair repeats an expected code"
        for r in rows
        if (r.get("pair") or "").strip()
        and r["pair"].strip() in {e.strip() for e in (r.get("expected") or "").split("|")}
    ]


Rows = list[dict[str, str]]


def run(
    prog: str,
    queries: Path,
    default_dos: str,
    extra_problems: Callable[[Rows], list[str]],
    report: Callable[[Rows, Official], None],
) -> int:
    """The command line every FY2027 checker shares: parse arguments, load the official data for the date of
    service, check the rows (v4's row checks, the repeated-pair check, then `extra_problems`), print the counts,
    `report` what the set adds, then the problems and `ok`."""
    parser = argparse.ArgumentParser(
        prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--queries", type=Path, default=queries)
    parser.add_argument("--dos", default=default_dos, help="date of service (FY2027)")
    args = parser.parse_args()
    try:
        dos = date.fromisoformat(args.dos)
    except ValueError as exc:
        print(f"{prog}: bad date: {exc}", file=sys.stderr)
        return 2
    if not (date(2026, 10, 1) <= dos <= date(2027, 9, 30)):
        print(f"{prog}: date of service {dos} is not in FY2027", file=sys.stderr)
        return 2
    if not args.data.is_dir():
        print(f"{prog}: no official data at {args.data}", file=sys.stderr)
        return 2
    with args.queries.open(newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = list(reader)
        header = reader.fieldnames
    official = Official(**asdict(load_official(args.data, dos)))
    problems = [] if header == COLUMNS else [f"header {header} != {COLUMNS}"]
    id_prefix = prog.removeprefix("check_")
    problems += check_rows(rows, official, id_prefix=id_prefix) + repeated_pairs(rows) + extra_problems(rows)
    codes = sum(len(r["expected"].split("|")) + bool((r.get("pair") or "").strip()) for r in rows)
    print(
        f"{len(rows)} queries, {codes} expected/pair codes checked (CM/PCS valid on {dos} in MCE v44 and the "
        f"FY2027 code list; HCPCS active in the newest I/OCE quarter {official.ioce_version}, not ended "
        f"before {dos})"
    )
    for category in CATEGORIES:
        print(f"  {category:<17} {Counter(r['category'] for r in rows)[category]:>4}")
    report(rows, official)
    for problem in problems:
        print(f"PROBLEM {problem}")
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


def _newer_hcpcs(rows: Rows, official: Official) -> None:
    only_ioce = sorted(
        {
            undot(e)
            for r in rows
            if r["system"] == "hcpcs"
            for e in r["expected"].split("|")
            if not e.endswith("*") and undot(e) not in official.hcpcs_2020
        }
    )
    if only_ioce:
        print(f"note (informational): HCPCS codes newer than the 2020 annual file: {', '.join(only_ioce)}")


def main() -> int:
    return run("check_v5", QUERIES, "2026-12-01", lambda rows: [], _newer_hcpcs)


if __name__ == "__main__":
    sys.exit(main())
