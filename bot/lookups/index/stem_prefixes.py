"""Stems grouped by their first letters, so that a word is compared only with the stems it could share a
beginning with: "is this word a root operation's verb or another form of a procedure word" was a scan of every
root operation and one-word PCS Index main term (several hundred) for each word asked.

Two stems read as one word in two forms share their first `ROOT_SHARE` letters at least
(bot.lookups.filler._same_root), and a verb's stem is the start of its noun's stem, `VERB_LEAST` letters at
least (bot.lookups.search._verb_of): either way they begin with the same `least` letters, so the stems under
the word's own first `least` letters are every stem that can answer.
"""

from __future__ import annotations

from collections.abc import Iterable


def by_prefix(stems: Iterable[str], least: int) -> dict[str, tuple[str, ...]]:
    """The stems by their first `least` letters (a shorter stem under itself), each group in sorted order."""
    groups: dict[str, list[str]] = {}
    for s in sorted(set(stems)):
        groups.setdefault(s[:least], []).append(s)
    return {prefix: tuple(found) for prefix, found in groups.items()}
