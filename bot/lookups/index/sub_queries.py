"""The codable core of a sentence the whole of which found no confident answer: what a coder reads past.

A coder given "ecchymoses on arms with no trauma", "husband snores loud but doctor says no apnea" or "MCV 108,
macrocytosis without anemia" codes what is present and leaves what the chart rules out: a negated clause part
(from its negating word to the end of the clause) tells what is absent, so it is read past and said as not
used - and an answer that names what was negated is no answer ("no apnea" must not become apnea). This is
tried only after the query as typed, and its filler-free core, found nothing (bot.lookups.search).

The core's answer may also leave a qualifier unused ("digital clubbing" -> Clubbing of finger): an adjective
tells how or where a finding is, not what it is, so a core answered in its head noun with only qualifiers
left is answered (`only_qualifiers_left`); and a word the answer says in another form of the same root
("persisting" -> "Persistent cough") is a word used (`said_in_another_form`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.lookups.filler import LINKING, Core, content_words
from bot.lookups.index.words import stem
from bot.lookups.schema import WORD

# The words that open what a chart rules out: "no trauma", "not due to cold", "without anemia", "w/o aura".
NEGATING = frozenset({"no", "not", "without", "w/o", "denies", "denied", "never", "negative"})
# A word joining the negated part to what is present ("with no trauma", "but no apnea", "and not ...").
_JOINING = frozenset({"with", "but", "and", "or", "yet", "though", "although"}) | LINKING
# An English adjective by its ending ("digital", "temporal", "persistent", "chronic"): a qualifier.
_QUALIFIER = re.compile(r"^[a-z]{3,}(?:al|ic|ical|ive|ous|ful|less|ent|ant|ary|ory|ar|ible|able|ed)$")
SAME_ROOT = 5  # a stem this long that begins an answer's word is that word in another form
# Where, said around a site or a path's own prepositions ("around mouth", "food stuck down", "Fall, from, off,
# out of, tree"): no concept of the condition, neither a word left unused nor a word a path adds.
POSITIONAL = frozenset(
    {"around", "under", "above", "below", "between", "near", "behind", "inside", "outside", "along"}
    | {"across", "beneath", "within", "down", "up", "off", "out", "into", "onto", "from", "over"}
)


def is_qualifier(word: str) -> bool:
    """Whether a word is an adjective by its ending ("digital", "expiratory"): it tells how, not what."""
    return bool(_QUALIFIER.match(word))


def without_negated(text: str) -> Core | None:
    """The text less each negated clause part (from the negating word to the end of its clause, with a joining
    word before it), the cut words as unused; None when nothing is negated or nothing would be left."""
    kept: list[str] = []
    cut: list[str] = []
    for clause in re.split(r"[,;]", text.lower().replace("\u2019", "'")):
        words = clause.split()
        at = next((n for n, w in enumerate(words) if w.strip(".:()") in NEGATING), None)
        if at is not None:
            start = at
            while start > 0 and words[start - 1] in _JOINING:
                start -= 1
            cut += words[start:]
            words = words[:start]
        if words:
            kept.append(" ".join(words))
    if not cut or not kept or not content_words(" ".join(kept)):
        return None
    return Core(", ".join(kept), tuple(cut))


def negated_stems(unused: Iterable[str]) -> frozenset[str]:
    """The stems of what a negated part names (its negating and joining words aside)."""
    return frozenset(
        stem(w)
        for token in unused
        for w in WORD.findall(token)
        if w not in NEGATING and w not in _JOINING and len(w) > 2 and not w.isdigit()
    )


def said_in_another_form(word: str, used: frozenset[str]) -> bool:
    """Whether an answer says the word in another form of its root ("persisting" -> "persistent")."""
    root = stem(word)
    return len(root) >= SAME_ROOT and any(
        u.startswith(root) or (len(u) >= SAME_ROOT and root.startswith(u)) for u in used
    )


def only_qualifiers_left(said: list[str], left: list[str]) -> bool:
    """Whether the words an answer leaves are all qualifiers (adjectives by their ending) and it uses at least
    one word of the core that is none: "digital clubbing" answered by Clubbing of finger."""
    if not left or len(left) >= len(said):
        return False
    return all(_QUALIFIER.match(w) for w in left) and any(
        w not in left and not _QUALIFIER.match(w) for w in said
    )


# People who tell, notice or witness a complaint ("doctor says", "teacher noticed", "my teenager"): no word of
# the condition. (Family members and "patient" are bot.lookups.filler's; a newborn or an infant is the
# Index's own word, so ages that the Index subdivides by stay.)
NARRATORS = frozenset(
    {"doctor", "doctors", "dr", "nurse", "nurses", "provider", "physician", "pcp", "dentist", "teacher"}
    | {"coach", "boss", "coworker", "neighbor", "teen", "teens", "teenager", "teenagers"}
)


def without_sides(text: str, sides: frozenset[str], least: int = 2) -> Core | None:
    """The text less every word saying a side ("left side", "both"), when it says `least` or more: a code
    without laterality uses none of them ("costochondritis on left side of sternum" -> "costochondritis of
    sternum"); with the body sites as `sides`, a code not subdivided by site ("ecchymoses on legs"). A
    linking word left before another keeps only the last ("on of" -> "of")."""
    clauses = [clause.split() for clause in text.split(", ")]
    cut = [w for clause in clauses for w in clause if w in sides]
    if len(cut) < least:
        return None
    kept: list[str] = []
    for clause in clauses:
        words: list[str] = []
        for w in clause:
            if w in sides:
                continue
            if words and words[-1] in LINKING and w in LINKING:
                words.pop()
            words.append(w)
        while words and words[-1] in LINKING:
            words.pop()
        if words:
            kept.append(" ".join(words))
    if not kept or len(content_words(" ".join(kept))) < (2 if least > 1 else 1):
        return None
    return Core(", ".join(kept), tuple(cut), filler=False)
