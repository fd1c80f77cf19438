"""Substance use, abuse or dependence told in users' words, read in the Index's own drug classes (F10-F18).

The Index sends every substance it lists under "Dependence", "Abuse" and "Use" to its class's line
("Dependence, heroin - see Dependence, drug, opioid"; "Abuse, solvent - see Abuse, drug, inhalant"), and the
class line's code names the F10-F18 category whose titles then take the mode (use, abuse, dependence) and the
induced disorder ("Sedative, hypnotic or anxiolytic dependence with withdrawal delirium"). Users say "hooked
on percocet", "benzo dependent, now withdrawing with delirium", "meth psychosis with delusions, dependent":
the drug by a brand, street or chemical name the Index does not list there, the mode in everyday words. A
coder knows the drug's class; `read_substance_use` finds it from the data, not from a list:

1. the Index's own substance words under those main terms, each followed to its class's category;
2. the Drug Table's line of the drug (a brand read as its generic first): the title of its T category says
   the class in the same words ("other opioids", "benzodiazepines" -> WordNet, "psychostimulants");
3. WordNet's broader words of the drug ("alprazolam" -> benzodiazepine -> anxiolytic; "methamphetamine" ->
   amphetamine).

It then says the sentence in the Index's words: the class (the category title's first word), the mode
(dependence said with abuse or use is coded as dependence, guideline I.C.5.b.2; "not dependent" is abuse) and
the rest of the words ("sedative dependence now withdrawal with delirium").
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.lookups.wordnet import WordNet

# Index main terms whose subterms name substances by their class.
_MAINS = ("Dependence", "Abuse", "Use")
_CATEGORY = re.compile(r"^F1[0-8]")
# The mode in everyday words, as the Index's main terms.
_DEPENDENCE = re.compile(r"^(?:hooked|addicted|addiction|addict|addicts|dependent|dependence|dependency)$")
_ABUSE = re.compile(r"^(?:abuse[sd]?|abusing|abuser|misuse[sd]?|misusing|misuser|nondependent)$")
_STATES = re.compile(r"^(?:withdrawal|withdrawing|withdrew|intoxication|intoxicated)$")
_HUFFED = re.compile(r"^(?:huff|huffs|huffed|huffing|huffer|sniffing|sniffed|sniffs)$")
# The F10-F19 titles' words for the states users say otherwise ("high right now, no complications").
_TITLE_WORDS = (
    (re.compile(r"\bhigh\b(?=\s*(?:,|$|and\b|now\b|right\b|with\b|on\b))"), "intoxication"),
    (re.compile(r"\b(?:intoxicated|drunk)\b"), "intoxication"),
    (re.compile(r"\b(?:withdrawing|withdrew|detoxing)\b"), "withdrawal"),
    (re.compile(r"\bno\s+complications?\b|\bnot\s+complicated\b"), "uncomplicated"),
)
_NEGATION = ("not", "no", "non", "never")
_LINKS = ("on", "to", "of", "from")
_WORD = re.compile(r"[a-z][a-z0-9'-]*")
# WordNet kinds a drug's sense has.
_DRUG_KINDS = ("noun.artifact", "noun.substance", "noun.plant")
_POISONING = re.compile(r"(?i)^poisoning by,? (?:adverse effect of and underdosing of )?")


@dataclass(frozen=True)
class SubstanceClasses:
    """The Index's substance words by their F10-F18 category, and each category's class word."""

    words: dict[str, str]
    names: dict[str, str]


@dataclass(frozen=True)
class SubstanceUse:
    """A substance use sentence said in the Index's words, and the category its class names."""

    query: str
    category: str
    mode: str


def _key(term: str) -> list[str]:
    """A subterm's words as a user may say them: without parentheses and NEC, each of a listed series
    ("psilocibin, psilocin"), singular and plural."""
    text = re.sub(r"\([^)]*\)", " ", term.lower())
    text = " ".join(re.sub(r"\bnec\b", " ", text).split())
    keys: list[str] = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        keys.append(part)
        keys.append(part[:-1] if part.endswith("s") else part + "s")
    return keys


def _class_word(title: str) -> str:
    """ "Sedative, hypnotic, or anxiolytic related disorders" -> sedative; "Other stimulant ..." -> stimulant."""
    text = re.sub(r"(?i)\s*related disorders.*$|\s*dependence$", "", title).split(",")[0].strip().lower()
    return text.removeprefix("other ").strip()


def substance_classes(conn: sqlite3.Connection) -> SubstanceClasses:
    """Every substance word under the Index's "Dependence", "Abuse" and "Use" with its class's F10-F18
    category (a see-reference followed to the line's code), and the class word of each category."""
    mains = {
        str(term): int(node)
        for node, term in conn.execute(
            "SELECT id, term FROM index_nodes WHERE book = 'cm' AND depth = 0 AND term IN (?, ?, ?)", _MAINS
        )
    }

    # Each line's children and their first keys read once: the see-references of the ~600 substance lines
    # lead to the same few class lines again and again (worked out each time, ~60 ms at a process's first
    # substance query).
    kids_of: dict[int, list[tuple[int, str, str, str]]] = {}
    first_keys: dict[int, list[tuple[str, tuple[int, str, str, str]]]] = {}

    def children(node: int) -> list[tuple[int, str, str, str]]:
        found = kids_of.get(node)
        if found is None:
            found = kids_of[node] = [
                (int(i), str(t), str(c), str(s))
                for i, t, c, s in conn.execute(
                    "SELECT id, term, code, see FROM index_nodes WHERE parent = ?", (node,)
                )
            ]
        return found

    def keyed(node: int) -> list[tuple[str, tuple[int, str, str, str]]]:
        found = first_keys.get(node)
        if found is None:
            found = first_keys[node] = [(" ".join(_key(c[1])[:1]), c) for c in children(node)]
        return found

    def followed(see: str) -> str:
        parts = [p.strip().lower() for p in see.split(",")]
        node = mains.get(see.split(",")[0].strip())
        code = ""
        for part in parts[1:]:
            if node is None:
                return ""
            match = [c for key, c in keyed(node) if key.startswith(part.removesuffix(" nec"))]
            if not match:
                return ""
            node, code = match[0][0], match[0][2]
        return code

    words: dict[str, str] = {}
    for node in mains.values():
        kids = children(node)
        drug = [k for k in kids if k[1] == "drug"]
        for _, term, code, see in kids + (children(drug[0][0]) if drug else []):
            category = (code or followed(see))[:3]
            if not _CATEGORY.match(category):
                continue
            for key in _key(term):
                words.setdefault(key, category)
    names = {
        str(code): _class_word(str(title))
        for code, title in conn.execute(
            "SELECT code, title FROM codes WHERE system = 'cm' AND kind = 'category' AND code BETWEEN 'F10' AND 'F18'"
        )
    }
    for category, name in names.items():
        words.setdefault(name, category)
    return SubstanceClasses(words, names)


def may_tell_use(text: str) -> bool:
    """A cheap test: a mode or state word of substance use is said."""
    return any(
        _DEPENDENCE.match(w) or _ABUSE.match(w) or _STATES.match(w) for w in _WORD.findall(text.lower())
    )


def read_substance_use(
    query: str,
    classes: SubstanceClasses,
    expand: Callable[[str], str],
    drug_titles: Callable[[str], Iterable[str]],
    broader: Callable[[str], Iterable[str]],
) -> SubstanceUse | None:
    """The sentence in the Index's words when it tells a substance's use, abuse or dependence (`expand`:
    brands and street names read as the generic; `drug_titles`: the titles of a Drug Table line's T code
    and its parents, nearest first; `broader`: WordNet's broader words of a drug, nearest first)."""
    text = query.lower()
    for spoken, title in _TITLE_WORDS:
        text = spoken.sub(title, text)
    words = _WORD.findall(expand(" ".join(_WORD.findall(text))))
    if not any(_DEPENDENCE.match(w) or _ABUSE.match(w) or _STATES.match(w) for w in words):
        return None
    found = _named(words, classes, drug_titles, broader)
    if found is None:
        return None
    start, end, category = found
    dropped = set(range(start, end))
    said: list[str] = []
    for i, word in enumerate(words):
        negated = bool(i) and words[i - 1] in _NEGATION
        if _DEPENDENCE.match(word):
            said.append("abuse" if negated else "dependence")
        elif _ABUSE.match(word):
            said.append("abuse")
        else:
            continue
        dropped.add(i)
        if negated:
            dropped.add(i - 1)
        if i + 1 < len(words) and words[i + 1] in _LINKS:
            dropped.add(i + 1)
    mode = "dependence" if "dependence" in said else "abuse" if said else ""
    rest = [w for i, w in enumerate(words) if i not in dropped]
    told = " ".join([classes.names[category], mode, *rest]).split()
    return SubstanceUse(" ".join(told), category, mode)


def _named(
    words: list[str],
    classes: SubstanceClasses,
    drug_titles: Callable[[str], Iterable[str]],
    broader: Callable[[str], Iterable[str]],
) -> tuple[int, int, str] | None:
    """The first substance said (its words' span) and its class's category."""
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            category = classes.words.get(" ".join(words[i : i + size]))
            if category:
                return i, i + size, category
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            said = words[i : i + size]
            if any(len(w) < 3 or _DEPENDENCE.match(w) or _ABUSE.match(w) or _STATES.match(w) for w in said):
                continue
            phrase = " ".join(said)
            category = _by_title(drug_titles(phrase), classes, broader) or _by_words(broader(phrase), classes)
            if category:
                return i, i + size, category
    huffed = next((i for i, w in enumerate(words) if _HUFFED.match(w)), None)
    inhalant = classes.words.get("inhalant", "")
    if huffed is not None and inhalant:
        return huffed, huffed + 1, inhalant  # "huffing paint": a substance breathed in for its effect
    return None


def _by_title(
    titles: Iterable[str], classes: SubstanceClasses, broader: Callable[[str], Iterable[str]]
) -> str:
    """The class a Drug Table line's T category names in its title ("other opioids"), or names by a word
    WordNet puts under a class ("benzodiazepines" -> anxiolytic)."""
    for title in titles:
        text = _POISONING.sub("", title.lower())
        said = [w for w in _WORD.findall(text) if w not in ("other", "and", "unspecified", "drugs", "drug")]
        category = _by_words(said, classes) or next(
            (c for w in said for c in [_by_words(broader(w.removesuffix("s")), classes)] if c), ""
        )
        if category:
            return category
    return ""


def _by_words(found: Iterable[str], classes: SubstanceClasses) -> str:
    for word in found:
        category = classes.words.get(word.lower())
        if category:
            return category
    return ""


def drug_table_titles(conn: sqlite3.Connection, word: str) -> list[str]:
    """The titles of the T code of the Drug Table's line named by the word, and of its parents, nearest
    first ("oxycodone": T40.2X1 ... "Poisoning by ... other opioids"); none when the Table lacks it."""
    row = conn.execute(
        "SELECT cells FROM index_nodes WHERE term IN (?, ?) AND book = 'drug' AND depth = 0 LIMIT 1",
        (word.capitalize(), word),
    ).fetchone()
    code = str(row[0]).split("|")[0].replace(".", "") if row else ""
    titles: list[str] = []
    while code and len(titles) < 4:
        found = conn.execute(
            "SELECT title, parent FROM codes WHERE system = 'cm' AND code = ?", (code,)
        ).fetchone()
        if found is None:
            code = code[:-1].rstrip("X")
            continue
        titles.append(str(found[0]))
        code = str(found[1])
    return titles


def drug_broader(wordnet: WordNet, word: str) -> list[str]:
    """The words of a drug's senses and of the senses they are kinds of, nearest first ("alprazolam":
    benzodiazepine, minor tranquilizer, anxiolytic ...); none for a word with no drug-like sense."""
    if not wordnet.senses(word):
        # a class said as a plural adjective ("psychedelics", "opioids"): WordNet's "psychedelic drug"
        single = word.removesuffix("s")
        word = next((w for w in (single, f"{single} drug") if wordnet.senses(w)), word)
    senses = [s for s in wordnet.senses(word) if s.kind in _DRUG_KINDS]
    if not senses:
        return []
    found = [lemma for sense in senses for lemma in sense.lemmas]
    for sense, _ in wordnet.broader(word, 6, senses=len(wordnet.senses(word))):
        if sense.kind in _DRUG_KINDS:
            found += sense.lemmas
    return found
