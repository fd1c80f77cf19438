"""The approach Percutaneous Endoscopic said by its own two words (pcs_approach), an angioplasty done through a
catheter with a plain balloon unless its coating is said (pcs_angioplasty), and a device value said by name
keeping a Removal (pcs_removal)."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_approach import names_percutaneous_endoscopic
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


def test_the_approach_name_and_the_guided_tube() -> None:
    assert names_percutaneous_endoscopic(content_stems("percutaneous endoscopic excision"))
    assert not names_percutaneous_endoscopic(content_stems("percutaneous excision"))
    assert not names_percutaneous_endoscopic(content_stems("percutaneous endoscopic gastrostomy"))


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("percutaneous endoscopic excision of left adrenal gland", "0GB24ZZ"),
        ("percutaneous endoscopic drainage of right pleural cavity", "0W994ZZ"),
        ("percutaneous endoscopic gastrostomy", "0DH63UZ"),  # the scope only guides the tube (PEG)
        ("balloon angioplasty of right renal artery", "04793ZZ"),
        ("drug-coated balloon angioplasty of right renal artery", "04793Z1"),
        ("open balloon angioplasty of right renal artery", "04790ZZ"),
        ("removal of synthetic substitute from lower tendon open", "0LPY0JZ"),
    ],
)
def test_approach_and_angioplasty_readings(codebook: CodeBook, query: str, code: str) -> None:
    assert _first(codebook, query) == code


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # a root operation and an approach said: the procedure, not the device's status or a supply's line
        ("open supplement of right femoral artery with autologous tissue", "04UK07Z"),
        ("percutaneous drainage of left upper eyelid with drainage device", "089P30Z"),
        ("open wound of left forearm", "S51.802A"),  # no root operation said: the diagnosis
    ],
)
def test_operation_and_approach_ask_for_the_procedure(codebook: CodeBook, query: str, code: str) -> None:
    assert _first(codebook, query) == code


def test_a_clause_of_approach_words_alone() -> None:
    from bot.lookups.index.completion import said_approaches
    from bot.lookups.index.pcs_approach import approach_only

    assert approach_only("open", said_approaches)
    assert approach_only("laparoscopic approach", said_approaches)
    assert not approach_only("open wound", said_approaches)
    assert not approach_only("no findings", said_approaches)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Dacron patch angioplasty of right common iliac artery", "04UC0JZ"),  # the patch: Supplement
        ("excision of sebaceous cyst back skin, open", "0HB6XZZ"),  # "open" alone is no open wound
    ],
)
def test_device_nouns_and_approach_clauses(codebook: CodeBook, query: str, code: str) -> None:
    assert _first(codebook, query) == code


def test_a_combining_form_read_through_the_body_part_key(codebook: CodeBook) -> None:
    # "staped-" begins no table's body part: the Key's "Stapes - use Auditory Ossicle" names it
    assert _first(codebook, "right stapedectomy") in {"09T90ZZ", "09B90ZZ"}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # matter taken out: the taking is an Extirpation of the body part the matter is in
        ("open removal of foreign body from median nerve", "01C50ZZ"),
        ("removal of foreign body from left foot subcutaneous tissue", "0JCR0ZZ"),
    ],
)
def test_matter_taken_out_walks_the_extirpation(codebook: CodeBook, query: str, code: str) -> None:
    assert _first(codebook, query) == code


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("open excision of left inguinal lymph nodes", "07BJ0ZZ"),  # lymph nodes: the Lymphatic body part
        ("enlarged lymph nodes in neck", "R59.1"),  # no procedure said: the diagnosis
    ],
)
def test_lymph_nodes_read_as_lymphatic(codebook: CodeBook, query: str, code: str) -> None:
    assert _first(codebook, query) == code
