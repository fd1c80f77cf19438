"""A visit about birth control told in office words -> the Index's main term Contraception, contraceptive.

The Index files these encounters (Z30) by what is done and the method: "initial prescription" (a method
started: "starting birth control pills for the first time", "wants to start the patch"), "maintenance"
(a method already used, checked or refilled: "implant rod check", "depo shot refill") and "emergency
(postcoital)" ("morning after pill", "plan B"), each with the method's line (pills; transdermal patch
hormonal; vaginal ring hormonal; injectable; subdermal implantable; barrier; diaphragm). A coder reads the
act from the sentence's verb and the method from its lay name. Only a sentence telling the visit and
nothing else is read: a complaint said beside it (bleeding, pain, a missed period) is coded instead.
"""

from __future__ import annotations

import re


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The method in lay and brand words -> the Index's subterm of the method under the act.
_METHODS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in [
        (
            r"\b(?:morning[- ]after\s+pill|plan\s+b|ella|emergency\s+contracepti\w+|postcoital\s+contracepti\w+)\b",
            "emergency",
        ),
        (
            r"\b(?:(?:birth\s+control|contraceptive|oral\s+contraceptive)\s+pills?|bcps?|ocps?|the\s+pill|"
            r"oral\s+contraceptives?|contraceptive\s+oral|pills?)\b",
            "pills",
        ),
        (
            r"\b(?:(?:birth\s+control|contraceptive)\s+)?patch(?:es)?\b|\bxulane\b|\btwirla\b",
            "transdermal patch hormonal",
        ),
        (
            r"\b(?:(?:birth\s+control|vaginal|contraceptive)\s+)?ring\b|\bnuva\s*ring\b|\bannovera\b",
            "vaginal ring hormonal",
        ),
        (
            r"\b(?:depo(?:[- ]?provera)?(?:\s+(?:shot|injection))?|(?:birth\s+control|contraceptive)\s+(?:shot|injection)|"
            r"injectable\s+contraceptive)\b",
            "injectable",
        ),
        (
            r"\b(?:nexplanon|implanon|(?:arm\s+|contraceptive\s+|birth\s+control\s+|subdermal\s+)?implant"
            r"(?:\s+rod)?|rod)\b",
            "subdermal implantable",
        ),
        (r"\bdiaphragm\b", "diaphragm"),
        (r"\b(?:condoms?|barrier\s+(?:method|contraception))\b", "barrier"),
    ]
)
_BIRTH_CONTROL = re.compile(r"\b(?:birth\s+control|contracepti\w+)\b")
_INITIAL = re.compile(
    r"\b(?:start(?:s|ed|ing)?|begin(?:s|ning)?|new|first\s+time|initiat\w+|initial|wants?|would\s+like|"
    r"interested\s+in|requests?|requesting|prescribe\w*|prescription|put\s+on|get\s+on|go\s+on|"
    r"insert(?:ed|ion)?|placement|placed|put\s+in)\b"
)
_MAINTENANCE = re.compile(
    r"\b(?:check(?:ed|ing)?|re-?check|refills?|refilled|continu\w+|renew\w*|repeat|follow[- ]?up|f/u|"
    r"surveillance|maintenance|due\s+for|next|another|removal\s+and\s+reinsertion|replace\w*|reinsert\w*|"
    r"remov\w*|take\s+out|taken\s+out)\b"
)
# The words such a visit is told in beside the method and the act.
_VISIT_WORDS = _word_set(
    """
    for the a an of her his my their to on in at with and is was here visit encounter appointment appt today
    pt patient she he woman girl teen teenager year years yo old time times first this no problems issues
    concerns complaints doing well fine working method birth control contraception contraceptive
    contraceptives counseling discussed same visit request requested requesting asks asking
    """
)


# An intrauterine device, and what is done with it: the Index's Contraception, device lines (removal;
# reinsertion and replacement; checking) and Insertion, intrauterine contraceptive device.
_IUD = re.compile(
    r"\b(?:iud|iucd|intrauterine\s+(?:contraceptive\s+)?device|mirena|paragard|kyleena|liletta|skyla|coil)\b"
)
_IUD_ACTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in [
        (
            r"\b(?:remov\w*|take\s+out|taken\s+out|out)\b.*\b(?:reinsert\w*|re-insert\w*|replace\w*|new\s+one|"
            r"put\s+(?:a\s+)?new)\b|\b(?:reinsert\w*|re-insert\w*|replace\w*|exchange|swap\w*)\b",
            "contraception device replacement",
        ),
        (r"\b(?:remov\w*|take\s+out|taken\s+out|pull\w*\s+out|out)\b", "contraception device removal"),
        (
            r"\b(?:check\w*|string\s+check|strings?|surveillance|follow[- ]?up)\b",
            "contraception device checking",
        ),
        (
            r"\b(?:insert\w*|placement|placed|place|put\s+in|new)\b",
            "insertion intrauterine contraceptive device",
        ),
    ]
)
_IUD_WORDS = _VISIT_WORDS | _word_set(
    """
    and same reinsertion reinserted removal removed remove insertion inserted placement placed new one put
    take taken out check checking string strings expired due after years year old hormonal copper exchange
    """
)


def read_contraception(text: str) -> str | None:
    """The Index words of a birth-control visit told by its act and method, or None."""
    iud = _IUD.search(text)
    if iud is not None:
        rest = _IUD.sub(" ", text)
        act = next((words for pattern, words in _IUD_ACTS if pattern.search(rest)), None)
        if act is None or any(
            w not in _IUD_WORDS and not w.isdigit() for w in re.findall(r"[a-z0-9'-]+", rest)
        ):
            return None
        return act
    method = None
    rest = text
    for pattern, words in _METHODS:
        if pattern.search(rest):
            method = method or words
            rest = pattern.sub(" ", rest)
    if method is None:
        return None
    if method == "pills" and not (
        _BIRTH_CONTROL.search(text) or re.search(r"\b(?:bcps?|ocps?|the\s+pill)\b", text)
    ):
        return None  # "starting pills for blood pressure": no birth control is said
    if method == "emergency":
        act = ""
    elif _MAINTENANCE.search(rest):
        act = "maintenance"
    elif _INITIAL.search(rest):
        act = "initial prescription"
    else:
        return None
    rest = _MAINTENANCE.sub(" ", _INITIAL.sub(" ", rest))
    if any(w not in _VISIT_WORDS and not w.isdigit() for w in re.findall(r"[a-z0-9'-]+", rest)):
        return None
    return " ".join(w for w in ["contraception", act, method] if w)
