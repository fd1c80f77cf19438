"""A service told by how CPT counts, places or performs it gets the CPT notice; a HCPCS line named by its
trade name or an object said with no event is the item (issue #10, round 22). Queries are made up here."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.cpt_kinds import cpt_kind
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("shaving of two calluses", "service"),  # a count of what is treated
        ("nail trimming 6 or more", "service"),
        ("loop recorder interrogation in person", "service"),  # a setting
        ("thyroid fine needle aspiration with ultrasound guidance", "service"),  # a method
        ("chemical cautery of umbilical granuloma", "service"),
        ("intralesional injection of 4 lesions", "service"),
        ("pelvic floor muscle training session", "service"),
        ("sebaceous cyst excision", "service"),  # the office procedure's noun after the lesion it treats
        ("diagnostic proctosigmoidoscopy", "procedure"),
        ("left knee cyst excision", ""),  # a side: ICD-10-PCS's axis
        ("bleeding after tooth extraction", ""),
        # a drug's injection, an item, an age, a person or a story: no service told by its cues
        ("Toradol 30 mg injection in office", ""),
        ("bedside drainage bag", ""),
        ("newborn check 6 days old", ""),
        ("my corn hurts after walking 2 miles", ""),
        ("two warts on my hand", ""),
    ],
)
def test_a_service_told_by_its_count_setting_or_method(query: str, kind: str) -> None:
    assert cpt_kind(query) == kind


def test_the_cued_service_gets_the_cpt_notice_and_no_diagnosis(codebook: CodeBook) -> None:
    found = find_codes(codebook, "chemical cautery of umbilical granuloma")
    assert "CPT" in found.notice
    assert all(h.system != "ICD-10-CM" or h.code.startswith("Z") for h in found)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Mirragen wound matrix per sq cm", "A2002"),  # the trade name, the kind's words around it
        ("Frejka pillow for hip dysplasia", "L1600"),  # not the "cover only" line
        ("group 24 non sealed battery for power chair", "E2362"),  # named after "accessory,"
        ("hot water bottles", "A9273"),  # an object, no event: not a contact with hot tap-water
        ("grabber reacher device", "A9281"),  # (the descriptor says what it does: "Reaching/grabbing")
    ],
)
def test_a_hcpcs_line_named_by_its_trade_name_or_object(codebook: CodeBook, query: str, code: str) -> None:
    assert find_codes(codebook, query)[0].code == code


def test_a_query_nothing_answered_is_read_in_the_short_descriptors_clipped_words(codebook: CodeBook) -> None:
    found = find_codes(codebook, "irrigation supply sleeve disposable per month")
    assert found and found[0].code == "A4437"  # "Irr supply sleev disp per mo"


@pytest.mark.parametrize(
    ("query", "code"), [("scalded by hot tap water, initial", "X11"), ("swimming activity", "Y93.11")]
)
def test_an_event_or_an_activity_stays_the_external_cause(codebook: CodeBook, query: str, code: str) -> None:
    assert find_codes(codebook, query)[0].code.startswith(code)  # (no item's line: "Documentation of ...")


def test_a_clipped_reading_must_read_a_clipped_form(codebook: CodeBook) -> None:
    # (the HCPCS-only search found a long title by "therapy" and "session" alone; the situation reads first)
    assert find_codes(codebook, "therapy session for a child who was abused by her dad")[0].code == "Z69.010"
