"""Verify every expected and pair code of holdout_v4.tsv against the raw official data (FY2027 date of service).

    python check_v4.py [--data ../shared/data] [--queries bench/queries/holdout_v4.tsv] [--dos 2026-11-15]

Adapted from CodeDesk's bench/queries/check_expected.py (written independently of the product). Checks:
- ICD-10-CM: valid (billable) on the date of service in the CMS MCE v44 diagnosis master AND present in the FY2027
  code list (icd10cm/fy2027/icd10cm_codes_2027_derived.tsv.gz, which is the April 2026 list + official FY2027
  order addenda); as a cross-check the FY2027 addenda must not list the code as deleted;
- ICD-10-PCS: valid on the date of service in the CMS MCE v44 procedure master;
- HCPCS Level II: valid in the newest I/OCE quarterly release (rows whose ioce_hi is the newest version in
  ioce_versions.tsv, not end-dated before the date of service), or in the CMS 2020 annual file when not
  terminated before the date of service there and not end-dated by the I/OCE (e.g. J2930 and J0135 fail);
- a prefix expectation (`0SR9*`) matches at least one valid code of its system;
- `CPT` and `NONE` markers stand alone, only in cpt_or_none, with system `any` and no pair;
- ids unique and sequential H4-001..., the header is exactly the 7 columns, every category has >= 25 rows,
  every row has a query and a rationale, no duplicate query text.

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
DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"  # ../shared/data beside the checkout
QUERIES = HERE / "holdout_v4.tsv"
COLUMNS = ["id", "category", "query", "expected", "pair", "system", "rationale"]
CATEGORIES = (
    "lay",
    "abbreviation",
    "misspelling",
    "chart_phrase",
    "combination",
    "qualifier",
    "injury_encounter",
    "drug_poisoning",
    "external_cause",
    "neoplasm",
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
MIN_PER_CATEGORY = 25
MIN_TOTAL = 350


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
    cm_valid: set[str]
    cm_fy2027: set[str]
    cm_deleted_2027: set[str]
    pcs_valid: set[str]
    hcpcs_2020: set[str]
    hcpcs_ioce: set[str]
    ioce_version: str

    def valid(self, system: str) -> set[str]:
        if system == "cm":
            return (self.cm_valid & self.cm_fy2027) - self.cm_deleted_2027
        if system == "pcs":
            return self.pcs_valid
        return self.hcpcs_2020 | self.hcpcs_ioce


def load_official(data: Path, dos: date) -> Official:
    def mce(name: str) -> set[str]:
        with gzip.open(data / "mce" / name, "rt") as handle:
            return {
                r["code"]
                for r in csv.DictReader(handle, delimiter="\t")
                if _valid_on(r["start_date"], r["end_date"], dos)
            }

    with gzip.open(data / "icd10cm" / "fy2027" / "icd10cm_codes_2027_derived.tsv.gz", "rt") as handle:
        fy2027 = {line.split("\t", 1)[0].strip().upper() for line in handle if line.strip()}
    deleted: set[str] = set()
    with open(data / "icd10cm" / "fy2027" / "icd10cm_order_addenda_2027.txt", encoding="latin-1") as handle:
        for line in handle:
            if line.startswith("Delete"):
                parts = line.split()
                if len(parts) >= 3:
                    deleted.add(parts[2].upper())
    hcpcs_2020: set[str] = set()
    with gzip.open(data / "hcpcs" / "2020" / "HCPC2020_ANWEB_w_disclaimer.txt.gz", "rb") as raw:
        for line_bytes in raw:
            line = line_bytes.decode("latin-1").rstrip("\r\n")
            if len(line) < 292 or line[10] not in "34":  # 3/4: procedure records (7/8 are modifiers)
                continue
            term = line[284:292]
            terminated = _ymd(term) if term.strip().isdigit() else None
            if terminated is None or terminated >= dos:
                hcpcs_2020.add(line[:5].strip())
    with open(data / "hcpcs" / "ioce" / "ioce_versions.tsv") as handle:
        versions = [row.split("\t") for row in handle if row.strip()]
    newest = max((v for v in versions if v[0].strip().isdigit()), key=lambda v: int(v[0]))[1].strip()
    ioce: set[str] = set()
    ioce_seen: set[str] = set()
    with gzip.open(data / "hcpcs" / "ioce" / "ioce_hcpcs_level2_2019Q3-2026Q2.tsv.gz", "rt") as handle:
        for r in csv.DictReader(handle, delimiter="\t"):
            ioce_seen.add(r["code"])
            if r["ioce_hi"].strip() == newest and (not r["end_date"].strip() or _ymd(r["end_date"]) >= dos):
                ioce.add(r["code"])
    # a 2020 annual-file code that the I/OCE carries but end-dates before the date of service is end-dated:
    # the 2020 file cannot show terminations made after 2020, so the I/OCE's end date wins
    hcpcs_2020 -= ioce_seen - ioce
    return Official(
        cm_valid=mce("mce_v44_i10dx_master.tsv.gz"),
        cm_fy2027=fy2027,
        cm_deleted_2027=deleted,
        pcs_valid=mce("mce_v44_i10pcs_master.tsv.gz"),
        hcpcs_2020=hcpcs_2020,
        hcpcs_ioce=ioce,
        ioce_version=newest,
    )


def check_code(code: str, system: str, official: Official) -> str | None:
    prefix = code.endswith("*")
    c = undot(code.rstrip("*"))
    if system not in SYSTEM_SHAPES:
        return f"system {system!r} cannot hold a code (use cm, pcs or hcpcs)"
    if not SYSTEM_SHAPES[system].match(c):
        return f"{code} is not shaped like a {system} code"
    if system == "cm" and not prefix and "." not in code and len(c) > 3:
        return f"{code}: write ICD-10-CM codes dotted"
    valid = official.valid(system)
    if prefix:
        return None if any(v.startswith(c) for v in valid) else f"no valid {system} code starts with {c}"
    if c in valid:
        return None
    return f"{code} is not a valid (billable) {system} code on the date of service"


def check_rows(rows: list[dict[str, str]], official: Official, id_prefix: str = "H4") -> list[str]:
    problems: list[str] = []
    ids = Counter(r["id"] for r in rows)
    problems += [f"id {i} appears {n} times" for i, n in ids.items() if n > 1]
    for n, r in enumerate(rows, 1):
        if r["id"] != f"{id_prefix}-{n:03d}":
            problems.append(f"row {n}: id {r['id']!r} (expected {id_prefix}-{n:03d})")
    queries = Counter(r["query"].strip().lower() for r in rows)
    problems += [f"query {q!r} appears {n} times" for q, n in queries.items() if n > 1]
    per_category = Counter(r["category"] for r in rows)
    for category in CATEGORIES:
        if per_category[category] < MIN_PER_CATEGORY:
            problems.append(f"category {category} has {per_category[category]} rows (< {MIN_PER_CATEGORY})")
    if len(rows) < MIN_TOTAL:
        problems.append(f"{len(rows)} rows (< {MIN_TOTAL})")
    for r in rows:
        where = f"{r['id']} ({r['query']!r})"
        if None in r or any(v is None for v in r.values()):
            problems.append(f"{where}: wrong number of columns")
            continue
        if r["category"] not in CATEGORIES:
            problems.append(f"{where}: unknown category {r['category']!r}")
        if not r["query"].strip() or not r["rationale"].strip():
            problems.append(f"{where}: empty query or rationale")
        expected = [e.strip() for e in r["expected"].split("|") if e.strip()]
        if not expected:
            problems.append(f"{where}: no expected code")
            continue
        if len(set(expected)) != len(expected):
            problems.append(f"{where}: repeated expected code")
        if any(e in MARKERS for e in expected):
            if len(expected) != 1 or r["category"] != "cpt_or_none" or r["system"] != "any" or r["pair"]:
                problems.append(f"{where}: CPT/NONE stands alone, in cpt_or_none, with system any")
            continue
        if r["system"] not in SYSTEM_SHAPES:
            problems.append(f"{where}: system {r['system']!r} (cm, pcs, hcpcs; any only for markers)")
            continue
        for code in expected:
            why = check_code(code, r["system"], official)
            if why:
                problems.append(f"{where}: {why}")
        if r["pair"].strip():
            pair = r["pair"].strip()
            # a pair code is a CM code unless shaped otherwise (e.g. a PCS/HCPCS add-on)
            psys = "cm" if SYSTEM_SHAPES["cm"].match(undot(pair)) and not pair[0].isdigit() else r["system"]
            why = check_code(pair, psys, official)
            if why:
                problems.append(f"{where}: pair {why}")
    return problems


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
        print(f"check_v4: bad date: {exc}", file=sys.stderr)
        return 2
    if not args.data.is_dir():
        print(f"check_v4: no official data at {args.data}", file=sys.stderr)
        return 2
    with args.queries.open(newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = list(reader)
        header = reader.fieldnames
    official = load_official(args.data, dos)
    problems = [] if header == COLUMNS else [f"header {header} != {COLUMNS}"]
    problems += check_rows(rows, official)
    codes = sum(len(r["expected"].split("|")) + bool((r.get("pair") or "").strip()) for r in rows)
    print(
        f"{len(rows)} queries, {codes} expected/pair codes checked (CM/PCS valid on {dos} in MCE v44 and the "
        f"FY2027 code list; HCPCS valid in I/OCE {official.ioce_version} or the 2020 annual file, not ended "
        f"before {dos})"
    )
    for category in CATEGORIES:
        print(f"  {category:<17} {Counter(r['category'] for r in rows)[category]:>4}")
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
        print(f"note: HCPCS codes not in the 2020 annual file (I/OCE only): {', '.join(only_ioce)}")
    for problem in problems:
        print(f"PROBLEM {problem}")
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
