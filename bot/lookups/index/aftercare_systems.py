"""Aftercare after surgery on an organ, told in a user's words -> the Index's "Aftercare, following surgery"
line of the organ's body system.

The Index files surgical aftercare under "Aftercare, following surgery (for) (on)" by body system ("nervous
system" Z48.811, "digestive system" Z48.815, "sense organs" Z48.810, "oral cavity" and "teeth" Z48.814) and by
the organ transplanted ("organ transplant, kidney" Z48.22, "multiple organs NEC" Z48.288). Users name the organ
operated on and the visit in office words: "aftercare after brain surgery", "follow up after oral surgery",
"post-op visit after her colon surgery", "follow-up care after kidney and pancreas transplant" (guideline
I.C.21.c.7: aftercare codes cover the healing or recovery phase after the initial treatment, surgery
included). A coder reads the organ's system:

- a line below "following surgery" that the organ's own words, its synonyms or the broader words of its body
  sense say every word of (WordNet, bot.lookups.wordnet: the mouth is the oral cavity; the eye, the ear and the
  nose are sense organs), or that holds the organ's word ("oral" of "oral cavity");
- else the body system of the chapter or block the Tabular files the organ's diseases in ("Disease, brain"
  G93.9 stands in Diseases of the nervous system; "Disease, bladder" N32.9 in Diseases of the genitourinary
  system): the body-system code whose every title word that title says (`system_code`, read like
  bot.lookups.index.z_by_class);
- an organ transplant: the line of the organ named; two organs named that no one line holds ("kidney and
  pancreas") are the "multiple organs NEC" line.

`read_aftercare` is a cheap test of the sentence; the search (Searcher._aftercare_system_first) asks the Index
for the organ's disease only when the Index's lines do not name the organ.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from bot.lookups.index.words import content_stems
from bot.lookups.wordnet import WordNet

# "aftercare after brain surgery", "follow up visit following oral surgery", "post-op check after his colon
# operation", "follow-up care after kidney and pancreas transplant", "aftercare s/p heart surgery".
_VISIT = (
    r"(?:aftercare|after-care|after\s+care|follow(?:ing)?[- ]?ups?|f/u|post[- ]?op(?:erative)?|"
    r"recovery|healing|recheck|wound\s+check)"
)
_TOLD = re.compile(
    rf"\b{_VISIT}(?:\s+(?:care|visit|check|appointment|appt|exam|examination))?\s+"
    r"(?:after|following|from|s/p|for|post)\s+(?:(?:a|an|the|his|her|my|their|recent)\s+)*"
    r"(?P<organ>[a-z][a-z' -]*?)\s+(?P<kind>surgery|surgeries|operation|procedure|transplant(?:ation)?)\b"
    rf"|\b{_VISIT}(?:\s+(?:care|visit|check|appointment|appt|exam|examination))?\s+"
    r"(?:after|following|from|s/p|for|post)\s+(?:(?:a|an|the|his|her|my|their|recent)\s+)*"
    r"(?P<kind2>surgery|operation)\s+(?:on|of|to)\s+(?:(?:a|an|the|his|her|my|their)\s+)?"
    r"(?P<organ2>[a-z][a-z' -]*?)\s*(?:$|[,.;]|\b(?:today|yesterday|last|this|\d))"
)
# Words of the phrase that name no organ ("minor", "major", "recent", "laparoscopic").
_NO_ORGAN = frozenset(
    [
        "minor",
        "major",
        "recent",
        "emergency",
        "elective",
        "planned",
        "open",
        "laparoscopic",
        "robotic",
        "outpatient",
        "same",
        "day",
        "her",
        "his",
        "my",
        "the",
        "a",
        "an",
        "their",
        "last",
        "week",
    ]
)
SYSTEM_HEADER = "Z4881"  # Encounter for surgical aftercare following surgery on specified body systems
_LEAD = re.compile(r"^encounter for surgical aftercare following surgery on (?:the )?", re.IGNORECASE)
_GENERIC = frozenset({"other", "and", "or", "specifi", "nec", "unspecifi"})
BODY = "noun.body"
DEPTH = 3  # broader words of an organ this many steps up ("eye" -> sense organ, 1; "nose" -> sense organ, 2)

_MEMO: dict[tuple[int, str], object] = {}


@dataclass(frozen=True)
class Aftercare:
    """A surgical aftercare visit: the organ's words as told, and whether it was a transplant."""

    organ: str
    transplant: bool


def read_aftercare(query: str) -> Aftercare | None:
    """The organ of an aftercare visit after surgery or a transplant, or None when the sentence tells none."""
    low = " ".join(query.lower().replace("\u2019", "'").split())
    told = _TOLD.search(low)
    if told is None:
        return None
    organ = told.group("organ") or told.group("organ2") or ""
    kind = told.group("kind") or told.group("kind2") or ""
    words = [w for w in re.findall(r"[a-z']+", organ) if w not in _NO_ORGAN]
    if not words or len(words) > 4:
        return None
    return Aftercare(" ".join(words), kind.startswith("transplant"))


def _lines(conn: sqlite3.Connection, transplant: bool) -> tuple[tuple[frozenset[str], str, str], ...]:
    """The lines below "Aftercare, following surgery" (their "specified body system" lines too), or below its
    "organ transplant": the stems of the line's words, its code and its words."""
    key = (id(conn), "transplant" if transplant else "surgery")
    found = _MEMO.get(key)
    if isinstance(found, tuple):
        return found
    rows: list[tuple[frozenset[str], str, str]] = []
    main = conn.execute(
        "SELECT id FROM index_nodes WHERE book = 'cm' AND parent = 0 AND term = 'Aftercare'"
    ).fetchone()
    surgery = (
        conn.execute(
            "SELECT id FROM index_nodes WHERE parent = ? AND term = 'following surgery'", [main[0]]
        ).fetchone()
        if main
        else None
    )
    if surgery is not None:
        parents = [int(surgery[0])]
        for node_id, term in conn.execute(
            "SELECT id, term FROM index_nodes WHERE parent = ?", [surgery[0]]
        ).fetchall():
            if str(term) == ("organ transplant" if transplant else "specified body system"):
                parents = [int(node_id)] if transplant else [*parents, int(node_id)]
        for parent in parents:
            for term, code in conn.execute(
                "SELECT term, code FROM index_nodes WHERE parent = ? AND code != ''", [parent]
            ).fetchall():
                code = str(code).replace(".", "")
                if transplant or code.startswith(SYSTEM_HEADER):
                    rows.append((content_stems(str(term).replace("-", " ")) - _GENERIC, code, str(term)))
    result = tuple(rows)
    _MEMO[key] = result
    return result


def _said_forms(organ: str, wordnet: WordNet) -> list[frozenset[str]]:
    """The organ's words, then each synonym and broader word of its body senses, as stems."""
    forms = [content_stems(organ)]
    words = [organ, *organ.split()] if " " in organ else [organ]
    for word in words:
        for noun in [s.lemmas[0] for s in wordnet.pertains(word)] or [word]:
            for sense in wordnet.senses(noun):
                if sense.kind != BODY:
                    continue
                forms += [content_stems(w) for w in sense.lemmas]
                break
            forms += [
                content_stems(w)
                for s, _ in wordnet.broader(noun, depth=DEPTH)
                if s.kind == BODY
                for w in s.lemmas
            ]
    return [f for f in forms if f]


def named_line(conn: sqlite3.Connection, told: Aftercare, wordnet: WordNet) -> str | None:
    """The code of the line below "following surgery" that names the organ (its system or, for a transplant,
    the organ), or None when no line does."""
    lines = _lines(conn, told.transplant)
    forms = _said_forms(told.organ, wordnet)
    if told.transplant:
        own = content_stems(told.organ)
        full = [(stems, code, term) for stems, code, term in lines if stems and stems <= own]
        if not full:
            return None
        best = max(full, key=lambda line: len(line[0]))
        left = [w for w in told.organ.split() if not content_stems(w) <= best[0]]
        if any(s.kind == BODY for w in left for s in wordnet.senses(w)[:1]):
            # another organ no one line holds with it ("kidney and pancreas"): the multiple organs line
            multiple = next((code for _, code, term in lines if term.startswith("multiple")), None)
            return multiple or best[1]
        return best[1]
    for form in forms:
        named = [(stems, code) for stems, code, _ in lines if stems and stems <= form]
        if named:
            return max(named, key=lambda line: len(line[0]))[1]
    own = content_stems(told.organ)
    held = [(stems, code) for stems, code, _ in lines if own and own <= stems]
    if len(held) == 1:
        return held[0][1]  # "oral" of "oral cavity"
    return None


def _systems(conn: sqlite3.Connection) -> tuple[tuple[str, frozenset[str]], ...]:
    key = (id(conn), "systems")
    found = _MEMO.get(key)
    if isinstance(found, tuple):
        return found
    rows = [
        (str(code), content_stems(_LEAD.sub("", str(title)).lower()) - _GENERIC)
        for code, title in conn.execute(
            "SELECT code, title FROM codes INDEXED BY codes_parent "
            "WHERE system = 'cm' AND current = 1 AND billable = 1 AND parent = ?",
            [SYSTEM_HEADER],
        )
    ]
    result = tuple((code, stems) for code, stems in rows if stems)
    _MEMO[key] = result
    return result


_RANGE = re.compile(r"\s*\([A-Z]\d[\dA-Z]*-[A-Z]\d[\dA-Z]*\)\s*$")


def system_code(conn: sqlite3.Connection, condition: str) -> str | None:
    """The body-system aftercare code whose title's system words a title the condition's code (storage form)
    stands under says (its category, block or chapter), the nearest first; None when none does."""
    systems = _systems(conn)
    code = condition
    for _ in range(6):
        row = conn.execute(
            "SELECT title, parent FROM codes WHERE system = 'cm' AND code = ?", [code]
        ).fetchone()
        if row is None:
            return None
        title = content_stems(_RANGE.sub("", str(row[0])).lower())
        named = [(c, stems) for c, stems in systems if stems <= title]
        if named:
            return max(named, key=lambda line: len(line[1]))[0]
        if not row[1]:
            return None
        code = str(row[1])
    return None
