"""A procedure said with its inpatient setting is an ICD-10-PCS procedure; the setting is no word of it.

ICD-10-PCS is the procedure code set of hospital inpatient stays (HIPAA's code set for inpatient hospital
procedures; outpatient and professional services are billed with CPT and HCPCS Level II). A coder reading
"peritoneal dialysis exchange inpatient", "inpatient alcohol detox" or "CT chest without contrast inpatient"
takes "inpatient" as where the service was done, which says the code set, not as a word the procedure's line
must hold: the PCS code is the answer, ahead of a HCPCS line for the same service ("H0009 ... acute
detoxification (hospital inpatient)" is the outpatient payer's line). So the setting word is set aside before
the words are read, and the PCS answers go before the HCPCS ones. A visit or a stay ("subsequent inpatient
visit", "initial hospital inpatient care", "inpatient rehab admission") is an evaluation and management
service or an encounter, not a procedure, and so is a story's circumstance ("fell from bed while inpatient": the
place of occurrence); they are left as said.
"""

from __future__ import annotations

import re

# The words that say the inpatient hospital setting.
SETTING = re.compile(r"(?i)(?<![\w-])(?:inpatient|in-patient|inpt)(?![\w-])")
# Words that make the setting part of a visit, a stay or a level of care (the E/M and encounter readings).
VISIT_WORDS = frozenset(
    {
        "visit",
        "visits",
        "care",
        "consult",
        "consultation",
        "admission",
        "admit",
        "admitted",
        "rounds",
        "rounding",
        "h&p",
        "discharge",
        "stay",
        "day",
        "days",
        "follow",
        "follow-up",
        "followup",
        "f/u",
        "subsequent",
        "initial",
        "observation",
        "rehab",
        "rehabilitation",
        "psych",
        "psychiatric",
        "unit",
        "facility",
        "hospice",
        "telehealth",
        "level",
        "mdm",
        "while",  # "fell from bed while inpatient": where an injury happened, not a procedure's setting
        "during",
    }
)


def without_setting(query: str) -> str | None:
    """The query with its inpatient setting word set aside, or None when it says no setting, says it of a
    visit or a stay, or says nothing else."""
    if SETTING.search(query) is None:
        return None
    words = {w.strip(",.;:()") for w in query.lower().split()}
    if words & VISIT_WORDS:
        return None
    rest = " ".join(SETTING.sub(" ", query).split()).strip(" ,;")
    return rest or None


def procedures_before_services(systems: list[str]) -> list[int]:
    """The order that puts each ICD-10-PCS answer before every HCPCS answer (the others keep their places
    relative to each other): positions into `systems`, the answers' code set names."""
    pcs = [n for n, s in enumerate(systems) if s == "ICD-10-PCS"]
    if not pcs:
        return list(range(len(systems)))
    hcpcs = [n for n, s in enumerate(systems) if s == "HCPCS" and n < pcs[-1]]
    if not hcpcs:
        return list(range(len(systems)))
    moved = set(hcpcs)
    order: list[int] = []
    waiting: list[int] = []
    for n in range(len(systems)):
        if n in moved:
            waiting.append(n)
            continue
        order.append(n)
        if systems[n] == "ICD-10-PCS" and n == pcs[-1]:
            order.extend(waiting)
            waiting = []
    return order + waiting
