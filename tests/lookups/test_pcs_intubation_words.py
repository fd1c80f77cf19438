"""Intubation and placement told in chart words ("ETT placed", "intubated") read to the PCS Index's
"Intubation, Airway -> see Insertion of device in, Trachea" and the Insertion tables; the word "device" of the
reference ("Insertion of device in") names no device value over the one the path names (Endotracheal Airway
before Other Device). Queries written for this test, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import complete_pcs
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    "query",
    ["ETT placed", "intubated in the emergency room", "patient intubated for airway protection"],
)
def test_intubation_in_chart_words_is_the_endotracheal_airway_insertion(
    codebook: CodeBook, query: str
) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == "0BH17EZ", [h.code for h in hits]


def test_the_word_device_alone_chooses_no_other_device_over_a_named_one(codebook: CodeBook) -> None:
    told = frozenset(content_stems("insertion of device in trachea airway via natural opening"))
    done = complete_pcs(codebook.db.conn, "0BH1", told)
    assert done is not None and done.code == "0BH17EZ", done


def test_a_tube_wrongly_placed_is_still_the_misadventure(codebook: CodeBook) -> None:
    assert find_codes(codebook, "endotracheal tube wrongly placed", limit=1)[0].code == "Y65.3"
