"""The Table of Drugs and Chemicals' codes read in the current Tabular (issue #10): the 2025 Table still prints
T52.8X- for some seventy organic solvents, a category FY2026 split into T52.81-, T52.82- and T52.89- (other
organic solvents); a coder takes the subdivision's "other" line. Every cell of the Table leads to a code."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import complete_cm, expanded_placeholder
from bot.lookups.search import find_codes


def test_every_drug_table_cell_completes_in_the_tabular(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    memo: dict[object, object] = {}
    cells = {
        cell
        for (row,) in conn.execute("SELECT cells FROM index_nodes WHERE book = 'drug' AND cells != ''")
        for cell in str(row).split("|")
        if cell
    }
    assert len(cells) > 1000
    lost = sorted(c for c in cells if complete_cm(conn, c, frozenset(), "A", frozenset(), memo) is None)
    assert lost == []


def test_a_subdivided_placeholder_reads_as_the_other_line(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    assert expanded_placeholder(conn, "T528X2", {}) == "T52892"
    assert expanded_placeholder(conn, "T405X1", {}) is None  # a code that never needed it keeps no answer
    assert expanded_placeholder(conn, "T36", {}) is None


def test_a_solvent_the_2025_table_codes_t52_8x_is_answered(codebook: CodeBook) -> None:
    found = find_codes(codebook, "acetonitrile poisoning on purpose", limit=3)
    assert found and found[0].code == "T52.892A"


def test_two_drugs_the_table_names_as_one_line_keep_the_reaction_first(codebook: CodeBook) -> None:
    """ "rash after taking sulfamethoxazole trimethoprim" (a brand's generic names): the Table's line
    "Sulfamethoxazole, with trimethoprim" is one drug; the second name's own classes made a class line
    (Antiparasitic drug) hold both words and come first. The reaction (Rash, drug -> L27.0) comes first, the
    combination's adverse effect beside it (guideline I.C.19.e.5.a)."""
    found = [
        h.code for h in find_codes(codebook, "generalized rash after taking sulfamethoxazole trimethoprim")
    ]
    assert found[0] == "L27.0"
    assert "T36.8X5A" in found[:3]
    pair = [h.code for h in find_codes(codebook, "nausea from levodopa carbidopa", limit=3)]
    assert pair[:2] == ["R11.0", "T42.8X5A"]


def test_the_tables_own_see_references_lead_within_the_table(codebook: CodeBook) -> None:
    """ "Methylprednisolone - see Methyl, prednisolone" names the Table's own line (Methyl > prednisolone);
    resolved in the Alphabetic Index instead, 82 of the Table's 132 references led nowhere."""
    rows = codebook.db.conn.execute(
        "SELECT r.book, r.unresolved FROM index_refs r JOIN index_nodes n ON n.id = r.node "
        "WHERE n.book = 'drug'"
    ).fetchall()
    in_table = [unresolved for book, unresolved in rows if book == "drug"]
    assert len(in_table) >= 110 and sum(1 for u in in_table if u) <= 10
    here = codebook.db.conn.execute(
        "SELECT t.term, p.term FROM index_refs r JOIN index_nodes t ON t.id = r.target "
        "JOIN index_nodes p ON p.id = t.parent JOIN index_nodes n ON n.id = r.node "
        "WHERE n.book = 'drug' AND n.term = 'Methylprednisolone'"
    ).fetchone()
    assert here == ("prednisolone", "Methyl")


def test_a_drug_the_table_sends_elsewhere_is_coded_by_the_line_it_names(codebook: CodeBook) -> None:
    """A line with no code in any column is no table line to stop at: its reference is followed (before,
    "methylprednisolone side effect" answered an antidepressant's adverse effect, T43.205)."""
    for query, code in (
        ("adverse effect of methylprednisolone", "T38.0X5A"),
        ("methylprednisolone overdose", "T38.0X1A"),
        ("underdosing of methylprednisolone", "T38.0X6A"),
    ):
        found = find_codes(codebook, query, limit=3)
        assert found and found[0].code == code, (query, [h.code for h in found])
