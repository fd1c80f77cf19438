"""The words a coder reads around a HCPCS Level II code: its group, what it is used with, its older wording.

A descriptor rarely names the class it sits in: A0425 "Ground mileage, per statute mile" is in the
ambulance group, E1355 "Stand/rack" is an oxygen item, A4541 "Monthly supp use with e0733" supplies another
code's device. The CMS files say so themselves, and the data build reads them (never a list of queries):

1. a code's Berenson-Eggers Type of Service group, from the 2020 annual file (columns 257-259), named by the
   record layout's own BETOS_TB table ("O1A = Ambulance", "D1C = Oxygen and supplies"); the words that
   name no class ("other", "(Medicare fee schedule)", "Undefined codes") are left out;
2. a code the 2020 file does not hold takes the group of its range - the 2020 codes sharing its letter and
   first two digits (A04xx) - when at least RANGE_AGREE of at least RANGE_LEAST of them are in one group;
3. a descriptor naming another code it is used with ("use with e0733") takes that code's head, its
   descriptor before the first comma or semicolon.

The context is no document of its own (bot.lookups.schema: the search documents' unindexed `extra`): it
completes, at low weight, the query words a found descriptor leaves to its group; it never finds a code.

Apart from the context, `still_read_in` tells when a code retitled since 2020 is still the item its 2020
long descriptor describes (at least SAME_ITEM of the new short descriptor's words start, abbreviate, or are
the initials of words of it, and every number it prints is printed there: "Compress stking bk30-40 surg" in
"Gradient compression stocking, below knee, 30-40 mmhg, each"); that long descriptor is then searched as
one of the code's descriptors.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from bot.lookups.loaders.hcpcs import HcpcsRow
from bot.lookups.loaders.short_descriptors import abbreviates, words_of

RANGE_AGREE = 0.75  # share of a range's 2020 codes that must be in one BETOS group
RANGE_LEAST = 3  # 2020 codes a range needs before its group is read for a newer code
SAME_ITEM = 2 / 3  # share of a retitled short descriptor's words its 2020 long descriptor must still read

_BETOS_LINE = re.compile(r"^\s*([A-Z]\d[A-Z]?)\s+=\s+(.+?)\s*$")
_CONTINUED = re.compile(r"^\s{10,}(\S.*?)\s*$")
_PARENTHESES = re.compile(r"\([^)]*\)")
# Words of a BETOS group name that name no class of service: "Other - Medicare fee schedule", "Undefined codes".
NO_CLASS = frozenset(
    ["other", "and", "through", "codes", "local", "undefined", "medicare", "non", "fee", "schedule"]
)
_USED_WITH = re.compile(r"\bused?\s+(?:with|w/?)\s+([a-v]\d{4})\b", re.IGNORECASE)
_HEAD = re.compile(r"[,;(]")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def read_betos_table(layout: str | Path) -> dict[str, str]:
    """The BETOS_TB table of the HCPCS record layout: group -> its name ("D1B" -> "Hospital beds")."""
    names: dict[str, str] = {}
    inside = False
    last = ""
    for line in Path(layout).read_text(encoding="latin-1").splitlines():
        if line.strip().startswith("BETOS_TB"):
            inside = True
            continue
        if not inside:
            continue
        if line.strip().startswith("CMS_TYPE_SRVC_TB"):
            break
        found = _BETOS_LINE.match(line)
        if found:
            last = found.group(1)
            names[last] = found.group(2)
        elif last and (more := _CONTINUED.match(line)):
            names[last] = f"{names[last]} {more.group(1)}"
    return names


def group_words(name: str) -> str:
    """A BETOS group's name as the words that name its class ("Medical/surgical supplies" -> "medical
    surgical supplies"; "Other - Medicare fee schedule" -> "")."""
    return " ".join(w for w in words_of(_PARENTHESES.sub(" ", name)) if w not in NO_CLASS)


def range_groups(annual: Iterable[HcpcsRow]) -> dict[str, str]:
    """Each code range (letter and first two digits) whose 2020 codes are mostly in one BETOS group."""
    by_range: dict[str, Counter[str]] = defaultdict(Counter)
    for row in annual:
        if not row.modifier:
            by_range[row.code[:3]][row.betos] += 1
    out: dict[str, str] = {}
    for prefix, counts in by_range.items():
        group, n = counts.most_common(1)[0]
        total = sum(counts.values())
        if group and total >= RANGE_LEAST and n >= RANGE_AGREE * total:
            out[prefix] = group
    return out


def still_read_in(short: str, long: str) -> bool:
    """Whether a (newer) short descriptor is still read in a long descriptor: most of its words are a word of
    it, start one, abbreviate one by leaving letters out, or are the initials of two or three words in a
    row ("bk": below knee); and every number it prints is printed by the long one ("Pt 66+" is not "age 65")."""
    said = [w for w in words_of(short) if len(w) >= 2]
    if not said or not set(_NUMBER.findall(short)) <= set(_NUMBER.findall(long)):
        return False
    in_order = words_of(long)
    long_words = set(in_order)
    initials = {
        "".join(w[0] for w in in_order[i : i + n]) for n in (2, 3) for i in range(len(in_order) - n + 1)
    }
    held = sum(
        1
        for w in said
        if w in long_words
        or any(x.startswith(w) or abbreviates(w, x) for x in long_words)
        or (len(w) <= 3 and w in initials)
    )
    return held >= SAME_ITEM * len(said)


def used_with_heads(descriptor: str, titles: Mapping[str, str]) -> list[str]:
    """The heads of the codes a descriptor says it is used with ("use with e0733" -> E0733's head)."""
    heads = []
    for ref in _USED_WITH.findall(descriptor):
        title = titles.get(ref.upper(), "")
        if title:
            heads.append(_HEAD.split(title, maxsplit=1)[0].strip())
    return heads


def code_context(
    code: str,
    descriptors: Iterable[str],
    annual: Mapping[str, HcpcsRow],
    betos_names: Mapping[str, str],
    ranges: Mapping[str, str],
    titles: Mapping[str, str],
) -> str:
    """The context words of one code (rules 1-3 of the module), each word once, or ""."""
    own = annual.get(code)
    group = own.betos if own is not None and not own.modifier else ranges.get(code[:3], "")
    parts = [group_words(betos_names.get(group, ""))]
    for descriptor in descriptors:
        parts.extend(used_with_heads(descriptor, titles))
    return " ".join(dict.fromkeys(w for part in parts for w in words_of(part)))
