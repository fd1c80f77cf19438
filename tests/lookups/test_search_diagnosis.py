"""Diagnosis-side rules of the Index search (issue #10), each on the real shipped data: ordinals and spinal
levels, the eye's sides, the Tabular's "unspecified" children, allergy / status / long-term drug use, history
codes by the Tabular's "Conditions classifiable to" notes, a drug named as a cause, injuries at a site nobody
named, nonsense, and abbreviations that are English words. Queries are written from the Index's and the
Tabular's own words, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.query import understand
from bot.lookups.index.vocabulary import Term, Vocabulary
from bot.lookups.search import find_codes


def codes(book: CodeBook, query: str, top: int = 5) -> list[str]:
    return [h.code for h in find_codes(book, query, limit=top)]


def first(book: CodeBook, query: str) -> str:
    found = codes(book, query, 1)
    assert found, f"nothing for {query!r}"
    return found[0]


# -- laterality and ordinals -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The Tabular writes "fifth metacarpal", the PCS tables "5th Toe": both forms read as one.
        ("displaced fracture neck of 5th metacarpal left hand", "S62.337A"),
        ("detachment right 4th toe", "0Y6V0Z0"),
        ("burn of 3rd degree of left forearm", "T22.312A"),
    ],
)
def test_ordinals_read_as_the_tabular_and_the_pcs_tables_write_them(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert first(codebook, query) == expected


def test_a_spinal_level_is_the_vertebra_for_a_fracture_and_the_region_for_a_disc(codebook: CodeBook) -> None:
    assert first(codebook, "wedge compression fracture L3 vertebra") == "S32.030A"  # third lumbar vertebra
    words = understand("l4-l5 disc herniation", Vocabulary([])).words
    assert "lumbar" in words and "fourth" not in words
    # No spine word: "T3" stays as typed (a hormone, not a vertebra).
    assert understand("low t3", Vocabulary([])).words == ["low", "t3"]


def test_both_eyes_is_bilateral(codebook: CodeBook) -> None:
    assert first(codebook, "primary open angle glaucoma both eyes moderate stage") == "H40.1132"


def test_od_os_ou_pick_the_side_of_an_eye_code(codebook: CodeBook) -> None:
    assert first(codebook, "age related nuclear cataract OS") == "H25.12"
    assert first(codebook, "age related nuclear cataract OU") == "H25.13"


# -- the Tabular's unspecified children -------------------------------------------------------------------------
def test_an_unspecified_child_is_not_a_side_the_query_did_not_say(codebook: CodeBook) -> None:
    # "Unspecified amblyopia, unspecified eye": the side the query leaves open, not the right eye.
    assert first(codebook, "amblyopia") == "H53.009"
    assert first(codebook, "allergy to eggs status") == "Z91.0120"


def test_an_unspecified_child_does_not_answer_what_the_query_specifies(codebook: CodeBook) -> None:
    # "..., unspecified trimester" leaves open what "second trimester" says. (Before, every "unspecified"
    # child lost a point as if it named a side; with that corrected, this holds only by reading the
    # sibling's "second trimester".)
    assert first(codebook, "supervision of normal first pregnancy second trimester") == "Z34.02"


# -- allergy, status, long-term drug use, history --------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("allergic to penicillin", "Z88.0"),
        ("allergy to sulfonamides", "Z88.2"),
        ("latex allergy", "Z91.040"),
        ("peanut allergy", "Z91.010"),
        # A drug the Index does not list is read by its class in the Drug Table (amoxicillin: penicillins).
        ("allergic to amoxicillin", "Z88.0"),
    ],
)
def test_an_allergy_named_without_a_reaction_is_the_allergy_status(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert first(codebook, query) == expected


def test_an_allergic_reaction_is_still_the_adverse_effect(codebook: CodeBook) -> None:
    assert first(codebook, "allergic reaction to penicillin") == "T36.0X5A"


def test_has_a_device_is_its_status(codebook: CodeBook) -> None:
    assert first(codebook, "has a pacemaker") == "Z95.0"
    assert first(codebook, "pacemaker in place") == "Z95.0"
    # "has" is not the plural of the abbreviation "ha" (headache).
    assert (
        "headache"
        not in understand("has a pacemaker", Vocabulary([Term("ha", "abbreviation", "headache")])).words
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("on warfarin", "Z79.01"),  # Drug Table: Warfarin T45.51- "anticoagulants"
        ("taking metformin", "Z79.84"),  # T38.3- "oral hypoglycemic [antidiabetic] drugs"
        ("long term insulin use", "Z79.4"),  # the drug itself named by the Index before its class
    ],
)
def test_a_drug_taken_is_long_term_drug_therapy_by_its_class(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert first(codebook, query) == expected


def test_history_by_the_tabular_note_when_the_index_stops_short(codebook: CodeBook) -> None:
    # History, family, malignant neoplasm names no colon; Z80.0's note "Conditions classifiable to C15-C26"
    # holds C18.9.
    hits = find_codes(codebook, "family history of colon cancer", limit=3)
    assert hits[0].code == "Z80.0" and "Conditions classifiable to" in hits[0].why
    # Where the Index's History line names the condition itself, it is the answer.
    assert first(codebook, "personal history of colon polyps") == "Z86.0100"


# -- a drug as the cause of a condition ---------------------------------------------------------------------------
def test_a_drug_named_as_the_cause_reads_the_due_to_medicament_line_and_pairs_the_adverse_effect(
    codebook: CodeBook,
) -> None:
    found = codes(codebook, "hypothyroidism due to amiodarone", 3)
    assert found[:2] == ["E03.2", "T46.2X5A"]
    assert first(codebook, "myopathy due to lovastatin") == "G72.0"
    # No poisoning word: the Drug Table's adverse effect column, not its poisoning default.
    assert "T45.515A" in codes(codebook, "hematuria due to warfarin", 3)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The drug told before the condition: "D caused X", "D causing X", "D-induced X" (one hyphenated word).
        ("phenytoin caused agranulocytosis", "D70.2"),
        ("carbamazepine causing pemphigus", "L10.5"),
        ("ketorolac-induced acute pancreatitis", "K85.30"),
        ("valproate-induced tremor", "G25.1"),
    ],
)
def test_a_drug_told_before_the_condition_it_caused_reads_the_drug_induced_line(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert first(codebook, query) == expected


@pytest.mark.parametrize(
    ("query", "expected", "pair"),
    [
        # What a patient says a drug did to someone: the reaction first, the adverse effect beside it.
        ("haloperidol gave him a tremor", "G25.1", "T43.4X5A"),
        ("hydrochlorothiazide gave my dad gout", "M10.20", "T50.2X5A"),
        ("lisinopril gave me a cough", "R05.9", "T46.4X5A"),
    ],
)
def test_a_drug_that_gave_or_made_someone_a_condition_is_read_as_its_adverse_effect(
    codebook: CodeBook, query: str, expected: str, pair: str
) -> None:
    found = codes(codebook, query, 3)
    assert found[0] == expected and pair in found


def test_someone_giving_a_drug_is_no_reaction_to_it(codebook: CodeBook) -> None:
    # A person who gave the drug is no cause: the story stays a poisoning by the drug.
    assert first(codebook, "the nurse gave him too much heparin") == "T45.511A"


def test_a_drug_naming_an_organisms_sensitivity_is_no_drug_the_patient_took(codebook: CodeBook) -> None:
    # "due to MSSA": methicillin susceptible Staphylococcus aureus caused the sepsis, no methicillin was taken -
    # no adverse effect of penicillins is suggested, and the susceptible organism's code comes first.
    found = codes(codebook, "sepsis due to methicillin susceptible staphylococcus aureus", 5)
    assert found[0] == "A41.01"
    assert not any(code.startswith("T36") for code in found)


# -- external causes, nonsense, English words ---------------------------------------------------------------------
def test_an_injury_at_a_site_nobody_named_ranks_below_the_external_cause(codebook: CodeBook) -> None:
    assert first(codebook, "insect bite nonvenomous") == "W57.XXXA"
    assert first(codebook, "insect bite of left forearm") == "S50.862A"  # the site said: the injury


@pytest.mark.parametrize("query", ["purple monkey dishwasher", "banana phone", "qwerty 123"])
def test_nonsense_gets_no_confident_match(codebook: CodeBook, query: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert list(hits) == [] and "No confident match" in hits.notice


def test_known_words_with_numbers_still_answer(codebook: CodeBook) -> None:
    assert first(codebook, "CKD 3") == "N18.30"


def test_an_abbreviation_that_is_an_english_word_is_read_as_english_where_that_answers_better(
    codebook: CodeBook,
) -> None:
    assert first(codebook, "scratched by pet cat") == "W55.03XA"
    # Typed in capitals it is the abbreviation.
    assert "positron" in " ".join(
        understand(
            "pet scan", Vocabulary([Term("pet", "abbreviation", "positron emission tomography")])
        ).words
    )


def test_bleeding_is_the_index_hemorrhage(codebook: CodeBook) -> None:
    assert first(codebook, "gastric ulcer with bleeding") == "K25.4"


def test_vocabulary_blocks_may_be_headed_by_comment_lines() -> None:
    vocabulary = Vocabulary.read("term\tkind\tmeans\n# a block\nfx\tabbreviation\tfracture\n")
    assert vocabulary.knows("fx") and not vocabulary.knows("# a block")


# -- the Tabular around the code ------------------------------------------------------------------------------------
def test_an_unspecified_code_reads_the_nearby_code_saying_the_query(codebook: CodeBook) -> None:
    # Neoplasm Table: skin, nose -> C44.301 "Unspecified malignant neoplasm"; the Tabular's C44.311 says it.
    assert first(codebook, "basal cell carcinoma of skin of nose") == "C44.311"
    assert first(codebook, "squamous cell carcinoma skin of cheek") == "C44.329"  # other parts of face
    assert first(codebook, "malignant neoplasm skin of nose") == "C44.301"  # nothing more said


def test_a_title_negating_what_the_query_says_is_not_it(codebook: CodeBook) -> None:
    # C92.00 "..., not having achieved remission" is not "in remission".
    assert first(codebook, "acute myeloblastic leukemia in remission") == "C92.01"


def test_an_adjective_ending_eal_reads_its_noun(codebook: CodeBook) -> None:
    assert first(codebook, "corneal abrasion left eye") == "S05.02XA"


def test_care_of_an_artificial_opening_is_attention_to_it(codebook: CodeBook) -> None:
    assert first(codebook, "ileostomy care") == "Z43.2"
    assert understand("wound care", Vocabulary([])).words == ["wound", "care"]  # no device: left as typed


# -- a title negating what the query says ---------------------------------------------------------------------
def test_a_negation_in_a_title_stops_at_the_next_with_clause() -> None:
    from bot.lookups.index.completion import negated_parts, negates_what_is_said
    from bot.lookups.index.words import content_stems

    title = "Diverticulosis of intestine, part unspecified, without perforation or abscess with bleeding"
    assert negated_parts(title) == (frozenset(content_stems("perforation abscess")),)
    said = frozenset(content_stems("hypertension heart failure"))
    assert negates_what_is_said("Hypertensive heart disease without heart failure", said)
    assert not negates_what_is_said("Hypertensive heart disease without heart failure", said | {"without"})
    assert not negates_what_is_said(
        "Hypertensive heart disease without heart failure", frozenset(content_stems("heart"))
    )


def test_a_code_whose_title_negates_what_the_query_says_ranks_below_the_one_saying_it(
    codebook: CodeBook,
) -> None:
    # The Index's "Failure, heart, with, hypertension -> see Hypertension, heart" resolves to I11.9, whose
    # title says "without heart failure"; the query says heart failure.
    assert first(codebook, "hypertension with heart failure") == "I11.0"
    assert first(codebook, "hypertensive heart disease") == "I11.9"
    assert first(codebook, "hypertensive heart disease without heart failure") == "I11.9"


# -- the "with" convention: a line linking both concepts leads ---------------------------------------------------
def test_a_with_line_linking_both_parts_leads_and_what_it_leaves_is_its_pair(codebook: CodeBook) -> None:
    # "Disease, kidney, chronic, stage 4" holds one more word than "Diabetes, type 2, with, chronic kidney
    # disease", but only the second links the two concepts: the combination code first, the stage beside it.
    found = codes(codebook, "type 2 diabetes with chronic kidney disease stage 4", 3)
    assert found[:2] == ["E11.22", "N18.4"]
