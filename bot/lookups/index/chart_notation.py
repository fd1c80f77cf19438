"""Clinicians' notation for a cranial nerve and for a size, read as the words a coder looks up.

- A cranial nerve is written by its number, in Roman or Arabic numerals ("L CN VI palsy", "CN III palsy,
  pupil sparing", "cranial nerve 7 weakness", "CN6"). The Index names it by its ordinal ("Disorder, nerve,
  cranial, sixth - see Strabismus, paralytic, sixth nerve"; "Palsy, seventh nerve - see Palsy, facial"): the
  numeral is read as "<ordinal> nerve". An ordinal already written ("third nerve palsy") is the Index's word as it
  stands; a nerve named by its ordinal is a cranial nerve, which the Index's lines print ("Palsy, cranial nerve"):
  the word is theirs to use, not a word the query failed to say.
- A size or a length ("dilated aortic root 4.3 cm on echo", "nodule 6 mm", "2.1 cm") is no word of the Index,
  which codes what was measured; "cm" read on its own would be an abbreviation (cardiomyopathy). A number with
  its unit of length is dropped (organ sizes with limits the Index reads, "spleen 16 cm", are read before this:
  bot.lookups.index.lab_values).
"""

from __future__ import annotations

import re

ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
)
ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
_NUMBER = {**{r: i for i, r in enumerate(ROMAN)}, **{str(i + 1): i for i in range(12)}}
_NUMERAL = r"(xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i|1[0-2]|[1-9])"
# "CN VI", "CN6", "CN-III", "cranial nerve 7", "cranial nerves III" (not "CN" alone, nor a number past 12)
_NERVE = re.compile(rf"\b(?:cn|cranial\s+nerves?)\s*-?\s*{_NUMERAL}\b(?!\s*(?:cm|mm|%))")
# (but the seventh, whose palsy the Index prints under its own words: "Palsy, seventh nerve - see Palsy, facial")
_DIGIT_ORDINALS = ("1st", "2nd", "3rd", "4th", "5th", "6th", "8th", "9th", "10th", "11th", "12th")
_ORDINAL_NERVE = re.compile(
    rf"\b(?:{'|'.join([*(o for o in ORDINALS if o != 'seventh'), *_DIGIT_ORDINALS])})\s+nerves?\b"
)
_LENGTH = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s*(?:cm|mm)\b(?!\s*hg)")


def read_nerve_numbers(text: str, notes: list[str]) -> str:
    """The text with each cranial nerve said by its number said by its ordinal ("sixth nerve")."""

    def ordinal(match: re.Match[str]) -> str:
        said = ORDINALS[_NUMBER[match.group(1)]]
        notes.append(f"read: {match.group(0)} -> {said} nerve")
        return f"{said} nerve"

    return _NERVE.sub(ordinal, text)


def without_lengths(text: str) -> str:
    """The text less the sizes it states ("4.3 cm", "6 mm")."""
    return " ".join(_LENGTH.sub(" ", text).split()) if _LENGTH.search(text) else text


def names_cranial_nerve(text: str) -> bool:
    """Whether the text names a nerve by its ordinal ("third nerve"): a cranial nerve."""
    return bool(_ORDINAL_NERVE.search(text))
