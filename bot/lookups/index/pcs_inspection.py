"""An inspection done to reach or confirm a procedure is not coded apart from it.

ICD-10-PCS guideline B3.11a: "Inspection of a body part(s) performed in order to achieve and/or confirm the
objective of a procedure is not coded separately." A query naming a scope and what was done through it ("EGD
with band ligation of esophageal varices", "cystoscopy with biopsy") reaches the scope word's own Index line
(Esophagogastroduodenoscopy -> Inspection, 0DJ08ZZ) and the procedure's; the procedure is the code, the
Inspection at most beside it. So where the first answer is a Medical and Surgical Inspection and the second
concept of the query is another Medical and Surgical procedure, the procedure comes first.
"""

from __future__ import annotations

INSPECTION = "J"
MEDICAL_AND_SURGICAL = "0"


def is_inspection(code: str) -> bool:
    """Whether a complete PCS code is a Medical and Surgical Inspection (0?J....)."""
    return len(code) == 7 and code[0] == MEDICAL_AND_SURGICAL and code[2] == INSPECTION


def procedure_before_inspection(first: str, other: str) -> bool:
    """Whether `other`, a Medical and Surgical procedure other than an Inspection, goes before `first`, an
    Inspection (guideline B3.11a)."""
    return (
        is_inspection(first)
        and len(other) == 7
        and other[0] == MEDICAL_AND_SURGICAL
        and not is_inspection(other)
    )
