"""External causes told by their kind, read in the External Cause Index's own lines.

A coder told "burned fighting a wildfire", "hurt back moving a couch, overexertion" or "hobby woodworking at
home, not for pay" looks up the kind of cause, not the story's words:

- a fire is "Exposure, fire" by its kind: a house, apartment or building fire is "uncontrolled, in building or
  structure" (X00); a wildfire, forest, brush or grass fire "uncontrolled, not in building or structure" (X01);
  a campfire, bonfire or trash fire "controlled, not in building or structure" (X03); a fireplace or wood
  stove "controlled, in building or structure" (X02); a jump, a fall or a collapse is the line's "with ...";
  smoke inhaled is the injury itself (Toxic effect of smoke), read by the Index as it is;
- a strain of the body by what it did is "Overexertion, from": a heavy load or a strenuous movement
  (X50.0), a prolonged static or awkward posture (X50.1), repetitive movements (X50.3) - only when the query
  says so (overexertion, strenuous, heavy, awkward, repetitive), never for a named injury alone;
- the person's status when hurt is the "External cause status" line: a volunteer (Y99.2), a hobby or
  anything "not for pay" / "not working" (Y99.8), military duty (Y99.1).

Each rule returns the line's words and the line (the story's anchor); the Index and the Tabular pick the code.
"""

from __future__ import annotations

import re

_FIRE = r"(?:fires?|blaze|flames?)"
_FIRES = (
    (
        rf"\b(?:wild\s*fires?|(?:forest|brush|bush|grass|prairie|hay|field)\s+{_FIRE})\b",
        "exposure fire uncontrolled not in building or structure",
        "Exposure, fire, uncontrolled, not in building or structure",
    ),
    (
        rf"\b(?:house|home|apartment|building|structure|kitchen|barn|garage|hotel|office)\s+{_FIRE}\b|"
        r"\b(?:burning|burned|burnt)\s+(?:house|home|apartment|building)\b",
        "exposure fire uncontrolled in building or structure",
        "Exposure, fire, uncontrolled, in building or structure",
    ),
    (
        r"\b(?:camp\s*fires?|bon\s*fires?|fire\s*pits?|trash\s+fires?|brush\s+pile\s+fires?)\b",
        "exposure fire controlled not in building or structure",
        "Exposure, fire, controlled, not in building or structure",
    ),
    (
        r"\b(?:fireplaces?|wood\s*stoves?|wood[- ]burning\s+stoves?)\b",
        "exposure fire controlled in building or structure",
        "Exposure, fire, controlled, in building or structure",
    ),
)
_SMOKE = re.compile(r"\bsmoke\s+inhal\w*|\binhal\w*\s+(?:of\s+)?smoke\b")
_FIRE_HURT = re.compile(r"\b(?:burn\w*|smoke|injur\w*|hurt|trapped|fighting|firefight\w*|escap\w*|caught)\b")


def fire_kind(text: str) -> tuple[str, str] | None:
    """The "Exposure, fire" line of a fire told by its kind, or None."""
    if not _FIRE_HURT.search(text):
        return None
    if _SMOKE.search(text):
        return None  # the smoke inhaled is the injury (T59.81-); the Index reads the fire's line beside it
    for pattern, words, line in _FIRES:
        if re.search(pattern, text):
            how = next((w for p, w in _HOW if re.search(p, text)), "")
            return (f"{words} {how}".strip(), line)
    return None


# How the fire hurt beyond its flames: the "with" lines under each kind of fire.
_HOW = (
    (r"\b(?:jump\w*|leap\w*)\s+(?:from|out|off)\b", "with jump from building"),
    (r"\b(?:fell|fall\w*)\s+(?:from|out|off|through)\b", "with fall from building"),
    (r"\bcollaps\w*", "with injury due to building collapse"),
    (r"\b(?:hit|struck)\s+by\b", "hit by object from building"),
)


_OVEREXERTION_SAID = re.compile(r"\b(?:overexert\w*|over-exert\w*|strenuous|overdid\s+it|overuse)\b")
_POSTURE = re.compile(
    r"\bawkward\s+(?:position|posture|angle)s?\b|\b(?:static|prolonged)\s+(?:position|posture|sitting|standing)s?\b|"
    r"\bhunched\s+over\b"
)
_REPETITIVE = re.compile(
    r"\b(?:repetitive|repeated|repetitious)\s+(?:movements?|motions?|tasks?|work|lifting)\b"
)
_HEAVY = re.compile(
    r"\b(?:lift\w*|mov\w*|push\w*|pull\w*|carr\w*|haul\w*)\s+(?:a\s+|the\s+|some\s+)?heavy\b|"
    r"\bheavy\s+(?:lifting|load|loads|boxes|box|furniture|objects?)\b"
)
# A named injury (the answer, whose cause is beside it) unless the query says overexertion itself.
_NATURE = re.compile(
    r"\b(?:strain|sprain|sprained|fracture|fractured|fx|broken|rupture|ruptured|tear|torn|tore|hernia|"
    r"herniated|dislocat\w*)\b"
)


def overexertion(text: str) -> tuple[str, str] | None:
    """The "Overexertion, from" line a query names by its kind of strain, or None."""
    if _POSTURE.search(text):
        words = "overexertion from prolonged static or awkward postures"
    elif _REPETITIVE.search(text):
        words = "overexertion from repetitive movements"
    elif _OVEREXERTION_SAID.search(text) or (_HEAVY.search(text) and not _NATURE.search(text)):
        words = "overexertion from strenuous movement or load"
    else:
        return None
    if _NATURE.search(text) and not _OVEREXERTION_SAID.search(text):
        return None  # "lumbar strain from awkward lifting": the strain is the answer
    return (words, "Overexertion")


_STATUSES = (
    (r"\bvolunteer\w*|\bunpaid\s+volunteer\b", "volunteer activity"),
    (
        r"\b(?:active\s+duty|military\s+duty)\b",
        "military activity",
    ),
    (
        r"\bhobby\b|\bnot\s+(?:for|done\s+for)\s+(?:pay|income|money)\b",
        "hobby not done for income",
    ),
)
# Words that tell a status only of someone hurt: "copier not working", "kidneys not working" tell none.
_STATUS_IF_HURT = (
    (r"\bunpaid\b|\bnot\s+(?:paid|working)\b|\bleisure\b|\bfor\s+fun\b", "hobby not done for income"),
)
_HURT_SAID = re.compile(r"\b(?:hurt\w*|injur\w*|accident\w*|fell|fall\w*|burn\w*|cut|sprain\w*|strain\w*)\b")
_STATUS_LINE = "External cause status"


def status_kind(text: str) -> tuple[str, str] | None:
    """The "External cause status" line a query tells the person's status by, or None ("at work" is read
    apart: civilian activity done for income or pay)."""
    statuses = _STATUSES + (_STATUS_IF_HURT if _HURT_SAID.search(text) else ())
    for pattern, words in statuses:
        if re.search(pattern, text):
            return (f"external cause status {words}", _STATUS_LINE)
    return None
