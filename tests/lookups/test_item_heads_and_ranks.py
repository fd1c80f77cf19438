"""A HCPCS item read as its descriptors word it: the item named at the head of a query leads a diagnosis that
leaves its noun unread (bot.lookups.item_heads); the words said beside the item's name pick among its lines
(bot.lookups.item_beside); a rank the descriptors number ("level 2 (als 2)", "group 3") and a weight capacity
in pounds are read against the descriptors' own (bot.lookups.measures). Queries made up here, through the
search on the real shipped data."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.item_beside import beside_words
from bot.lookups.item_heads import item_head_phrase
from bot.lookups.measures import measure_fit, rank_phrases, stated_measures, stated_ranks, without_measures
from bot.lookups.search import find_codes


def test_the_item_phrase_at_the_head_of_a_query() -> None:
    assert item_head_phrase("lancets refill") == ("lancets", "lancets")
    assert item_head_phrase("tube feeding pump with alarm") == ("tube feeding pump", "pump")
    assert item_head_phrase("food thickener, for dysphagia") == ("food thickener", "thickener")
    assert item_head_phrase("replacement bp cuff only") == ("bp cuff", "cuff")
    assert item_head_phrase("needs new full-face mask for sleep apnea machine") == ("full face mask", "mask")
    assert item_head_phrase("refill") is None
    assert item_head_phrase("sundowning in nursing home resident with dementia") is None
    assert item_head_phrase("procedure cancelled due to cold") is None


def test_the_words_beside_the_item_and_what_is_said_without() -> None:
    assert beside_words("portable gaseous oxygen system rental", "portable gaseous oxygen system") == [
        "rental"
    ]
    assert beside_words("hospital bed for a patient, no mattress", "hospital bed") == [
        "patient",
        "without mattress",
    ]


def test_ranks_are_read_as_the_descriptors_number_them() -> None:
    assert stated_ranks("ALS level 2 ambulance") == [("level", 2, 2)]
    assert stated_ranks("ALS1 emergency run") == [("level", 1, 1)]
    assert stated_ranks("Esrd demo basic bundle level i") == [("level", 1, 1)]
    assert stated_ranks("Power wheelchair, group 3 heavy duty") == [("group", 3, 3)]
    assert stated_ranks("hemoglobin a1c level 7.0 - 9.0%") == []  # a value, no rank
    assert stated_ranks("ckd stage 3-4") == []
    assert rank_phrases([("level", 2, 2)]) == ["level 2", "level ii", "als 2", "als ii"]
    level_2 = stated_ranks("als 2")
    assert measure_fit("Advanced life support, level 2 (als 2)", level_2) > 0
    assert measure_fit("Ambulance service, advanced life support, emergency transport, level 1", level_2) < 0


def test_a_weight_capacity_is_read_in_pounds_and_a_weight_said_stays_a_word() -> None:
    said = stated_measures("bariatric bed for a 400 lb patient")
    assert said == [("lb", 400, 400)]
    assert (
        measure_fit(
            "Hospital bed, heavy duty, extra wide, with weight capacity greater than 350 pounds, "
            "but less than or equal to 600 pounds",
            said,
        )
        > 0
    )
    assert (
        measure_fit(
            "Power wheelchair, group 2 standard, patient weight capacity up to and including 300 pounds", said
        )
        < 0
    )
    assert without_measures("lost 20 lbs since spring") == "lost 20 lbs since spring"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # the item at the head, a diagnosis or reorder reading of the words around it after
        ("lancets refill", "A4259"),
        ("tube feeding pump with alarm", "B9002"),
        ("food thickener, for dysphagia", "B4100"),
        ("needs new full-face mask for sleep apnea machine", "A7030"),
        # the words beside the item's name pick its line
        ("portable gaseous oxygen system rental", "E0431"),
        ("static progressive stretch device, for the wrist", "E1806"),
        ("heavy duty extra wide hospital bed for 400 lb patient no mattress", "E0301"),
        # the rank said
        ("ALS 2 emergency transport", "A0433"),
        ("ALS1 emergency run", "A0427"),
        ("level 3 hospital emergency department visit provided in a", "G0382"),  # was level 1
    ],
)
def test_the_item_as_its_descriptors_word_it_leads(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.title, h.why) for h in hits]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("stage 3 pressure ulcer of sacrum", "L89.153"),  # a rank beside a condition stays the condition's
        ("ALS with dysphagia", "G12.21"),  # ALS with no level numbered: the disease
        ("hip fracture, walker", "S72.009A"),  # the item is no head of the first segment
        ("fentanyl laced pills, found blue, accidental", "T40.411A"),  # a participle, and the item reads less
        ("arsenic in well water, exposure check", "Z77.010"),  # a clause, no item's name
        ("seat lift mechanism for chair", "E0627"),  # "Commode chair with ... seat lift mechanism": a chair
    ],
)
def test_a_condition_stays_first(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.title, h.why) for h in hits]


def test_a_drug_given_is_no_poisoning_and_a_study_said_as_a_purpose_is_no_study_asked() -> None:
    from bot.lookups.doses import STUDY_WORDS
    from bot.lookups.drug_given import given_not_poisoned, purpose_only

    table = "Drug Table: Dexamethasone, poisoning, accidental (unintentional) -> T38.0X1"
    assert given_not_poisoned(
        "decadron tabs 2 mg po", ["decadron", "tabs", "2", "mg", "po"], "T38.0X1A", table
    )
    swallowed = ["kid", "swallowed", "10", "decadron", "tabs"]
    assert not given_not_poisoned("kid swallowed 10 decadron tabs", swallowed, "T38.0X1A", table)
    assert not given_not_poisoned("decadron", ["decadron"], "T38.0X1A", table)  # nothing given said
    assert purpose_only("gadavist contrast for MRI", STUDY_WORDS) == {"mri"}
    assert purpose_only("MRI brain with gadolinium", STUDY_WORDS) == set()


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("decadron tabs 2 mg po", "J8540"),  # was T38.0X1A, the Drug Table's accidental poisoning
        ("gadavist for MRI of the brain", "A9585"),  # was the CPT notice
        ("kid swallowed 10 decadron tabs", "T38.0X1A"),  # a poisoning told: the Drug Table's line
    ],
)
def test_the_drug_given_leads(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.title, h.why) for h in hits]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("fomepizole for ethylene glycol ingestion", "J1451"),  # the drug, before the poisoning it is for
        ("Vivitrol", "J2315"),  # the drug alone, not the service bundle printing it
        ("medication assisted treatment naltrexone weekly bundle", "G2073"),  # the service said
    ],
)
def test_the_drug_named_before_its_purpose_or_alone_leads(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.title, h.why) for h in hits]
