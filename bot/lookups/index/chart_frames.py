"""A chart sentence's frame read the way a coder reads it: the section label is no word of the condition, and
a past condition told beside the present one is its own code, after it.

- A note's section label ("Assessment:", "A/P:", "Impression:", "Dx:", "CC:") only says where the words
  stand: "assessment: community acquired pneumonia" is Pneumonia (not the PCS "Assessment" tables).
- "h/o DVT, now with new PE", "pt c/o dizziness, hx of stroke": the present condition is what the visit is
  for and is coded first (guideline IV.A, the first-listed diagnosis is the reason for the encounter); the
  past one is a history code (History, personal, ... Z86.-/Z85.-) beside it, not a word of the present
  condition's path ("sore throat, h/o strep" is no streptococcal pharyngitis). A relative's history
  ("family history of") is not a past condition of the patient and is left to the query's own reading.
- A report's label says which study found the finding, not what the finding is: "CT abdomen/pelvis:
  splenoptosis", "MRI brain: ...", "RUQ US: hepatic steatosis", "EMG: peroneal neuropathy" are the finding
  (the study is a procedure code only when it is what is asked, with no finding after its colon).
- A condition left by a past one is its sequela (guideline I.B.10, the residual effect once the acute phase
  is over): "h/o CVA with residual ataxia", "old polio with residual left leg weakness", "residual
  aphasia from prior stroke" are the Index's "following" lines (Ataxia, following, cerebrovascular disease,
  cerebral infarction I69.393), read "ataxia following CVA"; a history code beside it would say the past
  condition left nothing. The Index's "following" lines are those of cerebrovascular disease (I69), so the
  reading is made when the past condition is one (a stroke, an infarct, a bleed); another's sequela ("old
  polio", "TBI") is the residual coded first and the "Sequelae" line beside it, left to the query's own
  reading. What a tumour or a stone leaves ("residual disease", "residual fragments") is no sequela.
- A known condition told beside what brings the patient in ("pt with known COPD presenting with pneumonia",
  "known Crohn's, now with intra-abdominal abscess") is read "X with Y" first: where the Index links the two
  under "with" (guideline I.A.15, the link presumed) the combination code is the answer (J44.0, K50.914);
  where it does not, what brings the patient in is listed first (guideline IV.A) and the known condition's
  own code beside it ("known CKD 3b presenting with hyperkalemia": E87.5, N18.32).
- A note's numbering ("A/P: 1. community acquired pneumonia", "#2 cellulitis") and its full stops are
  layout: "Hx: asthma. Presents today with wheezing" is the two clauses "h/o asthma, presents with
  wheezing"; "PMH: HTN, HLD. CC: headache" is the chief complaint, headache (the listed past conditions are
  the chart's background, coded beside it when they bear on the visit).
- Who the patient is says nothing of the condition: "HPI: 82 yo M with rheumatoid arthritis", "67 y/o female
  presents with ...", "pt with known ..." are the condition. An adult's age only: a child's or a newborn's
  age can choose the code (juvenile, neonatal) and is left to the query's own reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A note's section label at the start of the query.
_LABEL = re.compile(
    r"^\s*(?:assessment(?:\s+and\s+plan)?|a\s*/\s*p|a&p|impressions?|imp|dx|diagnosis|diagnoses|"
    r"chief\s+complaint|cc|problems?(?:\s+list)?|final\s+diagnosis|working\s+diagnosis|hpi|"
    r"history\s+of\s+present\s+illness|findings?|results?|conclusions?|interpretation|indications?|"
    r"reason\s+for\s+(?:visit|referral|consult)|rfv|(?:physical\s+)?exam(?:ination)?)\s*[:\-]\s*(?=\S)"
    # a study's report: "CT:", "CT abdomen/pelvis:", "RUQ US:", "MRI brain w/o contrast:" (its colon says so)
    r"|^\s*(?:[a-z/]+\s+){0,2}?(?:ct|cta|mri|mra|us|u/s|ultrasound|sono(?:gram)?|x-?rays?|xr|cxr|kub|echo|"
    r"echocardiogram|tte|tee|ekg|ecg|eeg|emg|ncs|holter|mammo(?:gram)?|dexa|pet(?:/ct)?|scan|path(?:ology)?|"
    r"biopsy|bx|cytology|colonoscopy|egd|endoscopy|cath|angiogram|audiogram|pfts?|spirometry|imaging)"
    r"(?:\s+[a-z/+-]+){0,3}?\s*:\s*(?=\S)",
    re.IGNORECASE,
)
# Who the patient is, before the condition: "82 yo M with", "a 67 y/o female presents with", "pt with known".
_WHO = re.compile(
    r"^\s*(?:(?:pt|patient)\s+is\s+)?(?:an?\s+)?(?P<age>\d{1,3})\s*(?:yo|y/o|y\.o\.?|yrs?\s+old|years?\s+old|"
    r"-?years?-old|-?yr-old)\s*(?:(?:m|f|male|female|man|woman|gentleman|lady)(?![a-z/]))?\s*"
    r"(?:with|w/|who\s+(?:has|presents\s+with)|presents\s+with|presenting\s+with|here\s+(?:with|for)|c/o|"
    r"complaining\s+of)?\s*(?:known\s+)?(?=\S)"
    r"|^\s*(?:pt|patient)\s+(?:with|w/)\s+known\s+(?=\S)",
    re.IGNORECASE,
)
ADULT = 18  # the age from which an age says nothing of a code (juvenile, childhood, neonatal lines)
_HISTORY = (
    r"(?:h/o|hx\s+of|hx:?|history\s+of|pmh\s+of|pmhx?:?|past\s+history\s+of|past\s+medical\s+history\s+of)"
)
_PRESENT = (
    r"(?:now\s+(?:with|w/|presents\s+with|presenting\s+with|here\s+(?:with|for)|c/o|has|having|"
    r"complains\s+of|developed|with\s+new)|now|presents\s+(?:today\s+)?with|presenting\s+(?:today\s+)?with|"
    r"here\s+(?:today\s+)?(?:with|for)|"
    r"c/o|complains\s+of|comes\s+in\s+with|admitted\s+with)"
)
# "h/o X, now with Y", "hx of X presents with Y"
_HISTORY_FIRST = re.compile(
    rf"^\s*(?:(?:pt|patient)\s+(?:with\s+)?)?{_HISTORY}\s+(?P<past>[^,;]+?)\s*(?:[,;]\s*)?{_PRESENT}\s+(?P<now>.+)$",
    re.IGNORECASE,
)
# "dizziness, hx of stroke"
_HISTORY_AFTER = re.compile(
    rf"^(?P<now>[^,;]+?)\s*[,;]\s*(?:(?:with|w/|and)\s+)?{_HISTORY}\s+(?P<past>[^,;]+?)\s*$", re.IGNORECASE
)
_PAST = r"(?:(?:h/o|hx\s+of|hx|history\s+of|s/p|old|prior|previous|remote|past)\s+)?"
# "h/o CVA with residual ataxia", "CVA w/ residual L hemiparesis"
_LEFT_BEHIND = re.compile(
    rf"^\s*{_PAST}(?P<past>[^,;]+?)\s+(?:with|w/)\s+residuals?\s+(?:of\s+)?(?P<now>[^,;]+?)\s*$",
    re.IGNORECASE,
)
# "residual aphasia from prior stroke"
_RESIDUAL_FROM = re.compile(
    rf"^\s*residuals?\s+(?:of\s+)?(?P<now>[^,;]+?)\s+(?:from|after|following|due\s+to|secondary\s+to|s/p)\s+"
    rf"{_PAST}(?P<past>[^,;]+?)\s*$",
    re.IGNORECASE,
)
# What is left that is no sequela: the rest of a tumour, a stone, a volume.
_NOT_SEQUELA = re.compile(
    r"(?i)\b(?:disease|tumou?r|cancer|carcinoma|mass|neoplasm|lesion|stones?|calcul\w*|fragments?|urine|volume|"
    r"thrombus|clot|effusion|fluid)\b"
)
# A cerebrovascular condition, whose residuals the Index lists under "following" (I69).
_CEREBROVASCULAR = re.compile(
    r"(?i)\b(?:stroke|cva|infarct\w*|hemorrhag\w*|haemorrhag\w*|bleed|sah|ich|cerebrovascular|"
    r"cerebral\s+(?:infarct\w*|hemorrhag\w*))\b"
)
# "known COPD presenting with pneumonia", "pt with known Crohn's, now with abscess"
_KNOWN = re.compile(
    r"^\s*(?:(?:pt|patient)\s+(?:with|w/)\s+)?known\s+(?P<known>[^,;]+?)\s*(?:[,;]\s*)?(?:now\s+)?"
    r"(?:presenting|presents|comes\s+in|admitted|here|seen)\s+(?:with|w/|for)\s+(?P<now>[^,;]+?)\s*$",
    re.IGNORECASE,
)
_FAMILY = re.compile(r"(?i)\b(?:family|fam|fh|fhx|mother|father|sister|brother)\b")
# The cheap first look: a section label, a report's colon, an age, "known" or a history word.
_MAY_READ = re.compile(
    r"(?i)\b(?:h/o|hx|history|pmhx?|assessment|a\s*/\s*p|a&p|impression|imp|dx|diagnos|cc|chief|problem|known|"
    r"residual)"
    r"|:|#\d|^\s*\d{1,2}[.)]\s|\d\s*(?:yo|y/o|y\.o|yr|year|-year)"
)


# A list's numbering at the start of an item: "1.", "2)", "#3".
_NUMBERING = re.compile(r"^\s*(?:#\s*\d{1,2}[.)]?|\d{1,2}[.)])\s+(?=[a-z])", re.IGNORECASE)
# A sentence's full stop (not a decimal point: "A1c 9.2", "2.1 cm").
_FULL_STOP = re.compile(r"(?:(?<=[a-z]{3})|(?<=\)))\.\s+(?=[a-z#])", re.IGNORECASE)  # (not "St. Louis")
# A sentence saying what brings the patient in, by its label.
_PRESENT_LABEL = re.compile(
    r"^\s*(?:cc|chief\s+complaint|hpi|assessment|a\s*/\s*p|a&p|dx|diagnosis|impression|reason\s+for\s+visit|"
    r"rfv)\s*[:\-]",
    re.IGNORECASE,
)
_BACKGROUND_LABEL = re.compile(
    r"^\s*(?:pmhx?|past\s+medical\s+history|psh|meds|medications|allergies)\s*:", re.I
)


@dataclass(frozen=True)
class Frame:
    now: str  # the present condition, as typed
    past: str  # the past condition told beside it ("" when none)
    known: str = ""  # a known current condition told beside it ("" when none)


def read_frame(text: str) -> Frame | None:
    """The query's present condition and the past one beside it, its section label read past; None when the
    query has no such frame."""
    if not _MAY_READ.search(text):
        return None
    sentences = [t for t in _FULL_STOP.split(text.strip().rstrip(".")) if t.strip()]
    if len(sentences) > 1:
        present = [t for t in sentences if _PRESENT_LABEL.match(t)]
        if len(present) == 1 and all(t is present[0] or _BACKGROUND_LABEL.match(t) for t in sentences):
            return read_frame(present[0]) or Frame(present[0], "")  # ("PMH: HTN, HLD. CC: headache")
        text = ", ".join(t.strip() for t in sentences)  # ("Hx: asthma. Presents today with wheezing")
    label = _LABEL.match(text)
    rest = text[label.end() :] if label else text
    numbering = _NUMBERING.match(rest)
    if numbering is not None:
        rest, label = rest[numbering.end() :], label or numbering
    known = _KNOWN.match(rest)
    if known is not None:
        return Frame(known.group("now").strip(), "", known.group("known").strip())
    who = _WHO.match(rest)
    if who is not None and (who.group("age") is None or int(who.group("age")) >= ADULT):
        rest, label = rest[who.end() :], who
    for pattern in (_LEFT_BEHIND, _RESIDUAL_FROM):
        left = pattern.match(rest)
        if (
            left is not None
            and _CEREBROVASCULAR.search(left.group("past"))
            and not _NOT_SEQUELA.search(left.group("now"))
        ):
            return Frame(f"{left.group('now').strip()} following {left.group('past').strip()}", "")
    if _FAMILY.search(rest):
        return Frame(rest, "") if label else None
    for pattern in (_HISTORY_FIRST, _HISTORY_AFTER):
        found = pattern.match(rest)
        if found is not None and found.group("now").strip() and found.group("past").strip():
            return Frame(found.group("now").strip(" ,;"), found.group("past").strip(" ,;"))
    return Frame(rest, "") if label else None
