"""Every HCPCS code read in full words from the CMS files' own text at data build
(bot/lookups/loaders/hcpcs_context.py, bot/lookups/loaders/short_descriptors.py rule 4,
scripts/build_code_data.py): its group's name from the annual file's BETOS field and the record layout's
BETOS_TB table, what it is used with, a cut word read from its range's long descriptors, and its 2020 long
descriptor when it was retitled since but is still the same item."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.lookups.codebook import CodeBook
from bot.lookups.loaders.hcpcs import HcpcsRow
from bot.lookups.loaders.hcpcs_context import (
    code_context,
    group_words,
    range_groups,
    read_betos_table,
    still_read_in,
    used_with_heads,
)
from bot.lookups.loaders.short_descriptors import Reader
from bot.lookups.schema import shipped_tsv
from bot.lookups.search import find_codes

LAYOUT = """\
 BETOS_TB                                                   BETOS Table

   D1B = Hospital beds
   D1C = Oxygen and supplies
   I4A = Imaging/procedure - heart including cardiac
                              catheterization
   O1A = Ambulance
   Y2  = Other - non-Medicare fee schedule
   Z2  = Undefined codes

 CMS_TYPE_SRVC_TB                                    CMS Type of Service Table

  1 = Medical care
"""


def _row(code: str, long: str, betos: str) -> HcpcsRow:
    return HcpcsRow(code, long, long[:28], date(2000, 1, 1), None, None, "N", False, betos)


def test_the_betos_table_is_read_from_the_record_layout(tmp_path: Path) -> None:
    layout = tmp_path / "layout.txt"
    layout.write_text(LAYOUT, encoding="latin-1")
    names = read_betos_table(layout)
    assert names["O1A"] == "Ambulance"
    assert names["I4A"] == "Imaging/procedure - heart including cardiac catheterization"  # continued line
    assert "1" not in names  # the type-of-service table after it is another table
    assert group_words(names["D1C"]) == "oxygen supplies"
    # A group naming no class of service gives no words.
    assert group_words(names["Y2"]) == "" and group_words(names["Z2"]) == ""


def test_a_newer_code_takes_its_range_group_only_when_the_range_agrees() -> None:
    annual = [
        _row("A0425", "Ground mileage, per statute mile", "O1A"),
        _row("A0426", "Ambulance service, advanced life support", "O1A"),
        _row("A0427", "Ambulance service, advanced life support, emergency", "O1A"),
        _row("A0428", "Ambulance service, basic life support", "O1A"),
        _row("E0100", "Cane", "D1E"),
        _row("E0105", "Cane, quad", "D1E"),
        _row("E0110", "Crutches", "D1F"),
        _row("E0111", "Crutch", "D1F"),
    ]
    ranges = range_groups(annual)
    assert ranges["A04"] == "O1A"
    assert "E01" not in ranges  # two groups, half each: the range tells none
    names = {"O1A": "Ambulance"}
    rows = {r.code: r for r in annual}
    assert code_context("A0425", ["Ground mileage, per statute mile"], rows, names, ranges, {}) == "ambulance"
    # A0424 is not in the 2020 file: its range's group is read.
    assert code_context("A0424", ["Newer transport code"], rows, names, ranges, {}) == "ambulance"


def test_a_descriptor_used_with_another_code_takes_that_codes_head() -> None:
    titles = {"E0733": "Transcutaneous electrical nerve stimulator, for trigeminal nerve"}
    assert used_with_heads("Monthly supp use with e0733", titles) == [
        "Transcutaneous electrical nerve stimulator"
    ]
    assert used_with_heads("Replacement battery, for use with glucose monitor", titles) == []


def test_a_retitled_code_is_still_its_2020_item_when_its_words_read_there() -> None:
    stocking = "Gradient compression stocking, below knee, 30-40 mmhg, each"
    assert still_read_in("Compress stking bk30-40 surg", stocking)  # "bk": below knee, initials
    # A new number the 2020 descriptor does not print is another measure: "Pt 66+" is not "age 65".
    assert not still_read_in("Pt 66+ snp or ltc pos > 90d", "Patient age 65 or older in snp or ltc")
    # A code given to another item keeps none of its old words.
    assert not still_read_in(
        "Transanal irrigation, any", "Manual pump-operated enema system, includes balloon, reusable"
    )


def test_a_cut_word_is_read_from_its_range() -> None:
    # Rule 4: "stking" and "garmnt" are no known words; the A65xx long descriptors hold one word each that
    # they abbreviate. A word after a hyphen is a name's suffix and stays.
    reader = Reader.build({}, ["gradient", "compression", "stocking", "garment"], ["toe", "cap", "custom"])
    range_words = frozenset({"gradient", "compression", "stocking", "garment", "custom", "toe", "cap"})
    assert reader.read("Grad com garmnt toe cap", range_words) == "Gradient compression garment toe cap"
    assert reader.read("Compress stking bk30-40", range_words) == "Compression stocking bk30-40"
    assert reader.read("Inj toripalimab-tpzi", frozenset({"thiethylperazine"})) == ""


def test_shipped_codes_carry_their_context_and_2020_descriptor() -> None:
    rows = {r["code"]: r for r in shipped_tsv("hcpcs_codes.tsv.gz")}
    assert rows["A0425"]["context"] == "ambulance"  # BETOS O1A
    assert "oxygen" in rows["E1355"]["context"]  # "Stand/rack", BETOS D1C
    assert "nerve" in rows["A4541"]["context"]  # "Monthly supp use with e0733"
    assert rows["A6531"]["older"].startswith("Gradient compression stocking, below knee, 30-40")
    assert "garment" in rows["A6573"]["read_as"]  # "Grad com garmnt toe cap cust"
    assert not rows["A4459"]["older"]  # "Transanal irrigation" is not the 2020 "Manual pump enema"


def test_a_retitled_code_is_found_by_its_2020_descriptor(codebook: CodeBook) -> None:
    # A6531's I/OCE short descriptor "Compress stking bk30-40 surg" never says "stockings below knee"; its
    # 2020 long descriptor does, and the 30-40 range it states holds what the query says.
    hits = find_codes(codebook, "compression stockings below knee 30-40", limit=5)
    assert hits[0].code == "A6531"
    assert "2020:" in hits[0].why


def test_a_cut_short_descriptor_read_from_its_range_is_found(codebook: CodeBook) -> None:
    # A6573 "Grad com garmnt toe cap cust" (added 2024): "garment", "custom" read from the A65xx range.
    assert find_codes(codebook, "compression garment toe caps custom", limit=5)[0].code == "A6573"


def test_a_descriptor_found_by_its_2020_words_names_the_item_the_query_names(codebook: CodeBook) -> None:
    # A4407 "Ext wear ost skn barr <=4sq" is found by its 2020 descriptor "Ostomy skin barrier, ...": the
    # drug-line reading must see "skin" named by the answer (its reading), not lead with the skin
    # substitute modifiers JC / JD.
    hits = find_codes(codebook, "ostomy skin barrier extended wear over 4 sq in", limit=5)
    assert hits[0].code.startswith("A4")
    assert not {"JC", "JD"} & {h.code for h in hits}


def test_a_quality_data_code_keeps_no_2020_sentence() -> None:
    # G9537 "Img hd clin trial" (status indicator M: quality data, not billable to the MAC) was rewritten
    # with its measure; its 2020 sentence ("... (i.e., needed as part of a clinical trial ...)") would
    # answer "i need a walker".
    rows = {r["code"]: r for r in shipped_tsv("hcpcs_codes.tsv.gz")}
    assert not rows["G9537"]["older"]
    assert rows["E1800"]["older"].startswith("Dynamic adjustable elbow extension/flexion device")


def test_a_group_word_the_query_says_completes_a_descriptor_at_low_weight(codebook: CodeBook) -> None:
    # G9981 and G0078 both print "visit", "new patient" and "45 minutes", neither "office": G9981's group
    # (BETOS M1A "Office visits - new") says it, G0078's (M4A "Home visit") does not. The CPT notice stays
    # first: an office E/M visit is CPT's.
    hits = find_codes(codebook, "office visit new patient 45 minutes", limit=5)
    assert hits.notice.startswith("That is a CPT service")
    assert hits[0].code == "G9981"
