"""Round 34 (HCPCS): a negation's scope ends at the next "with" clause; a drug said with the course of
treatment it is given in is its drug line; a size compared in plain words ("bigger than") is a bound."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import query_negated
from bot.lookups.measures import stated_measures
from bot.lookups.search import find_codes


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query, limit=5)
    assert hits, query
    return hits[0].code


def test_a_negation_covers_its_clause_up_to_the_next_with(codebook: CodeBook) -> None:
    # The query negates the side rails and says the mattress (a chart's lone "w" is "with"): E0290 "Hospital
    # bed, fixed height, without side rails, with mattress", not E0291 "..., without mattress", which denies
    # a part the query asks for (completion.split_negation reads a negation to the next "with" or "and").
    assert _first(codebook, "fixed height hosp bed no side rails w mattress") == "E0290"
    assert _first(codebook, "fixed height hospital bed without side rails with mattress") == "E0290"
    assert query_negated("bed without side rails with mattress") == frozenset({"side", "rail"})
    # (a negation alone still reads as asked: the title saying it too leads)
    assert _first(codebook, "2x2 sterile gauze, no border") == "A6402"
    assert _first(codebook, "knee orthosis without knee joint rigid custom") == "L1834"


def test_a_drug_said_with_its_course_of_treatment_is_its_drug_line(codebook: CodeBook) -> None:
    # "carboplatin chemo": the drug given in chemotherapy, as a route or a dose would say it; no story of a
    # poisoning is told, so the Drug Table's poisoning column (guideline I.C.19.e.5.b) is not coded.
    assert _first(codebook, "carboplatin chemo") == "J9045"  # Injection, carboplatin, 50 mg
    assert _first(codebook, "cisplatin chemo") == "J9060"  # Injection, cisplatin, powder or solution, 10 mg
    # (a story of taking it keeps the poisoning)
    assert _first(codebook, "took too much carboplatin by mistake").startswith("T45.1X1")


def test_a_size_compared_in_plain_words_is_a_bound(codebook: CodeBook) -> None:
    [(unit, low, high)] = stated_measures("collagen dressing bigger than 48 square inches")
    assert unit == "sqin" and 48 < low < 49 and high == float("inf")
    [(unit, low, high)] = stated_measures("pad smaller than 16 sq in")
    assert unit == "sqin" and low == 0 and 15 < high < 16
    # A6023 "Collagen dressing, sterile, size more than 48 sq. in., each", not A6022's 16-48 sq. in.
    assert _first(codebook, "collagen dressing bigger than 48 square inches") == "A6023"


def test_the_patient_a_visit_is_for_is_no_reason_for_it(codebook: CodeBook) -> None:
    # The HCPCS visit descriptors name the patient a visit is for ("Limited (30 minutes) care management home
    # visit for an existing patient"): "for an existing patient" is who is seen, not a reason for the
    # encounter (which would put the ICD-10-CM reason first), so the title holding every word is the service.
    assert _first(codebook, "limited care management home visit for an existing patient") == "G0082"
    assert _first(codebook, "comprehensive in-home visit for a new patient post-discharge") == "G2004"
    # (a "for" ending a descriptor cut short says no reason either)
    assert _first(codebook, "brief in-home visit for a new patient post-discharge for") == "G2001"
    # (a reason said still puts the encounter's reason first)
    assert _first(codebook, "here for chemo infusion") == "Z51.11"


def test_a_descriptor_whose_opening_is_the_query_word_for_word_leads(codebook: CodeBook) -> None:
    # G0496 "Skilled services of a licensed practical nurse (lpn), in the training ..." opens with the words
    # typed; G0300 "Direct skilled nursing services of a licensed practical nurse ..." holds them elsewhere.
    assert _first(codebook, "skilled services of a licensed practical nurse in the") == "G0496"
    # G2014 "Limited (30 minutes) care plan oversight. for use only in a medicare-approved cmmi model ...", not
    # G0086 "Limited (30 minutes) care management home care plan oversight ..." (the parenthesis read past)
    assert _first(codebook, "limited care plan oversight for use only in a") == "G2014"
    # (a noun alone opens many descriptors: no credit is given under three words)
    assert _first(codebook, "cane") == "E0100"


def test_a_count_said_as_the_descriptors_latin_prefix(codebook: CodeBook) -> None:
    # E0105 "Cane, quad or three prong, ...": a four-point cane is a quad cane (quad- is four); the plain
    # cane (E0100) leaves the count unread.
    assert _first(codebook, "4 point cane") == "E0105"
    assert _first(codebook, "four-point cane") == "E0105"
    assert _first(codebook, "single point cane") == "E0100"


def test_a_material_other_than_the_one_a_descriptor_excepts_is_its_class(codebook: CodeBook) -> None:
    # E0114 "Crutches underarm, other than wood, ...": aluminum is a material (WordNet noun.substance) and not
    # wood, so the class holds it; E0112 "Crutches underarm, wood, ..." is the wooden pair.
    assert _first(codebook, "aluminum underarm crutches pair") == "E0114"
    assert _first(codebook, "wooden crutches pair") == "E0112"
    # (a clause excepting no material - "situations other than s3601" - holds no substance said)
    hits = find_codes(codebook, "serum magnesium lab", limit=3)
    assert not hits or hits[0].code != "S3600"
