"""Generate bench/probes/word_forms.tsv: seeded Index lines asked with one word in another form than printed.

    python bench/make_word_forms.py [--seed 2121] [--per-kind 100] [--out PATH]
    python bench/make_word_forms.py --score --codes-db /tmp/NAME/codes.sqlite [--misses]

A check of how the search reads a word the user writes otherwise than the Index (issue #10, round 21): users
write "burnout" for Burn-out, "small pox" for Smallpox, "oedema" for Edema, "aphonic" for Aphonia, "crohns" for
Crohn's, add "my kid has" or "for 2 weeks". Each query is an Index line of the shipped data
(bot/lookups/data/index_cm.tsv.gz: a main term, or a main term and one subterm in the user's order "esophagus
spasm") whose code is billable and current, with ONE word rewritten by ONE rule of general English and medical
word building (never a list of the sampled words):

| kind | rule |
|---|---|
| hyphen | a hyphenated word written closed ("burnout") or open ("burn out") |
| split | a closed compound of two English words written open ("small pox", "tooth ache") |
| possessive | an eponym's "'s" dropped ("crohns", "crohn") |
| british | the word's British spelling: ae/oe in hem-/-emia/edema/esophag-/fetus/celiac/estrogen, -our, -ise, -yse, -re, -coele, -rrhoea, sulph- |
| derive | a noun's adjective or verb: -ia/-ic, -osis/-otic, -itis/-itic, -asis/-atic, -ysis/-ytic, -ence/-ent, -ance/-ant, -mania/-maniac, -phobia/-phobic, -pathy/-pathic, -ism/-, -ation/-ated, -ssion/-ssed, -ment/-ed, -iveness/-ive |
| plural | the head word in the plural ("cysts", "polyps") |
| typo | one letter of a long word dropped or two swapped (never the first) |
| context | words about who has it or for how long around the line ("my kid has ...", "... for 2 weeks") |

Lines whose words are all too short or take no rule of a kind are not sampled for that kind; per kind, lines
are drawn with random.Random(seed) from the kind's pool (identical queries kept once). Expected: the line's
code (exact). Scoring (--score): each query through bot.lookups.search.find_codes(book, query, limit=5); top-1
/ top-5 per kind.
"""

from __future__ import annotations

import csv
import gzip
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generated_files import main, write_rows  # noqa: E402

DATA = ROOT / "bot" / "lookups" / "data"
OUT = ROOT / "bench" / "probes" / "word_forms.tsv"

KINDS = ("hyphen", "split", "possessive", "british", "derive", "plural", "typo", "context")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")

# American -> British spellings (pattern on the lower-case word, replacement).
_BRITISH = (
    (re.compile(r"^hem(?=[aoi])"), "haem"),
    (re.compile(r"(?<=[a-z])emia"), "aemia"),
    (re.compile(r"^edema"), "oedema"),
    (re.compile(r"^esophag"), "oesophag"),
    (re.compile(r"^fet(?=us|al)"), "foet"),
    (re.compile(r"^celiac"), "coeliac"),
    (re.compile(r"^estrogen"), "oestrogen"),
    (re.compile(r"^ped(?=iatr)"), "paed"),
    (re.compile(r"(?<=[a-z]{2})or$"), "our"),
    (re.compile(r"(?<=[a-z]{3})iz(?=e|ed|ation)"), "is"),
    (re.compile(r"(?<=[a-z]{2})yz(?=e|ed)"), "ys"),
    (re.compile(r"(?<=[a-z]{3}[bt])er$"), "re"),
    (re.compile(r"cele$"), "coele"),
    (re.compile(r"rrhea$"), "rrhoea"),
    (re.compile(r"^sulf"), "sulph"),
)
# A noun's ending and its adjective's or verb's (general English and medical word building).
_DERIVE = (
    ("mania", "maniac"),
    ("phobia", "phobic"),
    ("pathy", "pathic"),
    ("iveness", "ive"),
    ("osis", "otic"),
    ("itis", "itic"),
    ("asis", "atic"),
    ("ysis", "ytic"),
    ("esis", "etic"),
    ("ssion", "ssed"),
    ("ation", "ated"),
    ("ence", "ent"),
    ("ance", "ant"),
    ("ment", "ed"),
    ("ism", ""),
    ("ia", "ic"),
)
_PREFIXES = (
    "my kid has",
    "nurse with",
    "my husband has",
    "patient with",
    "teacher says i have",
    "i think i have",
)
_SUFFIXES = ("for 2 weeks", "since last month", "again", "for a few days now")
MIN_TYPO = 7


def british(word: str) -> str:
    for pattern, spelled in _BRITISH:
        changed = pattern.sub(spelled, word)
        if changed != word:
            return changed
    return word


def derive(word: str) -> str:
    for noun, other in _DERIVE:
        base = word[: -len(noun)]
        if word.endswith(noun) and len(base) >= 4:
            return base + other
    return word


def plural(word: str) -> str:
    if (
        len(word) < 4
        or not word.isalpha()
        or word.endswith(("s", "x", "ia", "y", "ic", "al", "ous", "ive", "ed", "ing"))
    ):
        return word
    return word + "s"


def _typo(rng: random.Random) -> Callable[[str], str]:
    def typo(word: str) -> str:
        if len(word) < MIN_TYPO or not word.isalpha():
            return word
        at = rng.randrange(2, len(word) - 1)
        if rng.random() < 0.5:
            return word[:at] + word[at + 1 :]
        swapped = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        return swapped if swapped != word else word[:at] + word[at + 1 :]

    return typo


_PREFIXES_SPLIT = (
    "hyper",
    "hypo",
    "mega",
    "micro",
    "macro",
    "pneumo",
    "non",
    "pre",
    "post",
    "anti",
    "over",
    "under",
)


def _split(english: frozenset[str], indexed: frozenset[str]) -> Callable[[str], str]:
    """A closed compound written open: at a prefix users write apart ("hyper tension", "non compliance"), or
    between two English words that are each a word of the Index ("small pox", "tooth ache")."""

    def split(word: str) -> str:
        if len(word) < 7 or not word.isalpha():
            return word
        for prefix in _PREFIXES_SPLIT:
            if word.startswith(prefix) and len(word) - len(prefix) >= 4 and word[len(prefix) :] in indexed:
                return f"{prefix} {word[len(prefix) :]}"
        for at in range(3, len(word) - 2):
            first, second = word[:at], word[at:]
            if first in english and second in english and first in indexed and second in indexed:
                return f"{first} {second}"
        return word

    return split


def hyphen(word: str) -> str:
    parts = word.split("-")
    if len(parts) < 2 or not all(p.isalpha() for p in parts):
        return word
    return "".join(parts) if len(parts) == 2 and len(word) % 2 == 0 else " ".join(parts)


def possessive(word: str) -> str:
    return word[:-2] + "s" if word.endswith("'s") and len(word) > 4 else word


def _clean(text: str) -> str:
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)
    text = re.sub(r"\b(NEC|NOS)\b", " ", text)
    return " ".join(text.split()).strip(" ,")


def lines(data: Path, indexed: set[str]) -> list[tuple[str, str, str]]:
    """(query as typed, code, Index path) for the main terms and their first-level subterms that carry a
    billable, current ICD-10-CM code."""
    with gzip.open(data / "cm_codes.tsv.gz", "rt", newline="") as handle:
        billable = {
            r["code"]
            for r in csv.DictReader(handle, delimiter="\t")
            if r["billable"] == "1" and r["current"] == "1"
        }
    with gzip.open(data / "index_cm.tsv.gz", "rt", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    terms = {r["id"]: r for r in rows}
    out = []
    for r in rows:
        code = r["code"].replace(".", "")
        indexed.update(w.lower() for w in _WORD.findall(r["term"]))
        if not code or code not in billable or r["see"]:
            continue
        main = _clean(r["term"].split(",")[0]) if r["parent"] == "0" else ""
        if r["parent"] == "0":
            text, path = main, r["term"]
        else:
            parent = terms.get(r["parent"])
            if parent is None or parent["parent"] != "0":
                continue
            sub = _clean(r["term"])
            if not sub or re.match(r"(?i)^(with|without|due|in|of|on|from|by|and|to|as|at|see)\b", sub):
                continue
            text = f"{sub} {_clean(parent['term'].split(',')[0])}"
            path = f"{parent['term']}, {r['term']}"
        if text and len(text) >= 4:
            out.append((text.lower(), r["code"], path))
    return out


def _english(data: Path) -> frozenset[str]:
    with gzip.open(data / "english_words.txt.gz", "rt") as handle:
        return frozenset(w.strip().lower() for w in handle if len(w.strip()) >= 3)


def rewritten(text: str, rule: Callable[[str], str], rng: random.Random, last: bool = False) -> str | None:
    """The text with one word (chosen at random among those the rule changes; `last`: the head word, last in
    the user's order) rewritten, or None."""
    words = text.split()
    changeable = [n for n, w in enumerate(words) if rule(w) != w and (not last or n == len(words) - 1)]
    if not changeable:
        return None
    n = rng.choice(changeable)
    words[n] = rule(words[n])
    return " ".join(words)


def generate(seed: int, per_kind: int, data: Path = DATA) -> list[tuple[str, str, str, str]]:
    rng = random.Random(seed)
    indexed: set[str] = set()
    pool = lines(data, indexed)
    english = _english(data)
    rules: dict[str, Callable[[str], str]] = {
        "hyphen": hyphen,
        "split": _split(english, frozenset(indexed)),
        "possessive": possessive,
        "british": british,
        "derive": derive,
        "plural": plural,
        "typo": _typo(rng),
    }
    out: list[tuple[str, str, str, str]] = []
    for kind in KINDS:
        order = list(range(len(pool)))
        rng.shuffle(order)
        seen: set[str] = set()
        for i in order:
            if sum(1 for k, *_ in out if k == kind) >= per_kind:
                break
            text, code, path = pool[i]
            if kind == "context":
                query: str | None = (
                    f"{rng.choice(_PREFIXES)} {text}"
                    if rng.random() < 0.6
                    else f"{text} {rng.choice(_SUFFIXES)}"
                )
            else:
                query = rewritten(text, rules[kind], rng, last=kind == "plural")
            if query is None or query in seen:
                continue
            seen.add(query)
            out.append((kind, query, code, path))
    return out


def write(seed: int, per_kind: int, out: Path) -> None:
    command = f"bench/make_word_forms.py --seed {seed} --per-kind {per_kind}"
    write_rows(
        out,
        command,
        "wf",
        "cm",
        (
            (kind, query, code, f"Index: {path} {code}")
            for kind, query, code, path in generate(seed, per_kind)
        ),
    )


if __name__ == "__main__":
    raise SystemExit(main(__doc__, OUT, 2121, ("--per-kind", 100), write))
