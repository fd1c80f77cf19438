"""The Table of Drugs and Chemicals prints adverse-effect and underdosing cells for drugs only (guideline
I.C.19.e.5.a): a substance chiefly nonmedicinal ("Dye NEC" T65.6-) has none, so the words "adverse reaction"
are no words its row reads, and the drug row that has the cell ("Contrast medium, radiography" T50.8X5) is read
for them (issue #10). Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


def test_the_drug_row_with_the_cell(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "adverse reaction to contrast dye with hives", limit=5)
    codes = [h.code for h in hits]
    assert "T50.8X5A" in codes[:2]
    assert "T65.6X1A" not in codes[:2]
    assert not any("Dye NEC, adverse effect" in h.why for h in hits)
