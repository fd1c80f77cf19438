"""Generate bench/probes/lay_nouns.tsv: seeded Index lines asked in everyday words a general dictionary gives.

    python bench/make_lay_nouns.py [--seed 2424] [--per-kind 150] [--out PATH]
    python bench/make_lay_nouns.py --score --codes-db /tmp/NAME/codes.sqlite [--misses]

A check of how the search hears a patient's everyday word for the Index's (issue #10, round 23). Each query is
an Index line of the shipped data (bot/lookups/data/index_cm.tsv.gz: a main term, or a main term and one
subterm) whose code is billable and current, with ONE word said the way patients say it by ONE rule of general
English, never a list of the sampled words:

| kind | rule |
|---|---|
| synonym | a noun of the line said by another word of its first WordNet 3.0 sense (data/wordnet_*.tsv.gz) that the Index prints on fewer lines ("Abscess, gingiva" / "gum abscess", "Furuncle" / boil) |
| adjective | a main term that is a state's noun said by its adjective, the -ness / -ity / -ation / -ence / -ance ending off, when the adjective is an English word ("Stiffness, joint" / "stiff joint") |

The line's words are then said in a user's order and context: the subterm first ("knee stiff"), "my" before a
part, a person or a time around it ("my son has ...", "... for a few weeks"). Per kind, lines are drawn with
random.Random(seed) from the kind's pool (identical queries kept once). Expected: the line's code (exact).
Scoring (--score): each query through bot.lookups.search.find_codes(book, query, limit=5); top-1 / top-5 per
kind.
"""

from __future__ import annotations

import csv
import gzip
import random
import re
import sys
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generated_files import main, write_rows  # noqa: E402

DATA = ROOT / "bot" / "lookups" / "data"
OUT = ROOT / "bench" / "probes" / "lay_nouns.tsv"
_KINDS = frozenset({"noun.body", "noun.state", "noun.substance", "noun.process"})
_WORD = re.compile(r"[a-z]+")
_SKIP = re.compile(r"\d|\bNEC\b|\bNOS\b|classified|\bwith\b|\bwithout\b|\bdue\b|\bin\b|[()\[\]/]", re.I)
# A state's noun by its ending, and the adjective's ending in its place.
_ADJECTIVE = (("iness", "y"), ("ness", ""), ("ability", "able"), ("ence", "ent"), ("ance", "ant"))
_CONTEXT = ("{q} for a few weeks", "{q} that keeps coming back", "{q}", "{q} since last month")
# The heads the Index files many conditions under: no patient's word to put in their place.
_HEADS = frozenset(
    [
        "disorder",
        "disturbance",
        "problem",
        "deformity",
        "malformation",
        "remains",
        "collapse",
        "presence",
        "absence",
        "complication",
        "disease",
        "syndrome",
        "condition",
        "state",
        "history",
        "dependence",
        "unavailability",
    ]
)


def _billable(data: Path) -> set[str]:
    with gzip.open(data / "cm_codes.tsv.gz", "rt") as handle:
        return {
            r["code"]
            for r in csv.DictReader(handle, delimiter="\t")
            if r["billable"] == "1" and r["current"] == "1"
        }


def _wordnet(data: Path) -> tuple[dict[str, list[int]], dict[int, tuple[str, tuple[str, ...]]]]:
    senses: dict[int, tuple[str, tuple[str, ...]]] = {}
    with gzip.open(data / "wordnet_synsets.tsv.gz", "rt") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            senses[int(parts[0])] = (parts[1], tuple(parts[2].split("|")))
    lemmas: dict[str, list[int]] = {}
    with gzip.open(data / "wordnet_lemmas.tsv.gz", "rt") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if parts[1]:
                lemmas[parts[0]] = [int(i) for i in parts[1].split()]
    return lemmas, senses


def _lines(data: Path, billable: set[str]) -> tuple[list[tuple[str, str, str]], Counter[str]]:
    """(main term, subterm or "", code) of every Index line one or two deep with a billable code, and how
    many Index lines print each word."""
    with gzip.open(data / "index_cm.tsv.gz", "rt") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    by_id = {r["id"]: r for r in rows}
    printed: Counter[str] = Counter()
    out: list[tuple[str, str, str]] = []
    for r in rows:
        printed.update(set(_WORD.findall(f"{r['term']} {r['modifiers']}".lower())))
        code = r["code"].replace(".", "")
        if not code or code not in billable:
            continue
        parent = by_id.get(r["parent"])
        if parent is None:
            out.append((r["term"], "", r["code"]))
        elif parent["parent"] == "0":
            out.append((parent["term"], r["term"], r["code"]))
    return [(m, s, c) for m, s, c in out if not _SKIP.search(f"{m} {s}") and "," not in f"{m}{s}"], printed


def _said(main: str, sub: str, part: bool, rng: random.Random) -> str:
    """The line in a user's order: a body part said "my ..." ("abscess of my gum"), else the subterm first."""
    if not sub:
        return main.lower()
    order = rng.choice(("{s} {m}", "{m} of my {s}", "my {s} {m}", "{m} on my {s}") if part else ("{s} {m}",))
    return order.format(m=main.lower(), s=sub.lower())


def generate(seed: int, per_kind: int, data: Path = DATA) -> list[tuple[str, str, str, str]]:
    rng = random.Random(seed)
    billable = _billable(data)
    lines, printed = _lines(data, billable)
    lemmas, senses = _wordnet(data)
    with gzip.open(data / "english_words.txt.gz", "rt") as handle:
        english = frozenset(handle.read().split())
    pools: dict[str, list[tuple[str, str, str, str]]] = {"synonym": [], "adjective": []}
    for main_term, sub, code in lines:
        path = f"{main_term}, {sub}" if sub else main_term
        for slot, text in (("m", main_term), ("s", sub)):
            if not text or " " in text:
                continue
            word = text.lower()
            if word in _HEADS:
                continue
            first = next((i for i in lemmas.get(word, [])[:3] if senses[i][0] in _KINDS), None)
            # another word of the sense, whose own first sense it is (no slang: "pump" is first a machine), an
            # English word the Index prints less, not a spelling of the same word ("anaemia")
            lay = [
                w
                for w in (senses[first][1] if first is not None else ())
                if w != word
                and w.isalpha()
                and w in english
                and lemmas.get(w, [None])[0] == first
                and printed[w] < printed[word]
                and SequenceMatcher(None, w, word).ratio() < 0.7
                and "ae" not in w
            ]
            if lay:
                sub_word = next((i for i in lemmas.get(sub.lower(), [])[:1]), None)
                part = sub_word is not None and senses[sub_word][0] == "noun.body"
                said = _said(lay[0] if slot == "m" else main_term, lay[0] if slot == "s" else sub, part, rng)
                pools["synonym"].append((said, code, path, f"{word} / {lay[0]}"))
        head = main_term.lower()
        for noun, adjective in _ADJECTIVE if head not in _HEADS else ():
            stem = head[: -len(noun)]
            if head.endswith(noun) and len(stem) >= 3 and stem + adjective in english:
                said = f"{sub.lower()} {stem + adjective}" if sub else stem + adjective
                pools["adjective"].append((said, code, path, f"{head} / {stem + adjective}"))
                break
    out: list[tuple[str, str, str, str]] = []
    for kind, pool in pools.items():
        pool = sorted(set(pool))
        rng.shuffle(pool)
        seen: set[str] = set()
        for said, code, path, rule in pool:
            query = rng.choice(_CONTEXT).format(q=said)
            if query in seen:
                continue
            seen.add(query)
            out.append((kind, query, code, f"Index: {path} {code} ({rule})"))
            if len(seen) >= per_kind:
                break
    return out


def write(seed: int, per_kind: int, out: Path) -> None:
    command = f"bench/make_lay_nouns.py --seed {seed} --per-kind {per_kind}"
    write_rows(
        out,
        command,
        "ln",
        "cm",
        ((kind, query, code, why) for kind, query, code, why in generate(seed, per_kind)),
    )


if __name__ == "__main__":
    raise SystemExit(main(__doc__, OUT, 2424, ("--per-kind", 150), write))
