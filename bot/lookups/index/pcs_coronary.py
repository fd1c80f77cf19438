"""A coronary artery named by its branch is the body part Coronary Artery.

ICD-10-PCS guideline B4.4: the coronary arteries are one body part, specified by the number of arteries
treated ("Coronary Artery, One Artery"), not by the artery's name or side. A query naming a branch ("left
anterior descending", "LAD", "right coronary", "circumflex", "obtuse marginal", "diagonal", "ramus") names
that body part: in the Heart and Great Vessels tables its side and branch words choose no other body part
("left" is no Left Ventricle, "descending" no Descending Thoracic Aorta). The qualifier still hears them
(a bypass "from Left Internal Mammary").
"""

from __future__ import annotations

from bot.lookups.index.words import stem

HEART_TABLES = "02"  # Medical and Surgical, Heart and Great Vessels
BRANCHES = ("descending", "circumflex", "marginal", "diagonal", "ramus")
SIDE_NAMES = ("left", "right", "anterior", "posterior", "obtuse", "main")
BRANCH_WORDS = frozenset(stem(w) for w in BRANCHES)
CORONARY = stem("coronary")
SIDES = frozenset(stem(w) for w in SIDE_NAMES)
BODY_PART = frozenset({CORONARY, stem("artery")})


def coronary_body_part_words(table: str, said: frozenset[str]) -> frozenset[str]:
    """The words that choose a Heart and Great Vessels table's body part when the query names a coronary
    artery or its branch: the branch and its side read as Coronary Artery ("right coronary artery" is no
    Right Pulmonary Artery); `said` unchanged otherwise."""
    if not table.upper().startswith(HEART_TABLES) or not said & (BRANCH_WORDS | {CORONARY}):
        return said
    return (said - BRANCH_WORDS - SIDES) | BODY_PART


def coronary_branch_said(said: frozenset[str]) -> str:
    """The branch and side words a query said, as words ("left anterior descending"), for the explanation of
    an answer that read them as Coronary Artery (so they count as used); "" when no branch is said."""
    if not said & BRANCH_WORDS:
        return ""
    return " ".join(w for w in (*SIDE_NAMES, *BRANCHES) if stem(w) in said)


def names_coronary_artery(title: str) -> bool:
    """Whether a code's title names a Coronary Artery ("Dilation of Coronary Artery, One Artery ...")."""
    return CORONARY in {stem(w) for w in title.lower().replace(",", " ").split()}


COUNTS = frozenset(stem(w) for w in ("one", "two", "three", "four"))
ARTERY = frozenset({stem("artery"), stem("arteries")})


def body_part_stems(table: str, stems: frozenset[str]) -> frozenset[str]:
    """A Heart and Great Vessels body part counted in arteries ("One Artery", "Four or More Arteries") is the
    Coronary Artery its codes' titles name: its meaning's stems with "coronary" added."""
    if table.upper().startswith(HEART_TABLES) and stems & COUNTS and stems & ARTERY:
        return stems | {CORONARY}
    return stems
