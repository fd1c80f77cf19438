"""Generate bench/probes/neoplasm_sites.tsv: seeded Neoplasm Table site lines x columns asked as users type them.

    python bench/make_neoplasm_sites.py [--seed 2222] [--total 400] [--out PATH]
    python bench/make_neoplasm_sites.py --score --codes-db /tmp/NAME/codes.sqlite [--misses]

A check of how the search reads the Table of Neoplasms (issue #10, round 22): a site line of the shipped Table
(bot/lookups/data/index_neoplasm.tsv.gz) and one of its filled columns, drawn with random.Random(seed), asked
the way users write it rather than the way the Table prints it:

- the site: the line's words in the user's order (a subterm before its site, "lower lobe lung"), its
  parenthesized modifiers and "NEC"/"NOS" dropped, one of its comma forms taken at random when they are forms
  of one word ("anus" or "anal"), else the first ("lingula, lung": lingula);
  a side ("left"/"right") said when the column's code takes one;
- the column: said by one of several phrasings per column - "cancer of the", "ca", "malignant tumor" (primary);
  "mets to", "metastasis to", "cancer spread to" (secondary); "ca in situ", "carcinoma in situ" (in situ);
  "benign tumor", "benign growth" (benign); "uncertain behavior", "borderline" (uncertain); "tumor", "neoplasm,
  behavior unspecified" (unspecified) - word order and articles varied.

Expected: the column's code of the line; for a code the Table prints incomplete ("C34.1-") the Tabular code of
the side said when exactly one billable code under it names that side, else any completion (prefix); a code
the Tabular has since subdivided ("D48.1": D48.19) any completion as well. Lines
whose phrase says the same words as another line with another code accept either code. Lines read only as a
reference ("see Neoplasm, ..."), the Table's own lines "overlapping lesion", "specified site" and the skin's
morphology lines ("basal cell carcinoma") are not drawn.
Scoring (--score): each query through find_codes(book, query, limit=5); top-1 / top-5 by column.
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
from bot.lookups.index.store import TABLE_COLUMNS  # noqa: E402

DATA = ROOT / "bot" / "lookups" / "data"
OUT = ROOT / "bench" / "probes" / "neoplasm_sites.tsv"

COLUMNS = TABLE_COLUMNS["neoplasm"]  # the Neoplasm Table's columns, in the order the data prints them
PHRASES: dict[str, tuple[str, ...]] = {
    "malignant_primary": (
        "cancer of the {site}",
        "{site} cancer",
        "malignant tumor of the {site}",
        "{site} ca",
        "primary malignancy of {site}",
    ),
    "malignant_secondary": (
        "mets to the {site}",
        "metastasis to {site}",
        "cancer spread to the {site}",
        "{site} metastases",
        "secondary cancer in the {site}",
    ),
    "ca_in_situ": ("ca in situ of the {site}", "{site} carcinoma in situ", "carcinoma in situ of {site}"),
    "benign": ("benign tumor of the {site}", "benign {site} tumor", "benign growth in the {site}"),
    "uncertain_behavior": (
        "{site} tumor, uncertain behavior",
        "tumor of uncertain behavior in the {site}",
        "{site} neoplasm of uncertain behaviour",
    ),
    "unspecified_behavior": (
        "{site} tumor",
        "tumor of the {site}, behavior unspecified",
        "neoplasm of {site}",
    ),
}
# (the Table's own lines no site names, and the skin's morphology lines, which are asked by morphology)
SKIPPED_TERMS = re.compile(
    r"overlapping|specified|unknown site|^ill-defined|^other|carcinoma|melanoma", re.IGNORECASE
)
DROPPED_WORDS = re.compile(r"\b(NEC|NOS)\b")
_PAREN = re.compile(r"\([^)]*\)")


def _rows(name: str) -> list[dict[str, str]]:
    with gzip.open(DATA / name, "rt", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _billable() -> dict[str, str]:
    return {
        r["code"]: r["title"]
        for r in _rows("cm_codes.tsv.gz")
        if r["billable"] == "1" and r["current"] == "1"
    }


def _form(term: str, rng: random.Random) -> str:
    """One comma form of a line's term, without its parenthesized words and NEC/NOS."""
    forms = [f.strip() for f in _PAREN.sub("", term).split(",") if f.strip()]
    if not forms:
        return term
    # ("anus, anal", "testis, testes": forms of one word; "lingula, lung", "digestive organs, system": the
    # first names the site)
    chosen = rng.choice(forms) if len({f[:3].lower() for f in forms}) == 1 else forms[0]
    return " ".join(DROPPED_WORDS.sub("", chosen).split())


def _completion(code: str, side: str, billable: dict[str, str]) -> str:
    """The code of a side under an incomplete code ("C34.1-", "right"), or the prefix with "*"."""
    prefix = code.rstrip("-").replace(".", "")
    named = [
        c
        for c, title in billable.items()
        if c.startswith(prefix) and side in title.lower().split() and "unspecified" not in title.lower()
    ]
    return named[0] if len(named) == 1 else prefix + "*"


def generate(seed: int, total: int) -> list[tuple[str, str, str, str]]:
    rng = random.Random(seed)
    rows = _rows("index_neoplasm.tsv.gz")
    by_id = {r["id"]: r for r in rows}
    billable = _billable()
    pool = []
    for r in rows:
        if r["parent"] in ("", "0") or r["see"] or SKIPPED_TERMS.search(r["term"]):
            continue
        chain = []
        node: dict[str, str] | None = r
        while node is not None and node["parent"] not in ("", "0"):
            chain.append(node)
            node = by_id.get(node["parent"])
        if len(chain) > 3 or any(SKIPPED_TERMS.search(n["term"]) for n in chain):
            continue
        filled = [c for c in COLUMNS if r[c]]
        if filled:
            pool.append((r, chain, filled))
    order = list(range(len(pool)))
    rng.shuffle(order)
    out: list[tuple[str, str, str, str]] = []
    by_phrase: dict[tuple[str, frozenset[str]], set[str]] = defaultdict(set)
    seen: set[str] = set()
    for i in order:
        if len(out) >= total:
            break
        r, chain, filled = pool[i]
        column = rng.choice(filled)
        words = [_form(n["term"], rng) for n in chain]  # the line first, its site last
        site = " ".join(words) if rng.random() < 0.7 else " ".join(reversed(words))
        if not site:
            continue
        code = r[column]
        side = ""
        if code.endswith("-"):
            side = rng.choice(("left", "right"))
            site = f"{side} {site}"
        query = rng.choice(PHRASES[column]).format(site=site)
        query = re.sub(r"\bthe the\b", "the", query)
        if query in seen:
            continue
        seen.add(query)
        expected = _completion(code, side, billable) if side else code.replace(".", "")
        if not side and expected not in billable:
            expected += "*"  # the Table's "D48.1" the Tabular now subdivides (D48.19): any completion
        path = ", ".join(n["term"] for n in reversed(chain))
        key = (column, frozenset(site.lower().split()))
        by_phrase[key].add(expected)
        out.append((column, query, "\0".join(key[1]), f"Neoplasm Table: {path} - {column} {code}"))
    # (two lines said in the same words, "bone, orbit" and "orbit" asked as "orbit": either code is right)
    return [
        (column, query, "|".join(sorted(by_phrase[(column, frozenset(words.split("\0")))])), why)
        for column, query, words, why in out
    ]


def write(seed: int, total: int, out: Path) -> None:
    command = f"bench/make_neoplasm_sites.py --seed {seed} --total {total}"
    write_rows(out, command, "neosite", "cm", generate(seed, total))


if __name__ == "__main__":
    raise SystemExit(main(__doc__, OUT, 2222, ("--total", 400), write))
