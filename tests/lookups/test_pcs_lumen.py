"""The approach of an operation done inside a lumen when none is said (pcs_lumen): a dilator goes in by the
lumen's own opening where it has one (the table offers Via Natural or Artificial Opening), an ablation in the
heart or a vessel by a catheter through the skin (the approach definitions: Percutaneous is "entry, by puncture
or minor incision, of instrumentation through the skin"; Via Natural or Artificial Opening "entry of
instrumentation through a natural or artificial external opening")."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_lumen import ablated_by_catheter, ablated_by_probe, by_own_opening
from bot.lookups.search import find_codes


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


def test_the_tables_read() -> None:
    assert by_own_opening("097", frozenset("03478"))  # Dilation of the ear, nose and sinus: it has an opening
    assert not by_own_opening("047", frozenset("034"))  # a lower artery: entered by a puncture
    assert not by_own_opening("0DB", frozenset("03478X"))  # an Excision is no dilation
    assert ablated_by_catheter("065") and ablated_by_catheter("025")
    assert not ablated_by_catheter("0F5") and not ablated_by_catheter("075")
    ablation = frozenset({"radiofrequ", "ablat"})
    assert ablated_by_probe("0F5", frozenset("03478"), ablation)  # the liver: a probe through the skin
    assert not ablated_by_probe("0H5", frozenset("X"), ablation)  # the skin: on the surface
    assert not ablated_by_probe("0F5", frozenset("03478"), frozenset({"destruct"}))  # no ablation said


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # the balloon goes up the eustachian tube from the nasopharynx: Via Natural or Artificial Opening
        ("balloon dilation of left eustachian tube", "097G7ZZ"),
        ("esophageal dilation", "0D757ZZ"),
        # a scope said is the Endoscopic opening, "open" the Open approach, as before
        ("balloon dilation left eustachian tube, transnasal endoscope", "097G8ZZ"),
        ("open dilation of left eustachian tube", "097G0ZZ"),
        # an endovenous ablation: a catheter in the vein (Percutaneous), "open" said is Open
        ("radiofrequency ablation left great saphenous vein", "065Q3ZZ"),
        ("open destruction of left saphenous vein", "065Q0ZZ"),
        # a dilation of a vessel stays Percutaneous (pcs_angioplasty)
        ("dilation right vertebral vein", "057R3ZZ"),
        # an ablation of a part beneath the surface: a probe through the skin ("Radiofrequency Ablation - see
        # Destruction"); on the skin the External approach stands; "open" said is Open
        ("radiofrequency ablation of right kidney tumor", "0T503ZZ"),
        ("microwave ablation of liver", "0F503ZZ"),
        ("open radiofrequency ablation of liver", "0F500ZZ"),
        ("laser ablation of skin lesion back", "0H56XZZ"),
        ("endometrial ablation", "0U5B7ZZ"),  # through the vagina (pcs_natural)
    ],
)
def test_the_way_into_the_lumen(codebook: CodeBook, query: str, code: str) -> None:
    assert _first(codebook, query) == code
