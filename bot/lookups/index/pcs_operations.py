"""Procedure words a coder reads as a root operation though the PCS Index has no main term for them.

ICD-10-PCS root operation Drainage (9) is "taking or letting out fluids and/or gases from a body part"; a
needle aspiration ("fine needle aspiration of thyroid", "FNA", "bone marrow aspirate") and bronchial washings
sent for study take out fluid or cells suspended in it, and the PCS Index's Drainage lines name the body part.
The Index of this edition has no "Aspiration" main term, and its "Washing" line sends to Irrigation (putting a
substance in, which washings taken out are not). So those words are also read as the root operation they do -
an alternative of the word in the Index walk, as pcs_roots reads an operation suffix ("-centesis": Drainage) -
and a fine needle aspiration, done to take a specimen, says the Diagnostic qualifier (guideline B3.4a).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.lookups.index.words import stem

OPERATION_WORDS: dict[str, tuple[str, ...]] = {
    "aspiration": ("drainage",),
    "aspirate": ("drainage",),
    "aspirated": ("drainage",),
    "washings": ("drainage",),
    # "biopsy of left inguinal lymph node": the Index's "Biopsy" sends on by the qualifier alone (see
    # Excision / Extraction / Drainage with qualifier Diagnostic), naming no body part; a biopsy cutting out
    # tissue is an Excision (guideline B3.4a) unless its own Index line says otherwise ("bone marrow").
    "biopsy": ("excision",),
    "biopsies": ("excision",),
    # "peroneal nerve decompression", "cubital tunnel decompression": freeing a nerve from what compresses
    # it is Release ("freeing a body part from an abnormal physical constraint"); the Index's "Decompression"
    # holds only the circulatory one (6A15).
    "decompression": ("release",),
}
DIAGNOSTIC = stem("diagnostic")
FINE_NEEDLE = frozenset({stem("fine"), stem("needle")})


# Words read so only when no other word names the procedure ("lumbar laminectomy L4 decompression": the
# Laminectomy's own lines say what it is).
BESIDE_NO_PROCEDURE = frozenset({"decompression"})


def operation_readings(
    words: list[str], names_procedure: Callable[[str], bool] = lambda _: False
) -> dict[str, list[str]]:
    """The root operations the query's procedure words do, for the words the Index holds no line of."""
    named = any(names_procedure(stem(w)) for w in words if w not in OPERATION_WORDS)
    return {
        w: list(OPERATION_WORDS[w])
        for w in words
        if w in OPERATION_WORDS and not (named and w in BESIDE_NO_PROCEDURE)
    }


def fine_needle_words(said: frozenset[str]) -> frozenset[str]:
    """`said` with the Diagnostic qualifier's word when a fine needle aspiration (a biopsy) is said."""
    return said | {DIAGNOSTIC} if said >= FINE_NEEDLE else said
