"""A HCPCS S code first for an item a permanent national code names too: the national code leads.

The HCPCS Level II file's S codes (S0000-S9999) are temporary national codes for the private sector: CMS
describes them as codes "used by the Blue Cross Blue Shield Association (BCBSA) and the Health Insurance
Association of America (HIAA) to report drugs, services, and supplies for which there are no national codes";
Medicare does not accept them. So when an S line is the first answer for an item ("peak flow meter": S8096
"Portable peak flow meter") and a permanent line of the supply, DME, orthotic or prosthetic sections names the
same item - its descriptor's head noun is the S line's ("Peak expiratory flow rate meter, hand held", A4614:
a meter) - and reads as much of the query, there is a national code for it, and a coder takes that one.

Only items (`descriptor_heads.item_line`): a service's S line ("Homemaker service, nos; per 15 minutes") has no
permanent twin a head noun could tell ("service" heads many lines that are other services).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from bot.lookups.index.descriptor_heads import head_nouns, item_line

HCPCS = "HCPCS"
LOOKED_AT = 5  # the answers a national line is looked for among


class _Line(Protocol):
    @property
    def system(self) -> str: ...
    @property
    def code(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def billable(self) -> bool: ...


_L = TypeVar("_L", bound=_Line)


def temporary_private(code: str) -> bool:
    """Whether a HCPCS code is an S code, a temporary national code for private payers."""
    return len(code) == 5 and code.startswith("S") and code[1:].isdigit()


def national_item(first: _Line, hit: _Line) -> bool:
    """Whether a HCPCS line is a permanent item line whose head noun is a temporary S line's."""
    if hit.system != HCPCS or not hit.billable or temporary_private(hit.code) or not item_line(hit.code):
        return False
    heads = head_nouns(first.title)
    return bool(heads) and bool(heads & head_nouns(hit.title))


def national_first(found: Sequence[_L], unread: Callable[[_L], int]) -> int | None:
    """The place among the next answers of the national item line to put before a first S line, or None.
    `unread` counts the query's words an answer does not read: the national line reads no fewer."""
    if len(found) < 2 or found[0].system != HCPCS or not temporary_private(found[0].code):
        return None
    first = found[0]
    most = unread(first)
    for place, hit in enumerate(found[1:LOOKED_AT], start=1):
        if national_item(first, hit) and unread(hit) <= most:
            return place
    return None
