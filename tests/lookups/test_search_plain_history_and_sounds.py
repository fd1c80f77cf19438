"""Words spelt by their sound, and a history, a family history or a device said in plain words. Queries are
made up for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.reasons import plain_history, read_results, read_values, residual_child
from bot.lookups.search import find_codes, searcher_for
from bot.lookups.sounds import sound_key


def test_spellings_of_one_sound_share_a_key() -> None:
    assert sound_key("exema") == sound_key("eczema")
    assert sound_key("cirosis") == sound_key("cirrhosis")
    assert sound_key("soriasis") == sound_key("psoriasis")
    assert sound_key("edema") != sound_key("eczema")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("exema", "eczema"), ("cirosis", "cirrhosis"), ("diarea", "diarrhea"), ("nefritis", "nephritis")],
)
def test_a_word_spelt_by_its_sound_is_corrected_to_the_word_it_sounds_like(
    codebook: CodeBook, typed: str, meant: str
) -> None:
    assert searcher_for(codebook).corrections(typed)[0] == meant


def test_real_words_are_never_corrected_by_sound(codebook: CodeBook) -> None:
    searcher = searcher_for(codebook)
    for word in ("edema", "crisis", "planter"):
        assert searcher.corrections(word) == (word,)


def test_a_plural_of_a_known_word_counts_as_known(codebook: CodeBook) -> None:
    assert find_codes(codebook, "psoraisis on knees", limit=1)[0].code == "L40.9"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("dad and sister had skin cancer", "family history of skin cancer"),
        ("maternal aunt with ovarian cancer", "family history of ovarian cancer"),
        ("glaucoma in mother", "family history of glaucoma"),
        ("grandpa passed away from lung cancer", "family history of lung cancer"),
        ("uncle died suddenly of cardiac arrest", "family history of cardiac arrest"),
        ("previous appendicitis", "history of appendicitis"),
        ("lymphoma survivor in remission", "history of lymphoma"),
        ("had preeclampsia with first pregnancy", "history of preeclampsia"),
        ("had asthma as a child", "history of asthma"),
        ("prior to surgery", "prior to surgery"),
        ("asthma", "asthma"),
    ],
)
def test_a_history_said_in_plain_words_is_read_as_history(text: str, read: str) -> None:
    assert plain_history(text) == read


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("previous kidney stones", "Z87.442"),
        ("had pneumonia as a kid", "Z87.01"),
        ("sister had breast cancer", "Z80.3"),
        ("wearing hearing aid", "Z97.4"),
    ],
)
def test_plain_history_and_devices_reach_the_history_and_presence_codes(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("cea 8.4 rising", "elevated cea"),
        ("troponin high, ck normal", "elevated troponin"),
        ("rpr positive", "positive rpr"),
        ("ekg: prolonged qt", "prolonged qt ekg"),
        ("hcg 40 low", "low hcg"),
        ("chest pain, ekg normal", "chest pain"),
        ("normal pregnancy", "normal pregnancy"),
        ("high blood pressure", "high blood pressure"),
    ],
)
def test_a_chart_result_line_is_read_result_first(text: str, read: str) -> None:
    assert read_results(text) == read


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("troponin level elevated, chest pain resolved", "R79.89"),
        ("psa 9 rising", "R97.20"),
        ("tuberculin skin test positive", "R76.11"),
    ],
)
def test_a_result_after_its_test_reaches_the_findings_line(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("bp 182/95 in clinic", "elevated blood pressure reading in clinic"),
        ("bp 118/76", "bp 118/76"),
        ("o2 sat 84% on room air", "hypoxemia"),
        ("sats 98%", "sats 98%"),
        ("fingerstick 52", "hypoglycemia"),
        ("blood sugar 420", "hyperglycemia"),
        ("temp 102.3", "fever"),
    ],
)
def test_a_reading_outside_its_usual_range_is_read_as_the_finding(text: str, read: str) -> None:
    assert read_values(text) == read


def test_high_or_low_before_another_word_is_no_result() -> None:
    assert read_results("fell at high school") == "fell at high school"
    assert read_results("ache in low back") == "ache in low back"


def test_a_condition_in_a_son_or_daughter_is_the_patients_own() -> None:
    assert plain_history("crossed eyes in daughter") == "crossed eyes in daughter"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # "History, family - see also History, personal" must not lead a relative's condition to the
        # patient's own history (Z86.73 for the vocabulary's "cerebral infarction").
        ("grandfather passed from a stroke", "Z82.3"),
        ("family hx of cva", "Z82.3"),
        # No History, family line names it: Z82.4's note holds I21.9, and of its children only the "other"
        # one (Z82.49) can say a myocardial infarction.
        ("uncle had an mi", "Z82.49"),
        ("paternal grandmother had a blood clot in her leg", "Z82.49"),
        # the age the relative had it at is no word of the condition (it kept the note's reading below 3/4,
        # and the patient's own old MI, I25.2, came first)
        ("mother had a heart attack at 50", "Z82.49"),
        ("dad had colon cancer at age 45", "Z80.0"),
    ],
)
def test_a_relatives_condition_is_a_family_history_code(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


def test_a_family_history_query_puts_no_personal_history_first(codebook: CodeBook) -> None:
    codes = [hit.code for hit in find_codes(codebook, "family history of stroke", limit=5)]
    assert codes[0] == "Z82.3"
    assert codes.index("Z82.3") < codes.index("Z86.73")


def test_a_history_note_without_a_child_naming_it_goes_to_the_other_child(codebook: CodeBook) -> None:
    searcher = searcher_for(codebook)
    tree = searcher.index_tree()
    assert residual_child(tree.conn, "Z824") == (
        "Z8249",
        "Family history of ischemic heart disease and other diseases of the circulatory system",
    )
