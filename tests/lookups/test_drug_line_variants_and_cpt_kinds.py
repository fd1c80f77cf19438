"""A drug's lines chosen by what their descriptors add to the drug (issue #10, round 32), and CPT services told
by more of CPT's own descriptor words. Queries are made up here.

- Among a drug's HCPCS lines the words said choose even when title words already found one of them: a line
  for the drug with a salt printed ("lidocaine hcl") before one for the drug in a vehicle ("in d5w"); a
  product in parentheses said only in part is another product ("(aristada initio)" for "aristada"); a short
  descriptor's clipped "pegfilgrast ex bio" is the reference product, "excludes biosimilar"; the "not
  otherwise specified" line breaks a tie (HCPCS Level II descriptors).
- A width in inches is a size the descriptors range ("width less than 22 inches"); a descriptor's "with or
  without joints" says no absence.
- CPT's descriptors: a study's count of studies and phases ("multiple studies", "3 phase study"), strapping
  applied (29540), the care of a stay's day ("Initial hospital care", "Subsequent hospital care, per day"),
  anesthesia time; a patient's status code (Z67 blood type) is no encounter reason that silences the notice.
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.doses import line_pick
from bot.lookups.index.cpt_kinds import cpt_kind
from bot.lookups.index.services import names_visit
from bot.lookups.measures import measure_fit, stated_measures
from bot.lookups.search import find_codes


def test_a_salt_unsaid_costs_nothing_a_vehicle_does() -> None:
    said = {"lidocaine", "injection"}
    assert line_pick("Inj, lidocaine hcl, 1 mg", said, frozenset()) > line_pick(
        "Inj, lidocaine in d5w, 1 mg", said, frozenset()
    )


def test_a_salt_said_makes_another_salt_another_product() -> None:
    # Solu-Medrol is methylprednisolone sodium succinate (the short descriptor clips it "sod succ"); the
    # acetate is Depo-Medrol.
    said = {"solumedrol", "methylprednisolone", "sodium", "succinate"}
    assert line_pick("Inj, methylpred sod succ 5mg", said, frozenset()) > line_pick(
        "Inj, methylpred acetate 1 mg", said, frozenset()
    )


def test_a_product_said_only_in_part_is_another_product() -> None:
    said = {"aristada", "aripiprazole", "lauroxil"}
    assert line_pick("Aripiprazole lauroxil 1 mg", said, frozenset()) > line_pick(
        "Injection, aripiprazole lauroxil, (aristada initio), 1 mg", said, frozenset()
    )
    said_whole = said | {"initio"}
    assert line_pick("Injection, aripiprazole lauroxil, (aristada initio), 1 mg", said_whole, frozenset()) > (
        line_pick("Aripiprazole lauroxil 1 mg", said_whole, frozenset())
    )


def test_a_short_descriptor_clipping_and_its_ex_are_read() -> None:
    said = {"neulasta", "pegfilgrastim"}
    reference = line_pick("Inj pegfilgrast ex bio 0.5mg", said, frozenset())
    biosimilar = line_pick("Inj pegfilgrastim-bmez 0.5mg", said, frozenset())
    assert reference > biosimilar


def test_the_not_otherwise_specified_line_breaks_a_tie() -> None:
    said = {"pemetrexed"}
    assert line_pick("Inj. pemetrexed nos 10mg", said, frozenset()) > line_pick(
        "Inj. pemetrexed, 10 mg", said, frozenset()
    )


@pytest.mark.parametrize(
    ("query", "code"),
    [
        (
            "neulasta for neutropenia",
            "J2506",
        ),  # "excludes biosimilar" (short: "ex bio"), not a biosimilar's -bmez line
        ("darzalex infusion", "J9145"),  # not "daratumumab and hyaluronidase" (Faspro)
        ("alimta infusion", "J9305"),  # "pemetrexed, not otherwise specified", not "pemetrexed dipotassium"
        ("lidocaine 20 mg injection", "J2003"),  # "lidocaine hcl", not "lidocaine in d5w"
        ("aristada 882 mg", "J1944"),  # not "(aristada initio)"
        ("doxil 40 mg", "Q2050"),  # "liposomal, not otherwise specified", not "imported lipodox"
        ("eligard 45 mg", "J9217"),  # leuprolide "for depot suspension"
    ],
)
def test_the_words_said_choose_among_the_drugs_lines(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.title, h.why) for h in hits]


def test_a_width_in_inches_is_a_size() -> None:
    said = stated_measures("wheelchair cushion under 20 in")
    assert said == [("in", 0.0, 19.999)]
    assert (
        measure_fit("Skin protection wheelchair seat cushion, width less than 22 inches, any depth", said) > 0
    )
    assert (
        measure_fit("Skin protection wheelchair seat cushion, width 22 inches or greater, any depth", said)
        < 0
    )
    assert stated_measures("3 in 1 commode") == []  # a count, no length


def test_a_cushion_said_by_its_width_takes_the_line_ranging_it(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "skin protection wheelchair cushion width under 18 inches", limit=5)
    assert hits and hits[0].code == "E2603", [(h.code, h.title) for h in hits]


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("two phase bone scan", "study"),  # "bone and/or joint imaging; 3 phase study"
        ("nuclear stress test single study", "study"),  # myocardial perfusion, single / multiple studies
        ("kinesio taping of the ankle", "procedure"),  # strapping / taping: the application, CPT 29200-29584
        ("anes time for knee arthroscopy", "anesthesia"),
    ],
)
def test_more_of_cpts_descriptor_words(query: str, kind: str) -> None:
    assert cpt_kind(query) == kind


def test_an_ankle_strap_is_still_no_application() -> None:
    assert cpt_kind("ankle strap") == ""  # an item, not the act


def test_the_care_of_a_stays_day_is_an_em_visit() -> None:
    assert names_visit(["initial", "inpatient", "hospital", "care"])
    assert names_visit(["subsequent", "newborn", "care", "per", "day"])
    assert not names_visit(["initial", "wound", "care"])  # the wound's care is the Z code's
    assert not names_visit(["hospital", "care"])  # no stage said


@pytest.mark.parametrize(
    "query",
    ["initial inpatient hospital care", "subsequent newborn care per day", "blood type rh"],
)
def test_these_get_the_cpt_notice(codebook: CodeBook, query: str) -> None:
    result = find_codes(codebook, query, limit=5)
    assert "CPT" in result.notice, [(h.code, h.title) for h in result]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # A4435 "Ostomy pouch, drainable, high output, with extended wear barrier (one-piece system), with or
        # without filter, each": "with or without" says no absence (it was costed as "Ischemia ... without
        # myocardial infarction" is, and the two-piece A4413 led).
        ("one piece drainable high output ostomy pouch", "A4435"),
        # L4361 "Walking boot, pneumatic and/or vacuum, with or without joints, ..., prefabricated, off-the-shelf"
        ("air walking boot prefabricated", "L4361"),
    ],
)
def test_with_or_without_in_a_descriptor_is_no_negation(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.title) for h in hits]


def test_an_inflected_form_of_a_word_said_is_said() -> None:
    # "compounded albuterol concentrate": J7610 "..., compounded product, ..., concentrated form, 1 mg", not
    # the compounded unit dose (J7609), whose unit-dose words are the descriptor's own filler.
    said = {"compounded", "albuterol", "concentrate"}
    assert line_pick(
        "Albuterol, inhalation solution, compounded product, administered through dme, concentrated form, 1 mg",
        said,
        frozenset(),
    ) > line_pick(
        "Albuterol, inhalation solution, compounded product, administered through dme, unit dose, 1 mg",
        said,
        frozenset(),
    )
