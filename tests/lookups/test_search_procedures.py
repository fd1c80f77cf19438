"""ICD-10-PCS procedures as a coder codes them, each rule on the real shipped data: the body part the Index
path names, a procedure-only main term walked in the PCS Index, the root operation's name read from a title
with no "of", a diagnostic scope read as an Inspection."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import operation_name
from bot.lookups.index.query import _diagnostic_scope
from bot.lookups.search import find_codes, searcher_for


def test_operation_name() -> None:
    assert operation_name("Excision of Stomach, Open Approach") == ["Excision", "Stomach, Open Approach"][0]
    assert (
        operation_name("Reposition Right Radius with Internal Fixation Device, Open Approach") == "Reposition"
    )
    assert operation_name("Computerized Tomography (CT Scan) of Head") == "Computerized Tomography (CT Scan)"


def test_diagnostic_scope() -> None:
    assert _diagnostic_scope("diagnostic cystoscopy") == "cystoscopy"
    assert _diagnostic_scope("diagnostic colonoscopy no biopsy") == "colonoscopy"
    assert _diagnostic_scope("diagnostic colonoscopy with biopsy") == "diagnostic colonoscopy with biopsy"
    assert _diagnostic_scope("diagnostic imaging of chest") == "diagnostic imaging of chest"


def test_procedure_only_main_terms(codebook: CodeBook) -> None:
    tree = searcher_for(codebook).index_tree()
    assert tree.names_procedure("reduct")  # Reduction: PCS Index only
    assert not tree.names_procedure("fractur")  # Fracture: a diagnosis main term too


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # Phacoemulsification, lens, With IOL implant -> see Replacement, Eye: the lens, not the eye.
        ("cataract extraction with IOL right eye", "08RJ3JZ"),
        # Reduction, Fracture -> see Reposition; the device and approach from "open ... internal fixation".
        ("ORIF left femoral shaft fracture", "0QS904Z"),
        ("ORIF right distal radius with plate", "0PSH04Z"),
        # Herniorrhaphy, With synthetic substitute -> see Supplement.
        ("lap right inguinal hernia repair with mesh", "0YU54JZ"),
        ("classical cesarean", "10D00Z0"),
        ("diagnostic cystoscopy", "0TJB8ZZ"),
        ("diagnostic EGD", "0DJ08ZZ"),
    ],
)
def test_procedures_on_the_shipped_data(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.why) for h in hits]


def test_hemiarthroplasty_replaces_the_femoral_surface(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "right hip hemiarthroplasty", limit=5)
    assert hits and hits[0].code.startswith("0SRR0")  # Right Hip Joint, Femoral Surface; any device


def test_a_count_after_a_procedure_names_the_number() -> None:
    from bot.lookups.index.query import _count

    assert _count("aortocoronary bypass x3") == "aortocoronary bypass three"
    assert _count("bypass x 2") == "bypass two"
    assert _count("fever") == "fever"


def test_cabg_count_picks_the_body_part(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "CABG x3", limit=5)
    assert hits and hits[0].code.startswith("0212")  # Bypass Coronary Artery, Three Arteries


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # px7: a PCS Index line with no code of its own, reached by a word said at every level
        # ("Excision, Subcutaneous Tissue and Fascia, Foot" for "subq ... foot"), leads on to its side
        # although the line's own name says more ("fascia") than the query.
        ("excisional debridement subcutaneous tissue left upper arm", "0JBF0ZZ"),
        ("debridement subq left foot excisional", "0JBR0ZZ"),
        # ... while a level skipped ("Replacement, Tendon, Knee" for "knee replacement") still does not.
        ("knee replacement", "0SRC0JZ"),
    ],
)
def test_a_bare_pcs_line_said_at_every_level_leads_on(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.title) for h in hits]


def test_sectional_imaging_of_the_head_is_of_the_brain() -> None:
    from bot.lookups.index.query import _imaged_head

    assert _imaged_head("computed tomography head without contrast", True) == (
        "computed tomography brain without contrast"
    )
    assert _imaged_head("magnetic resonance imaging of the head", True).endswith("of the brain")
    assert _imaged_head("computed tomography head and neck", True) == "computed tomography head and neck"
    # A finding or a story is not the study ordered: its words stay.
    assert _imaged_head("head bleed on computed tomography", False) == "head bleed on computed tomography"
    assert _imaged_head("x-ray head", True) == "x-ray head"  # plain films of the skull are not the brain


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("MRI of the head", "B030ZZZ"),
        ("ct scan head", "B020ZZZ"),
        ("ct head and neck", "BW29ZZZ"),
        # Section X (New Technology) only when its technology is said: "intracardiac" is not.
        ("single chamber pacemaker insertion", "0JH604Z"),
    ],
)
def test_imaging_and_new_technology_on_the_shipped_data(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.title) for h in hits]
