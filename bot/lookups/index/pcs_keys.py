"""The PCS Index's Body Part Key and Device Key lines ("Assurant (Cobalt) stent - use Intraluminal Device",
"Foley catheter - use Drainage Device"): a "use" line names a value by another name, so it applies only
when the query says that name - the line's main term, the words before its first comma with parenthesized
ones aside - not when the query shares one word of it ("biliary stent" is no Assurant (Cobalt) stent).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from bot.lookups.index.words import content_stems

_PARENTHESIZED = re.compile(r"\([^)]*\)")


@lru_cache(maxsize=4096)
def key_name(term: str) -> frozenset[str]:
    """The stems a key line's main term is named by: "Assurant (Cobalt) stent" -> {assurant, stent};
    "Stent, intraluminal (cardiovascular)(...)" -> {stent}."""
    return content_stems(_PARENTHESIZED.sub(" ", term.split(",")[0]))


def names_key(term: str, said: Collection[str]) -> bool:
    """Whether a query holding these stems says a key line's main term (every word of its name)."""
    name = key_name(term)
    return bool(name) and all(s in said for s in name)
