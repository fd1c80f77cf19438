"""A body part named otherwise than the PCS tables name it is read through the Body Part Key.

The ICD-10-PCS Index's Body Part Key lines ("Achilles tendon - use Lower Leg Tendon, Right / Left", "Radial
artery ... ", "Middle hemorrhoidal vein - use Hypogastric Vein, Right / Left") say which body part value an
anatomical name is coded to. A coder reading "open repair of ruptured left Achilles tendon" looks up Achilles
tendon in the key, then walks "Repair, Tendon, Lower Leg, Left". Here, when the query says a key line's name
whole (every word of the line, parenthesized ones aside: "Vertebral artery, intracranial portion" needs
its portion), the body part value's words
are read beside the name's own words in the PCS Index walk (as a procedure word's body part is), sides aside
(the query says its own side). A bone's landmark is said without the head noun the key names it with
("ORIF olecranon fracture": "Olecranon process - use Ulna"; "hamate" for "Hamate bone - use Carpal") when no
other line of that word is said whole, and so is a muscle or tendon a procedure is done on ("open drainage of a
left psoas abscess": "Psoas muscle - use Hip Muscle") ("olecranon bursa" keeps its own line). Device Key lines ("- use Monitoring Device") name a device, not a body part,
and are read by the table completion instead (bot.lookups.index.completion.value_words).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence

from bot.lookups.index.store import pcs_use_values
from bot.lookups.index.words import content_stems, stem

_PARENTHESIZED = re.compile(r"\([^)]*\)")
SIDES = frozenset({"right", "left", "bilateral"})
# A key line whose value is one of these names a device, not a body part.
DEVICE_VALUES = frozenset(
    stem(w) for w in ("device", "substitute", "lead", "electrode", "element", "generator", "pacemaker")
)
# An imaging study's words: a study shows a region ("ACL rupture on MRI" is a finding the study showed), the
# Body Part Key is read for a body part operated on.
STUDY_WORDS = frozenset(
    stem(w)
    for w in (
        "imaging",
        "mri",
        "ct",
        "scan",
        "x-ray",
        "xray",
        "radiograph",
        "radiography",
        "ultrasound",
        "ultrasonography",
        "fluoroscopy",
        "tomography",
        "angiography",
        "doppler",
    )
)
# The head nouns a bone's landmark is named with in the Key ("Olecranon process - use Ulna", "Hamate bone - use
# Carpal") and that a note leaves out ("olecranon fracture", "hamate fracture").
LANDMARK_HEADS = frozenset(stem(w) for w in ("process", "bone"))
# The head nouns a muscle, tendon or nerve is named with in the Key ("Psoas muscle - use Hip Muscle", "Achilles tendon -
# use Lower Leg Tendon") and that a note of the procedure done on it leaves out ("drainage of a psoas abscess",
# "repair of ruptured Achilles"); without a procedure word the name is read no further ("Achilles reflex").
TISSUE_HEADS = frozenset(stem(w) for w in ("muscle", "tendon", "nerve"))
MAX_KEY_WORDS = 4  # a key name longer than this is a description, not a name said in a query

KeyLine = tuple[frozenset[str], tuple[str, ...]]


def _key_lines(conn: sqlite3.Connection, word: str, memo: dict[object, object]) -> tuple[KeyLine, ...]:
    """The Body Part Key lines whose name holds a word: the name's stems (all of the line's words, parenthesized
    ones aside: "Vertebral artery, intracranial portion" is said only with its portion) and the value's words."""
    key = ("body part key", word)
    found = memo.get(key)
    if isinstance(found, tuple):
        return found
    lines: dict[str, dict[str, None]] = {}
    for term, value in pcs_use_values(conn, word):
        if content_stems(value) & DEVICE_VALUES:
            continue
        words = [w for w in re.findall(r"[a-z]+", value.lower()) if w not in SIDES]
        lines.setdefault(term, {}).update(dict.fromkeys(words))
    found = tuple(
        (content_stems(_PARENTHESIZED.sub(" ", term)), tuple(words)) for term, words in sorted(lines.items())
    )
    memo[key] = found
    return found


def body_part_key_words(
    conn: sqlite3.Connection,
    words: Sequence[str],
    memo: dict[object, object],
    operated: bool = False,
    pertains: Callable[[str], list[str]] | None = None,
) -> dict[str, list[str]]:
    """Each query word that belongs to a Body Part Key name the query says whole, with the words of the body
    part value it is coded to ("achilles" in "left achilles tendon" -> lower, leg, tendon); with `operated`
    (the query names a procedure) a muscle or tendon said without its head noun too ("psoas abscess").

    With `pertains` (the nouns an adjective pertains to, WordNet's pertainyms), a key name "X of Y" is also said
    by Y's adjective: "femoral neck" says "Neck of femur - use Upper Femur", "tibial condyle" the condyle of
    tibia, as anatomy names one part either way."""
    said = frozenset(stem(w) for w in words)
    out: dict[str, list[str]] = {}
    if said & STUDY_WORDS:
        return out
    if pertains is not None:
        said |= adjective_nouns(words, pertains)
    heads = LANDMARK_HEADS | TISSUE_HEADS if operated else LANDMARK_HEADS
    for word in words:
        own = stem(word)
        lines = [
            (name, value)
            for name, value in _key_lines(conn, own, memo)
            if name and len(name) <= MAX_KEY_WORDS and own in name
        ]
        whole = [(name, value) for name, value in lines if name <= said]
        if not whole and own not in heads:
            # "ORIF olecranon fracture": a bony landmark said without the head noun the Key spells it with
            # ("Olecranon process", "Hamate bone"), when no other line of the word is said whole; so a
            # muscle or tendon operated on ("open drainage of a left psoas abscess": "Psoas muscle").
            whole = [(name, value) for name, value in lines if name & heads and name - heads <= said]
        for _, value in whole:
            if own in content_stems(" ".join(value)):
                continue  # "tendon" of "Achilles tendon" is the value's own word
            out.setdefault(word, [])
            out[word] += [v for v in value if v not in out[word]]
    return out


def adjective_nouns(words: Sequence[str], pertains: Callable[[str], list[str]]) -> frozenset[str]:
    """The stems of the one-word nouns the query's adjectives pertain to ("femoral" -> femur, thigh)."""
    return frozenset(
        stem(lemma) for w in words if len(w) > 3 for lemma in pertains(w.lower()) if lemma.isalpha()
    )


def key_note(keyed: dict[str, list[str]], title: str) -> str:
    """What an answer's explanation says of the key names its body part reads (" (Body Part Key: achilles ->
    lower leg tendon)"), so the names count as used; "" when its title names no such body part."""
    have = content_stems(title)
    told = [
        f"{word} -> {' '.join(value)}"
        for word, value in keyed.items()
        if content_stems(" ".join(value)) <= have
    ]
    return f" (Body Part Key: {'; '.join(told)})" if told else ""


# The lymph nodes are coded to the body part values of the Lymphatic and Hemic Systems by region ("Lymphatic,
# Axillary, Left": the nodes and vessels of the axilla); the Index names them "Lymphatic", never "lymph node".
LYMPH = "lymph"
NODE_WORDS = frozenset({"node", "nodes", "nodal"})
LYMPHATIC = "lymphatic"


def lymph_node_words(words: Sequence[str]) -> dict[str, list[str]]:
    """ "excision of right axillary lymph nodes": the node words read as the Lymphatic body part values."""
    said = [w.lower() for w in words]
    if LYMPH not in said or not NODE_WORDS & set(said):
        return {}
    return {w: [LYMPHATIC] for w in said if w == LYMPH or w in NODE_WORDS}
