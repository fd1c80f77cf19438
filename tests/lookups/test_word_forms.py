"""A word written in another form than the code data prints it (issue #10, round 21: bot.lookups.index.word_forms):
a compound written open or closed, a hyphenated Index word typed closed, a British spelling, another part of
speech than the Index's main term, and who has the complaint said before it. Queries are made up for these
tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.word_forms import (
    agent_bases,
    american_forms,
    derived_forms,
    joined_pairs,
    possessive_of,
)
from bot.lookups.search import find_codes


def test_rules_give_the_forms_of_general_word_building() -> None:
    assert "esophagitis" in american_forms("oesophagitis")
    assert "anemia" in american_forms("anaemia")
    assert "tumor" in american_forms("tumour")
    assert "claustrophobia" in derived_forms("claustrophobic")
    assert "disorientation" in derived_forms("disoriented")
    assert "panic" in derived_forms("panicking")
    assert "explosion" in derived_forms("exploded")
    # A short consonant-vowel-consonant base doubles its last letter: "scared" is no form of "scar".
    assert "scar" not in derived_forms("scared")
    assert "sing" in agent_bases("singer") and agent_bases("cough") == []
    assert possessive_of("kawasakis") == "kawasaki's"  # the light stem keeps "-is": no "kawasaki" met


def test_two_words_join_only_when_the_data_never_prints_them_apart() -> None:
    words = {"nightmares", "heartfailure"}
    apart = {("heart", "failure")}
    joined = joined_pairs(
        ["bad", "night", "mares", "and", "heart", "failure", "my", "self"],
        words.__contains__,
        lambda a, b: (a, b) in apart,
    )
    assert joined == [(1, "nightmares")]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("night mares", "F51.5"),  # a closed compound written open: Nightmares, not Terror, night
        ("cosleeping", "Z72.823"),  # a hyphenated Index word typed closed: Co-sleeping
        ("oesophagitis", "K20.90"),  # a British spelling
        ("claustrophobic", "F40.240"),  # an adjective of the main term's noun
        ("narcoleptic", "G47.419"),  # the main term it is a form of, not the nearest spelling (neuroleptic)
        ("the boiler exploded", "W35.XXXA"),  # a verb read as its Index noun: Explosion, boiler
        ("grandma trembles", "R25.1"),
        (
            "kawasakis syndrome",
            "M30.3",
        ),  # an eponym's possessive typed without its apostrophe  # a lay verb in the present read as its "-ing" term (trembling)
        ("farmer with a cough", "R05.9"),  # who has it (Farmer's lung aside) read past
        ("heart failure", "I50.9"),  # printed apart: never joined
        ("anthracosis in a coal yard foreman", "J60"),  # the one medical word is a coded main term
        # A lay verb's default product (smoking: cigarettes) gives way to the product the query names.
        ("she smokes cigars daily", "F17.290"),
        ("smoking a pipe every evening", "F17.290"),
        ("smokes cigarettes", "F17.210"),
        ("counseled to quit smoking", "Z71.6"),  # the counseling, not a history of dependence
    ],
)
def test_a_word_in_another_form_reads_as_the_index_word(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.why) for h in hits]
