"""A generated check of initialisms no vocabulary row knows: "MTC", "PLEVA", "LCH in a child".

    python bench/make_initialisms.py [--codes-db PATH] [--seed 2122] [--total 300] [--list] [--viral 60]

Clinicians abbreviate a condition's name by its initials as they say it - the natural order, adjectives before
the noun ("Carcinoma, medullary, thyroid" is "medullary thyroid carcinoma", MTC) - and put the abbreviation in
the middle of a sentence ("MTC, RET positive", "LCH in a child"). This check samples (random.Random(seed))
multi-word terms the ICD-10-CM data says - an Alphabetic Index line read subterms first then the main term
("Leukomalacia, cerebral, newborn" -> "newborn cerebral leukomalacia"), a Tabular title's noun phrase, an
inclusion term - of three to five words an initial is taken from (connectives and parenthesized modifiers left
out), whose line holds a code. Each gives two queries, as users type them:

- `alone`: the initialism in capitals ("NCL");
- `context`: the initialism with a word of the code's category title the term does not say, as a clinician adds
  where or in whom ("NCL perinatal", "MTC thyroid");
- `other sense` (with --senses N): a key the vocabulary reads as an abbreviation ("CAD": coronary artery disease)
  asked about another term it spells, with a word of that term's category title ("CAD hemolytic": cold
  agglutinin disease) - where the query's word should choose the sense the data spells;
- `neighbourhood` (with --neighbourhood N): a key several categories' terms spell, asked about one of them at
  random with a word of that sense's Index neighbourhood (the other Index lines leading to its category, not
  its own words or its category's title: "SCD in an adolescent" for socialized conduct disorder), said in a
  user's word where the dictionary (WordNet) has another for it ("teenager") - the query's word, not the
  title, must choose the sense (round 23).

- `virus` (with --viral N): a viral disease the Tabular names (a title of A83-A99, B33: the arthropod-borne
  encephalitides and fevers, the hemorrhagic fevers, the other viral diseases) asked by its virus's abbreviation as virologists and clinicians write it: the name's
  initials and "V" ("Japanese encephalitis": JEV, "Rift Valley fever": RVFV, "Ross River disease": RRV) or a
  one-word name's first three or four letters and "V" ("Oropouche virus disease": OROV, "Chikungunya": CHIKV), in capitals, alone or with what users add ("infection", "after a trip",
  "in a traveler", "disease") (round 24).

Expected: the line's code (any code it starts with when the line's code is a category). Left out: initialisms
the vocabulary (terms.tsv) knows - a coder reads those as the vocabulary says - and ones the dictionary holds
as an English word (counted). A key many terms of different codes spell is `ambiguous` (the query's other words
must choose); the figures are printed for all queries and for the unambiguous ones.

Nothing is curated: the terms come from the data at random, so only a reader of the data's own terms can answer.
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.lookups.codebook import CodeBook  # noqa: E402
from bot.lookups.derived import english_list  # noqa: E402
from bot.lookups.search import Hit, QueryError, find_codes, searcher_for  # noqa: E402

SEED = 2122
TOTAL = 300
_SKIP = frozenset(
    [
        "of",
        "the",
        "and",
        "or",
        "with",
        "without",
        "in",
        "to",
        "due",
        "by",
        "for",
        "on",
        "a",
        "an",
        "at",
        "from",
        "nos",
        "nec",
        "see",
        "also",
        "other",
        "unspecified",
        "specified",
        "type",
    ]
)
_CLAUSE = re.compile(r",|\s(?:with|without|due to|in|following|after|complicating|associated with|of)\s")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_WORD = re.compile(r"[a-z]+")
_LIST = re.compile(r"\b(?:or|as|not|and|than|other|multiple|site|sites|part)\b|/")


@dataclass(frozen=True)
class Item:
    source: str  # index | title | inclusion
    term: str
    key: str
    code: str


def _asked(book: CodeBook, query: str) -> tuple[list[Hit], list[str]]:
    """The product's top 5 for a query (none for a query it refuses) and their codes undotted."""
    try:
        hits = list(find_codes(book, query, limit=5))
    except QueryError:
        hits = []
    return hits, [h.code.replace(".", "") for h in hits]


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(_PARENS.sub(" ", text.lower())) if w not in _SKIP]


def terms(conn: sqlite3.Connection) -> list[Item]:
    """Every eligible term of the data, in a stable order."""
    billable = {c for (c,) in conn.execute("SELECT code FROM codes WHERE system = 'cm' AND billable = 1")}
    out: list[Item] = []

    def add(source: str, words: list[str], code: str, said: str) -> None:
        # (a disease's name: chapters A-Q; a term joined by "or", "as", "not" is a list, no name)
        if code[0] > "Q" or _LIST.search(said.lower()):
            return
        if (
            3 <= len(words) <= 5
            and all(len(w) > 1 for w in words)
            and (code in billable or _prefixed(billable, code))
        ):
            out.append(Item(source, " ".join(words), "".join(w[0] for w in words), code))

    nodes: dict[int, tuple[int, list[str]]] = {}
    for node_id, parent, depth, term, code, see in conn.execute(
        "SELECT id, parent, depth, term, code, see FROM index_nodes WHERE book = 'cm' ORDER BY id"
    ):
        own = str(term).split(",")[0] if int(depth) == 0 else str(term)
        nodes[int(node_id)] = (int(parent), _words(own))
        code = str(code).rstrip("-").replace(".", "")
        if not code or see:
            continue
        parts = [nodes[int(node_id)][1]]
        up = int(parent)
        for _ in range(int(depth)):
            if up not in nodes:
                break
            up, above = nodes[up]
            parts.append(above)
        parts.reverse()
        # (a main term and one or two subterms, read as said: "Carcinoma, medullary, thyroid" -> "medullary
        # thyroid carcinoma")
        said = " ".join(str(t) for t in [term])
        if 1 < len(parts) <= 3 and not _CLAUSE.search(f" {said} "):
            add("index", [w for s in parts[1:] for w in s] + parts[0], code, said)
    for code, title in conn.execute("SELECT code, title FROM codes WHERE system = 'cm' ORDER BY code"):
        head = _CLAUSE.split(str(title))[0]
        add("title", _words(head), str(code), head)
    for code, text in conn.execute(
        "SELECT code, text FROM notes WHERE system = 'cm' AND kind = 'inclusion' ORDER BY code, seq"
    ):
        head = _CLAUSE.split(str(text))[0]
        add("inclusion", _words(head), str(code), head)
    return out


_PREFIXED: dict[str, list[str]] = {}


def _prefixed(billable: set[str], code: str) -> list[str]:
    if not _PREFIXED:
        for b in billable:
            for n in range(3, len(b)):
                _PREFIXED.setdefault(b[:n], []).append(b)
    return _PREFIXED.get(code, [])[:1]


def context_word(conn: sqlite3.Connection, item: Item, rng: random.Random) -> str:
    """A word of the code's category title the term does not say (where or in whom, as a clinician adds it)."""
    row = conn.execute("SELECT title FROM codes WHERE system = 'cm' AND code = ?", [item.code[:3]]).fetchone()
    said = set(item.term.split())
    words = [w for w in _words(str(row[0]) if row else "") if len(w) > 3 and w not in said]
    return rng.choice(words) if words else ""


_NEIGHBOUR_SKIP = _SKIP | frozenset(
    [
        "disease",
        "disorder",
        "syndrome",
        "due",
        "with",
        "without",
        "unspecified",
        "specified",
        "other",
        "left",
        "right",
        "bilateral",
        "acute",
        "chronic",
        "congenital",
        "see",
        "also",
    ]
)


def neighbour_words(conn: sqlite3.Connection, category: str) -> list[str]:
    """The words of the Index lines leading to a category (main terms and subterms), in a stable order."""
    out: dict[str, None] = {}
    for (term,) in conn.execute(
        "SELECT term FROM index_nodes WHERE book = 'cm' AND replace(code, '.', '') LIKE ? ORDER BY id",
        [f"{category}%"],
    ):
        out.update((w, None) for w in _words(str(term)) if len(w) > 3 and w not in _NEIGHBOUR_SKIP)
    return list(out)


def neighbourhood_queries(
    book: CodeBook, every: list[Item], codes_of: dict[str, set[str]], args: argparse.Namespace
) -> list[tuple[str, Item, bool, bool, str]]:
    """The `neighbourhood` queries, each with whether the first answer and the first five hold its code."""
    from bot.lookups.wordnet import WordNet

    conn = book.db.conn
    wordnet = WordNet(conn.execute)
    english = set(english_list())
    categories = {i.key: {c[:3] for c in codes_of[i.key]} for i in every}
    pool = sorted(
        {
            (i.key, i.code[:3]): i for i in every if len(categories[i.key]) > 1 and i.key not in english
        }.values(),
        key=lambda i: (i.key, i.code),
    )
    pick = random.Random(args.seed + 2)
    out: list[tuple[str, Item, bool, bool, str]] = []
    for item in pick.sample(pool, min(args.neighbourhood, len(pool))):
        row = conn.execute(
            "SELECT title FROM codes WHERE system = 'cm' AND code = ?", [item.code[:3]]
        ).fetchone()
        said = set(item.term.split()) | set(_words(str(row[0]) if row else ""))
        words = [w for w in neighbour_words(conn, item.code[:3]) if w not in said]
        if not words:
            continue
        word = pick.choice(words)
        # (a user's word for it where the dictionary has one: its first sense's other words)
        other = [w for w in wordnet.synonyms(word) if " " not in w and w.isalpha() and w != word]
        if other and pick.random() < 0.5:
            word = other[0]
        query = f"{item.key.upper()} {pick.choice(['', 'in ', 'with ', 'and '])}{word}"
        hits, got = _asked(book, query)
        first = f"{hits[0].code} {hits[0].title[:60]}" if hits else "(nothing)"
        top1 = bool(got) and got[0].startswith(item.code)
        out.append((query, item, top1, any(g.startswith(item.code) for g in got), first))
    return out


_AGENT = frozenset(["virus", "viral", "viruses", "disease", "infection"])
_VIRUS_SAID = ("", " infection", " after a trip abroad", " in a traveler", " disease", " suspected")


def viral_queries(
    book: CodeBook, vocabulary_knows: object, english: set[str], args: argparse.Namespace
) -> list[tuple[str, str, str]]:
    """The `virus` queries: (query, code, name) for viral diseases the Tabular names, sampled."""
    conn = book.db.conn
    named: dict[str, tuple[str, str]] = {}
    pick = random.Random(args.seed + 3)

    def add(words: list[str], code: str) -> None:
        words = [p for w in words for p in w.split("'") if p]
        # (the virus is named for the disease - "Japanese encephalitis" virus, "Rift Valley fever" virus -
        # but for "<name> virus disease" and "<name> disease": Oropouche virus, Ross River virus)
        if "virus" in words:
            name = words[: words.index("virus")]
        elif len(words) > 1 and words[-1] == "disease":
            name = words[:-1]
        else:
            name = list(words)
        if not name or len(name) > 4 or any(w in _AGENT or w.endswith(("viral", "virus")) for w in name):
            return  # (a group of viruses is no virus's name: "enteroviral", "arenaviral")
        key = (
            "".join(w[0] for w in name) + "v"
            if len(name) > 1
            else name[0][: pick.choice((3, 4))] + "v"
            if len(name[0]) > 4
            else ""
        )
        if 3 <= len(key) <= 5 and key not in english and not vocabulary_knows(key):  # type: ignore[operator]
            named.setdefault(key, (code, " ".join(name)))

    for code, title in conn.execute(
        "SELECT code, title FROM codes WHERE system = 'cm' AND ((code >= 'A83' AND code < 'A9Z') OR code LIKE 'B33%') "
        "ORDER BY code"
    ):
        head = _CLAUSE.split(str(title))[0]
        if not re.search(r"\b(?:unspecified|other|sequelae|specified|due|carrier|nec)\b|\(", head.lower()):
            add(_words(head), str(code))
    keys = sorted(named)
    out: list[tuple[str, str, str]] = []
    for key in pick.sample(keys, min(args.viral, len(keys))):
        code, name = named[key]
        out.append((f"{key.upper()}{pick.choice(_VIRUS_SAID)}", code, name))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--codes-db", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--total", type=int, default=TOTAL)
    parser.add_argument("--list", action="store_true", help="print each query that misses")
    parser.add_argument(
        "--senses", type=int, default=0, help="also ask this many keys the vocabulary knows in another sense"
    )
    parser.add_argument(
        "--neighbourhood",
        type=int,
        default=0,
        help="also ask this many senses of keys several categories spell, with a word of the sense's Index lines",
    )
    parser.add_argument(
        "--viral", type=int, default=0, help="also ask this many viral diseases by their virus's abbreviation"
    )
    args = parser.parse_args()
    book = CodeBook.open(args.codes_db) if args.codes_db else CodeBook.open()
    conn = book.db.conn
    vocabulary = searcher_for(book).vocabulary
    english = set(english_list())
    every = terms(conn)
    codes_of: dict[str, set[str]] = defaultdict(set)
    for item in every:
        codes_of[item.key].add(item.code[:4])
    known = [i for i in every if vocabulary.knows(i.key)]
    words = [i for i in every if not vocabulary.knows(i.key) and i.key in english]
    pool = sorted(
        {i.key: i for i in every if not vocabulary.knows(i.key) and i.key not in english}.values(),
        key=lambda i: (i.key, i.code),
    )
    rng = random.Random(args.seed)
    sample = rng.sample(pool, min(args.total, len(pool)))
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for item in sample:
        ambiguous = len(codes_of[item.key]) > 1
        extra = context_word(conn, item, rng)
        asked = [("alone", item.key.upper())]
        if extra:
            asked.append(("context", f"{item.key.upper()} {extra}"))
        for form, query in asked:
            hits, got = _asked(book, query)
            top1 = bool(got) and got[0].startswith(item.code)
            top5 = any(g.startswith(item.code) for g in got)
            for group in (form, f"{form}, {'ambiguous' if ambiguous else 'one code'}"):
                tally[group][0] += 1
                tally[group][1] += top1
                tally[group][2] += top5
            if args.list and not top1:
                first = f"{hits[0].code} {hits[0].title[:60]}" if hits else "(nothing)"
                mark = "*" if top5 else " "
                print(f"{mark} {query!r:<34} want {item.code:<8} ({item.term}) first {first}")
    if args.senses:
        # (a key the vocabulary reads as an abbreviation, asked about another term it spells, with a word of
        # that term's category title: "CAD" with "hemolytic" is cold agglutinin disease; round 22)
        other = sorted(
            (
                i
                for i in known
                if vocabulary.terms[i.key].kind == "abbreviation"
                and set(i.term.split()) != set(vocabulary.terms[i.key].means.split())
            ),
            key=lambda i: (i.key, i.code),
        )
        pick = random.Random(args.seed + 1)
        for item in pick.sample(other, min(args.senses, len(other))):
            extra = context_word(conn, item, pick)
            if not extra:
                continue
            query = f"{item.key.upper()} {extra}"
            hits, got = _asked(book, query)
            top1 = bool(got) and got[0].startswith(item.code)
            tally["other sense"][0] += 1
            tally["other sense"][1] += top1
            tally["other sense"][2] += any(g.startswith(item.code) for g in got)
            if args.list and not top1:
                first = f"{hits[0].code} {hits[0].title[:60]}" if hits else "(nothing)"
                print(f"~ {query!r:<34} want {item.code:<8} ({item.term}) first {first}")
    if args.viral:
        for query, code, name in viral_queries(book, vocabulary.knows, english, args):
            hits, got = _asked(book, query)
            top1 = bool(got) and got[0].startswith(code)
            tally["virus"][0] += 1
            tally["virus"][1] += top1
            tally["virus"][2] += any(g.startswith(code) for g in got)
            if args.list and not top1:
                first = f"{hits[0].code} {hits[0].title[:60]}" if hits else "(nothing)"
                print(f"v {query!r:<34} want {code:<8} ({name}) first {first}")
    if args.neighbourhood:
        for query, item, top1, top5, first in neighbourhood_queries(book, every, codes_of, args):
            tally["neighbourhood"][0] += 1
            tally["neighbourhood"][1] += top1
            tally["neighbourhood"][2] += top5
            if args.list and not top1:
                print(f"{'*' if top5 else '#'} {query!r:<34} want {item.code:<8} ({item.term}) first {first}")
    print(
        f"initialisms: {len(every)} eligible terms, {len(pool)} keys no vocabulary row or English word holds "
        f"({len(known)} terms' keys left to the vocabulary, {len(words)} English words); sample {len(sample)} "
        f"(seed {args.seed}); ambiguous keys in the sample: "
        f"{sum(len(codes_of[i.key]) > 1 for i in sample)}"
    )
    for group in sorted(tally):
        n, one, five = tally[group]
        print(f"  {group:<22} {n:>4}  top-1 {100 * one / n:5.1f}%  top-5 {100 * five / n:5.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
