"""External cause stories read in the External Cause Index's own words.

A coder told "passenger in car crash", "hit by a car while riding my bike" or "burned by hot coffee" walks
the External Cause Index with the mechanism and the person's role, not with the story's words:

- transport: the injured person's role (driver, passenger, pedestrian, pedal cyclist, motorcycle rider) and
  vehicle, and what it collided with -> "Accident, transport, car occupant, passenger, collision, car";
  a fall from a bicycle is a pedal cyclist's noncollision accident, a fall from skis or a skateboard a
  pedestrian conveyance's fall, a fall from a horse an animal-rider's noncollision accident;
- burns: a hot drink, food or fat ("coffee", "soup", "grease") -> "Burn, hot, drink / food / fat";
- a fight ("punched", "fistfight") -> "Assault, fight";
- an animal's kick or butt -> "Contact, with, <animal>, strike".

Each rule rewrites only the words it reads and says what it did; the Index and the Tabular still pick the
code (7th character A unless the query says subsequent or sequela).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A vehicle named in the story: (pattern, the occupant words when it carries the injured person, the words
# of the other party when the person collided with it).
_VEHICLES: tuple[tuple[str, str, str], ...] = (
    (r"pick-?up(?:\s+truck)?", "pickup truck occupant", "pickup truck"),
    (r"(?:suv|sport\s+utility\s+vehicle)", "car occupant", "sport utility vehicle"),
    (r"(?:semi(?:\s+truck)?|18-wheeler|tractor[- ]trailer|lorry|truck)", "truck occupant", "truck"),
    (r"(?:car|auto|automobile|sedan|vehicle)", "car occupant", "car"),
    (r"(?:mini)?van", "van occupant", "van"),
    (r"bus", "bus occupant", "bus"),
    (r"(?:motorcycle|motorbike|motor\s+bike|dirt\s+bike)", "motorcycle", "two wheeled motor vehicle"),
    (r"(?:bike|bicycle|pedal\s+cycle)", "pedal cyclist", "pedal cycle"),
    (r"(?:train|railway\s+vehicle)", "railway vehicle occupant", "railway vehicle"),
    (r"(?:streetcar|tram|trolley)", "streetcar occupant", "streetcar"),
    (r"(?:deer|moose|animal|cow|horse)", "", "animal"),
    (
        r"(?:tree|pole|telephone\s+pole|wall|guardrail|guard\s+rail|barrier|building|parked\s+car)",
        "",
        "stationary object",
    ),
)
# The pedestrian's lines name some parties together ("Accident, transport, pedestrian, on foot, collision,
# pick-up truck or van").
PEDESTRIAN_PARTIES = {
    "pickup truck": "pick-up truck or van",
    "van": "pick-up truck or van",
    "bus": "bus or heavy transport",
    "truck": "bus or heavy transport",
    "railway vehicle": "railway",
    "streetcar": "streetcar",
}
_VEHICLE = re.compile(r"\b(" + "|".join(f"(?:{p})" for p, _, _ in _VEHICLES) + r")s?\b")
_COLLIDED_WORDS = (  # words of a collision with something
    r"crash|crashed|wreck|wrecked|collision|collided|mvc|rear[- ]ended|t-?boned|hit|struck|vs|versus|"
    r"ran\s+into|run\s+over|ran\s+over|knocked\s+down|knocked\s+over"
)
_COLLIDED = re.compile(rf"\b(?:{_COLLIDED_WORDS})\b")
_CRASH = re.compile(rf"\b(?:{_COLLIDED_WORDS}|mva|accident)\b")  # any transport accident told
_NONCOLLISION = re.compile(
    r"\b(?:rolled\s+over|rollover|roll\s+over|ran\s+off|went\s+off|lost\s+control|flipped)\b"
)
_NONTRAFFIC = re.compile(r"\b(?:parking\s+(?:lot|garage)|driveway|off[- ]road|nontraffic|non-traffic)\b")
_TRAFFIC = re.compile(r"\b(?:highway|freeway|interstate|road|street|traffic|intersection|crosswalk)\b")
_PEDESTRIAN = re.compile(r"\b(?:pedestrian|ped|walking|crossing|jogging|jogger|on\s+foot)\b")
_CYCLIST = re.compile(
    r"\b(?:cyclist|bicyclist|biker|cycling|biking|(?:bike|bicycle)\s+rider|(?:riding|rode|on)\s+(?:a\s+|the\s+|his\s+|her\s+|my\s+)?"
    r"(?:bike|bicycle))\b"
)
_MOTORCYCLIST = re.compile(
    r"\b(?:motorcyclist|motorcycle\s+(?:driver|rider)|(?:riding|rode|on)\s+(?:a\s+|his\s+|her\s+|my\s+)?"
    r"(?:motorcycle|motorbike))\b"
)
_DRIVER = re.compile(r"\b(?:driver|driving|drove)\b")
_PASSENGER = re.compile(r"\b(?:passenger|riding\s+in|rode\s+in)\b")

_FALL = r"\b(?:fell|fall|falls|falling|fallen|thrown|wiped\s+out|wipe\s+out|crashed)\b"
_CONVEYANCES = (  # a pedestrian conveyance's fall (Accident, transport, pedestrian, conveyance, ..., fall)
    (r"(?:in-?line\s+skat(?:es|ing)|rollerblad(?:es|ing)?)", "roller skates in-line"),
    (r"roller\s*skat(?:es|ing)", "roller skates"),
    (r"skateboard(?:ing)?", "skateboard"),
    (r"(?:electric|e-?)\s*scooter", "standing electric scooter"),
    (r"(?:snow\s+)?ski(?:s|ing)?", "skis"),
)
_BIKE_FALL = re.compile(
    _FALL
    + r".*\b(?:bike|bicycle)\b|\b(?:biking|cycling|riding\s+(?:a\s+|his\s+|her\s+|my\s+)?(?:bike|bicycle))\b.*"
    + _FALL
)
_HORSE_FALL = re.compile(
    _FALL
    + r".*\b(?:horse|pony)\b|\bbucked\s+off\b|\bhorseback\b.*"
    + _FALL
    + r"|"
    + _FALL
    + r".*\bhorseback\b"
)

_BURN = re.compile(
    r"\b(?:burn|burns|burned|burnt|burning|scald|scalds|scalded|scalding|spill|spilled|spilt)\b"
)
_HOT_THINGS = (
    (r"(?:coffee|tea|cocoa|hot\s+chocolate|latte|drink|beverage)", "drink"),
    (r"(?:soup|food|noodles|oatmeal|ramen)", "food"),
    (r"(?:grease|cooking\s+oil|frying\s+oil|oil|fat)", "fat"),
)
_FIGHT = re.compile(
    r"\b(?:(?:got|was|were|been|being)\s+punched|punched\s+(?:in|by|during)|punching|fist\s*fights?|fistfights?|"
    r"bar\s+fight|(?:in|during|into)\s+a\s+fight|beaten\s+up|beat\s+up|got\s+jumped)\b"
)
# The animals whose "Contact, with" line has a "strike" subterm.
_ANIMALS = (
    "alligator",
    "bird",
    "bull",
    "chicken",
    "cow",
    "crocodile",
    "dog",
    "dolphin",
    "duck",
    "fish",
    "goat",
    "goose",
    "horse",
    "lion",
    "lizard",
    "macaw",
    "orca",
    "parrot",
    "pig",
    "raccoon",
    "shark",
    "sheep",
    "snake",
    "turkey",
    "turtle",
)
_ANIMAL_STRIKE = re.compile(
    r"\b(?:kicked|butted|head-?butted|trampled|stomped|struck|hit|stepped\s+on)\s+(?:by|on\s+by)\s+"
    r"(?:a\s+|an\s+|the\s+|his\s+|her\s+|my\s+|our\s+|their\s+)?(?:\w+(?:'s)?\s+)?("
    + "|".join(_ANIMALS)
    + r")\b"
)


_INDEX_WORDS = re.compile(
    r"\b(?:occupant|transport|conveyance|nontraffic|non-traffic|noncollision|hanger-on|specified|"
    r"three-?wheeled|two-?wheeled|animal-drawn|micro-mobility|nec|nos)\b"
)


@dataclass(frozen=True)
class Story:
    text: str  # the story in the External Cause Index's words
    note: str  # what was read, for the answer's "why"
    # The External Cause Index line the story names for certain ("Accident, transport, car occupant,
    # passenger"), below which its other words are looked for.
    anchor: str = ""


def read_injury_story(text: str) -> Story | None:
    """The External Cause Index words of a story of how an injury happened, or None when the text tells none
    of the stories read here (lower-case text, punctuation already removed). A query already in the Index's
    own words ("nontraffic truck collision bus occupant") is no story: the Index reads it as it is."""
    if _INDEX_WORDS.search(text):
        return None
    for rule in (_transport, _conveyance_fall, _burn, _fight, _animal_strike):
        read = rule(text)
        if read is not None:
            words, anchor = read
            return Story(words, f"story: {text} -> {words}", anchor)
    return None


def _vehicles(text: str) -> list[tuple[int, str, str]]:
    """Each vehicle or object the text names, in order: (position, occupant words, other-party words)."""
    out = []
    for match in _VEHICLE.finditer(text):
        word = match.group(1)
        for pattern, occupant, other in _VEHICLES:
            if re.fullmatch(pattern, word):
                out.append((match.start(), occupant, other))
                break
    return out


def _transport(text: str) -> tuple[str, str] | None:
    if not _CRASH.search(text):
        return None
    vehicles = _vehicles(text)
    role = "driver" if _DRIVER.search(text) else "passenger" if _PASSENGER.search(text) else ""
    cyclist = _CYCLIST.search(text)
    motorcyclist = _MOTORCYCLIST.search(text)
    if cyclist:
        own = "pedal cyclist"
        others = _besides(vehicles, cyclist, "pedal cyclist")
    elif motorcyclist or (vehicles and vehicles[0][1] == "motorcycle" and role):
        own = "motorcycle"
        others = _besides(vehicles, motorcyclist, "motorcycle")
    elif _PEDESTRIAN.search(text) and any(v[1] for v in vehicles):
        own, role = "pedestrian on foot", ""
        others = [v for v in vehicles if v[1]]  # a pedestrian walking into a wall is no transport accident
    elif role and (vehicles or re.search(r"\b(?:mvc|mva)\b", text)):
        carrying = [v for v in vehicles if v[1]]
        own = carrying[0][1] if carrying else "car occupant"
        others = [v for v in vehicles if v is not (carrying[0] if carrying else None)]
    else:
        return None
    # The other party is named last ("van driver, van vs motorcycle"; "car driver hit a tree").
    other = others[-1][2] if others else ""
    if other:
        how = f"collision {other}"
    elif _NONCOLLISION.search(text):
        how = "noncollision accident"
    elif _COLLIDED.search(text) and own != "pedal cyclist":
        how = "collision motor vehicle"
    else:
        how = ""
    where = "nontraffic" if _NONTRAFFIC.search(text) else ""
    if own == "pedestrian on foot" and not where and _TRAFFIC.search(text):
        where = "traffic"  # the pedestrian's lines name traffic; no word leaves it unspecified (V03.90)
    words = " ".join(w for w in ("accident transport", own, role, how, where) if w)
    # The line itself: the person's ("car occupant, passenger"), then the other party's ("collision, car").
    line = "pedestrian, on foot" if own == "pedestrian on foot" else own
    party = PEDESTRIAN_PARTIES.get(other, other) if own == "pedestrian on foot" else other
    parts = ("Accident", "transport", line, role, "collision" if party else "", party)
    return words, ", ".join(p for p in parts if p)


def _besides(
    vehicles: list[tuple[int, str, str]], said: re.Match[str] | None, own: str
) -> list[tuple[int, str, str]]:
    """The vehicles other than the one the person rode ("motorcycle driver collided with a motorcycle": the
    second motorcycle is the other party)."""
    ridden = next(
        (v for v in vehicles if v[1] == own and (said is None or said.start() <= v[0] < said.end())),
        next((v for v in vehicles if v[1] == own), None),
    )
    return [v for v in vehicles if v is not ridden]


def _conveyance_fall(text: str) -> tuple[str, str] | None:
    if _BIKE_FALL.search(text) and not _CRASH.search(re.sub(_FALL, " ", text)):
        return ("accident transport pedal cyclist noncollision accident", "")
    if _HORSE_FALL.search(text):
        return ("accident transport animal-rider noncollision horse rider", "")
    if not re.search(_FALL, text):
        return None
    for pattern, conveyance in _CONVEYANCES:
        if re.search(rf"\b{pattern}\b", text):
            return (f"accident transport pedestrian conveyance {conveyance} fall", "")
    return None


def _burn(text: str) -> tuple[str, str] | None:
    if not _BURN.search(text):
        return None
    for pattern, thing in _HOT_THINGS:
        if re.search(rf"\b{pattern}\b", text):
            return (f"burn hot {thing}", "")
    return None


def _fight(text: str) -> tuple[str, str] | None:
    return ("assault fight", "") if _FIGHT.search(text) else None


def _animal_strike(text: str) -> tuple[str, str] | None:
    match = _ANIMAL_STRIKE.search(text)
    return (f"contact with {match.group(1)} strike", "") if match else None


# Where it happened, what the person was doing, and whether it was paid work: the External Cause Index's
# Place of occurrence (Y92), Activity (Y93) and External cause status (Y99) lines, coded beside the cause.
_WORK = r"\b(?:at|from)\s+work\b|\bon\s+the\s+job\b|\bwhile\s+working\b|\bat\s+(?:his|her|my|their)\s+job\b"
_SETTINGS: tuple[tuple[str, str], ...] = (
    (_WORK, "external cause status civilian activity done for income or pay"),
    (
        r"\b(?:at|in)\s+(?:the\s+|his\s+|her\s+|my\s+|their\s+)?(?:home|house)\b",
        "place of occurrence residence",
    ),
    (
        r"\bat\s+(?:the\s+|a\s+)?(school|park|gym|gymnasium|store|restaurant|farm|playground)\b",
        "place of occurrence {0}",
    ),
    (r"\bwhile\s+playing\s+([a-z]+)\b|\bplaying\s+([a-z]+)\b", "activity {0}"),
)
# A mechanism the External Cause Index names ("injured", "hurt" name none: "injured at work" is the status).
_MECHANISM = re.compile(
    r"\b(?:fell|fall|falls|falling|slipped|slip|tripped|trip|bitten|bit|stung|hit|struck|burned|burnt|scalded|"
    r"cut|kicked|punched|crash|crashed|collided|assaulted|stabbed|shot|drowned|electrocuted)\b"
)


@dataclass(frozen=True)
class Setting:
    text: str  # the query without the clause
    words: str  # the clause in the External Cause Index's words ("place of occurrence residence")


def read_setting(text: str, story: Story | None) -> Setting | None:
    """The place, activity or work status a story of an injury names beside its mechanism ("fell off a
    ladder at work"), or None. Only beside a mechanism: "injured at work" alone is the status itself."""
    if _INDEX_WORDS.search(text) or not _MECHANISM.search(text):
        return None
    for pattern, words in _SETTINGS:
        match = re.search(pattern, text)
        if match is None:
            continue
        if story is not None and words.startswith("activity"):
            return None  # "fell while skateboarding": the activity is the story's conveyance
        named = next((g for g in match.groups() if g), "")
        rest = " ".join((text[: match.start()] + " " + text[match.end() :]).split())
        if not _MECHANISM.search(rest):
            return None
        return Setting(rest, words.format(named))
    return None
