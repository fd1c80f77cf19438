"""A PCS code found by its title words alone comes after the same code with the approach the query's words
name ("ETT placement": the endotracheal airway goes in Via Natural or Artificial Opening, not Percutaneous)."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import other_approach
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes


def told(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def test_an_approach_other_than_the_one_said() -> None:
    assert other_approach("0BH13EZ", told("endotracheal airway"))
    assert not other_approach("0BH17EZ", told("endotracheal airway"))
    assert not other_approach("0BH13EZ", told("airway"))  # none said: nothing to prefer
    assert not other_approach("BW25ZZZ", told("laparoscopic"))  # Imaging: no approach character


def test_every_current_code_with_a_said_approach_is_preferred(codebook: CodeBook) -> None:
    # Generated: for every current Medical and Surgical code whose approach is Via Natural or Artificial
    # Opening, a query saying "endotracheal" or "nasogastric" finds it not "other", and its Percutaneous
    # sibling in the same table "other".
    rows = codebook.db.conn.execute(
        "SELECT code FROM codes WHERE system = 'pcs' AND current = 1 AND code LIKE '0%' AND substr(code, 5, 1) = '7'"
    ).fetchall()
    assert len(rows) > 500
    said = told("nasogastric")
    wrong = [
        c
        for (c,) in rows
        if other_approach(str(c), said) or not other_approach(str(c)[:4] + "3" + str(c)[5:], said)
    ]
    assert not wrong, wrong[:5]


def test_an_endotracheal_tube_placed_goes_in_by_the_mouth(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "ETT placement at bedside")
    assert hits and hits[0].code == "0BH17EZ", [h.code for h in hits[:3]]
