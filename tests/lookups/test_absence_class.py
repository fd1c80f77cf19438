"""A part taken out that the Index's Absence lists only as born missing ("Absence, appendix, congenital" Q42.8)
reads the acquired Absence line of the larger part the Tabular files it under ("... other parts of large
intestine": Absence, intestine, large, Z90.49; guideline I.C.21.c.3), and a past operation that took a part
out, told as a history, is the status it left (bot.lookups.index.absence_class, past_states). The queries are
made up, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.absence_class import Absences, acquired_absence
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    "query",
    [
        "s/p appendectomy in 2019",  # the part an -ectomy names: appendix -> Absence, intestine, large
        "her appendix was taken out",  # Absence, appendix has only its congenital line
        "history of a colectomy",  # Status, colectomy Z90.49: a past operation is a status, no history
    ],
)
def test_a_part_taken_out_reads_the_acquired_absence(codebook: CodeBook, query: str) -> None:
    hits = find_codes(codebook, query, systems=["cm"], limit=1)
    assert hits and hits[0].code == "Z90.49"


def test_the_acquired_line_of_a_part_or_of_its_kind(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    absences = Absences.build(conn)
    read = acquired_absence(conn, absences, "appendix")
    assert read is not None and read[0].code == "Z90.49" and "large intestine" in read[1]
    own = acquired_absence(conn, absences, "kidney")
    assert own is not None and own[0].code == "Z90.5" and own[1] == ""  # (its own line)
    # (the Index lists the thyroid's own line, E89.0 Postprocedural hypothyroidism: no kind is read)
    assert acquired_absence(conn, absences, "thyroid") is None
