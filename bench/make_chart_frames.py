"""A generated invariance check: an Index path said inside a chart's frame, or its "with" said another way,
must be answered as the bare path is.

    python bench/make_chart_frames.py --codes-db /tmp/NAME/codes.sqlite [--seed 20621] [--total 600] [--misses]
    python bench/make_chart_frames.py --out /tmp/NAME/chart_frames.tsv      # write the queries only

A coder reads past a note's frame: "Assessment: X", "Dx: X", "Pt presents with X x3 days", "PMH significant
for hypertension; today X", "f/u for X" are all X (guideline IV.A: the condition chiefly responsible for the
visit is listed first; the section label, the duration, the past history beside it are no words of X). And an
Index "with" line is presumed linked however the chart joins the two (guideline I.A.15): "type 2 diabetes
with chronic kidney disease" is also written "chronic kidney disease due to type 2 diabetes", "type 2
diabetes causing chronic kidney disease", "type 2 diabetes, chronic kidney disease" and "type 2 diabetes and
chronic kidney disease" - one combination code.

The paths come from bench/make_index_paths.py's generator (the ICD-10-CM Alphabetic Index, codes valid on its
date), sampled with random.Random(seed) - a seed other than index_paths.tsv's, so mostly other paths:

- `frame`: --total paths, each put in one frame chosen at random (FRAMES);
- `with`: up to --total / 4 paths whose natural query is "X with Y" (one "with", no other connector), each
  said in one of LINKS chosen at random.

With --codes-db each framed query and its bare query are looked up (find_codes, top 5). Reported per kind:
how many framed answers differ from the bare one at rank 1 (the invariance figure: lower is better), and the
share of right first answers and right top-5 answers for the bare and the framed queries (scored as
bench/eval_lookup.py scores index_paths.tsv).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_index_paths import DEFAULT_DATA, Item, Resolver, _dedupe, index_items, load_valid  # noqa: E402

FRAMES = (
    ("assessment", "Assessment: {q}"),
    ("dx", "Dx: {q}"),
    ("presents", "Pt presents with {q} x3 days"),
    ("pmh_today", "PMH significant for hypertension; today {q}"),
    ("follow_up", "f/u for {q}"),
    ("problem_list", "Problem list: {q}"),
    ("report", "{study}: {q}"),
    ("hpi_age", "HPI: {age} yo {sex} with {q}"),
    ("history_now", "h/o hypertension, now with {q}"),
    ("plan_clause", "{q}, {plan}"),
    ("duration", "{q} x{n} {unit}"),
    ("known", "pt with known {q}"),
    ("negated", "{q}, {negated}"),
    ("rule_out", "{q}, r/o {ruled}"),
    ("label_plan", "A/P: {q}, {plan}"),
    ("numbered", "A/P: {n}. {q}"),
    ("sentences", "PMH: hypertension, hyperlipidemia. CC: {q}"),
)
# What the chart denies or has not established beside the finding: no code of it (guideline IV.H, I.A.19).
NEGATED = ("no fever", "denies chest pain", "no acute distress", "no SOB", "afebrile")
RULED = ("malignancy", "infection", "fracture", "PE", "MI")
# A report's label: the study that found the finding ("CT abdomen: ...").
STUDIES = ("CT", "CT abdomen/pelvis", "MRI", "MRI brain", "US", "CXR", "Xray", "EMG", "Echo", "Path", "Exam")
# A plan said after the finding ("..., will monitor"): no word of it.
PLANS = ("will monitor", "stable", "continue current meds", "f/u 3 months", "improving", "discussed with pt")
# A frame for a visit after the first: an injury's code is then a subsequent encounter's, rightly not the bare
# path's - those frames are not put around an injury or poisoning path (chapter 19's seventh character).
_LATER = frozenset({"follow_up"})
LINKS = (
    ("due_to", "{y} due to {x}"),
    ("causing", "{x} causing {y}"),
    ("comma", "{x}, {y}"),
    ("and", "{x} and {y}"),
)
MAX_SIDE_WORDS = 4  # the words of each side of a "with" query rephrased
# The connectors of make_index_paths.natural, as words a "with" query must not hold beside its one "with".
_OTHER_LINK = re.compile(
    r"\b(?:without|due to|in|on|from|of|by|following|during|after|complicating|associated with|involving|"
    r"secondary to|related to|caused by|causing|and)\b"
)


@dataclass(frozen=True)
class Case:
    kind: str  # frame | with
    form: str  # the frame's or link's name
    bare: str
    query: str
    expected: str  # |-separated undotted codes or prefixes
    match: str


def _with_parts(query: str) -> tuple[str, str] | None:
    if query.count(" with ") != 1:
        return None
    x, y = (p.strip() for p in query.split(" with "))
    if not x or not y or _OTHER_LINK.search(x) or _OTHER_LINK.search(y) or re.search(r"\d", y):
        return None
    if len(x.split()) > MAX_SIDE_WORDS or len(y.split()) > MAX_SIDE_WORDS:
        return None  # (a path's deeper levels told after "with" are no condition of their own)
    return x, y


def build(data: Path, seed: int, total: int) -> list[Case]:
    cm_valid, _ = load_valid(data)
    items: list[Item] = _dedupe(
        index_items("cm_index", data / "icd10cm" / "index" / "ICD10CM_2025_Index.csv.gz", Resolver(cm_valid))
    )
    rng = random.Random(seed)
    framed = rng.sample(items, min(total, len(items)))
    cases = []
    for item in framed:
        form, template = rng.choice(FRAMES)
        while form in _LATER and item.expected[:1] in "ST":
            form, template = rng.choice(FRAMES)
        query = template.format(
            q=item.query,
            study=rng.choice(STUDIES),
            age=rng.randint(25, 85),
            sex=rng.choice("MF"),
            plan=rng.choice(PLANS),
            negated=rng.choice(NEGATED),
            ruled=rng.choice(RULED),
            n=rng.randint(2, 5),
            unit=rng.choice(("days", "weeks")),
        )
        cases.append(Case("frame", form, item.query, query, item.expected, item.match))
    linked = [(i, parts) for i in items if (parts := _with_parts(i.query)) is not None]
    for item, (x, y) in rng.sample(linked, min(total // 4, len(linked))):
        form, template = rng.choice(LINKS)
        cases.append(Case("with", form, item.query, template.format(x=x, y=y), item.expected, item.match))
    return cases


def _right(codes: list[str], case: Case) -> tuple[bool, bool]:
    def hit(code: str) -> bool:
        c = code.replace(".", "").upper()
        for e in case.expected.split("|"):
            if case.match == "exact" and c == e:
                return True
            if case.match == "any_completion" and c.startswith(e):
                return True
            if case.match == "any_initial_completion" and c.startswith(e) and len(c) == 7 and c.endswith("A"):
                return True
        return False

    return bool(codes) and hit(codes[0]), any(hit(c) for c in codes[:5])


def check(cases: list[Case], codes_db: Path, misses: bool) -> None:
    from bot.lookups.codebook import CodeBook
    from bot.lookups.search import QueryError, find_codes

    book = CodeBook.open(codes_db)

    def look(text: str) -> list[str]:
        try:
            return [h.code for h in find_codes(book, text, limit=5)]
        except QueryError:
            return []

    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * 6)
    started = time.perf_counter()
    for case in cases:
        bare, framed = look(case.bare), look(case.query)
        b1, b5 = _right(bare, case)
        f1, f5 = _right(framed, case)
        differs = (bare[:1] != framed[:1]) and bool(bare)
        for key in ((case.kind, case.form), (case.kind, "all")):
            t = tally[key]
            t[0] += 1
            t[1] += differs
            t[2] += b1
            t[3] += b5
            t[4] += f1
            t[5] += f5
        if misses and (differs or (b1 and not f1)):
            first = framed[0] if framed else "(nothing)"
            print(
                f"  {case.kind:5} {case.form:10} {case.query[:70]!r:74} bare {bare[0] if bare else '-':9} "
                f"framed {first:9} want {case.expected}"
            )
    print(f"chart frames check: {len(cases)} cases in {time.perf_counter() - started:.0f} s")
    print(
        f"  {'kind':6}{'form':12}{'n':>5}{'differ':>8}{'bare top-1':>12}{'top-5':>8}{'framed top-1':>14}{'top-5':>8}"
    )
    for (kind, form), t in sorted(tally.items()):
        n = t[0]
        print(
            f"  {kind:6}{form:12}{n:>5}{t[1]:>8}{100 * t[2] / n:>11.1f}%{100 * t[3] / n:>7.1f}%"
            f"{100 * t[4] / n:>13.1f}%{100 * t[5] / n:>7.1f}%"
        )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="the raw official files (shared/data)"
    )
    parser.add_argument("--seed", type=int, default=20621)
    parser.add_argument("--total", type=int, default=600)
    parser.add_argument("--codes-db", type=Path, help="a prepared code database: run the check")
    parser.add_argument("--out", type=Path, help="write the cases as TSV")
    parser.add_argument("--misses", action="store_true", help="list each case whose answer moved")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"make_chart_frames: no official data at {args.data} (give --data)", file=sys.stderr)
        return 2
    cases = build(args.data, args.seed, args.total)
    if args.out:
        with args.out.open("w", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
            writer.writerow(["kind", "form", "bare", "query", "expected", "match"])
            for c in cases:
                writer.writerow([c.kind, c.form, c.bare, c.query, c.expected, c.match])
        print(f"wrote {len(cases)} cases to {args.out}")
    if args.codes_db:
        check(cases, args.codes_db, args.misses)
    elif not args.out:
        print(f"{len(cases)} cases (give --codes-db to run the check or --out to write them)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
