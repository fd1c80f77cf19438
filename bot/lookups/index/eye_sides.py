"""OD, OS and OU in a note about an eye are the eye's side - right, left, both - and nothing else.

An ophthalmologist's note writes the side after the finding ("macular hole OD", "choroidal nevus OS on dilated
exam", "drusen OU"). Left as a word, "OD" reads as an overdose and "OS" as the cervix's os; read only at the
Tabular's last step, the side reaches the eye chapter's codes but not an eye's neoplasm (D31.3-, "of right
choroid") or a diabetic retinopathy's seventh character. A coder reads the letters as the side itself wherever
the note is about an eye, which its other words say: an eye's part or its conditions' word roots (retin-,
kerat-, blephar-, -opia, -tropia ...). Elsewhere ("OD on oxycodone") the letters keep their other senses.
"""

from __future__ import annotations

import re

EYE_SIDES = {"od": "right", "os": "left", "ou": "bilateral"}
_LETTERS = re.compile(r"\b(od|os|ou)\b")
# Words and word parts of the eye, its parts and its conditions.
EYE_WORDS = frozenset(
    (
        "eye",
        "eyes",
        "ocular",
        "vision",
        "visual",
        "blind",
        "blindness",
        "fundus",
        "fundi",
        "lens",
        "iris",
        "lid",
        "lids",
        "eyelid",
        "eyelids",
        "pupil",
        "pupils",
        "drusen",
        "ptosis",
        "stye",
        "floaters",
        "flashes",
        "optic",
        "orbit",
        "orbital",
        "lash",
        "lashes",
        "canthus",
    )
)
EYE_ROOTS = (
    "retin",
    "macul",
    "kerat",
    "cornea",
    "conjunctiv",
    "choroid",
    "chorio",
    "vitre",
    "uve",
    "irid",
    "iritis",
    "sclera",
    "scleritis",
    "blephar",
    "dacry",
    "lacrimal",
    "ophthalm",
    "cataract",
    "glaucom",
    "phak",
    "papilled",
    "papillitis",
    "chalazi",
    "hordeol",
    "pterygi",
    "palpebr",
    "intraocular",
)
EYE_ENDINGS = ("opia", "tropia", "phoria", "opsia")


def said_about_an_eye(words: list[str]) -> bool:
    """Whether a word of the note names an eye, its part or its condition."""
    return any(
        w in EYE_WORDS or w.startswith(EYE_ROOTS) or (len(w) > 6 and w.endswith(EYE_ENDINGS)) for w in words
    )


def eye_side_words(text: str, notes: list[str]) -> str:
    """The note with OD / OS / OU written as the side they say, when the note is about an eye."""
    letters = _LETTERS.findall(text)
    if not letters:
        return text
    others = [w for w in re.findall(r"[a-z]+", text) if w not in EYE_SIDES]
    if not said_about_an_eye(others):
        return text
    for letter in dict.fromkeys(letters):
        notes.append(f"side: {letter.upper()} -> {EYE_SIDES[letter]} eye")
    return _LETTERS.sub(lambda m: EYE_SIDES[m.group(1)], text)
