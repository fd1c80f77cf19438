"""How a word sounds, for spelling correction: words spelt by ear ("exema", "cirosis", "soriasis") share the
key of the word they sound like (eczema, cirrhosis, psoriasis) though they are two or more edits from it."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import DamerauLevenshtein

from bot.lookups.index.words import WORD_CACHE

# Spellings of one sound, rewritten in order to one spelling each.
_SAME_SOUND: tuple[tuple[str, str], ...] = (
    (r"ph", "f"),
    (r"ck", "k"),
    (r"x", "ks"),
    (r"qu", "kw"),
    (r"q", "k"),
    (r"c(?=[eiy])", "s"),
    (r"c", "k"),
    (r"z", "s"),
    (r"(?<=[rtkg])h", ""),  # rh, th, kh, gh: the h is silent or dropped by ear (cirrhosis, diarrhea)
    (r"^pn", "n"),
    (r"^ps", "s"),
    (r"y", "i"),
)


@lru_cache(maxsize=WORD_CACHE)
def sound_key(word: str) -> str:
    """The word with spellings of one sound made one and doubled letters single."""
    key = word.lower()
    for pattern, spelling in _SAME_SOUND:
        key = re.sub(pattern, spelling, key)
    return re.sub(r"(.)\1+", r"\1", key)


# Vowels (and w, h, y between them) are where ear-spelt words go wrong most ("hydroseal", "emphazyma",
# "newmonia"): the consonants, in order, are what the ear keeps.
_VOWELS = re.compile(r"(?<=.)[aeiouyhw]")


@lru_cache(maxsize=WORD_CACHE)
def consonant_key(word: str) -> str:
    """The word's sound key without its vowels after the first letter ("hydroseal", "hydrocele": hdrsl)."""
    return _VOWELS.sub("", sound_key(word))


_CONSONANTS = re.compile(r"[^aeiouy]")


def vowel_distance(word: str, other: str) -> int:
    """How far apart the vowels of two words are, in order ("hydroseal" yoea, "hydrocele" yoee: 1)."""
    mine, theirs = _CONSONANTS.sub("", word.lower()), _CONSONANTS.sub("", other.lower())
    return int(DamerauLevenshtein.distance(mine, theirs))


# A first letter the ear does not hear, or hears as another ("pneumonia" said "neumonia", "psoriasis"
# "soriasis", "pharyngitis" "faringitis"): where else a word spelt by ear may begin.
SILENT_STARTS: dict[str, tuple[str, ...]] = {
    "n": ("pn", "kn", "gn"),
    "s": ("ps", "c", "sc"),
    "f": ("ph",),
    "k": ("c", "ch"),
    "r": ("rh", "wr"),
    "t": ("pt", "th"),
    "c": ("k", "s"),
    "e": ("a", "ae", "oe"),
}
