"""A condition's adjective the Index sends to the site's own "with" line: "incarcerated right inguinal hernia" is
"right inguinal hernia with obstruction" (K40.30), "perforated ulcer" an ulcer "with perforation".

The Index files the site first and what complicates it under the site's "with": Hernia, inguinal, with,
obstruction. The adjective a chart uses is its own line, which says so by a cross-reference of the form
"see (also) M, by site, with Y": "Hernia, incarcerated - see also Hernia, by site, with obstruction",
"Strangulation, hernia - see also Hernia, by site, with obstruction", "Hernia, irreducible", "Hernia, with,
incarceration", "Perforation, ulcer - see Ulcer, by site, with perforation". A coder given the adjective
and the site reads the site's line "with Y" (guideline I.A.12: "see also" sends to the other main term when
the first gives no code of the site). A deeper line of the adjective naming another complication ("Hernia,
incarcerated, with gangrene - see Hernia, by site, with gangrene") wins when the query says that
complication (not negated): the adjective is then no word of it.

The readings come from the Index's references once per code database (`readings`); a query is looked at only
when one of its words is such an adjective (`may_read`, a set look-up).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from bot.lookups.index.words import stem

_KEY = "by site with readings"  # their key in the tree's memo
_TARGET = re.compile(r"^(?P<main>[^,]+), by site, (?:with, |with )(?P<with>[^,]+)$", re.IGNORECASE)
_WORD = re.compile(r"[a-z][a-z'-]*")
_NEGATING = frozenset({"no", "not", "without", "w/o", "denies", "negative"})


@dataclass(frozen=True)
class Reading:
    main: str  # the main term's stem the query must name ("hernia")
    complication: str  # what the adjective says, as the site's "with" line words it ("obstruction")
    others: tuple[tuple[str, str], ...]  # (a complication's stem, its words) of the adjective's deeper lines


def readings(conn: sqlite3.Connection, memo: dict[object, object]) -> dict[str, tuple[Reading, ...]]:
    """The adjective's stem -> what it reads as beside each main term it is filed under."""
    kept = memo.get(_KEY)
    if isinstance(kept, dict):
        return kept
    rows = conn.execute(
        "SELECT n.id, n.term, n.depth, p.term, p.depth, g.term, r.reference FROM index_refs r "
        "JOIN index_nodes n ON n.id = r.node JOIN index_nodes p ON p.id = n.parent "
        "LEFT JOIN index_nodes g ON g.id = p.parent "
        "WHERE r.book = 'cm' AND r.reference LIKE '%, by site, with%'"
    ).fetchall()
    found: dict[tuple[str, str], str] = {}
    deeper: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for _, term, depth, parent, parent_depth, grand, reference in rows:
        target = _TARGET.match(str(reference))
        if target is None:
            continue
        main = _main_stem(target.group("main"))
        complication = target.group("with").strip()
        pairs: list[tuple[str, str, bool]] = []  # (adjective, main, deeper)
        term, parent = str(term), str(parent)
        if depth == 1 and _main_stem(parent) == main:
            pairs = [(w, main, False) for w in _variants(term)]  # "Hernia, incarcerated"
        elif depth == 1 and _main_stem(term) == main:
            pairs = [(w, main, False) for w in _variants(parent)]  # "Incarceration, hernia"
        elif depth == 2 and parent.lower() == "with" and _main_stem(str(grand or "")) == main:
            pairs = [(w, main, False) for w in _variants(term)]  # "Hernia, with, incarceration"
        elif depth == 2 and term.lower().startswith("with ") and parent_depth == 1:
            # "Hernia, incarcerated, with gangrene": a deeper line of the adjective
            owner = str(grand or "")
            adjectives = _variants(parent) if _main_stem(owner) == main else _variants(owner)
            said = term[5:].strip()
            pairs = [(w, main, True) for w in adjectives if _WORD.fullmatch(said.lower().split()[0])]
            for adjective, m, _ in pairs:
                deeper.setdefault((adjective, m), []).append((stem(said.lower().split()[0]), said))
            continue
        for adjective, m, _ in pairs:
            found.setdefault((adjective, m), complication)
    table: dict[str, list[Reading]] = {}
    for (adjective, main), complication in found.items():
        others = tuple(dict.fromkeys(deeper.get((adjective, main), [])))
        table.setdefault(adjective, []).append(Reading(main, complication, others))
    kept = {a: tuple(r) for a, r in table.items()}
    memo[_KEY] = kept
    return kept


def _main_stem(term: str) -> str:
    return stem(term.split(",")[0].strip().lower().split()[0]) if term.strip() else ""


def _variants(term: str) -> list[str]:
    """The stems of a line's one-word forms ("Incarceration, incarcerated" -> incarcer...)."""
    words = [p.strip().lower() for p in term.split(",")]
    return list(dict.fromkeys(stem(w) for w in words if _WORD.fullmatch(w)))


def may_read(text: str, table: dict[str, tuple[Reading, ...]]) -> bool:
    """Whether one of the words is an adjective the Index sends to a site's "with" line."""
    return any(stem(w) in table for w in _WORD.findall(text.lower()))


def read_by_site(text: str, table: dict[str, tuple[Reading, ...]]) -> str | None:
    """The query with its adjective said as the site's "with" line, or None when it names none beside its
    main term ("incarcerated hernia" -> "hernia with obstruction")."""
    low = text.lower()
    tokens = list(_WORD.finditer(low))
    stems = [stem(t.group(0)) for t in tokens]
    for n, s in enumerate(stems):
        for reading in table.get(s, ()):
            if reading.main not in stems or stems.index(reading.main) == n:
                continue
            if reading.complication.lower() in low:
                return None  # ("hernia with obstruction, incarcerated": said already)
            told = next(
                (
                    said
                    for other, said in reading.others
                    if other != reading.main
                    and any(
                        t == other and (k == 0 or tokens[k - 1].group(0) not in _NEGATING)
                        for k, t in enumerate(stems)
                    )
                ),
                None,
            )
            word = tokens[n]
            rest = f"{low[: word.start()]}{low[word.end() :]}"
            rest = re.sub(r"\s*,\s*(?=,|$)", "", rest)  # (the adjective's own clause, emptied)
            rest = " ".join(rest.split()).strip(" ,")
            if told is not None:
                return rest  # ("incarcerated hernia with gangrene": Hernia, by site, with gangrene)
            at = next(t.end() for t in _WORD.finditer(rest) if stem(t.group(0)) == reading.main)
            return f"{rest[:at]} with {reading.complication.lower()}{rest[at:]}"
    return None
