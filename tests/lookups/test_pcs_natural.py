"""A procedure on the cervix, the vagina or the lining of the uterus with no approach said is done through the
vagina (pcs_natural): Via Natural or Artificial Opening, unless the query names another approach; a
hysterectomy keeps the table's order."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_natural import natural_opening_first
from bot.lookups.search import find_codes


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


def test_parts_reached_through_the_vagina() -> None:
    assert natural_opening_first("0UBC7ZZ", "Cervix")
    assert natural_opening_first("0U5B7ZZ", "Endometrium")
    assert natural_opening_first("10A07ZZ", "Products of Conception")
    assert not natural_opening_first("0UT97ZZ", "Uterus")  # a hysterectomy: Resection
    assert not natural_opening_first("0UB07ZZ", "Right Ovary")


def test_cervix_and_endometrium_procedures_through_the_vagina(codebook: CodeBook) -> None:
    assert _first(codebook, "LEEP of cervix") == "0UBC7ZZ"
    assert _first(codebook, "endometrial ablation") == "0U5B7ZZ"
    assert _first(codebook, "laparoscopic endometrial ablation") == "0U5B4ZZ"
    assert _first(codebook, "D&E second trimester") == "10A07ZZ"
    assert _first(codebook, "total abdominal hysterectomy") == "0UT90ZZ"
