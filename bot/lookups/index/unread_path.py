"""The code of the first answer's category whose Index path reads the words the first answer's path left unread.

Having reached a category, a coder reads what the documentation says that the line taken did not consume, and
takes the line of the same category that says it: for "HSV iridocyclitis left eye" the line "Herpes, eye,
simplex" (B00.50 "Herpesviral ocular disease, unspecified") leaves "iridocyclitis" unread, while "Herpes,
iridocyclitis" (B00.51) reads it; "episodic TTH, intractable" reached G44.011 (cluster) with the abbreviation
unread, while "Headache, tension, episodic, intractable" (G44.211) reads it. The unspecified or other code is
what is left when nothing said is unread (guideline I.A.9.b; I.B.1: the Tabular and the Index's subterms decide
among the codes of a category, and one Index path is the unit of meaning, I.A.15 and the path reading of
`bot.lookups.index.one_path`).

`reads_unread` takes a later answer only when it is of the same category, reached by an Index path, and:
- leaves unread a strict part of the query's typed words the first left unread (every word it leaves the first
  left too, and at least one the first left it reads; a word common in the titles counts, so "contrast" read
  by N14.11 "Contrast-induced nephropathy" is not dropped for N14.2 "... induced by unspecified drug" that
  reads "fibrinogen");
- its path adds no more words the query does not say than the first's path adds ("Weak, facial, following,
  cerebrovascular disease" reads "weakness" but adds "facial" where "Sequelae, infarction, cerebral" adds
  nothing: no reading of "left sided weakness"); a first answer found by its title adds nothing;
- its code leaves no more open than the first's ("unspecified", "without ..."): a path that reads the word and
  then takes the category's default child ("Psychosis, due to or associated with, presenile dementia -> F03 ->
  Tabular: unspecified -> F03.90 ... without ... psychotic disturbance") does not read it into the code;
- its path ends on no NEC line where the first's does not: a line "not elsewhere classified" is for what no
  named line holds ("Parkinsonism, due to, drugs NEC" does not take the place of "Parkinsonism, neuroleptic
  induced" for haloperidol, which the named line holds).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

# What a title leaves open: an "unspecified" value, a "without ..." default.
_OPEN = re.compile(r"(?i)\bunspecified\b|\bwithout\b")
_NEC = re.compile(r"\bNEC\b")


@dataclass(frozen=True)
class PathReading:
    """What one answer reads: the query's typed words it leaves unread, the words its Index path adds to the
    query (None when no Index path answered), its code's title and its path's lines."""

    unread: Collection[str]
    adds: Collection[str] | None
    title: str
    path: str


def left_open(title: str) -> int:
    """How many values a title leaves open ("Unspecified dementia, unspecified severity, without ...": 3)."""
    return len(_OPEN.findall(title))


def reads_unread(first: PathReading, other: PathReading) -> bool:
    """Whether a later answer of the first one's category reads what the first left unread, and says no more."""
    left = {w.strip().lower() for w in first.unread if w.strip()}
    own = {w.strip().lower() for w in other.unread if w.strip()}
    if not left or not own < left or other.adds is None:
        return False
    if len({w.lower() for w in other.adds}) > len({w.lower() for w in first.adds or ()}):
        return False
    if left_open(other.title) > left_open(first.title):
        return False
    return not (_NEC.search(other.path) and not _NEC.search(first.path))
