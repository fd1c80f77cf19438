"""A drug taken with alcohol is a poisoning by each (guideline I.C.19.e.5.b(iv): "when a reaction results from
the interaction of a drug(s) and alcohol, this would be classified as poisoning"): the drug's Table line in the
column the story chose first, the alcohol's toxic effect (T51) beside it (issue #10). Queries are made up here,
not taken from the benchmark sets."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


def test_the_drug_first_and_the_alcohol_beside_it(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "drank a fifth of vodka and took his ambien on purpose", limit=5)
    assert [h.code for h in hits[:2]] == ["T42.6X2A", "T51.0X2A"]
    assert "I.C.19.e.5.b" in hits[0].why


def test_the_drug_suggested_beside_the_alcohol_leads(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "accidental overdose of hydrocodone with alcohol", limit=5)
    assert [h.code for h in hits[:2]] == ["T40.2X1A", "T51.91XA"]


def test_alcohol_alone_keeps_its_line(codebook: CodeBook) -> None:
    assert find_codes(codebook, "alcohol poisoning", limit=3)[0].code.startswith("T51")
