"""The clipped words of the HCPCS short descriptors, found from the words a user types in full.

About a quarter of the HCPCS Level II codes the product ships have only the CMS I/OCE short descriptor (28
characters), which clips its words the way a claim form does: "Irr supply sleev disp per mo" (irrigation
supply sleeve, disposable, per month), "Kerecis marigen shld sq cm" (shield), "Mirragen adv wnd mat per
sq" (advanced wound matrix), "Grad com garment neck/head" (gradient compression). A coder reads the clipped
word as the word typed in full, so a query word is read beside each short-descriptor token that clips it:
a token of three letters or more that begins the word ("irr" for irrigation, "disp" for disposable,
"sleev" for sleeve), or the word's consonants ("wnd" for wound, "shld" for shield). Only tokens that are
no English word count (a clipped word, not "mat" or "com" that other titles print as words), so the
reading adds nothing to any other code set's titles.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_TOKEN = re.compile(r"[a-z]+")
_VOWELS = re.compile(r"[aeiouy]")


def clipped_tokens(titles: Iterable[str], english: Callable[[str], bool]) -> frozenset[str]:
    """The tokens of short descriptors that are no English word (the descriptors' clipped words)."""
    return frozenset(
        t for title in titles for t in _TOKEN.findall(title.lower()) if len(t) >= 3 and not english(t)
    )


def _consonants(word: str) -> str:
    rest = _VOWELS.sub("", word[1:])
    return word[0] + re.sub(r"(.)\1+", r"\1", rest)


def clipped_forms(word: str, tokens: frozenset[str]) -> tuple[str, ...]:
    """The short-descriptor tokens that clip a word typed in full ("disposable" -> "disp"), or ()."""
    if len(word) < 4 or not word.isalpha():
        return ()
    found = [word[:k] for k in range(3, len(word)) if word[:k] in tokens]
    skeleton = _consonants(word)
    if skeleton != word and skeleton in tokens:
        found.append(skeleton)
    return tuple(dict.fromkeys(found))
