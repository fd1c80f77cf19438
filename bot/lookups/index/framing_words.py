"""Framing words set aside before any reading: who tells the complaint, when it is told, and what the asker
wants of the coder - "pt reports central scotoma OD", "vancomycin allergy, per patient", "streaks of blood in
sputum this AM", "eyelid edges crusty most days", "c/o odynophagia", "what's the code for ODD", "bone graft
status - please code".

A coder reads such a query as the words between the frames: none of them names a condition, a procedure or
an item. A search that reads every word is moved by them ("today" is no word of any Index line, but "days" is:
"anemia in pregnancy, 2nd trimester most days" gave a twin pregnancy; "pt reports" read "pt" as physical
therapy). bot.lookups.filler's lexicon holds these word classes already, but reads them only when the query as
typed found nothing; here the frames, recognised by their grammar at a clause's edge, are cut before the
search, so every reader sees the query without them:

- a reporting frame: who tells (filler's people and family words) and a telling verb at a clause's start
  ("pt reports", "mom says", "patient presents with", "c/o"), or "per" / "according to" / "reported by"
  and who tells at a clause's end ("per patient", "per mom");
- a request to the coder at a clause's start ("what's the ICD-10 code for", "need a dx for", "please code")
  or end ("- please code", "thanks");
- when it is told, at a clause's edge: a deictic adverb ("today", "tonight", "now") that no Index line, no
  Tabular title and no vocabulary term holds (the data decides: a time word the code set uses is no frame),
  or a determiner or quantifier with a time noun ("this morning", "last night", "most days", "every week").

A frame's word stays wherever the code set reads it with the rest of the query: a time noun that shares an
Index line with another word said ("night sweats most nights", "morning sickness every morning") is what the
Index reads, and the query is left as typed. Spans of time ("for 2 weeks", "x3 days") are
bot.lookups.index.time_spans's, read after this; a negation ("pt denies ...") is no frame.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.lookups.filler import HOW_OFTEN, LINKING, TELLING_WORDS, TIME_NOUNS, WHO_WORDS, says_negation
from bot.lookups.index.lay_descriptions import INDEX_TIMES
from bot.lookups.index.tree import IndexTree
from bot.lookups.index.words import stem
from bot.lookups.schema import WORD


def _alternatives(words: frozenset[str] | set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Who tells: filler's people words, the pronouns of a third person, a clinician.
_TELLERS = WHO_WORDS | {"he", "she", "they", "family", "caregiver", "parent", "parents", "guardian"}
# The telling verbs that open what is told ("reports X", "complains of X", "presents with X").
_TELLING = _alternatives(TELLING_WORDS - {"report"})
_WHOSE = r"(?:(?:the|my|our|his|her|their)\s+)?"
_TOLD_BY = (
    rf"(?:per|according\s+to|as\s+(?:reported|stated|told)\s+by|reported\s+by)\s+{_WHOSE}"
    rf"(?:{_alternatives(_TELLERS)}|chart|report|records?)"
)
_REPORTING_LEAD = re.compile(
    rf"^\s*(?:(?:{_WHOSE}(?:{_alternatives(_TELLERS)})\s+(?:(?:also|now)\s+)?)?"
    rf"(?:(?:{_TELLING})(?!\s+by\b)|c/o)(?:\s+(?:of|with|that|about))?"
    # the chart's visit: "pt was seen for", "seen today with"
    rf"|(?:{_WHOSE}(?:{_alternatives(_TELLERS)})\s+)?(?:(?:was|is|being)\s+)?seen\s+(?:today\s+)?(?:for|with)"
    rf"|{_TOLD_BY}\s*[:-])\s+(?=\S)",
    re.IGNORECASE,
)
_REPORTING_TRAIL = re.compile(rf"\s*\(?\s*(?<![\w/'-]){_TOLD_BY}\s*\)?\s*$", re.IGNORECASE)
# A request to the coder: "what's the ICD-10 code for", "need a dx code for", "please code", "thanks".
_KIND = r"(?:(?:icd|icd-?10|icd-?10-?cm|dx|diagnosis)\s+)?"
_REQUEST_LEAD = re.compile(
    r"^\s*(?:please\s+)?"
    r"(?:(?:(?:what(?:'s|\s+is|\s+are)|need|give\s+me|looking\s+for|find|get\s+me)\s+(?:(?:a|an|the)\s+)?)?"
    rf"{_KIND}(?:code|codes|dx)\s+(?:for|of)\s*:?"
    r"|please\s+(?:code|look\s*up)|(?:code|look\s*up)\s*:)\s+(?=\S)",
    re.IGNORECASE,
)
_REQUEST_TRAIL = re.compile(
    r"\s*[-:]?\s*(?<![\w/'-])(?:(?:please|kindly)(?:\s+(?:code|look\s*up|advise))?(?:\s+(?:this|it|that))?"
    r"|thanks|thank\s+you)\s*[.!?]*\s*$",
    re.IGNORECASE,
)
# When it is told: a deictic adverb (checked against the data: no code set word), or a determiner or a
# quantifier with a time noun.
_DEICTIC = frozenset({"today", "tonight", "yesterday", "tomorrow", "lately"})
_TIME_NOUNS = _alternatives(TIME_NOUNS | {"afternoon", "afternoons", "am", "pm"})
_TIME = (
    rf"(?<![\w/'-])(?:(?:earlier|later)\s+)?(?P<deictic>{_alternatives(_DEICTIC)})\b"
    rf"|(?<![\w/'-])(?:(?:this|last|yesterday|(?P<often>{_alternatives(HOW_OFTEN)}))\s+(?P<noun>{_TIME_NOUNS}))\b"
)
_TIME_TRAIL = re.compile(rf"\s*-?\s*(?:{_TIME})\s*[.!]*\s*$", re.IGNORECASE)
_TIME_LEAD = re.compile(rf"^\s*(?:{_TIME})\s*[-:]?\s+(?=\S)", re.IGNORECASE)
_CLAUSE = re.compile(r"\s*[,;]\s*")


@dataclass(frozen=True)
class Framed:
    text: str  # the query without its frames, its clauses as typed
    cut: tuple[str, ...]  # the frames, as typed


def without_framing(query: str, coded: Callable[[str], bool], tree: IndexTree) -> Framed | None:
    """The query without its framing words (see the module docstring), or None when it has none or nothing
    else would be left. `coded(word)`: whether a title, an Index line or the vocabulary holds the word;
    `tree`: the Index, whose lines say where a time noun is read with a condition."""
    if len(query) > 300 or says_negation(query):
        # a denial is read by the clauses as typed: "patient denies nausea, reports heartburn" needs its
        # "reports" to end what is denied, or the denied nausea comes back as an answer
        return None
    clauses = _CLAUSE.split(query.strip())
    said = {stem(w) for w in WORD.findall(query.lower()) if w not in LINKING}
    cut: list[str] = []
    kept: list[str] = []
    for clause in clauses:
        rest = clause
        changed = True
        while changed and rest:
            changed = False
            for pattern, at_start in (
                (_REQUEST_LEAD, True),
                (_REPORTING_LEAD, True),
                (_TIME_LEAD, True),
                (_REQUEST_TRAIL, False),
                (_REPORTING_TRAIL, False),
                (_TIME_TRAIL, False),
            ):
                found = pattern.search(rest)
                if found is None or not _frames(found, said, coded, tree):
                    continue
                cut.append(found.group(0).strip(" -:()"))
                rest = rest[found.end() :] if at_start else rest[: found.start()]
                rest = rest.strip(" -:")
                # a linking word left at the cut links nothing ("hangover from last night")
                words = rest.split()
                while not at_start and words and words[-1].lower() in LINKING:
                    words.pop()
                rest = " ".join(words)
                changed = True
        if rest:
            kept.append(rest)
    if not cut or not kept:
        return None
    text = ", ".join(kept)
    if not re.search(r"[a-z]{3}", text, re.IGNORECASE) or text == query.strip():
        return None
    return Framed(text, tuple(c for c in cut if c))


def _frames(found: re.Match[str], said: set[str], coded: Callable[[str], bool], tree: IndexTree) -> bool:
    """Whether a time frame is no word the code set reads: its deictic adverb is in no title, Index line or
    vocabulary term, and its time noun is read by no Index line with another word of the query. (Reporting
    and request frames always frame.)"""
    if "deictic" not in found.re.groupindex:
        return True
    deictic = found.group("deictic")
    if deictic is not None:
        return not coded(deictic.lower())
    if found.group("often") and found.group("noun").lower() in INDEX_TIMES:
        return False  # ("wets the bed every night": when it comes is what the Index reads - nocturnal)
    noun = stem(found.group("noun").lower())
    own = {stem(w) for w in WORD.findall(found.group(0).lower())}
    return not reads_time_noun(tree, noun, said - own)


def _stems(term: str) -> set[str]:
    return {stem(w) for w in WORD.findall(_NONESSENTIAL.sub(" ", term).lower())} - _LINK_STEMS


_NONESSENTIAL = re.compile(r"\([^)]*\)")
_LINK_STEMS = frozenset(stem(w) for w in LINKING | {"and", "or", "the", "a", "an"})


def reads_time_noun(tree: IndexTree, noun: str, others: set[str]) -> bool:
    """Whether the Index reads a time noun (`noun`, a stem) with another word said (`others`, stems) as one
    condition: a main term of the two ("Terror, night"), a main term of the other with the noun as its
    subterm ("Sweats, night"), or the noun's main term with a subterm of the other ("Night, ...")."""
    if not others:
        return False
    mains = [node for _, node, _, _ in tree.matches([0], {noun})]
    for main in tree.nodes(mains):
        words = _stems(main.term)
        if words & others and words <= others | {noun}:
            return True
    plain = [m for m in tree.nodes(mains) if _stems(m.term) == {noun}]
    if plain and tree.matches([m.id for m in plain], others):
        return True
    holders = sorted({m for other in others for m in tree.main_terms_holding(other)})
    return any(
        _stems(n.term) == {noun} for n in tree.nodes([c for _, c, _, _ in tree.matches(holders, {noun})])
    )
