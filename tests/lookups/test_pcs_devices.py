"""PCS devices and body parts read as a coder reads them: a Device Key "use" line only for the name it
gives, a stent in a body part whose Insertion table has no Intraluminal Device coded to Dilation (a check
generated over every Insertion table), and a body part's adjective read as the body part."""

from __future__ import annotations

import sqlite3

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import Completion
from bot.lookups.index.pcs_dilation import dilation_for_device
from bot.lookups.index.pcs_keys import key_name, names_key
from bot.lookups.index.vocabulary import Vocabulary
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes


def test_a_key_line_is_named_by_its_main_term_parentheses_aside() -> None:
    assert key_name("Assurant (Cobalt) stent") == {"assurant", "stent"}
    assert key_name("Stent, intraluminal (cardiovascular)(gastrointestinal)") == {"stent"}
    assert names_key("Stent, intraluminal (cardiovascular)", {"stent", "ureter"})
    assert not names_key("Assurant (Cobalt) stent", {"stent", "esophag"})


def test_a_device_brand_is_not_read_from_one_shared_word(codebook: CodeBook) -> None:
    # "Assurant (Cobalt) stent - use Intraluminal Device" once answered any "... stent" query.
    hits = find_codes(codebook, "biliary stent placement", limit=5)
    assert not any("Assurant" in h.why for h in hits)


def _insertion_parts(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """Every Insertion body part (table, character, meaning) of the Medical and Surgical section with no
        Intraluminal Device whose body system's Dilation table has one for a body part of that name (Nasopharynx:
    Insertion has none, and Dilation of Nasopharynx takes no device either)."""
    out = []
    for table, char, meaning in conn.execute(
        "SELECT tbl, char, meaning FROM pcs_axes WHERE tbl LIKE '0_H' AND position = 4 ORDER BY tbl, char"
    ):
        inserts = conn.execute(
            "SELECT 1 FROM codes WHERE system = 'pcs' AND current = 1 AND code LIKE ? "
            "AND title LIKE 'Insertion of Intraluminal Device %' LIMIT 1",
            [f"{table}{char}%"],
        ).fetchone()
        if inserts:
            continue
        part = content_stems(meaning)
        dilated = conn.execute(
            "SELECT a.meaning FROM pcs_axes a WHERE a.tbl = ? AND a.position = 4 AND EXISTS (SELECT 1 FROM "
            "codes c WHERE c.system = 'pcs' AND c.current = 1 AND c.code LIKE a.tbl || a.char || '_D%')",
            [table[:2] + "7"],
        ).fetchall()
        if any(part <= content_stems(str(m)) for (m,) in dilated):
            out.append((str(table), str(char), str(meaning)))
    return out


def test_generated_every_stent_without_an_insertion_value_goes_to_dilation(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    parts = _insertion_parts(conn)
    assert len(parts) >= 10
    right = 0
    for table, char, meaning in parts:
        code = conn.execute(
            "SELECT code, title FROM codes WHERE system = 'pcs' AND current = 1 AND code LIKE ? LIMIT 1",
            [f"{table}{char}%"],
        ).fetchone()
        if code is None:
            continue
        done = dilation_for_device(
            conn,
            Completion(str(code[0]), str(code[1]), True, ""),
            frozenset({"stent"}) | content_stems(meaning),
        )
        named = conn.execute(
            "SELECT meaning FROM pcs_axes WHERE tbl = ? AND position = 4 AND char = ?",
            [table[:2] + "7", done.code[3] if done else ""],
        ).fetchone()
        if done and done.code[:3] == table[:2] + "7" and done.code[5] == "D" and named:
            right += content_stems(meaning) <= content_stems(str(named[0]))
    assert right == len(parts), (right, len(parts))


def test_no_stent_named_leaves_the_insertion_code(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    done = Completion("0TH98MZ", "Insertion of Stimulator Lead into Ureter", True, "")
    assert dilation_for_device(conn, done, frozenset({"ureter", "stimul", "lead"})) is None
    # An Insertion table holding the Intraluminal Device keeps it (Esophagus: 0DH5.DZ).
    esophagus = Completion("0DH58YZ", "Insertion of Other Device into Esophagus", True, "")
    assert dilation_for_device(conn, esophagus, frozenset({"esophag", "stent"})) is None


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("ureteroscopy with placement of stent in left ureter", "0T778DZ"),
        ("cystoscopic left ureteral stent insertion", "0T778DZ"),
    ],
)
def test_a_ureteral_stent_is_a_dilation(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.why) for h in hits]


@pytest.mark.parametrize(
    ("word", "part"),
    [("ureteral", "ureter"), ("gastric", "stomach"), ("hepatic", "liver"), ("esophageal", "esophagus")],
)
def test_a_body_part_adjective_reads_as_the_body_part(word: str, part: str) -> None:
    assert part in Vocabulary.shipped().body_part(word)


def test_a_word_that_is_no_adjective_of_a_root_names_no_body_part() -> None:
    assert Vocabulary.shipped().body_part("stent") == []
    assert Vocabulary.shipped().body_part("spiral") == []


def test_an_adjective_alone_names_no_procedure(codebook: CodeBook) -> None:
    # "ESRD" -> "end stage renal disease": "renal" is no procedure's body part here (no Resection of Kidney).
    hits = find_codes(codebook, "ESRD", limit=5)
    assert not any(h.system == "ICD-10-PCS" for h in hits), [(h.code, h.why) for h in hits]
