"""The vertebral levels a spinal fusion names say its body part: the region and how many joints.

ICD-10-PCS codes a spinal fusion (root operation Fusion, tables 0RG / 0SG) to a vertebral joint body part by
region and count (guideline B3.10a: "if multiple vertebral joints are fused, a separate procedure is coded for
each vertebral joint that uses a different device and/or qualifier"; the body part values count the joints
fused): Cervical Vertebral Joint, 2 or more Cervical Vertebral Joints; Thoracic Vertebral Joint, 2 to 7, 8 or
more; Lumbar Vertebral Joint, 2 or more; and the joints between regions - Cervicothoracic (C7-T1),
Thoracolumbar (T12-L1), Lumbosacral (L5-S1). An operative note names the levels ("L2-L5", "C5-6", "T4 to
T8") or counts them ("two-level"); a coder counts the joints between the first and the last vertebra named
(L2-L5: L2-3, L3-4, L4-5, three joints) and reads the region off the letters. The qualifier says the column
fused (B3.10c): an interbody fusion fuses the anterior column (the vertebral bodies and the disc space), done
from the front or, as a PLIF or TLIF, from behind ("Posterior Approach, Anterior Column").

Here those readings are the words of the body part and qualifier values, read beside the level's own word in
the PCS Index walk ("Fusion, Lumbar Vertebral, 2 or more") and the table completion, as a procedure word's
body part is (bot.lookups.index.pcs_roots). Read only when the query says a fusion.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence

from bot.lookups.index.completion import Completion, complete_pcs
from bot.lookups.index.words import content_stems, stem

# The lumbar interbody fusions named by the way in: posterior (PLIF), transforaminal (TLIF, from behind through
# the foramen), anterior (ALIF), lateral or oblique (XLIF, DLIF, LLIF, OLIF: from the side, in front of the
# transverse processes - an anterior approach to the anterior column).
_INTERBODY_FUSIONS = {
    "plif": "posterior",
    "tlif": "posterior",
    "alif": "anterior",
    "xlif": "anterior",
    "dlif": "anterior",
    "llif": "anterior",
    "olif": "anterior",
}
# The approach a word says of a fusion that the qualifier names ("transforaminal": from behind).
_APPROACH_WORDS = {"transforaminal": "posterior"}
FUSION_WORDS = frozenset(
    stem(w) for w in ("fusion", "fusions", "fused", "arthrodesis", "spondylodesis", *_INTERBODY_FUSIONS)
)
_LEVEL = re.compile(r"^([ctls])(\d{1,2})(?:-([ctls])?(\d{1,2}))?$")
_FIRST = {
    "c": 0,
    "t": 7,
    "l": 19,
    "s": 24,
}  # a vertebra's place in the spine: C1 = 1, T1 = 8, L1 = 20, S1 = 25
_COUNTS = {"c": 7, "t": 12, "l": 5, "s": 5}
_NUMBERS = {
    "single": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
}
_COUNTED = re.compile(r"^(\d|single|one|two|three|four|five|six|seven|eight)(?:-levels?)?$")
LEVEL_WORDS = frozenset({"level", "levels"})
INTERBODY = stem("interbody")
_REGIONS = {"cervical": "c", "thoracic": "t", "lumbar": "l"}
# The joints between two regions, by the vertebra above them.
_BETWEEN = {("c", 7): ["cervicothoracic", "vertebral"], ("t", 12): ["thoracolumbar", "vertebral"]}
_BETWEEN_SACRUM = ["lumbosacral"]


def _place(letter: str, number: int) -> int | None:
    return _FIRST[letter] + number if 1 <= number <= _COUNTS[letter] else None


def _levels(words: Sequence[str]) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    for word in words:
        level = _LEVEL.match(word)
        if level is None:
            continue
        letter, first, other, last = level.groups()
        found.append((letter, int(first)))
        if last is not None:
            found.append((other or letter, int(last)))
    return [(letter, n) for letter, n in found if _place(letter, n) is not None]


def _count_words(region: str, joints: int) -> list[str]:
    if joints < 2:
        return []
    if region == "t":
        return ["2", "7"] if joints <= 7 else ["8", "more"]
    return ["2", "more"]


def fusion_level_words(words: Sequence[str], typed: Sequence[str] = ()) -> dict[str, list[str]]:
    """The words of the body part (and column) a spinal fusion's levels name, keyed by the query word that
    names them ("l2-l5" -> lumbar, vertebral, 2, more; "interbody" -> anterior, column); nothing when the
    query says no fusion. `typed`: the words as typed, before the vocabulary read them ("plif": posterior)."""
    said = {stem(w) for w in words}
    if not said & FUSION_WORDS:
        return {}
    out: dict[str, list[str]] = {}
    if INTERBODY in said:
        out[next(w for w in words if stem(w) == INTERBODY)] = ["anterior", "column"]
    # "PLIF L4-5" (read "fusion lumbar vertebral interbody" by the vocabulary), "transforaminal": the way in.
    ways = [_INTERBODY_FUSIONS.get(w) or _APPROACH_WORDS.get(w, "") for w in [*typed, *words]]
    way = next((w for w in ways if w), "")
    if way:
        anchor = next((w for w in words if stem(w) in {INTERBODY, *FUSION_WORDS}), "")
        if anchor:
            out[anchor] = [*out.get(anchor, []), way]
    levels = _levels(words)
    if levels:
        places = sorted((_place(letter, n) or 0, letter, n) for letter, n in levels)
        (low, top_letter, top_n), (high, end_letter, _) = places[0], places[-1]
        joints = high - low
        anchor = next(w for w in words if _LEVEL.match(w))
        if joints == 1 and (top_letter, top_n) in _BETWEEN:
            out[anchor] = list(_BETWEEN[(top_letter, top_n)])
        elif joints == 1 and top_letter == "l" and end_letter == "s":
            out[anchor] = list(_BETWEEN_SACRUM)
            for word in words:
                if word == "lumbar":  # "lumbar fusion L5-S1": the lumbosacral joint is the lumbar spine's
                    out[word] = list(_BETWEEN_SACRUM)
        elif joints >= 1 and top_letter == end_letter and top_letter in "ctl":
            region = next(r for r, letter in _REGIONS.items() if letter == top_letter)
            out[anchor] = [region, "vertebral", *_count_words(top_letter, joints)]
        return out
    # "two level lumbar fusion": the count said, the region a word of its own.
    for i, word in enumerate(words):
        counted = _COUNTED.match(word)
        if counted is None or not (
            word.endswith(("level", "levels")) or (i + 1 < len(words) and words[i + 1] in LEVEL_WORDS)
        ):
            continue
        number = counted.group(1)
        levels_said = int(number) if number.isdigit() else _NUMBERS[number]
        region = next((_REGIONS[w] for w in words if w in _REGIONS), "")
        if region:
            out[word] = _count_words(region, levels_said)
        break
    return {w: read for w, read in out.items() if read}


FUSION_TABLES = ("0RG", "0SG")
COUNT_WORDS = frozenset({"2", "7", "8", "more"})


def counted_joints(
    conn: sqlite3.Connection,
    done: Completion,
    words: Sequence[str],
    stems: frozenset[str],
    qualifier: str,
    memo: dict[object, object],
) -> Completion | None:
    """The code of the joints counted ("2 or more Lumbar Vertebral Joints") when a fusion's levels say more
    than one joint and the code reached is its region's single joint ("Lumbar Vertebral Joint"), completed
    from `stems` as the first code was; None when it does not apply."""
    code = done.code
    if len(code) != 7 or not code.startswith(FUSION_TABLES):
        return None
    count = {w for read in fusion_level_words(words).values() for w in read} & COUNT_WORDS
    if not count:
        return None
    parts = dict(
        conn.execute("SELECT char, meaning FROM pcs_axes WHERE tbl = ? AND position = 4", [code[:3]])
    )
    reached = frozenset(content_stems(str(parts.get(code[3], ""))))
    if reached & COUNT_WORDS:
        return None  # already a count of joints
    told = {stem(w) for w in words} | {stem(w) for read in fusion_level_words(words).values() for w in read}
    region = reached - {stem("vertebral"), stem("joint")}
    if not region <= told:
        return None  # another region's line ("Cervical Vertebral Joint" for "lumbar fusion L2-L5")
    wanted = [
        char
        for char, meaning in parts.items()
        if region
        and region | count <= (said := frozenset(content_stems(str(meaning))))
        and said & COUNT_WORDS
    ]
    if len(wanted) != 1:
        return None
    found = complete_pcs(conn, code[:3] + wanted[0], stems, qualifier, memo)
    if found is None:
        return None
    return Completion(found.code, found.title, found.billable, f"the levels count the joints -> {found.how}")
