"""Generate bench/probes/hcpcs_items.tsv: HCPCS items asked the way users type them, not as printed.

    python bench/make_hcpcs_items.py [--seed 22] [--total 300] [--out PATH]
    python bench/make_hcpcs_items.py --score --codes-db /tmp/NAME/codes.sqlite [--misses]

A generated check no vocabulary can game: a seeded sample (random.Random(seed)) of the HCPCS Level II item
lines active in the newest quarter the product ships (bot/lookups/data/hcpcs_codes.tsv.gz: supplies and
radiopharmaceuticals A, equipment E and K, orthoses and prostheses L, skin substitutes Q4, vision and hearing
V), each turned into one query by a perturbation users make, never the descriptor restated:

- `brand` (a third of the sample): a trade name the descriptor prints (a word no English word list, other
  code set or index holds, not clipped, printed by at most three active lines) said alone, or with the kind's generic words and the unit as typed ("skin substitute per
  square centimeter", "per sq cm", "cm2") - every line printing the name counts when it is said alone;
- `head`: the descriptor's head (before its first comma; after "accessory," or "Addition to ...," when it
  heads a family) in lower case, hyphens and slashes as spaces, "-ing" words as the doer nouns users say
  ("Reaching/grabbing device" -> "reacher grabber device"), its first qualifier after the head appended
  when the head alone is shared by several lines, and a billing or setting word ("for home use", "each",
  "replacement") added at random; a query given by more than `MAX_SAME` lines is skipped.

Columns as bench/queries/holdout_v18.tsv (category = the perturbation, system `hcpcs`); expected = the line(s)
whose descriptor the query was made from.
"""

from __future__ import annotations

import csv
import gzip
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generated_files import main  # noqa: E402

DATA = ROOT / "bot" / "lookups" / "data"
OUT = ROOT / "bench" / "probes" / "hcpcs_items.tsv"
ITEM_CODE = re.compile(r"^(?:A|E|K|L|Q4|V)")
MAX_SAME = 3
BRAND_SHARE = 1 / 3  # of the sample: trade names; the rest descriptor heads
_WORD = re.compile(r"[a-z0-9]+")
_FAMILY = re.compile(r"(?:\baccessory|^addition to\b.*)$")
_UNITS = ("per square centimeter", "per sq cm", "cm2", "per square cm")
_KINDS = {"Q4": "skin substitute", "A2": "wound matrix", "A9": "imaging agent"}
OTHER_BOOKS = (
    "cm_codes.tsv.gz",
    "pcs_codes.tsv.gz",
    "index_cm.tsv.gz",
    "index_drug.tsv.gz",
    "index_ext.tsv.gz",
)
_CLIPPED = re.compile(r"^[^aeiouy]+$|(?:[^aeiouy]{4})")  # "nghttime", "contr": a clipped word, no name
_EXTRAS = ("", "", "", " for home use", " each", " replacement")


def doer(word: str) -> str:
    """The doer noun of an "-ing" word ("reaching" -> reacher, "grabbing" -> grabber), else the word."""
    if not word.endswith("ing") or len(word) < 6:
        return word
    stem = word[:-3]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        return stem + "er"
    return stem + ("r" if stem.endswith("e") else "er")


def head_query(title: str, rng: random.Random) -> tuple[str, str]:
    """The descriptor's head as typed, and the head with its first qualifier (see the module docstring)."""
    parts = [p.strip() for p in re.split(r"[,;]", title.lower()) if p.strip()]
    if len(parts) > 1 and _FAMILY.search(parts[0]):
        parts = parts[1:]
    words = [doer(w) for w in _WORD.findall(re.sub(r"\([^()]*\)", " ", parts[0]))]
    head = " ".join(words[:6])
    more = " ".join(_WORD.findall(parts[1])[:4]) if len(parts) > 1 else ""
    extra = rng.choice(_EXTRAS)
    return head + extra, f"{head} {more}".strip() + extra


def write(seed: int, total: int, out: Path) -> None:
    with gzip.open(DATA / "english_words.txt.gz", "rt") as handle:
        english = set(line.strip() for line in handle)
    for name in OTHER_BOOKS:  # a word another code set or index prints is no trade name
        with gzip.open(DATA / name, "rt") as handle:
            english.update(_WORD.findall(handle.read().lower()))
    with gzip.open(DATA / "hcpcs_codes.tsv.gz", "rt", newline="") as handle:
        rows = [
            r
            for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            if r["current"] == "1"
            and not r["terminated"]
            and r["modifier"] != "1"
            and ITEM_CODE.match(r["code"])
        ]
    printed: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        for word in _WORD.findall(r["title"].lower()):
            printed[word].add(r["code"])
    rng = random.Random(seed)
    heads: dict[str, list[str]] = defaultdict(list)
    made: list[tuple[str, str, str, str]] = []  # (kind, query, expected, why)
    for r in sorted(rows, key=lambda r: r["code"]):
        title = r["title"]
        brands = [
            w
            for w in _WORD.findall(title.lower())
            if len(w) >= 5
            and w.isalpha()
            and w not in english
            and not _CLIPPED.search(w)
            and len(printed[w]) <= MAX_SAME
        ]
        if brands:
            brand = brands[0]
            if rng.random() < 0.5:
                codes = sorted(printed[brand])
                made.append(("brand", brand, "|".join(codes), f"trade name of {', '.join(codes)}"))
            else:
                kind = next((k for p, k in _KINDS.items() if r["code"].startswith(p)), "")
                unit = (
                    rng.choice(_UNITS) if "sq cm" in title.lower() or "square cent" in title.lower() else ""
                )
                query = " ".join(w for w in (brand, kind, unit) if w)
                made.append(("brand", query, r["code"], f"trade name of {r['code']} with kind and unit"))
            continue
        if r["source"] != "hcpcs-2020-long":
            continue
        short, longer = head_query(title, rng)
        heads[short].append(r["code"])
        heads[longer].append(r["code"])
    for query, codes in heads.items():
        if len(codes) <= MAX_SAME and len(query.split()) >= 2:
            made.append(
                ("head", query, "|".join(sorted(set(codes))), f"descriptor head of {', '.join(codes)}")
            )
    by_query = {q: (k, e, w) for k, q, e, w in made}
    sample: list[str] = []
    for kind, share in (("brand", BRAND_SHARE), ("head", 1 - BRAND_SHARE)):
        pool = sorted(q for q, (k, _, _) in by_query.items() if k == kind)
        sample += sorted(rng.sample(pool, min(round(total * share), len(pool))))
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="") as handle:
        handle.write("id\tcategory\tquery\texpected\tpair\tsystem\trationale\n")
        for n, query in enumerate(sample, 1):
            kind, expected, why = by_query[query]
            handle.write(
                f"hcpcsitem-{n:03d}\t{kind}\t{query}\t{expected}\t\thcpcs\tgenerated: {why} (seed {seed})\n"
            )
    print(f"{len(sample)} queries from {len(by_query)} -> {out}")


if __name__ == "__main__":
    raise SystemExit(main(__doc__, OUT, 22, ("--total", 300), write))
