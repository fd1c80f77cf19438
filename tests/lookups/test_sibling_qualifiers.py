"""The qualifier that picks one Tabular code among its siblings (issue #10, round 41:
bot.lookups.index.sibling_qualifiers; measured by bench/make_sibling_queries.py). Queries are made up for
these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.matching import word_forms
from bot.lookups.index.sibling_qualifiers import (
    names_seventh_character_nature,
    numeral_forms,
    read_qualifiers,
    said_numerals,
    without_open_type,
)
from bot.lookups.index.story_encounter import with_told_encounter
from bot.lookups.search import find_codes


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query, limit=5)
    assert hits, query
    return hits[0].code


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("left-sided ganglion, knee", "M67.462"),
        ("benign neoplasm lacrimal gland and duct, left-sided", "D31.52"),
        ("paralytic lagophthalmos upper eyelid, right-sided", "H02.231"),
        ("left-sided colitis", "K51.50"),
    ],
)
def test_a_side_said_with_sided_is_the_side(codebook: CodeBook, query: str, code: str) -> None:
    # guideline I.B.13: "left-sided" is the left side, as "left" is
    assert _first(codebook, query) == code


def test_sided_reads_as_the_side_word() -> None:
    assert read_qualifiers("Left-sided ganglion, right-sided too") == "Left ganglion, right too"
    assert read_qualifiers("one-sided story") == "one-sided story"


def test_an_ordinal_is_no_form_of_another_word(codebook: CodeBook) -> None:
    # "secondary" is no "second": with no trimester said, the unspecified trimester's code (O10.419)
    assert "second" not in word_forms("secondary")
    assert _first(codebook, "pre-existing secondary hypertension complicating pregnancy") == "O10.419"
    assert _first(codebook, "pre-existing secondary hypertension complicating pregnancy, 2nd trimester") == (
        "O10.412"
    )


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("poisoning by local anesthetics, assault, f/u visit", "T41.3X3D"),
        ("toxic effect of ethanol, accidental, follow-up", "T51.0X1D"),
        ("displacement of intraocular lens, f/u", "T85.22XD"),
        ("adverse effect of penicillin, recheck", "T36.0X5D"),
    ],
)
def test_office_words_say_the_encounter_of_every_seventh_character_code(
    codebook: CodeBook, query: str, code: str
) -> None:
    # guideline I.C.19.a: the 7th character of chapter 19's T codes follows the encounter as an injury's does
    assert _first(codebook, query) == code


def test_a_seventh_character_nature_is_read_only_where_named() -> None:
    assert names_seventh_character_nature("poisoning by aspirin")
    assert not names_seventh_character_nature("pneumonia follow-up")


def test_a_follow_up_of_a_condition_without_a_seventh_character_stays_as_it_was(codebook: CodeBook) -> None:
    # Examination, follow-up (Z09) - no injury or poisoning named
    assert _first(codebook, "follow-up exam after completed treatment for pneumonia") == "Z09"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("late effect of poisoning by local anesthetics, intentional self-harm", "T41.3X2S"),
        ("accidental tylenol overdose, follow-up", "T39.1X1D"),
    ],
)
def test_a_poisoning_story_keeps_the_encounter_it_tells(codebook: CodeBook, query: str, code: str) -> None:
    # the story's Drug Table words complete the line at the encounter the query tells (I.C.19.a)
    assert _first(codebook, query) == code


def test_a_story_told_with_no_encounter_stays_initial() -> None:
    assert with_told_encounter("aspirin poisoning", "took too much aspirin") == "aspirin poisoning"
    assert with_told_encounter("aspirin poisoning", "aspirin overdose, f/u") == (
        "aspirin poisoning subsequent encounter"
    )


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("type 2 mucopolysaccharidosis", "E76.1"),
        ("type III von Willebrand disease", "D68.03"),
        ("type 1 female genital mutilation status", "N90.811"),
        ("grade 2 follicular lymphoma", "C82.10"),
    ],
)
def test_a_type_or_grade_in_numbers_is_the_roman_one_the_index_prints(
    codebook: CodeBook, query: str, code: str
) -> None:
    # the Index prints both: "Diabetes, type 2", "Mucopolysaccharidosis, type II"
    assert _first(codebook, query) == code


def test_numerals_are_read_only_after_type_grade_or_class() -> None:
    assert numeral_forms("type", "2") == ("ii",)
    assert numeral_forms("Grade", "III") == ("3",)
    assert numeral_forms("had", "2") == ()
    assert said_numerals("grade 2 lymphoma, type iv") == frozenset({"ii", "4"})


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("puncture wound without foreign body of nose", "S01.23XA"),
        ("laceration without foreign body of nose", "S01.21XA"),
        ("late effect of puncture wound without foreign body of left elbow", "S51.032S"),
    ],
)
def test_a_foreign_body_denied_before_the_site_leaves_the_site_read(
    codebook: CodeBook, query: str, code: str
) -> None:
    # the Tabular's order ("Laceration without foreign body of right hand"): the denial is of the foreign body
    assert _first(codebook, query) == code


def test_the_denied_foreign_body_moves_after_its_site() -> None:
    assert read_qualifiers("laceration w/o FB of left hand, f/u") == "laceration of left hand w/o FB, f/u"
    assert read_qualifiers("splinter, no foreign body left") == "splinter, no foreign body left"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("open type II fracture of right acetabulum", "S32.401B"),
        ("open type 2 fracture of right acetabulum", "S32.401B"),
    ],
)
def test_an_open_fractures_type_is_its_seventh_character_not_a_word(
    codebook: CodeBook, query: str, code: str
) -> None:
    # the Gustilo type chooses B (I or II) or C (III); read as a word ("2", "ii") it left the path unconfident
    assert _first(codebook, query) == code


def test_the_open_type_goes_from_the_words() -> None:
    assert without_open_type("open type iiib fracture of tibia") == "open fracture of tibia"
    assert without_open_type("open type i or ii fracture of radius") == "open fracture of radius"


def test_a_qualifier_said_as_its_latin_adjective_is_the_noun_the_tabular_prints(codebook: CodeBook) -> None:
    # "tophaceous" is "with tophus (tophi)", the M1A 7th character 1; with nothing said, 0 "without tophus"
    assert "tophus" in word_forms("tophaceous")
    assert _first(codebook, "chronic tophaceous gout of left wrist") == "M1A.0321"
    assert _first(codebook, "chronic gout, left wrist") == "M1A.0320"
