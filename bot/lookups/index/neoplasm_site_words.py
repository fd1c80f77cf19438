"""A site said as its adjective is read as the noun the Neoplasm Table prints: "vulvar cancer" is Neoplasm,
vulva; "glottic", glottis; "thalamic", thalamus; "appendiceal", appendix; "laryngeal", larynx; "testicular",
testicle; "endometrial", endometrium; "uterine", uterus.

A coder turns the adjective into the organ's noun before opening the Table, whose site lines are nouns (a few
print the adjective beside it: "larynx, laryngeal NEC"). The rule is medical word building, not a list of
pairs: the adjective's Latin or Greek ending is taken off and the noun endings it comes from are tried
(-ar/-al: -a, -um, -us, -e; -ic: -is, -us, -a, -as, none; -geal: -x; -iceal/-ical: -ix; -ular: -le, -ula;
-ial: -ium, -y; -ine: -us), and a form is kept only when a site line of the Table prints it and the adjective
itself is no word of the Table. An adjective the Table does not print and no ending rule reaches is read
by the noun WordNet says it pertains to, when that noun is a site of the Table ("penile": penis), the way a
coder knows the organ behind an adjective of another root. Read only in a query that names a neoplasm (a
Table column word or a morphology the Table is reached by), so a "vulvar itch" keeps its own Index reading.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Mapping, Sequence

from bot.lookups.index.matching import COLUMN_STEMS
from bot.lookups.index.neoplasm_columns import FINDING_NOUNS
from bot.lookups.index.words import content_stems, stem

TABLE = "neoplasm"
# Adjective endings and the noun endings they are made from, longest first.
ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("iceal", ("ix",)),
    ("ical", ("ix",)),
    ("ngeal", ("nx",)),
    ("ular", ("le", "ula", "ulum")),
    ("illar", ("il",)),
    ("atic", ("as",)),
    ("ial", ("ium", "y", "ia")),
    ("eal", ("ea", "eum")),
    ("ine", ("us",)),
    ("ar", ("a", "um", "us", "e")),
    ("al", ("a", "um", "us", "e", "")),
    ("ic", ("is", "us", "a", "", "um")),
)
MIN_BASE = 3  # the adjective less its ending: "glott" + ic
MEMO_KEY = ("neoplasm-site-stems",)
# The words that say a query is about a neoplasm: a column's word, but not the findings' mass, growth or
# lesion, which are as often no neoplasm at all, nor "primary", "secondary", "unspecified", said of any
# condition ("primary ovarian failure").
NEOPLASM_WORDS = (
    (
        frozenset(s for stems in COLUMN_STEMS[TABLE].values() for s in stems)
        | {stem("neoplasm"), stem("tumor")}
    )
    - FINDING_NOUNS
    - {stem(w) for w in ("primary", "secondary", "unspecified")}
)


def noun_candidates(word: str) -> list[str]:
    """The nouns a site adjective may be made from, in the order the endings are tried."""
    if not word.isalpha():
        return []
    out: list[str] = []
    for ending, nouns in ENDINGS:
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base) >= MIN_BASE:
            out += [base + noun for noun in nouns if base + noun != word]
    return list(dict.fromkeys(out))


def table_site_stems(
    conn: sqlite3.Connection, memo: dict[object, object]
) -> tuple[frozenset[str], frozenset[str]]:
    """Every word of the Neoplasm Table's site lines, and the words of its sites' own terms (the lines
    right below the main term, "cervix", "scapula": modifiers and subterms aside), read once per database."""
    found = memo.get(MEMO_KEY)
    if found is None:
        rows = conn.execute(
            "SELECT depth, term, modifiers FROM index_nodes WHERE book = ? AND depth > 0", [TABLE]
        ).fetchall()
        every = frozenset(s for _, term, modifiers in rows for s in content_stems(f"{term} {modifiers}"))
        sites = frozenset(s for depth, term, _ in rows if depth == 1 for s in content_stems(term))
        found = memo[MEMO_KEY] = (every, sites)
    return found  # type: ignore[return-value]


def site_nouns(
    conn: sqlite3.Connection,
    memo: dict[object, object],
    words: Sequence[str],
    alternatives: Mapping[str, Collection[str]],
    neoplasm_stems: Collection[str] = NEOPLASM_WORDS,
    pertains: Callable[[str], Sequence[str]] = lambda _w: (),
) -> dict[str, str]:
    """The Table's site noun of each adjective in a query naming a neoplasm (the query's other words or
    their vocabulary readings say a Table column word or "neoplasm"). An adjective the Table prints itself
    ("cervical", a modifier of the cervix and a subterm of stump; "tonsillar", of the tonsillar fossa) is
    read as the noun too when the noun is a site of its own ("cervix", "tonsil"). `pertains` gives the nouns an
    adjective pertains to (WordNet's pertainyms), tried when no ending rule reaches a site."""
    said = {stem(w) for w in words} | {
        s for w in words for a in alternatives.get(w, ()) for s in content_stems(a)
    }
    if not said & set(neoplasm_stems):
        return {}
    every, sites = table_site_stems(conn, memo)
    out: dict[str, str] = {}
    for w in words:
        if len(w) < MIN_BASE + 2:
            continue
        wanted = sites if stem(w) in every else every
        for noun in noun_candidates(w):
            if stem(noun) in wanted:
                out[w] = noun
                break
        else:
            if stem(w) in every:
                continue  # (a word the Table prints is its own site: "adrenal" is no kidney, as WordNet has it)
            pertained = [n for n in pertains(w) if n.isalpha() and stem(n) != stem(w) and stem(n) in sites]
            if pertained:
                out[w] = pertained[0]
    return out
