"""A first answer saying what the query did not ranks below an Index line reading as much of the query and
saying nothing more: a coder reading "coloboma of the iris right eye" takes the Index's Coloboma (Q13.0,
"Coloboma of iris"), not the title "Coloboma of optic disc, right eye", which shares the side and the eye but
names a site the chart never said; "hypoesthesia of the right cheek" is the Index's Hypoesthesia (R20.1), not
"Anesthesia and hypoesthesia of cornea, right eye"; "paresthesia of left hand" is Paresthesia (R20.2), not the
Index's "Minus hand", which reads the site and leaves the condition.

It reads the Alphabetic Index's lines as printed (main term, subterms and the non-essential modifiers in
parentheses on the path: "Uveitis (anterior)" reads "anterior uveitis") and the Tabular titles and inclusion
terms as printed. The condition's content words are read first; the side words say only which code of a line,
so they count for no answer. An Index answer (of the first one's code set, among the first LOOKED_AT) is put
first when

- the first answer says a content word the query does not: a title's or inclusion term's word (not a side,
  not the Tabular's default wording - "unspecified", "other", "initial encounter" - nor one of two joined by
  "and" / "or" whose other is said), or an Index line's word that is no body site (`path_adds`; the Drug
  Table's column counts) while it leaves a content word of the query unread,
- the answer's Index line adds no content word the query does not say,
- it reads every content word the first reads that is no body site, and either one more such word or as
  many content words in all (a site the title shares, "eye", is matched by a site the answer's code names,
  "iris"); of several, the one reading the most condition words, then the most words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.lookups.filler import LINKING, SIDE_WORDS, answer_stems, path_adds
from bot.lookups.index.key_words import said_stems
from bot.lookups.index.store import BOOK_NAMES
from bot.lookups.index.tree import COLUMN_LABELS
from bot.lookups.index.words import stem
from bot.lookups.schema import WORD

# The Tabular's own wording of a default, an encounter or a residual class ("Unspecified ...", "..., initial
# encounter", "Other specified ...", "not elsewhere classified"): no word of the condition.
DEFAULT_WORDING = frozenset(
    stem(w)
    for w in (
        "unspecified",
        "other",
        "specified",
        "initial",
        "subsequent",
        "sequela",
        "encounter",
        "nos",
        "nec",
        "elsewhere",
        "classified",
        "not",
        "and",
        "or",
        "with",
        "without",
        "due",
        "the",
        "a",
        "an",
        "unsp",
        "site",
        "part",
    )
)
_SIDES = frozenset(stem(w) for w in SIDE_WORDS) | frozenset(SIDE_WORDS)
_LINKING = frozenset(stem(w) for w in LINKING) | LINKING
_MIN_LENGTH = 3
_BOOK_PATH = re.compile(
    "(?:^|: )((?:" + "|".join(sorted(map(re.escape, BOOK_NAMES.values()), key=len, reverse=True)) + "): )"
)
_PARENS = re.compile(r"\([^)]*\)")
_JOINING = frozenset({"and", "or"})
_TITLED = frozenset({"title", "inclusion term"})
_NOT_USED = re.compile(r"\(not used: [^)]*\)")  # the words an answer says it left: no words it reads
_READING = re.compile(r"(?:vocabulary|read|spelling|word form|dipstick): ([^;)]*?) (?:->|\u2192) ([^;)]*)")


def content_said(query: str) -> list[str]:
    """The stems of the query's content words, its sides aside."""
    return [s for s in said_stems(query) if s not in _SIDES]


def answer_reads(said: Sequence[str], title: str, why: str) -> frozenset[str]:
    """The query's content stems an answer reads: its title, its path and its readings (not the words its
    why says it left unused)."""
    return _read(said, answer_stems(title, _NOT_USED.sub(" ", why)))


def _read(said: Sequence[str], used: frozenset[str]) -> frozenset[str]:
    """The said stems an answer's stems hold (a longer form of a stem counts: "uveit", "uveitis")."""
    return frozenset(
        s for s in said if s in used or any(u.startswith(s) or s.startswith(u) for u in used if len(u) > 4)
    )


def titled_label(why: str) -> str:
    """The title or inclusion term an answer found by its words prints ("inclusion term: Primary biliary
    cholangitis (vocabulary: ...)" -> "Primary biliary cholangitis"), its notes aside; "" for another answer."""
    label, _, rest = why.partition(": ")
    if label not in _TITLED:
        return ""
    return _PARENS.sub(" ", rest)


def _beside_said(printed: Sequence[str], at: int, said: set[str]) -> bool:
    """Whether a title's word is one of two joined by "and" / "or" whose other the query says: the title
    covers either ("Anesthesia and hypoesthesia of cornea" says "anesthesia" only as the other one)."""
    after = at + 2 < len(printed) and printed[at + 1] in _JOINING and stem(printed[at + 2]) in said
    before = at >= 2 and printed[at - 1] in _JOINING and stem(printed[at - 2]) in said
    return after or before


def title_adds(query: str, title: str, why: str) -> list[str]:
    """The content words a title says that the query does not (its sides and default wording aside; a word
    the query's spelling or vocabulary reading put in counts as said)."""
    said = {stem(w) for w in WORD.findall(query.lower())}
    # the words a reading put in ("spelling: colobomma -> coloboma", "vocabulary: mi -> myocardial infarction")
    said |= {stem(w) for _, put in _READING.findall(why.lower()) for w in WORD.findall(put)}
    out: list[str] = []
    printed = WORD.findall(title.lower())
    for at, word in enumerate(printed):
        s = stem(word)
        if (
            _beside_said(printed, at, said)  # "Occlusion and stenosis of ...": either one, as said
            or len(word) < _MIN_LENGTH
            or not word.isalpha()
            or s in said
            or s in _SIDES
            or s in DEFAULT_WORDING
            or s in _LINKING
            or any(len(s) > 4 and (t.startswith(s) or s.startswith(t)) for t in said if len(t) > 4)
        ):
            continue
        if s not in out:
            out.append(s)
    return out


def index_path(why: str) -> str | None:
    """An answer's Index path and what follows it (a clause's or a suggested pair's lead-in aside), or None when
    no Index line answered."""
    found = _BOOK_PATH.search(why)
    return why[found.start(1) :] if found else None


def _line_adds(query: str, why: str) -> list[str]:
    """The content words an Index path adds to the query (`path_adds`, its sides and default wording aside);
    none when the answer came from no Index line."""
    path = index_path(why)
    adds = (path_adds(query, path) if path is not None else None) or []
    if path is not None and path.startswith(f"{BOOK_NAMES['drug']}: "):
        # the Drug Table's column is a kind of event too ("poisoning, accidental" for a drug only named)
        said = {stem(w) for w in WORD.findall(query.lower())}
        line = path.split(" -> ")[0]
        adds += [
            w
            for column in COLUMN_LABELS.values()
            if line.endswith(f", {column}")
            for w in WORD.findall(_PARENS.sub(" ", column))
            if stem(w) not in said
        ]
    return [w for w in adds if stem(w) not in DEFAULT_WORDING and stem(w) not in _SIDES]


def says_less_first(
    query: str,
    answers: Sequence[tuple[str, str]],
    titled: Sequence[bool],
    allowed: Sequence[int],
    sites: frozenset[str],
    modifiers: Callable[[str], frozenset[str]],
) -> int:
    """The position of the Index answer to put before a first answer saying a content word the query does not
    (the module's rule), or 0. `answers`: each answer's title and why, in rank order; `titled`: which were
    found by a title or inclusion term; `allowed`: the positions that may lead; `sites`: the body sites' stems;
    `modifiers`: the stems of the non-essential modifiers on an answer's Index path, from its why."""
    if len(answers) < 2:
        return 0
    said = content_said(query)
    title, why = answers[0]
    if titled[0]:
        adds = title_adds(query, titled_label(why) or title, why)
    else:
        # an Index line naming another site for the one said ("Burn, lower limb" for a leg) is the Index's
        # own word for it: only a line saying another condition or kind is passed over
        adds = [w for w in _line_adds(query, why) if stem(w) not in sites]
    if not said or not adds:
        return 0
    first = answer_reads(said, title, why)
    if not titled[0] and first == frozenset(said):
        return 0  # an Index line reading every content word: what it says more is its subterm's reading
    first_named = first - sites
    best, most = 0, (0, 0)
    for n in allowed:
        if not 0 < n < len(answers) or titled[n]:
            continue
        title_n, why_n = answers[n]
        if index_path(why_n) is None or _line_adds(query, why_n):
            continue
        read = answer_reads(said, title_n, why_n) | _read(said, modifiers(why_n))
        named = read - sites
        # the condition's words first: one more of them read wins; as many, then as many words in all
        if first_named <= named and (named > first_named or len(read) >= len(first)):
            rank = (len(named), len(read))
            if best == 0 or rank > most:
                best, most = n, rank
    return best
