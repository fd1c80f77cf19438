"""A generated check of chart words cut short: "periton adhesions", "lumbar disc degen", "prox humerus fx".

    python bench/make_clipped_words.py [--codes-db PATH] [--seed 2526] [--total 150]

Clinicians shorten long words to their first letters. This check samples (random.Random(seed)) ICD-10-CM
Alphabetic Index lines holding a code, two or three levels deep (main term and one or two subterms, no "see"
line), and says each the way a chart does: the subterms, then the main term ("Adhesions, peritoneum" ->
"peritoneum adhesions"), with one word of seven letters or more cut to its first four to six letters (chosen at
random; a cut that is an English word, a vocabulary term or a word an Index line holds is not used - "post",
"vent"). Each line gives two queries: `plain` (the words in full) and `clipped` (one word cut short); the
expected answer is the line's code (any code it starts with when the line's code is a category).

The figure that matters is how often the clipped query is answered right where the plain one is: a reader of
short forms keeps the answer the full words get (bot.lookups.index.clipped_words). Nothing is curated: the lines
and the cuts come from the data at random.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.lookups.codebook import CodeBook  # noqa: E402
from bot.lookups.search import QueryError, find_codes, searcher_for  # noqa: E402

SEED = 2526
TOTAL = 150
LONG_WORD = 7  # a word this long or longer is one a chart cuts short
_WORD = re.compile(r"[a-z]+")


def _lines(book: CodeBook) -> list[tuple[str, str]]:
    """(the line said as a chart says it, its code) for Index lines two or three levels deep holding a code."""
    rows = book.db.execute(
        "SELECT id, parent, depth, term, code, see FROM index_nodes WHERE book = 'cm' ORDER BY id"
    ).fetchall()
    terms: dict[int, tuple[int, str]] = {}
    found: list[tuple[str, str]] = []
    for node_id, parent, depth, term, code, see in rows:
        own = str(term).split(",")[0] if int(depth) == 0 else str(term)
        terms[int(node_id)] = (int(parent), own)
        if not code or see or not 1 <= int(depth) <= 2:
            continue
        parts = [own]
        up = int(parent)
        while up in terms:
            up, above = terms[up]
            parts.append(above)
        said = " ".join(parts[:-1] + parts[-1:])  # subterms (deepest first), then the main term
        if "(" in said or "-" in said or len(_WORD.findall(said.lower())) > 6:
            continue
        found.append((said.lower(), str(code).rstrip("-").replace(".", "")))
    return found


def make(book: CodeBook, seed: int, total: int) -> list[tuple[str, str, str]]:
    """(plain query, clipped query, expected code prefix) for `total` lines drawn at random."""
    searcher = searcher_for(book)
    rng = random.Random(seed)
    lines = _lines(book)
    rng.shuffle(lines)
    made: list[tuple[str, str, str]] = []
    for said, code in lines:
        words = [w for w in _WORD.findall(said) if len(w) >= LONG_WORD]
        if not words:
            continue
        word = rng.choice(words)
        cut = word[: rng.randint(4, 6)]
        if cut in searcher.english or searcher.vocabulary.knows(cut) or searcher._indexed(cut):
            continue
        clipped = re.sub(rf"\b{word}\b", cut, said, count=1)
        made.append((said, clipped, code))
        if len(made) >= total:
            break
    return made


def _right(book: CodeBook, query: str, code: str) -> bool:
    try:
        hits = find_codes(book, query, limit=5)
    except QueryError:
        return False
    return bool(hits) and hits[0].code.replace(".", "").startswith(code)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--codes-db", default=None)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--total", type=int, default=TOTAL)
    parser.add_argument("--list", action="store_true", help="print each query and whether it was right")
    args = parser.parse_args()
    book = CodeBook.open(args.codes_db) if args.codes_db else CodeBook.open()
    rows = make(book, args.seed, args.total)
    plain = clipped = both = 0
    for said, cut, code in rows:
        p, c = _right(book, said, code), _right(book, cut, code)
        plain += p
        clipped += c
        both += p and c
        if args.list:
            print(f"{'+' if p else '-'}{'+' if c else '-'} {code:8} {said!r} -> {cut!r}")
    n = len(rows)
    print(f"clipped words (seed {args.seed}): {n} Index lines")
    print(f"  plain words right (top-1)   {plain / n:6.1%}")
    print(f"  one word cut short right    {clipped / n:6.1%}")
    print(f"  kept where plain was right  {both / max(plain, 1):6.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
