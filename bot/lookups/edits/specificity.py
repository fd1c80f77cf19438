"""unspecified: an unspecified code where the tabular has specific ones."""

from __future__ import annotations

from collections.abc import Iterator

from bot.lookups.edits.claim import Claim, Entry, Valid, listing, valid_under
from bot.lookups.edits.model import Severity
from bot.lookups.edits.registry import Hit, Scope, rule


@rule("unspecified", severity=Severity.WARNING, source="CMS MCE unspecified code list", scope=Scope.CODE)
def unspecified(claim: Claim, e: Entry) -> Iterator[Hit]:
    """An MCE-listed unspecified code while more specific codes exist beside it."""
    if e.system != "cm" or not e.valid or "unspecified" not in e.flags(claim.dos):
        return
    better = _specific_siblings(claim, e)
    if not better:
        return
    message = (
        f"{e.named} is an unspecified code ({claim.tables.mce} unspecified code list) and more specific "
        f"codes exist: {listing('cm', better, 6)}."
    )
    fix = "If the record documents more detail, report the specific code; otherwise query the provider."
    yield Hit([e], message, fix, "unspecified code", source=f"{claim.tables.mce} unspecified code list")


def _specific_siblings(claim: Claim, e: Entry) -> list[Valid]:
    seventh = len(e.code) == 7 and bool(claim.tables.seventh_for(e.chain[1:], e.code)[1])
    for ancestor in e.chain[1:]:
        if len(ancestor) < 3 or "-" in ancestor or not ancestor[0].isalpha():
            break
        found = [
            v
            for v in valid_under(claim, "cm", ancestor)
            if len(v.code) == len(e.code)
            and v.code != e.code
            and "unspecified" not in v.flags
            and (not seventh or v.code[6] == e.code[6])
        ]
        if found:
            return found
    return []
