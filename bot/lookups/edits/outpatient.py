"""pcs-outpatient: an ICD-10-PCS code on an outpatient or professional claim."""

from __future__ import annotations

from collections.abc import Iterator

from bot.lookups.edits.claim import Claim, Entry
from bot.lookups.edits.model import Severity
from bot.lookups.edits.registry import Hit, Scope, rule

SOURCE = "ICD-10-PCS Official Guidelines (inpatient hospital procedures); HIPAA code sets 45 CFR 162.1002"


@rule("pcs-outpatient", severity=Severity.ERROR, source=SOURCE, scope=Scope.CODE)
def pcs_outpatient(claim: Claim, e: Entry) -> Iterator[Hit]:
    """An ICD-10-PCS code on an outpatient claim: PCS reports inpatient hospital procedures only."""
    if claim.setting == "inpatient" or e.system != "pcs" or not e.found:
        return
    message = (
        f"{e.named} is an ICD-10-PCS procedure code, and this is an outpatient claim: ICD-10-PCS is the code "
        "set for inpatient hospital procedures; outpatient and professional claims report procedures in "
        f"CPT / HCPCS Level II ({SOURCE})."
    )
    fix = "Report the procedure with its CPT or HCPCS code, or check the claim as inpatient (--setting inpatient)."
    yield Hit([e], message, fix, "ICD-10-PCS code on an outpatient claim")
