"""The object a query names found among the subterms below the line its path reached, by what WordNet says
it is a kind of, the nearest kind first, an "NEC" line for the broadest kinds (bot.lookups.index.subterm_kinds;
issue #10, round 37).

Every query here is made up for these tests (none is in a benchmark set); each expected code is the one the
Index line named in the comment leads to.
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Exposure (to), hazardous metals NEC: mercury is a metallic element, a metal
        ("exposed to mercury", "Z77.018"),
        # Exposure (to), bacterial disease NEC: streptococcus is a bacterium ("bacterial" pertains to it)
        ("exposed to strep", "Z20.818"),
        # Bite, bitten by, mammal NEC: a bat is a placental mammal, no line of the book names it
        ("bitten by a bat", "W55.81XA"),
        # History, personal, allergy, food, seafood: shrimp is a shellfish, a seafood (the most specific
        # line naming a kind of it, below the "food" line)
        ("allergic to shrimp", "Z91.013"),
        # ... pork: bacon is a cut of pork
        ("allergic to bacon", "Z91.014"),
        # Exposure (to), hazardous metals NEC: polonium is a metallic element too
        ("exposed to polonium", "Z77.018"),
        # Presence, heart valve implant, xenogenic: "xenogenic" is of another species, and a pig is an
        # animal; "porcine" pertains to swine
        ("pig heart valve in place", "Z95.3"),
        ("porcine valve replacement status", "Z95.3"),
        # Fall, from, off, out of, stool: a footstool is a stool (the heading of prepositions is read past)
        ("fell off a footstool", "W08.XXXA"),
        # Long-term drug therapy, immunosuppressants: methotrexate is an immunosuppressant (an antimetabolite
        # too), and the Tabular of the line's category Z79 names it: Z79.631
        ("long term use of methotrexate", "Z79.631"),
    ],
)
def test_the_object_is_read_at_the_subterm_of_its_kind(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Contact, with, llama - see Contact, with, hoof stock NEC: a line of the book names the animal, so
        # no kind of it (mammal NEC) is read in its place
        ("bitten by a llama", "W55.31XA"),
        # "shot" is first an act (the shooting), no thing whose kind a line names
        ("shot with handgun assault", "X93.XXXA"),
        # a noun before a noun names what the other is: the cabinet's door is no piece of furniture
        ("banged head on open cabinet door", "W22.8XXA"),
        # the broadest kinds name no line: an ambulance is a vehicle, yet no "transport vehicle NEC" line
        ("BLS ambulance emergent run", "A0429"),
        # an External Cause Index line coding a condition (Aspiration, food T18) is no external cause
        ("aspirated his dinner, now has pneumonia", "J69.0"),
        # a kind line with another word of a class ("intestinal infectious disease NEC") does not hold a
        # thing the kind alone names (hepatitis)
        ("exposed to hepatitis A", "Z20.5"),
    ],
)
def test_the_kind_steps_aside(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected
