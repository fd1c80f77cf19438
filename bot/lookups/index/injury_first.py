"""An injury told with its cause: the injury's code first, the external cause beside it.

"broken right arm falling off a ladder", "spleen laceration from MVC", "bruised left kidney after fall off
bike": the query names the injury (its nature and the part) and then how it happened. A coder codes the
injury first and the external cause after it (guideline I.C.20: an external cause code is never the
first-listed diagnosis; it goes with the injury it explains). The search reads the story of the cause
well, and that story's code may use more of the query's words than the injury's; this module finds the
clause that names the injury so it is answered on its own and listed first.

Only a query that starts with the injury said as an injury (a noun, an adjective or a verb of its nature:
fracture, broken, sprained, laceration, bruised, dislocated, tore, burn ...) and a part is read so: a story told first
("slipped slicing a bagel, knife cut palm") or an act told as a verb ("cut her wrist on purpose", "burned
her hand while ironing") asks for the cause.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.lookups.index.injury_natures import read_injury_natures

# The nature of an injury said as a noun or an adjective (never as the act: "cut", "burned", "bit").
_NATURE = re.compile(
    r"\b(?:fractures?|fractured|fx|broken|broke|busted|cracked|shattered|sprains?|sprained|strains?|twisted|"
    r"rolled|tore|"
    r"lacerations?|lac|gash(?:ed)?|split|bruised?|bruising|contusions?|dislocations?|dislocated|torn|tears?|"
    r"ruptured?|rupture|crush(?:ed|ing)?|smashed|amputations?|amputated|abrasions?|skinned|scraped|"
    r"puncture|punctured|burns?|concussion|concussed|whiplash|hematoma|jammed|sprain)\b"
)
# Where the cause's story starts: a connector or a verb of how it happened.
_CAUSE = re.compile(
    r"\s+(?=(?:from|after|when|while|during|falling|fell|slipping|slipped|tripping|tripped|stepping|playing|"
    r"lifting|skiing|skating|riding|running|jumping|diving|wrestling|fighting|hit\s+by|struck\s+by|"
    r"by\s+an?|in\s+an?|at\s+(?:the|a|an|work|home|school)|with\s+an?|on\s+an?|on\s+the\s+(?!left|right|back|"
    r"top|bottom|side|inside|outside|front|palm|sole|tip)|and\s+(?:fell|was|got|hit|then))\b)"
)
_SIDES = frozenset({"left", "right", "l", "r", "lt", "rt", "both", "bilateral"})
# Natures that name their part themselves (a concussion is of the brain, a whiplash of the neck).
_OWN_SITE = frozenset({"concussion", "concussed", "whiplash"})
# Parts said in everyday words that no ICD-10-PCS body part value names.
_LAY_SITE_WORDS = """thigh thighs shin shins calf calves palm palms sole soles heel heels forehead scalp cheek cheeks chin lip
    lips eyebrow eyebrows brow eyelid eyelids ear ears nose jaw collarbone tailbone kneecap kneecaps rib ribs
    pinky knuckle knuckles groin buttock buttocks butt belly temple spleen liver kidney kidneys lung lungs
    sternum breastbone cheekbone fingertip toe toes finger fingers thumb thumbs rotator cuff achilles hamstring
    quad quads biceps triceps tendon muscle"""
_LAY_SITES = frozenset(_LAY_SITE_WORDS.split())


def injury_clause(query: str, is_site: Callable[[str], bool]) -> str | None:
    """The clause at the start of the query naming an injury (its nature and a part `is_site` knows), when
    a cause is told after it; None otherwise."""
    # (read as the Index's natures first: "tore his rotator cuff falling off a bike" is a traumatic tear)
    lowered = read_injury_natures(" ".join(query.lower().replace("’", "'").split()))
    clauses = re.split(r"\s*[,;]\s*", lowered)
    head = _CAUSE.split(clauses[0], maxsplit=1)[0].strip()
    nature = _NATURE.search(head)
    if head == lowered or nature is None or (len(head.split()) < 2 and nature.group(0) not in _OWN_SITE):
        return None
    words = re.findall(r"[a-z][a-z'-]*", head)
    if nature.group(0) in _OWN_SITE or any(
        w not in _SIDES and (w in _LAY_SITES or is_site(w)) for w in words if w != nature.group(0)
    ):
        qualified = ", ".join([head, *_qualifiers(clauses[1:])]) if head == clauses[0] else head
        return head if qualified == lowered else qualified  # (a cause told after the qualifiers only)
    return None


# A clause that states a fact of the injury said before it rather than the cause: a negation or a "with"
# of what the Tabular splits the injury by ("no LOC", "without displacement", "with brief LOC").
_QUALIFIER = re.compile(r"^(?:no|not|without|w/o|with|w/)\s")


def _qualifiers(rest: list[str]) -> list[str]:
    """The clauses after the injury's own that qualify it ("cerebral contusion, no LOC, after fall off
    ladder" -> ["no LOC"]), up to the one telling the cause: they are said of the injury, so the injury's
    clause is read with them (the Tabular's "without loss of consciousness" child, not the one unspecified)."""
    kept: list[str] = []
    for clause in rest:
        if not _QUALIFIER.match(clause) or _CAUSE.search(clause):
            break
        kept.append(clause)
    return kept


def told_without_cause(query: str) -> str | None:
    """The query with the story of its cause left out: the first clause up to where the cause is told ("from",
    "after", "while", "fell" ...), the other clauses as they are ("acute otitis externa from sun exposure,
    right ear" -> "acute otitis externa, right ear"); None when no cause is told after words of their own."""
    clauses = re.split(r"\s*[,;]\s*", " ".join(query.lower().replace("’", "'").split()))
    head = _CAUSE.split(clauses[0], maxsplit=1)[0].strip()
    if head == clauses[0] or not re.search(r"[a-z]{3}", head):
        return None
    return ", ".join([head, *(c for c in clauses[1:] if c)])
