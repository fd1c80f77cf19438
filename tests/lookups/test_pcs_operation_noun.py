"""A root operation named by its own noun asks for the procedure (pcs_asked.procedure_main_term).

ICD-10-PCS names each root operation by a noun (the tables' third character: Drainage, Release, Dilation,
Insertion ...). Many of these nouns are ordinary words, so a verb's form of one ("on dilated exam", "drained
well") is no procedure; but a query saying the noun itself, as the tables print it, names the operation, and an
ICD-10-CM answer whose Index path does not read that noun (the condition it was done for) comes after the
procedure's code. A vocabulary reading of the whole query ("i&d -> incision drainage") put in the words of the
procedure, not of the condition's path beside it.
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_asked import crowds_procedure, procedure_main_term
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes

ROOTS = frozenset({"drainage", "dilation", "release", "excision"})
DRAINAGE_PATH = "PCS Index: Drainage, Subcutaneous Tissue and Fascia, Upper Leg, Right -> 0J9L"


def test_the_noun_said_names_the_operation() -> None:
    said = content_stems("drainage of abscess right thigh")
    assert procedure_main_term(DRAINAGE_PATH, ROOTS, said, frozenset({"drainage"})) == "Drainage"


def test_a_verb_form_of_an_ordinary_root_name_does_not() -> None:
    # "drained" stems as "drainage" does, but it is no name of the operation
    said = content_stems("drained abscess right thigh")
    assert procedure_main_term(DRAINAGE_PATH, ROOTS, said, frozenset({"drained"})) is None
    # without the typed words the old reading holds: an ordinary word is no procedure on its own
    assert procedure_main_term(DRAINAGE_PATH, ROOTS, content_stems("drainage of abscess thigh")) is None


def test_a_whole_query_vocabulary_note_is_no_reading_of_the_condition_path() -> None:
    why = (
        "Index: Abscess, subcutaneous -> see Abscess, by site -> thigh -> L02.41- -> Tabular: left -> L02.416"
        " (vocabulary: i&d -> incision drainage)"
    )
    said = content_stems("i&d of abscess left thigh incision drainage")
    assert crowds_procedure(why, "Cutaneous abscess of left lower limb", "Drainage", said, operation=True)


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        # Drainage ("taking or letting out fluids and/or gases from a body part"): the abscess is why it was done
        # (Index: Abscess, by site, thigh is the condition; PCS Index: Drainage, Subcutaneous Tissue and Fascia)
        ("drainage of abscess right thigh subcutaneous", "0J9L0ZZ"),
        ("I&D of abscess left thigh, subcutaneous", "0J9M0ZZ"),
    ],
)
def test_the_procedure_comes_before_the_condition_it_treats(
    codebook: CodeBook, query: str, wanted: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits[0].code == wanted


def test_a_participle_keeps_the_diagnosis(codebook: CodeBook) -> None:
    # "dilated exam" is the eye examination, not a Dilation: the nevus found stays first
    hits = find_codes(codebook, "choroidal nevus OS on dilated exam", limit=5)
    assert hits[0].code == "D31.32"
