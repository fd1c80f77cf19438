"""Round 23: the approach told in everyday words (pcs_openings), a balloon or a vessel's stent read as the
widening it is (pcs_widening, pcs_dilation), a graft from a donor (pcs_grafts), a laboratory test named by its
method and what it detects (cpt_kinds), and office talk in everyday words WordNet tells (everyday_talk)."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.cpt_kinds import cpt_kind
from bot.lookups.search import find_codes


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # an opening said, the scope refused: Via Natural or Artificial Opening (7)
        ("dilation of esophagus through the mouth without scope", "0D757ZZ"),
        # a scope by no opening, where the table offers both: a tract's scope goes in by its opening (8)
        ("repair of rectum through the scope", "0DQP8ZZ"),
        ("excision of left upper lobe bronchus through the scope", "0BB88ZZ"),
        ("endoscopic carpal tunnel release right", "01N54ZZ"),  # (only 4 offered)
        # a vessel's stent is a Dilation with its device, a balloon beside a "-plasty" a Dilation
        ("stent placement left common iliac artery percutaneous", "047D3DZ"),
        ("balloon valvuloplasty of mitral valve percutaneous", "027G3ZZ"),
        ("balloon venoplasty left subclavian vein percutaneous", "05763ZZ"),
        # a graft from a donor or a cadaver: Nonautologous
        ("endoscopic replacement of radial nerve with donor nerve graft", "01R64KZ"),
        ("open supplement of left upper leg muscle with cadaver tissue", "0KUR0KZ"),
        # an orthopedist's hardware is the Internal Fixation Device
        ("hardware removal left ankle open", "0SPG04Z"),
    ],
)
def test_pcs_everyday_approach_root_and_source(codebook: CodeBook, query: str, code: str) -> None:
    assert _first(codebook, query) == code


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("bordetella pcr", "laboratory test"),  # an organism no list holds, and the method
        ("aldolase level", "laboratory test"),  # an enzyme by its ending, and a test word
        ("hepatitis a igm", "laboratory test"),
        ("iga nephropathy", ""),  # a condition's word beside the method's
        ("lactase deficiency", ""),
        ("rh antibody in pregnancy", ""),  # a link word: the pregnancy's condition
        ("alteplase", ""),  # an enzyme said alone is the drug
    ],
)
def test_laboratory_test_by_method_and_enzyme(query: str, kind: str) -> None:
    assert cpt_kind(query) == kind


def test_office_talk_in_everyday_words_gets_no_code(codebook: CodeBook) -> None:
    for talk in ("coffee and tacos for the friday meeting", "pretzels and soda for the afternoon break"):
        found = find_codes(codebook, talk)
        assert not found and "office talk" in found.notice
    # a sting, a bite, a body part, a sense or a verb no chat list holds keeps the query a coding question;
    # so does a time word that is also a doing ("fall": autumn, and a fall)
    assert _first(codebook, "bee sting at the picnic").startswith("T63.44")
    assert _first(codebook, "fall from top bunk bed").startswith("W06")
