"""An external cause code is never listed first beside the condition it explains (guideline I.C.20), and an
accident told with no injury found is the Index's Examination, following, accident (Z04.1-Z04.3) with the
cause beside it (issue #10). Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.accident_checked import examination_words, injury_ruled_out
from bot.lookups.index.cause_after_condition import condition_before_cause, held_words, is_external_cause
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes


def _no(word: str) -> bool:
    return False


def _cause_term(word: str) -> bool:
    return word in content_stems("drowning cut fall burn")


def test_chapter_20_codes() -> None:
    assert is_external_cause("W55.12XA") and is_external_cause("Y93.66") and is_external_cause("V49.9XXA")
    assert not is_external_cause("S27.0XXA") and not is_external_cause("Z04.3")


def test_the_words_a_line_holds() -> None:
    why = (
        "External Cause Index: Drowning, in, swimming-pool -> W67 -> Tabular: unspecified, initial encounter "
        "-> W67.XXXA (vocabulary: near drowning -> drowning) (not used: near)"
    )
    held = held_words(why, "near drowning in a pool")
    assert content_stems("drowning pool") <= held  # (the word said "not used" is not held: "near")
    assert not content_stems("near") & held


def test_a_condition_the_cause_does_not_hold_goes_first() -> None:
    answers = [
        ("W67.XXXA", "External Cause Index: Drowning, in, swimming-pool -> W67 (not used: near)"),
        ("T75.1XXA", "Index: Near drowning -> T75.1 -> Tabular: unspecified, initial encounter -> T75.1XXA"),
    ]
    assert condition_before_cause(answers, "near drowning in a pool", _no, _cause_term) == 1
    # a body site the condition's line holds is no condition: the bite is the cause's own word
    bitten = [
        ("W54.0XXA", "External Cause Index: Bite, bitten by, dog -> W54.0"),
        ("S81.852A", "Index: Bite, leg -> S81.85- -> Tabular: left, lower, initial encounter -> S81.852A"),
    ]
    assert condition_before_cause(bitten, "dog bite left leg", lambda w: w in {"leg", "left"}, _no) is None
    # a line adding as much as it holds reads nothing of the query ("Break, retina" for "breaking rules")
    broken = [
        ("Y04.0XXA", "External Cause Index: Fight -> see Assault, fight -> Y04.0"),
        ("H33.309", "Index: Break, retina -> H33.30- -> Tabular: unspecified -> H33.309"),
    ]
    assert condition_before_cause(broken, "fights and breaks rules", _no, _no) is None
    # a word the External Cause Index begins a main term with is the event ("Cut, cutting"), not a condition
    cut = [
        ("W27.0XXA", "External Cause Index: Contact, with, saw, hand -> W27.0"),
        ("S61.419A", "Index: Cut -> see Laceration, hand -> S61.419 -> Tabular: unspecified -> S61.419A"),
    ]
    assert condition_before_cause(cut, "hand saw slipped and cut my hand", _no, _cause_term) is None


@pytest.mark.parametrize(
    ("query", "condition"),
    [
        ("traumatic hemothorax after falling off a horse", "S27.1XXA"),
        ("near drowning in a lake", "T75.1XXA"),
        ("smoke inhalation from a garage fire", "T59.811A"),
        ("fighting with wife, relationship distress", "Z63.0"),
    ],
)
def test_the_condition_then_its_cause(codebook: CodeBook, query: str, condition: str) -> None:
    hits = find_codes(codebook, query, limit=2)
    assert hits[0].code == condition
    assert is_external_cause(hits[1].code) and hits[1].why.startswith(f"suggested with {condition}")
    assert not hits[0].why.startswith("suggested with")


@pytest.mark.parametrize(
    ("query", "cause"), [("fell down the stairs", "W10"), ("dog bite", "W54.0"), ("kicked by a mule", "W55")]
)
def test_a_cause_told_alone_stays_first(codebook: CodeBook, query: str, cause: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code.startswith(cause)


def test_the_event_before_the_all_clear() -> None:
    assert injury_ruled_out("seen after a motorcycle crash, no injury found") == "a motorcycle crash"
    assert injury_ruled_out("slipped on ice, x-ray clear, no injuries") == "slipped on ice, x-ray clear"
    assert injury_ruled_out("no injury") is None and injury_ruled_out("knee pain after a fall") is None
    assert examination_words("V29.99XA", "motorcycle crash") == "examination following accident transport"
    assert examination_words("W19.XXXA", "a fall at work") == "examination following accident work"


@pytest.mark.parametrize(
    ("query", "exam"),
    [
        ("seen after a motorcycle crash, no injury found", "Z04.1"),
        ("checked after a fall at work, not injured", "Z04.2"),
        ("slipped on ice, x-ray clear, no injuries", "Z04.3"),
    ],
)
def test_an_accident_with_no_injury_found(codebook: CodeBook, query: str, exam: str) -> None:
    hits = find_codes(codebook, query, limit=2)
    assert hits[0].code == exam and "Examination, following" in hits[0].why
    assert is_external_cause(hits[1].code) and hits[1].why.startswith(f"suggested with {exam}")
