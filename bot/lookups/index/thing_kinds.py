"""A thing the user names, read as the kind of thing the External Cause Index lists.

"bitten by an iguana", "struck by a swan", "cut my hand on a garden trowel", "the couch caught fire": the
user names the thing, the External Cause Index names its kind or another word for it (Bite, lizard; Contact,
with, bird, strike; Contact, with, tool, hand, garden; Exposure, fire, sofa). A coder who finds no line for the
thing looks up what it is a kind of, nearest kind first. WordNet's nouns (bot.lookups.wordnet) say that:
iguana -> iguanid -> lizard, swan -> aquatic bird -> bird, trowel -> hand tool -> tool, couch = sofa.

Only a thing told with an event of the External Cause Index is read (a bite, a sting, a strike, a cut, a burn,
a fall, being caught or crushed, a fire): "bump on my heel" or "bit my nails" tells no event, and the sense of
the thing is the first one whose kind fits the event (a bite or a sting is an animal's; a cut, a burn or being
caught is an object's: "sparkler" is first a diamond, then a firework). A word some Index line already names
(the External Cause Index or the Drug Table's venomous animals) is left as it is: the Index reads it. The kind
replaces the word; the Index and the Tabular still pick the code.

Three readings of the same dictionary follow the Index's cross-references:
- a place said last ("hurt at the pawnshop", "injured at the foundry") is read as the Place of occurrence line
  of its kind (shop, factory), when WordNet says it is a structure or an area;
- a part caught in, or hurt by, a machine ("finger caught in a bicycle chain", "hand got caught in a
  dumbwaiter") is the machine's Contact line: "Caught, by, in, machinery - see Contact, with, by type of
  machine";
- a thing's fall onto the person told as the thing's ("the tv tipped over onto my toddler") is "Struck by,
  object, falling" when the thing is an object or a plant.
The search keeps a reading only when an external cause's line among its first answers took the kind
(`KindRead.used_by`): a reading no line takes ("second degree burn of upper back") says nothing.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from bot.lookups import derived
from bot.lookups.index.external_causes import PEOPLE, names_vehicle
from bot.lookups.index.words import POINTERS
from bot.lookups.wordnet import Sense, WordNet

ANIMAL = frozenset({"noun.animal"})
THING = frozenset({"noun.artifact", "noun.object", "noun.substance"})
ANY = ANIMAL | THING
# The event words and the kinds of thing each may be done by ("bitten by": an animal; "cut on": an object).
_EVENTS: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        [
            "bit",
            "bitten",
            "bite",
            "bites",
            "biting",
            "nipped",
            "chomped",
            "stung",
            "sting",
            "stings",
            "stinging",
            "pecked",
            "clawed",
            "mauled",
            "gored",
            "butted",
            "headbutted",
            "trampled",
        ],
        ANIMAL,
    ),
    **dict.fromkeys(
        [
            "kicked",
            "scratched",
            "stepped",
            "struck",
            "hit",
            "hits",
            "whacked",
            "smacked",
            "knocked",
            "bumped",
            "crushed",
            "attacked",
        ],
        ANY,
    ),
    **dict.fromkeys(
        [
            "cut",
            "cuts",
            "sliced",
            "stabbed",
            "jabbed",
            "gashed",
            "nicked",
            "punctured",
            "poked",
            "pricked",
            "slashed",
            "lacerated",
            "burned",
            "burnt",
            "burn",
            "burns",
            "scalded",
            "singed",
            "seared",
            "touched",
            "caught",
            "pinched",
            "jammed",
            "trapped",
            "squashed",
            "smashed",
            "pulled",
            "fell",
            "fall",
            "falling",
            "fallen",
            "tripped",
            "slipped",
            "thrown",
            "tumbled",
            "shocked",
            "electrocuted",
            "exploded",
            "burst",
            "misfired",
        ],
        THING,
    ),
}
# Words no thing is named by (a person's, an event's, a place's or a time's word is read elsewhere).
_NOT_THINGS = POINTERS | frozenset(
    [
        "a",
        "an",
        "the",
        "some",
        "another",
        "other",
        "one",
        "two",
        "off",
        "out",
        "into",
        "onto",
        "from",
        "with",
        "while",
        "when",
        "during",
        "after",
        "before",
        "over",
        "under",
        "on",
        "in",
        "at",
        "by",
        "of",
        "to",
        "for",
        "and",
        "or",
        "but",
        "not",
        "no",
        "got",
        "get",
        "gets",
        "was",
        "were",
        "is",
        "are",
        "been",
        "being",
        "had",
        "has",
        "have",
        "did",
        "do",
        "does",
        "it",
        "me",
        "him",
        "them",
        "us",
        "i",
        "he",
        "she",
        "they",
        "we",
        "you",
        "yesterday",
        "today",
        "night",
        "morning",
        "evening",
        "day",
        "week",
        "time",
        "accident",
        "accidentally",
        "injury",
        "injured",
        "hurt",
        "work",
        "job",
        "home",
        "house",
    ]
)
# Kinds too broad to name a line: the word would say nothing of the thing ("device", "object", "structure").
_TOO_BROAD = frozenset(
    {
        "entity",
        "physical entity",
        "object",
        "whole",
        "artifact",
        "instrumentality",
        "device",
        "equipment",
        "material",
        "substance",
        "matter",
        "thing",
        "organism",
        "being",
        "living thing",
        "causal agent",
        "abstraction",
        "group",
        "structure",
        "part",
        "unit",
        "system",
        "container",
        "covering",
        "implement",
        "mechanism",
        "commodity",
        "article",
        "conveyance",
        "vehicle",
        "person",
        "individual",
        "animal",
        "chordate",
        "vertebrate",
        "invertebrate",
        "natural object",
        "surface",
        "line",
        "platform",
        "construction",
        "establishment",
        "place",
        "drug",
        "medicine",
        "medicament",
        "medication",
        "agent",
    }
)
TOO_BROAD = _TOO_BROAD  # (read by bot.lookups.index.subterm_kinds too)
PLACE = frozenset({"noun.artifact", "noun.location", "noun.object"})
# The kinds a place is (WordNet): a building or other structure, an area or a location, a way, or a land form
# (the seaside, a canyon: the Place of occurrence lines' beach, mountain, desert, wilderness area).
_PLACE_KINDS = frozenset(
    {"structure", "area", "location", "way", "facility", "establishment", "vessel", "geological formation"}
)
# A place said last ("hurt at the pawnshop", "fell in the chapel"), and the words of being hurt told with it.
_PLACE = re.compile(
    r"\b(?:at|in|inside|on)\s+(?:the|a|an|my|his|her|our|their|some)\s+(?P<where>[a-z][a-z' -]*)$"
)
_AT = frozenset({"at", "in", "inside", "on"})
# The words of a cut other than the Index's own ("Cut, cutting").
_CUT_WORDS = re.compile(r"\b(?:sliced|gashed|nicked|slashed)\b")
CUT_WORDS = re.compile(r"sliced|gashed|nicked|slashed|slice|slicing|gash|nick")  # (one word, fullmatch)
# The words a thing is said after ("bitten by a gecko", "our hen", "on the ottoman"): one word may come
# between ("a dead tree").
_LEADS = frozenset(
    {
        "a",
        "an",
        "the",
        "my",
        "his",
        "her",
        "our",
        "their",
        "your",
        "its",
        "some",
        "by",
        "on",
        "onto",
        "with",
        "from",
        "into",
        "in",
        "off",
        "of",
        "against",
        "under",
    }
)
# A place told inside a story ("tripped in the movie theater, place"): no thing.
_IN_PLACE = re.compile(
    r"\b(?:at|in|inside)\s+(?:the|a|an|my|his|her|our|their|some)\s+(?P<where>[a-z][a-z' -]*)"
)
_HURT = frozenset(
    {"hurt", "injured", "injury", "happened", "occurred", "accident", "fell", "slipped", "tripped"}
)
MAX_STEPS = 6  # broader words farther than this name a different thing
KIND_SHOWN = 5  # a reading is kept when an external cause's line among the first answers reached it
_WORD = re.compile(r"[a-z][a-z'-]*")


@dataclass(frozen=True)
class KindRead:
    text: str  # the query with each thing in the Index's word
    note: str  # what was read, for the answer's "why"
    kinds: tuple[str, ...]  # the Index's words read for things
    places: tuple[str, ...] = ()  # ... and for the place said

    def used_by(self, code: str, why: str) -> bool:
        """Whether an answer is an external cause's line (V-Y; a place's: Y92) the reading reached: its path
        (the reason's words before any note) holds a kind read. A reading no such line takes says nothing
        ("upper back": no thing)."""
        path = why.split(" (", 1)[0].lower()
        if code.startswith("Y92") and any(re.search(rf"\b{re.escape(k)}", path) for k in self.places):
            return True
        return code[:1] in "VWXY" and any(re.search(rf"\b{re.escape(k)}", path) for k in self.kinds)


def may_read_kind(text: str) -> bool:
    """A cheap test of the words: whether the query tells an event a thing may be read for, or a place it
    happened at."""
    low = text.lower()
    words = _WORD.findall(low)
    return (
        any(w in _EVENTS for w in _events(words))
        or (bool(_HURT.intersection(words)) and bool(_AT.intersection(words)))
        or _CAUGHT.search(low) is not None
        or _FELL_ON.search(low) is not None
    )


# The External Cause Index main terms whose lines name things by their kind (Contact, with, lizard; Place of
# occurrence, market); the transport accidents, war and misadventure lines name no thing a user meets.
_THING_MAINS = (
    "activity",
    "bite",
    "bumping",
    "burn",
    "butted",
    "caught",
    "constriction",
    "contact",
    "crushed",
    "cut",
    "discharge",
    "exposure",
    "explosion",
    "fall",
    "foreign body",
    "ignition",
    "kicked",
    "malfunction",
    "pecked",
    "scald",
    "scratched",
    "slipping",
    "stepping",
    "sting",
    "striking",
    "struck",
    "stumbling",
    "tripping",
)


# Place of occurrence lines too broad for a place's kind ("chapel" is a building, yet the religious
# institution's line is its place).
_NO_PLACE_KIND = frozenset({"building", "hall", "room", "area", "yard", "public", "house", "private"})


# The codes of machinery and of things that move (lifting and transmission devices, lawnmowers, powered tools
# and appliances, agricultural and other machines): what a body part is caught in ("Caught, by, in, machinery
# - see Contact, with, by type of machine").
_MACHINE_CODES = re.compile(r"W2[489]|W3[01]")
# A part caught in a thing, or hurt by it: the event's words before the thing, the thing, and the rest.
_CAUGHT = re.compile(
    r"\b(?:(?:got|get|gets|was|were|been)\s+)?(?:caught|pinched|jammed|trapped|pulled|sucked|stuck|crushed|"
    r"injured|hurt|mangled)\s+(?:in|into|by|under|inside)\s+(?:(?:the|a|an|my|his|her|our|their|some)\s+)?"
    r"(?P<thing>[a-z][a-z -]*?)(?=\s+(?:at|in|on|while|when|during|from|and)\b|$)"
)


# A thing that fell on the person, told as the thing's fall ("the bookcase tipped over onto him").
_FELL_ON = re.compile(
    r"(?:^|\b(?:the|a|an|some)\s+)(?P<thing>[a-z][a-z -]*?)\s+(?:fell|came\s+down|crashed\s+down|tipped\s+over|"
    r"toppled(?:\s+over)?|tumbled|dropped|collapsed)\s+(?:on|onto|on\s+top\s+of)\b"
)


@dataclass(frozen=True)
class IndexThings:
    names: frozenset[str]  # every thing a line of the External Cause Index or the Drug Table names
    kinds: frozenset[str]  # the things the lines below the main terms of _THING_MAINS name
    places: frozenset[str]  # the places the Place of occurrence lines name
    machines: frozenset[str]  # the machines and moving things the "Contact, with" lines name (W24, W28-W31)
    words: frozenset[str]  # every word of the names


_THINGS_FIELDS = ("names", "kinds", "places", "machines", "words")


INDEX_THINGS = "index_things"  # the derived table (bot.lookups.derived_tables) the data build stores them in


def encode_index_things(things: IndexThings) -> dict[str, list[str]]:
    return {name: sorted(getattr(things, name)) for name in _THINGS_FIELDS}


def decode_index_things(stored: dict[str, list[str]]) -> IndexThings:
    return IndexThings(**{name: frozenset(stored[name]) for name in _THINGS_FIELDS})


def build_index_things(conn: sqlite3.Connection) -> IndexThings:
    return index_things(conn.execute)


def read_index_things(execute: Callable[..., Any]) -> IndexThings:
    """The things the Index's lines name as the data build stored them (one row decoded, a few ms), or, in a
    database built before they were stored, worked out from the Index (`index_things`, ~120 ms)."""
    found = derived.stored_by(execute, INDEX_THINGS)
    return decode_index_things(found) if found is not None else index_things(execute)


def index_things(execute: Callable[..., Any]) -> IndexThings:
    """The things the Index's lines name: the first are left as the user says them (with every word of a
    Drug Table line: "copperhead" of "Copperhead snake" is the venomous snake's own), the others are kinds a
    thing (or a place) may be read as. Worked out from ~10,000 lines (~120 ms): the data build stores it
    (`read_index_things`)."""
    every: list[str] = []
    kinds: list[str] = []
    places: list[str] = []
    machines: list[str] = []
    main = ""
    rows = execute(
        "SELECT book, depth, term, code FROM index_nodes WHERE book IN ('ext', 'drug') ORDER BY id"
    )
    for book, depth, term, code in rows:
        every.append(term)
        if book == "drug":
            every += re.findall(r"[a-z]{4,}", term.lower())
        elif depth == 0:
            main = term.lower()
        elif main.startswith("place of occurrence"):
            places.append(term)
        elif main.startswith(_THING_MAINS):
            kinds.append(term)
            if main.startswith("contact") and _MACHINE_CODES.match(code):
                machines.append(term)
    return IndexThings(
        index_names(every),
        index_names(kinds),
        index_names(places) - _NO_PLACE_KIND,
        index_names(machines),
        frozenset(w for name in index_names(every) for w in name.split()),
    )


def index_names(terms: Iterable[str]) -> frozenset[str]:
    """The things the Index's lines name, from their terms: "hoof stock NEC" -> hoof stock; "machine,
    machinery" -> machine, machinery; "bat or racquet" -> bat, racquet; a plural also as its singular."""
    out: set[str] = set()
    for term in terms:
        text = re.sub(r"\([^)]*\)|\b(?:nec|nos)\b", " ", term.lower())
        for part in re.split(r",|\bor\b|\band\b", text):
            name = " ".join(part.split())
            if len(name) > 2:
                out.add(name)
                if name.endswith("s") and not name.endswith("ss"):
                    out.add(name[:-1])
    return frozenset(out)


class ThingKinds:
    """Reads a query's things as the kinds the Index names, a word at a time and remembered."""

    def __init__(
        self, wordnet: WordNet, execute: Callable[..., Any], knows: Callable[[str], bool] = lambda _: False
    ) -> None:
        self._wordnet = wordnet
        self._execute = execute
        self._knows = knows  # a phrase the vocabulary reads ("monkey bars": jungle gym) is left to it
        self._things: IndexThings | None = None
        self._kinds: dict[tuple[str, frozenset[str]], str] = {}

    def _names(self) -> IndexThings:
        if self._things is None:
            self._things = read_index_things(self._execute)
        return self._things

    def read(self, query: str) -> KindRead | None:
        """The query with each thing the Index does not name in the nearest kind it names, or None."""
        low = query.lower()
        words = _WORD.findall(low)
        kinds: frozenset[str] = frozenset().union(*(_EVENTS.get(w, frozenset()) for w in _events(words)))
        place = _PLACE.search(low)
        caught = _CAUGHT.search(low)
        if place is not None and caught is not None and caught.start("thing") <= place.start("where"):
            place = None  # "hand caught in a table saw": the thing it was caught in, no place
        if not kinds and (caught is not None or _FELL_ON.search(low)):
            kinds = THING  # "injured by a dumbwaiter": a thing
        if not kinds and (place is None or not _HURT.intersection(words)):
            return None
        things = self._names()
        places: list[tuple[str, str]] = []
        if place is not None:
            # "hurt at the pawnshop": the place said last, read as the Place of occurrence line of its kind
            where = _WORD.findall(place.group(0))  # (with its determiner: a noun)
            places = self._read(where, PLACE, things.names, things.places)
        # (the things told before the place: "fell in the chapel" names no thing fallen from; what is told
        # "on" may be a thing still: "cut myself on a hacksaw")
        on_thing = place is not None and not places and low[place.start() :].startswith("on ")
        told = low[: place.start()] if place is not None and not on_thing else low
        # (nor is a place told inside the story a thing: "tripped in the movie theater, place"; what a part
        # was caught in is: "caught in a table saw")
        kept = caught.start("thing") if caught is not None else -1
        told = _IN_PLACE.sub(lambda m: m.group(0) if m.start("where") == kept else " at ", told)
        read = self._read(_WORD.findall(told), kinds, things.names, things.kinds) if kinds else []
        for said, kind in [*places, *read]:
            low = re.sub(rf"\b{re.escape(said)}\b", kind, low, count=1)
        if read:
            # "sliced my thumb on a tablefork": the Index's Cut (see Contact, with, by object)
            low = _CUT_WORDS.sub("cut", low)
        caught = _CAUGHT.search(low)  # (in the words read)
        machine = _machine(caught.group("thing"), things.machines) if caught is not None else ""
        if caught is not None and machine:
            # "finger caught in a bicycle chain", "injured by a rototiller": the machine's Contact line
            thing = caught.group("thing")
            low = f"{low[: caught.start()]}contact with {thing}{low[caught.end() :]}"
            read.append((caught.group(0), machine))
        fell = _FELL_ON.search(low)
        if fell is not None and self._is_object(fell.group("thing").split()[-1]):
            # "the tv tipped over onto my toddler", "a dead tree came down on him": Struck by, object, falling
            low = f"{low[: fell.start()]}struck by falling object{low[fell.end() :]}"
            read.append((fell.group(0), "falling"))
        if not read and not places:
            return None
        note = "; ".join(f"{said} -> {kind}" for said, kind in [*places, *read] if said != kind)
        return KindRead(low, f"kind of thing: {note}", tuple(k for _, k in read), tuple(k for _, k in places))

    def _read(
        self, words: list[str], kinds: frozenset[str], names: frozenset[str], targets: frozenset[str]
    ) -> list[tuple[str, str]]:
        """(the thing said, its kind) of each thing of the words the Index does not name, longest first."""
        read: list[tuple[str, str]] = []
        i = 0
        while i < len(words):
            for size in (3, 2, 1):
                said = " ".join(words[i : i + size])
                if len(words[i : i + size]) < size:
                    continue
                if said in names or self._knows(said) or names_vehicle(said):
                    # the Index names the thing itself, or the vocabulary reads the phrase, or the transport
                    # stories read it as a vehicle ("semi", "tuk tuk": bot.lookups.index.external_causes)
                    i += size
                    break
                if (
                    size == 1
                    and (
                        said in _NOT_THINGS
                        or said in _EVENTS
                        or len(said) < 3
                        or said in self._names().words  # a word some line holds ("bike"): the stories read it
                        or not (_LEADS.intersection(words[max(0, i - 2) : i]) or _doer(words, i))
                    )  # no noun ("tore his cuff")
                ):
                    continue
                kind = self._kind(said, kinds, names, targets)
                if kind:
                    read.append((said, kind))
                    i += size
                    break
                if size > 1 and self._wordnet.senses(said):
                    i += size  # a thing of several words WordNet knows and the Index has no kind for
                    break
            else:
                i += 1
        return read

    def contact_thing(self, said: str) -> str:
        """A thing said after a cut in the words a Contact line names (bot.lookups.index.cut_contact): the
        thing as said when the Index names it or its last words ("deli meat slicer": meat, slicer), else its
        nearest kind the Index names, with the compound's other words a line holds before it ("garden
        trowel": garden tool); "" for a part of the body, a person or a thing the Index has no kind for."""
        words = said.split()
        if (
            not words
            or words[0] in _NOT_THINGS
            or len(words) > 4
            or words[-1] in PEOPLE
            or words[-1] in _EVENTS
        ):
            return ""  # (an event is no thing: "cut on the ear from a fall")
        things = self._names()
        for n in range(len(words)):
            tail = " ".join(words[n:])
            if tail in things.names:
                # (a part of the body the Index also names as a thing: "hand" of "tool, hand"; a thing first
                # said of a worker is the thing still: "trimmer", "slicer")
                first = next(
                    (found for form in singular_forms(tail) if (found := self._wordnet.senses(form))), ()
                )
                return "" if first and first[0].kind == "noun.body" else said
        # (the whole thing's kind: a word of it alone may be another thing - the "blade" of a razor blade)
        kind = self._kind(said, THING, things.names, things.kinds)
        if not kind:
            return ""
        kept = [w for w in words[:-1] if w in things.words and w not in kind.split()]
        return " ".join([*kept, kind])

    def _kind(self, said: str, kinds: frozenset[str], names: frozenset[str], targets: frozenset[str]) -> str:
        key = (said, kinds)  # (a place's kinds are no event's: PLACE)
        found = self._kinds.get(key)
        if found is None:
            found = self._nearest(said, kinds, names, targets)
            self._kinds[key] = found
        return found

    def _nearest(
        self, said: str, kinds: frozenset[str], names: frozenset[str], targets: frozenset[str]
    ) -> str:
        for form in singular_forms(said):
            if form in names:
                return ""  # the Index names the thing itself ("bedbugs": bedbug)
            senses = self._wordnet.senses(form)
            if not senses:
                continue
            *others, head = form.split()
            if others and head in names and any(w in self._names().words for w in others):
                # the Index names what the thing is and the word that sets it apart ("soccer ball": Struck by,
                # ball, soccer; "fire ant": Ant, fire): its own other words only ("conveyor belt" = conveyer
                # belt), else the Index reads it as said
                return next((w for s in senses[:1] for w in s.lemmas if w != form and w in targets), "")
            if senses[0].kind == "noun.body" or form in PEOPLE:
                return ""  # a part of the body ("hand", "palm") or a person ("kid"), not a thing
            # (an event an animal or an object may do - kicked, stepped on - is an animal's when the word
            # names one: "alpaca" is first its wool; a word first said of a person - "heron", "hog",
            # "chameleon" - names a thing only as an animal)
            sense = next((s for s in senses if s.kind in kinds & ANIMAL), None)
            if sense is None and senses[0].kind != "noun.person":
                fits = (s for s in senses if s.kind in kinds)
                # (a place is a kind of structure or area: "snips" are no place a bar is)
                sense = next((s for s in fits if kinds != PLACE or self._is_place(s)), None)
            return self._climb(sense, form, targets) if sense is not None else ""
        return ""

    def _is_object(self, word: str) -> bool:
        """Whether the word names an object, a made thing or a plant (a tree) in one of its first two senses,
        and is first no person or animal."""
        senses = next((found for form in singular_forms(word) if (found := self._wordnet.senses(form))), ())
        return (
            bool(senses)
            and senses[0].kind not in {"noun.person", "noun.animal"}
            and any(s.kind in {"noun.artifact", "noun.object", "noun.plant"} for s in senses[:2])
        )

    def _is_place(self, sense: Sense) -> bool:
        frontier, seen = [sense.id], {sense.id}
        while frontier:
            found = [self._wordnet.sense(i) for i in frontier]
            if any(w in _PLACE_KINDS for s in found for w in s.lemmas):
                return True
            frontier = [up for s in found for up in s.hypernyms if up not in seen]
            seen.update(frontier)
        return False

    def _climb(self, sense: Sense, said: str, names: frozenset[str]) -> str:
        """The nearest word of the sense or a broader one that the Index names: the sense's own other words
        first ("couch" = sofa), then its kinds, nearest first."""
        for level in [[sense.id], *self._wordnet.levels_above([sense.id], MAX_STEPS)]:
            for sense_id in level:
                for lemma in self._wordnet.sense(sense_id).lemmas:
                    if lemma != said and lemma in names and lemma not in _TOO_BROAD:
                        return lemma
        return ""


# Event words that are also nouns ("custom burn garment", "dog bite"): an event only when the thing it was
# done by or on is told after it ("burn from a sparkler", "cut on a tin can").
_NOUN_EVENTS = frozenset(
    {"burn", "burns", "cut", "cuts", "fall", "bite", "bites", "sting", "stings", "hit", "hits"}
)
_THING_LINK = frozenset({"from", "by", "on", "with", "off", "in", "into", "against", "onto"})


def _events(words: list[str]) -> list[str]:
    """The event words told as events."""
    return [
        w for i, w in enumerate(words) if w not in _NOUN_EVENTS or _THING_LINK.intersection(words[i + 1 :])
    ]


def _doer(words: list[str], i: int) -> bool:
    """Whether the word opens the query and an event word follows it: the thing is the doer of the event,
    the sentence's subject, a noun with no determiner ("chipmunk bit my finger", "router kicked back")."""
    return i == 0 and len(words) > 1 and words[1] in _EVENTS


def _machine(thing: str, machines: frozenset[str]) -> str:
    """The machine's line the thing, or its last one or two words ("bicycle chain": chain) names, or ""."""
    words = thing.split()
    return next((" ".join(words[-n:]) for n in (3, 2, 1) if " ".join(words[-n:]) in machines), "")


def singular_forms(word: str) -> list[str]:
    """The word and its singular ("bedbugs" -> bedbug, "ponies" -> pony)."""
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    elif word.endswith("es"):
        forms += [word[:-2], word[:-1]]
    elif word.endswith("s") and not word.endswith("ss"):
        forms.append(word[:-1])
    return forms
