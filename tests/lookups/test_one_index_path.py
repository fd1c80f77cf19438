"""One Index path is the unit of meaning (bot.lookups.index.one_path): a line, its ancestors and one chain of its
descendants. Words on sibling branches of one main term do not support each other, and a "with" line names the
condition of its own path only. Queries are written for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.one_path import on_one_path
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes, searcher_for


@pytest.mark.parametrize(
    ("words", "held"),
    [
        # "Diabetes, type 2, with, chronic kidney disease": a main term, a link and the line below it
        ("diabetes chronic kidney disease", True),
        # "Accident, cerebrovascular, old": a subterm below a subterm
        ("old cerebrovascular accident", True),
        # "Fibrillation, atrial" and "Fibrillation, ventricular" are siblings: no one path holds both
        ("atrial ventricular fibrillation", False),
        ("ketoacidosis coma diabetes", True),
    ],
)
def test_one_index_path_holds_the_words(codebook: CodeBook, words: str, held: bool) -> None:
    tree = searcher_for(codebook).index_tree()
    assert on_one_path(tree, content_stems(words)) is held


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # CKD's usual sense, chronic kidney disease, is on one path with the query's diabetes ("Diabetes, type 2,
        # with, chronic kidney disease" E11.22): no other term CKD's letters spell (coma, ketoacidosis) is read
        ("diabetes type 2 with CKD", "E11.22"),
        ("diabetes type 1 w CKD", "E10.22"),
        # "Infarct, cerebral, old" (history, Z86.73): the usual sense of CVA holds "old" on one path - no
        # cervicovaginal adhesions, old
        ("CVA old", "Z86.73"),
    ],
)
def test_the_usual_sense_fits_a_word_one_index_path_holds_with_it(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]


@pytest.mark.parametrize(
    ("query", "expected", "not_first"),
    [
        # "Cardiomyopathy, due to, cardiac glycogenosis" (E74.02) names glycogenosis, not the heart failure the
        # query links: its line below the connective holds no word of Failure, heart's own path
        ("dilated cardiomyopathy with heart failure", "I42.0", "E74.02"),
        ("cardiomyopathy with CHF", "I42.9", "E74.02"),
        # "Pneumonia, in, virus" shares one word with "Disease, human immunodeficiency virus": another condition
        ("HIV with pneumonia", "B20", "J12.3"),
        # "Hypertension, pulmonary, due to, lung diseases and hypoxia" (I27.23) names chronic obstructive
        # pulmonary disease's own path ("Disease, pulmonary, ...") by the noun "pulmonary" pertains to
        ("pulmonary hypertension due to chronic obstructive pulmonary disease", "I27.23", "I27.24"),
    ],
)
def test_a_combination_line_names_the_linked_condition_by_its_own_path(
    codebook: CodeBook, query: str, expected: str, not_first: str
) -> None:
    hits = find_codes(codebook, query, limit=3)
    codes = [h.code for h in hits]
    assert codes and codes[0].startswith(expected) and not_first not in codes[:1], [
        (h.code, h.why) for h in hits
    ]


def test_a_vocabulary_echo_held_in_a_modifier_costs_nothing(codebook: CodeBook) -> None:
    """ "Gout, gouty (acute) (attack) (flare)" holds "flare" in its modifiers only: the vocabulary's echo of
    "gout flare" comes off the path's words as much as it added there (a modifier's share), so the acute gout
    line is not put below chronic gout's (M1A)."""
    hits = find_codes(codebook, "gout flare left knee", limit=3)
    assert hits and hits[0].code == "M10.062", [(h.code, h.why) for h in hits]
