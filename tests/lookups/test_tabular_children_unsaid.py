"""The Tabular's child chosen under an Index code by what the query says and nothing else: the child that
leaves more axes unspecified stands when the query says none ("Polyhydramnios" O40.- is O40.9XX0 "unspecified
trimester, not applicable or unspecified"; a cerebral contusion with nothing said of consciousness is "with loss of
consciousness of unspecified duration"), and what the query says still chooses ("no LOC": "without loss of
consciousness").
Guideline I.A.9.b; queries written for these tests, not taken from the benchmark sets."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


def test_the_child_unspecified_on_more_axes_stands(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "polyhydramnios", limit=5)
    assert hits and hits[0].code == "O40.9XX0", [(h.code, h.why) for h in hits]
    # nothing said of consciousness: its duration left unspecified (as the epidural and subdural hemorrhages)
    hits = find_codes(codebook, "cerebral contusion", limit=5)
    assert hits and hits[0].code == "S06.339A", [(h.code, h.why) for h in hits]
    # said: "no LOC" is "without loss of consciousness"
    hits = find_codes(codebook, "cerebral contusion, no LOC", limit=5)
    assert hits and hits[0].code == "S06.330A", [(h.code, h.why) for h in hits]


def test_a_clause_is_read_with_the_pregnancy_time_the_line_tells(codebook: CodeBook) -> None:
    # "at 33 weeks" is the third trimester (chapter 15's note), told of the whole line, not of its last clause;
    # "3 days postpartum" is the puerperium (O14.15 "Severe pre-eclampsia, complicating the puerperium").
    hits = find_codes(codebook, "polyhydramnios on ultrasound, at 33 weeks", limit=5)
    assert hits and hits[0].code == "O40.3XX0", [(h.code, h.why) for h in hits]
    hits = find_codes(codebook, "severe preeclampsia, 3 days postpartum", limit=5)
    assert hits and hits[0].code == "O14.15", [(h.code, h.why) for h in hits]


def test_an_injury_is_read_with_its_negation_before_the_cause(codebook: CodeBook) -> None:
    # "no LOC" said in its own clause between the injury and its cause is said of the injury (guideline
    # I.C.20: the injury first, its cause beside it): "without loss of consciousness", then the fall.
    hits = find_codes(codebook, "subdural hematoma, no LOC, after a fall from a horse", limit=5)
    assert hits and hits[0].code == "S06.5X0A", [(h.code, h.why) for h in hits]
