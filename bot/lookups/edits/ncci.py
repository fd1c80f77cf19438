"""ncci-ptp: a column-2 code billed with its column-1 code on the same date (NCCI procedure-to-procedure edits).

Applies to outpatient and professional claims (NCCI PTP edits are not applied to inpatient hospital claims).
Shipped: the pairs whose two codes are HCPCS Level II, by quarter; CPT pairs come from the CMS PTP file a user
imports (`codedesk import`). Every code on a claim is billed on the claim's one date of service.
"""

from __future__ import annotations

from collections.abc import Iterator

from bot.lookups.edits.claim import Claim, Entry
from bot.lookups.edits.model import Severity
from bot.lookups.edits.registry import Hit, rule

# NCCI-associated modifiers that may bypass an edit whose indicator is 1 (NCCI Policy Manual, chapter I, E).
PTP_MODIFIERS = ("59", "XE", "XS", "XP", "XU")
ANATOMIC = (
    "E1",
    "E2",
    "E3",
    "E4",
    "FA",
    "F1",
    "F2",
    "F3",
    "F4",
    "F5",
    "F6",
    "F7",
    "F8",
    "F9",
    "LC",
    "LD",
    "LM",
    "RC",
    "RI",
    "LT",
    "RT",
    "TA",
    "T1",
    "T2",
    "T3",
    "T4",
    "T5",
    "T6",
    "T7",
    "T8",
    "T9",
)
OTHER_BYPASS = ("24", "25", "27", "57", "58", "78", "79", "91")
BYPASS = frozenset(PTP_MODIFIERS + ANATOMIC + OTHER_BYPASS)
SOURCE = "CMS NCCI procedure-to-procedure edits"


@rule(
    "ncci-ptp",
    severity=Severity.ERROR,
    source=f"{SOURCE} (shipped: HCPCS Level II pairs by quarter; CPT pairs from an imported file)",
)
def ncci_ptp(claim: Claim) -> Iterator[Hit]:
    """A column-2 code billed with its column-1 code on the same date: an error when no modifier may bypass the
    edit, a warning naming the modifiers (59, XE, XS, XP, XU) when one may and the claim line carries none."""
    if claim.setting == "inpatient":
        return
    lines = [e for e in claim.procedures if e.system in ("hcpcs", "cpt") and e.valid]
    codes = sorted({e.code for e in lines})
    if len(codes) < 2:
        return
    iso = claim.dos.isoformat()
    marks = ", ".join("?" for _ in codes)
    pairs = claim.book.db.execute(
        f"SELECT column1, column2, modifier, start, end, source FROM ncci_ptp WHERE column1 IN ({marks}) "
        f"AND column2 IN ({marks}) AND column1 != column2 AND start <= ? AND (end = '' OR end >= ?) "
        "ORDER BY column1, column2",
        [*codes, *codes, iso, iso],
    ).fetchall()
    by_code: dict[str, list[Entry]] = {}
    for e in lines:
        by_code.setdefault(e.code, []).append(e)
    for column1, column2, modifier, start, end, source in pairs:
        first = by_code[column1][0]
        for second in by_code[column2]:
            hit = _pair(claim, first, second, bool(modifier), start, end, source)
            if hit is not None:
                yield hit


def _pair(
    claim: Claim, first: Entry, second: Entry, allowed: bool, start: str, end: str, source: str
) -> Hit | None:
    where = "imported file" if source != "shipped" else "shipped HCPCS Level II pairs"
    cite = (
        f"{SOURCE}, column 1 {first.display} / column 2 {second.display}, in effect from {start}"
        + (f" to {end}" if end else "")
        + f" ({where})"
    )
    entries = sorted((first, second), key=lambda x: x.position)
    if not allowed:
        message = (
            f"{second.named} is a column-2 code of {first.named}: billed on the same date, it is not paid, and no "
            f"modifier allows it (NCCI modifier indicator 0; {cite})."
        )
        fix = f"Remove {second.display}: the service is included in {first.display}."
        return Hit(
            entries,
            message,
            fix,
            f"NCCI PTP: {second.display} is bundled into {first.display}, no modifier allowed",
            source=cite,
        )
    if _says_distinct(first, second):
        return None  # the claim lines say the services were distinct
    message = (
        f"{second.named} is a column-2 code of {first.named}: billed on the same date, it is paid only with an "
        f"NCCI-associated modifier when the services were distinct (NCCI modifier indicator 1; {cite})."
    )
    fix = (
        f"If the record documents a separate encounter, site, practitioner or unusual service, add the modifier "
        f"that says so to {second.display} ({', '.join(PTP_MODIFIERS)}; e.g. {second.display}-XS); otherwise "
        f"remove {second.display}."
    )
    return Hit(
        entries,
        message,
        fix,
        f"NCCI PTP: {second.display} with {first.display} needs a modifier ({'/'.join(PTP_MODIFIERS)})",
        severity=Severity.WARNING,
        source=cite,
    )


def _says_distinct(first: Entry, second: Entry) -> bool:
    """Whether the two lines' modifiers say the services were distinct. 59/X{EPSU} and the other NCCI-associated
    modifiers say so on either line. Anatomic modifiers say so only when each line names its site and the sites
    differ (NCCI Policy Manual ch. I, E: "different anatomic sites"): both lines -LT is one site, and a site on
    one line alone does not say where the other service was."""
    said = {*first.modifiers, *second.modifiers}
    if said & (BYPASS - frozenset(ANATOMIC)):
        return True
    first_sites = {m for m in first.modifiers if m in ANATOMIC}
    second_sites = {m for m in second.modifiers if m in ANATOMIC}
    return bool(first_sites) and bool(second_sites) and not first_sites & second_sites
