"""Circumstances of an encounter told in office words -> the Index's main terms for them (Z00-Z99).

A coder reads the sentence's frame, not its nouns, to find these main terms:
- "exam for social security disability": Encounter, administrative purpose only, examination for,
  disability determination (Z02.71); "needs a note for work", "school excuse": Issue of, medical
  certificate (Z02.79);
- "psych evaluation ordered by the court": Examination, psychiatric, requested by authority (Z04.6);
- "visit to go over lab results": Explanation of, investigation finding (Z71.2);
- "left the ED before being seen": Refusal of, treatment, left without being seen (Z53.21);
- "came with her husband to his appointment": Healthy, person accompanying sick person (Z76.3);
- "expectant parents meeting the pediatrician": Encounter, pediatrician visit, by expectant parent (Z76.81);
- "worried she has cancer, exam normal, reassured": Feared complaint unfounded (Z71.1);
- "on home oxygen", "vent dependent", "full time wheelchair user": Dependence (on), oxygen / ventilator /
  wheelchair (Z99: the patient relies on the machine, guideline I.C.21.c.3 status).
Each reads only a sentence telling the circumstance and the words such a sentence is told in: a complaint or
a condition said beside it is left to the Index, which codes it.
"""

from __future__ import annotations

import re


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The words every such sentence may be told in: who, when, where, that nothing else is wrong.
_TOLD = _word_set(
    """
    a an the of for to in at on with and or by from is was were be been being has have had here visit
    encounter appointment appt today pt patient he she they his her their him them my me i we our this that
    man woman boy girl child kid teen adult elderly old yo year years month months week weeks day days
    no normal nothing fine well ok okay problems issues concerns complaints wants want needs need asks asked
    requested request requesting came come comes in
    """
)


def _only_told(rest: str, words: frozenset[str] = frozenset()) -> bool:
    """Whether every word left beside the circumstance is one its sentence is told in."""
    return all(w in _TOLD or w in words or w.isdigit() for w in re.findall(r"[a-z0-9'-]+", rest))


# Why an organ is removed before disease (a gene or a family's cancers), said beside the prophylactic surgery.
_PROPHYLAXIS_REASONS = (
    "brca brca1 brca2 positive gene mutation carrier lynch syndrome family history of breast ovarian cancer "
    "high risk due because for with strong hx fhx planned scheduled"
)
_CIRCUMSTANCES: tuple[tuple[re.Pattern[str], str, frozenset[str]], ...] = tuple(
    (re.compile(pattern), words, _word_set(told))
    for pattern, words, told in [
        (
            r"\b(?:social\s+security|ssi|ssdi|disability)\s+(?:disability\s+)?(?:exam\w*|evaluation|eval|"
            r"determination|claim|application|paperwork|forms?|physical|assessment)\b|\b(?:exam\w*|evaluation|"
            r"eval|physical|assessment)\s+for\s+(?:social\s+security\s+|ssi\s+|ssdi\s+)?disability\b",
            "encounter administrative purpose examination disability determination",
            "determination claim application exam examination evaluation purposes benefits",
        ),
        (
            r"\b(?:note|letter|certificate|excuse|clearance|release)\s+(?:for|to)\s+(?:return\s+to\s+)?"
            r"(?:work|school|his\s+job|her\s+job|employer|the\s+employer)\b|\b(?:work|school|sick|doctor's|"
            r"return\s+to\s+work|rtw)\s+(?:note|excuse|letter|certificate|slip)\b",
            "issue medical certificate",
            "saying says he she can may return back go to work school off missed sick cleared ok note excuse letter "
            "certificate slip",
        ),
        (
            r"\b(?:psych\w*|mental\s+health|competency)\s+(?:evaluation|eval|exam\w*|assessment)\b(?=.*\b(?:court|"
            r"judge|police|probation|parole|legal|attorney|lawyer|authorit\w+|law\s+enforcement|cps|dcfs)\b)",
            "examination psychiatric requested by authority",
            "ordered requested mandated required court judge police probation officer parole legal attorney "
            "lawyer authority authorities law enforcement cps dcfs the",
        ),
        (
            r"\b(?:go\s+over|going\s+over|review|reviewing|discuss|discussing|explain|explaining|explanation)"
            r"\s+(?:of\s+)?(?:the\s+|her\s+|his\s+|my\s+|their\s+)?(?:recent\s+)?(?:lab|labs|laboratory|test|blood\s*work|"
            r"imaging|biopsy|pathology|x-?ray|mri|ct|scan|ultrasound)?\s*(?:results?|findings?|reports?)\b",
            "explanation investigation finding",
            "recent",
        ),
        (
            r"\bleft\s+(?:the\s+)?(?:ed|er|emergency\s+(?:room|department)|clinic|office|urgent\s+care|"
            r"waiting\s+room)?\s*(?:before|without)\s+(?:being\s+)?(?:seen|evaluated|triaged|treated)\b|\blwbs\b",
            "refusal treatment left without being seen",
            "after waiting hours long wait tired",
        ),
        (
            r"\b(?:came|comes|come|accompan\w+|brought|is\s+here)\s+(?:along\s+)?(?:with\s+)?(?:her|his|their|a)?\s*"
            r"(?:husband|wife|spouse|partner|mother|father|mom|dad|parent|son|daughter|child|friend|sibling|"
            r"brother|sister|relative)\s+(?:to|for)\s+(?:his|her|their|the)\s+(?:appointment|visit|appt|"
            r"chemo\w*|dialysis|treatment|surgery)\b",
            "healthy person accompanying sick person",
            "not herself himself seen only support sick ill accompanying",
        ),
        (
            r"\b(?:expectant|expecting|pregnant|soon\s+to\s+be|future)\s+(?:parents?|couple|mother|father|mom|dad)\b"
            r"(?=.*\bpediatrician\b)|\bparents?[- ]to[- ]be\b(?=.*\bpediatrician\b)",
            "encounter pediatrician visit expectant parent",
            "meeting meet meets interview interviewing pediatrician prenatal before baby born birth new",
        ),
        (
            r"\b(?:worried|afraid|scared|concerned|fears?|feared|anxious|thinks)\s+(?:that\s+)?(?:she|he|they|i)?\s*"
            r"(?:has|have|had|might\s+have|may\s+have)\s+(?:a\s+|an\s+)?[a-z]+(?:\s+[a-z]+)?(?=.*\b(?:reassur\w+|"
            r"nothing\s+found|no\s+disease|exam\s+normal|normal\s+exam|work-?up\s+negative|unfounded)\b)",
            "feared complaint unfounded",
            "reassured reassurance found disease exam examination workup work-up negative unfounded normal",
        ),
        (
            r"\b(?:take\s+out|taking\s+out|remove|removing|removal\s+of|get\s+out)\s+(?:the\s+|her\s+|his\s+|my\s+|old\s+)*"
            r"(?:orthopedic\s+|surgical\s+)?(?:hardware|plates?(?:\s+and\s+screws)?|screws?|pins?|rods?|nails?|k-?wires?|"
            r"wires?|(?:internal\s+)?fixation(?:\s+device)?|orif\s+hardware)\b|\bhardware\s+removal\b",
            "encounter removal internal fixation device",
            "here from old healed fracture fractured broken ankle wrist leg arm hip tibia fibula femur radius "
            "ulna clavicle elbow knee foot hand finger toe right left bilateral after orif surgery placed ago "
            "last",
        ),
        (
            r"\b(?:titers?|titres?|antibody\s+levels?)\b(?=.*\b(?:immun\w*|prove|proof|school|work|job|"
            r"employment|program|clearance|requirement)\b)|\bimmunity\s+(?:status\s+)?(?:check|test\w*|titers?)\b",
            "examination immunity status testing",
            "mmr measles mumps rubella varicella chickenpox hepatitis hep b hbsab hbs quantiferon to prove proof "
            "immunity immune for nursing medical school work job employment program clearance requirement "
            "required new check drawn titers titer",
        ),
        (
            r"\b(?:(?:potential|possible|prospective|living|would-be)\s+)+(?:kidney\s+|renal\s+|liver\s+|organ\s+|"
            r"bone\s+marrow\s+|stem\s+cell\s+)?donor\b|\bdonor\s+(?:evaluation|eval|work-?up|screening|exam\w*)\b",
            "examination donor",
            "evaluation eval workup work-up exam examination screening as kidney liver organ bone marrow her his "
            "sister brother mother father son daughter for",
        ),
        (
            r"\btransition\w*\s+(?:from\s+)?(?:pediatric|paediatric|peds|child)\w*\s+to\s+adult\b",
            "counseling pediatric-to-adult transition",
            "care medicine provider doctor clinic services planning visit",
        ),
        (
            r"\b(?:behind|delayed|late|lapsed|overdue)\s+(?:on\s+)?(?:(?:her|his|their|the)\s+)?(?:vaccines|vaccinations|"
            r"immunizations|shots)\b|\bcatch[- ]?up\s+(?:vaccines|vaccinations|immunizations|shots)\b|\bunder[- ]?immunized\b",
            "underimmunization status",
            "catching catch up catch-up toddler infant baby getting today",
        ),
        (
            r"\b(?:parents?|mom|dad|mother|father|guardian|caregiver|family)\s+(?:refused|refuses|declined|declines|"
            r"won't\s+allow|does\s+not\s+want)\b",
            "immunization not done because parent refusal",
            "flu shot shots vaccine vaccines vaccination vaccinations immunization immunizations mmr dtap hpv "
            "influenza after counseling counseled despite child's",
        ),
        (
            r"\bfluoride\s+(?:varnish|treatment|application|applied)\b",
            "encounter prophylactic measures fluoride administration",
            "well child visit dental caries prevention prophylaxis applied during at",
        ),
        (
            r"\b(?:rsv\s+(?:antibody|monoclonal|immunization|prophylaxis|shot|injection)|nirsevimab|beyfortus|"
            r"synagis|palivizumab)\b",
            "encounter prophylactic measures immunotherapy for respiratory syncytial virus",
            "infant baby newborn shot dose injection season first",
        ),
        (
            r"\b(?:hiv\s+)?(?:prep|pre-?exposure\s+prophylaxis)\b(?:\s+for\s+hiv)?",
            "encounter prophylactic measures pre-exposure",
            "follow-up followup f/u refill start starting check labs visit monitoring on continuing hiv",
        ),
        (
            r"\breconstruct\w*\s+(?:of\s+(?:the\s+)?(?:left\s+|right\s+)?breast\s+)?(?:after|following|post|s/p|status\s+post)\s+"
            r"(?:(?:left|right|bilateral|double|single)\s+)?mastectom\w+\b",
            "encounter breast reconstruction following mastectomy",
            "breast left right bilateral delayed stage second implant expander tissue for cancer history",
        ),
        (
            r"\b(?:prophylactic|risk[- ]reducing|preventive|preventative)\s+(?:(?:bilateral|double|total|simple)\s+)*"
            r"mastectom\w+\b",
            "prophylactic organ removal breast",
            _PROPHYLAXIS_REASONS,
        ),
        (
            r"\b(?:prophylactic|risk[- ]reducing|preventive|preventative)\s+(?:(?:bilateral|double|total)\s+)*"
            r"(?:salpingo-?oophorectom\w+|bso|oophorectom\w+)\b",
            "prophylactic organ removal ovary",
            _PROPHYLAXIS_REASONS,
        ),
        (
            r"\b(?:received|had|got|underwent|completed|finished|done\s+with)\s+(?:(?:her|his|the)\s+)?"
            r"(?:radiation|radiotherapy|xrt|irradiation)(?:\s+therapy|\s+treatment)?\b",
            "history personal irradiation",
            "to the chest neck head breast pelvis abdomen for cancer lymphoma tumor as child kid years ago in "
            "past long ago decades now no current treatment",
        ),
        (
            r"\b(?:received|had|got|underwent|completed|finished|done\s+with)\s+(?:(?:her|his|the)\s+)?"
            r"(?:chemo|chemotherapy)(?:\s+treatment)?\b",
            "history personal chemotherapy for neoplastic condition",
            "for cancer lymphoma leukemia tumor as child kid years ago in past long ago decades now no current "
            "treatment",
        ),
    ]
)
# A machine the patient relies on, and how it is told ("on home oxygen", "vent dependent", "uses a wheelchair
# full time", "on dialysis three times a week"): the Index's Dependence (on) line of the machine.
_MACHINES = (
    (r"(?:home\s+|supplemental\s+|continuous\s+|nocturnal\s+|night(?:time)?\s+)*(?:o2|oxygen)", "oxygen"),
    (r"(?:home\s+|mechanical\s+)?(?:vent|ventilator|respirator)", "ventilator"),
    (r"(?:power\s+|electric\s+|manual\s+)?wheel\s*chair", "wheelchair"),
    (r"(?:hemo|peritoneal\s+)?dialysis|hd", "renal dialysis"),
)
_RELIES = (
    r"(?:on|uses|using|needs|requires|dependent\s+on|depends\s+on|relies\s+on|bound\s+to|confined\s+to)\s+"
    r"(?:an?\s+|the\s+)?"
)
_DEPENDENCE = tuple(
    (
        re.compile(
            rf"\b{_RELIES}(?:\d+(?:\.\d+)?\s*(?:l|lpm|liters?)\s+)?{said}\b|\b{said}\s+(?:dependent|dependence|"
            rf"user|bound|confined)\b"
        ),
        f"dependence {words}",
    )
    for said, words in _MACHINES
)
_DEPENDENCE_TOLD = _word_set(
    """
    continuously continuous always full time full-time fulltime all day night nights at home chronic chronically
    long term long-term 24 7 24/7 hours per since nocturnal dependent dependence user uses baseline
    lpm l liters liter nasal cannula via and tracheostomy trach status times a week three mon wed fri
    """
)


def read_circumstance(text: str) -> str | None:
    """The Index words of an encounter's circumstance told in office words, or None."""
    for pattern, words, told in _CIRCUMSTANCES:
        said = pattern.search(text)
        if said is not None:
            rest = text[: said.start()] + " " + text[said.end() :]
            return words if _only_told(rest, told) else None
    return None


def read_dependence(text: str) -> str | None:
    """The Index words of a machine the patient relies on, or None when anything else is said."""
    for pattern, words in _DEPENDENCE:
        said = pattern.search(text)
        if said is not None:
            rest = text[: said.start()] + " " + text[said.end() :]
            return words if _only_told(rest, _DEPENDENCE_TOLD) else None
    return None
