"""A PCS Index main term that sends on only by its subterms, each to a root operation, read as those operations.

Some main terms of the ICD-10-PCS Index name a surgical act and leave the root operation to the subterm that
says what the act did: "Suture - Laceration repair - see Repair; Ligation - see Occlusion", "Evacuation -
Hematoma - see Extirpation; Other Fluid - see Drainage", "Photocoagulation - For Destruction - see Destruction;
For Repair - see Repair". A surgeon writes the act and the body part ("sutured the torn right quadriceps",
"suturing the right upper eyelid"), rarely the subterm's words; a coder turns to each root operation the
subterms send to and keeps the one whose table holds the body part said (no Occlusion of a muscle). So the
query's word for such a main term ("suture", "sutured", "suturing": its stem) is given each of those root
operations' names as alternatives, as bot.lookups.index.pcs_operations gives "aspiration" Drainage.

Read from the Index's own lines: a one-word main term with no reference or code of its own, whose every
subterm holds one or more "see" references and nothing else, each reference a Medical and Surgical root
operation by name (its first word, the name a section-0 table's title begins with: "Control bleeding in" is
Control, "Revision of device in" is Revision) and no table. A main term that is itself a root operation's name
("Revision") is read as that operation already.
"""

from __future__ import annotations

import sqlite3

from bot.lookups import data_version
from bot.lookups.index.pcs_devices import root_operation_words
from bot.lookups.index.store import BOOKS, SPAN
from bot.lookups.index.words import stem

ACT_CHAPTERS = frozenset("TZ")  # an act's complications (T80-T88) and encounters for it (Z)
DEFAULT_KINDS = ("non-", "non ", "other")  # a subterm standing for what the others are not
SubtermRoots = dict[str, tuple[str, ...]]  # a main term's stem -> the root operations' names, lower case

_BUILT: dict[str, Candidates] = {}  # the data stamp -> its readings (read once: a few ms)
# the data stamp -> word -> whether the CM Index codes it a condition (asked only of words a query says)
_CONDITIONS: dict[str, dict[str, bool]] = {}


def _operation_names(conn: sqlite3.Connection) -> frozenset[str]:
    """The stems of the Medical and Surgical root operations' names ("repair", "occlus", "control"): the first
    word of the first title of each section-0 table (bot.lookups.index.pcs_devices reads them so)."""
    return frozenset(root_operation_words(conn))


def build_subterm_roots(conn: sqlite3.Connection) -> SubtermRoots:
    """Each one-word PCS Index main term that sends on only by subterms naming root operations, by its stem."""
    return {
        key: operations
        for key, (word, operations) in _candidates(conn).items()
        if not _names_a_condition(conn, word)
    }


Candidates = dict[str, tuple[str, tuple[str, ...]]]  # a main term's stem -> (the term, its root operations)


def _candidates(conn: sqlite3.Connection) -> Candidates:
    """The main terms `build_subterm_roots` reads, before the diagnosis Index is asked whether the word codes a
    condition there (that costs a walk of the CM Index per word: asked only of a word a query says)."""
    names = _operation_names(conn)
    low = (BOOKS.index("pcs") + 1) * SPAN  # the PCS Index's node ids (store.global_id)
    mains = conn.execute(
        "SELECT id, term FROM index_nodes WHERE parent = 0 AND id > ? AND id < ? AND code = '' "
        "AND NOT EXISTS (SELECT 1 FROM index_refs r WHERE r.node = index_nodes.id)",
        [low, low + SPAN],
    ).fetchall()
    out: Candidates = {}
    for node, term in mains:
        word = str(term).lower()
        if not word.isalpha() or stem(word) in names:
            continue
        kinds = [
            str(t).lower() for (t,) in conn.execute("SELECT term FROM index_nodes WHERE parent = ?", [node])
        ]
        if any(k.startswith(DEFAULT_KINDS) for k in kinds):
            # "Debridement - Excisional; Non-excisional": a kind and its default, which the query's words
            # choose (an unsaid kind is the default, not every operation)
            continue
        children = [int(c) for (c,) in conn.execute("SELECT id FROM index_nodes WHERE parent = ?", [node])]
        if not children:
            continue
        operations: list[str] = []
        for child in children:
            if conn.execute(
                "SELECT 1 FROM index_nodes WHERE parent = ? OR (id = ? AND code != '')", [child, child]
            ).fetchone():
                operations = []
                break
            refs = conn.execute("SELECT kind, reference FROM index_refs WHERE node = ?", [child]).fetchall()
            named = [
                str(ref).split()[0].lower() for kind, ref in refs if kind == "see" and "=" not in str(ref)
            ]
            if not refs or len(named) != len(refs) or not all(stem(n) in names for n in named):
                operations = []
                break
            operations += [n for n in named if n not in operations]
        if operations:
            out[stem(word)] = (word, tuple(operations))
    return out


def _names_a_condition(conn: sqlite3.Connection, word: str) -> bool:
    """Whether a diagnosis Index's main term of the word codes a condition ("Rupture, ruptured" - ACL rupture),
    not only an act's complication or encounter ("Suture - burst T81.31, removal Z48.02": chapter 19's
    complications and chapter 21's encounters): such a word in a query is the condition, no root operation."""
    low = (BOOKS.index("pcs") + 1) * SPAN
    rows = conn.execute(
        "WITH RECURSIVE sub(id) AS (SELECT id FROM index_nodes WHERE parent = 0 AND id < ? AND "
        "(lower(term) = ? OR lower(term) LIKE ?) UNION ALL SELECT n.id FROM index_nodes n JOIN sub ON n.parent = sub.id) "
        "SELECT DISTINCT substr(n.code, 1, 1) FROM index_nodes n JOIN sub ON n.id = sub.id WHERE n.code != ''",
        [low, word, f"{word},%"],
    ).fetchall()
    return any(str(letter) not in ACT_CHAPTERS for (letter,) in rows)


def _subterm_roots(conn: sqlite3.Connection, memo: dict[object, object]) -> Candidates:
    return data_version.kept(conn, memo, ("pcs subterm roots",), _BUILT, lambda: _candidates(conn))


def _codes_a_condition(conn: sqlite3.Connection, memo: dict[object, object], word: str) -> bool:
    """`_names_a_condition`, asked once per word and data stamp (only of words a query says)."""
    asked = data_version.kept(conn, memo, ("pcs subterm conditions",), _CONDITIONS, dict[str, bool])
    if word not in asked:
        asked[word] = _names_a_condition(conn, word)
    return asked[word]


def subterm_operation_readings(
    conn: sqlite3.Connection, words: list[str], memo: dict[object, object], operations: frozenset[str]
) -> dict[str, list[str]]:
    """The query's words for such a main term with its subterms' root operations ("sutured" -> repair,
    occlusion); nothing when the query names a root operation itself ("suture removal": the Index's own
    "Suture Removal" line; `operations`: the root operations' names, lower case)."""
    if any(w.lower() in operations for w in words):
        return {}
    readings = _subterm_roots(conn, memo)
    out: dict[str, list[str]] = {}
    for word in words:
        found = readings.get(stem(word))
        if found and not _codes_a_condition(conn, memo, found[0]):
            out[word] = list(found[1])
    return out


def subterm_note(readings: dict[str, list[str]]) -> str:
    """The reading said in a PCS answer's reason (" (read: sutured -> Repair | Occlusion)")."""
    told = [f"{w} -> {' | '.join(o.capitalize() for o in ops)}" for w, ops in readings.items()]
    return f" (read: {'; '.join(told)})"
