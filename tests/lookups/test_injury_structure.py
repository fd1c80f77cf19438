"""Injuries read from the Tabular's structure: the encounter of every injury nature, an open fracture's 7th
characters, a digit named among its siblings, a joint between two vertebrae, a limb segment, the wrist's
scaphoid, a chemical burn, a side said after a comma, and a thing the External Cause Index lists under
another main term than the verb's
(bot.lookups.index.injury_words, query, completion, side_clauses, cause_objects; terms.tsv block injury20).

Every query here is made up for these tests (none is in a benchmark set); each expected code is the one the
Index path in the comment leads to, with the 7th character the encounter says (guideline I.C.19.a).
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.side_clauses import joined_sides
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "first"),
    [
        # the encounter of a nature other than a fracture or a wound (Abrasion, elbow S50.31-; Blister, toe)
        ("scraped right elbow, follow-up visit", "S50.311D"),
        ("friction blister left great toe, recheck", "S90.422D"),
        # open fractures: Fracture, traumatic, tibia, shaft S82.20-; radius, lower end S52.50-; the category
        # without open characters (S62) keeps the closed fracture's
        ("open fracture of right tibial shaft, delayed healing", "S82.201H"),
        ("open type IIIB fracture of left distal radius, nonunion", "S52.502N"),
        ("open displaced fracture of proximal phalanx of left ring finger, routine healing", "S62.615D"),
        # a digit counted or unnamed: Foreign body, superficial, finger S60.459 (no side exists for it)
        ("splinter in right finger", "S60.459A"),
        ("dislocated left 5th finger", "S63.257A"),
        ("sprain of left toe", "S93.509A"),
        # Dislocation, vertebra, thoracic, joint between, T5 and T6; Fracture, vertebra, thoracic, seventh
        ("subluxation T5/T6", "S23.132A"),
        ("wedge compression fracture T7-T8", "S22.060A"),
        # Chemical burn - see Corrosion, by site (knee, third degree); Frostbite, superficial, ear
        ("third degree chemical burn of left knee", "T24.722A"),
        ("frostnip right ear", "T33.011A"),
        # a side said apart: Laceration, blood vessel, brachial artery
        ("laceration of brachial artery, left side", "S45.112A"),
        # a limb segment as the Index prints it: Puncture, leg (lower); Burn, calf; Burn, above elbow
        ("puncture wound left lower leg", "S81.832A"),
        ("second degree burn of left lower leg", "T24.232A"),
        ("first degree burn of right upper arm", "T22.131A"),
        # the scaphoid said alone is the wrist's: Fracture, scaphoid (hand) - see Fracture, carpal, navicular
        ("scaphoid waist fracture right, healing well", "S62.021D"),
        ("malunion of left scaphoid fracture", "S62.002P"),
        # a thing the verb's main term does not list, where the External Cause Index lists it: Accident,
        # transport, Segway (V00.848); Contact, with, hay derrick
        ("fell off a segway", "V00.848A"),
        ("hurt by a hay derrick", "W30.2XXA"),
    ],
)
def test_injury_read_from_the_tabular_structure(codebook: CodeBook, query: str, first: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code.replace(".", "") == first.replace(".", ""), [h.code for h in hits]


def test_a_side_said_apart_joins_its_clause() -> None:
    assert joined_sides(["cut on radial artery", "left arm", "fever"]) == [
        "cut on radial artery left arm",
        "fever",
    ]
    assert joined_sides(["open fx of left ulna", "healing well"]) == ["open fx of left ulna healing well"]
    assert joined_sides(["cough", "fever"]) == ["cough", "fever"]
