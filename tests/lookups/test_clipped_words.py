"""Chart words cut short, read as the Index word they begin, chosen by the query's other words
(bot.lookups.index.clipped_words). Queries are written for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.clipped_words import (
    anatomy_letters,
    begins,
    capitalized,
    clipped_shape,
    read_clipped,
    segments,
)
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected", "note"),
    [
        ("periton abscess", "K65.1", "periton → peritoneal"),  # Abscess, peritoneum (no metastasis, no ear)
        ("sublux of R radial head", "S53.001A", "sublux → subluxation"),  # Subluxation, radial head
        ("prox humerus fx L, init", "S42.202A", "prox → proximal"),  # Fracture, humerus, proximal end
        ("open bite R thumb w/ nail dmg", "S61.151A", "dmg → damage"),  # Bite, thumb, with damage to nail
    ],
)
def test_a_chart_word_cut_short_reads_as_the_index_word(
    codebook: CodeBook, query: str, expected: str, note: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]
    assert f"short form: {note}" in hits[0].why


def test_the_anatomists_letter_after_a_nerve_reads_as_nerve(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "ulnar n. lesion R arm", limit=5)
    assert hits and hits[0].code == "G56.21", [(h.code, h.why) for h in hits]
    assert "short form: n. → nerve" in hits[0].why


def test_the_query_words_choose_among_the_words_a_short_form_begins() -> None:
    candidates = [("history", 512), ("histoplasmosis", 15), ("histology", 7)]
    lines = {("histoplasmosis", "pulmonary"): 2, ("histoplasmosis", "acute"): 1, ("history", "family"): 2}

    def together(one: str, other: str) -> int:
        return lines.get((one, other), 0)

    assert read_clipped("histo", candidates, ["acute", "pulmonary"], together) == "histoplasmosis"
    assert read_clipped("histo", candidates, ["family"], together) == "history"
    # (nothing bears a candidate out and none is printed ten times as often as the next: left as typed)
    assert read_clipped("histo", [("history", 100), ("histoplasmosis", 15)], ["knee"], together) is None
    assert read_clipped("pulm", [("pulmonary", 1745), ("pulmonale", 35)], ["knee"], together) == "pulmonary"
    # (a short word's consonants need a word of the query beside them)
    assert read_clipped("dmg", [("damage", 400)], ["knee"], together) is None


def test_what_is_no_short_form() -> None:
    assert begins("degen", "degeneration") and begins("dmg", "damage") and begins("lvl", "level")
    assert not begins("fibrosi", "fibrosis")  # (a letter short is a typo, not a short form)
    assert clipped_shape("degen") and clipped_shape("dmg")
    assert not clipped_shape("obs") and not clipped_shape("plts") and not clipped_shape("spo2")
    # a count's unit is notation, never a clipped word ("20 wks" is no Woakes' syndrome)
    assert segments("hellp syndrome at 20 wks") == ["hellp", "syndrome", "at"]
    assert capitalized("warm AIHA, DAT positive, ReA R knee") == frozenset({"aiha", "dat", "rea"})
    assert anatomy_letters("thrombosis of fem v. and radial a.") == (
        "thrombosis of fem vein and radial artery",
        ["short form: v. → vein", "short form: a. → artery"],
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Solu-Medrol 40 mg", "J2919"),  # (a name hyphenated to a brand: no "solution")
        ("mixed anxiety and depressive d/o", "F41.8"),  # (d/o: the chart's disorder)
    ],
)
def test_names_and_notation_keep_their_reading(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]
    assert "short form: solu" not in hits[0].why
