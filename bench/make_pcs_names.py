"""Generate bench/probes/pcs_names.tsv: PCS procedures named the way surgeons name them, by combining forms.

    python bench/make_pcs_names.py [--seed 2123] [--total 400] [--out PATH]
    python bench/make_pcs_names.py --score --codes-db /tmp/NAME/codes.sqlite [--misses]

Surgeons and coders rarely write a PCS title ("Release Left Ureter, Open Approach"); they write one word
built of a Greek or Latin body-part root and an operation suffix ("left ureterolysis, open"), an eponym or
a common name the PCS Index sends on ("Perineorrhaphy see Repair, Perineum"). A check written in the
tables' own words (bench/make_pcs_rows.py) does not ask that; this one does.

How a code becomes a query (random.Random(seed) throughout):
- Half from the PCS Index: a one-word main term ending in an operation suffix whose "see" line names a body
  part ("Cystolithotomy see Extirpation, Bladder=0TCB"). A valid code under that body part is drawn with its
  approach; the query is the word, the side the body part has, the approach said the way a surgeon says it
  ("laparoscopic", "open", "endoscopic", before or after, or left unsaid for the table's only approach), and
  in a third of rows a reason tail ("for stones", "for stricture"). Every body-part table the line names
  with that approach is accepted (the word alone does not choose between Excision and Resection).
- Half from the tables: a sampled valid code of a root operation a suffix names (Excision "partial
  -ectomy", Resection "total -ectomy", Repair "-orrhaphy", Reposition "-pexy", Release "-lysis", Division
  "-otomy", Drainage "-otomy and drainage", Inspection "-oscopy", Fusion "-desis") whose body part has a
  combining form in the list below (standard medical roots, written here from the textbooks, not from the
  product's vocabulary), with its side and approach. Codes with a device or a qualifier are skipped.
- Expected: the drawn code, or (Index rows) any code of the named body parts with the said approach and no
  device or qualifier.

Scoring (--score): each query through bot.lookups.search.find_codes(book, query, limit=5); top-1 / top-5 per
source (index, forms) and per body system.
"""

from __future__ import annotations

import csv
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
OUT = ROOT / "bench" / "probes" / "pcs_names.tsv"
DOS = "2026-10-01"

SUFFIX = re.compile(r"(ectomy|otomy|ostomy|orrhaphy|oplasty|opexy|olysis|odesis|oscopy|lithotomy|ocleisis)$")
# The body-part roots surgeons build procedure words from, and the PCS body-part value words they name.
FORMS = {
    "nephr": "Kidney",
    "pyel": "Kidney Pelvis",
    "ureter": "Ureter",
    "cyst": "Bladder",
    "urethr": "Urethra",
    "oophor": "Ovary",
    "salping": "Fallopian Tube",
    "hyster": "Uterus",
    "colp": "Vagina",
    "trachel": "Cervix",
    "vulv": "Vulva",
    "orchi": "Testis",
    "epididym": "Epididymis",
    "vas": "Vas Deferens",
    "prostat": "Prostate",
    "ten": "Tendon",
    "burs": "Bursa and Ligament",
    "my": "Muscle",
    "neur": "Nerve",
    "splen": "Spleen",
    "thym": "Thymus",
    "myring": "Tympanic Membrane",
    "mastoid": "Mastoid Sinus",
    "ethmoid": "Ethmoid Sinus",
    "sphenoid": "Sphenoid Sinus",
    "sept": "Nasal Septum",
    "turbin": "Nasal Turbinate",
    "blephar": "Eyelid",
    "kerat": "Cornea",
    "irid": "Iris",
    "scler": "Sclera",
    "dacryocyst": "Lacrimal Duct",
    "mamm": "Breast",
    "pericardi": "Pericardium",
    "perine": "Perineum",
    "mediastin": "Mediastinum",
    "lymphaden": "Lymphatic",
}
# Root operation -> (how the word is built, a word said before it).
OPERATIONS = {
    "B": ("ectomy", "partial"),
    "T": ("ectomy", "total"),
    "Q": ("orrhaphy", ""),
    "S": ("opexy", ""),
    "N": ("olysis", ""),
    "8": ("otomy", ""),
    "9": ("otomy", "and drainage"),
    "J": ("oscopy", ""),
}
SCOPE_WORDS = {
    **dict.fromkeys("DFGTUVW", "laparoscopic"),
    **dict.fromkeys("RSM", "arthroscopic"),
    **dict.fromkeys("B", "thoracoscopic"),
}
APPROACHES = {
    "0": ("open",),
    "3": ("percutaneous",),
    "4": ("endoscopic",),
    "7": ("via natural opening",),
    "8": ("endoscopic",),
    "X": ("external", "in office"),
}
REASONS = ("for stricture", "for chronic pain", "for recurrent infection", "for obstruction", "for stones")
SIDES = ("Right", "Left", "Bilateral")


def _read(name: str) -> list[dict[str, str]]:
    with gzip.open(DATA / name, "rt", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def valid_codes() -> dict[str, str]:
    valid = {
        r["code"]
        for r in _read("pcs_validity.tsv.gz")
        if r["start"] <= DOS and (not r["end"] or r["end"] >= DOS)
    }
    return {r["code"]: r["title"] for r in _read("pcs_codes.tsv.gz") if r["code"] in valid and r["title"]}


def axis_meanings() -> dict[tuple[str, int, str], str]:
    return {(r["table"], int(r["position"]), r["char"]): r["meaning"] for r in _read("pcs_axes.tsv.gz")}


def _side(meaning: str) -> tuple[str, str]:
    """ "Right Kidney Pelvis" -> ("right", "Kidney Pelvis"); ("", meaning) for no side."""
    for side in SIDES:
        if meaning.startswith(side + " ") or meaning.endswith(", " + side):
            rest = meaning.replace(side + " ", "", 1).replace(", " + side, "")
            return side.lower(), rest
    return "", meaning


def _approach(code: str, rng: random.Random) -> str:
    if code[4] == "4":
        return SCOPE_WORDS.get(code[1], "percutaneous endoscopic")
    words = APPROACHES.get(code[4])
    return rng.choice(words) if words else ""


def _phrase(word: str, side: str, approach: str, rng: random.Random, reason: str = "") -> str:
    head = f"{side} {word}".strip()
    if approach and rng.random() < 0.5:
        text = f"{approach} {head}"
    elif approach:
        text = f"{head}, {approach}"
    else:
        text = head
    return f"{text} {reason}".strip()


def index_lines() -> list[tuple[str, list[str]]]:
    """One-word PCS Index main terms ending in an operation suffix, with the body-part prefixes (4
    characters) their "see" lines name."""
    out = []
    for r in _read("index_pcs.tsv.gz"):
        term = r["term"].strip()
        if r["parent"] != "0" or not r["see"] or " " in term or not SUFFIX.search(term.lower()):
            continue
        prefixes = [p.split("=")[1].strip() for p in r["see"].split(" | ") if "=" in p]
        prefixes = [p for p in prefixes if len(p) == 4]
        if prefixes:
            out.append((term.lower(), prefixes))
    return sorted(out)


def from_index(
    rng: random.Random, codes: dict[str, str], meanings: dict[tuple[str, int, str], str], n: int
) -> list[tuple[str, str, str, str]]:
    lines = index_lines()
    rows: list[tuple[str, str, str, str]] = []
    for term, prefixes in rng.sample(lines, min(n, len(lines))):
        under = sorted(c for c in codes if c[:4] in prefixes and c[5:] == "ZZ")
        if {c[:4] for c in under} != set(prefixes):
            continue  # a line whose tables need a device or qualifier ("Ileostomy": Bypass ... to Cutaneous)
        code = rng.choice(under)
        side, _ = _side(meanings.get((code[:3], 4, code[3]), ""))
        approaches = {c[4] for c in under if c[:4] == code[:4]}
        approach = _approach(code, rng) if len(approaches) > 1 else ""
        reason = rng.choice(REASONS) if rng.random() < 0.33 else ""
        query = _phrase(term, side, approach, rng, reason)
        expected = sorted(c for c in under if c[4] == code[4] and _side_of(c, meanings) == side)
        rows.append(("index", query, "|".join(expected), f"PCS Index: {term} -> {', '.join(prefixes)}"))
    return rows


def _side_of(code: str, meanings: dict[tuple[str, int, str], str]) -> str:
    return _side(meanings.get((code[:3], 4, code[3]), ""))[0]


def from_forms(
    rng: random.Random, codes: dict[str, str], meanings: dict[tuple[str, int, str], str], n: int
) -> list[tuple[str, str, str, str]]:
    by_form: dict[str, list[str]] = defaultdict(list)
    for code in codes:
        if code[0] != "0" or code[2] not in OPERATIONS or code[5:] != "ZZ":
            continue
        _, part = _side(meanings.get((code[:3], 4, code[3]), ""))
        for form, value in FORMS.items():
            if part == value or (value in ("Tendon", "Muscle", "Nerve", "Lymphatic") and value in part):
                by_form[form].append(code)
    rows: list[tuple[str, str, str, str]] = []
    forms = sorted(by_form)
    for _ in range(n):
        form = rng.choice(forms)
        code = rng.choice(sorted(by_form[form]))
        suffix, before = OPERATIONS[code[2]]
        word = form + suffix
        side, part = _side(meanings.get((code[:3], 4, code[3]), ""))
        # A tendon, muscle, nerve or lymphatic of many sites: the site said beside the word.
        extra = part.lower().replace(FORMS[form].lower(), "").strip() if FORMS[form] != part else ""
        if before == "and drainage":
            word = f"{word} and drainage"
        elif before:
            word = f"{before} {word}"
        if extra:
            word = f"{extra} {word}"
        query = _phrase(word, side, _approach(code, rng), rng)
        rows.append(("forms", query, code, f"combining form {form}- + {suffix}: {codes[code]}"))
    return rows


def generate(seed: int, total: int) -> list[tuple[str, str, str, str]]:
    rng = random.Random(seed)
    codes = valid_codes()
    meanings = axis_meanings()
    rows = from_index(rng, codes, meanings, total // 2)
    rows += from_forms(rng, codes, meanings, total - len(rows))
    return rows


def write(seed: int, total: int, out: Path) -> None:
    command = f"bench/make_pcs_names.py --seed {seed} --total {total}"
    write_rows(out, command, "pcsname", "pcs", generate(seed, total))


if __name__ == "__main__":
    raise SystemExit(
        main(__doc__, OUT, 2123, ("--total", 400), write, lambda q: (q.group, q.targets[0].code[:2]))
    )
