"""A procedure or study named by how its word is formed: the medical suffixes of an act done on the body.

Medical terms name a procedure by a Greek or Latin suffix after the combining form of what it is done to:
-scopy (looking inside with an instrument: gonioscopy, colposcopy), -graphy and -metry (recording and
measuring: nystagmography, tympanometry), -ectomy (cutting out), -otomy (cutting into), -ostomy (making an
opening), -plasty (shaping), -centesis (puncturing to draw fluid), -pexy (fixing in place), -rrhaphy
(suturing). Such a word says it is a procedure or study by its ending, whether or not the code data prints the
word itself: a coder meeting "gonioscopy" knows it is an eye examination service before finding it in any
book. `formed_procedure` reads a word so; the search uses it for a query nothing answers, whose words name a
service (the CPT notice, bot.lookups.search `_unanswered_service`): the word formed so is a service noun, and is
not counted as a word known nowhere.
"""

from __future__ import annotations

import re

# (a combining form of three letters at least before the suffix: "copy", "otomy" alone are no procedure)
_FORMED = re.compile(
    r"^[a-z]{3,}o?(?:scopy|scopies|graphy|graphies|metry|metries|ectomy|ectomies|otomy|otomies|ostomy|"
    r"plasty|plasties|centesis|pexy|pexies|rrhaphy)$"
)


def formed_procedure(word: str) -> bool:
    """Whether a word names a procedure or study by its suffix ("gonioscopy", "nystagmography")."""
    return bool(_FORMED.match(word.lower()))
