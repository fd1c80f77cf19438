"""A condition told as a drug's adverse effect is coded by its category's code the Tabular marks "Use additional
code for adverse effect, if applicable, to identify drug (T36-T50 with fifth or sixth character 5)" when the
Index prints no drug subterm under the words said (guideline I.C.19.e.5.a: the nature of the adverse effect
first, the drug's T code after it); the drug's link word "induced" is no other cause the Index compounds into a
line ("Deafness, noise-induced"); a line naming the drug itself stays first (issue #10). Queries are made up
here, not taken from the benchmark sets."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.adverse_notes import noted_in_category
from bot.lookups.index.other_cause_lines import names_other_cause
from bot.lookups.search import find_codes


def test_the_marked_code_of_a_category(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    assert noted_in_category(conn, "H91.90", "T36.5X5A") == "H910"  # Ototoxic hearing loss
    # (Hemorrhagic disorder due to extrinsic anticoagulants: its note names T45.515, T45.525)
    assert noted_in_category(conn, "D68.9", "T45.515A") == "D6832"
    assert noted_in_category(conn, "D68.9", "T36.0X5A") == ""
    assert noted_in_category(conn, "H91.09", "T36.5X5A") == ""  # (marked itself)
    assert noted_in_category(conn, "D59.9", "T37.1X5A") == ""  # (several marked codes: D59.0, D59.2, D59.3-)
    assert noted_in_category(conn, "G43.909", "T38.5X5A") == ""  # (Migraine: the category as a whole)
    # (Reye's syndrome G93.7 is marked for salicylates alone: "(T39.0-, with sixth character 5)")
    assert noted_in_category(conn, "G93.89", "T40.4X5A") == ""
    assert noted_in_category(conn, "G93.89", "T39.015A") == "G937"


def test_an_ear_told_with_the_marked_code(codebook: CodeBook) -> None:
    # (Loss, hearing - see Deafness: H91.9-; H91.0- Ototoxic hearing loss is the marked code, its side kept)
    hits = find_codes(codebook, "right ear hearing loss after tobramycin", limit=5)
    assert [h.code for h in hits[:2]] == ["H91.01", "T36.5X5A"]
    assert "I.C.19.e.5.a" in hits[0].why


def test_a_coagulation_defect_from_an_anticoagulant(codebook: CodeBook) -> None:
    # (Coagulopathy - see Defect, coagulation D68.9; D68.32 carries the note)
    # (the brand read as its generic: the adverse effect's T code shown beside it)
    hits = find_codes(codebook, "coagulopathy from eliquis", limit=5)
    assert [h.code for h in hits[:2]] == ["D68.32", "T45.515A"]


def test_a_note_for_another_drug_is_no_reading(codebook: CodeBook) -> None:
    # (Reye's syndrome G93.7 is G93's marked code, for salicylates alone; nor is a code reading fewer of
    # the words than the first answer: Anemia D64.9 -> D64.2 for "pernicious" anemia)
    assert find_codes(codebook, "respiratory depression from fentanyl", limit=3)[0].code != "G93.7"
    assert find_codes(codebook, "pernicious anemia from vitamin b12", limit=3)[0].code != "D64.2"


def test_no_drug_said_keeps_the_plain_condition(codebook: CodeBook) -> None:
    assert find_codes(codebook, "hearing loss both ears", limit=3)[0].code.startswith(("H90", "H91.9"))
    assert find_codes(codebook, "coagulopathy", limit=3)[0].code == "D68.9"


def test_another_cause_compounded_into_a_line() -> None:
    said = {"hear", "loss", "gentamicin", "drug", "induc"}
    assert names_other_cause(["Deafness", "noise-induced"], said, {"drug", "induced"})
    assert not names_other_cause(["Hypotension", "drug-induced"], said, {"drug", "induced"})
    assert not names_other_cause(["Deafness", "noise-induced"], said | {"nois"}, {"drug"})


def test_a_line_naming_the_drug_itself_stays_first(codebook: CodeBook) -> None:
    # (Thrombocytopenia, heparin induced D75.829, not the general "due to, drugs" D69.59)
    assert find_codes(codebook, "thrombocytopenia from heparin", limit=3)[0].code == "D75.829"
