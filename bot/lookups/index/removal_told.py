"""A query that asks to take a device out is not answered by an ICD-10-PCS code that leaves one in.

ICD-10-PCS defines Removal as "taking out or off a device from a body part" and Insertion as "putting in a
nonbiological appliance"; a device value is coded only if a device remains after the procedure (guideline
B6.1a). So a Medical and Surgical code whose sixth character names a device, in a root operation other than
the ones that work on a device already there (Removal, Revision, Change) or take the place of a body part
(Replacement, Supplement, where taking out the part is integral to the operation), says a device was left
in: "removal of screws and plate from healed fracture" is never "Insertion of Internal Fixation Device into
Cervical Vertebral Joint" (0RH104Z) nor a Reposition "with Internal Fixation Device". A New Technology code
(section X) leaves a device in when its root operation is Insertion or its title names the device put in. When the query also says a putting-in
word ("removal and replacement of the generator", "remove old stent, place new one"), both are asked and
nothing is read here.
"""

from __future__ import annotations

import re

# Taking out, as the Removal definition says it: "remove", "removal", "take ... out".
TAKING_OUT = re.compile(
    r"(?i)\b(?:remov(?:e|es|ed|al|als|ing)|(?:take|takes|taken|took|taking)\s+(?:[a-z'-]+\s+){0,3}?out)\b"
)
# Putting in, exchanging or fixing anew, said beside it: the query asks for both.
PUTTING_IN = re.compile(
    r"(?i)\b(?:re-?insert\w*|insert\w*|plac(?:e|ed|es|ing|ement|ements)|re-?plac\w*|implant\w*|exchang\w*|"
    r"chang\w*|revis\w*|swap\w*|put\s+(?:[a-z'-]+\s+){0,2}?(?:in|back)|new)\b"
)
# Section 0 root operations (third character) that work on a device already there or take a body part's
# place: Removal P, Revision W, Change 2, Replacement R, Supplement U.
_ON_A_DEVICE_THERE = frozenset("PW2RU")
_NO_DEVICE = "Z"
_INSERTION = "H"
_DEVICE = re.compile(r"(?i)\bdevice\b")


def asks_only_taking_out(query: str) -> bool:
    """Whether the query asks to take something out and says no putting in beside it."""
    return bool(TAKING_OUT.search(query)) and not PUTTING_IN.search(query)


def leaves_device_in(code: str, title: str = "") -> bool:
    """Whether an ICD-10-PCS code (seven characters, undotted) says a device remains after the procedure: in
    Medical and Surgical its sixth character names a device; in New Technology (whose sixth character may name
    a substance or a technology instead) its title names a device ("Reposition of Lumbar Vertebra using
    Posterior (Dynamic) Distraction Device") - in a root operation other than those in `_ON_A_DEVICE_THERE`."""
    if len(code) != 7 or code[2] in _ON_A_DEVICE_THERE:
        return False
    if code[0] == "0":
        return code[5] != _NO_DEVICE
    return code[0] == "X" and (code[2] == _INSERTION or bool(_DEVICE.search(title)))


REMOVAL_NOT_INSERTION = (
    "The procedure codes found leave a device in (ICD-10-PCS guideline B6.1a), and the query asks to take one"
    " out: a removal is coded with the Removal root operation of the body part the device is in - say the body"
    " part and the approach (e.g. 'removal of screws from left tibia, open')."
)
