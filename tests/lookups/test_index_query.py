"""Query understanding rules, one at a time (no code database needed)."""

from __future__ import annotations

import re

import pytest

from bot.lookups.index.query import understand
from bot.lookups.index.vocabulary import KINDS, Term, Vocabulary

VOCABULARY = Vocabulary(
    [
        Term("uti", "abbreviation", "urinary tract infection"),
        Term("e coli", "abbreviation", "escherichia coli"),
        Term("rlq", "abbreviation", "right lower quadrant"),
        Term("on blood thinners", "lay", "long-term drug therapy anticoagulants"),
        Term("tarry stool", "lay", "melena"),
        Term("leg", "synonym", "lower limb"),
        Term("office visit", "cpt", "office visit"),
        Term("new patient visit", "cpt", "new patient visit"),
        Term("cat", "abbreviation", "cataract"),
        Term("cat bite", "lay", "bite cat"),
    ]
)


@pytest.mark.parametrize(
    ("query", "words", "kind"),
    [
        ("history of breast cancer", "history personal breast cancer", "history"),
        ("hx of dvt", "history personal dvt", "history"),
        ("h/o stroke", "history personal stroke", "history"),
        ("personal history of colon polyps", "history personal colon polyps", "history"),
        ("family history of breast cancer", "history family breast cancer", "family"),
        ("fhx colon cancer", "history family colon cancer", "family"),
        ("s/p cabg", "status cabg", "status"),
        ("history colon polyps", "history personal colon polyps", "history"),
        ("status post appendectomy", "status appendectomy", "status"),
    ],
)
def test_history_family_and_status_lead_to_their_main_terms(query: str, words: str, kind: str) -> None:
    understood = understand(query, VOCABULARY)
    assert understood.text == words and kind in understood.kinds


def test_vocabulary_expands_to_index_words_and_says_so() -> None:
    understood = understand("abdominal pain RLQ", VOCABULARY)
    assert understood.words == ["abdominal", "pain", "right", "lower", "quadrant"]
    assert understood.notes == ["vocabulary: rlq -> right lower quadrant"]
    assert understand("tarry stools", VOCABULARY).words == ["melena"]  # a plural reads as the term


def test_synonyms_stay_beside_the_word() -> None:
    assert understand("cellulitis left leg", VOCABULARY).words == ["cellulitis", "left", "leg"]
    assert VOCABULARY.alternatives("leg") == ["lower", "limb"]


@pytest.mark.parametrize(
    ("query", "encounter", "said"),
    [
        ("fracture of femur", "A", False),
        ("fracture of femur initial encounter", "A", True),
        ("fracture of femur subsequent encounter", "D", True),
        ("burn of hand sequela", "S", True),
    ],
)
def test_injury_encounter_defaults_to_initial(query: str, encounter: str, said: bool) -> None:
    understood = understand(query, VOCABULARY)
    assert (understood.encounter, understood.encounter_said) == (encounter, said)
    assert "encounter" not in understood.words and "subsequent" not in understood.words


def test_laterality() -> None:
    assert understand("rt knee pain", VOCABULARY).side == "right"
    assert understand("pain in left knee", VOCABULARY).side == "left"
    assert understand("bilat knee pain", VOCABULARY).words[0] == "bilateral"


@pytest.mark.parametrize(
    ("query", "parts"),
    [
        ("uti due to e coli", [["urinary", "tract", "infection"], ["escherichia", "coli"]]),
        ("afib on blood thinners", [["afib"], ["long-term", "drug", "therapy", "anticoagulants"]]),
        ("pneumonia secondary to influenza", [["pneumonia"], ["influenza"]]),
        ("copd w/ exacerbation", [["copd"], ["exacerbation"]]),
        ("asthma", []),
    ],
)
def test_links_split_a_query_into_concepts(query: str, parts: list[list[str]]) -> None:
    assert understand(query, VOCABULARY).parts == parts


def test_cpt_service_is_flagged() -> None:
    assert "cpt" in understand("office visit", VOCABULARY).kinds
    assert "cpt" not in understand("office worker injury", VOCABULARY).kinds


def test_a_cpt_phrase_holding_a_filler_word_is_still_read() -> None:
    """ "patient" is a chart filler ("pt c/o"), but "new patient visit" is a CPT service."""
    assert "cpt" in understand("new patient visit level 3", VOCABULARY).kinds
    # The CPT pass replaces nothing else: a lay phrase is expanded once, its words not read again.
    assert understand("cat bite", VOCABULARY).words == ["bite", "cat"]


def test_punctuation_between_words_is_not_part_of_them() -> None:
    understood = understand("right clavicle fracture, routine healing", VOCABULARY)
    assert understood.words == ["right", "clavicle", "fracture"] and understood.encounter == "D"
    assert understand("pain (chest); unspecified.", VOCABULARY).words == ["pain", "chest", "unspecified"]
    assert understand("covid-19 pneumonia", VOCABULARY).words == ["covid-19", "pneumonia"]


def test_a_duration_in_chart_shorthand_is_dropped() -> None:
    assert understand("cough x 3 days", VOCABULARY).words == ["cough"]
    assert understand("fever x2 wks", VOCABULARY).words == ["fever"]
    # A count that codes (hours of ventilation, weeks of gestation) stays.
    assert understand("ventilation 48 hours", VOCABULARY).words == ["ventilation", "48", "hours"]


def test_shipped_vocabulary_is_broad_and_maps_to_words_not_codes() -> None:
    shipped = Vocabulary.shipped()
    assert shipped.count("abbreviation") >= 800
    assert shipped.count("lay") >= 400
    assert shipped.count("brand") >= 100
    code_shaped = re.compile(r"^(?:[a-z]\d\d\.\w+|[a-v]\d{4}|\d{5}|[0-9a-hj-np-z]{7})$")
    for term in shipped.terms.values():
        assert term.kind in KINDS and term.means, term.term
        coded = [w for w in term.means.split() if code_shaped.match(w) and any(c.isdigit() for c in w)]
        assert not coded, f"{term.term}: a vocabulary entry names index words, never codes ({coded})"


@pytest.mark.parametrize(
    ("query", "words", "side"),
    [
        ("sprain R knee", "sprain right knee", "right"),
        ("fx L. distal radius", "fx left distal radius", "left"),
        ("pain in R and L knee", "pain in right and left knee", "right"),
        # A letter before a number is a spinal level, not a side (a vertebra's level reads as the Tabular's
        # "fourth lumbar vertebra").
        ("L4 vertebra fracture", "fourth lumbar vertebra fracture", ""),
        ("L 4 fracture", "l 4 fracture", ""),
        ("L5-S1 disc", "l5-s1 disc", ""),
    ],
)
def test_a_standalone_side_letter_means_right_or_left(query: str, words: str, side: str) -> None:
    understood = understand(query, VOCABULARY)
    assert understood.text == words
    assert understood.side == side
    assert any(n.startswith("side: ") for n in understood.notes) == bool(side)


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("dx for copd", "copd"),
        ("icd 10 code for copd", "copd"),
        ("what is the code for copd", "copd"),
        ("copd dx code", "copd"),
        ("cough, dx bronchitis", "cough bronchitis"),
    ],
)
def test_a_request_for_a_code_is_not_part_of_the_query(query: str, words: str) -> None:
    assert understand(query, VOCABULARY).text == words


@pytest.mark.parametrize(
    "query",
    [
        "here for chemotherapy",
        "admitted for chemotherapy",
        "chemotherapy visit",
        "reason for visit: chemotherapy",
    ],
)
def test_a_visit_hints_at_the_encounter_main_term(query: str) -> None:
    understood = understand(query, VOCABULARY)
    assert understood.words == ["chemotherapy"]
    assert understood.echoes == ["encounter"] and "visit" in understood.kinds


def test_a_cpt_visit_is_not_read_as_an_encounter_reason() -> None:
    understood = understand("office visit", VOCABULARY)
    assert "visit" not in understood.kinds and not understood.echoes


def test_words_a_lay_phrase_replaced_are_kept_as_echoes() -> None:
    understood = understand("tarry stools", VOCABULARY)
    assert understood.words == ["melena"]
    assert understood.echoes == ["tarry", "stool"]
    assert understood.replaced == [(("tarry", "stool"), ("melena",))]
    # An abbreviation is not a word the Index holds: nothing echoed.
    assert understand("uti", VOCABULARY).echoes == []


def test_aftercare_stays_a_main_term_and_sets_the_subsequent_encounter() -> None:
    understood = understand("aftercare following knee replacement", VOCABULARY)
    assert understood.words[0] == "aftercare" and understood.encounter == "D"
    assert "aftercare" in understood.kinds


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("chest pain, mi ruled out", "chest pain"),
        ("cough r/o pneumonia", "cough"),
        ("fever, source unknown", "fever"),
        ("pneumonia, no organism isolated", "pneumonia"),
        ("rule out sepsis", "rule out sepsis"),  # nothing else said: the query stays as typed
    ],
)
def test_a_ruled_out_diagnosis_is_not_read(query: str, words: str) -> None:
    assert understand(query, VOCABULARY).text == words


def test_a_prefixed_word_also_reads_as_the_hyphenated_form() -> None:
    from bot.lookups.index.matching import query_words
    from bot.lookups.index.words import stem

    (word,) = query_words(["preoperative"])
    assert stem("pre-operative") in word.stems and stem("preoperative") in word.stems
    (word,) = query_words(["non-union"])
    assert stem("nonunion") in word.stems


@pytest.mark.parametrize(
    ("word", "form"),
    [("hypoxic", "hypoxia"), ("anemic", "anemia"), ("sacrum", "sacral"), ("septic", "sepsis")],
)
def test_an_adjective_also_reads_as_its_noun(word: str, form: str) -> None:
    from bot.lookups.index.matching import query_words
    from bot.lookups.index.words import stem

    (found,) = query_words([word])
    assert stem(form) in found.stems


def test_the_shipped_vocabulary_holds_each_term_once() -> None:
    # A repeated term is read with its last meaning only: an earlier row is dead text (two branches adding the
    # same term in their own blocks left such rows behind once).
    from collections import Counter
    from importlib import resources

    text = resources.files("bot.lookups.data").joinpath("terms.tsv").read_text()
    terms = [
        line.split("\t")[0].lower().strip()
        for line in text.splitlines()[1:]
        if line and not line.startswith("#")
    ]
    assert [term for term, n in Counter(terms).items() if n > 1] == []
