"""The condition a query names leads over a title sharing only its other words (issue #10,
bot.lookups.index.condition_named): the Alphabetic Index is entered at the condition's main term, the site a
subterm (ICD-10-CM conventions I.A, guideline I.B.1), so "Sialolithiasis" (K11.5) answers "sialolithiasis of
submandibular gland" though the line lists no site, not "Malignant neoplasm of submandibular gland". Queries
are made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.filler import answer_stems, path_adds
from bot.lookups.index.condition_named import condition_line
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sialolithiasis of submandibular gland", "K11.5"),  # Index: Sialolithiasis K11.5
        ("submandibular gland sialolithiasis", "K11.5"),
        ("scrofula in neck nodes", "A18.2"),  # Index: Scrofula, scrofulosis A18.2
    ],
)
def test_the_condition_main_term_leads(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=3)[0].code == expected


def test_a_title_reading_the_condition_keeps_its_place() -> None:
    answers = [
        ("ICD-10-CM", "Calculus of salivary gland", "title: Calculus of salivary gland"),
        ("ICD-10-CM", "Sialolithiasis", "Index: Calculus -> K11.5"),
    ]
    # (the title reads "calculus" itself: no condition left unread)
    assert condition_line("salivary gland calculus", answers, path_adds, answer_stems) == 0


def test_an_index_line_adding_words_does_not_lead() -> None:
    answers = [
        (
            "ICD-10-CM",
            "Malignant neoplasm of submandibular gland",
            "title: Malignant neoplasm of submandibular gland",
        ),
        ("ICD-10-CM", "Other mumps complications", "Index: Sialolithiasis, mumps -> B26.89"),
    ]
    assert condition_line("sialolithiasis of submandibular gland", answers, path_adds, answer_stems) == 0


def test_a_main_term_that_only_refers_on_does_not_lead() -> None:
    # "Tumor - see Neoplasm, unspecified behavior, by site" codes no condition of its own: with no site said it
    # ends on D49.9, and the status the query tells (Z17.0, I.C.21.c.3) keeps its place.
    answers = [
        (
            "ICD-10-CM",
            "Estrogen receptor positive status [ER+]",
            "title: Estrogen receptor positive status [ER+]",
        ),
        (
            "ICD-10-CM",
            "Neoplasm of unspecified behavior of unspecified site",
            "Index: Tumor -> see Neoplasm, unspecified behavior, by site, unspecified behavior -> D49.9",
        ),
    ]
    assert condition_line("tumor is estrogen receptor positive", answers, path_adds, answer_stems) == 0
