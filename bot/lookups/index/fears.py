"""A fear told in everyday words read as the Index's Phobia line for the kind of thing feared.

"terrified of bees", "so scared of thunderstorms I hide in the closet", "too scared to get on a plane", "I panic
in elevators", "scared to leave the house alone": the patient names the thing feared, and read literally those
words are the feared thing's own codes (venom of bees, a fall from a height, an immunization encounter). A coder
hears a phobia and goes to the Index's main term Phobia, whose specific subterms sort the feared thing by its
kind, as DSM-5 and the Tabular (F40.2-) do:

- animal (Phobia, specific, animal; spiders its own line), natural environment (thunderstorms its own line;
  water, storms, lightning), situational (flying, heights, bridges, closed in spaces its own lines; driving,
  tunnels, trains), blood, injection (shots, needles, vaccines, blood draws) and injury, men, women, and
  medical care (Phobia, specified NEC, medical care NEC: the dentist, doctors, hospitals);
- fear of people and of being watched or judged is Phobia, social ("generalized" when every or any social
  situation is said); fear of leaving the house, of crowds, stores or public places is Agoraphobia, "with
  panic disorder" when panic attacks are said.

`read_fear` says the Index's words ("phobia specific animal") in place of the sentence when the sentence says
a fear (afraid of, scared to, fear of, phobia of, panic in) of a thing whose kind is known; otherwise None and
the sentence keeps its words. A fear of an illness ("afraid I have cancer", "scared it's my heart") is no
phobia (the Tabular sends nosophobia to F45.22) and is never read. The kinds are word classes kept here, not
codes: the code still comes from the Index line the words reach.
"""

from __future__ import annotations

import re

# Saying a fear: "terrified of", "so scared to", "fear of", "phobia of", "freaks out in", "panic on".
_FEAR = re.compile(
    r"\b(?:(?:terrified|scared|afraid|frightened|petrified|fearful|phobic|panicky)\s+(?:of|to|about|around)|"
    r"(?:fear|phobia|terror)\s+(?:of|about)|"
    r"(?:panic|panics|panicking|freak|freaks|freaking)\s+(?:out\s+)?(?:in|on|around|when|inside|near|if)|"
    r"(?:can'?t|cannot|could\s+not|couldn'?t)\s+(?:stand|handle|bear)\s+(?:being\s+)?(?:in|on|around))\b"
)
# An illness feared is no phobia (nosophobia, F45.22), nor a worry about what a finding means.
_ILLNESS = re.compile(
    r"\b(?:cancer|tumou?r|disease|illness|sick|dying|die|heart\s+attack|stroke|aids|hiv|infection|"
    r"(?:i|it|he|she|they)\s+(?:have|has|had|is|are|was|might|may|could|will))\b"
)
# A fear said as a phobia or with terror reads as one even when its object is of no kind listed ("terrified of
# clowns": Phobia, specific, specified focus NEC) - unless the object is someone the patient knows.
_STRONG = re.compile(r"\b(?:terrified|petrified|phobia|phobic|terror)\b")
_SOMEONE = re.compile(r"\s*(?:my|his|her|our|their|your|him|them|me|us|he|she|they|it)\b")
_PANIC = re.compile(r"\bpanic\s+attacks?\b|\bpanic\s+disorder\b")
_EVERY = re.compile(r"\b(?:every|all|any|most|everything|everyone|anybody|anyone)\b")

# The Index's specific subterms, each with the everyday words that name the feared thing.
_THINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("specific animal spiders", re.compile(r"\b(?:spiders?|tarantulas?|arachnids?)\b")),
    (
        "specific natural environment thunderstorms",
        re.compile(r"\b(?:thunder\w*|lightning|storms?|stormy)\b"),
    ),
    (
        "specific situational flying",
        re.compile(r"\b(?:fly|flying|flights?|planes?|airplanes?|aeroplanes?)\b"),
    ),
    (
        "specific situational heights",
        re.compile(
            r"\b(?:heights?|high\s+(?:places|up|floors?|buildings?)|up\s+high|"
            r"ladders?|balcon(?:y|ies)|cliffs?)\b"
        ),
    ),
    ("specific situational bridges", re.compile(r"\bbridges?\b")),
    (
        "specific situational closed in spaces",
        re.compile(
            r"\b(?:elevators?|lifts|closets?|tunnels?|mri|(?:small|tight|closed|enclosed|confined|cramped)"
            r"(?:\s+in)?\s+(?:spaces?|places?|rooms?|areas?))\b|\bclosed\s+in\b"
        ),
    ),
    (
        "specific injection",
        re.compile(
            r"\b(?:needles?|shots?|injections?|vaccines?|vaccinations?|jabs?|immuniz\w+|blood\s+(?:draws?|drawn|tests?|"
            r"work)|iv)\b"
        ),
    ),
    ("specific transfusion", re.compile(r"\btransfusions?\b")),
    ("specific blood", re.compile(r"\b(?:blood|bleeding)\b")),
    ("specific injury", re.compile(r"\b(?:getting\s+hurt|injur(?:y|ies|ed)|being\s+hurt)\b")),
    (
        "specified medical care",
        re.compile(
            r"\b(?:dentists?|dental|doctors?|hospitals?|clinics?|medical|surgery|surgeons?|check\s*ups?|exams?)\b"
        ),
    ),
    ("specific men", re.compile(r"\bmen\b")),
    ("specific women", re.compile(r"\bwomen\b")),
    (
        "specific situational",
        re.compile(
            r"\b(?:driv\w+|cars?|trains?|subways?|buses|boats?|ships?|highways?|traffic|escalators?)\b"
        ),
    ),
    (
        "specific natural environment",
        re.compile(
            r"\b(?:water|oceans?|sea|lakes?|swimming|waves|rivers?|deep\s+water|wind|the\s+woods|forests?)\b"
        ),
    ),
)
# Animals by their everyday names (the kinds the External Cause Index lists under Bite and Contact with).
_ANIMAL = re.compile(
    r"\b(?:animals?|dogs?|puppies|cats?|kittens?|snakes?|serpents?|bees?|wasps?|hornets?|insects?|bugs?|"
    r"birds?|pigeons?|mice|mouse|rats?|rodents?|horses?|cows?|bulls?|cockroach(?:es)?|roach(?:es)?|frogs?|"
    r"toads?|sharks?|fish|worms?|moths?|butterfl(?:y|ies)|lizards?|reptiles?|ants?|flies|mosquito(?:es)?|"
    r"chickens?|geese|goose|squirrels?|bats?|scorpions?|crabs?|jellyfish)\b"
)
_SOCIAL = re.compile(
    r"\b(?:people|social|strangers|public\s+speaking|speaking\s+in\s+public|talking\s+to\s+\w+|parties|party|"
    r"being\s+(?:watched|judged)|meeting\s+(?:new\s+)?people|crowded\s+rooms?\s+of\s+people|classmates|"
    r"raising\s+(?:my|his|her)\s+hand)\b"
)
_AGORA = re.compile(
    r"\b(?:leav\w+\s+(?:the|my|his|her)\s+(?:house|home|apartment)|go(?:ing)?\s+(?:out|outside)|"
    r"crowds?|crowded|open\s+spaces?|public\s+places?|stores?|shops?|malls?|markets?|outside\s+alone|"
    r"out\s+(?:of\s+the\s+house\s+)?alone)\b"
)


def may_read_fear(text: str) -> bool:
    """A cheap test of the words: whether a fear may be said (the search reads no further otherwise)."""
    low = text.lower()
    return any(
        w in low
        for w in (
            "scared",
            "afraid",
            "fear",
            "phobi",
            "terrified",
            "frightened",
            "panic",
            "petrified",
            "freak",
            "stand being",
        )
    )


def read_fear(text: str) -> str | None:
    """The Index's words for the phobia the sentence tells, or None when it tells no fear of a known kind."""
    low = " ".join(text.lower().replace("\u2019", "'").split())
    found = _FEAR.search(low)
    if found is None:
        return None
    feared = low[found.end() :]
    if _ILLNESS.search(feared):
        return None
    if _AGORA.search(feared):
        return "agoraphobia with panic disorder" if _PANIC.search(low) else "agoraphobia"
    if _SOCIAL.search(feared) and _ANIMAL.search(feared) is None:
        return "phobia social generalized" if _EVERY.search(low) else "phobia social"
    for line, words in _THINGS:
        if words.search(feared):
            return f"phobia {line}"
    if _ANIMAL.search(feared):
        return "phobia specific animal"
    if _STRONG.search(low) and _SOMEONE.match(feared) is None:
        return "phobia specific specified focus"
    return None
