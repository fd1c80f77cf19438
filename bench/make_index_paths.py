"""Generate bench/queries/index_paths.tsv: a seeded sample of official index paths turned into natural queries.

    python bench/make_index_paths.py [--data ../shared/data] [--seed 20261] [--total 2400] [--out PATH]

A benchmark no curated vocabulary can game: the queries come from the official indexes themselves, sampled at
random, so the search has to understand the Index rather than a list of known questions.

Sources and proportions (of --total, default 2,400):

| source | share | from |
|---|---|---|
| cm_index | 40% | ICD-10-CM Alphabetic Index CSV (Level column gives the nesting) |
| external_index | 15% | ICD-10-CM External Cause Index CSV |
| drug_table | 15% | Table of Drugs and Chemicals: one (substance, column) per row - poisoning accidental, intentional self-harm, assault, undetermined, adverse effect, underdosing |
| neoplasm_table | 10% | Neoplasm Table: one (site, column) per row - malignant primary, secondary, ca in situ, benign, uncertain, unspecified behavior |
| pcs_index | 20% | ICD-10-PCS Index (jsonl; tab-indented nesting) |

Rules:
- A path is kept only when its row carries a code; rows that only say "see"/"see also"/"use", notes ("Note:",
  "code to", "code by site") and `--` / `-` table cells are skipped.
- The code must be valid in the data: a billable ICD-10-CM code valid on 2026-01-15 (MCE v43.1 and the April
  2026 code list), a valid PCS code on that date (MCE v43.1), or a prefix that at least one valid code starts with.
  Otherwise the path is skipped.
- `match` says how a result is scored: `exact` (the code itself), `any_completion` (an incomplete code: a dash,
  a PCS table, a category), or `any_initial_completion` (an incomplete code whose completions carry the
  encounter 7th character: the query names no encounter, so only initial-encounter completions count, e.g.
  `Fall, from, ladder -> W11` expects W11.XXXA).
- Queries read as typed: non-essential modifiers in parentheses, "NEC"/"NOS" and brackets dropped; variant lists
  ("Calculus, calculi, calculous") reduced to the first; subterms before the first connector (with, without,
  due to, in, on, from, ...) go in front of the main term in reverse order, the connector and what follows after:
  "Diabetes, type 2, with, chronic kidney disease" -> "type 2 diabetes with chronic kidney disease",
  "Fall, from, off, out of, ladder" -> "fall from ladder". Drug Table rows get a phrase for their column
  ("ondansetron adverse effect"), Neoplasm Table rows one for theirs ("secondary malignant neoplasm of liver").
  PCS paths put laterality first and the body part words in reverse: "Excision, Artery, Anterior Tibial, Left"
  -> "excision left anterior tibial artery".
- Per source, identical queries are kept once (the first path in file order); the sample is drawn with
  random.Random(seed) from each source's pool; several codes for one PCS path (e.g. Appendectomy -> 0DBJ, 0DTJ)
  are all acceptable.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = next(
    (a / "shared" / "data" for a in ROOT.parents if (a / "shared" / "data").is_dir()),
    ROOT.parent / "shared" / "data",
)
OUT = ROOT / "bench" / "queries" / "index_paths.tsv"
DOS = date(2026, 1, 15)
SHARES = {
    "cm_index": 0.40,
    "external_index": 0.15,
    "drug_table": 0.15,
    "neoplasm_table": 0.10,
    "pcs_index": 0.20,
}
CONNECTORS = (
    "with",
    "without",
    "due to",
    "in",
    "on",
    "from",
    "of",
    "by",
    "following",
    "during",
    "after",
    "complicating",
    "associated with",
    "involving",
    "into",
    "off",
    "out of",
    "affecting",
    "at",
    "to",
    "while",
    "resulting from",
    "causing",
    "through",
    "against",
    "between",
    "under",
    "over",
    "as",
    "for",
    "affected by",
    "complicated by",
    "caused by",
    "secondary to",
    "related to",
    "requiring",
)
SKIP_TERM = re.compile(r"(?i)\bnote:|\bcode to\b|code by site|\bsee\b|\bcode also\b")
DRUG_COLUMNS = {
    "PoisoningAccidental": ("accidental poisoning by {d}", "{d} overdose accidental"),
    "PoisoningIntentionalSelfHarm": (
        "intentional self-harm poisoning by {d}",
        "{d} overdose suicide attempt",
    ),
    "PoisoningAssault": ("poisoning by {d} assault", "assault by {d} poisoning"),
    "PoisoningUndetermined": ("poisoning by {d} undetermined intent", "{d} poisoning undetermined"),
    "AdverseEffect": ("{d} adverse effect", "adverse effect of {d}"),
    "Underdosing": ("underdosing of {d}", "{d} underdosing"),
}
NEOPLASM_COLUMNS = {
    "MalignantPrimary": ("malignant neoplasm of {s}", "primary malignant neoplasm of {s}"),
    "MalignantSecondary": ("secondary malignant neoplasm of {s}", "metastatic cancer to {s}"),
    "CaInSitu": ("carcinoma in situ of {s}", "ca in situ of {s}"),
    "Benign": ("benign neoplasm of {s}", "benign tumor of {s}"),
    "UncertainBehavior": ("neoplasm of uncertain behavior of {s}", "uncertain behavior neoplasm of {s}"),
    "UnspecifiedBehavior": ("neoplasm of unspecified behavior of {s}", "unspecified neoplasm of {s}"),
}
LATERALITY = {"left", "right", "bilateral"}


@dataclass(frozen=True)
class Item:
    source: str
    path: str
    query: str
    expected: str  # |-separated codes or prefixes, undotted
    match: str  # exact | any_completion | any_initial_completion


# -- the official code sets -------------------------------------------------------------------------------
def _valid_on(start: str, end: str) -> bool:
    def ymd(text: str) -> date | None:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8])) if text.strip() else None

    s, e = ymd(start), ymd(end)
    return (s is None or s <= DOS) and (e is None or e >= DOS)


def load_valid(data: Path) -> tuple[frozenset[str], frozenset[str]]:
    def mce(name: str) -> set[str]:
        with gzip.open(data / "mce" / name, "rt") as handle:
            return {
                r["code"]
                for r in csv.DictReader(handle, delimiter="\t")
                if _valid_on(r["start_date"], r["end_date"])
            }

    with gzip.open(data / "icd10cm" / "codes" / "code-list-April-2026.txt.gz", "rt") as handle:
        listed = {line.strip().upper() for line in handle if line.strip()}
    return frozenset(mce("mce_v431_i10dx_master.tsv.gz") & listed), frozenset(
        mce("mce_v431_i10pcs_master.tsv.gz")
    )


class Resolver:
    """An index code -> (expected, match), or None when no valid code matches it."""

    def __init__(self, valid: frozenset[str]) -> None:
        self.valid = valid
        self.sorted = sorted(valid)

    def completions(self, prefix: str) -> list[str]:
        import bisect

        i = bisect.bisect_left(self.sorted, prefix)
        out = []
        while i < len(self.sorted) and self.sorted[i].startswith(prefix):
            out.append(self.sorted[i])
            i += 1
        return out

    def resolve(self, code: str) -> tuple[str, str] | None:
        c = code.strip().upper().replace(".", "").rstrip("-")
        if not re.fullmatch(r"[0-9A-Z]{3,7}", c):
            return None
        if c in self.valid:
            return c, "exact"
        found = self.completions(c)
        if not found:
            return None
        initial = [f for f in found if len(f) == 7 and f.endswith("A") and f[:-1] + "S" in self.valid]
        if initial:
            return (initial[0], "exact") if len(initial) == 1 else (c, "any_initial_completion")
        return c, "any_completion"


# -- turning paths into queries ---------------------------------------------------------------------------
def clean(term: str) -> str:
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", term)
    text = re.sub(r"\b(?:NEC|NOS)\b", " ", text)
    text = text.replace("(", " ").replace(")", " ")
    return " ".join(text.split()).strip(" ,;-")


def variant(term: str) -> str:
    """'Calculus, calculi, calculous' -> 'Calculus'; 'from, off, out of' -> 'from'; else the words joined."""
    parts = [p.strip() for p in term.split(",") if p.strip()]
    if len(parts) <= 1:
        return term.strip()
    if all(p.lower() in CONNECTORS for p in parts):
        return parts[0]
    stem = parts[0][:3].lower()
    if all(p[:3].lower() == stem for p in parts):
        return parts[0]
    return " ".join(parts)


def _starts_with_connector(text: str) -> bool:
    low = text.lower()
    return any(low == c or low.startswith(c + " ") for c in CONNECTORS)


def natural(levels: list[str]) -> str:
    """Index path (main term, subterms...) -> the words a coder would type, in a natural order."""
    words = [variant(clean(t)) for t in levels]
    words = [w for w in words if w]
    if not words:
        return ""
    main = words[0]
    pre: list[str] = []
    post: list[str] = []
    after = False
    for w in words[1:]:
        if not after and _starts_with_connector(w):
            after = True
        (post if after else pre).append(w)
    return " ".join([*reversed(pre), main, *post]).lower()


def natural_pcs(levels: list[str]) -> str:
    operation, parts = levels[0], levels[1:]
    side: list[str] = []
    rest: list[str] = []
    for part in parts:
        m = re.fullmatch(r"(.*?),\s*(Left|Right|Bilateral)", part)
        if m:
            side.append(m.group(2))
            rest.append(m.group(1))
        elif part.lower() in LATERALITY:
            side.append(part)
        else:
            rest.append(part)
    words = [clean(operation), *side, *(clean(p) for p in reversed(rest))]
    return " ".join(w for w in words if w).lower()


# -- the five sources -------------------------------------------------------------------------------------
def _rows(path: Path) -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _nested(rows: list[dict[str, str]]) -> Iterator[tuple[list[str], dict[str, str]]]:
    stack: list[str] = []
    for r in rows:
        level = int(r["Level"])
        stack = [*stack[:level], r["Term"]]
        yield list(stack), r


def index_items(source: str, path: Path, cm: Resolver) -> Iterator[Item]:
    for levels, row in _nested(_rows(path)):
        code = (row.get("Code") or "").strip()
        if not code or any(SKIP_TERM.search(t) for t in levels):
            continue
        resolved = cm.resolve(code)
        query = natural(levels)
        if resolved and 2 < len(query) <= 150:
            yield Item(source, ", ".join(levels), query, resolved[0], resolved[1])


def drug_items(path: Path, cm: Resolver, rng: random.Random) -> Iterator[Item]:
    for levels, row in _nested(_rows(path)):
        if any(SKIP_TERM.search(t) for t in levels):
            continue
        drug = natural(levels)
        if not 2 < len(drug) <= 120:
            continue
        for column, templates in DRUG_COLUMNS.items():
            resolved = cm.resolve(row.get(column) or "")
            if resolved:
                query = rng.choice(templates).format(d=drug)
                label = re.sub(r"(?<!^)([A-Z])", r" \1", column).lower()
                yield Item("drug_table", f"{', '.join(levels)} | {label}", query, resolved[0], resolved[1])


def neoplasm_items(path: Path, cm: Resolver, rng: random.Random) -> Iterator[Item]:
    for levels, row in _nested(_rows(path)):
        sites = levels[1:]  # level 0 is "Neoplasm, neoplastic" itself
        if not sites or any(SKIP_TERM.search(t) for t in sites):
            continue
        site = natural(sites)
        if not 1 < len(site) <= 120:
            continue
        for column, templates in NEOPLASM_COLUMNS.items():
            resolved = cm.resolve(row.get(column) or "")
            if resolved:
                query = rng.choice(templates).format(s=site)
                label = re.sub(r"(?<!^)([A-Z])", r" \1", column).lower()
                yield Item("neoplasm_table", f"Neoplasm, {', '.join(sites)} | {label}", query, *resolved)


_CODE = re.compile(r"\*\*([0-9A-Z]+)\*\*")


def pcs_items(path: Path, pcs: Resolver) -> Iterator[Item]:
    found: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            term = entry["term"].strip()
            stack: list[str] = []
            for raw in entry["entry"].split("\n"):
                text = raw.rstrip()
                if not text.strip() or text.strip() == "(continued)":
                    continue
                depth = len(text) - len(text.lstrip("\t"))
                body = text.strip().replace(" (continued)", "")
                codes = _CODE.findall(body)
                label = re.split(r"\s*\b(?:see|use)\b", _CODE.sub("", body), maxsplit=1)[0].strip()
                if label:
                    stack = [*stack[:depth], label]
                    levels = (term, *stack)
                else:
                    levels = (term, *stack[:depth])
                for code in codes:
                    resolved = pcs.resolve(code)
                    if resolved:
                        found.setdefault(levels, []).append(resolved)
    for levels, codes in found.items():
        query = natural_pcs(list(levels))
        if not 2 < len(query) <= 150:
            continue
        expected = "|".join(dict.fromkeys(c for c, _ in codes))
        match = "exact" if all(m == "exact" for _, m in codes) else "any_completion"
        yield Item("pcs_index", ", ".join(levels), query, expected, match)


def shown(item: Item) -> str:
    """Expected codes as printed: ICD-10-CM dotted after the third character, PCS as is."""
    if item.source == "pcs_index":
        return item.expected
    return "|".join(c[:3] + "." + c[3:] if len(c) > 3 else c for c in item.expected.split("|"))


def _dedupe(items: Iterator[Item]) -> list[Item]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.query not in seen:
            seen.add(item.query)
            out.append(item)
    return out


def build(data: Path, seed: int, total: int) -> tuple[list[Item], dict[str, int]]:
    cm_valid, pcs_valid = load_valid(data)
    cm, pcs = Resolver(cm_valid), Resolver(pcs_valid)
    phrasing = random.Random(seed)  # template choice, separate from the sampling
    index = data / "icd10cm" / "index"
    tables = data / "icd10cm" / "tables"
    pools = {
        "cm_index": _dedupe(index_items("cm_index", index / "ICD10CM_2025_Index.csv.gz", cm)),
        "external_index": _dedupe(
            index_items("external_index", index / "ICD10CM_2025_ExternalIndex.csv", cm)
        ),
        "drug_table": _dedupe(drug_items(tables / "ICD10CM_2025_Drugs.csv.gz", cm, phrasing)),
        "neoplasm_table": _dedupe(neoplasm_items(tables / "ICD10CM_2025_neoplasms.csv", cm, phrasing)),
        "pcs_index": _dedupe(pcs_items(data / "icd10pcs" / "icd10pcs_index_2025.jsonl.gz", pcs)),
    }
    sampler = random.Random(seed)
    sample: list[Item] = []
    for source, share in SHARES.items():
        pool = pools[source]
        k = min(len(pool), round(total * share))
        sample += sampler.sample(pool, k)
    return sample, {s: len(p) for s, p in pools.items()}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="the raw official files (shared/data)"
    )
    parser.add_argument("--seed", type=int, default=20261)
    parser.add_argument("--total", type=int, default=2400)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"make_index_paths: no official data at {args.data} (give --data)", file=sys.stderr)
        return 2
    if args.total < 1:
        print("make_index_paths: --total must be at least 1", file=sys.stderr)
        return 2
    sample, pool_sizes = build(args.data, args.seed, args.total)
    counts = {s: sum(1 for i in sample if i.source == s) for s in SHARES}
    with args.out.open("w", newline="") as handle:
        handle.write(
            f"# generated by bench/make_index_paths.py --seed {args.seed} --total {args.total} from ../shared/data "
            f"(FY2025 indexes; codes valid on {DOS.isoformat()})\n"
        )
        handle.write(
            "# sample per source (pool size): "
            + ", ".join(f"{s} {counts[s]} ({pool_sizes[s]})" for s in SHARES)
            + "\n"
        )
        handle.write(
            "# match: exact | any_completion | any_initial_completion (see the script's docstring)\n"
        )
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["source", "path", "query", "expected", "match"])
        for item in sample:
            writer.writerow([item.source, item.path, item.query, shown(item), item.match])
    print(f"wrote {len(sample)} queries to {args.out}")
    for s in SHARES:
        print(f"  {s:<15} {counts[s]:>5} of {pool_sizes[s]:>6} eligible paths")
    return 0


if __name__ == "__main__":
    sys.exit(main())
