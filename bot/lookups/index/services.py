"""CPT services named by their kind, not by a phrase list: what a coder recognises as CPT territory.

CPT (AMA, licensed, not bundled) holds the services HCPCS Level II and ICD-10-PCS mostly do not: laboratory
tests (Pathology and Laboratory, 80047-89398), evaluation and management visits (99202-99499), anesthesia
(00100-01999) and radiology (70010-79999; ICD-10-PCS section B codes the same imaging for inpatients). Each kind
is one small rule over the query's words:

- a laboratory test: the query ends with a laboratory word ("TSH lab", "vitamin d 25 hydroxy level", "hgb a1c
  test", "CD4 count") and says no finding ("elevated TSH level" is a diagnosis, R94.6, not a test);
- anesthesia for a procedure: "anesthesia for knee arthroscopy" (the anesthesia service, not the procedure);
- imaging: a modality ("x-ray", "CT", "MRI", "ultrasound") with no finding said ("abnormal chest x-ray" is
  R93.89) and not told as part of a story ("mass on CT scan", "fall from x-ray table"); the ICD-10-PCS
  imaging code is still listed;
- a service's descriptor words ("office consult level 3", "urinalysis dipstick without micro", "transitional
  care management high complexity"): level, complexity, minutes, views, contrast ... belong to the service a
  CPT vocabulary phrase names, so they count as part of it when deciding that the query is a CPT question.
"""

from __future__ import annotations

import re

# Words that describe a CPT service's level, setting or extent rather than a separate concept.
DESCRIPTORS = frozenset(
    {
        "level",
        "lvl",
        "complexity",
        "high",
        "moderate",
        "low",
        "straightforward",
        "minutes",
        "min",
        "mins",
        "views",
        "view",
        "contrast",
        "with",
        "without",
        "dipstick",
        "micro",
        "microscopy",
        "automated",
        "office",
        "outpatient",
        "inpatient",
        "new",
        "established",
        "est",
        "initial",
        "subsequent",
        "complete",
        "limited",
        "lab",
        "labs",
        "test",
        "testing",
        "panel",
        "interpretation",
        "only",
        "and",
    }
)
# The last word of a laboratory test's name as it is typed.
LAB_WORDS = frozenset(
    {
        "lab",
        "labs",
        "level",
        "levels",
        "test",
        "testing",
        "assay",
        "titer",
        "panel",
        "count",
        "culture",
        "swab",
    }
)
# Words naming a step of a test's service after the test ("TB skin test placement", "PPD test reading").
SERVICE_ACTS = frozenset({"placement", "placed", "reading", "read", "collection", "collected", "only"})
# A test's specimen said first ("serum ferritin", "urine microalbumin") or its laboratory method said anywhere
# ("vitamin D 25 hydroxy", "hcg quantitative"): with no finding said, and when the Index's best path leaves
# part of the query unused and no word is a condition's main term ("serum sickness", "urine infection"), the
# query names a laboratory test (bot.lookups.search).
SPECIMENS = frozenset({"serum", "plasma", "urine", "csf", "sputum"})
LAB_METHODS = frozenset(
    {"hydroxy", "quantitative", "qualitative", "quant", "ionized", "fractionated", "reflex"}
)
# Words saying a result, a finding or a reason for an encounter: the query is then a diagnosis (or a Z code).
FINDINGS = frozenset(
    {
        "abnormal",
        "abnormality",
        "elevated",
        "elevation",
        "high",
        "low",
        "raised",
        "increased",
        "decreased",
        "positive",
        "negative",
        "deficiency",
        "deficient",
        "toxicity",
        "toxic",
        "result",
        "results",
        "finding",
        "findings",
        "screening",
        "encounter",
        "history",
        "exposure",
        "poisoning",
        "failed",
        "borderline",
        "critical",
        "injury",
        "fracture",
        "syndrome",
        "disease",
        "disorder",
        "inconclusive",
        "false",
        "nonspecific",
        "exam",
        "examination",
        "pregnancy",
    }
)
# Words that make an imaging modality part of a story ("mass on CT scan", "fall from x-ray table", "nodule
# seen on chest x-ray"): the finding or the event is what is coded, not the study.
STORY = frozenset(
    {"on", "from", "in", "at", "showed", "shows", "show", "seen", "revealed", "reveals", "per", "by"}
)
IMAGING = re.compile(
    r"\b(?:x-?rays?|xr|radiographs?|ct|cta|cat\s+scan|mri|mra|ultrasound|sonogram|dexa|fluoroscopy)\b"
)
ANESTHESIA = re.compile(
    r"^(?:general\s+|regional\s+|mac\s+)?(?:anesthesia|anaesthesia|anes)\s+(?:for|during)\b"
)
_SPINAL_LEVEL = re.compile(r"^[ctls]\d{1,2}$")


def says_finding(words: list[str]) -> bool:
    """Whether the query says a result or finding ("elevated TSH level"); "high complexity" is a level."""
    return any(
        w in FINDINGS and (i + 1 == len(words) or words[i + 1] not in {"complexity", "severity"})
        for i, w in enumerate(words)
    )


def service_kind(words: list[str]) -> str:
    """The kind of CPT service the query names ("laboratory test", "anesthesia", "imaging"), or ""."""
    if not words or says_finding(words):
        return ""
    text = " ".join(words)
    if ANESTHESIA.match(text):
        return "anesthesia"
    if IMAGING.search(text) and not STORY.intersection(words):
        return "imaging"
    while len(words) > 2 and words[-1] in SERVICE_ACTS:
        words = words[:-1]  # "TB skin test placement", "PPD reading": the test is the service
    last = words[-1]
    before = words[-2] if len(words) > 1 else ""
    if last in LAB_WORDS and len(words) > 1 and not _SPINAL_LEVEL.match(before):
        return "laboratory test"
    return ""


def service_share(phrase_words: set[str], spoken: list[str]) -> bool:
    """Whether the words of the CPT vocabulary phrases a query holds, with the descriptor words around them,
    are most of what it says ("office consult level 3": consult + office, level)."""
    if not phrase_words or says_finding([w for w in spoken if w not in phrase_words]):
        return False
    covered = sum(1 for w in spoken if w in phrase_words or w in DESCRIPTORS)
    return 2 * covered >= len(spoken)
