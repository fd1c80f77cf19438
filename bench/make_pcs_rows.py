"""Generate bench/probes/pcs_rows.tsv: a seeded sample of valid ICD-10-PCS codes turned into natural queries.

    python bench/make_pcs_rows.py [--seed 2022] [--total 1000] [--out PATH]
    python bench/make_pcs_rows.py --score --codes-db /tmp/NAME/codes.sqlite [--misses]

A check no vocabulary can game: each query is written from the code's own axis values in the shipped PCS
tables (bot/lookups/data/pcs_axes.tsv.gz, pcs_codes.tsv.gz, pcs_validity.tsv.gz, index_pcs.tsv.gz), so the
search has to read a query into the table's axes and complete the code from its valid rows.

How a code becomes a query:
- Sampling: a table (first three characters) at random within its group, then a valid code of it at random
  (valid on 2026-10-01, MCE v44). Of --total, 70% come from Medical and Surgical (section 0), 30% from the
  other sections. random.Random(seed) throughout.
- Medical and Surgical, from the axis values: the root operation (its name, or the word a coder says for it:
  "placement" for Insertion, "reduction" for a Reposition of a bone or joint, "biopsy" for a diagnostic Excision, "amputation" for Detachment, ...), the body
  part value with its side (read "Right Lower Leg Tendon"; in 30% of rows, when the Body Part Key names one,
  a term that the Key sends to it: "right Achilles tendon"), the device value when it is not "No Device", the
  qualifier value when it is not "No Qualifier" ("to Peritoneal Cavity" for a Bypass, "diagnostic"), and the
  approach word, before or after ("open", "percutaneous", "laparoscopic"/"arthroscopic"/"thoracoscopic"/
  "endoscopic percutaneous" by body system, "endoscopic" or "via natural opening", "external").
  A code whose axis values the tables print no meaning for (a row-dependent value) is phrased from its title.
- Other sections: the title read as a sentence (section words such as "Approach" and "using" dropped), with
  the body part's side first.
- Expected: the code itself (exact match); nothing the query leaves out is anything but the default ("Z").

Scoring (--score): each query through bot.lookups.search.find_codes(book, query, limit=5); top-1 / top-5 per
group (section 0 by body system, other sections by section).
"""

from __future__ import annotations

import csv
import gzip
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generated_files import main, write_rows  # noqa: E402

DATA = ROOT / "bot" / "lookups" / "data"
OUT = ROOT / "bench" / "probes" / "pcs_rows.tsv"
DOS = "2026-10-01"
SURGICAL_SHARE = 0.7
KEY_SHARE = 0.3

# What a coder says for a root operation, besides its name (the first is used half the time).
OPERATION_WORDS = {
    "Insertion": ("placement",),
    "Detachment": ("amputation",),
    "Inspection": ("exploration",),
    "Fusion": ("arthrodesis",),
    "Destruction": ("ablation",),
    "Transplantation": ("transplant",),
    "Fragmentation": ("lithotripsy",),
    "Release": ("lysis",),
    "Division": ("transection",),
    "Reposition": ("reduction",),
    "Extirpation": ("removal of foreign body from",),
    "Control": ("control of bleeding in",),
}
# The word a coder says for a percutaneous endoscopic approach, by body system (second character).
SCOPE_WORDS = {
    **dict.fromkeys("DFGTUV", "laparoscopic"),
    **dict.fromkeys("RS", "arthroscopic"),
    **dict.fromkeys("B", "thoracoscopic"),
}
APPROACH_WORDS = {
    "Open": ("open",),
    "Percutaneous": ("percutaneous",),
    "Via Natural or Artificial Opening": ("via natural opening",),
    "Via Natural or Artificial Opening Endoscopic": ("endoscopic",),
    "External": ("external",),
}
BONES = frozenset("NPQRS")  # "reduction" is said of a bone or a joint
DEVICE_PREPOSITIONS = {"Insertion": "into", "Removal": "from", "Revision": "in", "Change": "in"}
SIDES = ("Right", "Left", "Bilateral")
_DROP = re.compile(r"\b(?:Approach|using|Products of Conception,?)\b", re.IGNORECASE)


def _read(name: str) -> list[dict[str, str]]:
    with gzip.open(DATA / name, "rt", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def valid_codes() -> dict[str, str]:
    """Each code valid on DOS (MCE v44) and its title."""
    valid = {
        r["code"]
        for r in _read("pcs_validity.tsv.gz")
        if r["start"] <= DOS and (not r["end"] or r["end"] >= DOS)
    }
    return {r["code"]: r["title"] for r in _read("pcs_codes.tsv.gz") if r["code"] in valid and r["title"]}


def axis_meanings() -> dict[tuple[str, int, str], str]:
    return {(r["table"], int(r["position"]), r["char"]): r["meaning"] for r in _read("pcs_axes.tsv.gz")}


def key_terms() -> dict[str, list[str]]:
    """Body Part Key: each body-part value ("Right Lower Leg Tendon") and the terms the Key sends to it
    ("Achilles tendon")."""
    out: dict[str, list[str]] = defaultdict(list)
    for r in _read("index_pcs.tsv.gz"):
        if r["parent"] != "0" or not r["use"] or " in=" in r["use"]:
            continue
        term = re.sub(r"\s*\(.*?\)", "", r["term"]).strip()
        if not term or any(ch.isdigit() for ch in term) or term.isupper():
            continue
        for target in r["use"].split(" | "):
            name, _, side = target.partition(", ")
            value = f"{side} {name}" if side in SIDES else target
            out[value].append(term)
    return out


def _side_first(value: str) -> tuple[str, str]:
    for side in SIDES:
        if value.startswith(side + " "):
            return side.lower(), value[len(side) + 1 :]
    return "", value


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace(",", " ")).strip().lower()


def operations(codes: dict[str, str]) -> dict[str, str]:
    """Each Medical and Surgical root operation character and its name, the first word its titles print."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for code, title in codes.items():
        if code[0] == "0":
            counts[code[2]][title.split(" ")[0]] += 1
    return {char: tally.most_common(1)[0][0] for char, tally in counts.items()}


def surgical_query(
    code: str,
    operation: str,
    axes: dict[tuple[str, int, str], str],
    keys: dict[str, list[str]],
    rng: random.Random,
) -> str | None:
    table = code[:3]
    part, approach, device, qualifier = (axes.get((table, i, code[i - 1]), "") for i in (4, 5, 6, 7))
    approach = approach.removesuffix(" Approach")
    if not part or not approach or (code[5] != "Z" and not device) or (code[6] not in "ZX" and not qualifier):
        return None
    if not operation:
        return None
    side, rest = _side_first(part)
    terms = [t for t in keys.get(part, ()) if len(t.split()) <= 4]
    if terms and rng.random() < KEY_SHARE:
        rest = rng.choice(sorted(terms))
    body = _plain(f"{side} {rest}")
    diagnostic = code[6] == "X"
    if operation == "Excision" and diagnostic and rng.random() < 0.5:
        said_operation, diagnostic = "biopsy", False
    elif (
        operation in OPERATION_WORDS
        and (operation != "Reposition" or code[1] in BONES)
        and rng.random() < 0.5
    ):
        said_operation = OPERATION_WORDS[operation][0]
    else:
        said_operation = operation.lower()
    if approach == "Percutaneous Endoscopic":
        approach_word = SCOPE_WORDS.get(code[1], "percutaneous endoscopic")
    else:
        approach_word = rng.choice(APPROACH_WORDS.get(approach, (approach.lower(),)))
    preposition = DEVICE_PREPOSITIONS.get(operation)
    if code[5] != "Z" and preposition:
        # "placement of infusion device into liver", "removal of drainage device from pleural cavity"
        words = [said_operation, "of", _plain(device), preposition, body]
    else:
        words = [said_operation, "" if said_operation.endswith((" in", " from")) else "of", body]
        if code[5] != "Z":
            words += ["with", _plain(device)]
    if code[6] not in "ZX":
        words += ["to" if operation == "Bypass" else "", _plain(qualifier)]
    if diagnostic:
        words.append("diagnostic")
    if rng.random() < 0.5:
        words.insert(0, approach_word)
    else:
        words.append(approach_word)
    return " ".join(w for w in words if w)


def title_query(title: str) -> str:
    text = _DROP.sub(" ", title)
    side = ""
    for s in SIDES:
        found = re.search(rf"\b{s}\b ", text)
        if found:
            side, text = s.lower(), text[: found.start()] + text[found.end() :]
            break
    return f"{side} {_plain(text)}".strip()


def generate(seed: int, total: int) -> list[tuple[str, str, str]]:
    """(group, query, code) rows."""
    rng = random.Random(seed)
    codes = valid_codes()
    axes = axis_meanings()
    keys = key_terms()
    named = operations(codes)
    tables: dict[str, list[str]] = defaultdict(list)
    for code in sorted(codes):
        tables[code[:3]].append(code)
    surgical = sorted(t for t in tables if t[0] == "0")
    other = sorted(t for t in tables if t[0] != "0")
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    wanted_surgical = round(total * SURGICAL_SHARE)
    while len(rows) < total:
        pool = surgical if len(rows) < wanted_surgical else other
        table = rng.choice(pool)
        code = rng.choice(tables[table])
        if table[0] == "0":
            query = surgical_query(code, named[code[2]], axes, keys, rng) or title_query(codes[code])
            group = f"0{code[1]}"
        else:
            query = title_query(codes[code])
            group = code[0]
        if query in seen:
            continue
        seen.add(query)
        rows.append((group, query, code))
    return rows


def write(seed: int, total: int, out: Path) -> None:
    command = f"bench/make_pcs_rows.py --seed {seed} --total {total}"
    write_rows(
        out,
        command,
        "pcsrow",
        "pcs",
        (
            (group, query, code, "generated from the code's axis values")
            for group, query, code in generate(seed, total)
        ),
    )


if __name__ == "__main__":
    raise SystemExit(main(__doc__, OUT, 2022, ("--total", 1000), write))
