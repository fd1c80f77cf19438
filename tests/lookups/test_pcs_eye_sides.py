"""OD / OS / OU name the eye's side in the Eye tables (pcs_eye_sides), and the `pcs14` block of terms.tsv reads
procedure abbreviations to the PCS Index lines a coder follows (Lavage, bronchial alveolar, diagnostic;
Catheterization, heart; Phacoemulsification, lens)."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import complete_pcs
from bot.lookups.index.pcs_eye_sides import eye_sides
from bot.lookups.index.words import content_stems, stem
from bot.lookups.search import find_codes


def told(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def test_eye_abbreviations_say_a_side_only_in_eye_tables() -> None:
    assert eye_sides("08R", told("lens implant os")) == {stem("left")}
    assert eye_sides("08R", told("lens implant od")) == {stem("right")}
    assert eye_sides("08R", told("lens implant ou")) == {stem("bilateral")}
    # Outside the eye, "OD" is no side (an overdose, a drug's dose).
    assert eye_sides("0SR", told("hip od")) == frozenset()


def _sided_eye_parts(codebook: CodeBook) -> list[tuple[str, str, str]]:
    """Every Medical and Surgical Eye table with a Right X and a Left X body part: (table, right, left)."""
    conn = codebook.db.conn
    pairs: list[tuple[str, str, str]] = []
    tables = [str(t) for (t,) in conn.execute("SELECT DISTINCT tbl FROM pcs_axes WHERE tbl LIKE '08%'")]
    for table in sorted(tables):
        parts = {
            str(m): str(c)
            for c, m in conn.execute(
                "SELECT char, meaning FROM pcs_axes WHERE tbl = ? AND position = 4", [table]
            )
        }
        for meaning, char in parts.items():
            if meaning.startswith("Right "):
                other = parts.get("Left " + meaning[len("Right ") :])
                if other is not None:
                    pairs.append((table, meaning[len("Right ") :], char + other))
    return pairs


def test_every_sided_eye_body_part_is_chosen_by_od_and_os(codebook: CodeBook) -> None:
    # Generated: each Eye table's body part said with OD is its Right value, with OS its Left value.
    pairs = _sided_eye_parts(codebook)
    assert len(pairs) > 50
    wrong = []
    for table, part, chars in pairs:
        for side, char in (("od", chars[0]), ("os", chars[1])):
            done = complete_pcs(codebook.db.conn, table, told(f"{part} {side}"))
            if done is None or done.code[3] != char:
                wrong.append((table, part, side, done.code if done else None))
    assert not wrong, wrong


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("phaco with IOL OS", {"08RK3JZ"}),
        ("phacoemulsification with lens implant OD", {"08RJ3JZ"}),
        ("BAL right middle lobe", {"0B958ZX", "0B9D8ZX"}),
        ("bronchoalveolar lavage left upper lobe", {"0B988ZX", "0B9G8ZX"}),
        ("RHC", {"4A023N6"}),
        ("LHC with pressures", {"4A023N7"}),
    ],
)
def test_procedure_abbreviations_reach_their_pcs_index_lines(
    codebook: CodeBook, query: str, codes: set[str]
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code in codes, [(h.code, h.why) for h in hits]
