"""The body part the query names, not the one a procedure word or a loose Index line chose
(bot.lookups.index.pcs_said_part): the root operation the Index gives is kept, the body part is the value of
that operation's tables the query's words name - by the value's own word or its adjective. Queries are made up
here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_said_part import _compound, _names, _part_words
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("typed", "word", "said"),
    [
        ("ovarian", "ovary", True),
        ("urethral", "urethra", True),
        ("radical", "radial", False),  # they stem alike
        ("lymph", "lymphatic", True),
        ("veins", "vein", True),
        ("medial", "median", False),  # one letter apart, neither the other's adjective
        ("temporalis", "temporomandibular", False),
        ("prosthesis", "prostate", False),  # no adjective ending
        ("cervical", "cervicothoracic", False),  # a compound, not an adjective
    ],
)
def test_a_word_says_a_value_word_or_its_adjective(typed: str, word: str, said: bool) -> None:
    assert _names(typed, word) is said


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # Cystectomy -> see Resection, Bladder: the ovary named, a cyst cut out of it (a portion: Excision)
        ("open right ovarian cystectomy", "0UB00ZZ"),
        # Diverticulectomy -> see Excision, Gastrointestinal System: the urethra named
        ("urethral diverticulectomy, open", "0TBD0ZZ"),
        # Transfer, Tendon, Shoulder reached by "tendon" alone: the abdomen's tendon named
        ("open transfer of left abdominal tendon", "0LXG0ZZ"),
        # the noun said, the value its adjective (WordNet: femoral pertains to femur)
        ("open excision of left femur shaft lesion", "0QB90ZZ"),
    ],
)
def test_the_body_part_said_is_coded(codebook: CodeBook, query: str, code: str) -> None:
    first = find_codes(codebook, query)[0]
    assert first.code == code
    assert "the body part said" in first.why


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("endoscopic left maxillary antrostomy", "099R8ZZ"),  # "maxillary" is the sinus's, not the Maxilla
        ("laparoscopic cholecystectomy", "0FT44ZZ"),  # the procedure word's own organ, nothing else named
        ("cervical biopsy via colposcope", "0UBC8ZX"),
    ],
)
def test_a_body_part_the_words_already_name_stays(codebook: CodeBook, query: str, code: str) -> None:
    first = find_codes(codebook, query)[0]
    assert first.code == code
    assert "the body part said" not in first.why


def test_a_compound_names_both_value_words() -> None:
    vocabulary = frozenset({"metatarsal", "phalangeal", "joint", "tarsal"})
    assert _compound("metatarsophalangeal", vocabulary) == {"metatarsal", "phalangeal"}
    assert _compound("phalangeal", vocabulary) == frozenset()


def test_the_way_in_and_the_material_name_no_body_part() -> None:
    said = _part_words(["biopsy", "of", "the", "bladder", "wall", "through", "the", "urethra"])
    assert "bladder" in said and "urethra" not in said
    said = _part_words(["augmentation", "of", "the", "bladder", "using", "ileum"])
    assert "bladder" in said and "ileum" not in said


def test_a_word_the_index_path_read_is_the_index_reading(codebook: CodeBook) -> None:
    # "Fundoplication, gastroesophageal - see Restriction, Esophagogastric Junction": the Index read the word
    first = find_codes(codebook, "open gastroesophageal fundoplication")[0]
    assert first.code == "0DV40ZZ"
