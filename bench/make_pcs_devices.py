"""Generate bench/probes/pcs_devices.tsv: PCS procedures whose device is said by the name the PCS Index's Device
Key sends on ("Port-A-Cath(R) - use Totally Implantable Vascular Access Device", "Impella(R) heart pump - use
Short-term External Heart Assist System in Heart and Great Vessels"), not by the device value the tables print.

    python bench/make_pcs_devices.py [--seed 2042] [--total 500] [--out PATH]
    python bench/make_pcs_devices.py --score --codes-db /tmp/NAME/codes.sqlite [--misses]

Clinicians name a device by its brand or its common name ("Watchman", "port-a-cath", "Foley catheter", "Swan-Ganz
catheter"); the PCS Index's Device Key is where a coder turns that name into the sixth character. The checks
bench/make_pcs_rows.py, make_pcs_told.py and make_pcs_names.py say the device by the tables' own value name, so
none of them asks this.

How a code becomes a query (random.Random(seed) throughout):
- Sampling: the Device Key lines of the shipped PCS Index (bot/lookups/data/index_pcs.tsv.gz, main terms whose
  "use" line names a device value of a Medical and Surgical table, in the body system the line names when it
  names one; lines leading to New Technology only are left out), each line's target in turn at random; then a
  valid code (2026-10-01, MCE v44, as bench/make_pcs_rows.py reads them) of a section 0 table of that body
  system whose device character means that value, drawn from the codes of the Insertion, Removal, Revision,
  Replacement or Supplement root operation first (how a device is usually asked), any root operation otherwise.
  Up to --total lines, one query each.
- The device: the Key line's main term with its trademark signs, parenthesized words and text after the first
  comma dropped, lower case ("Port-A-Cath(R)" -> "port-a-cath"; "Stent, intraluminal (cardiovascular)" ->
  "stent"). A term that is all capitals (an initialism the Key lists beside its expansion) is kept as written.
- The rest from the code's own axis values as bench/make_pcs_rows.py says them: the root operation (its name
  or a clinician's word: "placement", "implantation", "explant"), the body part with its side first, the qualifier when it is not
  No Qualifier, the approach ("open", "percutaneous", "laparoscopic", "endoscopic", ...) before or after.
  Phrasings (one at random): "{operation} of {device} into/from/in {body part} {approach}",
  "{device} {operation} {body part} {approach}", "{operation} of {body part} with {device} {approach}" (the
  last for root operations that do not move a device: Dilation, Occlusion, Bypass, Replacement, ...).
- Expected: the code itself.

Scoring (--score): each query through bot.lookups.search.find_codes(book, query, limit=5); top-1 / top-5 per
root operation said.
"""

from __future__ import annotations

import random
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generated_files import main, write_rows  # noqa: E402
from bench.make_pcs_rows import (  # noqa: E402
    APPROACH_WORDS,
    SCOPE_WORDS,
    _plain,
    _read,
    _side_first,
    axis_meanings,
    operations,
    valid_codes,
)

OUT = ROOT / "bench" / "probes" / "pcs_devices.tsv"
# The official names of the Medical and Surgical body systems (ICD-10-PCS Tables, section 0, second character).
BODY_SYSTEMS = {
    "Central Nervous System and Cranial Nerves": "0",
    "Peripheral Nervous System": "1",
    "Heart and Great Vessels": "2",
    "Upper Arteries": "3",
    "Lower Arteries": "4",
    "Upper Veins": "5",
    "Lower Veins": "6",
    "Lymphatic and Hemic Systems": "7",
    "Eye": "8",
    "Ear, Nose, Sinus": "9",
    "Respiratory System": "B",
    "Mouth and Throat": "C",
    "Gastrointestinal System": "D",
    "Hepatobiliary System and Pancreas": "F",
    "Endocrine System": "G",
    "Skin and Breast": "H",
    "Subcutaneous Tissue and Fascia": "J",
    "Muscles": "K",
    "Tendons": "L",
    "Bursae and Ligaments": "M",
    "Head and Facial Bones": "N",
    "Upper Bones": "P",
    "Lower Bones": "Q",
    "Upper Joints": "R",
    "Lower Joints": "S",
    "Urinary System": "T",
    "Female Reproductive System": "U",
    "Male Reproductive System": "V",
    "Anatomical Regions, General": "W",
    "Anatomical Regions, Upper Extremities": "X",
    "Anatomical Regions, Lower Extremities": "Y",
}
DEVICE_OPERATIONS = ("Insertion", "Removal", "Revision", "Replacement", "Supplement")
# What a clinician says for a device's root operation besides its name (the name or one of these, at random).
OPERATION_WORDS = {"Insertion": ("placement", "implantation"), "Removal": ("explant",)}
PREPOSITIONS = {"Insertion": "into", "Removal": "from", "Revision": "in"}
_MARKS = re.compile(r"\((?:R|tm|TM)\)|[®™]")
_PARENTHESIZED = re.compile(r"\([^)]*\)")
_NOT_PART = frozenset({"system", "device", "with", "plus", "total", "right", "left", "lead", "body"})


def said_device(term: str) -> str:
    """The Key line's main term as a clinician writes it: "Port-A-Cath(R)" -> "port-a-cath"."""
    text = _MARKS.sub("", term)
    text = _PARENTHESIZED.sub(" ", text.split(",")[0])
    text = re.sub(r"\s+", " ", text).strip()
    return text if text.isupper() else text.lower()


def _target(target: str, devices: dict[str, set[str]]) -> tuple[str, str]:
    """A "use" line's device value and the body system it names ("Intraluminal Device, Drug-eluting in Heart and
    Great Vessels"; "Defibrillator Generator in=0JH": the table; "Vascular Access Device, Totally Implantable":
    the value's name printed the Index's way round, "Totally Implantable Vascular Access Device")."""
    value, _, system = target.partition(" in=")
    if not system:
        value, _, system = target.partition(" in ")
    value, system = value.strip(), system.strip()
    head, _, modifier = value.partition(", ")
    if value not in devices and modifier and f"{modifier} {head}" in devices:
        value = f"{modifier} {head}"
    return value, system


def _system_char(system: str) -> str:
    """The body system character a "use" line names: by its table ("0JH") or by its name, which the flattened
    Index may cut short ("in Subcutaneous", "in Heart and Great"); "" for New Technology or a name that could be
    two systems."""
    if re.fullmatch(r"0[0-9A-Z]{1,2}", system):
        return system[1]
    found = {char for name, char in BODY_SYSTEMS.items() if name.startswith(system)}
    return found.pop() if len(found) == 1 else ""


def key_lines(devices: dict[str, set[str]]) -> list[tuple[str, str, str]]:
    """(term, device value, body system character or "") of each Device Key line that names a device value of
    a Medical and Surgical table (`devices`: value -> the body systems whose tables print it)."""
    out: list[tuple[str, str, str]] = []
    for r in _read("index_pcs.tsv.gz"):
        if r["parent"] != "0" or not r["use"]:
            continue
        term = said_device(r["term"])
        if len(term) < 3 or any(ch.isdigit() for ch in term):
            continue
        for target in r["use"].split(" | "):
            value, system = _target(target, devices)
            if value not in devices:
                continue
            if system:
                char = _system_char(system)
                if not char or char not in devices[value]:
                    continue  # New Technology, or a system name cut short in the flattened Index
            else:
                char = ""
            out.append((term, value, char))
    return out


def _prefixes(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _NOT_PART}


def names_part(term: str, part: str) -> bool:
    """Whether a Key term names the body part ("Acculink carotid stent" and "Common Carotid Artery, Left")."""
    return bool(_prefixes(term) & _prefixes(part))


def _usual(pool: list[str], named: dict[str, str], rng: random.Random) -> list[str]:
    """The codes of the root operation a device is most often asked with: Insertion (60%), Removal (25%), or
    the other device operations; any root operation when the pool has none of those."""
    draw = rng.random()
    wanted = ("Insertion",) if draw < 0.6 else ("Removal",) if draw < 0.85 else DEVICE_OPERATIONS[2:]
    for operations_wanted in (wanted, DEVICE_OPERATIONS):
        found = [c for c in pool if named[c[2]] in operations_wanted]
        if found:
            return found
    return pool


def device_query(
    code: str,
    term: str,
    operation: str,
    axes: dict[tuple[str, int, str], str],
    rng: random.Random,
) -> str | None:
    table = code[:3]
    part, approach, qualifier = (axes.get((table, i, code[i - 1]), "") for i in (4, 5, 7))
    approach = approach.removesuffix(" Approach")
    if not part or not approach or (code[6] not in "ZX" and not qualifier):
        return None
    side, rest = _side_first(part)
    body = _plain(f"{side} {rest}")
    said = rng.choice((operation.lower(), *OPERATION_WORDS.get(operation, ())))
    if approach == "Percutaneous Endoscopic":
        approach_word = SCOPE_WORDS.get(code[1], "percutaneous endoscopic")
    else:
        approach_word = rng.choice(APPROACH_WORDS.get(approach, (approach.lower(),)))
    preposition = PREPOSITIONS.get(operation)
    if preposition and rng.random() < 0.5:
        words = [said, "of", term, preposition, body]
    elif preposition:
        words = [term, said, body]
    else:
        words = [said, "of", body, "with", term]
    if code[6] not in "ZX":
        words += ["to" if operation == "Bypass" else "", _plain(qualifier)]
    if code[6] == "X":
        words.append("diagnostic")
    if rng.random() < 0.5:
        words.insert(0, approach_word)
    else:
        words.append(approach_word)
    return " ".join(w for w in words if w)


def generate(seed: int, total: int) -> list[tuple[str, str, str]]:
    """(operation, query, code) rows."""
    rng = random.Random(seed)
    codes = valid_codes()
    axes = axis_meanings()
    named = operations(codes)
    devices: dict[str, set[str]] = defaultdict(set)
    by_device: dict[tuple[str, str], list[str]] = defaultdict(list)
    for code in sorted(codes):
        if code[0] != "0" or code[5] == "Z":
            continue
        value = axes.get((code[:3], 6, code[5]), "")
        if value:
            devices[value].add(code[1])
            by_device[(value, code[1])].append(code)
    lines = key_lines(devices)
    rng.shuffle(lines)
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for term, value, system in lines:
        if len(rows) >= total:
            break
        systems = [system] if system else sorted(devices[value])
        pool = [c for s in systems for c in by_device[(value, s)]]
        if not system:
            # A line naming no body system: only where the term names the body part ("carotid stent").
            pool = [c for c in pool if names_part(term, axes.get((c[:3], 4, c[3]), ""))]
        if not pool:
            continue
        code = rng.choice(_usual(pool, named, rng))
        operation = named[code[2]]
        query = device_query(code, term, operation, axes, rng)
        if not query or query in seen:
            continue
        seen.add(query)
        rows.append((operation.lower(), query, code))
    return rows


def write(seed: int, total: int, out: Path) -> None:
    command = f"bench/make_pcs_devices.py --seed {seed} --total {total}"
    write_rows(
        out,
        command,
        "pcsdev",
        "pcs",
        (
            (group, query, code, "a Device Key term for the code's device value")
            for group, query, code in generate(seed, total)
        ),
    )


if __name__ == "__main__":
    raise SystemExit(main(__doc__, OUT, 2042, ("--total", 500), write))
