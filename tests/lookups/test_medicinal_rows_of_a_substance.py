"""A substance the Table of Drugs and Chemicals prints as a non-medicinal row (T51-T65: "Lithium" T56.89-) with
indented rows coded as drugs ("gluconate", "salts (carbonate)" T43.59-) is read at those rows when the story
names a medicine's form (tablets, pills): the drug taken is coded by its Table line (guideline I.C.19.e.5.b;
issue #10). Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


def test_a_medicine_form_reads_the_substances_drug_rows(codebook: CodeBook) -> None:
    # (Table: "Lithium" T56.89- is the metal; its indented rows "gluconate", "salts (carbonate)" are T43.59-:
    # tablets say the medicine)
    hits = find_codes(codebook, "swallowed a handful of her lithium tablets on purpose", limit=3)
    assert hits[0].code == "T43.592A"
    assert find_codes(codebook, "lithium battery swallowed", limit=3)[0].code == "T56.891A"
