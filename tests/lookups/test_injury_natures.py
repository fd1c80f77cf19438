"""An injury told in lay words (bot.lookups.index.injury_natures), with its cause (bot.lookups.index.injury_first),
and its encounter said in office words (bot.lookups.index.injury_words).

Every query here is made up for these tests (none is in a benchmark set); each expected code is the one the
Index path in the comment leads to, with the 7th character A unless the query says the encounter (guideline
I.C.19.a).
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.injury_first import injury_clause
from bot.lookups.index.injury_natures import fracture_not_pathological, read_injury_natures
from bot.lookups.index.injury_words import read_injury_words
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("cracked right collarbone", "fracture right collarbone"),
        ("busted his left elbow", "fracture left elbow"),
        ("cracked hands from the cold", "cracked hands from the cold"),  # skin, not a bone
        ("smashed left index finger", "crush left index finger"),
        ("split his eyebrow open", "laceration eyebrow"),
        ("left elbow popped out of place", "dislocation left elbow"),
        ("jammed right toe", "sprain right toe"),
        ("jammed finger in the car door", "jammed finger in the car door"),  # pinched: the cause says it
        ("twisted left wrist", "sprain left wrist"),
        ("tore his left triceps tendon", "strain left triceps tendon"),
        ("degenerative tear of biceps tendon", "degenerative tear of biceps tendon"),
        ("tore rotator cuff lifting", "traumatic tore rotator cuff lifting"),
        (
            "chopped off the tip of his left middle finger",
            "traumatic amputation left middle finger transphalangeal partial",
        ),
        ("broken pinky toe, bruised big toe", "broken lesser toe, bruised great toe"),
        ("cut on broken glass", "cut on glass"),
    ],
)
def test_lay_injury_words_read_as_the_index_nature(text: str, read: str) -> None:
    assert read_injury_natures(text) == read


@pytest.mark.parametrize(
    ("text", "traumatic"),
    [
        ("broken left ankle", True),
        ("osteoporotic fracture of spine", False),
        ("stress fracture tibia", False),
    ],
)
def test_a_fracture_with_no_disease_told_is_traumatic(text: str, traumatic: bool) -> None:
    assert fracture_not_pathological(text) is traumatic


@pytest.mark.parametrize(
    ("query", "clause"),
    [
        ("bruised right elbow after falling off a scooter", "bruised right elbow"),
        ("concussion from a car crash", "concussion"),
        # a negation after the injury's clause is said of the injury, read with it before the cause's clause
        ("bruised right elbow, no swelling, after falling off a scooter", "bruised right elbow, no swelling"),
        ("slipped on ice and hurt her wrist", None),  # the story told first asks for the cause
        ("cut finger while slicing bread", None),  # the act told as a verb asks for the cause
    ],
)
def test_the_injury_clause_before_its_cause(query: str, clause: str | None) -> None:
    assert injury_clause(query, lambda w: w in {"elbow", "wrist", "finger"}) == clause


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("cracked left shoulder blade", "S42.102A"),  # Fracture, traumatic, scapula
        ("busted right heel bone", "S92.001A"),  # Fracture, traumatic, calcaneus
        ("smashed right middle finger", "S67.192A"),  # Crush, finger, middle
        ("skinned right elbow", "S50.311A"),  # Abrasion, elbow
        ("split his forehead open", "S01.81XA"),  # Laceration, forehead -> head, specified site NEC
        ("left elbow popped out", "S53.105A"),  # Dislocation, elbow
        ("twisted right wrist", "S63.501A"),  # Sprain, wrist
        ("tore left biceps tendon", "S46.212A"),  # Tear, tendon - see Strain (Injury, muscle, biceps, strain)
        ("ruptured left hamstring tendon", "S76.312A"),  # Rupture, tendon - see Strain (posterior thigh)
        ("tore his left rotator cuff falling off a bike", "S46.012A"),  # Tear, rotator cuff, traumatic
        ("sliced off the tip of his right index finger", "S68.620A"),  # Amputation, transphalangeal, partial
        ("broken left ankle", "S82.892A"),  # Fracture, traumatic (not pathological), ankle
        ("broke right big toe", "S92.401A"),  # Fracture, toe, great
    ],
)
def test_lay_injuries_answer_first(codebook: CodeBook, query: str, first: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == first, [h.code for h in hits]


@pytest.mark.parametrize(
    ("query", "first", "beside"),
    [
        ("bruised right elbow after falling off a scooter", "S50.01XA", "V00.141A"),
        ("left shin laceration from a fall down the stairs", "S81.812A", "W10.9XXA"),
    ],
)
def test_an_injury_told_with_its_cause_is_coded_first(
    codebook: CodeBook, query: str, first: str, beside: str
) -> None:
    codes = [h.code for h in find_codes(codebook, query, limit=5)]
    assert codes[:1] == [first] and beside in codes, codes


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("cast removal, left humerus shaft fracture", "S42.302D"),  # guideline I.C.19.a: cast removal
        ("right fibula fracture still not healed", "S82.401G"),  # delayed healing
        ("left clavicle fracture healed crooked", "S42.002P"),  # malunion
        ("right humerus fracture never healed", "S42.301K"),  # nonunion
        ("right elbow sprain f/u", "S53.401D"),  # a follow-up of the injury is a subsequent encounter
    ],
)
def test_the_encounter_said_in_office_words(codebook: CodeBook, query: str, first: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == first, [h.code for h in hits]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("turf toe left", "S93.522A"),  # Sprain, toe, metatarsophalangeal joint (great toe)
        ("chauffeur's fracture left", "S52.512A"),  # Fracture, radius, lower end, styloid process
        ("road rash left forearm", "S50.812A"),  # Abrasion, forearm
    ],
)
def test_an_injury_named_by_its_nickname(codebook: CodeBook, query: str, first: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == first, [h.code for h in hits]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("traumatic subdural hematoma, knocked out for 45 minutes", "S06.5X2A"),  # LOC of 31 to 59 minutes
        ("laceration of left forearm with gravel embedded", "S51.822A"),  # Laceration, with foreign body
        ("cat bite right forearm with puncture wounds", "S51.851A"),  # Bite, forearm (the bite's punctures)
        ("blistered left hand from hot oil", "T23.202A"),  # Blister, due to burn: second degree
        ("T8 compression fracture from fall", "S22.060A"),  # wedge compression fracture of T7-T8
        ("ulnar styloid fracture right", "S52.611A"),  # Fracture, ulna, lower end, styloid process
        ("sequela of right knee dislocation, stiffness", "M25.661"),  # the residual first (I.C.19.a)
        ("sprained both ankles", "S93.401A"),  # no bilateral code: the right one first (I.B.13)
        ("degloving injury right foot", "S91.301A"),  # Avulsion, skin - see Wound, open, foot
    ],
)
def test_an_injurys_chart_words(codebook: CodeBook, query: str, first: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == first, [h.code for h in hits]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("left knee laceration, stitches out today", "removal sutures"),  # Removal, suture Z48.02
        ("chin laceration 10 days ago, staples removal", "removal staples"),
        ("left knee laceration 2 days ago", "left knee laceration"),  # how long ago says no encounter
    ],
)
def test_stitches_taken_out_are_the_visits_reason(text: str, read: str) -> None:
    assert read_injury_words(text) == read
