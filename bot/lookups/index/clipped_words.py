"""Chart words cut short: "degen", "periton", "histo", "prox", "ossif", "sublux", "mult"; "dmg" and "lvl".

A clinician shortens a long word by keeping its first letters ("degen" for degeneration, "pulm" for pulmonary,
"sublux" for subluxation, "prox" for proximal, "athero" for atherosclerosis) or, for a short word, by writing its
consonants ("dmg" for damage, "lvl" for level). A coder reads the short form as the Index word it begins, and where
several words begin so ("periton": peritoneum, peritonitis; "histo": histoplasmosis, histology) as the one an Index
line holds beside the chart's other words ("periton adhesions": Adhesions, peritoneum; "acute pulm histo":
Histoplasmosis, ..., pulmonary, acute).

This reads the data's own words. A query word that no Index line, vocabulary term or dictionary holds is read as a
word of the code database's word list that an Index line holds and that begins with it (two letters longer at least)
- or, for a word with no vowel, whose consonants are its letters. Among those, the word an Index line holds together
with the most other words of the query wins, then the word the titles and the Index print most (`read_clipped`). A
short form that no other word of the query bears out is read only when one word is printed ten times as often as any
other that begins so ("pulm": pulmonary, not pulmonale); a short form of three consonants needs a word of the query that
one Index line holds with it ("nail dmg": Bite, with damage to nail; "pls check" says no pulse).

A word of the dictionary (English or WordNet: "kid", "bit", "sens"), a word of fewer than four letters with a vowel
("obs", "tri"), a word typed with capitals inside ("DAT", "ReA": an initialism), a longer word a title prints (a
name: "Consta", "Alloderm") and a word hyphenated to a word no Index line holds ("Solu-Medrol") are never read so.
The anatomists' one-letter forms after a vessel's or a nerve's name ("radial n.", "vert a.", "fem v.") are notation
for the Index's artery, vein and nerve. The reading is said in the answer's why ("short form: degen →
degeneration").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

MIN_LETTERS = 4  # "ft", "obs", "kid": fewer letters say too little to be read as a word's beginning ...
VOWELLESS = 3  # ... unless they are a short word's consonants ("dmg", "lvl"; "plts" is no pyelitis)
MAX_LETTERS = 10  # a longer word is a word (or a typo of one), not a short form
LONGER_BY = 2  # a short form leaves out two letters at least ("pulm"/"pulmonary"; "fibrosi" is a typo)
MOST_CANDIDATES = 6  # the words the data prints most that begin so, weighed by the query's words
SHORTEST_NAME = 5  # a longer word a title prints is a name of theirs ("Consta", "Alloderm")
ONE_LINE = 2  # `together`'s weight for words one Index line holds (or a line and the line directly below it)
DOMINANT = 10  # unsupported, a candidate printed this many times as often as the next is read
_VOWELS = re.compile(r"[aeiouy]")
_SEGMENT = re.compile(r"(?<![a-z0-9])[a-z]+(?![a-z0-9])")  # a whole word: "spo2", "hba1c" are no short forms
_AFTER_NUMBER = re.compile(r"\d\s*([a-z]+)(?![a-z0-9])")  # "20 wks", "3hrs": the count's unit
# The anatomists' one-letter forms, written after the vessel's or nerve's name ("radial n.", "vert a.", "fem v."):
# notation for the Index's own words.
ANATOMY_LETTERS = {"a": "artery", "aa": "arteries", "v": "vein", "vv": "veins", "n": "nerve", "nn": "nerves"}
_ANATOMY = re.compile(r"(?<=[a-z] )(aa|vv|nn|a|v|n)\.(?=\s|[,;]|$)")


def clipped_shape(word: str) -> bool:
    """Whether a word could be a clipped form: letters only, four to ten of them with a vowel, or three without."""
    if not (word.isalpha() and word.isascii() and len(word) <= MAX_LETTERS):
        return False
    return (len(word) >= MIN_LETTERS and not vowelless(word)) or (len(word) == VOWELLESS and vowelless(word))


def printed_seldom(word: str, printed: int) -> bool:
    """Whether a word the code titles print (`printed` times) may still be a chart's short form: a short one
    the short descriptors clip too ("sens", "vert"), never a longer name a title prints ("Consta")."""
    return printed == 0 or len(word) < SHORTEST_NAME


def capitalized(typed: str) -> frozenset[str]:
    """The words typed with two capitals or more ("DAT", "ReA", "hEDS"): initialisms, lower-cased."""
    return frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", typed) if sum(c.isupper() for c in w) >= 2)


def joined_words(text: str, word: str) -> list[str]:
    """The words hyphenated to a word in the query ("solu" in "solu-medrol": medrol)."""
    found: list[str] = []
    for m in re.finditer(r"[a-z0-9]+(?:-[a-z0-9]+)+", text):
        parts = m.group(0).split("-")
        if word in parts:
            found += [p for p in parts if p != word and p.isalpha()]
    return found


def consonant_key(word: str) -> str:
    """A word's first letter and its consonants after it, doubled letters once ("damage" -> "dmg")."""
    rest = _VOWELS.sub("", word[1:])
    return word[0] + re.sub(r"(.)\1+", r"\1", rest)


def vowelless(word: str) -> bool:
    """Whether a word is written without vowels ("dmg", "lvl"): a word's consonants, if a short form."""
    return not _VOWELS.search(word[1:]) and not _VOWELS.match(word)


def begins(word: str, candidate: str) -> bool:
    """Whether a candidate word is one a short form can stand for: it begins with the short form (and is two
    letters longer at least), or the short form, written without vowels, is its consonants."""
    if len(candidate) < len(word) + LONGER_BY or not candidate.isalpha():
        return False
    if candidate.startswith(word):
        return True
    return vowelless(word) and candidate[0] == word[0] and consonant_key(candidate) == word


def read_clipped(
    word: str,
    candidates: Sequence[tuple[str, int]],
    others: Sequence[str],
    together: Callable[[str, str], int],
) -> str | None:
    """The word a short form stands for: of the candidates (word, how often the data prints it), the one the
    query's other words bear out most - `together` says how closely the Index holds a candidate and a word (2:
    one line, or a line directly below the other's; 1: one main term; 0: not at all) - then the one printed
    most ("histo" beside "acute pulm": histoplasmosis, whose line says pulmonary, not history); None when no
    other word bears a candidate out and none is printed far more than the rest (or the form has three letters)."""
    fitting = [(c, n) for c, n in candidates if begins(word, c)][:MOST_CANDIDATES]
    if not fitting:
        return None
    scored = sorted(
        ((sum(together(c, o) for o in others), n, c) for c, n in fitting),
        key=lambda t: (-t[0], -t[1], t[2]),
    )
    best_support, printed, best = scored[0]
    if vowelless(word):
        # (a word's consonants only beside a word one Index line holds with it: "nail dmg", not "pls check")
        return best if best_support >= ONE_LINE else None
    if best_support > 0:
        return best
    if len(word) <= VOWELLESS:
        return None
    runner_up = max((n for c, n in fitting if c != best), default=0)
    return best if printed >= DOMINANT * max(runner_up, 1) else None


def other_words(text: str, word: str, stopwords: frozenset[str]) -> list[str]:
    """The query's other words a short form is weighed by (three letters or more, no connective)."""
    return list(
        dict.fromkeys(
            w for w in _SEGMENT.findall(text) if w != word and len(w) >= MIN_LETTERS and w not in stopwords
        )
    )


def segments(text: str) -> list[str]:
    """The query's whole words (letters only), each once, in order - but not a unit written after a number ("20
    wks", "3 hrs", "2 mos"): a count's unit is notation other readings read, never a clipped Index word ("wks" is
    no Woakes)."""
    units = {m.group(1) for m in _AFTER_NUMBER.finditer(text)}
    return [w for w in dict.fromkeys(_SEGMENT.findall(text)) if w not in units]


def anatomy_letters(text: str) -> tuple[str, list[str]]:
    """The query with the anatomists' one-letter forms after a name written out ("radial n." -> "radial nerve"),
    and the notes saying so."""
    notes = [f"short form: {m.group(1)}. → {ANATOMY_LETTERS[m.group(1)]}" for m in _ANATOMY.finditer(text)]
    if not notes:
        return text, notes
    return _ANATOMY.sub(lambda m: ANATOMY_LETTERS[m.group(1)], text), list(dict.fromkeys(notes))


def rewrite(text: str, readings: dict[str, str]) -> str:
    """The query with each short form written as the word it stands for (inside "age-rel" too)."""
    if not readings:
        return text
    return _SEGMENT.sub(lambda m: readings.get(m.group(0), m.group(0)), text)
