"""A condition's course and a symptom's cause told in plain words (issue #10, lay38).

- How long or how often a condition lasts, said by time words, read as the Index's course word
  (bot.lookups.index.course_words): what a patient "keeps getting", gets "again and again", is recurrent
  ("Tonsillitis, recurrent" J03.91); what "never goes away" or has lasted "for months" is chronic ("Laryngitis,
  chronic" J37.0, "Cough, chronic" R05.3); what comes "every few months" is infrequent ("Menstruation,
  infrequent - see Oligomenorrhea" N91.5). Kept only when the Index prints the course word for the condition:
  weeks are no chronic course, and "keeps getting bigger" is no recurrence.
- A symptom named with its cause read at the "due to" line the Index's own cross-reference sends the symptom's
  causes to (bot.lookups.index.cause_lines): "Rash, food - see Dermatitis, due to, food", so a rash from
  detergent is "Dermatitis, due to, detergents" L24.0; a drug's rash stays the Index's "Rash, drug" L27.0.

Queries are made up for these tests, not taken from the benchmark sets.
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.cause_lines import cause_lines, told_cause
from bot.lookups.index.course_words import read_course
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("she gets tonsillitis again and again", "J03.91"),  # Tonsillitis, recurrent
        ("laryngitis that never goes away", "J37.0"),  # Laryngitis, chronic
        ("cough for months", "R05.3"),  # Cough, chronic
        ("my periods only come every few months", "N91.5"),  # Menstruation, infrequent - see Oligomenorrhea
        ("hoarse voice for weeks", "R49.0"),  # weeks: no chronic course (Hoarseness)
    ],
)
def test_a_course_told_in_time_words_reads_as_the_index_course_word(
    codebook: CodeBook, query: str, code: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


def test_course_phrases() -> None:
    assert read_course("pink eye that never goes away") == "pink eye chronic"
    assert read_course("stuffy nose for months") == "stuffy nose chronic"
    assert (
        read_course("i keep getting sinus infections over and over")
        == "i recurrent sinus infections recurrent"
    )
    assert read_course("i get my period every 3 or 4 months") == "i get my period infrequent"
    # a change, not a recurrence; weeks, not a chronic course
    assert read_course("my scar keeps getting bigger") == "my scar keeps getting bigger"
    assert read_course("hoarse for weeks") == "hoarse for weeks"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("rash on my hands from dish detergent", "L24.0"),  # Dermatitis, due to, detergents
        ("itchy rash on my legs after walking through plants", "L25.5"),  # Dermatitis, due to, plants NEC
        ("rash from amoxicillin", "L27.0"),  # Rash, drug: the answer read the cause itself
    ],
)
def test_a_symptom_with_its_cause_reads_at_the_index_due_to_line(
    codebook: CodeBook, query: str, code: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


def test_cause_lines_come_from_the_index(codebook: CodeBook) -> None:
    lines = cause_lines(codebook.db.execute)
    assert lines["rash"] == "Dermatitis, due to"  # Rash, food - see Dermatitis, due to, food
    assert "fracture" not in lines  # (an injury's "due to" is another story)
    assert told_cause("itchy rash on my arm every time i pet the dog") == ("pet", "dog")
    assert told_cause("itchy rash on my arm") == ()


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # pre- (in front of) + auricular (WordNet: pertains to the auricle, pinna, ear): Tag, skin, preauricular
        ("small skin tag in front of my son's ear", "Q17.0"),
        # inter- (between) + menstrual (pertains to menstruation, whose names include period): Hemorrhage,
        # intermenstrual
        ("bleeding between periods", "N92.3"),
        ("cyst under my tongue", "K14.8"),  # no Index word of sub- and the tongue's adjective: Cyst, tongue
    ],
)
def test_a_place_said_by_a_preposition_reads_as_the_index_prefixed_word(
    codebook: CodeBook, query: str, code: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


def test_place_words_come_from_the_index_and_wordnet(codebook: CodeBook) -> None:
    from bot.lookups.index.place_prefixes import PlaceWords, place_words
    from bot.lookups.wordnet import WordNet

    places = PlaceWords(codebook.db.execute, WordNet(codebook.db.execute))
    assert places.word("in front of", "ear") == "preauricular"
    assert places.word("between", "periods") == "intermenstrual"
    assert places.word("under", "skin") == "subcutaneous"
    assert place_words("tag in front of my baby's ear", places) == ("tag baby preauricular", "preauricular")
    assert place_words("pain in my ear", places) is None
