"""A "with" line naming the Tabular class the other condition is filed in (issue #10,
bot.lookups.index.tabular_classes): "Diabetes, with, mononeuropathy" holds carpal tunnel syndrome (G56
"Mononeuropathies of upper limb"); a body system's catch-all line only when the query says one caused the
other. Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.tabular_classes import states_link
from bot.lookups.search import find_codes


def top(book: CodeBook, query: str, count: int = 2) -> list[str]:
    return [h.code for h in find_codes(book, query, limit=count)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type 2 diabetes with carpal tunnel syndrome", ["E11.41", "G56.00"]),
        ("type 1 diabetes with tarsal tunnel syndrome", ["E10.41", "G57.50"]),
        ("chronic obstructive pulmonary disease with acute bronchiolitis", ["J44.0", "J21.9"]),
        ("glaucoma due to type 2 diabetes", ["E11.39", "H40.9"]),
    ],
)
def test_the_with_line_naming_the_class_the_tabular_files_the_other_in_is_first(
    codebook: CodeBook, query: str, expected: list[str]
) -> None:
    assert top(codebook, query) == expected


def test_a_catch_all_line_needs_the_cause_said(codebook: CodeBook) -> None:
    """Migraine beside diabetes is two codes: "with" is no statement that diabetes caused it."""
    assert top(codebook, "type 2 diabetes with migraine") == ["E11.9", "G43.909"]


def test_a_cause_is_said_by_due_to_or_from_not_with_or_and() -> None:
    assert states_link("glaucoma due to diabetes") and states_link("neuropathy 2/2 dm")
    assert not states_link("diabetes with glaucoma") and not states_link("diabetes and glaucoma")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("BPH with nocturia", "N40.1"),
        ("nodular prostate with urinary hesitancy", "N40.3"),
        ("bph causing urinary retention", "N40.1"),
        ("BPH without urinary retention", "N40.0"),
    ],
)
def test_the_with_twin_whose_note_asks_for_the_condition_said_replaces_the_without_code(
    codebook: CodeBook, query: str, expected: str
) -> None:
    """N40.1 "... with lower urinary tract symptoms": "Use additional code for associated symptoms ...
    nocturia (R35.1) ... urinary retention (R33.8)" (bot.lookups.index.asked_with)."""
    assert top(codebook, query, 1) == [expected]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("epilepsy in pregnancy third trimester", ["O99.353", "G40.909"]),
        ("asthma complicating pregnancy", ["O99.519", "J45.909"]),
        ("pregnant with depression", ["O99.340", "F32.A"]),
        ("anemia complicating pregnancy", ["O99.019"]),  # the Index's own line
    ],
)
def test_a_condition_in_pregnancy_reads_the_body_system_line_of_its_chapter(
    codebook: CodeBook, query: str, expected: list[str]
) -> None:
    """ "Pregnancy, complicated by, nervous system condition O99.35-" holds epilepsy (G40, chapter 6), the
    condition's own code beside it (guideline I.C.15.a.1)."""
    assert top(codebook, query, len(expected)) == expected


def test_a_lines_own_range_note_decides_its_class() -> None:
    from bot.lookups.index.tabular_classes import in_ranges, noted_ranges

    ranges = noted_ranges("(conditions in A80-B09, B25-B34)")
    assert ranges == (("A80", "B09"), ("B25", "B34"))
    assert in_ranges("B02.9", ranges) and not in_ranges("B20", ranges)
    assert noted_ranges("(chronic)") == ()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the note "(conditions in A80-B09, B25-B34)" holds zoster's code, whatever its block's "skin" word
        ("shingles in pregnancy, 3rd trimester", "O98.513"),
        # the line the query's own words name (Pregnancy, complicated by, smoking) before the nicotine code
        ("smoking in pregnancy, second trimester", "O99.332"),
        # a condition had "while pregnant" is one in pregnancy
        ("syphilis while pregnant, first trimester", "O98.111"),
    ],
)
def test_pregnancy_lines_by_their_note_their_own_words_and_while_pregnant(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert top(codebook, query, 1) == [expected], [
        (h.code, h.why) for h in find_codes(codebook, query, limit=3)
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # "Pregnancy, complicated by, infection, protozoal disease O98.61-": the line stands under another
        # coded line (infection), itself a class malaria stands in (chapter 1, "Certain infectious ...
        # diseases"); the line's own words name malaria's block ("Protozoal diseases", B50-B64)
        ("malaria in pregnancy, third trimester", "O98.613"),
        ("giardiasis complicating pregnancy, 1st trimester", "O98.611"),
    ],
)
def test_a_class_line_under_a_coded_line_that_is_a_broader_class_of_the_code(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert top(codebook, query, 1) == [expected], [
        (h.code, h.why) for h in find_codes(codebook, query, limit=3)
    ]


def test_a_chapter_alone_names_no_line_under_a_coded_line(codebook: CodeBook) -> None:
    """ "infection, parasitic disease" (O98.91-, the unspecified infection) is no class line for a chlamydial
    infection: "parasitic" is only a word of chapter 1's title, which holds every infection."""
    assert not top(codebook, "chlamydia in pregnancy, first trimester", 1)[0].startswith("O98.91")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the weeks of gestation or a trimester tell the pregnancy as "pregnant" does; the condition's own
        # line for a pregnancy comes first (Embolism, obstetric, pregnancy O88.21-; Pregnancy, complicated
        # by, ptyalism O26.89-)
        ("DVT diagnosed at 16 weeks gestation", "O22.32"),
        ("pulmonary embolism at 30 weeks gestation", "O88.213"),
        ("ptyalism, 2nd trimester", "O26.892"),
        # a vocabulary reading that only drops a word ("eczema flare" -> eczema) reads the condition whole
        ("eczema flare, pregnant at 20 wks", "O99.712"),
    ],
)
def test_a_pregnancy_told_by_its_weeks_or_trimester(codebook: CodeBook, query: str, expected: str) -> None:
    assert top(codebook, query, 1) == [expected], [
        (h.code, h.why) for h in find_codes(codebook, query, limit=3)
    ]
