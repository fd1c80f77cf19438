"""ambiguous-system: an undotted code that more than one code set holds, read by the claim's convention."""

from __future__ import annotations

from collections.abc import Iterator

from bot.lookups.edits.claim import Claim, Entry, valid_on
from bot.lookups.edits.model import Severity
from bot.lookups.edits.registry import Hit, Scope, rule
from bot.lookups.systems import SYSTEM_NAMES, display


@rule(
    "ambiguous-system",
    severity=Severity.WARNING,
    source="the loaded code sets: the same characters are a code in two systems",
    scope=Scope.CODE,
)
def ambiguous_system(claim: Claim, e: Entry) -> Iterator[Hit]:
    """An undotted code that is a code in more than one system, the other reading valid on the date of service
    too, and nothing on the claim says which is meant."""
    if e.decided_by != "convention" or not e.system:
        return
    other = [s for s in e.alternatives if _valid_as(claim, e, s)]
    if not other:
        return  # the other reading is no code on this date: nothing else can be meant
    readings = [_reading(claim, e, s) for s in [e.system, *other]]
    why = (
        "the claim writes its other ICD-10-CM codes undotted"
        if e.system == "cm"
        else f"{SYSTEM_NAMES[e.system]} codes are written undotted and nothing on the claim says it is a diagnosis"
    )
    message = (
        f"{e.token.written.upper()} is {' and also '.join(readings)}. It was checked as "
        f"{SYSTEM_NAMES[e.system]} {display(e.system, e.code)}, because {why}."
    )
    cm = display("cm", e.code)
    fix = (
        f"Say which is meant: write the diagnosis dotted ({cm}), or list the code as a diagnosis "
        f"(dx:{e.code}) or a procedure (px:{e.code}); on the command line --dx / --px."
    )
    yield Hit([e], message, fix, "code read in one of two systems; confirm which is meant")


def _valid_as(claim: Claim, e: Entry, system: str) -> bool:
    row = claim.rows.get((system, e.code))
    spans = claim.all_spans.get((system, e.code), [])
    return valid_on(Entry(e.position, e.token, e.readings, system, row=row, spans=spans), claim.dos)


def _reading(claim: Claim, e: Entry, system: str) -> str:
    row = claim.rows.get((system, e.code))
    title = f" ({row.title})" if row else ""
    status = "valid" if _valid_as(claim, e, system) else "not valid"
    return f"{SYSTEM_NAMES[system]} {display(system, e.code)}{title}, {status} on {claim.dos.isoformat()}"
