"""An operation told by an everyday verb is read as the root operation whose name is that verb's noun.

People tell what was done with a verb ("took out the plate from the right collarbone", "put in a drain",
"removing the pylorus"); the ICD-10-PCS Index holds the operation under its root operation's name, a noun
("Removal of device from, Clavicle, Right", "Insertion", "Extraction"). A coder reads the verb as the
operation it names: WordNet files the phrasal verb with its plainer synonyms in one verb sense ("take out,
move out, remove"; "insert, ... put in"), and English forms the operation's noun from such a verb by its
nominal suffixes (remove + -al, insert + -ion, drain + -age, extract + -ion). Here a verb of the query (with
the particle after it, "take out") whose first verb senses name a verb whose noun is a root operation's name
(the PCS tables' third character, bot.lookups.schema.read_root_operations) and a one-word main term of the
PCS Index is given that noun as its alternative in the Index walk. A word that is itself a PCS Index main
term ("repair", "drainage") needs no reading.

The only lists are grammar: the particles of a phrasal verb, the nominal suffixes, and the past forms of the
few irregular verbs WordNet's lemma lookup cannot undo ("took" -> take).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.lookups.index.words import stem
from bot.lookups.wordnet import WordNet

PARTICLES = frozenset({"out", "in", "up", "off", "back", "down", "away", "together"})
# The nominal suffixes that make an operation's noun of its verb: (letters cut from the verb, suffix added).
NOMINAL_SUFFIXES = (
    ("", "al"),
    ("e", "al"),
    ("", "ion"),
    ("e", "ion"),
    ("", "ation"),
    ("e", "ation"),
    ("", "age"),
    ("e", "ure"),
)
IRREGULAR_PAST = {"took": "take", "taken": "take", "put": "put", "sewn": "sew", "cut": "cut", "drew": "draw"}
SENSES = 2  # a verb's first senses: a later one is a looser use ("take" as "occupy")
SHORT = 3
VERB_ENDINGS = ("ed", "ing")
PARTICLE_REACH = 3  # words after a verb its particle may stand ("pulled the pins out")
SAME_WORD = 5  # first letters a noun shares with the verb when it is a form of it ("remove", "removal")


def operation_noun(lemma: str, operation_nouns: frozenset[str]) -> str | None:
    """The root operation noun a verb lemma forms ("remove" -> removal, "insert" -> insertion), or None."""
    if " " in lemma or not lemma.isalpha():
        return None
    for cut, suffix in NOMINAL_SUFFIXES:
        if cut and not lemma.endswith(cut):
            continue
        noun = (lemma[: -len(cut)] if cut else lemma) + suffix
        if noun in operation_nouns:
            return noun
    return None


def lay_verb_operations(
    wordnet: WordNet,
    words: Sequence[str],
    operation_nouns: frozenset[str],
    is_main_term: Callable[[str], bool],
) -> dict[str, str]:
    """Each query verb telling an operation with the root operation noun it names ("took" in "took out the
    hardware" -> removal). `operation_nouns`: root operation names that are one-word PCS Index main terms;
    `is_main_term`: whether a word is a PCS Index main term already (read as it is)."""
    low = [w.lower() for w in words]
    out: dict[str, str] = {}
    for at, word in enumerate(low):
        if word not in IRREGULAR_PAST and (
            len(word) <= SHORT or not word.isalpha() or word in PARTICLES or is_main_term(word)
        ):
            continue
        base = IRREGULAR_PAST.get(word, word)
        # the particle after the verb or after its object ("pulled the pins out")
        after = next((w for w in low[at + 1 : at + 1 + PARTICLE_REACH] if w in PARTICLES), "")
        phrases = [f"{base} {after}"] if after else []
        if word in IRREGULAR_PAST or word.endswith(VERB_ENDINGS):
            # ("pins", "plate": a bare word is a noun as often, read only with its particle)
            phrases.append(base)
        for phrase in phrases:
            noun = _named(wordnet, phrase, operation_nouns)
            if noun is not None:
                if stem(noun) != stem(base) and noun[:SAME_WORD] != base[:SAME_WORD]:
                    out[word] = noun  # ("removing", "draining": a form of the noun's own word, read as it is)
                break
    return out


def _named(
    wordnet: WordNet, phrase: str, operation_nouns: frozenset[str], nested: bool = False, senses: int = SENSES
) -> str | None:
    """The operation noun a verb phrase's first senses name through one of their verbs."""
    for sense in wordnet.verbs(phrase)[:senses]:
        for lemma in sense.lemmas:
            noun = operation_noun(lemma, operation_nouns)
            if noun is None and " " in lemma and lemma != phrase and not nested:
                # a phrasal synonym read by its own first sense ("pull out": draw, ..., take out -> remove)
                noun = _named(wordnet, lemma, operation_nouns, nested=True, senses=1)
            if noun is not None:
                return noun
    return None


def verb_note(told: dict[str, str]) -> str:
    """The reading said in a PCS answer's reason (" (read: took -> Removal)")."""
    return f" (read: {'; '.join(f'{w} -> {noun.capitalize()}' for w, noun in told.items())})"
