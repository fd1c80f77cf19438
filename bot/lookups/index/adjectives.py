"""A patient's -y adjective read as the noun the Index uses: "itchy" -> itch, "achy" -> ache, "gassy" -> gas,
"dizzy" -> dizziness; a chart's Greek adjective read as the noun of its condition: "cachectic" -> cachexia,
"cyanotic" -> cyanosis, "uremic" -> uremia; a lesion's size said as a prefix of its morphology read as the morphology: "macroadenoma"
-> adenoma.

A generic suffix rule, not a list of pairs: the noun forms of an adjective ending in "-y" are the word less its
"y" (itch, blood), less a doubled last consonant too (gas), with an "e" (ache, wheeze) and with "-iness"
(dizziness, drowsiness); the search keeps the one the Index holds (see Searcher._spelling).
"""

from __future__ import annotations

MIN_LETTERS = 4  # "dry", "shy": too short to be an adjective of a noun


# The Greek adjective endings of a condition and its noun's ending (cachectic: cachexia; cyanotic: cyanosis;
# anemic: anemia; hematuric: hematuria).
GREEK_ENDINGS = (("ectic", "exia"), ("otic", "osis"), ("emic", "emia"), ("uric", "uria"))
MIN_GREEK_STEM = 3  # "toxic" is no "-osis" word


def noun_forms(word: str) -> list[str]:
    """The nouns an adjective ending in "-y", or in a condition's Greek ending, may be made from, most likely
    first ("" for other words)."""
    for ending, noun in GREEK_ENDINGS:
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base) >= MIN_GREEK_STEM and word.isalpha():
            return [base + noun]
    if (
        len(word) < MIN_LETTERS
        or not word.endswith("y")
        or not word.isalpha()
        or word.endswith(("ey", "ay", "oy", "uy"))
    ):
        return []
    base = word[:-1]
    forms = [base]
    if len(base) >= 3 and base[-1] == base[-2]:
        forms.append(base[:-1])  # gassy -> gas
    forms += [base + "e", base + "iness"]
    return [f for f in forms if len(f) >= 3]


# A lesion's size said as a prefix of its morphology ("macroadenoma", "microcarcinoma"): the Index lists the
# morphology, its size being no subterm.
SIZE_PREFIXES = ("macro", "micro")
MIN_MORPHOLOGY = 5  # "micro" + "cyte": too short a rest to be a morphology named by size


def without_size_prefix(word: str) -> str:
    """The morphology a word names with a size prefix ("macroadenoma" -> adenoma; "" for other words)."""
    for prefix in SIZE_PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= MIN_MORPHOLOGY and rest.isalpha():
            return rest
    return ""
