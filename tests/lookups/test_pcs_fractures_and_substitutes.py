"""A fracture is of a bone (pcs_fractures): its reduction repositions the bone, and the hardware the chart names
the fixation by ("pinning", "intramedullary nailing") reads as the PCS Index's "Fixation, bone, Internal, with
fracture reduction - see Reposition". A substitute put in is a Supplement when the query says it reinforces or
augments the part (or patches it), a Replacement when the part is reconstructed with it (pcs_substitutes)."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import Completion
from bot.lookups.index.pcs_fractures import fixation_words, fractured_bone_words, hardware_nouns, not_the_bone
from bot.lookups.index.pcs_substitutes import substitute_by_definition
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes


def told(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def _words(text: str) -> list[str]:
    return text.split()


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


def test_a_fracture_is_read_as_its_bone_unless_the_bone_is_said() -> None:
    assert fractured_bone_words(["closed", "reduction", "nasal", "fracture"]) == {"fracture": ["bone"]}
    assert fractured_bone_words(["reduction", "nasal", "bone", "fracture"]) == {}
    # guideline B3.15: the fracture's reduction is the Reposition of the bone, a joint only beside a dislocation
    assert not_the_bone("09SL0ZZ", told("closed reduction of nasal fracture"))
    assert not not_the_bone("0NSBXZZ", told("closed reduction of nasal fracture"))
    assert not not_the_bone("09SL0ZZ", told("reposition of nasal turbinate"))
    assert not not_the_bone("0RSJ0ZZ", told("fracture dislocation right shoulder reduced"))


def test_the_device_keys_fixation_nouns_name_the_fixation_beside_a_fracture(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    # "Kuntscher nail - use Internal Fixation Device, Intramedullary", "Neutralization plate - use Internal
    # Fixation Device", "External fixator - use External Fixation Device"
    nouns = hardware_nouns(conn, {})
    assert nouns["nail"] == "internal" and nouns["plat"] == "internal" and nouns["fixator"] == "external"
    assert fixation_words(conn, _words("percutaneous pinning right distal radius fracture"), {}) == {
        "pinning": ["fixation", "internal"]
    }
    assert fixation_words(conn, _words("intramedullary nailing right femoral shaft fracture"), {}) == {
        "nailing": ["fixation", "internal"]
    }
    assert fixation_words(conn, _words("ingrown toenail right big toe"), {}) == {}  # no fracture
    # (the fixation said in the Index's words already: "ORIF", read as open reduction internal fixation)
    assert (
        fixation_words(conn, _words("open reduction internal fixation radius fracture with plate"), {}) == {}
    )


def test_a_fracture_reduced_or_fixed_is_the_repositioned_bone(codebook: CodeBook) -> None:
    # PCS Index "Reduction, Fracture - see Reposition": the Nasal Bone, not the turbinate; the Zygomatic Bone,
    # not the aortic arch
    assert _first(codebook, "closed reduction of nasal fracture") == "0NSBXZZ"
    assert _first(codebook, "ORIF left zygomatic arch fracture") == "0NSN04Z"
    # "Fixation, bone, Internal, with fracture reduction - see Reposition": the hardware names the fixation
    assert _first(codebook, "percutaneous pinning right distal radius fracture") == "0PSH34Z"
    assert _first(codebook, "intramedullary nailing right femoral shaft fracture open") == "0QS806Z"
    # (the bone said keeps the Reduction line's Open approach, no device)
    assert _first(codebook, "open reduction of nasal bone fracture") == "0NSB0ZZ"


def test_a_substitute_that_augments_is_a_supplement_one_that_rebuilds_a_replacement(
    codebook: CodeBook,
) -> None:
    conn = codebook.db.conn
    trachea = Completion("0BR147Z", "Replacement of Trachea with Autologous Tissue Substitute, ...", True, "")
    found = substitute_by_definition(conn, trachea, told("trachea augmented with autograft endoscopic"), {})
    assert found is not None and found.code.startswith("0BU1")
    assert substitute_by_definition(conn, trachea, told("trachea replaced with autograft"), {}) is None
    knee = Completion(
        "0MUP47Z", "Supplement Left Knee Bursa and Ligament with Autologous Tissue ...", True, ""
    )
    found = substitute_by_definition(
        conn, knee, told("arthroscopic ACL reconstruction left knee autograft"), {}
    )
    assert found is not None and found.code == "0MRP47Z"
    # a scrotum has no Replacement table: its reconstruction stays a Supplement
    scrotum = Completion(
        "0VU507Z", "Supplement Scrotum with Autologous Tissue Substitute, Open Approach", True, ""
    )
    assert (
        substitute_by_definition(conn, scrotum, told("scrotal reconstruction with dermal graft"), {}) is None
    )


def test_the_root_operation_follows_what_the_substitute_does(codebook: CodeBook) -> None:
    # Replacement "takes the place of ... a body part"; Supplement "reinforces and/or augments"
    assert _first(codebook, "arthroscopic ACL reconstruction left knee, hamstring autograft") == "0MRP47Z"
    assert _first(codebook, "right ossicular chain reconstruction with titanium prosthesis") == "09R90JZ"
    assert _first(codebook, "trachea augmented with autograft, endoscopic").startswith("0BU1")
    assert _first(codebook, "lap cystic duct patch with bovine graft").startswith("0FU84")


def test_the_body_part_a_procedure_word_names_is_said_by_its_title(codebook: CodeBook) -> None:
    # "Tonsillectomy - see Resection, Mouth and Throat": the table's Tonsils are what the word names, said as
    # the path's own "Adenoids" is for "Adenoidectomy - see Resection, Adenoids"; the procedure told first leads
    assert _first(codebook, "tonsillectomy and adenoidectomy in child") == "0CTPXZZ"
    assert _first(codebook, "T&A") == "0CTPXZZ"
    assert _first(codebook, "adenoidectomy without tonsillectomy") == "0CTQXZZ"
    # "Septoplasty - see Repair, Ear, Nose, Sinus": the nasal septum, not the heart's
    assert _first(codebook, "open septoplasty") == "09QM0ZZ"
