"""An injury's Index words said the way a chart or a patient says them.

- consciousness denied ("never blacked out", "didn't lose consciousness", "did not pass out") is the
  Index's "without loss of consciousness" (Concussion, without loss of consciousness S06.0X0; Hematoma,
  subdural, traumatic ... S06.5X0): a plain "no" before "LOC" is read by the negation rules already, a verb's
  denial is not;
- ribs counted ("3 ribs", "two broken ribs", "ribs 4-6") are the Index's "Fracture, rib, multiple": more
  than one rib broken on a side is S22.4-, not "one rib" S22.3-;
- the encounter told in office words (guideline I.C.19.a and the fracture 7th characters): "slow to heal",
  "healing slowly", "still not healed" is delayed healing (G); "healed crooked" is a malunion (P); "never
  healed", "bones never knitted" is a nonunion (K); "healing fine", "healing well" is routine healing (D);
  "first visit", "new injury" is the initial encounter (A); a "recheck" or a "f/u" of an injury, a cast taken
  off or changed, an x-ray of the healing is a subsequent encounter (D); how long ago it happened ("6 weeks
  out") says no encounter; stitches or staples taken out are the visit's reason (Removal, suture Z48.02);
- a muscle "pulled" is the Index's "Strain" ("pulled quad muscle" -> strain quadriceps muscle);
- a thing pushed into or stuck in a natural opening ("pushed a bead up her nostril", "coin stuck in his
  esophagus") is the Index's "Foreign body, entering through orifice" and the opening (T15-T19), not a wound
  of the part; in the esophagus or the pharynx a thing that is no food is the "specified type NEC" line, and
  with no choking said it is the "causing, injury NEC" line, not asphyxiation;
- a part said "broke" ("broke my little toe") is the part broken (Fracture);
- injuries named by what was seen: a tooth "knocked out" is "Avulsion, tooth" (not a loss of consciousness);
  a tongue, lip or cheek bitten through is "Laceration" of it; blood under a nail (subungual hematoma) is
  "Contusion, <digit>, with damage to nail"; an AC (shoulder) separation's grade is the Index's own line
  (Rockwood: I sprain, II subluxation, III dislocation 100%-200% displacement, IV posterior, V more than
  200%, VI inferior); burns "over 20% of the body, 10% full thickness" are "Burn, extent, 20-29 percent, with
  10-19 percent third degree burns" (T31, counted by tens).
"""

from __future__ import annotations

import re

from bot.lookups.index.sibling_qualifiers import names_seventh_character_nature

_DENIED = (
    r"(?:no|not|never|without|w/o|denies|denied|didn't|didnt|did\s+not|doesn't|doesnt|does\s+not|"
    r"wasn't|wasnt|was\s+not|hasn't|has\s+not)"
)
_LOST = (
    r"(?:(?:lose|lost|losing|loss\s+of)\s+consciousness|(?:black|blacked|blacking|pass|passed|passing)\s+out|"
    r"(?:get|got|gets|been|being)\s+knocked\s+out|knocked\s+out|blackout|loc)"
)
_CONSCIOUSNESS_DENIED = re.compile(rf"\b{_DENIED}\s+(?:(?:ever|even|any|a|he|she|they|pt)\s+)*{_LOST}\b")
_COUNTS = r"(?:two|three|four|five|six|seven|eight|several|multiple|[2-9]|1[0-2])"
_RIBS_COUNTED = re.compile(
    rf"\b{_COUNTS}\s+(?:(?:broken|fractured|cracked|displaced|nondisplaced|left|right|l|r)\s+)*ribs\b|"
    r"\bribs\s+(?:#\s*)?\d{1,2}\s*(?:-|to|through|thru)\s*\d{1,2}\b"
)


def read_injury_words(text: str) -> str:
    """The text with consciousness denied, ribs counted, the encounter told in office words and a pulled
    muscle in the Index's words; other text as it is."""
    if _HURT_BY.search(text) and not _TAKEN.search(text):
        text = _BY_ACCIDENT.sub(" ", text)
    text = _BROKE.sub("broken ", text)
    text = _TOOTH_OUT.sub(" avulsion tooth ", text)
    text = _BIT_THROUGH.sub(lambda m: f" laceration {m.group('part')} ", text)
    split = _GLUED_NAIL.sub(r"\1 nail", text)  # "thumbnail": the nail of the thumb, read only here
    if _UNDER_NAIL.search(split):
        text = _UNDER_NAIL.sub(_nail_contusion, split)
    text = _AC_SEPARATION.sub(_ac_separation, text)
    text = _BURN_EXTENT.sub(_burn_extent, text)
    if _WOUND.search(text):
        text = _WOUND_SIGNS.sub(" ", text)
    text = _CONSCIOUSNESS_DENIED.sub(" without loss of consciousness ", text)
    text = _RIBS_COUNTED.sub(lambda m: _multiple_ribs(m.group()), text)
    text = _FOREIGN_BODY.sub(_foreign_body, text)
    text = _PULLED.sub(lambda m: "strain " + _QUAD.sub("quadriceps", m.group("what")), text)
    if _INJURY.search(text) or names_seventh_character_nature(text):
        stitches = _STITCHES_OUT.search(text)
        if stitches:
            # guideline I.C.21.c.7: taking out the sutures is the visit's reason (Removal, suture Z48.02),
            # not a subsequent encounter for the wound
            return "removal " + (stitches.group("what") or stitches.group("what2")).replace(
                "stitches", "sutures"
            )
        text = _TIME_SINCE.sub(" ", text)
        for pattern, words in _HEALING:
            text, read = pattern.subn(f" {words} ", text)
            if read and words != "initial encounter":
                # "follow up visit, healing fine": the visit is the encounter the healing words say
                text = _FOLLOW_UP.sub(" ", text)
    return " ".join(text.split())


# An injury named, so the visit words below say its encounter (a "recheck" of blood pressure says none).
_INJURY = re.compile(
    r"\b(?:fx|fxs|fractures?|fractured|broken|broke|breaks?|sprains?|sprained|strains?|strained|"
    r"dislocations?|dislocated|lacerations?|laceration|cut|burns?|burned|contusions?|bruised?|wounds?|"
    r"injury|injuries|injured|tears?|torn|avulsion|amputation|concussion|"
    # the Index's other injury natures (S and T20-T34 titles): a "blister on the finger, recheck" is the
    # blister's subsequent encounter as a contusion's is
    r"abrasions?|scraped?|scrapes|blisters?|subluxations?|subluxed|frostbite|frostbitten|frostnip|"
    r"external\s+constriction|bites?|bitten|punctures?|splinters?|foreign\s+body|crush(?:ed|ing)?|corrosions?|"
    r"amputated|avulsed|lacerated|contused)\b"
)
# (the encounter told in office words, the words the Tabular's 7th character says); the healing first, so
# "follow up, slow to heal" is the delayed healing, not the routine one.
_HEALING: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (
            r"\b(?:heal(?:ed|ing)?|knit(?:ted)?|set)\s+(?:crooked(?:ly)?|wrong(?:ly)?|badly|incorrectly|improperly|"
            r"bent|deformed|misaligned|out\s+of\s+(?:alignment|line|place)|at\s+an\s+angle|in\s+a\s+bad\s+position)",
            "malunion",
        ),
        (
            r"\b(?:never|didn't|didnt|did\s+not|won't|wont|will\s+not|failed\s+to|failure\s+to)\s+"
            r"(?:heal(?:ed)?|knit(?:ted)?|unite[d]?|join(?:ed)?|fuse[d]?)\b|"
            r"\b(?:bones?|ends|pieces|fragments)\s+(?:never|didn't|did\s+not|have\s+not|haven't)\s+"
            r"(?:knit(?:ted)?|join(?:ed)?|unite[d]?|heal(?:ed)?|fuse[d]?)\b",
            "nonunion",
        ),
        (
            r"\b(?:slow(?:ly)?\s+(?:to\s+)?(?:heal|healing|union|to\s+unite)|heal(?:ing)?\s+slow(?:ly)?|"
            r"not\s+heal(?:ing|ed)\s+(?:yet|as\s+expected|well)|delayed\s+(?:union|heal)|slow-healing|"
            r"still\s+not\s+(?:fully\s+)?heal(?:ed|ing)|(?:hasn't|has\s+not|isn't|is\s+not)\s+(?:fully\s+)?"
            r"heal(?:ed|ing)(?:\s+yet)?|not\s+(?:fully\s+)?healed\s+(?:yet|at\s+\d+\s+\w+|after\s+\d+\s+\w+))",
            "delayed healing",
        ),
        (
            r"\b(?:heal(?:ing|ed)?\s+(?:fine|well|normally|nicely|ok|okay|as\s+expected|on\s+schedule|"
            r"appropriately)|normal\s+healing|uncomplicated\s+healing)\b",
            "routine healing",
        ),
        (
            # guideline I.C.19.a: a condition left by the injury ("leftover effects of", "lingering pain from
            # an old ...", "still bothering me years later") is its sequela
            r"\b(?:left\s*over|leftover|lingering|residual|lasting|remaining|persisting|permanent)\s+"
            r"(?:effects?|problems?|issues?|symptoms?|damage|deficits?|weakness|pain|stiffness|trouble)\b|"
            r"\bresidual\s+(?:of|from)\b|"
            r"\b(?:still|keeps?)\s+(?:bothering|bothers|hurting|hurts|aching|aches|acting\s+up|giving\s+(?:me\s+|him\s+|"
            r"her\s+)?(?:trouble|problems))\b(?:\s+\w+){0,3}?\s+(?:years?|months?)\s+(?:later|after)\b",
            "sequela",
        ),
        (
            r"\b(?:first|1st|initial)\s+(?:visit|time\s+seen|evaluation|eval|presentation|encounter)|"
            r"\bnew\s+(?:injury|injuries)\b|\bjust\s+happened\b",
            "initial encounter",
        ),
        (
            r"\b(?:recheck|re-check|rechecked|recheck\s+visit)\b|"
            # a follow-up of the injury itself ("sprain f/u", "follow up for ankle sprain")
            r"(?:\bfollow[- ]?up|\bfollowup|\bf/u)(?:\s+(?:visit|appointment|appt|exam|for|of))?(?![a-z])|"
            # guideline I.C.19.a: a cast changed or taken off, an x-ray of the healing, is a subsequent visit
            r"\b(?:(?:cast|splint|boot|brace)\s+(?:removal|removed|off|change|changed|check)|"
            r"(?:remove|removed|removing|take\s+off|took\s+off|taking\s+off|change|changed|changing)\s+"
            r"(?:of\s+)?(?:the\s+|his\s+|her\s+|my\s+)?(?:cast|splint)|(?:removal|change)\s+of\s+"
            r"(?:the\s+)?(?:cast|splint)|(?:x-?ray|xr|film)s?\s+to\s+check\s+(?:the\s+)?healing|"
            r"(?:check|checking)\s+(?:on\s+)?(?:the\s+)?healing|healing\s+check|"
            # a wound looked at or dressed again, therapy for the injury: care after the active treatment
            r"wound\s+(?:check|recheck|care\s+visit)|dressing\s+(?:change[sd]?|check)|"
            # the repair looked at while it heals ("stitches check"): their removal is Z48.02 (_STITCHES_OUT)
            r"(?:stitches|sutures?|staples|steri-?strips)\s+(?:check|recheck|looked\s+at)|"
            r"(?:change|changed|changing)\s+(?:of\s+)?(?:the\s+)?dressings?|"
            r"(?:physical|occupational)\s+therapy|(?:pt|ot|rehab)\s+(?:visit|session|appointment|appt)|"
            r"rehab(?:ilitation)?\s+(?:visit|session|follow[- ]?up)|here\s+for\s+(?:pt|rehab))\b",
            "subsequent encounter",
        ),
    )
)
# The natural openings a foreign body enters through (Foreign body, entering through orifice), as said.
_ORIFICES = {
    "ear": "ear",
    "ears": "ear",
    "ear canal": "ear",
    "nose": "nostril",
    "nostril": "nostril",
    "nostrils": "nostril",
    "nasal passage": "nostril",
    "throat": "pharynx",
    "esophagus": "esophagus",
    "food pipe": "esophagus",
    "windpipe": "trachea",
    "vagina": "vagina",
    "rectum": "rectum",
    "anus": "anus",
    "urethra": "urethra",
    "eye": "eye",
}
_PUT = r"(?:pushed|pushes|put|puts|stuck|sticks|shoved|inserted|jammed|placed|lodged|caught|trapped|got)"
_FOREIGN_BODY = re.compile(
    rf"\b(?:{_PUT}\s+(?:(?:a|an|the|some|small|tiny|little)\s+)?(?P<thing>[a-z][a-z-]*(?:\s+[a-z][a-z-]*){{0,2}}?)"
    r"|(?P<held>[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2}?)\s+(?:is\s+|was\s+|got\s+)?(?:stuck|lodged|caught|trapped))"
    r"\s+(?:up|in|into|inside|down)\s+(?:(?:his|her|my|their|the|a|its|your)\s+)?(?P<side>left|right|l|r)?\s*"
    r"(?P<site>" + "|".join(sorted(_ORIFICES, key=len, reverse=True)) + r")\b"
)
# What is no foreign body (wax, drops, water, a finger) or no object said ("something").
_NOT_FOREIGN = re.compile(
    r"\b(?:wax|cerumen|drops?|water|fluid|medicine|medication|cream|ointment|finger|fingers|hand|tube|catheter|"
    r"tampon|pessary|iud)\b"
)
_CHOKING = re.compile(r"\b(?:chok\w*|asphyx\w*|suffocat\w*|compress\w*|can'?t\s+breathe|not\s+breathing)")
_FOOD = re.compile(
    r"\b(?:food|bolus|meat|steak|chicken|bone|bread|seeds?|pills?|tablets?|candy|hot\s+dog|grapes?|nuts?|peanuts?|"
    r"popcorn|apple|carrot|pea|peas|beans?)\b"
)


def _foreign_body(match: re.Match[str]) -> str:
    thing = match.group("thing") or match.group("held") or ""
    if _NOT_FOREIGN.search(thing):
        return match.group(0)
    site = _ORIFICES[match.group("site")]
    side = {"l": "left", "r": "right"}.get(match.group("side") or "", match.group("side") or "")
    kind = ""
    if site in {"esophagus", "pharynx"}:
        kind = "food" if _FOOD.search(thing) else "specified type"
        if not _CHOKING.search(match.string):
            kind = f"causing injury {kind}"  # the "injury NEC" line: no asphyxiation is said
    words = " ".join(w for w in ("foreign body entering through orifice", side, site, kind) if w)
    return f" {words} "


# Stitches or staples taken out: the encounter is for their removal.
_STITCHES_OUT = re.compile(
    r"\b(?:(?P<what>sutures?|stitches|staples)\s+(?:removal|removed|out|taken\s+out|to\s+be\s+removed)|"
    r"(?:remove|removal\s+of|take\s+out|taking\s+out)\s+(?:the\s+|his\s+|her\s+|my\s+)?"
    r"(?P<what2>sutures?|stitches|staples))\b"
)
# How long ago the injury was ("6 weeks out", "3 days ago"): the encounter words say the visit.
_TIME_SINCE = re.compile(
    r"\b\d+\s*(?:days?|d|weeks?|wks?|w|months?|mos?)\s+(?:out|ago|post(?:-?op)?|later|since(?:\s+(?:injury|surgery))?)\b"
)
_FOLLOW_UP = re.compile(r"(?:\bfollow[- ]?up|\bf/u)(?:\s+(?:visit|appointment|appt|exam))?(?![a-z])")
# "pulled a muscle", "pulled quad muscle": a strain (Strain; Injury, muscle, strain). The hamstring, groin and
# calf said pulled are the vocabulary's own phrases.
_PULLED = re.compile(
    r"\bpulled\s+(?:(?:a|my|his|her|their|the)\s+)?"
    r"(?P<what>(?:[a-z]+\s+)?(?:muscles?|tendons?)|quads?(?:\s+muscles?)?|quadriceps(?:\s+muscles?)?)\b"
)
_QUAD = re.compile(r"\bquads?\b")


# "shot himself in the hand with a nail gun by accident", "cut herself accidentally": an injury's accident is
# the External Cause Index's default intent (its lines are "accidental"), no Drug Table column of a poisoning.
_HURT_BY = re.compile(
    r"\b(?:shot|stabbed|cut|sliced|hit|struck|burned|burnt|nailed|stapled|drilled|sawed|hammered|fell|tripped|"
    r"slipped|crushed|pinched|caught|bumped|banged|dropped|closed|slammed|ran|drove|backed)\b"
)
_TAKEN = re.compile(
    r"\b(?:took|taken|swallowed|ingested|ate|drank|overdosed?|pills?|tablets?|doses?|poison\w*|medications?|"
    r"medicine|drugs?|chemicals?|bleach|inhaled|injected|sprayed)\b"
)
_BY_ACCIDENT = re.compile(r"\b(?:by\s+accident|accidentally|unintentionally|inadvertently)\b")
# "broke my little toe", "broke his nose": the part said broken (the vocabulary's "broken <part>", Fracture);
# "broke out in hives", "her water broke", "broke down" say no fracture.
_BROKE = re.compile(
    r"\bbroke\s+(?!out\b|down\b|up\b|into\b|in\b|through\b|off\b|open\b|free\b|loose\b|skin\b)"
    r"(?:(?:his|her|my|their|a|the|both|its)\s+)?(?=[a-z0-9])"
)
# An open wound's own signs ("bleeding", "needs stitches"): the wound says them, no other condition is named.
_WOUND = re.compile(
    r"\b(?:lacerations?|lacerated|cut|cuts|gash|gashed|wounds?|puncture|punctured|bite|bitten)\b"
)
_WOUND_SIGNS = re.compile(
    r"\b(?:(?:still\s+|actively\s+)?(?:bleeding|bleeds|bled)(?:\s+a\s+lot)?|"
    r"(?:needs|needed|needing|requiring|required)\s+(?:\d+\s+)?(?:stitches|sutures|suturing|repair|glue))\b"
)
_TOOTH_OUT = re.compile(
    r"\b(?:(?:front\s+|adult\s+|permanent\s+|baby\s+)?(?:tooth|teeth|incisors?)\s+(?:was\s+|were\s+|got\s+|)"
    r"knocked\s+(?:out|loose)|knocked\s+(?:out|loose)\s+(?:(?:a|an|his|her|my|their|two|both|the)\s+)?"
    r"(?:front\s+|adult\s+|permanent\s+)?(?:tooth|teeth|incisors?))\b"
)
_BIT_THROUGH = re.compile(
    r"\b(?:bit|bitten|bites|biting)\s+(?:through\s+|into\s+|down\s+on\s+)?(?:(?:his|her|my|their|the|a)\s+)?"
    r"(?:own\s+)?(?P<part>tongue|lip|cheek)\b"
)
_DIGITS = r"thumb|(?:big|great|little|pinky|index|middle|ring)\s+(?:toe|finger)|finger|toe"
_UNDER_NAIL = re.compile(
    rf"\b(?:(?:blood|bruise|bruising|bleeding|hematoma|blood\s+blister)\s+under\s+(?:(?:the|his|her|my|a)\s+)?"
    rf"(?P<side>left|right|l|r)?\s*(?P<digit>{_DIGITS})?\s*nail|(?P<side2>left|right|l|r)?\s*"
    rf"(?P<digit2>thumb|finger|toe)nail\s+(?:hematoma|bruise)|subungual\s+(?:hematoma|bruise|bleed)"
    rf"(?:\s+(?:of\s+)?(?:(?:the|his|her|my)\s+)?(?P<side3>left|right|l|r)?\s*(?P<digit3>{_DIGITS}))?)\b"
)
# "blood under left thumbnail": the nail said glued to its digit
_GLUED_NAIL = re.compile(r"\b(thumb|finger|toe)nail\b")
_SIDE_LETTERS = {"l": "left", "r": "right"}


def _nail_contusion(match: re.Match[str]) -> str:
    side = match.group("side") or match.group("side2") or match.group("side3") or ""
    digit = match.group("digit") or match.group("digit2") or match.group("digit3") or ""
    digit = re.sub(r"\b(?:big|great)\s+toe", "great toe", digit)
    digit = re.sub(r"\bpinky\b", "little", digit)
    words = ("contusion", _SIDE_LETTERS.get(side, side), digit, "with damage to nail")
    return " " + " ".join(w for w in words if w) + " "


_AC_SEPARATION = re.compile(
    r"\b(?:(?:grade|type|gr)\s*(?P<before>[1-6]|iii|ii|iv|vi|v|i)\s+)?(?:(?P<side0>left|right|l|r)\s+)?"
    r"(?:ac|a/c|acromioclavicular|shoulder)\s+(?:joint\s+)?separation"
    r"(?:\s+(?:grade|type|gr)\s*(?P<grade>[1-6]|iii|ii|iv|vi|v|i)\b)?"
    r"(?:\s*,?\s*(?:of\s+)?(?:the\s+)?(?P<side>left|right|l|r)\s+shoulder\b)?"
)
_AC_GRADES = {
    "1": "sprain acromioclavicular",
    "2": "subluxation acromioclavicular",
    "3": "dislocation acromioclavicular with displacement 100%-200%",
    "4": "dislocation acromioclavicular posterior",
    "5": "dislocation acromioclavicular with displacement more than 200%",
    "6": "dislocation acromioclavicular inferior",
}
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6"}


def _ac_separation(match: re.Match[str]) -> str:
    grade = match.group("grade") or match.group("before") or ""
    words = _AC_GRADES.get(_ROMAN.get(grade, grade), "dislocation acromioclavicular")
    side = match.group("side") or match.group("side0") or ""
    return f" {words} {_SIDE_LETTERS.get(side, side)} "


_PERCENT = r"(?P<{0}>\d{{1,3}})\s*(?:%|percent|pct)"
_BURN_EXTENT = re.compile(
    r"\bburns?(?:ed)?\s+(?:(?:over|of|on|covering|involving|to)\s+)?"
    + _PERCENT.format("total")
    + r"(?:\s+(?:of\s+(?:the\s+|his\s+|her\s+)?(?:body|tbsa|bsa|body\s+surface(?:\s+area)?)|tbsa|bsa))?"
    + r"(?:\s*,?\s*(?:with\s+|and\s+|of\s+which\s+)?"
    + _PERCENT.format("third")
    + r"\s+(?:full[- ]thickness|third[- ]degree|3rd[- ]degree)(?:\s+burns?)?)?"
)


def _burn_extent(match: re.Match[str]) -> str:
    total = int(match.group("total"))
    if not 0 < total <= 100:
        return match.group(0)
    words = f"burn extent {_tens(total)} percent"
    if match.group("third") is not None:
        third = int(match.group("third"))
        if third > total:
            return match.group(0)
        words += f" with {_tens(third)} percent third degree burns"
    return f" {words} "


def _tens(percent: int) -> str:
    """The Index's ten-percent band of a burn's extent ("23" -> "20-29"; 90 and more is "90 percent or more")."""
    low = min(percent // 10 * 10, 90)
    return "90 or more" if low == 90 else f"{low}-{low + 9}"


def _multiple_ribs(said: str) -> str:
    """ "two broken left ribs" -> "multiple broken left ribs": the count's words other than the number kept."""
    words = said.split()
    if words[0] == "ribs":
        return "multiple ribs"
    return " ".join(["multiple", *words[1:]])


# An injury event told ("SDH after fall", "subarachnoid bleed from MVC", "pneumothorax after being struck"):
# the condition came of it, so the Index's "traumatic" line is the one the story names (Hemorrhage,
# intracranial, subdural, traumatic - see Injury, intracranial), not the nontraumatic default (I62.00). Said
# against "spontaneous" or "nontraumatic", it is not read.
_INJURY_EVENT = re.compile(
    r"\b(?:falls?|fell|falling|fallen|mvc|mva|crash\w*|collision|accident|assault\w*|struck|trauma|"
    r"tackled|kicked|punched|slapped|blow\s+to)\b"
)
_NOT_TRAUMATIC = re.compile(
    r"\b(?:spontaneous\w*|non-?\s?traumatic|atraumatic|no\s+(?:trauma|injury|fall))\b"
)


def told_as_traumatic(text: str) -> bool:
    """Whether the text tells of an injury event the condition came of (and does not deny one)."""
    return bool(_INJURY_EVENT.search(text)) and not _NOT_TRAUMATIC.search(text)
