"""A suspicion told in plain words and found not to be so -> the Index's "Observation, suspected, ruled out".

The Index files an encounter for a suspected condition that the work-up rules out under Observation,
suspected, ruled out (Z03.-; a newborn's under Observation, newborn ... ruled out, Z05.-; guideline
I.C.21.c.6), with lines for a foreign body "ingested", "aspirated (inhaled)" or "inserted", for "toxic effects
from ingested substance (drug) (poison)" and "condition NEC". Users tell the doubt and the all-clear in their
own words and never the frame: "toddler may have swallowed a coin, xray clear", "maybe swallowed grandma's
pills, fine", "may have inhaled a peanut, ruled out", "newborn checked for seizures, ruled out". A coder hears
the frame in the pair - a word of doubt (may have, maybe, possible, suspected, checked for, worried about)
and a closing all-clear (ruled out, x-ray clear, nothing found, negative, fine) - and reads the thing in the
Index's words: swallowed is ingested; inhaled, breathed in or choked on is aspirated; put or stuck into an
opening is inserted; a medicine, pills or a household chemical swallowed is a toxic effect from an ingested
substance; anything else swallowed is a foreign body.

`told_ruled_out` returns the sentence in the words `reasons.observation_ruled_out` reads ("observation for
suspected <what> ruled out"), or None.
"""

from __future__ import annotations

import re

_DOUBT = (
    r"(?:may\s+have|might\s+have|could\s+have|maybe|possibly|possible|probable|suspected|suspect|"
    r"concern\s+for|concerned\s+about|worried\s+about|thought\s+to\s+have|checked\s+for|check\s+for|"
    r"evaluated\s+for|eval\s+for|evaluation\s+for|workup\s+for|work-up\s+for|r/o|rule\s+out)"
)
_CLEAR = (
    r"(?:(?:was\s+|is\s+|got\s+)?ruled\s+out|(?:(?:the\s+)?(?:x-?rays?|xr|cxr|ct|scan|imaging|labs?|tests?|"
    r"workup|work-up|exam|ekg|ecg|eeg|ultrasound|us)\s+(?:was\s+|were\s+|is\s+|came\s+back\s+)?"
    r"(?:clear|negative|neg|normal|unremarkable|fine|ok|okay))|nothing\s+(?:found|seen|there)|not\s+found|"
    r"none\s+found|(?:was\s+|is\s+|all\s+)?negative|all\s+clear|turned\s+out\s+(?:fine|ok|normal|negative)|"
    r"(?:was\s+|is\s+|all\s+)?(?:fine|ok|okay|normal|clear))"
)
_TOLD = re.compile(
    rf"^(?P<before>(?:[a-z'/-]+\s+){{0,5}}?)(?P<doubt>{_DOUBT})\s+(?P<what>.+?)\s*(?:,|;|-|\bbut\b|\band\b)?\s*"
    rf"(?:\bbut\s+)?(?P<clear>{_CLEAR})$"
)
_LOOKED = re.compile(r"^(?:checked|check|evaluated|eval|evaluation|workup|work-up)\b")
_NEWBORN = re.compile(r"\b(?:newborn|neonate|infant|nb|baby)\b")
# Verbs of how a thing got in, in the Index's words for the foreign body lines.
_SWALLOWED = re.compile(
    r"^(?:swallowed|swallow|ate|eaten|ingested|ingest|got\s+into|took|drank|chewed)\s+(?P<thing>.+)$"
)
_INHALED = re.compile(
    r"^(?:inhaled|inhale|breathed\s+in|aspirated|aspirate|choked\s+on|choking\s+on)\s+(?P<thing>.+)$"
)
_INSERTED = re.compile(
    r"^(?:put|stuck|pushed|shoved|inserted|placed|got)\s+(?P<thing>.+?)\s+(?:in|into|up)\s+"
    r"(?:his|her|their|my|the|a)?\s*(?:nose|nostril|ear|eye|vagina|rectum|bottom|urethra|skin)$"
)
# What a swallowed thing is when it is a substance, not an object: the Index's toxic effects (drug) (poison).
_SUBSTANCE = re.compile(
    r"\b(?:pills?|meds?|medications?|medicines?|tablets?|tabs|capsules?|drugs?|vitamins?|gummies|bleach|"
    r"chemicals?|cleaners?|detergents?|pods?|poisons?|antifreeze|alcohol|liquor|edibles?|battery\s+acid|"
    r"lye|pesticides?|insecticides?|rat\s+poison|mothballs?|fluid|liquid|oil)\b"
)


def told_ruled_out(text: str) -> str | None:
    """The sentence said in the Observation words (module docstring), or None when it tells no doubt with an
    all-clear."""
    low = " ".join(text.lower().replace("\u2019", "'").split()).strip(" .")
    if low.startswith(("observation", "obs ")):
        return None  # (said in the frame's own words: read as it is)
    told = _TOLD.match(low)
    if told is None:
        return None
    if _LOOKED.match(told.group("doubt")) and "ruled" not in told.group("clear"):
        return None  # ("checked for strep, negative": a test told, no suspicion: the test's own reading)
    what = re.sub(r"^(?:(?:that|he|she|they|the\s+patient|pt)\s+)?(?:had\s+|has\s+)?", "", told.group("what"))
    what = what.strip(" ,")
    if re.search(r"\b(?:feels?|feeling|looks?|seems?|is|was|otherwise)$", what):
        return None  # ("possible UTI, feels fine": how the patient is, no test's all-clear)
    if not what or len(what.split()) > 6:
        return None
    newborn = " in newborn" if _NEWBORN.search(told.group("before") or "") else ""
    swallowed, inhaled, inserted = _SWALLOWED.match(what), _INHALED.match(what), _INSERTED.match(what)
    if swallowed:
        what = (
            "toxic effects from ingested substance"
            if _SUBSTANCE.search(swallowed.group("thing"))
            else "foreign body ingested"
        )
    elif inhaled:
        what = "foreign body aspirated"
    elif inserted:
        what = "foreign body inserted"
    return f"observation for suspected {what}{newborn} ruled out"
