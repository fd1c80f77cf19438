"""Verify an index code in the Tabular and complete it to a reportable code.

The Index often stops short ("L03.11-", "T45.0X5-", "S72.30-"): a coder opens the Tabular and picks the child
that says what the chart says - the side, the site, the encounter. Here: the billable codes under the index
code are scored by the query's words found in their titles (right/left, upper/lower ...), the 7th character
follows the encounter (A initial unless subsequent or sequela is said), and with nothing said the
"unspecified" child wins, as the Tabular intends. ICD-10-PCS tables ("0DTJ") are completed the same way
from the meanings of each character (body part, approach, device, qualifier).
"""

from __future__ import annotations

import itertools
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.lookups.index.no_stems import kept
from bot.lookups.index.pcs_angioplasty import balloon_unsaid, endovascular
from bot.lookups.index.pcs_approach import names_percutaneous_endoscopic
from bot.lookups.index.pcs_approach_values import named_approaches
from bot.lookups.index.pcs_coronary import (
    HEART_TABLES,
    body_part_stems,
    coronary_body_part_words,
    coronary_branch_said,
    names_coronary_artery,
)
from bot.lookups.index.pcs_device_kinds import device_kind_words
from bot.lookups.index.pcs_devices import device_words, drain_device_words
from bot.lookups.index.pcs_diagnostic import diagnostic_words, study_said
from bot.lookups.index.pcs_eye_sides import eye_sides
from bot.lookups.index.pcs_grafts import donor_graft_words, skin_graft_words
from bot.lookups.index.pcs_levels import digit_words, level_words
from bot.lookups.index.pcs_lumen import (
    APPROACHES_BY_OPENING,
    ablated_by_catheter,
    ablated_by_probe,
    by_own_opening,
)
from bot.lookups.index.pcs_natural import NATURAL_OPENING, natural_opening_first, vaginal_approach
from bot.lookups.index.pcs_openings import (
    CUTS,
    INCISIONLESS,
    bare_scope,
    cut_by_blade,
    everyday_approaches,
    incision_refused,
    without_refused_scope,
)
from bot.lookups.index.pcs_operations import fine_needle_words
from bot.lookups.index.pcs_stoma import stoma_qualifier_words
from bot.lookups.index.store import pcs_use_values
from bot.lookups.index.words import TOKEN, content_stems, stem
from bot.lookups.schema import unaccented

ENCOUNTER_WORDS = {"A": "initial", "D": "subsequent", "S": "sequela"}
# The encounter an injury code's title says (its 7th character: "..., initial encounter for closed fracture",
# "..., subsequent encounter for fracture with nonunion", "..., sequela").
_TITLE_ENCOUNTER = re.compile(
    r",\s+(?:(initial)|(subsequent))\s+encounter\b|,\s+(sequela)\s*$", re.IGNORECASE
)


# The intents a poisoning or toxic effect title prints beside accidental (T36-T65, the Drug Table's columns).
_TITLE_INTENT = re.compile(r",\s+(assault|undetermined|intentional self-harm)\b", re.IGNORECASE)
_INTENT_SAID = {
    "assault": frozenset({"assault", "assaulted", "homicide", "murder"}),
    "undetermined": frozenset({"undetermined", "unknown", "unclear"}),
    "intentional self-harm": frozenset({"intentional", "self-harm", "suicide", "suicidal", "purpose"}),
}


def unsaid_intent(title: str, words: frozenset[str]) -> bool:
    """Whether a poisoning title names an intent the query does not say: with no intent said a poisoning is
    accidental (guideline I.C.19.e.5.b; undetermined only when the record says it cannot be told), so
    "Poisoning by aspirin, assault" must not come first for "aspirin poisoning"."""
    said = _TITLE_INTENT.search(title)
    return said is not None and not _INTENT_SAID[said.group(1).lower()] & words


def other_encounter(title: str, encounter: str) -> bool:
    """Whether an ICD-10-CM title names an encounter other than the one the query calls for (guideline
    I.C.19.a: initial "A" while the injury is treated, unless a subsequent visit or a sequela is said): a code
    found by its title words alone must not put "Bitten by dog, sequela" before its initial encounter because
    its title is shorter. Fracture healing characters (G, K, P) are subsequent encounters."""
    said = _TITLE_ENCOUNTER.search(title)
    if said is None:
        return False
    printed = _printed_character(
        title[said.start() :], "A" if said.group(1) else "D" if said.group(2) else "S"
    )
    if printed == encounter or (encounter, printed) in _FALLBACK_FIT:
        return False
    # a fracture's healing ("with nonunion" for "healing well") or an open fracture the query does not say
    # ("initial encounter for open fracture" for a closed one) is another encounter too
    return (
        printed in _FRACTURE_CHARACTERS
        or encounter in _FRACTURE_CHARACTERS
        or _kind(printed) != _kind(encounter)
    )


# The 7th characters of a fracture's encounters by the words of its title (the Tabular's S42, S52, S72 ...).
_FRACTURE_CHARACTERS = frozenset("BCEFGHJKMNPQR")
_HEALING_WORDS = (("routine healing", "D"), ("delayed healing", "G"), ("nonunion", "K"), ("malunion", "P"))
_OPEN_OF = {"A": "BC", "D": "EF", "G": "HJ", "K": "MN", "P": "QR"}


def _printed_character(tail: str, kind: str) -> str:
    """The 7th character an injury title's encounter words print: A, D or S, and a fracture's healing and
    open type ("subsequent encounter for open fracture type I or II with nonunion" -> M)."""
    tail = tail.lower()
    if kind == "S":
        return "S"
    char = kind
    if kind == "D":
        char = next((c for words, c in _HEALING_WORDS if words in tail), "D")
    if "open fracture" in tail:
        return _OPEN_OF[char][1 if "iiia" in tail else 0]
    return char


def _kind(char: str) -> str:
    """A, D or S: the encounter a 7th character is of (B, C initial; E ... R subsequent)."""
    return "A" if char in "ABC" else "S" if char == "S" else "D"


# An open fracture's encounter where the category's 7th characters do not say it: type III (C, F, J, N, R)
# falls back to type I or II (B, E, H, M, Q) where only that is listed, and either to the closed fracture's
# character (A, D, G, K, P) where the category has no open ones (S62, S92, S02 ...).
_FALLBACK_FIT = {
    (wanted, printed): fit
    for wanted, chain in (
        ("B", "A"),
        ("C", "BA"),
        ("E", "D"),
        ("F", "ED"),
        ("H", "G"),
        ("J", "HG"),
        ("M", "K"),
        ("N", "MK"),
        ("Q", "P"),
        ("R", "QP"),
    )
    for printed, fit in zip(chain, (0.5, 0.25), strict=False)
}

SIDE_STEMS = frozenset({"right", "left", "bilateral"})
# The Tabular's names of one finger or toe among its siblings (S60-S69, S90-S99, T2x burns).
DIGIT_STEMS = frozenset({stem(w) for w in ("index", "middle", "ring", "little", "great", "lesser")})
MAX_CANDIDATES = 400
MEMO_LIMIT = 20_000
TITLE_CACHE = 8192  # titles' word facts kept (LRU): bounded memory, the titles met most stay


@dataclass(frozen=True)
class Completion:
    code: str  # undotted
    title: str
    billable: bool
    how: str  # "" when the index code was already complete, else what picked the child


def complete_cm(
    conn: sqlite3.Connection,
    code: str,
    query_stems: frozenset[str],
    encounter: str = "A",
    already: frozenset[str] = frozenset(),
    memo: dict[object, object] | None = None,
) -> Completion | None:
    """The billable code an ICD-10-CM index code leads to for this query, or None if it is not a code.

    `already`: the words the index path said, left out of the explanation of the child chosen; `memo`: a
    cache of the Tabular rows read, which the caller keeps between queries.
    """
    raw = code.upper().replace(".", "").rstrip("-")
    memo = {} if memo is None else memo
    row, candidates, seventh = _tabular(conn, raw, memo)
    if row is None:
        raw = expanded_placeholder(conn, raw, memo) or raw
        row, candidates, seventh = _tabular(conn, raw, memo)
    if row is None:
        return None
    if "bilateral" in query_stems and candidates:
        query_stems = both_sides_as_right(query_stems, candidates)
    side = query_stems & SIDE_STEMS
    title = _title_stems(str(row[1]))
    if (
        side
        and len(raw) > 4
        and "unspecifi" in title
        and not side & title
        and not any(side & _title_stems(str(c[1])) for c in candidates)
    ):
        # "Dislocation, shoulder S43.006" (unspecified shoulder) for "right shoulder": no code under it
        # has a side, so the coder reads the side among its siblings in the Tabular (S43.004), the one
        # that otherwise says what it says.
        parent, siblings, parent_seventh = _tabular(conn, raw[:-1], memo)
        sided = [
            c
            for c in siblings
            if side <= _title_stems(str(c[1])) and not (_title_stems(str(c[1])) & DIGIT_STEMS) - query_stems
        ]
        if parent is not None and sided:
            raw, candidates, seventh = raw[:-1], sided, parent_seventh
            row = (parent[0], parent[1], 0)
            query_stems = query_stems | (title - {"unspecifi", "unspecified"})
    if row[2] and "unspecifi" in title and len(raw) > 4:
        # "Neoplasm, skin, nose C44.301" (unspecified malignant neoplasm) for "basal cell carcinoma of nose":
        # the Tabular's sibling that says what the query says beyond the index path (C44.311 Basal cell
        # carcinoma of skin of nose), as a coder reads the Tabular around the code.
        better = _sibling_saying(conn, raw, str(row[1]), query_stems, memo)
        if better is not None:
            return Completion(str(better[0]), str(better[1]), True, f"Tabular: {better[2]}")
    if row[2]:
        return Completion(str(row[0]), str(row[1]), True, "")
    if not candidates:
        return Completion(str(row[0]), str(row[1]), False, "")
    specified = _specified(candidates, query_stems)
    refused = frozenset().union(*(_negated_in(str(c[1])) for c in candidates))
    best = max(
        candidates, key=lambda c: _fit(str(c[0]), str(c[1]), raw, query_stems, encounter, specified, refused)
    )
    words = _said(str(best[1]), query_stems - already)
    how = f"Tabular: {', '.join(words)}" if words else "Tabular: unspecified"
    if len(str(best[0])) == 7 and seventh:
        how += f", {ENCOUNTER_WORDS.get(str(best[0])[-1], str(best[0])[-1])} encounter"
    return Completion(str(best[0]), str(best[1]), True, how)


def both_sides_as_right(
    query_stems: frozenset[str], candidates: Sequence[Sequence[object]]
) -> frozenset[str]:
    """ "frostbite of fingers, both hands": where the Tabular has a right and a left code and no bilateral one,
    both sides are coded, each by its own code (guideline I.B.13): the right one is read first (the left one
    is its pair)."""
    titles = [_title_stems(str(c[1])) for c in candidates]
    if any("bilateral" in t for t in titles) or not any("right" in t for t in titles):
        return query_stems
    return (query_stems - {"bilateral"}) | {"right"}


def expanded_placeholder(conn: sqlite3.Connection, raw: str, memo: dict[object, object]) -> str | None:
    """A code with a placeholder X whose category the Tabular has since subdivided (the 2025 Drug Table's
    "Ethylene, glycol(s)" T52.8X1, where FY2026 split T52.8 into T52.81 alkenes, T52.82 cycloparaffins and
    T52.89 other organic solvents): the subdivision's "other" line with the same characters after it
    (T52.891), as a coder reads the Tabular when the Table's code no longer exists; None when there is none."""
    cut = raw.find("X")
    if cut < 4:
        return None
    parent, _, _ = _tabular(conn, raw[:cut], memo)
    other, _, _ = _tabular(conn, raw[:cut] + "9", memo)
    if parent is None or parent[2] or other is None or "other" not in str(other[1]).lower():
        return None
    return raw[:cut] + "9" + raw[cut + 1 :]


def _sibling_saying(
    conn: sqlite3.Connection, raw: str, title: str, own: frozenset[str], memo: dict[object, object]
) -> tuple[str, str, str] | None:
    """A billable code near an unspecified one (under its parent, else its grandparent, of the same
    length) whose title keeps what the code's says of the query (but two words: "malignant neoplasm" for
    "carcinoma") and says at least two of the query's words more; None when none does."""
    have = _title_stems(title) & own
    for up in (1, 2):
        if len(raw) - up < 4:
            break
        parent, near, _ = _tabular(conn, raw[:-up], memo)
        if parent is None:
            continue
        best: tuple[tuple[int, int, int], str, str] | None = None
        for code, text in near:
            if str(code) == raw or len(str(code)) != len(raw):
                continue
            stems = _title_stems(str(text)) & own
            if len(have - stems) > 2 or len(stems) < len(have) + 1 or _words_more(str(text), have, own) < 2:
                continue
            if own & NEGATION_STEMS and not (stems - have) & _negated_in(str(text)):
                continue  # "asthma without status asthmaticus": the words it adds are the ones negated
            # Between equals, the parallel subdivision (C44.309 -> C44.329: the same last character), then
            # the one worded most like the code.
            key = (len(stems), int(str(code)[-1] == raw[-1]), len(_plain(str(text)) & _plain(title)))
            if best is None or key > best[0]:
                best = (key, str(code), str(text))
        if best is not None:
            return best[1], best[2], ", ".join(_said(best[2], own))
    return None


def _words_more(text: str, have: frozenset[str], own: frozenset[str]) -> int:
    """How many of a title's words say something of the query that the unspecified code's title does not: a
    word counts once however many stems it gives, and not at all when it repeats a word already kept
    ("alcohol-induced" beside "Alcohol abuse with intoxication" says only "alcohol" again, so F10.129 does
    not turn into F10.159 "... with alcohol-induced psychotic disorder" for "acute alcohol intoxication")."""
    more = 0
    for token in dict.fromkeys(TOKEN.findall(unaccented(text).lower())):
        got = content_stems(token) & own
        if got and not got & have:
            more += 1
    return more


NEGATION_STEMS = frozenset({"no", "not", "without", "non", "negative"})
# What a negation covers: up to a comma, a semicolon or a "with" that starts the next clause ("without
# perforation or abscess with bleeding" negates perforation and abscess, not bleeding).
_NEGATED = re.compile(r"\b(?:not|without|no)\b((?:(?!\bwith\b)[^,;])*)")


@lru_cache(maxsize=TITLE_CACHE)
def negated_parts(title: str) -> tuple[frozenset[str], ...]:
    """Each stretch of words a title negates, as stems ("... without heart failure" -> {heart, failure})."""
    parts = (frozenset(content_stems(part)) for part in _NEGATED.findall(title.lower()))
    return tuple(part for part in parts if part)


@lru_cache(maxsize=TITLE_CACHE)
def _negated_in(title: str) -> frozenset[str]:
    """The words a title negates ("..., not having achieved remission" -> having, achieved, remission)."""
    return kept(frozenset(s for part in negated_parts(title) for s in part))


def negates_what_is_said(title: str, query: frozenset[str]) -> bool:
    """Whether a title negates the whole of something a query that negates nothing says ("Hypertensive heart
    disease without heart failure" for "hypertension with heart failure")."""
    return not query & NEGATION_STEMS and any(part <= query for part in negated_parts(title))


# A query's own negation: "GERD without esophagitis" (w/o is read as "without" before this), "subdural hematoma
# no LOC", "CAD no angina". It covers the words after it up to the next "with" or "and" clause.
QUERY_NEGATIONS = frozenset({"no", "not", "without"})
_NEGATION_ENDS = frozenset({"with", "and"})


def split_negation(words: Sequence[str], clause: frozenset[str]) -> tuple[list[str], frozenset[str]]:
    """The query's words outside its negations, and the stems it negates ("gerd without esophagitis" ->
    [gerd], {esophagit}); a negation covers the words of its clause (`clause`, read before the commas went)."""
    kept: list[str] = []
    refused: set[str] = set()
    negating = False
    for word in words:
        if word in QUERY_NEGATIONS:
            negating = True
        elif word in _NEGATION_ENDS or word not in clause:
            negating = False
            kept.append(word)
        elif negating:
            refused |= content_stems(word)
        else:
            kept.append(word)
    return kept, frozenset(refused)


def query_negated(text: str) -> frozenset[str]:
    """The stems a query's words negate ("asthma without status asthmaticus" -> {status, asthmaticu})."""
    words = text.split()
    return split_negation(words, frozenset(words))[1]


def affirms_what_is_negated(title: str, refused: frozenset[str]) -> bool:
    """Whether a title says, outside its own negations, a word the query negates ("Gastro-esophageal reflux
    disease with esophagitis" for "GERD without esophagitis"; "... with loss of consciousness" for "no LOC")."""
    if not refused:
        return False
    return bool((content_stems(title) - _negated_in(title)) & refused)


def negates_as_asked(title: str, refused: frozenset[str]) -> bool:
    """Whether a title negates a word the query negates too ("..., without adhesive border" for "gauze, no
    border"): the negated word is said by both, though neither holds it."""
    return bool(refused and _negated_in(title) & refused)


def _plain(title: str) -> set[str]:
    return set(re.findall(r"[a-z]+", title.lower()))


TabularRows = tuple[tuple[object, ...] | None, list[tuple[object, ...]], bool]


def _tabular(conn: sqlite3.Connection, raw: str, memo: dict[object, object]) -> TabularRows:
    """The code's row, its billable descendants and whether they carry a 7th character."""
    key = ("cm", raw)
    found = memo.get(key)
    if found is None:
        row = conn.execute(
            "SELECT code, title, billable FROM codes WHERE system = 'cm' AND code = ? AND current = 1", [raw]
        ).fetchone()
        children: list[tuple[object, ...]] = []
        if row is not None and not row[2]:
            children = conn.execute(
                "SELECT code, title FROM codes WHERE system = 'cm' AND current = 1 AND billable = 1 "
                "AND code > ? AND code < ? ORDER BY code LIMIT ?",
                [raw, raw + "\uffff", MAX_CANDIDATES],
            ).fetchall()
        seventh = (
            bool(children) and len(str(children[0][0])) == 7 and _needs_seventh(conn, str(children[0][0]))
        )
        found = (tuple(row) if row else None, [tuple(c) for c in children], seventh)
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        memo[key] = found
    return found  # type: ignore[return-value]


def _fit(
    code: str,
    title: str,
    parent: str,
    query: frozenset[str],
    encounter: str,
    specified: frozenset[str] = frozenset(),
    refused: frozenset[str] = frozenset(),
) -> tuple[float, ...]:
    """How well a child fits: the encounter, the words it says (less a word it calls unspecified that the
    query specifies), the side, then the unspecified child, the child that asserts nothing a sibling says
    "without" (`refused`) unless the query says it, and the shorter code."""
    stems = _title_stems(title)
    said = len(stems & query)
    # a side, or a digit (index, great ...), the title names and the query does not: "splinter in left
    # finger" is the unspecified finger's code, not the left index finger's
    unsaid_digits = len((stems & DIGIT_STEMS) - query)
    unsaid_sides = len((stems & SIDE_STEMS) - query) + unsaid_digits
    if not query & NEGATION_STEMS and _negated_in(title) & query:
        # "not having achieved remission" for "in remission", "without hemorrhage" for "with hemorrhage":
        # the title negates what the query says.
        said -= 2
    if stems & DEATH_STEMS and not query & DEATH_STEMS:
        # "... with loss of consciousness of any duration with death due to brain injury" for "traumatic
        # subdural hematoma": a child that asserts the patient died is never the one a query that says
        # nothing of it leads to, however many of its other words the index path said ("injury").
        said -= 2
    unspecified = "unspecified" in stems or "unspecifi" in stems
    if unspecified and _unspecified_of(title) & specified:
        # "..., unspecified trimester" for "first trimester", "unspecified eye" for "both eyes": the word the
        # title leaves open is not what the query says of it ("pink eye" still reads "unspecified eye" before
        # a side the query did not say).
        said -= 1
    seventh = 0.0
    if len(code) == 7 and len(parent) < 7:
        seventh = 1.0 if code[-1] == encounter else _FALLBACK_FIT.get((encounter, code[-1]), 0.0)
    # A complication the record does not state is not coded: "with status epilepticus" (G40.A01) is no
    # default for "absence seizures" when its sibling says "without status epilepticus" (G40.A09); the lower
    # code number decided that tie before.
    asserted = len(((stems - _negated_in(title)) & refused) - query)
    # Fewer characters below the index code and the unspecified child when the query says nothing more.
    return (
        seventh,
        said - unsaid_sides,
        -unsaid_digits,
        float(_left_open(title)),
        -float(asserted > 0),
        -len(code),
        -_order(code),
    )


@lru_cache(maxsize=TITLE_CACHE)
def _left_open(title: str) -> int:
    """How many axes a title leaves unspecified: "Polyhydramnios, unspecified trimester, not applicable or
    unspecified" (O40.9XX0) leaves two, "Polyhydramnios, first trimester, not applicable or unspecified"
    (O40.1XX0) one - the 7th character's "unspecified" fetus is on every child, so with nothing said of the
    trimester the child unspecified on it too stands (guideline I.A.9.b). The same holds of a "with" part:
    with nothing said of consciousness, "with loss of consciousness of unspecified duration" (S06.4X9A) stands
    before "without loss of consciousness" (S06.4X0A), which the record would have to say ("no LOC")."""
    return len(re.findall(r"\bunspecified\b", title.lower()))


# The words that say a patient (or a fetus) died: a Tabular child asserting a death is chosen only when said.
DEATH_STEMS = frozenset({"death", "died", "dead", "fatal", "expir", "deceas", "demis", "die", "dies"})


def _specified(candidates: Sequence[Sequence[object]], own: frozenset[str]) -> frozenset[str]:
    """The words the query itself qualifies as a sibling title does: "first trimester" when the query says
    "first" and "trimester" and a child is "..., first trimester" (so "..., unspecified trimester" is not it)."""
    out: set[str] = set()
    sided = bool(own & SIDE_STEMS)
    for row in candidates:
        pairs, sides = _title_pairs(str(row[1]))
        if sided:
            # A side said ("both eyes" -> bilateral): the title's side part ", unspecified eye," leaves open
            # what the query says.
            out.update(sides & own)
        out.update(
            word
            for before, word in zip(pairs[::2], pairs[1::2], strict=True)
            if word in own and before in own
        )
    return frozenset(out)


@lru_cache(maxsize=TITLE_CACHE)
def _title_pairs(title: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """A title's successive word stems ("first", "trimester"), "unspecified" never the first of a pair, and
    the words of its ", unspecified X" parts. The pairs are one flat tuple, each pair's two stems side by
    side (a tuple a pair held ~4x the memory in this cache of 8,192 titles)."""
    words = [stem(w) for w in re.findall(r"[a-z0-9]+", title.lower())]
    pairs = tuple(
        w
        for before, word in itertools.pairwise(words)
        if before not in {"unspecifi", "unspecified"}
        for w in (before, word)
    )
    sides = frozenset(
        stem(part.split()[1])
        for part in title.lower().split(",")
        if len(part.split()) == 2 and part.split()[0] == "unspecified"
    )
    return pairs, kept(sides)


_UNSPECIFIED_OF = re.compile(r"\bunspecified\s+([a-z]+)")


@lru_cache(maxsize=8192)
def _unspecified_of(title: str) -> frozenset[str]:
    """The words a title calls unspecified ("unspecified trimester" -> trimester)."""
    return kept(
        frozenset(stem(w) for w in _UNSPECIFIED_OF.findall(title.lower()) if w not in {"site", "part"})
    )


@lru_cache(maxsize=8192)
def _order(code: str) -> int:
    """A stable tie-break: the lower code first."""
    return sum(ord(c) for c in code)


@lru_cache(maxsize=TITLE_CACHE)
def _title_stems(title: str) -> frozenset[str]:
    return content_stems(title)


def _said(title: str, query: frozenset[str]) -> list[str]:
    return [
        w for w in title.lower().replace(",", " ").split() if stem(w) in query and w not in {"of", "and"}
    ][:4]


def _needs_seventh(conn: sqlite3.Connection, code: str) -> bool:
    for size in range(6, 2, -1):
        if conn.execute("SELECT 1 FROM seventh WHERE code = ? LIMIT 1", [code[:size]]).fetchone():
            return True
    return False


# -- ICD-10-PCS ------------------------------------------------------------------------------------------------
# The approach when the query names none, as a coder reads it (ICD-10-PCS guidelines B5.2): a procedure
# on what is reached without cutting (skin, a structure seen through the mouth, a closed reduction) is
# External where the table offers it, else Open; a needle or catheter procedure (-centesis, puncture,
# aspiration, catheterization, an infusion or transfusion, a biopsy by needle) is Percutaneous.
APPROACHES_PLAIN = ("X", "0", "3")
# The sections whose fifth character is an approach (Medical and Surgical, Obstetrics, Placement,
# Administration, Measurement and Monitoring, Osteopathic, Other Procedures, Chiropractic, New Technology).
APPROACH_SECTIONS = frozenset("01234789X")
APPROACHES_NEEDLE = ("3", "X", "0")
# Insertion of a device in the upper and lower arteries and veins (03H, 04H, 05H, 06H): endovascular, through
# the skin, unless the query says open.
VESSEL_INSERTIONS = frozenset({"03H", "04H", "05H", "06H"})
# Body regions, bones and joints are reached by cutting unless the query says "closed" or "external": a hernia
# repair or a joint replacement with no approach said is Open.
APPROACHES_DEEP = ("0", "3", "X")
# Muscles, tendons, bursae and ligaments likewise: "tenolysis" is an open release; the External approach is a
# closed manipulation, which the query says.
DEEP_SYSTEMS = frozenset({"0W", "0X", "0Y", "0P", "0Q", "0R", "0S", "0K", "0L", "0M"})
NEEDLE_WORDS = (
    "centes",
    "punctur",
    "aspirat",
    "catheter",
    "cath",
    "needl",
    "inject",
    "infus",
    "transfus",
    "picc",
    "biops",
    # An image-guided procedure ("CT guided drainage", "ultrasound-guided biopsy") reaches its site through a
    # needle or a catheter under the image, not through an incision; so does one inside a vessel
    # (endovascular, endovenous, transcatheter), and an external fixator's pins go through the skin into bone.
    "guid",
    "endovasc",
    "endoven",
    "transcath",
    "fixator",
)


# Approach words as a coder reads them (ICD-10-PCS approach definitions): a scope through a natural
# opening (colonoscopy, cystoscopy, bronchoscopy, transurethral) is Via Natural or Artificial Opening
# Endoscopic (8); one through a puncture (laparoscopy, arthroscopy, thoracoscopy) Percutaneous Endoscopic
# (4); "open" Open (0); "percutaneous" Percutaneous (3); a closed or external procedure External (X).
SCOPES_THROUGH_SKIN = (
    "laparoscop",
    "arthroscop",
    "thoracoscop",
    "mediastinoscop",
    "pelviscop",
    "peritoneoscop",
    "robot",  # a robotic procedure is done through ports: Percutaneous Endoscopic (8E0 codes the assistance)
)
SCOPES_THROUGH_OPENING = (
    "alveol",  # a bronchial alveolar lavage is washed through a bronchoscope in the airway
    "colonoscop",
    "sigmoidoscop",
    "proctoscop",
    "anoscop",
    "gastroscop",
    "esophagoscop",
    "duodenoscop",
    "enteroscop",
    "esophagogastroduodenoscop",
    "cystoscop",
    "cystourethroscop",
    "urethroscop",
    "ureteroscop",
    "hysteroscop",
    "colposcop",
    "bronchoscop",
    "laryngoscop",
    "nasopharyngoscop",
    "rhinoscop",
    "transurethr",
    "transvagin",
    "transanal",
)
# A tube passed through the mouth, nose or urethra with no scope (an endotracheal airway, a Foley catheter, a
# nasogastric tube) is Via Natural or Artificial Opening (7).
ENDOSCOPIC = "endoscop"
NATURAL = stem("natural")
OPEN = stem("open")
THROUGH_OPENING = ("endotrach", "intubat", "nasotrach", "foley", "nasogastr", "orogastr")
# An incision named by its site (laparotomy, thoracotomy, sternotomy, craniotomy) is the Open approach: the
# procedure is done "via laparotomy" through that cut.
INCISIONS = ("laparotom", "thoracotom", "sternotom", "craniotom")
# "via" says how the site was reached, not which way: "via laparotomy" is no Via Natural or Artificial Opening.
VIA = "via"
APPROACH_WORDS = {
    stem(word): approach
    for word, approach in {
        "lap": "4",
        "vats": "4",  # video-assisted thoracoscopic surgery: through ports in the chest wall
        "tapp": "4",  # transabdominal preperitoneal (laparoscopic) hernia repair
        "tep": "4",  # totally extraperitoneal (laparoscopic) hernia repair
        "pcnl": "4",  # percutaneous nephrolithotomy: a nephroscope put through the skin into the kidney
        "egd": "8",
        "cysto": "8",
        "bronch": "8",
        "open": "0",
        "percutaneous": "3",
        "perc": "3",
        "closed": "X",
        "external": "X",
    }.items()
}
# A body part whose name is not known (no title names it) is no better a guess than one the query does not
# say; an unnamed device or qualifier is most often "No Device" / "No Qualifier", and costs nothing.
UNNAMED = {3: (0.0, 0.3), 4: (0.0, 0.0), 5: (0.0, 0.0), 6: (0.0, 0.0)}
SAID_APPROACH = 2.0
VAGINAL_APPROACH = SAID_APPROACH + 1.0  # over a scope said beside it: "laparoscopic-assisted vaginal" is F
DERIVED_DISCOUNT = 0.1  # a body part word only a procedure word implies, against one the query says
OPERATED_PART = 0.3  # a body part the procedure word names, against one named only by the words around it
PATH_BODY_PART = 0.5  # a body part the Index path names, against one the query says around it  # an approach the query names, against one word of a body part or device


CONVERTED = frozenset({stem("converted"), stem("conversion"), stem("convert")})


def approach_abbreviations(terms: Iterable[str]) -> frozenset[str]:
    """The approach words among the abbreviations the vocabulary read ("pcnl" read as nephrolithotomy still
    says its scope through the skin)."""
    return frozenset(s for term in terms for s in (stem(w) for w in term.split()) if s in APPROACH_WORDS)


def said_approaches(query_stems: frozenset[str]) -> frozenset[str]:
    """The approach characters the query's words name ("laparoscopic" -> 4, "colonoscopy" -> 8). A procedure
    begun by a scope and converted to open is coded to the open approach (ICD-10-PCS guideline B3.2d)."""
    if query_stems & CONVERTED and stem("open") in query_stems:
        return frozenset("0")
    said: set[str] = set()
    # "Via Natural or Artificial Opening" (what a scope word adds) says "opening", not the open approach.
    natural = NATURAL in query_stems
    for word in query_stems:
        if natural and word == OPEN:
            continue
        if word in APPROACH_WORDS:
            said.add(APPROACH_WORDS[word])
        elif word.startswith(SCOPES_THROUGH_SKIN):
            said.add("4")
        elif word.startswith(SCOPES_THROUGH_OPENING):
            said.add("8")
        elif word.startswith(THROUGH_OPENING):
            said.add("7")
        elif word.startswith(INCISIONS):
            said.add("0")
    if names_percutaneous_endoscopic(query_stems):
        # "percutaneous endoscopic drainage": the approach value's own two words (bot.lookups.index.pcs_approach)
        said.discard("3")
        said.add("4")
    if not said and any(word.startswith(ENDOSCOPIC) for word in query_stems):
        # "endoscopic carpal tunnel release": a scope named by no opening is an endoscopic approach, through
        # the skin (4) or a natural opening (8), whichever the table offers.
        said.update(("4", "8"))
    # "through the mouth without scope", "through stab incisions" (bot.lookups.index.pcs_openings)
    return everyday_approaches(query_stems, frozenset(said))


def other_approach(code: str, query_stems: frozenset[str]) -> bool:
    """Whether a complete PCS code's approach is not the one the query's words name ("ETT placement": Via
    Natural or Artificial Opening, not the Percutaneous row of the same table); False when none is named."""
    if len(code) != 7 or code[0] not in APPROACH_SECTIONS:
        return False
    said = said_approaches(query_stems)
    return bool(said) and code[4] not in said


def used_incision_words(code: str, said: frozenset[str]) -> frozenset[str]:
    """The incision words ("laparotomy") an Open approach code accounts for: they count as used, like its title's
    own words, so a code whose title only names the incision does not come first."""
    if len(code) == 7 and code[0] in APPROACH_SECTIONS and code[4] == "X" and incision_refused(said):
        return said & (CUTS | INCISIONLESS)  # "no incision": the External approach
    if len(code) != 7 or code[0] not in APPROACH_SECTIONS or code[4] not in "0X":
        return frozenset()
    if code[4] == "X":
        return cut_by_blade(said)  # "excisional biopsy of back skin": cut on the skin, External
    return frozenset(w for w in said if w.startswith(INCISIONS)) | cut_by_blade(said)


def complete_pcs(
    conn: sqlite3.Connection,
    prefix: str,
    query_stems: frozenset[str],
    qualifier: str = "",
    memo: dict[object, object] | None = None,
    path_stems: frozenset[str] = frozenset(),
    derived: frozenset[str] = frozenset(),
    end: str = "",
    own: frozenset[str] = frozenset(),
) -> Completion | None:
    """The complete 7-character PCS code a table or partial code leads to, its characters chosen by the
    query's words matched against what each character means in that table. A body part the Index path
    itself names (`path_stems`: "Phacoemulsification, lens, with IOL implant") is preferred to one only the
    query names around it ("... right eye": Right Lens, not Right Eye). Words only a procedure word implies
    (`derived`: "colectomy" -> large intestine, colon) weigh less than a site the query says itself
    ("sigmoid colectomy": Sigmoid Colon, not Large Intestine). `end` is the qualifier value an anastomosis
    ends in ("gastrojejunostomy": Jejunum, bot.lookups.index.pcs_anastomosis). `own` (when given) are the
    words the query says itself, not the Index path's: a qualifier they name comes before one named only by the
    path's words or the Body Part Key's."""
    raw = prefix.upper()
    rows, meanings = _pcs_rows(conn, raw, {} if memo is None else memo)
    if not rows:
        return None
    if len(raw) == 7:
        return Completion(str(rows[0][0]), str(rows[0][1]), True, "")
    query_stems = query_stems | eye_sides(raw, query_stems)
    named_approaches = said_approaches(query_stems)
    query_stems = without_refused_scope(query_stems, named_approaches)  # ("through the mouth without scope")
    devices = device_words(conn, query_stems, memo) | drain_device_words(raw, query_stems)
    keyed = value_words(conn, query_stems, memo)
    kinds = device_kind_words(conn, query_stems, memo) & keyed
    query_stems = fine_needle_words(diagnostic_words(query_stems | keyed))
    wanted_qualifier = content_stems(qualifier)
    # The root operation's own name ("Drainage") says nothing about the device ("Drainage Device").
    said_stems = level_words(query_stems - _meaning_stems(operation_name(str(rows[0][1]))))
    # "loop ileostomy": a stoma opens the organ to the skin (Bypass ... to Cutaneous), whatever the organ's
    # own words say of the qualifier ("Ileum to Ileum").
    stoma = stoma_qualifier_words(raw, query_stems)
    # "split thickness skin graft": Partial Thickness, the patient's own skin unless another source is said.
    said_stems |= skin_graft_words(raw, query_stems)
    # "donor nerve graft", "cadaver tissue": Nonautologous Tissue Substitute (bot.lookups.index.pcs_grafts)
    said_stems |= donor_graft_words(raw, query_stems)
    if not said_stems & OPENING_STEMS:
        # "C/S via low transverse uterine incision": the preposition names no approach ("Via Natural or
        # Artificial Opening" is said by its opening: "via vagina").
        said_stems = said_stems - {VIA}
    # The approaches of the rows the code is chosen from (for the body part, once the prefix names it).
    offered = frozenset(str(row[0])[4] for row in rows)
    approaches = _approaches(query_stems, raw, offered)
    # A word most of the body parts share ("Skin" in "Left Ear Skin", "Face Skin" ...) names the body
    # system, not the part: it picks none of them.
    key = ("shared", raw[:3])
    shared = memo.get(key) if memo is not None else None
    if not isinstance(shared, frozenset):
        shared = _shared_stems(meanings, 4)
        if memo is not None:
            memo[key] = shared
    numbers = said_hours(query_stems)
    # A coronary branch ("left anterior descending") names the body part Coronary Artery (guideline B4.4).
    part_stems = coronary_body_part_words(raw, said_stems)
    # "tenotomy left second toe": the toe's tendon is the Foot Tendon (pcs_levels.digit_words)
    part_stems = digit_words(part_stems, _body_part_stems(meanings, memo, raw[:3]))
    # Each character's meaning is scored once against the query; a row is then the sum of its characters.
    scores: dict[tuple[int, str], tuple[float, float]] = {}
    for (position, char), meaning in meanings.items():
        if position - 1 < max(len(raw), 3):
            continue
        stems = _meaning_stems(meaning)
        if position == 4:
            stems = body_part_stems(raw, stems - shared)
        elif position == 5:
            stems = stems - {VIA}
        told = said_stems | devices if position == 6 else part_stems if position == 4 else said_stems
        # (only words of ROOT_LETTERS or more may share a root: the shorter ones are not tried)
        hit = stems & told or {
            m
            for m in stems
            if len(m) >= ROOT_LETTERS
            for q in told
            if len(q) >= ROOT_LETTERS and _same_root(m, q)
        }
        if hit and balloon_unsaid(raw, position, hit):
            hit = (
                set()
            )  # "balloon angioplasty": the balloon says no coating (bot.lookups.index.pcs_angioplasty)
        said = float(len(hit))
        if position == 6 and hit == {DEVICE_WORD}:
            # "Insertion of device in, Trachea": the word "device" names every device value alike; a device
            # the path or the query names ("Airway": Endotracheal Airway) comes before "Other Device".
            said = GENERIC_DEVICE
        if position == 6 and hit and stems - {DEVICE_WORD} and stems - {DEVICE_WORD} <= keyed:
            # "ICD implant subcutaneous chest": the Device Key names the value whole ("Implantable
            # cardioverter-defibrillator (ICD) - use Defibrillator Generator"); a value sharing only some of
            # the query's words ("Subcutaneous Defibrillator Lead") comes after it.
            said += KEYED_DEVICE
            if stems & kinds:
                # "endotracheal tube placed": the key's kind ("Intraluminal Device, Endotracheal Airway") is
                # the value where the table offers it (bot.lookups.index.pcs_device_kinds)
                said += KEYED_DEVICE
        if position == 7:
            # "left uterine artery embolization": the Body Part Key ("Uterine artery - use Internal Iliac Artery")
            # names the body part value; a qualifier the query's own word names (Uterine Artery) comes before
            # one only the key's words name ("Internal Iliac", the table's no-branch row), or only the words of
            # an Index line the query did not say ("prostatic artery embolization" walked through "Uterine
            # artery embolization (UAE)": Prostatic Artery, not Uterine Artery).
            lent = (hit & derived) | (hit & (path_stems - own) if own else set())
            said -= (1.0 - DERIVED_DISCOUNT) * len(lent)
        if position == 7 and wanted_qualifier:
            said += 2 * len(stems & wanted_qualifier)
        if position == 4 and hit:
            said += PATH_BODY_PART * len(stems & path_stems)
            said -= DERIVED_DISCOUNT * len(hit & derived)
            if hit & derived:
                # "pars plana vitrectomy right eye": the part the procedure word names (Vitreous) is the one
                # operated on; the words around it say where it lies ("eye") and its side.
                said += OPERATED_PART
        unsaid = (0.3 if position == 4 else 1.0) if stems and not hit else 0.0
        if position == 4 and not stems:
            unsaid = UNNAMED[3][1]
        within = _within(meaning, numbers)
        if within is not None:
            # "ventilation 48 hours": the duration "24-96" holds 48, "Less than 24" does not.
            said, unsaid = (said + SAID_RANGE, 0.0) if within else (said, unsaid + 1.0)
        if position == 7 and not hit and _negative(meaning):
            # "Nonautologous" is what a transfusion is unless "autologous" is said.
            unsaid = 0.0
        scores[(position, char)] = (said, unsaid)
    negated = bool(query_stems & NEGATIONS)
    if negated:
        _negate(scores, meanings)
    start = max(len(raw), 3)

    def total_of(row: Sequence[object]) -> float:
        code = str(row[0])
        total = 0.0
        for position in range(start, 7):
            said, unsaid = scores.get((position + 1, code[position]), UNNAMED[position])
            total += said - unsaid
        if code[4] in named_approaches:
            total += SAID_APPROACH
        if stoma and _meaning_stems(meanings.get((7, code[6]), "")) == stoma:
            total += STOMA_QUALIFIER
        if end and meanings.get((7, code[6])) == end:
            total += END_QUALIFIER
        if code[4] == vaginal_approach(code, meanings.get((4, code[3]), ""), query_stems):
            total += VAGINAL_APPROACH  # "vaginal hysterectomy": through the vagina, not the Open row
        return total

    def fit(row: Sequence[object], total: float) -> tuple[float, ...]:
        code = str(row[0])
        approach = -float(approaches.index(code[4])) if code[4] in approaches else -9.0
        if (
            not named_approaches
            and code[4] == NATURAL_OPENING
            and natural_opening_first(code, meanings.get((4, code[3]), ""))
        ):
            approach = 1.0  # "LEEP of cervix", "D&C": through the vagina
        if bare_scope(named_approaches) and code[4] == "8":
            approach = 1.0  # "repair of the anus through the scope": a tract's scope goes in by its opening
        if code[0] not in APPROACH_SECTIONS:
            # The fifth character is no approach here (Imaging: the contrast; Extracorporeal: the duration).
            approach = 0.0
        # (An approach tie is one fifth character, so counting it changes only where it is no approach:
        # "CT abdomen" is the None contrast Z, not "Other".)
        plain = sum(1 for c in code[4:] if c == "Z")
        # Between devices the query does not choose, the one named most plainly: "Synthetic Substitute"
        # before "Oxidized Zirconium on Polyethylene Synthetic Substitute".
        wordy = len(_meaning_stems(meanings.get((6, code[5]), ""))) if len(raw) <= 5 else 0
        # Where the characters' meanings do not choose (a table whose titles never differ in one character
        # alone, such as the New Technology "X2H"), the code whose own title says more of the query.
        # With a negation said, a title's words may be the ones negated ("using Other Contrast").
        told = len(_meaning_stems(str(row[1])) & part_stems) if part_stems and not negated else 0
        # Between body parts the query names alike ("total thyroidectomy": Thyroid Gland, Left Thyroid Gland
        # Lobe, Right Thyroid Gland Lobe), the one saying least besides: the whole organ, not one of its parts.
        extra = len(_meaning_stems(meanings.get((4, code[3]), "")) - part_stems - shared) if start == 3 else 0
        # Between values the table names in one word each ("Metal", "Synthetic"), the title that says least:
        # "with Synthetic Substitute", not "with Metal Synthetic Substitute", for a hip replacement whose
        # bearing surface is not said.
        said_least = -len(_meaning_stems(str(row[1])))
        return (total, told, -extra, approach, plain, -wordy, said_least, -_order(code))

    # The rest of a row's fit only breaks ties between the rows of the best total (read from its characters),
    # so only those rows' titles are read.
    totals = [total_of(row) for row in rows]
    top = max(totals)
    best, _ = max(((row, t) for row, t in zip(rows, totals, strict=True) if t == top), key=lambda r: fit(*r))
    code = str(best[0])
    named = [meanings.get((p + 1, code[p]), "") for p in range(len(raw), 7)]
    how = "PCS table: " + ", ".join(m for m in named if m) if any(named) else ""
    branch = coronary_branch_said(query_stems) if code.startswith(HEART_TABLES) else ""
    if branch and names_coronary_artery(str(best[1])):
        how += f" (coronary branch: {branch})"
    how += study_said(code, str(best[1]), query_stems)
    used, by_blade = used_incision_words(code, query_stems), cut_by_blade(query_stems)
    incisions = sorted(used - by_blade)
    cut = sorted(used & by_blade)
    if cut:
        how += f" ({', '.join(cut)}: cut, no needle)"
    if incisions and code[4] == "X":
        how += " (no incision: External)"
    elif incisions:
        how += f" (incision: {', '.join(incisions)})"
    return Completion(code, str(best[1]), True, how)


DEVICE_WORD = stem("device")
# The organ an anastomosis ends in outweighs the first organ's words read again as the qualifier (up to three:
# "Common Bile Duct to Common Bile Duct" is a route within the organ, which a word of two organs denies).
END_QUALIFIER = 8.0
STOMA_QUALIFIER = 4.0  # a stoma's Cutaneous end outweighs the organ's words read again as the qualifier (2) and its own unsaid (1)
GENERIC_DEVICE = 0.5  # what the word "device" alone says of a device value
# A device value the Device Key's "use" line names whole, over one sharing a word of the query.
KEYED_DEVICE = 1.0


def operation_name(title: str) -> str:
    """The root operation a PCS title begins with: "Excision of Stomach ..." -> "Excision"; a title that
    prints no "of" after it ("Reposition Right Radius with Internal Fixation Device, Open Approach") ->
    its first word, not the whole title (whose body part and device would then count as unsaid)."""
    head = title.split(" of ")[0]
    return head if " of " in title and len(head.split()) <= 4 else title.split(" ")[0]


ACRONYM = re.compile(r"\(([A-Z][A-Z0-9]+)\)")


def value_words(
    conn: sqlite3.Connection, query_stems: frozenset[str], memo: dict[object, object] | None
) -> frozenset[str]:
    """The words of the PCS values the query names by another name: the PCS Index's "use" lines (its
    Device and Body Part Keys) - "Foley catheter - use Drainage Device", "Stent, intraluminal - use
    Intraluminal Device", "Peripherally inserted central catheter (PICC) - use Infusion Device". A line
    counts when the query says its main term (the words before the first comma, or an acronym it gives in
    parentheses)."""
    memo = {} if memo is None else memo
    key = ("values", query_stems)
    found = memo.get(key)
    if isinstance(found, frozenset):
        return found
    words: set[str] = set()
    query_stems = with_halves(query_stems)  # ("paclitaxel-eluting peripheral stent", as _head_stems reads it)
    for word in query_stems:
        for head, acronyms, values in _use_lines(conn, word, memo):
            if (head and head <= query_stems) or acronyms & query_stems:
                words.update(values)
    if len(memo) > MEMO_LIMIT:
        memo.clear()
    memo[key] = result = frozenset(words)
    return result


def used_key_words(
    conn: sqlite3.Connection, code: str, query_stems: frozenset[str], memo: dict[object, object] | None
) -> frozenset[str]:
    """The query's words naming a Device or Body Part Key line ("loop recorder": "Loop recorder, implantable -
    use Monitoring Device") whose value is a PCS code's device (its sixth character): they count as used,
    like the title's own words, since the Key says they are that value."""
    if len(code) != 7 or code[5] == "Z":
        return frozenset()
    memo = {} if memo is None else memo
    query_stems = with_halves(query_stems)
    said = [
        (head | acronyms, values)
        for word in query_stems
        for head, acronyms, values in _use_lines(conn, word, memo)
        if (head and head <= query_stems) or acronyms & query_stems
    ]
    if not said:
        return frozenset()
    row = conn.execute(
        "SELECT meaning FROM pcs_axes WHERE tbl = ? AND position = 6 AND char = ?", [code[:3], code[5]]
    ).fetchone()
    # (the code's device value, not any title that happens to hold the value's words)
    device = content_stems(str(row[0])) if row is not None else frozenset()
    return frozenset(w for name, values in said if values == device for w in name & query_stems)


UseLine = tuple[frozenset[str], frozenset[str], frozenset[str]]


HALF_LETTERS = 4  # the shortest half of a hyphened compound read as a word of its own


def with_halves(query_stems: frozenset[str]) -> frozenset[str]:
    """The query's stems with the halves of each hyphened one: a Key line's main term is said by a hyphened
    compound's parts (`_head_stems`), so "paclitaxel-eluting" says "Paclitaxel-eluting peripheral stent"'s
    paclitaxel and eluting."""
    halves: set[str] = set()
    for said in query_stems:
        if "-" in said:
            parts = said.split("-")
            # (not "crt-d": a letter is no word, and "crt" alone is CRT-P's too; nor the spelling variants the
            # search tries, "re-vision", "sub-cutaneous": a prefix is no word)
            if all(len(p) >= HALF_LETTERS for p in parts):
                halves |= content_stems(" ".join(parts))
    return query_stems | halves if halves else query_stems


def _use_lines(conn: sqlite3.Connection, word: str, memo: dict[object, object]) -> tuple[UseLine, ...]:
    """The PCS Index main terms holding a word that carry "use" lines: the words of the term's head (before
    the first comma, parenthesized ones aside), its acronyms ("(PICC)"), and the words of the values."""
    key = ("use", word)
    found = memo.get(key)
    if not isinstance(found, tuple):
        lines: dict[str, set[str]] = {}
        for term, value in pcs_use_values(conn, word):
            # (a Key value's sides, "Elbow Bursa and Ligament, Right | ..., Left", are the query's to say)
            lines.setdefault(term, set()).update(content_stems(value) - SIDE_STEMS)
        found = tuple(
            (
                _head_stems(term),
                kept(frozenset(stem(a) for a in ACRONYM.findall(term))),
                kept(frozenset(values)),
            )
            for term, values in sorted(lines.items())
        )
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        memo[key] = found
    return found


def _head_stems(term: str) -> frozenset[str]:
    """A main term's words before the first comma, parenthesized ones aside ("Foley catheter"); a hyphened
    compound is said by its parts ("Implantable cardioverter-defibrillator": implantable cardioverter
    defibrillator)."""
    stems = content_stems(re.sub(r"\([^)]*\)", " ", term.split(",")[0]))
    return frozenset(s for s in stems if "-" not in s or not set(content_stems(s.replace("-", " "))) <= stems)


RANGES = (
    (re.compile(r"(?i)\bless than (\d+)"), lambda n, a, _: n < a),
    (re.compile(r"(?i)\bgreater than (\d+)"), lambda n, a, _: n > a),
    (re.compile(r"\b(\d+)-(\d+)\b"), lambda n, a, b: a <= n <= b),
)
SAID_RANGE = 2.0  # a number the query says that falls in a character's range ("48" in "24-96")


NEGATIONS = frozenset({"without", "no", "non", "not"})
NONE_MEANINGS = frozenset({"", "none", "no device", "no qualifier", "no contrast"})  # the value Z


def _negative(meaning: str) -> bool:
    """A value that says what is not there ("Nonautologous"): the default when its positive is not said."""
    return meaning.lower().startswith("non") and not meaning.lower().startswith("none")


def _negate(scores: dict[tuple[int, str], tuple[float, float]], meanings: dict[tuple[int, str], str]) -> None:
    """ "MRI brain without contrast": the query's words that name a character's value ("contrast" in "Other
    Contrast") are negated, so the character's None value (Z, titled by nothing) is the one said, not the value the word names."""
    for (position, char), meaning in meanings.items():
        if char != "Z" or meaning.lower() not in NONE_MEANINGS or (position, char) not in scores:
            continue
        named = [
            key for key in scores if key[0] == position and key != (position, char) and scores[key][0] > 0
        ]
        if not named:
            continue
        strongest = max(scores[key][0] for key in named)
        for key in named:
            scores[key] = (0.0, scores[key][1] + 1.0)
        scores[(position, char)] = (strongest + 1.0, 0.0)


def negated_words(
    conn: sqlite3.Connection, code: str, query_stems: frozenset[str], memo: dict[object, object] | None = None
) -> frozenset[str]:
    """The query's words a complete PCS code answers by leaving them out: "without contrast" is answered by
    "CT of Abdomen" (contrast None) because other codes of its table are titled "using ... Contrast". Empty
    when the query negates nothing."""
    said = query_stems & NEGATIONS
    if not said or len(code) != 7:
        return frozenset()
    rows, _ = _pcs_rows(conn, code[:4], {} if memo is None else memo)
    titled: set[str] = set()
    for row in rows:
        titled |= _meaning_stems(str(row[1]))
    mine = next((str(row[1]) for row in rows if str(row[0]) == code), "")
    answered = (query_stems & frozenset(titled)) - _meaning_stems(mine)
    return said | answered if answered else frozenset()


# An imaging study "with and without contrast" is the PCS qualifier "Unenhanced and Enhanced" (B030Y0Z), not a
# study without contrast: the words are read as the qualifier's own before the query's negation is read.
BOTH_WAYS = re.compile(r"\b(?:with\s+and\s+without|without\s+and\s+with)\b")


def read_both_ways(text: str) -> str:
    """ "MRI brain with and without gadolinium" -> "MRI brain unenhanced and enhanced gadolinium"."""
    return BOTH_WAYS.sub("unenhanced and enhanced", text)


HOURS_A_DAY = 24
DAY_STEMS = frozenset({stem("day"), stem("days")})
HOUR_STEMS = frozenset({stem("hour"), stem("hours"), "hr", "hrs"})


def said_hours(query_stems: frozenset[str]) -> tuple[int, ...]:
    """The numbers the query says, in hours when it counts days and no hours ("vent for 5 days" -> 120, the
    PCS durations being "Less than 24", "24-96" and "Greater than 96 Consecutive Hours")."""
    numbers = sorted(int(s) for s in query_stems if s.isdigit() and len(s) <= 4)
    if query_stems & DAY_STEMS and not query_stems & HOUR_STEMS:
        numbers = [n * HOURS_A_DAY for n in numbers]
    return tuple(numbers)


RANGE_FIT = 25.0  # a title's range holding the number the query says, against one that does not


def range_fit(title: str, numbers: tuple[int, ...]) -> float:
    """How a PCS title found by its words fits a duration the query says ("ventilator 18 hours": "Less than 24
    Consecutive Hours" holds 18, "24-96 Consecutive Hours" does not); 0 when either says no range."""
    within = _within(title, numbers)
    return 0.0 if within is None else (RANGE_FIT if within else -RANGE_FIT)


def _within(meaning: str, numbers: tuple[int, ...]) -> bool | None:
    """Whether a number the query says falls in the range a character means ("Less than 24", "24-96",
    "Greater than 96"); None when the meaning is no range or the query says no number."""
    if not numbers:
        return None
    for pattern, holds in RANGES:
        found = pattern.search(meaning)
        if found:
            a, b = int(found.group(1)), int(found.group(found.lastindex or 1))
            return any(holds(n, a, b) for n in numbers)
    return None


def _body_part_stems(
    meanings: dict[tuple[int, str], str], memo: dict[object, object] | None, table: str
) -> frozenset[str]:
    """The stems of a table's body part meanings (its fourth character), kept per table."""
    key = ("part stems", table)
    found = memo.get(key) if memo is not None else None
    if not isinstance(found, frozenset):
        found = frozenset(s for (p, _), m in meanings.items() if p == 4 for s in _meaning_stems(m))
        if memo is not None:
            memo[key] = found
    return found


def _shared_stems(meanings: dict[tuple[int, str], str], position: int) -> frozenset[str]:
    """Stems found in more than half of one character's meanings in a table."""
    counts: dict[str, int] = {}
    values = [m for (p, _), m in meanings.items() if p == position]
    for meaning in values:
        for s in _meaning_stems(meaning):
            counts[s] = counts.get(s, 0) + 1
    return frozenset(s for s, n in counts.items() if n * 2 > len(values) and len(values) > 2)


def _approaches(
    query_stems: frozenset[str], table: str, offered: frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """The approaches to prefer, in order, when the query's words do not choose one (`offered`: the approach
    values the table holds)."""
    if by_own_opening(table, offered):
        return APPROACHES_BY_OPENING  # a dilator goes along the lumen from its opening (pcs_lumen)
    # "excisional biopsy": cut out as any excision is, no needle (bot.lookups.index.pcs_openings)
    needle = table.startswith("3") or (
        any(w in s for s in query_stems for w in NEEDLE_WORDS) and not cut_by_blade(query_stems)
    )
    # A device put in a blood vessel (a filter, a line, a catheter) is put in through a needle puncture.
    needle = needle or table[:3].upper() in VESSEL_INSERTIONS
    # An angioplasty is done through a catheter in the vessel (bot.lookups.index.pcs_angioplasty).
    needle = needle or endovascular(table)
    # An ablation in the heart or a vessel is done through a catheter in its lumen (bot.lookups.index.pcs_lumen).
    needle = needle or ablated_by_catheter(table) or ablated_by_probe(table, offered, query_stems)
    if needle:
        return APPROACHES_NEEDLE
    return APPROACHES_DEEP if table[:2] in DEEP_SYSTEMS else APPROACHES_PLAIN


@lru_cache(maxsize=TITLE_CACHE)
def _meaning_stems(meaning: str) -> frozenset[str]:
    return content_stems(meaning)


def _same_root(a: str, b: str) -> bool:
    """ "intestin" (Intestine) and "intestinal", "thyroid" and "thyroidectomy": one leads the other."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= ROOT_LETTERS and long.startswith(short)


VIA = stem("via")
# The words that say an opening the instrument goes in by ("via vagina", "via the mouth", "via stoma").
OPENING_STEMS = frozenset(
    stem(w)
    for w in (
        "natural",
        "opening",
        "orifice",
        "artificial",
        "vagina",
        "vaginal",
        "mouth",
        "oral",
        "nose",
        "nasal",
        "urethra",
        "urethral",
        "rectum",
        "rectal",
        "anus",
        "anal",
        "stoma",
        "ostomy",
        "tube",
        "ett",
    )
)
ROOT_LETTERS = 6  # the shortest word `_same_root` reads as the root of a longer one


def root_operation(
    conn: sqlite3.Connection, section_system: str, name: str, memo: dict[object, object] | None = None
) -> str:
    """The third character of a PCS root operation in a section and body system ("0D", "Excision" -> "B"),
    read from the code titles ("Excision of Stomach, ...")."""
    memo = {} if memo is None else memo
    key = ("root", section_system)
    cached = memo.get(key)
    if not isinstance(cached, dict):
        names: dict[str, str] = {}
        for code, title in conn.execute(
            "SELECT code, title FROM codes WHERE system = 'pcs' AND code >= ? AND code < ? GROUP BY substr(code, 3, 1)",
            [section_system, section_system + "\uffff"],
        ):
            names[str(title).split(" of ")[0].split(",")[0].strip().lower()] = str(code)[2]
        memo[key] = cached = names
    return str(cached.get(name.lower(), ""))


def _pcs_rows(
    conn: sqlite3.Connection, raw: str, memo: dict[object, object]
) -> tuple[list[tuple[object, ...]], dict[tuple[int, str], str]]:
    key = ("pcs", raw)
    found = memo.get(key)
    if found is None:
        rows = conn.execute(
            "SELECT code, title FROM codes WHERE system = 'pcs' AND current = 1 AND code >= ? AND code < ? "
            "ORDER BY code LIMIT 3000",
            [raw, raw + "\uffff"],
        ).fetchall()
        # (an approach the titles left unnamed is named by its official value: pcs_approach_values)
        axes = named_approaches(_axes(conn, raw[:3]), (str(r[0]) for r in rows), APPROACH_SECTIONS)
        found = ([tuple(r) for r in rows], axes)
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        memo[key] = found
    return found  # type: ignore[return-value]


def _axes(conn: sqlite3.Connection, table: str) -> dict[tuple[int, str], str]:
    """What each character of a table means (built from the titles by scripts/build_index_data.py, body
    parts with their whole wording: "Right Knee Joint")."""
    return {
        (int(p), str(c)): str(m)
        for p, c, m in conn.execute("SELECT position, char, meaning FROM pcs_axes WHERE tbl = ?", [table])
    }
