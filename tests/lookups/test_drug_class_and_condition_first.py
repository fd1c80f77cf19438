"""Drugs the Table of Drugs and Chemicals does not list read as the Table's line for their class, and an adverse
effect or underdosing told in a clause of its own listed after the condition another clause names (issue #10;
guideline I.C.19.e.5.a and c). Drugs and phrasings are made up here, not taken from the benchmark sets."""

from __future__ import annotations

from importlib import resources

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.stories import is_adverse_or_underdosing, tells_taking
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lacosamide overdose", "T42.6X1A"),  # Anticonvulsant, specified NEC: a named one
        ("took too many rivaroxaban by mistake", "T45.511A"),  # Anticoagulant NEC
        ("quetiapine overdose on purpose", "T43.592A"),  # Antipsychotic drug, specified NEC
        ("side effect of rosuvastatin", "T46.6X5A"),  # Antihyperlipidemic drug
    ],
)
def test_a_drug_the_table_lacks_reads_as_its_class_line(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


def _class_rows() -> list[tuple[str, str]]:
    """The terms.tsv block of drugs the Table lacks: (drug, the Table line it reads as)."""
    text = resources.files("bot.lookups.data").joinpath("terms.tsv").read_text()
    block = text.split("# neorx14:", 1)[1].split("\n#", 1)[0]
    return [(r.split("\t")[0], r.split("\t")[2]) for r in block.splitlines()[1:] if r.strip()]


def test_every_drug_of_the_block_is_absent_from_the_table_and_overdosed_reads_its_class_line(
    codebook: CodeBook,
) -> None:
    """Generated over the whole block: a drug the Table lists is read by its own line, never remapped; each
    drug's overdose answers the poisoning column of the class line it reads as."""
    conn = codebook.db.conn
    listed = {r[0].lower() for r in conn.execute("select term from index_nodes where book = 'drug'")}
    rows = _class_rows()
    assert len(rows) >= 35
    for drug, line in rows:
        assert drug not in listed
        found = find_codes(codebook, f"{drug} overdose", limit=3)
        assert found and found[0].code.startswith("T"), drug
        assert "Drug Table:" in found[0].why and "poisoning" in found[0].why, (drug, found[0].why)
        assert line.split()[0] in found[0].why.lower(), (drug, line, found[0].why)


@pytest.mark.parametrize(
    ("query", "condition", "t_code"),
    [
        ("skipped her warfarin for a week, deep vein thrombosis", "I82.409", "T45.516A"),
        ("hypothyroidism, ran out of synthroid for 3 weeks", "E03.9", "T38.1X6A"),
    ],
)
def test_a_condition_clause_comes_first_with_the_underdosing_beside_it(
    codebook: CodeBook, query: str, condition: str, t_code: str
) -> None:
    codes = [h.code for h in find_codes(codebook, query, limit=5)]
    assert codes[:2] == [condition, t_code]


def test_which_codes_follow_their_condition_and_which_clauses_tell_the_taking() -> None:
    assert is_adverse_or_underdosing("T38.1X6A") and is_adverse_or_underdosing("T36.0X5A")
    assert not is_adverse_or_underdosing("T39.1X1A") and not is_adverse_or_underdosing("T58.01XA")
    assert not is_adverse_or_underdosing("E03.9")
    assert tells_taking("ran out") and tells_taking("taking as directed") and tells_taking("missed two doses")
    assert not tells_taking("deep vein thrombosis")
