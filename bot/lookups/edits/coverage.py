"""dos-outside-data: the date of service lies outside the dates the loaded release of a system covers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from bot.lookups.edits.claim import Claim, Entry, fiscal_year
from bot.lookups.edits.model import Severity
from bot.lookups.edits.registry import Hit, rule
from bot.lookups.systems import SYSTEM_NAMES

ICD10_START = date(2015, 10, 1)
OFFICIAL = {"cm": "CDC/CMS", "pcs": "CMS", "hcpcs": "CMS", "cpt": "the AMA"}


@rule("dos-outside-data", severity=Severity.WARNING, source="the loaded releases' dates of service")
def dos_outside_data(claim: Claim) -> Iterator[Hit]:
    """The loaded data of a code's system does not cover the date of service: changes for that date are unknown."""
    by_system: dict[str, list[Entry]] = defaultdict(list)
    for e in claim.unique:
        if e.system:
            by_system[e.system].append(e)
    for system, entries in by_system.items():
        release = claim.book.coverage().for_system(system)
        if release is None or release.covers_from <= claim.dos <= release.covers_through:
            continue
        yield _outside(claim, system, entries, release.name, release.covers_from, release.covers_through)


def _outside(claim: Claim, system: str, entries: list[Entry], name: str, start: date, end: date) -> Hit:
    label = SYSTEM_NAMES[system]
    dos = claim.dos.isoformat()
    side = "after" if claim.dos > end else "before"
    fy = f" ({fiscal_year(claim.dos)})" if system in ("cm", "pcs") else ""
    message = (
        f"The date of service {dos}{fy} is {side} the loaded {label} data: {name} covers dates of "
        f"service {start.isoformat()} to {end.isoformat()}. These codes were checked against that "
        "release, so changes for the date of service (new, deleted or expanded codes) are not known."
    )
    if system in ("cm", "pcs") and claim.dos < ICD10_START:
        message += f" ICD-10 took effect on {ICD10_START.isoformat()}; earlier services were coded in ICD-9."
    wanted = f"the {fiscal_year(claim.dos)} {label} files" if fy else f"the {label} file for {dos}"
    which = "newer" if side == "after" else "matching"
    fix = (
        f"Import the {which} release with `codedesk import <file>` ({wanted}, from {OFFICIAL[system]}), "
        "then check again."
    )
    return Hit(
        entries, message, fix, f"{label} data does not cover the DOS", source=f"{name} ({start} to {end})"
    )
