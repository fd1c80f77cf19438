"""A stent, PCI or CABG told with a coronary artery ("DES x1 to LAD", "CABG LIMA to LAD") reaches the PCS
Index's Dilation / Bypass, Artery, Coronary lines: the body part counts the arteries (guideline B4.4), a
drug-eluting stent is device 4, a bare stent D, a stent told alone is placed percutaneously, a LIMA graft is
the qualifier Left Internal Mammary (pcs_coronary_procedures). Queries written for this test, not taken from
the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_coronary_procedures import coronary_procedure_words
from bot.lookups.search import find_codes

COUNT_CHARS = {"x1": "0", "x2": "1", "x3": "2", "x4": "3"}


def test_words_without_a_coronary_artery_or_a_procedure_are_left_alone() -> None:
    assert coronary_procedure_words(["stent", "ureter"]) == ["stent", "ureter"]
    assert coronary_procedure_words(["occlusion", "lad"]) == ["occlusion", "lad"]


def test_a_graft_pair_joined_by_a_hyphen_is_read_as_its_source_and_branch() -> None:
    words = coronary_procedure_words(["cabg", "lima-lad"])
    assert {"bypass", "internal", "mammary", "coronary", "artery", "one"} <= set(words)
    assert "lima-lad" not in words


@pytest.mark.parametrize("branch", ["LAD", "RCA", "circumflex", "LCx", "diagonal"])
@pytest.mark.parametrize("count", sorted(COUNT_CHARS))
def test_every_branch_and_count_of_a_drug_eluting_stent_is_a_percutaneous_dilation(
    codebook: CodeBook, branch: str, count: str
) -> None:
    # Generated over the branches the chart names and the counts the body part holds.
    hits = find_codes(codebook, f"DES {count} to {branch}", limit=1)
    assert hits, (branch, count)
    code = hits[0].code
    assert code[:4] == "027" + COUNT_CHARS[count] and code[4] == "3" and code[5] in "4567", code


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bare metal stent placed in the right coronary artery", "02703DZ"),
        ("PCI with drug eluting stent to the circumflex", "027034Z"),
        ("balloon angioplasty of the RCA", "02703ZZ"),
        ("coronary bypass x1 LIMA to LAD", "02100Z9"),
        ("CABG with RIMA to RCA", "02100Z8"),
    ],
)
def test_a_coronary_stent_or_graft_is_its_dilation_or_bypass(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == expected, [h.code for h in hits]


def test_a_diagnosis_of_a_branch_is_still_the_diagnosis(codebook: CodeBook) -> None:
    assert find_codes(codebook, "STEMI involving LAD", limit=1)[0].code == "I21.02"


@pytest.mark.parametrize(
    "words",
    [
        ["history", "of", "coronary", "stent"],
        ["prior", "cabg", "lima", "to", "lad"],
        ["presence", "des", "rca"],
    ],
)
def test_a_stent_or_graft_already_there_is_no_procedure_done_now(words: list[str]) -> None:
    assert coronary_procedure_words(words) == words
