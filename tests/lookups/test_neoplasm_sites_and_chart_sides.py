"""The Neoplasm Table read by the site and the column a user says (bot.lookups.index.neoplasm_columns,
neoplasm_site_words) and a chart's eye sides and cranial nerve numerals (eye_sides, chart_notation). Queries are
written for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.chart_notation import read_nerve_numbers, without_lengths
from bot.lookups.index.eye_sides import eye_side_words
from bot.lookups.index.neoplasm_site_words import noun_candidates
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("adjective", "noun"),
    [("vulvar", "vulva"), ("glottic", "glottis"), ("appendiceal", "appendix"), ("laryngeal", "larynx")],
)
def test_a_site_adjective_is_made_from_its_noun(adjective: str, noun: str) -> None:
    assert noun in noun_candidates(adjective)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("macular hole od", "macular hole right"),
        ("keratitis os", "keratitis left"),
        ("od on heroin", "od on heroin"),  # no eye: an overdose
    ],
)
def test_eye_letters_are_a_side_only_in_a_note_about_an_eye(text: str, read: str) -> None:
    assert eye_side_words(text, []) == read


def test_a_nerve_numeral_is_its_ordinal_and_a_size_is_dropped() -> None:
    assert read_nerve_numbers("l cn vi palsy", []) == "l sixth nerve palsy"
    assert read_nerve_numbers("cranial nerve 3 palsy", []) == "third nerve palsy"
    assert without_lengths("aortic root 4.3 cm on echo") == "aortic root on echo"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # any word left names the site below "Tumor - see also Neoplasm, by site"; "behavior" is the Table's
        ("tumor of the pineal gland, uncertain behavior", "D44.5"),
        ("ca in situ of the gallbladder", "D01.5"),  # "in situ" outvotes the malignant words naming it
        ("metastasis to the popliteal lymph nodes", "C77.4"),  # the Table kept beside the PCS key's nodes
        ("cancer spread to the spleen", "C78.89"),  # "spread to": secondary
        ("met to the sternum", "C79.51"),  # a clinician's singular of "mets"
        ("spleen mass, uncertain behavior", "D37.8"),  # a finding with a stated behaviour is a neoplasm
        ("uvular cancer", "C05.2"),  # the adjective read as the Table's noun
        ("malignant tumor of the right scapula", "C40.01"),  # the side, not the reference's "unspecified"
        ("mass in head of pancreas, bx: adenocarcinoma", "C25.0"),  # the morphology's column, not the mass's
        ("tumor of the liver", "D49.0"),  # the Table's system-named code, not a mixed tumor's line
    ],
)
def test_the_table_is_read_by_the_site_and_column_said(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("choroidal melanoma OD", "C69.31"),
        ("macular hole OS", "H35.342"),
        ("R CN IV palsy", "H49.11"),
        ("CN 6 palsy, left", "H49.22"),
        ("right sixth nerve palsy, esotropia worse at distance", "H49.21"),  # "cranial" the Index's to say
    ],
)
def test_chart_sides_and_nerve_numbers_choose_the_code(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]
