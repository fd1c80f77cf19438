"""An abbreviation answers as its spelled-out words do: "PMR on prednisone taper, shoulder girdle stiffness".

A coder who reads "PMR" and one who reads "polymyalgia rheumatica" look up the same Alphabetic Index line
(the rule bench/make_abbreviation_pairs.py checks). The search reads an abbreviation in place, through the
vocabulary (terms.tsv, kind "abbreviation": "pmr" -> polymyalgia rheumatica), but a query that holds one among
other words ("spontaneous SAH worst HA of life", "PVL on head US in 27 wk preemie", "ADHD-combined presentation,
9 yo") may find no confident answer where the same note written out finds the Index line at once: the
abbreviation is one word of the query where its meaning is two or three, and the readings that weigh a clause's
words see less of the condition than the note says. Where the query as typed finds no confident match, each
abbreviation it writes in capitals that the vocabulary reads one way is written out as its meaning, and the
query asked again; the answer is kept only when the Index or Tabular line it reads holds the meaning's words
(most of them: "Hemorrhage, subarachnoid" for subarachnoid hemorrhage) - a laboratory test's name written out
("TSH": thyroid stimulating hormone) finds lines of conditions that hold none of them ("Thyrotoxicosis").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# A word typed with two capitals or more: an abbreviation ("SAH", "PVL", "ADHD-combined": ADHD, "OAB", "PsA").
_ABBREVIATION = re.compile(r"(?<![A-Za-z])([A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z]*)(?![A-Za-z])")
_ROMAN = re.compile(r"[IVX]+")
_WORD = re.compile(r"[a-z][a-z0-9]*")
_NOTES = re.compile(r"^(?:suggested with [^:]+: |clause \u201c[^\u201d]*\u201d: )+")
_PLAIN = frozenset({"and", "the", "with", "without", "due", "nos", "nec", "for", "from", "of", "in", "to"})
READ_SHARE = 2 / 3  # the share of a meaning's words a line must hold to read it ("Infection, urinary": UTI)
INFLECTION = 3  # a word and one it begins with, this many letters longer, are one ("syndrome", "syndromes")


@dataclass(frozen=True)
class Spelled:
    text: str  # the query with each abbreviation written out
    meanings: tuple[tuple[str, str], ...]  # (the abbreviation as typed, its meaning)

    @property
    def note(self) -> str:
        return "spelled out: " + "; ".join(f"{token} -> {means}" for token, means in self.meanings)


def spelled_out(query: str, senses: Callable[[str], tuple[str, ...]]) -> Spelled | None:
    """The query with each abbreviation typed in capitals that has one vocabulary sense (`senses(key)`: its
    senses, usual first) written out as that sense; None when it holds none (a Roman numeral is a grade)."""
    meanings: list[tuple[str, str]] = []
    parts: list[str] = []
    at = 0
    for match in _ABBREVIATION.finditer(query):
        token = match.group(1)
        if _ROMAN.fullmatch(token):
            continue
        known = senses(token.lower())
        if len(known) != 1:
            continue  # (none, or several: the query's words choose among them - bot.lookups.index.senses)
        parts += [query[at : match.start()], known[0]]
        at = match.end()
        meanings.append((token, known[0]))
    if not meanings:
        return None
    return Spelled("".join([*parts, query[at:]]), tuple(meanings))


def _line(why: str) -> str:
    """The Index, Tabular or table line an answer read (its why without its notes)."""
    return _NOTES.sub("", why).split(" (", 1)[0].lower()


def _alike(one: str, other: str) -> bool:
    short, long = sorted((one, other), key=len)
    return long.startswith(short) and len(long) - len(short) <= INFLECTION


def line_reads(why: str, means: str) -> bool:
    """Whether the line an answer read holds most of a meaning's words ("Hemorrhage, subarachnoid" reads
    subarachnoid hemorrhage; "Thyrotoxicosis" does not read thyroid stimulating hormone)."""
    wanted = [w for w in _WORD.findall(means.lower().replace("-", " ")) if len(w) > 2 and w not in _PLAIN]
    if not wanted:
        return False
    held = _WORD.findall(_line(why).replace("-", " "))
    return sum(any(_alike(w, h) for h in held) for w in wanted) >= READ_SHARE * len(wanted)
