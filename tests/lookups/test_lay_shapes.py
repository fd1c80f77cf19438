"""A patient's verb of position, time or birth read as the Index's noun (issue #10, lay22;
bot.lookups.index.lay_shapes): an organ the Index lists under Prolapse said to fall or come out, one listed under
Torsion said twisted (a twisted knee stays a sprain), a joint that keeps popping out (Dislocation, recurrent) or
gives out (Instability), a condition that keeps coming back (recurrent), what a child was born with or without
(congenital, congenital absence), a child not talking or walking yet (Delay, development), a baby affected by
what the mother did while pregnant (Newborn, affected by, maternal), an ear hurting since a flight or a dive
(Barotrauma, otitic), a child born early or dead (Preterm, newborn; Stillbirth) or hurt during delivery (Birth,
injury). Queries are made up for these tests, not
taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.lay_shapes import IndexWords, read_lay_shape
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("my rectum is coming out when I poop", "K62.3"),
        ("my testicle got twisted", "N44.00"),
        ("I twisted my knee", "S83.90XA"),
        ("my shoulder keeps popping out of joint", "M24.419"),
        ("my right ankle keeps giving out", "M25.371"),
        ("my tonsillitis keeps coming back", "J03.91"),
        ("my daughter was born without a left kidney", "Q60.0"),
        ("my 3 year old isn't saying any words yet", "F80.9"),
        ("my newborn was affected because I smoked while pregnant", "P04.2"),
        ("older brother born with a cleft lip", "Z82.79"),
        ("my ears feel blocked and hurt after my flight", "T70.0XXA"),
        ("ear squeeze after scuba diving", "T70.0XXA"),
        ("my son was born premature at 28 weeks", "P07.31"),
        ("our son was stillborn", "P95"),
        ("my son's collarbone broke during delivery", "P13.4"),
    ],
)
def test_a_lay_verb_reads_as_the_index_noun(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


def test_no_shape_where_the_words_tell_no_condition() -> None:
    words = IndexWords(lambda main: frozenset({"uterus", "knee", "hip"}))
    assert read_lay_shape("the biopsy came back positive", words) is None
    assert read_lay_shape("my hair is falling out", words) is None
    assert read_lay_shape("fell and my hip popped out of the socket", words) is None  # an injury event
    assert read_lay_shape("my uterus is falling out", words) == "my uterus prolapse"
    # a phobia, not a pressure change
    assert read_lay_shape("I'm scared of flying, my ears ring", words) is None


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("enlarged spleen ever since she was born", "Q89.09"),
        ("deformity of the wrist since the day he was born", "Q68.8"),
        ("she has had a high fever since her 2 month vaccines", "R50.83"),
    ],
)
def test_since_he_was_born_reads_as_congenital(codebook: CodeBook, query: str, code: str) -> None:
    """ "ever since she was born" is "since birth": the congenital line, also when the typed words reach the same
    main term by a cross-reference (Enlargement, spleen -> see Splenomegaly) or leave the birth words unused."""
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


@pytest.mark.parametrize("query", ["hard bump on my shin", "a bump on the side of my wrist from my watch"])
def test_a_bump_said_as_a_noun_is_no_striking_against(codebook: CodeBook, query: str) -> None:
    """ "a bump on my shin" is a lump, not the External Cause Index's Striking against (no injury event)."""
    hits = find_codes(codebook, query, limit=5)
    assert not any(h.code.startswith(("W22", "W18")) for h in hits), [(h.code, h.why) for h in hits[:3]]
