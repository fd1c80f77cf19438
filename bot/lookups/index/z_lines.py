"""A situation told in a sentence -> the Z-code Index line whose subterms it says, when nothing else answers.

The Alphabetic Index files the factors influencing health status (Z00-Z99) under frame words a user never
says: Problem (with) (related to), Encounter (for), Status, History, Exposure (to), Lack of, Discord (with),
Noncompliance (with). Below the frame the subterms are the situation's own words ("Problem, landlord",
"Exposure, occupational, dust", "Unable to, obtain, adequate, clothing due to limited financial resources").
A coder reading "ongoing fights with her landlord" or "works at a sawmill and breathes dust all day" skips
the frame and goes to the subterm: the line whose every subterm word the sentence says, the frame word being
the reading of the sentence itself (guideline I.C.21.c: the Z codes are chosen by the situation, not by a
disease). The Tabular's inclusion terms of the Z codes ("Residing on the street", "Lack of heating") are read
the same way, as lines with no frame.

Read when the search has no confident answer (the line is then offered as the closest, with the notice kept,
when some words are left unread), or when its answer is no Z code while a Z line explains every word of the
sentence and the sentence says a person, a quarrel, a job, money or a frame word (status, history, screening):
"constant fights with her mother-in-law" is Discord, in-laws, not an assault by a fight. A line must hold a
word the query says that few Z lines hold (not "home" or "care" alone), every word of its subterms must be
said (a relation alone never is: "daughter" is a child, but "daughter asks about mom's care" is no Care,
child), a frame other than a silent one (Problem, Lack of, Need ...) must be said in its word or a word of its
kind, and an injury's story is never read (it is coded by the injury and its external cause).

A user names the thing where the Index names its kind ("partner has gonorrhea": Contact, venereal disease;
"roofer in extreme heat": Exposure, occupational, extreme temperature), and tells a vaccine or a procedure not
done by a verb ("surgery called off because her blood pressure was too high": Procedure, not done, because
of, contraindication): both are read through a general dictionary (bot.lookups.index.z_words). A verb or a
noun of a line's noun is that noun ("estranged from her parents": Estrangement, parent-child; WordNet's
derivational pointers, bot.lookups.index.word_forms.derived_stems).
"""

from __future__ import annotations

import math
import re
import sqlite3
import sys
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from bot.lookups import derived
from bot.lookups.index.word_forms import derived_stems
from bot.lookups.index.words import base_stem, content_stems
from bot.lookups.index.z_words import ZWords, may_not_be_done, not_done
from bot.lookups.wordnet import reader


def _each(text: str) -> list[str]:
    """The words of a list written as text, one space apart."""
    return text.split()


# Main terms that only frame a Z line ("Problem (with)", "Status (post)"): the sentence itself is the frame.
FRAMES = frozenset(
    _each("""
    history screening admission encounter problem examination status presence exposure long-term drug
    therapy counseling contact absence fitting observation aftercare test tests testing removal lack
    noncompliance inadequate inadequacy attention dependence person management procedure care
    supervision evaluation unavailability unable difficult difficulty need consultation checking refusal
    social insufficient insufficiency
    """)
)
# Frames the sentence may leave unsaid: a situation told is a problem, a lack, a need. Every other frame
# changes what is meant (History of a condition is no condition, Status is no procedure) and must be said,
# in its word or a word of its kind.
SILENT = frozenset(
    content_stems(
        "problem lack inadequate inadequacy unable difficult difficulty need person unavailability insufficient encounter "
        "insufficiency social care"
    )
)
_FRAME_CUES: dict[str, str] = {
    **dict.fromkeys(_each("hx past previous prior formerly former ago had"), "history"),
    **dict.fromkeys(_each("counseled counselling talk therapy advice"), "counseling"),
    **dict.fromkeys(_each("screen screened"), "screening"),
    **dict.fromkeys(_each("exposed around breathes breathing inhaled"), "exposure contact"),
    # living beside a source of a hazard is an exposure to it ("lives next to the airport, constant noise")
    **dict.fromkeys(_each("near nearby next beside"), "exposure contact"),
    **dict.fromkeys(_each("fitted fit adjusting adjusted adjust"), "fitting admission"),
    **dict.fromkeys(_each("s/p"), "status"),
    **dict.fromkeys(_each("struggling struggles struggle struggled"), "problem difficulty"),
    # an allergy named is the allergy status the Index files under History, personal, allergy
    **dict.fromkeys(_each("allergic allergy allergies"), "history allergy"),
    **dict.fromkeys(_each("skipping skips skipped refuses refused missing misses"), "noncompliance"),
}
# Subterm words a frame adds that the sentence tells by its shape, not by the word ("personal", "NEC").
_OPTIONAL = frozenset(
    _each("""
    personal (of) specifi nec unspecifi other state condition situation related encounter environmental
    """)
)
# Words that tell the story around a situation (who, when, how it is felt), no part of it.
_STORY = frozenset(
    content_stems(
        """
        patient pt he she they him her his hers my me i we our their it its this that who whose which is are was
        were be been being has have had do does did not no now today recently just currently lately still
        here visit ago last week weeks month months year years day days yesterday ever since always
        constant constantly ongoing keeps keep kept again every all time times very really lot lots much many some
        husband wife spouse partner boyfriend girlfriend son daughter child children kid kids father mother dad
        mom parent parents brother sister grandmother grandfather grandma grandpa family woman man lady person
        old yo teen boy girl baby adult elderly senior young worried stressed upset feels feeling says said
        want wants wanted need needs help seeking came come comes here fine ok okay im
        """
    )
)
_OCCUPATIONAL = "occupational"
_RELATIVE = frozenset(content_stems("relative"))
# another person's having a disease ("partner has gonorrhea", "a classmate with german measles")
_HAS = re.compile(r"\b(?:has|had|have|having|with|got|caught|tested\s+positive\s+for|diagnosed\s+with)\b")
_CONDITION_FRAMES = frozenset(content_stems("contact exposure exposed screening screen screened carrier"))
_KIND_WORDS = frozenset(content_stems("disease disorder"))  # (what "disease or disorder" lines say)
MIN_EITHER = 3.0  # a word read as one of a subterm's either-or words this distinctive ("disease" is not)
MIN_IDF = 2.0  # a word fewer than one Z line in about seven holds
PER_WORD_LEFT = 0.75  # what a word no line word explains costs a reading
_INJURY = re.compile(
    r"\b(?:hurt|injur\w*|fell|fall(?:s|ing)?|cut|burn(?:ed|t)?|broke|broken|fractur\w*|bitten|bite|sprain\w*|"
    r"laceration|wound\w*|stab\w*|shot|crash\w*|collision)\b"
)
# The Index's words for the people, acts and means a situation is told with (word classes, not situations):
# a relative by the Index's relation word, a quarrel by Discord / Conflict, money by financial, a job by
# occupational / employment, a deed done on purpose or by mistake by intentional / unintentional.
_INDEX_WORDS: dict[str, str] = {
    **dict.fromkeys(
        _each("kid kids son daughter toddler teen teenager boy girl grandson granddaughter"), "child"
    ),
    **dict.fromkeys(_each("mom mum dad mother father parents mommy daddy"), "parent parental"),
    **dict.fromkeys(
        _each(
            "babysitter sitter nanny teacher coach stranger neighbor uncle aunt cousin stepfather stepmother"
        ),
        "nonparental non-parental",
    ),
    **dict.fromkeys(_each("husband wife boyfriend girlfriend spouse"), "spouse spousal partner"),
    **dict.fromkeys(_each("grandmother grandfather grandma grandpa grandparents"), "grandparent"),
    **dict.fromkeys(_each("mother-in-law father-in-law in-law"), "in-laws"),
    **dict.fromkeys(
        _each(
            "fight fights fighting fought argue argues arguing arguments argument clash clashing clashes dispute "
            "disputes feud feuding bicker bickering quarrel quarrels quarreling"
        ),
        "discord conflict",
    ),
    **dict.fromkeys(_each("beat beats beaten hit hits hitting molested abused"), "abuse"),
    **dict.fromkeys(_each("survivor survived victimized"), "victim"),
    **dict.fromkeys(_each("robbed mugged burglarized scammed carjacked stalked robbery mugging"), "crime"),
    **dict.fromkeys(_each("money afford broke poor poverty income bills paycheck"), "financial"),
    **dict.fromkeys(
        _each("job jobs work works worker workers working workplace shift shifts factory employer coworkers"),
        "occupational employment",
    ),
    **dict.fromkeys(_each("deliberately purposely purposefully intentionally"), "intentional"),
    **dict.fromkeys(_each("accidentally mistakenly forgets forgot forgetting"), "unintentional"),
    **dict.fromkeys(_each("classes grades"), "school"),
    **dict.fromkeys(
        _each("coworkers coworker co-workers co-worker colleagues"), "workmates occupational employment"
    ),
    **dict.fromkeys(_each("available"), "unavailability"),
    # (the one who gives what the verb says is the Index's agent noun: donate -> Donor)
    **dict.fromkeys(_each("donate donates donated donating donation"), "donor"),
    **dict.fromkeys(_each("loud"), "noise"),
}


# Who suffered an act and who did it, told by the verb's voice: "was abused by her dad" (victim), "husband who
# hit his wife" (perpetrator).
_ACTS = (
    r"(?:abus\w*|beat\w*|hit|hits|hitting|molest\w*|assault\w*|neglect\w*|harass\w*|bull(?:y|ied|ying)|"
    r"robbed|mugged|burglariz\w*|scammed|carjacked|stalked)"
)
# (the patient is the one the act is done to: "was mugged", "her husband hits her")
_SUFFERED = re.compile(
    rf"\b(?:was|were|been|being|got|is|are)\s+(?:\w+\s+)?{_ACTS}\b|\bvictim\b|\bsurviv\w+|"
    rf"\b{_ACTS}\s+(?:her|him|me|them|the\s+patient|pt)\b"
)
_DID = re.compile(
    rf"\bwho\s+(?!was\b|were\b|is\b|are\b|got\b|been\b|had\s+been\b)(?:\w+\s+)?{_ACTS}\b|\bperpetrator\b|\babuser\b"
)
_RELATIONS = frozenset(
    content_stems("child parent parental nonparental non-parental spouse spousal partner grandparent in-laws")
)
_FRAME_STEMS = frozenset(
    content_stems(" ".join(FRAMES))
    | content_stems("counseled counseling screened exposed fitted donating donated observed tested checked")
)


_BRACKETS = re.compile(r"\[[^\]]*\]")
# A situation told by a verb phrase or a negation where the Index prints a noun or a frame (the class of
# readings, never a situation's code): "didn't finish high school" is Less than a high school diploma, "doesn't
# get along with his boss" Discord (with), boss, "ran away from home" Runaway, "raised in an orphanage" a
# child's upbringing, living in an orphanage, "no school available" Unavailability (of), schooling, "her
# benefits aren't enough" Insufficient.
_SAID_AS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\b(?:did\s+not|didn'?t|never|couldn'?t|could\s+not|unable\s+to)\s+(?:finish|finished|complete|"
            r"completed|graduate|graduated)(?:\s+from)?\b|\bdropped\s+out\s+of\b|\bno\s+(?=(?:high\s+)?school\s+diploma)"
        ),
        " less than diploma ",
    ),
    (
        re.compile(
            r"\b(?:does\s+not|doesn'?t|don'?t|do\s+not|can'?t|cannot|never|not|won'?t)\s+get(?:s|ting)?\s+along\s+"
            r"(?:well\s+)?with\b"
        ),
        " discord with ",
    ),
    (re.compile(r"\b(?:ran|run|runs|running)\s+away\b"), " runaway "),
    (re.compile(r"\b(?:raised|brought\s+up|grew\s+up|growing\s+up)\s+(?:in|at)\b"), " child living in "),
    (
        re.compile(r"\bno\s+(?=(?:\w+\s+){0,2}(?:available|nearby|around\s+here|close\s+by|to\s+go\s+to)\b)"),
        " unavailability ",
    ),
    (re.compile(r"\b(?:isn'?t|is\s+not|aren'?t|are\s+not|not)\s+enough\b"), " insufficient "),
)
# A frame said in other words: the chart's "s/p" is "status post", the Index's Status (post); a thing the
# patient has, or that is in place, is present, the Index's Presence (of) ("has a penile implant", "LVAD in
# place"). Read as the frame's word, but no sign by itself that a sentence answered otherwise tells a situation
# (may_lead): "here to have her hearing aids checked" stays Fitting, hearing aid.
_FRAME_SAID_AS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<![a-z])s/p(?![a-z])|\bstatus\s+post\b"), " status "),
    (re.compile(r"\b(?:has|have|having)\s+(?:an?|the|his|her)\s+|\bin\s+place\b"), " presence "),
)


def said_as(lowered: str, frames: bool = True) -> str:
    """The sentence with each verb phrase or negation the Index prints as a noun or a frame said in its words
    (`frames`: and a frame said in other words, _FRAME_SAID_AS)."""
    for pattern, words in (*_SAID_AS, *(_FRAME_SAID_AS if frames else ())):
        lowered = pattern.sub(words, lowered)
    return lowered


@dataclass(frozen=True, slots=True)
class ZLine:
    """One Z-code Index line or inclusion term: the code, its path as printed, the stems of its subterms that
    must be said, the frame's stems (said or not)."""

    code: str
    path: str
    needed: frozenset[str]
    frame: frozenset[str]


_LEAD_WORDS = (
    frozenset(_INDEX_WORDS)
    | frozenset(_FRAME_CUES)
    | frozenset(
        _each(
            "counseling counselling screening status history exposure exposed fitting aftercare long-term "
            "problem problems lack noncompliance dependence presence absence contact donor"
        )
    )
)


# The patient well ("no symptoms", "I feel fine"): a test asked for is a screening (guideline I.C.21.c.5), another
# person's disease the patient's contact with it.
_WELL = re.compile(
    r"\b(?:no\s+symptoms?|without\s+symptoms|asymptomatic|symptom[- ]free|(?:i|he|she|pt|patient)?\s*"
    r"(?:feel|feels|feeling|is|am|i'?m)\s+(?:fine|well|ok|okay|good|healthy))\b"
)
# (a pregnancy said, never denied: "she is not pregnant")
_PREGNANT = re.compile(
    r"(?<!not\s)(?<!non-)(?<!non\s)\b(?:pregnan\w*|prenatal|antenatal|fetal|fetus|foetal|gestation\w*|ob)\b"
)
_SCANNED = re.compile(
    r"\b(?:scan|scans|ultrasound|ultrasounds|sonogram|us|u/s|screening|screen|test|testing)\b"
)
_ANTENATAL = frozenset(content_stems("antenatal screening"))
_TESTING = frozenset(_each("test tested testing check checked checking checkup"))


def may_lead(query: str) -> bool:
    """A cheap test of the words: whether a sentence answered by another code may tell a situation (a person,
    a quarrel, a job, money, who did or suffered an act, a frame word: status, history, screening) - else no
    Z line is looked for."""
    lowered = query.lower()
    return (
        any(w in _LEAD_WORDS for w in re.findall(r"[a-z'/-]+", lowered))
        or said_as(lowered, frames=False) != lowered
        or may_not_be_done(lowered)
        or bool(_WELL.search(lowered))
        or bool(_PREGNANT.search(lowered) and _SCANNED.search(lowered))
    )


def words_told(words: list[str]) -> int:
    """How many of the words are the situation's own: not its story's (who, when, how it is felt), not a
    figure - the measure a Z line's reading and another answer's reading are compared by (`Reading.left`)."""
    return sum(
        1
        for w in words
        if (own := content_stems(base_stem(w)) | content_stems(w)) and not own & _STORY and not w.isdigit()
    )


def reads_word(line: ZLine, word: str) -> bool:
    """Whether the line reads the word itself: in one of its forms, or as the Index word or frame the word is
    ("robbed": crime, "near": contact) - not as what the dictionary says it is a kind of."""
    lowered = word.lower()
    own = content_stems(base_stem(lowered)) | content_stems(lowered)
    index_words = f"{_INDEX_WORDS.get(lowered, '')} {_FRAME_CUES.get(lowered, '')}"
    held = line.needed | line.frame
    return any(_said(t, held) for t in own | content_stems(index_words) | _derived(own))


def _derived(own: frozenset[str]) -> frozenset[str]:
    """The stems of the word in the part of speech the code data prints it in ("estranged" -> estrangement,
    "deprived" -> deprivation; WordNet's derivational pointers, bot.lookups.index.word_forms.derived_stems):
    the same word, not a word it is read as."""
    return frozenset(d for s in own for d in derived_stems(s, printed=True))


@dataclass(frozen=True)
class Reading:
    """The line a sentence tells, how many of the sentence's words (story words aside) it leaves, and whether
    the line's frame is said (or it has none): a silent frame (Lack of, Problem) is the reading's, not the
    sentence's."""

    line: ZLine
    left: int
    framed: bool = True
    undone: bool = False  # told as a procedure or a vaccine not done (z_words.not_done): its words read so


# The Index files a history under two kinds, History, family and History, personal (guideline I.C.21.c.4):
# a sentence saying the family reads no personal line.
_PERSONAL = re.compile(r"\bpersonal\b", re.IGNORECASE)
_OR = re.compile(r"([a-z-]+)\s+or\s+([a-z-]+)")
_EITHER: dict[str, dict[str, str]] = {}


def _either(path: str) -> dict[str, str]:
    """The words of a subterm said either way ("religious or spiritual"): each stem and the other."""
    found = _EITHER.get(path)
    if found is None:
        found = {}
        for a, b in _OR.findall(path.lower()):
            sa, sb = content_stems(a), content_stems(b)
            if len(sa) == 1 and len(sb) == 1:
                (x,), (y,) = tuple(sa), tuple(sb)
                found[x], found[y] = y, x
        _EITHER[path] = found
    return found


def _key(s: str) -> str:
    return s[:4]


# Endings of English word building that make another form of one word ("parent" / "parental", "risk" /
# "risky", "adopt" / "adoptiv", "expos" / "exposur"), as the light stems print them.
FORM_ENDINGS = frozenset(
    {"al", "ar", "er", "or", "ic", "ia", "is", "iv", "iz", "at", "ag", "ur", "ly"}
) | frozenset({"y", "s", "e", "i", "u", "a"})


def _doubled(stem: str) -> str:
    """The stem with its final consonant doubled, as a verb's -ing and -ed forms spell it and the light stems
    keep it ("bet" / "bett" of betting, "rob" / "robb" of robbed); "" when English would not double it (a
    short vowel before a single final consonant only)."""
    if len(stem) >= 3 and stem[-1] not in "aeiouwxy" and stem[-2] in "aeiou" and stem[-3] not in "aeiou":
        return stem + stem[-1]
    return ""


def _same(a: str, b: str) -> bool:
    """Two forms of one word: the same stem, or one the other with an ending of word building at most two
    letters long ("parent" / "parental"; a letter doubled, "control" / "controll"; a letter after a final
    vowel, "pleura" / "pleural"), never a word inside a longer one ("pneumonia" / "pneumonectomy", "found" /
    "foundling", "hear" / "heart", "pill" / "pillow")."""
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if _doubled(short) == long:
        return True
    if len(short) < 4 or len(long) - len(short) > 2 or not long.startswith(short):
        return False
    ending = long[len(short) :]
    return ending in FORM_ENDINGS or (len(ending) == 1 and (ending == short[-1] or short[-1] in "aeiou"))


def _said(stem: str, query: frozenset[str]) -> bool:
    """Whether a line's stem is said in one of its forms."""
    return stem in query or any(_same(stem, q) for q in query)


class _Saying:
    """`_said` against one set of query stems, asked for the stems of every line a reading weighs: two forms
    of one word (`_same`) share their first four letters, so a stem is compared with the query stems of its
    own four letters only, and each stem's answer is kept for the next line holding it."""

    __slots__ = ("_by_key", "_known", "query")

    def __init__(self, query: frozenset[str]) -> None:
        self.query = query
        by_key: dict[str, list[str]] = defaultdict(list)
        for q in query:
            if len(q) >= 4:
                by_key[_key(q)].append(q)
            elif doubled := _doubled(q):  # ("bet" said, "betting" printed)
                by_key[_key(doubled)].append(q)
        self._by_key = dict(by_key)
        self._known: dict[str, bool] = {}

    def __call__(self, stem: str) -> bool:
        found = self._known.get(stem)
        if found is None:
            found = stem in self.query or (
                len(stem) >= 4 and any(_same(stem, q) for q in self._by_key.get(_key(stem), ()))
            )
            self._known[stem] = found
        return found


SENT_KEPT = 2_000  # words whose main term's references are kept (each a few stems)
Z_LINES = "z_lines"  # the derived table (bot.lookups.derived_tables) the data build stores them in


def encode_z_lines(lines: tuple[ZLine, ...]) -> list[list[object]]:
    return [[line.code, line.path, sorted(line.needed), sorted(line.frame)] for line in lines]


def decode_z_lines(stored: list[list[Any]]) -> tuple[ZLine, ...]:
    """The stored lines, each stem one shared string and each set of stems met before one shared set (~4,200
    lines hold 49 different frames and ~7,500 different words: shared, the lines take ~1.2 MB less)."""
    sets: dict[frozenset[str], frozenset[str]] = {}

    def shared(stems: list[str]) -> frozenset[str]:
        found = frozenset(map(sys.intern, stems))
        return sets.setdefault(found, found)

    return tuple(
        ZLine(sys.intern(str(code)), str(path), shared(needed), shared(frame))
        for code, path, needed, frame in stored
    )


class _LineFit:
    """Whether one line holds every stem (a word read as a kind names one line's words, not two lines'): the
    lines, their words' weights and the lines by word key, held apart from `ZLines` (see its `_fit`)."""

    __slots__ = ("by_key", "idf", "lines")

    def __init__(self, lines: tuple[ZLine, ...], idf: dict[str, float], by_key: dict[str, list[int]]) -> None:
        self.lines = lines
        self.idf = idf
        self.by_key = by_key

    def __call__(self, stems: frozenset[str]) -> bool:
        rarest = max(stems, key=lambda t: self.idf.get(t, 0.0))
        return any(
            stems <= self.lines[n].needed | self.lines[n].frame for n in self.by_key.get(_key(rarest), ())
        )


class ZLines:
    """The Z-code Index lines and Z inclusion terms of a code database, by their distinctive words."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.lines = derived.stored_or_built(conn, Z_LINES, decode_z_lines, lambda: ZLines.build(conn))
        frequency: dict[str, int] = defaultdict(int)
        by_key: dict[str, list[int]] = defaultdict(list)
        for n, line in enumerate(self.lines):
            for s in line.needed:
                frequency[s] += 1
                by_key[_key(s)].append(n)
        total = len(self.lines) or 1
        self.idf = {s: math.log(total / f) for s, f in frequency.items()}
        self.by_key = dict(by_key)
        # The word reader asks `fits` through an object of its own, not this one's bound method: a bound
        # method would make a reference cycle (these lines -> the reader -> these lines), and the heap
        # policy (bot.lookups.index.heap) freezes the caches, so a searcher dropped after an import would
        # keep its lines for ever (~3 MB each time).
        self._fit = _LineFit(self.lines, self.idf, self.by_key)
        self.words = ZWords(reader(conn), self.idf, self._fit)
        self._conn = conn
        self._sent: dict[str, frozenset[str]] = {}

    def _sends_to(self, word: str) -> frozenset[str]:
        """The frame stems the Index's main term of this word sends the reader to by "see" or "see also"
        ("Status" -> Presence; "Admission" -> Encounter; "Aftercare" -> Care), asked of the word's own main
        term once per process (kept, bounded)."""
        found = self._sent.get(word)
        if found is None:
            found = frozenset()
            if (len(word) > 3 and word.isalpha()) or "-" in word:
                row = self._conn.execute(
                    "SELECT see, see_also FROM index_nodes WHERE term = ? AND book = 'cm' AND depth = 0 LIMIT 1",
                    [word.capitalize()],
                ).fetchone()
                if row:
                    heads = (str(ref).split(",")[0].split("(")[0] for ref in row if ref)
                    found = frozenset(t for h in heads for t in content_stems(h) if t in _FRAME_STEMS)
            if len(self._sent) >= SENT_KEPT:
                self._sent.clear()
            self._sent[word] = found
        return found

    def frames_said(self, query: str) -> tuple[frozenset[str], frozenset[str]]:
        """The frame stems a sentence says (its frame words, the words of their kind, the frames its main terms
        send to) and its own words: no story word, no word read as a frame or as the Index's word for a
        person, money or work."""
        words = re.findall(r"[a-z0-9]+(?:[-'][a-z0-9]+)*", said_as(query.lower()))
        frames: set[str] = set()
        told: set[str] = set()
        for w in words:
            cue = {t for i in _FRAME_CUES.get(w, "").split() for t in content_stems(i)}
            own = content_stems(w)
            frames |= cue | (own & _FRAME_STEMS) | self._sends_to(w)
            if own and not cue and not own & (_STORY | _FRAME_STEMS) and w not in _INDEX_WORDS:
                told.add(w)
        return frozenset(frames), frozenset(told)

    def fits(self, stems: frozenset[str]) -> bool:
        """Whether one line holds every stem (a word read as a kind names one line's words, not two lines')."""
        return self._fit(stems)

    @staticmethod
    def build(conn: sqlite3.Connection) -> tuple[ZLine, ...]:
        """The lines and the words that say them (stored by the data build: working them out takes a process
        ~130 ms the first time a query needs them)."""
        billable = {
            str(code): str(title)
            for code, title in conn.execute(
                "SELECT code, title FROM codes WHERE system = 'cm' AND current = 1 AND billable = 1 AND code >= 'Z'"
            )
        }
        nodes: dict[int, tuple[int, str, str]] = {}
        wanted = [
            (int(i), str(c).replace(".", ""))
            for i, c in conn.execute("SELECT id, code FROM index_nodes WHERE book = 'cm' AND code LIKE 'Z%'")
        ]
        todo = {i for i, _ in wanted}
        while todo:
            batch = list(todo - nodes.keys())
            todo = set()
            for start in range(0, len(batch), 500):
                part = batch[start : start + 500]
                marks = ",".join("?" * len(part))
                for i, parent, term, modifiers in conn.execute(
                    f"SELECT id, parent, term, modifiers FROM index_nodes WHERE id IN ({marks})", part
                ):
                    nodes[int(i)] = (int(parent), str(term), str(modifiers))
                    if parent and int(parent) not in nodes:
                        todo.add(int(parent))
        lines: list[ZLine] = []
        for node, code in wanted:
            if code not in billable:
                continue
            chain: list[tuple[str, str]] = []
            at = node
            while at in nodes:
                parent, term, modifiers = nodes[at]
                # (a bracket's words explain the term, as in the Tabular: "Runaway [from current living
                # environment]" is said by "runaway")
                chain.append((_BRACKETS.sub(" ", term).strip() or term, modifiers))
                at = parent
            chain.reverse()
            main = content_stems(chain[0][0])
            needed: set[str] = set()
            frame: set[str] = set()
            if main & _FRAME_STEMS or len(chain) == 1:
                frame |= main
            else:
                needed |= main
            if len(chain) == 1:
                needed, frame = set(main), set()
            for term, _ in chain[1:]:
                needed |= content_stems(term)
            needed -= _OPTIONAL
            # a compound ("grandparent-child") is said by its parts
            needed = {t for t in needed if "-" not in t or not set(t.split("-")) <= needed}
            if needed:
                path = ", ".join(t for t, _ in chain)
                lines.append(ZLine(code, path, frozenset(needed), frozenset(frame)))
        for code, text in conn.execute(
            "SELECT code, text FROM notes WHERE system = 'cm' AND kind = 'inclusion' AND code >= 'Z'"
        ):
            if str(code) in billable:
                needed = set(content_stems(str(text))) - _OPTIONAL
                if needed and len(needed) <= 6:
                    lines.append(
                        ZLine(str(code), f"{billable[str(code)]}: {text}", frozenset(needed), frozenset())
                    )
        return tuple(lines)

    def best(self, query: str) -> ZLine | None:
        """The Z line a situation sentence tells, or None (`read`)."""
        reading = self.read(query)
        return reading.line if reading is not None else None

    def read(self, query: str, kinds: bool = True) -> Reading | None:
        """The Z line a situation sentence tells and how many of its words no line word explains, or None when
        no line is said with a distinctive word; `kinds`: whether a word is read as the kind the Index names
        (bot.lookups.index.z_words; not where a Z line of the search's own answered already)."""
        lowered = query.lower()
        # "surgery called off because her blood pressure was too high": Procedure, not done, because of,
        # contraindication (bot.lookups.index.z_words)
        undone = not_done(self.words, lowered) if kinds else None
        text = undone or said_as(lowered)
        well = _WELL.search(text)
        if well:  # ("checking for ..., no symptoms": the patient is well, no word of the situation)
            text = text[: well.start()] + " " + text[well.end() :]
        words = re.findall(r"[a-z0-9]+(?:[-'][a-z0-9]+)*", text)
        # each word's stems, and the stems of the Index words it is read as
        means: dict[str, set[str]] = defaultdict(set)
        people: set[str] = set()
        conditions: list[tuple[frozenset[str], set[str]]] = []
        named: set[str] = set()  # the Z line words a word's synonyms and broader words spell
        by_index: set[str] = set()  # the Index's words for relations, frames, work and money said
        paired: dict[int, frozenset[str]] = {}  # a word read with the word before it ("nose job")
        formed: set[str] = set()  # the words' own stems in another part of speech ("deprived": deprivation)
        for n, w in enumerate(words):
            own = content_stems(base_stem(w)) | content_stems(w)
            index_words = [*_INDEX_WORDS.get(w, "").split(), *_FRAME_CUES.get(w, "").split()]
            if n in paired:
                index_words = []
            reads = {t for i in index_words for t in content_stems(i)}
            by_index |= reads
            if kinds and not index_words and own and not own & _STORY:
                # a word of the thing itself: the Z line words its synonyms and broader words spell ("gonorrhea"
                # a venereal disease, "heat" a high temperature), a worker's job (occupational); a person is
                # no word of the situation (bot.lookups.index.z_words)
                pair = " ".join(words[n : n + 2])
                read = set(self.words.readings(pair)) if n + 1 < len(words) else set()
                if read:
                    paired[n + 1] = frozenset(read)
                read |= paired.get(n, frozenset()) or self.words.readings(w)
                if read and (self.words.condition(w) or self.words.condition(pair)):
                    conditions.append((own, read))  # (read only where the sentence frames a condition, below)
                else:
                    reads |= read
                if self.words.worker(w):
                    reads |= content_stems("occupational employment")
            if kinds and _OCCUPATIONAL not in reads and (reads & _RELATIONS or self.words.person(w)):
                people |= own  # (a person is who the story is about, unless a line names the person)
                if self.words.relative(w):
                    reads |= _RELATIVE  # ("aunt": a non-parental relative)
            if not index_words and not own & (_STORY | _FRAME_STEMS):
                derived = _derived(own) - own
                formed |= derived
                reads |= derived
            for s in own:
                means[s] |= reads
        if kinds and _PREGNANT.search(lowered) and _SCANNED.search(lowered):
            # a scan or a test in a pregnancy is the Index's antenatal screening
            for cue in (_PREGNANT, _SCANNED):
                for said_word in cue.findall(lowered):
                    for s in content_stems(said_word):
                        means[s] |= _ANTENATAL
        if kinds and well and _TESTING & set(words):
            means["screen"] |= set()  # (a test for a patient who is well is a screening)
        if people and _HAS.search(lowered) and any(self.words.catching(w) for w in words):
            # what another person has, a communicable disease, is the patient's contact with it
            means["contact"] |= set()
        if conditions and frozenset(means) & _CONDITION_FRAMES:
            # a disease is read in the Index's word for its kind only where the Index files it by its kind:
            # Contact, venereal disease; Screening, fever, hemorrhagic (never its history or its status)
            for stems_of, read in conditions:
                named |= read
                for s in stems_of:
                    means[s] |= read
        if not undone and _INJURY.search(lowered):
            return None  # an injury's story is coded by the injury and its external cause
        voice = "victim" if _SUFFERED.search(lowered) else "perpetrator" if _DID.search(lowered) else ""
        every = frozenset(means) | frozenset(t for held in means.values() for t in held)
        # the stems said by more than a relation ("daughter" is a child, but tells no situation by itself)
        telling = frozenset(means) | frozenset(
            t for w, held in means.items() for t in held if not held & _RELATIONS or w in _RELATIONS
        )
        every |= {voice} if voice else frozenset()
        # (who suffered or did the act is the Index's word the sentence's voice says, as a relation or money
        # word is: "was robbed" is Victim, crime)
        by_index |= {voice} if voice else set()
        # a frame word said ("counseling", "screening") names the line's frame, never one of its subterms
        framing = frozenset(s for s in every if s in _FRAME_STEMS)
        # a main term said whose Index entry sends the reader to a frame ("Status (post) - see also Presence
        # (of)", "Admission - see also Encounter", "Check-up - see Examination") says that frame too
        framing |= frozenset(t for w in words for t in self._sends_to(w))
        said = every - framing
        # (a subterm said either way: in the user's word, or a distinctive word it is read as)
        own_said = (frozenset(means) | formed) - framing | frozenset(
            t for t in said if self.idf.get(t, 0.0) >= MIN_EITHER and t not in _KIND_WORDS
        )
        if not said:
            return None
        family_said = "family" in words
        seen: set[int] = set()
        ranked: list[tuple[float, int, Reading]] = []
        # (each set a line's stems are asked against, made once for every line: `_Saying`)
        said_in, own_said_in, every_in = _Saying(said), _Saying(own_said), _Saying(every)
        meant_in = _Saying(frozenset(means) | formed)
        meant_or_index_in = _Saying(frozenset(means) | formed | by_index)
        telling_in = _Saying(telling - _RELATIONS)
        meant_or_named_in = _Saying(frozenset(means) | formed | named)
        for s in said:
            for n in (
                *self.by_key.get(_key(s), ()),
                *self.by_key.get(_key(_doubled(s)) if len(s) == 3 else "", ()),
            ):
                if n in seen:
                    continue
                seen.add(n)
                line = self.lines[n]
                either = _either(line.path)
                if not all(
                    said_in(t)
                    or (t in framing and line.frame <= SILENT)
                    or own_said_in(either.get(t, "-"))
                    or (t in SILENT and ": " in line.path and len(line.needed) > 2)
                    for t in line.needed
                ):
                    continue  # (a frame word is a subterm of a line under no frame: Immunization, ..., refusal)
                if (
                    line.frame
                    and not line.frame & SILENT
                    and not line.frame & framing
                    and not (_OCCUPATIONAL in line.needed and said_in(_OCCUPATIONAL))
                ):
                    continue  # (a hazard at work is an occupational exposure, said or not)
                if family_said and _PERSONAL.search(line.path):
                    continue  # (History, family is the other kind of history than History, personal)
                if max(self.idf.get(t, 0.0) for t in line.needed) < MIN_IDF:
                    continue
                if (line.needed <= _KIND_WORDS or " NEC" in line.path) and not line.needed & frozenset(means):
                    continue  # (a disease named is no "disease or disorder" not named, nor a kind's NEC line)
                if (
                    kinds
                    and not all(meant_or_index_in(t) for t in line.needed - framing)
                    and not any(meant_in(t) for t in line.needed - framing)
                    and not (line.frame | line.needed) & framing
                ):
                    continue  # (a line said only by what a word is a kind of needs its frame said: no
                    # "i need a bicycle" for Lack of, transportation)
                if not any(telling_in(t) for t in line.needed):
                    continue  # (a relation alone: "daughter asks about mom's care" is no Care, child)
                # (an inclusion term's silent frame word, "Religious or spiritual problem", weighs nothing unsaid)
                weight = sum(self.idf.get(t, 0.0) for t in line.needed if t not in SILENT or every_in(t))
                held = line.needed | line.frame
                left = [
                    q
                    for q, index_words in means.items()
                    if q not in framing
                    and q not in _STORY
                    and q not in people
                    and not q.isdigit()
                    and not _said(q, held)
                    and not any(_said(t, held) for t in index_words)
                ]
                if left and not any(meant_or_named_in(t) for t in line.needed):
                    continue  # (words left, and the line said only in the Index's words for others)
                framed = 2.0 * len(line.frame & framing) - (
                    1.0 if framing and not line.frame & framing else 0.0
                )
                ranked.append(
                    (
                        weight + framed - PER_WORD_LEFT * len(left),
                        -len(line.path),
                        Reading(line, len(left), not line.frame or bool(line.frame & framing), bool(undone)),
                    )
                )
        if not ranked:
            return None
        score, _, reading = max(ranked, key=lambda r: (r[0], r[1]))
        return reading if score >= MIN_IDF else None
