"""A generated check of the abbreviation vocabulary: an abbreviation must answer as its spelled-out words do.

    python bench/make_abbreviation_pairs.py [--codes-db PATH] [--seed 2021] [--context 400] [--list]

A coder who reads "HFrEF" and one who reads "heart failure with reduced ejection fraction" look up the same Index
line. For every abbreviation row of terms.tsv (kind "abbreviation"), the product's first code for the
abbreviation as a clinician types it (a short initialism in capitals: "BRVO", "s/p TKA" as written) must be its
first code for the row's spelled-out meaning. A second part puts each of a seeded sample of abbreviations in
context: a line the Index prints below the meaning's main term (its words before the abbreviation, as notes say
them: "persistent AF", "chronic HFrEF") against the same words before the meaning. A third part needs no
vocabulary at all: every abbreviation the Tabular prints in a title ("Endometrial intraepithelial neoplasia
[EIN]", "Pseudobulbar affect [PBA]") against the title's words it stands for.

Nothing here is curated: the pairs come from the vocabulary itself and the Index below it, so a fix must make
the abbreviation layer (or the search reading it) agree with the spelled-out words - no list of queries to tune.

Prints the counts (pairs, same first code, different, abbreviation answered nothing) and, with --list, each
pair that differs, classed:
- `empty`: the abbreviation gave nothing, its meaning something (the abbreviation never reached the search's
  reading: swallowed by spelling correction, split on a slash or a digit, read as an English word);
- `other`: both answered, with different first codes.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.lookups.codebook import CodeBook  # noqa: E402
from bot.lookups.index.words import stem, tokens  # noqa: E402
from bot.lookups.search import QueryError, find_codes  # noqa: E402

SEED = 2021
CONTEXT = 400  # abbreviation-in-context pairs sampled
CAPITALS_UP_TO = (
    6  # an initialism this short or shorter is typed in capitals ("BRVO", "HFrEF" stays as written)
)


@dataclass(frozen=True)
class Pair:
    kind: str  # "row" | "context" | "printed"
    term: str
    abbreviated: str
    spelled: str


def vocabulary_rows() -> list[tuple[str, str]]:
    """(term, meaning) of every abbreviation row of terms.tsv."""
    text = resources.files("bot.lookups.data").joinpath("terms.tsv").read_text()
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("term\t"):
            continue
        term, kind, means = line.split("\t")
        if kind == "abbreviation":
            rows.append((term, means))
    return rows


@lru_cache(maxsize=1)
def english() -> frozenset[str]:
    raw = resources.files("bot.lookups.data").joinpath("english_words.txt.gz").read_bytes()
    return frozenset(gzip.decompress(raw).decode().split())


def as_typed(term: str, means: str) -> str:
    """An abbreviation as a note writes it: a short letters-only initialism in capitals ("BRVO"; "PEG tube",
    "alcoholic liver DZ": an English word or a word of the meaning stays in lower case); others as listed."""
    words = term.split()
    spelled = set(means.split()) | english() if len(words) > 1 else frozenset()
    return " ".join(
        w.upper() if w.isalpha() and len(w) <= CAPITALS_UP_TO and w not in spelled else w for w in words
    )


def index_lines() -> dict[str, list[tuple[frozenset[str], tuple[str, ...]]]]:
    """Main term's stem -> each coded line below it: (the stems of the lines above it below the main term, the
    line's own words of three letters or more, when one or two)."""
    raw = resources.files("bot.lookups.data").joinpath("index_cm.tsv.gz").read_bytes()
    rows = list(csv.DictReader(gzip.decompress(raw).decode().splitlines(), delimiter="\t"))
    main_of: dict[str, str] = {}
    above: dict[str, frozenset[str]] = {}
    below: dict[str, list[tuple[frozenset[str], tuple[str, ...]]]] = {}
    for row in rows:
        if row["parent"] == "0":
            main_of[row["id"]] = " ".join(stem(w) for w in tokens(row["term"].split(",")[0]))
            above[row["id"]] = frozenset()
            continue
        key = main_of.get(row["parent"], "")
        main_of[row["id"]] = key
        said = tuple(tokens(row["term"]))
        above[row["id"]] = above.get(row["parent"], frozenset()) | {stem(w) for w in said}
        words = tuple(w for w in said if w.isalpha() and len(w) > 2)
        if key and row["code"] and 1 <= len(words) <= 2:
            below.setdefault(key, []).append((above.get(row["parent"], frozenset()), words))
    return below


def pairs(seed: int, context: int) -> list[Pair]:
    """Every abbreviation row as typed against its meaning; then a seeded sample of rows said with the words of
    a line the Index prints directly below the meaning's own line ("Fibrillation, atrial" -> "persistent")."""
    rows = vocabulary_rows()
    out = [Pair("row", t, as_typed(t, m), m) for t, m in rows]
    below = index_lines()
    rng = random.Random(seed)
    candidates = []
    for term, means in rows:
        words = [stem(w) for w in tokens(means)]
        for size in range(len(words), 0, -1):
            lines = below.get(" ".join(words[:size]))
            if lines is not None:
                rest = set(words[size:])
                fitting = [w for up, w in lines if rest <= up and len(up - rest) <= 1]
                if fitting:
                    candidates.append((term, means, fitting))
                break
    for term, means, fitting in rng.sample(candidates, min(context, len(candidates))):
        said = " ".join(rng.choice(fitting))
        out.append(Pair("context", term, f"{said} {as_typed(term, means)}", f"{said} {means}"))
    return out


# An abbreviation a title prints: "[EIN]", "(GAVE)" - two capitals at least, digits after them allowed.
_PRINTED = re.compile(r"\s*[\(\[]([A-Z][A-Za-z]*[A-Z][A-Za-z0-9-]*)[\)\]]")


def printed_pairs(book: CodeBook) -> list[Pair]:
    """Each abbreviation an ICD-10-CM title prints, once (its first title in code order), against the words
    before it that it stands for."""
    seen: set[str] = set()
    out = []
    rows = book.db.conn.execute("SELECT code, title FROM codes WHERE system = 'cm' ORDER BY code").fetchall()
    for _code, title in rows:
        for match in _PRINTED.finditer(str(title)):
            abbreviation = match.group(1)
            if abbreviation.lower() in seen:
                continue
            seen.add(abbreviation.lower())
            # (the words the abbreviation stands for: as many before it as it has letters, from the one its
            # first letter starts: "Abnormal electroencephalogram [EEG]" -> "electroencephalogram")
            letters = [c for c in abbreviation if c.isalpha()]
            said = _PRINTED.sub(" ", str(title)[: match.start()]).replace(",", " ").split()[-len(letters) :]
            while said and said[0][0].lower() != letters[0].lower():
                said = said[1:]
            if said:
                out.append(Pair("printed", abbreviation, abbreviation, " ".join(said)))
    return out


def first(book: CodeBook, query: str) -> str:
    try:
        hits = find_codes(book, query, limit=5)
    except QueryError:
        return ""
    return hits[0].code if hits else ""


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--codes-db", type=Path, help="a prepared code database")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--context", type=int, default=CONTEXT)
    parser.add_argument("--list", action="store_true", help="list each pair whose first codes differ")
    args = parser.parse_args()
    book = CodeBook.open(args.codes_db) if args.codes_db else CodeBook.open()
    tally: Counter[tuple[str, str]] = Counter()
    for pair in pairs(args.seed, args.context) + printed_pairs(book):
        short, long = first(book, pair.abbreviated), first(book, pair.spelled)
        outcome = "same" if short == long else ("empty" if not short else "other")
        tally[pair.kind, outcome] += 1
        if args.list and outcome != "same":
            print(
                f"{pair.kind}\t{outcome}\t{pair.abbreviated}\t{short or '-'}\t{pair.spelled}\t{long or '-'}"
            )
    for kind in ("row", "context", "printed"):
        n = sum(v for (k, _), v in tally.items() if k == kind)
        same = tally[kind, "same"]
        print(
            f"{kind}: {n} pairs, same first code {same} ({100 * same / max(n, 1):.1f}%), "
            f"differ {n - same} (abbreviation answered nothing: {tally[kind, 'empty']})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
