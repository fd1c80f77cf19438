"""A reason for the encounter told by its kind in plain words -> the Index's Z main term, and its object below it.

The Alphabetic Index files the factors influencing health status (guideline I.C.21) under main terms that name
the reason's kind - Underimmunization status, Status (awaiting organ transplant), Dependence (on), Exposure
(occupational), Immunization (not done) - and lists the reason's object below them ("Underimmunization status,
COVID-19", "Dependence, on, oxygen", "Exposure, occupational, radiation"). Users say the kind in words of
their own, clinical or lay ("never got the covid vaccine", "waiting for a heart transplant", "dependent on
supplemental O2 at night", "xray tech exposed to radiation on the job"); read word by word the object alone
leads (the vaccination encounter Z23, the PCS transplant, a drug dependence F19, the external cause W88). A
coder hears the kind first, goes to its main term, and looks the object up below that term's lines.

Each kind here is a general way of saying it (a pattern whose group `what` is the object) and the Index words
the kind is looked up in. `read_kind` returns the text in those words, the frame (bot.lookups.index.past_states
FRAMES: the words the answer's Index path must print), and the object, which the answer must say; the search
keeps the answer only when it is a Z code on such a path (bot.lookups.search.Searcher._past_state), so a kind
whose object the Index does not list below it ("dependent on sleeping pills" is a drug dependence, no
Dependence, on line) leaves the query to its own reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WHO = r"(?:(?:the\s+)?(?:he|she|they|pt|patient|child|kid|baby|son|daughter|man|woman)\s+)?"
_OWNER = r"(?:(?:a|an|the|his|her|my|their|its|any|some)\s+)?"
_IMMUNIZING = r"(?:vaccines?|vaccinations?|shots?|immunizations?|jabs?|boosters?|vax|vaccs?)"
# A circumstance said after the object ("at night only", "because of the cost", "all day"): how or when,
# no word of the object the Index lists.
_CIRCUMSTANCE = re.compile(
    r"\s*(?:,|\b(?:after|at\s+night|at\s+home|at\s+(?:his|her|the)\s+\w+|only|because|since|due\s+to|while|when|during|"
    r"all\s+day|every\s+\w+|each\s+\w+|daily|nightly|today|now|anymore|yet|for\s+(?:years|months|weeks|\d+)|"
    r"(?:on|at)\s+(?:the\s+)?(?:job|work))\b).*$"
)
_FOR_WHOM = re.compile(
    r"\s+(?:for|with|of|to)\s+(?:(?:the|a|an|her|his|their|my)\s+)?(?:\w+\s+)?(?:parents?|mom|mother|dad|"
    r"father|patient|pt|family|caregivers?|couple)\b.*$"
)
# A service's measure or setting said ("20 minutes", "group", "per session"): the service itself is asked for,
# its HCPCS or PCS code, not the reason for the encounter.
_SERVICE = re.compile(
    r"\b(?:\d+\s*(?:min|mins|minutes|hours?|hrs?)|minutes|group|individual|sessions?|per|step)\b"
)
_JOB = re.compile(
    r"\b(?:on\s+the\s+job|at\s+(?:the\s+|his\s+|her\s+|my\s+|their\s+)?(?:work|job|workplace|plant|factory|mine)|"
    r"work(?:s|ed|ing)?\s+(?:with|around|in)|workers?|occupational(?:ly)?|employee)\b"
)
# (kinds said of nothing without their object: "dependent on" alone names no Dependence line)
_OBJECT_NEEDED = frozenset({"dependence", "long-term", "drug history", "counseling", "problem"})
_INJURED = re.compile(r"\b(?:hurt|injur\w*|burn\w*|cut|fell|fall|broke\w*|fractur\w*|hit|struck|bitten)\b")


@dataclass(frozen=True)
class KindSaid:
    """A reason's kind read: the text in the Index's words, the frame (bot.lookups.index.past_states FRAMES),
    the note, and the object's words (empty when only the kind is said)."""

    text: str
    frame: str
    note: str
    what: str


@dataclass(frozen=True)
class _Kind:
    """One kind: how it is said, the Index words it is looked up in, its frame, and its Index line (the main
    term and subterms, as printed: the line below which the data codes mostly in Z)."""

    said: re.Pattern[str]
    index_words: str
    frame: str
    main: str


_KINDS: tuple[_Kind, ...] = (
    # "waiting for a heart transplant", "on the list for a new liver": Status, awaiting organ transplant;
    # Transplant, awaiting organ; Person awaiting admission
    _Kind(
        re.compile(
            rf"^{_WHO}(?:is\s+|are\s+)?(?:(?:still|currently|now)\s+)?(?:waiting|waits|awaiting|listed|"
            rf"on\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?:waiting\s+)?list)\s+(?:for|on)\s+{_OWNER}(?P<what>[a-z0-9 '-]+)$"
        ),
        "awaiting",
        "awaiting",
        "Status, awaiting organ transplant",
    ),
    # "never got the covid vaccine", "hasn't had any of his shots", "unvaccinated for measles": a vaccine not had
    # is the patient's underimmunization status (Z28.3-), not the encounter to give it (Z23)
    _Kind(
        re.compile(
            rf"^{_WHO}(?:has\s+|have\s+|is\s+)?(?:never|not\s+yet|not|hasn'?t|haven'?t|has\s+not|didn'?t|did\s+not)\s+"
            r"(?:ever\s+)?(?:got|gotten|get|had|have|received|receive|been\s+given|taken|took|completed|finished)\s+"
            rf"{_OWNER}(?:(?:of\s+)?(?:his|her|their|its)\s+)?(?P<what>[a-z0-9 '-]*?)\s*{_IMMUNIZING}(?:\s+series)?$"
            rf"|^{_WHO}(?:is\s+)?(?:un-?vaccinated|not\s+vaccinated|never\s+vaccinated|un-?immunized|not\s+immunized|"
            r"(?P<partly>partially\s+vaccinated)|behind\s+on\s+(?:\w+\s+)?(?:vaccines|vaccinations|shots|immunizations))"
            r"(?:\s+(?:for|against)\s+(?P<against>[a-z0-9 '-]+))?$"
        ),
        "underimmunization status",
        "underimmunization",
        "Underimmunization status",
    ),
    # "shot not given today, no reason documented", "flu vaccine not given because he had the flu":
    # Immunization, not done (not carried out), and its reason below (what the vaccine is against is no reason:
    # "flu vaccine not given" is no Immunization, not done, because of acute illness)
    _Kind(
        re.compile(
            rf"^{_OWNER}(?:[a-z0-9 '-]*?)\s*{_IMMUNIZING}\s+(?:was\s+|were\s+)?(?:not|never)\s+"
            r"(?:given|done|administered|carried\s+out)\b(?:\s+(?:today|this\s+visit))?"
            r"(?:\s*,?\s*(?:because(?:\s+of)?|due\s+to|since)\s+(?P<reason>.+))?(?:\s*,.*)?$"
        ),
        "immunization not done",
        "underimmunization",
        "Immunization, not done",
    ),
    # "on Xeljanz long term", "long term steroid inhaler", "currently getting topotecan": Long-term (current)
    # drug therapy, and the drug or its class below it (guideline I.C.21.c.3, Z79)
    _Kind(
        re.compile(
            rf"^{_WHO}(?:is\s+)?(?:on|taking|takes|gets|getting|receives|receiving|uses|using)\s+{_OWNER}"
            r"(?P<what>[a-z0-9 '/-]+?)\s+(?:long[- ]?term|chronically|indefinitely|for\s+life|ongoing|"
            r"for\s+(?:many\s+)?years)$"
            rf"|^long[- ]?term\s+(?:(?:use|user)\s+of\s+|on\s+)?{_OWNER}(?P<named>[a-z0-9 '/-]+?)"
            r"(?:\s+(?:use|user|therapy|treatment))?$"
            rf"|^{_WHO}(?:is\s+)?(?:currently|still)\s+(?:on|taking|getting|receiving)\s+{_OWNER}(?P<now>[a-z0-9 '/-]+)$"
        ),
        "long-term drug therapy",
        "long-term",
        "Long-term drug therapy",
    ),
    # "used to be on estrogen pills for menopause", "was on prednisone years ago": History, personal, drug
    # therapy, and the drug below it (Z92.2-; guideline I.C.21.c.4: a history code says the therapy is over)
    _Kind(
        re.compile(
            rf"^{_WHO}(?:used\s+to\s+(?:be\s+on|take|get|use)|was\s+(?:once\s+)?on|previously\s+on|"
            rf"formerly\s+on|came\s+off)\s+{_OWNER}(?P<what>[a-z0-9 '/-]+?)"
            r"(?:\s+(?:years\s+ago|in\s+the\s+past|before|previously|a\s+while\s+back))?$"
        ),
        "history personal drug therapy",
        "drug history",
        "History, personal, drug therapy",
    ),
    # "counseled parents on vaccine safety concerns", "alcohol use counseling", "talked with her about safe
    # sleep": Counseling, and its subject below it (Z70-Z71, Z30-Z31); who is counseled is no subject
    _Kind(
        re.compile(
            r"^(?:[a-z]+\s+){0,2}?(?:counsel(?:ed|ing|ling|led)?|educat(?:ed|ion|ing)|advised|advice)\s+"
            r"(?:(?:the\s+|her\s+|his\s+|their\s+)?(?:patient|pt|parents?|mom|mother|dad|father|family|couple|"
            rf"caregivers?|husband|wife|partner|him|her|them)\s+)?(?:on|about|regarding|re|for|in)\s+{_OWNER}"
            r"(?P<what>[a-z0-9 '/-]+)$"
            r"|^(?P<named>[a-z0-9 '/-]+?)\s+(?:counsel(?:ing|ling)|education)(?:\s+(?P<more>[a-z0-9 '/-]+))?$"
        ),
        "counseling",
        "counseling",
        "Counseling",
    ),
    # "problems with transportation to appointments", "trouble paying for food": Problem (related to), Lack of,
    # Inadequate, Unable to - the frames a situation is filed under - and the situation below them (Z55-Z65)
    _Kind(
        re.compile(
            rf"^{_WHO}(?:has\s+|having\s+|with\s+)?(?:(?:a|an|some|many|lots\s+of)\s+)?(?:problems?|trouble|"
            r"issues?|difficult(?:y|ies)|struggl(?:e|es|ing))\s+(?:with|getting|related\s+to|finding|paying\s+for|"
            rf"affording)\s+{_OWNER}(?P<what>[a-z0-9 '/-]+)$"
        ),
        "problem",
        "problem",
        "Problem",
    ),
    # "dependent on supplemental O2 at night only", "relies on a wheelchair": Dependence (on), a machine or an
    # aid (Z99); a substance depended on is a dependence of chapter 5, no Z line, and is left to its reading
    _Kind(
        re.compile(
            rf"^{_WHO}(?:is\s+)?(?:(?:totally|completely|fully)\s+)?(?:dependent|depends|depending|reliant|relies|"
            rf"relying)\s+(?:on|upon)\s+{_OWNER}(?P<what>[a-z0-9 '/-]+)$"
        ),
        "dependence on",
        "dependence",
        "Dependence, on",
    ),
)
# "xray tech exposed to radiation on the job", "exposed to benzene at work": Exposure, occupational, and the
# hazard below it (Z57), not the hazard's external cause (guideline I.C.21.c.1: contact / exposure codes)
_OCCUPATIONAL_LINE = "Exposure, occupational"
# The Index line of each kind (tests/lookups/test_reason_kinds.py reads from the data that each line's subtree
# codes mostly in Z: the kinds are the Index's own Z main terms).
KIND_LINES: tuple[str, ...] = (*(kind.main for kind in _KINDS), _OCCUPATIONAL_LINE)
_EXPOSED = re.compile(
    r"\b(?:exposed|exposure|exposures)\s+to\s+(?:(?:a|an|the|high|low)\s+)?(?P<what>[a-z0-9 '-]+)"
)


def may_say_kind(text: str) -> bool:
    """A cheap test of the words: whether a reason's kind may be said."""
    return bool(
        re.search(
            r"\b(?:wait\w*|await\w*|list|never|not|hasn'?t|haven'?t|didn'?t|un-?vaccinated|un-?immunized|"
            r"vaccinated|immunized|behind|problems?|trouble|issues?|difficult\w*|struggl\w*|counsel\w*|educat\w*|advised|advice|long|currently|still|used|was|previously|formerly|came|dependent|depends|depending|reliant|relies|relying|exposed|exposures?)\b",
            text,
        )
    )


def _object(what: str) -> str:
    """The object's words, less a circumstance or the person it is said for after them."""
    return " ".join(_FOR_WHOM.sub("", _CIRCUMSTANCE.sub("", what)).split())


def read_kind(text: str) -> KindSaid | None:
    """The reason's kind and object a plain, lowercased query says, in the Index's words, or None."""
    if len(text.split()) < 2:
        return None  # (a word alone, "unvaccinated", is read as the Index's own main term)
    if _SERVICE.search(text):
        return (
            None  # ("hiv prep counseling 20 minutes", "12-step group counseling": the service is asked for)
        )
    for kind in _KINDS:
        found = kind.said.match(text)
        if found is None:
            continue
        groups = found.groupdict()
        what = _object(
            next((g for g in (groups.get(n) for n in ("what", "against", "named", "now")) if g), "")
        )
        if groups.get(
            "more"
        ):  # ("pretravel counseling before a trip abroad": the subject said on both sides)
            what = f"{what} {_object(groups['more'])}".strip()
        if groups.get("partly"):  # (a series begun is said below the status: "partially vaccinated")
            what = f"{groups['partly']} {what}".strip()
        reason = groups.get("reason") or ""
        words = " ".join(w for w in (kind.index_words, what, f"because {reason}" if reason else "") if w)
        if kind.frame in _OBJECT_NEEDED and not what:
            return None
        return KindSaid(words, kind.frame, f"read: {text} -> {kind.main}", what)
    exposed = _EXPOSED.search(text)
    if exposed and _JOB.search(text) and not _INJURED.search(text):
        what = _object(exposed.group("what"))
        if what:
            note = f"read: {text} -> {_OCCUPATIONAL_LINE}"
            return KindSaid(f"exposure occupational {what}", "occupational", note, what)
    return None
