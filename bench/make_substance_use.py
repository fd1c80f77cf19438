"""Generate (and score) a seeded check of substance use, abuse and dependence told in users' words.

    python bench/make_substance_use.py [--seed 24] [--total 160] [--out PATH]
    python bench/make_substance_use.py --score --codes-db /tmp/NAME/codes.sqlite [--misses]

A check no vocabulary row can game (issue #10, round 24): users name the drug (a generic or brand name of the
Table of Drugs and Chemicals, not the Index's class word) and say the mode and the induced disorder in everyday
words ("hooked on alprazolam, now withdrawing with delirium"). Each query is a billable, current F11-F16 or F18
abuse or dependence code of the shipped Tabular (bot/lookups/data/cm_codes.tsv.gz; no "unspecified" or
"other" disorder), its title retold:

- the drug: a Drug Table main term (bot/lookups/data/index_drug.tsv.gz, one alphabetic word) whose poisoning
  code lies in the T category of the code's class (opioids T40.0-T40.4, cannabis T40.7, benzodiazepines and
  barbiturates T42.3-T42.4, cocaine T40.5, amphetamines and methylphenidate T43.62-T43.65, hallucinogens
  T40.8-T40.9; inhalants: a solvent of T52 said as huffed);
- the mode: dependence as "hooked on {}", "addicted to {}", "{} dependent"...; abuse as "abusing {}", "{} abuse",
  "misuses {}, not dependent"...;
- the rest of the title (uncomplicated, in remission, intoxication, withdrawal, the induced disorder) in users'
  words ("no complications", "high and delirious", "psychotic with delusions", "depressed from it").

Expected: the code (exact), drawn with random.Random(seed). Scoring (--score): bench/eval_lookup.py's rules, by
class.
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
OUT = ROOT / "bench" / "probes" / "substance_use.tsv"

# The T categories of each class's drugs (the answer key's crosswalk, not the product's).
CLASSES = {
    "F11": ("T40.0", "T40.1", "T40.2", "T40.3", "T40.4"),
    "F12": ("T40.7",),
    "F13": ("T42.3", "T42.4"),
    "F14": ("T40.5",),
    "F15": ("T43.62", "T43.63", "T43.65"),
    "F16": ("T40.8", "T40.9"),
    "F18": ("T52.",),
}
MODES = {
    "dependence": ("hooked on {}", "addicted to {}", "{} dependent", "dependent on {}", "{} addiction"),
    "abuse": ("abusing {}", "{} abuse", "misuses {}, not dependent", "{} misuse"),
}
HUFFED = ("huffing {}", "sniffing {}", "huffs {}")
# The rest of a title, in users' words (first match wins; a title matching none is left out).
REST = (
    (r"^, uncomplicated$", ("no complications", "uncomplicated, nothing else going on")),
    (r"^, in remission$", ("now in remission", "clean a year now, in remission")),
    (
        r"^with intoxication, uncomplicated$",
        ("intoxicated, no complications", "high right now, uncomplicated"),
    ),
    (r"^with intoxication delirium$", ("high and delirious", "delirium while intoxicated")),
    (
        r"^with intoxication with perceptual disturbance$",
        ("high with perceptual disturbances", "intoxicated and seeing things, perceptual disturbance"),
    ),
    (r"^with withdrawal delirium$", ("withdrawing with delirium", "delirium from withdrawal")),
    (
        r"^with withdrawal with perceptual disturbance$",
        ("withdrawing with perceptual disturbances", "in withdrawal, seeing things"),
    ),
    (r"^with withdrawal, uncomplicated$", ("withdrawing, no complications", "in withdrawal, uncomplicated")),
    (r"^with withdrawal$", ("going through withdrawal", "withdrawing now")),
    (r"psychotic disorder with delusions$", ("psychosis with delusions", "psychotic with delusions from it")),
    (
        r"psychotic disorder with hallucinations$",
        ("psychosis with hallucinations", "psychotic, hallucinating"),
    ),
    (r"-induced mood disorder$", ("depressed from it, mood disorder", "mood disorder caused by it")),
    (r"-induced anxiety disorder$", ("anxiety disorder from it", "anxious because of it, anxiety disorder")),
    (r"-induced sleep disorder$", ("sleep disorder from it", "can't sleep because of it, sleep disorder")),
    (r"-induced sexual dysfunction$", ("sexual dysfunction from it",)),
    (r"persisting perception disorder", ("flashbacks, persisting perception disorder",)),
    (r"persisting dementia$", ("dementia from it",)),
    (r"persisting amnestic disorder$", ("memory loss from it, amnestic disorder",)),
)
MODE = re.compile(r"(?i)^.*?\b(dependence|abuse)\b\s*(.*)$")


def _drugs(data: Path) -> dict[str, list[str]]:
    """Drug Table main terms of one alphabetic word by the class their poisoning code falls in."""
    found: dict[str, list[str]] = {c: [] for c in CLASSES}
    with gzip.open(data / "index_drug.tsv.gz", "rt") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row.get("parent") not in ("0", ""):
                continue
            term = row["term"].strip()
            first = row["poisoning_accidental"]
            if not re.fullmatch(r"[A-Za-z]{4,}", term) or not first:
                continue
            for category, prefixes in CLASSES.items():
                if first.startswith(prefixes):
                    found[category].append(term.lower())
    return {c: sorted(set(names)) for c, names in found.items()}


def codes(data: Path) -> list[tuple[str, str, str, str]]:
    """(class, mode, rest of the title, code) of every eligible abuse or dependence code."""
    out: list[tuple[str, str, str, str]] = []
    with gzip.open(data / "cm_codes.tsv.gz", "rt") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            code, title = row["code"], row["title"]
            if row["billable"] != "1" or row["current"] != "1" or code[:3] not in CLASSES:
                continue
            if re.search(r"(?i)unspecified|\bother\b(?! stimulant)", title.split(" with ", 1)[-1]):
                continue
            match = MODE.match(title)
            if match is None:
                continue
            out.append((code[:3], match.group(1).lower(), match.group(2).strip(), code))
    return out


def generate(seed: int, total: int, data: Path = DATA) -> list[tuple[str, str, str, str]]:
    rng = random.Random(seed)
    drugs = _drugs(data)
    pool = codes(data)
    rng.shuffle(pool)
    out: list[tuple[str, str, str, str]] = []
    for category, mode, rest, code in pool:
        if len(out) >= total:
            break
        told = next((rng.choice(said) for pattern, said in REST if re.search(pattern, rest)), None)
        if told is None or (category != "F18" and not drugs[category]):
            continue
        if category == "F18":
            drug = rng.choice(HUFFED).format(rng.choice(drugs["F18"] or ["glue"]))
            start = f"{drug}, {'dependent' if mode == 'dependence' else 'abusing it'}"
        else:
            start = rng.choice(MODES[mode]).format(rng.choice(drugs[category]))
        dotted = f"{code[:3]}.{code[3:]}"
        out.append((category, f"{start}, {told}", dotted, f"Tabular: {code} ({mode}, {rest or 'no rest'})"))
    return out


def write(seed: int, total: int, out: Path) -> None:
    write_rows(
        out, f"bench/make_substance_use.py --seed {seed} --total {total}", "su", "cm", generate(seed, total)
    )


if __name__ == "__main__":
    raise SystemExit(main(__doc__, OUT, 24, ("--total", 160), write))
