"""Generate a seeded check of qualifiers that pick one code among its Tabular siblings.

    python bench/make_sibling_queries.py [--seed 41] [--total 2000] [--out PATH]
    python bench/make_sibling_queries.py --score --codes-db /tmp/NAME/codes.sqlite [--misses]

A coder reads the condition, then the axis that separates the sibling codes: the side (right / left / bilateral /
unspecified, guideline I.B.13), the acuity (acute / chronic / acute on chronic: the Index subterms and I.B.8, acute and chronic
conditions), the encounter (initial / subsequent / sequela, I.C.19.a 7th characters), with or without a
complication ("with" convention, I.A.15), the trimester (I.C.15.a.3), a stage or a type. This check draws its queries from
the whole Tabular (`bot/lookups/data/cm_codes.tsv.gz`), never from query rows:

- Sibling groups: billable, current ICD-10-CM codes under one parent, less the residual codes whose titles say
  "other", "specified" or "not elsewhere classified" (a chart does not say them, and the condition said without
  them is the group's unspecified code). A code is drawn when one of its siblings'
  titles differs from its own in exactly one run of words, and that run is a qualifier of one axis: the side words,
  the acuity words, the encounter words of a 7th character, "with ..." against "without ...", a trimester, a type.
- The query: the title without its qualifier and its filler words ("unspecified", "of", bracketed synonyms),
  the qualifier said the way charts say the axis: the side as "right" / "rt" / "R" / "right-sided" (left
  alike), "bilateral" / "bilat" / "b/l" / "both sides"; the acuity as "acute" / "acute onset", "chronic" /
  "chr" / "longstanding", "acute on chronic" / "acute-on-chronic", "subacute"; the encounter as "initial
  encounter" / "initial visit" / "ED visit" / "initial" / nothing, "subsequent encounter" / "subs" / "f/u
  visit" / "follow-up" / "subsequent visit", "sequela" / "late effect of" / "sequela of"; "with X" as "with X" /
  "w/ X"; "without X" as "without X" / "w/o X" / "no X"; a trimester as "2nd trimester" / "second trimester"
  / "2nd tri"; a stage as "stage 2" / "stage II"; a type as "type 2" / "type II" - before or after the
  condition, drawn from the seed. An unspecified side or trimester is said by nothing (a chart that does not
  say it). The query is never the title verbatim.
- Draw: axis by axis, a seeded sample of the axis's codes, taken in turn from each value of the axis (each axis
  capped, so no axis swamps the figures). The encounter axis keeps titles whose 7th character says only
  "initial encounter" / "subsequent encounter" / "sequela" (fractures' healing characters are
  bench/make_injury_queries.py's).
- Scoring: right first / in the top 5 when the exact code is (the same rules as bench/eval_lookup.py), by axis.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import gzip
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODES = ROOT / "bot" / "lookups" / "data" / "cm_codes.tsv.gz"
OUT = Path("/tmp") / "sibling_queries.tsv"

_TOKEN = re.compile(r"[A-Za-z0-9'/\-]+|[,()\[\]]")
_SIDE = {"right", "left", "bilateral", "unspecified", "unilateral"}
_ACUITY = {"acute", "chronic", "subacute", "on"}
_ORDINAL = {"first": "1", "second": "2", "third": "3"}
_TYPES = {"1": "1", "2": "2", "i": "1", "ii": "2", "iii": "3", "iv": "4", "3": "3", "4": "4"}
_PLAIN_ENCOUNTER = re.compile(r", (initial encounter|subsequent encounter|sequela)$")
# A title saying "other" / "specified" / "not elsewhere classified" is the residual code of its group: a chart
# does not say those words, and the condition said without them is the group's unspecified code, not this one.
_RESIDUAL = re.compile(r"(?i)\bother\b|(?<!un)specified\b|\bNEC\b|not elsewhere classified")
_FILLER = re.compile(
    r"(?i)\bnot elsewhere classified\b|\bNEC\b|\[[^\]]*\]|\(s\)|\bunspecified\b|\bother\b|,?\s*not specified as \w+"
)


def _tokens(title: str) -> list[str]:
    return _TOKEN.findall(title)


def _axis(own: list[str], other: list[str]) -> str | None:
    """The axis a differing run of words belongs to, or None (own: this code's run, other: the sibling's)."""
    lo = [w.lower() for w in own]
    ot = [w.lower() for w in other]
    both = set(lo) | set(ot)
    if not lo and not ot:
        return None
    if lo and set(lo) <= _SIDE and set(ot) <= _SIDE and both & {"right", "left", "bilateral"}:
        return "side"
    if lo and set(lo) <= _ACUITY | {","} and set(ot) <= _ACUITY | {","} and both & {"acute", "chronic"}:
        return "acuity"
    if (
        lo
        and lo[0] in ("initial", "subsequent", "sequela")
        and ot
        and ot[0] in ("initial", "subsequent", "sequela")
    ):
        return "encounter"
    if lo and ot and {lo[0], ot[0]} == {"with", "without"}:
        return "with"
    if lo and set(lo) <= set(_ORDINAL) | {"unspecified"} and set(ot) <= set(_ORDINAL) | {"unspecified"}:
        return "trimester"
    if (
        lo
        and len(lo) <= 2
        and set(lo) <= set(_TYPES) | {"type"}
        and set(ot) <= set(_TYPES) | {"type", "unspecified"}
    ):
        return "number"
    return None


def _qualifier(rng: random.Random, axis: str, run: list[str], title: str) -> tuple[str, str]:
    """(words for the qualifier, where they go: 'front' / 'back' / 'keep') drawn from the seed."""
    words = re.sub(r"\s+([,)\]])", r"\1", " ".join(run)).replace("( ", "(").replace("[ ", "[")
    low = words.lower()
    where = rng.choice(("front", "back"))
    if axis == "side":
        if low in ("unspecified", "unilateral, unspecified", "unspecified side"):
            return "", where
        if "right" in low:
            return rng.choice(("right", "rt", "R", "right-sided", "right")), where
        if "left" in low:
            return rng.choice(("left", "lt", "L", "left-sided", "left")), where
        if "bilateral" in low:
            return rng.choice(("bilateral", "bilat", "b/l", "both sides", "bilateral")), where
        return "", where
    if axis == "acuity":
        if "on" in low.split():
            return rng.choice(("acute on chronic", "acute-on-chronic", "acute on chronic")), "front"
        if "subacute" in low:
            return "subacute", "front"
        if "acute" in low:
            return rng.choice(("acute", "acute", "acute onset")), "front"
        return rng.choice(("chronic", "chr", "longstanding", "chronic")), "front"
    if axis == "encounter":
        if low.startswith("initial"):
            return rng.choice(("initial encounter", "initial visit", "ED visit", "initial", "")), "back"
        if low.startswith("subsequent"):
            return rng.choice(
                ("subsequent encounter", "subs", "f/u visit", "follow-up", "subsequent visit")
            ), "back"
        return rng.choice(("sequela", "late effect of", "sequela of")), "back"
    if axis == "with":
        rest = words.split(" ", 1)[1] if " " in words else ""
        rest = re.sub(r"(?i)^(complication|complications)$", "complications", rest)
        if low.startswith("without"):
            form = rng.choice(("without {}", "w/o {}", "no {}"))
        else:
            form = rng.choice(("with {}", "w/ {}", "with {}"))
        return form.format(rest).strip(), "back" if rng.random() < 0.75 else "front"
    if axis == "trimester":
        n = next((_ORDINAL[w] for w in low.split() if w in _ORDINAL), "")
        if not n:
            return "", where
        sfx = {"1": "st", "2": "nd", "3": "rd"}[n]
        word = {"1": "first", "2": "second", "3": "third"}[n]
        return rng.choice((f"{n}{sfx} trimester", f"{word} trimester", f"{n}{sfx} tri")), where
    # type or stage
    n = next((_TYPES[w] for w in low.split() if w in _TYPES), "")
    roman = {"1": "I", "2": "II", "3": "III", "4": "IV"}.get(n, n)
    if axis == "stage":
        return rng.choice((f"stage {n}", f"stage {roman}", f"stage {n}")), where
    return rng.choice((f"type {n}", f"type {roman}", f"type {n}")), "front"


def _query(rng: random.Random, title: str, axis: str, start: int, end: int) -> str | None:
    toks = _tokens(title)
    if axis == "encounter":
        end = len(toks)
    run = toks[start:end]
    body_toks = toks[:start] + toks[end:]
    if axis == "trimester":
        body_toks = [t for t in body_toks if t.lower() != "trimester"]
    if axis in ("type", "stage"):
        body_toks = [t for t in body_toks if t.lower() != axis]
    body = " ".join(body_toks)
    body = re.sub(r"\s+([,)\]])", r"\1", body).replace("( ", "(").replace("[ ", "[")
    body = _FILLER.sub(" ", body)
    if rng.random() < 0.6:
        body = re.sub(r"\bof\b", " ", body)
    body = re.sub(r"\(\s*\)", " ", body)
    body = re.sub(r"\s+", " ", body).replace(" ,", ",")
    body = re.sub(r"(,\s*)+", ", ", body).strip(" ,")
    if not body:
        return None
    body = body[0].lower() + body[1:] if not body[:2].isupper() else body
    qual, where = _qualifier(rng, axis, run, title)
    if qual == "late effect of" or qual == "sequela of":
        phrase = f"{qual} {body}"
    elif not qual:
        phrase = body
    elif where == "front":
        phrase = f"{qual} {body}"
    else:
        phrase = f"{body}, {qual}" if rng.random() < 0.5 else f"{body} {qual}"
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,")
    if phrase.lower() == title.lower():
        return None
    return phrase


def siblings() -> dict[str, list[tuple[str, str, str, int, int]]]:
    """Axis -> (code, title, axis value words, run start, run end) for every code with a one-qualifier sibling."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with gzip.open(CODES, "rt", newline="") as handle:
        for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if r["billable"] != "1" or r["current"] != "1" or r["kind"] != "code":
                continue
            groups[r["parent"]].append((r["code"], r["title"]))
    found: dict[str, list[tuple[str, str, str, int, int]]] = defaultdict(list)
    for parent in sorted(groups):
        members = groups[parent]
        for code, title in members:
            if _RESIDUAL.search(title):
                continue
            own = _tokens(title)
            best: tuple[int, str, int, int] | None = None
            for other_code, other_title in members:
                if other_code == code:
                    continue
                oth = _tokens(other_title)
                ops = [
                    op
                    for op in difflib.SequenceMatcher(None, own, oth, autojunk=False).get_opcodes()
                    if op[0] != "equal"
                ]
                if len(ops) != 1:
                    continue
                _, i1, i2, j1, j2 = ops[0]
                axis = _axis(own[i1:i2], oth[j1:j2])
                if axis == "number":
                    before = own[i1 - 1].lower() if i1 else ""
                    axis = (
                        {"type": "type", "stage": "stage"}.get(before) if "type" not in own[i1:i2] else "type"
                    )
                if axis == "encounter" and not _PLAIN_ENCOUNTER.search(title):
                    continue
                if axis == "with":
                    i2 = next((k for k in range(i1, len(own)) if own[k] == ","), len(own))
                if axis is None:
                    continue
                size = (i2 - i1) + (j2 - j1)
                if best is None or size < best[0]:
                    best = (size, axis, i1, i2)
            if best is not None:
                _, axis, i1, i2 = best
                found[axis].append((code, title, " ".join(own[i1:i2]).lower(), i1, i2))
    return found


CAPS = {
    "side": 500,
    "encounter": 350,
    "with": 350,
    "acuity": 250,
    "trimester": 250,
    "type": 150,
    "stage": 150,
}


def generate(seed: int, total: int) -> list[tuple[str, str, str, str]]:
    found = siblings()
    rng = random.Random(seed)
    scale = total / sum(CAPS.values())
    out: list[tuple[str, str, str, str]] = []
    seen: set[str] = set()
    for axis in sorted(CAPS):
        pool = found.get(axis, [])
        want = min(len(pool), round(CAPS[axis] * scale))
        order = _by_value(rng, axis, pool)
        taken = 0
        for code, title, value, i1, i2 in order:
            if taken >= want:
                break
            q = _query(rng, title, axis, i1, i2)
            if not q or q.lower() in seen:
                continue
            seen.add(q.lower())
            label = f"{axis}:{_value(axis, value)}"
            out.append((code, q, title, label))
            taken += 1
    return out


def _by_value(
    rng: random.Random, axis: str, pool: list[tuple[str, str, str, int, int]]
) -> list[tuple[str, str, str, int, int]]:
    """The axis's codes shuffled, then taken in turn from each value (a rare value - bilateral - is not swamped)."""
    values: dict[str, list[tuple[str, str, str, int, int]]] = defaultdict(list)
    for row in pool:
        values[_value(axis, row[2])].append(row)
    for rows in values.values():
        rng.shuffle(rows)
    out: list[tuple[str, str, str, int, int]] = []
    for k in range(max((len(v) for v in values.values()), default=0)):
        out.extend(values[v][k] for v in sorted(values) if k < len(values[v]))
    return out


def _value(axis: str, value: str) -> str:
    if axis == "side":
        return next((w for w in ("right", "left", "bilateral") if w in value), "unspecified")
    if axis == "acuity":
        return "acute-on-chronic" if " on " in f" {value} " else value.replace(",", "").strip()
    if axis == "encounter":
        return value.split()[0]
    if axis == "with":
        return value.split()[0]
    if axis == "trimester":
        return next((w for w in _ORDINAL if w in value), "unspecified")
    return axis


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=41)
    parser.add_argument("--total", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--score", action="store_true", help="score the queries with the worktree's search")
    parser.add_argument("--codes-db", type=Path)
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--counts", action="store_true", help="print the sibling pool's size by axis")
    args = parser.parse_args()
    if args.counts:
        for axis, rows in sorted(siblings().items()):
            print(f"{axis:10} {len(rows)}")
        return 0
    rows = generate(args.seed, args.total)
    with args.out.open("w") as handle:
        handle.write("id\tquery\texpected\ttitle\taxis\n")
        for i, (code, q, title, label) in enumerate(rows, 1):
            handle.write(f"sib{i:04d}\t{q}\t{code}\t{title}\t{label}\n")
    if not args.score:
        print(f"{len(rows)} queries -> {args.out}")
        return 0
    sys.path.insert(0, str(ROOT))
    from bot.lookups.codebook import CodeBook
    from bot.lookups.search import find_codes

    book = CodeBook.open(args.codes_db) if args.codes_db else None
    assert book is not None, "--score needs --codes-db"
    score: dict[str, Counter[str]] = defaultdict(Counter)
    for i, (code, q, _title, label) in enumerate(rows, 1):
        hits = list(find_codes(book, q, limit=5))
        got = [h.code.replace(".", "") for h in hits]
        first = bool(got) and got[0] == code
        top5 = code in got
        for key in (label.split(":")[0], label, "all"):
            score[key]["n"] += 1
            score[key]["top1"] += first
            score[key]["top5"] += top5
        if args.misses and not first:
            kind = "nothing" if not got else ("sibling" if got[0][:-1] == code[:-1] else "other")
            shown = f"{hits[0].code} {hits[0].title[:60]}" if hits else "(nothing)"
            print(f"{'*' if top5 else ' '} sib{i:04d} {label:22} {kind:8} {q!r:70} want {code} first {shown}")
    print(f"sibling qualifier queries (seed {args.seed}): by axis, top-1 / top-5")
    for key in sorted(score, key=lambda k: (k != "all", k)):
        s = score[key]
        print(f"  {key:26} {s['n']:5}  {100 * s['top1'] / s['n']:5.1f}%  {100 * s['top5'] / s['n']:5.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
