"""A status said in a user's words -> the Index's Presence / Status frame (guideline I.C.21.c.3).

The status Z codes (Z93-Z99: an artificial opening, a transplanted organ, a device or a prosthesis the patient
lives with, a dependence on a machine, a restraint) are filed in the Alphabetic Index under frame words a
user seldom types: Presence (of), Status (post), Dependence (on). Users say the same fact by the state of the
thing: "wears bilateral hearing aids", "hearing aid wearer", "suprapubic catheter in place", "patient in wrist
restraints, status", "Mitrofanoff status". Read literally the words reach the device's HCPCS line, the
procedure's PCS code or a complication of the device; a coder hears the status frame (guideline I.C.21.c.3:
status codes indicate that a patient has a device, a prosthesis or the after-effect of a procedure) and reads
the thing as its subterm: Presence, hearing-aid; Status, cystostomy; Physical restraint status.

`status_said` returns the frame and the thing's words, or None; the search reads "<frame> <thing>" and keeps
the answer only when it is a Z code of the frame (bot.lookups.search.Searcher._past_state), so a reading the
Index does not answer leaves the query to its own reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ARTICLE = r"(?:(?:an?|the|his|her|my|their|both|two)\s+)?"
# "wears full upper and lower dentures", "wearing a right knee brace": what is worn is present.
_WEARS = re.compile(rf"^(?:wears|wearing|wear)\s+{_ARTICLE}(?P<what>[a-z0-9' /-]+)$")
# "bilateral hearing aids wearer": the one who wears it, said after the thing.
_WEARER = re.compile(r"^(?P<what>[a-z0-9' /-]+?)\s+(?:wearer|user)$")
# "VP shunt in place", "pig heart valve in place", "has a PICC line in place": what is in place is present.
_IN_PLACE = re.compile(
    rf"^(?:(?:has|have|with|pt\s+with|patient\s+with)\s+)?{_ARTICLE}(?P<what>[a-z0-9' /-]+?)\s+(?:still\s+)?in\s+place$"
)
# "Mitrofanoff appendicovesicostomy status", "patient in wrist restraints, status", "status: ileostomy": the
# state said by the frame's own word, before or after the thing ("status post" is an operation had, read
# by bot.lookups.index.past_states; "status asthmaticus" and its kind name a condition, no frame).
_STATUS_AFTER = re.compile(r"^(?:(?:patient|pt)\s+(?:in|on|with)\s+)?(?P<what>[a-z0-9' /-]+?)\s*,?\s+status$")
_STATUS_BEFORE = re.compile(
    r"^status\s*:?\s+(?!post\b|asthmaticus\b|epilepticus\b|migrainosus\b)(?P<what>[a-z0-9' /-]+)$"
)
# A genetic carrier (Z14) or a carrier of an infectious organism (Z22), said by the verb: "she carries the
# cystic fibrosis gene", "carries a gene for a rare inherited disease", "colonized with ESBL bacteria".
_GENE = r"(?:genes?|trait|mutations?|variants?)"
_CARRIES_GENE = re.compile(
    rf"^(?:(?:she|he|they|pt|patient|mom|dad)\s+)?(?:carries|is\s+a\s+carrier\s+(?:of|for))\s+{_ARTICLE}"
    rf"(?:(?:{_GENE})\s+(?:for|of)\s+{_ARTICLE}(?P<what>[a-z0-9' -]+)|(?P<named>[a-z0-9' -]+?)\s+{_GENE})$"
)
_COLONIZED = re.compile(
    r"^(?:(?:pt|patient)\s+)?(?:is\s+)?(?:colonized|colonised)\s+(?:with|by)\s+(?P<what>[a-z0-9' -]+)$"
)
# A genetic susceptibility (Z15): a gene, a mutation or an inheritance said with a risk of, or a
# predisposition to, a disease ("has the gene mutation that raises her risk of uterine cancer", "genetic
# testing shows he is predisposed to epilepsy", "inherited risk of kidney disease").
_SUSCEPTIBLE = re.compile(
    rf"\b(?:{_GENE}|genetic|genetically|inherited|hereditary)\b.*?\b(?:(?:risk|chance)\s+(?:of|for)|"
    r"predisposed\s+to|predisposition\s+to|susceptib\w+\s+to)\s+(?P<what>[a-z0-9' -]+)$"
    rf"|\b{_GENE}\b.*?\b(?:raises|increases|ups)\s+(?:his|her|their|my|the)\s+(?P<before>[a-z0-9' -]+?)\s+risk$"
)
# (what follows a comma or "but" is the patient's state beside it: "no infection", "but is healthy herself")
_BESIDE_STATE = re.compile(r"\s*(?:,|\bbut\b|\bwho\b|\band\s+is\b).*$")
_SIDE_AFTER = re.compile(r"^(?P<told>.+?)\s*,\s*(?P<side>(?:both|right|left|bilateral|bilat)(?:\s+[a-z]+)?)$")
_CUE = re.compile(
    r"\b(?:wears|wearing|wear|wearer|user|in\s+place|status(?!\s+post\b)|carries|carrier|colonized|colonised|predisposed|"
    r"predisposition|genes?|genetic|inherited|hereditary|mutations?)\b"
)
# (a thing said by more words than this is a story, not a device's name)
MAX_THING_WORDS = 6


@dataclass(frozen=True)
class StatusSaid:
    """The Index frame a status is said in ("presence", "status") and the thing's words."""

    frame: str
    what: str


def may_say_status(text: str) -> bool:
    """A cheap test of the words: whether a status may be said in them."""
    return _CUE.search(text) is not None


def status_said(text: str) -> StatusSaid | None:
    """The status frame and the thing a plain, lowercased query says in a user's words, or None."""
    told = _BESIDE_STATE.sub("", text)
    carries = _CARRIES_GENE.match(told)
    if carries:
        return _said("genetic carrier", carries.group("what") or carries.group("named"))
    colonized = _COLONIZED.match(told)
    if colonized:
        return _said("carrier", colonized.group("what"))
    susceptible = _SUSCEPTIBLE.search(told)
    if susceptible:
        return _said("genetic susceptibility", susceptible.group("what") or susceptible.group("before"))
    side = _SIDE_AFTER.match(text)
    if side:  # ("ear tubes in place, both ears": the side said after the state belongs to the thing)
        text = side.group("told")
    for pattern, frame in (
        (_WEARS, "presence"),
        (_WEARER, "presence"),
        (_IN_PLACE, "presence"),
        (_STATUS_AFTER, "status"),
        (_STATUS_BEFORE, "status"),
    ):
        found = pattern.match(text)
        if found:
            what = " ".join(found.group("what").replace(",", " ").split())
            what = f"{what} {side.group('side')}" if side else what
            if what and len(what.split()) <= MAX_THING_WORDS:
                return StatusSaid(frame, what)
    return None


def _said(frame: str, what: str | None) -> StatusSaid | None:
    """The frame and the thing's words, unless the thing is said in too many words to be a name."""
    words = " ".join((what or "").split())
    return StatusSaid(frame, words) if words and len(words.split()) <= MAX_THING_WORDS else None
