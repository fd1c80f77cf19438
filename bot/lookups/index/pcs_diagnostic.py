"""A specimen sent for study says the procedure is diagnostic.

ICD-10-PCS codes a drainage, excision or extraction done to take a specimen for study with the qualifier X
Diagnostic (guideline B3.4a for biopsies; the Drainage tables' "Diagnostic" qualifier for fluid taken for
analysis). An op note rarely says "diagnostic": it says what the specimen is sent for ("LP, CSF sent for cell
count", "thoracentesis for studies", "fluid for culture and cytology"). Those words are read as the qualifier's
own word so the Diagnostic value is chosen; with none said, the table's No Qualifier stays the default.
"""

from __future__ import annotations

from bot.lookups.index.words import content_stems, stem

DIAGNOSTIC = stem("diagnostic")
# Words naming a laboratory study of what was taken.
_WORD_OF = {
    stem(w): w
    for w in (
        "study",
        "culture",
        "cytology",
        "analysis",
        "count",
        "specimen",
        "sample",
        "lab",
        "pathology",
        "gram",
        "sent",
        "biopsies",
        "biopsy",  # a biopsy is the taking of a specimen for study (guideline B3.4a)
    )
}
STUDY_WORDS = frozenset(_WORD_OF)


def diagnostic_words(said: frozenset[str]) -> frozenset[str]:
    """`said` with the Diagnostic qualifier's word added when the query names a study of the specimen."""
    return said | {DIAGNOSTIC} if said & STUDY_WORDS else said


def study_said(code: str, title: str, said: frozenset[str]) -> str:
    """What a Diagnostic code's explanation adds for the study words that chose it (" (specimen for study:
    cytology)"), so the words count as used; "" for any other code."""
    used = used_study_words(title, said) if len(code) == 7 and code[6] == "X" else frozenset()
    words = sorted(_WORD_OF[w] for w in used)
    return f" (specimen for study: {', '.join(words)})" if words else ""


def used_study_words(title: str, said: frozenset[str]) -> frozenset[str]:
    """The study words a Diagnostic code's title accounts for ("cytology" in "thoracentesis, fluid for
    cytology" chose "..., Diagnostic"): they count as used, like the title's own words."""
    return said & STUDY_WORDS if DIAGNOSTIC in content_stems(title) else frozenset()
