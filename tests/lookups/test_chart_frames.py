"""A chart sentence's frame (issue #10, bot.lookups.index.chart_frames): a section label is read past, and a
past condition told beside the present one is its history code after the present condition's code. Queries
are made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.chart_frames import Frame, read_frame
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "frame"),
    [
        ("h/o DVT now with new PE", Frame("new PE", "DVT")),
        ("hx of MI, now presents with chest pain", Frame("chest pain", "MI")),
        ("pt c/o dizziness, hx of stroke", Frame("pt c/o dizziness", "stroke")),
        ("Assessment: community acquired pneumonia", Frame("community acquired pneumonia", "")),
        ("CT abdomen/pelvis: splenoptosis", Frame("splenoptosis", "")),
        ("RUQ US: fatty liver", Frame("fatty liver", "")),
        ("Problem list: horner syndrome", Frame("horner syndrome", "")),
        ("HPI: 82 yo M with gout", Frame("gout", "")),
        ("pt with known sarcoidosis", Frame("sarcoidosis", "")),
        ("h/o CVA with residual ataxia", Frame("ataxia following CVA", "")),
        ("residual aphasia from prior stroke", Frame("aphasia following stroke", "")),
        ("pt with known COPD presenting with pneumonia", Frame("pneumonia", "", "COPD")),
        ("A/P: 1. community acquired pneumonia", Frame("community acquired pneumonia", "")),
        ("PMH: HTN, HLD. CC: headache", Frame("headache", "")),
        ("Hx: asthma. Presents today with wheezing", Frame("wheezing", "asthma")),
        ("St. Louis encephalitis", None),
        ("CT chest", None),
        ("4 yo with fever", None),  # (a child's age can choose the code)
        ("old polio with residual leg weakness", None),  # (no "following" line: not a cerebrovascular past)
        ("stroke with residual thrombus", None),
        ("history of stroke", None),
        ("back pain, family history of breast cancer", None),
        ("dizziness", None),
    ],
)
def test_the_frame_is_read(query: str, frame: Frame | None) -> None:
    assert read_frame(query) == frame


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("h/o DVT now with new PE", ["I26.99", "Z86.718"]),
        ("h/o breast cancer, now presents with back pain", ["M54.9", "Z85.3"]),
        ("pt c/o dizziness, hx of stroke", ["R42", "Z86.73"]),
        ("assessment: community acquired pneumonia", ["J18.9"]),
        ("MRI brain: lutembacher's disease", ["Q21.19"]),
        ("HPI: 85 yo F with rheumatoid arthritis", ["M06.9"]),
        ("pt with known horner syndrome", ["G90.2"]),
        ("h/o CVA with residual dysarthria", ["I69.322"]),
        # (the Index's "with" line; with none, the reason first; "intra" no drug line J7300)
        ("known COPD presenting with pneumonia", ["J44.0", "J18.9"]),
        ("pt with known CKD 3b presenting with hyperkalemia", ["E87.5", "N18.32"]),
        ("pt with known Crohn's disease presenting with an intra-abdominal abscess", ["K50.914"]),
    ],
)
def test_the_present_condition_first_and_the_history_beside_it(
    codebook: CodeBook, query: str, expected: list[str]
) -> None:
    assert [h.code for h in find_codes(codebook, query, limit=len(expected))] == expected
