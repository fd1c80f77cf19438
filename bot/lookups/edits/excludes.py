"""excludes1: two codes the tabular says are never reported together."""

from __future__ import annotations

from collections.abc import Iterator

from bot.lookups.edits.claim import Claim, Entry, tabular
from bot.lookups.edits.model import Severity
from bot.lookups.edits.registry import Hit, rule
from bot.lookups.edits.tables import Note


@rule(
    "excludes1",
    severity=Severity.ERROR,
    source="ICD-10-CM Tabular, Excludes1 notes (ICD-10-CM Guidelines I.A.12.a)",
)
def excludes1(claim: Claim) -> Iterator[Hit]:
    """Two codes valid on the DOS where one stands under an Excludes1 note (its own or an ancestor's) naming
    the other. Codes already in error are left out: their replacement gets checked instead."""
    seen: set[frozenset[str]] = set()
    for e in claim.cm:
        if not e.valid:
            continue
        for note, other in _excluded(claim, e):
            pair = frozenset((e.code, other.code))
            if pair not in seen:
                seen.add(pair)
                yield _finding(e, other, note)


def _excluded(claim: Claim, e: Entry) -> Iterator[tuple[Note, Entry]]:
    for holder in e.chain:
        for note in claim.tables.of("excludes1", holder):
            for ref in note.refs:
                if ref.covers(holder):
                    continue  # a note never excludes the codes it stands over
                for other in claim.matching(ref):
                    if other.valid and other.code != e.code:
                        yield note, other


def _finding(e: Entry, other: Entry, note: Note) -> Hit:
    first, second = sorted((e, other), key=lambda x: x.position)
    source = tabular(note.holder, "Excludes1")
    message = (
        f"{first.named} and {second.named} may not be reported together: {e.display} is under an "
        f'Excludes1 note for "{note.text}" ({source}).'
    )
    fix = (
        f"Keep the one the documentation supports and remove the other ({first.display} or {second.display}); "
        "only if the record shows the two conditions are unrelated may both be reported (the exception in "
        "Guidelines I.A.12.a); query the provider if the record is unclear."
    )
    return Hit(
        [first, second],
        message,
        fix,
        f"Excludes1 pair, may not be reported together ({source})",
        source=source,
    )
