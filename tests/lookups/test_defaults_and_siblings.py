"""The code in the right category: the Index's default when the query says no more, the Tabular sibling only for
words it adds, and the site a morphology's reference names read in the Table's own forms. Queries are written for
these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.matching import PathMatch
from bot.lookups.index.nec_guess import guessed_nec
from bot.lookups.index.tree import Node
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Tabular F10.12-: "Alcohol abuse with intoxication, unspecified" (the Index's "Alcohol, intoxication");
        # its sibling "... with alcohol-induced psychotic disorder, unspecified" repeats "alcohol", no word more
        ("alcohol intoxication", "F10.129"),
        # guideline I.A.9 (NEC is "other specified"): no type of osteoporosis said, so not "Osteoporosis,
        # specified type NEC, with pathological fracture, humerus" (M80.82-, "Other osteoporosis")
        ("osteoporosis with pathological fracture of the right humerus", "M80.021A"),
        # "Spondylosis, without myelopathy or radiculopathy, thoracic region": nothing said of a myelopathy
        # is no myelopathy, not the "specified NEC" line
        ("thoracic spondylosis", "M47.814"),
        # "Embolism, pulmonary I26.99"; its line "with acute cor pulmonale" needs the cor pulmonale said, the
        # query's "acute" is the embolism's
        ("acute pulmonary embolism", "I26.99"),
        # "Osteosarcoma - see Neoplasm, bone, malignant": the Table's "pelvis, pelvic" site below bone is
        # "Neoplasm, bone, pelvic" C41.4, not the pelvis's soft parts (C76.3)
        ("osteosarcoma of the pelvis", "C41.4"),
        # (no neoplasm named: "Disease, spinal" is the spinal cord's, the spine's forms stay apart)
        ("Pott's disease of the lumbar spine", "A18.01"),
        # (the query saying both forms keeps each: the pelvis broken, the pelvic ring not disrupted)
        ("multiple fractures of the pelvis without disruption of the pelvic ring", "S32.82XA"),
        # "Tumor, Warthin's - see Neoplasm, salivary gland or duct, benign": the eponym without its possessive
        ("Warthin tumor, right parotid", "D11.0"),
        # "Enteritis, regional, small intestine, with, complication, abscess": the "large bowel" line holds
        # "bowel" but names the other part of the intestine
        ("Crohn's disease of the small bowel with abscess", "K50.014"),
        # guideline I.C.19.a: the repair looked at while it heals is care after the active treatment (7th D)
        ("forehead laceration, sutures check", "S01.81XD"),
    ],
)
def test_the_category_code_the_query_says(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]


def _node(term: str) -> Node:
    return Node(0, "cm", 0, 0, 0, term, "", "", (), (), ())


def test_an_nec_line_a_reference_names_is_no_guess() -> None:
    """ "Slipped, epiphysis - see Osteochondropathy, specified type NEC": the Index itself chose the line."""
    node = _node

    chosen = PathMatch((node("Osteoporosis"), node("specified type NEC")), "M81.8", "cm", frozenset({0}), 1.0)
    sent = PathMatch(
        (node("Slipped"), node("epiphysis"), node("specified type NEC")),
        "M93.8",
        "cm",
        frozenset({0}),
        1.0,
        jumps=((2, 3),),
        via=("Osteochondropathy, specified type NEC",),
    )
    assert guessed_nec(chosen, True)
    assert not guessed_nec(chosen, False)  # a word is left for the NEC line to classify
    assert not guessed_nec(sent, True)
