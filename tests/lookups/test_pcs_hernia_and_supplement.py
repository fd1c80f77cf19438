"""A hernia is repaired at the region it comes through (pcs_hernia: umbilical, ventral, incisional -> Abdominal
Wall; inguinal -> Inguinal Region; hiatal -> Diaphragm), and a repair putting in mesh is a Supplement
(pcs_supplement) unless the mesh is negated."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import Completion
from bot.lookups.index.pcs_hernia import hernia_region_words
from bot.lookups.index.pcs_supplement import supplement_for_substitute
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes


def told(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


def test_a_hernia_site_reads_as_its_region() -> None:
    assert hernia_region_words(["ventral", "hernia", "repair"]) == {"ventral": ["abdominal", "wall"]}
    assert hernia_region_words(["hiatal", "herniorrhaphy"]) == {"hiatal": ["diaphragm"]}
    assert hernia_region_words(["ventral", "septal", "defect"]) == {}  # no hernia named


def test_a_repair_with_mesh_is_a_supplement(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    wall = Completion("0WQF4ZZ", "Repair Abdominal Wall, Percutaneous Endoscopic Approach", True, "")
    found = supplement_for_substitute(conn, wall, told("laparoscopic incisional hernia repair with mesh"), {})
    assert found is not None and found.code == "0WUF4JZ"
    assert supplement_for_substitute(conn, wall, told("hernia repair without mesh"), {}) is None
    assert supplement_for_substitute(conn, wall, told("laparoscopic hernia repair"), {}) is None


def test_hernia_repairs(codebook: CodeBook) -> None:
    assert _first(codebook, "open umbilical herniorrhaphy without mesh") == "0WQF0ZZ"
    assert _first(codebook, "open ventral hernia repair with mesh") == "0WUF0JZ"
    assert _first(codebook, "laparoscopic hiatal hernia repair without mesh") == "0BQT4ZZ"
    assert _first(codebook, "repair of left inguinal hernia with mesh, open") == "0YU60JZ"
    assert _first(codebook, "right femoral hernia repair") == "0YQ70ZZ"
    assert _first(codebook, "umbilical hernia") == "K42.9"
