"""Sites the Alphabetic Index reads as one another: a part and the region the Tabular prints for it.

The Index sends a subterm to another line whose last subterm names the site the Tabular codes it under:
"Deformity, tibia - see also Deformity, limb, specified type NEC, lower leg", "Deformity, femur - see also
..., thigh", "Wound, open, heel - see Wound, open, foot", "Frostbite, thigh - see Frostbite, hip". Chapter 13's
codes print such regions ("right lower leg", "right thigh", "left ankle and foot") or their bones ("right tibia
and fibula"), and a coder reads the tibia said in the record as the lower leg (ICD-10-CM's site convention for
the musculoskeletal system, which the Index's references state a line at a time).

`related_sites` gives, for the stems a query says, the stems of the sites those references read them as (a
part said reads as its region; a reference still naming the part is no reading): the said axis
(bot.lookups.index.said_axis) reads them when the query's own words say no value of the axis ("diverticulitis
of the sigmoid colon": K57.32 of the large intestine, not K57.92 "intestine, part unspecified"). (Read in the
Tabular completion too, it gained 2 rows and lost 3 of the read sets' index paths: left out.)
"""

from __future__ import annotations

import re
import sqlite3

from bot.lookups import data_version, derived
from bot.lookups.index.words import content_stems

# a stem -> the (site, the sites its references pair it with) of each site phrase holding the stem
Relations = dict[str, tuple[tuple[frozenset[str], frozenset[str]], ...]]
_BUILT: dict[str, Relations] = {}
SITE_PARTS = "site_parts"  # the derived table (bot.lookups.derived_tables) the data build stores them in
# Words of a reference's last subterm that name no site (a kind or a residual line): such a pair is left out.
_NO_SITE = content_stems(
    "NEC NOS specified unspecified type site sites other multiple part parts see also with without due to"
)
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^]]*\]")
_SIDES = content_stems("right left bilateral unilateral")
MAX_WORDS = 3  # a site named in more words is a phrase of the condition, no site


def _phrase(text: str) -> frozenset[str]:
    """A subterm's stems (parenthesized words aside), or none when it names no site."""
    stems = content_stems(_PARENTHESES.sub(" ", text))
    if not stems or len(stems) > MAX_WORDS or stems & _NO_SITE or any(s[:1].isdigit() for s in stems):
        return frozenset()
    return stems


def build_relations(conn: sqlite3.Connection) -> Relations:
    """Each subterm's stems -> the stems of the last subterm its "see" / "see also" reference ends in:
    ICD-10-CM Index lines below a main term whose reference is a line of the same main term, both named
    in words of the Neoplasm Table's sites (the Index's list of anatomical sites)."""
    sites: set[str] = set()
    for (term,) in conn.execute("SELECT term FROM index_nodes WHERE book = 'neoplasm'"):
        sites |= content_stems(_PARENTHESES.sub(" ", str(term)))
    sites -= _SIDES
    parents: dict[int, tuple[int, str]] = {
        int(node): (int(parent), str(term))
        for node, parent, term in conn.execute("SELECT id, parent, term FROM index_nodes WHERE book = 'cm'")
    }
    out: dict[frozenset[str], set[str]] = {}
    rows = conn.execute(
        "SELECT id, term, see, see_also FROM index_nodes WHERE book = 'cm' AND parent != 0 "
        "AND (see LIKE '%,%' OR see_also LIKE '%,%')"
    ).fetchall()
    for node, term, see, also in rows:
        part = _phrase(str(term))
        if not part or not part <= sites:
            continue
        main = _main_term(parents, int(node)).split(",")[0].strip().lower()
        for reference in (str(see), str(also)):
            if "," not in reference or not reference.lower().startswith(main):
                continue
            whole = _phrase(reference.rsplit(",", 1)[1])
            if not whole or not whole <= sites or whole <= part or part <= whole:
                continue
            if part & content_stems(reference):
                continue  # (the reference still names the part: its last subterm is a neighbour, no reading)
            out.setdefault(part, set()).update(whole)
    by_stem: dict[str, list[tuple[frozenset[str], frozenset[str]]]] = {}
    for part, wholes in out.items():
        for word in part:
            by_stem.setdefault(word, []).append((part, frozenset(wholes)))
    return {word: tuple(pairs) for word, pairs in by_stem.items()}


def encode_relations(relations: Relations) -> dict[str, list[list[list[str]]]]:
    """The relations as JSON: stem -> [[part stems], [region stems]] pairs, stems sorted."""
    return {
        word: [[sorted(part), sorted(wholes)] for part, wholes in pairs] for word, pairs in relations.items()
    }


def decode_relations(stored: dict[str, list[list[list[str]]]]) -> Relations:
    """The stored relations read back (encode_relations)."""
    return {
        word: tuple((frozenset(part), frozenset(wholes)) for part, wholes in pairs)
        for word, pairs in stored.items()
    }


def _main_term(parents: dict[int, tuple[int, str]], node: int) -> str:
    """The main term an Index line lies under."""
    term = ""
    while node in parents:
        node, term = parents[node][0], parents[node][1]
        if node == 0:
            break
    return term


def related_sites(
    conn: sqlite3.Connection, memo: dict[object, object], said: frozenset[str]
) -> frozenset[str]:
    """The stems of the sites the Index's references pair with the sites the query says (its own words
    left out)."""
    relations = data_version.kept(
        conn,
        memo,
        ("site parts",),
        _BUILT,
        lambda: derived.stored_or_built(conn, SITE_PARTS, decode_relations, lambda: build_relations(conn)),
    )
    out: set[str] = set()
    for word in said:
        for part, wholes in relations.get(word, ()):
            if part <= said:
                out |= wholes
    return frozenset(out - said)
