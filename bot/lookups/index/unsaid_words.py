"""A first answer saying what the query did not ranks below an Index line reading as much of the query and
saying nothing more: a coder reading "coloboma of the iris right eye" takes the Index's Coloboma (Q13.0,
"Coloboma of iris"), not the title "Coloboma of optic disc, right eye", which shares the side and the eye but
names a site the chart never said; "hypoesthesia of the right cheek" is the Index's Hypoesthesia (R20.1), not
"Anesthesia and hypoesthesia of cornea, right eye"; "paresthesia of left hand" is Paresthesia (R20.2), not the
Index's "Minus hand", which reads the site and leaves the condition.

It reads the Alphabetic Index's lines as printed (main term, subterms and the non-essential modifiers in
parentheses on the path: "Uveitis (anterior)" reads "anterior uveitis") and the Tabular titles and inclusion
terms as printed. The condition's content words are read first; the side words say only which code of a line,
so they count for no answer. An Index answer (of the first one's code set, among the first LOOKED_AT, whose
line adds no content word the query does not say; a Drug Table column or an Index line's "benign" counts) is
put first

- over a title or inclusion term saying a content word the query does not (not a side, not the Tabular's
  default wording - "unspecified", "other", "initial encounter" - nor one of two joined by "and" / "or" whose
  other is said), when it reads every content word the title reads that is no body site and either one more
  such word or as many content words in all (a site the title shares, "eye", is matched by a site the
  answer's code names, "iris"); of several, the one reading the most condition words, then the most words;
- over a plain Index line (no Table, no combination "with" line) adding a content word, when the answer's
  main term is a word of the query that line leaves unread and it reads as many content words ("anirida both
  eyes": Aniridia, not "Sticky eye"). An Index line's other added words are mostly its own reading of the
  query's ("Cellulitis, lower limb" for a leg, "with exacerbation" for a flare): those keep their place;
- over a plain Index line reading every content word the query says, when the line's main term is printed in
  several words of which the query says some but not the first, its head ("Fragments, cataract (lens)" for
  "cataract left eye": the Tabular children of H59.02- read the side and the eye, the condition never said):
  the first later Alphabetic Index line whose main term the query says, adding no word and reading every
  condition word (no site, no side) the first reads, leads (guideline I.B.1: the Index is entered at the
  condition's main term). A main term reading no word of the query at all ("History, family" for "mom had")
  is the Index's own reading of it and keeps its place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.lookups.filler import LINKING, SIDE_WORDS, answer_stems, path_adds
from bot.lookups.index.key_words import said_stems
from bot.lookups.index.store import BOOK_NAMES
from bot.lookups.index.tree import COLUMN_LABELS
from bot.lookups.index.word_forms import related_stems
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
_COMBINED = re.compile(r", (?:with|due to|in|without)(?:,| ->)|combination")
_NOTES = re.compile(r"\((?:vocabulary|spelling|word form|read): [^)]*\)")
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
    if path is not None and not path.startswith(f"{BOOK_NAMES['neoplasm']}: "):
        # a column's words printed on a line are a kind too: the Drug Table's ("poisoning, accidental" for a
        # drug only named), the Index's own "benign" ("Mesothelioma, benign, pleura"); the Neoplasm Table's
        # column is read from the query's behaviour words
        said = {stem(w) for w in WORD.findall(query.lower())}
        line = path.split(" -> ")[0]
        adds += [
            w
            for column in COLUMN_LABELS.values()
            if re.search(f", {re.escape(column)}(?:,|$)", line)
            for w in WORD.findall(_PARENS.sub(" ", column))
            if stem(w) not in said
        ]
    return [w for w in adds if stem(w) not in DEFAULT_WORDING and stem(w) not in _SIDES]


def answer_adds(query: str, title: str, why: str) -> list[str]:
    """The content words an answer says that the query does not: its title's or inclusion term's words when it
    was found by them, else its Index path's (sides and the Tabular's default wording aside)."""
    if titled_label(why):
        return title_adds(query, title, why)
    return _line_adds(query, why)


def _main_term_adds(query: str, why: str) -> list[str]:
    """The content words an Index answer's main term says that the query does not ("Sticky eye": sticky)."""
    path = index_path(why) or ""
    main = path.partition(": ")[2].split(" -> ")[0].split(",")[0]
    notes = "".join(_NOTES.findall(why))
    return _line_adds(query, f"{BOOK_NAMES['cm']}: {main} -> {notes}")


def main_term_reads(said: Sequence[str], why: str) -> frozenset[str]:
    """The query's content stems an Index answer's main term reads (`_main_term_read`)."""
    return _main_term_read(said, why)


def _main_term_read(said: Sequence[str], why: str) -> frozenset[str]:
    """The query's content stems an Index answer's main term reads (through the answer's spelling and
    vocabulary readings)."""
    path = index_path(why) or ""
    main = path.partition(": ")[2].split(" -> ")[0].split(",")[0]
    return answer_reads(said, main, "".join(_NOTES.findall(why)))


def says_less_first(
    query: str,
    answers: Sequence[tuple[str, str]],
    titled: Sequence[bool],
    allowed: Sequence[int],
    sites: frozenset[str],
    modifiers: Callable[[str], frozenset[str]],
    main_term: Callable[[str], str] = lambda _why: "",
) -> int:
    """The position of the Index answer to put before a first answer saying a content word the query does not
    (the module's rule), or 0. `answers`: each answer's title and why, in rank order; `titled`: which were
    found by a title or inclusion term; `allowed`: the positions that may lead; `sites`: the body sites' stems;
    `modifiers`: the stems of the non-essential modifiers on an answer's Index path, from its why; `main_term`:
    the main term of an answer's Index path as printed, all its comma-separated words ("Fragments, cataract")."""
    if len(answers) < 2:
        return 0
    said = content_said(query)
    title, why = answers[0]
    if not said:
        return 0
    first = answer_reads(said, title, why)
    if titled[0]:
        if not title_adds(query, titled_label(why) or title, why):
            return 0
        left: frozenset[str] | None = None
    else:
        # An Index line's own words are mostly the Index's reading of the query's ("Cellulitis, lower limb"
        # for a leg, "with exacerbation" for a flare, "History" for "former"): it is passed over only for a
        # line whose main term is a word of the query it leaves unread ("anirida both eyes": Aniridia, not
        # "Sticky eye", which reads the eye and says "sticky").
        # (a Table's column, a combination line's "with" and its notes read the query in words of their own)
        if not why.startswith(f"{BOOK_NAMES['cm']}: ") or _COMBINED.search(why) or not _line_adds(query, why):
            return 0
        left = frozenset(said) - first
        if not _main_term_adds(query, why):
            return 0  # (a line entered by a word said, "Stiffness, joint NEC, knee", is the said word's line)
        if not left:
            if _main_term_read(said, why) or not _other_word_read(said, main_term(why), why):
                return 0
            # The line was entered inside a main term the query names only in part, its head unsaid ("cataract
            # left eye" is no "Fragments, cataract (lens)"): the coder opens the Index at the word said.
            return _named_main_term(said, answers, titled, allowed, first - sites, sites, query, modifiers)
    first_named = first - sites
    best, most = 0, (0, 0)
    for n in allowed:
        if not 0 < n < len(answers) or titled[n]:
            continue
        title_n, why_n = answers[n]
        if index_path(why_n) is None or _line_adds(query, why_n):
            continue
        read = answer_reads(said, title_n, why_n) | _read(said, modifiers(why_n))
        if left is not None:
            if not (_main_term_read(said, why_n) & left) or len(read) < len(first):
                continue
            if best == 0:
                best = n
            continue
        named = read - sites
        # the condition's words first: one more of them read wins; as many, then as many words in all
        if first_named <= named and (named > first_named or len(read) >= len(first)):
            rank = (len(named), len(read))
            if best == 0 or rank > most:
                best, most = n, rank
    return best


def _named_main_term(
    said: Sequence[str],
    answers: Sequence[tuple[str, str]],
    titled: Sequence[bool],
    allowed: Sequence[int],
    first_named: frozenset[str],
    sites: frozenset[str],
    query: str,
    modifiers: Callable[[str], frozenset[str]],
) -> int:
    """The position of the first Index answer whose main term is a word of the query, saying nothing the query
    does not and reading every condition word (no body site, no side) the first answer reads, or 0: the answer
    to put before a first line whose main term the query never names (guideline I.A / I.B.1: the Index is
    entered at the main term, the condition the record names)."""
    for n in allowed:
        if not 0 < n < len(answers) or titled[n]:
            continue
        title_n, why_n = answers[n]
        path = index_path(why_n)
        if path is None or not path.startswith(f"{BOOK_NAMES['cm']}: ") or _line_adds(query, why_n):
            continue  # (the Alphabetic Index's own line: an external cause answers no condition)
        if not _main_term_read(said, why_n):
            continue
        if first_named <= (answer_reads(said, title_n, why_n) | _read(said, modifiers(why_n))) - sites:
            return n
    return 0


_ROOT_LETTERS = 3  # the beginning two forms of one word share ("Aphthae, aphthous"; "Gout, gouty")


def _other_word_read(said: Sequence[str], main: str, why: str) -> bool:
    """Whether the query says a comma-separated part of an Index main term that is another word than its head,
    not a form of it ("Fragments, cataract": cataract; "Aphthae, aphthous" prints one word in two forms)."""
    parts = [p.strip() for p in _PARENS.sub(" ", main).split(",")]
    if len(parts) < 2:
        return False
    head = parts[0].lower()
    notes = "".join(_NOTES.findall(why))
    return any(
        answer_reads(said, part, notes)
        and part[:_ROOT_LETTERS].lower() != head[:_ROOT_LETTERS]
        and stem(head) not in related_stems(stem(part.lower()))
        for part in parts[1:]
    )
