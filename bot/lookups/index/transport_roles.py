"""Whose vehicle a transport story is told from, read the way the External Cause Index's transport lines ask.

The Index's "Accident, transport" lines are the injured person's: first the vehicle carrying them ("van
occupant", "pedal cyclist", "animal-rider"), then their role in it ("driver", "passenger", "hanger-on", or no
role: the "unspecified occupant" lines), then what it collided with, then "nontraffic" or "while boarding or
alighting" (the Tabular's V00-V99 definitions: a traffic accident is one on a public highway, a nontraffic
accident one anywhere else; boarding or alighting is getting on or off the vehicle). People tell the same
thing from the vehicle:

- the vehicle the person rode is named with the role ("car passenger, our car hit a cyclist": the car's, and the
  cyclist is the other party), after a riding word ("drove my pickup into a buggy", "riding on the back of a
  bike"), or as the story's subject ("van crashed into a car", "car got hit by a train", "motorcycle wipeout")
  - the occupant with no role said;
- the same vehicle said again ("bus passenger, bus rolled over") is not a second party; another of its kind
  is said with "a", "another" ("car driver hit another car");
- riding on a vehicle's outside is the hanger-on's role; getting on or off it is "while boarding or alighting";
- a farm, ranch, trail, field or private road is off the public highway: "nontraffic".

Each reading returns Index words (the vehicle's occupant words of ``external_causes``), never codes.
"""

from __future__ import annotations

import re

Vehicle = tuple[int, str, str]  # (position in the text, occupant words, other-party words)

_DETERMINERS = r"(?:(?:a|an|the|my|our|his|her|their|your|this|that|\w+'s|\w+s')\s+)*"
# The role words of a person in or on a vehicle, said after it ("van passenger", "bus driver").
_ROLE_AFTER = re.compile(r"\s*(?:driver|passenger|occupant|rider|operator)\b")
# A riding word before the vehicle the person rode ("drove my pickup", "passenger in a van", "riding on the back
# of a bike", "hanging onto the outside of a tuk tuk").
_RIDING_BEFORE = re.compile(
    r"\b(?:driving|drove|driven|riding\s+in|rode\s+in|riding\s+on|rode\s+on|passenger\s+(?:in|on|of)|"
    r"driver\s+of|(?:riding|rode|sitting|sat)\s+on\s+the\s+back\s+of|on\s+the\s+back\s+of|"
    r"(?:riding|rode|hanging|hung|holding)\s+(?:on\s+)?(?:to\s+|onto\s+)?the\s+outside\s+of|"
    r"hanging\s+(?:on|off|onto)(?:\s+to)?|in\s+the\s+back\s+of|"
    # (the vehicle got on or off is the person's: "fell getting out of the truck cab")
    r"(?:getting|got|get|climbing|climbed|stepping|stepped|jumping|jumped)\s+(?:out\s+of|off|on|onto|into|in|"
    r"down\s+from|up\s+into)|boarding|exiting)\s+" + _DETERMINERS + r"$"
)
# What a vehicle told as the story's subject did ("van crashed into", "car got hit by", "truck flipped").
_SUBJECT_DID = re.compile(
    r"\s*(?:(?:got|was|were|gets|had\s+been)\s+)?(?:crash|crashed|collided|hit|struck|rear[- ]ended|t-?boned|"
    r"ran\s+into|drove\s+into|slammed|smashed|plowed|veered|swerved|skidded|rolled|flipped|overturned|tipped|"
    r"wipeout|wiped|went\s+off|lost\s+control|sank|derailed|wreck|wrecked|crash)\b"
)
# The start of the story, before its subject: a role-less opening ("hurt when the", "pt states her").
_OPENING = re.compile(
    r"^(?:(?:pt|patient|he|she|they|we|i)\s+(?:states?|says?|reports?)\s+)?" + _DETERMINERS + "$"
)
# Another of the same kind: told with "a", "another", or after the words of a collision ("bus vs bus", "in crash
# with pickup truck", "hit another car").
_ANOTHER = re.compile(
    r"\b(?:a|an|another|other|second|oncoming|different|vs|versus|with|into|by|hit|struck|and)\s+"
    r"(?:(?:the|a|an|another|other)\s+)?$"
)

HANGER_ON = re.compile(
    r"\b(?:hanger-?on|hanging\s+(?:on|off|onto)|(?:riding|rode|hung|holding)\s+(?:on\s+)?(?:to\s+|onto\s+)?the\s+"
    r"outside\s+of|on\s+the\s+outside\s+of|hanging\s+on\s+to)\b"
)
BACK_PASSENGER = re.compile(r"\bon\s+the\s+back\s+of\b")
BOARDING = re.compile(
    r"\b(?:(?:getting|got|get|climbing|climbed|stepping|stepped|jumping|jumped)\s+(?:out\s+of|off|on|onto|into|"
    r"in|down\s+from|up\s+into)|boarding|alighting|exiting)\b"
)
# Places off the public highway (the Tabular's nontraffic accident), besides "parking lot", "driveway", "off-road".
OFF_HIGHWAY = re.compile(
    r"\b(?:farm|ranch|trails?|field|pasture|private\s+(?:road|drive|lot|property|path|land)|campground|"
    r"(?:dirt|bike)\s+trail|off\s+the\s+road|backyard|yard)\b"
)


def rode_vehicle(text: str, vehicles: list[Vehicle]) -> tuple[Vehicle, bool] | None:
    """The vehicle the injured person rode and whether it was told as the story's subject (no role word):
    the vehicle before a role word, after a riding word, or opening the story before what it did. None when
    the story names no vehicle that way (a pedestrian's or cyclist's story is read by the caller)."""
    carrying = [v for v in vehicles if v[1]]
    for vehicle in carrying:
        end = _end_of(text, vehicle)
        if _ROLE_AFTER.match(text, end) or _RIDING_BEFORE.search(text[: vehicle[0]]):
            return vehicle, False
    for vehicle in carrying[:1]:
        end = _end_of(text, vehicle)
        if _OPENING.match(text[: vehicle[0]]) and _SUBJECT_DID.match(text, end):
            return vehicle, True
    return None


def _end_of(text: str, vehicle: Vehicle) -> int:
    match = re.match(
        r"[\w-]+(?:\s+(?:truck|bike|cycle|vehicle|car|tuk|trailer|wheeler))?s?", text[vehicle[0] :]
    )
    return vehicle[0] + (match.end() if match else 0)


def other_parties(text: str, vehicles: list[Vehicle], ridden: Vehicle) -> list[Vehicle]:
    """The vehicles besides the one ridden: the same vehicle said again is the ridden one ("bus passenger, bus
    rolled over"; "car passenger, our car hit a cyclist") unless told as another or after a collision's words
    ("hit another car", "bus vs bus")."""
    return [
        v
        for v in vehicles
        if v is not ridden and (v[2] != ridden[2] or not v[1] or _ANOTHER.search(text[: v[0]]) is not None)
    ]
