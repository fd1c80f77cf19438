"""A lay verb done to a body part is read as the root operations whose official definitions begin with it.

ICD-10-PCS defines each Medical and Surgical root operation by what is done, told by a gerund first: Release is
"Freeing a body part from an abnormal physical constraint ...", Division "Cutting into a body part ... in order
to separate or transect a body part", Excision "Cutting out or off, without replacement, a portion of a body
part", Reposition "Moving to its normal location ... all or a portion of a body part", Transfer "Moving, without
taking out, all or a portion of a body part to another location ...". A surgeon's note or a patient tells the
act with such a verb ("freed up scarred flexor tendons in the right hand", "open cutting of the trigeminal
root", "local skin flap moved on the chest"), and a coder finds the root operation by matching the verb to the
definitions (guideline B3.1a: the root operation is chosen by its definition, not by the procedure's name).

Here the definitions are read as a coder reads them: each definition's leading verbs ("Taking or cutting out":
take, cut) and the particles after them ("out", "off", "into", "back", "together") are taken from its text; a
query verb (a past or -ing form, with the particle after it) whose first WordNet senses, or the verbs those
senses are a kind of (to shave is to cut, to trim is to cut), are one of a definition's verbs reads as that
root operation - when the query's particle is one the definition says, when it says one. Only the operations
done to a body part itself are read so (not those whose object is a device, solid matter, fluid or material:
Removal, Extirpation, Drainage, Insertion, Replacement, ...), and only when the query names a body part: the
definitions' object. The Index walk is then given each such operation's name as the verb's alternative, and
the body part said chooses between them (no Division of a tendon sheath the table lacks).

A verb that is the operation's own ("excised", "resected", "occluded", "destroyed") is read as the operation
its noun names (excise + -ion: Excision; occlude: Occlusion; destroy: Destruction) by English's nominal
suffixes, when the query names a body part, as a form of the root operation's name itself.

The definitions are the official text (the ICD-10-PCS Reference Manual's root operation definitions for section
0); the only other lists are grammar: particles, and the words of a definition's object that are no body part.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.lookups.wordnet import WordNet, verb_forms

# ICD-10-PCS Medical and Surgical (section 0) root operations: their official definitions.
DEFINITIONS: dict[str, str] = {
    "alteration": "Modifying the anatomic structure of a body part without affecting the function of the body part",
    "bypass": "Altering the route of passage of the contents of a tubular body part",
    "change": "Taking out or off a device from a body part and putting back an identical or similar device in or on"
    " the same body part without cutting or puncturing the skin or a mucous membrane",
    "control": "Stopping, or attempting to stop, postprocedural or other acute bleeding",
    "creation": "Putting in or on biological or synthetic material to form a new body part that to the extent"
    " possible replicates the anatomic structure or function of an absent body part",
    "destruction": "Physical eradication of all or a portion of a body part by the direct use of energy, force, or"
    " a destructive agent",
    "detachment": "Cutting off all or a portion of the upper or lower extremities",
    "dilation": "Expanding an orifice or the lumen of a tubular body part",
    "division": "Cutting into a body part, without draining fluids and/or gases from the body part, in order to"
    " separate or transect a body part",
    "drainage": "Taking or letting out fluids and/or gases from a body part",
    "excision": "Cutting out or off, without replacement, a portion of a body part",
    "extirpation": "Taking or cutting out solid matter from a body part",
    "extraction": "Pulling or stripping out or off all or a portion of a body part by the use of force",
    "fragmentation": "Breaking solid matter in a body part into pieces",
    "fusion": "Joining together portions of an articular body part rendering the articular body part immobile",
    "insertion": "Putting in a nonbiological appliance that monitors, assists, performs, or prevents a"
    " physiological function but does not physically take the place of a body part",
    "inspection": "Visually and/or manually exploring a body part",
    "map": "Locating the route of passage of electrical impulses and/or locating functional areas in a body part",
    "occlusion": "Completely closing an orifice or the lumen of a tubular body part",
    "reattachment": "Putting back in or on all or a portion of a separated body part to its normal location or"
    " other suitable location",
    "release": "Freeing a body part from an abnormal physical constraint by cutting or by the use of force",
    "removal": "Taking out or off a device from a body part",
    "repair": "Restoring, to the extent possible, a body part to its normal anatomic structure and function",
    "replacement": "Putting in or on biological or synthetic material that physically takes the place and/or"
    " function of all or a portion of a body part",
    "reposition": "Moving to its normal location, or other suitable location, all or a portion of a body part",
    "resection": "Cutting out or off, without replacement, all of a body part",
    "restriction": "Partially closing an orifice or the lumen of a tubular body part",
    "revision": "Correcting, to the extent possible, a portion of a malfunctioning device or the position of a"
    " displaced device",
    "supplement": "Putting in or on biological or synthetic material that physically reinforces and/or augments the"
    " function of a portion of a body part",
    "transfer": "Moving, without taking out, all or a portion of a body part to another location to take over the"
    " function of all or a portion of a body part",
    "transplantation": "Putting in or on all or a portion of a living body part taken from another individual or"
    " animal to physically take the place and/or function of all or a portion of a similar body part",
}

PARTICLES = frozenset({"out", "off", "in", "on", "into", "back", "together", "up", "down", "away"})
LINKS = frozenset({"or", "and/or", "and"})
# The words a verb's object or phrase begins with: after them a past form is a verb ("tendons freed from the
# scar", "flap moved on the chest"); before a noun it describes the noun ("displaced fracture").
FUNCTION_WORDS = PARTICLES | frozenset(
    [
        "of",
        "the",
        "a",
        "an",
        "to",
        "from",
        "with",
        "at",
        "by",
        "for",
        "onto",
        "all",
        "his",
        "her",
        "their",
        "its",
        "and",
        "or",
        "under",
        "over",
        "through",
        "via",
    ]
)
# What a definition's act is done to when it is no body part itself (the words that name it).
NOT_BODY_PART = ("device", "solid matter", "fluids", "appliance", "material", "bleeding")
# "Moving, without taking out, ...", "Cutting into a body part, without draining fluids ...": what the act
# does not do is no object of it.
_WITHOUT = re.compile(r",\s*without [^,]*,")
_WORD = re.compile(r"[a-z/]+")
# The nominal suffixes that make an operation's noun of its verb (letters cut from the verb, suffix added):
# excise + -ion, fragment + -ation, drain + -age, detach + -ment, occlude -> occlusion, destroy -> destruction.
NOMINAL_SUFFIXES = (
    ("e", "ion"),
    ("", "ion"),
    ("", "ation"),
    ("e", "ation"),
    ("", "age"),
    ("", "ment"),
    ("e", "al"),
    ("de", "sion"),
    ("oy", "uction"),
)
# A present form of "be" or a verb of seeming before a participle: the state the subject is in.
STATE_WORDS = frozenset({"is", "are", "am", "feels", "feel", "looks", "look", "seems", "seem", "gets", "get"})
PAST_BE = frozenset({"was", "were", "been", "being"})  # ("tendon was freed": its subject before it)
TIME_WORDS = frozenset({"when", "while", "whilst", "after", "before", "during", "since", "until"})
# (a bare "cut" is the injury's word as often: "cut right index finger"; its -ing form is read)
IRREGULAR_PAST = {"sewn": "sew", "freed": "free", "taken": "take", "took": "take"}
VERB_ENDINGS = ("ed", "ing")
SHORT = 3
SENSES = 2  # a verb's first senses (a later one is a looser use)
SUBJECT_REACH = 2  # words before a past form its subject's body part may stand ("skin flap moved")
PARTICLE_REACH = 3  # words after a verb its particle may stand ("freed the tendons up")

Head = tuple[frozenset[str], frozenset[str]]  # a definition's leading verbs' forms, the particles after them


def _gerund_forms(gerund: str) -> frozenset[str]:
    """The base forms an -ing word may be of ("cutting" -> cutt, cut; "moving" -> mov, move; "freeing" -> free)."""
    base = gerund[:-3]
    forms = {base, base + "e"}
    if len(base) > 2 and base[-1] == base[-2]:
        forms.add(base[:-1])
    return frozenset(forms)


def definition_heads(definitions: dict[str, str] = DEFINITIONS) -> dict[str, Head]:
    """Each root operation done to a body part with its definition's leading verbs and particles ("excision" ->
    ({cut, ...}, {out, off})); an operation whose definition begins with no verb (Destruction's "Physical
    eradication") or whose act is done to a device, matter, fluid or material has none."""
    out: dict[str, Head] = {}
    for operation, text in definitions.items():
        low = text.lower()
        obj = _WITHOUT.sub(",", low)
        if any(word in obj for word in NOT_BODY_PART) or not any(
            part in obj for part in ("body part", "extremities")
        ):
            continue
        verbs: set[str] = set()
        particles: set[str] = set()
        words = _WORD.findall(low)
        for at, word in enumerate(words):
            if word.endswith("ing") and len(word) > SHORT + 2:
                verbs |= _gerund_forms(word)
            elif word in LINKS or word.endswith("ly"):
                continue  # "Taking or cutting", "Completely closing", "Visually and/or manually exploring"
            elif verbs and word in PARTICLES:
                particles.add(word)
            else:
                break
            if at > 8:
                break
        if verbs:
            out[operation] = (frozenset(verbs), frozenset(particles))
    return out


HEADS = definition_heads()


def definition_operations(
    wordnet: WordNet,
    words: Sequence[str],
    operation_nouns: frozenset[str],
    is_main_term: Callable[[str], bool],
    names_body_part: Callable[[str], bool],
    typed: Sequence[str] = (),
) -> dict[str, list[str]]:
    """Each query verb (a past or -ing form) read as the root operations whose definitions begin with it or with a
    verb its first senses are a kind of ("freed" -> release; "moved" -> reposition, transfer; "shaving out" ->
    excision, resection), when the query names a body part. `operation_nouns`: the root operation names the PCS
    Index holds as main terms; `is_main_term`: whether a word is a PCS Index main term already (read as it
    is); `names_body_part`: whether a word names a body part of the PCS tables; `typed`: the query's words as
    read, its function words kept (the verb's neighbours are read there when it holds the verb)."""
    low = [w.lower() for w in words]
    said = [w.lower() for w in typed]
    if not any(names_body_part(w) for w in low):
        return {}
    out: dict[str, list[str]] = {}
    for at, word in enumerate(low):
        if word not in IRREGULAR_PAST and (
            len(word) <= SHORT or not word.isalpha() or not word.endswith(VERB_ENDINGS) or is_main_term(word)
        ):
            continue
        if names_body_part(word):
            continue
        # (the verb among the words as typed, when they hold it: "is" and "when" are kept there)
        line, place = (said, said.index(word)) if word in said else (low, at)
        before = line[place - 1] if place else ""
        if before in TIME_WORDS:
            continue  # "pain when moving my shoulder": a clause of time tells when, not what was done
        if place + 1 < len(line) and line[place + 1] not in FUNCTION_WORDS:
            continue  # "displaced fracture", "draining anal fistula": a participle before its noun describes it
        if before in STATE_WORDS:
            continue  # "my vagina is closed off": a state the part is in, not an act done to it
        if not _acts_on_body_part(line, place, names_body_part):
            continue
        base = IRREGULAR_PAST.get(word, word)
        after = next((w for w in line[place + 1 : place + 1 + PARTICLE_REACH] if w in PARTICLES), "")
        own, kinds = _verbs_of(wordnet, base)
        named = _own_operation(base, own, operation_nouns)
        if named is not None:
            # "excised", "resected", "occluded", "destroyed": the operation's own verb, its noun the name
            out[word] = [named]
            continue
        # (the verb itself, or a verb it is a kind of when the particle said is the definition's too: to
        # shave out is to cut out; "stepped on", "turning" are no kind of moving a body part)
        found = [
            operation
            for operation, (heads, particles) in HEADS.items()
            if operation in operation_nouns
            and (
                (heads & own and (not after or not particles or after in particles))
                or (heads & kinds and after and after in particles)
            )
        ]
        if found:
            out[word] = found
    return out


def _acts_on_body_part(low: Sequence[str], at: int, names_body_part: Callable[[str], bool]) -> bool:
    """Whether the verb at `at` is done to a body part: a past form after its subject is passive, done to what
    the words just before it name ("skin flap moved", "right median nerve freed"; not "earring ripped through
    the earlobe"); a verb first in the query, or an -ing form, is done to what follows ("freed up scarred
    flexor tendons", "cutting the left sciatic nerve")."""
    if at and not low[at].endswith("ing"):
        before = [w for w in low[max(0, at - SUBJECT_REACH - 1) : at] if w not in STATE_WORDS | PAST_BE]
        return any(names_body_part(w) for w in before[-SUBJECT_REACH:])
    return any(names_body_part(w) for w in low[at + 1 :])


def _own_operation(word: str, own: frozenset[str], operation_nouns: frozenset[str]) -> str | None:
    """The root operation a verb form names by its own verb ("excised": excise + -ion, Excision; "occluded":
    occlude, Occlusion; "destroyed": destroy, Destruction), or None: the verb forms of the word that are lemmas
    of its senses, made nouns by English's nominal suffixes."""
    for form in verb_forms(word):
        if form not in own:
            continue
        for cut, suffix in NOMINAL_SUFFIXES:
            if cut and not form.endswith(cut):
                continue
            noun = (form[: -len(cut)] if cut else form) + suffix
            if noun in operation_nouns:
                return noun
    return None


def _verbs_of(wordnet: WordNet, word: str) -> tuple[frozenset[str], frozenset[str]]:
    """The verbs a word's first senses say ("freed": free, liberate, release), and those of the senses they are a
    direct kind of ("shaving": cut)."""
    own: set[str] = set()
    kinds: set[str] = set()
    for sense in wordnet.verbs(word)[:SENSES]:
        own.update(sense.lemmas)
        for up in sense.hypernyms:
            kinds.update(wordnet.sense(up).lemmas)
    return frozenset(v for v in own if " " not in v), frozenset(v for v in kinds if " " not in v)


def names_body_part(wordnet: WordNet, word: str) -> bool:
    """Whether a word's usual noun senses name a part of the body (WordNet's noun.body: "tendons", "scrotum",
    "chest"); a particle ("back" of "sewn back on") is read as one."""
    low = word.lower()
    if low in PARTICLES:
        return False
    forms = [low, low[:-1]] if low.endswith("s") else [low]
    return any(s.kind == "noun.body" for form in forms for s in wordnet.senses(form)[:SENSES])


def definition_note(why: str, told: dict[str, list[str]]) -> str:
    """What a PCS answer's reason says of a verb read by a definition (" (read by definition: freed -> Release)"),
    when its path begins with that operation; "" otherwise."""
    first = why.partition(": ")[2].split(",")[0].split(" ")[0].lower()
    read = [f"{word} -> {first.capitalize()}" for word, operations in told.items() if first in operations]
    return f" (read by definition: {'; '.join(read)})" if read else ""
