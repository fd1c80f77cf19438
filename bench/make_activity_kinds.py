"""Generate (and score) a seeded check of activities named by the user whose kind an Activity line lists.

    python bench/make_activity_kinds.py [--seed 24] [--per-line 2] [--out PATH]
    python bench/make_activity_kinds.py --score --codes-db /tmp/NAME/codes.sqlite [--misses]

A check no vocabulary row can game (issue #10, round 24): the External Cause Index's Activity lines name some
sports, chores, crafts and instruments (Activity, skating; Activity, sewing; Activity, playing musical
instrument, brass instrument), users name others ("speed skating practice", "basting a seam", "playing the
flugelhorn"). Each query names a random WordNet 3.0 hyponym (bot/lookups/data/wordnet_*.tsv.gz, up to three
steps below) of an activity, instrument or gerund's verb an Activity line (bot/lookups/data/index_ext.tsv.gz)
names, drawn with random.Random(seed): one no External Cause Index line names itself, whose first WordNet sense
it is, and whose nearest broader word an Activity line names is that line's. Told in a user's sentence:

| kind | lines | phrasings (examples) | expected |
|---|---|---|---|
| sport | a sport, game, exercise or dance (noun.act) | "{} game", "hurt during {} practice", "{} injury" | the line's code, first |
| instrument | a kind of instrument | "playing the {}", "he was playing the {} when it happened" | the line's code, first |
| verb | a gerund line (sewing, vacuuming): a way of doing its verb | "hurt while {}", "{} in the yard when I got hurt" | the line's code, first |

Expected: the line's Y93 code. Scoring (--score): bench/eval_lookup.py's rules (the code first / in the first
five), by kind.
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
OUT = ROOT / "bench" / "probes" / "activity_kinds.tsv"
DEPTH = 3  # hyponyms this many steps below the line's sense at most

PHRASINGS: dict[str, tuple[str, ...]] = {
    "sport": ("{} game", "hurt during {} practice", "{} injury", "got hurt at {} class", "{} match"),
    "instrument": ("playing the {}", "he was playing the {} when it happened", "hurt playing the {}"),
    "verb": ("hurt while {}", "injured while {} in the garage", "{} in the yard when I got hurt"),
}


def _rows(name: str) -> list[list[str]]:
    with gzip.open(DATA / name, "rt", encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle]


def _bare(term: str) -> str:
    return " ".join(re.sub(r"\([^)]*\)|\bNEC\b|\bNOS\b", " ", term).split()).lower()


def _activity_lines() -> tuple[list[tuple[str, str, str]], set[str]]:
    """(name, code, path) of each Activity line with a code, and every name any External Cause Index line
    or Drug Table line says (a thing the Index names itself is no check of a kind)."""
    rows = _rows("index_ext.tsv.gz")[1:]
    parent = {r[0]: r[1] for r in rows}
    term = {r[0]: r[2] for r in rows}
    top = next(r[0] for r in rows if r[1] == "0" and r[2].startswith("Activity"))
    named = {_bare(p) for r in rows for p in re.split(r",|\bor\b|\band\b", r[2]) if len(p.strip()) > 2}
    named |= {_bare(p) for r in _rows("index_drug.tsv.gz")[1:] for p in re.split(r",", r[2])}
    out = []
    for r in rows:
        path, node = [], r[0]
        while node != "0" and node != top:
            path.append(term[node])
            node = parent[node]
        if node != top or not r[4] or not path:
            continue
        path.reverse()
        name = _bare(path[-1]) if len(path) == 1 else f"{_bare(path[-2])} {_bare(path[-1])}"
        out.append((name, r[4], ", ".join(path)))
    return out, named


def _gerund(verb: str) -> str:
    """A verb's -ing form ("baste" -> basting, "hem" -> hemming, "overcast" -> overcasting)."""
    first, _, rest = verb.partition(" ")
    if first.endswith("ie"):
        first = first[:-2] + "y"
    elif first.endswith("e") and not first.endswith(("ee", "ye", "oe")):
        first = first[:-1]
    elif re.search(r"[^aeiou][aeiou][bdgmnpt]$", first) and len(first) <= 4:
        first += first[-1]
    return f"{first}ing {rest}".strip()


def write(seed: int, per_line: int, out: Path) -> None:
    synsets = {
        int(r[0]): (r[1], r[2].split("|"), [int(i) for i in r[3].split()])
        for r in _rows("wordnet_synsets.tsv.gz")
    }
    senses = {r[0]: [int(i) for i in r[1].split()] for r in _rows("wordnet_lemmas.tsv.gz") if r[1]}
    below: dict[int, list[int]] = defaultdict(list)
    for sid, (_, _, ups) in synsets.items():
        for up in ups:
            below[up].append(sid)
    lines, named = _activity_lines()
    line_of = {name: (code, path) for name, code, path in lines}
    rnd = random.Random(seed)

    def nearest(sid: int, index: dict[str, str]) -> str:
        frontier, seen = [sid], {sid}
        for _ in range(7):
            nxt = []
            for s in frontier:
                if s != sid:
                    hit = next((index[w] for w in synsets[s][1] if w in index), "")
                    if hit:
                        return hit
                for up in synsets[s][2]:
                    if up not in seen:
                        seen.add(up)
                        nxt.append(up)
            frontier = nxt
        return ""

    nouns = {name: name for name in line_of}
    verbs: dict[str, str] = {}  # a gerund line's verb -> the line
    for name in line_of:
        if " " not in name and name.endswith("ing"):
            for stem in (name[:-3], name[:-3] + "e", name[:-4]):
                if senses.get(f"{stem} (v)"):
                    verbs[stem] = name
                    break
    rows = []
    for name, (code, path) in sorted(line_of.items()):
        kinds: list[tuple[str, int, dict[str, str]]] = []
        first = senses.get(name, [])
        act = next((s for s in first if synsets[s][0] == "noun.act"), None)
        if act is not None:
            kinds.append(("sport", act, nouns))
        elif "instrument" in path and first:
            kinds.append(("instrument", first[0], nouns))
        verb = next((v for v, line in verbs.items() if line == name), "")
        if verb:
            kinds.append(("verb", senses[f"{verb} (v)"][0], {v: v for v in verbs}))
        for kind, sense, index in kinds:
            found: list[str] = []
            frontier = [sense]
            for _ in range(DEPTH):
                frontier = [h for s in frontier for h in below[s]]
                for h in frontier:
                    word = synsets[h][1][0]
                    key = f"{word} (v)" if kind == "verb" else word
                    if (
                        word in named
                        or word.replace("-", " ") in named
                        or not re.fullmatch(r"[a-z][a-z -]*", word)
                        or len(word.split()) > 2
                        or senses.get(key, [None])[0] != h
                        or nearest(h, index) != (verb if kind == "verb" else name)
                    ):
                        continue
                    found.append(_gerund(word) if kind == "verb" else word)
            for word in rnd.sample(sorted(set(found)), min(per_line, len(set(found)))):
                query = rnd.choice(PHRASINGS[kind]).format(word)
                rows.append((kind, query, code, f"{word} is a kind of {name}: Activity, {path}"))
    write_rows(out, f"bench/make_activity_kinds.py --seed {seed} --per-line {per_line}", "gak", "cm", rows)


if __name__ == "__main__":
    sys.exit(main(__doc__, OUT, 24, ("--per-line", 2), write))
