"""What a query says was taken out is solid matter by what it is (pcs_solid_matter).

ICD-10-PCS Extirpation: "taking or cutting out solid matter from a body part ... an abnormal byproduct of a
biological function or a foreign body"; Removal: "taking out or off a device". The thing taken out need not be
called a "foreign body": a bead, a tampon, a piece of glass is solid matter because WordNet files it as a thing
(an artifact, a substance, a food, a plant part, a natural object) that is neither a body part the PCS tables
name nor a device the query names.
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_matter import TAKING
from bot.lookups.index.pcs_solid_matter import is_thing, object_words, things_taken
from bot.lookups.search import find_codes


def test_the_object_of_the_taking_is_read() -> None:
    assert object_words(["removal", "of", "a", "bead", "from", "the", "right", "nostril"], TAKING) == ["bead"]
    assert object_words(["egd", "with", "foreign", "body", "removal", "from", "stomach"], TAKING) == [
        "foreign",
        "body",
    ]
    # (the instrument after "with" is the means, not the thing taken out)
    assert object_words(["removed", "a", "pebble", "from", "ear", "canal", "with", "forceps"], TAKING) == [
        "pebble"
    ]


@pytest.mark.parametrize("word", ["bead", "peanut", "tampon", "glass", "pebble", "earring"])
def test_a_thing_is_solid_matter(codebook: CodeBook, word: str) -> None:
    assert is_thing(codebook.db.conn, word, {})


@pytest.mark.parametrize("word", ["toenail", "tendon", "polyp", "cyst", "lens"])
def test_a_body_part_or_a_state_is_not(codebook: CodeBook, word: str) -> None:
    # (a body part - noun.body, or a PCS body part value such as Lens - and a growth, noun.state)
    assert not is_thing(codebook.db.conn, word, {})


def test_a_device_named_keeps_the_removal(codebook: CodeBook) -> None:
    words = ["removal", "of", "plastic", "stent", "from", "common", "bile", "duct"]
    assert things_taken(codebook.db.conn, words, TAKING, {}) == frozenset()


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        # Extirpation, Nasal Mucosa and Soft Tissue (Body Part Key: nostril), External: not the Removal of a
        # tissue expander the "Removal of device from" lines reached
        ("removal of bead from right nostril", "09CKXZZ"),
        # Extirpation, Vagina: a retained tampon is matter, not the vagina's Resection
        ("removal of tampon from vagina", "0UCGXZZ"),
    ],
)
def test_the_thing_taken_out_is_an_extirpation(codebook: CodeBook, query: str, wanted: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits[0].code == wanted


@pytest.mark.parametrize(
    "query",
    [
        "removal of cast right arm",  # a cast is a device (Placement, Removal)
        "removal of polyp from left nostril",  # a polyp is a growth: no solid matter
        "removal of ureteral stent with forceps",  # a device named: Removal, whatever the instrument
    ],
)
def test_a_device_or_a_growth_is_no_extirpation(codebook: CodeBook, query: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert not (hits[0].system == "ICD-10-PCS" and hits[0].code[2] == "C")
