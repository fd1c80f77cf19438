"""Generate (and score) a seeded check of Z-code situations told the way users tell them.

    python bench/make_z_situations.py [--seed 21] [--total 300] [--out PATH] [--score --codes-db PATH]

A check no vocabulary row can game, which asks in users' words rather than the Index's: a seeded random sample
of ICD-10-CM Alphabetic Index lines whose code is a billable Z code (factors influencing health status, Z00-Z99)
and of the Tabular's inclusion terms of billable Z codes, each turned into the sentence a front desk, a nurse or
a social worker would type:
- the Index's frame word is dropped or said as a user says it ("Problem (with), landlord" -> "trouble with her
  landlord"; "History, personal, ..." -> "had ... in the past"; "Screening (for), ..." -> "checking for ..., no
  symptoms"; "Counseling, ..." -> "wants to talk about ..."; "Exposure (to), occupational, dust" -> "around dust
  at work");
- the subterms come in reverse order with the Index's relation and money words in lay words (child -> kid,
  parent -> mom, spouse -> husband, employment -> job, financial -> money);
- a person and a bit of context are added ("pt", "my mom", "per social worker").
Nonessential modifiers (parentheses), "NEC"/"NOS", brackets and lines of more than five subterm words are left
out. Expected: the line's code. `--score` prints top-1 / top-5 with the product (bench/eval_lookup.py's rules:
the expected code first / in the first five).
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
DATA = ROOT / "bot" / "lookups" / "data"
OUT = ROOT / "bench" / "probes" / "z_situations.tsv"

# How users say the Index's frame words: main term -> phrasings with "{}" for the subterms.
FRAMES: dict[str, tuple[str, ...]] = {
    "Problem": ("trouble with {}", "{} problems", "{}", "having issues with {}"),
    "History": ("had {} in the past", "hx of {}", "past {}"),
    "Status": ("has {}", "s/p {}", "{} status"),
    "Screening": ("checking for {}, no symptoms", "screen for {}", "{} screening"),
    "Counseling": ("wants to talk about {}", "counseling about {}", "{} counseling"),
    "Exposure": ("was around {}", "exposed to {}", "{} exposure"),
    "Contact": ("exposed to {}", "contact with {}"),
    "Aftercare": ("follow-up care after {}", "aftercare for {}"),
    "Fitting": ("fitting for {}", "adjusting {}"),
    "Lack of": ("doesn't have {}", "no {}", "lacks {}"),
    "Discord": ("fights with {}", "always arguing with {}"),
    "Conflict": ("conflict between {}", "{} arguing"),
    "Encounter": ("here for {}", "{} visit", "{}"),
    "Admission": ("here for {}", "{}"),
    "Examination": ("{} exam", "here for {} check"),
    "Long-term drug therapy": ("on {} long term", "takes {} daily"),
    "Absence": ("missing {}", "{} removed in the past"),
    "Presence": ("has {}", "{} in place"),
}
LAY: dict[str, tuple[str, ...]] = {
    "child": ("kid", "son", "daughter"),
    "parent": ("mom", "dad"),
    "parental": ("mom's", "dad's"),
    "spouse": ("husband", "wife"),
    "partner": ("boyfriend", "girlfriend"),
    "employment": ("job", "work"),
    "occupational": ("at work", "on the job"),
    "financial": ("money",),
    "neighbors": ("the neighbors",),
    "landlord": ("her landlord", "the landlord"),
}
PEOPLE = ("", "pt ", "patient ", "my mom ", "62 yo man, ", "she ", "client ")
TAILS = ("", "", " today", ", per social worker", ", per nurse note")
_PARENS = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]")
_LEAD = re.compile(r"^(?:encounter for|problems? related to|personal history of)\s+")
_DROP = re.compile(r"\b(?:NEC|NOS|specified|other)\b", re.IGNORECASE)


def _clean(term: str) -> str:
    return " ".join(_DROP.sub(" ", _PARENS.sub(" ", term)).split()).strip(" ,")


def _lay(words: str, rng: random.Random) -> str:
    return " ".join(rng.choice(LAY[w]) if w in LAY and rng.random() < 0.7 else w for w in words.split())


def billable_z() -> set[str]:
    with gzip.open(DATA / "cm_codes.tsv.gz", "rt") as f:
        return {
            r["code"]
            for r in csv.DictReader(f, delimiter="\t")
            if r["code"].startswith("Z") and r["billable"] == "1" and r["current"] == "1"
        }


def index_lines(billable: set[str]) -> list[tuple[list[str], str]]:
    """(terms of the path, code) of every Index line whose code is a billable Z code."""
    with gzip.open(DATA / "index_cm.tsv.gz", "rt") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    by_id = {r["id"]: r for r in rows}
    out = []
    for r in rows:
        code = r["code"].replace(".", "")
        if code not in billable:
            continue
        terms: list[str] = []
        at: dict[str, str] | None = r
        while at is not None:
            terms.append(at["term"])
            at = by_id.get(at["parent"])
        terms.reverse()
        out.append((terms, code))
    return out


def inclusion_lines(billable: set[str]) -> list[tuple[str, str]]:
    with gzip.open(DATA / "cm_notes.tsv.gz", "rt") as f:
        return [
            (r["text"], r["code"])
            for r in csv.DictReader(f, delimiter="\t")
            if r["kind"] == "inclusion" and r["code"] in billable
        ]


def tell(terms: list[str], rng: random.Random) -> str | None:
    """A user's sentence for an Index path, or None when it is too long or says nothing past its frame."""
    main, subs = terms[0].split(",")[0].strip(), [_clean(t) for t in terms[1:]]
    subs = [s for s in subs if s and s.lower() not in {"personal", "of", "for"}]
    if any(s.lower().split()[0] in {"with", "without", "due", "of"} for s in subs):
        return None  # (a connector's subterm: its order is the Index's, no user's)
    if not subs and main not in FRAMES:
        subs, main = [_clean(main)], ""
    said = " ".join(reversed(subs)).lower()
    if not said or len(said.split()) > 6:
        return None
    said = _lay(said, rng)
    pattern = rng.choice(FRAMES.get(main, ("{}",))) if main in FRAMES else f"{{}} {main.lower()}"
    return f"{rng.choice(PEOPLE)}{pattern.format(said)}{rng.choice(TAILS)}".strip()


def generate(seed: int, total: int) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    billable = billable_z()
    index = index_lines(billable)
    notes = inclusion_lines(billable)
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for terms, code in rng.sample(index, len(index)):
        if len(rows) >= total * 3 // 4:
            break
        query = tell(terms, rng)
        if query and query not in seen:
            seen.add(query)
            rows.append((query, code, "Index: " + ", ".join(terms)))
    for text, code in rng.sample(notes, len(notes)):
        if len(rows) >= total:
            break
        said = _LEAD.sub("", _clean(text).lower())
        if not said or not 2 <= len(said.split()) <= 7 or re.search(r"[:\d]|-$|classifiable", said):
            continue
        query = f"{rng.choice(PEOPLE)}{_lay(said, rng)}{rng.choice(TAILS)}".strip()
        if query not in seen:
            seen.add(query)
            rows.append((query, code, f"Tabular inclusion term of {code}: {text}"))
    return rows


def score(path: Path, codes_db: Path) -> None:
    from bot.lookups.codebook import CodeBook
    from bot.lookups.search import find_codes

    book = CodeBook.open(codes_db)
    with path.open() as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    top1 = top5 = 0
    for r in rows:
        want = {e.replace(".", "") for e in r["expected"].split("|")}
        got = [h.code.replace(".", "") for h in find_codes(book, r["query"], limit=5)]
        top1 += bool(got) and got[0] in want
        top5 += bool(want & set(got))
    n = len(rows) or 1
    print(f"z situations: {len(rows)} queries  top-1 {100 * top1 / n:.1f}%  top-5 {100 * top5 / n:.1f}%")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--total", type=int, default=300)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--score", action="store_true", help="score the file with the product")
    parser.add_argument("--codes-db", type=Path, help="a prepared code database (with --score)")
    args = parser.parse_args(argv)
    if args.score:
        if args.codes_db is None:
            parser.error("--score needs --codes-db")
        score(args.out, args.codes_db)
        return 0
    rows = generate(args.seed, args.total)
    with args.out.open("w", newline="") as f:
        f.write("id\tcategory\tquery\texpected\tpair\tsystem\trationale\n")
        for n, (query, code, why) in enumerate(rows, 1):
            f.write(
                f"zs-{n:04d}\tz_situation\t{query}\t{code[:3]}{'.' if len(code) > 3 else ''}{code[3:]}\t\tcm\t{why}\n"
            )
    print(f"{len(rows)} queries -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
