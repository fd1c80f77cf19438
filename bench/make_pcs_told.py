"""Generate bench/probes/pcs_told.tsv: valid Medical and Surgical ICD-10-PCS codes told the way clinicians say
them - the root operation by its everyday verb, the approach by its everyday words - not as the tables print.

    python bench/make_pcs_told.py [--seed 2023] [--total 600] [--out PATH]
    python bench/make_pcs_told.py --score --codes-db /tmp/NAME/codes.sqlite [--misses]

A check no vocabulary can game (round 23, issue #10): a seeded sample (random.Random(seed)) of tables of section
0, then of a valid code of each (valid on 2026-10-01, MCE v44, as bench/make_pcs_rows.py reads them), each
turned into one query from its own axis values:
- the root operation by a verb a clinician uses (`VERBS`: "cut out part of" for Excision, "tying off" for
  Occlusion, "took out ... from" for Removal, "balloon dilation of" for Dilation, "biopsy of" for a diagnostic
  Excision, "aspiration of ... for culture" for a diagnostic Drainage) - the root's definition, told;
- the approach by its everyday words (`told_approach`, each approach its share: `SHARES`): Open "through an incision", Percutaneous "needle" or
  "through stab incisions", Percutaneous Endoscopic the scope through the skin by its body system's name
  ("laparoscopic"), Via Natural or Artificial Opening "through the <opening> without a scope" and the
  Endoscopic one "through the scope" or the scope's own name ("bronchoscopic", "cystoscopic"), with the opening
  of the body system (`OPENINGS`: the mouth for the airway and the upper digestive tract, the rectum for the
  lower, the urethra, the vagina); External "closed";
- the body part value with its side first (or a Body Part Key term for it, 30%), the device value when it is
  not No Device, the qualifier when it is not No Qualifier.
A code whose approach has no everyday words here (Via Opening with Percutaneous Endoscopic Assistance) or whose
body system names no opening for 7/8 is skipped. Expected: the code itself. Category: the approach told.
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
    KEY_SHARE,
    SCOPE_WORDS,
    _plain,
    _side_first,
    axis_meanings,
    key_terms,
    operations,
    valid_codes,
)

OUT = ROOT / "bench" / "probes" / "pcs_told.tsv"

# Everyday verbs for a root operation; "{part}" is the body part, "{device}" the device value.
VERBS: dict[str, tuple[str, ...]] = {
    "Excision": ("cut out part of {part}", "partial removal of {part}"),
    "Resection": ("removal of the whole {part}", "took out the entire {part}"),
    "Drainage": ("drainage of {part}", "draining {part}"),
    "Extirpation": (
        "removal of a stone from {part}",
        "clot removal from {part}",
        "foreign body out of {part}",
    ),
    "Removal": ("took out the {device} from {part}", "removal of {device} from {part}"),
    "Insertion": ("placement of {device} in {part}", "put {device} into {part}"),
    "Dilation": ("balloon dilation of {part}", "stretching of {part}"),
    "Inspection": ("look at {part}", "exploration of {part}"),
    "Repair": ("repair of {part}", "suture of {part}"),
    "Release": ("freeing up {part}", "release of {part}"),
    "Division": ("cutting through {part}", "division of {part}"),
    "Occlusion": ("tying off {part}", "ligation of {part}"),
    "Restriction": ("narrowing of {part}", "partial closing of {part}"),
    "Destruction": ("ablation of {part}", "burning of {part}"),
    "Supplement": ("reinforcement of {part} with {device}", "augmentation of {part} with {device}"),
    "Replacement": ("replacement of {part} with {device}",),
}
DIAGNOSTIC = {
    "Excision": ("biopsy of {part}",),
    "Drainage": ("aspiration of {part} for culture", "drainage of {part} for cytology"),
}
# The opening an instrument goes in by, and the scope's own name, by body system (and body part words).
_LOWER_GI = re.compile(r"(?i)\b(?:ileum|cecum|colon|rectum|anus|sigmoid|large intestine|appendix|anal)\b")
OPENINGS = {"B": ("mouth", "bronchoscopic"), "C": ("mouth", "laryngoscopic"), "T": ("urethra", "cystoscopic")}
OPEN_WORDS = ("open", "through an incision")
# Each approach's share of the sample: the approaches told in everyday words weigh as much as the others.
SHARES = {
    "open": 0.15,
    "percutaneous": 0.2,
    "percutaneous endoscopic": 0.15,
    "via natural or artificial opening": 0.2,
    "via natural or artificial opening endoscopic": 0.2,
    "external": 0.1,
}
NEEDLE_WORDS = ("percutaneous", "needle", "through stab incisions")
NEEDLED = frozenset("9BH")  # a needle drains, biopsies or places a line; other roots are told otherwise


def opening(code: str, part: str) -> tuple[str, str] | None:
    """The opening and the scope's name for a code's body system and body part, or None."""
    system = code[1]
    if system in OPENINGS:
        return OPENINGS[system]
    if system == "D":
        return ("rectum", "colonoscopic") if _LOWER_GI.search(part) else ("mouth", "egd")
    if system == "U":
        return ("vagina", "hysteroscopic")
    if system == "F":
        return ("mouth", "ercp")
    return None


def told_approach(code: str, approach: str, part: str, rng: random.Random) -> tuple[str, str] | None:
    """(the approach's everyday words, where they go: "before" or "after") or None."""
    where = rng.choice(("before", "after"))
    if approach == "Open":
        return rng.choice(OPEN_WORDS), where
    if approach == "Percutaneous":
        needled = code[2] in NEEDLED
        word = rng.choice(NEEDLE_WORDS if needled else NEEDLE_WORDS[::2])
        return word, "before" if word == "needle" else where
    if approach == "Percutaneous Endoscopic":
        return SCOPE_WORDS.get(code[1], "endoscopic through the skin"), where
    if approach == "External":
        return "closed", "before"
    found = opening(code, part)
    if found is None:
        return None
    place, scope = found
    if approach == "Via Natural or Artificial Opening":
        return f"through the {place} without a scope", "after"
    if approach == "Via Natural or Artificial Opening Endoscopic":
        return rng.choice((("through the scope", "after"), (scope, "before")))
    return None


def told_query(
    code: str,
    operation: str,
    axes: dict[tuple[str, int, str], str],
    keys: dict[str, list[str]],
    rng: random.Random,
) -> tuple[str, str] | None:
    """(category, query) for a Medical and Surgical code, or None when it cannot be told in everyday words."""
    table = code[:3]
    part, approach, device, qualifier = (axes.get((table, i, code[i - 1]), "") for i in (4, 5, 6, 7))
    approach = approach.removesuffix(" Approach")
    diagnostic = code[6] == "X"
    verbs = DIAGNOSTIC.get(operation) if diagnostic else VERBS.get(operation)
    if not part or not approach or not verbs or (code[5] != "Z" and not device):
        return None
    if code[6] not in "ZX" and not qualifier:
        return None
    verb = rng.choice(verbs)
    if ("{device}" in verb) != (code[5] != "Z"):
        return None  # (a device value the verb does not say, or a verb naming a device the code lacks)
    side, rest = _side_first(part)
    terms = [t for t in keys.get(part, ()) if len(t.split()) <= 4]
    if terms and rng.random() < KEY_SHARE:
        rest = rng.choice(sorted(terms))
    told = told_approach(code, approach, part, rng)
    if told is None:
        return None
    words, where = told
    body = _plain(f"{side} {rest}")
    text = verb.format(part=body, device=_plain(device) if device else "")
    if code[6] not in "ZX":
        text += f" {'to' if operation == 'Bypass' else 'with'} {_plain(qualifier)}"
    query = f"{words} {text}" if where == "before" else f"{text} {words}"
    return approach.lower(), " ".join(query.split())


def generate(seed: int, total: int) -> list[tuple[str, str, str]]:
    """(category, query, code) rows."""
    rng = random.Random(seed)
    codes = valid_codes()
    axes = axis_meanings()
    keys = key_terms()
    named = operations(codes)
    tables: dict[str, list[str]] = defaultdict(list)
    for code in sorted(codes):
        if code[0] == "0":
            tables[code[:3]].append(code)
    surgical = sorted(tables)
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    quota = {approach: round(total * share) for approach, share in SHARES.items()}
    tries = 0
    while len(rows) < total and tries < total * 400:
        tries += 1
        code = rng.choice(tables[rng.choice(surgical)])
        told = told_query(code, named[code[2]], axes, keys, rng)
        if told is None or told[1] in seen or quota.get(told[0], 0) <= 0:
            continue
        quota[told[0]] -= 1
        seen.add(told[1])
        rows.append((told[0], told[1], code))
    return rows


def write(seed: int, total: int, out: Path) -> None:
    command = f"bench/make_pcs_told.py --seed {seed} --total {total}"
    write_rows(
        out,
        command,
        "pcstold",
        "pcs",
        (
            (category, query, code, "generated: the code's axis values told in everyday words")
            for category, query, code in generate(seed, total)
        ),
    )


if __name__ == "__main__":
    raise SystemExit(main(__doc__, OUT, 2023, ("--total", 600), write))
