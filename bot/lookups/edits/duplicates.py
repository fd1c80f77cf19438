"""duplicate: the same code twice on one claim."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from bot.lookups.edits.claim import Claim, Entry
from bot.lookups.edits.model import Severity
from bot.lookups.edits.registry import Hit, rule


@rule("duplicate", severity=Severity.WARNING, source="claim form: each code once")
def duplicate(claim: Claim) -> Iterator[Hit]:
    """The same code (in the same system, with the same modifiers) more than once on the claim."""
    places: dict[tuple[str | None, str, tuple[str, ...]], list[Entry]] = defaultdict(list)
    for e in claim.entries:
        places[(e.system, e.code, e.modifiers)].append(e)
    for same in places.values():
        if len(same) > 1:
            where = ", ".join(str(e.position) for e in same)
            message = f"{same[0].display} appears {len(same)} times on the claim (positions {where})."
            yield Hit([same[0]], message, "Remove the repeats: report each code once.", "code repeated")
