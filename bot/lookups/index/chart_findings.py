"""A chart's exam line read the way a coder reads it before opening the Index: the finding word is the main
term, however many words of the exam are said around it.

- How the finding was found is no word of it: "heard on exam", "on auscultation", "on DRE", "on fundoscopy",
  "at both bases", "appreciated" are read past ("left carotid bruit heard on exam" -> Bruit).
- A reflex told by its sign is the Index's "Reflex" (abnormal): "Babinski upgoing on left", "upgoing toes",
  "extensor plantar response", "positive Hoffmann", "DTRs 3+" (its side is no word of R29.2).
- Stool felt in the rectal vault, or a disimpaction done, is the Index's "Impaction, fecal".
- An age in days (or up to four weeks) is the Index's "newborn"; a newborn's temperature below 36.5 C is
  its "Hypothermia, neonatal" (the WHO's limit for a newborn, not the adult 35 C).
- Organs told as enlarged together ("liver and spleen both enlarged") are the Index's words for each
  (Hepatomegaly, with splenomegaly).
- A weight told as gone up or down by an amount is the Index's "Gain, weight" / "Loss, weight".
- A clause saying what the chart does not document ("no resp failure documented", "not consistent with
  sepsis", "no dx yet") is left out: the coder codes what is documented, only (guideline I.A.19, III.B).
- A lymph node of 1 cm or more at one site is the Index's "Enlargement, lymph gland or node, localized".
- A low blood pressure taken on standing is the Index's "Hypotension, orthostatic".
- A blood pressure in the crisis range (180/120 or more) told beside a sign of organ damage the reading
  causes (papilledema, encephalopathy, pulmonary edema) is the Index's "Hypertension, emergency"; a
  reading told beside a hypertension the chart names already is its evidence, read past.
"""

from __future__ import annotations

import re

from bot.lookups.index.lab_values import read_measures, without_explained

_SIDE = r"(?:(?:on\s+(?:the\s+)?)?(?:left|right|l|r|bilateral(?:ly)?|b/l|both\s+sides|bilat)(?:\s+side)?)"
# How an exam found the finding ("heard on exam", "noted on DRE", "on auscultation", "on fundoscopy").
_EXAM = (
    r"(?:(?:physical|neuro(?:logical)?|abdominal|abd|rectal|digital\s+rectal|cardiac|lung|pulmonary|skin|eye|"
    r"ophthalmologic|fundoscopic|funduscopic|pelvic|breast|genital|musculoskeletal|msk|heent)\s+)?"
    # ("PE" is no exam word here: "DVT with PE" is a pulmonary embolism)
    r"(?:exam(?:ination)?|dre|auscultation|palpation|percussion|inspection|fundoscopy|funduscopy|"
    r"ophthalmoscopy|otoscopy|fundi)"
)
_FOUND_BY = re.compile(
    rf"(?:\s+(?:heard|noted|seen|found|felt|palpated|appreciated|elicited|present|detected))?\s+"
    rf"(?:on|at|during|per|by)\s+(?:the\s+)?{_EXAM}(?![a-z0-9])"
    # "at both bases", "at the left base": where on the chest the lungs were heard ("at the base of the 5th
    # metatarsal" is a site)
    r"|\s+(?:at|in)\s+(?:the\s+)?(?:(?:both|bilateral|bilat|b/l|left|right|l|r)\s+(?:lung\s+)?bases?|lung\s+bases?|"
    r"bases)(?!\s+of)(?![a-z0-9])"
    r"|\s+(?:heard|appreciated|elicited)(?=\s*(?:,|;|$))"
)
# A reflex told by its sign: the Index's "Reflex" (R29.2), an abnormal reflex whatever its side.
_REFLEX = re.compile(
    rf"(?<![a-z0-9])(?:{_SIDE}\s+)?(?:"
    r"(?:positive|pos|\+|upgoing|up-going|extensor)\s+babinski(?:'?s)?(?:\s+(?:sign|reflex|response))?"
    r"|babinski(?:'?s)?(?:\s+(?:sign|reflex|response))?\s+(?:is\s+)?(?:upgoing|up-going|positive|pos|present|"
    r"extensor|\+)"
    r"|(?:upgoing|up-going|extensor)\s+(?:toes?|plantars?|plantar\s+(?:response|reflex)s?)"
    r"|(?:toes?|plantars?|plantar\s+(?:response|reflex)s?)\s+(?:are\s+|is\s+)?(?:upgoing|up-going|extensor)"
    r"|(?:positive|pos|\+)\s+hoffmann?(?:'?s)?(?:\s+(?:sign|reflex))?"
    r"|hoffmann?(?:'?s)?(?:\s+(?:sign|reflex))?\s+(?:is\s+)?(?:positive|pos|present|\+)"
    r"|(?:dtrs?|deep\s+tendon\s+reflexes|reflexes)\s+(?:are\s+)?(?:[34]\s*\+|0|absent)"
    rf")(?:\s+{_SIDE})?(?![a-z0-9])"
)
# Stool felt in the rectum on exam, or a disimpaction done: the Index's "Impaction, fecal".
_IMPACTION = re.compile(
    r"(?<![a-z0-9])(?:(?:hard|large|firm|impacted|rock[-\s]hard)\s+)?stool(?:\s+ball)?\s+(?:in|filling|throughout)"
    r"\s+(?:the\s+)?(?:rectal\s+vault|rectum|vault)(?![a-z0-9])"
    r"|(?<![a-z0-9])(?:manually\s+)?disimpact(?:ed|ion)(?![a-z0-9])"
)
# Organs felt or seen enlarged ("liver and spleen both enlarged on exam", "enlarged liver and spleen",
# "spleen palpable"): the Index's words for each organ's enlargement, together the combination line it has
# ("Hepatomegaly, with splenomegaly").
_MEGALY = {"liver": "hepatomegaly", "spleen": "splenomegaly", "heart": "cardiomegaly"}
_ORGAN = r"(?:the\s+)?(?:liver|spleen|heart)"
_ENLARGED = re.compile(
    rf"(?<![a-z0-9])(?:(?P<organs>{_ORGAN}(?:\s*(?:,|and|&)\s*{_ORGAN})+)\s+(?:(?:are|both|were)\s+)*"
    rf"(?:enlarged|palpable|large)|(?:enlarged|palpable)\s+(?P<named>{_ORGAN}(?:\s*(?:,|and|&)\s*{_ORGAN})+))"
    r"(?![a-z0-9])"
)


def _enlarged(match: re.Match[str]) -> str:
    organs = re.findall(r"liver|spleen|heart", match.group("organs") or match.group("named"))
    return " and ".join(_MEGALY[o] for o in dict.fromkeys(organs))


# A lymph node measured on exam or imaging ("L cervical node 2 cm", "axillary lymph node measuring 1.8 cm"):
# one of 1 cm or more (1.5 cm in the groin) is enlarged, and one site is the Index's "Enlargement, lymph gland
# or node, localized".
_NODE = re.compile(
    r"(?<![a-z0-9])(?:(?:left|right|l|r)\s+)?(?P<region>[a-z]+\s+)?(?:lymph\s+)?nodes?\s+"
    r"(?:(?:is|of|at|measuring|measures|measured|up\s+to)\s+)?(?P<size>\d{1,2}(?:\.\d+)?)\s*(?:cm|centimeters?)"
    r"(?![a-z0-9])"
)
_NOT_A_REGION = frozenset({"lymph", "the", "a", "one", "single", "no", "with", "and", "of"})


def _node(match: re.Match[str]) -> str:
    region = (match.group("region") or "").strip()
    limit = 1.5 if region == "inguinal" else 1.0
    if region in _NOT_A_REGION or float(match.group("size")) < limit:
        return match.group(0)
    return "enlargement lymph node localized"


# A narrator's verb before an exam finding ("appears cachectic", "noted to be jaundiced"): no word of it.
_APPEARS = re.compile(r"(?<![a-z0-9])(?:appears|appeared|noted\s+to\s+be|found\s+to\s+be)\s+(?=[a-z])")


# An age a newborn is told by: "2 day old", "3-day-old", "DOL 4", "day of life 2", "10 days old", "3 wk old".
_NEWBORN_AGE = re.compile(
    r"(?<![a-z0-9])(?:(?:in|on|for)\s+(?:a|an|the|this)?\s*)?"
    r"(?:(?P<days>\d{1,2})[-\s]?(?:day|d)s?[-\s]?old|dol\s*#?\s*(?P<dol>\d{1,2})|day\s+of\s+life\s+(?P<life>\d{1,2})|"
    r"(?P<weeks>[1-4])[-\s]?(?:week|wk)s?[-\s]?old)(?:\s+(?:newborn|neonate|infant|baby|male|female|boy|girl))?"
    r"(?![a-z0-9])"
)
_VISIT = re.compile(
    r"(?<![a-z0-9])(?:check|checkup|visit|exam|examination|screen|screening|well)(?![a-z0-9])"
)
_NEWBORN_WORDS = re.compile(r"(?<![a-z0-9])(?:newborn|neonate|neonatal|nb)(?![a-z0-9])")
_TEMP = re.compile(
    r"(?<![a-z0-9])(?:(?:axillary|ax|rectal|core|oral|tympanic|skin|body)\s+)?(?:temp|temperature|t)\s*:?\s*"
    r"(?:(?:of|is|was|at|down\s+to)\s+)?(?P<value>3[0-9](?:\.\d)?)(?:\s*°?\s*c\b)?(?![0-9.])"
)
NEWBORN_COLD = 36.5  # the WHO's lowest normal temperature of a newborn (C)
# A weight told as gone up or down ("wt up 12 lb", "weight 8 lb down", "gained 10 kg", "lost 15 lbs").
_AMOUNT = r"\d+(?:\.\d+)?\s*(?:lbs?|pounds?|kgs?|kilos?|kilograms?)"
_WEIGHT = re.compile(
    rf"(?<![a-z0-9])(?:(?:wt|weight)\s+(?:(?P<up1>up|increased|gain|gained)|(?P<down1>down|decreased|loss|lost|dropped))"
    rf"\s+(?:by\s+)?{_AMOUNT}"
    rf"|(?:wt|weight)\s+{_AMOUNT}\s+(?:(?P<up2>up|gained|higher|more)|(?P<down2>down|lost|lower|less))"
    rf"|(?:(?P<up3>gained|put\s+on)|(?P<down3>lost|dropped))\s+{_AMOUNT}(?:\s+(?:of\s+)?(?:weight|wt))?)"
    # (over what time: part of the reading, "in 3 months")
    r"(?:\s+(?:in|over|within)\s+(?:the\s+)?(?:last\s+|past\s+)?(?:a|one|\d+)\s+"
    r"(?:days?|weeks?|wks?|months?|mos?|years?|yrs?))?(?![a-z0-9])"
)
# A clause telling what the chart does not document, or what the finding is not ("no resp failure
# documented", "MI not confirmed", "not consistent with sepsis", "no dx yet", "no diagnosis made"): left out.
_NOT_DOCUMENTED = re.compile(
    r"(?:^|(?<=[,;]))\s*(?:(?:no|not|without)\s+(?:[a-z0-9/'-]+\s+){0,4}?"
    r"(?:documented|charted|mentioned|stated|diagnosed|established|made|confirmed)"
    r"|not\s+(?:consistent|c/w)\s+with(?:\s+[a-z0-9/'-]+){1,4}"
    r"|(?:[a-z0-9/'-]+\s+){1,4}?(?:is\s+|was\s+)?not\s+(?:documented|confirmed|diagnosed|established|charted)"
    r"(?:\s+(?:yet|so\s+far|by\s+[a-z]+))?"
    r"|no\s+(?:dx|diagnosis)(?:\s+(?:yet|made|given|documented))?)\s*(?=[,;]|$)"
)
_SEVERE_PRESSURE = re.compile(
    r"\b(?:bp|blood\s+pressure|b/p)\s*:?\s*(?:(?:drops?|dropped|dropping|falls?|fell|down)\s+to\s+)?"
    r"(?P<high>\d{2,3})\s*/\s*(?P<low>\d{2,3})\b"
)
# A low pressure taken on standing (or told as orthostatic): the Index's "Hypotension, orthostatic".
_STANDING = re.compile(
    r"(?<![a-z0-9])(?:(?:on|upon|when|after|with)\s+standing(?:\s+up)?|orthostatic(?:s|ally)?)(?![a-z0-9])"
)
# Signs of the organ damage a crisis-range pressure causes (the definition of a hypertensive emergency).
_ORGAN_DAMAGE = re.compile(
    r"(?<![a-z0-9])(?:papilledema|papilloedema|retinal\s+(?:hemorrhages?|exudates?)|flame\s+hemorrhages?|"
    r"encephalopathy|pulmonary\s+edema|flash\s+pulmonary\s+edema|aortic\s+dissection|"
    r"acute\s+kidney\s+injury|aki|troponin\s+(?:elevated|up|positive))(?![a-z0-9])"
)
_DENIED = re.compile(r"(?<![a-z0-9])(?:no|not|without|denies|denied|never|negative|w/o)(?![a-z0-9])")
_HYPERTENSION_SAID = re.compile(r"(?<![a-z0-9])(?:htn|hypertension|hypertensive)(?![a-z0-9])")


def _pressure(text: str) -> str:
    # (a hypertension the clause denies is none: "BP 168/102, no hx of HTN" is an elevated reading)
    said = any(
        _HYPERTENSION_SAID.search(clause) and not _DENIED.search(clause) for clause in re.split(r"[,;]", text)
    )
    standing = _STANDING.search(text)

    def read(match: re.Match[str]) -> str:
        high, low = int(match.group("high")), int(match.group("low"))
        if (high >= 180 or low >= 120) and _ORGAN_DAMAGE.search(text):
            return "hypertensive emergency,"  # (a clause of its own: the crisis leads its signs)
        if said and (high >= 130 or low >= 80):
            return " "  # "HTN urgency, BP 182/114": the reading is the named hypertension's evidence
        if (high < 90 or low < 60) and standing:
            return "orthostatic hypotension,"
        return match.group(0)

    read_text = _SEVERE_PRESSURE.sub(read, text)
    if standing and "orthostatic hypotension," in read_text:
        before, _, after = read_text.partition("orthostatic hypotension,")
        read_text = f"{_STANDING.sub(' ', before)} orthostatic hypotension, {_STANDING.sub(' ', after)}"
    return read_text


def _newborn(text: str) -> str:
    age = _NEWBORN_AGE.search(text)
    # (a visit's age is left to the encounter's reader: "5 day old weight check" is a check by days, Z00.110)
    if age is not None and not _VISIT.search(text):
        days = age.group("days") or age.group("dol") or age.group("life")
        if days is None or int(days) <= 28:
            text = f"{text[: age.start()]} newborn {text[age.end() :]}"
    if not _NEWBORN_WORDS.search(text):
        return text

    def cold(match: re.Match[str]) -> str:
        return "hypothermia" if float(match.group("value")) < NEWBORN_COLD else match.group(0)

    text = _TEMP.sub(cold, text)
    if re.search(r"(?<![a-z0-9])hypothermi[ac](?![a-z0-9])", text):
        text = _NEWBORN_WORDS.sub(" ", text)
        text = re.sub(r"(?<![a-z0-9])hypothermi[ac](?![a-z0-9])", "neonatal hypothermia", text, count=1)
    return text


def _weight(match: re.Match[str]) -> str:
    up = match.group("up1") or match.group("up2") or match.group("up3")
    return "weight gain" if up else "weight loss"


# A cheap first look: a word one of the readings above starts from (most queries say none and are left as
# typed without running them).
_MAY_READ = re.compile(
    r"\d|exam|auscult|palpat|percuss|inspect|fundi|\bdre\b|fundo|ophthalmo|otoscop|\bpe\b|bases?\b|heard|appreciat|elicit|"
    r"present\b|detected|babinski|hoffman|plantar|reflex|\bdtrs?\b|stool|disimpact|newborn|neonat|\bnb\b|"
    r"hypotherm|documented|confirmed|diagnos|established|charted|mentioned|stated|made\b|consistent|c/w|\bdx\b|"
    r"liver|spleen|heart|appear|noted|found"
)


def _first(pattern: re.Pattern[str], text: str) -> int:
    found = pattern.search(text)
    return found.start() if found is not None else -1


def read_chart(text: str) -> str:
    """The chart line with its exam frames read past and its signs, ages and weights said in the Index's
    words; a line with none of them comes back as it was."""
    low = text.lower()
    if not _MAY_READ.search(low):
        return text
    read = _NOT_DOCUMENTED.sub("", low)
    if not read.strip(" ,;"):
        read = low
    read = _FOUND_BY.sub("", read)
    read = _REFLEX.sub(
        " reflex ", read
    )  # (the main term's own code: "abnormal reflex" reads "pupillary, abnormal")
    read = _IMPACTION.sub(
        lambda m: " fecal impaction " if m.start() == _first(_IMPACTION, read) else " ", read
    )
    read = _WEIGHT.sub(_weight, read)
    read = _ENLARGED.sub(_enlarged, read)
    read = _APPEARS.sub("", _NODE.sub(_node, read))
    read = _pressure(_newborn(read))
    read = without_explained(read_measures(read))  # ("DKA, bicarb 8": the DKA's evidence)
    if read == low:
        return text
    read = re.sub(r"\s*([,;])(?:\s*[,;])+", r"\1", " ".join(read.split()))
    return read.strip(" ,;") or text
