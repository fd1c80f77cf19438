"""Generate (and score) a seeded check of status / history / presence Z codes told as a story of the past.

    python bench/make_z_states.py [--seed 22] [--per-kind 40] [--out PATH]
    python bench/make_z_states.py --score --codes-db /tmp/NAME/codes.sqlite [--misses]

A check no vocabulary row can game (issue #10, round 22): users do not say the Index's frame words (Status
(post), Absence (of), acquired, Transplant(ed) (status), History, personal / family, Presence (of)); they tell
what was done or what runs in the family. Each query is an ICD-10-CM Alphabetic Index line of the shipped data
(bot/lookups/data/index_cm.tsv.gz) under one of those main terms whose code is a billable, current Z code, its
subterms (nonessential modifiers, "NEC", brackets left out; at most two levels, said in the user's order: "coronary
artery angioplasty") told in one of the kind's phrasings, drawn with random.Random(seed):

| kind | main term | phrasings (examples) |
|---|---|---|
| status | Status (an operation word: -ectomy, -ostomy, -plasty, bypass, ...) | "had a {} years ago", "{} done back in 2015", "underwent {} last year" |
| absence | Absence, <part> (an acquired Z89/Z90 code) | "had his {} removed", "{} taken out years ago", "had her {} removed last year" |
| transplant | Transplant, <organ or tissue> | "{} transplant recipient", "had a {} transplant 5 years ago", "received a {} transplant" |
| history | History, personal, <condition> (Z86/Z87) | "had {} years ago, fine now", "{} as a kid, resolved", "used to have {}" |
| family | History, family, <condition> | "{} runs in the family", "{} runs in my family", "{} on my mom's side" |
| presence | Presence, <device> | "has a {} in place", "living with a {}", "{} in place since last year" |

Expected: the line's code (exact). Scoring (--score): bench/eval_lookup.py's rules (the code first / in the
first five), by kind.
"""

from __future__ import annotations

import csv
import gzip
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generated_files import main, write_rows  # noqa: E402

DATA = ROOT / "bot" / "lookups" / "data"
OUT = ROOT / "bench" / "probes" / "z_states.tsv"

PHRASINGS: dict[str, tuple[str, ...]] = {
    "status": ("had a {} years ago", "{} done back in 2015", "underwent {} last year", "had {} a while back"),
    "absence": ("had his {} removed", "{} taken out years ago", "had her {} removed last year"),
    "transplant": ("{} transplant recipient", "had a {} transplant 5 years ago", "received a {} transplant"),
    "history": ("had {} years ago, fine now", "{} as a kid, resolved", "used to have {}"),
    "family": ("{} runs in the family", "{} runs in my family", "{} on my mom's side"),
    "presence": ("has a {} in place", "living with a {}", "{} in place since last year"),
}
KINDS = tuple(PHRASINGS)
_OPERATION = re.compile(
    r"(?:ectomy|ostomy|otomy|plasty|pexy|desis)\b|\b(?:bypass|replacement|ligation|banding|angioplasty|surgery)\b"
)
_NONESSENTIAL = re.compile(r"\([^)]*\)|\[[^\]]*\]")


_VAGUE = frozenset({"certain", "part", "device", "condition", "implanted", "status", "acquired"})


def _clean(term: str) -> str:
    """A subterm as a user says it: no nonessential modifier, no NEC, the first of "A or B"."""
    text = _NONESSENTIAL.sub(" ", term)
    text = re.sub(r"\b(?:NEC|NOS|specified|unspecified|other)\b", " ", text)
    text = text.replace(",", " ").split(" or ")[0]
    words = [w for w in text.lower().split() if w not in _VAGUE]
    return " ".join(words)


def _codes(data: Path) -> set[str]:
    with gzip.open(data / "cm_codes.tsv.gz", "rt") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {
            r["code"] for r in rows if r["billable"] == "1" and r["current"] == "1" and r["code"][:1] == "Z"
        }


def lines(data: Path = DATA) -> dict[str, list[tuple[str, str, str]]]:
    """Each kind's pool: (subterm words, code, Index path)."""
    billable = _codes(data)
    with gzip.open(data / "index_cm.tsv.gz", "rt") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    by_id = {r["id"]: r for r in rows}
    pools: dict[str, list[tuple[str, str, str]]] = {k: [] for k in KINDS}
    for r in rows:
        code = r["code"].replace(".", "")
        if code not in billable or r["see"]:
            continue
        chain = [r]
        while chain[-1]["parent"] not in {"", "0"} and chain[-1]["parent"] in by_id:
            chain.append(by_id[chain[-1]["parent"]])
        chain.reverse()
        main = chain[0]["term"].split()[0] if chain[0]["term"] else ""
        subs = [_clean(c["term"]) for c in chain[1:]]
        if not subs or any(not s for s in subs):
            continue
        path = ", ".join(c["term"] for c in chain)
        kind = ""
        if main == "Status" and len(subs) <= 2 and _OPERATION.search(" ".join(subs)):
            kind = "status"
        elif main == "Absence" and len(subs) == 1 and code[:3] in {"Z89", "Z90"}:
            kind = "absence"
        elif main.startswith("Transplant") and len(subs) == 1 and code[:3] == "Z94":
            kind = "transplant"
        elif (
            main == "History" and subs[0] == "personal" and len(subs) in {2, 3} and code[:3] in {"Z86", "Z87"}
        ):
            kind, subs = "history", subs[1:]
        elif main == "History" and subs[0] == "family" and len(subs) in {2, 3}:
            kind, subs = "family", subs[1:]
        elif main == "Presence" and len(subs) <= 2:
            kind = "presence"
        if not kind or len(" ".join(subs).split()) > 5:
            continue
        said = " ".join(reversed(subs))  # the user's order: "coronary artery angioplasty"
        pools[kind].append((said, r["code"], path))
    return pools


def generate(seed: int, per_kind: int, data: Path = DATA) -> list[tuple[str, str, str, str]]:
    rng = random.Random(seed)
    pools = lines(data)
    out: list[tuple[str, str, str, str]] = []
    for kind in KINDS:
        pool = sorted(set(pools[kind]))
        rng.shuffle(pool)
        seen: set[str] = set()
        for said, code, path in pool:
            if len(seen) >= per_kind:
                break
            query = re.sub(r"\ba (?=[aeiou])", "an ", rng.choice(PHRASINGS[kind]).format(said))
            if query in seen:
                continue
            seen.add(query)
            out.append((kind, query, code, path))
    return out


def write(seed: int, per_kind: int, out: Path) -> None:
    command = f"bench/make_z_states.py --seed {seed} --per-kind {per_kind}"
    write_rows(
        out,
        command,
        "zs",
        "cm",
        (
            (kind, query, code, f"Index: {path} {code}")
            for kind, query, code, path in generate(seed, per_kind)
        ),
    )


if __name__ == "__main__":
    raise SystemExit(main(__doc__, OUT, 22, ("--per-kind", 40), write))
