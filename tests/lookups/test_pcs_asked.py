"""A procedure named beside the diagnosis it treats is coded as the procedure (bot/lookups/index/pcs_asked.py);
a query saying a status, a history or an encounter keeps the ICD-10-CM reading. Robotic surgery is read as
Percutaneous Endoscopic. Made-up wordings, on the real shipped data."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import said_approaches
from bot.lookups.index.pcs_asked import asks_cm_reading, crowds_procedure, procedure_main_term
from bot.lookups.index.words import stem
from bot.lookups.schema import ROOT_OPERATIONS_KEY, read_root_operations
from bot.lookups.search import find_codes, searcher_for

ROOTS = frozenset({"excision", "resection", "reposition", "detachment", "control"})


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in text.split())


def test_procedure_main_term() -> None:
    said = _stems("cholecystectomy for gallstones")
    why = "PCS Index: Cholecystectomy -> see Resection, Gallbladder -> 0FT4 -> PCS table: Open -> 0FT40ZZ"
    assert procedure_main_term(why, ROOTS, said) == "Cholecystectomy"
    assert procedure_main_term("title: Resection of Gallbladder", ROOTS, said) is None
    assert procedure_main_term(why, ROOTS, _stems("gallstones")) is None  # the procedure is not said
    # A root operation's own name is an ordinary word too ("driver lost control"): no procedure named.
    control = "PCS Index: Control, Bleeding in -> see Control bleeding in -> 0W3"
    assert procedure_main_term(control, ROOTS, _stems("driver lost control")) is None


def test_crowds_procedure() -> None:
    said = _stems("below knee amputation left")
    status = "Index: Amputation -> see Absence, by site, acquired, leg, below knee -> Z89.51-"
    assert crowds_procedure(status, "Acquired absence of left leg below knee", "Amputation", said)
    cause = "Index: Cholelithiasis -> K80.20 (not used: cholecystectomy)"
    assert crowds_procedure(
        cause, "Calculus of gallbladder", "Cholecystectomy", _stems("cholecystectomy for gallstones")
    )
    assert not crowds_procedure(
        "Index: Amputation, traumatic, leg", "Traumatic amputation of leg", "Amputation", said
    )
    # A word the vocabulary read for the path is used; an encounter's reason is the encounter's code.
    torus = "Index: Fracture, torus, radius -> S52.52- (vocabulary: buckle -> torus)"
    assert not crowds_procedure(torus, "Torus fracture of lower end of radius", "Buckling", _stems("buckle"))
    encounter = "Index: Sterilization, admission for -> Z30.2 (not used: vasectomy)"
    assert not crowds_procedure(encounter, "Encounter for sterilization", "Vasectomy", _stems("vasectomy"))
    assert asks_cm_reading(_stems("s/p below knee amputation left"))
    assert not asks_cm_reading(said)


@pytest.mark.parametrize(
    ("query", "prefix"),
    [
        ("cholecystectomy for gallstones", "0FT4"),
        ("appendectomy for acute appendicitis", "0DTJ"),
        ("closed reduction left ulna fracture", "0PSL"),
        ("right below knee amputation", "0Y6"),
        ("total knee replacement for osteoarthritis right", "0SRC"),
        ("robotic radical prostatectomy", "0VT04"),
        ("robotic cholecystectomy", "0FT44"),
    ],
)
def test_procedure_before_its_reason(codebook: CodeBook, query: str, prefix: str) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code.replace(".", "").startswith(prefix), [h.code for h in hits]


@pytest.mark.parametrize(
    ("query", "prefix"),
    [
        ("s/p right below knee amputation", "Z89.51"),
        ("status post cholecystectomy", "Z90.49"),
    ],
)
def test_status_keeps_the_diagnosis(codebook: CodeBook, query: str, prefix: str) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code.startswith(prefix), [h.code for h in hits]


def test_robotic_is_percutaneous_endoscopic() -> None:
    assert said_approaches(_stems("robotic prostatectomy")) == frozenset("4")


def test_procedure_words(codebook: CodeBook) -> None:
    words = searcher_for(codebook).procedure_words()
    assert {"amputat", "reduct", "gastrectomy", "hysterectomy"} <= words
    assert "fractur" not in words


@pytest.mark.parametrize("query", ["spinal tap", "diagnostic spinal tap"])
def test_spinal_tap_is_a_lumbar_puncture(codebook: CodeBook, query: str) -> None:
    # The vocabulary's "spinal tap" -> the PCS Index's Puncture, lumbar (see Drainage, Spinal Canal).
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code.startswith("009U3Z"), [h.code for h in hits]


def test_root_operations_read_from_mixed_tables(codebook: CodeBook) -> None:
    # 5A1's header has no title and its first title is "Extracorporeal Oxygenation": "Performance of ..."
    # names the root operation all the same.
    roots = searcher_for(codebook).root_operations()
    assert {"performance", "excision", "reposition", "detachment"} <= roots


@pytest.mark.parametrize(
    ("query", "prefix", "unused"),
    [
        ("hemodialysis single session", "5A1D", "session"),
        ("cholecystectomy with a kind surgeon", "0FT4", "surgeon"),
        ("tonsillectomy in a teenager", "0CTP", "teenager"),
    ],
)
def test_procedure_with_an_unread_word(codebook: CodeBook, query: str, prefix: str, unused: str) -> None:
    # The procedure the PCS Index names is answered; the word beside it the reading does not know is said.
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code.replace(".", "").startswith(prefix), [h.code for h in hits]
    assert "not used:" in hits[0].why and unused in hits[0].why.split("not used:")[1]


@pytest.mark.parametrize(
    ("query", "prefix"),
    [
        ("thyroid lobectomy left", "0GTG"),
        ("lobectomy of the right thyroid gland", "0GTH"),
        ("left liver lobectomy", "0FT2"),
    ],
)
def test_many_see_lines_the_body_part_said_chooses(codebook: CodeBook, query: str, prefix: str) -> None:
    # Lobectomy sends to seven tables; the one whose body parts the query names is followed first.
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code.replace(".", "").startswith(prefix), [h.code for h in hits]


def test_table_parts(codebook: CodeBook) -> None:
    tree = searcher_for(codebook).index_tree()
    assert {stem("thyroid"), stem("lobe")} <= tree.table_parts("0GT")
    assert stem("right") not in tree.table_parts("0GT")


def test_the_table_sharing_most_body_part_words_first(codebook: CodeBook) -> None:
    # Angioplasty sends to the heart's, the upper and the lower arteries' Dilation: "artery" is in all of
    # them, "femoral" only in the lower arteries' table.
    hits = find_codes(codebook, "angioplasty right femoral artery", limit=3)
    assert hits and hits[0].code.startswith("047"), [h.code for h in hits]


def test_the_root_operations_stored_by_the_data_build_are_the_ones_read_from_the_titles(
    codebook: CodeBook,
) -> None:
    """The build stores them (reading them at the first lookup cost ~100 ms); a database without the stored
    row reads them from the titles."""
    stored = codebook.db.execute("SELECT value FROM meta WHERE key = ?", [ROOT_OPERATIONS_KEY]).fetchone()
    assert stored is not None
    read = read_root_operations(codebook.db.conn)
    assert frozenset(str(stored[0]).split()) == read
    assert {"excision", "performance", "detachment"} <= read


def test_an_operation_named_by_its_own_name_comes_before_the_diagnosis(codebook: CodeBook) -> None:
    # "Excision", "Resection", "Repair" ... are no ordinary words: said, they ask for the procedure, when its
    # code names what the query operates on ("Repair Vulva" is no repair of a forearm).
    assert find_codes(codebook, "excision of sebaceous cyst back skin")[0].code == "0HB6XZZ"
    # (the forearm is the tables' Lower Arm, pcs_levels: the repair names the skin repaired, the laceration
    # is its reason beside it)
    repaired = [h.code for h in find_codes(codebook, "repair of laceration left forearm skin")]
    assert repaired[0] == "0HQEXZZ" and "S51.812A" in repaired[:5], repaired
    assert find_codes(codebook, "diverticulitis of sigmoid colon")[0].code.startswith("K57")


@pytest.mark.parametrize(
    ("query", "prefix"),
    [
        ("partial lateral meniscectomy right knee", "0SBC"),
        ("open partial medial meniscectomy of the left knee", "0SBD0"),
    ],
)
def test_said_procedure_word_over_a_line_met_by_site_and_subterm(
    codebook: CodeBook, query: str, prefix: str
) -> None:
    # "Replacement, knee, Partial or total" is met by "partial" and "knee" alone: its main term unsaid, it is
    # another procedure than the -ectomy the query names by its own Index main term.
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code.startswith(prefix), [h.code for h in hits]
