"""PHI guard: find text that looks like a patient identifier before it is stored or posted to Slack.

Slack is treated as a place without PHI (its BAA does not cover third-party apps), so clarifications refer to
an encounter by an opaque reference only. The patterns are deliberately specific: ordinary clinical text
(ICD-10 and PCS codes, lab values, vitals, dates of service, claim/encounter numbers) must pass, because a
guard that cries wolf gets worked around. Dates are identifiers here only when they are birth dates; bare
numbers are an MRN or SSN only when labelled as such or written in the SSN shape.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class PhiKind(StrEnum):
    SSN = "ssn"
    DATE_OF_BIRTH = "date_of_birth"
    PHONE = "phone"
    EMAIL = "email"
    STREET_ADDRESS = "street_address"
    MRN = "mrn"
    PATIENT_NAME = "patient_name"


REASONS: Mapping[PhiKind, str] = {
    PhiKind.SSN: "a Social Security number (123-45-6789 pattern)",
    PhiKind.DATE_OF_BIRTH: "a date of birth (a date next to DOB/born/birth)",
    PhiKind.PHONE: "a phone number (555-123-4567 pattern)",
    PhiKind.EMAIL: "an email address (name@domain pattern)",
    PhiKind.STREET_ADDRESS: "a street address (house number + street name pattern)",
    PhiKind.MRN: "a medical record number (MRN followed by a number)",
    PhiKind.PATIENT_NAME: "a patient name (a name after patient/pt./Mr./Mrs.)",
}

ADVICE = "Slack is not a place for patient identifiers; refer to the encounter by its reference only."

FIELD_LABELS: Mapping[str, str] = {
    "question": "Question",
    "indicators": "Clinical indicators",
    "encounter_ref": "Encounter reference",
    "codes": "Codes",
    "options": "Options",
    "answer": "Answer",
    "choice": "Choice",
    "text": "Message",
    "reason": "Reason",
}


@dataclass(frozen=True)
class PhiHit:
    kind: PhiKind
    start: int
    end: int

    @property
    def reason(self) -> str:
        return REASONS[self.kind]


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?!\d)"
    r"|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}(?!\d)"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}})"
)
_BIRTH_WORD = r"(?:DOB|D\.O\.B\.?|date\s+of\s+birth|birth\s*date|birthday|born|birth)"
# Up to 20 characters between the birth word and the date, but not across another date label ("DOB unknown,
# DOS 11/03/2026" must not turn the date of service into a birth date).
_GAP = r"(?:(?!DOS\b|date\s+of\s+service|admi|discharg|seen|visit|service)[^\d\n]){0,20}?"

_NAME = r"(?:[A-Z]')?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?"  # Smith, O'Neil, McDonald, Smith-Jones
# Capitalised words that follow "Patient" in title-case clinical text and are not names.
_NOT_NAMES = frozenset(
    [
        "Has",
        "Had",
        "Is",
        "Was",
        "Were",
        "Presented",
        "Presents",
        "Presenting",
        "Admitted",
        "Denies",
        "Denied",
        "Reports",
        "Reported",
        "States",
        "Stated",
        "With",
        "Without",
        "And",
        "The",
        "In",
        "On",
        "At",
        "For",
        "Underwent",
        "Received",
        "Care",
        "Education",
        "Seen",
        "Developed",
        "Not",
        "No",
        "Returned",
        "Discharged",
        "Transferred",
        "Noted",
        "Continues",
        "Continued",
        "Remains",
        "Remained",
        "Will",
        "Would",
        "May",
        "Might",
        "Also",
        "Then",
        "Who",
        "Which",
        "That",
        "This",
        "Takes",
        "Took",
        "Taking",
        "Started",
        "Requires",
        "Required",
        "Needs",
        "Needed",
        "Complains",
        "Complained",
        "Declined",
        "Refused",
        "Tolerated",
        "History",
        "Record",
        "Records",
        "Portal",
        "Safety",
        "Status",
        "Information",
        "Encounter",
        "Account",
        "Name",
        "Identity",
        "Visit",
        "Chart",
    ]
)

_PATTERNS: tuple[tuple[PhiKind, re.Pattern[str]], ...] = (
    (PhiKind.SSN, re.compile(r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])")),
    (PhiKind.SSN, re.compile(r"(?<![\w-])\d{3} \d{2} \d{4}(?![\w-])")),
    (
        PhiKind.SSN,
        re.compile(
            r"(?i)\b(?:SSN|SS\s?#|soc(?:ial)?\.?\s+sec(?:urity)?\.?(?:\s+(?:number|no\.?|#))?)"
            r"\s*[:#]?\s*\d{3}[- ]?\d{2}[- ]?\d{4}(?!\d)"
        ),
    ),
    (PhiKind.EMAIL, re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")),
    (
        PhiKind.PHONE,
        re.compile(
            r"(?<![\w.+/-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w-]|[./]\d)"
        ),
    ),
    (
        PhiKind.PHONE,
        re.compile(
            r"(?i)\b(?:phone|tel|telephone|cell|mobile|fax|call)\b\.?\s*(?:#|no\.?|number)?\s*[:#]?\s*"
            r"(?:\+?1[\s.-]?)?(?:\d{10}|\d{3}[\s.-]\d{4})(?!\d)"
        ),
    ),
    (PhiKind.DATE_OF_BIRTH, re.compile(rf"(?i)\b{_BIRTH_WORD}\b{_GAP}{_DATE}")),
    (
        PhiKind.DATE_OF_BIRTH,
        re.compile(rf"(?i){_DATE}\s*\(?\s*(?:DOB|D\.O\.B|date\s+of\s+birth|birth\s*date)"),
    ),
    (
        PhiKind.STREET_ADDRESS,
        re.compile(
            r"(?<![\w.-])\d{1,6}[A-Za-z]?\s+(?:[NSEW]\.?\s+)?"
            r"(?:(?:[A-Z][A-Za-z'-]*|\d+(?:st|nd|rd|th))\s+){1,3}"
            r"(?:Street|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Lane|Ln|Court|Ct|Place|Pl|Terrace|Ter|Circle|Cir"
            r"|Highway|Hwy|Parkway|Pkwy|Way|Trail|Trl|Square|Sq|(?:St|Dr)(?!\.?\s+[A-Z][a-z]))\b\.?"
        ),
    ),
    (
        PhiKind.STREET_ADDRESS,
        re.compile(r"(?i)(?<![\w.-])\d{1,6}\s+(?:[a-z]+\s+){1,2}(?:street|avenue|boulevard)\b"),
    ),
    (PhiKind.STREET_ADDRESS, re.compile(r"(?i)\bP\.?\s?O\.?\s+Box\s+\d+")),
    (
        PhiKind.MRN,
        re.compile(
            r"(?i)\b(?:MRN|MR\s?#|med(?:ical)?\.?\s+rec(?:ord)?\.?(?:\s+(?:number|no\.?|#))?"
            r"|chart\s+(?:number|no\.?|#))\s*[:#]?\s*(?:is\s+)?[A-Z]{0,4}-?\d{3,}[A-Z0-9-]*\b"
        ),
    ),
)

_PATIENT_NAME = re.compile(
    rf"\b(?i:patient|pt|resident)\b\.?(?:\s+(?i:name))?\s*[:#,-]?\s*(?P<first>{_NAME})\s+(?P<last>{_NAME})\b"
)
# Common given names (US birth records, most frequent), for names written without a label: "Maria Gonzalez was
# admitted", "pt maria gonzalez". Names that are also eponyms in the code sets (Addison, Graves, Wilson, ...)
# are left out so that disease names never read as people.
FIRST_NAMES = frozenset(
    [
        "james",
        "john",
        "robert",
        "michael",
        "william",
        "david",
        "richard",
        "joseph",
        "thomas",
        "charles",
        "christopher",
        "daniel",
        "matthew",
        "anthony",
        "mark",
        "donald",
        "steven",
        "paul",
        "andrew",
        "joshua",
        "kenneth",
        "kevin",
        "brian",
        "george",
        "timothy",
        "ronald",
        "edward",
        "jason",
        "jeffrey",
        "ryan",
        "jacob",
        "gary",
        "nicholas",
        "eric",
        "jonathan",
        "stephen",
        "larry",
        "justin",
        "scott",
        "brandon",
        "benjamin",
        "samuel",
        "gregory",
        "alexander",
        "frank",
        "patrick",
        "raymond",
        "jack",
        "dennis",
        "jerry",
        "tyler",
        "aaron",
        "jose",
        "adam",
        "nathan",
        "henry",
        "douglas",
        "zachary",
        "peter",
        "kyle",
        "ethan",
        "walter",
        "noah",
        "jeremy",
        "christian",
        "keith",
        "roger",
        "terry",
        "gerald",
        "harold",
        "sean",
        "austin",
        "carl",
        "arthur",
        "lawrence",
        "dylan",
        "jesse",
        "jordan",
        "bryan",
        "billy",
        "joe",
        "bruce",
        "gabriel",
        "logan",
        "albert",
        "willie",
        "alan",
        "juan",
        "wayne",
        "elijah",
        "randy",
        "roy",
        "vincent",
        "ralph",
        "eugene",
        "russell",
        "bobby",
        "mason",
        "philip",
        "louis",
        "carlos",
        "luis",
        "miguel",
        "jorge",
        "pedro",
        "manuel",
        "francisco",
        "mary",
        "patricia",
        "jennifer",
        "linda",
        "elizabeth",
        "barbara",
        "susan",
        "jessica",
        "sarah",
        "karen",
        "lisa",
        "nancy",
        "betty",
        "margaret",
        "sandra",
        "ashley",
        "kimberly",
        "emily",
        "donna",
        "michelle",
        "carol",
        "amanda",
        "dorothy",
        "melissa",
        "deborah",
        "stephanie",
        "rebecca",
        "sharon",
        "laura",
        "cynthia",
        "kathleen",
        "amy",
        "angela",
        "shirley",
        "anna",
        "brenda",
        "pamela",
        "emma",
        "nicole",
        "helen",
        "samantha",
        "katherine",
        "christine",
        "debra",
        "rachel",
        "carolyn",
        "janet",
        "catherine",
        "maria",
        "heather",
        "diane",
        "ruth",
        "julie",
        "olivia",
        "joyce",
        "virginia",
        "victoria",
        "kelly",
        "lauren",
        "christina",
        "joan",
        "evelyn",
        "judith",
        "megan",
        "andrea",
        "cheryl",
        "hannah",
        "jacqueline",
        "martha",
        "gloria",
        "teresa",
        "ann",
        "sara",
        "madison",
        "frances",
        "kathryn",
        "janice",
        "jean",
        "abigail",
        "alice",
        "judy",
        "sophia",
        "grace",
        "denise",
        "amber",
        "doris",
        "marilyn",
        "danielle",
        "beverly",
        "isabella",
        "theresa",
        "diana",
        "natalie",
        "brittany",
        "charlotte",
        "marie",
        "kayla",
        "alexis",
        "lori",
        "rosa",
        "ana",
        "carmen",
        "guadalupe",
        "juana",
        "lucia",
        "sofia",
        "camila",
        "valentina",
        "elena",
        "isabel",
        "yolanda",
        "veronica",
        "claudia",
        "adriana",
        "gabriela",
        "mohammed",
        "muhammad",
        "ahmed",
        "fatima",
        "aisha",
        "wei",
        "li",
        "mei",
        "jin",
        "hiroshi",
        "yuki",
        "priya",
        "raj",
        "anil",
        "sunita",
    ]
)
# The family name is matched in a lookahead so that "pt maria gonzalez" is tried at "maria" too.
_GIVEN_AND_FAMILY = re.compile(
    r"\b(?P<first>[A-Za-z][a-z]+)(?=\s+(?P<last>(?:[A-Z]')?[A-Za-z][a-z]+(?:-[A-Za-z][a-z]+)?)\b)"
)
_CLINICIAN_TITLE = re.compile(r"(?i)\b(?:dr|doctor|np|pa|rn|md|provider|physician|attending)\.?\s*$")
_RELATIVE = re.compile(
    rf"\b(?i:patient|pt)(?:'s|s')?\s+(?i:wife|husband|spouse|partner|mother|father|son|daughter|sister|brother"
    rf"|guardian|caregiver)\b,?\s+(?P<first>{_NAME})\s+(?P<last>{_NAME})\b"
)
_HONORIFIC = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+(?P<first>{_NAME})\b")
_NAME_LABEL = re.compile(rf"\b(?i:name)\s*[:=]\s*(?P<first>{_NAME})(?:\s+{_NAME})?")


def _given_name_hits(text: str) -> list[PhiHit]:
    """A common given name followed by a family name, capitalised ("Maria Gonzalez") or, after pt/patient,
    in any case ("pt maria gonzalez")."""
    hits = []
    for match in _GIVEN_AND_FAMILY.finditer(text):
        first, last = match.group("first"), match.group("last")
        if first.lower() not in FIRST_NAMES or last in _NOT_NAMES or last.lower() in FIRST_NAMES_NOT_FAMILY:
            continue
        before = text[max(0, match.start() - 20) : match.start()]
        if _CLINICIAN_TITLE.search(before):
            continue  # the provider being asked ("Dr. John Smith") is not a patient identifier
        capitalised = first[0].isupper() and last[0].isupper()
        after_patient = re.search(r"(?i)\b(?:patient|pt)\b[.,:]?\s*$", before) is not None
        if capitalised or after_patient:
            end = match.end() + len(text[match.end() :]) - len(text[match.end() :].lstrip()) + len(last)
            hits.append(PhiHit(PhiKind.PATIENT_NAME, match.start(), end))
    return hits


# Words that follow a given name in ordinary text and are no family name ("Mark was", "Grace period").
FIRST_NAMES_NOT_FAMILY = frozenset(
    ["was", "is", "has", "had", "and", "or", "the", "of", "in", "on", "at", "to", "for", "with", "period"]
)


def _name_hits(text: str) -> list[PhiHit]:
    hits = _given_name_hits(text)
    for pattern in (_PATIENT_NAME, _RELATIVE, _HONORIFIC, _NAME_LABEL):
        for match in pattern.finditer(text):
            names = [match.group("first")]
            if "last" in pattern.groupindex:
                names.append(match.group("last"))
            if any(name in _NOT_NAMES for name in names):
                continue
            hits.append(PhiHit(PhiKind.PATIENT_NAME, match.start(), match.end()))
    return hits


def find_phi(text: str) -> list[PhiHit]:
    """Every identifier-looking span in `text`, in order; overlapping hits of one kind are merged."""
    hits = [PhiHit(kind, m.start(), m.end()) for kind, pattern in _PATTERNS for m in pattern.finditer(text)]
    hits.extend(_name_hits(text))
    hits.sort(key=lambda hit: (hit.start, -hit.end))
    merged: list[PhiHit] = []
    for hit in hits:
        overlapping = next(
            (
                kept
                for kept in merged
                if kept.kind is hit.kind and hit.start < kept.end and kept.start < hit.end
            ),
            None,
        )
        if overlapping is None:
            merged.append(hit)
        elif hit.end > overlapping.end:
            merged[merged.index(overlapping)] = PhiHit(hit.kind, overlapping.start, hit.end)
    return merged


def describe(field: str, hits: list[PhiHit]) -> str:
    """The user-facing refusal for one field, naming the field and what it looked like."""
    label = FIELD_LABELS.get(field, field.replace("_", " ").capitalize())
    reasons = list(dict.fromkeys(hit.reason for hit in hits))
    joined = reasons[0] if len(reasons) == 1 else ", ".join(reasons[:-1]) + " and " + reasons[-1]
    return f"{label} looks like it contains {joined}. {ADVICE}"


def check_fields(fields: Mapping[str, str]) -> dict[str, str]:
    """field -> refusal message, for every field whose text looks like it holds a patient identifier."""
    problems: dict[str, str] = {}
    for field, text in fields.items():
        hits = find_phi(text or "")
        if hits:
            problems[field] = describe(field, hits)
    return problems


def redact(text: str) -> str:
    """`text` with every hit replaced by `[removed: kind]`, for places that must keep the rest."""
    out: list[str] = []
    position = 0
    for hit in sorted(find_phi(text), key=lambda hit: hit.start):
        if hit.start < position:
            position = max(position, hit.end)
            continue
        out.append(text[position : hit.start])
        out.append(f"[removed: {hit.kind.value}]")
        position = hit.end
    out.append(text[position:])
    return "".join(out)
