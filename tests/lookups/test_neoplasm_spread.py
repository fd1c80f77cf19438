"""A cancer's spread read as the Index reads it: "Metastasis, metastatic, cancer, from specified site - see
Neoplasm, malignant, by site; to specified site - see Neoplasm, secondary, by site". Each site is its own
Neoplasm Table line in the column its preposition (or its own behaviour word) says, the site told
first first (guideline I.C.2). Queries are written from the Index's and the Table's own words, not from the
benchmark sets."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.neoplasm_spread import spread_clauses
from bot.lookups.search import find_codes

PREPOSITIONS = {"from": "malignant_primary", "to": "malignant_secondary"}


def codes(book: CodeBook, query: str, n: int = 2) -> list[str]:
    return [h.code for h in find_codes(book, query, limit=5)][:n]


def test_the_primary_told_first_then_the_site_it_spread_to(codebook: CodeBook) -> None:
    # "metastatic to": the secondary column; the primary's own line is the Table's "prostate", not a part
    # of the bone's path
    assert codes(codebook, "prostate cancer metastatic to bone") == ["C61", "C79.51"]
    assert codes(codebook, "metastatic colon cancer to lung") == ["C18.9", "C78.00"]


def test_the_secondary_told_first_then_where_it_came_from(codebook: CodeBook) -> None:
    # "from": the primary's column, the site told first listed first
    assert codes(codebook, "liver metastases from lung cancer") == ["C78.7", "C34.90"]
    # "adrenal" is a site here, not the Drug Table's substance a "from" would make a cause; "kidney" is the
    # Table's own line (C64.-), not "calyx, renal"
    assert codes(codebook, "adrenal metastases from kidney cancer") == ["C79.70", "C64.9"]
    why = find_codes(codebook, "adrenal metastases from kidney cancer", limit=2)[1].why
    assert "Neoplasm, kidney, malignant, primary" in why


def test_a_site_introduced_by_a_preposition_alone(codebook: CodeBook) -> None:
    # "Metastasis, cancer, from specified site": the Index sends the primary's site to its malignant column
    assert codes(codebook, "metastatic cancer from stomach", 1) == ["C16.9"]


def test_clauses_and_their_columns() -> None:
    clauses = spread_clauses(["colon", "cancer", "metastatic", "to", "liver"], PREPOSITIONS)
    assert [(c.words, c.column) for c in clauses] == [
        (("colon",), "malignant_primary"),
        (("liver",), "malignant_secondary"),
    ]
    # no neoplasm told: "secondary" is the condition's own kind
    assert (
        spread_clauses(
            ["secondary", "hyperparathyroidism", "from", "chronic", "kidney", "disease"], PREPOSITIONS
        )
        == []
    )


def test_a_table_line_named_only_by_its_qualifier_is_not_the_site(codebook: CodeBook) -> None:
    # "calyx, renal" prints "renal" as the calyx's qualifier; "renal" is a Table line of its own (C64.-)
    assert codes(codebook, "RCC of the right kidney", 1) == ["C64.1"]
    # a spread's site of several words read through the Table's subterms, not by one word's line
    assert codes(codebook, "metastasis to the popliteal lymph nodes", 1) == ["C77.4"]
    # a line under a site said ("lymph, gland, inguina, inguinal") is that site's part, though the Table has a
    # line of its own for the later form (the "inguinal" region, C76.3)
    assert codes(codebook, "carcinoma spread to the inguinal lymph glands", 1) == ["C77.4"]
    assert codes(codebook, "metastasis to the axillary lymph glands", 1) == ["C77.3"]
