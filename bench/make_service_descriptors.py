"""Generate bench/probes/round20_cpt20_descriptors.tsv: Medicare's service codes asked in their own descriptors' words.

    python bench/make_service_descriptors.py [--seed 20] [--total 150] [--out PATH]

A generated check no vocabulary can game: a seeded sample (random.Random(seed)) of the HCPCS Level II service
codes active in the newest quarter the product ships (bot/lookups/data/hcpcs_codes.tsv.gz, from the CMS I/OCE
and the HCPCS 2020 annual file) - the G-codes less the quality-measure reporting codes (G8xxx-G9xxx), the P
(laboratory and specimen) codes, the Q0 service codes and the Q203x-Q204x vaccines - each turned into the
query a coder types from the descriptor:

- the long descriptor only (a code with only a cut 28-character short descriptor is skipped: no one types
  "Adv prim care mgmt lvl 2" back);
- the service as named before the descriptor's first ";" (the rest qualifies it), parenthesised text and
  "e.g." lists dropped, lower case, at most `WORDS` words;
- a query shorter than 3 words, or given by more than `MAX_SAME` codes (a family head such as "colorectal
  cancer screening"), is skipped; a query given by up to `MAX_SAME` codes accepts each of them.

Columns as bench/queries/holdout_v16.tsv (category `hcpcs`, system `hcpcs`); score it with
bench/eval_lookup.py's load_dev or any probe scorer.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import random
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bot" / "lookups" / "data" / "hcpcs_codes.tsv.gz"
OUT = ROOT / "bench" / "probes" / "round20_cpt20_descriptors.tsv"
SERVICE_CODE = re.compile(r"^(?:G[0-7]|P[39]|Q0[0-4]|Q20[3-4])")
WORDS = 9
MAX_SAME = 3
_PAREN = re.compile(r"\([^()]*\)")


def query_of(title: str) -> str:
    """The service as a coder types it from a long descriptor (see the module docstring)."""
    head = title.split(";")[0]
    for _ in range(2):
        head = _PAREN.sub(" ", head)
    head = re.sub(r"\be\.g\.,?", " ", head, flags=re.IGNORECASE)
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9/'+.-]*", head.lower())
    return " ".join(w.rstrip(".,") for w in words[:WORDS])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--total", type=int, default=150)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with gzip.open(DATA, "rt", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    by_query: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if (
            r["current"] != "1"
            or r["terminated"]
            or r["modifier"] == "1"
            or not SERVICE_CODE.match(r["code"])
        ):
            continue
        if r["source"] != "hcpcs-2020-long":
            continue
        query = query_of(r["title"])
        if len(query.split()) >= 3:
            by_query[query].append(r["code"])
    pool = sorted(q for q, codes in by_query.items() if len(codes) <= MAX_SAME)
    sample = random.Random(args.seed).sample(pool, min(args.total, len(pool)))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", newline="") as handle:
        handle.write("id\tcategory\tquery\texpected\tpair\tsystem\trationale\n")
        for n, query in enumerate(sample, 1):
            codes = by_query[query]
            why = f"generated: the head of the long descriptor of {', '.join(codes)} (seed {args.seed})"
            handle.write(f"p20cpt20d-{n:03d}\thcpcs\t{query}\t{'|'.join(codes)}\t\thcpcs\t{why}\n")
    print(f"{len(sample)} queries from {len(pool)} descriptor heads -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
