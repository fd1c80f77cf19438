"""Procedures of round 21 (issue #10): a PCS Index reference printing a table names a body system
(pcs_body_systems); a dislocation reduced is the Reposition of its joint (pcs_joints)."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query, limit=3)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "want"),
    [
        # "Endarterectomy - see Extirpation, Upper Arteries 03C / Lower Arteries 04C": the table's body part
        # row the query names, not the catch-all line "Extirpation, Artery, Upper 03CY".
        ("open left femoral endarterectomy", "04CL0ZZ"),
        ("left popliteal endarterectomy", "04CN0ZZ"),
        ("endarterectomy right internal carotid artery", "03CK0ZZ"),
    ],
)
def test_a_reference_printing_a_table_is_completed_from_the_table(
    codebook: CodeBook, query: str, want: str
) -> None:
    assert _first(codebook, query) == want


@pytest.mark.parametrize(
    ("query", "want"),
    [
        # "Reduction, Dislocation - see Reposition": the joint's line is below "Joint", which no chart says.
        ("closed reduction left elbow dislocation", "0RSMXZZ"),
        ("closed reduction right shoulder dislocation", "0RSJXZZ"),
        ("left knee dislocation", "S83.105A"),  # the injury alone stays the injury
    ],
)
def test_a_dislocation_reduced_is_the_reposition_of_its_joint(codebook: CodeBook, query: str, want: str) -> None:
    assert _first(codebook, query) == want
