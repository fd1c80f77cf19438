"""A place said by a preposition and a body part, read as the Index's word built from a Latin prefix and the part.

"little skin tag in front of my baby's ear", "spotting between my periods", "lump around my belly button": the
patient places the finding by a preposition; the Index prints the place as one clinical word, a Latin or Greek
prefix of place before the part's adjective ("Tag, skin, preauricular" Q17.0; "Spots, spotting, intermenstrual"
N92.0; "periumbilical", "interscapular", "submandibular", "subcutaneous"). A coder hears the word: pre- is in
front of, retro- and post- behind, sub-, infra- and hypo- under, supra- and epi- above, peri- and circum-
around, inter- between, intra- and endo- inside, para- beside (the prefixes' dictionary meanings, `PREFIXES`).

The words come from the data, never from a list of answers: an Index word (bot.lookups.index.store's word
counts) made of a prefix of place and an adjective that WordNet says pertains to a noun ("auricular" -> auricle,
pinna, ear; "umbilical" -> navel, belly button; "menstrual" -> menstruation) is the place "<preposition> the
<noun>" for any name of that noun's sense the patient says ("ear", "belly button", "period"). `place_words`
puts the Index's word in place of the phrase; the search keeps the reading only when its answer uses that word
(bot.lookups.search.Searcher._placed).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bot.lookups.index.thing_kinds import singular_forms
from bot.lookups.wordnet import WordNet

# The prefixes of place by the prepositions that say them (their dictionary meanings).
PREFIXES: dict[str, tuple[str, ...]] = {
    "in front of": ("pre", "ante"),
    "behind": ("retro", "post"),
    "under": ("sub", "infra", "hypo"),
    "below": ("sub", "infra", "hypo"),
    "beneath": ("sub", "infra", "hypo"),
    "underneath": ("sub", "infra", "hypo"),
    "above": ("supra", "epi"),
    "around": ("peri", "circum"),
    "between": ("inter",),
    "inside": ("intra", "endo"),
    "within": ("intra", "endo"),
    "beside": ("para",),
    "next to": ("para",),
}
_OWNER = (
    r"(?:(?:my|his|her|your|their|our|the|a|an)\s+)?(?:(?P<owner>[a-z]+)'s\s+)?(?:(?:left|right|both)\s+)?"
)
_PREPOSITIONS = "|".join(p.replace(" ", r"\s+") for p in sorted(PREFIXES, key=len, reverse=True))
_PLACE = re.compile(rf"\b(?P<prep>{_PREPOSITIONS})\s+{_OWNER}(?P<part>[a-z]+(?:\s+[a-z]+)?)")
_LEAST = 4  # letters an adjective keeps after the prefix ("pre" + "auricular")


class PlaceWords:
    """The Index's words of a prefix of place and an adjective of a part, by (prefix, the part's sense id),
    read from the Index's word counts a prefix at a time (each prefix's words: a key range of the table)."""

    def __init__(self, execute: Callable[..., Any], wordnet: WordNet) -> None:
        self._execute = execute
        self._wordnet = wordnet
        self._by_prefix: dict[str, dict[int, str]] = {}

    def _words(self, prefix: str) -> dict[int, str]:
        found = self._by_prefix.get(prefix)
        if found is None:
            found = {}
            rows = self._execute(
                "SELECT word, count FROM index_word_counts WHERE word >= ? AND word < ? ORDER BY count DESC",
                [prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)],
            ).fetchall()
            for word, _count in rows:
                rest = str(word)[len(prefix) :].lstrip("-")
                if len(rest) < _LEAST or not rest.isalpha():
                    continue
                for sense in self._wordnet.pertains(rest):
                    found.setdefault(sense.id, str(word))
            self._by_prefix[prefix] = found
        return found

    def word(self, preposition: str, part: str) -> str | None:
        """The Index's one word for "<preposition> the <part>" ("in front of", "ear" -> preauricular), or None."""
        prefixes = PREFIXES.get(" ".join(preposition.split()), ())
        if not prefixes:
            return None
        senses = [s.id for form in singular_forms(part) for s in self._wordnet.senses(form)]
        for prefix in prefixes:
            words = self._words(prefix)
            for sense in senses:
                if sense in words:
                    return words[sense]
        return None


def may_place(text: str) -> bool:
    """A cheap test of the words: whether a preposition of place is said."""
    return _PLACE.search(text.lower()) is not None


def place_words(text: str, places: PlaceWords) -> tuple[str, str] | None:
    """The text (lowercase) with a preposition and a part said as the Index's one word, and that word; the
    owner said kept ("in front of my baby's ear" -> baby preauricular); None when no Index word says it."""
    low = " ".join(text.lower().replace("\u2019", "'").split())
    for found in _PLACE.finditer(low):
        words = found.group("part").split()
        for part in ([" ".join(words)] if len(words) > 1 else []) + [words[0]]:
            word = places.word(found.group("prep"), part)
            if word is None:
                continue
            end = found.start("part") + len(part)
            owner = f"{found.group('owner')} " if found.group("owner") else ""
            return f"{low[: found.start()]}{owner}{word}{low[end:]}".strip(), word
    return None
