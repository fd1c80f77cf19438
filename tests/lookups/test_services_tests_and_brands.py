"""CPT territory named by kind (a laboratory test by its analyte, an antigen test, a psychotherapy or evaluation
service) and injectable drugs named by brand (read to the generic name the HCPCS descriptors print: a check
generated over every row of injectable_brands.tsv). Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

import csv
import io
from importlib import resources

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.hcpcs_items import descriptor_forms
from bot.lookups.index.services import analyte_lines, names_analyte, service_kind
from bot.lookups.index.vocabulary import BRANDS_FILE, Vocabulary, injectable_brands, tsv_rows
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes


def test_the_index_findings_name_the_analytes(codebook: CodeBook) -> None:
    lines = analyte_lines(codebook.db.conn, {})
    assert frozenset(content_stems("prothrombin time")) in lines
    assert names_analyte(["partial", "thromboplastin", "time"], lines)
    assert names_analyte(["alkaline", "phosphatase", "level"], lines)
    # A finding said is the diagnosis; a bare single analyte may be the finding asked about.
    assert not names_analyte(["elevated", "alkaline", "phosphatase"], lines)
    assert not names_analyte(["troponin"], lines)
    assert not names_analyte(["knee", "pain"], lines)


@pytest.mark.parametrize(
    "query",
    [
        "alkaline phosphatase level",
        "partial thromboplastin time",
        "strep A rapid antigen",
        "free T3 level",
        "stool culture",
        "couples psychotherapy",
        "neuropsychological evaluation",
    ],
)
def test_a_cpt_test_or_service_gets_the_cpt_notice(codebook: CodeBook, query: str) -> None:
    assert "CPT" in find_codes(codebook, query, limit=5).notice


def test_a_spinal_level_is_still_no_test() -> None:
    assert service_kind(["injury", "at", "t6", "level"]) == ""
    assert service_kind(["free", "t4", "level"]) == "laboratory test"


@pytest.mark.parametrize(
    "query", ["elevated alkaline phosphatase", "prolonged prothrombin time", "cord injury at T6 level"]
)
def test_a_finding_keeps_its_diagnosis(codebook: CodeBook, query: str) -> None:
    assert "CPT" not in find_codes(codebook, query, limit=5).notice


def test_every_injectable_brand_reads_as_words_a_hcpcs_title_prints(codebook: CodeBook) -> None:
    rows = injectable_brands(resources.files("bot.lookups.data").joinpath(BRANDS_FILE).read_text())
    assert len(rows) >= 300
    titles = [
        content_stems(f"{title} {short}")
        for title, short in codebook.db.conn.execute(
            "SELECT title, short_title FROM codes WHERE system = 'hcpcs'"
        )
    ]
    missing = [t.term for t in rows if not any(content_stems(t.means) <= title for title in titles)]
    assert missing == []
    vocabulary = Vocabulary.shipped()
    assert all(vocabulary.terms[t.term].kind == "brand" for t in rows)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("tnkase 50 mg", "J3101"), ("cubicin injection", "J0878"), ("tepezza infusion", "J3241")],
)
def test_an_injectable_brand_finds_its_generic_hcpcs_code(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert expected in [h.code for h in find_codes(codebook, query, limit=5)]


def test_a_brand_the_title_prints_survives_a_dose_and_the_unknown_generic(codebook: CodeBook) -> None:
    # "Inj, abilify maintena, 1 mg": the vocabulary's generic is in no title, the brand as typed is.
    hits = find_codes(codebook, "abilify maintena 300 mg", limit=5)
    assert hits and hits[0].code == "J0401"


def test_a_minutes_abbreviation_reads_as_the_descriptor_spells_it(codebook: CodeBook) -> None:
    assert descriptor_forms("min") == ("minutes",)
    hits = find_codes(codebook, "alcohol misuse behavioral counseling 15 min", limit=5)
    assert hits and hits[0].code == "G0443"


def test_the_shipped_vocabulary_reads_as_the_csv_module_reads_it() -> None:
    """tsv_rows (the start-up's own reader) gives csv.DictReader's rows for the shipped files."""
    data = resources.files("bot.lookups.data")
    for name in ("terms.tsv", BRANDS_FILE):
        text = data.joinpath(name).read_text()
        plain = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))
        expected = [
            {k: v for k, v in row.items() if k is not None}
            for row in csv.DictReader(io.StringIO(plain), delimiter="\t", quoting=csv.QUOTE_NONE)
        ]
        assert tsv_rows(text) == expected


def test_the_tsv_reader_skips_comments_and_blank_lines() -> None:
    assert tsv_rows("term\tkind\tmeans\n# a block\n\nfx\tabbreviation\tfracture\n") == [
        {"term": "fx", "kind": "abbreviation", "means": "fracture"}
    ]


def test_every_brand_is_seen_by_the_cheap_brand_test() -> None:
    """may_name_brand lets a lookup skip reading a query for a drug: it must never miss a brand the
    vocabulary reads, said alone, in a sentence, hyphenated or as a plural."""
    vocabulary = Vocabulary.shipped()
    brands = [t.term for t in vocabulary.terms.values() if t.kind == "brand"]
    assert len(brands) > 100
    for brand in brands:
        for said in (brand, f"pt got {brand} today", f"{brand}s", brand.replace(" ", "-")):
            assert vocabulary.may_name_brand(said), said
    assert not vocabulary.may_name_brand("cellulitis of left leg")
