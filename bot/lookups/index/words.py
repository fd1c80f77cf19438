"""Words as the index matcher compares them: lower case, light stems, connectors and fillers set apart.

One function turns both index terms and queries into stems, so "fractures", "fractured" and "Fracture"
meet at "fractur". Connectors ("with", "due to", "in") link subterms; fillers ("NEC", "specified") carry
no meaning of their own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lookups.index.no_stems import compact
from bot.lookups.schema import unaccented

TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
CONNECTORS = frozenset(
    [
        "with",
        "due",
        "to",
        "in",
        "of",
        "by",
        "from",
        "on",
        "and",
        "or",
        "as",
        "for",
        "at",
        "the",
        "a",
        "an",
        "associated",
        "caused",
        "following",
        "during",
        "after",
    ]
)
LINK_TERMS = frozenset(
    {
        "with",
        "due to",
        "in",
        "by",
        "from",
        "on",
        "of",
        "and",
        "associated with",
        "caused by",
        "due to or associated with",
        "due to, caused by",
        "caused by, due to",
        "resulting from",
        "following",
        "during",
        "in (due to)",
    }
)
_LONGEST_LINK = 2 * max(map(len, LINK_TERMS))  # (a term longer, spaces and all, is no link)
# Words whose light stem, sound key or word forms are kept (LRU) by each per-word cache: the Index, titles and
# queries hold ~40,000 words, most met rarely; a word's forms cost a microsecond or two to work out again, and
# at 65,536-131,072 entries such caches grew ~10 MB each over a process's first 12,000 lookups.
WORD_CACHE = 16_384  # (round 27: 32,768 full after 16,000 queries, ~5 MB for `stem` alone)
FILLERS = frozenset({"nec", "nos", "specified", "type", "site", "sites", "other", "so", "stated"})
NEGATIONS = frozenset({"without", "not", "no", "non"})
# Possessive and demonstrative words: a person's or a pointer's, never part of a thing's or an item's name.
POINTERS = frozenset({"my", "his", "her", "their", "our", "your", "its", "this", "that", "these", "those"})


@lru_cache(maxsize=WORD_CACHE)
def stem(word: str) -> str:
    """A light stem: plural and verb endings off, a final "e" off ("fracture", "fractured" -> "fractur")."""
    w = word.lower()
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("s'"):
        w = w[:-1]
    w = w.replace("'", "")
    if len(w) <= 3 or w.isdigit():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "xes", "zes", "ches", "shes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("ing") and len(w) > 6:
        w = w[:-3]
    elif w.endswith("ed") and len(w) > 5:
        w = w[:-2]
    elif w.endswith(("ation", "ction", "ition")) and len(w) > 7:
        w = w[:-3]  # "dislocation" / "dislocated", "infection" / "infected" meet
    elif w.endswith(("ctive", "ative")) and len(w) > 7:
        w = w[:-2]  # "obstructive" / "obstruction" / "obstructed"
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


# Irregular past forms patients use ("gums bled", "lost my sense of smell", "ankle swollen"), by the base
# word the Index and the vocabulary spell: no ending rule reads them.
IRREGULAR_FORMS = {
    "bled": "bleed",
    "lost": "loss",
    "swollen": "swell",
    "swelled": "swell",
    "broke": "break",
    "broken": "break",
    "fell": "fall",
    "fallen": "fall",
    "bitten": "bite",
    "stung": "sting",
    "tore": "tear",
    "torn": "tear",
    "burnt": "burn",
    "froze": "freeze",
    "frozen": "freeze",
    "ate": "eat",
    "eaten": "eat",
    "threw": "throw",
    "thrown": "throw",
    "caught": "catch",
    "struck": "strike",
    "slept": "sleep",
}


def base_stem(word: str) -> str:
    """The light stem of a word's base form: an irregular past form read as its base ("bled" -> bleed)."""
    w = word.lower()
    return stem(IRREGULAR_FORMS.get(w, w))


def tokens(text: str) -> list[str]:
    """The words of a text, lower case, hyphenated words kept whole and also split ("self-harm")."""
    out: list[str] = []
    for token in TOKEN.findall(unaccented(text).lower().replace("’", "'")):
        out.append(token)
        if "-" in token:
            out.extend(p for p in token.split("-") if p)
    return out


def stems(text: str) -> list[str]:
    """The meaningful stems of a text, in order, connectors left out."""
    return [stem(t) for t in tokens(text) if t not in CONNECTORS]


# A decimal range an Index line or title states ("Body mass index, adult, 40.0-44.9"): it holds each whole
# number in it, so "BMI 42" reaches "40.0-44.9" as "BMI 36" reaches "36.0-36.9" (a wide range is no reading).
_DECIMAL_RANGE = re.compile(r"(?<![\d.])(\d{1,3})\.\d\s*-\s*(\d{1,3})\.\d(?![\d.])")
MAX_RANGE_SPAN = 20


def range_stems(text: str) -> frozenset[str]:
    """The whole numbers the decimal ranges of a text hold ("40.0-44.9" -> 40 ... 44)."""
    if "." not in text:
        return frozenset()
    held: set[str] = set()
    for match in _DECIMAL_RANGE.finditer(text):
        low, high = int(match.group(1)), int(match.group(2))
        if low < high <= low + MAX_RANGE_SPAN:
            held.update(str(n) for n in range(low, high + 1))
    return frozenset(held)


@lru_cache(maxsize=8192)  # bounded: ~330 bytes an entry (tracemalloc), keyed by every title met
def content_stems(text: str) -> frozenset[str]:
    """Stems that carry meaning: connectors and fillers ("NEC", "specified") left out (the stems of
    `stems`, read a word at a time through `_token_stems`), and the whole numbers a decimal range holds."""
    found = TOKEN.findall(unaccented(text).lower().replace("’", "'"))
    if len(found) == 1:
        return frozenset(_token_stems(found[0]))
    stems_of = frozenset().union(*map(_token_stems, found))
    return compact(stems_of | range_stems(text) if "-" in text else stems_of)


_TOKEN_STEMS: dict[str, tuple[str, ...]] = {}
# words kept (the Index, titles and table meanings use ~40,000): cleared when full (~5 MB at 28,000)
TOKEN_CACHE = 32_768


def _token_stems(token: str) -> tuple[str, ...]:
    """The content stems one word found by TOKEN gives (itself, and its parts when hyphenated): what a
    title, Index term or table meaning is made of, worked out once a process however many texts hold it."""
    found = _TOKEN_STEMS.get(token)
    if found is None:
        found = tuple(s for t in tokens(token) if t not in CONNECTORS for s in (stem(t),) if s not in FILLERS)
        if len(_TOKEN_STEMS) >= TOKEN_CACHE:
            _TOKEN_STEMS.clear()
        _TOKEN_STEMS[token] = found
    return found


def is_link(term: str) -> bool:
    """A subterm that only links ("with", "due to"): a coder passes through it without the query saying it.
    (Not cached: ~50 ns more a call than an LRU hit, while a cache of 16,384 Index terms held ~2.5 MB.)"""
    return len(term) <= _LONGEST_LINK and term.strip().lower() in LINK_TERMS
