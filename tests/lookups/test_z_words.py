"""A situation told with the thing itself where the Z-code Index line names its kind reads that line through a
general dictionary (bot.lookups.index.z_words over WordNet): another person's communicable disease is the
patient's contact with its kind, a worker's hazard an occupational exposure, and a vaccine or a procedure not
done is read with its reason in the words of the Index's "because" lines. The queries are made up, not taken
from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # another person's disease, said by its name: Contact, <its kind>
        ("my boyfriend has chlamydia", "Z20.2"),  # a venereal disease
        # a test asked for by a patient who is well: Screening, <the disease's kind>
        ("wants to be tested for genital warts, feels fine", "Z11.3"),  # a venereal disease
        # a thing not done, with its reason
        ("hip surgery postponed because her potassium was too low", "Z53.09"),  # contraindication
        ("dad refused the vaccines for his son", "Z28.82"),  # Immunization, not done, parent refusal
        ("no flu shot today because she is sick", "Z28.01"),  # acute illness of patient
        ("knee operation cancelled because the insurer never gave authorization", "Z53.8"),  # administrative
        ("skipped his vaccines because of his religion", "Z28.1"),  # patient's belief
        # a worker told by the job: occupational exposure
        ("welder exposed to radiation", "Z57.1"),
        # (heat's sense "high temperature" read by its head: a temperature; Exposure, occupational, extreme
        # temperature, not Lack of, heating)
        ("bricklayer working in extreme heat", "Z57.6"),
        # who the act is done to; a relative by WordNet's kind
        ("therapy for woman whose husband hits her", "Z69.11"),  # victim of spousal abuse
        ("girl lives with her cousin who has custody", "Z62.23"),  # custody of a non-parental relative
        # an allergy to a kind of thing: History, personal, allergy, <kind>
        ("allergic to mosquitoes", "Z91.038"),  # an insect
        ("allergic to snapper", "Z91.013"),  # seafood
    ],
)
def test_a_thing_named_reads_the_z_line_of_its_kind(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == expected


@pytest.mark.parametrize("query", ["both parents had colon cancer", "father had tuberculosis as a child"])
def test_a_disease_is_read_in_its_kind_only_where_the_index_files_it_so(
    codebook: CodeBook, query: str
) -> None:
    """A family or a personal history names the condition, never a Contact line of its kind."""
    hits = find_codes(codebook, query, limit=3)
    assert hits and not hits[0].code.startswith("Z20")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("can't take naproxen, she is allergic", "Z88.6"),  # the Drug Table's class: an analgesic
        ("cannot take amoxicillin, allergic to it", "Z88.0"),  # a penicillin
    ],
)
def test_an_allergy_told_after_the_thing_is_an_allergy_status(
    codebook: CodeBook, query: str, expected: str
) -> None:
    """ "can't take X, allergic": the allergy status of X's class (bot.lookups.index.query), not an adverse effect."""
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == expected


def test_a_test_in_a_pregnancy_denied_is_no_antenatal_screening(codebook: CodeBook) -> None:
    """ "she is not pregnant": no Encounter for antenatal screening (Z36)."""
    hits = find_codes(codebook, "screening blood test for genetic conditions, she is not pregnant", limit=3)
    assert not (hits and hits[0].code.startswith("Z36"))
