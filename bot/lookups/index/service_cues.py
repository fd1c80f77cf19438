"""A service told by how CPT counts, places or performs it: the cues a coder reads before any look-up.

ICD-10-PCS codes inpatient procedures by root operation, body part, approach and device; ICD-10-CM codes
conditions. Neither ever says how many lesions or nails were treated, for how many days a monitor was worn,
in which room the service was done, or by which office technique - CPT's descriptors do ("paring or cutting
of benign hyperkeratotic lesion; single lesion", "debridement of nail(s) by any method; 1 to 5",
"interrogation device evaluation, in person", "measurement of post-voiding residual urine by ultrasound",
"fine needle aspiration biopsy, without imaging guidance", "chemical peel, facial; dermal"). So a query
naming a service by its noun - a procedure's (paring, debridement, cautery, aspiration, extraction, peel,
chemodenervation, excision ...), a test's or a device check's (analysis, measurement, screening,
interrogation, monitoring, training ...), or a study's ending (-scopy, -metry, -graphy) - and one such cue:

- a count of what is treated or a range of counts ("one corn", "up to 7 lesions", "nails 1 to 5", "6 or
  more"), a period or a unit of the service ("up to 30 days", "per session", "training session");
- a setting ("in office", "bedside", "at the slit lamp", "remote", "in person");
- a method CPT codes apart ("by ultrasound", "without imaging guidance", "instrument-based",
  "quantitative", "under polarized light", "silver nitrate", "chemical", "intralesional")

names the CPT service, whatever condition it is done on ("ganglion cyst aspiration in office": the
condition is the procedure's object, not the reason for the visit). A person or a story ("my", "after I
...") and a finding or a reason ("for chest pain") keep the query a diagnosis (bot.lookups.index.cpt_kinds
reads those first). A diagnostic endoscopy with nothing done through it is read by cpt_kinds.
"""

from __future__ import annotations

import re

# The nouns of a service: a procedure's, a test's, a device check's (their study endings below).
_NOUN = re.compile(
    r"^(?:removal|repair|biopsy|bx|excision|destruction|drainage|i&d|incision|debridement|aspiration|"
    r"avulsion|paring|trimming|cutting|closure|cautery|cauterization|curettage|extraction|peel|peeling|"
    r"dermabrasion|chemodenervation|injection|injections|ablation|scraping|shaving|cryotherapy|"
    r"interrogation|programming|reprogramming|check|analysis|measurement|screening|photoscreening|"
    r"monitoring|monitor|training|assessment|evaluation|testing|test|identification|mount|irrigation|"
    r"lavage|fitting|insertion|reduction|manipulation|expression|"
    r"[a-z]{2,}(?:ectomy|otomy|oscopy|plasty|centesis|metry|graphy|screening))$"
)
_COUNTED = (
    r"(?:corns?|callus(?:es)?|calluses|lesions?|nails?|toenails?|fingernails?|warts?|tags?|sites?|areas?|"
    r"muscles?|digits?|toes?|fingers?|moles?|keratos[ie]s|spots?|cysts?|comedones?|trigger\s+points?|sides?|eyes?)"
)
_TREATED = re.compile(
    rf"\b(?:one|single|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[a-z]+\s+)?{_COUNTED}\b"
    rf"|\b{_COUNTED}\s+(?:x\s*)?\d+\b|\b(?:up\s+to\s+)?\d+\s+or\s+more\s+{_COUNTED}"
)
_COUNT = re.compile(
    rf"\b(?:one|single|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[a-z]+\s+)?{_COUNTED}\b"
    rf"|\b{_COUNTED}\s+(?:x\s*)?\d+\b"
    r"|\b\d+\s*(?:to|-|through|thru)\s*\d+\b"
    r"|\bup\s+to\s+\d+\b(?!\s*(?:mg|mcg|ml|cc|units?|grams?|g)\b)|\b\d+\s+or\s+more\b|\beach\s+additional\b"
    r"|\b(?:per|each)\s+(?:session|visit|day|week|month|lesion|nail|site|area|sq\s*cm|square\s+cent\w*)\b"
    r"|\b\d+\s*days?\b(?!\s+(?:old|of\s+age))|\bsession\b"
)
_SETTING = re.compile(
    r"\b(?:in\s+(?:the\s+)?(?:office|clinic)|office|clinic|bedside|at\s+(?:the\s+)?slit\s+lamp|"
    r"remote(?:ly)?|in\s+person|point\s+of\s+care|by\s+(?:an?\s+)?(?:technician|tech|therapist|audiologist))\b"
)
_METHOD = re.compile(
    r"\b(?:by\s+(?:\w+\s+)?(?:ultrasound|scanner|microscopy|instrument)|(?:with|without|w/o|w/)\s+(?:\w+\s+)?"
    r"guidance|instrument[- ]based|quantitative|under\s+(?:polarized\s+light|(?:the\s+)?microscope)|"
    r"silver\s+nitrate|chemical|liquid\s+nitrogen|intralesional|any\s+method|non-?invasive)\b"
)
# An item's head: "bedside urinary drainage bag" is the bag (HCPCS), not a drainage.
_ITEMS = frozenset(
    {
        "bag",
        "bags",
        "tube",
        "tubes",
        "kit",
        "tray",
        "supply",
        "supplies",
        "sleeve",
        "set",
        "catheter",
        "dressing",
        "pouch",
        "bottle",
        "garment",
        "brace",
        "splint",
        "strips",
        "syringe",
    }
)
_INJECTIONS = frozenset({"injection", "injections"})
_PERSONS = frozenset({"i", "my", "me", "he", "she", "his", "her", "they", "we", "you", "our", "their"})
_STORY = frozenset({"after", "since", "following", "because", "due", "from", "got", "had", "has"})


def service_noun(tokens: list[str]) -> bool:
    """Whether a word is a service's noun (a procedure's, a test's, a device check's)."""
    return any(_NOUN.match(t) for t in tokens)


# An office procedure's noun said last, after the lesion it treats ("ganglion cyst aspiration", "thrombosed
# hemorrhoid excision", "genicular nerve radiofrequency ablation"): the service on the lesion, as CPT names
# it by the lesion. A word of approach or side is ICD-10-PCS's (an inpatient procedure's axes).
_HEADS = frozenset(
    {
        "aspiration",
        "excision",
        "removal",
        "destruction",
        "paring",
        "debridement",
        "cautery",
        "ablation",
        "cryotherapy",
        "extraction",
        "curettage",
        "avulsion",
        "i&d",
        "peel",
        "chemodenervation",
    }
)
_PCS_AXES = frozenset(
    {
        "open",
        "percutaneous",
        "laparoscopic",
        "endoscopic",
        "robotic",
        "thoracoscopic",
        "arthroscopic",
        "left",
        "right",
        "bilateral",
        "transcatheter",
        "endovascular",
        "device",
        "graft",
        "implant",
    }
)
_CLAUSE = frozenset(
    {"of", "on", "in", "at", "for", "with", "without", "and", "to", "by", "under", "not", "no"}
)


def service_headed(tokens: list[str]) -> bool:
    """Whether an office procedure's noun ends the words, after what it treats, no approach nor side said."""
    return (
        len(tokens) >= 2
        and tokens[-1] in _HEADS
        and not _PCS_AXES.intersection(tokens)
        and not _CLAUSE.intersection(tokens)
    )


def cued_service(tokens: list[str], text: str) -> str:
    """The cue ("count", "setting", "method") that tells a service named by its noun as CPT's, or ""."""
    if _PERSONS.intersection(tokens) or _STORY.intersection(tokens) or _ITEMS.intersection(tokens):
        return ""
    nouns = {t for t in tokens if _NOUN.match(t)}
    if not nouns:
        return ""
    if nouns <= _INJECTIONS:  # a drug's injection is its HCPCS line; CPT counts what is injected
        return "count" if _TREATED.search(text) else ""
    if _COUNT.search(text):
        return "count"
    if _SETTING.search(text):
        return "setting"
    if _METHOD.search(text):
        return "method"
    return "lesion" if service_headed(tokens) else ""
