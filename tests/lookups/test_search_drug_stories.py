"""Drug stories (issue #10): a poisoning, adverse effect or underdosing told in words picks the Drug Table's
column (guideline I.C.19.e), initial encounter by default. Substances and phrasings are made up here, not
taken from the benchmark sets; bench/drug_stories.py checks every column on a seeded sample of the Table."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.stories import read_drug_story
from bot.lookups.search import find_codes


def first(book: CodeBook, query: str) -> str:
    found = find_codes(book, query, limit=1)
    assert found, f"nothing for {query!r}: {found.notice}"
    return found[0].code


@pytest.mark.parametrize(
    ("story", "read"),
    [
        ("ran out of metoprolol", "underdosing metoprolol"),
        ("not taking her digoxin", "underdosing her digoxin"),
        ("missed several doses of insulin", "underdosing insulin"),
        ("overdosed on lithium on purpose", "poisoning lithium poisoning intentional self-harm"),
        ("suicide attempt with aspirin", "poisoning intentional self-harm aspirin"),
        ("given clonidine by someone else", "given clonidine poisoning assault"),
        ("took too many ibuprofen by mistake", "poisoning accidental ibuprofen poisoning accidental"),
        ("side effect of prednisone", "adverse effect prednisone"),
        # intent said in other everyday words: the patient's own stretching, an unknown intent, a deliberate
        # overdose, a third person drugging someone or spiking their food
        ("only taking warfarin every other day", "underdosing warfarin"),
        ("skipped his lasix like he was told to", "underdosing lasix"),
        ("cutting her lisinopril pills in half", "underdosing lisinopril pills"),
        ("baclofen overdose, unclear if on purpose", "baclofen overdose, poisoning undetermined"),
        ("deliberate overdose of lithium", "poisoning intentional self-harm poisoning lithium"),
        ("her ex drugged her with ketamine", "her ex poisoning assault ketamine"),
        ("slipped zolpidem in his coffee", "poisoning assault zolpidem in his coffee"),
        ("not confirmed", "not confirmed"),  # no story: as it was
    ],
)
def test_a_story_phrase_reads_as_the_drug_tables_column_words(story: str, read: str) -> None:
    assert read_drug_story(story) == read


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("accidentally swallowed clonidine", "T46.5X1A"),
        ("took too many naproxen by mistake", "T39.311A"),
        ("overdosed on clonidine on purpose", "T46.5X2A"),
        ("suicide attempt with digoxin", "T46.0X2A"),
        ("poisoned with clonidine by someone else", "T46.5X3A"),
        ("digoxin overdose intent undetermined", "T46.0X4A"),
        ("side effect of clonidine", "T46.5X5A"),
        ("clonidine reaction taken as prescribed", "T46.5X5A"),
        ("ran out of clonidine", "T46.5X6A"),
        ("not taking his digoxin", "T46.0X6A"),
        ("missed doses of clonidine", "T46.5X6A"),
    ],
)
def test_a_drug_story_answers_the_column_it_tells(codebook: CodeBook, query: str, expected: str) -> None:
    assert first(codebook, query) == expected


def test_the_tables_catch_all_poison_line_is_no_pair_of_a_named_drug(codebook: CodeBook) -> None:
    """ "overdosed on X on purpose": "Poison NEC" (T65.9-) holds the story's word "poisoning" only; the
    named drug's line holds it too, so nothing is left for a pair."""
    found = [h.code for h in find_codes(codebook, "overdosed on clonidine on purpose", limit=3)]
    assert found[0] == "T46.5X2A"
    assert not any(code.startswith("T65.9") for code in found)


@pytest.mark.parametrize(
    ("query", "reaction", "adverse"),
    [
        ("vomiting side effect of clonidine", "R11.10", "T46.5X5A"),
        ("adverse reaction to digoxin with hives", "L50.9", "T46.0X5A"),
        ("cough due to clonidine", "R05.9", "T46.5X5A"),
    ],
)
def test_an_adverse_effect_with_a_named_reaction_is_the_reaction_then_the_t_code(
    codebook: CodeBook, query: str, reaction: str, adverse: str
) -> None:
    """Guideline I.C.19.e.5.a: the nature of the adverse effect first, the drug's adverse effect code beside it
    (the drug's own Drug Table line, not "Drug NEC")."""
    found = [h.code for h in find_codes(codebook, query, limit=2)]
    assert found == [reaction, adverse]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # intent said in other words
        ("swallowed a handful of lorazepam to kill herself", "T42.4X2A"),
        ("took his digoxin to end his life", "T46.0X2A"),
        ("ativan overdose to hurt self", "T42.4X2A"),  # a chart leaves out the pronoun
        # a young child's taking is accidental
        ("my 3 year old ate grandma's digoxin", "T46.0X1A"),
        ("baby got into the naproxen", "T39.311A"),
        ("toddler swallowed a clonazepam tablet", "T42.4X1A"),
    ],
)
def test_intent_in_other_words_and_a_childs_taking_pick_their_column(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert first(codebook, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("snorted too much coke", "T40.5X1A"),  # street names: the Table's substance
        ("smoked too much weed", "T40.711A"),
        ("crystal meth overdose on purpose", "T43.652A"),
        ("whiskey poisoning accidental", "T51.0X1A"),  # a drink: Alcohol, beverage
        ("seroquel poisoning self harm", "T43.592A"),  # a brand the Table lists only by its class
    ],
)
def test_a_street_name_drink_or_brand_reads_as_its_drug_table_substance(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert first(codebook, query) == expected


@pytest.mark.parametrize(
    ("query", "reaction", "adverse_effect"),
    [
        ("hives after taking amoxicillin", "L50.0", "T36.0X5A"),  # Urticaria, allergic (drug)
        ("nausea after starting metformin", "R11.0", "T38.3X5A"),
        ("acute dystonic reaction to haloperidol", "G24.02", "T43.4X5A"),  # Dystonia, drug induced, acute
    ],
)
def test_a_reaction_after_taking_a_drug_is_coded_first_with_the_adverse_effect_beside_it(
    codebook: CodeBook, query: str, reaction: str, adverse_effect: str
) -> None:
    codes = [h.code for h in find_codes(codebook, query, limit=5)]
    assert codes[0] == reaction
    assert adverse_effect in codes


def test_an_adverse_or_allergic_reaction_to_a_drug_stays_the_tables_adverse_effect(
    codebook: CodeBook,
) -> None:
    assert first(codebook, "allergic reaction to penicillin") == "T36.0X5A"
    assert first(codebook, "adverse reaction to cymbalta") == "T43.215A"
