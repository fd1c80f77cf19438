"""Clinical initialisms read from the code data itself: "DMDD", "GAVE", "ARVC", "PLMD".

A coder who meets an unfamiliar abbreviation in a chart reads it as the initials of a term and looks for that
term in the Alphabetic Index. The Index and the Tabular spell out thousands of multi-word terms whose initials
are the chart's abbreviation ("Disorder, disruptive, mood dysregulation" -> DMDD; "Cardiomyopathy, arrhythmogenic
right ventricular" -> ARVC), and print some abbreviations themselves in parentheses ("Ectasia, gastric antral
vascular (GAVE)", "Disorder, premenstrual dysphoric (PMDD)"). The data build works these out once
(`build_initialisms`); a query's token the vocabulary does not know, written in capitals or known as no word, is
read as the term its initials spell when exactly one term fits best - the one the query's other words agree with
("LCP disease R hip": Legg-Calve-Perthes, the hip's osteochondrosis). A known abbreviation keeps the vocabulary's
meaning; a token many terms spell and the query's words do not single out is left as typed.

A compound word of combining forms gives an initial for each form it is built of, as clinicians abbreviate it:
"keratoconjunctivitis" is kerato- + conjunctivitis ("EKC": epidemic keratoconjunctivitis), "facioscapulohumeral"
facio- + scapulo- + humeral ("FSHD"), "hydroxyapatite" hydroxy- + apatite ("HADD"), "polyangiitis" poly- +
angiitis ("EGPA"). A word splits where what follows a combining vowel (o, i, y) is a word the data or the
dictionary knows (`compound_parts`); the term is read with both its plain and its compound initials, the plain
reading first when both fit a query alike.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.lookups import derived
from bot.lookups.derived import english_list

INITIALISMS = "cm_initialisms"

# Words an abbreviation skips ("ICP": intrahepatic cholestasis of pregnancy) and the Index's connectives.
_SKIPPED = frozenset(
    {
        "of",
        "the",
        "and",
        "or",
        "with",
        "without",
        "in",
        "to",
        "due",
        "by",
        "for",
        "on",
        "a",
        "an",
        "at",
        "from",
    }
    | {"nos", "nec", "see", "also"}
)
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# An abbreviation printed in parentheses or a Tabular title's brackets: "(GAVE)", "(MVD) (MVID)", "(CREST
# syndrome)", "Acute lymphoblastic leukemia [ALL]".
_PRINTED = re.compile(r"[\(\[]([A-Z][A-Za-z]*[A-Z][A-Za-z0-9-]*)(?:\s+[a-z]+)?[\)\]]")
_WORD = re.compile(r"[a-z][a-z']*")
SHORTEST, LONGEST = 3, 6  # a two-letter token spells too many terms to read
MOST_TERMS = 6  # a key more terms spell than this is no reading without the query's other words


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=65536)
def _words(term: str) -> tuple[str, ...]:
    """The words of a term an abbreviation takes an initial from (parenthesized modifiers and connectives
    left out; "Legg-Calve-Perthes" and "avoidant/restrictive" give an initial for each part)."""
    plain = _PARENS.sub(" ", term).lower() if term.isascii() else _plain(_PARENS.sub(" ", term))
    return tuple(w for w in _WORD.findall(plain) if w not in _SKIPPED)


def initials(words: Iterable[str]) -> str:
    return "".join(w[0] for w in words)


# Where a term comes from (bits): the data prints the abbreviation, a Tabular title or inclusion term says the
# term as a clinician does, an Index path read subterms first, an Index path read in another order.
PRINTED, TITLE, PATH, OTHER_ORDER = 1, 2, 4, 8
COMPOUND = 16  # the initials take one letter from each combining form of a compound word ("EKC")
COMBINING_VOWELS = frozenset("oiy")
SHORTEST_FORM, SHORTEST_WORD = (
    4,
    5,
)  # "facio", "kerato" / "conjunctivitis", "humeral": shorter ones split too much
# A title's noun phrase ends before what it is with or due to: "Infection of urethra following delivery" is no
# "IUFD"; the abbreviation names the condition.
_CLAUSE = re.compile(r",|\s(?:with|without|due to|in|following|after|complicating|associated with)\s")


@dataclass(frozen=True)
class Reading:
    term: str  # the words the initials spell, as the Index or Tabular writes them
    code: str  # the code the line holds ("" for a line that only sends on)
    source: int  # PRINTED | TITLE | PATH | OTHER_ORDER: where the data says it

    @property
    def printed(self) -> bool:
        return bool(self.source & PRINTED)

    @property
    def agreed(self) -> bool:
        """The Tabular and the Index both say the term (as a title and as a path)."""
        return bool(self.source & TITLE) and bool(self.source & (PATH | OTHER_ORDER))


Found = dict[str, dict[str, list[object]]]
Split = Callable[[str], tuple[str, ...]]


def compound_parts(word: str, words: frozenset[str], forms: frozenset[str]) -> tuple[str, ...]:
    """A compound word's combining forms and last word ("facioscapulohumeral" -> facio, scapulo, humeral), or
    the word alone: the last part is a word of `words`, each part before it ends in a combining vowel and is the
    first part or (a vowel left off) the start of a word of `forms` ("scapul": scapula)."""
    if len(word) < SHORTEST_FORM + SHORTEST_WORD:
        return (word,)
    for cut in range(SHORTEST_FORM, len(word) - SHORTEST_WORD + 1):
        head, tail = word[:cut], word[cut:]
        if head[-1] in COMBINING_VOWELS and tail in words:
            return (*_forms_of(head, forms), *compound_parts(tail, words, forms))
    return (word,)


def _forms_of(head: str, forms: frozenset[str]) -> tuple[str, ...]:
    """The combining forms a compound's head is made of ("facioscapulo" -> facio, scapulo)."""
    for cut in range(SHORTEST_FORM, len(head) - SHORTEST_FORM + 1):
        first, rest = head[:cut], head[cut:]
        if first[-1] in COMBINING_VOWELS and rest[-1] in COMBINING_VOWELS and rest[:-1] in forms:
            return (first, rest)
    return (head,)


def _add(found: Found, words: Sequence[str], code: str, source: int, split: Split | None = None) -> None:
    if len(words) < 2:
        return
    key = initials(words)
    if SHORTEST <= len(key) <= LONGEST:
        _put(found, key, " ".join(words), code, source)
    if split is not None:
        parts = [p for w in words for p in split(w)]
        compound = initials(parts)
        if compound != key and SHORTEST <= len(compound) <= LONGEST:
            _put(found, compound, " ".join(words), code, source | COMPOUND)


def _put(found: Found, key: str, term: str, code: str, source: int) -> None:
    entry = found.setdefault(key, {})
    known = entry.get(term)
    if known is None:
        entry[term] = [code, source]
    else:
        known[0] = known[0] or code
        known[1] = int(str(known[1])) | source


# A Tabular title's word in parentheses is another word for the one before it: "Tributary (branch) retinal vein
# occlusion" is also "branch retinal vein occlusion".
_SYNONYM = re.compile(r"\b[A-Za-z]+ \(([a-z]+)\)")


def build_initialisms(conn: sqlite3.Connection) -> dict[str, list[list[object]]]:
    """Initials -> [term, code, source] for the ICD-10-CM Index's paths (read subterms then main term, main
    term then subterms, and subterms in reverse then main term: the orders a term is said in) and the
    Tabular's titles and inclusion terms, with the abbreviations the data prints in parentheses or brackets."""
    found: Found = {}
    nodes: dict[int, tuple[int, tuple[str, ...]]] = {}
    rows = conn.execute(
        "SELECT id, parent, depth, term, modifiers, code, see FROM index_nodes WHERE book = 'cm' ORDER BY id"
    ).fetchall()
    titles = conn.execute(
        "SELECT code, title FROM codes WHERE system = 'cm' UNION ALL "
        "SELECT code, text FROM notes WHERE system = 'cm' AND kind = 'inclusion'"
    ).fetchall()
    split = _splitter([str(r[3]) for r in rows] + [str(t) for _, t in titles])
    for node_id, parent, depth, term, modifiers, code, see in rows:
        # (a main term's synonyms follow a comma: "Disease, diseased"; "Dryness, dry")
        own = str(term).split(",")[0] if int(depth) == 0 else str(term)
        nodes[int(node_id)] = (int(parent), _words(own))
        if not code and not see:
            continue  # a line that only groups the lines below it
        parts = [nodes[int(node_id)][1]]
        up = int(parent)
        for _ in range(int(depth)):
            if up not in nodes:
                break
            up, above = nodes[up]
            parts.append(above)
        parts.reverse()  # main term first
        main, subs = list(parts[0]), [list(s) for s in parts[1:]]
        line_code = str(code).rstrip("-").replace(".", "")
        if not subs:
            _add(found, main, line_code, PATH, split)
        else:
            _add(found, [w for s in subs for w in s] + main, line_code, PATH, split)
            _add(found, main + [w for s in subs for w in s], line_code, OTHER_ORDER, split)
            _add(found, [w for s in reversed(subs) for w in s] + main, line_code, OTHER_ORDER, split)
            if len(subs) > 1:
                _add(found, subs[-1] + main, line_code, OTHER_ORDER, split)
        for printed in _PRINTED.findall(f"{term} {modifiers}"):
            _add_printed(found, printed, [w for s in parts[1:] for w in s] + main, line_code)
    for code, title in titles:
        text = str(title)
        tab_code = str(code).replace(".", "")
        for said in dict.fromkeys((text, _SYNONYM.sub(r"\1", text))):
            _add(found, _words(_CLAUSE.split(said)[0]), tab_code, TITLE, split)
        for printed in _PRINTED.findall(text):
            _add_printed(found, printed, _words(text.split(",")[0].split("(")[0]), tab_code)
    return {
        key: [[term, code, source] for term, (code, source) in sorted(terms.items())]
        for key, terms in sorted(found.items())
    }


def _splitter(texts: Iterable[str]) -> Split:
    """`compound_parts` over the words of the data's own texts and the dictionary's (five letters or more)."""
    said = {w for text in texts for w in _WORD.findall(_plain(text))}
    words = frozenset(w for w in said | set(english_list()) if len(w) >= SHORTEST_WORD)
    forms = frozenset(w[:-k] for w in words for k in (0, 1, 2) if len(w) - k >= SHORTEST_FORM - 1)
    parts: dict[str, tuple[str, ...]] = {}

    def split(word: str) -> tuple[str, ...]:
        found = parts.get(word)
        if found is None:
            found = parts[word] = compound_parts(word, words, forms)
        return found

    return split


def _add_printed(found: Found, printed: str, words: Sequence[str], code: str) -> None:
    key = re.sub(r"[^a-z0-9]", "", _plain(printed))
    if 2 <= len(key) <= LONGEST and words and not _ROMAN_NUMERAL.fullmatch(key):
        _put(found, key, " ".join(words), code, PRINTED)


def decode_readings(stored: list[list[object]]) -> tuple[Reading, ...]:
    return tuple(Reading(str(term), str(code), int(str(source))) for term, code, source in stored)


def store_initialisms(conn: sqlite3.Connection) -> None:
    """Store each key's readings as its own row ("derived:cm_initialisms:dmdd"): a lookup reads the one or two
    keys a query's unknown tokens spell, never the whole table."""
    table = build_initialisms(conn)
    for key, readings in table.items():
        derived.store(conn, f"{INITIALISMS}:{key}", readings)
    derived.store(conn, INITIALISMS, len(table))


def stored_readings(conn: sqlite3.Connection, key: str) -> tuple[Reading, ...]:
    found = derived.stored(conn, f"{INITIALISMS}:{key}")
    return decode_readings(found) if found else ()


# A token that may be an initialism: letters, and a type's number after them ("MEN1": multiple endocrine
# neoplasia, type 1); a condition noun after it may be its last letter ("LCP disease").
_TOKEN = re.compile(r"(?<![\w/+-])([A-Za-z]{3,6})([1-9]?)(?![\w/+-])(?:\s+(disease|disorder|syndrome))?")
_ROMAN_NUMERAL = re.compile(r"[ivxl]+[a-d]?")
_CONTENT = re.compile(r"[a-z]{3,}")
# Words of a query that fit too many titles to single out a reading: sides, links, negations, chart words.
_NO_CONTEXT = _SKIPPED | {
    "right",
    "left",
    "bilateral",
    "both",
    "not",
    "yes",
    "seen",
    "noted",
    "positive",
    "negative",
    "type",
    "history",
    "initial",
    "subsequent",
    "sequela",
    "encounter",
    "care",
    "high",
    "low",
    "old",
    "yrs",
    "year",
    "years",
    "male",
    "female",
    "woman",
    "man",
    "boy",
    "girl",
    "patient",
}


@dataclass(frozen=True)
class ReadInitialism:
    text: str  # the query with the initialism replaced by the term it spells
    note: str  # "read: DMDD -> disruptive mood dysregulation disorder"
    candidates: int  # how many terms the initials spell
    # The data says the term (it prints the abbreviation, or the Tabular and the Index both say the term, and
    # four letters or more spell it or the query's words fit it: "ALL in remission"); else the query's words
    # alone chose an Index path or a title, a reading to try only when the query as typed finds no confident
    # answer ("CPM machine knee" is the knee's machine, not "Malposition, congenital, patella").
    sure: bool = True


def read_initialism(
    query: str,
    readings: Callable[[str], tuple[Reading, ...]],
    unknown: Callable[[str, bool], bool],
    context: Callable[[Reading], frozenset[str]],
    stem: Callable[[str], str],
) -> ReadInitialism | None:
    """The query with its first unknown initialism read as the one term its initials spell that fits best
    (`readings(key)`: the stored terms; `unknown(word)`: no vocabulary term, and no word any title, index line
    or dictionary holds unless written in capitals; `context(reading)`: stems of the words of the reading's
    code and the codes below it, and the Roman numerals they say)."""
    shouting = query.upper() == query
    # ("ALL", "HIT", "MEN" asked alone: a word in capitals with nothing around it is no shouting - an English
    # word read as the abbreviation only where the data prints it as one, "Acute lymphoblastic leukemia [ALL]")
    alone = shouting and len(query.split()) == 1
    for match in _TOKEN.finditer(query):
        token, number, noun = match.group(1), match.group(2), match.group(3)
        capitals = sum(c.isupper() for c in token) >= 2 and (alone or not shouting)
        if _ROMAN_NUMERAL.fullmatch(token.lower()) or not unknown(token.lower(), capitals):
            continue  # "stage III", "CKD IIIb": a number
        joined = token.lower() + noun[0] if noun and not number else ""
        for key in (joined, token.lower()) if joined else (token.lower(),):
            # (three letters spell many terms: only as a clinician says one, not an Index path turned about)
            found = tuple(
                r for r in readings(key) if "-" not in r.code and (len(key) > 3 or r.source != OTHER_ORDER)
            )
            if not found:
                continue
            whole = match.group(0) if key == joined else token + number
            rest = query[: match.start()] + " " + query[match.start() + len(whole) :]
            said = frozenset(stem(w) for w in _CONTENT.findall(rest.lower()) if w not in _NO_CONTEXT)
            best = _best(found, said, context, key)
            if best is None:
                continue
            chosen, fit = best
            if alone and not chosen.printed and not unknown(token.lower(), False):
                continue  # (an English word alone in capitals: "ALL" only as the data prints it)
            # (the type's number as the codes of the reading's subcategory write it)
            kin = Reading(chosen.term, chosen.code[:4], chosen.source)
            term = f"{chosen.term} type {_type_number(number, context(kin))}" if number else chosen.term
            text = " ".join(f"{query[: match.start()]} {term} {query[match.start() + len(whole) :]}".split())
            sure = chosen.printed or (chosen.agreed and (len(key) >= 4 or fit > 0))
            return ReadInitialism(text, f"read: {whole} -> {term}", len(found), sure)
    return None


_ROMAN = ("", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix")


def _type_number(number: str, said: frozenset[str]) -> str:
    """A type's number as the reading's codes write it: "MEN1" is "Multiple endocrine neoplasia [MEN] type I"."""
    roman = _ROMAN[int(number)]
    return roman if roman in said else number


def _best(
    found: tuple[Reading, ...],
    said: frozenset[str],
    context: Callable[[Reading], frozenset[str]],
    key: str,
) -> tuple[Reading, int] | None:
    """The reading the query's other words fit best, when one does alone; else the one the data prints, or
    (four letters or more: three spell too many terms to read without the query's words) the one term the
    Tabular and the Index both say; and how many of the query's words fit it."""

    def rank(reading: Reading) -> tuple[int, bool, bool, bool, bool, bool]:
        fit = len(said & context(reading)) if said else 0
        # (a printed abbreviation's line may say more than the abbreviation: "Family history, multiple
        # endocrine neoplasia (MEN)"; the line saying just its words comes first; a compound's initials
        # spell the key by its combining forms)
        compound = bool(reading.source & COMPOUND)
        exact = compound or sorted(initials(reading.term.split())) == sorted(key)
        return (
            fit,
            reading.printed,
            exact,
            reading.agreed,
            not compound,
            bool(reading.source & (TITLE | PATH)),
        )

    ranked = sorted(found, key=rank, reverse=True)
    best = rank(ranked[0])
    # (a compound's reading gives way to a plain one the query's words fit as well)
    tied = [r for r in ranked if rank(r)[:5] == best[:5]]
    if len({r.code for r in tied}) > 1:
        return None
    fit, printed, _, agreed, _, _ = best
    if fit or printed or (len(key) >= 4 and agreed):
        return ranked[0], fit
    return None
