"""A surgical approach said as an approach: the query is a procedure, not a condition read from its words.

The ICD-10-PCS approach values (Definitions, Approach: Open, "cutting through the skin or mucous membrane and
any other body layers necessary to expose the site of the procedure"; Percutaneous; Percutaneous Endoscopic;
Via Natural or Artificial Opening Endoscopic) say how a procedure reached its site, and guideline B5.2 codes a
procedure to the approach it was done by. A query says one of them *as an approach* when

- a clause names the approach and nothing else ("taking out the small ear bones on the left, open",
  "left dacryocystorrhaphy, endoscopic"; bot.lookups.index.pcs_approach.approach_only), or
- the query opens with the approach word before what was done ("open cutting of the trigeminal root for tic
  douloureux", "percutaneous ablation of ...").

Then the words before or after it tell a procedure, as the tables word one: an ICD-10-CM, External Cause or
HCPCS answer that leaves some of the query's words unread ("Wound, open, ear" reached by the approach word
alone, "Tic, douloureux" for the reason the procedure was done) comes just below the best PCS answer done by
the approach said. An answer reading every word the query says keeps its place ("femur fracture, open" is the
open fracture), and so does any answer when the query asks for a status, a history or an encounter
(bot.lookups.index.pcs_asked.asks_cm_reading).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.lookups.codebook import Code
from bot.lookups.index.completion import APPROACH_SECTIONS
from bot.lookups.index.pcs_approach import APPROACH_FILLERS, approach_only
from bot.lookups.index.pcs_asked import asks_cm_reading
from bot.lookups.index.words import content_stems, stem

Scored = dict[tuple[str, str], tuple[float, str, Code | None, str]]
# The approach values a surgeon's words say of a procedure: Open (0), Percutaneous (3), Percutaneous Endoscopic
# (4), Via Natural or Artificial Opening Endoscopic (8). External (X: "closed fracture") and Via Natural or
# Artificial Opening (7: a tube through the mouth) are said of conditions and devices too.
SURGICAL_APPROACHES = frozenset("0348")
OTHER_SYSTEMS = frozenset({"cm", "hcpcs"})
# How far below the procedure's code the other answer goes.
BELOW = 1.0
_CLAUSES = re.compile(r"[,;]")
_SENT = re.compile(r"PCS Index: ([^>]+?) -> see ")
# What a vocabulary note says the query's words were read as ("vocabulary: lap chole -> laparoscopic
# cholecystectomy").
_READ_AS = re.compile(r"vocabulary: [^;()]*? (?:->|\u2192) ([^;(),]*)")
# The notes an answer carries on how the query's words were read, not what its path reads.
_NOTES = re.compile(r"\((?:vocabulary|spelling|word form|story|said|described|activity|read by)[^)]*\)")
_WORDS = re.compile(r"[a-z][a-z'-]*|[,;]")


def approach_clauses(query: str, reads: Callable[[frozenset[str]], frozenset[str]]) -> frozenset[str]:
    """The surgical approach characters the query says in a clause of approach words alone (`reads`: the
    approach characters a set of stems names, completion.said_approaches)."""
    clauses = [c for c in _CLAUSES.split(query.lower()) if c.strip()]
    said: set[str] = set()
    if len(clauses) > 1:
        for clause in clauses:
            if approach_only(clause, reads):
                said |= reads(content_stems(clause))
    return frozenset(said) & SURGICAL_APPROACHES


def leading_approach(
    query: str, reads: Callable[[frozenset[str]], frozenset[str]]
) -> tuple[frozenset[str], str] | None:
    """The surgical approach characters the query's first word says, and the stem of the word after it (what was
    done: "open cutting of ...": 0, cut); None when the query opens with no approach word."""
    words = _WORDS.findall(query.lower())
    if len(words) < 2:
        return None
    said = reads(content_stems(words[0])) & SURGICAL_APPROACHES
    done = content_stems(words[1])
    if not said or len(done) != 1:
        return None
    return said, next(iter(done))


def said_as_approach(query: str, reads: Callable[[frozenset[str]], frozenset[str]]) -> bool:
    """Whether the query says a surgical approach as an approach: it names a procedure, and a PCS title found
    by its body part's words is an answer to it (search._asked_procedures)."""
    return bool(approach_clauses(query, reads)) or leading_approach(query, reads) is not None


def approach_stems(query: str, reads: Callable[[frozenset[str]], frozenset[str]]) -> frozenset[str]:
    """The query's stems that name an approach (or only fill an approach's name: "approach", "via")."""
    return frozenset(s for s in content_stems(query) if s in APPROACH_FILLERS or reads(frozenset({s})))


# The sides a body part value names beside the part itself.
_SIDES = frozenset(stem(w) for w in ("left", "right", "bilateral", "upper", "lower"))


def operated_part_said(title: str, query_stems: frozenset[str], why: str = "") -> bool:
    """Whether the query says a word of the body part a PCS title operates on - its words after the root
    operation and before the approach, a device or substance and sides aside ("Division of Trigeminal Nerve, Open Approach":
    trigeminal, nerve): a code reached by the procedure word alone ("Reduction, Mammoplasty" -> Excision of
    Left Breast for "open reduction left ankle fracture") is no procedure the query tells. A path sending
    from lines the query says all of, as typed or as the vocabulary read it ("lap chole" ->
    laparoscopic cholecystectomy: Cholecystectomy -> see Resection, Gallbladder), names the part itself."""
    sent = _SENT.match(why)
    if sent is not None:
        read = query_stems | content_stems(" ".join(_READ_AS.findall(why)))
        # every line read before the reference is said ("Ligation, hemorrhoid" is no ductus arteriosus)
        if all(content_stems(line.split("(")[0]) <= read for line in sent.group(1).split(",")):
            return True
    operated = title.split(", ", 1)[0].split(" ", 1)[-1]
    if " into " in operated:  # "Insertion of <device> into <body part>"
        operated = operated.split(" into ", 1)[1]
    operated = operated.split(" with ", 1)[0].split(" using ", 1)[0]  # the device or substance aside
    return bool((content_stems(operated) - _SIDES) & query_stems)


def procedure_by_said_approach(
    scored: Scored,
    query: str,
    query_stems: frozenset[str],
    reads: Callable[[frozenset[str]], frozenset[str]],
) -> None:
    """Moves each ICD-10-CM / HCPCS answer that reads the query as no procedure just below the best PCS answer
    done by an approach the query says as an approach (in place), when that PCS answer reads a word the other
    leaves unread: after a clause of approach words alone, any word; after an opening approach word, only when
    the word after it (what was done) is left unread too."""
    if asks_cm_reading(query_stems):
        return
    clause = approach_clauses(query, reads)
    leading = leading_approach(query, reads)
    said = clause | (leading[0] if leading is not None else frozenset())
    if not said:
        return
    said_stems = content_stems(query)
    best: tuple[float, frozenset[str]] | None = None
    for (system, _), (score, why, code, title) in scored.items():
        if system != "pcs" or code is None or len(code.code) != 7 or code.code[0] not in APPROACH_SECTIONS:
            continue
        if code.code[4] not in said or not operated_part_said(code.title, said_stems, why):
            continue
        if best is None or score > best[0]:
            best = (score, content_stems(f"{why} {title}"))
    if best is None:
        return
    top, procedure_reads = best
    query_words = said_stems - approach_stems(query, reads)
    for key, (score, why, code, title) in list(scored.items()):
        if key[0] not in OTHER_SYSTEMS or score < top:
            continue
        unread = query_words - content_stems(f"{_NOTES.sub('', why)} {title}")
        if not unread & procedure_reads:
            continue  # the procedure's code reads no more of what was said ("open reduction ... fracture")
        if clause or (leading is not None and leading[1] in unread):
            scored[key] = (top - BELOW, why, code, title)
