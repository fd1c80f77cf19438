"""HCPCS answered as a coder reads the HCPCS file: the item asked is the line whose descriptor's head noun is
the item (bot.lookups.index.descriptor_heads); the drug by the route said (inhalation, a third route the drug
descriptors print: bot.lookups.doses); a line saying "non-X" for an X said is no line reading as much
(bot.lookups.index.reporting_lines); a brand the vocabulary reads as a generic only a few HCPCS lines print is
that generic's line. Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.doses import other_route, route_said
from bot.lookups.index.descriptor_heads import head_nouns, heads_item, item_line
from bot.lookups.index.national_codes import temporary_private
from bot.lookups.item_heads import item_head_phrase, postposed_heads
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("title", "heads"),
    [
        ("Pump for alternating pressure pad, for replacement only", {"pump"}),
        (
            "Powered pressure reducing mattress overlay/pad, alternating, with pump, includes heavy duty",
            {"overlay", "pad"},
        ),
        ("Mattress, innerspring", {"mattress"}),
        ("Continuous positive airway pressure (cpap) device", {"device"}),
        ("Segmental pneumatic appliance for use with pneumatic compressor, trunk", {"appliance"}),
        ("Addition to lower extremity, molded inner boot", {"boot"}),
        ("Lancets, per box of 100", {"lancet"}),
    ],
)
def test_a_descriptor_s_head_noun_comes_before_its_complements(title: str, heads: set[str]) -> None:
    assert head_nouns(title) == heads


def test_a_line_naming_the_item_as_its_complement_does_not_head_it() -> None:
    assert heads_item("Powered pressure reducing mattress overlay/pad, alternating, with pump", "pads")
    assert not heads_item("Pump for alternating pressure pad, for replacement only", "pad")
    assert item_line("E0181") and item_line("L3000") and item_line("A4230")
    assert not item_line("G0491") and not item_line("J2062") and not item_line("A9586")


def test_an_item_named_as_what_a_line_is_for_is_no_modifier_of_its_head() -> None:
    from bot.lookups.index.descriptor_heads import names_in_complement

    assert names_in_complement("Pump for alternating pressure pad, for replacement only", "pad")
    assert names_in_complement(
        "Insulin pump initiation, instruction in initial use of pump", "pump", "insulin pump"
    )
    assert not names_in_complement("Standard wheelchair", "standard", "manual wheelchair standard")
    assert head_nouns("Sling or seat, patient lift, canvas or nylon") == {"sling", "seat"}


def test_what_comes_included_ends_the_item_s_name() -> None:
    # "incl" / "including" say what comes with the item, as the descriptors' own "with mattress" does
    assert item_head_phrase("semi electric hospital bed incl mattress") == (
        "semi electric hospital bed",
        "bed",
    )
    assert item_head_phrase("walker including wheels") == ("walker", "walker")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # a bed that comes with its mattress (E0260 "Hospital bed, semi-electric ..., with mattress"), not
        # E0295 "..., without mattress" nor E0271 "Mattress, innerspring"
        ("semi electric hospital bed incl mattress", "E0260"),
        # the pump is the item (E0784 "External ambulatory infusion pump, insulin"), not S9145 "Insulin pump
        # initiation, ...", a service whose head is the initiation
        ("new insulin pump", "E0784"),
    ],
)
def test_the_item_asked_is_the_line_it_heads(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected


def test_inhalation_is_a_route_the_drug_lines_print() -> None:
    assert route_said({"pentamidine", "nebulized"}) == "inhaled"
    assert route_said({"albuterol", "inhaler", "po"}) == ""  # two routes: none read
    assert other_route("inhaled", "Inj, pentamidine isethionate")
    assert not other_route("inhaled", "Pentamidine isethionate, inhalation solution, compounded product")
    assert other_route("injected", "Tobramycin, inhalation solution, compounded product")
    assert route_said({"inhaled", "gasoline"}) == ""  # a story's verb, not a route


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # J7682 / J7685 "Tobramycin, inhalation solution, ...", not J3260 "Injection, tobramycin sulfate"
        ("tobramycin inhalation solution", {"J7682", "J7685"}),
        # the inhaled drug (J2545 / J7676), not J2516 "Inj, pentamidine isethionate" nor a poisoning
        ("pentamidine nebulized", {"J2545", "J7676"}),
        # J7676 "... compounded product, administered through DME" (status M), not J2545 "..., non-compounded"
        ("pentamidine inhalation solution, compounded", {"J7676"}),
    ],
)
def test_a_drug_by_the_route_said(codebook: CodeBook, query: str, expected: set[str]) -> None:
    assert find_codes(codebook, query, limit=5)[0].code in expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Axumin is fluciclovine (injectable_brands.tsv): A9588 "Fluciclovine f-18, diagnostic, 1 millicurie"
        ("Axumin PET scan agent", "A9588"),
        # Cerianna is fluoroestradiol: A9591 "Fluoroestradiol f 18"
        ("Cerianna PET scan", "A9591"),
        # Detectnet is copper Cu 64 dotatate: A9592 "Copper cu 64, dotatate, diagnostic", the line printing
        # more of the generic's words than A9587 "Gallium ga-68, dotatate"
        ("Detectnet scan dose", "A9592"),
    ],
)
def test_a_brand_is_its_generic_s_line(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected


def test_a_private_payers_s_line_gives_way_to_the_national_item(codebook: CodeBook) -> None:
    # S8096 "Portable peak flow meter" (an S code: private payers only) and A4614 "Peak expiratory flow rate
    # meter, hand held" (a permanent code) name the same item, a meter (bot.lookups.index.national_codes)
    hits = find_codes(codebook, "peak flow meter for asthma", limit=5)
    assert hits[0].code == "A4614"
    assert temporary_private("S8096") and not temporary_private("A4614")


def test_an_item_s_attributes_put_after_it() -> None:
    # the phrase's last word first, then up to two words before it; never the first word
    assert postposed_heads("ostomy barrier extended wear", "wear") == ("wear", "extended", "barrier")
    assert postposed_heads("urinary leg bag", "bag") == ("bag", "leg")
    assert postposed_heads("bedside commode", "commode") == ("commode",)


def test_the_item_named_before_its_attributes(codebook: CodeBook) -> None:
    # A4390 "Ostomy pouch, drainable, with extended wear barrier attached, with built-in convexity" names the
    # barrier only as what the pouch comes with; A4411 is the barrier ("Ostomy skin barrier, ..., extended wear,
    # with built-in convexity")
    hits = find_codes(codebook, "ostomy barrier extended wear with convexity", limit=5)
    assert hits[0].code == "A4411", [h.code for h in hits]
