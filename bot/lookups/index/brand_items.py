"""A HCPCS item asked by the trade name its descriptor prints, or named as an object with no event.

A HCPCS Level II item's descriptor often is a brand: the skin substitutes ("Biobrane, per sq cm", "Kerecis
marigen shld sq cm", "Matriderm per sq cm"), devices and supplies. A coder who reads a trade name looks
for the line that prints it, whatever generic words the query wraps it in ("Biobrane skin substitute per
sq cm", "Matriderm dermal matrix"): the generic words say the kind of product, which every line of the
family shares, and the unit ("per sq cm") is the billing unit. So a query word no dictionary, Index line or
other code set holds, printed by a few HCPCS lines only, names those lines; among them the line sharing
most of the other words leads (`brand_lines`).

An object named with no event ("hot water bottle", "heating pad") is the item the supplier bills, not an
external cause: the External Cause Index codes how an injury happened ("contact with hot tap water"), and a
query without an injury, a burn or a verb of what happened tells none (`object_without_event`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

BRAND_LINES_MAX = 6  # a word printed by more lines is a family's word, no trade name
# The item families a trade name names: supplies and radiopharmaceuticals (A), equipment (E, K), orthoses and
# prostheses (L), skin substitutes (Q4), vision and hearing (V). A drug's (J), a service's or a measure's (G,
# S, C) word is read by the drug lines and the service readings.
BRAND_ITEM_PREFIXES = ("A", "E", "K", "L", "Q4", "V")
_BRAND = re.compile(r"^[a-z][a-z0-9-]{3,}$")


# A word formed as an English or medical word is no trade name: with a derivational ending ("inspiratory",
# "parenteral") or a prefix on an English word ("prefilled", "nonsterile", "reusable").
_FORMED = re.compile(
    r"(?:ory|ive|al|ic|ous|ary|ing|ed|tion|sion|ment|ity|ness|able|ible|ize|ise|ist|oid|osis|itis|ia)$"
)
_PREFIXES = ("pre", "non", "re", "un", "multi", "semi", "anti", "post", "over", "under", "self")


def brand_candidates(words: Iterable[str], known: Callable[[str], bool]) -> list[str]:
    """The words that may be a trade name: four letters or more, no English, vocabulary or Index word, nor
    one formed as one."""
    return [
        w
        for w in dict.fromkeys(words)
        if _BRAND.match(w)
        and not w[-1].isdigit()
        and not known(w)
        and not _FORMED.search(w)
        and not any(w.startswith(p) and known(w[len(p) :].lstrip("-")) for p in _PREFIXES)
    ]


def brand_lines(
    brand_rows: list[tuple[str, str]], said: frozenset[str], stems: Callable[[str], frozenset[str]]
) -> list[tuple[str, str]]:
    """The (code, title) lines printing a trade name, the line sharing most said word stems first, then one
    that is not a part only when "only" is not said ("frejka type with cover" before "(frejka cover only)"),
    then the shortest title ("Biobrane, per sq cm" before "Biobrane glove, each")."""

    def rank(row: tuple[str, str]) -> tuple[int, bool, int, str]:
        own = stems(row[1])
        return (-len(said & own), "only" in own - said, len(row[1]), row[0])

    return sorted(brand_rows, key=rank)


# What happened: an injury, a burn, an exposure, a verb of an event. Said, the object is an external cause.
_EVENT = re.compile(
    r"\b(?:burn(?:ed|t|s)?|scald(?:ed|s)?|injur(?:y|ies|ed)|contact|touch(?:ed)?|fell|fall(?:ing|s)?|"
    r"hit|struck|cut|bitten|bite|spill(?:ed)?|exploded?|explosion|accident|caught|crushed|tripped|"
    r"slipped|ingest(?:ed|ion)?|swallowed|drank|overexertion|strain(?:ed)?|laceration|wound|"
    r"blister(?:s|ed)?|initial|subsequent|sequela|encounter|while|from|with|by|on|my|i)\b"
)


def object_without_event(text: str) -> bool:
    """Whether the query tells no event: no injury, burn, verb of what happened, person or encounter."""
    return not _EVENT.search(text.lower())


def _doer(word: str) -> str:
    """The verb an agent noun is made from ("reacher" -> reach, "grabber" -> grab): a descriptor names the
    item by what it does ("Reaching/grabbing device")."""
    if len(word) < 6 or not word.endswith("er"):
        return word
    verb = word[:-2]
    return verb[:-1] if verb[-1] == verb[-2] and verb[-1] not in "aeiousl" else verb


def item_by_head(
    said: list[str], rows: list[tuple[str, str]], stems: Callable[[str], frozenset[str]]
) -> list[tuple[str, str]]:
    """The (code, title) lines whose own head (before the first comma, semicolon or parenthesis) ends with the
    last word said (the item's head noun) and that print every other word but one, two words at least ("hot water bottle":
    "Cold or hot fluid bottle, ..."), an item's line (no service's: "golf activity"), the line printing most
    first."""
    if len(said) < 2:
        return []
    wanted = [stems(w) | stems(_doer(w)) | stems(w.removesuffix("s")) for w in said]
    head = wanted[-1]
    scored = []
    for code, title in rows:
        named = re.findall(r"[a-z]+", re.split(r"[,;(]", title.lower(), maxsplit=1)[0])
        if not named or not head & stems(named[-1]):
            continue
        own = stems(title)
        shared = sum(1 for forms in wanted if forms & own)
        if shared >= max(2, len(wanted) - 1) and code.startswith(BRAND_ITEM_PREFIXES):
            scored.append((-shared, len(title), code, title))
    return [(code, title) for _, _, code, title in sorted(scored)]
