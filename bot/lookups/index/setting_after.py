"""A place of occurrence, activity or external cause status is not listed before the event's own line
(guideline I.C.20.a.5 and the Tabular's note at Y92-Y99: "supplementary"; they are used with an external
cause code).

"fell out of bed at nursing home": the Index walk of the whole sentence may rank "Place of occurrence, nursing
home" (Y92.129) above "Fall, from, off, out of, bed" (W06): both hold words of the query, the place line more.
A coder reports the fall first and the place beside it. So when the first answer is a Y92/Y93/Y99 line that
leaves words of the story unused, and an answer a few places below is an external cause (V00-Y38, not Y07,
the perpetrator, itself supplementary) whose line holds more of the story than its bare verb (the bed fallen
out of; not "Fall" W19, "Fall, due to, slipping" W01.0 or "Accident" X58 for a bare "fell", "slipped",
"accident"), that answer comes first and the setting second. A setting told beside a bare cause ("tripped at the zoo", "fell while rappelling") keeps the setting
first: it is what the query adds to the default; a place asked alone ("injury occurred in kitchen at home")
has no event beside it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.lookups.index.words import content_stems

SETTING_CATEGORIES = frozenset({"Y92", "Y93", "Y99"})
LOOKED_AT = 5  # the answers a cause is looked for in
EXTERNAL_INDEX = "External Cause Index: "
TOLD_WORDS = 2  # words of the query the event's line holds: more than its bare verb ("fell" + "bed")
_READ = re.compile(r"vocabulary: ([^;)]*?) -> ([^;)]*)")


def is_setting(code: str) -> bool:
    return code[:3] in SETTING_CATEGORIES


def is_external_cause(code: str) -> bool:
    """Whether the code is an external cause of an injury (V00-Y38, not Y07 or a setting)."""
    letter, number = code[:1], code[1:3]
    if letter in "VWX":
        return True
    return letter == "Y" and number.isdigit() and int(number) <= 38 and number != "07"


def tells_event(why: str, query: str) -> bool:
    """Whether an External Cause Index path holds more of the story than its bare verb: two words the query
    says (or the vocabulary read them as) - "Fall, from, off, out of, bed" for "fell out of bed", not
    "Fall, due to, slipping" for "slipped" nor "Tripping, over, carpet, rug or object, with fall" for
    "tripped"."""
    if not why.startswith(EXTERNAL_INDEX):
        return False
    path = content_stems(why[len(EXTERNAL_INDEX) :].split(" -> ", 1)[0])
    direct = content_stems(query) & path
    # a phrase the vocabulary read ("fell out of bed" -> fall from bed) counts once, when no word of it
    # is held as typed ("tripped" -> fall tripping is the one word "tripped")
    read = sum(
        1
        for typed, means in _READ.findall(why)
        if content_stems(means) & path and not content_stems(typed) & direct
    )
    return len(direct) + read >= TOLD_WORDS


def event_before_setting(answers: Sequence[tuple[str, str]], query: str) -> int | None:
    """The place in `answers` ((ICD-10-CM code, why) each) of the event to list before a setting listed
    first, or None."""
    if not answers or not is_setting(answers[0][0]) or "not used:" not in answers[0][1]:
        return None
    return next(
        (
            i
            for i, (code, why) in enumerate(answers[1:LOOKED_AT], start=1)
            if is_external_cause(code) and tells_event(why, query)
        ),
        None,
    )
