"""A visit for a device or an artificial opening, told with a verb or in front-desk words -> the Index's
Fitting (and adjustment), Encounter (for) adjustment and management, and Attention (to) lines.

- "here to have new hearing aids programmed", "fitting for new eyeglasses", "braces adjustment at
  orthodontist", "VP shunt check and adjustment", "reprogramming of spinal cord stimulator": a device fitted,
  adjusted, programmed or checked is the Index's Fitting (and adjustment) / Encounter, adjustment and
  management line of the device (Z44-Z46, Z45), read in the Index's own device words (glasses; orthodontic
  device; neurostimulator; cerebrospinal fluid drainage device);
- "trach tube change", "g tube site care", "nephrostomy tube site check and flush", "colostomy takedown": an
  artificial opening's tube changed, cleaned, flushed or checked, or the opening closed, is Attention (to) the
  opening (Z43; its Tabular includes closure, reforming and removal of a catheter from the opening).

Only a sentence of the device, the act and the words a visit is told in is read; any other word (a
complication, "infected", "leaking", "malfunction") is a condition the Index codes instead.
"""

from __future__ import annotations

import re


def _word_set(text: str) -> frozenset[str]:
    """The words of a list written as text, one space apart."""
    return frozenset(text.split())


# The acts on a device, as verbs and nouns, and the Index's act they are.
_ADJUST = (
    r"adjust|adjusted|adjusting|adjustment|adjustments|program|programmed|programming|reprogram|"
    r"reprogrammed|reprogramming|fit|fitted|fitting|tune|tuned|tuning|tune-up|interrogation|interrogated|"
    r"check|checked|checking|recheck|settings?\s+(?:changed|adjusted|check)"
)
_CARE = (
    r"care|check|checked|checking|flush|flushed|flushing|cleaning|cleaned|maintenance|change|changed|exchange|"
    r"exchanged|replacement|replaced|reversal|reversed|takedown|take\s+down|closure|closed|evaluation"
)
# Artificial openings (Attention (to) ...), in the words a chart or a family says them.
_OPENING = re.compile(
    r"\b(?P<opening>[a-z]+ostomy|trach|g[- ]?tube|j[- ]?tube|gj[- ]?tube|peg(?:\s+tube)?)"
    r"(?:\s+(?:tube|site|stoma|bag|appliance|catheter))*\b"
)
_OPENING_WORDS = {"g tube": "gastrostomy", "g-tube": "gastrostomy", "gtube": "gastrostomy", "peg": "gastrostomy",
                  "peg tube": "gastrostomy", "j tube": "jejunostomy", "j-tube": "jejunostomy",
                  "jtube": "jejunostomy", "gj tube": "gastrostomy", "gj-tube": "gastrostomy",
                  "trach": "tracheostomy"}  # fmt: skip
# Devices said in words the Index does not use, and the Index's word for them.
_DEVICE_WORDS = (
    (r"\b(?:eye\s*glasses|eyeglasses|spectacles|reading\s+glasses)\b", "glasses"),
    (r"\bcontacts\b", "contact lenses"),
    (r"\bhearing\s+aids\b", "hearing aid"),
    (
        r"\b(?:vp|ventriculoperitoneal|ventriculo-peritoneal|csf|programmable|ventricular)\s+shunt\b",
        "cerebrospinal fluid drainage device",
    ),
    (
        r"\b(?:spinal\s+cord|deep\s+brain|vagus\s+nerve|vagal\s+nerve|sacral\s+nerve|occipital\s+nerve|"
        r"peripheral\s+nerve|gastric)\s+(?:stimulator|neurostimulator)\b|\bdbs\b|\bscs\b|\bvns\b",
        "neurostimulator",
    ),
    (r"\binsulin\s+pump\s+settings\b", "insulin pump"),
)
_ORTHODONTIC = re.compile(r"\b(?:orthodont\w*|teeth|dental|dentist)\b")
_BRACES = re.compile(r"\b(?:braces|retainer|aligners?|expander)\b")
# The device's head word: what the Index's Fitting and Encounter, adjustment lines name.
_DEVICE = re.compile(
    r"\b(?:aid|glasses|lenses|device|pump|neurostimulator|stimulator|drainage|pacemaker|defibrillator|"
    r"aicd|icd|implant|prosthesis|dentures|wheelchair|brace|band|portacath|port-a-cath|port)$"
)
_CHECKED = re.compile(r"\b(?:pacemaker|port|drain|stent|shunt|tube|catheter|line)$")
# Words a visit for a device is told in, beside the device and the act.
_VISIT_WORDS = _word_set(
    """
    here to have get getting got for admit admitted admission of the a an new his her my their its and at with by in visit encounter
    appointment appt today routine scheduled needs need wants want site stoma tube
    orthodontist audiologist optometrist optician neurosurgery neurosurgeon clinic office
    """
)


def read_device_visit(text: str) -> str | None:
    """The Index words of a visit for a device or an artificial opening told with a verb, or None."""
    opening = _OPENING.search(text)
    if opening:
        rest = _OPENING.sub(" ", text)
        acts = re.findall(rf"\b(?:{_CARE})\b", rest)
        rest = re.sub(rf"\b(?:{_CARE})\b", " ", rest)
        if not acts or any(w not in _VISIT_WORDS for w in rest.split()):
            return None
        said = opening.group("opening")
        return f"{_OPENING_WORDS.get(said, said)} care"
    device = text
    for pattern, words in _DEVICE_WORDS:
        device = re.sub(pattern, words, device)
    if _ORTHODONTIC.search(device) and _BRACES.search(device):
        device = _BRACES.sub("orthodontic device", _ORTHODONTIC.sub(" ", device))
    acts = re.findall(rf"\b(?:{_ADJUST})\b", device)
    if not acts:
        return None
    rest = re.sub(rf"\b(?:{_ADJUST})\b", " ", device)
    kept = [w for w in rest.split() if w not in _VISIT_WORDS]
    # (only a device's words are left: "insulin pump", "orthodontic device", "hearing aid")
    if not kept or len(kept) > 4 or not _DEVICE.search(" ".join(kept)):
        return None
    if all(a.startswith("check") for a in acts) and _CHECKED.search(" ".join(kept)):
        return f"{' '.join(kept)} check"  # "pacemaker check": the Index's Checking lines read the act
    return f"{' '.join(kept)} adjustment"


# A device named in the plural whose plural is also an abbreviation ("hearing aids": AIDS): its singular, the
# Index's word (Presence, hearing-aid; Fitting, hearing aid), read before the abbreviations are.
_PLURAL_DEVICES = re.compile(r"\bhearing\s+aids\b")


def singular_devices(text: str) -> str:
    """The text with a device said in the plural read in the singular."""
    return _PLURAL_DEVICES.sub("hearing aid", text)
