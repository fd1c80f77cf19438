"""Two linked conditions: the chart's lone "w" links them, a stage said is read against the stages an Index
line or title states, and a suggested pair whose title negates the other condition is no pair. Queries are
written from the Index's and the Tabular's own words, not taken from the benchmark sets."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.query import understand
from bot.lookups.index.ranges import contradicted, stated_numbers
from bot.lookups.index.vocabulary import Vocabulary
from bot.lookups.search import find_codes


def first(book: CodeBook, query: str) -> str:
    return find_codes(book, query, limit=1)[0].code


def test_a_lone_w_between_words_is_with() -> None:
    read = understand("gastric ulcer w hemorrhage", Vocabulary.shipped())
    assert read.words == ["gastric", "ulcer", "with", "hemorrhage"]
    assert read.parts == [["gastric", "ulcer"], ["hemorrhage"]]
    assert understand("vitamin w", Vocabulary.shipped()).words == ["vitamin", "w"]


def test_a_stage_said_is_read_against_the_stages_a_line_states() -> None:
    said = stated_numbers("hypertensive kidney disease with ckd stage 3a")
    assert said == {"stage": {3}}
    assert contradicted(said, ["with stage 5 chronic kidney disease or end stage renal disease"])
    assert not contradicted(said, ["with stage 1 through stage 4 chronic kidney disease"])
    assert not contradicted(said, ["end stage renal disease"])  # no stage number: nothing to read


def test_hypertensive_kidney_disease_with_a_stage_leads_to_the_line_holding_it(codebook: CodeBook) -> None:
    assert first(codebook, "hypertensive kidney disease w CKD stage 2") == "I12.9"


def test_a_pair_whose_title_negates_the_other_condition_is_no_pair(codebook: CodeBook) -> None:
    # "Benign, prostatic hyperplasia" -> N40.0 "... without lower urinary tract symptoms" is not the pair of
    # "Hyperplasia, prostate, with lower urinary tract symptoms" (N40.1), the code the words name.
    found = [
        h.code for h in find_codes(codebook, "benign prostatic hyperplasia with lower urinary tract symptoms")
    ]
    assert found[0] == "N40.1"
    assert first(codebook, "enlarged prostate with LUTS") == "N40.1"


def test_a_subterm_naming_a_circumstance_the_query_does_not_say_ranks_below(codebook: CodeBook) -> None:
    # "Arteriosclerosis, coronary, transplanted heart, native coronary artery, with, angina pectoris, ..."
    # holds the vocabulary's "heart" too, but nothing said a transplanted heart: the native vessel's line.
    assert first(codebook, "CAD with refractory angina") == "I25.112"
    assert first(codebook, "CAD with angina with documented spasm") == "I25.111"
    # A condition that is congenital itself keeps its code.
    assert first(codebook, "atresia of small intestine") == "Q41.9"
