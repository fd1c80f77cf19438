"""Generated check: the Index's encounter reasons told as a visit's reason.

    python bench/encounter_reasons.py --codes-db PATH [--seed 20271] [--per-family 40] [--misses]

No hand-picked question: each family walks the shipped Alphabetic Index (bot/lookups/data/index_cm.tsv.gz, built
from the official CSV) below one main term a coder reaches a Z code through, and tells every line with a Z code
as the reason for a visit; then a seeded sample of each family is looked up. The line's code (completed in the
Tabular when the Index gives only its start, "Z48.0-") is the expected first answer.

| family | index path | told as |
|---|---|---|
| encounter | Encounter (for), <reason> | "encounter for <reason>" |
| admission | Admission (for), <reason> | "admitted for <reason>" |
| attention | Attention (to), <opening or device> | "<opening or device> care" |
| aftercare | Aftercare, <reason> | "aftercare following <reason>" |
| fitting | Fitting (and adjustment), <device> | "fitting of <device>" |
| removal | Removal, <device> | "visit for removal of <device>" |
| screening | Screening (for), <condition> | "screening for <condition>" |
| observation | Observation (for), <reason> | "observation for <reason>" |
| exposure | Exposure (to), <agent> | "exposed to <agent>" |

The words are the Index's own (modifiers in parentheses, NEC and NOS left out); a line below a "see" reference
or naming a complication is left out. Prints top-1 / top-5 per family and overall (run it on two trees for a
before/after).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # appended: a PYTHONPATH tree (another checkout, for "before") comes first

from bot.lookups.codebook import CodeBook  # noqa: E402
from bot.lookups.search import find_codes  # noqa: E402

INDEX = ROOT / "bot" / "lookups" / "data" / "index_cm.tsv.gz"
FAMILIES = {  # main term's first word -> (family, how the reason is told)
    "Encounter": ("encounter", "encounter for {}"),
    "Admission": ("admission", "admitted for {}"),
    "Attention": ("attention", "{} care"),
    "Aftercare": ("aftercare", "aftercare following {}"),
    "Fitting": ("fitting", "fitting of {}"),
    "Removal": ("removal", "visit for removal of {}"),
    "Screening": ("screening", "screening for {}"),
    "Observation": ("observation", "observation for {}"),
    "Exposure": ("exposure", "exposed to {}"),
}
_PARENS = re.compile(r"\([^)]*\)")
_NEC = re.compile(r"\b(?:NEC|NOS)\b")


def _words(term: str) -> str:
    return " ".join(_NEC.sub(" ", _PARENS.sub(" ", term)).replace(",", " ").split())


def told() -> dict[str, list[tuple[str, str]]]:
    """Each family's lines told as a visit's reason: (query, the line's code)."""
    with gzip.open(INDEX, "rt") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    by_id = {r["id"]: r for r in rows}
    out: dict[str, list[tuple[str, str]]] = {family: [] for family, _ in FAMILIES.values()}
    for row in rows:
        if not row["code"].startswith("Z") or row["see"] or row["see_also"]:
            continue
        chain = [row]
        while chain[-1]["parent"] != "0":
            chain.append(by_id[chain[-1]["parent"]])
        main, *below = reversed(chain)
        family = FAMILIES.get(main["term"].split()[0].rstrip(","))
        if family is None or not below or any(r["see"] for r in below):
            continue
        reason = " ".join(_words(r["term"]) for r in below)
        if not reason or "complication" in reason.lower():
            continue
        out[family[0]].append((family[1].format(reason.lower()), row["code"]))
    return out


def _right(code: str, want: str) -> bool:
    """The hit is the line's code, or completes it in the Tabular ("Z48.0-", "Z44.3" -> Z44.30)."""
    return code.replace(".", "").startswith(want.replace(".", "").rstrip("-"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codes-db", required=True)
    parser.add_argument("--seed", type=int, default=20271)
    parser.add_argument("--per-family", type=int, default=40)
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    book = CodeBook.open(args.codes_db)
    rng = random.Random(args.seed)
    total = [0, 0, 0]
    for family, lines in sorted(told().items()):
        sample = rng.sample(lines, min(args.per_family, len(lines)))
        top1 = top5 = 0
        for query, want in sample:
            codes = [h.code for h in find_codes(book, query, limit=5)]
            first = bool(codes) and _right(codes[0], want)
            top1 += first
            top5 += any(_right(c, want) for c in codes)
            if args.misses and not first:
                print(
                    f"   {family:11} {query[:60]!r:62} want {want:8} first {codes[0] if codes else '(nothing)'}"
                )
        total = [total[0] + len(sample), total[1] + top1, total[2] + top5]
        print(
            f"{family:11} {len(sample):4}  top-1 {100 * top1 / len(sample):5.1f}%  top-5 {100 * top5 / len(sample):5.1f}%"
        )
    print(
        f"{'all':11} {total[0]:4}  top-1 {100 * total[1] / total[0]:5.1f}%  top-5 {100 * total[2] / total[0]:5.1f}%"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
