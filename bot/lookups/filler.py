"""The medical core of a query told as a sentence: the words a coder reads past, and what is left.

People type a codable condition inside everyday words: "cough that won't go away", "rash on my son",
"hypoxia on room air", "pt reports intermittent palpitations", "nocturia 3-4 times nightly". A coder reads
past those words to the main term. `medical_core` does the same with a closed lexicon of word *classes* that
carry no medical information in a query - pronouns and determiners, auxiliaries and everyday verbs, how long
or how often something happens, who has it, where it happened, how the chart reports it, numbers with their
units - and gives back the words left, with the words not used, so the search can answer the core and say
what it left out.

The lexicon is deliberately closed: a word outside it ("dishwasher", "stapler", "printer") is never read
past, so nonsense and off-topic text keep their refusal. A negation is never read past: "no fever" must not
become "fever"; but a clause the chart denies ("denies SI", "no LOC") is read past whole when another clause
says what is present ("denies SI, reports anhedonia" -> anhedonia). It is used only when the query as typed found no
confident answer (bot.lookups.search.Searcher.find).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.lookups.index.store import BOOK_NAMES
from bot.lookups.index.tree import COLUMN_LABELS
from bot.lookups.index.word_forms import derived_stems, related_stems
from bot.lookups.index.words import base_stem, stem
from bot.lookups.schema import WORD

# Who, what, which: pronouns, possessives, determiners, question words.
_PEOPLE_WORDS = """
i me my mine myself you your yours yourself he him his himself she her hers herself they them their theirs
themselves we us our ours ourselves it its itself this that these those who whom whose which what there
here someone somebody anyone everyone the a an some any every
"""
# Auxiliaries, modals and everyday verbs that frame a complaint rather than name it.
_VERBS = """
is are was were be been being am has have had having do does did doing done will would can could should
shall may might must won't wont don't dont doesn't doesnt didn't didnt can't cant isn't isnt aren't arent
wasn't wasnt haven't havent hasn't hasnt i'm im i've ive it's get gets got getting gotten go goes going went
gone keep keeps kept keeping come comes coming came seem seems seemed think thinks thought guess need needs
needed want wants wanted help look looking looks like likes happen happens happened happening start starts
started starting stop stops stopped stay stays stayed feel feels feeling felt wake
wakes waking woke lasting lasts lasted bother bothers bothering bothered
"""
# How long, how often, how much: duration, recurrence and intensity words.
_WHEN = """
away again still always constantly forever lately recently now today tonight yesterday tomorrow ago since
ever often sometimes usually anymore already yet long while whole day days week weeks month months year
years hour hours minute minutes time times night nights morning mornings evening evenings nightly daily
weekly per every really very so too just pretty quite bit lot lots kind sort much many super all bad badly
terrible awful completely totally entirely extremely absolutely literally
"""
# Who has it: family members and people in general.
_WHO = """
son sons daughter daughters kid kids child childs children toddler toddlers baby babys babies infant husband
husbands wife wifes mom moms mother mothers dad dads father fathers grandma grandmas grandmother
grandmothers grandpa grandpas grandfather grandfathers brother brothers sister sisters friend friends man
mans men woman womans women guy guys lady ladies boy boys girl girls person people patient patients pt pts
client yo
"""
# Where it happened or was found: everyday places and settings, read past only when nothing but a linking
# or filler word comes before them ("at home", "in my house"): "nursing home" names a place of occurrence.
_PLACES = """
home house store shop mall school daycare work job office gym park outside inside room restaurant church
"""
_WHERE = frozenset(_PLACES.split())
# How the chart or the asker reports it: telling verbs (who tells it), finding verbs (how it was found),
# request words (what the asker wants of the coder).
_TELLING = """
reports reported reporting report states stated says said complains complained complaining presents
presented presenting notes endorses endorsed describes described mentions mentioned tells told
"""
_FINDING = """
noted found seen showing shows shown
"""
_REQUEST = """
please code codes coding icd lookup
"""
_REPORTED = " ".join((_TELLING, _FINDING, _REQUEST))
# Conjunctions that join a complaint to its circumstances ("burning when i pee").
_CONJUNCTIONS = """
when whenever if because but though although unless until whether
"""
# Units that go with a number ("10 lb", "800 ml", "3-4 times nightly").
_UNITS = """
lb lbs pound pounds kg kilo kilos ml cc oz ounce ounces liter liters litre litres inch inches cm x
mo mos wk wks yr yrs hr hrs min mins
"""

_WHEN_WORDS = frozenset(_WHEN.split())
_PEOPLE = frozenset(_PEOPLE_WORDS.split())
#: Who has or tells the complaint (family members, people in general) and the verbs that tell it: the words
#: of a reporting frame ("pt reports ...", "..., per mom"; bot.lookups.index.framing_words).
WHO_WORDS: frozenset[str] = frozenset(_WHO.split())
TELLING_WORDS: frozenset[str] = frozenset(_TELLING.split())
FILLER: frozenset[str] = frozenset(
    " ".join((_PEOPLE_WORDS, _VERBS, _WHEN, _WHO, _REPORTED, _UNITS, _CONJUNCTIONS)).split()
)
# Words that only frame when they follow a word of motion: "keeps coming back", "all over".
_AFTER: dict[str, frozenset[str]] = {
    "back": frozenset({"coming", "comes", "came", "come", "going", "goes", "went"}),
    "over": frozenset({"all"}),
    "air": frozenset({"room"}),  # "on room air": the setting of a measurement
    "old": frozenset({"year", "years", "yr", "yrs", "month", "months", "week", "weeks", "day", "days"}),
}
# Words that only frame before a time word: "last night", "past year", "few days".
_BEFORE_TIME = frozenset({"last", "past", "next", "few", "couple", "several", "other"})
# How many, spelled out, before a time word: "for three weeks", "two nights in a row".
_COUNT_WORDS = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}
)
# A degree word before another filler word: "way too much", "way more".
_DEGREE_BEFORE_FILLER = frozenset({"way"})
# Words that only frame after a filler word: "wakes me up", "keeps him up".
_AFTER_FILLER = frozenset({"up"})
# An age or a duration typed as one word ("9yo", "6wks", "72hrs", "3y/o"), or a measured value (">72"); a
# chart's count of times or days ("x2", "x3", "x3d", "x2wks").
_GLUED = re.compile(
    r"^(?:[<>~]?[0-9]+(?:\.[0-9]+)?(?:yo|y/o|yr|yrs|y|mo|mos|wk|wks|d|hr|hrs|h|min|mins)?"
    r"|x[0-9]+(?:d|days?|wks?|weeks?|hrs?|mos?)?)$"
)
# How a finding was seen, after a linking word: "noted on CT", "seen on MRI", "per ultrasound", "found on EP
# study", "on 12 lead", "on UA dip", "on SDOH screen".
_SEEN_BY = frozenset(
    {
        "ct",
        "mri",
        "xray",
        "x-ray",
        "ultrasound",
        "us",
        "imaging",
        "scan",
        "exam",
        "study",
        "echo",
        "ekg",
        "ecg",
        "eeg",
        "cxr",
        "labs",
        "lab",
        "dip",
        "dipstick",
        "urinalysis",
        "swab",
        "screen",
        "panel",
        "lead",
        "film",
        "films",
        "monitor",
    }
)
# The short name of a test before one of those words ("EP study", "UA dip", "sleep study", "12 lead").
_TEST_NAME = re.compile(r"^[a-z0-9]{1,5}$")
# Where in the hospital a chart says it happened, read past after a linking word only ("in NICU", "in triage",
# "on the floor"): "ED" alone is erectile dysfunction.
_WARDS = frozenset(
    {"er", "ed", "icu", "nicu", "picu", "micu", "sicu", "ccu", "pacu", "triage", "clinic", "ward", "floor"}
)
# A clause saying only that the cause is still being worked up ("etiology pending", "w/u pending", "source
# unclear"): read past whole when another clause says what is present.
_WORKUP = frozenset(
    {
        "etiology",
        "workup",
        "w/u",
        "pending",
        "unclear",
        "undetermined",
        "cause",
        "source",
        "tbd",
        "still",
        "to",
        "be",
    }
)
_WORKUP_MARKS = frozenset({"pending", "unclear", "undetermined", "tbd"})
# A clause of pertinent negatives or normal status ("afebrile", "asymptomatic", "hemodynamically stable",
# "baseline unknown", "first ever"): it says what is absent or how the chart knows, no condition.
_NORMAL_STATUS = frozenset(
    {"afebrile", "asymptomatic", "normotensive", "nontoxic", "non-toxic", "hemodynamically", "stable"}
    | {"alert", "oriented", "ambulatory", "well-appearing", "nad", "comfortable", "vss", "wnl"}
    | {"unremarkable"}
    | {"baseline", "unknown", "first", "ever", "time", "this", "am", "pm", "appearing", "well", "otherwise"}
)
_NORMAL_MARKS = frozenset(
    {"afebrile", "asymptomatic", "normotensive", "nontoxic", "non-toxic", "stable", "nad", "vss", "wnl"}
    | {"unremarkable", "unknown", "ever", "am", "pm", "well-appearing", "comfortable"}
)
_VIA = frozenset({"on", "per", "by", "via"})
# Linking words that introduce what follows: read past with a filler word after them ("on my son", "at
# daycare", "in a woman", "on room air").
LINKING = frozenset(
    {"on", "in", "at", "for", "from", "to", "of", "by", "after", "during", "since", "about", "over"}
)
# A negation turns the meaning around: never read past it.
_NEGATION = frozenset(
    {"no", "not", "non", "never", "denies", "denied", "deny", "without", "negative", "none", "nor", "neither"}
)
# The words a chart denies a finding with: the clause holding one says what is absent.
DENIALS = frozenset({"no", "denies", "denied", "deny", "denying", "negative", "never"})


# A denial inside a clause that opens what the patient is not taking or has no history of ("not on any
# anticoagulant", "no hx of asthma", "not taking insulin").
_DENIED_CONTEXT = frozenset({"no", "not", "denies", "denied"})
_CONTEXT_AFTER_DENIAL = frozenset(
    {
        "on",
        "taking",
        "using",
        "receiving",
        "any",
        "known",
        "hx",
        "history",
        "h/o",
        "prior",
        "previous",
        "currently",
    }
)


# A clause that opens by denying ("denies chest pain", "pt denied SI"): the chart's way of saying a finding is
# absent. A claim's "denied" ("claim denied CO-97") opens with no denying verb, or with a word no person is.
_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
_DENYING_CLAUSE = re.compile(r"^\s*(?:(?P<who>[a-z.]+)\s+)?(?:denies|denied|denying)\b", re.IGNORECASE)


def denies_every_finding(query: str) -> bool:
    """Whether every clause of the query denies a finding ("pt denies chest pain; denies SOB"): a denied finding
    is not coded (ICD-10-CM guidelines I.B.4-6 code signs and symptoms that are present)."""
    kept, cut = _split_denied(query)
    return bool(cut) and not kept


def without_denied(query: str) -> tuple[str, tuple[str, ...]] | None:
    """The query less what it denies, and the words cut, when it denies some findings and says others ("denies
    fever but has cough" -> "has cough"; "pt denies nausea, reports heartburn" -> "reports heartburn"); None
    when it denies nothing or only denies."""
    kept, cut = _split_denied(query)
    return (", ".join(kept), tuple(cut)) if kept and cut else None


def _split_denied(query: str) -> tuple[list[str], list[str]]:
    """The clauses (or clause ends) that say what is found, and the words that deny. A clause that opens with
    a denying verb denies up to a word saying what is found ("denies CP and reports SOB"); a bare short item
    after it is of the same list ("denies chest pain, SOB"); a claim's "denied" denies no finding."""
    kept: list[str] = []
    cut: list[str] = []
    listing = False  # whether the clause before was a denial that a bare item may continue
    for clause in _clauses(query):
        words = clause.split()
        if _opens_by_denying(clause):
            found_at = next((n for n, w in enumerate(words) if w.lower() in _FINDING_FOLLOWS), None)
            if found_at is None:
                cut += words
                listing = True
                continue
            cut += words[: found_at + 1]
            words = words[found_at + 1 :]
        elif listing and _is_bare_list_item(clause):
            cut += words
            continue
        listing = False
        if words:
            kept.append(" ".join(words))
    return kept, cut


_CLAUSE_BREAK = re.compile(r"[,;]|\.\s")


def _clauses(query: str) -> list[str]:
    """The query cut at commas, semicolons and full stops; a stop after who is speaking ("pt. denies") is not
    the end of a sentence."""
    clauses: list[str] = []
    for piece in (p for p in _CLAUSE_BREAK.split(query) if p.strip()):
        if clauses and clauses[-1].strip().lower() in WHO_WORDS:
            clauses[-1] = f"{clauses[-1]} {piece}"
        else:
            clauses.append(piece)
    return clauses


# Words after which a clause says what is found, not what is denied.
_FINDING_FOLLOWS = frozenset(
    {
        "but",
        "however",
        "though",
        "although",
        "yet",
        "except",
        "reports",
        "reported",
        "reporting",
        "has",
        "have",
        "had",
        "endorses",
        "endorsed",
        "admits",
        "admitted",
        "c/o",
        "complains",
        "complaining",
        "positive",
        "states",
        "presents",
        "found",
    }
)
_LIST_ITEM_WORDS = 3


def _opens_by_denying(clause: str) -> bool:
    found = _DENYING_CLAUSE.match(clause)
    if found is None:
        return False
    who = found["who"].lower() if found["who"] is not None else None
    return who is None or who in WHO_WORDS or who in _PRONOUNS


def _is_bare_list_item(clause: str) -> bool:
    """A short item with no number of its own ("SOB", "chills and sweats"), not "BP 180/100" or "cough x3 days"."""
    words = clause.lower().split()
    return (
        len(words) <= _LIST_ITEM_WORDS
        and not any(ch.isdigit() for ch in clause)
        and not any(w in _FINDING_FOLLOWS for w in words)
    )


def denies(clause: str) -> bool:
    """Whether a clause says a finding is absent ("denies SI", "no LOC", "negative for fever")."""
    return any(w in DENIALS for w in WORD.findall(clause.lower()))


# A negative auxiliary is a negation too ("toddler won't eat", "cannot walk"), except before a word saying
# the complaint persists ("won't go away", "doesn't stop", "won't heal").
_NEGATIVE_AUXILIARY = frozenset(
    [
        "won't",
        "wont",
        "can't",
        "cant",
        "cannot",
        "don't",
        "dont",
        "doesn't",
        "doesnt",
        "didn't",
        "didnt",
        "isn't",
        "isnt",
        "aren't",
        "arent",
        "wasn't",
        "wasnt",
        "unable",
    ]
)
_PERSISTS = frozenset({"go", "stop", "quit", "end", "heal", "clear", "improve", "resolve", "let"})
_PERSISTS_AFTER = frozenset({"up", "away", "off"})  # "clear up", "let up", "go away", "wear off"
_CONNECTING = frozenset({"with", "and", "due", "or", "the", "a", "an"})
_NUMBER = re.compile(r"^[0-9]+(?:[.,/-][0-9]+)*$")
# The short name a measured value follows ("k", "a1c", "na", "inr", "bmi"): letters, perhaps a digit.
_ANALYTE = re.compile(r"^[a-z][a-z0-9]{0,2}$")


@dataclass(frozen=True)
class Core:
    text: str  # the words left, in the order typed
    unused: tuple[str, ...]  # the words read past, as typed
    filler: bool = True  # whether filler words were read past (not only a word left out)


def medical_core(text: str) -> Core | None:
    """The query without its filler words, or None when there is nothing to read past, nothing would be
    left, or the query says a negation. Its clauses (split at commas and semicolons) stay apart."""
    tokens: list[str] = []
    clause_of: list[int] = []
    n = 0
    for clause in re.split(r"[,;]", text.lower().replace("\u2019", "'")):
        words = clause.split()
        for i, word in enumerate(words):
            # "INR 1.8 not on any anticoagulant", "wheezing no hx asthma": a denial of a drug or a history
            # inside a clause opens a clause of its own, which the chart denies.
            if 0 < i < len(words) - 1 and word in _DENIED_CONTEXT and words[i + 1] in _CONTEXT_AFTER_DENIAL:
                n += 1
            tokens.append(word)
            clause_of.append(n)
        n += 1
    if not tokens:
        return None
    # A clause the chart denies is read past whole when another clause says what is present ("denies SI,
    # reports anhedonia"); any other negation ("without", "won't eat") is never read past.
    denied = {clause_of[i] for i, t in enumerate(tokens) if any(w in DENIALS for w in WORD.findall(t))}
    denied |= {
        clause_of[i]
        for i, t in enumerate(tokens)
        if t == "not"
        and (i == 0 or clause_of[i - 1] != clause_of[i])
        and i + 1 < len(tokens)
        and tokens[i + 1] in _CONTEXT_AFTER_DENIAL
    }
    if denied >= set(clause_of) or any(
        _negates(tokens, i) for i in range(len(tokens)) if clause_of[i] not in denied
    ):
        return None
    workup = {
        n for n in set(clause_of) if _works_up([t for t, c in zip(tokens, clause_of, strict=True) if c == n])
    }
    if workup >= set(clause_of):
        workup = set()
    dropped = [clause_of[i] in denied | workup or _filler(tokens, i) for i in range(len(tokens))]
    # A measured value goes with the short name before it ("K 2.9", "A1c 6.1", "Na 128"): a chart's reading.
    for i in range(1, len(tokens)):
        name = tokens[i - 1]
        if (
            _NUMBER.match(tokens[i])
            and not (i + 1 < len(tokens) and dropped[i + 1])  # "wt loss 10 lbs": a number with its unit
            and _ANALYTE.match(name)
            and name not in LINKING
            and name not in _CONNECTING
            and name not in FILLER
            and clause_of[i] == clause_of[i - 1]
        ):
            dropped[i - 1] = dropped[i] = True
    # A number before a unit or a filler word goes with it ("10 lb", "3-4 times"), and a linking word before
    # either goes with them ("on my son", "over 2 wks").
    for kind in (_NUMBER.match, LINKING.__contains__):
        for i, token in enumerate(tokens):
            if kind(token) and i + 1 < len(tokens) and dropped[i + 1]:
                dropped[i] = True
    if not any(dropped):
        return None
    clauses: list[list[str]] = []
    for n in dict.fromkeys(clause_of):
        kept = [t for t, d, c in zip(tokens, dropped, clause_of, strict=True) if c == n and not d]
        # A linking word left at either end links nothing.
        while kept and kept[-1] in LINKING:
            kept.pop()
        while kept and kept[0] in LINKING:
            kept.pop(0)
        if any(WORD.search(t) for t in kept):
            clauses.append(kept)
    if not clauses:
        return None
    unused = tuple(t for t, d in zip(tokens, dropped, strict=True) if d)
    return Core(", ".join(" ".join(c) for c in clauses), unused)


# Words opening a clause that tells when, or after what, a complaint comes ("jaw clicks when I chew", "spits
# up after every feeding", "dizzy whenever I stand"): a coder codes the complaint, not what sets it off.
_CIRCUMSTANCE = frozenset({"when", "whenever", "while", "after", "since", "during", "once"})


# "every time I brush", "each time i stand": a clause opening with two words.
_EVERY = frozenset({"every", "each", "any"})


# A clause conceding what does not explain the complaint ("yawning all day even after a full night's sleep",
# "despite brushing twice a day"): no word of the complaint either (bot.lookups.index.lay_sentences reads a
# patient's sentence without it before any search).
_CONCEDING = frozenset({"despite", "although", "though", "regardless"})
_CONCEDING_PAIRS = frozenset(
    {("even", "after"), ("even", "though"), ("even", "when"), ("even", "if"), ("no", "matter")}
)


# "sleepwalks most nights", "headache every morning", "some days": how often the complaint comes, told by a
# quantity before a time of day or a span.
HOW_OFTEN: frozenset[str] = frozenset({"most", "every", "each", "some", "many"})
TIME_NOUNS: frozenset[str] = frozenset(
    {
        "day",
        "days",
        "night",
        "nights",
        "morning",
        "mornings",
        "evening",
        "evenings",
        "week",
        "weeks",
        "weekend",
    }
)


def _opens_circumstance(words: list[str], n: int) -> bool:
    if words[n] in _CIRCUMSTANCE or words[n] in _CONCEDING:
        return True
    if words[n] in HOW_OFTEN and n + 1 < len(words) and words[n + 1].rstrip(".!?") in TIME_NOUNS:
        return True
    if n + 1 < len(words) and (words[n], words[n + 1]) in _CONCEDING_PAIRS:
        return True
    return words[n] in _EVERY and n + 1 < len(words) and words[n + 1] == "time"


def without_circumstance(text: str) -> Core | None:
    """The text less each clause part telling when or after what the complaint comes (from the opening word
    up to the next comma), with the words cut as unused; None when the text tells none, or nothing would be
    left before it."""
    kept: list[str] = []
    cut: list[str] = []
    for clause in re.split(r"[,;]", text.lower().replace("\u2019", "'")):
        words = clause.split()
        at = next((n for n, w in enumerate(words) if n > 0 and _opens_circumstance(words, n)), None)
        if at is not None:
            cut += words[at:]
            words = words[:at]
        if words:
            kept.append(" ".join(words))
    if not cut or not kept or not content_words(" ".join(kept)):
        return None
    return Core(", ".join(kept), tuple(cut))


# The words saying a side, or both: a code without laterality does not use them.
SIDE_WORDS = frozenset(
    {"right", "left", "r", "l", "rt", "lt", "both", "bilateral", "bilat", "side", "sided", "one", "two"}
)


def says_negation(text: str) -> bool:
    """Whether the text says a negation anywhere (a negating word, a negative auxiliary)."""
    tokens = text.lower().replace("\u2019", "'").split()
    return any(_negates(tokens, i) for i in range(len(tokens)))


def _negates(tokens: list[str], i: int) -> bool:
    """Whether the word at `i` says a negation: a negating word, or a negative auxiliary not followed by a
    word saying the complaint persists ("won't go away")."""
    if any(w in _NEGATION for w in WORD.findall(tokens[i])):
        return True
    return tokens[i] in _NEGATIVE_AUXILIARY and (i + 1 == len(tokens) or tokens[i + 1] not in _PERSISTS)


def content_words(core: str) -> list[str]:
    """The core's words that name something (linking words, connectors and numbers aside)."""
    return [
        w
        for token in core.split()
        for w in WORD.findall(token)
        if w not in LINKING and w not in _CONNECTING and not _NUMBER.match(w)
    ]


def _filler(tokens: list[str], i: int) -> bool:
    token = tokens[i].strip(".!?\"'()")
    if token in FILLER or (token.endswith("'s") and token[:-2] in FILLER):  # "my son's"
        return True
    if _GLUED.match(token) and not _NUMBER.match(token):  # "9yo", ">72": a bare number goes with its unit
        return True
    before = tokens[i - 1] if i > 0 else ""
    after_word = tokens[i + 1].strip(".!?\"'()") if i + 1 < len(tokens) else ""
    if (token in _BEFORE_TIME or token in _COUNT_WORDS) and after_word in _WHEN_WORDS:
        return True
    if token in _DEGREE_BEFORE_FILLER and after_word in FILLER:
        return True
    if token in _AFTER_FILLER and before in FILLER:
        return True
    # "won't heal", "doesn't clear up", "won't let up": the complaint persists, which says nothing to the Index.
    if token in _PERSISTS and before in _NEGATIVE_AUXILIARY:
        return True
    if token in _PERSISTS_AFTER and before in _PERSISTS and i > 1 and tokens[i - 2] in _NEGATIVE_AUXILIARY:
        return True
    if token in _WHERE:
        return not before or before in LINKING or before in FILLER
    if token in _SEEN_BY and (
        before in _VIA or (_TEST_NAME.match(before) and i > 1 and tokens[i - 2] in _VIA)
    ):
        return True
    if (
        after_word in _SEEN_BY and before in _VIA and _TEST_NAME.match(token)
    ):  # "on EP study": the test's name
        return True
    if token in _WARDS:
        return before in LINKING or (before in _PEOPLE and i > 1 and tokens[i - 2] in LINKING)  # "in the ICU"
    after = _AFTER.get(token)
    return after is not None and before in after


def seen_on_study(unused: Sequence[str]) -> bool:
    """Whether the words read past say the study a finding was seen on ("on cxr", "noted on CT"): what was
    seen is the answer, not the study."""
    return any(w.strip(".!?\"'()") in _SEEN_BY for w in unused) and any(w in _VIA for w in unused)


def _works_up(clause: list[str]) -> bool:
    """Whether a clause says only that the cause is still being worked up ("etiology pending"), or only what
    is absent or normal ("afebrile", "asymptomatic", "baseline unknown", "first ever", "this AM")."""
    words = [t.strip(".!?\"'()") for t in clause]
    if bool(words) and all(w in _WORKUP for w in words) and any(w in _WORKUP_MARKS for w in words):
        return True
    return bool(words) and all(w in _NORMAL_STATUS for w in words) and any(w in _NORMAL_MARKS for w in words)


def unused_words(
    core: str, used: frozenset[str], sites: frozenset[str], clinical: Callable[[str], bool]
) -> list[str]:
    """The core's words (stems compared) that an answer does not use, other than a body site or side or a
    clinical word (`clinical`, e.g. common in the code titles: "intermittent"): a site or qualifier the code
    does not subdivide by is what a coder leaves unused ("rash on arm" -> Rash); any other word left unused
    means the core was not answered ("coffee cold" is no common cold)."""
    out = []
    for word in content_words(core):
        said = stem(_SINGULAR.get(word, word))
        if (
            stem(word) not in used
            and said not in used
            and base_stem(word) not in used
            and said not in sites
            and not clinical(word)
        ):
            out.append(word)
    return out


# Plurals no ending rule reads: a body site said in the plural ("both feet") is the site's value.
_SINGULAR = {"feet": "foot", "teeth": "tooth"}


# A qualifier by its English adjective ending ("unintended", "incidental", "nonspecific", "persistent"): it
# tells how a finding is, not what it is.
_QUALIFIER = re.compile(r"^[a-z]{3,}(?:ed|al|ic|ive|ous|ful|less|ent|ant|ible|able)$")


def incidental(word: str, indexed: Callable[[str], bool]) -> bool:
    """Whether an answer may leave the word unused and say so: a qualifier ("unintended weight loss") or an
    ordinary word no Index line holds (`indexed`), which cannot name what is to be coded."""
    return bool(_QUALIFIER.match(word)) or not indexed(word)


def mostly_answered(said: list[str], left: list[str]) -> bool:
    """Whether the words an answer leaves unused (`left`, incidental ones) are fewer than the words it uses:
    "unintended wt loss" is Loss, weight; "printer jammed" is nothing."""
    return len(left) * 2 < len(said)


_READING = re.compile(r"(?:vocabulary|read|spelling|word form|dipstick): ([^;)]*?) (?:->|\u2192) ([^;)]*)")


def answer_stems(title: str, why: str) -> frozenset[str]:
    """The stems an answer says: its title and path, and a word the vocabulary or a reading replaced when the
    answer says what it was replaced by ("allergies -> rhinitis allergic" counts only when the answer is
    about the allergy)."""
    said = {stem(w) for w in WORD.findall(f"{title} {_READING.sub(' ', why)}".lower())}
    for before, after in _READING.findall(why.lower()):
        # The words a reading replaced count when the answer says a word put in their place; a word the
        # reading kept ("in patches") is judged on its own.
        kept = {stem(w) for w in WORD.findall(before)} & {stem(w) for w in WORD.findall(after)}
        put = {stem(w) for w in WORD.findall(after)} - kept
        if put & said or any(_same_root(p, s) for p in put for s in said):
            said |= {stem(w) for w in WORD.findall(before)} - kept
    return frozenset(said)


ROOT_SHARE = 6  # the least common beginning of two stems read as one word in two forms


def _same_root(a: str, b: str) -> bool:
    """Whether two stems are one word in two forms: they share all but their last two letters, and at least
    ROOT_SHARE ("streptococcus" put for "strep", said "streptococcal" by the path; "rotavirus", "rotaviral")."""
    shared = next((n for n, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return shared >= max(ROOT_SHARE, min(len(a), len(b)) - 2)


def words_not_used(
    query: str, used: frozenset[str], sites: frozenset[str], clinical: Callable[[str], bool]
) -> list[str]:
    """The words of a query as typed that an answer does not use, filler, linking words, negations, numbers,
    body sites and clinical words aside: what a partial answer must say it left ("hair falling out in
    patches" -> Alopecia, not used: patches)."""
    out: list[str] = []
    for token in query.lower().replace("\u2019", "'").split():
        for word in WORD.findall(token):
            if (
                len(word) < 3
                or word in FILLER
                or word in LINKING
                or word in _CONNECTING
                or word in _NEGATION
                or not word.isalpha()
            ):
                continue
            if (
                stem(word) not in used
                and not used.intersection(related_stems(stem(word)))  # "pregnant": Pregnancy
                and not used.intersection(derived_stems(base_stem(word)))  # "deprived": Deprivation
                and stem(word) not in sites
                and not clinical(word)
                and word not in out
            ):
                out.append(word)
    return out


_NOTE = re.compile(r"\((?:vocabulary|spelling|word form|dipstick): ([^)]*)\)")
_NONESSENTIAL = re.compile(r"\([^)]*\)")
_BOOK_LABELS = frozenset(BOOK_NAMES.values())


# The Index's marks for a default line ("Tinnitus NOS", "Infection NEC"): they add no word of the condition.
_DEFAULT_MARKS = frozenset({"nos", "nec"})


def main_term_adds(core: str, why: str) -> list[str] | None:
    """The words an Index path adds to what the core says down to the deepest level holding a word the core
    says (`path_adds` of those levels): a subterm the Index gives below the words said ("leg cramps" ->
    Cramp, leg, sleep related) adds no reading of its own; a main term saying more than the core ("mirror"
    -> Mirror writing) or a subterm between the words said ("blood screening" -> Screening, neoplasm,
    blood) does."""
    label, _, rest = why.partition(": ")
    if label not in _BOOK_LABELS:
        return None
    path, _, after = rest.partition(" -> ")
    levels = path.split(", ")
    said = {stem(w) for w in WORD.findall(core.lower())}
    deepest = max(
        (n for n, level in enumerate(levels) if {stem(w) for w in WORD.findall(level.lower())} & said),
        default=0,
    )
    # Only below a subterm said: below a main term alone, a subterm is a kind the core did not say ("drift"
    # is no "Drift, ulnar").
    kept = levels[: deepest + 1] if deepest > 0 else levels
    return path_adds(core, f"{label}: {', '.join(kept)} -> {after}")


_ANY_NOTE = re.compile(r"\((?:[a-z ]+): ([^)]*)\)")


def main_term_unsaid(core: str, why: str) -> bool:
    """Whether an Index path's main term holds a hyphenated compound of which the core types one part and
    not the others (its readings - vocabulary, spelling, read, described - count as said): "controlled" is
    no "Temperature-controlled sEEG radiofrequency ablation", "heavy" no "Heavy-for-dates". A coder opens
    the Index at the main term the words name (guideline I.A, the Index's main terms), never at a part of
    another word."""
    label, _, rest = why.partition(": ")
    if label not in _BOOK_LABELS:
        return False
    main = _NONESSENTIAL.sub(" ", rest.split(" -> ")[0].split(", ")[0]).lower()
    readings = " ".join(_ANY_NOTE.findall(why)).lower()
    said = {stem(w) for w in WORD.findall(f"{core.lower()} {readings}")}
    for compound in re.findall(r"[a-z0-9']+(?:-[a-z0-9']+)+", main):
        parts = [stem(p) for p in compound.split("-") if p not in LINKING and p not in _CONNECTING]
        if any(p in said for p in parts) and not all(p in said for p in parts):
            return True
    return False


def path_adds(core: str, why: str) -> list[str] | None:
    """The words an Index path adds to what the core says (its vocabulary and spelling readings count as
    said; non-essential modifiers in parentheses, the see-references after the first line and a table's
    column are not the path's own words), or None when the answer came from no Index. A core read past its
    filler is answered by a path that says no more than it: "mirror" is no "Mirror writing", "bottle" no
    "Leather bottle stomach"."""
    label, _, rest = why.partition(": ")
    if label not in _BOOK_LABELS:
        return None
    path = rest.split(" -> ")[0]
    for column in COLUMN_LABELS.values():
        path = path.replace(f", {column}", "")
    said = {stem(w) for w in WORD.findall(core.lower())} | {base_stem(w) for w in WORD.findall(core.lower())}
    said |= {stem(w) for note in _NOTE.findall(why) for w in WORD.findall(note.lower())}
    said |= {r for s in said for r in (*related_stems(s), *derived_stems(s))}  # "pregnant" says Pregnancy
    return [
        w
        for w in WORD.findall(_NONESSENTIAL.sub(" ", path).lower())
        if w not in LINKING and w not in _CONNECTING and w not in _DEFAULT_MARKS and stem(w) not in said
    ]
