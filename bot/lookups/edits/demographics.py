"""age-conflict and sex-conflict: the CMS MCE age and sex edits, by date of service."""

from __future__ import annotations

from collections.abc import Iterator

from bot.lookups.edits.claim import Claim, Entry, span_on
from bot.lookups.edits.model import Severity
from bot.lookups.edits.registry import Hit, Scope, rule

AGE_GROUPS = ("newborn", "pediatric", "maternity", "adult")
SEX_WORD = {"F": "female", "M": "male"}


@rule(
    "age-conflict",
    severity=Severity.ERROR,
    source="CMS MCE age edits (newborn, pediatric, maternity, adult)",
    scope=Scope.CODE,
)
def age_conflict(claim: Claim, e: Entry) -> Iterator[Hit]:
    """A newborn, pediatric, maternity or adult code for a patient outside its ages (MCE ranges on the DOS)."""
    if claim.age is None or not e.valid:
        return
    flags = e.flags(claim.dos)
    ranges = claim.tables.age_ranges.get(claim.dos)
    if ranges is None:
        ranges = claim.book.age_ranges(claim.dos)
        claim.tables.age_ranges[claim.dos] = ranges
    for group in AGE_GROUPS:
        if group in flags and group in ranges:
            low, high = ranges[group]
            if not low <= claim.age <= high:
                ages = f"age {low}" if low == high else f"ages {low}-{high}"
                message = (
                    f"{e.named} is a {group} code, for {ages}, and the patient is {claim.age} "
                    f"({claim.tables.mce} age edit, ranges for {claim.dos.isoformat()})."
                )
                fix = "Check the patient's age and the code; correct whichever is wrong."
                yield Hit(
                    [e],
                    message,
                    fix,
                    f"{group} code ({ages}) for a patient aged {claim.age}",
                    source=f"{claim.tables.mce} age edit",
                )
                return


@rule(
    "sex-conflict",
    severity=Severity.ERROR,
    source="CMS MCE sex edits (turned off for Medicare from 2024-10-01: a warning since)",
    scope=Scope.CODE,
)
def sex_conflict(claim: Claim, e: Entry) -> Iterator[Hit]:
    """A female- or male-only code for a patient of the other sex (an error while the MCE edit was on)."""
    if claim.sex is None or not e.valid:
        return
    conflict = "female" if claim.sex == "M" else "male"
    span = span_on(e.spans, claim.dos)
    if span is None:
        return
    patient = SEX_WORD[claim.sex]
    source = f"{claim.tables.mce} sex edit"
    if conflict in span.flags:
        message = f"{e.named} is for {conflict} patients only, and the patient is {patient} ({source})."
        fix = "Check the patient's sex and the code; correct whichever is wrong."
        yield Hit([e], message, fix, f"{conflict}-only code for a {patient} patient", source=source)
        return
    earlier = [s for s in e.spans if s.start < span.start and conflict in s.flags]
    if not earlier:
        return
    off = next(s.start for s in e.spans if s.start > earlier[-1].start)
    message = (
        f"{e.named} is a {conflict} diagnosis or procedure and the patient is {patient}. CMS turned the "
        f"{source} off for it from {off.isoformat()}, so Medicare no longer rejects this, but other payers may."
    )
    fix = "Confirm the patient's sex and the code before sending the claim."
    yield Hit(
        [e],
        message,
        fix,
        f"{conflict} code for a {patient} patient",
        severity=Severity.WARNING,
        source=source,
    )
