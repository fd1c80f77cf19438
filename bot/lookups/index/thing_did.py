"""A tool or machine told doing the harm, or an animal handled, read as the External Cause Index's Contact
line of its kind.

"the rototiller kicked back into my shin", "cordless drill slipped into my palm", "the router kicked back and
chewed up my fingers", "blasting cap went off in his hand": the user makes the thing the subject of what
happened; the Index files the event under the thing (Contact, with, tool, powered, rototiller; Contact, with,
drill (powered); Explosion, blasting (cap)). A coder reads "X kicked back into me" as contact with X, and an X
that went off as X's explosion. The thing is the Index's own word, else the nearest kind the Contact lines name
by WordNet (router -> power tool -> Contact, with, tool, powered; a blasting cap is a detonator): WordNet's
senses of the thing are tried in order, the first that climbs to a line kept ("router" is first a network
device, which no line names, then a power tool).

An animal the person picked up, held, touched or handled ("rubbed my eyes after picking up a toad", "handled a
salamander") is contact with it: Contact, with, toad; Contact, with, amphibian (a salamander is one).

The search keeps the reading when an external cause's line (V-Y) comes first and its path holds the thing or its
kind (`DidRead.used_by`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.lookups.index.thing_kinds import IndexThings, read_index_things
from bot.lookups.wordnet import WordNet

MAX_STEPS = 6  # kinds farther than this name a different thing
SENSES = 3  # the thing's first senses tried
_MADE = frozenset({"noun.artifact", "noun.object"})
# Kinds too broad to tell a line: the word would say nothing of the thing.
_TOO_BROAD = frozenset(
    {"device", "machine", "machinery", "object", "equipment", "instrument", "tool", "implement", "vehicle"}
)
# A thing and what it did: kicked back, slipped, went off ... into, onto or at the person.
_DID = re.compile(
    r"(?:^|\b(?:the|a|an|my|his|her|our|their|dad's|mom's)\s+)(?P<thing>[a-z][a-z -]*?)\s+"
    r"(?P<did>kicked\s+back|kicked|slipped|jumped|grabbed|caught|chewed(?:\s+up)?|swung|flew|bounced|snapped|"
    r"came\s+back|went\s+off|exploded|blew\s+up|detonated)\b"
)
# An animal the person handled ("picked up a toad", "frog handling", "holding a salamander"): Contact, with.
_HANDLED = re.compile(
    r"\b(?:picked\s+up|picking\s+up|pick\s+up|handled|handling|holding|held|touched|touching|petting|petted)"
    r"\s+(?:(?:a|an|the|my|his|her|our|their|some|this)\s+)?(?P<animal>[a-z][a-z -]*?)"
    r"(?=\s+(?:at|in|on|while|when|during|from|and|by|near|then)\b|[,.;]|$)"
    r"|^(?P<first>[a-z]+(?:\s+[a-z]+)?)\s+handling\b"
)
_ANIMAL = frozenset({"noun.animal"})
_LIVING = frozenset({"noun.animal", "noun.person"})
_WENT_OFF = frozenset({"went off", "exploded", "blew up", "detonated"})
_NOT_THINGS = frozenset(
    {"i", "he", "she", "we", "they", "it", "foot", "hand", "knee", "kid", "son", "daughter"}
)


@dataclass(frozen=True)
class DidRead:
    text: str  # the query as the Index's event with the thing
    note: str  # what was read
    kind: str  # the Index's word read for the thing

    def used_by(self, code: str, why: str) -> bool:
        """Whether an answer is an external cause's line whose path holds the word read."""
        path = why.split(" (", 1)[0].lower()
        return code[:1] in "VWXY" and re.search(rf"\b{re.escape(self.kind)}", path) is not None


def may_read_did(text: str) -> bool:
    """A cheap test of the words: whether the query tells a thing doing the harm, or an animal handled."""
    low = text.lower()
    return _DID.search(low) is not None or _HANDLED.search(low) is not None


class ThingDid:
    """Reads a thing told doing the harm as the Index's line of it, a thing at a time and remembered."""

    def __init__(self, wordnet: WordNet, execute: Callable[..., Any]) -> None:
        self._wordnet = wordnet
        self._execute = execute
        self._things: IndexThings | None = None
        self._kinds: dict[str, str] = {}

    def _names(self) -> IndexThings:
        if self._things is None:
            self._things = read_index_things(self._execute)
        return self._things

    def read(self, query: str) -> DidRead | None:
        low = query.lower()
        handled = _HANDLED.search(low)
        if handled is not None:
            # "rubbed my eyes after picking up a toad", "frog handling": contact with the animal's kind
            group = "animal" if handled.group("animal") else "first"
            words = handled.group(group).split()[-2:]
            for n in range(len(words)):
                said = " ".join(words[n:])
                kind = self.kind(said, _ANIMAL)
                if kind:
                    text = f"{low[: handled.start()]}contact with {kind}{low[handled.end() :]}"
                    return DidRead(
                        text, f"animal handled: {said}" + (f" -> {kind}" if kind != said else ""), kind
                    )
        told = _DID.search(low)
        if told is None:
            return None
        words = told.group("thing").split()[-3:]
        for n in range(len(words)):
            said = " ".join(words[n:])
            if said in _NOT_THINGS:
                continue
            kind = self.kind(said)
            if kind:
                event = "explosion of" if told.group("did") in _WENT_OFF else "contact with"
                text = f"{low[: told.start('thing')]}{event} {kind}{low[told.end() :]}"
                note = f"thing: {said} {told.group('did')}" + (f" -> {kind}" if kind != said else "")
                return DidRead(text, note, kind)
        return None

    def kind(self, said: str, kinds: frozenset[str] = _MADE) -> str:
        """The thing as the Index names it: itself, or the nearest kind a Contact line names, or ""."""
        key = f"{said}|{min(kinds)}"
        if key not in self._kinds:
            self._kinds[key] = self._nearest(said, kinds)
        return self._kinds[key]

    def _nearest(self, said: str, kinds: frozenset[str]) -> str:
        things = self._names()
        senses = [s for s in self._wordnet.senses(said) if s.kind in kinds][:SENSES]
        if kinds == _ANIMAL:
            # (an animal handled is the word's first sense: "holding the baby" holds no young mammal)
            senses = [s for s in self._wordnet.senses(said)[:1] if s.kind in kinds]
        first = self._wordnet.senses(said)[:1]
        if kinds == _MADE and any(s.kind in _LIVING for s in first):
            return ""  # (an animal or a person told doing it is no tool: "the cow kicked her")
        if said in things.kinds or said in things.names:
            return said if kinds == _MADE or senses else ""
        for sense in senses:
            frontier, seen = [sense.id], {sense.id}
            for _ in range(MAX_STEPS):
                found = [self._wordnet.sense(i) for i in frontier]
                named = next(
                    (
                        w
                        for s in found
                        for w in s.lemmas
                        if w != said and w in things.kinds and w not in _TOO_BROAD
                    ),
                    "",
                )
                if named:
                    return named
                frontier = [up for s in found for up in s.hypernyms if up not in seen]
                seen.update(frontier)
                if not frontier:
                    break
        return ""
