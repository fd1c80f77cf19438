"""A word that is no English word and begins an ICD-10-CM Index main term is where a coder starts; an answer that
left it unread gives way to that main term's line, its subterms chosen by the other words
(bot.lookups.index.rare_main_terms). Queries are written for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.rare_main_terms import RareWord, main_lines, rare_words, said_stems
from bot.lookups.search import find_codes, searcher_for


@pytest.mark.parametrize(
    ("query", "expected", "main"),
    [
        ("hyporeflexia in both arms", "R29.2", "Hyporeflexia"),  # no causalgia of both upper limbs
        ("metamorphopsia left eye", "H53.15", "Metamorphopsia"),  # no sticky eye
        ("loose stools with steatorrhea", "K90.9", "Steatorrhea"),  # Diarrhea left it unread
        ("fatigue from hypothyroidism", "E03.9", "Hypothyroidism"),
    ],
)
def test_the_rare_words_main_term_answers_what_left_it_unread(
    codebook: CodeBook, query: str, expected: str, main: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]
    # (the main term's own Index line; after round 26's merge, unsaid_words may already have put it first)
    assert f"main term: {main}" in hits[0].why or hits[0].why.startswith(f"Index: {main} ->")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pericardiectomy for constrictive pericarditis", "02TN0ZZ"),  # the procedure asked for stays
        ("type 2 diabetic with periodontitis", "E11.630"),  # read as "periodontal disease" by the Index
        ("headache, no papilledema", "R51.9"),  # a word denied is no main term
        ("UTI due to proteus", "N39.0"),  # an organism's B96 code goes beside the condition
    ],
)
def test_an_answer_that_reads_the_word_or_a_procedure_stays(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]
    assert "main term: " not in hits[0].why


def test_rare_words_are_no_english_words_in_the_index_s_form() -> None:
    english = {"cirrhosis", "due", "primary", "feet", "burning", "veins", "pain"}.__contains__
    forms = {"vains": "veins", "takayasus": "takayasu's"}
    found = rare_words(
        "cirrhosis due to primary hemochromatosis, vains, takayasus, HIV hx",
        english,
        lambda w: w == "hx",
        lambda w: forms.get(w, w),
    )
    assert [(w.typed, w.form, w.known) for w in found] == [
        ("hemochromatosis", "hemochromatosis", False),
        ("takayasus", "takayasu's", False),  # (a word form the Index prints)
        ("hiv", "hiv", True),  # (a short word: weighed, no main term)
        ("hx", "hx", True),
    ]  # ("vains" is a typo of an English word)


def test_the_line_below_the_main_term_is_the_one_whose_subterms_the_query_says(codebook: CodeBook) -> None:
    tree = searcher_for(codebook).index_tree()
    query = "cirrhosis due to primary hemochromatosis"
    lines = main_lines(tree, RareWord("hemochromatosis", "hemochromatosis"), said_stems(query))
    assert [line.label for line in lines] == ["Hemochromatosis, primary"]
    # An eponym's main term needs no "disease" said; another many-word main term needs its other words said.
    eponym = main_lines(tree, RareWord("takayasus", "takayasu's"), said_stems("takayasus arteritis"))
    assert [line.main.term for line in eponym] == ["Takayasu's disease or syndrome"]
    assert not main_lines(tree, RareWord("stoma", "stoma"), said_stems("hernia next to the stoma"))
