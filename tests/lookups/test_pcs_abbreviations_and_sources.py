"""Procedure abbreviations and a tap's lay names read as the PCS Index words they stand for (terms.tsv), and an
animal's tissue read as the Nonautologous Tissue Substitute (pcs_grafts: the Device Key's "Xenograft")."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # procedure abbreviations and a tap's lay names (terms.tsv), read as the PCS Index words they stand for
        (
            "lap BTL with filshie clips",
            "0UL74CZ",
        ),  # Occlusion, Fallopian Tubes, Bilateral; clips: Extraluminal
        ("VSG bariatric done lap", "0DB64Z3"),  # Gastrectomy, Vertical (sleeve) - see Excision, Stomach
        ("L pleural tap for diagnostic fluid", "0W9B3ZX"),  # Thoracentesis - see Drainage; Diagnostic said
        ("abdominal tap", "0W9G3ZZ"),  # Paracentesis, Peritoneal Cavity - see Drainage
        (
            "RFA of liver lesion",
            "0F503ZZ",
        ),  # Radiofrequency Ablation - see Destruction; a probe: Percutaneous
    ],
)
def test_procedure_abbreviations(codebook: CodeBook, query: str, code: str) -> None:
    assert _first(codebook, query) == code


def test_an_animal_graft_is_nonautologous() -> None:
    from bot.lookups.index.pcs_grafts import NONAUTOLOGOUS, donor_graft_words
    from bot.lookups.index.words import content_stems

    # "bovine pericardial patch": another species' tissue, the Nonautologous Tissue Substitute
    assert donor_graft_words("0FU", content_stems("patch with bovine graft")) == NONAUTOLOGOUS
    assert donor_graft_words("0FU", content_stems("patch with graft")) == frozenset()
