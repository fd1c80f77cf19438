"""An external cause is never the first-listed code beside the condition it explains (guideline I.C.20).

ICD-10-CM's Official Guidelines, section I.C.20: external cause codes (V00-Y99) are "never to be sequenced as
first-listed or principal diagnosis"; they are used with the code of the injury or condition they explain,
and a place of occurrence (Y92), activity (Y93) or external cause status (Y99) is used only with another code.
The External Cause Index's story lines often hold more of a query's words than the Alphabetic Index's line of
the injury ("traumatic pneumothorax after being kicked by a horse": Contact, with, horse, strike holds the
horse and the kick; Pneumothorax, traumatic holds only the injury), so the walk may rank the cause first.

A coder lists the condition first when the query names one the cause does not: an answer of another chapter
found by an Alphabetic Index, Drug Table or Neoplasm Table line holding a word the query says that the cause's
line does not hold - a word of the condition, not only of where it is (a body site or a side: "dog bite on
the leg" names the bite both indexes hold, and the cause answers it) nor of the event (a word the External
Cause Index begins a main term with: "keyhole saw slipped and cut my hand" tells the cut the saw made, "Cut,
cutting" in both indexes). The condition comes first and the cause beside it, as its suggested pair. A query
that only tells how it happened ("fell off a ladder", "kicked by a mule") names no other condition and keeps
the cause first.

The condition is an injury or poisoning (chapter 19, S00-T88) or an encounter or status (chapter 21, Z00-Z99),
the codes an external cause is reported with; before a place of occurrence (Y92) any chapter's condition
leads. A symptom of another chapter told with an activity or an exertion ("knee pain from spin class", "neck
pain from sitting at a desk") keeps the cause first: the query sets' external-cause rows ask for the cause
there, and a coder reading them as a cause question answers it.

`condition_before_cause` reads the answers' `why` paths (the Index line each one was found by) and returns
the place of the condition to list first, or None.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.lookups.index.words import content_stems

EXTERNAL_CAUSE_LETTERS = frozenset("VWXY")
LOOKED_AT = 5  # the answers a condition is looked for in
# The chapters whose codes an external cause is listed beside (guideline I.C.20: chapter 19's injuries and
# poisonings; chapter 21's encounters and statuses): a place of occurrence (Y92) is listed after any chapter's.
LEADING_CHAPTERS = frozenset("STZ")
PLACE_OF_OCCURRENCE = "Y92"
CONDITION_SOURCES = frozenset({"Index", "Drug Table", "Neoplasm Table"})  # a condition's own line
# The line an answer was found by, after the prefixes a reading adds ("clause “...”: ", "suggested with ...: ").
_PREFIXES = re.compile(r"^(?:(?:clause “[^”]*”|suggested with [^:]+|read: [^:]+): )+")
_SOURCES = (
    "External Cause Index",
    "Index",
    "Drug Table",
    "Neoplasm Table",
    "title",
    "inclusion term",
)
_LINE = re.compile(rf"^(?P<source>{'|'.join(_SOURCES)})(?: \([^)]*\))?: (?P<line>.*?)(?: -> | \(|$)")
_READ = re.compile(r"(?:vocabulary|spelling): ([^;)]*?) (?:->|→) ([^;),]*)")
_UNUSED = re.compile(r"(?:\(|; )not used: ([^)]*)\)")
_STORY = re.compile(r"\(story: [^)]*? -> ([^)]*)\)")
_TABULAR = re.compile(r" -> Tabular: ([^>]*?) -> ")


def is_external_cause(code: str) -> bool:
    """Whether an ICD-10-CM code is in chapter 20, External causes of morbidity (V00-Y99)."""
    return code[:1] in EXTERNAL_CAUSE_LETTERS and code[1:3].isdigit()


def found_by(why: str) -> tuple[str, str] | None:
    """(source, line) of the Index line, Table row, title or inclusion term an answer's why names, or None
    (a PCS path, a HCPCS descriptor, a code typed)."""
    match = _LINE.match(_PREFIXES.sub("", why))
    return (match.group("source"), match.group("line")) if match else None


def _readings(
    why: str, query: str, story: bool = True
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(the query's stems the answer's line holds - with the words a story was read as when `story` -, the
    line's stems the query does not say, the stems of the words the answer says it did not use)."""
    line = found_by(why)
    if line is None:
        return frozenset(), frozenset(), frozenset()
    said = content_stems(query)
    path = content_stems(" ".join([line[1], *_TABULAR.findall(why)]))
    held = set(said & path)
    read: set[str] = set()
    for typed, means in _READ.findall(why):
        if content_stems(means) & path:
            held |= content_stems(typed) & said
            read |= content_stems(means)
    for told in _STORY.findall(why) if story else ():
        held |= content_stems(told) & said
    unused = frozenset(s for words in _UNUSED.findall(why) for s in content_stems(words.replace(",", " ")))
    return frozenset(held - unused), frozenset(content_stems(line[1]) - said - read), unused


def held_words(why: str, query: str) -> frozenset[str]:
    """The query's content stems an answer's line holds: the line's own words, a phrase the vocabulary or a
    spelling correction read into them ("fell" -> fall), the words the Tabular step chose its code by and
    the words a story was read as - not a word the answer says it did not use."""
    return _readings(why, query)[0]


def names_condition(
    why: str,
    query: str,
    cause: frozenset[str],
    is_site: Callable[[str], bool],
    names_event: Callable[[str], bool],
) -> bool:
    """Whether an answer found by an Alphabetic Index, Drug Table or Neoplasm Table line holds a word of the
    query the cause's line does not - a word of the condition: not a body site or a side, nor a word the
    External Cause Index begins a main term with (`names_event`: "cut", "burn", "fall", "injury" name the
    event itself) - and holds more of the query's words than it adds of its own ("Break, retina" for
    "breaking every rule" adds as much as it holds: no reading of the query), or says it left unused only
    words the cause's line holds (the two read the query together)."""
    line = found_by(why)
    if line is None or line[0] not in CONDITION_SOURCES:
        return False
    held, adds, unused = _readings(why, query, story=False)  # (the story read for the cause is not its line)
    path = content_stems(line[1])
    # (a word read as the event's main term is the event: "fell" read as "Falling, falls")
    events = {
        typed_stem
        for typed, means in _READ.findall(why)
        if any(names_event(m) for m in content_stems(means) & path)
        for typed_stem in content_stems(typed) - path
    }
    own = [w for w in held - cause - events if not is_site(w)]
    # (the pair reads every word the condition leaves: "fighting with husband, relationship distress" ->
    # Distress, relationship, with spouse or intimate partner, beside Fight)
    return any(not names_event(w) for w in own) and (
        len(adds) < len(held) or (bool(unused) and unused <= cause)
    )


def condition_before_cause(
    answers: Sequence[tuple[str, str]],
    query: str,
    is_site: Callable[[str], bool],
    names_event: Callable[[str], bool],
) -> int | None:
    """The place in `answers` ((ICD-10-CM code or "", why) each) of the condition to list before an external
    cause listed first, or None. `is_site` says whether a stem names a body site or a side, `names_event`
    whether it begins a main term of the External Cause Index."""
    if len(answers) < 2 or not is_external_cause(answers[0][0]):
        return None
    cause = held_words(answers[0][1], query)
    place = answers[0][0][:3] == PLACE_OF_OCCURRENCE
    for at, (code, why) in enumerate(answers[1:LOOKED_AT], start=1):
        if not code or is_external_cause(code) or found_by(why) is None:
            continue
        if code[:1] not in LEADING_CHAPTERS and not place:
            continue  # ("knee pain from spin class": the symptom told with the cause's story)
        if names_condition(why, query, cause, is_site, names_event):
            return at
    return None
