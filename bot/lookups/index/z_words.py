"""A user's word for a thing -> the word a Z-code Index line files it under, by a general dictionary.

The Index's Z lines name kinds: "Contact, venereal disease", "Screening, fever, hemorrhagic", "Exposure,
occupational, extreme temperature", "Immunization, not done, because, patient's belief". Users name the thing
itself: "partner has gonorrhea", "screening for ebola", "roofer working in extreme heat", "skipped the shots
because of their church". A coder knows gonorrhea is a venereal disease, ebola a hemorrhagic fever, heat a
temperature and a church a religious belief, and reads the line. WordNet (bot.lookups.wordnet) says the same
of words nobody listed: a word's synonyms and the broader words it is a kind of, a few steps up, are read as
the Z line words they spell, when every word of one of them is a word of some Z line and one of its words is
a distinctive one (few lines hold it: "disease" or "state" alone reads nothing).

The same dictionary tells two things about the people of a situation sentence:
- a person named by a noun of persons ("roommate", "classmate", "bartender") is who the story is about, no
  word of the situation ("kid was around a classmate with german measles" is Contact, rubella);
- a person who is a kind of worker ("roofer", "bartender", "miner") says the situation is at work, the
  Index's occupational ("bartender breathing cigarette smoke" is Exposure, occupational, environmental
  tobacco smoke).

And what another person has, when it is a communicable disease, is the patient's contact with it ("partner
has gonorrhea, I'm fine"; guideline I.C.21.c.1: contact with and suspected exposure to a communicable
disease).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.lookups.index.words import content_stems
from bot.lookups.wordnet import Sense, WordNet

DEPTH = 3  # broader words this many steps up at most ("gonorrhea" -> venereal disease, 1)
SENSES = 2  # the first senses only ("cold" the illness and the temperature; never a rare one)
MIN_IDF = 3.0  # one word of a reading this distinctive among the Z lines
# What a worker is a kind of, and what a disease caught from another is.
_WORKERS = frozenset({"worker", "employee", "skilled worker", "workman", "laborer", "professional"})
_CATCHING = frozenset(
    {
        "communicable disease",
        "contagious disease",
        "infectious disease",
        "venereal disease",
        "viral infection",
    }
)
CACHE = 20_000
# Words every condition or thing is a kind of: they name no Index line's kind ("Screening, disease or disorder"
# is for a disease not named).
_TOO_BROAD = frozenset(
    {
        "disease",
        "disorder",
        "illness",
        "sickness",
        "unwellness",
        "malady",
        "condition",
        "state",
        "ill health",
        "pathological state",
        "infection",
        "upset",
        "problem",
        "status",
    }
)


class ZWords:
    """WordNet's readings of a query's words in the words of the Z lines (`idf`: the lines' stems and how
    distinctive each is), a word at a time, remembered."""

    def __init__(
        self, wordnet: WordNet, idf: dict[str, float], fits: Callable[[frozenset[str]], bool]
    ) -> None:
        self.wordnet = wordnet  # (the connection's one reader, bot.lookups.wordnet.reader)
        self.idf = idf
        self.fits = (
            fits  # whether one Z line holds every stem of a word ("plant" and "alkaloid" of two words: no)
        )
        self._readings: dict[str, frozenset[str]] = {}
        self._kinds: dict[str, tuple[bool, bool, bool, bool]] = {}

    def senses(self, phrase: str) -> tuple[Sense, ...]:
        """The noun senses of a word or phrase, or of its singular ("fire ants", "allergies")."""
        found = self.wordnet.senses(phrase)
        if not found and phrase.endswith("s") and len(phrase) > 3:
            found = self.wordnet.senses(phrase[:-3] + "y" if phrase.endswith("ies") else phrase[:-1])
            if not found and phrase.endswith("es"):
                found = self.wordnet.senses(phrase[:-2])
        return found

    def readings(self, phrase: str) -> frozenset[str]:
        """The Z line stems the phrase's synonyms and broader words spell (nothing when none does)."""
        found = self._readings.get(phrase)
        if found is None:
            found = frozenset()
            words: list[str] = []
            senses = [s for s in self.senses(phrase) if s.kind != "noun.person"]
            # (a person is who the story is about: "shrimp" is no runt here); the second sense's own words
            # only ("heat" is also a high temperature), never what it is a kind of ("trip" is no mental state)
            words += [w for s in senses[1:SENSES] for w in s.lemmas]
            for sense in senses[:1]:
                words += sense.lemmas
                up = [sense.id]
                for _ in range(DEPTH):
                    up = [h for s in up for h in self.wordnet.sense(s).hypernyms]
                    words += [w for s in up for w in self.wordnet.sense(s).lemmas]
            own = content_stems(phrase)
            out: set[str] = set()
            for word in words:
                if word in _TOO_BROAD:
                    continue
                # (a compound's head is its kind: "high temperature" is a temperature, read so when the
                # whole compound spells no Z line)
                for spelled in (word, word.split()[-1]) if " " in word else (word,):
                    stems = content_stems(spelled) - own
                    if (
                        stems
                        and all(s in self.idf for s in stems)
                        and max(self.idf[s] for s in stems) >= MIN_IDF
                        and self.fits(frozenset(stems))
                    ):
                        out |= stems
                        break
            found = frozenset(out)
            if len(self._readings) >= CACHE:
                self._readings.clear()
            self._readings[phrase] = found
        return found

    def _kind(self, word: str) -> tuple[bool, bool, bool, bool]:
        found = self._kinds.get(word)
        if found is None:
            senses = self.senses(word)
            person = bool(senses) and senses[0].kind == "noun.person"
            broader: set[str] = set()
            up = [senses[0].id] if senses else []
            for _ in range(6):
                up = [h for i in up for h in self.wordnet.sense(i).hypernyms]
                broader.update(w for i in up for w in self.wordnet.sense(i).lemmas)
            worker = person and bool(broader & _WORKERS)
            catching = bool(senses) and senses[0].kind == "noun.state" and bool(broader & _CATCHING)
            found = (person, worker, catching, person and bool(broader & {"relative", "relation"}))
            if len(self._kinds) >= CACHE:
                self._kinds.clear()
            self._kinds[word] = found
        return found

    def condition(self, word: str) -> bool:
        """A noun whose usual sense is a state (a disease, a symptom: "cancer", "gonorrhea")."""
        senses = self.senses(word)
        return bool(senses) and senses[0].kind == "noun.state"

    def relative(self, word: str) -> bool:
        """A person who is a kind of relative ("aunt", "cousin")."""
        return self._kind(word)[3]

    def person(self, word: str) -> bool:
        """A noun whose usual sense is a person ("roommate", "classmate", "bartender")."""
        return self._kind(word)[0]

    def worker(self, word: str) -> bool:
        """A person who is a kind of worker ("roofer", "bartender", "miner")."""
        return self._kind(word)[1]

    def catching(self, phrase: str) -> bool:
        """A communicable disease ("gonorrhea", "german measles", "flu")."""
        return self._kind(phrase)[2]


# Something planned and not done ("surgery called off", "couldn't get the vaccine", "no shots today", "mom
# refused vaccines"): the Index's Immunization, not done and Procedure, not done (Z28, Z53), the reason read
# from the rest of the sentence.
_NOT_DONE = re.compile(
    r"\b(?:cancel+(?:ed|ing|s)?|called\s+off|call\s+off|postponed|put\s+off|not\s+(?:done|given|performed)|"
    r"(?:couldn'?t|could\s+not|didn'?t|did\s+not|can'?t|cannot|won'?t|will\s+not)\s+(?:get|give|have|do|go\s+ahead\s+with)|"
    r"skip(?:s|ped|ping)?|refus(?:e|es|ed|ing)|declin(?:e|es|ed|ing)|"
    r"no\s+(?:more\s+|further\s+)?(?:[a-z]+\s+)?(?:vaccin\w*|shots?|immuniz\w*|jabs?|surgery|procedure|operation))\b"
)
_VACCINE = re.compile(r"\b(?:vaccin\w*|shots?|immuniz\w*|immunis\w*|jabs?|boosters?)\b")
_PROCEDURE = re.compile(r"\b(?:surgery|surgeries|procedures?|operations?|op)\b")
_PROCEDURE_KINDS = frozenset(
    {"medical procedure", "surgery", "operation", "medical care", "medical test", "examination", "endoscopy"}
)
_REASON = re.compile(r"\b(?:because(?:\s+of)?|due\s+to|bc|b/c|owing\s+to)\b(?P<why>.*)$")
_REFUSED = re.compile(r"\b(?:refus\w*|declin\w*|(?:does|did|do)\s*n[o']t\s+want|won'?t|against)\b")
_CHANGED_MIND = re.compile(
    r"\b(?:changed\s+(?:his|her|their|my)\s+mind|decided\s+(?:not|against)|chose\s+not)\b"
)
_PARENT = re.compile(r"\b(?:mom|mum|mother|dad|father|parents?|mommy|daddy)\b")
_GUARDIAN = re.compile(r"\b(?:guardian|caregiver|carer|grandma|grandmother|grandpa|grandfather|aunt|uncle)\b")
_SHORT = re.compile(
    r"\b(?:ran\s+out|run\s+out|out\s+of\s+stock|shortage|unavailab\w*|not\s+available|backorder\w*|"
    r"didn'?t\s+have|did\s+not\s+have|none\s+left|no\s+(?:more\s+)?(?:vaccine|doses?))\b"
)
_ADMINISTRATIVE = re.compile(
    r"\b(?:insurance|insurer|authoriz\w*|authoris\w*|approv\w*|paperwork|prior\s+auth|billing|scheduling|"
    r"no\s+bed|staff\w*|equipment)\b"
)
_CONTRAINDICATION = re.compile(
    r"\b(?:too\s+(?:high|low)|elevated|unstable|abnormal|not\s+cleared|contraindicat\w*)\b"
)
_ILL = re.compile(r"\b(?:sick|ill|illness|unwell|infection|fever|febrile)\b")
_CHRONIC = re.compile(r"\bchronic\w*\b")
_IMMUNE = re.compile(
    r"\b(?:immun\w*\s*(?:compromis\w*|suppress\w*)|immunocompromis\w*|immunosuppress\w*|chemo\w*)\b"
)
_WORD = re.compile(r"[a-z][a-z'-]*")


def may_not_be_done(lowered: str) -> bool:
    """A cheap test: a word of not doing and a vaccine's or a procedure's word."""
    return bool(_NOT_DONE.search(lowered) or _CHANGED_MIND.search(lowered)) and bool(
        _VACCINE.search(lowered) or _PROCEDURE.search(lowered) or _REASON.search(lowered)
    )


def _reason(words: ZWords, why: str, vaccine: bool, whole: str) -> str:
    """The reason a thing was not done, in the words of the Index's "because" lines."""
    said = [w for w in _WORD.findall(why)]
    readings = frozenset(s for w in said for s in words.readings(w))
    if "belief" in readings or "religious" in readings or re.search(r"\bbeliefs?\b", why):
        return "patient's belief" if vaccine else "patient's decision for reasons of belief or group pressure"
    if re.search(r"\ballerg\w*", why):
        return "allergy to vaccine" if vaccine else "contraindication"
    if vaccine and _SHORT.search(whole):
        return "unavailability of vaccine"
    if re.search(r"\bsmok\w*", why):
        return "contraindication smoking"
    if _ADMINISTRATIVE.search(why):
        return "administrative reasons"
    if vaccine and _IMMUNE.search(why):
        return "immune compromised state of patient"
    ill = _ILL.search(why) or any(words.catching(w) for w in said) or {"illness", "fever"} & readings
    if ill:
        if vaccine:
            return "chronic illness of patient" if _CHRONIC.search(why) else "acute illness of patient"
        return "contraindication"
    if not vaccine and _CONTRAINDICATION.search(why):
        return "contraindication"
    if _REFUSED.search(whole):
        if vaccine:
            who = "parent" if _PARENT.search(whole) else "guardian" if _GUARDIAN.search(whole) else "patient"
            return f"{who} refusal"
        return "patient's decision"
    if _CHANGED_MIND.search(whole):
        return "patient's decision"
    return ""


def not_done(words: ZWords, lowered: str) -> str | None:
    """ "surgery called off because her blood pressure was too high" -> "procedure not done because
    contraindication"; None when the sentence tells no vaccine or procedure not done."""
    if not _NOT_DONE.search(lowered) and not _CHANGED_MIND.search(lowered):
        return None
    vaccine = bool(_VACCINE.search(lowered))
    if not vaccine and not _PROCEDURE.search(lowered):
        before = _REASON.split(lowered, maxsplit=1)[0]
        if not any(
            {w for s, _ in words.wordnet.broader(t, depth=4) for w in s.lemmas} & _PROCEDURE_KINDS
            for t in _WORD.findall(before)
            if len(t) > 3
        ):
            return None
    said = _REASON.search(lowered)
    reason = _reason(words, said.group("why") if said else lowered, vaccine, lowered)
    if not said and not reason:
        return None
    head = "immunization not done" if vaccine else "procedure not done"
    return f"{head} because {reason}" if reason else head
