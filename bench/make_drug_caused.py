"""Generate bench/queries/drug_caused.tsv: conditions a drug caused, from the Index's own drug-induced lines.

    python bench/make_drug_caused.py [--data ../shared/data] [--seed 20271] [--out PATH]

A coder codes "agranulocytosis from clozapine" from the condition's own Index line for a drug as the cause
("Agranulocytosis, secondary, drug-induced -> D70.2"), first, with the Drug Table's adverse-effect code beside
it (guideline I.C.19.e.5.a). The Index holds a few hundred such lines ("drug-induced", "due to drug",
"due to, medicament", "due to drugs"), and a real query names the drug, not the word "drug". So every such
line is turned into a query naming a drug drawn at random from the Table of Drugs and Chemicals (a single-word
substance whose adverse-effect column is a drug code, T36-T50), in a phrasing drawn at random from the ways
coders and clinicians link the two ("X from D", "D-induced X", "D caused X", "X secondary to D" ...). The
expected answer is the line's code; the drug is any drug, so no vocabulary row can game it.

Rules:
- A line is used when one of its subterms (not the main term) is a drug-cause marker and nothing after it
  names a use, abuse, dependence or withdrawal (those are substance-use lines, another convention), and its
  main term is a condition (not Abnormal, Absorption, Counseling, Delivery, Newborn, Noncompliance,
  Pregnancy, Prophylactic, Resistance, Syndrome drug withdrawal, Hallucinosis ...).
- The condition's words are the path's words without the marker, in the order bench/make_index_paths.py
  gives a path ("Gout, chronic, drug-induced, ankle" -> "ankle chronic gout").
- The code must be valid (bench/make_index_paths.py's rules); a code that needs a 7th character or a side
  the words do not give is scored as any completion.
- Identical queries are kept once; the drug and the phrasing are drawn with random.Random(seed).
"""

from __future__ import annotations

import argparse
import gzip
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_index_paths import (
    DEFAULT_DATA,
    DOS,
    Item,
    Resolver,
    _nested,
    _rows,
    load_valid,
    natural,
    shown,
)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "queries" / "drug_caused.tsv"
MARKER = re.compile(
    r"(?i)^(?:drug[- ]induced|due to,? (?:drugs?|medicaments?)(?: or (?:chemical|medicament))?|"
    r"drugs?|medicaments?|due to drugs?|induced by drugs?)(?:\s+NEC)?(?:\s*\([^)]*\))?$"
)
NOT_CONDITION = re.compile(
    r"(?i)^(?:abnormal|absorption|abuse|addiction|adverse|allergy|anaphylactic|complication|counseling|"
    r"delivery|dependence|difficult|disorder, mental|effect|eruption|examination|hallucinosis|history|"
    r"intoxication|long-term|maternal|newborn|noncompliance|observation|overdose|poisoning|pregnancy|"
    r"prophylactic|psychosis|reaction|rash|resistance|screening|syndrome|therapy|toxicity|underdosing|use|"
    r"withdrawal|encounter|status|test|level)"
)
LINK = re.compile(r"(?i)^(?:due to|related to|induced by|caused by)$")
SUBSTANCE_USE = re.compile(r"(?i)\b(?:use|abuse|dependence|withdrawal|addiction|intoxication|in)\b")
TEMPLATES = (
    "{c} from {d}",
    "{c} due to {d}",
    "{d}-induced {c}",
    "{d} induced {c}",
    "{c} caused by {d}",
    "{c} secondary to {d}",
    "{d} caused {c}",
    "{c} after starting {d}",
)
DRUG_CODE = re.compile(r"^T(?:3[6-9]|4[0-9]|50)")


def drugs(data: Path) -> list[str]:
    """Single-word substances of the Table whose adverse-effect column is a drug code (T36-T50) and which a
    HCPCS Level II drug code names (the 2020 annual file's J and Q descriptors): drugs in real use, not the
    Table's obsolete and rare names."""
    with gzip.open(
        data / "hcpcs" / "2020" / "HCPC2020_ANWEB_w_disclaimer.txt.gz", "rt", encoding="latin-1"
    ) as f:
        named = set(
            re.findall(r"[a-z]{5,}", " ".join(line for line in f if re.match(r"[JQ]\d{4}", line)).lower())
        )
    out = []
    for levels, row in _nested(_rows(data / "icd10cm" / "tables" / "ICD10CM_2025_Drugs.csv.gz")):
        name = levels[0].strip()
        effect = (row.get("AdverseEffect") or "").strip().upper()
        if (
            len(levels) == 1
            and re.fullmatch(r"[A-Za-z]{5,}", name)
            and DRUG_CODE.match(effect)
            and name.lower() in named
        ):
            out.append(name.lower())
    return sorted(set(out))


def build(data: Path, seed: int) -> tuple[list[Item], int]:
    cm_valid, _ = load_valid(data)
    cm = Resolver(cm_valid)
    rng = random.Random(seed)
    names = drugs(data)
    items: list[Item] = []
    seen: set[str] = set()
    for levels, row in _nested(_rows(data / "icd10cm" / "index" / "ICD10CM_2025_Index.csv.gz")):
        code = (row.get("Code") or "").strip()
        marked = [i for i, t in enumerate(levels) if i and MARKER.match(t.strip())]
        if not code or not marked or NOT_CONDITION.match(levels[0]):
            continue
        at = marked[0]
        if any(SUBSTANCE_USE.search(t) for t in levels[at + 1 :]):
            continue
        resolved = cm.resolve(code)
        dropped = {at, at - 1} if at > 1 and LINK.match(levels[at - 1].strip()) else {at}
        condition = natural([t for i, t in enumerate(levels) if i not in dropped])
        if not resolved or not 2 < len(condition) <= 80:
            continue
        query = rng.choice(TEMPLATES).format(c=condition, d=rng.choice(names))
        if query in seen:
            continue
        seen.add(query)
        items.append(Item("drug_caused", ", ".join(levels), query, resolved[0], resolved[1]))
    return items, len(names)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="the raw official files (shared/data)"
    )
    parser.add_argument("--seed", type=int, default=20271)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"make_drug_caused: no official data at {args.data} (give --data)", file=sys.stderr)
        return 2
    items, drug_count = build(args.data, args.seed)
    with args.out.open("w", newline="") as handle:
        handle.write(
            f"# generated by bench/make_drug_caused.py --seed {args.seed} from ../shared/data (FY2025 Index and "
            f"Drug Table; codes valid on {DOS.isoformat()}); {len(items)} Index lines, drugs drawn from "
            f"{drug_count} Table substances\n"
        )
        handle.write("# match: exact | any_completion | any_initial_completion (bench/make_index_paths.py)\n")
        handle.write("source\tpath\tquery\texpected\tmatch\n")
        for item in items:
            handle.write(f"{item.source}\t{item.path}\t{item.query}\t{shown(item)}\t{item.match}\n")
    print(f"make_drug_caused: {len(items)} queries -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
