"""External cause stories read in the External Cause Index's own words.

A coder told "passenger in car crash", "hit by a car while riding my bike" or "burned by hot coffee" walks
the External Cause Index with the mechanism and the person's role, not with the story's words:

- transport: the injured person's role (driver, passenger, pedestrian, pedal cyclist, motorcycle rider) and
  vehicle, and what it collided with -> "Accident, transport, car occupant, passenger, collision, car";
  a fall from a bicycle is a pedal cyclist's noncollision accident, a fall from skis or a skateboard a
  pedestrian conveyance's fall, a fall from a horse an animal-rider's noncollision accident;
- burns: a hot drink, food or fat ("coffee", "soup", "grease") -> "Burn, hot, drink / food / fat";
- a fight ("punched", "fistfight") -> "Assault, fight";
- an animal's kick or butt -> "Contact, with, <animal>, strike";
- tripping over a pet -> "Tripping, over, animal"; a part hit on a thing -> "Striking against, object";
  a cut with a blade -> "Contact, with, knife" (or the sharp thing the Index names); an electric shock at home
  -> "Exposure, electric current, appliance, domestic"; hot bath water -> "Contact, with, hot, tap-water,
  in bathtub";
- an activity, place or work status told with no mechanism ("injured during a soccer game", "while walking
  the dog", "hurt at school"), or asked for by name ("dog bite, place: park") -> the Activity, Place of
  occurrence or External cause status line itself.

Each rule rewrites only the words it reads and says what it did; the Index and the Tabular still pick the
code (7th character A unless the query says subsequent or sequela).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from bot.lookups.index.cause_intents import reading_intent
from bot.lookups.index.cause_kinds import fire_kind, overexertion, status_kind
from bot.lookups.index.setting_readings import PLACE_WORDS_PREFIX, read_bare_setting
from bot.lookups.index.setting_readings import SETTING_FILLER as _LEAVE_OUT
from bot.lookups.index.transport_roles import (
    BACK_PASSENGER,
    BOARDING,
    HANGER_ON,
    OFF_HIGHWAY,
    other_parties,
    rode_vehicle,
)

# A vehicle named in the story: (pattern, the occupant words when it carries the injured person, the words
# of the other party when the person collided with it).
_VEHICLES: tuple[tuple[str, str, str], ...] = (
    (r"pick-?up(?:\s+truck)?", "pickup truck occupant", "pickup truck"),
    (r"(?:suv|sport\s+utility\s+vehicle)", "car occupant", "sport utility vehicle"),
    (r"(?:semi(?:\s+truck)?|18-wheeler|tractor[- ]trailer|lorry|truck)", "truck occupant", "truck"),
    (r"(?:car|auto|automobile|sedan|vehicle)", "car occupant", "car"),
    (r"(?:mini)?van", "van occupant", "van"),
    (r"bus", "bus occupant", "bus"),
    # (a tuk tuk or auto rickshaw is the Index's three-wheeled motor vehicle)
    (
        r"(?:tuk[- ]?tuk|auto[- ]?rickshaw|motor[- ]?trike|three[- ]wheeler|3[- ]wheeler)",
        "three-wheeled motor vehicle occupant",
        "three wheeled motor vehicle",
    ),
    (
        r"(?:horse[- ](?:and|n)[- ](?:buggy|carriage|cart|wagon)|horse[- ]drawn\s+\w+|(?:amish\s+)?buggy)",
        "",
        "animal-drawn vehicle",
    ),
    (r"(?:motorcycle|motorbike|motor\s+bike|dirt\s+bike)", "motorcycle", "two wheeled motor vehicle"),
    (r"(?:bike|bicycle|pedal\s+cycle|cyclist|bicyclist)", "pedal cyclist", "pedal cycle"),
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
    r"ran\s+into|run\s+over|ran\s+over|knocked\s+down|knocked\s+over|rode\s+into|drove\s+into|slammed\s+into|"
    r"plowed\s+into|went\s+into|smashed\s+into|(?:drove|rode|steered|backed)\s+(?:\w+\s+){1,3}into"
)
_COLLIDED = re.compile(rf"\b(?:{_COLLIDED_WORDS})\b")
_CRASH = re.compile(rf"\b(?:{_COLLIDED_WORDS}|mva|accident)\b")  # any transport accident told
# Words naming a crash of motor vehicles with no vehicle said ("rear-ended at a red light, passenger"): the
# person with a role is a car's occupant (the Index's default vehicle for "MVC").
_MOTOR_CRASH = re.compile(r"\b(?:mvc|mva|rear[- ]ended|t-?boned|fender[- ]bender|head[- ]on\s+collision)\b")
_NONCOLLISION = re.compile(
    r"\b(?:rolled\s+over|rollover|roll\s+over|ran\s+off|went\s+off|lost\s+control|flipped|overturned|tipped\s+over|"
    r"wipeout|wiped\s+out|wipe\s+out)\b"
)
_NONTRAFFIC = re.compile(r"\b(?:parking\s+(?:lot|garage)|driveway|off[- ]road|nontraffic|non-traffic)\b")
_TRAFFIC = re.compile(r"\b(?:highway|freeway|interstate|road|street|traffic|intersection|crosswalk)\b")
# ("at the crossing", "railroad crossing": a level crossing, where vehicles are hit by trains, not a pedestrian's)
_PEDESTRIAN = re.compile(
    r"\b(?:pedestrian|ped|walking|(?<!the\s)(?<!railroad\s)(?<!railway\s)(?<!train\s)(?<!level\s)crossing|jogging|"
    r"jogger|on\s+foot)\b"
)
_CYCLIST = re.compile(
    r"\b(?:cyclist|bicyclist|biker|cycling|biking|(?:bike|bicycle)\s+rider|(?:riding|rode|on)\s+(?:a\s+|the\s+|his\s+|her\s+|my\s+)?"
    r"(?:bike|bicycle))\b"
)
_MOTORCYCLIST = re.compile(
    r"\b(?:motorcyclist|motorcycle\s+(?:driver|rider)|(?:riding|rode|on)\s+(?:a\s+|his\s+|her\s+|my\s+)?"
    r"(?:motorcycle|motorbike))\b"
)
_DRIVER = re.compile(r"\b(?:driver|driving|drove)\b")
_PASSENGER = re.compile(r"\b(?:passenger|riding\s+in|rode\s+in|on\s+the\s+back\s+of)\b")

_FALL = r"\b(?:fell|fall|falls|falling|fallen|thrown|wiped\s+out|wipe\s+out|crashed)\b"
_CONVEYANCES = (  # a pedestrian conveyance's fall (Accident, transport, pedestrian, conveyance, ..., fall)
    (r"(?:in-?line\s+skat(?:es|ing)|rollerblad(?:es|ing)?)", "roller skates in-line"),
    (r"roller\s*skat(?:es|ing)", "roller skates"),
    (r"skateboard(?:ing|ers?)?", "skateboard"),
    (r"(?:electric|e-?)\s*scooter", "standing electric scooter"),
    (r"ice[- ]?skat(?:es|ing|ers?)", "ice skates"),
    (r"snow\s*board(?:ing|ers?)?", "snow board"),
    (r"sled(?:s|ding|ders?)?|sleigh(?:s|ing)?|toboggan(?:s|ing)?", "sled"),
    (r"heel(?:ie|y)s", "heelies"),
    (r"(?:baby\s+)?strollers?", "baby stroller"),
    (r"(?:snow\s+)?ski(?:s|ing|ers?)?", "skis"),
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
# The animals whose "Contact, with" line has a "strike" subterm (or sends to one: the hoof stock the Index
# names, each "see Contact, with, hoof stock NEC").
_ANIMALS = (
    "buffalo",
    "camel",
    "deer",
    "donkey",
    "giraffe",
    "llama",
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
    "hoof stock",
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
    r"\b(?:kicked|butted|head-?butted|trampled|stomped|struck|hit|stepped\s+on|knocked\s+(?:over|down))\s+"
    r"(?:by|on\s+by)\s+"
    r"(?:a\s+|an\s+|the\s+|his\s+|her\s+|my\s+|our\s+|their\s+)?(?:\w+(?:'s)?\s+)?("
    + "|".join(_ANIMALS)
    + r")\b"
)


# The words for a human doer (read as the Index's "person", PEOPLE below).
_PEOPLE_WORDS = (
    "person",
    "guy",
    "kid",
    "child",
    "boy",
    "girl",
    "man",
    "woman",
    "student",
    "patient",
    "someone",
    "somebody",
)

# An animal or a person told as the doer ("the horse kicked him", "neighbor's dog bit L hand", "a wasp stung
# her"): the External Cause Index names the injured person's side ("Bite, bitten by, dog"; "Kicked by";
# "Stung"; "Scratched by, cat"), so the story is turned round before it is read. "Bit by" / "got bit" is the
# same bite said short.
_DOERS = (
    *_ANIMALS,
    # the kinds the External Cause Index's Bite and Contact lines name (an animal read as its kind,
    # bot.lookups.index.thing_kinds: "the gerbil bit me" -> rodent)
    "arthropod",
    "mammal",
    "marine animal",
    "reptile",
    "rodent",
    "cat",
    "kitten",
    "puppy",
    "pet",
    "animal",
    "rat",
    "rats",
    "mouse",
    "squirrel",
    "bat",
    "monkey",
    "spider",
    "bee",
    "honeybee",
    "wasp",
    "hornet",
    "yellow jacket",
    "insect",
    "bug",
    *_PEOPLE_WORDS,
)
_DOER_VERBS = {
    "bit": "bitten by",
    "bites": "bitten by",
    "stung": "stung by",
    "stings": "stung by",
    "kicked": "kicked by",
    "kicks": "kicked by",
    "scratched": "scratched by",
    "scratches": "scratched by",
    # the External Cause Index's other main terms of an animal's deed (Pecked by bird; Butted by animal;
    # Stepped on, by, animal; Trampled by animal; Gored by bull)
    "pecked": "pecked by",
    "butted": "butted by",
    "headbutted": "butted by",
    "head-butted": "butted by",
    "stepped on": "stepped on by",
    "trampled": "trampled by",
    "gored": "gored by",
    "clawed": "scratched by",
}
_DOER_DID = re.compile(
    r"\b(?:(?:a|an|the|his|her|my|our|their|your|some|another|other|\w+'s|\w+s')\s+)*(?P<doer>"
    + "|".join(sorted(_DOERS, key=len, reverse=True))
    + r")\s+(?P<verb>"
    + "|".join(_DOER_VERBS)
    + r")\b(?:\s+(?:him|me|them|us|pt|patient|the\s+patient|her(?=\s+(?:on|in|at|while|during)\b|\s*$))\b)?"
)
_BIT_BY = re.compile(
    r"\b(?:(?:got|get|gets|was|were|been|being)\s+)?bit\s+(?=by\b)|\b(?:got|get|gets)\s+bit\b"
)


# A human doer is the Index's "person" ("Bite, bitten by, person"; "Kicked by, person").
PEOPLE = frozenset(_PEOPLE_WORDS)


def _doer(said: str) -> str:
    return "person" if said in PEOPLE else said


def turn_doer(text: str) -> str:
    """The story with its doer after the deed, as the External Cause Index reads it ("cat bit her finger" ->
    "bitten by cat finger", "horse kicked him in the chest" -> "kicked by horse in the chest"); text with no
    doer told first is returned as it is."""
    text = _BIT_BY.sub("bitten ", text)
    turned = _DOER_DID.sub(lambda m: f"{_DOER_VERBS[m.group('verb')]} {_doer(m.group('doer'))}", text)
    return " ".join(turned.split())


_INDEX_WORDS = re.compile(
    r"\b(?:occupant|transport|conveyance|nontraffic|non-traffic|noncollision|hanger-on|specified|"
    r"three-?wheeled|two-?wheeled|animal-drawn|micro-mobility|nec|nos)\b"
)


# The External Cause Index's main terms of an intent (the words bot.lookups.index.cause_intents puts first).
INTENT_LINES = (
    ("undetermined intent", "Undetermined intent"),
    ("suicide", "Suicide, suicidal"),
    ("assault", "Assault"),
    ("legal intervention", "Legal, intervention"),
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
    for said, line in INTENT_LINES if reading_intent() else ():
        if text.startswith(said + " "):
            # an intent read first (bot.lookups.index.cause_intents): the mechanism is looked for below its
            # main term ("Suicide, suicidal, collision of motor vehicle with, tree"), not read as an accident -
            # unless a story below reads the intent itself ("hit with a crowbar during a mugging": Assault,
            # weapon, blunt)
            inner = read_injury_story(text[len(said) + 1 :])
            if inner is not None and any(i in inner.text for i, _ in INTENT_LINES):
                return inner
            return Story(text, f"intent: {said}", line)
    asked = _setting_asked(text)
    if asked is not None:
        return asked
    rules = (
        _tool_gun,
        _light_source,
        fire_kind,
        overexertion,
        _off_road,
        _transport,
        _conveyance_fall,
        _burn,
        _fight,
        _animal_strike,
        _tripped_on_animal,
        _dived,
        _fall_from,
        _walked_into,
        _struck_against,
    )
    for rule in (
        *rules,
        _force_of_nature,
        _cut_with,
        _electric_shock,
        _falling_object,
        _fall_in_shower,
        _slipped,
    ):
        read = rule(text)
        if read is not None:
            words, anchor = read
            return Story(words, f"story: {text} -> {words}", anchor)
    return _setting_alone(text)


def names_vehicle(words: str) -> bool:
    """Whether the words are a vehicle the transport stories read ("semi", "tuk tuk", "motorbike"): no thing
    to read as a kind of another (bot.lookups.index.thing_kinds)."""
    match = _VEHICLE.fullmatch(words)
    return match is not None and bool(
        next((o for p, o, _ in _VEHICLES if re.fullmatch(p, match.group(1))), "")
    )


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


# "no other vehicle involved", "single vehicle": no other party (the noncollision lines).
_NO_OTHER = re.compile(
    r"\b(?:no\s+other\s+(?:vehicles?|cars?|part(?:y|ies)|motor\s+vehicles?)(?:\s+involved)?|"
    r"single[- ]vehicle|no\s+collision)\b"
)


def _transport(text: str) -> tuple[str, str] | None:
    vehicles = _vehicles(text)
    boarding = BOARDING.search(text) is not None and any(v[1] for v in vehicles)
    if not (_CRASH.search(text) or boarding or (_NONCOLLISION.search(text) and any(v[1] for v in vehicles))):
        return None
    alone = _NO_OTHER.search(text) is not None
    text = " ".join(_NO_OTHER.sub(" ", text).split())
    vehicles = _vehicles(text)
    role = "driver" if _DRIVER.search(text) else "passenger" if _PASSENGER.search(text) else ""
    role = "hanger-on" if HANGER_ON.search(text) else role
    cyclist = _CYCLIST.search(text)
    motorcyclist = _MOTORCYCLIST.search(text)
    # The vehicle the person rode, told with a role or as the story's subject (bot.lookups.index.transport_roles):
    # "car passenger, our car hit a cyclist" is the car's story, the cyclist the other party.
    rode = rode_vehicle(text, vehicles)
    if rode is not None and rode[1] and (cyclist or _PEDESTRIAN.search(text) or _ANIMAL_RIDER.search(text)):
        rode = None  # "car hit a cyclist", "truck hit a pedestrian": the cyclist's or pedestrian's story
    rider = _ANIMAL_RIDER.search(text)
    if rode is not None:
        own = rode[0][1]
        others = other_parties(text, vehicles, rode[0])
        if own == "pedal cyclist" and not role and BACK_PASSENGER.search(text):
            role = "passenger"
    elif rider:
        # "horseback rider ran into a pedestrian": the animal-rider's lines (the ridden animal is no party)
        own, role = "animal-rider", ""
        others = [v for v in vehicles if v[1] or v[2] != "animal"]
        if not others and re.search(r"\b(?:pedestrian|person|walker|jogger)\b", text):
            others = [(0, "", "pedestrian")]
    elif cyclist:
        own = "pedal cyclist"
        others = _besides(vehicles, cyclist, "pedal cyclist")
        ridden = next((v for v in vehicles if v[1] == own), None)
        if ridden is not None:
            # "bicyclist fell off bike": the bike said again is the cyclist's own (transport_roles)
            others = [v for v in other_parties(text, vehicles, ridden) if v in others]
    elif motorcyclist or (vehicles and vehicles[0][1] == "motorcycle" and role):
        own = "motorcycle"
        others = _besides(vehicles, motorcyclist, "motorcycle")
    elif _PEDESTRIAN.search(text) and any(v[1] for v in vehicles):
        own, role = "pedestrian on foot", ""
        others = [v for v in vehicles if v[1]]  # a pedestrian walking into a wall is no transport accident
    elif role and (vehicles or _MOTOR_CRASH.search(text)):
        carrying = [v for v in vehicles if v[1]]
        own = carrying[0][1] if carrying else "car occupant"
        others = [v for v in vehicles if v is not (carrying[0] if carrying else None)]
    else:
        return None
    # The other party is named last ("van driver, van vs motorcycle"; "car driver hit a tree").
    other = others[-1][2] if others else ""
    if other:
        how = f"collision {other}"
    elif _NONCOLLISION.search(text) or alone or boarding:
        how = "noncollision accident"
    elif _COLLIDED.search(text) and own != "pedal cyclist":
        how = "collision motor vehicle"
    else:
        how = ""
    where = "nontraffic" if _NONTRAFFIC.search(text) or OFF_HIGHWAY.search(text) else ""
    if boarding:
        where = "while boarding or alighting"
    if own == "pedestrian on foot" and not where and _TRAFFIC.search(text):
        where = "traffic"  # the pedestrian's lines name traffic; no word leaves it unspecified (V03.90)
    words = " ".join(w for w in ("accident transport", own, role, how, where) if w)
    # The line itself: the person's ("car occupant, passenger"), then the other party's ("collision, car").
    line = "pedestrian, on foot" if own == "pedestrian on foot" else own
    party = PEDESTRIAN_PARTIES.get(other, other) if own == "pedestrian on foot" else other
    parts = ("Accident", "transport", line, role, "collision" if party else "", party)
    return words, ", ".join(p for p in parts if p)


# An animal's rider ("horseback rider", "riding a horse", "on horseback").
_ANIMAL_RIDER = re.compile(
    r"\b(?:horseback|(?:horse|pony)\s+rider|(?:riding|rode|on)\s+(?:a\s+|his\s+|her\s+|my\s+|the\s+)?(?:horse|pony))\b"
)


# The off-road vehicles the Index names apart (V86): "Accident, transport, snowmobile occupant (nontraffic),
# driver". Their lines name no other party; a crash, a rollover or a fall from one is the occupant's
# accident, read with the role said (driver, passenger) and "traffic" only when a road is said.
_OFF_ROAD = (
    (r"snow\s*mobiles?|snow\s*machines?|ski-?doos?", "snowmobile occupant"),
    (
        # (the Index's "Accident, transport, golf cart / go cart" see the all-terrain vehicle occupant)
        r"atvs?|all[- ]terrain\s+vehicles?|four[- ]wheelers?|4[- ]wheelers?|quad\s+bikes?|quads|golf\s+carts?|"
        r"go[- ]?(?:carts?|karts?)",
        "all-terrain vehicle occupant",
    ),
    (r"dune\s+bugg(?:y|ies)|sand\s+rails?", "dune buggy occupant"),
    (r"humvees?|(?:army|military)\s+(?:vehicles?|trucks?|jeeps?|humvees?)", "military vehicle occupant"),
)
_OFF_ROAD_ACCIDENT = re.compile(
    rf"{_FALL}|\b(?:{_COLLIDED_WORDS}|mva|accident|rollover|rolled|roll|flipped|flip|overturned|tipped|"
    r"thrown|ejected|wiped|wreck|wrecked)\b"
)


def _off_road(text: str) -> tuple[str, str] | None:
    if not _OFF_ROAD_ACCIDENT.search(text) and not re.search(r"\b(?:driver|passenger)\b", text):
        return None  # (an occupant's role said is the accident's: "snowmobile passenger hurt on the road")
    occupant = next((o for p, o in _OFF_ROAD if re.search(rf"\b(?:{p})\b", text)), "")
    if not occupant:
        return None
    role = "driver" if _DRIVER.search(text) or re.search(r"\b(?:rider|riding|rode)\b", text) else ""
    role = "passenger" if _PASSENGER.search(text) or re.search(r"\bpassenger\b", text) else role
    traffic = "traffic" if re.search(r"\b(?:highway|freeway|interstate|road|street|traffic)\b", text) else ""
    words = " ".join(w for w in ("accident transport", occupant, traffic, role) if w)
    return words, ", ".join(p for p in ("Accident", "transport", occupant, traffic, role) if p)


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


# Hot tap water, where the Index says it: "Contact, with, hot, tap-water, in bathtub / running".
_TAP_WATER = (
    (r"(?:bath|bathtub|tub)", "in bathtub"),
    (r"(?:shower|faucet|sink)", "running"),
)


def _burn(text: str) -> tuple[str, str] | None:
    if not _BURN.search(text):
        return None
    if re.search(r"\bwater\b", text) or re.search(r"\b(?:bath|bathtub|shower)\b", text):
        for pattern, how in _TAP_WATER:
            if re.search(rf"\b{pattern}\b", text):
                return (f"contact with hot tap-water {how}", "")
    for pattern, thing in _HOT_THINGS:
        if re.search(rf"\b{pattern}\b", text):
            return (f"burn hot {thing}", "")
    return None


# The injury itself named beside the fight ("broke his nose in a fight", "fractured jaw in a bar fight"): the
# injury is what the words ask for (Fracture, nasal bones), the fight its cause beside it.
_INJURY_NAMED = re.compile(
    r"\b(?:broke|broken|fractured?|fx|dislocated|dislocation|lacerations?|concussion|sprained?|torn|tear|"
    r"ruptured|contusion|bruised|black\s+eye)\b"
)
# A weapon said with an assault's story ("stabbed with a knife in a fight", "hit with a bat during a mugging",
# "stabbed during a robbery"): "Assault, <weapon>" (X92-Y09), the intent being the story's own.
_ASSAULTED = re.compile(
    r"\b(?:fight|fights|fighting|brawl|robbery|robbed|mugging|mugged|attack|attacked|assault|assaulted|"
    r"jumped|ambushed|carjacking|home\s+invasion|by\s+(?:a\s+|an\s+)?(?:stranger|attacker|assailant|robber|"
    r"intruder|mugger))\b"
)
_WEAPONS = (
    (r"\bknife|\bknives|\bblade|\bswitchblade|\bbox\s*cutter|\brazor", "assault knife"),
    (r"\bbroken\s+(?:bottle|glass)\b|\bstabbed\b|\bslashed\b", "assault cutting or piercing instrument"),
    (
        # (a bat, a club or a stick is sports equipment: "Assault, struck by, sports equipment")
        r"\bpipe\b|\bcrowbar\b|\bhammer\b|\bbrick\b|\brock\b|\bbottle\b",
        "assault blunt object",
    ),
)


def _fight(text: str) -> tuple[str, str] | None:
    named = _INJURY_NAMED.search(re.sub(r"\bbroken\s+(?:bottle|glass)\b", " ", text))
    if _ASSAULTED.search(text) and not named:
        for pattern, words in _WEAPONS:
            if re.search(pattern, text):
                return (words, "")
    if not _FIGHT.search(text) or named:
        return None
    return ("assault fight", "")


def _animal_strike(text: str) -> tuple[str, str] | None:
    match = _ANIMAL_STRIKE.search(text)
    return (f"contact with {match.group(1)} strike", "") if match else None


# A falling thing that struck the person ("hit by a falling tree branch"): "Struck by, object, falling", not
# the person's own fall.
_FALLING_OBJECT = re.compile(r"\b(?:struck|hit|hurt|injured)\s+by\s+(?:a\s+|an\s+|the\s+|some\s+)?falling\b")


def _falling_object(text: str) -> tuple[str, str] | None:
    return ("struck by object falling", "") if _FALLING_OBJECT.search(text) else None


# A slip or fall in the shower or tub: "Fall, in, shower / bathtub" (a slip on its wet floor is the same line).
_FALL_IN_SHOWER = re.compile(
    r"\b(?:slipped|slipping|slips|slip|fell|fall|falls|tripped)\s+(?:\w+\s+){0,2}?(?:in|into)\s+(?:the\s+|a\s+)?"
    r"(shower|bathtub|tub|bath)\b"
)


def _fall_in_shower(text: str) -> tuple[str, str] | None:
    match = _FALL_IN_SHOWER.search(text)
    if match is None:
        return None
    where = "shower" if match.group(1) == "shower" else "bathtub"
    # Only the clause read is rewritten: "fell in the bathtub, filled, causing drowning" keeps the rest.
    return (" ".join(f"{text[: match.start()]} fall in {where} {text[match.end() :]}".split()), "")


# A slip on a surface ("slipped on the wet kitchen floor", "slipped on ice in the driveway"): "Slipping, on,
# ice / snow" (W00.0) or "Fall, due to, slipping" (W01.0, same level) - the surface's other words (wet,
# kitchen) are no line of the Index. A slip down stairs or off something is that fall's own line.
_SLIPPED = re.compile(
    r"\b(?:slipped|slipping|slips|slip|skidded)\b(?:\s+and\s+(?:fell|fall|fallen))?\s+(?:on|in|over|across)\b"
)
_NOT_SAME_LEVEL = re.compile(
    r"\b(?:stairs?|steps?|staircase|ladder|roof|off|from|down|out\s+of|shower|tub|bathtub|bath)\b"
)


def _slipped(text: str) -> tuple[str, str] | None:
    if not _SLIPPED.search(text) or _NOT_SAME_LEVEL.search(text):
        return None
    if re.search(r"\b(?:ice|icy|snow|snowy|sleet|frost)\b", text):
        return ("slipping on ice", "")
    return ("fall due to slipping", "")


# A dive that ends on the bottom ("dove into the shallow end", "dived into a lake and hit the bottom"):
# "Striking against, bottom when, diving or jumping into water" (swimming pool when the pool is said); a
# dive or jump into water with no bottom struck is "Jumped, jumping, into water".
_DIVED = re.compile(
    r"\b(?:dove|dived|jumped)\s+(?:head\s*first\s+|headfirst\s+)?(?:in|into|off)\b"
)  # told as done (the Index's own "diving or jumping into water, striking against wall" is read as it is)
_POOL = re.compile(r"\b(?:pool|swimming[- ]pool|shallow\s+end|deep\s+end)\b")
_BOTTOM = re.compile(r"\b(?:bottom|shallow|hit|struck|striking|bumped|smacked)\b")
_WATER = re.compile(r"\b(?:pool|water|lake|river|ocean|sea|pond|quarry|creek|shallow\s+end)\b")


def _dived(text: str) -> tuple[str, str] | None:
    dive = _DIVED.search(text)
    if dive is None or not _WATER.search(text[dive.end() :]) or re.search(r"\bdrown\w*", text):
        return None
    pool = " swimming pool" if _POOL.search(text) else ""
    if _BOTTOM.search(text[dive.end() :]):
        return (f"striking against bottom when diving or jumping into water{pool}", "")
    return (f"jumped jumping into water in{pool}", "")


# Pets and other animals a person trips over: the Index's "Tripping, over, animal" names no kind.
_PETS = (*_ANIMALS, "cat", "kitten", "puppy", "pet")
_TRIPPED_ON_ANIMAL = re.compile(
    r"\b(?:tripped|tripping|trips|trip|stumbled|stumbling|fell)\s+(?:over|on)\s+"
    r"(?:a\s+|an\s+|the\s+|his\s+|her\s+|my\s+|our\s+|their\s+)?(?:\w+(?:'s)?\s+)?(?:"
    + "|".join(_PETS)
    + r")s?\b"
)


def _tripped_on_animal(text: str) -> tuple[str, str] | None:
    return ("tripping over animal", "") if _TRIPPED_ON_ANIMAL.search(text) else None


# A gun that is a tool or a toy ("shot himself in the hand with a nail gun", "hit by a paintball gun"): the
# tool's "Contact, with, nail gun / rivet gun / staple gun" line or the "Discharge, airgun / paintball gun"
# line - never a firearm, which the words did not say.
_TOOL_GUNS = (
    (r"nail", "contact with nail gun"),
    (r"rivet", "contact with rivet gun"),
    (r"staple", "contact with staple gun"),
    (r"paintball", "discharge paintball gun"),
    (r"(?:bb|pellet|air|airsoft)", "discharge airgun"),
)
_TOOL_GUN = re.compile(
    r"\b(?P<kind>nail|rivet|staple|paintball|bb|pellet|air|airsoft)[\s-]?guns?\b|\bairguns?\b"
)


def _tool_gun(text: str) -> tuple[str, str] | None:
    match = _TOOL_GUN.search(text)
    if match is None or _INTENT.search(text) or re.search(r"\b(?:homicid\w*|murder\w*|undetermined)\b", text):
        return None
    kind = match.group("kind") or "air"
    for pattern, words in _TOOL_GUNS:
        if re.fullmatch(pattern, kind):
            return (words, "")
    return None


# A force of nature told as what hurt the person ("injured in an earthquake, wall collapsed", "sun exposure at
# the beach all day"): the Index's "Forces of nature" line (X30-X39), whatever else the story says of it. A
# sunburn is the skin's own condition (L55), read by the Index as it is.
_FORCES = (
    (r"earthquakes?|quake", "earthquake"),
    (r"avalanches?", "avalanche"),
    (r"blizzards?", "blizzard"),
    (r"hurricanes?|typhoons?", "hurricane"),
    (r"tornado(?:e?s)?|twisters?|cyclones?", "tornado"),
    (r"floods?|flooding|flash\s+flood", "flood"),
    (r"landslides?|mudslides?|rockslides?", "landslide"),
    (r"tsunamis?|tidal\s+waves?", "tsunami"),
    (r"volcanic\s+eruptions?|volcano", "volcanic eruption"),
    (r"dust\s+storms?|sand\s*storms?", "dust storm"),
    (
        r"(?:sun|sunlight|sunshine)\s+exposure|(?:exposure|exposed|overexposure)\s+to\s+(?:the\s+)?"
        r"(?:sun|sunlight|sunshine)|(?:in|out\s+in)\s+the\s+(?:hot\s+)?sun\s+(?:all\s+day|for\s+hours)",
        "sunlight",
    ),
)


_SUNBURN = re.compile(r"\bsun\s*burn(?:ed|t|s)?\b|\bsunstroke\b")


@lru_cache(maxsize=1)
def _force_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """`_FORCES`' patterns as whole words, compiled once a process (not for every query)."""
    return tuple((re.compile(rf"\b(?:{pattern})\b"), force) for pattern, force in _FORCES)


def _force_of_nature(text: str) -> tuple[str, str] | None:
    if _SUNBURN.search(text):
        return None
    for pattern, force in _force_patterns():
        if pattern.search(text):
            return (f"forces of nature {force}", "Forces of nature")
    return None


# Man-made light that burns ("burned from a tanning bed", "welder's flash from arc welding"): "Radiation,
# light sources (man-made visible and ultraviolet)" and the source, not a fire of the bed.
_LIGHT_SOURCES = (
    (r"tanning\s+(?:bed|booth|salon)s?|sun\s*beds?|sun\s*lamps?", "tanning bed"),
    # the arc's light, not a torch's flame (Exposure, fire, torch welding)
    (r"arc\s+welding|welding\s+(?:arc|flash|light)|welder'?s?\s+(?:flash|arc)", "welding light"),
)


# A part of the body named: the burn of the part is the answer, the light its cause beside it.
_PART_SAID = re.compile(
    r"\b(?:eyes?|face|arms?|legs?|back|hands?|skin|neck|shoulders?|chest|feet|foot|ears?|nose|lips?|scalp)\b"
)


def _light_source(text: str) -> tuple[str, str] | None:
    if _PART_SAID.search(text):
        return None
    for pattern, source in _LIGHT_SOURCES:
        if re.search(rf"\b(?:{pattern})\b", text) and re.search(
            r"\b(?:burn\w*|exposure|exposed|flash|radiation|uv|ultraviolet|hurt|injur\w*)\b", text
        ):
            return (f"radiation light sources {source}", "")
    return None


# A fall from a thing told with the story's other words ("grandpa fell out of his recliner chair", "the kid
# tumbled off the top bunk at night"): the Index's "Fall, from, off, out of" and the thing; who fell, when and
# where are no words of that line (a place is the Place of occurrence line, read apart). A fall from a toilet
# ending on something struck is the line's own "with subsequent striking against object" (W18.12); no other
# "Fall, from" line has it, so elsewhere the strike is left to the fall.
_FALL_FROM = re.compile(
    r"\b(?:fell|fall|falls|falling|fallen|tumbled|toppled)\s+(?:(?:right|straight|backwards?|forward)\s+)?"
    r"(?:out\s+of|off\s+of|off|from|down\s+from)\s+(?P<thing>[a-z][a-z' -]*)$"
)
# Where the thing's words end: the next clause (a strike, a place, a time, an activity).
_THING_END = re.compile(
    r"\s(?:and|then|onto|on|into|to|at|in|while|when|during|after|because|with|hitting|striking|landing|"
    r"last|this|yesterday|today|tonight)\b"
)
_STRUCK_AFTER = re.compile(
    r"\b(?:hit|hitting|struck|striking|bumped|bumping|banged|banging|smacked|smacking)\b"
)
_DETERMINERS = re.compile(r"\b(?:a|an|the|his|her|my|their|our|its|some|\w+'s)\s+")


def _told_after_fall(clause: str) -> bool:
    """Whether the words after the thing fallen from are read here: a strike after the fall, or a place,
    activity or status the settings read. Any other words would be dropped unsaid, so the rule stays out."""
    if re.match(r"\s*(?:onto|on to|into)\b", clause):
        return True  # where the fall ended ("onto the rug"): no line of its own, read with the fall
    return bool(_STRUCK_AFTER.search(clause)) or any(re.search(pattern, clause) for pattern, _ in _SETTINGS)


def _fall_from(text: str) -> tuple[str, str] | None:
    match = _FALL_FROM.search(tidy_story(text))
    if match is None:
        return None
    said = match.group("thing")
    end = _THING_END.search(said)
    thing = " ".join(_DETERMINERS.sub(" ", said[: end.start()] if end else said).split())
    if not thing or any(occupant for _, occupant, _ in _vehicles(thing)):
        return None  # "fell off the bus": a transport story the Index's Accident lines tell
    if end is not None and not _told_after_fall(said[end.start() :]):
        return (
            None  # "fell off a ladder in the shed": the Index path answers, and says the word it did not use
        )
    if re.search(r"\bbunk\b", thing):
        thing = "bed"
    elif _FURNITURE.search(thing) and not re.search(r"\b(?:chair|bed|door)\b", thing):
        thing = (
            "furniture"  # "Fall, from, furniture NEC": a couch, a table, a dresser have no line of their own
        )
    words = f"fall from {thing}"
    if end is not None and re.search(r"\btoilet\b", thing) and _STRUCK_AFTER.search(said[end.start() :]):
        words += " with subsequent striking against object"
    return (words, "")


# The person a story is about and when it happened ("grandpa", "toddler", "my wife", "at night", "in the
# dark"): no External Cause Index line holds them.
_TOLD_AROUND = re.compile(
    r"\b(?:(?:my|his|her|their|our|the|a|an)\s+)?(?:grandpa|grandma|grandmother|grandfather|granddad|"
    r"grandson|granddaughter|toddler|kid|child|baby|infant|son|daughter|husband|wife|mom|mother|dad|father|"
    r"brother|sister|boy|girl|man|woman|guy|lady|elderly|teen|teenager|neighbor|friend|coworker|"
    r"co-worker)(?:'s)?\b|"
    r"\b(?:at|during\s+the|in\s+the\s+(?:middle\s+of\s+the\s+)?)\s*night\b|\bin\s+the\s+dark\b|"
    r"\b(?:last\s+night|yesterday|today|tonight|this\s+(?:morning|afternoon|evening)|all\s+day)\b"
)


def tidy_story(text: str) -> str:
    """The story without who it happened to and when ("grandpa fell out of his recliner chair at night" ->
    "fell out of his recliner chair")."""
    return " ".join(_TOLD_AROUND.sub(" ", text).split())


# Walking into a thing ("walked into the coffee table in the dark", "ran into a door frame"): "Walked into
# stationary object", furniture when the thing is furniture.
_WALKED_INTO = re.compile(
    r"\b(?:walked|walking|walks|ran|running|bumped)\s+(?:right\s+|straight\s+)?into\s+"
    r"(?:the\s+|a\s+|an\s+|his\s+|her\s+|my\s+|their\s+)?(?P<thing>[a-z][a-z -]*)$"
)


def _walked_into(text: str) -> tuple[str, str] | None:
    match = _WALKED_INTO.search(tidy_story(text))
    if match is None or _CRASH.search(text[: match.start()]):
        return None
    said = match.group("thing")
    end = _THING_END.search(said)
    thing = said[: end.start()] if end else said
    if any(occ for _, occ, _ in _vehicles(thing)) or re.search(
        r"\b(?:person|someone|somebody|player|another)\b", thing
    ):
        return None  # a vehicle or a person walked into is no stationary object
    if _FURNITURE.search(thing) and not re.search(r"\bdoor\b", thing):
        return ("walked into stationary object furniture", "")
    return (f"walked into stationary object {' '.join(thing.split())}", "")


# A part of the body hit on a thing ("hit head on cabinet door", "bumped her knee against the table"): the
# Index's "Striking against, object" and the thing, when a line below names it (wall, furniture).
_STRUCK_AGAINST = re.compile(
    r"\b(?:hit|hits|bumped|bumps|bump|banged|bangs|bang|smacked|knocked|bonked|struck)\s+"
    r"(?:his\s+|her\s+|my\s+|their\s+|the\s+|a\s+)?(?!by\b)(?:[a-z]+\s+){0,2}?(?:on|against|into)\s+"
    r"(?:the\s+|a\s+|an\s+|some\s+)?(?P<thing>[a-z][a-z ]*)$"
)
_FURNITURE = re.compile(
    r"\b(?:table|desk|chair|cabinet|dresser|bed|couch|sofa|shelf|counter|bookcase|nightstand|ottoman|stool)\b"
)


# "bump" and "bang" are nouns as often as verbs: a verb only after its doer ("i bump my knee on ..."), never
# after an article or an adjective or at the start ("hard bump on my shin", "a bump on the back of my heel":
# a lump, no injury event).
_DOER = re.compile(
    r"\b(?:i|he|she|they|we|you|it|to|kid|son|daughter|baby|child|toddler|who|always|keeps?)\s+$"
)


def _struck_against(text: str) -> tuple[str, str] | None:
    match = _STRUCK_AGAINST.search(text)
    if match is None or _CRASH.search(text[: match.start()]):
        return None
    verb = match.group(0).split()[0]
    if verb in ("bump", "bumps", "bang", "bangs") and _DOER.search(text[: match.start()]) is None:
        return None
    if any(occupant for _, occupant, _ in _vehicles(match.group("thing"))):
        return None  # "hit his head on the car": a transport story the Index's Accident lines tell
    thing = match.group("thing")
    if re.search(r"\bwall\b", thing):
        thing = "wall"
    elif _FURNITURE.search(thing) and not re.search(r"\bdoor\b", thing):
        thing = "furniture"
    return (f"striking against object {thing}", "")


# A cut with a blade ("sliced thumb with box cutter", "cut finger on broken glass"): "Contact, with" the thing
# (a blade of a knife's kind is the knife's line; a thing the Index lacks is its "sharp object" line). An
# intent said sends elsewhere (Assault, Suicide), so a story saying one is not read here.
_CUT = re.compile(
    r"\b(?:cut|cuts|cutting|sliced|slices|slicing|lacerated|nicked|gashed)\b(?P<what>.*?)\s+"
    r"(?:with|on|by)\s+(?:a\s+|an\s+|the\s+|some\s+|his\s+|her\s+|my\s+)?(?P<thing>[a-z][a-z -]*)$"
)
_INTENT = re.compile(r"\b(?:intentional\w*|suicid\w*|self-harm|on\s+purpose|assault\w*|attacked|stabbed)\b")
_BLADES = (
    (
        r"(?:\w+\s+)?knife|knives|box\s*cutter|utility\s+knife|exacto|x-acto|razor(?:\s+blade)?|blade|scalpel",
        "knife",
    ),
    (r"(?:broken\s+)?glass", "glass"),
    (r"scissors", "scissors"),
    (r"(?:\w+\s+)?saw", "saw"),
    (r"paper", "paper"),
    (r"sword|machete|dagger", "sword"),
)


def _cut_with(text: str) -> tuple[str, str] | None:
    match = _CUT.search(text)
    if match is None or _INTENT.search(text):
        return None
    thing = match.group("thing").strip()
    for pattern, line in _BLADES:
        if re.fullmatch(pattern, thing):
            return (f"contact with {line}", "")
    if re.search(r"\b(?:sharp|blade|cutter|edge|metal)\b", thing):
        return ("contact with sharp object", "")
    return None


# An electric shock ("electrocuted by household wiring", "shocked by an outlet at home"): "Exposure, electric
# current", domestic when the wiring or appliance is the home's.
_SHOCK = re.compile(r"\b(?:electrocuted|electrocution|electric(?:al)?\s+shock|shocked|zapped)\b")
_DOMESTIC = re.compile(
    r"\b(?:household|home|house|domestic|outlet|socket|wiring|wire|cord|plug|appliance|lamp|toaster|kitchen)\b"
)


def _electric_shock(text: str) -> tuple[str, str] | None:
    if not _SHOCK.search(text) or re.search(r"\b(?:lightning|taser|stun\s+gun)\b", text):
        return None
    if _DOMESTIC.search(text):
        return ("exposure electric current appliance domestic", "Exposure, electric current")
    return ("exposure electric current", "Exposure, electric current")


# An activity, a place or the work status told with no mechanism ("injured during a soccer game", "while
# walking the dog", "hurt at school", "injured at work") is the Activity / Place of occurrence / External
# cause status line itself; so is one the query asks for by name ("dog bite, place: park", "jumping on a
# trampoline activity").
_INJURY_WORDS = frozenset(
    [
        "injured",
        "injury",
        "injuries",
        "hurt",
        "hurting",
        "got",
        "get",
        "was",
        "were",
        "is",
        "while",
        "during",
        "when",
        "a",
        "an",
        "the",
        "self",
        "himself",
        "herself",
        "accident",
        "accidental",
        "accidentally",
        # "it happened at school", "this occurred while gardening": the injury told by its happening
        "it",
        "this",
        "happened",
        "happens",
        "occurred",
    ]
)
_ACTIVITY_CLAUSE = re.compile(r"\b(?:while|during|when)\s+(?P<what>[a-z][a-z -]*)$")
_PLAYING = re.compile(r"\bplaying\s+(?P<what>[a-z][a-z -]*)$")
# "hurt jumping on the trampoline", "injured lifting weights": the doing said right after the injury words ("hurt", "injured")
_HURT = frozenset({"hurt", "injured", "injury", "happened", "occurred"})
_DOING = re.compile(r"(?<![a-z])(?P<what>[a-z]{3,}ing\s[a-z -]*)$")
_PLACE_CLAUSE = re.compile(
    r"\b(?:at|in)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|my\s+|their\s+)?(?P<where>[a-z]+(?:\s+[a-z]+){0,5})$"
)
_ASKED_PLACE = re.compile(
    r"(?:^|(?<!\bin)\s)place(?:\s+of\s+occurrence)?\s+(?:is\s+|was\s+)?(?:the\s+|a\s+)?(?P<where>[a-z][a-z ]*)$"
)
_ASKED_ACTIVITY = re.compile(r"^activity\s+(?P<first>[a-z][a-z -]*)$|^(?P<last>[a-z][a-z -]*?)\s+activity$")
# A place told in the form of the Place of occurrence titles (Y92: "<place> as the place of occurrence of the
# external cause"), the occurrence said in any word ("hospital as place of injury").
_AS_PLACE = re.compile(
    r"^(?P<where>[a-z][a-z' -]*?)\s+as\s+(?:the\s+)?place(?:\s+of\s+(?:the\s+)?[a-z]+(?:\s+[a-z]+)?)?$"
)
# A status asked for after the activity the person was doing ("military training activity status"): the
# External Cause Index's "External cause status" (Y99), by the word its main term ends with; the Tabular's
# statuses are each an activity (Y99.0 "Civilian activity done for income or pay", Y99.1 "Military
# activity", Y99.2 "Volunteer activity"), so the activity is said ("diabetic status" is no such status).
_ASKED_STATUS = re.compile(r"^(?P<what>[a-z][a-z' -]*?\bactivity)\s+status$")
# A place or an activity asked for after the story ("..., place", "..., activity"): the story's own clause.
_TAGGED_PLACE = re.compile(r"^(?P<what>[a-z][a-z' -]*?)\s+place(?:\s+code)?$")
_ASKED_DOING = re.compile(
    r"\b(?:while|during|from|doing)\s+(?:(?:hours|days|weeks|years|lots|a\s+lot)\s+of\s+)?(?P<what>[a-z][a-z -]*)$"
)
_ANIMAL_WORDS = re.compile(r"\b(?:" + "|".join(_PETS) + r")s?\b")
# A place said short, in the word the Place of occurrence line prints ("at the gym": "gymnasium").
PLACE_WORDS = {"gym": "gymnasium", "backyard": "yard"}
ACTIVITY_LINE = "Activity"
PLACE_LINE = "Place of occurrence"
STATUS_LINE = "External cause status"


def _setting_story(kind: str, words: str, text: str) -> Story | None:
    kept = [w for w in words.split() if w not in _LEAVE_OUT]
    if not kept:
        return None
    if kind == ACTIVITY_LINE:
        # "walking the dog": the Index's "walking an animal".
        said = _ANIMAL_WORDS.sub("animal", " ".join(kept))
        read = f"activity {said}"
    else:
        read = f"place of occurrence {' '.join(_patients_room(PLACE_WORDS.get(w, w) for w in kept))}"
    return Story(read, f"story: {text} -> {read}", kind)


def _patients_room(words: Iterable[str]) -> list[str]:
    """A hospital's room or bathroom said with no other kind is the patient's ("hospital room", "hospital room
    bathroom": Place of occurrence, hospital, patient, room / bathroom), not its operating room."""
    said = [w for w in words if w != "patient"]
    if "hospital" not in said or not {"room", "bathroom"} & set(said):
        return said
    if {"operating", "recovery", "emergency", "waiting", "delivery", "procedure"} & set(said):
        return said
    place = "bathroom" if "bathroom" in said else "room"
    return ["hospital", "patient", place]


def _setting_asked(text: str) -> Story | None:
    """The setting the query names the kind of ("place park", "walking the dog activity")."""
    if "occurrence" in text.split():
        return None  # already the Index's words
    titled = _AS_PLACE.match(text)
    if titled is not None:
        # "hospital as place of injury": the Tabular's own form of a place's title ("Hospital as the place of
        # occurrence of the external cause"), the place told before it
        return _setting_story(PLACE_LINE, titled.group("where"), text)
    place = _ASKED_PLACE.search(text)
    if place is not None:
        return _setting_story(PLACE_LINE, place.group("where"), text)
    tagged = _TAGGED_PLACE.match(text)
    if tagged is not None:
        # "burned arm on the campfire at the campsite, place": the place clause of the story
        where = _PLACE_CLAUSE.search(tagged.group("what"))
        return _setting_story(PLACE_LINE, where.group("where"), text) if where is not None else None
    status = _ASKED_STATUS.match(text)
    if status is not None:
        # "military training activity status": the status asked in the Index's main term's word (External
        # cause status), the person's doing told before it read among its subterms
        read = f"external cause status {status.group('what')}"
        return Story(read, f"story: {text} -> {read}", STATUS_LINE)
    activity = _ASKED_ACTIVITY.match(text)
    if activity is not None:
        what = activity.group("first") or activity.group("last")
        if activity.group("last"):
            # "burned her hand while ironing clothes, activity", "wrist pain from hours of piano practice,
            # activity": the doing the story tells, not its injury
            clause = _ASKED_DOING.search(what)
            if clause is not None:
                return _setting_story(ACTIVITY_LINE, clause.group("what"), text)
        # "seizure activity" is no activity of the person: the activity is something done ("-ing").
        if activity.group("first") or re.search(r"\b[a-z]{3,}ing\b", what):
            return _setting_story(ACTIVITY_LINE, re.sub(r"^(?:while|during)\s+", "", what), text)
    return None


def _setting_alone(text: str) -> Story | None:
    """The activity, work status or place of a query that tells no mechanism, only injury words beside it."""
    if _MECHANISM.search(text):
        return None
    told = status_kind(text)
    if told is not None:
        return Story(told[0], f"story: {text} -> {told[0]}", told[1])
    bare = read_bare_setting(text)
    if bare is not None and set(bare.cause.split()) <= _HURT | {"injuries"}:
        # "hurt doing yoga class", "karate class injury": the setting is all that is told
        read = _place_reading(bare.alternatives[0])
        return Story(
            read, f"story: {text} -> {read}", PLACE_LINE if read.startswith("place") else ACTIVITY_LINE
        )
    status = re.search(rf"(?:{_WORK}|\bwork[- ]related\b)(?:\s+(?:for\s+pay|paid|civilian))*", text)
    if status is not None and _only_injury_words(text[: status.start()] + " " + text[status.end() :], False):
        read = "external cause status civilian activity done for income or pay"
        return Story(read, f"story: {text} -> {read}", STATUS_LINE)
    for pattern in (_ACTIVITY_CLAUSE, _PLAYING, _DOING):
        activity = pattern.search(text)
        if activity is None or not _only_injury_words(text[: activity.start()], pattern is not _DOING):
            continue
        if pattern is _DOING and not _HURT.intersection(text[: activity.start()].split()):
            continue  # "accidental poisoning ...": no injury said before the doing
        what = re.sub(r"^playing\s+(?=\S)", "", activity.group("what"))  # "while playing hockey"
        place = _PLACE_CLAUSE.search(what)
        if place is not None and place.start() > 0:
            what = what[: place.start()]  # "lifting weights at the gym": the activity comes first
        return _setting_story(ACTIVITY_LINE, what, text)
    place = _PLACE_CLAUSE.search(text)
    if place is not None and place.group("where").split()[0] in {"work", "job"}:
        return None  # the work status said with something else ("at work civilian"): the Index reads it
    if place is not None and _only_injury_words(text[: place.start()], False):
        return _setting_story(PLACE_LINE, place.group("where"), text)
    return _where_alone(text)


# A place told by another word of where than "at" / "in" ("happened inside a bank", "got hurt on top of a
# mountain", "way out in the desert", "on the railroad tracks"), or by nothing but the place ("at a car
# dealership"): guideline I.C.20.b, the Place of occurrence line of where the person was.
_WHERE_ALONE = re.compile(
    r"(?:^|\s)(?:(?:way\s+)?out\s+)?(?P<at>at|in|inside|on\s+top\s+of|on(?=\s+(?:the|a|an)\s))"
    r"\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|my\s+|their\s+)?(?P<where>[a-z]+(?:\s+[a-z]+){0,4})$"
)
# Where told with no injury before it is a place only after these ("at a car dealership"; "in the past" is none).
_WHERE_FIRST = frozenset({"at", "inside"})


def _where_alone(text: str) -> Story | None:
    """The place of a query that tells nothing else beside being hurt, its clause opened by any word of where
    (I.C.20.b: the place of occurrence is coded where the injury happened)."""
    where = _WHERE_ALONE.search(text)
    if where is None or where.group("where").split()[0] in {"work", "job", "home"}:
        return None
    before = text[: where.start()]
    if not _only_injury_words(before, where.group("at").split()[0] in _WHERE_FIRST):
        return None
    if where.group("at") == "on" and _vehicles(f" {where.group('where')} "):
        return None  # "hurt on the trolley": the occupant of a vehicle, the transport lines' story
    return _setting_story(PLACE_LINE, where.group("where"), text)


def _only_injury_words(rest: str, may_be_empty: bool) -> bool:
    words = rest.split()
    if not words:
        return may_be_empty
    return all(w in _INJURY_WORDS for w in words)


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
        r"\b(?:at|in|on)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|my\s+|their\s+)?(school|park|gym|gymnasium|store|"
        r"restaurant|farm|playground|yard|backyard|garden|beach|lake|swimming\s+pool|kitchen|bathroom|"
        r"barn|campsite|church|mall|supermarket|library|hotel|bank|airport|sidewalk)\b",
        "place of occurrence {0}",
    ),
    (r"\bwhile\s+playing\s+([a-z]+)\b|\bplaying\s+([a-z]+)\b", "activity {0}"),
    (
        r"\b(?:while|during)\s+(?:out\s+|(?:i|he|she|they)\s+(?:was|were)\s+)?([a-z]{3,}ing)\b",
        "activity {0}",
    ),  # "fell while jogging"
)
# A mechanism the External Cause Index names ("injured", "hurt" name none: "injured at work" is the status).
_MECHANISM = re.compile(
    r"\b(?:fell|fall|falls|falling|slipped|slip|tripped|trip|bitten|bit|bite|bites|stung|sting|stings|pecked|"
    r"scratched|hit|struck|burned|burnt|burn|burns|scalded|cut|kicked|punched|crash|crashed|collided|assaulted|"
    r"stabbed|shot|drowned|electrocuted)\b"
)


@dataclass(frozen=True)
class Setting:
    text: str  # the query without the clause
    words: str  # the clause in the External Cause Index's words ("place of occurrence residence")
    # Told beside a bare cause ("tripped at the zoo"): the setting is the answer, the cause beside it; its
    # words are then each reading of the clause, separated by SETTING_OR, the way the query says it first.
    first: bool = False


SETTING_OR = " ; "
# A story that is a bare cause's default line or the setting itself: a setting beside it is read as told.
_BARE_STORIES = frozenset({"fall due to slipping"})


# A place said in two words the Place of occurrence line prints in its own ("movie theater": movie-house).
_PLACE_PHRASES = {"movie theater": "movie-house", "movie theatre": "movie-house", "the movies": "cinema"}


def _place_reading(reading: str) -> str:
    """A setting's reading in the words its line prints ("walking the dog": walking an animal; "gym":
    gymnasium; "movie theater": movie-house)."""
    if not reading.startswith(PLACE_WORDS_PREFIX):
        return _ANIMAL_WORDS.sub("animal", reading)
    said = reading[len(PLACE_WORDS_PREFIX) :]
    for phrase, line in _PLACE_PHRASES.items():
        said = re.sub(rf"\b{phrase}\b", line, said)
    words = said.split()
    return " ".join([PLACE_WORDS_PREFIX, *_patients_room(PLACE_WORDS.get(w, w) for w in words)])


def read_setting(text: str, story: Story | None) -> Setting | None:
    """The place, activity or work status a story of an injury names beside its mechanism ("fell off a
    ladder at work"), or None. Only beside a mechanism: "injured at work" alone is the status itself."""
    if _INDEX_WORDS.search(text):
        return None
    bare = read_bare_setting(text)
    if bare is not None and (
        story is None or story.anchor in {ACTIVITY_LINE, PLACE_LINE} or story.text in _BARE_STORIES
    ):
        # "slipped in the hospital cafeteria", "burned hand while grilling burgers": the setting first
        return Setting(
            bare.cause or text, SETTING_OR.join(_place_reading(r) for r in bare.alternatives), True
        )
    if not _MECHANISM.search(text):
        if _ANIMAL_VERBS.search(text):
            return _place_after_story(text)
        # "pulled quad muscle left thigh sprinting", "ruptured achilles playing basketball": the injury named,
        # the doing after it is the activity beside it (the injury is the answer)
        return _doing_after(text, story, _NATURE) if _NATURE.search(text) else None
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
        return Setting(rest, words.format(PLACE_WORDS.get(named, named)))
    told_at = _place_after_story(text)
    if told_at is not None:
        return told_at
    return _doing_after(text, story)


def _place_after_story(text: str) -> Setting | None:
    """ "goat butted him in the knee at the petting zoo": the cause's story, the place beside it (read as a
    place and as an activity: "at the rodeo" is an event)."""
    told_at = _AT_PLACE.search(text)
    if told_at is None or _SETTING_BESIDE.search(told_at.group("where")):
        return None
    rest = text[: told_at.start()].strip()
    if not (_MECHANISM.search(rest) or _ANIMAL_VERBS.search(rest)):
        return None
    where = " ".join(w for w in told_at.group("where").split() if w not in _LEAVE_OUT)
    if not where:
        return None  # "struck by a baseball at the game": no place said
    place = _place_reading(f"{PLACE_WORDS_PREFIX} {where}")
    return Setting(rest, SETTING_OR.join((place, f"activity {where}")))


# A place said after the cause's story ("... at the petting zoo", "... at the rodeo").
_AT_PLACE = re.compile(r"\bat\s+(?:the|a|an|his|her|my|their|our)\s+(?P<where>[a-z]+(?:\s+[a-z]+){0,2})$")
_SETTING_BESIDE = re.compile(r"\b(?:home|house|work|job|night|time|moment|end|same|last|first)\b")
_ANIMAL_VERBS = re.compile(
    r"\b(?:butted|head-?butted|gored|pecked|trampled|stomped|bit|bitten|stung|kicked|knocked|pinched|crushed|"
    r"caught|struck|bumped|scratched|clawed|attacked|mauled)\b"
)


# What the person was doing, said right after the cause with no "while" ("steam burn opening a pot lid",
# "chainsaw kickback cutting firewood"): the Activity line beside the cause. A gerund after a preposition or
# an article describes a thing ("burn from boiling water", "struck by falling rock"), and some "-ing" words
# are things ("ceiling", "railing", "swing").
_DOING_AFTER = re.compile(r"\b(?P<before>[a-z']+)\s+(?P<act>[a-z]{3,}ing)(?P<what>(?:\s+[a-z']+){1,4})$")
# A doing said alone at the end ("... left thigh sprinting"): one gerund, nothing after it.
_PLAYING_AFTER = re.compile(r"\b(?P<before>[a-z']+)\s+(?P<act>[a-z]{3,}ing)(?P<what>)$")
_NOT_BEFORE_DOING = frozenset(
    [
        "from",
        "by",
        "with",
        "of",
        "on",
        "in",
        "into",
        "onto",
        "off",
        "at",
        "to",
        "the",
        "a",
        "an",
        "his",
        "her",
        "my",
        "their",
        "its",
        "some",
        "is",
        "was",
        "were",
        "been",
        "being",
        "be",
        "keep",
        "kept",
        "kept",
        "start",
        "started",
        "stop",
        "stopped",
        "and",
        "or",
        "while",
        "when",
        "during",
        "after",
        "before",
        "without",
    ]
)
_NOT_DOING = frozenset(
    [
        "boiling",
        "burning",
        "falling",
        "flying",
        "moving",
        "running",
        "rolling",
        "swinging",
        "rotating",
        "spinning",
        "cutting",
        "piercing",
        "sliding",
        "revolving",
        "exploding",
        "hunting",
        "sewing",
        "washing",
        "frying",
        "curling",
        "ceiling",
        "building",
        "clothing",
        "railing",
        "awning",
        "siding",
        "bedding",
        "wiring",
        "piping",
        "scaffolding",
        "stuffing",
        "evening",
        "morning",
        "spring",
        "sling",
        "string",
        "ring",
        "swing",
        "sting",
        "thing",
        "something",
        "nothing",
        "everything",
        "wedding",
        "pudding",
        "icing",
        "flooring",
        "paneling",
        "shelving",
        "housing",
        "landing",
        "parking",
        "sibling",
        "bleeding",
        "swelling",
        "bruising",
        "during",
        "ongoing",
        "following",
        "including",
        "according",
        "pending",
        # an Index line's own linking words ("causing drowning", "striking water surface")
        "causing",
        "resulting",
        "leading",
        "involving",
        "requiring",
        "striking",
        "drowning",
        "jumping",
        "diving",
        "being",
        "having",
        "getting",
        # how the injury is doing, not what the person did
        "healing",
        "draining",
        "aching",
        "throbbing",
        "tingling",
        "stinging",
        "weeping",
        "oozing",
        "worsening",
        "improving",
        "remaining",
        "missing",
        "ringing",
        "clicking",
        "popping",
        "locking",
        "catching",
        "giving",
        "itching",
        "limping",
        "vomiting",
        "bruising",
    ]
)


# The nature of an injury named ("strain", "ruptured", "fracture"): an injury told, whose cause is not said.
_NATURE = re.compile(
    r"\b(?:strain|strained|sprain|sprained|fracture|fractured|fx|broken|rupture|ruptured|tear|torn|dislocation|"
    r"dislocated|laceration|contusion|avulsion|concussion)\b"
)


def _doing_after(text: str, story: Story | None, cause: re.Pattern[str] = _MECHANISM) -> Setting | None:
    match = _DOING_AFTER.search(text) or _PLAYING_AFTER.search(text)
    if story is not None or match is None:
        return None
    if match.group("before") in _NOT_BEFORE_DOING or match.group("act") in _NOT_DOING:
        return None
    rest = text[: match.start("act")].strip()
    if not cause.search(rest):
        return None
    doing = [w for w in f"{match.group('act')}{match.group('what')}".split() if w not in _LEAVE_OUT]
    return Setting(rest, "activity " + " ".join(doing))
