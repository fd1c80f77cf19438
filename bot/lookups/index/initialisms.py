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
reading first when both fit a query alike. "non-" gets its own initial as clinicians give it ("nongonococcal
urethritis": NGU), and a title's name is also read without whom or where it is of ("Central neonatal apnea of
newborn": CNA).

The query's other words choose among the terms; the words they stand for in a general dictionary
(`bot.lookups.index.word_kin`: "preemie" -> neonate, "teen" -> adolescent) only break ties among terms the
words themselves fit alike, and what the query denies ("no lung involvement") is no context.
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
CATEGORY = 3  # a category's code: the shortest code lines share
SHORTEST, LONGEST = 3, 6  # a two-letter token spells too many terms to read
MOST_TERMS = 6  # a key more terms spell than this is no reading without the query's other words


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=16_384)
def _words(term: str) -> tuple[str, ...]:
    """The words of a term an abbreviation takes an initial from (parenthesized modifiers and connectives
    left out; "Legg-Calve-Perthes" and "avoidant/restrictive" give an initial for each part)."""
    plain = _PARENS.sub(" ", term).lower() if term.isascii() else _plain(_PARENS.sub(" ", term))
    # (a possessive is the name: "Langerhans' cell", "Langerhans cell" and "Leber's" are one term each)
    return tuple(w.removesuffix("'s").rstrip("'") for w in _WORD.findall(plain) if w not in _SKIPPED)


def initials(words: Iterable[str]) -> str:
    return "".join(w[0] for w in words)


# Where a term comes from (bits): the data prints the abbreviation, a Tabular title or inclusion term says the
# term as a clinician does, an Index path read subterms first, an Index path read in another order.
PRINTED, TITLE, PATH, OTHER_ORDER = 1, 2, 4, 8
COMPOUND = 16  # the initials take one letter from each combining form of a compound word ("EKC")
# A term said with words the line holds apart: an Index line's nonessential modifier ("Synovitis, villonodular
# (pigmented)": pigmented villonodular synovitis), a Tabular title's qualifier after its comma ("Intracranial
# hypotension, spontaneous": spontaneous intracranial hypotension) or what its title is "with" ("Refractory
# cytopenia with multilineage dysplasia"; "... with hallucinogen persisting perception disorder").
SAID_APART = 32
# An Index path's subterms read from the last up, then the main term: the order adjectives are said in when each
# subterm narrows the one above ("Tachycardia, atrial, multifocal": multifocal atrial tachycardia). Stored with
# OTHER_ORDER (a reading the query's words must choose for a sure reading).
REVERSED = 64
MODIFIED = 128  # an Index line said with its nonessential modifier (SAID_APART's Index kind)
# The initials name the disease's virus, as virologists and clinicians abbreviate it: the disease's initials and
# "V" ("Japanese encephalitis": JEV; "Ross River disease": RRV), or a one-word name's first letters and "V"
# ("dengue": DENV, "Oropouche virus disease": OROV, "chikungunya": CHIKV; `virus_keys`).
VIRUS = 256
_MODIFIER = re.compile(r"\(([^()]*)\)")
# A title's qualifier that is no word of the condition's name: a side, a site's part, an encounter, a count.
_NO_QUALIFIER = frozenset(
    [
        "right",
        "left",
        "bilateral",
        "unilateral",
        "unspecified",
        "other",
        "initial",
        "subsequent",
        "sequela",
        "encounter",
        "site",
        "sites",
        "region",
        "stage",
        "trimester",
        "eye",
        "ear",
        "side",
        "part",
        "level",
        "limb",
        "upper",
        "lower",
        "hand",
        "foot",
        "single",
        "multiple",
        "episode",
        "not",
        "elsewhere",
        "classified",
        "nec",
        "nos",
        "type",
        "grade",
        "degree",
        "fetus",
        "use",
        "status",
        "recurrent",
        "current",
    ]
)
COMBINING_VOWELS = frozenset("oiy")
NEGATION = "non"  # a prefix clinicians give its own initial ("non-ST elevation", "non-Hodgkin")
# Prefixes a combining vowel does not end (pan-, hyper-) or shorter than a combining form (neo-), given their own
# initial as "non-" is ("subacute sclerosing panencephalitis": SSPE; "choroidal neovascularization": CNV).
PREFIXES = ("pan", "hyper", "neo")
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
    if word.startswith(NEGATION) and word[len(NEGATION) :] in words:
        # ("nongonococcal" is non- + gonococcal: NGU; "nonalcoholic" NAFLD)
        return (NEGATION, *compound_parts(word[len(NEGATION) :], words, forms))
    for prefix in PREFIXES:
        if word.startswith(prefix) and word[len(prefix) :] in words:
            # ("panencephalitis" is pan- + encephalitis: SSPE; "neovascularization" neo- + vascularization: CNV)
            return (prefix, *compound_parts(word[len(prefix) :], words, forms))
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


def _add(
    found: Found,
    words: Sequence[str],
    code: str,
    source: int,
    split: Split | None = None,
    share: bool = False,
) -> None:
    if len(words) < 2:
        return
    key = initials(words)
    if SHORTEST <= len(key) <= LONGEST:
        _put(found, key, " ".join(words), code, source, share)
    if split is not None:
        # (each compound word split or whole: "periventricular leukomalacia" is PVL, peri- + ventricular, its
        # "leukomalacia" said whole)
        options = [_split_initials(w, split) for w in words]
        if all(len(o) == 1 for o in options):
            return  # (no compound word)
        compounds = {""}
        for option in options:
            compounds = {c + p for c in compounds for p in option}
        term = " ".join(words)
        for compound in sorted(compounds - {key}):
            if SHORTEST <= len(compound) <= LONGEST:
                _put(found, compound, term, code, source | COMPOUND, share)


_OPTIONS: dict[tuple[int, str], tuple[str, ...]] = {}


def _split_initials(word: str, split: Split) -> tuple[str, ...]:
    """A word's initial, and its combining forms' initials when it is a compound ("periventricular": p, pv)."""
    found = _OPTIONS.get((id(split), word))
    if found is None:
        parts = initials(split(word))
        found = _OPTIONS[(id(split), word)] = (word[0],) if parts == word[0] else (word[0], parts)
    return found


def _put(found: Found, key: str, term: str, code: str, source: int, share: bool = False) -> None:
    entry = found.setdefault(key, {})
    known = entry.get(term)
    if known is None:
        entry[term] = [code, source]
    else:
        known[0] = _shared_code(str(known[0]), code) if share else known[0] or code
        known[1] = int(str(known[1])) | source


def _shared_code(known: str, code: str) -> str:
    """The code a term several titles begin with stands for: the category their codes share ("Allergic contact
    dermatitis due to cosmetics", "... due to dyes": L23, whose titles all say what the term is of), else the
    first line's."""
    if not known or not code or known == code:
        return known or code
    shared = next(
        (n for n, (a, b) in enumerate(zip(known, code, strict=False)) if a != b), min(len(known), len(code))
    )
    return known[:shared] if shared >= CATEGORY else known


# The codes of the viral diseases (A80-B34) and the words a viral term's name ends before.
_VIRAL = ("A80", "B35")
_AGENT = frozenset(["virus", "viral", "viruses"])
_CONDITION = frozenset(["disease", "infection", "fever", "encephalitis"])
CLIPPED = (2, 3, 4)  # a one-word name's first letters before its "V" ("NiV", "DENV", "CHIKV")


def viral(code: str, words: Sequence[str]) -> bool:
    """A term of a viral disease: a code of the viral chapters' blocks, or a term that says virus."""
    return _VIRAL[0] <= code[:3] < _VIRAL[1] or bool(_AGENT.intersection(words))


def virus_keys(words: Sequence[str]) -> set[str]:
    """The abbreviations of the virus a viral disease's term names: the term's initials and "v" ("japanese
    encephalitis": jev), its name's (the words before "virus", or without the condition noun it ends in: "ross
    river disease") initials and "v" (rrv), a short first word said whole ("la crosse": lacv), and a one-word
    name's first two to four letters and "v" ("oropouche": orov, "dengue": denv, "chikungunya": chikv)."""
    parts = [p for w in words for p in w.split("'") if p]  # ("o'nyong-nyong": o, nyong, nyong)
    own = [w for w in parts if w not in _AGENT]
    name = parts[: parts.index("virus")] if "virus" in parts else own
    while len(name) > 1 and name[-1] in _CONDITION:
        name = name[:-1]
    name = [w for w in name if w not in _AGENT]
    keys: set[str] = set()
    if len(own) >= 2:
        keys.add(initials(own) + "v")
    if len(name) >= 2:
        keys.add(initials(name) + "v")
        if len(name[0]) <= 3:
            keys.add(name[0] + initials(name[1:]) + "v")
    elif len(name) == 1 and len(name[0]) > max(CLIPPED) - 1:
        keys.update(name[0][:k] + "v" for k in CLIPPED if k < len(name[0]))  # ("zika": zikv)
    return {k for k in keys if SHORTEST <= len(k) <= LONGEST}


def _add_virus(found: Found, words: Sequence[str], code: str, source: int) -> None:
    if code and len(words) <= LONGEST and viral(code, words):
        term = " ".join(words)
        for key in sorted(virus_keys(words)):
            _put(found, key, term, code, source | VIRUS)


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
    _OPTIONS.clear()
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
            _add_virus(found, main, line_code, PATH)
            said_with = _said_with(str(term))
            if said_with:
                _add(found, [*said_with, *main], line_code, PATH, split)
        else:
            _add(found, [w for s in subs for w in s] + main, line_code, PATH, split)
            _add_virus(found, [w for s in subs for w in s] + main, line_code, PATH)
            _add(found, main + [w for s in subs for w in s], line_code, OTHER_ORDER, split)
            _add(
                found, [w for s in reversed(subs) for w in s] + main, line_code, OTHER_ORDER | REVERSED, split
            )
            if len(subs) > 1:
                _add(found, subs[-1] + main, line_code, OTHER_ORDER, split)
        sub_words = [w for s in subs for w in s]
        for modifier in _MODIFIER.findall(str(modifiers))[:4]:
            extra = list(_words(modifier))
            if 0 < len(extra) <= 2 and (subs or int(depth) == 0):
                _add(found, extra + sub_words + main, line_code, MODIFIED, split)
                if sub_words:
                    _add(found, sub_words + extra + main, line_code, MODIFIED, split)
        for printed in _PRINTED.findall(f"{term} {modifiers}"):
            _add_printed(found, printed, [w for s in parts[1:] for w in s] + main, line_code)
    for code, title in titles:
        text = str(title)
        tab_code = str(code).replace(".", "")
        for said in dict.fromkeys((text, _SYNONYM.sub(r"\1", text))):
            head = _CLAUSE.split(said)[0]
            # (a head several sibling titles begin with stands for their category: "Allergic contact
            # dermatitis due to ...")
            _add(found, _words(head), tab_code, TITLE, split, share=head != said)
            _add_virus(found, _words(head), tab_code, TITLE)
            # (the name said without whom or where it is of: "Central neonatal apnea of newborn" is CNA,
            # "Atypical virus infection of central nervous system" AVI)
            named, of, _ = head.partition(" of ")
            if of and len(_words(named)) >= 2:
                _add(found, _words(named), tab_code, TITLE, split)
        for words in said_apart(text):
            _add(found, words, tab_code, SAID_APART, split)
        for printed in _PRINTED.findall(text):
            _add_printed(found, printed, _words(text.split(",")[0].split("(")[0]), tab_code)
    return {
        key: [[term, code, source] for term, (code, source) in sorted(terms.items())]
        for key, terms in sorted(found.items())
    }


# A qualifier said before the noun is an adjective ("spontaneous", "primary", "acquired"), not a site.
_ADJECTIVE = re.compile(r"(?:al|ic|ous|ive|ary|ed|ant|ent|ar|oid|ile|ory)$")
_WITH = re.compile(r"\s(?:with|without)\s")


def said_apart(title: str) -> list[tuple[str, ...]]:
    """A title's term said with the words its comma or "with" holds apart: "Intracranial hypotension,
    spontaneous" -> spontaneous intracranial hypotension; "Refractory cytopenia with multilineage dysplasia" ->
    refractory cytopenia multilineage dysplasia, and what it is with said alone (multilineage dysplasia)."""
    out: list[tuple[str, ...]] = []
    head, _, rest = title.partition(",")
    qualifier = _words(rest.split(",")[0]) if rest else ()
    if (
        0 < len(qualifier) <= 2
        and all(_ADJECTIVE.search(w) for w in qualifier)
        and not _NO_QUALIFIER.intersection(qualifier)
        and " with" not in head
    ):
        out.append(qualifier + _words(head))
    parts = _WITH.split(title.split(",")[0])
    if len(parts) == 2 and not title[: title.find(parts[1])].rstrip().endswith("without"):
        before, after = _words(parts[0]), _words(_CLAUSE.split(f" {parts[1]}")[0])
        if 2 <= len(before) + len(after) <= LONGEST and after:
            out.append(before + after)
        if len(after) >= 2:
            out.append(after)
    return out


_NOUNS = frozenset(["syndrome", "disease", "disorder", "state", "condition"])  # another head, not a kind


def _said_with(main_term: str) -> tuple[str, ...]:
    """The words a main term's comma holds apart that say what kind it is, not another name for it - said
    before it as a subterm is ("Panencephalitis, subacute, sclerosing": subacute sclerosing panencephalitis;
    "Adrenarche, premature"), where "Disease, diseased" and "Dryness, dry" name it again."""
    main, *rest = main_term.split(",")
    head = _words(main)
    said = tuple(w for part in rest for w in _words(part))
    if not head or not said or len(said) > 2 or any(w[:3] == head[0][:3] or w in _NOUNS for w in said):
        return ()
    return said


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
# neoplasia, type 1); a condition noun after it may be its last letter ("LCP disease"), and "virus" its "V" ("POW
# virus": Powassan).
_TOKEN = re.compile(
    r"(?<![\w/+-])([A-Za-z]{3,6})([1-9]?)(?![\w/+-])(?:\s+(disease|disorder|syndrome|virus))?"
)
_ROMAN_NUMERAL = re.compile(r"[ivxl]+[a-d]?")
_CONTENT = re.compile(r"[a-z]{3,}")
_DENIED = re.compile(r"\b(?:no|not|without|denies|negative for)\b[^,;.]*")
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
    code: str = ""  # the code the reading's line holds (undotted; "" for a line that only sends on)
    printed: bool = False  # the data prints the abbreviation for the term


def read_initialism(
    query: str,
    readings: Callable[[str], tuple[Reading, ...]],
    unknown: Callable[[str, bool], bool],
    context: Callable[[Reading], frozenset[str]],
    stem: Callable[[str], str],
    kin: Callable[[str], frozenset[str]] | None = None,
) -> ReadInitialism | None:
    """The query with its first unknown initialism read as the one term its initials spell that fits best
    (`readings(key)`: the stored terms; `unknown(word)`: no vocabulary term, and no word any title, index line
    or dictionary holds unless written in capitals; `context(reading)`: stems of the words of the reading's
    code and the codes below it, and the Roman numerals they say)."""
    mixed = read_mixed_case(query, readings, unknown, context, stem, kin)
    if mixed is not None:
        return mixed
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
                r
                for r in readings(key)
                if "-" not in r.code and (len(key) > 3 or r.source & ~REVERSED != OTHER_ORDER)
            )
            if not found:
                continue
            whole = match.group(0) if key == joined else token + number
            rest = query[: match.start()] + " " + query[match.start() + len(whole) :]
            said = _said(rest, stem)
            best = _best(found, said, context, key, _kin_said(rest, kin, said))
            if best is None:
                continue
            chosen, fit = best
            if alone and not chosen.printed and not unknown(token.lower(), False):
                continue  # (an English word alone in capitals: "ALL" only as the data prints it)
            # (the type's number as the codes of the reading's subcategory write it)
            sub = Reading(chosen.term, chosen.code[:4], chosen.source)
            term = f"{chosen.term} type {_type_number(number, context(sub))}" if number else chosen.term
            text = " ".join(f"{query[: match.start()]} {term} {query[match.start() + len(whole) :]}".split())
            # (the Tabular and the Index may say the code under two spellings: "Powassan virus disease",
            # "Encephalitis, Powassan")
            agreed = chosen.agreed or (
                bool(chosen.source & VIRUS)
                and any(r.code == chosen.code and r.source & TITLE for r in found)
                and any(r.code == chosen.code and r.source & (PATH | OTHER_ORDER) for r in found)
            )
            sure = chosen.printed or (agreed and (len(key) >= 4 or fit > 0 or _sole_virus(found, chosen)))
            return ReadInitialism(
                text,
                f"read: {whole} -> {term}",
                len(found),
                sure,
                "" if number else chosen.code,
                chosen.printed,
            )
    return None


# -- an initialism in mixed case ------------------------------------------------------------------------------
# Clinicians write some initialisms with small letters among the capitals, and the small letters say the word:
# "CuTS" is cubital (not carpal) tunnel syndrome, "TdP" torsades de pointes, "VaIN" vaginal (not vulvar)
# intraepithelial neoplasia, "HeFH" heterozygous familial hypercholesterolemia. A capital starts a word of the
# term; a small letter is a next letter of the word the capital started, or starts a short connective word ("de",
# "of"). A term the token spells so is read as surely as one the data prints.
_MIXED = re.compile(r"(?<![\w/+-])([A-Z][a-z]{0,2}(?:[A-Z][a-z]{0,2}){1,5})([1-9]?)(?![\w/+-])")
SAID_SO = PRINTED | TITLE | PATH | SAID_APART | MODIFIED
SHORT_WORD = 3  # a small letter that starts a word starts a connective ("de", "la", "von")


def spelling_fit(token: str, term: str) -> int | None:
    """How closely a mixed-case token spells a term (the number of its small letters read as the very next
    letter of their word, or as a short word's initial), or None when it does not: every capital starts the
    next word, every small letter is a later letter of the current word or starts a short next word, and the
    token reads every word of the term."""
    words = term.split()

    def fit(at: int, word: int, pos: int) -> int | None:
        if at == len(token):
            return 0 if word == len(words) - 1 else None
        char = token[at]
        best: int | None = None
        nxt = word + 1
        starts = nxt < len(words) and words[nxt][0] == char.lower()
        if starts and (char.isupper() or len(words[nxt]) <= SHORT_WORD):
            rest = fit(at + 1, nxt, 1)
            if rest is not None:
                best = rest + (0 if char.isupper() else 1)
        if char.islower() and word >= 0:
            found = words[word].find(char, pos)
            if found >= 0:
                rest = fit(at + 1, word, found + 1)
                if rest is not None:
                    best = max(best if best is not None else -1, rest + (1 if found == pos else 0))
        return best

    return fit(0, -1, 0)


def read_mixed_case(
    query: str,
    readings: Callable[[str], tuple[Reading, ...]],
    unknown: Callable[[str, bool], bool],
    context: Callable[[Reading], frozenset[str]],
    stem: Callable[[str], str],
    kin: Callable[[str], frozenset[str]] | None = None,
) -> ReadInitialism | None:
    """The query with its first mixed-case initialism ("CuTS", "TdP") read as the term its capitals and small
    letters spell: the terms of its capitals' key and of all its letters' key that the token spells (as the
    data says them, not an Index path turned about), the closest spelling first, then the query's other words;
    None when no term fits or two codes fit alike. A token the vocabulary knows ("HbSS") keeps its meaning."""
    for match in _MIXED.finditer(query):
        token, number = match.group(1), match.group(2)
        if not any(c.islower() for c in token) or token.isupper() or not unknown(token.lower(), True):
            continue
        if number or (token[-1] == "s" and not any(c.islower() for c in token[:-1])):
            continue  # (a formula or a lab's analyte: "PaCO2", "SpO2"; a plural: "UTIs", "PVCs")
        capitals = "".join(c for c in token if c.isupper()).lower()
        fitting: dict[Reading, int] = {}
        for key in dict.fromkeys((token.lower(), capitals)):
            for reading in readings(key):
                if "-" in reading.code or not reading.source & SAID_SO:
                    continue
                fit = spelling_fit(token, reading.term)
                if fit is not None:
                    fitting[reading] = max(fit, fitting.get(reading, 0))
        if not fitting:
            continue
        closest = max(fitting.values())
        found = tuple(
            Reading(r.term, r.code, r.source | PRINTED) for r, fit in fitting.items() if fit == closest
        )
        rest = query[: match.start()] + " " + query[match.end() :]
        said = _said(rest, stem)
        best = _best(found, said, context, capitals, _kin_said(rest, kin, said))
        if best is None:
            continue
        term = f"{best[0].term} {number}" if number else best[0].term
        text = " ".join(f"{query[: match.start()]} {term} {query[match.end() :]}".split())
        return ReadInitialism(text, f"read: {token}{number} -> {term}", len(found), True)
    return None


_ROMAN = ("", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix")


def _said(rest: str, stem: Callable[[str], str]) -> frozenset[str]:
    """The stems of the query's words other than the initialism, but what the query denies ("PAN, no lung
    involvement": the lung is no word of the condition's)."""
    rest = _DENIED.sub(" ", rest.lower())
    return frozenset(stem(w) for w in _CONTENT.findall(rest) if w not in _NO_CONTEXT)


def _kin_said(rest: str, kin: Callable[[str], frozenset[str]] | None, said: frozenset[str]) -> frozenset[str]:
    """The stems of the words the query's words stand for in the dictionary ("teen" -> adolescent, "preemie" ->
    neonate; bot.lookups.index.word_kin): weaker than the words themselves, they only choose among readings the
    query's own words fit alike."""
    return kin(_DENIED.sub(" ", rest.lower())) - said if kin is not None and said else frozenset()


def _type_number(number: str, said: frozenset[str]) -> str:
    """A type's number as the reading's codes write it: "MEN1" is "Multiple endocrine neoplasia [MEN] type I"."""
    roman = _ROMAN[int(number)]
    return roman if roman in said else number


def _best(
    found: tuple[Reading, ...],
    said: frozenset[str],
    context: Callable[[Reading], frozenset[str]],
    key: str,
    kin_said: frozenset[str] = frozenset(),
) -> tuple[Reading, int] | None:
    """The reading the query's other words fit best, when one does alone (then the words they stand for,
    `kin_said`); else the one the data prints, or (four letters or more: three spell too many terms to read
    without the query's words) the one term the Tabular and the Index both say; and how many of the query's
    words fit it."""

    def rank(reading: Reading) -> tuple[int, bool, int, bool, bool, bool, bool, bool]:
        fit = len(said & context(reading)) if said else 0
        kin_fit = len(kin_said & context(reading)) if kin_said and fit else 0
        # (a printed abbreviation's line may say more than the abbreviation: "Family history, multiple
        # endocrine neoplasia (MEN)"; the line saying just its words comes first; a compound's initials
        # spell the key by its combining forms)
        compound = bool(reading.source & COMPOUND)
        exact = (
            compound or bool(reading.source & VIRUS) or sorted(initials(reading.term.split())) == sorted(key)
        )
        return (
            fit,
            reading.printed,  # (the data printing the abbreviation says more than a dictionary's kin)
            kin_fit,
            exact,
            not reading.source & VIRUS,  # (a virus's name gives way to a term the letters spell plainly)
            reading.agreed,
            not compound,
            bool(reading.source & (TITLE | PATH)),
        )

    ranked = sorted(found, key=rank, reverse=True)
    best = rank(ranked[0])
    # (a compound's reading gives way to a plain one the query's words fit as well)
    tied = [r for r in ranked if rank(r)[:7] == best[:7]]
    if len({r.code for r in tied}) > 1:
        return None
    fit, printed, _, _, _, agreed, _, _ = best
    if fit or printed or (agreed and (len(key) >= 4 or _sole_virus(found, ranked[0]))):
        return ranked[0], fit
    return None


def _sole_virus(found: Sequence[Reading], chosen: Reading) -> bool:
    """The letters spell one code's virus and nothing else ("YFV": yellow fever): three letters and a "V" a
    virologist gives a virus are as sure as four."""
    return bool(chosen.source & VIRUS) and {r.code for r in found} == {chosen.code}


# -- a guess at an initialism the data does not single out ------------------------------------------------------
# A coder who meets an abbreviation the chart does not spell out and that several terms spell does not give up:
# they read the term the rest of the note points to, and failing that the one a clinician would write - a name
# the Tabular and the Index both say, under several spellings ("Langerhans cell histiocytosis", "Langerhans'
# cells histiocytosis"), said in the order clinicians say it - and keep the others in mind. `guess_initialism`
# is that reading, used only where the query as typed finds no answer that reads the abbreviation: its best
# term for the search, the next few (each another code) as the answers after it.

# Words that place a condition in a chapter of the classification when the query says them beside an
# abbreviation: a newborn's conditions are the perinatal chapter's, a pregnancy's the obstetric chapter's, a
# finding on a heart tracing or an echo the circulatory chapter's; where and how it was caught (a trip, an outbreak,
# a vector, a vaccine not had) the infectious chapter's ("RVF in traveler": Rift Valley fever, not right
# ventricular failure).
_CHAPTER_WORDS: dict[str, str] = {
    **dict.fromkeys(["newborn", "neonate", "neonatal", "preemie", "premie", "nicu", "preterm"], "P"),
    **dict.fromkeys(["pregnant", "pregnancy", "gravida", "primigravida", "multigravida", "trimester"], "O"),
    **dict.fromkeys(["echo", "monitor", "telemetry", "tele", "ekg", "ecg", "holter", "cath"], "I"),
    **dict.fromkeys(["trip", "travel", "traveler", "traveller", "traveled", "travelled", "abroad"], "AB"),
    **dict.fromkeys(["overseas", "outbreak", "endemic", "unvaccinated", "vaccinated", "returned"], "AB"),
    **dict.fromkeys(["mosquito", "mosquitoes", "tick", "ticks", "camping", "hiking", "droppings"], "AB"),
}
# A letter group in capitals, alone or in a slash pair ("ME/CFS": either part may be read).
_CAPITALS = re.compile(r"(?<![\w+-])([A-Za-z]{2,6}(?:/[A-Za-z]{2,6})?)([1-9]?)(?![\w+/-])")
# (not a main term said first: "tachycardia atrial")
_AS_SAID = PRINTED | TITLE | PATH | SAID_APART | MODIFIED | REVERSED
# The initial of the condition noun a clinician adds to a term the data says without it: disease, syndrome,
# disorder.
_CONDITION_NOUNS = frozenset("ds")
# Words that say in whom, not what: a guess the query says nothing else about is still borne out by the data.
# (and an age: "3 day old", "6 wk old")
_AGE_WORDS: tuple[str, ...] = ("child", "kid", "teen", "toddler", "infant", "baby", "adult", "adolescent")
_AGE_WORDS += ("elderly", "day", "week", "wk", "month", "mo", "yo")
GUESSES = 3  # the best guess and the next ones (each another code) kept as answers after it


@dataclass(frozen=True)
class GuessedInitialism:
    token: str  # the abbreviation as typed ("LCH", "ME/CFS")
    texts: tuple[str, ...]  # the query with the abbreviation read as each guessed term, best first
    terms: tuple[str, ...]  # the guessed terms, best first
    codes: tuple[str, ...] = ()  # the code each guessed term's line holds ("" for the vocabulary's part)
    # The best guess is borne out: the query's other words fit it, the data prints the abbreviation, or the
    # query says nothing else ("PLEVA") - a guess to give where the query as typed finds nothing ("ERA 835 file
    # not posting" is office talk, not erythropoietin-resistant anemia).
    borne_out: bool = True


def guess_may_lead(query: str, token: str, term: str, stem: Callable[[str], str]) -> bool:
    """Whether a guessed term may go before a confident answer the query as typed found: the query's words other
    than the abbreviation only set the scene (an age, a side, a setting, a chapter word: "LCH in a child"), or
    the guessed term says one of them ("hATTR amyloidosis" -> hereditary transthyretin amyloidosis). Words that
    name something else ("DOT physical", "food insecurity on SDOH screen", "bleeding hemorrhoids after BMs")
    make the answer that read them the answer, and a guess only follows it. Words after "with" that follow the
    abbreviation are what the condition comes with, not another condition."""
    head, link, _ = query.partition(" with ")
    if link and token in head:
        query = head  # ("sIBM with dysphagia": what the condition comes with says nothing against it)
    rest = [w for w in _CONTENT.findall(query.replace(token, " ").lower())]
    if all(w in _NO_CONTEXT or w in _CHAPTER_WORDS or w.rstrip("s") in _AGE_WORDS for w in rest):
        return True
    said = {stem(w)[:5] for w in rest if w not in _NO_CONTEXT}  # (five letters: "amyloid", "amyloidosis")
    return bool(said & {stem(w)[:5] for w in _CONTENT.findall(term.lower())})


def guess_initialism(
    query: str,
    readings: Callable[[str], tuple[Reading, ...]],
    unknown: Callable[[str, bool], bool],
    context: Callable[[Reading], frozenset[str]],
    stem: Callable[[str], str],
    kin: Callable[[str], frozenset[str]] | None = None,
) -> GuessedInitialism | None:
    """The query's first abbreviation in capitals no vocabulary term holds, read as the terms its initials spell
    that the data says as a clinician does (a Tabular title, an Index line read subterms first, a line's
    modifier or qualifier said with it - not an Index path turned about), best first: the query's other words
    fit, the data prints the abbreviation, the Tabular and the Index both say it, under more spellings."""
    for match in _CAPITALS.finditer(query):
        group, number = match.group(1), match.group(2)
        for token in group.split("/"):
            if sum(c.isupper() for c in token) < 2 or len(token) < SHORTEST:
                continue
            key = token.lower()
            if "/" in group and not unknown(key, True):
                # ("ME/CFS": the pair's part the vocabulary knows says the condition)
                text = " ".join(f"{query[: match.start()]} {token}{number} {query[match.end() :]}".split())
                return GuessedInitialism(group + number, (text,), (token,), ("",))
            if _ROMAN_NUMERAL.fullmatch(key) or not unknown(key, True):
                continue
            found = [r for r in readings(key) if r.code and "-" not in r.code and r.source & _AS_SAID]
            if not found and len(key) > SHORTEST and key[-1] in _CONDITION_NOUNS:
                # ("ARPKD": the data's "Polycystic kidney, autosomal recessive" says no "disease")
                found = [
                    r
                    for r in readings(key[:-1])
                    if r.code
                    and "-" not in r.code
                    and r.source & _AS_SAID
                    and r.term.split()[-1][0] != key[-1]
                ]
            if not found and token[0].islower() and len(key) > SHORTEST:
                # ("sIBM": a small letter before the capitals says what kind - sporadic - of the term they spell)
                found = [r for r in readings(key[1:]) if r.code and "-" not in r.code and r.source & _AS_SAID]
            if not found:
                continue
            rest = query[: match.start()] + " " + query[match.end() :]
            said = frozenset(stem(w) for w in _CONTENT.findall(rest.lower()) if w not in _NO_CONTEXT)
            chapters = {
                c for w in _CONTENT.findall(rest.lower()) if w in _CHAPTER_WORDS for c in _CHAPTER_WORDS[w]
            }
            ranked, borne_out = _ranked_codes(found, said, chapters, context, _kin_said(rest, kin, said))
            if not ranked:
                continue
            borne_out = borne_out or not said - {stem(w) for w in _AGE_WORDS}
            terms = tuple(term for term, _ in ranked[:GUESSES])
            tail = f" type {number}" if number else ""
            texts = tuple(
                " ".join(f"{query[: match.start()]} {t}{tail} {query[match.end() :]}".split()) for t in terms
            )
            codes = tuple(code for _, code in ranked[:GUESSES])
            return GuessedInitialism(group + number, texts, terms, codes, borne_out)
    return None


def _ranked_codes(
    found: Sequence[Reading],
    said: frozenset[str],
    chapters: set[str],
    context: Callable[[Reading], frozenset[str]],
    kin_said: frozenset[str] = frozenset(),
) -> tuple[list[tuple[str, str]], bool]:
    """The terms of the readings' codes (one per code, the one said most plainly), best code first, and
    whether the data bears the best out: the query's words fit it, the data prints it, or it is the one the
    Tabular and the Index both say under several spellings."""
    by_code: dict[str, list[Reading]] = {}
    for reading in found:
        by_code.setdefault(reading.code, []).append(reading)

    def term_rank(reading: Reading) -> tuple[bool, bool, bool]:
        return (
            bool(reading.source & TITLE),
            bool(reading.source & PATH),
            not reading.source & (COMPOUND | SAID_APART | MODIFIED),
        )

    scored: list[tuple[tuple[int, int, int, bool, bool, bool, bool, int, bool], tuple[str, str]]] = []
    for code, group in by_code.items():
        sources = 0
        for reading in group:
            sources |= reading.source
        fit = max(len(said & context(r)) for r in group) if said else 0
        fit += 1 if code[0] in chapters else 0
        kin_fit = max(len(kin_said & context(r)) for r in group) if kin_said and fit else 0
        rank = (
            fit,
            int(bool(sources & PRINTED)),
            kin_fit,  # (then the words the query's words stand for: "preemie" -> neonate)
            not all(r.source & VIRUS for r in group),  # (a virus's name after a term spelled plainly)
            bool(sources & TITLE)
            and bool(sources & (PATH | OTHER_ORDER)),  # the Tabular and the Index say it
            bool(sources & (TITLE | SAID_APART)),  # a name the Tabular says
            bool(sources & (PATH | MODIFIED)),  # an Index line said in order
            len(group),  # under more spellings
            not all(r.source & COMPOUND for r in group),
        )
        scored.append((rank, (max(group, key=term_rank).term, code)))
    scored.sort(key=lambda s: s[0], reverse=True)
    if not scored:
        return [], False
    best = scored[0][0]
    # (or the Tabular and the Index both say it, under more spellings than any other term the initials spell:
    # "Bardet-Biedl syndrome", "Biedl-Bardet syndrome")
    ahead = best[4] and best[7] > 1 and (len(scored) == 1 or best > scored[1][0])
    return [said for _, said in scored], bool(best[0] or best[1] or ahead)
