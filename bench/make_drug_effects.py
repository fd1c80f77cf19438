"""Generate and score drug-effect stories: a condition a drug caused, or brought back when it was stopped, where
the Index has no drug-cause line for the condition.

    python bench/make_drug_effects.py [--seed 42] [--adverse 400] [--underdosing 200] [--out PATH]
    python bench/make_drug_effects.py --score --codes-db PATH [--misses]

A coder codes a condition a drug taken as prescribed caused by "the nature of the adverse effect" first, the
Drug Table's adverse-effect code (T36-T50, fifth or sixth character 5) beside it (guideline I.C.19.e.5.a); and
a condition that relapsed or worsened because a drug was taken less than prescribed by the condition first, the
underdosing code (character 6) beside it (I.C.19.e.5.c). bench/make_drug_caused.py asks the Index's own
drug-induced lines; this asks every other condition, the common case: the Index names no drug for it, so the
condition's own line answers.

What it samples (random.Random(seed), deterministic):
- a condition: an ICD-10-CM Index line of a main term and at most one subterm, with a code, no "see" and no
  connector subterm ("with", "due to", "in" ...), whose code is valid (bench/make_index_paths.py's rules, a
  code needing an encounter character left out) and lies in a two-character range (D5, E2, G2, H9, L2 ...)
  where the Tabular asks for the adverse-effect code ("Use additional code for adverse effect, if applicable,
  to identify drug (T36-T50 with fifth or sixth character 5)"; chapters 15, 16, 19 and 20 left out), whose title names no drug, poisoning or toxic effect, and
  whose main term has no drug-cause line anywhere under it (no subterm naming a drug or medicament: for such a
  condition the drug-induced line would be the answer, bench/make_drug_caused.py's set). Said in its own
  words in the path order of make_index_paths ("Effusion, joint, ankle" is not used: it has two subterms;
  "Edema, localized" -> "localized edema");
- a drug: one of make_drug_caused's (a single-word Table substance a HCPCS J/Q descriptor names, whose
  adverse-effect column is T36-T50);
- a phrasing of the drug taken as prescribed (adverse) or stopped (underdosing).

Expected first: the condition's code. Second figure (`T in top 5`): the drug's adverse-effect (or underdosing)
code, initial encounter, anywhere in the top 5.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_drug_caused import NOT_CONDITION, drugs
from make_index_paths import (
    CONNECTORS,
    DEFAULT_DATA,
    SKIP_TERM,
    Resolver,
    _nested,
    _rows,
    load_valid,
    natural,
)

ROOT = Path(__file__).resolve().parent.parent
OUT = Path("/tmp") / "drug_effects.tsv"
ADVERSE = (
    "{c} from {d}",
    "{c} on {d}",
    "{c} after starting {d}",
    "{d} gave me {c}",
    "{c}, side effect of {d}",
)
UNDERDOSING = (
    "stopped taking {d}, {c}",
    "ran out of {d} and {c}",
    "missed my {d} doses, now {c}",
)
DRUG_WORD = re.compile(r"(?i)\b(?:drugs?|medicaments?|medicinal|medications?|induced)\b")
NOT_CAUSED = re.compile(r"^(?:C|D[0-4]|F1|[OPQSTUVWXYZ])")
TITLE_CAUSE = re.compile(
    r"(?i)\b(?:drugs?|medicaments?|induced|poisoning|toxic|adverse|withdrawal|abuse|dependence|"
    r"underdosing|use|due to|following|postprocedural|complicating)\b"
)
# Born with, or of a procedure: a drug taken as prescribed does not cause it (the title's or the line's words).
NOT_DRUG_STORY = re.compile(
    r"(?i)\b(?:congenital|hereditary|familial|constitutional|autosomal|newborn|infantile|tracheostomy|"
    r"ventilator|intraoperative|stoma|prosthe\w*|implant\w*|graft|device)\b"
)


@dataclass(frozen=True)
class Story:
    id: str
    kind: str  # adverse | underdosing
    phrasing: str
    query: str
    condition: str  # undotted code or prefix
    mode: str  # exact | any_completion
    t_code: str  # the drug's T code for the column, 7th character A, undotted
    path: str


def adverse_ranges(data: Path) -> frozenset[str]:
    """The two-character code ranges (D5, E2, G2, H9 ...) where a Tabular entry outside chapters 16 and 19 says
    "Use additional code for adverse effect, if applicable, to identify drug (T36-T50 with fifth or sixth
    character 5)": the parts of the classification an adverse effect shows in."""
    with gzip.open(data / "icd10cm" / "codes" / "icd10cm-tabular-April-2025.xml.gz", "rt") as handle:
        root = ElementTree.parse(handle).getroot()
    out: set[str] = set()
    for diag in root.iter("diag"):
        notes = [n.text or "" for part in diag if part.tag != "diag" for n in part.findall("note")]
        name = diag.findtext("name") or ""
        if any("adverse effect, if applicable" in n for n in notes) and not NOT_CAUSED.match(name):
            out.add(name[:2])
    return frozenset(out)


def titles(data: Path) -> dict[str, str]:
    with gzip.open(data / "icd10cm" / "codes" / "icd10cm_codes_fy2025_from_drg_pkg.csv.gz", "rt") as handle:
        return {row[0]: row[1] for row in csv.reader(handle) if len(row) >= 2}


def conditions(data: Path, cm: Resolver) -> list[tuple[str, str, str, str]]:
    """(words, code, match, path) of every Index line a drug story can be told of (the module's rules)."""
    rows = list(_nested(_rows(data / "icd10cm" / "index" / "ICD10CM_2025_Index.csv.gz")))
    caused = {levels[0] for levels, _ in rows if any(DRUG_WORD.search(t) for t in levels[1:])}
    named = titles(data)
    ranges = adverse_ranges(data)
    out: list[tuple[str, str, str, str]] = []
    seen: set[str] = set()
    for levels, row in rows:
        code = (row.get("Code") or "").strip()
        if not code or len(levels) > 2 or levels[0] in caused or NOT_CONDITION.match(levels[0]):
            continue
        if any(SKIP_TERM.search(t) for t in levels) or DRUG_WORD.search(levels[0]):
            continue
        if len(levels) == 2 and any(
            levels[1].lower() == c or levels[1].lower().startswith(c + " ") for c in CONNECTORS
        ):
            continue
        resolved = cm.resolve(code)
        if not resolved or resolved[1] == "any_initial_completion" or resolved[0][:2] not in ranges:
            continue
        title = named.get(resolved[0], "") if resolved[1] == "exact" else ""
        if TITLE_CAUSE.search(title) or NOT_DRUG_STORY.search(f"{title} {', '.join(levels)}"):
            continue
        words = natural(levels)
        if not 3 <= len(words) <= 50 or words in seen:
            continue
        seen.add(words)
        out.append((words, resolved[0], resolved[1], ", ".join(levels)))
    return out


def drug_codes(data: Path, names: list[str]) -> dict[str, tuple[str, str]]:
    """Each drug's (adverse-effect, underdosing) codes as the Table prints them."""
    wanted = set(names)
    out: dict[str, tuple[str, str]] = {}
    for levels, row in _nested(_rows(data / "icd10cm" / "tables" / "ICD10CM_2025_Drugs.csv.gz")):
        name = levels[0].strip().lower()
        if len(levels) == 1 and name in wanted:
            out[name] = ((row.get("AdverseEffect") or "").strip(), (row.get("Underdosing") or "").strip())
    return out


def _initial(code: str) -> str:
    c = code.replace(".", "").rstrip("-")
    return c.ljust(6, "X") + "A" if re.match(r"^T\d", c) else ""


def generate(data: Path, seed: int, adverse: int, underdosing: int) -> list[Story]:
    cm_valid, _ = load_valid(data)
    cm = Resolver(cm_valid)
    pool = conditions(data, cm)
    names = drugs(data)
    codes = drug_codes(data, names)
    rng = random.Random(seed)
    picked = rng.sample(pool, min(len(pool), adverse + underdosing))
    out: list[Story] = []
    for i, (words, code, match, path) in enumerate(picked):
        kind = "adverse" if i < adverse else "underdosing"
        phrasing = rng.choice(ADVERSE if kind == "adverse" else UNDERDOSING)
        drug = rng.choice(names)
        t_code = _initial(codes[drug][0 if kind == "adverse" else 1])
        if not t_code:
            continue
        query = phrasing.format(c=words, d=drug)
        out.append(Story(f"de{i + 1:04d}", kind, phrasing, query, code, match, t_code, path))
    return out


def _right(code: str, story: Story) -> bool:
    c = code.replace(".", "")
    return c == story.condition if story.mode == "exact" else c.startswith(story.condition)


def score(stories: list[Story], codes_db: Path, misses: bool) -> None:
    sys.path.insert(0, str(ROOT))
    from bot.lookups.codebook import CodeBook
    from bot.lookups.errors import QueryError
    from bot.lookups.search import find_codes

    book = CodeBook.open(codes_db)
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    for story in stories:
        try:
            hits = list(find_codes(book, story.query, limit=5))
        except QueryError:
            hits = []
        got = [h.code.replace(".", "") for h in hits]
        first = bool(got) and _right(got[0], story)
        top5 = any(_right(c, story) for c in got)
        t_in = story.t_code in got
        for key in ("all", story.kind, f"{story.kind}: {story.phrasing}"):
            tally[key]["n"] += 1
            tally[key]["top1"] += first
            tally[key]["top5"] += top5
            tally[key]["t5"] += t_in
        if misses and not first:
            kind = "nothing" if not got else "t_first" if got[0].startswith("T") else "other"
            shown = f"{hits[0].code} {hits[0].title[:55]}" if hits else "(nothing)"
            print(
                f"{'*' if top5 else ' '} {story.id} {story.kind:11} {kind:8} {story.query!r:62} "
                f"want {story.condition} first {shown}"
            )
    print("drug-effect stories: condition first (top-1 / top-5), and the T code in the top 5")
    for key in sorted(tally, key=lambda k: (k != "all", k)):
        s = tally[key]
        n = s["n"]
        print(
            f"  {key:45} {n:5}  {100 * s['top1'] / n:5.1f}%  {100 * s['top5'] / n:5.1f}%  "
            f"T {100 * s['t5'] / n:5.1f}%"
        )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--adverse", type=int, default=400)
    parser.add_argument("--underdosing", type=int, default=200)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--score", action="store_true", help="score the stories with the worktree's search")
    parser.add_argument("--codes-db", type=Path)
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"make_drug_effects: no official data at {args.data} (give --data)", file=sys.stderr)
        return 2
    stories = generate(args.data, args.seed, args.adverse, args.underdosing)
    with args.out.open("w") as handle:
        handle.write("id\tkind\tquery\texpected\tmatch\tt_code\tpath\n")
        for s in stories:
            handle.write(f"{s.id}\t{s.kind}\t{s.query}\t{s.condition}\t{s.mode}\t{s.t_code}\t{s.path}\n")
    if not args.score:
        print(f"make_drug_effects: {len(stories)} stories -> {args.out}")
        return 0
    if args.codes_db is None:
        print("make_drug_effects: --score needs --codes-db", file=sys.stderr)
        return 2
    score(stories, args.codes_db, args.misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
