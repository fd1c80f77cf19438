"""A process's first lookup does only the work it needs, and what it reads gives what the slower reading gave
(issue #10, round 41: the first query in a fresh process at the 100 ms target's edge).

- The Activity lines' WordNet kinds (`ActivityKinds._kinds`) are worked out when a phrase is first climbed to
  its kind, not when the first phrase is looked up by its own name: the reader answers the same either way.
- The root operations' names (`pcs_devices.root_operation_words`) read each operation's first table by the
  key's range, the tables the LIKE scan grouped.
"""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.activity_kinds import ActivityKinds
from bot.lookups.index.pcs_devices import root_operation_words
from bot.lookups.index.words import stem
from bot.lookups.wordnet import reader

# Phrases of every reading: named by a line itself, by a gerund's verb, by a kind, by the thing a gerund is
# done to, and none (made up for these tests; none is in a benchmark set).
PHRASES = [
    "sparring at karate class",
    "injured on a trampoline",
    "playing the banjo",
    "playing the oboe",
    "platform tennis match",
    "stitching a hem",
    "walking the neighbor's beagle",
    "hoovering the carpets",
    "barbecuing ribs in the yard",
    "umpiring a little league game",
    "rope course injury",
    "cellulitis of left leg",
    "chest pain at rest",
]


def _reader(codebook: CodeBook) -> ActivityKinds:
    return ActivityKinds(reader(codebook.db.conn), codebook.db.execute)


def test_a_line_named_itself_needs_no_kinds(codebook: CodeBook) -> None:
    kinds = _reader(codebook)
    found = kinds.read("sparring at karate class")
    assert found is not None and found.code == "Y93.75"
    assert not kinds._kinned  # the climb over every line's senses waits for a phrase that needs it
    assert kinds.read("cellulitis of left leg") is None
    assert not kinds._kinned


def test_the_kinds_worked_out_first_or_when_needed_read_alike(codebook: CodeBook) -> None:
    lazy, eager = _reader(codebook), _reader(codebook)
    eager._kinds()
    for phrase in PHRASES:
        for lenient in (False, True):
            assert lazy.read(phrase, lenient) == eager.read(phrase, lenient), phrase
    assert lazy._kinned  # ("playing the oboe": a wind instrument, read by its kind)
    assert lazy._kin == eager._kin and lazy._done == eager._done


def test_the_root_operations_are_the_first_tables_of_each(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    words: set[str] = set()
    tables = conn.execute("SELECT min(tbl) FROM pcs_axes WHERE tbl LIKE '0%' GROUP BY substr(tbl, 3, 1)")
    for (table,) in tables.fetchall():
        row = conn.execute(
            "SELECT code, title FROM codes WHERE system = 'pcs' AND code > ? ORDER BY code LIMIT 1", [table]
        ).fetchone()
        if row is not None and str(row[0]).startswith(table) and str(row[1]).split():
            words.add(stem(str(row[1]).split(" of ")[0].split()[0]))
    assert root_operation_words(conn) == words
    assert {"insertion", "replacement", "excision", "drainag"} <= words
