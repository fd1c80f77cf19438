"""A Bypass's qualifier is the other end of the route the query names after the preposition the table's titles
put before it (pcs_anastomosis.said_route_end; PCS root operation Bypass, "altering the route of passage of
the contents of a tubular body part": the body part is where the route begins, the qualifier where it goes,
or for the coronary arteries where the graft comes from)."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_anastomosis import said_route_end
from bot.lookups.search import find_codes


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


def test_the_route_end_is_read_after_the_titles_preposition(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    # "Bypass Descending Colon to Rectum": 0D1 titles put "to" before the qualifier
    assert (
        said_route_end(conn, "0D1M", ["anastomosis", "descending", "colon", "to", "rectum"], {}) == "Rectum"
    )
    # "Bypass Coronary Artery, One Artery from Aorta": 021 titles put "from"
    assert said_route_end(conn, "021", ["grafts", "from", "aorta"], {}) == "Aorta"
    assert said_route_end(conn, "021", ["grafts", "to", "aorta"], {}) == ""
    # no Bypass table
    assert said_route_end(conn, "0DT", ["resection", "to", "rectum"], {}) == ""


def test_an_anastomosis_ends_where_the_query_says(codebook: CodeBook) -> None:
    # "Anastomosis - see Bypass": Bypass Transverse Colon to Sigmoid Colon, not to the Transverse Colon
    assert _first(codebook, "open anastomosis of transverse colon to sigmoid colon") == "0D1L0ZN"
    # the three coronary arteries grafted with saphenous vein from the aorta: qualifier W Aorta
    assert _first(codebook, "CABG x3 with saphenous vein from aorta") == "021209W"
