"""Generate (and score) a seeded check of Z-code Index lines whose subterm names a kind, asked about one thing
of that kind in users' words.

    python bench/make_z_kinds.py [--seed 23] [--total 200] [--out PATH] [--score --codes-db PATH]

The Index's Z lines name kinds ("Contact, venereal disease", "Screening, fever, hemorrhagic", "Exposure,
occupational, dust", "History, personal, allergy, insect"); users name a thing ("partner has chlamydia",
"checking for ebola", "allergic to fire ants"). A seeded random sample of ICD-10-CM Alphabetic Index lines
whose code is a billable Z code under the main terms Contact, Exposure, Screening, History (personal, allergy)
and Allergy, whose last subterm is a WordNet noun with narrower words: the subterm is swapped for one of its
narrower words (a hyponym one or two steps down, drawn at random: "venereal disease" -> "chlamydia"), and the
line told in a user's sentence (the frame said by a verb or the story: "my roommate has ...", "was around
..., feels fine", "checking for ..., no symptoms", "allergic to ..."; the other subterms kept, in lay order).
Lines whose subterm has no narrower word, or whose narrower word is itself an Index term under the same main
term (it would be asked by its own line), are left out. Expected: the line's code. `--score` prints top-1 /
top-5 with the product. The WordNet extract is the shipped one (bot/lookups/data/wordnet_*.tsv.gz).
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
DATA = ROOT / "bot" / "lookups" / "data"
OUT = ROOT / "bench" / "probes" / "z_kinds.tsv"

PEOPLE = ("my roommate", "her husband", "a coworker", "his girlfriend", "a classmate", "my partner")
TELLING: dict[str, tuple[str, ...]] = {
    "contact": (
        "{person} has {x}, I feel fine",
        "{person} was just diagnosed with {x}, pt has no symptoms",
        "was around someone with {x}",
    ),
    "screening": ("checking for {x}, no symptoms", "wants to be tested for {x}", "{x} screening, feels well"),
    "allergy": ("allergic to {x}", "{x} allergy", "can't have {x}, allergic"),
    "exposure": ("lives near {x}", "was around {x}", "exposed to {x} at home"),
}
_FRAME_WORDS = frozenset({"personal", "allergy", "status", "allergic", "history", "food", "insect", "drug"})
_NOT_KINDS = frozenset({"status", "allergy", "personal"})  # (subterms that are no kind of thing)
_PAREN = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]")
_NEC = re.compile(r"\s*\b(?:NEC|NOS)\b")


def _clean(term: str) -> str:
    return _NEC.sub("", _PAREN.sub("", term)).strip(" ,-").lower()


def _kind(path: list[str]) -> str:
    main = path[0].lower()
    if main.startswith("contact"):
        return "contact"
    if main.startswith("screening"):
        return "screening"
    if main.startswith("exposure") and "occupational" not in [p.lower() for p in path[1:2]]:
        return "exposure"
    if main.startswith("allergy") or path[:3] == ["history", "personal", "allergy"]:
        return "allergy"
    return ""


def _wordnet() -> tuple[
    dict[str, list[int]], dict[int, tuple[str, ...]], dict[int, list[int]], dict[int, str]
]:
    lemmas: dict[str, list[int]] = {}
    kinds: dict[int, str] = {}
    words: dict[int, tuple[str, ...]] = {}
    narrower: dict[int, list[int]] = defaultdict(list)
    with gzip.open(DATA / "wordnet_synsets.tsv.gz", "rt") as f:
        for line in f:
            sid, _kind_of, lemma_text, hypernyms = line.rstrip("\n").split("\t")
            words[int(sid)] = tuple(lemma_text.split("|"))
            kinds[int(sid)] = _kind_of
            for h in hypernyms.split():
                narrower[int(h)].append(int(sid))
    with gzip.open(DATA / "wordnet_lemmas.tsv.gz", "rt") as f:
        for line in f:
            lemma, senses, _pertains = line.rstrip("\n").split("\t")
            lemmas[lemma] = [int(s) for s in senses.split()]
    return lemmas, words, narrower, kinds


def generate(codes_db: Path, seed: int, total: int) -> list[tuple[str, str, str]]:
    import sqlite3

    conn = sqlite3.connect(codes_db)
    billable = {
        str(c)
        for (c,) in conn.execute(
            "SELECT code FROM codes WHERE system = 'cm' AND current = 1 AND billable = 1 AND code >= 'Z'"
        )
    }
    nodes = {
        int(i): (int(p), str(t), str(c).replace(".", ""))
        for i, p, t, c in conn.execute("SELECT id, parent, term, code FROM index_nodes WHERE book = 'cm'")
    }
    lemmas, words, narrower, kinds = _wordnet()
    lines: list[tuple[list[str], str]] = []
    under_main: dict[str, set[str]] = defaultdict(set)
    for i, (_parent, _term, code) in nodes.items():
        if code not in billable:
            continue
        path: list[str] = []
        at = i
        while at in nodes:
            path.append(_clean(nodes[at][1]))
            at = nodes[at][0]
        path.reverse()
        middle = [p for p in path[1:-1] if p not in _FRAME_WORDS]
        if len(path) < 2 or not _kind(path) or middle or {"neoplasm", "disease or disorder"} & set(path):
            continue  # (a line of one subterm: the thing asked is the whole situation)
        lines.append((path, code))
        under_main[path[0]] |= set(path[1:])
    lines.sort()
    rng = random.Random(seed)
    rng.shuffle(lines)
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for path, code in lines:
        if len(rows) >= total:
            break
        subterm = path[-1]
        senses = lemmas.get(subterm, []) if subterm not in _NOT_KINDS else []
        if not senses:
            continue
        if kinds[senses[0]] == "noun.body":
            continue
        below = list(narrower.get(senses[0], []))
        below += [n for b in below for n in narrower.get(b, [])]
        names = sorted(
            {w.replace("_", " ") for b in below if kinds[b] == kinds[senses[0]] for w in words[b][:1]}
            - under_main[path[0]]
            - {subterm}
        )
        names = [n for n in names if re.fullmatch(r"[a-z][a-z' -]{2,30}", n)]
        if not names:
            continue
        thing = rng.choice(names)
        said = thing
        kind = _kind(path)
        if kind == "contact" and kinds[senses[0]] != "noun.state":
            kind = "exposure"  # (a substance or a noise is around the patient; another person has a disease)
        elif kind == "exposure" and kinds[senses[0]] == "noun.state":
            kind = "contact"
        template = rng.choice(TELLING[kind])
        query = template.format(person=rng.choice(PEOPLE), x=said)
        if query in seen:
            continue
        seen.add(query)
        rows.append((query, code, f"Index: {', '.join(path)} ({thing} is a kind of {subterm}, WordNet)"))
    return rows


def score(path: Path, codes_db: Path, misses: bool = False) -> None:
    from bot.lookups.codebook import CodeBook
    from bot.lookups.search import find_codes

    book = CodeBook.open(codes_db)
    with path.open() as f:
        rows = list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))
    top1 = top5 = 0
    for r in rows:
        want = {e.replace(".", "") for e in r["expected"].split("|")}
        got = [h.code.replace(".", "") for h in find_codes(book, r["query"], limit=5)]
        top1 += bool(got) and got[0] in want
        top5 += bool(want & set(got))
        if misses and not (got and got[0] in want):
            print(f"  {r['query']!r:60} want {r['expected']:8} first {got[0] if got else '(nothing)'}")
    n = len(rows) or 1
    print(f"z kinds: {len(rows)} queries  top-1 {100 * top1 / n:.1f}%  top-5 {100 * top5 / n:.1f}%")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--total", type=int, default=200)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--score", action="store_true", help="score the file with the product")
    parser.add_argument("--misses", action="store_true", help="with --score: print the misses")
    parser.add_argument("--codes-db", type=Path, required=True, help="a prepared code database")
    args = parser.parse_args(argv)
    if args.score:
        score(args.out, args.codes_db, args.misses)
        return 0
    rows = generate(args.codes_db, args.seed, args.total)
    with args.out.open("w", newline="") as f:
        f.write(f"# python bench/make_z_kinds.py --seed {args.seed} --total {args.total}\n")
        f.write("id\tcategory\tquery\texpected\tpair\tsystem\trationale\n")
        for n, (query, code, why) in enumerate(rows, 1):
            dotted = f"{code[:3]}.{code[3:]}" if len(code) > 3 else code
            f.write(f"zk-{n:04d}\tz_kind\t{query}\t{dotted}\t\tcm\t{why}\n")
    print(f"{len(rows)} queries -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
