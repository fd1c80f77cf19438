"""An activity the user names, read as the External Cause Index's Activity line of its kind (Y93).

"badminton game", "sword fencing bout", "playing the sousaphone", "hurling match injury": the user names the
sport, game, exercise, chore or instrument; the External Cause Index's Activity lines name some of them
(Activity, racquetball; Activity, playing musical instrument, brass instrument) and a few kinds (sports NEC;
athletics played as a team or group NEC). A coder who finds no line for the activity codes it with the lines of
its kind: badminton is a court game like tennis, squash and racquetball (Y93.73); hurling a field game like
lacrosse, football and rugby - those codes differ, so it is "other ... played as a team or group" (Y93.69, the
category's other code); the sousaphone is a brass instrument (Y93.J4).

WordNet's nouns (bot.lookups.wordnet) say what an activity is a kind of. The reading climbs from the user's
activity, nearest kind first:
- a kind an Activity line names itself (speed skating -> skating; sousaphone -> brass instrument) is its line;
- else the Activity lines below the kind (its other kinds, up to two steps down) are its kin: when most of them
  (two in three) share a code, that code's line is the activity's (badminton: court game -> tennis, squash,
  racquetball, handball); when they differ within one category of the Tabular (Y93.6: lacrosse, football,
  rugby), the category's "other" code (Y93.69) is; otherwise the reading climbs on (archery -> sport -> Activity,
  sports NEC, Y93.79).
Only an activity's sense is read (noun.act: a sport, game, exercise or task; an instrument or other made thing
only after "playing"), and only in a query that tells an activity: a word of taking part ("playing", "game",
"class", "practice") or nothing else besides being hurt ("archery injury"). The search keeps the reading when
an Activity line (Y93) answers it first (`ActivityRead.used_by`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.lookups.index.compound_forms import closed, compound_forms, head
from bot.lookups.wordnet import Sense, WordNet

ACT = "noun.act"
MAX_STEPS = 6  # kinds farther than this say nothing of the activity
VERB_STEPS = 1  # a verb is a way of doing what a line's verb tells one step up at most
OBJECT_STEPS = 12  # what a gerund is done to climbs this far to the line's kind ("goat" -> animal)
KIN_STEPS = 2  # an Activity line this many steps below a kind is of that kind
# A line's thing read by its last word alone ("sports activity": activity) is the thing only this near (a game
# is an activity, one step; a visit is an event far up, no "track and field events")
HEAD_STEPS = 2
HEAD = "~"  # (the key of a line's thing read by its last word alone)
WAYS_KEPT = 1_000  # gerunds whose lines' things are kept (cleared when full; most hold none)
SHARE = (2, 3)  # the share of the kin one code must hold to be the activity's
KIN_AGREE = 3  # ... and at least this many lines of the kin
# Words that tell an activity taken part in ("badminton game", "zumba class", "playing the cello").
_CUES = frozenset(
    {
        "playing",
        "play",
        "plays",
        "played",
        "game",
        "games",
        "match",
        "bout",
        "class",
        "classes",
        "lesson",
        "lessons",
        "practice",
        "practicing",
        "workout",
        "session",
        "tournament",
        "meet",
        "competition",
        "league",
        "tryouts",
        "training",
    }
)
# Words of being hurt: a query of the activity and these alone tells the activity ("archery injury").
_HURT = frozenset(
    {
        *(
            "injury",
            "injuries",
            "injured",
            "hurt",
            "accident",
            "activity",
            "at",
            "the",
            "a",
            "an",
            "my",
            "his",
        ),
        *("her", "while", "during", "doing", "when", "got", "was", "i", "he", "she"),
        *("myself", "himself", "herself", "themselves", "yourself"),
    }
)
_CUE_AFTER = frozenset(
    {"game", "games", "match", "bout", "class", "classes", "lesson", "lessons", "practice"}
)
_PLAYING = frozenset({"playing", "play", "plays", "played"})
_SKIP = frozenset(
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
        "at",
        "in",
        "on",
        "of",
        "to",
        "for",
        "with",
        "and",
        "or",
        "while",
        "during",
        "doing",
        "got",
        "was",
        "is",
        "i",
        "he",
        "she",
        "we",
        "they",
        "injury",
        "injured",
        "hurt",
        "accident",
        "activity",
        "fell",
        "fall",
        "time",
        "day",
        "work",
        "home",
        "school",
        "gym",
        *_CUES,
        *_HURT,
    }
)
# Words a place or a companion is told after ("parasailing at the beach resort"): what follows is no activity.
_AFTER = frozenset({"at", "in", "on", "with", "near", "by", "inside", "outside", "behind", "off"})
_WORD = re.compile(r"[a-z][a-z'-]*")
_NEC = re.compile(r"\bNEC\b")


@dataclass(frozen=True)
class ActivityLine:
    name: str  # the line's words as the Index prints them below Activity ("playing musical instrument, drum")
    code: str


MIN_PRINTED = 3  # a phrase's word a title must print ("a", "of" are no words of the activity)


@dataclass(frozen=True)
class ActivityRead:
    text: str  # the query with the activity in its line's words
    note: str  # what was read, for the answer's "why"
    code: str  # the Activity line's code
    phrase: str = ""  # the query's words read as the activity ("sousaphone", "walking the dog")
    line_words: str = ""  # the line's words below Activity ("playing musical instrument brass instrument")

    def used_by(self, code: str) -> bool:
        """Whether an answer is the Activity line read."""
        return code.replace(".", "") == self.code.replace(".", "")

    def printed_by(self, title: str) -> bool:
        """Whether a code's title prints the activity phrase itself: its head (the last word, the doing) and
        another of its words ("dental cleaning", "routine dental cleaning": Encounter for dental examination
        and cleaning). The phrase is then that code's own words, not a kind of activity to read by the
        Activity lines (the External Cause Index's Activity codes tell what a person was doing when hurt;
        guideline I.C.20.c): a kind is read only for a phrase no title prints."""
        said = [_norm(w) for w in _WORD.findall(self.phrase.lower()) if len(w) >= MIN_PRINTED]
        printed = {_norm(w) for w in _WORD.findall(title.lower())}
        return len(said) >= 2 and said[-1] in printed and any(w in printed for w in said[:-1])


def _norm(name: str) -> str:
    """A line's or WordNet's words compared by their stems ("stringed instrument" ~ "string instrument",
    "sports" ~ "sport")."""
    words = []
    for w in re.sub(r"\([^)]*\)|\b(?:nec|nos)\b", " ", name.lower()).replace("-", " ").split():
        for suffix in ("ed", "s"):
            if w.endswith(suffix) and len(w) > len(suffix) + 3 and not w.endswith("ss"):
                w = w[: -len(suffix)]
                break
        words.append(w)
    return " ".join(words)


def _gerunds(verb: str) -> list[str]:
    """A verb's gerund as English spells it ("jump" -> jumping, "skate" -> skating, "swim" -> swimming)."""
    out = [f"{verb}ing"]
    if verb.endswith("e") and not verb.endswith("ee"):
        out.append(f"{verb[:-1]}ing")
    if len(verb) > 2 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
        out.append(f"{verb}{verb[-1]}ing")
    return out


def activity_lines(execute: Callable[..., Any]) -> list[ActivityLine]:
    """The Activity lines of the External Cause Index with a code, by their words below Activity."""
    mains = execute(
        "SELECT id, term, last FROM index_nodes WHERE book = 'ext' AND depth = 0 ORDER BY id"
    ).fetchall()
    found = next((r for r in mains if str(r[1]).lower().startswith("activity")), None)
    if found is None:
        return []
    top = found[0]
    # Its subtree only: the lines from it to its last descendant (ids in reading order), ~1% of the book's.
    rows = execute(
        "SELECT id, parent, depth, term, code FROM index_nodes WHERE id >= ? AND id <= ? ORDER BY id",
        [top, found[2]],
    ).fetchall()
    terms: dict[int, str] = {top: ""}
    out: list[ActivityLine] = []
    for node, parent, _depth, term, code in rows:
        if parent in terms:
            terms[node] = f"{terms[parent]}, {term}".strip(", ")
            if code:
                out.append(ActivityLine(terms[node], code))
    return out


def _bare(term: str) -> str:
    return " ".join(re.sub(r"\([^)]*\)|\bNEC\b|\bNOS\b", " ", term).split())


def _names(line: ActivityLine) -> list[str]:
    """The words a line names its activity by: its term and the term's parts ("aerobic and step exercise"),
    a line below another with its parent's word either side ("furniture, building": furniture building,
    building furniture; never "building" alone)."""
    parts = [_bare(p) for p in line.name.split(",") if p.strip()]
    last = parts[-1]
    if len(parts) > 1 and len(last.split()) == 1:
        return [f"{parts[-2]} {last}", f"{last} {parts[-2]}"]
    return [n for n in [last, *(p.strip() for p in re.split(r"\band\b|\bor\b", last))] if len(n) > 2]


class ActivityKinds:
    """Reads a query's activity as the Activity line of its kind, a phrase at a time and remembered."""

    def __init__(self, wordnet: WordNet, execute: Callable[..., Any]) -> None:
        self._wordnet = wordnet
        self._execute = execute
        self._lines: dict[str, ActivityLine] | None = None
        self._kin: dict[int, list[tuple[int, str]]] = {}  # a kind's sense -> (steps, line name) below it
        self._done: dict[int, str] = {}  # a verb's sense -> the line its gerund names
        self._kinned = False  # whether `_kin` and `_done` were worked out (`_kinds`)
        self._printed: dict[str, str] = {}  # a line name's stems -> the name as printed, lower case
        self._heads: dict[str, ActivityLine | None] = {}  # a last word -> the line of the lines it ends
        self._read: dict[tuple[str, bool], ActivityLine | None] = {}
        self._closed: dict[str, str] = {}  # a line's name closed up ("dodgeball") -> its name ("dodge ball")
        self._ways: dict[
            str, dict[str, ActivityLine]
        ] = {}  # a gerund -> things done of the lines of its verb

    def _index(self) -> dict[str, ActivityLine]:
        """The lines by their names' stems (and each name closed up), read on the first phrase asked; what
        each line is a kind of in WordNet is worked out later, only when a phrase is climbed (`_kinds`)."""
        if self._lines is None:
            lines: dict[str, ActivityLine] = {}
            printed: dict[str, str] = {}
            for line in activity_lines(self._execute):
                for name in _names(line):
                    lines.setdefault(_norm(name), line)
                    printed.setdefault(_norm(name), name.lower())
            self._printed = printed
            self._closed = {closed(name): name for name in lines}
            self._lines = lines
        return self._lines

    def _kinds(self) -> None:
        """The lines below each WordNet kind (`_kin`) and the verbs whose gerund names a line (`_done`), worked
        out once, the first time a phrase no line names itself is climbed (most queries tell no activity:
        their first lookup in a process does not pay for the climb over every line's senses)."""
        if self._kinned:
            return
        lines, printed = self._index(), self._printed
        kin: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for name in lines:
            sense = self._sense(printed[name], playing=True)
            if sense is None:
                continue
            frontier, seen = [sense.id], {sense.id}
            for step in range(1, KIN_STEPS + 1):
                frontier = [u for s in frontier for u in self._wordnet.sense(s).hypernyms if u not in seen]
                seen.update(frontier)
                for up in frontier:
                    kin[up].append((step, name))
        self._kin = dict(kin)
        # (a line told by a verb's gerund - vacuuming, rappelling, ironing - by the verb's first sense)
        for name in lines:
            if " " not in name and name.endswith("ing"):
                for verb in self._wordnet.verbs(printed[name])[:1]:
                    self._done.setdefault(verb.id, name)
        self._kinned = True

    def _own(self, phrase: str) -> ActivityLine | None:
        """The line named by the phrase in any written form of the compound ("dodgeball": Activity, dodge
        ball) or, for a verb and its object, by the verb's gerund ("jump rope": Activity, jumping rope)
        (bot.lookups.index.compound_forms)."""
        lines = self._index()
        found = lines.get(_norm(phrase))
        if found is None:
            name = self._closed.get(closed(_norm(phrase)))
            found = lines.get(name) if name is not None else None
        if found is None and " " in phrase and not phrase.split()[0].endswith("ing"):
            first, rest = phrase.split(" ", 1)
            found = next((lines[n] for g in _gerunds(first) if (n := _norm(f"{g} {rest}")) in lines), None)
        return found

    def _sense(self, phrase: str, playing: bool) -> Sense | None:
        """The phrase's first sense that is an activity (or, played, an instrument or other made thing)."""
        senses = next((found for form in compound_forms(phrase) if (found := self._wordnet.senses(form))), ())
        if not senses and phrase.endswith("s"):
            senses = self._wordnet.senses(phrase[:-1])
        act = next((s for s in senses if s.kind == ACT), None)
        if act is None and playing:
            return next((s for s in senses if s.kind == "noun.artifact"), None)
        return act

    def line(self, phrase: str, playing: bool = False) -> ActivityLine | None:
        """The Activity line of the phrase's kind, or None."""
        key = (phrase, playing)
        if key not in self._read:
            self._read[key] = self._climb(phrase, playing)
        return self._read[key]

    def _climb(self, phrase: str, playing: bool) -> ActivityLine | None:
        lines = self._index()
        own = self._own(phrase)
        if own is not None:
            return own
        if phrase.split()[0].endswith("ing"):
            # "hoovering the carpets", "abseiling down a cliff": the verb's sense, or one it is a way of
            # (jog -> run), that a line's gerund tells
            done = self._done_by(phrase)
            if done is not None:
                return lines[done]
        sense = self._sense(phrase, playing)
        if sense is None:
            return None
        # (the activity's other names, in any written form: "ping pong" = table tennis; then the head of its
        # own compound name, which names its kind: table tennis is tennis)
        if " " in phrase:  # (a compound said in words: "ping pong", "double dutch")
            named = next((found for w in sense.lemmas if (found := self._own(w)) is not None), None)
            if named is None:
                named = next((lines[n] for w in sense.lemmas if (n := _norm(head(w))) in lines), None)
            if named is not None:
                return named
        frontier, seen = [sense.id], {sense.id}
        for _step in range(MAX_STEPS):
            frontier = [u for s in frontier for u in self._wordnet.sense(s).hypernyms if u not in seen]
            if not frontier:
                return None
            seen.update(frontier)
            for up in frontier:
                named = next(
                    (found for w in self._wordnet.sense(up).lemmas if (found := self._own(w)) is not None),
                    None,
                )
                if named is not None:
                    return named
            for up in frontier:
                found = self._by_kin(up, lines)
                if found is not None:
                    return found
        return None

    def _done_by(self, phrase: str) -> str | None:
        """The line whose gerund's verb is the phrase's (first sense) or one it is a way of (one step)."""
        self._kinds()
        frontier = [v.id for v in self._wordnet.verbs(phrase)[:1]]
        seen = set(frontier)
        for _step in range(VERB_STEPS + 1):
            named = next((self._done[v] for v in frontier if v in self._done), None)
            if named is not None:
                return named
            frontier = [u for v in frontier for u in self._wordnet.sense(v).hypernyms if u not in seen]
            seen.update(frontier)
        return None

    def _by_kin(self, kind: int, lines: dict[str, ActivityLine]) -> ActivityLine | None:
        """The line of the Activity lines below a kind (its kin), when most share a code or their category's
        other code."""
        self._kinds()
        kin = {name for steps, name in self._kin.get(kind, []) if steps <= KIN_STEPS}
        if len(kin) < 2:
            return None
        code, count = Counter(lines[n].code for n in kin).most_common(1)[0]
        if count >= KIN_AGREE and count * SHARE[1] >= len(kin) * SHARE[0]:
            return next(lines[n] for n in sorted(kin) if lines[n].code == code)
        category, count = Counter(lines[n].code[:5] for n in kin).most_common(1)[0]
        if count >= KIN_AGREE and count * SHARE[1] >= len(kin) * SHARE[0]:
            # (the kin differ within one category of the Tabular: its "other" code)
            return next((line for line in lines.values() if line.code == f"{category}9"), None)
        return None

    def read(self, query: str, lenient: bool = False) -> ActivityRead | None:
        """The query with its activity in the words of the Activity line of its kind, or None. A line the
        query names itself is read first ("sparring in martial arts class": martial arts), then the kinds of
        the other phrases, left to right. `lenient`: an activity is also read where the query ends with it
        after "in" or "during", or tells nothing but activities ("taekwondo sparring") - a reading the search
        answers with only when no other word of the query reads a line."""
        low = query.lower()
        words = _WORD.findall(low)
        if "activity" in words:
            return None  # (read already, or told in the Index's word)
        cued = bool(_CUES.intersection(words))
        found = (
            self._done_on(words)
            or self._phrase(words, cued, True, lenient)
            or self._phrase(words, cued, False, lenient)
        )
        for n, word in enumerate(words):
            done = self._done_to(word, _told(words[n + 1 :])) if word.endswith("ing") else None
            if done is not None and (found is None or found[0] >= n):
                # "walking the dog", "building a bookcase": the line of the gerund and the kind of what it is
                # done to
                found = (n, done[1] + 1, " ".join(words[n : n + done[1] + 2]), done[0])
                break
        if found is None:
            return None
        i, size, phrase, line = found
        end = i + size
        if end < len(words) and words[end] in _CUE_AFTER:
            end += 1
        told = r"\W+".join(re.escape(w) for w in words[i:end])
        named = " ".join(_bare(p) for p in line.name.split(","))
        text = re.sub(rf"\b{told}\b", f"activity {named}", low, count=1)
        return ActivityRead(text, f"activity: {phrase} -> {line.name}", line.code, phrase, named)

    def _done_on(self, words: list[str]) -> tuple[int, int, str, ActivityLine] | None:
        """(where, how many words, the phrase, its line) of a thing the person was on that an Activity line
        names itself, told after being hurt and at most the doing on it ("injured on a trampoline", "hurt
        jumping on a trampoline", "injured running on a treadmill": Activity, trampoline Y93.44; Activity,
        treadmill Y93.A1). The thing an activity is done on is the activity's own line, more telling than the
        doing's ("jumping NEC"); the place a clause "on a ..." may also tell (guideline I.C.20.b) is left to
        a thing no Activity line names."""
        for at, word in enumerate(words):
            if word != "on" or at == 0:
                continue
            start = at - 1 if words[at - 1].endswith("ing") and words[at - 1] not in _HURT else at
            if not set(words[:start]) <= _HURT:
                continue
            thing = at + 1 + int(at + 1 < len(words) and words[at + 1] in _OBJECT)
            for size in (3, 2, 1):
                said = words[thing : thing + size]
                if len(said) < size or (thing + size != len(words) and words[thing + size] not in _AFTER):
                    continue
                line = self._own(" ".join(said))
                if line is not None and not _NEC.search(line.name):
                    # (a line of the other activities of a kind, "ice NEC", names no thing done on)
                    return start, thing + size - start, " ".join(words[start : thing + size]), line
        return None

    def _done_to(self, gerund: str, after: list[str]) -> tuple[ActivityLine, int] | None:
        """The line of a gerund done to a kind of thing ("walking, an animal"; "furniture, building") that a
        word told after the gerund is (WordNet's first noun sense or a broader one), and where that word is."""
        lines = self._index()
        gerund = _norm(gerund)
        objects = {
            other: found
            for name, found in lines.items()
            if gerund in name.split()
            and (other := " ".join(w for w in name.split() if w not in {gerund, "an"}))
        }
        if not objects and not (after and self._wordnet.senses(f"{gerund} {after[0]}")):
            # (by the verb, unless the gerund names a thing with the next word: "swimming pool")
            objects = self._done_by_kin(gerund)
        if not objects:
            return None
        for n, word in enumerate(after[:4]):
            if word in _SKIP and word not in _CUE_AFTER:
                continue
            word = word.removesuffix("'s")
            # (nearest kind first: the word itself, its synonyms, then what it is a kind of step by step - a
            # piano is itself a line's "piano" before it is a percussion instrument)
            kinds = [(word, 0), *((w, 0) for s in self._wordnet.senses(word)[:1] for w in s.lemmas)]
            kinds += [(w, up) for s, up in self._wordnet.broader(word, depth=OBJECT_STEPS) for w in s.lemmas]
            hit = next(
                (
                    found
                    for k, up in kinds
                    if (found := objects.get(k) or (objects.get(HEAD + k) if up <= HEAD_STEPS else None))
                ),
                None,
            )
            if hit is not None:
                return hit, n
        return None

    def _done_by_kin(self, gerund: str) -> dict[str, ActivityLine]:
        """The things done of the lines whose gerund tells the query's verb (its first WordNet sense) or the
        verb it is a way of, one step up: "barbecuing" is a way of grilling (Activity, grilling and smoking
        food), "umpiring" is refereeing (Activity, refereeing a sports activity). A line's gerunds are its
        words that are the -ing form of a verb before the thing done ("grooming and shearing an animal": an
        animal); its thing is kept whole ("sport activity") and by its last word (activity), which a word
        of the query is only when it is a kind of it HEAD_STEPS up at most."""
        said = self._wordnet.verbs(gerund)[:1]
        if not said:
            return {}
        ways = {said[0].id, *said[0].hypernyms}
        if gerund not in self._ways:
            if len(self._ways) >= WAYS_KEPT:
                self._ways.clear()
            self._ways[gerund] = self._line_things(ways)
        return self._ways[gerund]

    def _line_things(self, ways: set[int]) -> dict[str, ActivityLine]:
        out: dict[str, ActivityLine] = {}
        for name, found in self._index().items():
            words = [w for w in name.split() if w not in {"a", "an"}]
            # (the gerunds the line opens with, joined by "and": "grilling and smoking food"; a gerund after
            # another word is no doing of the line's thing - "packing up ... in moving to a new residence")
            lead = 0
            while lead < len(words) and (words[lead].endswith("ing") or (lead and words[lead] == "and")):
                lead += 1
            done = [w for w in words[:lead] if w != "and"]
            thing = [w for w in words[lead:] if w != "and"]
            if not done or not thing:
                continue  # (the gerund comes first, the thing done after it)
            if any(v.id in ways for w in done for v in self._wordnet.verbs(w)[:1]):
                out.setdefault(" ".join(thing), found)
                out.setdefault(HEAD + thing[-1], found)
        return out

    def _phrase(
        self, words: list[str], cued: bool, own: bool, lenient: bool = False
    ) -> tuple[int, int, str, ActivityLine] | None:
        """(where, how many words, the phrase, its line) of the first phrase read as an activity: one an
        Activity line names itself (own), or one of its kind."""
        for i in range(len(words)):
            for size in (3, 2, 1):
                said = words[i : i + size]
                # (a line may end with a word of taking part: "blackout game", "pass out game" - read by its
                # own name only)
                cue_last = own and size > 1 and said[-1] in _CUE_AFTER
                if len(said) < size or said[0] in _SKIP or (said[-1] in _SKIP and not cue_last):
                    continue
                after = _told(words[i + size :])
                rest = set(words[:i] + after) - _HURT - _CUE_AFTER
                headed = _headed(words[:i], said, after, i + size + len(after) < len(words))
                if (
                    not cued
                    and rest
                    and not _done_to(words, i, size)
                    and not (own and _opening_object(words, i, size))
                    and not headed
                    and not (lenient and (_in_last(words, i, size) or self._acts(rest)))
                ):
                    continue  # (the activity must be what the query tells: "walking pneumonia" is none)
                phrase = " ".join(said)
                if own:
                    line = self._own(phrase)
                else:
                    playing = bool(_PLAYING.intersection(words[max(0, i - 2) : i]))
                    line = self.line(phrase, playing) or self._headed_line(phrase)
                if line is not None:
                    return i, size, phrase, line
        return None

    def _acts(self, words: set[str]) -> bool:
        """Whether every other word of the query is itself an activity's (a sense of it is WordNet's act:
        "taekwondo sparring"), so the query tells nothing but the activity."""
        return all(any(s.kind == ACT for s in self._wordnet.senses(w)) for w in words)

    def _headed_line(self, phrase: str) -> ActivityLine | None:
        """The line of the lines whose last word is the phrase's last word, when they share one code ("ninja
        warrior course": obstacle course, challenge course, confidence course - Y93.A5)."""
        if " " not in phrase or any(s.kind != ACT for s in self._wordnet.senses(phrase)[:1]):
            return None  # (a thing or a place of its own: "golf course")
        head = _norm(phrase).split()[-1]
        if any(s.kind != ACT for s in self._wordnet.senses(phrase.split()[-1])[:1]):
            return None  # (a head that is first no activity: "not enough food at home")
        if head not in self._heads:
            found = [
                line
                for name, line in self._index().items()
                if len(name.split()) > 1 and name.split()[-1] == head
            ]
            codes = {line.code for line in found}
            self._heads[head] = found[0] if len(found) >= 2 and len(codes) == 1 else None
        return self._heads[head]


# The words a gerund's object or its way is told after ("hoovering the carpets", "abseiling down a cliff").
_OBJECT = frozenset(
    {"a", "an", "the", "my", "his", "her", "our", "their", "some", "down", "up", "off", "around"}
)


_IN = frozenset({"in", "during"})


def _in_last(words: list[str], i: int, size: int) -> bool:
    """Whether the phrase ends the query right after "in" or "during" ("checked into the boards in hockey"):
    what the harm happened in."""
    # (an article between: "making bread in the oven" - Activity, oven (microwave))
    at = i - 1 if i > 1 and words[i - 1] in _ARTICLES else i
    return at > 0 and words[at - 1] in _IN and i + size == len(words)


_ARTICLES = frozenset({"a", "an", "the", "my", "his", "her", "our", "their"})


def _done_to(words: list[str], i: int, size: int) -> bool:
    """Whether the phrase is a gerund the query opens with (after words of being hurt) and tells what it was
    done to ("hoovering the carpets"; "running nose", "sleeping problems" tell no activity)."""
    after = words[i + size : i + size + 1]
    return (
        words[i].endswith("ing")
        and all(w in _HURT for w in words[:i])
        and bool(after)
        and after[0] in _OBJECT
    )


def _opening_object(words: list[str], i: int, size: int) -> bool:
    """Whether the phrase is what a gerund the query opens with is done to, and the query ends with it or a
    place ("folding the laundry", "ironing my work clothes"): the doing of a thing an Activity line names
    itself tells that activity (Activity, laundry Y93.E2)."""
    start = next((n for n, w in enumerate(words[:i]) if w not in _HURT), i)
    return (
        start < i
        and words[start].endswith("ing")
        and all(w in _OBJECT for w in words[start + 1 : i])
        and len(_told(words[i + size :])) == 0
    )


_HURT_SAID = frozenset({"injury", "injuries", "injured", "hurt", "accident"})


def _headed(before: list[str], said: list[str], after: list[str], placed: bool) -> bool:
    """Whether a word or two before an activity of two words or more are its own ("mud run obstacle course
    injury", "ninja warrior course at the gym"): the query ends with the activity and a word of being hurt,
    or with the place it was at."""
    if len(said) < 2 or not 1 <= len(before) <= 2:
        return False
    if not after:
        return placed
    return set(after) <= _HURT | _CUE_AFTER and bool(_HURT_SAID & set(after))


def _told(words: list[str]) -> list[str]:
    """The words after an activity up to a place or a companion told ("at the beach resort")."""
    return next((words[:n] for n, w in enumerate(words) if w in _AFTER), words)


def may_read_activity(text: str) -> bool:
    """A cheap test of the words: whether the query is short enough to name an activity (the reading asks
    WordNet for each word)."""
    return len(text) <= 80
