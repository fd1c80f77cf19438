"""Drug stories: a poisoning, adverse effect or underdosing told in words, generated from the Drug Table.

    python bench/drug_stories.py --codes-db PATH [--data ../shared/data] [--seed 20269] [--substances 120]
                                 [--misses] [--everyday]

For a seeded sample of the Table of Drugs and Chemicals' main substances (one-word and two-word names as
printed, non-essential modifiers dropped), each column that has a code (poisoning accidental, intentional
self-harm, assault, undetermined, adverse effect, underdosing) is told as a story in several phrasings
("took too many {d} by mistake", "overdosed on {d} on purpose", "side effect of {d}", "ran out of {d}") with
no encounter said. Right = the column's code completed with the initial encounter (7th character A); top-1
and top-5 per column are printed, overall and per column. A Table code the current Tabular has subdivided
(T52.8X1) is expected as the subdivision's "other" line (T52.891). No vocabulary can game it: the substances are the
Table's own, sampled at random.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.lookups.codebook import CodeBook  # noqa: E402
from bot.lookups.errors import QueryError  # noqa: E402
from bot.lookups.index.completion import expanded_placeholder  # noqa: E402
from bot.lookups.search import find_codes  # noqa: E402

DEFAULT_DATA = next(
    (a / "shared" / "data" for a in ROOT.parents if (a / "shared" / "data").is_dir()),
    ROOT.parent / "shared" / "data",
)
TABLE = Path("icd10cm") / "tables" / "ICD10CM_2025_Drugs.csv.gz"
# The story phrasings of each column ({d}: the substance as a coder would type it).
STORIES: dict[str, tuple[str, ...]] = {
    "PoisoningAccidental": (
        "accidental overdose of {d}",
        "took too many {d} by mistake",
        "accidentally swallowed {d}",
        "{d} poisoning accidental",
    ),
    "PoisoningIntentionalSelfHarm": (
        "intentional overdose of {d}",
        "suicide attempt with {d}",
        "overdosed on {d} on purpose",
        "{d} poisoning self harm",
    ),
    "PoisoningAssault": (
        "{d} poisoning assault",
        "poisoned with {d} by someone else",
        "assault by {d} poisoning",
    ),
    "PoisoningUndetermined": (
        "{d} poisoning undetermined intent",
        "{d} overdose intent undetermined",
    ),
    "AdverseEffect": (
        "side effect of {d}",
        "adverse reaction to {d} taken as prescribed",
        "{d} adverse effect correct dose",
    ),
    "Underdosing": (
        "missed doses of {d}",
        "ran out of {d}",
        "underdosing of {d}",
        "patient stopped taking {d}",
    ),
}
# `--everyday`: the same columns told as patients, families and front desks tell them - a third person
# drugging someone or spiking their food, the patient stretching a drug, an intent said to be unknown, an
# overdose called deliberate (no adverse effect: told in everyday words, it names its reaction, coded first).
EVERYDAY: dict[str, tuple[str, ...]] = {
    "PoisoningAccidental": ("grandson got into the {d} by accident", "took an extra {d} by mistake"),
    "PoisoningIntentionalSelfHarm": ("deliberate overdose of {d}", "took a bunch of {d} to hurt herself"),
    "PoisoningAssault": (
        "someone drugged him with {d}",
        "her boyfriend slipped {d} into her drink",
        "coworker put {d} in his coffee to poison him",
    ),
    "PoisoningUndetermined": (
        "{d} overdose, not sure if it was on purpose",
        "overdosed on {d}, unclear if intentional",
    ),
    "Underdosing": (
        "only taking {d} every other day to make it last",
        "didnt take his {d} like he was supposed to",
        "cutting her {d} pills in half",
    ),
}
UNSPECIFIED = re.compile(r"\b(?:NEC|NOS)\b")  # "Drug NEC": the Table's catch-all, not a name a coder types
NAME = re.compile(r"^[A-Za-z][A-Za-z-]+(?: [A-Za-z][A-Za-z-]+)?$")  # one or two plain words


def substances(data: Path) -> list[tuple[str, dict[str, str]]]:
    """The Table's main substances with plain names, and their column codes ("--" left out)."""
    with gzip.open(data / TABLE, "rt", encoding="utf-8") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read())))
    out: list[tuple[str, dict[str, str]]] = []
    for row in rows:
        name = row["Term"].strip()
        if row["Level"] != "0" or row["SeeAlso"] or not NAME.match(name) or UNSPECIFIED.search(name):
            continue
        codes = {c: row[c].strip() for c in STORIES if re.match(r"^T\d", row[c].strip())}
        if codes:
            out.append((name.lower(), codes))
    return out


def stories(
    data: Path, seed: int, count: int, phrasings: dict[str, tuple[str, ...]] = STORIES
) -> list[tuple[str, str, str]]:
    """(query, column, expected code undotted with 7th character A) for a seeded sample of substances."""
    rng = random.Random(seed)
    pool = substances(data)
    chosen = rng.sample(pool, min(count, len(pool)))
    out: list[tuple[str, str, str]] = []
    for name, codes in chosen:
        for column, code in codes.items():
            if column not in phrasings:
                continue
            template = rng.choice(phrasings[column])
            out.append((template.format(d=name), column, code.replace(".", "").ljust(6, "X") + "A"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--codes-db", required=True)
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--seed", type=int, default=20269)
    parser.add_argument("--substances", type=int, default=120)
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--everyday", action="store_true", help="the columns told in everyday words")
    args = parser.parse_args(argv)
    book = CodeBook.open(args.codes_db)
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    memo: dict[object, object] = {}
    phrasings = EVERYDAY if args.everyday else STORIES
    for query, column, printed in stories(Path(args.data), args.seed, args.substances, phrasings):
        # The 2025 Table's code read in the current Tabular (T52.8X1 -> T52.891: completion.expanded_placeholder).
        lost = (
            book.db.conn.execute(
                "SELECT 1 FROM codes WHERE system = 'cm' AND current = 1 AND code = ?", [printed]
            ).fetchone()
            is None
        )
        newer = expanded_placeholder(book.db.conn, printed[:-1], memo) if lost else None
        expected = newer + printed[-1] if newer else printed
        try:
            hits = find_codes(book, query, limit=5)
        except QueryError:
            hits = []  # type: ignore[assignment]
        codes = [h.code.replace(".", "") for h in hits]
        rank = codes.index(expected) + 1 if expected in codes else None
        for key in (column, "all"):
            tally[key][0] += 1
            tally[key][1] += rank == 1
            tally[key][2] += rank is not None
        if args.misses and rank != 1:
            print(f"MISS {column}: {query!r} expected {expected}, got {codes[:3]} (rank {rank})")
    for key in [*STORIES, "all"]:
        n, top1, top5 = tally[key]
        if n:
            print(f"{key:30} n={n:4}  top-1 {top1 / n:6.1%}  top-5 {top5 / n:6.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
