"""Procedure words read as the root operation they do where the PCS Index has no main term for them
(pcs_operations): a needle aspiration is a Drainage, a fine needle aspiration a diagnostic one; VATS is the
Percutaneous Endoscopic approach."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import said_approaches
from bot.lookups.index.pcs_operations import fine_needle_words, operation_readings
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes


def told(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


def test_aspiration_reads_as_drainage() -> None:
    assert operation_readings(["fine", "needle", "aspiration", "thyroid"]) == {"aspiration": ["drainage"]}
    assert "diagnost" in " ".join(fine_needle_words(told("fine needle aspiration")))
    assert fine_needle_words(told("needle aspiration")) == told("needle aspiration")


def test_vats_is_percutaneous_endoscopic() -> None:
    assert said_approaches(told("vats lobectomy")) == frozenset("4")


def test_needle_aspirations_are_drainages(codebook: CodeBook) -> None:
    assert _first(codebook, "fine needle aspiration of thyroid") == "0G9K3ZX"
    assert _first(codebook, "FNA of left breast mass") == "0H9U3ZX"
    assert _first(codebook, "aspiration of left knee joint") == "0S9D3ZZ"
    assert _first(codebook, "aspiration pneumonia") == "J69.0"
    assert _first(codebook, "VATS right upper lobectomy") == "0BTC4ZZ"
