"""A condition the words say is over -> the Index's History, personal frame (guideline I.C.21.c.4).

Guideline I.C.21.c.4: "Personal history codes explain a patient's past medical condition that no longer exists
and is not receiving any treatment"; I.C.2.d says the same of a cancer excised or eradicated with no further
treatment and no evidence of disease (Z85). Users tell it without the word "history": the condition, then
that it is over ("resolved hep B", "hep C treated with sofosbuvir, cured", "had dengue last year, fully
recovered", "diabetic foot sore that healed", "had polio as a child, no residual problems", "prostate CA
treated with radical prostatectomy 2018, no disease now"), or a verb that says it is behind the patient
("beat pancreatic cancer", "survived a stroke", "recovered from hepatitis A"), or a treatment finished
in the past ("completed treatment for breast ca 5 yrs ago", "treated for cancer of the epididymis in the
past"). A coder reads the words as "history of <condition>" and looks that up in the Index (History,
personal, <condition>), or, where no History line names the condition, in the Tabular's "Conditions
classifiable to" notes (bot.lookups.index.reasons.history_code).

A condition still present or still treated stays the condition: a treatment without a time past or an
end ("treated for pneumonia", "on treatment for TB") is no history, and a residual named after the past
condition ("polio years ago, with leg weakness") is its sequela (guideline I.B.10), left to the query's own
reading.

`read_over` returns the condition's words and how the words said it is over, or None.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# A closing clause that says the condition is over: resolved, cured, recovered, healed, no disease left.
_OVER_WORD = (
    r"(?:(?:fully|completely|totally|since|now|has|have|had|was|were|is|it's|its|it|which|that|and|all|been)\s+)*"
    r"(?:resolved|cured|recovered|healed|cleared|eradicated|gone|went\s+away)"
)
_NOTHING_LEFT = (
    r"no\s+(?:residual|lasting|remaining|current|active|further|ongoing)(?:\s+(?:problems?|issues?|effects?|"
    r"disease|deficits?|symptoms?|cancer|infection|damage|treatment))?|"
    r"no\s+(?:evidence\s+of\s+)?(?:disease|cancer|recurrence|infection|problems?)(?:\s+(?:now|since|"
    r"currently|today|left))?|(?:fine|well|healthy)\s+(?:now|since)|nothing\s+since|cancer[- ]free"
)
_OVER_TAIL = re.compile(
    rf"(?:\s*,)?\s+(?:(?:and|but|now|,)\s+)*(?:{_OVER_WORD}|{_NOTHING_LEFT})(?:\s*,\s*.*)?$"
)
# A verb before the condition that says it is over ("beat pancreatic cancer", "recovered from hepatitis A").
_OVER_LEAD = re.compile(
    r"^(?:(?:i|he|she|they|pt|patient)\s+)?(?:beat|survived|recovered\s+from|resolved|healed|cured|"
    r"cured\s+of|got\s+over|is\s+over|got\s+rid\s+of)\s+(?P<what>.+)$"
)
# A treatment said before the condition, over only with a time past or a closing clause.
_TREATED_LEAD = re.compile(
    r"^(?:(?:was|were|got|had\s+been|been)\s+)?(?:treated|completed\s+treatment|finished\s+treatment|"
    r"completed\s+(?:chemo|chemotherapy|radiation)|finished\s+(?:chemo|chemotherapy|radiation)|"
    r"had\s+treatment|had\s+surgery|had)\s+(?:for\s+)?(?P<what>.+)$"
)
# A time past said after the condition ("5 yrs ago", "in the past", "in 2018", "as a child", "last year").
_TIME_PAST = re.compile(
    r"(?:\s*,)?\s+(?:(?:\d+|a\s+few|many|several|two|three|some)\s+(?:years?|yrs?|months?)\s+(?:ago|back)|"
    r"years?\s+ago|long\s+ago|a\s+(?:while|long\s+time)\s+ago|in\s+the\s+past|previously|"
    r"last\s+(?:year|month|spring|summer|fall|winter|pregnancy)|(?:back\s+)?in\s+(?:19|20)\d\d|(?:19|20)\d\d|"
    r"as\s+an?\s+(?:baby|infant|newborn|child|kid|toddler|teen|teenager)|in\s+(?:childhood|infancy)|"
    r"when\s+(?:he|she|i|they)\s+(?:was|were)\s+(?:an?\s+)?(?:baby|infant|child|kid|toddler|teen|teenager|"
    r"little|young))$"
)
# The treatment said after the condition ("hep C treated with sofosbuvir", "prostate CA treated with radical
# prostatectomy"): how it was made over, no word of the condition.
_TREATED_WITH = re.compile(
    r"\s+(?:(?:that|which)\s+)?(?:was\s+|were\s+|got\s+)?(?:treated|removed|excised|resected|operated\s+on)"
    r"(?:\s+(?:with|by|using|via)\s+.+)?$"
)
_OWNER = re.compile(r"^(?:(?:a|an|the|his|her|my|their)\s+)")
# Words that tell something else than a condition that is over: a condition now, a residual, a visit.
_NOT_OVER = re.compile(
    r"\b(?:with|w/|now\s+(?:has|with|having)|still|residual\s+\w+|left\s+with|due\s+to|from|after|because|"
    r"causing|caused|follow\w*|visit|screening|recheck|check\w*|surveillance|family|mom|dad|mother|father|"
    r"brother|sister|since\s+then|but\s+still|remission|recurr\w*|again|new|now\s+with|presents?|"
    r"injections?|current\s+treatment|on\s+treatment|test\w*|screen\w*|exam\w*|vaccin\w*|before|travel\w*|"
    r"dx'?d|diagnosed)\b"
)
# Where the condition was caught ("dengue in Thailand", "malaria on a trip to Ghana"): a place, no word of it.
_WHERE = re.compile(
    r"\s+(?:(?:while|when)\s+)?(?:in|on\s+a\s+trip\s+to|during\s+a\s+trip\s+to|traveling\s+in|travelling\s+in|"
    r"visiting)\s+(?P<place>[a-z]+(?:\s+[a-z]+)?)$"
)
_DENIED = re.compile(r"\b(?:never|not|n't|hasn't|hasnt|didn't|didnt|isn't|hadn't|partially|incompletely)$")
_HISTORY_SAID = re.compile(r"^(?:(?:personal|past|prior)\s+)?(?:history|hx|h/o)\s+(?:of\s+)?")
# An end said alone that may be an episode settling within the visit, not a past condition.
_SETTLED = re.compile(
    r"(?:(?:and|but|now|has|have|was|is|it|which|that|all|since)\s+)*(?:resolved|gone|went\s+away|cleared)"
)
MAX_WORDS = 6  # a condition's words, at most ("cancer of the epididymis", "diabetic foot sore")


@dataclass(frozen=True)
class Over:
    what: str  # the condition's words
    said: str  # how the words said it is over (for the note the user sees)


def read_over(text: str, place: Callable[[str], bool] = lambda words: False) -> Over | None:
    """The condition a lowercased query says is over, or None; `place(words)` says whether words name a place
    (a country, a city: WordNet's noun.location), which the condition's words leave out."""
    text = " ".join(text.replace("\u2019", "'").split()).strip(" ,.")
    tail = _OVER_TAIL.search(text)
    said = tail.group(0).strip(" ,") if tail else ""
    rest = text[: tail.start()] if tail else text
    when = _TIME_PAST.search(rest)
    if when:
        said = f"{when.group(0).strip(' ,')}, {said}" if said else when.group(0).strip(" ,")
        rest = rest[: when.start()]
    if tail and _DENIED.search(rest):
        return None  # ("fracture never healed": not over)
    if "," in rest and not _OVER_LEAD.match(rest):
        return None  # ("troponin elevated, chest pain resolved": a finding now beside what is over)
    rest = _HISTORY_SAID.sub("", rest)  # ("history of anorexia nervosa, recovered")
    lead = _OVER_LEAD.match(rest)
    if tail and not when and not lead and not rest.startswith("had ") and _SETTLED.fullmatch(said):
        return None  # ("TIA, L arm numb 20 min, resolved": the episode settled, the visit's condition)
    treated = _TREATED_LEAD.match(rest) if lead is None else None
    if lead:
        rest, said = lead.group("what"), f"{rest[: lead.start('what')].strip()} {said}".strip()
    elif treated and (
        tail or (said and not rest.startswith("had ")) or rest.startswith(("completed", "finished"))
    ):
        rest = treated.group("what")
    elif not said or not tail:
        return None  # (a time past alone: "had X years ago" is read by bot.lookups.index.past_states)
    rest = _TREATED_WITH.sub("", rest.split(",")[0]).strip(" ,")  # ("resolved hep B, immune")
    rest = _OWNER.sub("", rest)
    where = _WHERE.search(rest)
    if where and place(where.group("place")):
        rest = rest[: where.start()]
    if (
        not rest
        or len(rest.split()) > MAX_WORDS
        or _NOT_OVER.search(rest)
        or _NOT_OVER.search(re.sub(_NOTHING_LEFT, " ", said))
    ):
        return None
    return Over(rest, said)
