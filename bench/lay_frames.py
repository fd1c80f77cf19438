"""Generated check: an Index path said the way a patient, a parent or the front desk says it.

    python bench/lay_frames.py --codes-db PATH [--seed 2021] [--total 500] [--misses]

A seeded sample of the ICD-10-CM Alphabetic Index paths of bench/queries/index_paths.tsv (source `cm_index`; the
bare query is the path in the Index's words) is wrapped in a patient's sentence frame ("my son has ...", "I've had
... for 2 weeks", "does my mom's ... need a code") and, where the path names a body part the vocabulary knows an
everyday word for, said with that word ("axilla" -> "armpit"). A coder reading the framed sentence codes what the
bare path says: the framed query's first answer must be the bare query's first answer. No vocabulary can game it:
the paths are sampled from the Index, the frames say nothing about the condition.

Figures: agreement (framed first answer = bare first answer) per frame, and how often the framed first answer is
the path's expected code.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.lookups.codebook import CodeBook  # noqa: E402
from bot.lookups.search import QueryError, find_codes  # noqa: E402

PATHS = ROOT / "bench" / "queries" / "index_paths.tsv"
FRAMES = (
    "my son has {q}",
    "I've had {q} for 2 weeks",
    "does my mom's {q} need a code",
)
# The Index's site words by a word a patient says for them (the frame "lay" says the path with them).
LAY_PARTS = {
    "axilla": "armpit",
    "umbilicus": "belly button",
    "umbilical": "belly button",
    "sternum": "breastbone",
    "patella": "kneecap",
    "coccyx": "tailbone",
    "abdomen": "belly",
    "abdominal": "belly",
    "trachea": "windpipe",
    "larynx": "voice box",
    "esophagus": "food pipe",
    "buttock": "butt",
    "clavicle": "collarbone",
    "testis": "testicle",
    "uterus": "womb",
    "intestine": "bowel",
    "tympanic membrane": "eardrum",
    "scapula": "shoulder blade",
    "mandible": "jaw",
    "lower limb": "leg",
    "upper limb": "arm",
    "prepuce": "foreskin",
    "sclera": "white of the eye",
    "epigastric": "upper belly",
    "lumbar": "lower back",
    "frontal sinus": "forehead sinus",
}
_LAY = re.compile(r"\b(" + "|".join(sorted(map(re.escape, LAY_PARTS), key=len, reverse=True)) + r")\b")


def load(seed: int, total: int) -> list[dict[str, str]]:
    with PATHS.open(newline="") as handle:
        rows = list(
            csv.DictReader(
                (line for line in handle if not line.startswith("#")), delimiter="\t", quoting=csv.QUOTE_NONE
            )
        )
    pool = [r for r in rows if r["source"] == "cm_index"]
    return random.Random(seed).sample(pool, min(total, len(pool)))


def _right(code: str, expected: list[str], exact: bool) -> bool:
    return code in expected if exact else any(code.startswith(e) for e in expected)


def first(book: CodeBook, text: str) -> str:
    try:
        hits = find_codes(book, text, limit=5)
    except QueryError:
        return ""
    return hits[0].code.replace(".", "") if hits else ""


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--codes-db", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--total", type=int, default=500)
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    book = CodeBook.open(args.codes_db)
    agree: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # n, same first answer, right first answer
    bare_right = 0
    rows = load(args.seed, args.total)
    for row in rows:
        query = row["query"]
        expected = [e.replace(".", "") for e in row["expected"].split("|")]

        exact = row["match"] == "exact"
        bare = first(book, query)
        bare_right += _right(bare, expected, exact)
        variants = [(f"frame{i + 1}", frame.format(q=query)) for i, frame in enumerate(FRAMES)]
        lay = _LAY.sub(lambda m: LAY_PARTS[m.group(1)], query)
        if lay != query:
            variants += [("lay", lay), ("lay+frame1", FRAMES[0].format(q=lay))]
        for name, text in variants:
            got = first(book, text)
            tally = agree[name]
            tally[0] += 1
            tally[1] += got == bare
            tally[2] += _right(got, expected, exact)
            if args.misses and got != bare:
                print(
                    f"  {name:11} {text!r} first {got or '(nothing)'}; bare {query!r} first {bare or '(nothing)'}"
                )
    print(
        f"lay_frames: {len(rows)} Index paths (seed {args.seed}); bare right first {bare_right}/{len(rows)}"
    )
    for name, (n, same, ok) in sorted(agree.items()):
        print(
            f"  {name:11} n={n:4}  same first answer {100 * same / n:5.1f}%  right first {100 * ok / n:5.1f}%"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
