"""Generate bench/probes/typos.tsv: seeded Index lines asked with the spelling mistakes people make.

    python bench/make_typos.py [--seed 2223] [--per-kind 60] [--out PATH]
    python bench/make_typos.py --score --codes-db /tmp/NAME/codes.sqlite [--misses]

A check of how the search reads a misspelt clinical word (issue #10, round 22). Users type a condition's name as
they hear it or as their fingers slip: "psuedogout", "insufficency", "roseolla", "dysfonia", "chikungunia",
"hyposplenisim". Each query is an Index line of the shipped data (a main term, or a main term and one subterm in
the user's order, whose code is billable and current: bench/make_word_forms.lines) with its longest word (seven
letters or more; for `realword` any word of four letters or more) misspelt by ONE rule of how people misspell (never a list of the sampled words), and half the
time words around it about who has it or for how long:

| kind | rule |
|---|---|
| swap | two neighbouring letters after the first two swapped ("psuedo", "frotteruism") |
| undouble | a doubled letter written once ("ankyloglosia", "diphylobothriasis") |
| double | a single consonant between vowels written twice ("roseolla", "billiuria") |
| vowel | a vowel inside the word dropped ("insufficency", "sphingolipdosis") |
| sound | a letter group written as it sounds: ph/f, ch/k (c before a, o, u)/k, y/i, z/s, ie/ei ("dysfonia") |
| realword | a word of four letters or more written as an English word one letter off ("short statue", "heal spur"), no ending added or dropped |

Lines whose longest word takes no rule of a kind are not sampled for that kind; per kind, lines are drawn with
random.Random(seed) (identical queries kept once). Expected: the line's code (exact). Scoring (--score): each
query through bot.lookups.search.find_codes(book, query, limit=5); top-1 / top-5 per kind.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generated_files import main, write_rows  # noqa: E402
from bench.make_word_forms import _PREFIXES, _SUFFIXES, DATA, _english, lines  # noqa: E402

OUT = ROOT / "bench" / "probes" / "typos.tsv"
KINDS = ("swap", "undouble", "double", "vowel", "sound", "realword")
LETTERS = "abcdefghijklmnopqrstuvwxyz"
LONGEST_FIRST = 7
VOWELS = "aeiou"
_SOUNDS = (
    (re.compile(r"ph"), "f"),
    (re.compile(r"(?<=.)ch(?=[aeiou])"), "k"),
    (re.compile(r"c(?=[aou])"), "k"),
    (re.compile(r"(?<=[a-z])y(?=[a-z])"), "i"),
    (re.compile(r"(?<=[aeiou])s(?=[aeiou])"), "z"),
    (re.compile(r"(?<=[aeiou])z(?=[aeiou])"), "s"),
    (re.compile(r"ie"), "ei"),
    (re.compile(r"ei"), "ie"),
)


def _at(rng: random.Random, places: list[int]) -> int | None:
    return rng.choice(places) if places else None


def one_off(word: str) -> set[str]:
    """The strings one letter off a word (a letter dropped, added, changed, or two swapped), its first kept."""
    cuts = [(word[:n], word[n:]) for n in range(1, len(word) + 1)]
    out = {a + b[1:] for a, b in cuts if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in cuts if len(b) > 1}
    out |= {a + c + b[1:] for a, b in cuts if b for c in LETTERS}
    out |= {a + c + b for a, b in cuts for c in LETTERS}
    return out - {word}


def rules(rng: random.Random, english: frozenset[str] = frozenset()) -> dict[str, Callable[[str], str]]:
    def swap(word: str) -> str:
        places = [n for n in range(2, len(word) - 1) if word[n] != word[n + 1]]
        n = _at(rng, places)
        return word if n is None else word[:n] + word[n + 1] + word[n] + word[n + 2 :]

    def undouble(word: str) -> str:
        n = _at(rng, [n for n in range(1, len(word) - 1) if word[n] == word[n + 1] and word[n] not in VOWELS])
        return word if n is None else word[:n] + word[n + 1 :]

    def double(word: str) -> str:
        places = [
            n
            for n in range(2, len(word) - 2)
            if word[n] not in VOWELS
            and word[n - 1] in VOWELS
            and word[n + 1] in VOWELS
            and word[n] in "lmnprst"
        ]
        n = _at(rng, places)
        return word if n is None else word[:n] + word[n] + word[n:]

    def vowel(word: str) -> str:
        places = [
            n
            for n in range(2, len(word) - 2)
            if word[n] in VOWELS and word[n - 1] not in VOWELS and word[n + 1] not in VOWELS
        ]
        n = _at(rng, places)
        return word if n is None else word[:n] + word[n + 1 :]

    def sound(word: str) -> str:
        options = [
            (p, r, m.start()) for p, r in _SOUNDS for m in p.finditer(word) if m.start() > 0 or r == "f"
        ]
        if not options:
            return word
        pattern, replacement, start = rng.choice(options)
        return word[:start] + pattern.sub(replacement, word[start:], count=1)

    def realword(word: str) -> str:
        # (not a word form: "stomachs", "diseased" say the same word)
        near = sorted(
            w for w in one_off(word) if w in english and len(w) >= 4 and w[:-1] != word and w != word[:-1]
        )
        return rng.choice(near) if near else word

    return {
        "swap": swap,
        "undouble": undouble,
        "double": double,
        "vowel": vowel,
        "sound": sound,
        "realword": realword,
    }


def generate(seed: int, per_kind: int, data: Path = DATA) -> list[tuple[str, str, str, str]]:
    rng = random.Random(seed)
    pool = lines(data, set())
    made = rules(rng, _english(data))
    out: list[tuple[str, str, str, str]] = []
    for kind in KINDS:
        order = list(range(len(pool)))
        rng.shuffle(order)
        seen: set[str] = set()
        count = 0
        for i in order:
            if count >= per_kind:
                break
            text, code, path = pool[i]
            words = text.split()
            if kind == "realword":
                longest = rng.randrange(len(words))
            else:
                longest = max(range(len(words)), key=lambda n: len(words[n]))
            word = words[longest]
            if len(word) < (4 if kind == "realword" else LONGEST_FIRST) or not word.isalpha():
                continue
            typed = made[kind](word)
            if typed == word:
                continue
            words[longest] = typed
            query = " ".join(words)
            if rng.random() < 0.5:
                query = (
                    f"{rng.choice(_PREFIXES)} {query}"
                    if rng.random() < 0.5
                    else f"{query} {rng.choice(_SUFFIXES)}"
                )
            if query in seen:
                continue
            seen.add(query)
            out.append((kind, query, code, path))
            count += 1
    return out


def write(seed: int, per_kind: int, out: Path) -> None:
    command = f"bench/make_typos.py --seed {seed} --per-kind {per_kind}"
    write_rows(
        out,
        command,
        "ty",
        "cm",
        (
            (kind, query, code, f"Index: {path} {code}")
            for kind, query, code, path in generate(seed, per_kind)
        ),
    )


if __name__ == "__main__":
    raise SystemExit(main(__doc__, OUT, 2223, ("--per-kind", 60), write))
