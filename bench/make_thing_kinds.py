"""Generate (and score) a seeded check of things named by the user whose kind the External Cause Index lists.

    python bench/make_thing_kinds.py [--seed 23] [--per-kind 3] [--out PATH]
    python bench/make_thing_kinds.py --score --codes-db /tmp/NAME/codes.sqlite [--misses]

A check no vocabulary row can game (issue #10, round 23): the External Cause Index names kinds ("Bite, bitten
by, lizard"; "Contact, with, bird, strike"; "Contact, with, saw"), users name things ("bitten by an iguana",
"struck by a swan", "cut myself on a hacksaw"). Each query names a random WordNet 3.0 hyponym (bot/lookups/data/
wordnet_*.tsv.gz, up to three steps below) of a kind a line under "Bite, bitten by" or "Contact, with" names
(bot/lookups/data/index_ext.tsv.gz), drawn with random.Random(seed): a hyponym the Index names nowhere itself
(nor the Drug Table), whose first WordNet sense it is (the word means that thing) and whose nearest broader word
the Index names is that kind (so the line is the coder's). Told in a user's sentence of the line's event:

| kind | lines | phrasings (examples) | expected |
|---|---|---|---|
| bite | an animal's bite line | "bitten by a {}", "a {} bit me", "got bit by our {}" | the bite code, first |
| strike | an animal's strike line | "struck by a {}", "got hit by a {}" | the strike code, first |
| sharp | a sharp thing or hand tool (W25-W27) | "cut myself on a {}", "sliced my thumb with a {}" | its code, first |
| machine | a machine (W24, W28-W31) | "hand got caught in a {}", "injured by a {}" | its code, first |
| hot | a hot object (X15-X17) | "burned my hand on a hot {}", "touched a hot {}" | its code, first |
| injury | a sharp thing or an animal's bite, with the injury told | "cut my left hand on a {}", "a {} bit my right hand" | the cause in the first five (the injury may come first) |

Expected: the line's code at the initial encounter (exact). Scoring (--score): bench/eval_lookup.py's rules (the
code first / in the first five), by kind.
"""

from __future__ import annotations

import gzip
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generated_files import main, write_rows  # noqa: E402

DATA = ROOT / "bot" / "lookups" / "data"
OUT = ROOT / "bench" / "probes" / "thing_kinds.tsv"
DEPTH = 3  # hyponyms this many steps below the kind at most

PHRASINGS: dict[str, tuple[str, ...]] = {
    "bite": ("bitten by a {}", "a {} bit me", "got bit by our {}", "the {} bit me yesterday"),
    "strike": ("struck by a {}", "got hit by a {}", "knocked over by a {}"),
    "sharp": ("cut myself on a {}", "sliced my thumb with a {}", "got cut by a {} at work"),
    "machine": ("hand got caught in a {}", "injured by a {}", "fingers caught in the {}"),
    "hot": ("burned my hand on a hot {}", "touched a hot {}", "got burned by the {}"),
    "injury": ("cut my left hand on a {}", "a {} bit my right hand"),
}


def _rows(name: str) -> list[list[str]]:
    with gzip.open(DATA / name, "rt", encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle]


def _names(term: str) -> list[str]:
    """The things a line's term names (as bot.lookups.index.thing_kinds reads them)."""
    text = re.sub(r"\([^)]*\)|\b(?:nec|nos)\b", " ", term.lower())
    out = []
    for part in re.split(r",|\bor\b|\band\b", text):
        name = " ".join(part.split())
        if len(name) > 2:
            out.append(name)
            if name.endswith("s") and not name.endswith("ss"):
                out.append(name[:-1])
    return out


def _initial(code: str, billable: set[str]) -> str:
    """The code at the initial encounter ("W59.01" -> W59.01XA), or "" when the Tabular has none."""
    bare = code.replace(".", "").rstrip("-")
    full = bare.ljust(6, "X") + "A"
    if full not in billable:
        return ""
    return f"{full[:3]}.{full[3:]}"


def _lines(billable: set[str]) -> tuple[list[tuple[str, str, str]], set[str]]:
    """(kind, line name, expected code) of each kind line, and every name any External Cause Index or Drug
    Table line says."""
    rows = _rows("index_ext.tsv.gz")[1:]
    nodes = {int(r[0]): r for r in rows}
    named = {n for r in rows for n in _names(r[2])}
    named |= {n for r in _rows("index_drug.tsv.gz")[1:] for n in _names(r[2])}
    children: dict[int, list[list[str]]] = defaultdict(list)
    for r in rows:
        children[int(r[1])].append(r)

    def under(*path: str) -> list[list[str]]:
        parent = 0
        for term in path:
            parent = next(int(r[0]) for r in children[parent] if r[2] == term)
        return children[parent]

    out: list[tuple[str, str, str]] = []
    for r in under("Bite, bitten by"):
        code = _initial(r[4], billable) if r[4] else ""
        if code and not r[5]:
            out.append(("bite", _names(r[2])[0], code))
    for r in under("Contact", "with"):
        name = _names(r[2])[0] if _names(r[2]) else ""
        if not name or r[5]:
            continue
        for child in children[int(r[0])]:
            if child[2] == "strike" and child[4]:
                code = _initial(child[4], billable)
                if code:
                    out.append(("strike", name, code))
        code = _initial(r[4], billable) if r[4] else ""
        if not code:
            continue
        if re.match(r"W2[5-7]", code):
            out.append(("sharp", name, code))
        elif re.match(r"W2[489]|W3[01]", code):
            out.append(("machine", name, code))
        elif re.match(r"X1[5-7]", code):
            out.append(("hot", name, code))
    assert nodes
    return out, named


def _articled(text: str) -> str:
    return re.sub(r"\ba (?=[aeiou])", "an ", text)


def write(seed: int, per_kind: int, out: Path) -> None:
    billable = {r[0] for r in _rows("cm_codes.tsv.gz")[1:] if r[4] == "1"}
    synsets = {
        int(r[0]): (r[1], r[2].split("|"), [int(i) for i in r[3].split()])
        for r in _rows("wordnet_synsets.tsv.gz")
    }
    senses = {r[0]: [int(i) for i in r[1].split()] for r in _rows("wordnet_lemmas.tsv.gz") if r[1]}
    below: dict[int, list[int]] = defaultdict(list)
    for sid, (_, _, ups) in synsets.items():
        for up in ups:
            below[up].append(sid)
    lines, named = _lines(billable)
    rnd = random.Random(seed)
    wanted = {"bite": "noun.animal", "strike": "noun.animal"}

    def nearest(sid: int) -> str:
        frontier, seen = [sid], {sid}
        for _ in range(7):
            nxt = []
            for s in frontier:
                if s != sid:
                    hit = next((w for w in synsets[s][1] if w in named), "")
                    if hit:
                        return hit
                for up in synsets[s][2]:
                    if up not in seen:
                        seen.add(up)
                        nxt.append(up)
            frontier = nxt
        return ""

    rows = []
    for kind, name, code in sorted(set(lines)):
        first = senses.get(name, [])
        sense = next((s for s in first if synsets[s][0] == wanted.get(kind, "noun.artifact")), None)
        if sense is None:
            continue
        found: list[str] = []
        frontier = [sense]
        for _ in range(DEPTH):
            frontier = [h for s in frontier for h in below[s]]
            for h in frontier:
                word = synsets[h][1][0]
                if (
                    word in named
                    or not re.fullmatch(r"[a-z][a-z -]*", word)
                    or len(word.split()) > 3
                    or senses.get(word, [None])[0] != h
                    or nearest(h) != name
                ):
                    continue
                found.append(word)
        for word in rnd.sample(sorted(set(found)), min(per_kind, len(set(found)))):
            phrasing = rnd.choice(PHRASINGS[kind])
            query = _articled(phrasing.format(word))
            rows.append(
                (kind, query, code, f"{word} is a kind of {name}: External Cause Index line of {name}")
            )
            if kind in {"bite", "sharp"} and rnd.random() < 0.5:
                injury = _articled(PHRASINGS["injury"][0 if kind == "sharp" else 1].format(word))
                rows.append(
                    ("injury", injury, code, f"injury told with the cause: {word} is a kind of {name}")
                )
    write_rows(out, f"bench/make_thing_kinds.py --seed {seed} --per-kind {per_kind}", "gtk", "cm", rows)


if __name__ == "__main__":
    sys.exit(main(__doc__, OUT, 23, ("--per-kind", 3), write))
