"""A patient's plain sentence about a body part, read as the Index's main term and site.

"my thumb hurts", "left knee is killing me", "my ankle is swollen": the Index's main terms Pain and Swelling,
with the part as the subterm ("Pain, joint, knee"; "Swelling, ankle"). The vocabulary's own phrases ("head
hurts" -> headache) come first; this reading is for the parts it does not list.

A few more sentence shapes say an Index main term as plainly:
- "<part> is stiff", "<part> twitches", "<part> is bleeding", "<part> falling out":
  Stiffness, Twitching, Hemorrhage and Loss (of) with the part ("Loss, hair"; "Loss, tooth");
- leaking urine when one coughs, sneezes, laughs, lifts or jumps: urine lost on a strain is the Index's
  Incontinence, stress;
- "can't hold / control my pee / bowels": Incontinence, urine / feces;
- passing urine at night, however often ("voids twice nightly"): Nocturia.
"""

from __future__ import annotations

import re

_SITE = r"(?P<site>[a-z]+(?:\s+[a-z]+){0,2}?)"
_HURTS = re.compile(
    rf"^{_SITE}\s+(?:hurts?|hurting|is\s+hurting|are\s+hurting|aches?|aching|is\s+aching|are\s+aching|"
    r"is\s+sore|are\s+sore|is\s+painful|are\s+painful|is\s+killing\s+me|are\s+killing\s+me)"
    r"(?:\s+(?:a\s+lot|so\s+much|bad|badly|really\s+bad))?$"
)
_SWOLLEN = re.compile(
    rf"^{_SITE}\s+(?:is|are|got|looks|feels|feel|look|seems)\s+(?:swollen|puffy|swelled\s+up|all\s+swollen)$"
)
_IS = r"(?:(?:is|are|feels?|gets?|keeps?|been)\s+)?"
# The part named in one or two plain words: "reflux esophagitis with bleeding" names no part that bleeds, and
# "PUD, no bleeding" none either (a negation says it does not bleed).
_LINKED = (
    r"(?!(?:with|without|and|or|of|in|on|to|from|due|after|is|are|keeps?|gets?|feels?|been|no|not|never)\b)"
)
_PART = rf"(?P<site>{_LINKED}[a-z]+(?:\s+{_LINKED}[a-z]+)?)"
_STIFF = re.compile(rf"^{_PART}\s+{_IS}(?:stiff|stiffening|locked\s+up)$")
_TWITCHES = re.compile(rf"^{_PART}\s+{_IS}(?:twitch|twitches|twitching|jumping)$")
_BLEEDS = re.compile(rf"^{_PART}\s+{_IS}(?:bleeds?|bleeding)$")
_FALLS_OUT = re.compile(rf"^{_PART}\s+{_IS}(?:falling|fell|falls|coming|came|comes)\s+out(?P<rest>\s+.*)?$")
_MAINS = (
    (_HURTS, "pain"),
    (_SWOLLEN, "swollen"),
    (_STIFF, "stiffness"),
    (_TWITCHES, "twitching"),
    (_BLEEDS, "hemorrhage"),
    (_FALLS_OUT, "loss"),
)
_SUBJECTS = frozenset({"it", "everything", "that", "this", "he", "she", "they", "i", "baby", "he's", "she's"})

# Urine lost on a strain (a cough, a sneeze, a laugh, lifting, jumping): stress incontinence.
_LEAKS = r"(?:bladder\s+)?(?:leaks?|leaking|leakage|leaked|pees?|peeing|wets?|wetting|dribbles?|dribbling)"
_STRAIN = r"(?:cough|coughs|coughing|sneeze|sneezes|sneezing|laugh|laughs|laughing|lift|lifting|jump|jumping)"
_STRESS = re.compile(
    rf"^(?:i\s+|she\s+|he\s+)?(?:urine\s+)?{_LEAKS}(?:\s+(?:urine|pee|a\s+little|myself|herself|himself))?\s+"
    rf"(?:when|whenever|if|with)\s+(?:i\s+|she\s+|he\s+)?{_STRAIN}(?P<rest>\s+.*)?$"
)
# Passing urine at night, however often: nocturia ("voids 2-3 times nightly", "pees several times at night").
_NOCTURIA = re.compile(
    r"^(?:(?:gets?|getting|wakes?|waking)\s+up\s+(?:to\s+)?)?(?:pees?|peeing|urinates?|urinating|voids?|voiding)\b"
    r"(?:\s+[0-9a-z-]+){0,4}?\s+(?:at\s+night|nightly|overnight|every\s+night|each\s+night|per\s+night|a\s+night)$"
)
# "can't hold my pee", "unable to control bowels": incontinence of what cannot be held.
_HOLD = re.compile(
    r"^(?:cant|can't|cannot|can\s+not|unable\s+to|trouble|hard\s+to)\s+(?:hold|holding|control|controlling)\s+"
    r"(?:in\s+)?(?P<what>[a-z]+)(?:\s+in)?$"
)
_HELD = {
    "urine": "urine",
    "pee": "urine",
    "bladder": "urine",
    "water": "urine",
    "bowels": "feces",
    "bowel": "feces",
    "stool": "feces",
    "stools": "feces",
    "poop": "feces",
    "feces": "feces",
}


def read_lay(text: str) -> str | None:
    """The Index's words for "<part> hurts" (Pain, <part>), "<part> is swollen" (Swollen, see Swelling, <part>),
    "<part> is stiff", "<part> twitches", "<part> is bleeding", "<part> falling out",
    urine leaking on a strain, urine passed at night and "can't hold <urine / stool>", or None when the text says none of them
    (lower-case, filler words such as "my" already removed)."""
    stress = _STRESS.match(text)
    if stress is not None:
        return f"incontinence stress{stress.group('rest') or ''}"  # the words after it kept, to be said
    if _NOCTURIA.match(text):
        return "nocturia"
    hold = _HOLD.match(text)
    if hold is not None and hold.group("what") in _HELD:
        return f"incontinence {_HELD[hold.group('what')]}"
    for pattern, main in _MAINS:
        match = pattern.match(text)
        if match is not None and match.group("site").split()[0] not in _SUBJECTS:
            rest = match.groupdict().get("rest") or ""
            return f"{main} {match.group('site')}{rest}"
    said = _CANT_DO.match(text)
    return read_lay(said.group("said")) if said is not None else None


# A sentence going on to say what the part cannot do ("my elbow is stiff and won't straighten all the way",
# "knee is swollen and can't bend it"): the complaint is the first clause, the rest says how it limits.
_CANT_DO = re.compile(
    r"^(?P<said>.+?)\s+and\s+(?:it\s+|i\s+|he\s+|she\s+)?(?:won't|wont|can't|cant|cannot|doesn't|doesnt|"
    r"will\s+not|can\s+not|does\s+not|don't|dont)\s+.+$"
)
