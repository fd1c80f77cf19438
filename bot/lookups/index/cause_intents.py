"""An injury's intent told in plain words, read as the External Cause Index's main term for that intent.

The External Cause Index files an injury by its intent before its mechanism: "Undetermined intent" (and the
"stated as undetermined whether accidental or intentional" subterms), "Suicide, suicidal", "Assault" and
"Legal, intervention ... injuring, <law enforcement personnel / suspect / bystander>" each hold the mechanisms
again (drowning, firearm discharge, jump from a high place, collision of motor vehicle ...), and the Tabular
titles of their codes say the intent ("..., undetermined intent", "Intentional self-harm ...", "Assault by
...", "Legal intervention involving ..."). People tell the intent beside the story:

- "not clear if intentional", "unknown intent", "can't tell if it was an accident" -> Undetermined intent;
- "tried to drown herself", "suicide attempt", "intentionally drove his car into a tree" (no other doer)
  -> Suicide;
- "by her husband", "an attacker", "the guy bit my arm" after "assaulted" -> Assault;
- a police officer or an arrest -> Legal, intervention, the person injured being the one told first
  ("officer shot ..." -> law enforcement personnel; "suspect shot by police" -> suspect).

The reading puts the intent's Index words first and leaves the story's own words; the Index and the Tabular
still pick the code, and the answer is kept only when its Tabular title says that intent (``IntentRead.used_by``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

# Whether the words being looked up are this module's reading (its intent words first), so the stories read
# them below the intent's main term (bot.lookups.index.external_causes) - never a query typed so.
_READING: ContextVar[bool] = ContextVar("intent_reading", default=False)


def reading_intent() -> bool:
    """Whether the lookup under way is of an intent's reading."""
    return _READING.get()


@contextmanager
def intent_reading() -> Iterator[None]:
    """The lookups inside are of an intent's reading."""
    token = _READING.set(True)
    try:
        yield
    finally:
        _READING.reset(token)


_INTENT_WORDS = (
    r"(?:intentional\w*|intended|on\s+purpose|deliberate\w*|accident\w*|self[- ]inflicted|suicid\w*)"
)
_UNDETERMINED = re.compile(
    r"\b(?:(?:not\s+(?:clear|known|sure|certain)|unclear|unknown|uncertain|undetermined|no\s+idea|unsure|"
    r"(?:don't|dont|do\s+not|can't|cant|cannot|could\s+not|couldn't)\s+(?:know|tell|say|determine))\s+"
    r"(?:if|whether)\s+(?:it\s+was\s+|this\s+was\s+|he\s+|she\s+|they\s+|pt\s+)?(?:\w+\s+){0,2}"
    + _INTENT_WORDS
    + r"(?:\s+or\s+(?:not|an?\s+accident|accident\w*|intentional\w*|on\s+purpose|deliberate\w*))?|"
    r"(?:intent|intention)\s+(?:is\s+|was\s+)?(?:unknown|unclear|undetermined|uncertain|not\s+known)|"
    r"(?:unknown|unclear|undetermined|uncertain)\s+(?:intent|intention)|undetermined)\b"
)
_SELF = (
    r"(?:(?:him|her|my|them|your|it)sel(?:f|ves)|self)"  # ("to harm self": a chart leaves out the pronoun)
)
_SUICIDE = re.compile(
    r"\b(?:suicid\w*(?:\s+(?:attempt|gesture))?|attempted\s+suicide|self[- ]inflicted|"
    rf"(?:tried|trying|attempted|attempting|wanted|meant)\s+to\s+(?:\w+\s+)?{_SELF}|"
    rf"to\s+(?:kill|end|hurt|harm)\s+{_SELF}|to\s+end\s+(?:his|her|my|their)\s+(?:own\s+)?life)\b"
)
_ON_PURPOSE = re.compile(r"\b(?:intentionally|deliberately|purposely|purposefully|on\s+purpose)\b")
# Another person doing it to the patient ("she scratched my face on purpose", "held under water by her husband").
_OTHER_DOER = re.compile(
    r"\b(?:he|she|they|someone|somebody|guy|man|woman|stranger|attacker|assailant|boyfriend|girlfriend|husband|"
    r"wife|partner|spouse)\b.*\b(?:me|my|him|her|them)\b|\bby\s+(?:a|an|the|his|her|my|their|some|another)\s+"
    r"(?:\w+\s+)?(?:person|man|woman|guy|stranger|attacker|assailant|husband|wife|boyfriend|girlfriend|partner|"
    r"spouse|father|mother|dad|mom|brother|sister|son|daughter|neighbou?r|roommate|gang|mob)\b"
)
_ASSAULT = re.compile(
    r"\b(?:assault\w*|attacked|attacker|assailant|mugged|mugging|robbery|robbed|jumped\s+by|beat\s+(?:me|him|her)|"
    r"held\s+(?:under|down)\s+(?:\w+\s+){0,4}by)\b"
)
_POLICE = r"(?:police(?:\s+officer|man|woman)?|cops?|officers?|law\s+enforcement(?:\s+officer)?|deputy|trooper|sheriff|swat)"
# (an officer hurt in a crash or assaulted at work is no legal intervention: one needs a suspect, an arrest or
# the police told as the doer)
_LEGAL = re.compile(
    r"\b(?:suspect|bystander|(?:during|resisting)\s+(?:an\s+|his\s+|her\s+)?arrest|arrested|arresting|"
    rf"(?:by|from)\s+(?:the\s+|a\s+|an\s+)?{_POLICE})\b"
)
_BY_POLICE = re.compile(rf"\bby\s+(?:the\s+|a\s+|an\s+)?{_POLICE}\b")
_INJURED = re.compile(rf"\b(?:{_POLICE}|suspect|bystander)\b")
# A drug or poison told is the Table of Drugs' (bot.lookups.index.stories), not this reading's.
_POISONING = re.compile(
    r"\b(?:poison\w*|overdos\w*|od|ingest\w*|swallow\w*|pills?|tablets?|took|taking|drank|toxic|medication|"
    r"drug|drugs)\b"
)


# The mechanism in the words the intent's subterms use: a shot is a firearm's discharge ("Shooting, shot" see
# "Discharge, firearm"), a person held under water drowned ("Assault, drowning"), a vehicle driven into
# something a "collision of motor vehicle with" it.
_MECHANISMS = (
    (re.compile(r"\b(?:shot|shooting|gunshot|gsw)\b"), "firearm"),
    (
        re.compile(
            r"\b(?:held|pushed|forced|kept)\s+(?:\w+\s+)?(?:under\s*water|underwater|under)\b|\bdunked\b"
        ),
        "drowning",
    ),
    (
        re.compile(r"\b(?:drove|driving|drive|crashed|steered)\s+(?:\w+\s+){0,3}(?:into|in\s+front\s+of)\b"),
        "collision of motor vehicle with",
    ),
)
_FIREARMS = re.compile(r"\b(?:gun|handgun|pistol|revolver|rifle|shotgun|firearm|airgun|bb)\b")


# The intent said in the Index's own word: its mechanism lines' intent subterms read it as it is ("jumped off a
# bridge, suicide attempt": Jumped, from, high place, suicide).
_SAID = re.compile(r"\b(?:suicid\w*|assault\w*|undetermined|legal\s+intervention|homicid\w*)\b")


# The answer's External Cause Index path, and the intent's lines that name no means (the main term's own code,
# "Legal, intervention, injuring, <person>"): a reading reaching only those read no mechanism.
_PATH = re.compile(r"External Cause Index: ([^>]*?) ->")
_MEANS_UNSAID = re.compile(
    r"^(?:Assault|Suicide, suicidal|Undetermined intent|Legal, intervention(?:, injuring, [^,]+)?)$"
)


@dataclass(frozen=True)
class IntentRead:
    text: str  # the query with the intent's Index words first
    note: str  # what was read, for the answer's "why"
    title_words: tuple[str, ...]  # the words a Tabular title of the intent holds

    def used_by(self, title: str, why: str) -> bool:
        """Whether an answer's Tabular title says the intent read ("Handgun discharge, undetermined intent"),
        reached by the words read (not by a thing of the reading read again as a kind of another)."""
        low = title.lower()
        path = _PATH.search(why)
        if path is None or _MEANS_UNSAID.match(path.group(1)):
            return False  # the intent's own line, no means named ("mental health eval requested by police")
        return any(w in low for w in self.title_words) and "(thing: " not in why


def may_read_intent(text: str) -> bool:
    """A cheap test of the words: whether the query says an injury's intent in one of the ways read here."""
    low = text.lower()
    return bool(
        _UNDETERMINED.search(low)
        or _SUICIDE.search(low)
        or _ON_PURPOSE.search(low)
        or _ASSAULT.search(low)
        or _LEGAL.search(low)
    )


def read_intent(query: str) -> IntentRead | None:
    """The query with its intent in the External Cause Index's words, or None when it tells none (or tells a
    poisoning, which the Table of Drugs files by intent itself)."""
    low = " ".join(re.sub(r"[^\w'\s-]", " ", query.lower()).split())
    if (
        _POISONING.search(low)
        or _SAID.search(low)
        or low.startswith(("undetermined intent", "suicide", "assault", "legal intervention"))
    ):
        return None
    said = _UNDETERMINED.search(low)
    if said is not None:
        return _read(low, said, "undetermined intent", ("undetermined",))
    said = _LEGAL.search(low)
    if said is not None:
        return _legal(low)
    said = _SUICIDE.search(low)
    if said is not None and not _OTHER_DOER.search(low[: said.start()]):
        return _read(low, said, "suicide", ("intentional",))
    said = _ON_PURPOSE.search(low)
    if said is not None and not _OTHER_DOER.search(low) and not _ASSAULT.search(low):
        return _read(low, said, "suicide", ("intentional",))
    said = _ASSAULT.search(low) or (_ON_PURPOSE.search(low) if _OTHER_DOER.search(low) else None)
    if said is not None or (_OTHER_DOER.search(low) and _ON_PURPOSE.search(low)):
        return _read(low, said, "assault", ("assault",), keep=True)
    return None


def _mechanism(rest: str) -> str:
    """The story's words, and after them the mechanism words the intent's subterms use for what it tells."""
    said = [
        word
        for pattern, word in _MECHANISMS
        if pattern.search(rest) and not (word == "firearm" and _FIREARMS.search(rest))
    ]
    return " ".join([rest, *said])


def _read(
    low: str, said: re.Match[str] | None, words: str, title: tuple[str, ...], keep: bool = False
) -> IntentRead:
    rest = low if said is None or keep else f"{low[: said.start()]} {low[said.end() :]}"
    text = " ".join(f"{words} {_mechanism(rest)}".split())
    told = said.group(0) if said is not None else words
    return IntentRead(text, f"intent: {told} -> {words.capitalize()}", title)


def _legal(low: str) -> IntentRead:
    """Legal intervention, the person injured being the first of the officer, suspect or bystander told who is
    not told as the doer ("by police")."""
    doer = _BY_POLICE.search(low)
    hurt = next(
        (m for m in _INJURED.finditer(low) if doer is None or not doer.start() <= m.start() < doer.end()),
        None,
    )
    who = ""
    if hurt is not None:
        word = hurt.group(0)
        who = (
            "suspect"
            if word == "suspect"
            else "bystander"
            if word == "bystander"
            else "law enforcement personnel"
        )
    elif doer is not None:
        who = "suspect"
    rest = _BY_POLICE.sub(" ", low)
    rest = re.sub(rf"\b(?:{_POLICE}|suspect|bystander)\b", " ", rest)
    text = " ".join(f"legal intervention {_mechanism(rest)} {'injuring ' + who if who else ''}".split())
    return IntentRead(
        text,
        f"intent: police -> Legal, intervention{', injuring, ' + who if who else ''}",
        ("legal intervention",),
    )
