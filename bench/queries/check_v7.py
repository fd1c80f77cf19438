"""Verify holdout_v7.tsv against the raw official data (FY2027 date of service 2026-11-15).

Written 2026-12-02 by a helper session that read only bench/queries/README.md, check_v4.py, check_v5.py and
check_v6.py from the project (copied beside this file and imported as siblings, the way check_v6 imports
check_v5), plus - only to avoid repeating them - the `query` column of the earlier query sets.

    python check_v7.py [--data /work/shared/data] [--queries holdout_v7.tsv] [--dos 2026-11-15]

Checks inherited from check_v6 / check_v5 / check_v4:
- ICD-10-CM: billable on the DOS in the CMS MCE v44 diagnosis master AND in the FY2027 code list and not deleted
  by the official FY2027 addenda; ICD-10-PCS: valid on the DOS in the MCE v44 procedure master; HCPCS Level II:
  active in the newest I/OCE quarter; prefixes match a valid code; CPT/NONE markers only in cpt_or_none with
  system `any` and no pair; ids unique and sequential v7-001...; exact 7-column header; every row has a query
  and a rationale; no duplicate query text; a pair may not repeat an expected code; no leading/trailing spaces;
  system in cm/pcs/hcpcs/any.
Added in v7:
- per-category minimums: every category >= 30 rows, hcpcs and procedure_pcs >= 45, drug_poisoning >= 40;
- every one of the 14 categories present; no duplicate query after case/space folding;
- no query repeats (case- and space-insensitively) any query in the `query` column of the earlier sets
  (bench/queries/*.tsv and bench/queries.tsv, found by walking up from this file to a `main/bench` folder, or
  given with --earlier FILE ...; the folded list may also be given as a text file, one query a line).

Exits 0 and prints `ok` when all hold; otherwise prints one PROBLEM line per problem and exits 1.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import check_v4
from check_v5 import run
from check_v6 import _by_system, whitespace_problems

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "holdout_v7.tsv"
MINIMUMS = {"hcpcs": 45, "procedure_pcs": 45, "drug_poisoning": 40}
DEFAULT_MIN = 30


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").strip().lower())


def _earlier_files() -> list[Path]:
    """Earlier query sets: --earlier FILE... on the command line (removed before argparse sees it), else the
    bench folder of the main checkout found from this file's location (/work/main/bench)."""
    if "--earlier" in sys.argv:
        i = sys.argv.index("--earlier")
        files = []
        j = i + 1
        while j < len(sys.argv) and not sys.argv[j].startswith("--"):
            files.append(Path(sys.argv[j]))
            j += 1
        del sys.argv[i:j]
        return files
    if HERE.name == "queries" and (HERE.parent / "queries.tsv").is_file():  # committed in the repo's bench/
        return [*_before_v7(HERE), HERE.parent / "queries.tsv"]
    for base in [HERE, *HERE.parents]:
        bench = base / "main" / "bench"
        if (bench / "queries").is_dir():
            return [*_before_v7(bench / "queries"), bench / "queries.tsv"]
    return []


def _before_v7(folder: Path) -> list[Path]:
    """The sets written before this one: holdout_v7 itself and any later holdout_vN are not earlier sets."""
    later = re.compile(r"holdout_v(\d+)")
    return sorted(
        f for f in folder.glob("*.tsv") if not ((m := later.match(f.name)) and int(m.group(1)) >= 7)
    )


EARLIER = _earlier_files()


def earlier_queries() -> set[str]:
    out: set[str] = set()
    for f in EARLIER:
        if not f.is_file():
            continue
        with f.open(newline="") as h:
            if f.suffix == ".txt":
                out.update(fold(line) for line in h if line.strip())
                continue
            for line in h:
                if line.startswith("#"):
                    continue
                cells = line.rstrip("\n").split("\t")
                if len(cells) >= 3:
                    out.add(fold(cells[2]))
    out.discard("query")
    return out


def v7_problems(rows: list[dict[str, str]]) -> list[str]:
    problems = whitespace_problems(rows)
    per = Counter(r.get("category") for r in rows)
    for category in check_v4.CATEGORIES:
        need = MINIMUMS.get(category, DEFAULT_MIN)
        if per[category] < need:
            problems.append(f"category {category} has {per[category]} rows (< {need})")
    folded = Counter(fold(r.get("query", "")) for r in rows)
    problems += [f"query {q!r} appears {n} times (case/space-folded)" for q, n in folded.items() if n > 1]
    earlier = earlier_queries()
    if not earlier:
        problems.append("no earlier query sets found (give --earlier FILE ...)")
    for r in rows:
        if fold(r.get("query", "")) in earlier:
            problems.append(f"{r.get('id')}: query {r.get('query')!r} repeats a query of an earlier set")
    return problems


def report(rows, official) -> None:
    _by_system(rows, official)
    print(f"  earlier-set queries compared: {len(earlier_queries())} distinct, from {len(EARLIER)} file(s)")


def main() -> int:
    return run("check_v7", QUERIES, "2026-11-15", v7_problems, report)


if __name__ == "__main__":
    sys.exit(main())
