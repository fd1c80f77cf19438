"""The qualifier that picks one Tabular code among its siblings, read as the Tabular prints it.

A coder reads the condition, then the axis its sibling codes differ by (bench/make_sibling_queries.py draws
them from the whole Tabular). The readings the search missed:

- a foreign body denied before the site in the Tabular's own order ("puncture wound without foreign body of
  nose") denies the foreign body, not the site: the site is read ("... of nose without foreign body",
  S01.23XA, not a breast's S21.039A);
- a side said with "-sided" ("left-sided ganglion, knee", "osteochondropathy, upper arm, right-sided") is the
  side (guideline I.B.13, laterality), read as the side word itself: "left-sided" was one unknown word (and
  "left sided", the Tabular's words of K51.5- "Left sided colitis", would draw that colitis to "left sided
  fistula, hip"); the Index's "Colitis, left sided" is still reached by "left colitis";
- an ordinal is the value of a Tabular axis ("first / second / third trimester", "second degree"), never a
  form of another word: "secondary" is no "second" ("Pre-existing secondary hypertension complicating
  pregnancy" with no trimester said is O10.419, unspecified trimester, not O10.412 second trimester);
- the encounter told in office words ("f/u visit", "follow-up", "recheck") is the 7th character of every
  code the Tabular gives one (guideline I.C.19.a: the 7th characters of chapter 19 - T36-T65 poisonings,
  adverse effects, underdosings and toxic effects, T66-T78 effects of external causes, T79-T88
  complications - and, I.C.20, the external cause codes), not of the S-chapter injuries alone:
  "poisoning by local anesthetics, assault, f/u visit" is T41.3X3D;
- a type, grade or class said in numbers is the one the Index prints in Roman numerals, and the other way
  round: the Index prints both ("Diabetes, type 2"; "Mucopolysaccharidosis, type II", "Von Willebrand disease,
  type 3"; the Tabular's "Female genital mutilation Type I status"), so "type 2 mucopolysaccharidosis" is
  E76.1. An open fracture's Gustilo type ("open type II fracture") is no Index word: it is read into the 7th
  character (B, or C for type III) and goes from the words, in numbers or in Roman numerals alike.
"""

from __future__ import annotations

import re

# "right-sided", "left-sided": the side and the word "sided" the Tabular prints apart.
_SIDED = re.compile(r"\b(right|left)-sided\b", re.IGNORECASE)

# The ordinal numbers that are the values of a Tabular axis (trimester, degree, ...): no word's other form.
ORDINAL_STEMS = frozenset(
    {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
)

# The natures of chapter 19's codes outside the S chapter that carry the encounter 7th character (their
# Tabular titles' heads: "Poisoning by ...", "Adverse effect of ...", "Underdosing of ...", "Toxic effect of
# ...", "Effects of ...", "Complication of ..." / the T82-T85 mechanical complications "Breakdown",
# "Displacement", "Leakage"), and the external cause codes' heads (chapter 20: an accident, a collision, war
# or military operations, an assault): an encounter told in office words beside one is that code's.
SEVENTH_CHARACTER_NATURES = re.compile(
    r"\b(?:poison(?:ing|ings|ed)?|overdos(?:e|ed|es|ing)|toxic\s+effects?|adverse\s+(?:effects?|reactions?)|"
    r"underdos(?:ing|ed|e)|effects?\s+of|complications?|breakdown|displacement|displaced|leakage|"
    r"accidents?|collisions?|(?:war|military)\s+operations?|assault(?:ed)?)\b"
)


def read_qualifiers(text: str) -> str:
    """The query with its qualifiers where the search reads them: "left-sided ganglion" -> "left ganglion"
    (the side, read as any side word is); a foreign body denied before the site, in the Tabular's order,
    said after it (`_site_before_denial`)."""
    return _site_before_denial(_SIDED.sub(r"\1", text))


# "laceration without foreign body of right hand": the Tabular's S-chapter titles put the foreign body between
# the wound and its site ("Laceration without foreign body of right hand", S61.411); the denial covers the
# foreign body only, not the site after it, which a query's negation would otherwise take with it (a
# query's "no" / "without" runs to the end of its clause).
_DENIED_BEFORE_SITE = re.compile(
    r"\b(without|w/o|no)\s+(foreign\s+bod(?:y|ies)|fb)\s+((?:of|to|in|on)\s+[^,;]+)", re.IGNORECASE
)


def _site_before_denial(text: str) -> str:
    return _DENIED_BEFORE_SITE.sub(lambda m: f"{m.group(3).rstrip()} {m.group(1)} {m.group(2)}", text)


def names_seventh_character_nature(text: str) -> bool:
    """Whether a query names a condition outside the S chapter whose code carries the encounter 7th
    character (a poisoning, an adverse effect, a toxic effect, a device's complication, an external cause)."""
    return SEVENTH_CHARACTER_NATURES.search(text) is not None


# A type, grade or class's number and its Roman numeral (the Index prints both: "type 2", "type II").
_NUMERALS = {"1": "i", "2": "ii", "3": "iii", "4": "iv", "5": "v", "6": "vi"}
_NUMERALS.update({roman: number for number, roman in list(_NUMERALS.items())})
_NUMBERED = frozenset({"type", "grade", "class"})


def numeral_forms(before: str, word: str) -> tuple[str, ...]:
    """The other numeral of a type's, grade's or class's number ("type 2" -> ii, "type III" -> 3); () for any
    other word."""
    other = _NUMERALS.get(word.lower()) if before.lower() in _NUMBERED else None
    return (other,) if other else ()


_NUMBERED_SAID = re.compile(r"\b(type|grade|class)\s+(iii|ii|iv|vi|v|i|[1-6])\b", re.IGNORECASE)


def said_numerals(text: str) -> frozenset[str]:
    """The other numerals of the types, grades and classes a text says ("grade 2" -> ii)."""
    return frozenset(n for m in _NUMBERED_SAID.finditer(text) for n in numeral_forms(m.group(1), m.group(2)))


# The 7th characters of an open fracture's encounters (type I or II, type III: B/C, E/F, H/J, M/N, Q/R).
OPEN_FRACTURE_CHARACTERS = frozenset("BCEFHJMNQR")
_OPEN_TYPE = re.compile(
    r"\b(?:type|grade|gustilo)\s+(?:iii|ii|i|[123])(?:\s*[abc])?\b(?:\s+or\s+(?:iii|ii|i|[123]))?"
)


def without_open_type(text: str) -> str:
    """An open fracture's text without its Gustilo type, read already as the 7th character."""
    return " ".join(_OPEN_TYPE.sub(" ", text).split())
