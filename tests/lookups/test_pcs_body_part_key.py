"""A body part named otherwise than the PCS tables name it is read through the Body Part Key
(pcs_body_part_key): "Achilles tendon - use Lower Leg Tendon", "Gastrocnemius muscle - use Lower Leg Muscle";
a Device Key line names no body part."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_body_part_key import body_part_key_words, key_note
from bot.lookups.search import find_codes


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


def test_a_key_name_said_whole_reads_as_its_body_part(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    read = body_part_key_words(conn, ["repair", "left", "achilles", "tendon"], {})
    assert read == {"achilles": ["lower", "leg", "tendon"]}
    assert body_part_key_words(conn, ["achilles", "reflex"], {}) == {}  # the name not said whole
    # "Loop recorder, implantable - use Monitoring Device": a device, no body part.
    assert body_part_key_words(conn, ["loop", "recorder"], {}) == {}
    assert "achilles" in key_note(read, "Repair Left Lower Leg Tendon, Open Approach")
    assert key_note(read, "Repair Left Lower Leg, Open Approach") == ""


def test_procedures_on_parts_named_by_the_key(codebook: CodeBook) -> None:
    assert _first(codebook, "open repair of ruptured left Achilles tendon") == "0LQP0ZZ"
    assert _first(codebook, "repair of right patellar tendon, open") == "0LQQ0ZZ"
    assert _first(codebook, "excision of left gastrocnemius muscle open") == "0KBT0ZZ"


def test_a_finding_an_imaging_study_showed_reads_no_key(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    assert (
        body_part_key_words(conn, ["anterior", "cruciate", "ligament", "rupture", "magnetic", "imaging"], {})
        == {}
    )
    assert _first(codebook, "R knee ACL rupture on MRI, skiing") == "S83.511A"


def test_a_key_line_with_a_portion_needs_its_portion_said(codebook: CodeBook) -> None:
    # "Vertebral artery, intracranial portion - use Intracranial Artery": a vertebral artery is its own value.
    assert body_part_key_words(codebook.db.conn, ["repair", "left", "vertebral", "artery"], {}) == {}
    assert _first(codebook, "plain radiography left vertebral artery").startswith("B30F")


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("ORIF right hamate fracture", "0PSM04Z"),  # "Hamate bone - use Carpal"
        ("closed reduction right coracoid fracture", "0PS5XZZ"),  # "Coracoid process - use Scapula"
        ("excision of left olecranon bursa", "0MB40ZZ"),  # the bursa's own line, said whole, is kept
    ],
)
def test_a_landmark_said_without_its_head_noun(codebook: CodeBook, query: str, code: str) -> None:
    assert _first(codebook, query) == code


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # "Achilles tendon - use Lower Leg Tendon, Right / Left": the repair is of the tendon, not of a right atrium.
        ("open repair of ruptured right achilles", "0LQN0ZZ"),
        # "Psoas muscle - use Hip Muscle, Right / Left": the abscess drained is in the muscle.
        ("open drainage of a left psoas abscess", "0K9P0ZZ"),
    ],
)
def test_a_muscle_or_tendon_operated_on_said_without_its_head_noun(
    codebook: CodeBook, query: str, code: str
) -> None:
    assert body_part_key_words(codebook.db.conn, ["psoas", "abscess"], {}) == {}  # no procedure: no reading
    assert _first(codebook, query) == code


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # "Ilioinguinal nerve - use Lumbar Plexus": "Neurectomy see Excision, Peripheral Nervous System 01B".
        ("right ilioinguinal neurectomy", "01B90ZZ"),
        # "Cubital nerve - use Ulnar Nerve": the tunnel release frees the nerve.
        ("right cubital tunnel release", "01N40ZZ"),
    ],
)
def test_a_nerve_operated_on_said_without_its_head_noun(codebook: CodeBook, query: str, code: str) -> None:
    assert _first(codebook, query) == code
