"""Poisoning stories: a substance taken, told in a sentence, read as its Table of Drugs and Chemicals line.

A coder reading "toddler bit into a benzonatate capsule from grandpa's nightstand", "teen drank a bottle of
DXM cough syrup to get high" or "took 40 caffeine pills to stay up studying" does not look up the nightstand,
the bottle or the studying: the sentence tells a substance taken in a way no prescription asked for, so the
coder finds the substance's line in the Table of Drugs and Chemicals (by its Table name: a brand or street
name read as the generic first), takes the column the intent words choose - accidental (unintentional) unless
intentional self-harm, assault or an undetermined intent is said (guideline I.C.19.e.5.b) - and codes the
poisoning first, its manifestations after it.

`read_substance_story` finds such a story: a taking no prescription explains (a child ate or chewed it, a
bottle or a handful was taken, it was smoked, snorted or huffed, an overdose or toxicity), no adverse-effect
or underdosing words (those are the Drug Table's other columns, read by bot.lookups.index.stories), and one
substance the Table lists as a main term. It returns the Table line's words with the column's words, a
query the Drug Table answers on its own. Tobacco, alcohol and cannabis smoked or drunk with no poisoning word
are a use (F10-F17, Z72.0), not a poisoning.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import takewhile

from bot.lookups import derived
from bot.lookups.index.drug_rows import MEDICINE_FORMS
from bot.lookups.index.stories import read_drug_story
from bot.lookups.index.words import CONNECTORS, stem

# A taking no prescription explains.
TAKING = re.compile(
    r"\b(?:ate|eaten|swallowed|swallowing|drank|chewed|chewing|bit\s+into|bit\s+on|bitten|licked|"
    r"sprayed|splashed|inhaled|breathed\s+in|exposed\s+to\s+(?:\w+\s+){1,3}(?:spray|fumes|gas|vapou?rs?)|"
    r"fumes|vapou?rs|fumigant|"
    r"sucked\s+on|got\s+into|huffed|huffing|sniffed|sniffing|snorted|snorting|smoked|injected|shot\s+up|"
    r"ingested|ingestion|overdosed?|overdosing|od|od'd|toxicity|poisoned|poisoning|"
    r"trip|tripping|high\s+on|to\s+get\s+high|too\s+(?:many|much)|handful|whole\s+bottle|bottle\s+of|"
    r"(?:[5-9]|[1-9]\d+)\s+(?:[a-z]+\s+)?(?:pills|tablets|tabs|capsules|caps|gummies)|"
    r"(?:took|taken|swallowed|ingested)\s+(?:[5-9]|[1-9]\d+))\b"
)
# A substance that came in contact with the person ("formaldehyde exposure in the anatomy lab", "farm worker
# exposed to malathion"): a toxic effect when the substance is chiefly nonmedicinal (the Tabular's T51-T65
# block: "toxic effects of substances chiefly nonmedicinal as to source"; guideline I.C.19.e.5.b: accidental
# when no intent is said). The search keeps such a story only on a T51-T65 line (`SubstanceStory.contact`).
# A substance handled or sprayed that made the person ill ("farmer got sick after spraying methoxychlor",
# "sick from aflatoxin in moldy peanuts") is the same contact, told by its harm.
CONTACT = re.compile(
    r"\b(?:exposure|exposed|overexposure|overexposed|spraying|(?:sick|ill)\s+(?:from|after))\b"
)
# The words that name a poisoning itself (not only a taking).
POISONING = re.compile(
    r"\b(?:overdosed?|overdosing|od|od'd|toxicity|poisoned|poisoning|too\s+(?:many|much))\b"
)
# Only the ordinary way of using tobacco, alcohol or cannabis: a use, unless a poisoning word is said.
USE_VERBS = re.compile(r"\b(?:smoked|smoking|drank|drinking|drinks|vaping|vaped)\b")
USED_SUBSTANCES = (
    "alcohol",
    "ethanol",
    "beer",
    "wine",
    "liquor",
    "tobacco",
    "nicotine",
    "cannabis",
    "marijuana",
)
# Words of the Drug Table's other columns, of a use or a state, or of a condition the drug caused: not a
# poisoning story (bot.lookups.index.stories reads them).
OTHER_STORY = re.compile(
    r"\bside[- ]effects?\b|\bas\s+(?:prescribed|directed)\b|\bproperly\b|\bcorrectly\b|\btherapeutic\b|"
    r"\breactions?\b|\binduced\b|\badverse\b|\ballerg\w*|\banaphyla\w*|\bquit\b|\bstopp?(?:ed|ing)?\b|"
    r"\bmiss(?:ed|ing)\b|\bskipp?(?:ed|ing)\b|\bran\s+out\b|\brun\s+out\b|\bforgot\b|\bunderdos\w*|"
    r"\bnoncomplian\w*|\bhistory\b|\bh/o\b|\bhx\b|\bstatus\b|\blong[- ]term\b|\bwithdrawal\b|\bdependen\w*|"
    r"\babuse\b|\baddict\w*|\bdisorder\b|\bscreen\w*|\bvaccin\w*|\bimmuniz\w*|\bbite\b|\bsting\w*|\bstung\b|"
    # an animal's bite ("bitten by a lizard"): the Index's Bite line, or the venom's (bot.lookups.index.venom)
    r"\b(?:bitten|bit)\s+by\b"
)
# The intent said, in the order read: undetermined only when said ("intent could not be determined", "not
# sure if intentional"), then self-harm, then assault; accidental is the Table's default.
INTENTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\bintent\w*\s+(?:is\s+|was\s+)?(?:unknown|unclear|undetermined|uncertain|not\s+(?:known|clear|"
            r"determined)|could\s+not\s+be\s+determined|cannot\s+be\s+determined|can't\s+be\s+determined)\b|"
            r"\bundetermined\b|\b(?:unknown|unclear|uncertain)\s+(?:intent|if|whether)\b|"
            r"\b(?:not\s+sure|not\s+clear|unsure|unclear|unknown|no\s+idea|can't\s+tell|cannot\s+tell|undetermined)\s+"
            r"(?:if|whether)\s+(?:it\s+was\s+)?(?:intentional|accidental|on\s+purpose|deliberate)\b"
        ),
        "poisoning undetermined",
    ),
    (
        re.compile(
            r"\bsuicid\w*|\bself[- ]harm\w*|\bintentional\w*|\bon\s+purpose\b|\bdeliberate\w*|"
            r"\bto\s+(?:end|take)\s+(?:it|it\s+all|(?:his|her|their|my|your)\s+(?:own\s+)?life)\b|"
            r"\bto\s+(?:kill|hurt|harm)\s+(?:(?:him|her|them|my|your)sel(?:f|ves)|self)\b|\bwanted\s+to\s+die\b"
        ),
        "poisoning intentional self-harm",
    ),
    (
        re.compile(
            r"\bassault\w*|\bhomicid\w*|\bspiked\b|\b(?:someone|somebody)\s+(?:else\s+)?(?:gave|put|slipped|"
            r"poisoned)\b"
        ),
        "poisoning assault",
    ),
)
ACCIDENTAL = "poisoning accidental"
ENCOUNTER_WORDS = frozenset({"initial", "subsequent", "sequela", "sequelae"})
# The Table's lines for a drug, a substance or a gas not named ("Drug NEC", "Tablets", "Fumes").
UNSPECIFIED = ("T50.90", "T65.9", "T59.9")
# A story of a farm, garden or household chemical, not of a medicine: a "(medicinal)" line is not its line
# ("Malathion (medicinal)" is the lotion; the insecticide is another line).
NOT_MEDICINAL = re.compile(
    r"\b(?:spray|sprayed|spraying|fumes|vapou?rs?|exposed|farm\w*|crops?|garden\w*|pesticides?|"
    r"insecticides?|herbicides?|weed\s+killer|bug\s+spray)\b"
)
CATCH_ALL = re.compile(r"\bnec\b|\btype\s+not\s+specified\b|\bunspecified\b")
MAX_PHRASE = 4  # the words of the longest Table name read
MIN_USE_WORD = 5  # letters of a word read as what an "Anti-" row treats ("allergy")
MIN_SYNONYM_PHRASE = 5  # letters of a phrase read by its other names ("ackee")


@dataclass(frozen=True)
class SubstanceStory:
    """The Table line's name as the Table prints it, the column's words, and the query they make."""

    substance: str
    column: str
    query: str
    contact: bool = False  # told only by the substance's contact ("exposed to"): a toxic effect's line only

    def kept(self, code: str, title: str, why: str = "", text: str = "") -> bool:
        """Whether a poisoning read already, in the story's column and of a named substance, is kept: the
        Index's own Table path ("nitrates cellulose") names more than the story's one main term. A catch-all
        row of a class or a form ("Eye drug NEC" for "atropine ... from eye drops") is not: the Table is read
        at the substance's own row first, and the story names it; nor is a row that does not name the
        story's substance and whose own first word the query (`text`) does not say ("Barrier cream" for "ate
        hemorrhoid cream": Antihemorrhoidal preparation)."""
        intent = self.column.removeprefix("poisoning ").split()[0]
        cited = why.partition("Drug Table: ")[2].split(" -> ")[0].lower()
        if CATCH_ALL.search(cited.split(", ")[0]) and not CATCH_ALL.search(self.substance.lower()):
            return False
        head = cited.replace(",", " ").split()[:1]
        if head and self.name.replace(",", " ").split()[0] not in cited and head[0] not in text.lower():
            return False
        return intent in title.lower() and not code.startswith(UNSPECIFIED)

    @property
    def name(self) -> str:
        """The substance's name in lower case, without its parenthesised modifiers ("malathion")."""
        return without_modifiers(self.substance).lower()

    def names(self, why: str) -> bool:
        """Whether a Drug Table answer's path is the substance's own line (its name's first words)."""
        name = self.name.split(",")[0]
        return f"drug table: {name}" in why.lower()

    def names_in(self, path: str) -> bool:
        """Whether an Index line's path names the substance ("Contact, lead"; "Exposure, aromatic amines" names
        "Aromatics, corrosive"): its name's first word, a plural read as the word."""
        first = self.name.replace(",", " ").split()[0]
        stem = first[:-1] if first.endswith("s") and len(first) > 4 else first
        return re.search(rf"\b{re.escape(stem)}", path.lower().partition(",")[2]) is not None

    def answered_by(self, title: str, why: str) -> bool:
        """Whether a code read already (its title and path) is the story's: the substance's line, the column."""
        name = self.name
        intent = self.column.removeprefix("poisoning ").split()[0]
        path = why.lower().split(" -> ")[0]  # the line read, not the vocabulary's note after it
        return name in path and intent in title.lower()


def without_modifiers(name: str) -> str:
    """A Table line's name without its parenthesised nonessential modifiers ("Malathion (medicinal)")."""
    return _MODIFIERS.sub("", name)


_MODIFIERS = re.compile(r"\s*\([^)]*\)")


def may_tell_story(text: str) -> bool:
    """Whether a query has the words of a poisoning story at all (taking something, and no other kind of
    story): the cheap test before the Table's names are read (`read_substance_story` tests it again)."""
    lowered = " ".join(text.lower().replace(",", " , ").split())
    return bool(TAKING.search(lowered) or CONTACT.search(lowered)) and not OTHER_STORY.search(lowered)


SUBSTANCES = "drug_table_substances"  # the derived table (bot.lookups.derived_tables) the data build stores


def table_substances(conn: sqlite3.Connection) -> dict[str, str]:
    """The Drug Table's substances by name (`build_table_substances`) as the data build stored them (one row
    decoded), or, in a database built before they were stored, worked out from the Table (~25 ms)."""
    names = derived.stored_or_built(
        conn, SUBSTANCES, derived.decode_names, lambda: build_table_substances(conn)
    )
    return {**use_rows(conn), **names}


# An indented row that names a use of the substance, not the rest of its name ("Camphor": insecticide,
# medicinal; "Carbon": monoxide is a name).
USE_ROW = re.compile(r"^(?:non)?medicinal\b|^insecticides?\b|^pesticides?\b")


def use_rows(conn: sqlite3.Connection) -> dict[str, str]:
    """The Drug Table's main terms with no code of their own whose indented rows are its uses ("Camphor":
    insecticide T60.2, medicinal T49.8), by their name in lower case: the story's words choose the row
    (bot.lookups.index.drug_rows), so the substance is named like any other."""
    rows = conn.execute(
        "SELECT p.term, n.term FROM index_nodes p JOIN index_nodes n ON n.parent = p.id "
        "WHERE p.book = 'drug' AND p.depth = 0 AND p.cells LIKE '|%'"
    )
    return {
        without_modifiers(str(term)).lower(): str(term)
        for term, sub in rows
        if USE_ROW.search(str(sub).lower())
    }


def build_table_substances(conn: sqlite3.Connection) -> dict[str, str]:
    """The Drug Table's main terms with a poisoning code of their own, by their name in lower case (without
    their parenthesised modifiers, "Cannabinoids, synthetic" also as "synthetic cannabinoids" and "Moth
    balls" as "mothballs"), each with the term and its modifiers as the Table prints them. A catch-all line ("Gas NEC", "Paint NEC") is kept by its name too:
    the story's more specific name wins (`read_substance_story`)."""
    names: dict[str, str] = {}
    heads: dict[str, str] = {}  # "Kerosene, kerosine NEC" named by its first word when no line is
    rows = conn.execute("SELECT term, modifiers, cells FROM index_nodes WHERE book = 'drug' AND depth = 0")
    for name_only, modifiers, cells in rows:
        term = f"{name_only} {modifiers}".strip()
        accidental = str(cells).split("|")[0]
        if not accidental or accidental.startswith(UNSPECIFIED):
            continue  # its subterms say which substance; "Tablets", "Drug NEC": no substance named
        name = without_modifiers(str(name_only).lower())
        name = " ".join(re.sub(r"\bnec\b", " ", name).split()).strip(" ,")
        if not name:
            continue
        names.setdefault(name, str(term))
        if " " in name and "," not in name:
            names.setdefault(name.replace(" ", ""), str(term))  # "Moth balls" said "mothballs"
        if ", " in name:
            head, rest = name.split(", ", 1)
            names.setdefault(f"{rest} {head}", str(term))
            heads.setdefault(head, str(term))
    for head, term in heads.items():
        names.setdefault(head, term)
    # A main term names more substances by its subterms: "Nitrous, oxide", "Amyl, nitrite", "Carbon,
    # monoxide" (no code of their own), "Hydrogen, sulfide" (said "hydrogen sulfide", not hydrogen's line).
    rows = conn.execute(
        "SELECT p.term, n.term, n.cells FROM index_nodes n JOIN index_nodes p ON n.parent = p.id "
        "WHERE n.book = 'drug' AND n.depth = 1 AND p.depth = 0"
    )
    for head, sub, cells in rows:
        accidental = str(cells).split("|")[0]
        name = " ".join(re.sub(r"\bnec\b", " ", f"{head} {sub}".lower()).split())
        if accidental and not accidental.startswith(UNSPECIFIED) and "(" not in name:
            names.setdefault(name, f"{head}, {sub}")
    return names


def read_substance_story(
    text: str,
    names: dict[str, str],
    expand: Callable[[str], str],
    synonyms: Callable[[str], Sequence[str]] | None = None,
    nonmedicinal: Callable[[str], Sequence[str]] | None = None,
    everyday: Callable[[str], bool] | None = None,
) -> SubstanceStory | None:
    """The poisoning story a query tells, as a Drug Table query ("toddler bit into a benzonatate capsule" ->
    "Benzonatate poisoning accidental"); None when the query tells no such story or names no single Table
    substance. `expand` reads brand and street names as the generic the Table lists ("dxm" ->
    dextromethorphan); `synonyms` (a general dictionary's other names of a plant, food or substance: WordNet)
    reads a thing the Table lists by another name ("jack-in-the-pulpit" -> cuckoopint, "ackee" -> akee,
    "deadly nightshade" -> belladonna) when no name the query says is a Table line. `nonmedicinal` gives the
    words of a "(medicinal)" line's subterm of its other use ("Malathion (medicinal)", insecticide), read where
    the story tells a farm, garden or household chemical. `everyday` tells an ordinary English word: of two
    rows named, the chemical's own name is the substance and the everyday word its product or source
    ("hexachlorophene soap", "acrolein smoke ... cooking oil")."""
    if not may_tell_story(text):
        return None
    lowered = " ".join(text.lower().replace(",", " , ").split())
    read = expand(lowered)
    as_typed = _named_substances(lowered, names)
    # A Table name of several words the query typed ("weed killer") is read as typed: the vocabulary's
    # reading of one of its words ("weed" -> cannabis) would name a substance the query does not.
    found = (
        as_typed
        if any(" " in CATCH_ALL.sub(" ", without_modifiers(t).lower()).strip() for t in as_typed)
        else _named_substances(read, names) or as_typed
    )
    if not found or all(CATCH_ALL.search(t.lower()) for t in found):
        found = _named_by_use(lowered, names) or found
    if not found and synonyms is not None:
        found = _named_by_synonym(lowered, names, synonyms)
    if not found:
        return None
    # A catch-all line ("Pesticide NEC", "Cleaner, cleansing agent, type not specified") gives way to the
    # substance named beside it: "ammonia cleaner" is the ammonia's line.
    specific = [t for t in found if not CATCH_ALL.search(t.lower())] or found
    longest = max(len(t.split()) for t in specific)
    lines = {t for t in specific if len(t.split()) == longest}
    if len(lines) > 1 and everyday is not None:
        chemical = {t for t in lines if not everyday(without_modifiers(t).lower().split(",")[0])}
        lines = chemical if len(chemical) == 1 else lines
    if len(lines) != 1:
        return None  # two substances: each is coded, and the words do not say which leads
    substance = lines.pop()
    if (
        substance.lower().startswith(USED_SUBSTANCES)
        and not POISONING.search(lowered)
        and (USE_VERBS.search(lowered) or not TAKING.search(USE_VERBS.sub(" ", lowered)))
    ):
        return None  # "smoked weed", "drank beer": a use
    below_line: list[str] = []
    # ("Malathion (medicinal)" sprayed on a farm: its subterm "insecticide", the line of the other use)
    if (
        "(medicinal)" in substance.lower()
        and NOT_MEDICINAL.search(lowered)
        and (nonmedicinal is None or not (below_line := list(nonmedicinal(substance))))
    ):
        return None
    # (the intent a drug story phrase reads too: "poisoned with X by someone else" is an assault)
    told = f"{lowered} {read_drug_story(lowered)}"
    column = next((words for pattern, words in INTENTS if pattern.search(told)), ACCIDENTAL)
    encounter = [w for w in lowered.split() if w in ENCOUNTER_WORDS]
    typed = set(lowered.split())
    # The words the vocabulary read right after the substance are its Table subterm ("whiskey" -> alcohol
    # beverage: Alcohol, beverage).
    below = below_line or list(takewhile(lambda w: w not in typed, found[substance]))
    query = " ".join([without_modifiers(substance).replace(",", ""), *below, column, *encounter])
    contact = not TAKING.search(lowered)
    return SubstanceStory(substance, column, query, contact)


def _named_substances(text: str, names: dict[str, str]) -> dict[str, list[str]]:
    """The Table terms named in the text, by their whole name (a word's plural read as the word, a plural
    name said in the singular: "a mothball" for "Moth balls"), each with the two words said after it."""
    words = re.findall(r"[a-z0-9][a-z0-9'-]*", text)
    found: dict[str, list[str]] = {}
    for size in range(MAX_PHRASE, 0, -1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            term = names.get(phrase) or names.get(phrase + "s")
            if term is None and size == 1 and phrase.endswith("s"):
                term = names.get(phrase[:-1])
            if term is not None and term not in found:
                found[term] = words[i + size : i + size + 2]
    return found


def _named_by_use(text: str, names: dict[str, str]) -> dict[str, list[str]]:
    """The Table's "Anti-" row a medicine named by what it treats says ("hemorrhoid cream" ->
    Antihemorrhoidal preparation, "allergy pills" -> Antiallergic NEC, "diarrhea medicine" -> Antidiarrheal
    drug NEC): a word before a medicine's form (bot.lookups.index.drug_rows.MEDICINE_FORMS) whose stem
    begins the rest of an "Anti" row's first word (all but its last three letters at least)."""
    words = re.findall(r"[a-z0-9][a-z0-9'-]*", text)
    for i, word in enumerate(words[:-1]):
        if stem(words[i + 1]) not in MEDICINE_FORMS or len(word) < MIN_USE_WORD:
            continue
        said = stem(word)
        found = {
            term
            for treats, term in _anti_rows(names).items()
            if _shared(said, treats) >= max(MIN_USE_WORD, min(len(said), len(treats)) - 3)
        }
        if len(found) == 1:
            return {found.pop(): []}
    return {}


def _shared(one: str, other: str) -> int:
    """The length of two words' common beginning."""
    return next(
        (i for i, (a, b) in enumerate(zip(one, other, strict=False)) if a != b), min(len(one), len(other))
    )


_anti: dict[int, tuple[dict[str, str], dict[str, str]]] = {}


def _anti_rows(names: dict[str, str]) -> dict[str, str]:
    """The "Anti-" rows by the first word of what they are against ("hemorrhoidal", "allergic"), once per
    names dictionary."""
    held = _anti.get(id(names))
    if held is None or held[0] is not names:
        rows: dict[str, str] = {}
        for name, term in sorted(names.items(), key=lambda item: len(item[0])):
            # (a main row the Table prints as "Anti...", not an indented row or a name turned round)
            if name.startswith("anti") and term.lower().startswith("anti") and "," not in term:
                rows.setdefault(name.removeprefix("anti").lstrip("-").split()[0].split("-")[0], term)
        held = _anti[id(names)] = (names, rows)
        if len(_anti) > 4:
            _anti.pop(next(iter(_anti)))
    return held[1]


def _named_by_synonym(
    text: str, names: dict[str, str], synonyms: Callable[[str], Sequence[str]]
) -> dict[str, list[str]]:
    """The Table terms a word or phrase of the text names by another name of it (longest phrase first)."""
    words = re.findall(r"[a-z0-9][a-z0-9'-]*", text)
    for size in range(MAX_PHRASE, 0, -1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            if len(phrase) < MIN_SYNONYM_PHRASE or phrase in CONNECTORS:
                continue  # ("a" is vitamin A's letter, "lead" the metal: a word too short or too common)
            for other in synonyms(phrase):
                term = names.get(other) or names.get(other + "s")
                if term is not None:
                    return {term: words[i + size : i + size + 2]}
    return {}
