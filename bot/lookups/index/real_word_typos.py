"""A misspelling that is itself a word: "short statue", "cancer sore", "varicose vains", "heal spur".

A spelling checker passes a typo that lands on another real word, and so does a lookup that corrects only words
it does not know. A coder reading "short statue in an 8 year old" reads past it: no Index line says a statue,
and one letter away "stature" makes the Index line "Stature, short" with the word beside it. This is that
reading: a query word of four letters or more that forms no Index line with any other word of the query (no
main term holding the one has a line, its own or below it, holding the other) is read as the word one letter
away (a letter dropped, added, changed or two swapped; the first letter kept; no mere word form: "veins" for
"vein") that does form one with another word of the query - when exactly one such word does. It is tried only
where the answer as typed leaves words unused or finds nothing (`bot.lookups.search`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

SHORTEST = 4  # a shorter word has too many words one letter away
MOST_WORDS = 8  # a longer query is a sentence: its words' pairs say too much


@dataclass(frozen=True)
class RealWordTypo:
    typed: str  # the word as typed ("statue")
    meant: str  # the word one letter away that forms an Index line with another word ("stature")
    beside: str  # the query's word it forms the line with ("short")


def one_letter_off(typed: str, other: str) -> bool:
    """Whether two words differ by one letter dropped, added, changed, or two neighbours swapped."""
    if typed == other or abs(len(typed) - len(other)) > 1:
        return False
    if len(typed) == len(other):
        diff = [n for n in range(len(typed)) if typed[n] != other[n]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and typed[diff[0]] == other[diff[1]]
            and typed[diff[1]] == other[diff[0]]
        )
    short, long_ = (typed, other) if len(typed) < len(other) else (other, typed)
    return any(long_[:n] + long_[n + 1 :] == short for n in range(len(long_)))


def one_letter_variants(word: str, letters: str) -> set[str]:
    """Every string `one_letter_off` a word with the given letters: one letter dropped, added, changed, or
    two neighbours swapped. A few hundred strings, where the words of the data near a word in shape run to
    thousands: looked up among them instead of comparing each."""
    out: set[str] = set()
    for n in range(len(word)):
        head, tail = word[:n], word[n + 1 :]
        out.add(head + tail)
        out.update(head + c + tail for c in letters)
        out.update(head + c + word[n:] for c in letters)
        if tail:
            out.add(head + tail[0] + word[n] + tail[1:])
    out.update(word + c for c in letters)
    out.discard(word)
    return out


# (the word it forms its line with is said next to it, in its clause: "short statue", "varicose vains")
NEAREST = 1


def _beside(words: Sequence[str], at: int) -> list[str]:
    """The query's words within NEAREST words of `at`, in its clause (a "," in `words` ends one; "" holds the
    place of a connective)."""
    out: list[str] = []
    for step in (-1, 1):
        n = at + step
        while 0 <= n < len(words) and abs(n - at) <= NEAREST and words[n] != ",":
            if words[n].isalpha() and len(words[n]) >= 3 and words[n] != words[at]:
                out.append(words[n])
            n += step
    return out


def read_real_word_typo(
    words: Sequence[str],
    candidates: Callable[[str], Iterable[str]],
    together: Callable[[str, str], bool],
    stem: Callable[[str], str],
    known: Callable[[str], bool] = lambda word: False,
) -> RealWordTypo | None:
    """The first query word that forms no Index line with the words beside it in its clause (`words`: the
    query's words in order, "," between clauses) but has exactly one word one letter away that does with one
    of them (`candidates(word)`: words of the data near it in shape; `together(a, b)`: an Index line
    holds both words, or a line holding the one has one below it holding the other)."""
    content = [w for w in words if w.isalpha() and len(w) >= 3]
    if len(content) < 2 or len(content) > MOST_WORDS:
        return None
    for at, typed in enumerate(words):
        if len(typed) < SHORTEST or not typed.isalpha() or known(typed):  # ("trach": the vocabulary's)
            continue
        others = _beside(words, at)
        if not others or any(together(typed, other) for other in others):
            continue  # (no word beside it, none a near word could form a line with: its candidates unread)
        meant: dict[str, str] = {}
        for near in candidates(typed):
            if (
                near[0] != typed[0]
                or len(near) < SHORTEST
                or stem(near) == stem(typed)
                or not one_letter_off(typed, near)
            ):
                continue
            beside = next((other for other in others if together(near, other)), None)
            if beside is not None:
                meant.setdefault(stem(near), near)
                if len(meant) > 1:
                    break
                found = RealWordTypo(typed, near, beside)
        if len(meant) == 1:
            return found
    return None
