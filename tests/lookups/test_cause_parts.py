"""An injury story read in its parts: the mechanism's External Cause Index line first, the place, activity or
status told beside it suggested after it (ICD-10-CM Official Guidelines I.C.20.a-c, I.C.20.k; issue #10,
round 35).

Every query here is made up for these tests (none is in a benchmark set); each expected code is the one the
External Cause Index path named in the comment leads to.
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.cause_parts import (
    cause_parts,
    is_mechanism,
    is_named_setting,
    may_read_parts,
    setting_read,
)
from bot.lookups.search import find_codes


def test_a_story_splits_at_its_setting_clause_the_last_said_first() -> None:
    parts = cause_parts("fingers pinched in the winch at the marina")
    assert [(p.cause, p.clause) for p in parts] == [
        ("fingers pinched in the winch", "at the marina"),
        ("fingers pinched", "in the winch at the marina"),  # (a clause runs to its end)
    ]
    # the clause's openers stay together ("while playing"), the cause keeps no dangling "while"
    assert [(p.cause, p.clause) for p in cause_parts("knocked down while playing squash")] == [
        ("knocked down", "while playing squash")
    ]
    assert cause_parts("injured at work") == []  # one word of a story is no mechanism to read apart
    assert not may_read_parts("slipped at the library, place")  # the place line itself is asked for


def test_mechanism_and_setting_codes() -> None:
    assert is_mechanism("W2111XA") and is_mechanism("V0410XA") and is_mechanism("Y040XXA")
    assert not is_mechanism("Y9364") and not is_mechanism("Y631") and not is_mechanism("S0511XA")
    assert is_named_setting("Y92.71") and not is_named_setting("Y92.9") and not is_named_setting("W19.XXXA")
    # "during a game" is no "Activity, blackout game"; a setting reader's note reads the clause
    assert not setting_read("External Cause Index: Activity, blackout game -> Y93.85", "during a game")
    assert setting_read("External Cause Index: Place of occurrence, barn -> Y92.71", "in the barn")


@pytest.mark.parametrize(
    ("query", "expected", "beside"),
    [
        # Struck by, hockey stick, ice -> W21.210 (the whole read "hockey" as Activity, ice hockey; the clause
        # "during a game" reads no setting line)
        ("hit with a hockey stick during a game", "W21.210A", None),
        # Struck by, golf club -> W21.13; Place of occurrence, golf course -> Y92.39 beside it
        ("hit with a golf club on the golf course", "W21.13XA", "Y92.39"),
    ],
)
def test_the_mechanism_leads_and_its_setting_is_suggested_beside_it(
    codebook: CodeBook, query: str, expected: str, beside: str | None
) -> None:
    codes = [h.code for h in find_codes(codebook, query, limit=5)]
    assert codes[0] == expected
    if beside is not None:
        assert codes[1] == beside


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Place of occurrence, library -> Y92.241: the query asks for the place line itself
        ("slipped at the library, place", "Y92.241"),
        # Place of occurrence, basement: the story's own line first, as before (Bite, rat -> W53.11)
        ("bitten by a rat in the basement", "W53.11XA"),
    ],
)
def test_a_setting_asked_for_or_already_beside_its_cause_is_kept(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Contact, with, rake -> W27.1 (not "Rake teeth": the verb tells a thing stepped on)
        ("stepped on a rake", "W27.1XXA"),
        # Contact, with, pitchfork -> W27.1
        ("poked by a pitchfork", "W27.1XXA"),
        # Contact, with, screwdriver -> W27.0
        ("jabbed with a screwdriver", "W27.0XXA"),
        # a venomous animal stepped on stays the Table of Drugs' toxic effect (T63.62-), no Contact, with line
        ("stepped on a jellyfish", "T63.621A"),
    ],
)
def test_a_thing_touched_or_stepped_on_is_its_contact_line(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


def test_only_an_inanimate_contact_answers_a_touch() -> None:
    from bot.lookups.index.cut_contact import heat_told, inanimate_contact, may_read_touch

    assert inanimate_contact("W27.1XXA") and inanimate_contact("X15.0XXA") and inanimate_contact("W45.8XXA")
    assert not inanimate_contact("W56.59XA") and not inanimate_contact("T63.511A")
    assert may_read_touch("kid put hand on hot stovetop") and not may_read_touch("hot stovetop burn")
    assert heat_told("X10.0XXA", "held a hot drink") and not heat_told("X10.0XXA", "holding cold drinks")
