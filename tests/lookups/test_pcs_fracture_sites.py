"""A fracture named by a region or a lay name is of the bone the ICD-10-CM Index sends the name to
(pcs_fracture_sites), and a Body Part Key line "X of Y" is said by Y's adjective (pcs_body_part_key): a coder
codes the reduction on the bone (guideline B3.15) and reads the bone through the Key."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_body_part_key import body_part_key_words
from bot.lookups.index.pcs_fracture_sites import fracture_site_words
from bot.lookups.search import find_codes


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


def test_the_cm_index_sends_a_fracture_site_to_its_bone(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    # "Fracture, traumatic, hip - see Fracture, femur, neck"; "..., knee cap - see Fracture, patella"
    assert fracture_site_words(conn, ["left", "hip", "fracture"], {}) == {"hip": ["femur", "neck"]}
    assert fracture_site_words(conn, ["knee", "cap", "fracture"], {}) == {
        "knee": ["patella"],
        "cap": ["patella"],
    }
    # no fracture said: "hip replacement" names the joint
    assert fracture_site_words(conn, ["left", "hip", "replacement"], {}) == {}
    # "..., greenstick - see Fracture, by site": a kind of fracture, no bone
    assert "greenstick" not in fracture_site_words(conn, ["greenstick", "fracture", "radius"], {})


def test_a_key_line_x_of_y_is_said_by_ys_adjective(codebook: CodeBook) -> None:
    conn = codebook.db.conn

    def pertains(word: str) -> list[str]:
        return {"femoral": ["femur", "thighbone"]}.get(word, [])

    # "Neck of femur - use Upper Femur": "femoral neck" names the same part
    said = body_part_key_words(conn, ["left", "femoral", "neck"], {}, True, pertains)
    assert said.get("neck") == ["upper", "femur"]
    assert "neck" not in body_part_key_words(conn, ["left", "femoral", "neck"], {}, True)


def test_a_hip_fracture_reduced_is_the_upper_femur(codebook: CodeBook) -> None:
    # "Fracture, hip - see Fracture, femur, neck"; Body Part Key "Neck of femur - use Upper Femur"; PCS Index
    # "Reduction, Fracture - see Reposition": Reposition of the Upper Femur, not the Femoral Shaft
    assert _first(codebook, "open reduction internal fixation left hip fracture with screws") == "0QS704Z"
    assert _first(codebook, "closed reduction right hip fracture") == "0QS6XZZ"
    assert _first(codebook, "ORIF left femoral neck fracture") == "0QS704Z"
    # "..., heel bone - see Fracture, tarsal, calcaneus"; "Calcaneus - use Tarsal"
    assert _first(codebook, "closed reduction heel bone fracture left") == "0QSMXZZ"
