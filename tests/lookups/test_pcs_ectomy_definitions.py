"""An "-ectomy" the PCS Index sends to both Excision and Resection, read by the root operations' definitions:
Resection is "Cutting out or off, without replacement, all of a body part", Excision "... a portion of a body
part", so it is a Resection only when the Resection table holds the body part the query names
(matching.Matcher._whole_said).
"""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


def test_an_ectomy_is_resection_only_of_a_part_the_resection_table_holds(codebook: CodeBook) -> None:
    # "Pleurectomy - see Excision / see Resection, Respiratory System": the Resection table (0BT) holds no
    # pleura, so the cut is a portion: Excision of the Right Pleura, not Resection of the lung
    assert _first(codebook, "open right pleurectomy") == "0BBN0ZZ"
    # "Craniectomy": the skull is in the Excision table (0NB0) only
    assert _first(codebook, "decompressive craniectomy") == "0NB00ZZ"
    # the whole organ the Resection table holds stays a Resection
    assert _first(codebook, "appendectomy") == "0DTJ0ZZ"
    assert _first(codebook, "right total mastectomy") == "0HTT0ZZ"
    assert _first(codebook, "laparoscopic cholecystectomy") == "0FT44ZZ"
