"""An IV fluid said by its short name ("NS", "D5W 500 ml", "LR"): read as the words the HCPCS infusion
descriptors print ("normal saline", "5% dextrose/water", "Ringers lactate"), the volume said picking the
descriptor whose volume holds it."""

from __future__ import annotations

import re

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.hcpcs_items import IV_FLUIDS
from bot.lookups.search import find_codes


def test_every_fluid_short_name_reads_as_words_a_descriptor_prints(codebook: CodeBook) -> None:
    rows = codebook.db.execute("SELECT title FROM codes WHERE system = 'hcpcs'").fetchall()
    titles = [" ".join(re.findall(r"[a-z0-9]+", str(t).lower())) for (t,) in rows]
    unprinted = [
        (short, form)
        for short, forms in IV_FLUIDS.items()
        for form in forms
        if not any(re.search(rf"\b{re.escape(form)}\b", t) for t in titles)
    ]
    assert unprinted == []


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("NS", "J70"),
        ("NS 1000 cc", "J7030"),
        ("ns infusion 250 cc", "J7050"),
        ("D5W 500 ml", "J7060"),
        ("D5W 1000 cc", "J7070"),
        ("LR", "J7120"),
        ("lr infusion", "J7120"),
        ("D5NS 500 ml", "J7042"),
        ("d5lr", "J7121"),
    ],
)
def test_a_fluid_by_its_short_name_finds_its_infusion_line(codebook: CodeBook, query: str, code: str) -> None:
    assert find_codes(codebook, query)[0].code.startswith(code)
