"""A HCPCS item named with words its title does not print: read by its head noun.

An item is a noun phrase whose head comes last and whose modifiers come first ("single point cane",
"glucose test strips box of 50"): what the chart calls the package ("box of 50", "pack of 100") is no word
of the item, and a modifier the title does not print ("single point", "regular") is dropped before the
head, never the head itself - "cane" is what a "single point cane" is (E0100), not an accessory that shares
a word of it. A title whose own head (its words before the first comma or semicolon) holds the query's head
names the item, so the reading is a confident one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.lookups.filler import LINKING, medical_core

Group = tuple[str, ...]  # one query word and its alternatives (as bot.lookups.search reads them)

# A package the chart counts ("box of 50", "pack of 100", "50 count", "bottle of 30"): no word of the item.
PACKAGE_WORDS = frozenset(
    {"box", "boxes", "pack", "packs", "package", "bottle", "case", "carton", "bag", "tub"}
)
COUNT_WORDS = frozenset({"count", "ct", "pk", "pack"})
SIDES = frozenset({"left", "right", "bilateral"})
HEAD_SHARE = (
    0.5  # the share of the query a title naming its head answers: confident, unless words are unknown
)
DROPPED_COST = 20.0  # per modifier left out
HEAD_CREDIT = (
    150.0  # titles whose head names the item: the item asked for, above an Index line sharing a modifier
)


_COUNT_CT = re.compile(r"\b(\d+)\s*cts?\b")


def spelled_count(text: str) -> str:
    """A package count written "100 ct" or "50ct" as "100 count" (after a number "ct" is no CT scan)."""
    return _COUNT_CT.sub(r"\1 count", text)


def without_package(groups: Sequence[Group]) -> list[Group]:
    """The words less a package phrase: "box of 50" / "pack of 100" / "50 count" (and what follows it)."""
    words = [g[0] for g in groups]
    for i, word in enumerate(words):
        rest = words[i + 1 :]
        counts = rest[1:] if rest[:1] == ["of"] else rest  # "of" may be read out already
        boxed = word in PACKAGE_WORDS and bool(counts) and counts[0].isdigit()
        counted = word.isdigit() and bool(rest) and rest[0] in COUNT_WORDS
        if (boxed or counted) and i > 0:
            return list(groups[:i])
    return list(groups)


def head_readings(groups: Sequence[Group]) -> list[tuple[list[Group], int]]:
    """The item's shorter readings, each with the number of words left out: the package left out, then the
    leading modifiers one by one (at least one word is kept, and the last is always kept; never past a
    side, which says the words are a body part's)."""
    kept = without_package(groups)
    out: list[tuple[list[Group], int]] = []
    if len(kept) < len(groups):
        out.append((kept, 0))
    for start in range(1, len(kept)):
        if kept[start - 1][0] in SIDES:
            break  # "gout left big toe": a side names a body part, not an item's kind
        out.append((kept[start:], start))
    return out


_HEAD = re.compile(r"[,;]")


def title_head_names(title: str, stems: frozenset[str]) -> bool:
    """Whether a title's head (before its first comma or semicolon) holds one of the stems given."""
    first = _HEAD.split(title, maxsplit=1)[0].lower()
    return any(s and s in first for s in stems)


_FIRST = re.compile(r"[a-z][a-z'-]*")


def head_noun(reading: Sequence[Group]) -> str:
    """The head of an item phrase: its last word before a billing unit ("per 5 units") that is no number."""
    words = [g[0] for g in reading]
    if "per" in words:
        words = words[: words.index("per")]
    nouns = [w for w in words if not w.isdigit()]
    return nouns[-1] if nouns else ""


def begins_with(title: str, noun: str) -> bool:
    """Whether a title names the item first ("Cane, includes ...", "Lancets, per box"): its first word
    (hyphenated words whole: "Over-bed" is not "over"; "Systemic" is not "system") is the noun or its
    plural."""
    first = _FIRST.match(title.lower())
    return bool(noun) and first is not None and first.group(0).rstrip("s") == noun.rstrip("s")


PHRASE_WORDS = LINKING | {"per"}  # words an item's name may hold ("insulin per 5 units")


def read_as_item(text: str) -> bool:
    """Whether a query may name an item: a noun phrase, not a sentence ("i need a walker" is read by the
    filler reading, which says what it left unused)."""
    core = medical_core(text)
    return core is None or set(core.unused) <= PHRASE_WORDS


# A nurse's and a pharmacy's short names for IV fluids, as the J and S infusion descriptors print the fluid
# ("NS 1000 cc" is J7030 "Infusion, normal saline solution, 1000 cc"; "D5W 500 ml" is J7060 "5% dextrose/water
# (500 ml = 1 unit)"; "LR" is J7120 "Ringers lactate infusion"): the volume said then picks the descriptor
# (bot.lookups.measures). A test checks that a descriptor prints each phrase.
IV_FLUIDS = {
    "ns": ("normal saline",),
    "nss": ("normal saline",),
    "lr": ("ringers lactate", "lactated ringers"),
    "rl": ("ringers lactate", "lactated ringers"),
    "d5w": ("dextrose water",),
    "d5ns": ("dextrose normal saline",),
    "d5lr": ("dextrose in lactated ringers", "dextrose in lactated ringer"),
    "d5": ("dextrose",),
}

# The HCPCS descriptors spell out what a chart abbreviates: "15 min" is "15 minutes" (G0444 "Annual depression
# screening, 15 minutes"), "per hr" is "per hour". Read beside the word as typed (the short descriptors keep
# some abbreviations: "Behavior counsel obesity 15m").
DESCRIPTOR_FORMS = {
    "min": ("minutes",),
    "mins": ("minutes",),
    "minute": ("minutes",),
    "hr": ("hour",),
    "hrs": ("hours",),
    "wk": ("week",),
    "wks": ("weeks",),
    "mo": ("month",),
    "ea": ("each",),
    # The G codes' own words for what a chart says plainly: "yearly wellness" is the "Annual wellness visit",
    # "admin of flu vaccine" the "Administration of influenza virus vaccine".
    "yearly": ("annual",),
    "annually": ("annual",),
    "admin": ("administration",),
    # The air ambulance lines say the aircraft by its wing: a helicopter is "rotary wing", a plane "fixed wing".
    "helicopter": ("rotary wing",),
    "airplane": ("fixed wing",),
    **{short: forms for short, forms in IV_FLUIDS.items()},
}


# A DME supplier's and a front desk's short names for an item, as the descriptors print the item: the supplies
# "used with positive airway pressure device" are a CPAP's and a BiPAP's (A7030 "Full face mask used with
# positive airway pressure device"), "O2" is oxygen, a "neb" a nebulizer, a "cath" a catheter. Read on the
# words as typed (the vocabulary reads "cpap" as the Index's "continuous positive airway pressure", which the
# supplies' descriptors do not print); a test checks that a descriptor prints each phrase.
ITEM_SHORT_NAMES = {
    "cpap": ("positive airway pressure",),
    "bipap": ("positive airway pressure", "bi-level"),
    "o2": ("oxygen",),
    "neb": ("nebulizer",),
    "nebs": ("nebulizer",),
    "cath": ("catheter",),
    "caths": ("catheter",),
    "tens": ("transcutaneous electrical nerve stimulation",),
    "cpm": ("continuous passive motion",),
    "cgm": ("continuous glucose monitoring",),
    "std": ("standard",),
    "hoyer": ("patient",),
    "als": ("advanced life support",),
    "bls": ("basic life support",),
    "wc": ("wheelchair",),
}

# A count the descriptors spell ("Transcutaneous electrical nerve stimulation (tens) device, four or more leads").
NUMBER_WORDS = {
    str(n): (w,)
    for n, w in enumerate(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), 1)
}
# What a reorder says beside the item, or where it is used: no word of the item ("cpap tubing replacement",
# "lancets refill", "home o2 concentrator").
REORDER_WORDS = frozenset(
    {"replacement", "replace", "refill", "refills", "new", "reorder", "supply", "supplies", "home"}
)


def descriptor_forms(word: str) -> tuple[str, ...]:
    """The words a HCPCS descriptor spells for an abbreviation typed ("min" -> minutes), or ()."""
    return DESCRIPTOR_FORMS.get(word, ())


def item_short_name(word: str) -> bool:
    """Whether a typed word is a supplier's short name for an item ("cpap", "o2", "neb") or an IV fluid's
    ("ns", "lr")."""
    return word in ITEM_SHORT_NAMES or word in IV_FLUIDS


def typed_item_forms(word: str) -> tuple[str, ...]:
    """The descriptors' spelling of a typed word read as a HCPCS item's: a short name, a count, a unit."""
    return ITEM_SHORT_NAMES.get(word, ()) or NUMBER_WORDS.get(word, ()) or descriptor_forms(word)


# How the item is had or counted, no word of what it is: "standard wheelchair rental", "depth shoes pair".
BILLING_WORDS = frozenset({"rental", "rent", "rented", "purchase", "purchased", "pair", "pairs", "each"})
_PURPOSE = re.compile(r"\s+(?:for|to treat|used for)\s+")


def item_phrase(text: str) -> str:
    """The item a query names before its purpose or billing ("CPAP device for OSA" -> "cpap device", "standard
    wheelchair rental" -> "standard wheelchair", "50 count glucose test strips" -> "glucose test strips"), or ""
    when the query is the item phrase already (nothing to leave out)."""
    lowered = " ".join(text.lower().split())
    head = _PURPOSE.split(lowered, maxsplit=1)[0]
    words = head.split()
    if len(words) >= 3 and words[0].isdigit() and words[1] in COUNT_WORDS:
        words = words[2:]  # a count said first: "50 count glucose test strips"
    words = [w for w in words if w not in BILLING_WORDS]
    phrase = " ".join(words)
    return phrase if phrase and phrase != lowered else ""


def names_the_item(title: str, phrase: str) -> bool:
    """Whether a HCPCS title names the item phrase's head noun (its last word before "with"): first ("walker":
    "Walker, folding ..."; "nebulizer with compressor": "Nebulizer, with compressor"), or, for a phrase of
    two words or more, in its own head ("cpap device": "Continuous positive airway pressure (cpap) device").
    A title only sharing a word ("screening": "Prostate cancer screening; ...") is no item named."""
    words = phrase.split(" with ")[0].split()
    noun = words[-1] if words else ""
    if len(noun) < 3:
        return False
    return begins_with(title, noun) or (
        len(words) >= 2 and title_head_names(title, frozenset({noun.rstrip("s")}))
    )


ITEM_LEAD = 20.0  # above the best other answer: the HCPCS item a short name and its head noun name


def names_typed_item(title: str, head: Sequence[str], first: bool = False) -> bool:
    """Whether a HCPCS title names the item whose head noun (the last word typed, with the descriptors'
    spellings of it) is given: first ("Tubing used with ..."), or (unless `first`) in the title's own head
    ("Transcutaneous electrical nerve stimulation (tens) device, four or more leads")."""
    forms = [f for f in head if len(f) >= 3]
    return any(
        begins_with(title, f) or (not first and title_head_names(title, frozenset({f.rstrip("s")})))
        for f in forms
    )
