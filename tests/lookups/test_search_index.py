"""Search by the Index on the real shipped data: paths, the with convention, references, tables, the
Tabular completing the code, linked concepts, qualifiers, notices and why. Queries are written from the
Index's own words, not from the benchmark sets."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


def first(book: CodeBook, query: str) -> tuple[str, str]:
    hits = find_codes(book, query, limit=5)
    assert hits, f"nothing for {query!r} ({getattr(hits, 'notice', '')})"
    return hits[0].code, hits[0].why


def test_with_convention_gives_the_combination_code(codebook: CodeBook) -> None:
    code, why = first(codebook, "type 2 diabetes with chronic kidney disease")
    assert code == "E11.22"
    assert why.startswith("Index: Diabetes, type 2, with, chronic kidney disease -> E11.22")


def test_words_in_any_order(codebook: CodeBook) -> None:
    assert first(codebook, "chronic kidney disease type 2 diabetes")[0] == "E11.22"


def test_the_index_default_for_an_unqualified_term(codebook: CodeBook) -> None:
    assert first(codebook, "hyperlipidemia")[0] == "E78.5"  # not a more specific child


def test_see_reference_then_tabular_laterality(codebook: CodeBook) -> None:
    # Cellulitis, leg (lower limb) -> L03.11-; the Tabular picks the child for the left side.
    code, why = first(codebook, "cellulitis of left leg")
    assert code == "L03.116"
    assert why.startswith("Index: Cellulitis,") and "lower limb -> L03.11- -> Tabular: left -> L03.116" in why


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("fracture of shaft of right femur", "S72.301A"),
        ("fracture of shaft of right femur subsequent encounter", "S72.301D"),
        ("fracture of shaft of right femur sequela", "S72.301S"),
    ],
)
def test_injury_encounter_picks_the_seventh_character(codebook: CodeBook, query: str, expected: str) -> None:
    assert first(codebook, query)[0] == expected


def test_external_cause_index(codebook: CodeBook) -> None:
    code, why = first(codebook, "fall from ladder")
    assert code == "W11.XXXA"
    assert why.startswith("External Cause Index: Fall, from")


def test_drug_table_column(codebook: CodeBook) -> None:
    code, why = first(codebook, "adverse effect of ondansetron")
    assert code == "T45.0X5A" and why.startswith("Drug Table: Ondansetron, adverse effect -> T45.0X5")
    assert first(codebook, "underdosing of ondansetron")[0] == "T45.0X6A"


def test_neoplasm_table_column(codebook: CodeBook) -> None:
    code, why = first(codebook, "secondary malignant neoplasm of liver")
    assert code.startswith("C78.7") and "Neoplasm Table" in why


def test_history_personal_and_family_are_told_apart(codebook: CodeBook) -> None:
    assert first(codebook, "history of malignant neoplasm of breast")[0] == "Z85.3"
    assert first(codebook, "family history of malignant neoplasm of breast")[0] == "Z80.3"


def test_linked_concepts_give_a_suggested_pair(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "urinary tract infection due to escherichia coli", limit=5)
    assert hits[0].code == "N39.0"
    assert hits[1].code == "B96.20" and hits[1].why.startswith("suggested with N39.0:")


def test_vocabulary_expands_to_index_words_and_why_says_so(codebook: CodeBook) -> None:
    code, why = first(codebook, "RLQ abdominal pain")
    assert code == "R10.31" and "vocabulary: rlq -> right lower quadrant" in why


def test_brand_name_reaches_the_generic_j_code(codebook: CodeBook) -> None:
    code, why = first(codebook, "humira")  # J0135 (20 mg) ended 2024-12-31; J0139 (1 mg) is today's code
    assert code == "J0139" and "vocabulary: humira -> adalimumab" in why


def test_brand_name_reaches_a_code_known_only_by_its_short_descriptor(codebook: CodeBook) -> None:
    # J2505 ended; J2506 has only the I/OCE short descriptor "Inj pegfilgrast ex bio 0.5mg": its cut words are
    # read at build time ("pegfilgrastim"), and the biosimilars ("pegfilgrastim-bmez") are other products.
    code, why = first(codebook, "neulasta")
    assert code == "J2506" and "read: Injection pegfilgrastim" in why and "neulasta -> pegfilgrastim" in why
    others = [h.code for h in find_codes(codebook, "neulasta", limit=5)[1:]]
    assert any(c.startswith("Q5") for c in others)  # the biosimilars still follow


def test_cpt_service_is_named_not_guessed(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "99213")
    assert not hits and "CPT" in hits.notice
    assert "CPT" in find_codes(codebook, "office visit").notice


def test_no_confident_match_names_main_terms_instead_of_unrelated_codes(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "zxqv frobnicate")
    assert list(hits) == [] and hits.notice.startswith("No confident match")


def test_spelling_leaves_english_words_and_abbreviations_alone(codebook: CodeBook) -> None:
    searcher_words = {"ringing", "tarry", "exac"}
    from bot.lookups.search import searcher_for

    searcher = searcher_for(codebook)
    for word in searcher_words:
        assert searcher.corrections(word) == (word,)
    assert searcher.corrections("pnuemonia")[0] == "pneumonia"


def test_every_hit_says_why(codebook: CodeBook) -> None:
    for query in ("E11.9", "J44", "heart attack", "wheelchair", "appendectomy", "fall from ladder"):
        for hit in find_codes(codebook, query, limit=5):
            assert hit.why, f"{query!r}: {hit.code} has no why"


def test_answers_do_not_depend_on_the_hash_seed(codebook: CodeBook) -> None:
    """Which lines anchor a path was chosen in set order, so one query could answer differently from one
    process to the next (PYTHONHASHSEED): the same query must give the same codes in every process."""
    query = "railway vehicle collision passenger van occupant transport accident"
    script = (
        "import sys; from bot.lookups.codebook import CodeBook; from bot.lookups.search import find_codes;"
        "book = CodeBook.open(sys.argv[1]);"
        "print(' '.join(h.code for h in find_codes(book, sys.argv[2], limit=5)))"
    )
    answers = {
        subprocess.run(
            [sys.executable, "-c", script, str(codebook.path), query],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "4")
    }
    assert len(answers) == 1, answers
    assert next(iter(answers)).startswith("V55.6XXA")


def test_a_drug_named_alone_reads_as_the_drug_not_a_poisoning(codebook: CodeBook) -> None:
    """The Drug Table's column needs a word (poisoning, adverse effect, underdosing): without one, the
    HCPCS code of the drug comes before a guessed accidental poisoning."""
    hits = find_codes(codebook, "enoxaparin", limit=5)
    assert hits[0].code == "J1650"
    assert any(h.code.startswith("T45.51") for h in hits)  # the Drug Table line is still offered
    poisoning = find_codes(codebook, "enoxaparin overdose", limit=5)
    assert poisoning[0].code.startswith("T45.51")


def test_titles_leave_out_an_unknown_word_first_then_the_commonest(codebook: CodeBook) -> None:
    from bot.lookups.search import searcher_for

    searcher = searcher_for(codebook)
    groups = [("furosemide",), ("intravenous",), ("zzqx",)]
    order = sorted(groups, key=searcher._leave_out_order)
    assert order[0] == ("zzqx",) and order[1] == ("intravenous",)


def test_a_line_without_a_code_reads_its_encounter_for_subterm(codebook: CodeBook) -> None:
    """ "Vaccination, encounter for Z23": the reason for the visit, with no "encounter" in the query."""
    code, why = first(codebook, "vaccination for measles")
    assert code == "Z23" and "encounter for" in why


def test_a_header_comes_after_the_reportable_code_under_it(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "handgun discharge accidental", limit=5)
    codes = [h.code for h in hits]
    assert codes[0] == "W32.0XXA" and codes.index("W32.0") > 0
    assert find_codes(codebook, "W32.0", limit=3)[0].code == "W32.0"  # a code typed still answers itself


def test_a_line_negating_a_word_of_the_query_does_not_use_it(codebook: CodeBook) -> None:
    """ "Tripping, without fall" says the opposite of a fall: it is not the answer to a fall."""
    codes = [h.code for h in find_codes(codebook, "tripping with fall on stairs", limit=5)]
    assert codes[0].startswith("W10") and "W18.40XA" not in codes


def test_a_transport_accident_is_found_under_accident_though_the_query_names_no_accident(
    codebook: CodeBook,
) -> None:
    code, why = first(codebook, "car driver injured in collision with a bus")
    assert code == "V44.5XXA" and "Accident, transport, car occupant, driver" in why


def test_the_side_is_read_among_the_siblings_of_an_unspecified_index_code(codebook: CodeBook) -> None:
    """ "Dislocation, shoulder S43.006" names the unspecified shoulder; the query's side is its sibling."""
    code, why = first(codebook, "dislocation of left shoulder")
    assert code == "S43.005A" and "left" in why


def test_a_main_term_form_the_query_did_not_say_is_not_the_default(codebook: CodeBook) -> None:
    """ "Fracture, pathological" says more than "fracture": the traumatic fracture comes first."""
    assert first(codebook, "fractured hip")[0] == "S72.009A"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sprain R knee", "S83.91XA"),
        ("fx L distal radius", "S52.502A"),
        ("fx L. distal radius", "S52.502A"),
    ],
)
def test_side_letters_pick_the_sided_code(codebook: CodeBook, query: str, expected: str) -> None:
    code, why = first(codebook, query)
    assert code == expected
    assert "side: " in why


def test_chart_shorthand_expands_before_any_title_match(codebook: CodeBook) -> None:
    # "lac" once met "lactated ringers" (J7121) by a title prefix.
    code, why = first(codebook, "forehead lac")
    assert code == "S01.81XA"
    assert "vocabulary: lac -> laceration" in why


def test_biopsy_is_a_diagnostic_excision_of_tissue(codebook: CodeBook) -> None:
    # "Biopsy - see Drainage ...; see Excision ...; see Extraction ... with qualifier Diagnostic".
    code, why = first(codebook, "EGD with biopsy")
    assert code[:3] == "0DB" and code[6] == "X", (code, why)
    # The reason names the Excision line and the table's Diagnostic qualifier, whether it came through the
    # "Biopsy - see Excision" reference or through "biopsy" read as a diagnostic excision of the site (pcs23).
    assert "Excision" in why and "Diagnostic" in why, why


def test_a_joint_operation_on_a_joint_region_codes_the_joint(codebook: CodeBook) -> None:
    # "Replacement, knee, Partial or total -> see Replacement, Lower Joints=0SR": the table's Knee Joint,
    # not the tendon, bursa or the "Lower Artery" line the reference's words also meet.
    for query in ("right total knee replacement", "knee replacement right"):
        code, why = first(codebook, query)
        assert code.startswith("0SRC"), (query, code, why)
    assert first(codebook, "left total hip replacement")[0].startswith("0SRB")


def test_status_post_a_procedure_is_the_status_not_the_procedure(codebook: CodeBook) -> None:
    assert first(codebook, "status post right total knee replacement")[0] == "Z96.651"


def test_a_word_the_vocabulary_replaced_still_picks_the_subterm(codebook: CodeBook) -> None:
    # "mammogram" -> screening ... breast; the Index's subterm "routine mammogram" still names Z12.31.
    code, why = first(codebook, "screening mammogram")
    assert code == "Z12.31" and "routine mammogram" in why


def test_the_index_reading_a_lay_phrase_itself_counts_as_its_meaning(codebook: CodeBook) -> None:
    code, why = first(codebook, "runny nose")  # "Runny nose R09.89" in the Index; vocabulary: rhinorrhea
    assert code == "R09.89" and why.startswith("Index: Runny nose")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("here for chemo infusion", "Z51.11"),
        ("admitted for radiation therapy", "Z51.0"),
        ("seen today for suture removal", "Z48.02"),
        ("aftercare after shoulder replacement", "Z47.1"),
        ("icd 10 code for copd", "J44.9"),
    ],
)
def test_encounter_reasons_and_code_requests(codebook: CodeBook, query: str, expected: str) -> None:
    assert first(codebook, query)[0] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cocaine overdose", "T40.5X1A"),  # no intent said: accidental
        ("oxycodone overdose intent unknown", "T40.2X4A"),
        ("forgot to take lisinopril", "T46.4X6A"),
        ("aspirin overdose suicide attempt", "T39.012A"),
    ],
)
def test_drug_table_column_from_intent_words(codebook: CodeBook, query: str, expected: str) -> None:
    assert first(codebook, query)[0] == expected


@pytest.mark.parametrize(
    ("query", "expected"), [("brain metastases", "C79.31"), ("metastasis to lung", "C78.00")]
)
def test_metastasis_reads_the_neoplasm_table_secondary_column(
    codebook: CodeBook, query: str, expected: str
) -> None:
    code, why = first(codebook, query)
    assert code == expected and why.startswith("Neoplasm Table:")


def test_a_line_without_a_code_reads_its_unspecified_child(codebook: CodeBook) -> None:
    # Glioma, astrocytic, unspecified site C71.9: no site said, so the coder reads the default child.
    code, why = first(codebook, "astrocytic glioma")
    assert code == "C71.9" and why.startswith("Index: Glioma, astrocytic, unspecified site")
    # A site said: the unspecified-site line is not the answer.
    assert first(codebook, "papillary thyroid carcinoma")[0] == "C73"


def test_a_prefixed_word_meets_the_index_hyphenated_form(codebook: CodeBook) -> None:
    code, why = first(codebook, "preemployment physical")  # Index: Examination, medical, pre-employment
    assert code == "Z02.1" and "pre-employment" in why


def test_a_lay_word_the_index_holds_as_a_main_term_is_read_there(codebook: CodeBook) -> None:
    # vocabulary: backache -> pain back; the Index's own main term "Backache, sacroiliac" still answers.
    code, why = first(codebook, "sacroiliac backache")
    assert code == "M53.3" and why.startswith("Index: Backache, sacroiliac")
    code, why = first(codebook, "heat stroke")  # stroke -> cerebral infarction; Index: Stroke, heat
    assert code == "T67.01XA" and why.startswith("Index: Stroke, heat")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hx colon ca", "Z85.038"),  # "hx" expanded to "history" still leads to History, personal
        ("family history of ovarian cancer", "Z80.41"),  # cancer -> malignant neoplasm, ovarian -> ovary
        ("left breast cancer LIQ", "C50.312"),  # quadrant abbreviation -> the Table's quadrant row
        ("DCIS left breast", "D05.12"),  # ductal carcinoma in situ is the Index's "intraductal"
        ("metastatic cancer to lower lobe of lung", "C78.0"),  # "cancer" does not outvote "metastatic"
    ],
)
def test_neoplasm_rows_columns_and_history(codebook: CodeBook, query: str, expected: str) -> None:
    assert first(codebook, query)[0].startswith(expected)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("acute hypoxic respiratory failure", "J96.01"), ("stage 3 pressure injury over sacrum", "L89.153")],
)
def test_adjective_and_noun_forms_meet(codebook: CodeBook, query: str, expected: str) -> None:
    assert first(codebook, query)[0] == expected


def test_a_chart_line_of_clauses_is_answered_by_its_best_clause(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "cannot pass urine, urinary retention", limit=5)
    assert hits[0].code == "R33.9" and hits[0].why.startswith(
        "clause “urinary retention”: Index: Retention, urine"
    )


def test_a_cpt_service_inside_a_chart_line_does_not_make_it_a_cpt_question(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "dysuria and frequency, urine culture grew E. coli, dx UTI", limit=5)
    assert not hits.notice and hits[0].code == "N39.0"
    assert "CPT" in find_codes(codebook, "urine culture", limit=5).notice


def test_playing_a_sport_reads_as_the_activity(codebook: CodeBook) -> None:
    code, why = first(codebook, "injured playing soccer")
    assert code == "Y93.66" and why.startswith("External Cause Index: Activity, soccer")


def test_a_hyphenated_word_whose_parts_are_known_is_recognised(codebook: CodeBook) -> None:
    code, why = first(codebook, "covid-19")  # the titles' word list holds "covid" and "19", not "covid-19"
    assert code == "U07.1" and why.startswith("Index: COVID-19")


def test_a_negated_part_of_a_line_the_query_does_not_say_is_no_contradiction(codebook: CodeBook) -> None:
    # History, personal, cerebral infarction without residual deficit -> Z86.73: "without residual deficit"
    # negates words the query did not say, so the line still reads "cerebral infarction".
    code, why = first(codebook, "history of stroke")
    assert code == "Z86.73" and "cerebral infarction without residual deficit" in why
    # A line negating a word the query says stays a contradiction: a fall is not "Tripping, without fall".
    assert "without fall" not in first(codebook, "tripped and fell")[1]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("well woman exam", "Z01.419"),
        ("annual gyn exam", "Z01.419"),
        ("adverse reaction to cymbalta", "T43.215A"),  # a brand the Table lists only by its class
        ("took too many ambien", "T42.6X1A"),
        ("percocet overdose", "T40.2X1A"),
    ],
)
def test_vocabulary_of_visits_and_drugs(codebook: CodeBook, query: str, expected: str) -> None:
    assert first(codebook, query)[0] == expected
