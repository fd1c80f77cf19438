"""Procedures said with their reason, generated from the ICD-10-PCS Index.

    python bench/procedure_reasons.py --codes-db PATH

For every one-word ICD-10-PCS Index main term that sends to a root operation with a body part ("Appendectomy ->
see Resection, Appendix"), and whose lookup alone answers with an ICD-10-PCS code first: the term said with a
reason ("<term> for morbid obesity", "... for gallstones", "... for chronic osteomyelitis", "... for malignant
neoplasm") should still answer with an ICD-10-PCS code first, and the term said as a status or a history
("status post <term>", "history of <term>") with an ICD-10-CM code first. Prints both shares.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.lookups.codebook import CodeBook  # noqa: E402
from bot.lookups.search import find_codes  # noqa: E402

REASONS = ("morbid obesity", "gallstones", "chronic osteomyelitis", "malignant neoplasm")
STATUSES = ("status post", "history of")


def _first_system(book: CodeBook, query: str) -> str:
    hits = find_codes(book, query, limit=1)
    return hits[0].system if hits else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codes-db", required=True)
    args = parser.parse_args()
    book = CodeBook.open(args.codes_db)
    rows = book.db.execute(
        "SELECT term FROM index_nodes WHERE book = 'pcs' AND depth = 0 AND see LIKE '%,%=%' AND term NOT LIKE '% %'"
    ).fetchall()
    terms = [str(t).lower() for (t,) in rows if _first_system(book, str(t).lower()) == "ICD-10-PCS"]
    reasons = sum(_first_system(book, f"{t} for {r}") == "ICD-10-PCS" for t in terms for r in REASONS)
    statuses = sum(_first_system(book, f"{s} {t}") == "ICD-10-CM" for t in terms for s in STATUSES)
    print(f"{len(rows)} procedure main terms, {len(terms)} answered with a PCS code alone")
    print(f"'<term> for <reason>': PCS first {reasons}/{len(terms) * len(REASONS)}")
    print(f"'status post|history of <term>': CM first {statuses}/{len(terms) * len(STATUSES)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
