"""A patient's verb of position, time or birth read as the noun the Alphabetic Index files the condition under.

Patients and parents tell a condition by what the part does or when it started, not by its name, and the verbs
they use are the verbs of accidents: "feels like my uterus is falling out", "my ovary got twisted", "my finger
keeps popping out of joint", "my left knee keeps giving out", "my son was born without a right hand", "my 2 year
old isn't talking yet". Read literally, "falling", "twisted" and "out" are the External Cause Index's Fall and
Twisting; a coder hears the Index's main terms instead:

- an organ the Index lists under Prolapse said to fall, drop, sag, hang, bulge or come out (or down) is
  Prolapse, that organ ("all the way out": complete); an organ listed under Torsion but not under Sprain said
  twisted is Torsion, that organ ("twisted my ankle" stays a sprain: the ankle is a Sprain subterm);
- a joint that keeps popping or slipping out (of joint, of place, of its socket) is Dislocation, recurrent;
  out of its socket once is Dislocation; a joint (one the Index lists under Instability) that gives out, gives
  way or buckles is Instability;
- a condition that keeps coming back is the Index's "recurrent", and how long or how often it comes its
  course word (recurrent, chronic, infrequent: bot.lookups.index.course_words);
- what a child was born with is "congenital", what he was born without "congenital absence", a child born
  early Preterm, newborn, one born dead Stillbirth;
- a child (an age said, or "yet") who is not talking or walking yet is Delay, development: words and speech are
  its speech line, sitting, crawling, standing and walking the milestones (Delay, milestone), reading its
  reading line;
- an ear, a sinus or a tooth hurting since a flight landed or after a dive is Barotrauma, otitic / sinus /
  odontalgia (the change of pressure told by the trip; never the fear of flying);
- a baby hurt during delivery (or when he was born) is Birth, injury, by the part (never the mother's own tear);
- a baby said to be affected by what the mother did while pregnant (drank, smoked, used drugs) is Newborn,
  affected by, maternal, alcohol / tobacco / drugs.

`read_lay_shape` says the Index's words in place of the verb phrase and returns the text (None when no shape is
said); the search reads that text as the query (bot.lookups.search.Searcher.find). The organs and joints come
from the Index's own subterms (`IndexWords`), so a part the Index does not list under the main term is never
read into it. No injury is read here: a sentence saying a fall, a blow or an accident keeps its words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.lookups.index.course_words import may_read_course, read_course
from bot.lookups.index.tree import IndexTree, main_term

# A sentence telling an injury event: the movement words are the event's, not a condition's.
_INJURY_EVENT = re.compile(
    r"\b(?:fell|fall|falls|tripped|slipped\s+on|hit|struck|crash|accident|injur(?:y|ed)|tackled|collided|"
    r"playing|while\s+(?:playing|running|skiing|lifting))\b"
)
_TO_BE = (
    r"(?:(?:is|are|was|were|has|have|had|keeps?|kept|got|gets|feels?\s+like\s+(?:it'?s|its|they'?re))\s+)?"
)
_BEEN = r"(?:been\s+)?"
_OUT_VERB = (
    r"(?:falling|fell|fallen|falls|coming|came|come|comes|hanging|hangs|hung|dropping|dropped|drops|sagging|"
    r"sagged|sags|slipping|slipped|slips|bulging|bulges|bulged|pushing|pushes|pushed|poking|pokes|poked)"
)
_HOW_FAR = (
    r"(?P<far>(?:all\s+the\s+way|completely|totally|partly|partway|part\s+of\s+the\s+way|a\s+little)\s+)?"
)
_PROLAPSE = re.compile(
    rf"\b(?P<part>[a-z]+)\s+{_TO_BE}{_BEEN}(?:{_OUT_VERB}\s+{_HOW_FAR}(?:out|down)\b(?:\s+of\s+(?:my|her|the)\s+[a-z]+)?|"
    r"(?:sagging|sagged|sags|saggy|droopy|drooping|drooped|dropping|dropped)\b)"
)
_TWISTED = re.compile(rf"\b(?P<part>[a-z]+)\s+{_TO_BE}{_BEEN}(?:twisted|twisting|twists|twist)\b")
# A joint coming out of place: "pops out", "slips out of joint", "dislocates"; again and again when a word of
# repetition is said anywhere in the sentence.
_COMES_OUT = re.compile(
    r"\b(?:(?:keeps?|kept)\s+(?:on\s+)?)?(?:dislocates?|dislocating|(?:popping|slipping|sliding|coming|going|pops|"
    r"slips|slides|comes|goes|popped|slipped|came)\s+out(?:\s+of\s+(?:joint|place|(?:the\s+|its\s+|his\s+|her\s+)?"
    r"socket))?)\b"
)
_AGAIN = re.compile(
    r"\b(?:keeps?|kept|always|constantly|often|repeatedly|all\s+the\s+time|over\s+and\s+over|again\s+and\s+again|"
    r"every\s+(?:time|week|month|few\s+\w+))\b"
)
_OUT_OF_SOCKET = re.compile(
    r"\b(?:(?:popped|slipped|came|comes|come|is|was|were|has\s+been|pops|slips)\s+)?out\s+of\s+"
    r"(?:the\s+|its\s+|his\s+|her\s+)?(?:socket|joint)\b"
)
_GIVES_OUT = re.compile(
    r"\b(?:(?:keeps?|kept)\s+)?(?:giving|gives|gave|give)\s+(?:out|way)\b|\bbuckl(?:es|ing|ed)\b"
)
# A condition coming back: "keeps coming back", "came back again", "comes back every few months", or "came back"
# ending the sentence (never "the biopsy came back positive": a result, not a recurrence).
_COMES_BACK = re.compile(
    r"\b(?:keeps?|kept)\s+(?:on\s+)?(?:coming|came)\s+back\b|\b(?:came|come|comes|coming)\s+back\s+"
    r"(?:again(?:\s+and\s+again)?|over\s+and\s+over|all\s+the\s+time|every\s+(?:few|couple|other)?\s*[a-z]+)\b|"
    r"\b(?:came|comes)\s+back$|\bkeeps?\s+(?:returning|recurring)\b"
)
# Since birth: what the child has had from birth is congenital, what it has had none of a congenital absence.
# "since birth", "ever since she was born", "since I was a baby", "from infancy", "since the day he was born".
_FROM_BIRTH = re.compile(
    r"\b(?:ever\s+)?(?:since|from|at)\s+(?:birth|infancy|(?:the\s+day\s+)?(?:he|she|i|they|we|you|it)\s+"
    r"(?:was|were)\s+(?:born|an?\s+(?:baby|newborn|infant)))\b"
)
# A relative other than the patient's child: a condition he was born with is the family's history.
_RELATIVE = re.compile(
    r"\b(?:sibling|siblings|brother|sister|mother|father|mom|dad|parent|parents|aunt|uncle|cousin|grand\w+|"
    r"family|history|hx|runs)\b"
)
_HAS_NO = re.compile(r"\b(?:has|have|had|with)\s+no\b")
_BORN_WITHOUT = re.compile(
    r"\b(?:was\s+|were\s+)?born\s+(?:without|with\s+no|missing)\s+(?:a\s+|an\s+|any\s+|his\s+|her\s+|their\s+|the\s+)?"
)
# Born too soon: the Index's Preterm, newborn (the weeks of gestation said beside it stay: "at 34 weeks"); born
# dead: Stillbirth.
_BORN_EARLY = re.compile(
    r"\b(?:was\s+|were\s+)?born\s+(?:(?:\d+|a\s+few|a\s+couple\s+of|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"\s+(?:weeks?|wks?|months?)\s+)?(?:early|premature(?:ly)?|prematurely|too\s+(?:early|soon))\b"
)
_BORN_DEAD = re.compile(r"\b(?:was\s+|were\s+)?(?:born\s+(?:dead|still|without\s+a\s+heartbeat)|stillborn)\b")
_BORN_WITH = re.compile(r"\b(?:was\s+|were\s+)?born\s+with\s+(?:a\s+|an\s+|his\s+|her\s+|their\s+|the\s+)?")
# A child not yet doing what children learn to do: the Index's Delay, development line for it.
_CHILD = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|eighteen|fifteen|twelve)[\s-]*(?:years?|yrs?|months?|mos?)[\s-]*old\b|"
    r"\b(?:toddler|baby|infant|son|daughter|kid|child)\b"
)
_NOT_YET = re.compile(
    r"\b(?:isn'?t|is\s+not|not|hasn'?t\s+started|has\s+not\s+started|can'?t|cannot|doesn'?t|does\s+not|won'?t|"
    r"still\s+(?:isn'?t|not|can'?t|doesn'?t))\s+(?:really\s+|even\s+|yet\s+)?"
    r"(?P<verb>talking|talk|speaking|speak|saying\s+(?:any\s+)?words|say\s+(?:any\s+)?words|babbling|babble|"
    r"walking|walk|crawling|crawl|sitting\s+up|sit\s+up|standing|stand|rolling\s+over|roll\s+over|"
    r"pulling\s+up|pull\s+up|reading|read)\b"
)
_DELAY_LINE = (
    (re.compile(r"talk|speak|say|babbl"), "delayed development speech"),
    (re.compile(r"read"), "delayed development reading"),
    (re.compile(r"walk|crawl|sit|stand|roll|pull"), "delayed milestone"),
)
# A change of air or water pressure told by the trip (a flight, its landing, a dive) beside the part it hurt:
# the Index's Barotrauma, by its subterm for the part (otitic, sinus, odontalgia).
_PRESSURE_TRIP = re.compile(
    r"\b(?:plane|planes|airplane|flight|flights|flying|fly|flew|landed|landing|takeoff|took\s+off|descent|"
    r"scuba|diving|dive|dove|dived)\b"
)
_PRESSURE_PART = (
    (re.compile(r"\b(?:ears?|eardrums?)\b"), "barotrauma otitic"),
    (re.compile(r"\b(?:sinus|sinuses|forehead|cheekbones?)\b"), "barotrauma sinus"),
    (re.compile(r"\b(?:tooth|teeth|molar|molars)\b"), "barotrauma odontalgia"),
)
# The fear of flying is a phobia; a fly (the insect) that flew into an ear is a foreign body.
_NO_TRIP = re.compile(
    r"\b(?:afraid|fear|feared|scared|phobia|panic|anxious|anxiety|terrified|bug|bugs|insect|insects|"
    r"(?:a|the|that|this)\s+(?:fly|flies))\b"
)
# A baby hurt while being born: the Index's Birth, injury, by the part (the mother's own tear during delivery is
# an obstetric laceration, not the baby's).
_AT_BIRTH = re.compile(
    r"\b(?:during|at|from|in)\s+(?:the\s+|her\s+|his\s+|my\s+)?(?:delivery|birth|labor|labour)\b|"
    r"\bwhen\s+(?:he|she|they)\s+(?:was|were)\s+(?:born|delivered)\b|\bwhile\s+being\s+(?:born|delivered)\b"
)
_HURT = re.compile(
    r"\b(?:got\s+|was\s+|were\s+|is\s+)?(?:hurt|injured|damaged|harmed|bruised|broken|broke|fractured|cut|"
    r"stretched|injury|injuries|bruise|bruises|fracture)\b"
)
_MOTHER_HURT = re.compile(
    r"\bi\s+(?:tore|ripped|bled|was\s+torn)\b|\bmy\s+(?:vagina|perineum|cervix|uterus|tailbone)\b"
)
# What the mother did while pregnant, by the Index's Newborn, affected by, maternal subterm.
_PREGNANT = re.compile(r"\b(?:pregnan(?:t|cy)|expecting|carrying\s+(?:him|her|them))\b")
_NEWBORN = re.compile(r"\b(?:baby|babies|newborn|infant|son|daughter)\b")
_MATERNAL_USE = (
    (re.compile(r"\b(?:drank|drink|drinking|drinks|alcohol|booze|beer|wine)\b"), "alcohol"),
    (re.compile(r"\b(?:smoked|smoke|smoking|smokes|cigarettes?|vaped|vaping|tobacco|nicotine)\b"), "tobacco"),
)
# What the mother took or had while pregnant, told by her ("I took sleeping pills while I was pregnant", "I was on
# seizure meds during my pregnancy", "I had gestational diabetes when pregnant"): the object of her verb.
_MOTHER_TOOK = re.compile(
    r"\bi\s+(?:took|was\s+taking|was\s+on|used|was\s+using|had|got|caught|tested\s+positive\s+for)\s+"
    r"(?P<what>[a-z' -]+?)\s*(?:,|\band\b|\bwhile\b|\bduring\b|\bwhen\b|\bin\s+my\b|$)"
)


# A complaint after a vaccine ("fever after his shots yesterday", "rash since her 4 month vaccines"): the Index's
# "postimmunization" subterm (Fever, postimmunization), not the immunization encounter.
_AFTER_SHOTS = re.compile(
    r"\b(?:after|since|following|from)\s+(?:(?:his|her|my|their|the|its|getting|got|receiving|he\s+got|she\s+got)\s+)*"
    r"(?:\d+\s*(?:month|mo|year|yr|week|wk)s?\s+|flu\s+|covid\s+|tetanus\s+|baby\s+|booster\s+)?"
    r"(?:shots?|vaccines?|vaccinations?|immuni[sz]ations?|jabs?|boosters?)\b"
)
_MAY = re.compile(
    r"\b(?:out|down|twist\w*|born|birth|infancy|baby|newborn|infant|stillborn|delivery|delivered|labor|labour|giv\w*|gave|buckl\w*|back|yet|affected|sag\w*|drop\w*|droop\w*|fl[yi]\w*|"
    r"flew|plane|planes|airplane|land\w*|takeoff|dive|diving|dove|dived|scuba|descent|"
    r"dislocat\w*|talk\w*|walk\w*|crawl\w*|speak\w*|sit|sitting|stand\w*|read\w*|babbl\w*|roll\w*|"
    r"shots?|vaccin\w*|immuni[sz]\w*|jabs?|boosters?)\b"
)


@dataclass(frozen=True)
class IndexWords:
    """The first words of an Index main term's subterms, by main term (lowercase, as the Index prints them)."""

    under: Callable[[str], frozenset[str]]

    def lists(self, main: str, part: str) -> bool:
        words = self.under(main)
        singular = (  # ("ovaries": ovary; "testes": testis)
            [part[:-3] + "y", part[:-2] + "is"] if part.endswith(("ies", "es")) else []
        )
        return (
            part in words
            or (part.endswith("s") and part[:-1] in words)
            or any(s in words for s in singular if len(s) > 2)
        )


def may_read_lay_shape(text: str) -> bool:
    """A cheap test of the words: whether any shape may be said (the search reads no further otherwise)."""
    low = text.lower()
    return _MAY.search(low) is not None or may_read_course(low)


def read_lay_shape(text: str, words: IndexWords) -> str | None:
    """The text with each lay shape it says put in the Index's words, or None when it says none."""
    low = " ".join(text.lower().replace("\u2019", "'").split())
    event = _INJURY_EVENT.search(low) is not None
    read = low
    read = _read_delay(read)
    read = _read_maternal(read)
    if not event:
        read = _read_pressure(read)
    read = _read_birth_injury(read)
    if _RELATIVE.search(read) is None:  # "older sibling born with a heart defect": a family history
        read = _born(read)
    if not event:
        read = _read_organ(read, _PROLAPSE, "prolapse", words, lambda m: "complete" if _complete(m) else "")
        read = _read_organ(read, _TWISTED, "torsion", words, lambda m: "")
        if any(words.lists("dislocation", w) for w in read.split()):
            if _AGAIN.search(read) and _COMES_OUT.search(read):
                read = _AGAIN.sub("", _COMES_OUT.sub(" recurrent dislocation", read))
            else:
                read = _OUT_OF_SOCKET.sub(" dislocation", read)
        if _GIVES_OUT.search(read) and any(words.lists("instability", w) for w in read.split()):
            read = _GIVES_OUT.sub(" instability", read)
    read = read_course(_COMES_BACK.sub(" recurrent", read))
    shots = _AFTER_SHOTS.search(read)
    if shots is not None and shots.start() > 0:  # a complaint said before it
        read = _AFTER_SHOTS.sub(" postimmunization", read)
    read = " ".join(read.split())
    return read if read != low else None


def _born(text: str) -> str:
    """What the child was born with said as congenital, what it was born without as congenital absence, a
    child born early as preterm, one born dead as a stillbirth."""
    text = _BORN_EARLY.sub("preterm newborn", text)
    text = _BORN_DEAD.sub("stillbirth", text)
    text = _BORN_WITHOUT.sub("congenital absence ", text)
    text = _BORN_WITH.sub("congenital ", text)
    if _FROM_BIRTH.search(text):
        text = _HAS_NO.sub("absence", _FROM_BIRTH.sub("", text)) + " congenital"
    return text


def _complete(match: re.Match[str]) -> bool:
    far = match.group("far") or ""
    return far.startswith(("all", "complete", "total"))


def _read_organ(
    text: str, shape: re.Pattern[str], main: str, words: IndexWords, extra: Callable[[re.Match[str]], str]
) -> str:
    """The organ's verb phrase said as the main term, when the Index lists the organ under it and (for
    Torsion) not under Sprain - a twisted ankle is a sprain."""

    def said(match: re.Match[str]) -> str:
        part = match.group("part")
        if not words.lists(main, part) or (main == "torsion" and words.lists("sprain", part)):
            return match.group(0)
        return " ".join(w for w in (part, main, extra(match)) if w)

    return shape.sub(said, text)


def _read_delay(text: str) -> str:
    """ "my 2 year old isn't talking yet": the child's Delay, development line, when a child is said and the
    sentence says "yet" or the child's age."""
    found = _NOT_YET.search(text)
    if found is None or _CHILD.search(text) is None:
        return text
    if "yet" not in text.split() and re.search(r"\d|old\b", text) is None:
        return text
    verb = found.group("verb")
    line = next((said for shape, said in _DELAY_LINE if shape.search(verb)), None)
    if line is None:
        return text
    clause_end = text.find(",", found.end())
    rest = text[clause_end:] if clause_end >= 0 else ""
    return f"{line}{rest}"


def _read_pressure(text: str) -> str:
    """ "my ears hurt and feel plugged since the plane landed": Barotrauma, otitic (not the fear of flying)."""
    if _PRESSURE_TRIP.search(text) is None or _NO_TRIP.search(text):
        return text
    return next((said for shape, said in _PRESSURE_PART if shape.search(text)), text)


def _read_birth_injury(text: str) -> str:
    """ "my baby's eye got hurt during delivery": Birth, injury, eye."""
    if _AT_BIRTH.search(text) is None or _NEWBORN.search(text) is None or _MOTHER_HURT.search(text):
        return text
    if _HURT.search(text) is None:
        return text
    return " ".join(_AT_BIRTH.sub(" birth injury ", _HURT.sub(" ", text)).split())


def _read_maternal(text: str) -> str:
    """ "my baby was affected because I drank during my pregnancy": Newborn, affected by, maternal use; "I took
    sleeping pills while I was pregnant and the baby is being checked": Newborn, affected by, maternal, what
    she took."""
    if _NEWBORN.search(text) is None or _PREGNANT.search(text) is None:
        return text
    took = _MOTHER_TOOK.search(text)
    if took is not None and _PREGNANT.search(took.group("what")) is None:
        what = took.group("what").strip()
        what = next((said for shape, said in _MATERNAL_USE if shape.search(what)), what)
        return f"newborn affected by maternal {what}"
    if "affected" not in text:
        return text
    substance = next((said for shape, said in _MATERNAL_USE if shape.search(text)), None)
    if substance is None:
        return text
    return f"newborn affected by maternal {substance}"


def subterm_words(tree: IndexTree, main: str) -> frozenset[str]:
    """The part words an ICD-10-CM Index main term's subterms name: the last word of each form a subterm prints
    ("testis, testicle"; "fallopian tube": tube; "eye implant": implant, so an eye bulging out is no Prolapse,
    eye implant), and of the subterms of its "joint" and "recurrent" subterms (Instability, joint, knee;
    Dislocation, recurrent, hand joint)."""
    node = main_term(tree, "cm", main)
    if node is None:
        return frozenset()
    found: set[str] = set()
    for child in tree.children(node):
        found.update(_part_words(child.term))
        if child.term.lower() in _SITES_BELOW:
            for below in tree.children(child.id):
                found.update(_part_words(below.term))
    return frozenset(found)


_SITES_BELOW = frozenset({"joint", "recurrent"})


def _part_words(term: str) -> set[str]:
    forms = re.split(r",|\bor\b", term.lower())
    return {words[-1] for form in forms if (words := re.findall(r"[a-z]+", form))} - {"nec", "congenital"}
