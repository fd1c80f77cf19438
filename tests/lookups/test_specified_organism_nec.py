"""An organism the Tabular names as an infectious agent (B95-B96) that no Index line under the condition names
is read at the condition's "specified organism NEC" line: "sepsis due to klebsiella" is Sepsis, specified
organism NEC A41.89, not Sepsis A41.9 with the organism left unused. The generated check says every B95-B96
genus beside sepsis; the queries are made up, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.organisms import is_specified_organism_line, organism_names, organism_stems
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes


def _top(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query, limit=1)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sepsis due to klebsiella", "A41.89"),
        ("proteus sepsis", "A41.89"),
        ("acute pharyngitis from mycoplasma", "J02.8"),
        ("serratia sepsis", "A41.53"),  # the Index names it: its own line
        ("sepsis", "A41.9"),
    ],
)
def test_an_organism_no_line_names_reads_the_nec_line(codebook: CodeBook, query: str, expected: str) -> None:
    assert _top(codebook, query) == expected


def test_the_line_and_the_organisms_are_read_from_the_books(codebook: CodeBook) -> None:
    genera = organism_stems(codebook.db.conn)
    assert {"klebsiella", "proteus", "streptococcus", "clostridium"} <= genera
    assert "other" not in genera and "unspecified" not in genera
    assert is_specified_organism_line("specified organism NEC")
    assert not is_specified_organism_line("organism")


def test_every_tabular_agent_beside_sepsis_is_coded_by_an_organism_line(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    sepsis_lines = conn.execute(
        "SELECT n.term FROM index_nodes n JOIN index_nodes m ON n.parent = m.id "
        "WHERE m.book = 'cm' AND m.depth = 0 AND m.term = 'Sepsis'"
    ).fetchall()
    named = {s for (term,) in sepsis_lines for s in content_stems(str(term))}
    wrong = []
    for genus in sorted(g for g in organism_names(conn) if not content_stems(g) & named):
        code = _top(codebook, f"sepsis due to {genus}")
        if code != "A41.89":
            wrong.append((genus, code))
    assert not wrong, wrong
