"""Two conditions a query links (issue #10): the Index's combination line under either one's main term first
("Hypertension, with, heart failure" -> I11.0, the heart failure's type beside it); a first answer whose
Tabular says "Code first" a code another answer completes goes beside that code (unless its title names that
code's condition, "Anemia in chronic kidney disease"), or beside the complete code a note line naming only
what the query says cites ("sepsis NOS (A41.9)"); a stage in Roman numerals or
the chart's "CKD 3b" is the stage. Queries are made up here (and generated from the Index's heart failure and
CKD stage lines), not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.linked import is_connective
from bot.lookups.index.query import roman_stages
from bot.lookups.index.sequencing import cited_codes, code_first_rank
from bot.lookups.index.tree import Node
from bot.lookups.search import find_codes

HEART_FAILURE_TYPES = {  # the Index's "Failure, heart" lines: type and course -> I50 code
    # (not "acute systolic": its Index line stands below a "Note:" line the walk reads as words, and the
    # combined type's line is found first with or without hypertension - a matter apart)
    ("systolic", "chronic"): "I50.22",
    ("systolic", "acute on chronic"): "I50.23",
    ("diastolic", "acute"): "I50.31",
    ("diastolic", "chronic"): "I50.32",
    ("diastolic", "acute on chronic"): "I50.33",
    ("combined systolic and diastolic", "acute"): "I50.41",
    ("combined systolic and diastolic", "chronic"): "I50.42",
    ("combined systolic and diastolic", "acute on chronic"): "I50.43",
}


def top(book: CodeBook, query: str, count: int = 2) -> list[str]:
    return [h.code for h in find_codes(book, query, limit=count)]


@pytest.mark.parametrize("link", ["{hf} with hypertension", "{hf} due to htn", "hypertension with {hf}"])
@pytest.mark.parametrize(("kind", "course"), sorted(HEART_FAILURE_TYPES))
def test_heart_failure_with_hypertension_is_the_combination_with_the_type_beside_it(
    codebook: CodeBook, link: str, kind: str, course: str
) -> None:
    query = link.format(hf=f"{course} {kind} heart failure")
    assert top(codebook, query) == ["I11.0", HEART_FAILURE_TYPES[kind, course]]


@pytest.mark.parametrize(
    ("stage", "expected"),
    [("1", "I12.9"), ("2", "I12.9"), ("3a", "I12.9"), ("3b", "I12.9"), ("4", "I12.9"), ("5", "I12.0")],
)
@pytest.mark.parametrize("link", ["hypertension with ckd stage {s}", "ckd {s} due to htn", "htn w ckd {s}"])
def test_hypertension_with_a_ckd_stage_is_the_hypertensive_ckd_code(
    codebook: CodeBook, stage: str, expected: str, link: str
) -> None:
    assert top(codebook, link.format(s=stage), 1) == [expected]


def test_the_combination_line_must_name_no_condition_the_query_did_not_say(codebook: CodeBook) -> None:
    """ "Hypertension, heart, with, kidney disease" (I13.-) names heart disease the query never said."""
    assert not top(codebook, "htn w ckd 3a", 1)[0].startswith("I13")


def test_a_connective_line_is_with_in_or_due_to() -> None:
    def line(term: str) -> Node:
        return Node(1, "cm", 0, 1, 1, term, "", "", (), (), ())

    assert is_connective(line("with"))
    assert is_connective(line("due to"))
    assert not is_connective(line("without"))
    assert not is_connective(line("heart failure (congestive)"))


def test_code_first_notes_cite_codes_and_categories(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    assert "U071" in cited_codes(conn, "J12.82")
    assert "N18" in cited_codes(conn, "D63.1")
    assert code_first_rank(conn, "J12.82", ["J18.9", "U07.1"]) == 1
    assert code_first_rank(conn, "J18.9", ["U07.1"]) is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("covid 19 infection with pneumonia", ["U07.1", "J12.82"]),
        ("ckd 2 with anemia", ["N18.2", "D63.1"]),
        ("severe sepsis with septic shock", ["A41.9", "R65.21"]),  # "sepsis NOS (A41.9)", no answer before
    ],
)
def test_the_code_a_first_answers_note_says_to_code_first_leads(
    codebook: CodeBook, query: str, expected: list[str]
) -> None:
    assert top(codebook, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [("anemia in chronic kidney disease", ["D63.1", "N18.9"]), ("anemia due to ckd", ["D63.1", "N18.9"])],
)
def test_a_combination_whose_title_names_the_condition_its_note_cites_leads(
    codebook: CodeBook, query: str, expected: list[str]
) -> None:
    """D63.1 "Anemia in chronic kidney disease" says "Code first underlying chronic kidney disease (N18.-)":
    its title names that condition, so for a query naming the anemia first it is the Index's answer to "X in
    Y" (Anemia, in, chronic kidney disease), the CKD's code beside it (sequencing.titled_by_note); "ckd 2 with
    anemia" names the CKD first and keeps the note's order."""
    assert top(codebook, query) == expected


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("ckd iv", "ckd stage 4"),
        ("ckd 3b with anemia", "ckd stage 3b with anemia"),
        ("pressure ulcer stage iii", "pressure ulcer stage 3"),
        ("follicular lymphoma grade ii", "follicular lymphoma grade ii"),
        ("hyperlipoproteinemia type iia", "hyperlipoproteinemia type iia"),
        ("vitamin d", "vitamin d"),
        ("iv fluids", "iv fluids"),
    ],
)
def test_a_stage_in_roman_numerals_or_after_ckd_is_the_stage(said: str, read: str) -> None:
    assert roman_stages(said) == read


def test_a_roman_stage_finds_the_stage_line(codebook: CodeBook) -> None:
    assert top(codebook, "pressure ulcer of right heel stage iv", 1) == ["L89.614"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cellulitis of right hand due to mrsa", ["L03.113", "B95.62"]),
        ("pneumonia due to streptococcus pneumoniae", ["J13"]),
    ],
)
def test_an_organism_as_the_cause_is_listed_after_the_condition_it_causes(
    codebook: CodeBook, query: str, expected: list[str]
) -> None:
    """B95-B97 are "supplementary or additional codes" (the block's note): the condition's code first."""
    assert top(codebook, query, len(expected)) == expected


def test_the_organism_alone_is_still_its_own_code(codebook: CodeBook) -> None:
    assert top(codebook, "mrsa as the cause of disease", 1) == ["B95.62"]


def test_only_the_organism_blocks_are_supplementary(codebook: CodeBook) -> None:
    from bot.lookups.index.sequencing import supplementary

    conn, memo = codebook.db.conn, {}
    assert supplementary(conn, memo, "B95.62") and supplementary(conn, memo, "B97.4")
    assert not supplementary(conn, memo, "Y92.010") and not supplementary(conn, memo, "L03.116")
