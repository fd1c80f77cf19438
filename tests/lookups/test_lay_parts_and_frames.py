"""A patient's words for a part, what happened to it and the frame of the sentence (issue #10, lay21): a part said
inflamed or infected read as the Index's -itis word of the part (bot.lookups.index.lay_descriptions
`RELATIVE_FORMS`), a part said in several words read as its one word ("white of my eye" / sclera), the lay words
of the terms.tsv block lay21 (a cluster of boils: Carbuncle; shrunk: Atrophy; pouches: Diverticula; upper belly:
epigastric), and the frames a patient puts around a condition ("I've had ... for 2 weeks", "does my mom's ...
need a code"), which are not a HCPCS item named before its purpose (bot.lookups.hcpcs_items.item_phrase) nor the
plural of an abbreviation ("does" is no DOE: bot.lookups.index.vocabulary). Queries are made up for these
tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.hcpcs_items import item_phrase
from bot.lookups.index.vocabulary import Vocabulary
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # a part said inflamed: the part's combining form with -itis
        ("my voice box is inflamed", "J04.0"),
        ("my inner ear is inflamed", "H83.09"),
        ("my right testicle is inflamed", "N45.2"),
        # a part said in several words, its side kept: Scleritis, left eye
        ("the white of my left eye is inflamed", "H15.002"),
        # lay words of a condition's nature, with the part as the Index's subterm
        ("a cluster of boils on the back of my neck", "L02.13"),
        ("my kidney has shrunk", "N26.1"),
        ("pouches in my bladder", "N32.3"),
        ("pain in my upper belly", "R10.13"),
        # the frame says nothing of the condition
        ("I've had miosis for 2 weeks", "H57.03"),
        ("does my mom's omphalocele need a code", "Q79.2"),
    ],
)
def test_a_lay_sentence_reads_the_part_and_its_frame(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


def test_how_long_is_no_purpose_of_an_item() -> None:
    assert item_phrase("I've had a rash for 2 weeks") == ""
    assert item_phrase("oxygen concentrator rental for a month") == "oxygen concentrator"
    assert item_phrase("cpap device for osa") == "cpap device"


def test_an_ordinary_word_is_no_plural_of_an_abbreviation() -> None:
    vocabulary = Vocabulary.shipped()
    assert vocabulary.expand("does it need a code")[1] == []
    assert vocabulary.expand("utis")[1][0][0] == "uti"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # the complaint is the first clause; the rest says what the part cannot do (Stiffness, elbow)
        ("my left elbow is stiff and won't straighten all the way", "M25.622"),
        # a function said not to work right is a Disturbance of it, not its Loss
        ("things don't smell right", "R43.9"),
    ],
)
def test_a_complaint_is_read_past_what_it_stops(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])
