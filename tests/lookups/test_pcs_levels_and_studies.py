"""Three readings of an op note's words in the PCS tables: a level said beside a joint ("above knee") names the
limb segment (pcs_levels); a specimen sent for study ("CSF for cell count") says the Diagnostic qualifier
(pcs_diagnostic); an incision named by its site ("via laparotomy") is the Open approach, and "via" alone is no
Via Natural or Artificial Opening (completion)."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import complete_pcs, said_approaches
from bot.lookups.index.pcs_diagnostic import diagnostic_words
from bot.lookups.index.pcs_levels import SEGMENTS, level_words
from bot.lookups.index.words import content_stems, stem
from bot.lookups.search import find_codes


def told(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


def test_a_level_beside_a_joint_reads_as_the_segment() -> None:
    assert level_words(told("above knee")) == told("upper leg")
    assert level_words(told("below elbow")) == told("lower arm")
    assert level_words(told("knee disarticulation")) == told("knee disarticulation")
    assert level_words(told("above and below knee")) == told("above and below knee")


def _tables_with_parts(codebook: CodeBook, *parts: str) -> list[str]:
    """The PCS tables whose body part axis names every one of `parts` (with a side or without)."""
    rows = codebook.db.conn.execute("SELECT tbl, meaning FROM pcs_axes WHERE position = 4").fetchall()
    named: dict[str, set[str]] = {}
    for table, meaning in rows:
        named.setdefault(str(table), set()).add(str(meaning).lower())
    return sorted(t for t, m in named.items() if all(any(p in x for x in m) for p in parts))


def test_every_table_with_limb_segments_reads_the_level(codebook: CodeBook) -> None:
    # Generated: in every table naming a joint's segments, "<side> above/below <joint>" picks the segment.
    checked = 0
    wrong = []
    for joint, (upper, lower) in SEGMENTS.items():
        for table in _tables_with_parts(codebook, upper, lower):
            for level, segment in (("above", upper), ("below", lower)):
                done = complete_pcs(codebook.db.conn, table, told(f"left {level} {joint}"))
                checked += 1
                part = done.title.lower() if done else ""
                if segment not in part or "left" not in part:
                    wrong.append((table, level, joint, done.code if done else None))
    assert checked >= 20
    assert not wrong, wrong


def test_an_amputation_above_the_knee_is_the_upper_leg(codebook: CodeBook) -> None:
    assert _first(codebook, "left above knee amputation").startswith("0Y6D0Z")
    assert _first(codebook, "left below elbow amputation").startswith("0X6F0Z")
    assert _first(codebook, "left knee disarticulation") == "0Y6G0ZZ"
    assert _first(codebook, "s/p BKA right").startswith("Z89.51")


def test_a_study_of_the_specimen_says_diagnostic() -> None:
    assert stem("diagnostic") in diagnostic_words(told("fluid sent for culture"))
    assert diagnostic_words(told("therapeutic tap")) == told("therapeutic tap")


def test_every_drainage_table_reads_a_study_as_diagnostic(codebook: CodeBook) -> None:
    # Generated: every Drainage table (root operation 9) whose qualifier offers Diagnostic takes it for a
    # specimen sent for study, and No Qualifier without one.
    tables = [
        str(t)
        for (t,) in codebook.db.conn.execute(
            "SELECT DISTINCT tbl FROM pcs_axes WHERE position = 7 AND meaning = 'Diagnostic' AND tbl LIKE '0_9'"
        )
    ]
    assert len(tables) >= 20
    wrong = []
    for table in tables:
        studied = complete_pcs(codebook.db.conn, table, told("fluid sent for cytology and culture"))
        plain = complete_pcs(codebook.db.conn, table, told("fluid drained"))
        if studied is None or studied.code[6] != "X" or plain is None or plain.code[6] == "X":
            wrong.append((table, studied.code if studied else None, plain.code if plain else None))
    assert not wrong, wrong


def test_a_tap_with_fluid_for_study_is_diagnostic(codebook: CodeBook) -> None:
    assert _first(codebook, "left thoracentesis, fluid sent for cytology") == "0W9B3ZX"
    assert _first(codebook, "spinal tap with CSF for culture") == "009U3ZX"


def test_an_incision_named_by_its_site_is_open() -> None:
    assert said_approaches(told("via laparotomy")) == {"0"}
    assert said_approaches(told("through a thoracotomy")) == {"0"}


def test_via_an_incision_is_no_natural_opening(codebook: CodeBook) -> None:
    # Generated: every table offering both Open and Via Natural or Artificial Opening takes Open for
    # "via laparotomy" / "via sternotomy".
    rows = codebook.db.conn.execute(
        "SELECT tbl FROM pcs_axes WHERE position = 5 AND char IN ('0', '7') AND tbl LIKE '0%'"
        " GROUP BY tbl HAVING COUNT(DISTINCT char) = 2"
    ).fetchall()
    assert len(rows) >= 50
    wrong = []
    for (table,) in rows:
        done = complete_pcs(codebook.db.conn, str(table), told("via laparotomy"))
        if done is None or done.code[4] != "0":
            wrong.append((table, done.code if done else None))
    assert not wrong, wrong


def test_an_organ_removed_via_laparotomy_is_open(codebook: CodeBook) -> None:
    assert _first(codebook, "cholecystectomy via laparotomy") == "0FT40ZZ"
    assert _first(codebook, "sigmoid colectomy through laparotomy").startswith("0DTN0")


def test_a_site_said_beats_the_organ_a_procedure_word_implies(codebook: CodeBook) -> None:
    # "colectomy" implies the large intestine; "sigmoid" said names the part removed.
    assert _first(codebook, "sigmoid colectomy, open") == "0DTN0ZZ"
    assert _first(codebook, "colectomy, open").startswith("0DTE0")
    done = complete_pcs(
        codebook.db.conn,
        "0DT",
        told("sigmoid colectomy large intestine colon"),
        derived=told("large intestine colon"),
    )
    assert done is not None and done.code.startswith("0DTN")
