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


# A family's heading said before the item ("Power wheelchair accessory, group 34 non-sealed lead acid
# battery", "Addition to lower extremity, molded inner boot"): the item is named after the first comma.
_FAMILY_HEADING = re.compile(r"(?:\baccessory|^addition to\b.*)$")


def title_head_names(title: str, stems: frozenset[str]) -> bool:
    """Whether a title's head (before its first comma or semicolon, or its second after a family's heading)
    holds one of the stems given."""
    parts = _HEAD.split(title.lower(), maxsplit=2)
    first = " ".join(parts[:2]) if len(parts) > 1 and _FAMILY_HEADING.search(parts[0].strip()) else parts[0]
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
    "prefab": ("prefabricated",),
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
    # The Latin prefix a descriptor names a count by: a "four-point" ("4 point") cane is a "quad" cane.
    "four": ("quad",),
    "4": ("quad",),
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
# "for" and a span of time at the end of a query: how long, not what for ("I've had a rash for 2 weeks").
_HOW_LONG = re.compile(
    r"\s+for\s+(?:(?:a|an|the|about|over|almost|nearly|past|last|more|than)\s+)*(?:\d+|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|few|several|couple|many)?\s*(?:of\s+)?(?:hours?|hrs?|days?|weeks?|wks?|months?|mos?|"
    r"years?|yrs?|ages|while|decades?)$"
)


def item_phrase(text: str) -> str:
    """The item a query names before its purpose or billing ("CPAP device for OSA" -> "cpap device", "standard
    wheelchair rental" -> "standard wheelchair", "50 count glucose test strips" -> "glucose test strips"), or ""
    when the query is the item phrase already (nothing to leave out)."""
    lowered = " ".join(text.lower().split())
    head = _PURPOSE.split(lowered, maxsplit=1)[0]
    told = bool(_HOW_LONG.search(lowered))
    if told and _HOW_LONG.sub("", lowered) == head:
        lowered = head  # "I've had a rash for 2 weeks": how long, no purpose (the rest is the query)
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
    if len(head) > 1 and head[1:] == lay_item_forms(head[0]):
        return any(begins_with_phrase(title, f) for f in head[1:]) or (
            not first and title_head_names(title, frozenset(head[1:]))
        )
    return any(
        begins_with(title, f) or (not first and title_head_names(title, frozenset({f.rstrip("s")})))
        for f in forms
    )


# A patient's, a nurse's or a supplier's trade name for an item whose descriptor names it otherwise ("knee
# scooter" is E0118 "Crutch substitute, lower leg platform"; "grab bar" E0241 "Bath tub wall rail"; "condom
# catheter" A4349 "Male external catheter"; a dressing's brand, "tegaderm", is the "Transparent film" it is),
# as the descriptors print the item. Read on the words as typed, the phrase whole (longest first; a plural
# reads as its phrase); a test checks that a descriptor prints each form (hyphens and slashes as spaces).
ITEM_LAY_NAMES: dict[str, tuple[str, ...]] = {
    "knee scooter": ("crutch substitute",),
    "knee walker": ("crutch substitute",),
    "grab bar": ("rail",),
    "bathtub": ("bath tub",),
    "pulse oximeter": ("oximeter",),
    "pulse ox": ("oximeter",),
    "condom catheter": ("male external catheter",),
    "texas catheter": ("male external catheter",),
    "breast form": ("breast prosthesis",),
    "bili blanket": ("phototherapy bilirubin light",),
    "biliblanket": ("phototherapy bilirubin light",),
    "feeding pump": ("enteral nutrition infusion pump",),
    "tube feeding pump": ("enteral nutrition infusion pump",),
    "kangaroo pump": ("enteral nutrition infusion pump",),
    "enteral pump": ("enteral nutrition infusion pump",),
    "bone stimulator": ("osteogenesis stimulator",),
    "bone growth stimulator": ("osteogenesis stimulator",),
    "lymphedema pump": ("pneumatic compressor",),
    "compression pump": ("pneumatic compressor",),
    "post op shoe": ("surgical boot shoe",),
    "postop shoe": ("surgical boot shoe",),
    "surgical shoe": ("surgical boot shoe",),
    "air stirrup": ("stirrup",),
    "stirrup brace": ("stirrup",),
    "aircast": ("stirrup",),
    "omnipod": ("external ambulatory insulin delivery system",),
    "patch pump": ("external ambulatory insulin delivery system",),
    "lift chair": ("seat lift mechanism",),
    "heating pad": ("electric heat pad",),
    "cold therapy unit": ("circulating cold pad",),
    "ice machine": ("circulating cold pad",),
    "cryo cuff": ("circulating cold pad",),
    "cryocuff": ("circulating cold pad",),
    "polar care": ("circulating cold pad",),
    "cam boot": ("walking boot",),
    "cam walker": ("walking boot",),
    "fracture boot": ("walking boot",),
    "moon boot": ("walking boot",),
    "peg tube": ("gastrostomy jejunostomy tube",),
    "mic key": ("gastrostomy jejunostomy tube low-profile",),
    "mickey button": ("gastrostomy jejunostomy tube low-profile",),
    "ace bandage": ("light compression bandage",),
    "ace wrap": ("light compression bandage",),
    "coban": ("self-adherent bandage",),
    "unna boot": ("zinc paste impregnated bandage",),
    "tegaderm": ("transparent film",),
    "opsite": ("transparent film",),
    "duoderm": ("hydrocolloid dressing",),
    "mepilex": ("foam dressing",),
    "allevyn": ("foam dressing",),
    "aquacel": ("alginate or other fiber gelling dressing",),
    "kaltostat": ("alginate or other fiber gelling dressing",),
    "chux": ("disposable underpad",),
    "underpad": ("disposable underpad",),
    "blue pad": ("disposable underpad",),
    "adult diaper": ("brief diaper",),
    "pull up": ("protective underwear",),
    "pullup": ("protective underwear",),
    "incentive spirometer": ("spirometer non-electronic",),
    "wound vac": ("negative pressure wound therapy",),
    "mobility scooter": ("power operated vehicle",),
    "power scooter": ("power operated vehicle",),
    "electric scooter": ("power operated vehicle",),
    "bed rail": ("bed side rails",),
    "side rail": ("bed side rails",),
    "dexcom": ("continuous glucose",),
    "libre": ("continuous glucose",),
    "freestyle libre": ("continuous glucose",),
    "tub bench": ("transfer bench",),
    "shower bench": ("transfer bench",),
    "cough assist": ("cough stimulating device",),
    "chest vest": ("high frequency chest wall oscillation",),
    "airway clearance vest": ("high frequency chest wall oscillation",),
    "acapella": ("oscillatory positive expiratory pressure device",),
    "flutter valve": ("oscillatory positive expiratory pressure device",),
    "muscle stimulator": ("neuromuscular stimulator",),
    "lso": ("lumbar sacral orthosis",),
    "tlso": ("thoracic lumbar sacral orthosis",),
    "afo": ("ankle foot orthosis",),
    "kafo": ("knee ankle foot orthosis",),
    "whfo": ("wrist hand finger orthosis",),
    "back brace": ("lumbar sacral orthosis",),
}
# What an orthosis or a support is called beside its trade name ("air stirrup ankle brace"): the descriptors
# say "orthosis", or nothing ("Ankle control orthosis, stirrup style"), so the word is no word to find.
KIND_NOUNS = frozenset({"brace", "splint", "support"})
_LAY_LONGEST = max(len(phrase.split()) for phrase in ITEM_LAY_NAMES)


def lay_item_forms(phrase: str) -> tuple[str, ...]:
    """The descriptors' words for a lay or trade name of an item (a plural read as its name), or ()."""
    forms = ITEM_LAY_NAMES.get(phrase)
    if forms is None and phrase.endswith("s") and len(phrase) > 4:
        forms = ITEM_LAY_NAMES.get(phrase[:-1])
    return forms or ()


def with_lay_names(words: Sequence[str]) -> tuple[list[Group], bool]:
    """The words as groups, each lay or trade name of an item (the longest first) one group with the
    descriptors' words beside it ("knee scooter" -> ("knee scooter", "crutch substitute")); whether one was
    read. A kind noun ("brace") beside a name read is left out."""
    groups: list[Group] = []
    read = False
    i = 0
    while i < len(words):
        for size in range(min(_LAY_LONGEST, len(words) - i), 0, -1):
            phrase = " ".join(words[i : i + size])
            forms = lay_item_forms(phrase)
            if forms:
                groups.append((phrase, *forms))
                read = True
                i += size
                break
        else:
            groups.append((words[i],))
            i += 1
    if read:
        groups = [g for g in groups if g[0] not in KIND_NOUNS] or groups
    return groups, read


_REASON = re.compile(r"\s+(?:for|to treat|used for|after|following|due to|because of|s/p|status post)\s+")


def item_part(text: str) -> str:
    """The words naming the item, before its purpose or reason ("knee scooter for foot surgery", "breast form
    after mastectomy")."""
    return _REASON.split(" ".join(text.split()), maxsplit=1)[0]


def lay_readings(groups: Sequence[Group]) -> str:
    """What the lay names among the groups were read as, in the form an answer's why says a reading ("read:
    knee scooter -> crutch substitute"), so the answer counts the words it replaced as used; or ""."""
    return "; ".join(
        f"read: {g[0]} -> {g[1]}" for g in groups if len(g) > 1 and g[1:] == lay_item_forms(g[0])
    )


def begins_with_phrase(title: str, phrase: str) -> bool:
    """Whether a title's first words are a descriptor's phrase ("Crutch substitute, ..."), word by word."""
    said = re.findall(r"[a-z0-9]+", phrase)
    return re.findall(r"[a-z0-9]+", title.lower())[: len(said)] == said
