"""How long a complaint has lasted, read past: "cough for 2 weeks", "fever x3 days", "rash since last week".

A coder codes the cough, not its two weeks: ICD-10-CM has no line for a duration unless the documentation names
the condition it makes (chronic, persistent). To a search that reads every word the span is not inert: "2 weeks"
is also a gestational age ("huffing paint fumes for 2 weeks" gave Z3A.20, 20 weeks gestation; "cleaning and care of
the cystostomy for 2 weeks" gave Z3A.08 through "Maternal care"), and "weeks" a sense of an abbreviation read in a
pregnancy ("CPAP chinstrap for 2 weeks" gave placenta accreta).

`without_span` returns the query without its spans of time, and the spans (None when it says none, or nothing
else). A span stays when the query says something a span decides: a pregnancy (weeks of gestation, weeks
postpartum), a loss of consciousness (its length picks the S06 code), ventilation or other support (hours picks
the PCS code), an age ("3 weeks old"), how long ago something was ("MI 3 weeks ago": acute or old), or a day
after surgery, or how long it has lasted ("cough persisting for 9 weeks": a chronic cough). Minutes and hours
always stay, and the search keeps the span when what answers without it is a procedure (ICD-10-PCS counts
support and monitoring in hours and days: "high flow nasal cannula for 30 hours", "on BiPAP for 3 days").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_COUNT = r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|few|a\s+couple\s+of)"
# (minutes and hours stay: they are what a loss of consciousness and a PCS duration are counted in)
_UNIT = r"(?:days?|weeks?|wks?|months?|mos?|years?|yrs?)"
_SPAN = re.compile(
    rf"\bfor\s+(?:the\s+)?(?:(?:past|last)\s+)?{_COUNT}\s*{_UNIT}\b"
    rf"|\bx\s*{_COUNT}\s*{_UNIT}\b"
    r"|\bsince\s+(?:yesterday|last\s+(?:night|week|month|year)|this\s+morning)\b",
    re.IGNORECASE,
)
# What a span of time decides (the span stays).
_SPAN_DECIDES = re.compile(
    r"\b(?:pregnan\w*|gestation\w*|g\d+(?:p\d+)?|trimester|along|postpartum|post-partum|conscious\w*|loc|"
    r"passed\s+out|knocked\s+out|blacked\s+out|unresponsive|coma|vent|vented|ventilat\w*|intubat\w*|cpap|bipap|"
    r"ecmo|dialysis|old|ago|pod|postop|post-op|persist\w*|lasting|chronic|ongoing|continu\w*)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Span:
    text: str  # the query without its spans
    cut: tuple[str, ...]  # the spans, as typed


def without_span(query: str) -> Span | None:
    """The query without its spans of time, or None (no span, one the query needs, or nothing else said)."""
    low = query.lower()
    if "for" not in low and "x" not in low and "since" not in low:
        return None
    cut = tuple(m.group(0).strip() for m in _SPAN.finditer(query))
    if not cut or _SPAN_DECIDES.search(query):
        return None
    text = " ".join(_SPAN.sub(" ", query).split()).strip(" ,;:-")
    text = re.sub(r"\s+,", ",", text)
    if not re.search(r"[a-z]{3}", text, re.IGNORECASE):
        return None
    return Span(text, cut)
