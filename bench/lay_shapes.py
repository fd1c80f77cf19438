"""Generated check: Index lines said with a patient's verb in place of the Index's noun.

    python bench/lay_shapes.py --codes-db PATH [--seed 2122] [--per-shape 40] [--misses]

A patient does not say the Index's main term when it is a noun of position or time; she says what the part does:
"Prolapse, bladder" is "feels like my bladder is falling out", "Torsion, testis" is "my testicle got twisted",
"Dislocation, recurrent, shoulder" is "my shoulder keeps popping out of joint", "Instability, joint, ankle" is
"my ankle keeps giving out", "Absence, nipple, congenital" is "my baby was born without a nipple" and a line's
"recurrent" subterm is "keeps coming back". Each shape is filled with a seeded sample of the ICD-10-CM Index
lines under its main term (bot/lookups/data/index_cm.tsv.gz; the part as the Index prints it, without its
nonessential modifiers), so the check asks the Index's own concepts in users' verbs, not a query list anyone
wrote. A line's code is right when the first answer (or one of the first five) is it, or starts with it when
the Index prints it with a dash.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.lookups.codebook import CodeBook  # noqa: E402
from bot.lookups.search import QueryError, find_codes  # noqa: E402

INDEX = ROOT / "bot" / "lookups" / "data" / "index_cm.tsv.gz"
# shape: (the Index path's head, the subterm chain it must end with, the patient's sentences)
SHAPES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "prolapse": (
        ("prolapse",),
        (
            "feels like my {part} is falling out",
            "my {part} is coming out",
            "my {part} has dropped down",
            "my {part} is sagging",
            "I think my {part} dropped",
        ),
    ),
    "torsion": (
        ("torsion",),
        ("my {part} got twisted", "I think my {part} is twisted", "my {part} twisted on itself"),
    ),
    "recurrent dislocation": (
        ("dislocation", "recurrent"),
        (
            "my {part} keeps popping out of joint",
            "my {part} keeps slipping out of place",
            "my {part} dislocates all the time",
            "my {part} pops out over and over",
        ),
    ),
    "instability": (
        ("instability", "joint"),
        ("my {part} keeps giving out", "my left {part} keeps giving way", "my {part} gives out on me"),
    ),
    "congenital absence": (
        ("absence", "*", "congenital"),
        (
            "my baby was born without a {part}",
            "my son was born with no {part}",
            "my daughter was born missing her {part}",
            "my baby has no {part} since birth",
        ),
    ),
    "recurrent": (
        ("*", "recurrent"),
        (
            "my {part} keeps coming back",
            "{part} that keeps coming back",
            "my {part} came back again",
            "{part} comes back every few months",
        ),
    ),
}
_PLAIN = re.compile(r"^[a-z][a-z ]*[a-z]$")
_ADJECTIVE = re.compile(r"(?:ic|al|ous|ar)$")  # "gastric", "cervical": no part a patient says "my ... is" of


def _lines() -> list[dict[str, str]]:
    with gzip.open(INDEX, "rt", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _first_form(term: str) -> str:
    return term.split(",")[0].strip().lower()


def samples(seed: int, per_shape: int) -> list[tuple[str, str, str, str]]:
    """(shape, query, expected code, Index path) rows, seeded."""
    rows = _lines()
    by_id = {r["id"]: r for r in rows}

    def chain(row: dict[str, str]) -> list[dict[str, str]]:
        out = []
        while row:
            out.append(row)
            row = by_id.get(row["parent"])  # type: ignore[assignment]
        return out[::-1]

    rng = random.Random(seed)
    found: list[tuple[str, str, str, str]] = []
    for shape, (heads, sentences) in SHAPES.items():
        pool: list[tuple[str, str, str]] = []
        for row in rows:
            if not row["code"] or row["see"]:
                continue
            path = chain(row)
            terms = [_first_form(r["term"]) for r in path]
            part = _part(heads, terms)
            if part and _PLAIN.match(part) and len(part.split()) <= 2 and not _ADJECTIVE.search(part):
                pool.append((part, row["code"], ", ".join(r["term"] for r in path)))
        pool = sorted(set(pool))
        for part, code, shown in rng.sample(pool, min(per_shape, len(pool))):
            sentence = rng.choice(sentences)
            found.append((shape, sentence.format(part=part), code, shown))
    return found


def _part(heads: tuple[str, ...], terms: list[str]) -> str | None:
    """The part a shape is filled with, when the path is the shape's: its head chain and one more subterm."""
    if heads[0] == "*":  # "<condition>, recurrent": the condition said by its main term, the path two deep
        return terms[0] if len(terms) == 2 and terms[1] == heads[1] else None
    if heads[-1] == "congenital":  # "Absence, <part>, congenital"
        return terms[1] if len(terms) == 3 and terms[0] == heads[0] and terms[2] == "congenital" else None
    if len(terms) != len(heads) + 1 or terms[: len(heads)] != list(heads):
        return None
    return terms[-1]


def _right(code: str, expected: str) -> bool:
    # a dash, or a 7th character the Tabular adds (T85.398 -> T85.398A), completes the Index's code
    return code.startswith(expected.replace(".", "").rstrip("-"))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--codes-db", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2122)
    parser.add_argument("--per-shape", type=int, default=40)
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    book = CodeBook.open(args.codes_db)
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for shape, query, expected, shown in samples(args.seed, args.per_shape):
        try:
            codes = [h.code.replace(".", "") for h in find_codes(book, query, limit=5)]
        except QueryError:
            codes = []
        first = bool(codes) and _right(codes[0], expected)
        top5 = any(_right(c, expected) for c in codes)
        counts = tally[shape]
        counts[0] += 1
        counts[1] += first
        counts[2] += top5
        if args.misses and not first:
            print(
                f"  {'*' if top5 else ' '} {shape:22} {query!r} want {expected} ({shown}) first {codes[:1]}"
            )
    total = [sum(c[i] for c in tally.values()) for i in range(3)]
    print(
        f"lay_shapes: {total[0]} Index lines (seed {args.seed})  top-1 {100 * total[1] / total[0]:.1f}%  "
        f"top-5 {100 * total[2] / total[0]:.1f}%"
    )
    for shape, (n, first_n, top_n) in tally.items():
        print(f"  {shape:22} n={n:3}  top-1 {100 * first_n / n:5.1f}%  top-5 {100 * top_n / n:5.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
