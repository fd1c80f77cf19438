"""An injury's nature said in lay words, read as the Index's main term beside the part it names.

A coder reads a patient's or a triage nurse's verb for what happened to a part as the Index's main term for
that injury, and looks the part up below it:

- a bone "cracked", "busted", "shattered" or "snapped" is broken: Fracture, traumatic, <bone> ("cracked
  collarbone", "busted left wrist"; a "cracked tooth" is the Index's own line, Cracked tooth K03.81, and
  cracked skin, lips or heels are fissures: only bones are read);
- a finger, a hand or a foot "smashed" or "squashed" is crushed: Crush, <part>;
- a part "skinned" is scraped: Abrasion, <part>;
- a part "split open" ("split his chin open", "split open her eyebrow") is cut: Laceration, <part>;
- a joint that "popped out" or "came out of its socket" is dislocated: Dislocation, <joint>;
- a finger, a thumb or a toe "jammed" is sprained (Sprain, <digit>), unless it was jammed in or between
  things (a pinch, told by the external cause);
- a tendon or a muscle torn or ruptured ("tore his right quad tendon", "ruptured achilles") is strained: the
  Index's "Tear, tendon - see Strain" and "Rupture, tendon (traumatic) - see Strain" (Injury, muscle, by site,
  strain); a tear denied as an injury ("degenerative", "spontaneous", "nontraumatic") is left as it is;
- a rotator cuff torn with the injury told ("from a fall", "lifting", "acute injury") is the Index's "Tear,
  rotator cuff, traumatic" (S46.01-), not its nontraumatic default (M75.1-);
- the tip of a finger or a thumb cut off ("took off the tip of his thumb", "fingertip amputation") is the
  Index's "Amputation, traumatic, finger, transphalangeal, partial": the cut goes through a phalanx and takes
  part of the digit.

Beside an injury's nature, its site and its chart words as the Index and the Tabular say them:
- a digit or a bone by its everyday name ("big toe" great toe, "pinky toe" lesser toe, "pinky" little finger,
  "shoulder blade" scapula, "heel bone" calcaneus) and a bone's adjective before its part or its injury
  ("radial head" radius, head; "patellar dislocation" Dislocation, patella; "pubic ramus" pubis);
- an object said broken ("broken glass") is what cut, not a fracture;
- how long consciousness was lost beside a brain injury ("LOC 10 min", "knocked out for 2 hours", "brief
  LOC") in the S06 titles' bands ("30 minutes or less", "31 minutes to 59 minutes", ...);
- something left in an open wound ("glass still in it", "embedded gravel"): Laceration, with foreign body;
- a bite's own punctures ("dog bite, puncture wounds"): the Bite line, not Puncture;
- a blister with heat told ("blistered palm from a hot pan"): Blister, due to burn - see Burn, second degree;
- a vertebra's "compression fracture": the Tabular's wedge compression fracture (S22.0-, S32.0-) when no
  disease is told (an osteoporotic one is a pathological fracture).

`fracture_not_pathological` says whether a fracture is told with no disease the bone broke of: the Index's
default is then "Fracture, traumatic" (guideline I.C.13.c: a pathological fracture is coded only when the
record says so), never "Fracture, pathological".

Each reading is tried only when the text holds its verb (one cheap search for them all first).
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence

from bot.lookups.index.words import stem

_OWNER = r"(?:(?:his|her|my|their|the|a|an|its|your|both)\s+)?"
_SIDE = r"(?:(?P<side>left|right|l|r|lt|rt)\s+)?"
_WHICH = (
    r"(?:(?:upper|lower|little|pinky|pinkie|index|middle|ring|big|great|baby|second|third|fourth|fifth|"
    r"2nd|3rd|4th|5th|front)\s+)?"
)
# The bones and the parts a fracture is looked up by (Fracture, traumatic, <site>), as said.
_BONES = (
    r"collar\s?bones?|clavicles?|ribs?|sternum|breast\s?bone|wrists?|ankles?|arms?|forearms?|elbows?|hips?|"
    r"pelvis|legs?|shin\s?bones?|knee\s?caps?|patella|femur|thigh\s?bone|tibia|fibula|radius|ulna|humerus|"
    r"scapula|shoulder\s?blades?|heel\s?bones?|feet|foot|hands?|fingers?|thumbs?|toes?|pinky|knuckles?|"
    r"jaw|cheek\s?bones?|nose|skull|tail\s?bone|coccyx|vertebrae?|metacarpals?|metatarsals?|"
    r"calcaneus|scaphoid|orbit|eye\s+socket"
)
# Parts whose skin is said cracked as often as a bone ("cracked hands", "cracked feet"): broken only when
# busted, shattered or snapped.
_SKIN_CRACKS = re.compile(r"^(?:feet|foot|hands?|fingers?|thumbs?|toes?|pinky|knuckles?|nose)$")
_BROKE_WORDS = r"cracked|busted|bust|shattered|snapped|chipped"
_CRACKED = re.compile(
    rf"\b(?:{_BROKE_WORDS})\s+{_OWNER}{_SIDE}{_WHICH}(?P<bone>{_BONES})\b|"
    rf"\b(?P<side2>left|right|l|r|lt|rt)?\s*{_WHICH}(?P<bone2>{_BONES})\s+(?:is\s+|was\s+|got\s+|are\s+|were\s+)?"
    rf"(?:{_BROKE_WORDS})\b(?!\s+(?:open|lip|skin))"
)
_CRUSHABLE = (
    r"fingers?|thumbs?|toes?|hands?|foot|feet|fingertips?|finger\s?tips?|pinky|knuckles?|wrist|ankle|arm|leg"
)
_SMASHED = re.compile(
    rf"\b(?:smashed|squashed|squished|mashed)\s+{_OWNER}{_SIDE}{_WHICH}(?P<part>{_CRUSHABLE})\b|"
    rf"\b(?P<side2>left|right|l|r|lt|rt)?\s*{_WHICH}(?P<part2>{_CRUSHABLE})\s+(?:was\s+|got\s+|were\s+)?"
    r"(?:smashed|squashed|squished|mashed)\b"
)
_SKINNED = re.compile(r"\bskinned(?:\s+up)?\b")
_SOFT = (
    r"lips?|chin|forehead|eyebrows?|brow|scalp|head|cheek|knees?|elbows?|fingers?|thumbs?|hands?|nose|ears?|"
    r"eyelids?|toes?|shins?|palms?|lip"
)
_SPLIT = re.compile(
    rf"\bsplit\s+(?:open\s+)?{_OWNER}{_SIDE}{_WHICH}(?P<part>{_SOFT})(?:\s+open)?\b|"
    rf"\b(?P<side2>left|right|l|r|lt|rt)?\s*{_WHICH}(?P<part2>{_SOFT})\s+(?:was\s+|got\s+)?split\s+open\b"
)
_JOINTS = (
    r"shoulders?|elbows?|knee\s?caps?|patella|knees?|hips?|fingers?|thumbs?|jaw|ankles?|wrists?|toes?|"
    r"collar\s?bone"
)
_OUT = r"(?:popped|pops|popping|came|comes|slipped|slips|went|goes)\s+out(?:\s+of\s+(?:its\s+|the\s+)?(?:place|socket|joint))?"
_POPPED = re.compile(
    rf"\b(?P<side>left|right|l|r|lt|rt)?\s*{_WHICH}(?P<part>{_JOINTS})\s+(?:has\s+|had\s+)?{_OUT}\b|"
    rf"\b(?:popped|dislocated)\s+{_OWNER}(?P<side2>left|right|l|r|lt|rt)?\s*{_WHICH}(?P<part2>{_JOINTS})\s+"
    r"out(?:\s+of\s+(?:its\s+|the\s+)?(?:place|socket|joint))?\b"
)
_TWISTABLE = (
    r"ankles?|knees?|wrists?|thumbs?|fingers?|toes?|elbows?|shoulders?|foot|feet|(?:lower\s+)?back|neck"
)
_TWISTED = re.compile(
    rf"\b(?:twisted|twist|twisting|rolled|wrenched|turned)\s+{_OWNER}{_SIDE}{_WHICH}(?P<part>{_TWISTABLE})\b|"
    rf"\b(?P<side2>left|right|l|r|lt|rt)?\s*{_WHICH}(?P<part2>{_TWISTABLE})\s+(?:was\s+|got\s+)?"
    r"(?:twisted|rolled|wrenched)\b"
)
_JAMMED = re.compile(
    rf"\bjammed\s+{_OWNER}{_SIDE}{_WHICH}(?P<part>fingers?|thumbs?|toes?)\b"
    r"(?!\s+(?:in|into|between|under|on)\b)"
)
_MUSCLES = (
    r"achilles(?:\s+tendon)?|quad(?:riceps|s)?(?:\s+(?:tendon|muscle))?|hamstrings?(?:\s+(?:tendon|muscle))?|"
    r"biceps(?:\s+(?:tendon|muscle))?|triceps(?:\s+(?:tendon|muscle))?|patellar\s+tendon|"
    r"calf(?:\s+muscle)?|groin(?:\s+muscle)?|pec(?:toral(?:is)?)?s?(?:\s+major)?(?:\s+(?:tendon|muscle))?|"
    r"[a-z]+\s+(?:tendon|muscle)"
)
_TORN = re.compile(
    rf"\b(?:tore|torn|tear|tears|tearing|ruptured|rupture|ruptures|rupturing)\s+(?:of\s+|in\s+)?{_OWNER}{_SIDE}"
    rf"(?P<part>{_MUSCLES})\b|"
    rf"\b(?P<side2>left|right|l|r|lt|rt)?\s*(?P<part2>{_MUSCLES})\s+(?:was\s+|is\s+|got\s+)?"
    r"(?:tear|tears|torn|rupture|ruptured)\b"
)
# A tear denied as an injury, or a ligament, cartilage or cuff the Index reads on its own lines.
_NOT_STRAIN = re.compile(
    r"\b(?:non-?traumatic|spontaneous\w*|degenerat\w*|chronic|tendinosis|tendinopathy|tendonitis|tendinitis|"
    r"wear\s+and\s+tear|old|ligament|rotator|cuff|meniscus|labrum|labral|acl|mcl|pcl|lcl)\b"
)
_CUFF_TORN = re.compile(
    r"\b(?:(?:tore|torn|tear|tears|ruptured|rupture)\s+(?:of\s+)?(?:(?:his|her|my|the|a)\s+)?"
    r"(?:(?:left|right|l|r|lt|rt)\s+)?(?:rotator\s+cuff|rtc|rc)\b|(?:rotator\s+cuff|rtc|rc)\s+"
    r"(?:tear|tears|torn|rupture|ruptured)\b)"
)
_CUFF_INJURED = re.compile(
    r"\b(?:falls?|fell|falling|lifting|lifted|threw|throwing|pulled|yanked|caught|tackled|injury|injured|"
    r"trauma|accident|mvc|mva|crash|collision|dislocat\w*|landed|landing|outstretched)\b"
)
_DIGITS = r"thumb|(?:index|middle|ring|little|pinky)\s+finger|finger|index|middle|ring|little|pinky"
_TIP = re.compile(
    rf"\b(?:tip|end)\s+of\s+{_OWNER}(?P<side>left|right|l|r|lt|rt)?\s*(?P<digit>{_DIGITS})\b|"
    rf"\b(?P<side2>left|right|l|r|lt|rt)?\s*(?P<digit2>{_DIGITS}|finger)\s*tip\b"
)
_CUT_OFF = re.compile(
    r"\b(?:amputat\w*|cut\s+off|sliced\s+off|chopped\s+off|took\s+off|taken\s+off|came\s+off|severed|"
    r"lopped\s+off|cut\s+(?:through|across)|lost)\b"
)
_VERBS = re.compile(
    rf"\b(?:{_BROKE_WORDS}|smashed|squashed|squished|mashed|skinned|split|popped|pops|popping|came|comes|"
    r"slipped|slips|went|goes|dislocated|jammed|tore|torn|tear|tears|tearing|ruptured?|ruptures|rupturing|"
    r"tip|fingertip|amputat\w*|twisted|twist|twisting|rolled|wrenched|turned)\b"
)
_SIDE_LETTERS = {"l": "left", "r": "right", "lt": "left", "rt": "right"}


def read_injury_natures(text: str) -> str:
    """The text with an injury's lay verb read as the Index's main term beside the part it names, and its
    site and chart words as the Index says them; other text as it is."""
    if _VERBS.search(text):
        text = _read_verbs(text)
    text = read_site_names(text)
    return re.sub(r"\s+(?=[,;])", "", " ".join(text.split()))


def _read_verbs(text: str) -> str:
    text = _CRACKED.sub(_broken, text)
    text = _SMASHED.sub(lambda m: _named(m, "crush", "part"), text)
    text = _SKINNED.sub("abrasion", text)
    text = _SPLIT.sub(lambda m: _named(m, "laceration", "part"), text)
    text = _POPPED.sub(lambda m: _named(m, "dislocation", "part"), text)
    text = _JAMMED.sub(lambda m: _named(m, "sprain", "part"), text)
    text = _TWISTED.sub(_twisted, text)
    if not _NOT_STRAIN.search(text):
        text = _TORN.sub(lambda m: _named(m, "strain", "part"), text)
    if _CUFF_TORN.search(text) and _CUFF_INJURED.search(text) and not re.search(r"\btraumatic\b", text):
        text = _CUFF_TORN.sub(lambda m: f"traumatic {m.group(0)}", text, count=1)
    if _CUT_OFF.search(text) or re.search(r"\bfingertip\b", text):
        text = _fingertip(text)
    return text


def _broken(match: re.Match[str]) -> str:
    bone = _group(match, "bone") or _group(match, "bone2")
    if "cracked" in match.group(0).split() and _SKIN_CRACKS.match(bone):
        return match.group(0)
    return _named(match, "fracture", "bone")


def _twisted(match: re.Match[str]) -> str:
    """A joint twisted is sprained (Sprain, <joint>); the back or the neck is strained (Strain, back; neck)."""
    part = _group(match, "part") or _group(match, "part2")
    return _named(match, "strain" if part.endswith(("back", "neck")) else "sprain", "part")


def _group(match: re.Match[str], name: str) -> str:
    return match.groupdict().get(name) or ""


def _named(match: re.Match[str], nature: str, group: str) -> str:
    """The nature, the side said and the part (the digit's name and "upper"/"lower" kept)."""
    side = _group(match, "side") or _group(match, "side2")
    part = _group(match, group) or _group(match, f"{group}2")
    said = match.group(0)
    which = re.search(
        r"\b(upper|lower|little|pinky|pinkie|index|middle|ring|big|great|baby|second|third|fourth|fifth|"
        r"2nd|3rd|4th|5th|front)\s+" + re.escape(part.split()[0]) + r"\b",
        said,
    )
    words = [nature, _SIDE_LETTERS.get(side, side), which.group(1) if which else "", part]
    return " " + " ".join(w for w in words if w) + " "


def _fingertip(text: str) -> str:
    """The tip of a digit cut off: Amputation, traumatic, <digit>, transphalangeal, partial."""
    text = re.sub(r"\bfingertip\b", "finger tip", text)
    tip = _TIP.search(text)
    if tip is None:
        return text
    side = tip.group("side") or tip.group("side2") or ""
    digit = tip.group("digit") or tip.group("digit2") or "finger"
    if digit in {"index", "middle", "ring", "little", "pinky"}:
        digit = f"{digit} finger"
    digit = digit.replace("pinky", "little")
    words = ["traumatic amputation", _SIDE_LETTERS.get(side, side), digit, "transphalangeal partial"]
    before, after = _CUT_OFF.sub(" ", text[: tip.start()]), _CUT_OFF.sub(" ", text[tip.end() :])
    kept = before.split()
    while kept and kept[-1] in {"traumatic", "of", "the", "a", "his", "her", "my"}:
        kept.pop()  # "traumatic amputation of the": said again in the Index's words
    before = " ".join(kept)
    return f"{before} {' '.join(w for w in words if w)} {after}"


# A digit or a bone said by its everyday name, as the Index and the Tabular name it, read only beside an
# injury's nature (elsewhere the vocabulary's phrases read them: "big toe pain").
_INJURED = re.compile(
    r"\b(?:fractures?|fractured|fx|broken|broke|sprains?|sprained|strains?|strained|dislocations?|dislocated|"
    r"lacerations?|contusions?|bruised?|crush(?:ed|ing)?|amputations?|amputated|abrasions?|avulsions?|"
    r"puncture|bites?|bitten|burns?|burned|frostbite|wounds?|injury|injured|subluxations?|tears?|torn|"
    r"splinters?|blisters?|scraped?|foreign\s+body)\b"
)
_SITE_NAMES = (
    # a bone's adjective before its part or its injury ("radial head fracture", "patellar dislocation"): the
    # Index's Fracture and Dislocation lines name the bone ("radius, head"; "patella")
    (re.compile(r"\bradial\s+(?=(?:head|neck|shaft|styloid|tuberosity)\b)"), "radius "),
    (re.compile(r"\bulnar\s+(?=(?:head|shaft|styloid|coronoid)\b)"), "ulna "),
    (re.compile(r"\bpubic\s+(?=(?:ramus|rami|bone)\b)"), "pubis "),
    (re.compile(r"\bpatellar\s+(?=(?:fractures?|fx|dislocations?|subluxations?)\b)"), "patella "),
    (re.compile(r"\bclavicular\s+(?=(?:fractures?|fx|shaft)\b)"), "clavicle "),
    (re.compile(r"\bscapular\s+(?=(?:fractures?|fx|body)\b)"), "scapula "),
    (re.compile(r"\bcalcaneal\s+(?=(?:fractures?|fx)\b)"), "calcaneus "),
    (re.compile(r"\bfibular\s+(?=(?:fractures?|fx|shaft|head|neck)\b)"), "fibula "),
    (re.compile(r"\bmandibular\s+(?=(?:fractures?|fx|condyle|body|angle|ramus)\b)"), "mandible "),
    (re.compile(r"\biliac\s+(?=(?:wing|fractures?|fx)\b)"), "ilium "),
    (re.compile(r"\bacetabular\s+(?=(?:fractures?|fx|wall|rim)\b)"), "acetabulum "),
    (re.compile(r"\bsacral\s+(?=(?:fractures?|fx)\b)"), "sacrum "),
    (re.compile(r"\bcoccygeal\s+(?=(?:fractures?|fx)\b)"), "coccyx "),
    (re.compile(r"\b(?:big|great)\s+toes?\b"), "great toe"),
    (re.compile(r"\b(?:pinky|pinkie|baby|little)\s+toes?\b"), "lesser toe"),
    (re.compile(r"\b(?:second|third|fourth|fifth|2nd|3rd|4th|5th)\s+toes?\b"), "lesser toe"),
    (re.compile(r"\b(?:first|1st)\s+toes?\b"), "great toe"),
    (re.compile(r"\b(?:pinky|pinkie)(?:\s+finger)?\b(?!\s+toe)"), "little finger"),
    (re.compile(r"\bshoulder\s?blades?\b"), "scapula"),
    (re.compile(r"\bheel\s?bones?\b"), "calcaneus"),
    (re.compile(r"\bshinbones?\b"), "tibia"),
    (re.compile(r"\bthighbones?\b"), "femur"),
)
# An object said broken ("broken glass", "a broken bottle") is what cut, not a fracture.
_BROKEN_THING = re.compile(
    r"\bbroken\s+(?=(?:glass|bottles?|beer\s+bottles?|windows?|windshield|mirrors?|plates?|dish(?:es)?|"
    r"mugs?|cups?|jars?|vase|tiles?|china|porcelain|pottery|light\s?bulbs?|bulbs?|ceramic)\b)"
)


# The fingers counted from the thumb, as charts number them, by the names the Tabular gives them (S60-S69, and
# M65.3 trigger finger, M79.64 pain in finger): the second is the index finger, the fifth the little finger.
# Read whatever the condition ("R 4th finger catches and snaps": M65.341).
_FINGER_NAMES = (
    (re.compile(r"\b(?:second|2nd|pointer)\s+fingers?\b"), "index finger"),
    (re.compile(r"\b(?:third|3rd)\s+fingers?\b"), "middle finger"),
    (re.compile(r"\b(?:fourth|4th)\s+fingers?\b"), "ring finger"),
    (re.compile(r"\b(?:fifth|5th)\s+fingers?\b"), "little finger"),
)


def read_site_names(text: str) -> str:
    """The text with a finger counted by its name, and a digit or a bone said by its everyday name in the
    Index's name, and an injury's chart words in the Index's and the Tabular's, beside an injury."""
    for pattern, name in _FINGER_NAMES:
        text = pattern.sub(name, text)
    text = _BROKEN_THING.sub("", text)
    text = read_chart_injury(_FROSTBITTEN.sub("frostbite", text))
    if not _INJURED.search(text):
        return text
    for pattern, name in _SITE_NAMES:
        text = pattern.sub(name, text)
    return _limb_segment(_scaphoid(text))


# The scaphoid said alone is the wrist's: the Index prints "Fracture, scaphoid (hand) - see Fracture, carpal,
# navicular" (the foot's is found only below "tarsal" or "navicular (foot)"), its "waist" is the Tabular's
# "middle third of navicular [scaphoid] bone" and its proximal pole the "proximal third" (Fracture, carpal,
# navicular, middle third / proximal third).
_SCAPHOID = re.compile(r"\bscaphoid\b")
_FOOT_WORDS = re.compile(r"\b(?:foot|feet|tarsal|tarsus|ankle|midfoot|toes?|navicular)\b")
_WAIST = re.compile(r"\bwaist\b")
_PROXIMAL_POLE = re.compile(r"\bproximal\s+pole\b")


def _scaphoid(text: str) -> str:
    if not _SCAPHOID.search(text) or _FOOT_WORDS.search(text):
        return text
    text = _PROXIMAL_POLE.sub("proximal third", _WAIST.sub("middle third", text))
    return _SCAPHOID.sub("carpal navicular", text)


# The Tabular's limb segments ("lower leg", "upper arm") as the Index's injury lines print them: "leg
# (lower)" and "arm (upper)" (Contusion, Laceration, Puncture, Bite, Wound, open, Injury), the segment's word
# nonessential, so it must not pull "lower quadrant", "lower end" or "lower back"; a burn's lower leg is the
# Index's "Burn, calf" (T24.x3-), its upper arm "Burn, above elbow" (T22.x3-).
_LOWER_LEG = re.compile(r"\blower\s+legs?\b")
_UPPER_ARM = re.compile(r"\bupper\s+arms?\b")
_BURNED = re.compile(r"\b(?:burns?|burned|burnt|scald\w*|corrosions?)\b")


def _limb_segment(text: str) -> str:
    if _BURNED.search(text):
        return _UPPER_ARM.sub("above elbow", _LOWER_LEG.sub("calf", text))
    return _UPPER_ARM.sub("arm", _LOWER_LEG.sub("leg", text))


_FROSTBITTEN = re.compile(r"\bfrost\s?bitten\b")
# How long consciousness was lost, in the bands the Tabular's intracranial injury titles print (S06).
_LOST = (
    r"(?:loc|loss\s+of\s+consciousness|lost\s+consciousness|passed\s+out|knocked\s+out|blacked\s+out|"
    r"unconscious|out\s+cold)"
)
_HOW_LONG = (
    r"(?:for\s+)?(?:about\s+|around\s+|approx(?:imately|\.)?\s+|~\s*|<\s*|under\s+|less\s+than\s+|"
    r"maybe\s+|x\s*)?(?P<n{0}>\d+)\s*(?:-\s*\d+\s*)?"
    r"(?P<unit{0}>s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?)\b"
)
_LOST_FOR = re.compile(
    rf"\b{_LOST}\s+(?:of\s+|was\s+|lasting\s+|x\s+)?{_HOW_LONG.format('')}|"
    rf"\b{_HOW_LONG.format('2')}\s+(?:of\s+)?{_LOST}|"
    rf"\b(?P<brief>brief|momentary|momentarily|briefly|transient)\s+{_LOST}|\b{_LOST}\s+(?P<brief2>briefly|momentarily)"
)
# (a brain injury's: "passed out for 2 minutes" alone is a faint, Syncope)
_HEAD_INJURY = re.compile(
    r"\b(?:concussion|concussed|head|brain|skull|intracranial|hematoma|haematoma|hemorrhage|bleed|sdh|edh|sah|"
    r"tbi|subdural|epidural|subarachnoid|contusion|dai)\b"
)
_BANDS = (
    (30, "loss of consciousness of 30 minutes or less"),
    (59, "loss of consciousness of 31 minutes to 59 minutes"),
    (359, "loss of consciousness of 1 hour to 5 hours 59 minutes"),
    (24 * 60, "loss of consciousness of 6 hours to 24 hours"),
)
# An open wound with something left in it ("glass still in it", "embedded gravel"): "with foreign body".
_THINGS = (
    r"(?:glass|metal|wood|gravel|debris|dirt|splinters?|slivers?|fragments?|pieces?|shards?|objects?|"
    r"foreign\s+(?:body|bodies|object|material))"
)
_LEFT_IN = re.compile(
    rf"\b{_THINGS}\b[^,;]*?\b(?:still\s+(?:in|inside|stuck|embedded|there)|stuck\s+in|embedded|retained|lodged|"
    rf"left\s+in)\b(?:\s+(?:it|the\s+wound|there))?|\b(?:embedded|retained|lodged)\s+{_THINGS}\b"
)
_OPEN_WOUND = re.compile(r"\b(?:lacerations?|lac|cuts?|gash\w*|puncture\w*|wounds?)\b")
_NO_FOREIGN = re.compile(r"\b(?:no|without|w/o)\s+(?:fb|foreign)\b")
_BITE = re.compile(r"\b(?:bite|bites|bit|bitten)\b")
# A bite's own wounds ("dog bite, puncture wounds"): the Index's Bite line, not Puncture.
_BITE_PUNCTURES = re.compile(r"\b(?:with\s+)?(?:puncture\s+wounds?|punctures|puncture|punctured)\b")
# A blister of a burn ("blistered palm from a hot pan"): Blister, due to burn - see Burn, second degree.
_BLISTER = re.compile(r"\bblister(?:ed|ing|s)?\b")
_HEAT = re.compile(
    r"\b(?:burn\w*|scald\w*|hot|heat|stove\w*|grill|iron|oven|fire|flames?|steam|boiling|sunburn\w*|"
    r"second[- ]degree|2nd[- ]degree|partial[- ]thickness)\b"
)
_SECOND = re.compile(r"\b(?:second|2nd)[- ]degree|partial[- ]thickness\b")
# A vertebra's "compression fracture" is the Tabular's wedge compression fracture (S22.0-, S32.0-).
_COMPRESSION = re.compile(r"\b(?<!wedge\s)compression\s+(?=(?:fractures?|fx)\b)")
_SPINE = re.compile(
    r"\b(?:[ctl](?:1[0-2]|[1-9])|vertebra\w*|spine|spinal|lumbar|thoracic|cervical|back|first|second|third|"
    r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)\b"
)


def read_chart_injury(text: str) -> str:
    """An injury's chart words: how long consciousness was lost (the S06 titles' bands), something left in
    a wound (with foreign body), a bite's punctures, a blister of a burn, a vertebra's compression
    fracture."""
    if _HEAD_INJURY.search(text):
        text = _LOST_FOR.sub(_lost_for, text)
    if _OPEN_WOUND.search(text) and not _NO_FOREIGN.search(text) and _LEFT_IN.search(text):
        text = _LEFT_IN.sub(" ", text) + " with foreign body"
    if _BITE.search(text):
        text = _BITE_PUNCTURES.sub(" ", text)
    if _BLISTER.search(text) and _HEAT.search(text):
        text = _BLISTER.sub("burn" if _SECOND.search(text) else "burn second degree", text)
    if _COMPRESSION.search(text) and _SPINE.search(text) and fracture_not_pathological(text):
        text = _COMPRESSION.sub("wedge compression ", text)
    return text


def _lost_for(match: re.Match[str]) -> str:
    if match.group("brief") or match.group("brief2"):
        return f" {_BANDS[0][1]} "
    number = int(match.group("n") or match.group("n2") or 0)
    unit = (match.group("unit") or match.group("unit2") or "m")[0]
    minutes = number / 60 if unit == "s" else number * 60 if unit == "h" else number
    for upper, words in _BANDS:
        if minutes <= upper:
            return f" {words} "
    return " loss of consciousness greater than 24 hours "


# A disease the bone broke of, or a kind of fracture the Index files apart from the traumatic ones.
_PATHOLOGICAL = re.compile(
    r"\b(?:patholog\w*|osteopor\w*|osteopeni\w*|neoplas\w*|metasta\w*|malignan\w*|cancer\w*|tumou?rs?|lytic|"
    r"myeloma|stress|fatigue|insufficiency|fragility|disease|paget\w*|osteomyel\w*|osteogenesis|"
    r"periprosthetic|prosthe\w*|nontraumatic|non-traumatic|atraumatic|spontaneous|due\s+to|secondary\s+to|"
    r"birth|newborn)\b"
)
_FRACTURE = re.compile(r"\b(?:fractures?|fractured|fx|fxs|broken|broke)\b")


def fracture_not_pathological(text: str) -> bool:
    """Whether the text tells of a fracture and of no disease or kind that would make it other than
    traumatic."""
    return bool(_FRACTURE.search(text)) and not _PATHOLOGICAL.search(text)


# The forms of an injury's main term that are not its traumatic default ("Fracture, pathological",
# "Fracture, nontraumatic, NEC", "Fracture, insufficiency", "Fracture, chronic").
_OTHER_FORMS = frozenset({"pathological", "pathologic", "nontraumatic", "insufficiency", "chronic"})


def other_than_traumatic(main_term: str, echoes: Sequence[str], said: Container[str]) -> bool:
    """Whether an index path's main term is a form other than the traumatic one ("Fracture, pathological")
    that the query does not say, while the query tells a traumatic fracture or injury (its echo
    "traumatic")."""
    if "traumatic" not in echoes:
        return False
    forms = {w for form in main_term.lower().split(",")[1:] for w in re.findall(r"[a-z]+", form)}
    return bool(forms & _OTHER_FORMS) and not any(stem(w) in said for w in forms & _OTHER_FORMS)
