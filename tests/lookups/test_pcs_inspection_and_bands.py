"""An Inspection done to reach a procedure is not coded apart from it (guideline B3.11a, pcs_inspection), and
a band put around a structure is an Extraluminal Device (pcs_devices' common device nouns)."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import complete_pcs
from bot.lookups.index.pcs_devices import device_words
from bot.lookups.index.pcs_inspection import is_inspection, procedure_before_inspection
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes


def told(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def test_a_procedure_goes_before_the_inspection_reaching_it() -> None:
    assert is_inspection("0DJ08ZZ")
    assert not is_inspection("BF10YZZ")
    assert procedure_before_inspection("0DJ08ZZ", "06L38CZ")
    assert not procedure_before_inspection("06L38CZ", "0DJ08ZZ")
    assert not procedure_before_inspection("0DJ08ZZ", "0BJ08ZZ")  # two inspections
    assert not procedure_before_inspection("0DJ08ZZ", "K76.6")  # a diagnosis


def test_a_band_is_an_extraluminal_device(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    assert told("extraluminal device") <= device_words(conn, told("rubber band ligation"), {})
    done = complete_pcs(conn, "06L3", told("band ligation esophageal varices endoscopic"))
    assert done is not None and done.code[5] == "C"
    done = complete_pcs(conn, "0DV6", told("laparoscopic adjustable gastric band"))
    assert done is not None and done.code == "0DV64CZ"


def test_varices_banded_through_a_scope_are_the_occlusion(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "EGD with band ligation of esophageal varices")
    assert hits[0].code == "06L38CZ"
    assert "0DJ08ZZ" in [h.code for h in hits[:3]]  # the inspection beside it


def test_a_vena_cava_filter_is_an_intraluminal_device_put_in_through_the_skin(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    assert told("intraluminal device") <= device_words(conn, told("ivc filter"), {})
    # A device put in a vessel with no approach said: through the skin (endovascular).
    done = complete_pcs(conn, "06H0", told("inferior vena cava filter placement"))
    assert done is not None and done.code == "06H03DZ"
    done = complete_pcs(conn, "06H0", told("open inferior vena cava filter placement"))
    assert done is not None and done.code == "06H00DZ"
    assert find_codes(codebook, "IVC filter placement")[0].code == "06H03DZ"
