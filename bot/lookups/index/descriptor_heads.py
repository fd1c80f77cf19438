"""The head noun of a HCPCS Level II descriptor: the item the line is for, read by the descriptor's grammar.

A HCPCS descriptor is a noun phrase whose head comes before its complements: "Pump for alternating pressure
pad, for replacement only" is a pump (the pad is what it is for), "Powered pressure reducing mattress
overlay/pad, alternating, with pump" a pad (the pump is what comes with it), "Segmental pneumatic appliance for
use with pneumatic compressor, trunk" an appliance, "Mattress, innerspring" a mattress, "Hospital bed, total
electric ..., with mattress" a bed. The head phrase is the descriptor's first segment (before its first comma or
semicolon; after a family heading such as "Addition to lower extremity," or "... accessory," the next one) up
to its first preposition; the head noun is that phrase's last word (words joined by a slash are alternatives:
"overlay/pad"). A coder asked for an item takes the line whose head noun is the item, never a line that only
names the item as what it is used for or comes with: a mattress line is not a bed, a pump line is not a pad.
"""

from __future__ import annotations

import re

from bot.lookups.hcpcs_items import _FAMILY_HEADING

_SEGMENTS = re.compile(r"[,;]")
_ASIDE = re.compile(r"\([^()]*\)")  # "Continuous positive airway pressure (cpap) device": an aside
# Where a descriptor's head phrase ends: a preposition or participle opening a complement ("for", "with",
# "used with", "of", "without", "at").
_COMPLEMENT = re.compile(
    r"\s(?:for|with|without|w/|w/o|of|used|in|on|to|at|that|which|includes?|including|per|by)\s|\s-\s"
)
# The HCPCS Level II sections whose lines are items (the HCPCS file's own headings): medical and surgical
# supplies (A4000-A8999), enteral and parenteral therapy (B), durable medical equipment (E), the DME MACs'
# temporary codes (K) and orthotic and prosthetic procedures and devices (L). A service's descriptor (G, S,
# T ...) names an act, a drug's (J ...) its form, whose heads are no item.
ITEM_SECTIONS = ("A4", "A5", "A6", "A7", "A8", "B", "E", "K", "L")


def item_line(code: str) -> bool:
    """Whether a HCPCS code is in a section of items (supplies, DME, orthotics and prosthetics)."""
    return code.upper().startswith(ITEM_SECTIONS)


_WORD = re.compile(r"[a-z][a-z'-]*")


def head_phrase(title: str) -> str:
    """The words of a descriptor's head phrase ("Pump for alternating pressure pad, ..." -> "pump")."""
    parts = [p.strip() for p in _SEGMENTS.split(_ASIDE.sub(" ", title.lower()), maxsplit=2)]
    first = parts[1] if len(parts) > 1 and _FAMILY_HEADING.search(parts[0]) and parts[1] else parts[0]
    return _COMPLEMENT.split(f" {first} ", maxsplit=1)[0].strip()


_CONJUNCTS = re.compile(r"\s(?:or|and|&)\s")


def head_nouns(title: str) -> frozenset[str]:
    """The head noun of a descriptor (its alternatives joined by a slash, "or" or "and": the last word of each),
    singular: "Powered pressure reducing mattress overlay/pad" -> {overlay, pad}; "Sling or seat, patient
    lift" -> {sling, seat}; "Lancets" -> {lancet}."""
    heads: set[str] = set()
    for conjunct in _CONJUNCTS.split(head_phrase(title)):
        words = conjunct.split()
        if words:
            heads.update(_singular(w) for w in _WORD.findall(words[-1].replace("/", " ")))
    return frozenset(heads)


def names_in_complement(title: str, noun: str, phrase: str = "") -> bool:
    """Whether a descriptor names the item only as what its own head is for, comes with or is used with: the
    item noun after its head phrase ("Pump for alternating pressure pad": pad), or the item phrase of two
    words or more whole before another head noun ("Insulin pump initiation, ...": an initiation) - not a word
    modifying its own head ("Standard wheelchair": standard)."""
    noun = _singular(noun.lower())
    head = head_phrase(title)
    own = {_singular(w) for w in _WORD.findall(head)}
    said = {_singular(w) for w in _WORD.findall(_ASIDE.sub(" ", title.lower()))}
    if noun in said and noun not in own:
        return True
    told = " ".join(_WORD.findall(phrase.lower()))
    return len(told.split()) >= 2 and f" {told} " in f" {head} " and not head.endswith(told)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ss") or len(word) <= 3:
        return word
    return word[:-1] if word.endswith("s") else word


def heads_item(title: str, noun: str) -> bool:
    """Whether a descriptor's head noun is the item noun said ("pad": E0181's "mattress overlay/pad", not
    E0182's "Pump for alternating pressure pad")."""
    return _singular(noun.lower()) in head_nouns(title)
