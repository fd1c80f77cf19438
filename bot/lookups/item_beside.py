"""The words said beside a HCPCS item's name pick among the descriptors that name it.

A HCPCS Level II descriptor heads a family with the item's noun and then states what sets each line apart: how
it is had ("Portable gaseous oxygen system, rental" beside "..., purchase"), the body part it fits ("Static
progressive stretch toe device" beside the wrist one), the item it is used with ("Sling or seat, patient lift"),
a named kind ("Traction stand, free standing, extremity traction, (e.g., buck's)"), a part it comes with or
without ("Hospital bed, heavy duty, extra wide, ..., with mattress" / "... without mattress"), a size
(`bot.lookups.measures`: "weight capacity greater than 350 pounds"). A query names the item and says that
distinction in words the item's name leaves out - a purpose ("... for toe"), a billing word ("rental"), "no
mattress": `bot.lookups.hcpcs_items.item_phrase` and `bot.lookups.item_heads` read the item without them,
and they then choose its line. The lines printing more of them (and whose sizes hold the size said) come first;
the others keep their order (the item's own ranking).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from bot.lookups.measures import measure_fit, stated_measures
from bot.lookups.schema import STOPWORDS, WORD

T = TypeVar("T")

_NEGATION = frozenset({"no", "without", "w/o", "not"})


def beside_words(query: str, phrase: str) -> list[str]:
    """The query's words the item phrase does not hold (stop words left out), in the order typed; a word
    said after "no" / "without" keeps that word before it ("no mattress" -> "without mattress")."""
    named = set(WORD.findall(phrase.lower()))
    typed = WORD.findall(query.lower().replace("w/o ", "without "))
    out: list[str] = []
    for i, word in enumerate(typed):
        if word in named or word in STOPWORDS or word in _NEGATION:
            continue
        negated = i > 0 and typed[i - 1] in {"no", "without"}
        out.append(f"without {word}" if negated else word)
    return list(dict.fromkeys(out))


def _prints(title: str, own: frozenset[str], word: str, stems_of: Callable[[str], frozenset[str]]) -> int:
    """+1 when a title prints the word said (or "without" it, when said without), -1 when it prints the part
    said to be left out with it ("with mattress" for "no mattress"), else 0. `own` is what the title prints
    from where it names the item on."""
    if word.startswith("without "):
        part = word.removeprefix("without ")
        if re.search(rf"\bwithout\s+(?:\w+\s+)?{re.escape(part)}", title.lower()):
            return 1
        forms = stems_of(part)
        return -1 if forms and forms <= own else 0
    forms = stems_of(word)
    return 1 if forms and forms <= own else 0


def _from_the_item(
    title: str, named: frozenset[str], stems_of: Callable[[str], frozenset[str]]
) -> frozenset[str]:
    """The stems a title prints from the first word of the item's name on: a word before it names another item
    the title is about ("Commode chair with integrated seat lift mechanism": a chair, not a seat lift
    mechanism's purpose)."""
    words = WORD.findall(title.lower())
    start = next((i for i, w in enumerate(words) if stems_of(w) & named), 0)
    return frozenset(s for w in words[start:] for s in stems_of(w))


def by_words_beside(
    lines: Sequence[T],
    beside: Sequence[str],
    title_of: Callable[[T], str],
    stems_of: Callable[[str], frozenset[str]],
    query: str = "",
    phrase: str = "",
) -> list[tuple[T, list[str]]]:
    """The lines, those whose descriptor prints more of the words said beside the item first (and whose
    ranges hold a size the query says; a stable order otherwise), each with the words beside the item it
    prints."""
    measures = stated_measures(query) if query else []
    named = stems_of(phrase)
    # ("feeding pump for tube feeds": "feeds" is the item's own word again)
    beside = [w for w in beside if not stems_of(w.removeprefix("without ")) <= named]
    scored = []
    for line in lines:
        title = title_of(line)
        own = _from_the_item(title, named, stems_of)
        marks = [(w, _prints(title, own, w, stems_of)) for w in beside]
        fit = measure_fit(title, measures)
        weight = sum(m for _, m in marks) + (fit > 0) - (fit < 0)
        scored.append((line, [w for w, m in marks if m > 0], weight))
    return [(line, printed) for line, printed, _ in sorted(scored, key=lambda row: -row[2])]
