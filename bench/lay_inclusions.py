"""Generated check: the Tabular's inclusion terms said the way patients and front desks say them.

    python bench/lay_inclusions.py --codes-db PATH [--seed 2223] [--per-kind 40] [--misses]

An inclusion term is the Tabular's own other name for a code ("Pigeon chest", "Fear of spiders", "Fusion of
labia"); users seldom say it as printed: they say the part first ("labia fusion"), the plural ("pigeon chests"),
who has it ("my son has ..."), since when ("... since birth" for a congenital term) or for how long. Each query
is one inclusion term of a billable, current ICD-10-CM code (bot/lookups/data/cm_notes.tsv.gz) in the chapters
patients describe (mental, nervous, eye, ear, mouth, skin, musculoskeletal, genitourinary, perinatal,
congenital, symptoms), its nonessential words ("NOS", parentheses) dropped, rewritten by ONE kind of rule:

| kind | rule |
|---|---|
| order | "X of (the) Y" said "Y X" ("labia fusion") |
| plural | the last word in the plural |
| person | "my son has ...", "I was told I have ...", "my mom has ..." before the term |
| since | a congenital term said "... since birth" / "born with ...", its "congenital" dropped |
| time | "... for a few months now", "... that keeps bothering me" after the term |

Terms are drawn per kind with random.Random(seed) from the terms the kind's rule applies to (identical queries
kept once). Expected: the term's code (exact). Scoring: each query through find_codes(book, query, limit=5);
top-1 / top-5 per kind. No query is written by hand: the check asks the Tabular's concepts in users' order,
number and context, which no vocabulary row can game.
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

DATA = ROOT / "bot" / "lookups" / "data"
CHAPTERS = ("F", "G", "H", "K0", "K1", "L", "M", "N", "P", "Q", "R")
_SKIP = re.compile(
    r"\d|classified|\bdue to\b|\bwith\b|\bwithout\b|\bexcept\b|\bother\b|\bNEC\b|[\[\]:;/]", re.I
)
_PEOPLE = ("my son has {t}", "I was told I have {t}", "my mom has {t}", "my daughter has {t}")
_TIMES = ("{t} for a few months now", "{t} that keeps bothering me", "{t} for about 2 weeks")
_SINCE = ("{t} since birth", "my baby was born with {t}", "{t} ever since he was born")


def plural(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _clean(term: str) -> str:
    term = re.sub(r"\([^)]*\)", " ", term)
    term = re.sub(r"\bNOS\b", " ", term)
    return " ".join(term.replace(",", " ").split()).lower()


def terms(data: Path = DATA) -> list[tuple[str, str]]:
    """(term, code) for each usable inclusion term of a billable, current code of the chapters."""
    billable: set[str] = set()
    with gzip.open(data / "cm_codes.tsv.gz", "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["billable"] == "1" and row["current"] == "1" and row["code"].startswith(CHAPTERS):
                billable.add(row["code"])
    found: list[tuple[str, str]] = []
    with gzip.open(data / "cm_notes.tsv.gz", "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["kind"] != "inclusion" or row["code"] not in billable or _SKIP.search(row["text"]):
                continue
            term = _clean(row["text"])
            if 1 <= len(term.split()) <= 5 and len(term) >= 5:
                found.append((term, row["code"]))
    return sorted(set(found))


def rewrite(kind: str, term: str, rng: random.Random) -> str | None:
    words = term.split()
    if kind == "order":
        m = re.fullmatch(r"(?P<x>[a-z' -]+?) of (?:the )?(?P<y>[a-z' -]+)", term)
        if m is None or "congenital" in term:
            return None
        return f"{m.group('y')} {m.group('x')}"
    if kind == "plural":
        if "congenital" in term or words[-1].endswith(("s", "ia", "is", "y")) or len(words[-1]) < 4:
            return None
        return " ".join([*words[:-1], plural(words[-1])])
    if kind == "since":
        if "congenital" not in words:
            return None
        rest = " ".join(w for w in words if w != "congenital")
        return rng.choice(_SINCE).format(t=rest)
    if kind == "person":
        return rng.choice(_PEOPLE).format(t=term)
    if kind == "time":
        return rng.choice(_TIMES).format(t=term)
    return None


KINDS = ("order", "plural", "person", "since", "time")


def generate(seed: int, per_kind: int) -> list[tuple[str, str, str]]:
    pool = terms()
    out: list[tuple[str, str, str]] = []
    for kind in KINDS:
        rng = random.Random(f"{seed}-{kind}")
        fits = [(t, c) for t, c in pool if rewrite(kind, t, random.Random(0)) is not None]
        seen: set[str] = set()
        for term, code in rng.sample(fits, min(per_kind, len(fits))):
            query = rewrite(kind, term, rng)
            if query and query not in seen:
                seen.add(query)
                out.append((kind, query, code))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--codes-db", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2223)
    parser.add_argument("--per-kind", type=int, default=40)
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    book = CodeBook.open(args.codes_db)
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    missed: list[str] = []
    for kind, query, code in generate(args.seed, args.per_kind):
        try:
            hits = list(find_codes(book, query, limit=5))
        except QueryError:
            hits = []
        codes = [h.code.replace(".", "") for h in hits]
        t = tally[kind]
        t[0] += 1
        t[1] += bool(codes) and codes[0] == code
        t[2] += code in codes[:5]
        if codes[:1] != [code]:
            first = f"{hits[0].code} {hits[0].title[:50]}" if hits else "(nothing)"
            missed.append(
                f"{'*' if code in codes else ' '} {kind:7} {query!r:55} want {code:8} first {first}"
            )
    total = [sum(t[i] for t in tally.values()) for i in range(3)]
    print(
        f"lay inclusion terms (seed {args.seed}): {total[0]} queries  top-1 {100 * total[1] / total[0]:.1f}%  "
        f"top-5 {100 * total[2] / total[0]:.1f}%"
    )
    for kind in KINDS:
        t = tally[kind]
        if t[0]:
            print(f"  {kind:8} {t[0]:4}  {100 * t[1] / t[0]:5.1f}%  {100 * t[2] / t[0]:5.1f}%")
    if args.misses:
        print("\n".join(missed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
