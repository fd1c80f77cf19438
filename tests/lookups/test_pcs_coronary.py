"""A coronary artery named by its branch or side ("LAD", "left anterior descending", "right coronary",
"circumflex") is the body part Coronary Artery in the Heart and Great Vessels tables (ICD-10-PCS guideline
B4.4), not the Left Ventricle or a Pulmonary Artery its side word would pick (pcs_coronary)."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import complete_pcs
from bot.lookups.index.pcs_coronary import coronary_body_part_words
from bot.lookups.index.words import content_stems, stem
from bot.lookups.search import find_codes


def told(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def test_branch_words_read_as_coronary_artery_only_in_heart_tables() -> None:
    said = told("left anterior descending")
    assert coronary_body_part_words("027", said) == {stem("coronary"), stem("artery")}
    assert coronary_body_part_words("0SR", said) == said


def _coronary_tables(codebook: CodeBook) -> list[tuple[str, frozenset[str]]]:
    """Every Heart and Great Vessels table with a body part counted in arteries: (table, its body part chars)."""
    conn = codebook.db.conn
    found: dict[str, set[str]] = {}
    for table, char, meaning in conn.execute(
        "SELECT tbl, char, meaning FROM pcs_axes WHERE tbl LIKE '02%' AND position = 4"
    ):
        if str(meaning).endswith(("Artery", "Arteries")) and str(meaning).split()[0] in (
            "One",
            "Two",
            "Three",
            "Four",
        ):
            found.setdefault(str(table), set()).add(str(char))
    return [(t, frozenset(c)) for t, c in sorted(found.items())]


def test_every_coronary_table_reads_a_branch_as_coronary_artery(codebook: CodeBook) -> None:
    # Generated: in each table whose body part is the coronary artery, a branch or side said picks it.
    tables = _coronary_tables(codebook)
    assert len(tables) >= 3
    wrong = []
    for table, chars in tables:
        for branch in (
            "left anterior descending",
            "right coronary artery",
            "circumflex artery",
            "obtuse marginal",
        ):
            done = complete_pcs(codebook.db.conn, table, told(branch))
            if done is None or done.code[3] not in chars:
                wrong.append((table, branch, done.code if done else None))
    assert not wrong, wrong


def test_a_heart_chamber_said_is_still_the_chamber(codebook: CodeBook) -> None:
    done = complete_pcs(codebook.db.conn, "027", told("left ventricle"))
    assert done is not None and done.code.startswith("027L")


def test_ptca_of_a_named_branch_is_the_coronary_artery_answered_with_confidence(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "PTCA of the LAD")
    assert hits and hits[0].code.startswith("0270"), [h.code for h in hits[:3]]
    hits = find_codes(codebook, "PTCA of the circumflex")
    assert hits and hits[0].code.startswith("0270"), [h.code for h in hits[:3]]
