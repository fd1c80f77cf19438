"""Generated check: External Cause Index paths told as the stories patients and charts tell.

    python bench/external_stories.py --codes-db PATH [--seed 20261] [--per-family 60] [--misses]

No hand-picked question: each family walks the shipped External Cause Index (bot/lookups/data/index_ext.tsv.gz,
built from the official CSV) and tells every path of one shape in everyday words, then a seeded sample of
each family is looked up. A path's code, completed with the 7th character A (initial encounter, no encounter
being said), is the expected first answer.

| family | index path | told as |
|---|---|---|
| occupant | Accident, transport, <vehicle> occupant, driver/passenger, collision, <other> | "passenger in a bus hit by a truck" |
| vehicle | Accident, transport, <vehicle> occupant, collision, <other> (, nontraffic) | "van crashed into a car (in a parking lot)" |
| motorcycle | Accident, transport, motorcycle, driver/passenger, collision, <other> | "motorcycle passenger collided with a car" |
| pedestrian | Accident, transport, pedestrian, on foot, collision, <other> | "pedestrian hit by a train" |
| cyclist | Accident, transport, pedal cyclist, collision, <other> | "hit by a van while riding my bike" |
| burn | Burn, hot, drink / food / fat | "burned by hot tea" |
| bite | Bite, bitten by, <animal> | "bitten by the neighbor's rat" |
| strike | Contact, with, <animal>, strike | "kicked by a horse", "struck by a shark" |
| fall | Fall, from, off, out of, <object> | "fell off the roof" |

Prints top-1 / top-5 per family and overall (run it on two trees for a before/after).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # appended: a PYTHONPATH tree (another checkout, for "before") comes first

from bot.lookups.codebook import CodeBook  # noqa: E402
from bot.lookups.search import find_codes  # noqa: E402

INDEX = ROOT / "bot" / "lookups" / "data" / "index_ext.tsv.gz"
# The Index's vehicle words as people say them (the other party of a collision).
OTHERS = {
    "car": "car",
    "pick-up truck or van": "pickup truck",
    "bus or heavy transport": "bus",
    "railway": "train",
    "pickup truck": "pickup truck",
    "van": "van",
    "bus": "bus",
    "truck": "semi truck",
    "pedal cycle": "bicycle",
    "two wheeled motor vehicle": "motorcycle",
    "railway vehicle": "train",
    "streetcar": "streetcar",
    "sport utility vehicle": "SUV",
}
OCCUPANTS = {
    "car occupant": "car",
    "pickup truck occupant": "pickup truck",
    "van occupant": "van",
    "bus occupant": "bus",
}
HOT = {
    "drink": ["coffee", "tea", "hot chocolate"],
    "food": ["soup", "noodles"],
    "fat": ["grease", "cooking oil"],
}
HOOVES = {"horse", "cow", "bull", "goat", "sheep", "pig"}
FALL_OBJECTS = re.compile(r"^[a-z ]+$")


def paths() -> list[tuple[list[str], str]]:
    """Every External Cause Index line with a code: (its terms, main term first; code)."""
    with gzip.open(INDEX, "rt") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    by_id = {r["id"]: r for r in rows}
    out = []
    for row in rows:
        if not row["code"]:
            continue
        parts: list[str] = []
        current: dict[str, str] | None = row
        while current is not None:
            parts.append(current["term"])
            current = by_id.get(current["parent"])
        out.append((list(reversed(parts)), row["code"]))
    return out


def stories(rng: random.Random) -> dict[str, list[tuple[str, str]]]:
    """Family -> (story, expected code prefix) for every path of the family's shape."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for parts, code in paths():
        told = _tell(parts, rng)
        if told is not None:
            family, story = told
            out[family].append((story, code))
    return out


def _tell(parts: list[str], rng: random.Random) -> tuple[str, str] | None:
    if parts[:5] == ["Accident", "transport", "pedestrian", "on foot", "collision"] and len(parts) == 6:
        other = OTHERS.get(parts[5])
        return (
            (
                "pedestrian",
                rng.choice(
                    [
                        f"pedestrian hit by a {other}",
                        f"pedestrian struck by {other}",
                        f"walking across the road and hit by a {other}",
                        f"knocked down by a {other} while crossing the street",
                    ]
                ),
            )
            if other
            else None
        )
    if parts[:2] == ["Accident", "transport"] and len(parts) == 6 and parts[4] == "collision":
        own, role, other = parts[2], parts[3], OTHERS.get(parts[5])
        if other is None or role not in ("driver", "passenger"):
            return None
        if own in OCCUPANTS:
            vehicle = OCCUPANTS[own]
            return "occupant", rng.choice(
                [
                    f"{role} in a {vehicle} hit by a {other}",
                    f"{vehicle} {role} collided with a {other}",
                    f"{role} of {vehicle} in crash with {other}",
                    f"{vehicle} {role}, {vehicle} vs {other}",
                    f"{vehicle} {role} t-boned by a {other}",
                    f"{role} injured when the {vehicle} was struck by a {other}",
                ]
            )
        if own == "motorcycle":
            return "motorcycle", rng.choice(
                [
                    f"motorcycle {role} collided with a {other}",
                    f"{role} on a motorcycle hit by a {other}",
                    f"motorcycle {role} in crash with {other}",
                ]
            )
        return None
    if (
        parts[:2] == ["Accident", "transport"]
        and len(parts) in (5, 6)
        and parts[3] == "collision"
        and parts[2] in OCCUPANTS
        and (len(parts) == 5 or parts[5] == "nontraffic")
    ):
        # the vehicle told as the story's subject, no role said: the unspecified occupant's line
        vehicle, other = OCCUPANTS[parts[2]], OTHERS.get(parts[4])
        if other is None:
            return None
        where = (
            rng.choice([" in a parking lot", " on a farm road", " on a private road"])
            if len(parts) == 6
            else ""
        )
        return "vehicle", rng.choice(
            [
                f"{vehicle} crashed into a {other}{where}",
                f"our {vehicle} got hit by a {other}{where}",
                f"{vehicle} collided with a {other}{where}",
                f"the {vehicle} was struck by a {other}{where}",
            ]
        )
    if parts[:4] == ["Accident", "transport", "pedal cyclist", "collision"] and len(parts) == 5:
        other = OTHERS.get(parts[4])
        return (
            (
                "cyclist",
                rng.choice(
                    [
                        f"hit by a {other} while riding my bike",
                        f"cyclist hit by a {other}",
                        f"bike rider struck by a {other}",
                        f"on my bicycle and a {other} hit me",
                    ]
                ),
            )
            if other
            else None
        )
    if parts[:2] == ["Burn, burned, burning", "hot"] and len(parts) == 3:
        things = HOT.get(parts[2])
        return (
            ("burn", rng.choice([f"burned by hot {t}" for t in things] + [f"scalded by {t}" for t in things]))
            if things
            else None
        )
    if parts[0] == "Bite, bitten by" and len(parts) == 2:
        animal = parts[1].split(",")[0].split(" (")[0]
        if not FALL_OBJECTS.match(animal) or animal.endswith("NEC") or " " in animal:
            return None
        return "bite", rng.choice([f"bitten by a {animal}", f"bitten by the neighbor's {animal}"])
    if parts[:2] == ["Contact", "with"] and len(parts) == 4 and parts[3] == "strike":
        animal = parts[2]
        if animal in ("animal", "marine", "terrestrial") or not FALL_OBJECTS.match(animal) or " " in animal:
            return None
        verbs = ["kicked by", "struck by"] if animal in HOOVES else ["struck by", "hit by"]
        return "strike", f"{rng.choice(verbs)} {rng.choice(['a', 'the'])} {animal}"
    if parts[:2] == ["Fall, falling", "from, off, out of"] and len(parts) == 3:
        thing = parts[2].split(",")[0]
        if not FALL_OBJECTS.match(thing) or "NEC" in thing:
            return None
        return "fall", rng.choice([f"fell off the {thing}", f"fell from a {thing}"])
    return None


def _right(code: str, want: str) -> bool:
    """The hit completes the path's code with the initial encounter's 7th character (A)."""
    plain, wanted = code.replace(".", ""), want.replace(".", "").rstrip("-")
    return plain.startswith(wanted) and len(plain) == 7 and plain.endswith("A")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codes-db", required=True)
    parser.add_argument("--seed", type=int, default=20261)
    parser.add_argument("--per-family", type=int, default=60)
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    book = CodeBook.open(args.codes_db)
    rng = random.Random(args.seed)
    total = [0, 0, 0]
    for family, told in sorted(stories(rng).items()):
        sample = rng.sample(told, min(args.per_family, len(told)))
        top1 = top5 = 0
        for story, want in sample:
            codes = [h.code for h in find_codes(book, story, limit=5)]
            first = bool(codes) and _right(codes[0], want)
            top1 += first
            top5 += any(_right(c, want) for c in codes)
            if args.misses and not first:
                print(f"   {family:10} {story!r:55} want {want:8} first {codes[0] if codes else '(nothing)'}")
        total = [total[0] + len(sample), total[1] + top1, total[2] + top5]
        print(
            f"{family:10} {len(sample):4}  top-1 {100 * top1 / len(sample):5.1f}%  top-5 {100 * top5 / len(sample):5.1f}%"
        )
    print(
        f"{'all':10} {total[0]:4}  top-1 {100 * total[1] / total[0]:5.1f}%  top-5 {100 * total[2] / total[0]:5.1f}%"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
