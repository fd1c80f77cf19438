"""A cut, stab or puncture told with the thing that did it, read where the External Cause Index sends it.

The External Cause Index prints "Cut, cutting (any part of body) (accidental) - see also Contact, with, by
object or machine", "Piercing - see Contact, with, by type of object or machine", "Puncture, puncturing - see
also Contact, with, by type of object or machine" and "Stab, stabbing - see Cut". A coder told "cut my hand
on the hedge trimmer", "sliced my finger in the food processor" or "stabbed my palm with a screwdriver"
follows that cross-reference: the cause is Contact, with, <the thing> (Contact, with, hedge-trimmer: W29.3),
the body part and the wound are the injury's own code, coded beside it.

The main terms and their words are read from the Index (the main terms whose see or see-also is a "Contact,
with, by ..." line, and those that see one of them); the lay words of a cut ("sliced", "gashed") are the ones
bot.lookups.index.thing_kinds already reads as Cut. The thing is the words after "on", "with", "by", "in" or
"from" up to a place or a time told after it; a thing no Contact line names is read as its nearest kind the
Index names (bot.lookups.index.thing_kinds: a trowel is a hand tool), the compound's other words the Index
holds kept before it ("garden trowel": garden tool). A story that tells an intent (assault, self-harm) is read
by its intent's lines, not here. The search keeps the reading only when a Contact line answers it first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.lookups.index.words import stem
from bot.lookups.wordnet import verb_forms

# The thing said after a link word, up to a place, a time or a clause told after it.
_THING = re.compile(
    r"\b(?:on|with|by|in|from)\s+(?:(?:a|an|the|some|his|her|my|our|their|your|this|that)\s+)?"
    r"(?P<thing>[a-z][a-z -]*?)(?=\s+(?:at|in|on|with|by|while|when|during|from|and|but|after|before|this|last|"
    r"yesterday|today)\b|\s+[a-z]+ing\b|[,.;]|$)"
)
_LINK = re.compile(r"\b(?:on|with|by|in|from)\b")
_WORD = re.compile(r"[a-z][a-z'-]*")
# An intent told: the intent's own lines read the story (Assault, cutting instrument; Suicide, cutting).
_INTENT = re.compile(
    r"\b(?:intentional\w*|suicid\w*|self-?harm\w*|self-?inflicted|on\s+purpose|assault\w*|attack\w*|"
    r"mugg\w*|robb\w*|fight\w*|stabbed\s+(?:him|her|me|them)|by\s+(?:a|an|the|some|his|her|my)\s+"
    r"(?:man|woman|guy|person|stranger|attacker|assailant|someone|somebody))\b|\bsomeone\b|\bsomebody\b"
)
# A side told: the injury's code is what is asked for (an external cause's code has no side).
_SIDE = re.compile(r"\b(?:left|right|bilateral|both)\b")
_CONTACT = re.compile(r"^contact, with, by (?:type of )?(?:object|machine)", re.IGNORECASE)


# The verbs of touching, handling or stepping on a thing: the story of a contact with it, which the External
# Cause Index files by the thing under its main term Contact, with ("Contact, with, hot, stove", "Contact,
# with, pitchfork"). (One word, fullmatch; a word class, not the things.)
TOUCH_WORDS = re.compile(
    r"touched|touching|put|putting|placed|placing|grabbed|grabbing|leaned|leant|leaning|pressed|stepped|"
    r"stepping|poked|poking|jabbed|jabbing|pricked|pricking|brushed|picked|held|holding"
)  # (verb forms only: "grab bars", "step stool", "resting tremor" and the activities "pressing shirts",
# "picking fruit" are no touch)
TOUCHED = "Contact, with"  # the main term a touch is told under
CUT = "Cut, see Contact, with"  # the cross-reference a cut follows


@dataclass(frozen=True)
class CutRead:
    text: str  # "contact with <thing>"
    note: str  # what was read, for the answer's "why"

    @staticmethod
    def used_by(why: str) -> bool:
        """Whether an answer is a Contact line (its path, before any note, starts at Contact, with)."""
        return why.split(" (", 1)[0].split(": ", 1)[-1].lower().startswith("contact, with")

    def reads_thing(self, why: str) -> bool:
        """Whether a Contact line answers with every word of the thing read ("Contact, with, metal, hot NEC"
        leaving "oven" unused is another thing)."""
        unused = why.split("(not used: ", 1)[1].split(")", 1)[0] if "(not used: " in why else ""
        thing = self.text.removeprefix("contact with ").split()
        return self.used_by(why) and not set(thing) & set(_WORD.findall(unused))


def contact_words(execute: Callable[..., Any]) -> frozenset[str]:
    """The stems of the External Cause Index main terms that send a cut to its Contact line (Cut, cutting;
    Piercing; Puncture, puncturing; Stab, stabbing - see Cut), read from the Index."""
    mains = execute("SELECT term, see, see_also FROM index_nodes WHERE book = 'ext' AND depth = 0").fetchall()
    sending = {term for term, see, also in mains if _CONTACT.match(see or "") or _CONTACT.match(also or "")}
    heads = {term.split(",")[0] for term in sending}
    sending |= {term for term, see, _ in mains if see and see.split(",")[0] in heads}
    return frozenset(
        stem(w)
        for term in sending
        if " " not in term.split(",")[0].strip()  # (one word: "Pinned under machine" is no verb)
        for w in _WORD.findall(term.lower())
    )


def inanimate_contact(code: str) -> bool:
    """Whether a code is a contact with an inanimate thing: the Tabular's exposure to inanimate mechanical
    forces (W20-W49) or contact with heat and hot substances (X10-X19). A touched animal or plant is its own
    block (W50-W64) or, venomous, the Table of Drugs' toxic effect (T63)."""
    if len(code) < 3 or not code[1:3].isdigit():
        return False
    number = int(code[1:3])
    return (code[0] == "W" and 20 <= number <= 49) or (code[0] == "X" and 10 <= number <= 19)


# A word of heat: a contact with heat or a hot substance (X10-X19) is told with one ("cold drinks" held are no
# "Contact, with, hot, drinks").
_HEAT = re.compile(
    r"\b(?:hot|heat|heated|burn|burns|burned|burnt|scald|scalded|scalding|boiling|steam|molten)\b"
)


def heat_told(code: str, query: str) -> bool:
    """Whether a contact answer fits the query's heat: an X10-X19 line only when a word of heat is said."""
    return not (code[:1] == "X" and _HEAT.search(query.lower()) is None)


def may_read_touch(query: str) -> bool:
    """Whether a query says a verb of touching, handling or stepping on (TOUCH_WORDS), a cheap test."""
    return any(TOUCH_WORDS.fullmatch(w) for w in _WORD.findall(query.lower()))


def _told(word: str, stems: frozenset[str], lay: re.Pattern[str]) -> bool:
    return lay.fullmatch(word) is not None or any(stem(f) in stems for f in [word, *verb_forms(word)])


def read_cut_contact(
    query: str,
    stems: frozenset[str],
    lay: re.Pattern[str],
    thing_word: Callable[[str], str],
    told_as: str = CUT,
) -> CutRead | None:
    """The query's cut as "contact with <thing>" (the Index's cross-reference), or None. `stems`: the Index's
    words (contact_words); `lay`: the lay words of a cut; `thing_word(phrase)`: the phrase in the words a
    Contact line names (itself, or its kind with the compound's other words), or ""."""
    low = query.lower()
    if _INTENT.search(low) or _SIDE.search(low):
        return None
    words = _WORD.findall(low)
    at = next((n for n, w in enumerate(words) if _told(w, stems, lay)), None)
    if at is None or words[at + 1 : at + 2] == ["off"]:
        return None  # (no cut; "cut off" is an amputation's word)
    cut = words[at]
    after = low[re.search(rf"\b{re.escape(cut)}\b", low).end() :]  # type: ignore[union-attr]
    starts = [link.start() for link in _LINK.finditer(after)]
    if told_as == TOUCHED:
        # a thing touched is also the verb's own object ("grabbed the hot iron"): read as "with the hot iron"
        after = f" with{after}"
        starts = [1, *(n + 5 for n in starts)]
    for start in starts:
        match = _THING.match(after, start)
        if match is None:
            continue
        said = match.group("thing").strip()
        if not said:
            continue
        named = thing_word(said)
        if named:
            note = f"{cut} {match.group(0).strip()} -> {told_as}, {named}"
            return CutRead(f"contact with {named}", note)
    return None
