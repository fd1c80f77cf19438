"""A procedure the query names by its ICD-10-PCS Index main term, ahead of a diagnosis that adds a condition.

"amputation right great toe", "CPR chest compressions", "tongue-tie release": the query says a PCS Index
main term that names a procedure (a root operation's own name, or a main term the PCS Index sends to a root
operation or codes at once: "Amputation -> see Detachment", "Resuscitation, External chest compression ->
5A12012"), and the ICD-10-CM answer above its code reads no more of the query than the procedure's code does
while it says a condition the query never said: "Amputation, traumatic, toe, great" (traumatic), "Flail chest
associated with chest compression and cardiopulmonary resuscitation" (flail), "Problems related to release
from prison" (prison). A coder codes what was done; the diagnosis reading would need words the chart does
not hold. It goes just below the procedure's code.

It reads the PCS Index's main terms as printed (their references to root operations, or a code printed on
the line), the root operation names of the PCS tables' third character, and the Alphabetic Index lines and
Tabular titles of the ICD-10-CM answer as printed (bot.lookups.index.unsaid_words: the content words an
answer adds, its sides and the Tabular's default wording aside). A query asking for the ICD-10-CM reading of
the word - its status, history, an encounter or a complication after it (bot.lookups.index.pcs_asked.
CM_READING) - keeps its diagnosis."""

from __future__ import annotations

import re
from itertools import pairwise

from bot.lookups.codebook import Code
from bot.lookups.index.pcs_asked import PROCEDURE_ROOTS, asks_cm_reading
from bot.lookups.index.sub_queries import said_in_another_form
from bot.lookups.index.unsaid_words import (
    answer_adds,
    answer_reads,
    content_said,
    main_term_reads,
    titled_label,
)
from bot.lookups.index.words import content_stems, stem
from bot.lookups.schema import WORD

Scored = dict[tuple[str, str], tuple[float, str, Code | None, str]]

_NOT_USED = re.compile(r"\(not used: ([^)]*)\)")
_READINGS = re.compile(r"(?:vocabulary|read|spelling|word form): [^;)]*?(?:->|\u2192) ([^;)]*)")
_PCS_MAIN_TERM = re.compile(r"PCS Index: ([^,>(]+?)(?:,| ->| \()")
# The Index's generic nouns of a condition named by an eponym or a modifier ("Disease, de Quervain's"): the
# line names the condition said, no other one.
GENERIC_NOUNS = frozenset(stem(w) for w in ("disease", "disorder", "syndrome", "condition", "state"))
# Words telling the condition is a past one's late effect ("amputation of right arm years ago, late effects"):
# the sequela is coded, not a procedure.
SEQUELA = frozenset(stem(w) for w in ("sequela", "sequelae", "late", "ago", "residual", "healed", "old"))
STEPS = 100  # a moved answer's step below the one moved before it
# How far below the procedure's code the diagnosis goes.
BELOW = 1.0
ADDS_NOTE = "the procedure named; a diagnosis would add: {words}"


def procedure_term(why: str, procedure_stems: frozenset[str], query_stems: frozenset[str]) -> str | None:
    """The PCS Index main term a PCS answer's path begins with, when the query says all of its words and it
    names a procedure: a one-word main term sending to a root operation (`procedure_stems`, bot.lookups.
    derived_tables.build_procedure_words) or a root operation named by a name that is no ordinary word."""
    found = _PCS_MAIN_TERM.match(why)
    if found is None:
        return None
    term = found.group(1).strip()
    words = content_stems(term)
    if not words or not words <= query_stems:
        return None
    if term.lower() in PROCEDURE_ROOTS or (" " not in term and stem(term) in procedure_stems):
        return term
    return None


def _put_in(why: str) -> frozenset[str]:
    """The stems a reading the answer shows put in for the query's words ("vocabulary: cpr -> cardiopulmonary
    resuscitation")."""
    return frozenset(stem(w) for note in _READINGS.findall(why.lower()) for w in WORD.findall(note))


def _reads(said: list[str], title: str, why: str, sites: frozenset[str]) -> frozenset[str]:
    """The query's content stems a PCS answer reads: those its title and path print, and a word said just
    before a body site it prints that its why does not say it left unused - the site's own modifier, read
    through the body part value ("great toe": Toe, 1st)."""
    left = _NOT_USED.search(why)
    unused = {stem(w) for w in WORD.findall(left.group(1).lower())} if left else set()
    printed = answer_reads(said, title, why)
    modifiers = {
        word for word, after in pairwise(said) if after in printed and after in sites and word not in unused
    }
    return printed | frozenset(modifiers)


def _said(word: str, stems: frozenset[str]) -> bool:
    """Whether a word an answer adds is one the query or its readings say, in another form ("retina" for
    "retinal")."""
    return stem(word) in stems or said_in_another_form(word, stems)


def procedure_before_added_condition(
    scored: Scored,
    query: str,
    procedure_stems: frozenset[str],
    query_stems: frozenset[str],
    sites: frozenset[str] = frozenset(),
) -> None:
    """Moves each ICD-10-CM condition answer (no Z code: an encounter or a status is the procedure word's own
    ICD-10-CM reading, bot.lookups.index.pcs_asked) that ranks above the best PCS answer named by a said
    procedure main term, reads no query word that answer does not, and adds a condition word neither the query,
    its readings nor that answer say, just below that PCS answer, in its order (in place). `sites`: the stems of
    the PCS tables' body part values."""
    if asks_cm_reading(query_stems) or query_stems & SEQUELA:
        return
    said = content_said(query)
    best: tuple[float, frozenset[str], frozenset[str], tuple[str, str]] | None = None
    typed = frozenset(stem(w) for w in WORD.findall(query.lower()))
    for key, (score, why, code, title) in scored.items():
        if key[0] != "pcs":
            continue
        # (the main term said as typed, or put in by a reading the answer shows: "cpr -> ... resuscitation")
        if procedure_term(why, procedure_stems, typed | _put_in(why)) is None:
            continue
        if best is None or score > best[0]:
            shown = code.title if code is not None else title
            best = (score, answer_reads(said, shown, why), _reads(said, shown, why, sites), key)
    if best is None:
        return
    top, printed, reads, lead = best
    _, lead_why, lead_code, lead_title = scored[lead]
    # the words the procedure's own answer prints: a word both print is no condition only the diagnosis adds
    # ("skinned right elbow": Abrasion, elbow and Abrasion -> see Extraction, Elbow)
    shown_lead = lead_code.title if lead_code is not None else lead_title
    lead_words = frozenset(stem(w) for w in WORD.findall(f"{shown_lead} {lead_why}".lower()))
    moved: list[str] = []
    for key, (score, why, code, title) in sorted(scored.items(), key=lambda kv: -kv[1][0]):
        if key[0] != "cm" or score < top or key[1].startswith("Z"):
            continue
        shown = code.title if code is not None else title
        # A title found by its words is held to what the procedure's code prints ("flail chest from CPR":
        # the title reads "flail"); an Index line to what its path read ("great toe": Toe, 1st).
        if not answer_reads(said, shown, why) <= (printed if titled_label(why) else reads):
            continue
        if not titled_label(why) and not main_term_reads(said, why) <= printed:
            continue  # ("flail chest from CPR": Flail, chest, ... reads its own condition, no procedure)
        adds = [
            w
            for w in answer_adds(query, shown, why)
            if stem(w) not in GENERIC_NOUNS
            and stem(w) not in lead_words
            and stem(w) not in sites
            and not _said(w, query_stems)
        ]
        if adds:
            # (in the order they had: each a step further below)
            scored[key] = (top - BELOW * (1 + len(moved) / STEPS), why, code, title)
            moved += [a for a in adds if a not in moved]
    if moved:
        score, why, code, title = scored[lead]
        scored[lead] = (score, f"{why} ({ADDS_NOTE.format(words=', '.join(moved))})", code, title)
