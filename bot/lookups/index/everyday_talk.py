"""Office talk told in everyday words no list holds, read by a general dictionary: "lunch order tacos
tuesday", "my coffee mug is missing from the breakroom" - a message about the office's food and things, not a
condition, a procedure or an item, answered with no code at all (bot.lookups.search: "no confident match").

bot.lookups.index.office_talk reads its closed lists (an office thing named, every other word chat). Here a
word neither list holds is chat too when WordNet's nouns say it is an everyday thing: its most frequent sense
is of an everyday kind - a thing, a time, a place, a group, a doing (`EVERYDAY_KINDS`), not a sense, a
feeling, a state, a body part, a process, a living thing or a substance - and neither of its usual senses is
a state or a body part ("skin", "taste" are what a patient tells), or it is a plant or a substance that is
also a food ("jalapeno", "soda"). Such a word names the office thing the rule needs when no code title, Index line or vocabulary term
holds it ("mug", "potluck", "scarf"); a word the code data holds ("cane", "trampoline", "coffee") may still be
a coding question's word, so it counts only when it is a food or a time (the Drug Table's "coffee", the
Index's "TACO" are not what "coffee" and "tacos" at lunch mean; "hour") - never an item, a place of injury or
an animal.
Any other word (a verb no chat list holds, a body part, a symptom, an unknown word) keeps the query a coding
question, searched as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.lookups.index.office_talk import CHAT, OFFICE_THINGS
from bot.lookups.index.vague import OFFICE_WORDS
from bot.lookups.wordnet import Sense

# The kinds of everyday things, times, places, groups and doings (WordNet's lexicographer files); a sense,
# a feeling, a state, a body part, a process, a living thing, a substance or a person (a verb read as a
# name: "ate") is what a coding question tells.
EVERYDAY_KINDS = frozenset(
    {
        "noun.food",
        "noun.artifact",
        "noun.time",
        "noun.location",
        "noun.group",
        "noun.quantity",
        "noun.communication",
        "noun.possession",
        "noun.event",
        "noun.act",
        "noun.object",
        "noun.shape",
    }
)
GROWN = frozenset({"noun.plant", "noun.substance", "noun.person"})
DOINGS = frozenset({"noun.act", "noun.event"})
FOOD = "noun.food"
STATE = "noun.state"
BODY = "noun.body"
TIME = "noun.time"
USUAL = 2  # the senses a word is usually meant in: a state among them may be what the query tells
_TOKEN = re.compile(r"[a-z0-9][a-z0-9'&/.-]*")
MIN_WORDS = 3  # (a word or two - "coffee", "taco tuesday" - may be a coding question's shorthand)
MIN_CONTENT = 2  # words no chat list holds
THINGS = frozenset({FOOD, "noun.artifact"})


def _forms(word: str) -> tuple[str, ...]:
    """The word and the singulars WordNet may list it by ("tacos" -> taco, "facilities" -> facility)."""
    forms = [word]
    if word.endswith("ies") and len(word) > 4:
        forms.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        forms.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        forms.append(word[:-1])
    return tuple(forms)


def _senses(word: str, senses: Callable[[str], Sequence[Sense]]) -> Sequence[Sense]:
    for form in _forms(word):
        found = senses(form)
        if found:
            return found
    return ()


def _grown_food(found: Sequence[Sense]) -> bool:
    """A plant, a substance or a name first that is also a food ("jalapeno", "soda", "taco"): what the
    office eats."""
    return found[0].kind in GROWN and any(s.kind == FOOD for s in found)


def everyday(found: Sequence[Sense]) -> bool:
    """Whether a word's noun senses say an everyday thing (see the module docstring)."""
    if not found or any(s.kind in (STATE, BODY) for s in found[:USUAL]):
        return False
    return found[0].kind in EVERYDAY_KINDS or _grown_food(found)


def thing(found: Sequence[Sense]) -> bool:
    """Whether an everyday word names a thing (a food, an object) the office talks about."""
    return found[0].kind in THINGS or _grown_food(found)


def harmless(found: Sequence[Sense]) -> bool:
    """Whether a word the code data holds is still everyday talk: a food or a time ("tacos", "hour")."""
    if found[0].kind == TIME:
        return not any(s.kind in DOINGS for s in found[:USUAL])  # ("fall": autumn, and a fall)
    return found[0].kind == FOOD or _grown_food(found)


def everyday_talk(
    words: Sequence[str], senses: Callable[[str], Sequence[Sense]], coded: Callable[[str], bool]
) -> bool:
    """Whether the query's words (lower case, in order) are office talk in everyday words: at least
    `MIN_WORDS`, each chat or an everyday noun, and one of them an office thing or an everyday thing the code
    data does not hold (see the module docstring)."""
    if len(words) < MIN_WORDS:
        return False
    if sum(1 for w in words if not (w in CHAT or w in OFFICE_WORDS or w.isdigit())) < MIN_CONTENT:
        return False  # ("POI at 35": one word to read, a coding question's shorthand)
    named = False
    i = 0
    while i < len(words):
        word = words[i]
        if i + 1 < len(words) and not (word in CHAT or words[i + 1] in CHAT):
            # "potato skins", "bear claws": a compound WordNet lists ("potato skin"), read as one thing
            found = _senses(f"{word} {words[i + 1]}", senses)
            if (
                everyday(found)
                and thing(found)
                and (not (coded(word) and coded(words[i + 1])) or harmless(found))
            ):
                named = True
                i += 2
                continue
        i += 1
        if word in OFFICE_THINGS:
            named = True
            continue
        if word in CHAT or word in OFFICE_WORDS or word.isdigit():
            continue
        found = _senses(word, senses)
        if not everyday(found):
            return False
        if any(coded(form) for form in _forms(word)) and not harmless(found):
            return False
        # a thing (a food, an object) names the talk; an act or an event ("no ride to appointments") may be
        # a patient's situation, which the Z codes tell in the same everyday words
        named = named or thing(found)
    return named


def talk_words(query: str) -> list[str]:
    """The query's words as the office talk rules read them (lower case, end punctuation off)."""
    words = (w.rstrip(".?!,'") for w in _TOKEN.findall(query.lower()))
    return [w for w in words if w]
