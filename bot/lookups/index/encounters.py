"""A visit's reason told in office words -> the Index's Z-code main terms (Examination, Aftercare, Pregnancy).

- "pre-op exam before knee surgery", "surgical clearance for hernia repair": Examination, pre-procedural
  (the procedure planned is the reason for the exam, not a line of it);
- "PT after right knee replacement", "rehab following hip arthroplasty": Aftercare, following surgery, joint
  replacement (guideline I.C.21.c.7: aftercare of a joint prosthesis);
- "recheck after finishing antibiotics for pneumonia, resolved": Examination, follow-up (Z09; Z08 when the
  treatment finished was for a malignant neoplasm), the follow-up examination after completed treatment
  (guideline I.C.21.c.8);
- "G1 at 10w, normal prenatal check": Pregnancy, normal, first / specified, and the trimester of the weeks;
- "4 yr well visit, no concerns", "8 day old baby weight recheck, normal": Examination, child / Newborn,
  examination and the age in days (the Index's lines under 8 days / 8 to 28 days), or Examination, medical for
  an adult: a routine check told by the patient's age alone;
- "STD check, no symptoms", "asymptomatic HIV test": Screening (testing for a disease in a person with no sign
  or symptom of it is a screening, guideline I.C.21.c.5).
"""

from __future__ import annotations

import re

from bot.lookups.index.circumstances import read_circumstance, read_dependence
from bot.lookups.index.contraception import read_contraception
from bot.lookups.index.devices import read_device_visit


def _word_set(text: str) -> frozenset[str]:
    """The words of a list written as text, one space apart."""
    return frozenset(text.split())


_PRE_PROCEDURAL = re.compile(
    r"^(?:pre-?\s?op(?:erative)?|pre-?\s?procedur(?:e|al)|pre-?\s?surgical|surgical)\s+"
    r"(?:(?P<kind>[a-z]+)\s+)?"
    r"(?:exam(?:ination)?|physical|evaluation|eval|clearance|visit|check(?:up)?|assessment|"
    r"(?P<tests>labs?|lab\s+work|bloodwork|blood\s+work|testing|tests))"
    r"(?:\s+(?P<after>[a-z]+))?(?:\s+(?:exam(?:ination)?|evaluation|eval))?"
    r"(?:\s+(?:before|prior\s+to|for|ahead\s+of)\s+.+)?$"
)
# The kinds of pre-procedural examination the Index names (Examination, pre-procedural, cardiovascular /
# laboratory / respiratory), in the words a clearance is asked for by.
_PRE_PROCEDURAL_KINDS = {
    "cardiac": "cardiovascular",
    "cardiology": "cardiovascular",
    "cardiovascular": "cardiovascular",
    "heart": "cardiovascular",
    "ekg": "cardiovascular",
    "ecg": "cardiovascular",
    "pulmonary": "respiratory",
    "respiratory": "respiratory",
    "lung": "respiratory",
}
_JOINT_REHAB = re.compile(
    r"^(?:pt|physical\s+therapy|ot|occupational\s+therapy|rehab\w*|therapy)\s+"
    r"(?:after|following|post|s/p|status\s+post)\s+(?:(?:right|left|bilateral|r|l)\s+)?"
    r"(?:total\s+|partial\s+)?(?P<joint>[a-z]+)\s+(?:joint\s+)?(?:replacement|arthroplasty)$"
)
_COMPLETED = re.compile(
    r"^(?:recheck|re-check|check|f/u|fu|follow[- ]?up|followup|surveillance)\s+(?:visit\s+|exam\s+|examination\s+)?"
    r"(?:\d+\s+\w+\s+)?after\s+(?:(?:finishing|completing|completed|completion\s+of|finished|done\s+with)\s+"
    r"(?P<what>.+)|(?P<done>.+?)\s+(?:finished|completed|treated|done|ended|over)(?:\s+.*)?)$"
)
# A cancer's history and the visit's surveillance told apart ("hx breast ca s/p mastectomy 2018, no current tx,
# here for surveillance exam"): the follow-up examination after completed treatment of a malignant neoplasm
# (Z08, guideline I.C.21.c.8; the history code Z85 beside it).
_CANCER_SURVEILLANCE = re.compile(
    r"^(?:hx|h/o|history\s+of|personal\s+history\s+of|pmh)\s+.+?\b(?:here\s+)?for\s+(?:routine\s+)?"
    r"(?:surveillance|follow[- ]?up)(?:\s+(?:visit|exam|examination))?$"
)
# A treatment still given is no completed one (the neoplasm is coded then, guideline I.C.2.d).
_TREATED_NOW = re.compile(
    r"\b(?:(?:currently|still)\s+(?:on|receiving|getting|taking)|receiving|undergoing|on\s+(?:chemo\w*|radiation|"
    r"immunotherapy|hormone\s+therapy))\b"
)
_NO_SYMPTOMS = r"(?:no|without|w/o|denies)\s+(?:symptoms|sx|complaints)|asymptomatic"
_TESTED = r"(?:check|test|testing|tests|screen|panel)"
# (why the test is done is no symptom: "covid test before surgery, no symptoms")
_BEFORE = r"(?:\s+(?:before|prior\s+to|ahead\s+of|for)\s+(?:a\s+|the\s+|her\s+|his\s+)?(?:surgery|procedure|travel|trip|admission|flight|work|school))?"
_SCREENING = re.compile(
    rf"^(?P<a>.+?)\s+{_TESTED}{_BEFORE}\s+(?:{_NO_SYMPTOMS})$|^(?:{_NO_SYMPTOMS})\s+(?P<b>.+?)\s+{_TESTED}{_BEFORE}$"
)
# A screening whose result is said to be normal ("full body skin cancer screening, no lesions of concern",
# "lead screening negative"): it stays a screening (guideline I.C.21.c.5); how much of the body was looked
# at is no subterm.
_SCREENED_NORMAL = re.compile(
    r"^(?:(?:full|whole|total)[- ]body\s+)?(?P<what>[a-z0-9 -]+?)\s+(?:screening|screen)\s+"
    r"(?:no\s+(?:\w+\s+){0,2}(?:of\s+concern|found|seen|noted|detected|suspicious\s+\w+)|negative|normal|"
    r"unremarkable|nothing\s+found|no\s+findings)$"
)
_MALIGNANT = re.compile(
    r"\b(?:cancer|ca|chemo\w*|radiation|radiotherapy|lymphoma|leukemia|melanoma|sarcoma|carcinoma|"
    r"malignan\w*|tumou?r)\b"
)


def read_encounter(text: str) -> str | None:
    """The Index words of a visit reason said in office words, or None."""
    pre = _PRE_PROCEDURAL.match(text)
    if pre:
        if pre.group("tests"):
            return "examination pre-procedural laboratory"
        said = [pre.group("kind"), pre.group("after")]
        kinds = [_PRE_PROCEDURAL_KINDS[w] for w in said if w in _PRE_PROCEDURAL_KINDS]
        if kinds:
            return f"examination pre-procedural {kinds[0]}"
        if any(w is not None for w in said):
            return None  # a word the rule does not know may be the reason: read by the Index
        return "examination pre-procedural specified"
    circumstance = read_circumstance(text) or read_dependence(text)
    if circumstance is not None:
        return circumstance
    counsel = read_counseling(text)
    if counsel is not None:
        return counsel
    contact = read_contact(text)
    if contact is not None:
        return contact
    birth_control = read_contraception(text)
    if birth_control is not None:
        return birth_control
    device = read_device_visit(text)
    if device is not None:
        return device
    purpose = read_exam_purpose(text) or read_elective(text)
    if purpose is not None:
        return purpose
    rehab = _JOINT_REHAB.match(text)
    if rehab:
        return f"aftercare following surgery joint replacement {rehab.group('joint')}"
    screening = _SCREENING.match(text)
    if screening:
        return f"screening {screening.group('a') or screening.group('b')}"
    found_none = _SCREENED_NORMAL.match(text)
    if found_none:
        return f"screening {found_none.group('what')}"
    aged = read_aged_check(text) or read_routine_check(text)
    if aged is not None:
        return aged
    pregnancy = read_normal_pregnancy(text) or read_weeks_alone(text)
    if pregnancy is not None:
        return pregnancy
    completed = _COMPLETED.match(text)
    if completed:
        malignant = _MALIGNANT.search(completed.group("what") or completed.group("done"))
        return "examination follow-up malignant neoplasm" if malignant else "examination follow-up"
    surveillance = _CANCER_SURVEILLANCE.match(text)
    if surveillance and _MALIGNANT.search(text) and not _TREATED_NOW.search(text):
        return "examination follow-up malignant neoplasm"
    return None


# A pregnancy visit told with its weeks and gravida only ("G1 at 10w, normal prenatal check", "pregnant 22
# weeks, normal"): Pregnancy, normal (supervision of), first / specified, and the trimester the weeks fall in
# (ICD-10-CM chapter 15: first trimester under 14 weeks 0 days, second 14 weeks 0 days to under 28 weeks
# 0 days, third from 28 weeks 0 days). Any other word may be a complication, which is coded instead.
_PREGNANT = re.compile(
    r"\b(?:pregnan\w*|prenatal|antenatal|ob|gravid\w*|primigravida|multigravida|g[1-9](?:p\d+)?)\b"
)
_NORMAL = re.compile(r"\b(?:normal|routine|uncomplicated|low\s+risk|low-risk|intake|supervision)\b")
_SUPERVISION_WORDS = frozenset(
    [
        "pregnant",
        "pregnancy",
        "prenatal",
        "antenatal",
        "ob",
        "normal",
        "routine",
        "uncomplicated",
        "low",
        "risk",
        "low-risk",
        "intake",
        "supervision",
        "visit",
        "check",
        "checkup",
        "check-up",
        "care",
        "exam",
        "examination",
        "encounter",
        "for",
        "of",
        "at",
        "in",
        "the",
        "a",
        "and",
        "new",
        "appointment",
        "today",
        "weeks",
        "week",
        "wks",
        "wk",
        "w",
        "gestation",
        "iup",
        "single",
        "singleton",
        "primigravida",
        "multigravida",
        "first",
        "second",
        "her",
        "she",
        "is",
        "here",
    ]
)
_WEEKS = re.compile(r"^(?P<n>\d{1,2})(?:w|wk|wks|weeks?)?$")
_GRAVIDA = re.compile(r"^g(?P<n>[1-9])(?:p\d+)?$")
_ORDINALS = ("first", "second", "third")


# Which pregnancy this is, told by its count ("first baby", "3rd kid", "second pregnancy"): the Index's
# Pregnancy, normal, first / specified (a later one is "specified": Z34.8-, other normal pregnancy); "along"
# says the weeks.
_NTH = re.compile(
    r"\b(?:(?P<first>first|1st)|second|third|fourth|fifth|sixth|2nd|3rd|[4-9]th|another)\s+"
    r"(?:baby|pregnancy|child|kid|one)\b"
)
_ALONG = re.compile(r"\b(?<=\d)\s*(?:weeks?|wks?|w)\s+along\b")
# What says the visit is uneventful ("no complications", "no issues", "everything normal"): a normal
# pregnancy's words, and the patient's age ("28 yo G1P0 at 32 wks, routine OB visit") is no complication.
_ALL_WELL = re.compile(
    r"\b(?:(?:no|without|w/o)\s+(?:issues|problems|complications|concerns|complaints)|"
    r"(?:everything|all)\s+(?:is\s+)?(?:normal|fine|ok|okay|good|well)|"
    r"\d{2}\s*(?:yo|y/o|yrs?\s+old|years?[- ]old))\b"
)
# Weeks the chart does not give ("weeks not documented", "unknown weeks"): no trimester (the Tabular's
# "unspecified trimester").
_NO_WEEKS = re.compile(
    r"\b(?:weeks?|gestational\s+age|ga)\s+(?:not\s+(?:documented|known|given|stated|recorded)|unknown)\b|"
    r"\bunknown\s+(?:weeks|gestational\s+age|ga)\b"
)


def read_normal_pregnancy(text: str) -> str | None:
    """The Index words of a normal pregnancy's supervision visit, or None when any word may be more."""
    if not (_PREGNANT.search(text) and _NORMAL.search(text)):
        return None
    weeks: list[int] = []
    gravida = ""
    nth = _NTH.search(text)
    if nth is not None:
        gravida = "first" if nth.group("first") else "specified"
        text = f"{text[: nth.start()]} {text[nth.end() :]}"
    text = _ALONG.sub(" weeks", text)
    text = _ALL_WELL.sub(" normal ", _NO_WEEKS.sub(" ", text))
    for word in text.split():
        week = _WEEKS.match(word)
        grav = _GRAVIDA.match(word)
        if week:
            weeks.append(int(week.group("n")))
        elif grav:
            gravida = "first" if grav.group("n") == "1" else "specified"
        elif word in ("primigravida",):
            gravida = "first"
        elif word in ("multigravida",):
            gravida = "specified"
        elif word not in _SUPERVISION_WORDS:
            return None
    said = [w for w in weeks if 0 < w <= 43]
    trimester = ""
    if len(said) == 1:
        trimester = f"{_ORDINALS[0 if said[0] < 14 else 1 if said[0] < 28 else 2]} trimester"
    return " ".join(w for w in ["pregnancy normal", gravida, trimester] if w)


# How far along a pregnancy is, told alone ("she is only 6 weeks along", "gestational age 27 wks", "38 weeks
# pregnant per dating ultrasound", "pregnant for 12 weeks"): the Index's Pregnancy, weeks of gestation line of the weeks (Z3A: less
# than 8 weeks, 8 to 42 weeks each, greater than 42 weeks). Said beside a condition or a visit's reason the
# weeks are the condition's trimester instead (bot.lookups.index.gestation), so nothing else may be said.
_WEEKS_ALONE = re.compile(
    r"^(?:(?:she|pt|patient|mom|mother)\s+(?:is\s+)?)?(?:only\s+|about\s+|currently\s+|now\s+|at\s+)?"
    r"(?P<n>\d{1,2})\s*(?:weeks?|wks?|w)\s+(?:pregnant|along|gestation|ga|of\s+gestation)"
    r"(?:\s+(?:per|by))?(?:\s+dating)?(?:\s+(?:ultrasound|us|u/s|lmp|dates|scan))?$|"
    r"^(?:gestational\s+age|ga)\s+(?:is\s+|of\s+)?(?P<m>\d{1,2})\s*(?:weeks?|wks?|w)$|"
    # ("pregnant for 12 weeks", "she is pregnant, 20 weeks", "been pregnant 30 wks now")
    r"^(?:(?:she|pt|patient|mom|mother)\s+)?(?:is\s+|has\s+been\s+|been\s+)?pregnant,?\s+(?:for\s+|at\s+|about\s+)?"
    r"(?P<p>\d{1,2})\s*(?:weeks?|wks?|w)(?:\s+(?:now|along|today))?$"
)


def read_weeks_alone(text: str) -> str | None:
    """The Index words of a pregnancy's weeks of gestation told alone, or None."""
    said = _WEEKS_ALONE.match(text)
    if said is None:
        return None
    weeks = int(said.group("n") or said.group("m") or said.group("p"))
    if weeks < 8:
        return "pregnancy weeks of gestation less than 8 weeks"
    if weeks > 42:
        return "pregnancy weeks of gestation greater than 42 weeks"
    return f"pregnancy weeks of gestation {weeks} weeks"


# A routine check told by the patient's age ("4 yr well visit, no concerns", "8 day old baby weight recheck,
# normal", "2 month old checkup"): the Index's health examination for the age - Newborn, examination, with the
# days (its lines under 8 days old / 8 to 28 days old are chosen by the number), Examination, child (over 28
# days old, under 18 years), Examination, medical (adult). Every other word must be a routine check's word, as
# any other may be the visit's reason (a complaint or a finding is coded instead).
_AGE = re.compile(
    r"\b(?P<n>\d{1,3})\s*-?\s*(?P<unit>d|days?|wk|wks|weeks?|mo|mos|months?|m|y|yo|yr|yrs|years?)"
    r"(?:\s*-?\s*old)?\b"
)
_CHECK_WORDS = frozenset(
    {
        "well",
        "wellness",
        "visit",
        "check",
        "checkup",
        "check-up",
        "recheck",
        "re-check",
        "weight",
        "exam",
        "examination",
        "physical",
        "routine",
        "annual",
        "normal",
        "no",
        "concerns",
        "problems",
        "complaints",
        "issues",
        "baby",
        "newborn",
        "infant",
        "child",
        "kid",
        "toddler",
        "boy",
        "girl",
        "adult",
        "old",
        "for",
        "a",
        "the",
        "at",
        "today",
        "child's",
        "baby's",
    }
)
_ROUTINE = frozenset(
    {
        "well",
        "wellness",
        "check",
        "checkup",
        "check-up",
        "recheck",
        "re-check",
        "exam",
        "examination",
        "physical",
        "routine",
        "annual",
    }
)
_DAYS_PER = {"d": 1, "w": 7, "m": 30, "y": 365}


def read_aged_check(text: str) -> str | None:
    """The Index words of a routine health check told by the patient's age, or None."""
    age = _AGE.search(text)
    if age is None:
        return None
    rest = (text[: age.start()] + " " + text[age.end() :]).split()
    if not rest or not _ROUTINE.intersection(rest) or not all(w in _CHECK_WORDS for w in rest):
        return None
    unit = age.group("unit")[0]
    days = int(age.group("n")) * _DAYS_PER["m" if unit == "m" else unit]
    if days <= 28:
        return f"newborn examination {days} days"
    return "examination child" if days < 18 * 365 else "examination medical"


# Counseling told as an act ("counseled to quit tobacco", "counseling for weight loss diet", "nutrition
# counseling visit", "discussed birth control options"): the Index's main term Counseling and the topic below
# it (the vocabulary reads the topic's lay words as Counseling's subterms: nutrition -> dietary).
_COUNSEL_FIRST = re.compile(
    r"^(?:(?:pt|patient)\s+)?(?:counsel(?:ing|ed|led|ling)?|discuss(?:ed|ing)?|discussion\s+of)"
    r"(?:\s+(?:given|provided|done))?\s+(?:(?:for|on|about|re|regarding|to|in|of)\s+)?(?P<what>.+?)"
    r"(?:\s+(?:options|visit|session))?$"
)
_COUNSEL_LAST = re.compile(
    r"^(?P<what>.+?)\s+counsel(?:ing|ling)(?:\s+(?:visit|session|given|provided|done))?$"
)


def read_counseling(text: str) -> str | None:
    """The Index words of a counseling visit told as an act, or None."""
    said = _COUNSEL_FIRST.match(text) or _COUNSEL_LAST.match(text)
    if said is None or len(said.group("what").split()) > 4:
        return None
    return f"counseling {said.group('what')}"


# Contact with a person who has a communicable disease ("roommate has covid, pt asymptomatic", "coworker
# tested positive for strep, no symptoms"): the Index's Contact (with) line for the disease (Z20). The person is
# no blood relative, so the sentence cannot be a family history ("mom has diabetes": History, family), and the
# patient is said to be well ("my wife has vertigo" alone is the patient's own condition told in a sentence).
_CONTACT = re.compile(
    r"^(?:(?:my|pt's|patient's|her|his|a|the)\s+)?"
    r"(?:roommate|room\s+mate|coworker|co-worker|classmate|housemate|spouse|wife|husband|partner|boyfriend|"
    r"girlfriend|friend|teacher|daycare\s+(?:classmate|teacher)|household\s+member|neighbor|neighbour)\s+"
    r"(?:(?:just|recently|was|is)\s+)*(?:has|had|with|tested\s+positive\s+for|positive\s+for|diagnosed\s+with|"
    r"has\s+active|sick\s+with)\s+(?P<what>[a-z0-9 -]+?)"
    # how the patient is told to be: well, exposed, without the disease's sign ("pt exposed, no rash")
    r"(?:\s+(?:(?:pt|patient)\s+)?(?:asymptomatic|no\s+symptoms|without\s+symptoms|feels\s+(?:fine|well)|"
    r"(?:is\s+)?well|(?:was\s+|is\s+|been\s+)?exposed|exposure|no\s+[a-z]+))+$"
)


def read_contact(text: str) -> str | None:
    """The Index words of a contact with a person's communicable disease, or None."""
    said = _CONTACT.match(text)
    return f"contact {said.group('what')}" if said else None


# A health examination asked for a purpose ("life insurance physical exam", "exam for joining the army", "DOT
# commercial driver physical", "physical to play high school football"): the Index's Examination, medical
# (for) line of the purpose (Z02: examinations for administrative purposes; participation in sport Z02.5).
# The first purpose said wins in this order (a sport at a school is the sport's; boot camp is the army's).
_EXAM = re.compile(r"\b(?:physicals?|exams?|examination|evaluation|eval|check-?up|clearance|forms?)\b")
_PURPOSES = tuple(
    (re.compile(pattern), words)
    for pattern, words in [
        (r"\binsurance\b", "examination medical insurance purposes"),
        (
            r"\b(?:army|navy|military|marines?|air\s+force|armed\s+forces|national\s+guard|coast\s+guard|"
            r"enlist\w*|recruit\w*|boot\s+camp)\b",
            "examination medical recruitment armed forces",
        ),
        (
            r"\b(?:dot|cdl|driver'?s?|driving|commercial\s+driver|truck\s+driver|bus\s+driver)\b",
            "examination medical driving license",
        ),
        (
            r"\b(?:sports?|athletic\w*|football|soccer|basketball|baseball|softball|volleyball|hockey|wrestling|"
            r"lacrosse|track|swim\w*|tennis|cheer\w*|gymnastics|running|cross\s+country|rugby|golf|dance)\b",
            "examination medical participation sport",
        ),
        (r"\b(?:summer\s+)?camp\b", "examination medical admission summer camp"),
        (
            r"\b(?:pre-?employment|new\s+job|employment|employer|hire|hiring)\b",
            "examination medical pre-employment",
        ),
        (
            r"\b(?:immigration|naturalization|citizenship|visa|green\s+card)\b",
            "examination medical immigration",
        ),
        (r"\badoption\b|\badopting\b", "examination medical adoption"),
        (r"\bmarriage\b|\bmarriage\s+license\b", "examination medical marriage"),
        (
            r"\b(?:school|college|university|kindergarten|preschool|daycare)\b",
            "examination medical admission school",
        ),
    ]
)
_PURPOSE_WORDS = _word_set(
    """
    for to the a an of and before starting start join joining joined enter entering play playing try out
    tryouts high middle junior senior varsity team season league new annual yearly required needed need needs
    form forms paperwork fill filled out complete completed completion sign signed here visit encounter
    routine his her my their get getting license licence renewal policy company life commercial year years
    old yo y/o month months kid child teen teenager adult student applicant application requirement
    participation clearance medical health general standard pre term entrance admission
    """
)


def read_exam_purpose(text: str) -> str | None:
    """The Index words of a health examination for a purpose, or None when anything else is said."""
    if not _EXAM.search(text):
        return None
    reading = None
    rest = _EXAM.sub(" ", text)
    for pattern, words in _PURPOSES:
        if pattern.search(rest):
            reading = reading or words
            rest = pattern.sub(" ", rest)
    if reading is None or any(w not in _PURPOSE_WORDS and not w.isdigit() for w in rest.split()):
        return None
    return reading


# A routine check told with no age and no reason ("routine adult physical", "adult annual physical, no problems
# found"): the Index's Examination (general) (routine), medical, general (adult) (Z00.00). A child's word
# (the age-told check above reads those), a body part or any finding is another examination.
_CHILD_WORDS = frozenset(
    {"baby", "newborn", "infant", "child", "kid", "toddler", "boy", "girl", "child's", "baby's"}
)
_FOUND_WORDS = frozenset({"found", "findings", "yearly", "adult's", "general", "medical", "preventive"})


def read_routine_check(text: str) -> str | None:
    """The Index words of a routine adult check told with no age, or None."""
    said = text.split()
    allowed = (_CHECK_WORDS | _FOUND_WORDS) - _CHILD_WORDS
    if not said or not _ROUTINE.intersection(said) or not all(w in allowed for w in said):
        return None
    if not {"adult", "annual", "yearly", "routine", "wellness", "physical"} & set(said):
        return None
    return "examination medical general adult"


# Encounters for a procedure with no medical indication, and care of a well mother, told in office words (the
# Index files them under Admission / Encounter (for), Circumcision, Examination, lactating mother):
# - "cosmetic consult for tummy tuck": Admission, cosmetic surgery NEC (Z41.1);
# - "routine circumcision requested by parents": Circumcision (ritual) (routine) (Z41.2);
# - "egg freezing before chemo", "sperm banking prior to radiation": Encounter, fertility preservation
#   procedure (prior to cancer therapy) (Z31.84);
# - "lactation visit for breastfeeding mom, no problems": Examination, lactating mother (Z39.1);
# - "aftercare following lumpectomy for breast cancer": Aftercare, following surgery, neoplasm (Z48.3).
# Each reads only a sentence of the encounter and the words it is told in: a condition said beside it
# (phimosis, mastitis, a latch problem, a wound infection) is coded instead.
_COSMETIC = re.compile(
    r"^(?:(?:elective|here\s+for|for|a)\s+)?cosmetic\s+(?:consult\w*|surgery|procedure|visit|evaluation|eval)"
    r"(?:\s+(?:for|re|about|regarding|to\s+discuss)\s+(?:an?\s+)?[a-z -]+)?$|"
    r"^(?:(?:elective|consult\w*)\s+)?(?:for\s+)?[a-z -]+?\s+for\s+cosmetic\s+(?:reasons|purposes)$"
)
_CIRCUMCISION = re.compile(r"\bcircumcision\b")
_CIRCUMCISION_REASONS = frozenset(
    {"routine", "ritual", "religious", "elective", "requested", "request", "parents", "parent's", "parents'"}
)
_CIRCUMCISION_WORDS = _word_set(
    """
    routine ritual religious elective requested request by parents parent's parents' family mom dad mother
    father newborn baby infant boy male for of the a at in wk wks week weeks day days month months mo old yo
    year years visit encounter today here
    """
)
_FERTILITY = re.compile(
    r"\b(?:(?:egg|eggs|oocyte|oocytes|sperm|semen|embryo|embryos|ovarian\s+tissue|testicular\s+tissue)\s+"
    r"(?:freezing|frozen|cryopreservation|cryopreserved|banking|banked|storage|preservation|retrieval\s+for\s+"
    r"freezing)|(?:freezing|cryopreservation|banking|freeze|bank|store)\s+(?:of\s+)?(?:her\s+|his\s+)?"
    r"(?:eggs|oocytes|sperm|embryos)|fertility\s+preservation)\b"
)
_FERTILITY_WORDS = _word_set(
    """
    before prior to ahead of starting start upcoming planned chemo chemotherapy radiation radiotherapy
    cancer treatment therapy surgery orchiectomy oophorectomy hysterectomy for encounter visit here procedure
    consult consultation the a her his ovary ovaries testicle testicles removal
    """
)
_LACTATION = re.compile(
    r"\b(?:lactation|breast\s*feeding|breastfeeding|nursing)\s+(?:visit|consult\w*|check(?:-?up)?|support|"
    r"evaluation|eval|appointment|follow-?up)\b|\blactating\s+mother\b"
)
_LACTATION_WORDS = _word_set(
    """
    for a the mom mother new breastfeeding breast feeding nursing lactating going well no problems issues
    concerns complaints normal routine visit encounter here today postpartum baby of and with
    """
)
_AFTERCARE_NEOPLASM = re.compile(
    r"^(?:aftercare|post-?\s?op(?:erative)?\s+(?:care|visit|check))\s+(?:following|after|for|s/p|post)\s+"
    r"(?P<proc>[a-z -]+?)\s+(?:for|of)\s+(?P<what>.+)$"
)


def read_elective(text: str) -> str | None:
    """The Index words of an elective encounter or a well mother's lactation visit, or None."""
    if _COSMETIC.match(text):
        return "admission cosmetic surgery"
    if _CIRCUMCISION.search(text):
        rest = _CIRCUMCISION.sub(" ", text).split()
        if rest and all(w in _CIRCUMCISION_WORDS or w.isdigit() for w in rest):
            # (a reason for it must be said: "newborn circumcision" alone asks for the procedure, ICD-10-PCS)
            return "circumcision routine" if set(rest) & _CIRCUMCISION_REASONS else None
        return None
    fertility = _FERTILITY.search(text)
    if fertility:
        rest = _FERTILITY.sub(" ", text).split()
        return (
            "encounter fertility preservation procedure" if all(w in _FERTILITY_WORDS for w in rest) else None
        )
    if _LACTATION.search(text):
        rest = _LACTATION.sub(" ", text).split()
        return "examination lactating mother" if all(w in _LACTATION_WORDS for w in rest) else None
    aftercare = _AFTERCARE_NEOPLASM.match(text)
    if aftercare and _MALIGNANT.search(aftercare.group("what")):
        return "aftercare following surgery neoplasm"
    return None
