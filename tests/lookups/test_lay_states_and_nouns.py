"""A state a patient says by its adjective, read as the Index's noun (bot.lookups.index.state_nouns, the main term
alone when nothing else answers: lay_descriptions `_state_line`), and a lay noun read as the Index's word by
WordNet's synonyms (bot.lookups.index.lay_nouns) (issue #10, lay24). Queries are made up for these tests, not
taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.state_nouns import state_nouns
from bot.lookups.search import find_codes


def test_a_state_adjective_names_its_noun() -> None:
    assert "restlessness" in state_nouns("restless")
    assert "clumsiness" in state_nouns("clumsy")
    assert "irritability" in state_nouns("irritable")
    assert "agitation" in state_nouns("agitated")
    assert "anger" in state_nouns("angry")
    assert state_nouns("tenderness") == ()


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # irritable / Irritable, irritability and angry / Anger: both the same code
        ("my husband is irritable lately and angry at everyone", "R45.4"),
        # lonely / Loneliness, a main term of its own
        ("my neighbor is so lonely since her husband passed", "R45.89"),
    ],
)
def test_a_state_said_by_its_adjective_is_its_main_term(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # tender / Tenderness with stomach / abdominal: Tenderness, abdominal
        ("it is tender when i push on my stomach", "R10.819"),
    ],
)
def test_a_state_adjective_says_its_index_line(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


def test_a_lay_noun_reads_as_its_dictionary_synonym(codebook: CodeBook) -> None:
    from bot.lookups.index.lay_nouns import clinical_synonyms

    conn = codebook.db
    printed = {"saliva": 9, "trachea": 40, "spit": 1, "windpipe": 0}
    assert clinical_synonyms(conn, "spit", lambda w: printed.get(w, 0)) == ("saliva",)
    assert clinical_synonyms(conn, "windpipe", lambda w: printed.get(w, 0)) == ("trachea",)
    # a word the Index prints often is its own word
    assert clinical_synonyms(conn, "trachea", lambda w: printed.get(w, 0)) == ()


def test_a_lay_noun_says_the_index_line_of_its_synonym(codebook: CodeBook) -> None:
    # teat / nipple (WordNet): Cracked nipple
    hits = find_codes(codebook, "my teat is cracked and sore from nursing", limit=5)
    assert hits and hits[0].code == "N64.0", [(h.code, h.why) for h in hits[:3]]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # a behaviour said by its verb: sneezes / Sneezing
        ("my daughter sneezes every morning", "R06.7"),
        # bites / biting (the -e off before -ing): Nail, biting, a habit, not a bite injury
        ("my 8 year old bites her nails constantly", "F98.8"),
        # "cold or heat" is said by either: Urticaria, due to, cold or heat
        ("my fingers get hives from holding cold drinks", "L50.2"),
        # skin said loose: derm- with -chalasis, Dermatochalasis, eyelid
        ("saggy loose skin hanging over my left upper eyelid", "H02.834"),
        # a line saying three words, one the answer left unused, beats it (High, arch, foot; no palate)
        ("my daughter has really high arched feet", "Q66.70"),
    ],
)
def test_a_told_habit_trigger_or_look_reads_the_index_line(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


def test_a_medical_words_main_term_comes_before_a_state_said_alone(codebook: CodeBook) -> None:
    # "weak" / Weakness is read only when no medical word of the query is a main term of its own
    hits = find_codes(codebook, "sarcopeenia in old pt, weak grip", limit=5)
    assert hits and hits[0].code == "M62.84", [(h.code, h.why) for h in hits[:3]]
