"""A venomous animal's bite or sting, read as its Table of Drugs and Chemicals line.

A coder reading "scorpion sting on foot", "rattlesnake bite to left hand", "stepped on a stingray" or "bitten
by a copperhead" does not code the open bite of the hand or the nonvenomous snake first: the Index sends a
venomous bite or sting to the Table ("Bite, venomous - see Venom, by specific animal"; "Sting - see Table of
Drugs and Chemicals, by animal"), and the Table names the animal on its own line ("Rattlesnake (venom)",
"Copperhead snake (bite) (venom)") or below "Venom, venomous" ("scorpion", "sting ray", "spider, black
widow"). The toxic effect (T63) is coded first, in the column the intent words choose (accidental unless
said otherwise), and the wound beside it.

`venom_animals` reads the Table's named animals once; `read_venom` finds a bite or sting of one of them in a
query and returns the Table line's words with the column's words, a query the Drug Table answers on its own.
A generic word ("snake", "spider", "insect", "fish", "lizard") names no animal the Table sets apart from its
harmless kin, so it is left to the Index's own reading; so are a bite said to be nonvenomous or dry, an
allergy to stings and a history of one.
"""

from __future__ import annotations

import re
import sqlite3

from bot.lookups.index.substance_stories import ACCIDENTAL, ENCOUNTER_WORDS, INTENTS

# A bite, a sting or contact with a venomous animal.
BITTEN = re.compile(
    r"\b(?:bite|bites|bit|bitten|biting|sting|stings|stung|stinging|envenom\w*|venom\w*|stepped\s+on|"
    r"barb|barbed|spined)\b"
)
# Not a toxic effect: a bite said harmless, an allergy to stings (Z91.03-), a history of one.
NOT_VENOM = re.compile(
    r"\bnon-?venomous\b|\bnot\s+venomous\b|\bdry\s+bite\b|\ballerg\w*|\bhistory\b|\bh/o\b|\bhx\b|"
    r"\bscreen\w*|\bphobia\b|\bfear\b"
)
# The Table's words for an animal it does not set apart ("Snake venom or bite", "Spider (bite) (venom)"):
# the Index reads these with the query's other words (venomous or not, a wound or a poisoning).
GENERIC = frozenset(
    {
        "amphibian",
        "animal",
        "animals",
        "arthropod",
        "coral",
        "fish",
        "insect",
        "lizard",
        "marine",
        "plant",
        "plants",
        "reptile",
        "snake",
        "snake venom or bite",
        "spider",
        "specified",
        "venom",
        "african",
        "american",
        "asian",
        "australian",
    }
)
VENOM_LINE = "Venom, venomous"


def venom_animals(conn: sqlite3.Connection) -> dict[str, str]:
    """The animals the Drug Table names with a venom line of their own (T63), by their name in lower case
    (also written as one word: "sting ray" said "stingray"), each with the words of its Table path:
    "scorpion" -> "venom scorpion", "black widow" -> "venom spider black widow", "copperhead snake" ->
    "copperhead snake"."""
    names: dict[str, str] = {}
    venom = conn.execute(
        "SELECT id FROM index_nodes WHERE book = 'drug' AND depth = 0 AND term = ?", (VENOM_LINE,)
    ).fetchone()
    venom_id = int(venom[0]) if venom else -1
    kids = {
        int(i): str(t).lower()
        for i, t in conn.execute(
            "SELECT id, term FROM index_nodes WHERE book = 'drug' AND parent = ?", (venom_id,)
        )
    }
    rows = conn.execute(
        "SELECT parent, depth, term FROM index_nodes WHERE book = 'drug' AND depth < 3 AND cells LIKE 'T63%'"
    )
    for parent, depth, term in rows:
        name = " ".join(re.sub(r"\bnec\b", " ", str(term).lower()).split()).strip(" ,")
        if not name or name in GENERIC or "," in name or "specified" in name:
            continue
        if depth == 0:
            path = name
        elif int(parent) == venom_id:
            path = f"venom {name}"
        elif int(parent) in kids:
            path = f"venom {kids[int(parent)]} {name}"
        else:
            continue
        names.setdefault(name, path)
        if " " in name:
            names.setdefault(name.replace(" ", ""), path)
        head, _, kind = name.rpartition(" ")
        if head and kind in {"snake", "spider"}:
            names.setdefault(head, path)  # "Copperhead snake" said "copperhead"
    return names


def may_tell_venom(text: str) -> bool:
    """Whether a query says a bite or a sting at all, and no words that make it something else: the cheap
    test before the Table's animals are read."""
    lowered = text.lower()
    return bool(BITTEN.search(lowered)) and not NOT_VENOM.search(lowered)


def read_venom(text: str, animals: dict[str, str]) -> str | None:
    """The Drug Table query for a venomous animal's bite or sting the text tells ("stung by a scorpion" ->
    "venom scorpion poisoning accidental"); None when it tells none, or names no single animal."""
    if not may_tell_venom(text):
        return None
    lowered = " ".join(text.lower().replace(",", " , ").split())
    words = re.findall(r"[a-z][a-z'-]*", lowered)
    found: list[tuple[int, str]] = []  # (words in the name, its Table path)
    taken: set[int] = set()
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            if taken & set(range(i, i + size)):
                continue
            phrase = " ".join(words[i : i + size])
            path = animals.get(phrase) or (animals.get(phrase[:-1]) if phrase.endswith("s") else None)
            if path is not None:
                found.append((size, path))
                taken |= set(range(i, i + size))
    paths = {path for _, path in found}
    if len(paths) != 1:
        return None  # none, or two animals: the words do not say which leads
    column = next((words for pattern, words in INTENTS if pattern.search(lowered)), ACCIDENTAL)
    encounter = [w for w in words if w in ENCOUNTER_WORDS]
    return " ".join([paths.pop(), column, *encounter])
