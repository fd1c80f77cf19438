"""The words said beside a HCPCS item's name pick among the descriptors that name it.

A HCPCS Level II descriptor heads a family with the item's noun and then states what sets each line apart: how
it is had ("Portable gaseous oxygen system, rental" beside "..., purchase"), the body part it fits ("Static
progressive stretch toe device" beside the wrist one), the item it is used with ("Sling or seat, patient lift"),
a named kind ("Traction stand, free standing, extremity traction, (e.g., buck's)"). A query names the item and
says that distinction in words the item's name leaves out - a purpose ("... for toe"), a billing word
("rental"): `bot.lookups.hcpcs_items.item_phrase` reads the item without them, and they then choose its line.
The lines printing more of them come first; the others keep their order (the item's own ranking).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from bot.lookups.schema import STOPWORDS, WORD

T = TypeVar("T")


def beside_words(query: str, phrase: str) -> list[str]:
    """The query's words the item phrase does not hold (stop words left out), in the order typed."""
    named = set(WORD.findall(phrase.lower()))
    return [w for w in dict.fromkeys(WORD.findall(query.lower())) if w not in named and w not in STOPWORDS]


def by_words_beside(
    lines: Sequence[T],
    beside: Sequence[str],
    title_of: Callable[[T], str],
    stems_of: Callable[[str], frozenset[str]],
) -> list[tuple[T, list[str]]]:
    """The lines, those whose descriptor prints more of the words said beside the item first (a stable order
    otherwise), each with the words beside the item it prints."""
    wanted = [(w, stems_of(w)) for w in beside]
    scored = []
    for line in lines:
        own = stems_of(title_of(line))
        printed = [w for w, forms in wanted if forms and forms <= own]
        scored.append((line, printed))
    return sorted(scored, key=lambda pair: -len(pair[1]))
