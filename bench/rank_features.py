"""Generic features of a lookup's answers for a learned re-ranking (bench/train_rank.py): may a later answer go
first?

For each of a query's answers 2-5 beside its first answer: where its `why` says it came from (an Alphabetic
Index path, a "see" reference, a Tabular step, the Drug Table, the External Cause Index, the Neoplasm Table,
the PCS Index and its table, a title or an inclusion term: the sources guideline I.A and I.B have a coder work,
the Index first and the Tabular to verify), how it read the query (vocabulary, spelling, read-as, word form,
kind of thing, a suggested second code, a clause), how many of the query's words it leaves unread ("not used:
..."), how many its title and its Index path read, the depth of the path, the words a Tabular step chose,
whether it is billable, "unspecified" or "other" (I.B.18, the NEC / NOS conventions of I.A.9), its system and
chapter letter, the side it states against the side said, its place and score gap below the first, and
whether it is the first's child, parent or sibling - never the identity of a word or a code. Each answer's
properties are taken less the first answer's, so one logistic weight says how much a difference favours
the later answer.

Round 41 tried this as a re-ranker of `find_codes`' first five and did not ship it: validated by set it
gained no more rows than it lost (bench/train_rank.py --folds).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

RERANKED = 5  # the answers a re-ranking may reorder: what bench/eval_lookup.py scores

_WORD = re.compile(r"[a-z0-9]+")
_NOT_USED = re.compile(r"\(not used: ([^)]*)\)")
_PATH = re.compile(
    r"^(?:[^:]*?: )??(?:Index|External Cause Index|Drug Table|Neoplasm Table|PCS Index): ([^>]*?) ->"
)
_SOURCES = (
    ("index", "Index: "),
    ("external", "External Cause Index: "),
    ("drug", "Drug Table: "),
    ("neoplasm", "Neoplasm Table: "),
    ("pcs_index", "PCS Index: "),
    ("title", "title: "),
    ("inclusion", "inclusion term: "),
)
_NOTES = (
    ("see", " -> see "),
    ("tabular", "-> Tabular: "),
    ("tabular_unspecified", "-> Tabular: unspecified"),
    ("pcs_table", "-> PCS table: "),
    ("vocabulary", "(vocabulary: "),
    ("spelling", "(spelling: "),
    ("read_as", "(read: "),
    ("word_form", "(word form: "),
    ("kind_of_thing", "(kind of thing: "),
    ("suggested", "suggested with "),
    ("clause", "clause “"),
)
_TABULAR_STEP = re.compile(r"-> Tabular: ([^>]*?) ->")
_STEP_FILLER = frozenset({"unspecified", "initial encounter", "initial", "encounter"})
_SIDE = re.compile(r"\b(left|right|bilateral)\b")
_SHORT_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "without",
        "w",
        "wo",
        "left",
        "right",
    ]
)


class HitLike(Protocol):
    """What the features read of an answer (bot.lookups.search.Hit, or a dumped one)."""

    @property
    def code(self) -> str: ...
    @property
    def system(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def billable(self) -> bool: ...
    @property
    def why(self) -> str: ...
    @property
    def score(self) -> float: ...


def _key(word: str) -> str:
    """A word's comparison key: its first five letters (pneumonia / pneumonitis apart enough, fractures /
    fractured together)."""
    return word[:5]


@lru_cache(maxsize=4096)
def _query_keys(query: str) -> frozenset[str]:
    return frozenset(_key(w) for w in _WORD.findall(query.lower()) if w not in _SHORT_WORDS and len(w) > 1)


def _keys(text: str) -> frozenset[str]:
    return frozenset(_key(w) for w in _WORD.findall(text.lower()) if w not in _SHORT_WORDS and len(w) > 1)


def _unused_keys(why: str) -> frozenset[str]:
    return frozenset(_key(w) for m in _NOT_USED.findall(why) for w in _WORD.findall(m.lower()))


def _sides(text: str) -> frozenset[str]:
    return frozenset(_SIDE.findall(text))


def hit_features(query: str, hit: HitLike) -> dict[str, float]:
    """Properties of one answer that do not depend on the others."""
    why = hit.why
    body = why.split(": ", 1)[1] if why.startswith(("suggested with ", "clause “")) else why
    out: dict[str, float] = {}
    for name, head in _SOURCES:
        out[f"from_{name}"] = float(body.startswith(head))
    for name, mark in _NOTES:
        out[name] = float(mark in why)
    unused = sum(len(m.split(",")) for m in _NOT_USED.findall(why))
    asked = _query_keys(query)
    out["unused_words"] = float(min(unused, 4))
    out["unused_share"] = unused / max(len(asked), 1)
    title = _keys(hit.title)
    out["title_reads"] = len(asked & title) / max(len(asked), 1)
    out["title_extra"] = len(title - asked) / max(len(title), 1)
    path = _PATH.match(why)
    out["path_depth"] = float(min(path.group(1).count(",") + 1, 6)) if path else 0.0
    lowered = hit.title.lower()
    out["title_unspecified"] = float("unspecified" in lowered)
    out["title_other"] = float(lowered.startswith("other") or " other " in lowered)
    out["billable"] = float(hit.billable)
    out["system_cm"] = float(hit.system == "ICD-10-CM")
    out["system_pcs"] = float(hit.system == "ICD-10-PCS")
    out["system_hcpcs"] = float(hit.system == "HCPCS")
    letter = hit.code[:1]
    out["injury_chapter"] = float(hit.system == "ICD-10-CM" and letter in "ST")
    out["external_chapter"] = float(hit.system == "ICD-10-CM" and letter in "VWXY")
    out["factors_chapter"] = float(hit.system == "ICD-10-CM" and letter == "Z")
    code = hit.code.replace(".", "")
    out["code_length"] = float(len(code)) / 7
    read = _keys(_NOT_USED.sub("", why.split(" -> ", 1)[0]))  # what the path's first step reads
    out["path_reads"] = len(asked & read) / max(len(asked), 1)
    step = _TABULAR_STEP.search(why)
    chosen = [w for w in step.group(1).split(", ") if w not in _STEP_FILLER] if step else []
    out["tabular_chosen"] = float(min(len(chosen), 3))
    out["title_exact"] = float(bool(asked) and asked <= title)
    said = _sides(query.lower())
    shown = _sides(lowered)
    out["side_agrees"] = float(bool(said & shown))
    out["side_differs"] = float(bool(said) and bool(shown) and not said & shown)
    return out


def pair_features(
    query: str, first: HitLike, other: HitLike, place: int, f0: dict[str, float]
) -> list[float]:
    """The model's inputs for putting `other` (at 0-based `place`) before `first`: its properties less the
    first answer's, its place, its score below the first's, and how the two codes are related."""
    fi = hit_features(query, other)
    values = [fi[name] - f0[name] for name in HIT_NAMES]
    top = abs(first.score) or 1.0
    gap = min(max((first.score - other.score) / top, -1.0), 1.0)
    a, b = first.code.replace(".", ""), other.code.replace(".", "")
    keys = _query_keys(query)
    asked = max(len(keys), 1)
    read_0, read_i = keys - _unused_keys(first.why), keys - _unused_keys(other.why)
    title_0, title_i = _keys(first.title), _keys(other.title)
    values += [
        float(place == 1),
        float(place == 2),
        gap,
        float(b.startswith(a)),  # a child of the first (said more precisely)
        float(a.startswith(b)),  # the first's parent
        float(a[:3] == b[:3] and not a.startswith(b) and not b.startswith(a)),  # a sibling in its category
        float(first.system == other.system),
        len(read_i - read_0) / asked,  # query words the later answer reads and the first does not
        len(read_0 - read_i) / asked,
        len(title_i & title_0)
        / max(len(title_i), 1),  # the later title's words in the first's (a combination)
        f0["unused_words"],  # how much the first answer leaves unread
        f0["title_reads"],
        float(min(len(_query_keys(query)), 8)) / 8,
    ]
    return values


HIT_NAMES = (
    *(f"from_{name}" for name, _ in _SOURCES),
    *(name for name, _ in _NOTES),
    "unused_words",
    "unused_share",
    "title_reads",
    "title_extra",
    "path_depth",
    "title_unspecified",
    "title_other",
    "billable",
    "system_cm",
    "system_pcs",
    "system_hcpcs",
    "injury_chapter",
    "external_chapter",
    "factors_chapter",
    "code_length",
    "path_reads",
    "tabular_chosen",
    "title_exact",
    "side_agrees",
    "side_differs",
)
PAIR_NAMES = (
    "place_2",
    "place_3",
    "score_gap",
    "child_of_first",
    "parent_of_first",
    "sibling",
    "same_system",
    "reads_more",
    "reads_less",
    "title_within_first",
    "first_unused",
    "first_title_reads",
    "query_words",
)
NAMES = (*HIT_NAMES, *PAIR_NAMES)


def chances(query: str, hits: Sequence[HitLike], bias: float, weights: Sequence[float]) -> list[float]:
    """For each answer after the first (of the first RERANKED), a logistic model's chance that it is the right
    one where exactly one of it and the first is."""
    if len(hits) < 2:
        return []
    f0 = hit_features(query, hits[0])
    out = []
    for place in range(1, min(len(hits), RERANKED)):
        x = pair_features(query, hits[0], hits[place], place, f0)
        z = bias + sum(w * v for w, v in zip(weights, x, strict=True))
        out.append(1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0))))
    return out


def promoted(chance: Sequence[float], margin: float) -> int:
    """The 0-based place of the answer a re-ranking puts first: the likeliest later one when its chance
    clears the margin, else 0 (the first stays)."""
    if not chance:
        return 0
    best = max(range(len(chance)), key=chance.__getitem__)
    return best + 1 if chance[best] >= margin else 0
