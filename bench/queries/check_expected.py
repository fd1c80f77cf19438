"""Verify every expected code of bench/queries/dev_v2.tsv against the raw official data.

    python bench/queries/check_expected.py [--data ../shared/data] [--dos 2026-01-15] [--hcpcs-dos 2020-07-01]

Checks, for every row (expected codes and the optional pair code):
- ICD-10-CM: the code is valid (billable) on the date of service in the CMS MCE v43.1 diagnosis master and is
  in the April 2026 code list;
- ICD-10-PCS: the code is valid on the date of service in the CMS MCE v43.1 procedure master;
- HCPCS Level II: the code is in the CMS 2020 annual file (the release CodeDesk ships; not terminated by
  --hcpcs-dos) or valid on --dos in the I/OCE quarterly file (both are reported);
- a prefix expectation (`0SR9*`, `L18*`) matches at least one such valid code;
- `CPT` and `NONE` markers appear only in the cpt_or_none category, with system `any`;
- ids are unique, every category has at least 20 rows, the set has at least 300, every row has a rationale.

Exits 0 when all hold; otherwise prints one line per problem and exits 1 (2 for unusable arguments/files).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
# ../shared/data beside the checkout (a worktree under wt/NAME finds it one level further up)
DEFAULT_DATA = next(
    (a / "shared" / "data" for a in ROOT.parents if (a / "shared" / "data").is_dir()),
    ROOT.parent / "shared" / "data",
)
QUERIES = HERE / "dev_v2.tsv"

CATEGORIES = (
    "lay",
    "abbreviation",
    "misspelling",
    "chart_phrase",
    "combination",
    "qualifier",
    "injury_encounter",
    "external_cause",
    "procedure_pcs",
    "hcpcs",
    "z_encounter",
    "cpt_or_none",
)
MARKERS = ("CPT", "NONE")
SYSTEM_SHAPES = {
    "cm": re.compile(r"^[A-Z][0-9][0-9A-Z]{1,5}$"),
    "pcs": re.compile(r"^[0-9A-HJ-NP-Z]{1,7}$"),
    "hcpcs": re.compile(r"^[A-V][0-9]{0,4}$"),
}
MIN_PER_CATEGORY = 20
MIN_TOTAL = 300


def undot(code: str) -> str:
    return code.strip().upper().replace(".", "")


def _ymd(text: str) -> date | None:
    text = text.strip()
    return date(int(text[:4]), int(text[4:6]), int(text[6:8])) if text else None


def _valid_on(start: str, end: str, day: date) -> bool:
    s, e = _ymd(start), _ymd(end)
    return (s is None or s <= day) and (e is None or day <= e)


@dataclass
class Official:
    cm_valid: set[str]  # billable ICD-10-CM codes valid on the date of service (MCE)
    cm_listed: set[str]  # April 2026 code list (every level)
    pcs_valid: set[str]
    hcpcs_2020: set[str]  # 2020 annual file, not terminated by the HCPCS date
    hcpcs_ioce: set[str]  # I/OCE Level II codes valid on the date of service

    def valid(self, system: str) -> set[str]:
        if system == "cm":
            return self.cm_valid & self.cm_listed
        if system == "pcs":
            return self.pcs_valid
        return self.hcpcs_2020 | self.hcpcs_ioce


def load_official(data: Path, dos: date, hcpcs_dos: date) -> Official:
    def mce(name: str) -> set[str]:
        with gzip.open(data / "mce" / name, "rt") as handle:
            return {
                r["code"]
                for r in csv.DictReader(handle, delimiter="\t")
                if _valid_on(r["start_date"], r["end_date"], dos)
            }

    with gzip.open(data / "icd10cm" / "codes" / "code-list-April-2026.txt.gz", "rt") as handle:
        listed = {line.strip().upper() for line in handle if line.strip()}
    hcpcs_2020: set[str] = set()
    with gzip.open(data / "hcpcs" / "2020" / "HCPC2020_ANWEB_w_disclaimer.txt.gz", "rb") as raw:
        for line_bytes in raw:
            line = line_bytes.decode("latin-1").rstrip("\r\n")
            if len(line) < 292 or line[10] not in "34":  # 3/4: procedure records (7/8 are modifiers)
                continue
            terminated = _ymd(line[284:292]) if line[284:292].strip().isdigit() else None
            if terminated is None or terminated >= hcpcs_dos:
                hcpcs_2020.add(line[:5].strip())
    with gzip.open(data / "hcpcs" / "ioce" / "ioce_hcpcs_level2_2019Q3-2026Q2.tsv.gz", "rt") as handle:
        ioce = {
            r["code"]
            for r in csv.DictReader(handle, delimiter="\t")
            if _valid_on(r["start_date"], r["end_date"], dos)
        }
    return Official(
        cm_valid=mce("mce_v431_i10dx_master.tsv.gz"),
        cm_listed=listed,
        pcs_valid=mce("mce_v431_i10pcs_master.tsv.gz"),
        hcpcs_2020=hcpcs_2020,
        hcpcs_ioce=ioce,
    )


def check_code(code: str, system: str, official: Official) -> str | None:
    """None when the code (or prefix ending in `*`) is valid in `system`, else why not."""
    prefix = code.endswith("*")
    c = undot(code.rstrip("*"))
    if system not in SYSTEM_SHAPES:
        return f"system {system!r} cannot hold a code (use cm, pcs or hcpcs)"
    if not SYSTEM_SHAPES[system].match(c):
        return f"{code} is not shaped like a {system} code"
    valid = official.valid(system)
    if prefix:
        return None if any(v.startswith(c) for v in valid) else f"no valid {system} code starts with {c}"
    if c in valid:
        return None
    if system == "cm" and c in official.cm_listed:
        return f"{code} is a header or not valid on the date of service (not billable in the MCE)"
    return f"{code} is not a valid {system} code on the date of service"


def check_rows(
    rows: list[dict[str, str]], official: Official, categories: tuple[str, ...] = CATEGORIES
) -> list[str]:
    problems: list[str] = []
    ids = Counter(r["id"] for r in rows)
    problems += [f"id {i} appears {n} times" for i, n in ids.items() if n > 1]
    per_category = Counter(r["category"] for r in rows)
    for category in categories:
        if per_category[category] < MIN_PER_CATEGORY:
            problems.append(f"category {category} has {per_category[category]} rows (< {MIN_PER_CATEGORY})")
    if len(rows) < MIN_TOTAL:
        problems.append(f"{len(rows)} rows (< {MIN_TOTAL})")
    for r in rows:
        where = f"{r['id']} ({r['query']!r})"
        if r["category"] not in categories:
            problems.append(f"{where}: unknown category {r['category']!r}")
        if not r["query"].strip() or not r["rationale"].strip():
            problems.append(f"{where}: empty query or rationale")
        expected = [e.strip() for e in r["expected"].split("|") if e.strip()]
        if not expected:
            problems.append(f"{where}: no expected code")
            continue
        if any(e in MARKERS for e in expected):
            if len(expected) != 1 or r["category"] != "cpt_or_none" or r["system"] != "any" or r["pair"]:
                problems.append(f"{where}: CPT/NONE stands alone, in cpt_or_none, with system any")
            continue
        for code in expected + ([r["pair"]] if r["pair"].strip() else []):
            system = r["system"]
            if code == r["pair"] and system in ("any",):
                system = "cm"
            why = check_code(code, system, official)
            if why:
                problems.append(f"{where}: {why}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the raw official files")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument(
        "--holdout",
        action="store_true",
        help="the held-out set's categories (adds neoplasm and drug_poisoning; cpt_or_none may be smaller)",
    )
    parser.add_argument("--dos", default="2026-01-15", help="date of service for CM, PCS and the I/OCE")
    parser.add_argument("--hcpcs-dos", default="2020-07-01", help="date of service for the 2020 HCPCS file")
    args = parser.parse_args()
    try:
        dos, hcpcs_dos = date.fromisoformat(args.dos), date.fromisoformat(args.hcpcs_dos)
    except ValueError as exc:
        print(f"check_expected: bad date: {exc}", file=sys.stderr)
        return 2
    if not args.data.is_dir():
        print(f"check_expected: no official data at {args.data} (give --data)", file=sys.stderr)
        return 2
    with args.queries.open(newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    official = load_official(args.data, dos, hcpcs_dos)
    categories = (*CATEGORIES, "neoplasm", "drug_poisoning") if args.holdout else CATEGORIES
    problems = check_rows(rows, official, categories)
    if args.holdout:  # its CPT/nonsense category has 17 rows by design (12 CPT, 5 nonsense)
        problems = [p for p in problems if not p.startswith("category cpt_or_none has")]
    hcpcs_only_ioce = sorted(
        {
            undot(e)
            for r in rows
            if r["system"] == "hcpcs"
            for e in r["expected"].split("|")
            if not e.endswith("*") and undot(e) not in official.hcpcs_2020
        }
    )
    not_in_ioce = sorted(
        {
            undot(e)
            for r in rows
            if r["system"] == "hcpcs"
            for e in r["expected"].split("|")
            if not e.endswith("*") and undot(e) not in official.hcpcs_ioce
        }
    )
    codes = sum(len(r["expected"].split("|")) + bool(r["pair"]) for r in rows)
    print(
        f"{len(rows)} queries, {codes} expected codes checked (CM/PCS valid on {dos}, MCE v43.1; HCPCS in the "
        f"2020 annual file on {hcpcs_dos} or the I/OCE on {dos})"
    )
    for category, n in sorted(Counter(r["category"] for r in rows).items()):
        print(f"  {category:<17} {n:>4}")
    if hcpcs_only_ioce:
        print(f"note: HCPCS codes not in the 2020 annual file (I/OCE only): {', '.join(hcpcs_only_ioce)}")
    if not_in_ioce:
        print(
            f"note: HCPCS codes in the 2020 file but not valid in the I/OCE on {dos}: {', '.join(not_in_ioce)}"
        )
    for problem in problems:
        print(f"PROBLEM {problem}")
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
