"""The patient's stage of life the query tells, checked against the code's (the MCE age edits, the Tabular
title's life-stage words): a first answer for the other stage gives its place to the next one for the
patient's (bot.lookups.index.age_agreement). Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.age_agreement import ADULT, YOUNG, code_age, told_age
from bot.lookups.search import find_codes

_KINDS = {
    "toddler": frozenset({"toddler", "child", "juvenile", "person"}),
    "infant": frozenset({"baby", "child", "offspring", "person"}),
    "woman": frozenset({"woman", "female", "adult", "person"}),
    "son": frozenset({"son", "male offspring", "child", "offspring", "person"}),
}


def _kinds(word: str) -> frozenset[str]:
    return _KINDS.get(word, frozenset())


def test_the_stage_told_by_a_word_for_a_person() -> None:
    assert told_age("toddler with a cough", _kinds) == YOUNG
    assert told_age("infant, pyloric stenosis", _kinds) == YOUNG
    assert told_age("woman with a cough", _kinds) == ADULT
    assert told_age("my son has a cough", _kinds) is None  # (a son is an offspring of any age)
    assert told_age("woman and her infant", _kinds) is None  # (both stages: none)


def test_the_stage_told_by_an_age() -> None:
    assert told_age("67 yo with a cough", _kinds) == ADULT
    assert told_age("4 year old with a cough", _kinds) == YOUNG
    assert told_age("3 wk old, vomiting", _kinds) == YOUNG
    assert told_age("16 yo with a cough", _kinds) is None  # (15-17: an adult code's ages and a child's)


def test_the_code_s_stage() -> None:
    assert code_age(frozenset({"adult"}), "Adult hypertrophic pyloric stenosis") == ADULT
    assert code_age(frozenset(), "Rumination disorder of infancy and childhood") == YOUNG
    assert code_age(frozenset(), "Pyloric stenosis") is None


def test_an_adult_code_gives_way_for_an_infant(codebook: CodeBook) -> None:
    # K31.1 "Adult hypertrophic pyloric stenosis" carries the MCE adult age edit (ages 15-124)
    hits = find_codes(codebook, "infant with pyloric stenosis", limit=5)
    assert hits[0].code != "K31.1"
    assert "the patient's age" in hits[0].why


def test_a_hcpcs_descriptor_s_age_band() -> None:
    # HCPCS descriptors print a line's age band: "pediatric (0-10 years)" beside "adult (11 years +)"
    assert code_age(frozenset(), "Cast supplies, short leg cast, pediatric (0-10 years), plaster") == YOUNG
    assert code_age(frozenset(), "Cast supplies, short leg cast, adult (11 years +), plaster") == ADULT


def test_an_adult_hcpcs_line_gives_way_for_a_child(codebook: CodeBook) -> None:
    # Q4038 "Cast supplies, short leg cast, adult (11 years +), fiberglass" read first without the age
    hits = find_codes(codebook, "fiberglass short leg cast supplies for a toddler", limit=5)
    assert hits[0].code == "Q4040"  # "Cast supplies, short leg cast, pediatric (0-10 years), fiberglass"
    assert "the patient's age" in hits[0].why
