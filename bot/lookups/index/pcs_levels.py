"""A limb level said as "above" or "below" a joint names the segment beside the joint, not the joint.

"Above knee amputation" is the Detachment of the Upper Leg (ICD-10-PCS 0Y6C/0Y6D, the qualifier giving the
level on the femur), "below knee" the Lower Leg, "above elbow" the Upper Arm, "below elbow" the Lower Arm;
"Knee Region" and "Elbow Region" are a disarticulation through the joint. Read literally, the joint's name
picks the joint region, so here the two words are read as the segment they point to before the body part
character is chosen. A query saying the joint alone ("through knee", "knee disarticulation") is unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.lookups.index.words import stem

ABOVE = stem("above")
BELOW = stem("below")
# A joint and the limb segments above and below it, as the PCS body parts name them.
SEGMENTS = {
    "knee": ("upper leg", "lower leg"),
    "ankle": ("lower leg", "foot"),
    "elbow": ("upper arm", "lower arm"),
    "wrist": ("lower arm", "hand"),
}
_SEGMENT_STEMS = {
    stem(joint): tuple(frozenset(stem(w) for w in segment.split()) for segment in pair)
    for joint, pair in SEGMENTS.items()
}


def level_words(said: frozenset[str]) -> frozenset[str]:
    """`said` with "above"/"below" and the joint replaced by the segment they name ("above knee" ->
    "upper leg"); unchanged when no level is said beside a joint, or when both "above" and "below" are."""
    level = said & {ABOVE, BELOW}
    if len(level) != 1:
        return said
    joints = [j for j in _SEGMENT_STEMS if j in said]
    if len(joints) != 1:
        return said
    upper, lower = _SEGMENT_STEMS[joints[0]]
    segment = upper if ABOVE in level else lower
    return (said - level - {joints[0]}) | segment


# A limb segment said by its everyday name: the PCS tables name the segment ("Left Lower Arm Skin",
# "Right Upper Leg Muscle"), the chart the forearm, the thigh, the calf or the shin.
_SEGMENT_NAMES = {
    "forearm": ("lower", "arm"),
    "forearms": ("lower", "arm"),
    "thigh": ("upper", "leg"),
    "thighs": ("upper", "leg"),
    "calf": ("lower", "leg"),
    "shin": ("lower", "leg"),
}


def segment_words(words: Sequence[str]) -> dict[str, list[str]]:
    """Each limb segment the query names by its everyday name, with the segment's words in the PCS tables
    ("forearm" -> lower, arm)."""
    return {w: list(_SEGMENT_NAMES[w]) for w in words if w in _SEGMENT_NAMES}


# A digit said where the table names no digit: a finger's or thumb's tendon, muscle or ligament is the
# Hand's body part ("flexor tendon repair right index finger": Right Hand Tendon), a toe's the Foot's.
_DIGIT_SEGMENTS = {
    stem("finger"): stem("hand"),
    stem("fingers"): stem("hand"),
    stem("thumb"): stem("hand"),
    stem("toe"): stem("foot"),
    stem("toes"): stem("foot"),
}


def digit_words(said: frozenset[str], part_stems: frozenset[str]) -> frozenset[str]:
    """`said` with the hand or foot a finger, thumb or toe lies in, when the table's body parts (their
    stems, `part_stems`) name no digit but name the hand or foot; unchanged otherwise."""
    added = {
        segment
        for digit, segment in _DIGIT_SEGMENTS.items()
        if digit in said and digit not in part_stems and segment in part_stems
    }
    return said | added if added else said


# The PCS tables number digits and rays ("Left 5th Toe", "Complete 1st Ray"); a note spells the number out.
_ORDINALS = {"first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th"}


def ordinal_words(words: Sequence[str]) -> dict[str, list[str]]:
    """Each spelled-out ordinal of the query with the way the PCS tables number it ("fifth" -> 5th)."""
    return {w: [_ORDINALS[w]] for w in words if w in _ORDINALS}
