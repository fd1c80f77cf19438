"""Chart abbreviations read to the Index main term they stand for, and an abbreviation of several senses read in
the sense the query's other words point to (bot.lookups.index.senses). Queries are written for these tests, not
taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.senses import part_words, read_sense
from bot.lookups.index.vocabulary import Vocabulary
from bot.lookups.index.words import stem
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("HL mixed cellularity", "C81.20"),  # Hodgkin lymphoma: the C81 titles say "mixed cellularity"
        ("MS murmur on echo, rheumatic", "I05.2"),  # mitral stenosis: the I05 titles say "rheumatic"
        ("PV bleeding", "N93.9"),  # per vaginam: the N93 titles say "bleeding"
        ("ASD, nonverbal 4 yo", "F84.0"),  # autism: a note about the mind says "nonverbal"
        ("IUGR newborn", "P05.9"),  # the newborn, not the pregnancy
        ("GBS positive at 36 weeks", "O99.820"),  # group B strep carrier in pregnancy, not Guillain-Barre
        ("RP with night blindness", "H35.52"),  # retinitis pigmentosa: an eye note says "night blindness"
        ("PD catheter infection", "T85.71XA"),  # peritoneal dialysis: a kidney note says "catheter"
        ("avoidant PD", "F60.6"),  # personality disorder: the F60 titles say "avoidant"
        ("ASD secundum on echo", "Q21.11"),  # the usual sense stays when the words fit it
        ("CSR left eye", "H35.712"),
        ("PV JAK2 positive", "D45"),
    ],
)
def test_an_abbreviation_of_several_senses_is_read_in_the_sense_of_the_query(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("LPHB on ECG", "I44.5"),  # Block, fascicular, posterior
        ("ARFID in teen", "F50.82"),  # Disorder, avoidant, restrictive food intake
        ("CLABSI", "T80.211A"),  # Infection, central line-associated, bloodstream
        ("PPM in place", "Z95.0"),  # Presence, cardiac, pacemaker - not permanent atrial fibrillation
        ("SSNHL right ear", "H91.21"),  # Deafness, sudden
        ("Gaucher dz", "E75.22"),  # "dz": the condition noun after an eponym (Gaucher's disease)
        ("Sjogren's synd", "M35.00"),  # "synd": Syndrome, Sjogren
    ],
)
def test_a_chart_abbreviation_reads_as_the_index_term_it_stands_for(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]


def test_the_query_words_choose_a_sense_only_when_it_fits_better_than_the_usual_one() -> None:
    senses = {"zq": ("zonal quartan fever", "zygomatic quadrate deformity")}
    near = {"zonal quartan fever": frozenset({"fever", "chill"}), "zygomatic quadrate deformity": {"cheek"}}

    def read(query: str) -> str | None:
        found = read_sense(query, lambda w: senses.get(w, ()), lambda m: frozenset(near[m]), stem)
        return found.text if found else None

    assert read("ZQ of the cheek") == "zygomatic quadrate deformity of the cheek"
    assert read("ZQ with chills") is None  # the usual sense fits
    assert read("ZQ") is None  # nothing to choose by
    assert read("cheek swelling") is None  # no abbreviation of several senses


def test_a_part_of_the_classification_has_its_own_words() -> None:
    assert "weeks" in part_words("O26.64")
    assert "preemie" in part_words("P05.9")
    assert "od" in part_words("H43.81")
    assert part_words("K86.81") == frozenset()


@pytest.mark.parametrize("text", ["kidney mass", "choked on peas", "pulled pecs", "grape vines"])
def test_an_english_plural_is_not_read_as_an_abbreviation(text: str) -> None:
    # ("mass" is no plural of "mas", "peas" none of "pea"): no chart abbreviation is an English word's stem.
    assert Vocabulary.shipped().expand(text)[0] == text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("CAD, anemia worse in cold months", "D59.12"),  # cold agglutinin disease
        ("CRS grade 3 after CAR-T cells", "D89.833"),  # cytokine release syndrome, not rhinosinusitis
    ],
)
def test_a_sense_the_data_spells_is_read_where_the_usual_sense_fits_no_word(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code in expected.split("|"), [(h.code, h.why) for h in hits]


def test_a_word_that_names_another_condition_with_its_neighbour_chooses_no_sense(codebook: CodeBook) -> None:
    # ("chest pain" is its own condition beside the coronary disease: no "chest acquired deformity")
    hits = find_codes(codebook, "CAD s/p stent, chest pain today", limit=5)
    assert hits and "read: CAD" not in hits[0].why and hits[0].code.startswith(("I25", "R07")), hits[0]
    # (a term that says the usual sense's words again is no other sense: "kidney ... chronic kidney disease")
    hits = find_codes(codebook, "hypertension with CKD", limit=5)
    assert hits and "read: CKD" not in hits[0].why, hits[0]
