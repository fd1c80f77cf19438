"""The chart's Latin sides of the ears: AD / AS / AU (auris dextra, sinistra, utraque) - right, left, both.

Coders read "SNHL AU" as bilateral sensorineural hearing loss and "otitis externa AS" as the left ear's. The
same letters say other things elsewhere ("AS" is a word and ankylosing spondylitis or aortic stenosis, "AD"
Alzheimer's disease), so they are read as sides only beside a word of the ear (a part of it or a condition of
the ear chapter, as said or as the vocabulary reads an abbreviation), and then said in the words the Tabular
uses (Tinnitus, bilateral). (The eye's OD / OS / OU are read by the query reader for the eye chapter's codes:
bot.lookups.index.query.EYE_SIDES.)
"""

from __future__ import annotations

import re
from collections.abc import Callable

EAR_SIDES = {"ad": "right", "as": "left", "au": "bilateral"}
# Words of the ear: its parts and the conditions of the ear chapter (H60-H95) named by the organ.
EAR_WORDS = frozenset(
    {
        "ear", "ears", "aural", "auricle", "pinna", "tympanic", "eardrum", "cochlea", "cochlear", "hearing",
        "deaf", "deafness", "otitis", "otalgia", "otorrhea", "otosclerosis", "cerumen", "earwax", "tinnitus",
        "mastoid", "mastoiditis", "cholesteatoma", "labyrinthitis", "audiogram", "eustachian", "myringitis",
        "presbycusis", "vestibular",
    }
)  # fmt: skip
_LETTERS = re.compile(r"\b(ad|as|au)\b")
_WORDS = re.compile(r"[a-z]+")
# "as" ends its clause when it is a side ("otitis externa AS", "CHL AS only, AD normal"), not in a sentence.
_SIDE_AS = re.compile(r"\bas(?=\s*(?:$|[,;.]|(?:only|and|with|on)\b))")


def read_ear_sides(text: str, typed: str, expand: Callable[[str], str]) -> str:
    """The text with an ear's AD / AS / AU said as right, left, bilateral when a word of the ear is said
    (`expand`: the text as the vocabulary reads it, so "SNHL" says hearing; `typed`: the query with its
    punctuation, where an "as" that is a side ends its clause - not "hearing loss as a child")."""
    letters = set(_LETTERS.findall(text))
    if "as" in letters and not _SIDE_AS.search(typed):
        letters.discard("as")
    if not letters:
        return text
    said = set(_WORDS.findall(text)) | set(_WORDS.findall(expand(text)))
    if not said & EAR_WORDS:
        return text
    return _LETTERS.sub(lambda m: EAR_SIDES[m.group(1)] if m.group(1) in letters else m.group(1), text)
