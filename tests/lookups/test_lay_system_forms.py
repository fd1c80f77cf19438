"""A patient's words for a part and what it does, read as the Greek or Latin compound the Index prints
(issue #10, lay20: bot.lookups.index.lay_descriptions `_SYSTEM_PARTS`, `RELATIVE_FORMS`), and a phrasal verb's
particle said with its verb (bot.lookups.index.lay_sentences). Queries are made up for these tests, not taken
from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # ear / ot- + pus, draining / -rrhea: Otorrhea, with the side said
        ("pus keeps draining out of my left ear", "H92.12"),
        # eye / ophthalm- + bulging: Exophthalmos
        ("my son's eyes bulge out", "H05.20"),
        # head / cephal- + big / macro-: Macrocephaly
        ("my baby's head is really big", "Q75.3"),
    ],
)
def test_a_part_and_what_it_does_are_read_as_the_index_compound(
    codebook: CodeBook, query: str, code: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


def test_a_phrasal_verb_is_said_with_its_particle() -> None:
    from bot.lookups.index.lay_sentences import _particles_placed

    assert _particles_placed(("back", "up"), ["back", "", "up"])  # "backed it up"
    assert not _particles_placed(("back", "up"), ["back", "", "show", "up"])  # "back that show up"


def test_spots_that_show_up_on_the_back_are_no_constipation(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "dark spots on my back that show up every summer", limit=5)
    assert not hits or not hits[0].code.startswith("K59"), hits[0].why


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # what the patient concedes is no word of the complaint (Pain, joint, knee; not Housemaid's knee)
        ("my knee aches no matter how much i rest it", "M25.569"),
        # a lay phrase an answer said only a part of (Burn, mouth) is read over it: Cheilosis
        ("the corners of my mouth are so cracked and they burn", "K13.0"),
    ],
)
def test_a_patient_sentence_is_read_past_its_frame(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # a food eaten is the Index's "food", read below the line a cross-reference sends to
        # (Hives -> see Urticaria -> Urticaria, due to, food)
        ("my kid gets hives when he eats eggs", "L50.0"),
        ("itchy welts all over after i ate crab", "L50.0"),
    ],
)
def test_a_food_eaten_is_the_index_food(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])
