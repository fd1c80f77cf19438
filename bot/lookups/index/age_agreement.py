"""The patient's age the query tells, checked against the age the code is for: an adult's code is no baby's.

A coder reads the age in the record against the code before accepting it. The code data say a code's age two
ways: the CMS Medicare Code Editor's age edits (the code's current validity flags: "adult" codes are for ages
15-124, "pediatric" 0-17, "newborn" 0) and the Tabular title's own life-stage words ("Adult hypertrophic
pyloric stenosis", "Rumination disorder of infancy and childhood"). When the query tells the patient's stage of
life and the first answer is for the other, the first answer of the query's stage among the next ones leads.

`told_age` reads the stage from the query: an age in years ("4 yo", "67 year old"), days, weeks or months
("3 wk old": young), or a word for a person whose WordNet sense is a kind of juvenile or baby (young: "kid",
"toddler", "infant", "newborn", "preemie") or of adult (adult: "man", "woman", "adult"). A word of kinship
("son", "mother") tells no age: WordNet reads a son as an offspring, of any age. Both stages told is none.
`code_age` reads the code's stage from its flags and title.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

YOUNG = "young"
ADULT = "adult"
ADULT_FROM = 18  # an age in years from which the patient is an adult (the MCE pediatric edit ends at 17)
CHILD_UNTIL = 14  # an age in years up to which the patient is no adult (the MCE adult edit starts at 15)
# WordNet's senses a person's word must be a kind of (or be) to tell the stage (their first lemmas).
YOUNG_KINDS = frozenset({"juvenile", "baby"})
ADULT_KINDS = frozenset({"adult"})
# The systems whose lines say an age: ICD-10-CM (MCE age edits, Tabular life-stage words) and HCPCS Level II, whose
# descriptors print a line's age band ("Cast supplies, long leg cast, pediatric (0-10 years), plaster" beside
# "..., adult (11 years +), plaster"; "Adult sized disposable incontinence product"). A PCS line says none.
AGED_SYSTEMS = frozenset({"ICD-10-CM", "HCPCS"})
# The life-stage words of the Tabular's titles and the MCE age edits' names.
_YOUNG_TITLE = re.compile(r"\b(?:infan\w*|child\w*|juvenile|newborn|neonat\w*|pediatric|perinatal)\b", re.I)
_ADULT_TITLE = re.compile(r"\badult\b", re.I)
_YEARS = re.compile(r"\b(\d{1,3})\s*(?:-|\s)?(?:yo|y/o|y\.o\.?|yrs?|years?)\b(?:[- ]old)?", re.I)
_UNDER_A_YEAR = re.compile(r"\b\d{1,2}\s*(?:-|\s)?(?:days?|d|wks?|weeks?|mos?|months?)[- ]old\b", re.I)
_WORD = re.compile(r"[a-z]+")


def told_age(query: str, kinds: Callable[[str], Collection[str]]) -> str | None:
    """The stage of life the query tells its patient is in (YOUNG, ADULT), or None. `kinds` gives the first
    lemmas of a word's first noun sense and of every sense it is a kind of (empty for no person)."""
    lowered = query.lower()
    said: set[str] = set()
    for match in _YEARS.finditer(lowered):
        years = int(match.group(1))
        if years >= ADULT_FROM:
            said.add(ADULT)
        elif years <= CHILD_UNTIL:
            said.add(YOUNG)
    if _UNDER_A_YEAR.search(lowered):
        said.add(YOUNG)
    for word in _WORD.findall(lowered):
        if len(word) < 3:
            continue
        lemmas = set(kinds(word))
        if lemmas & YOUNG_KINDS:
            said.add(YOUNG)
        if lemmas & ADULT_KINDS:
            said.add(ADULT)
    return next(iter(said)) if len(said) == 1 else None


def code_age(flags: Collection[str], title: str) -> str | None:
    """The stage of life a code is for by its MCE age edit or its title's life-stage words, or None."""
    young = bool({"newborn", "pediatric"} & set(flags)) or bool(_YOUNG_TITLE.search(title))
    adult = "adult" in flags or bool(_ADULT_TITLE.search(title))
    if young == adult:
        return None
    return YOUNG if young else ADULT


def other_stage_first(told: str, ages: Sequence[str | None]) -> bool:
    """Whether the first answer's stage (ages[0]) is the other one than the stage told."""
    return bool(ages) and ages[0] is not None and ages[0] != told
