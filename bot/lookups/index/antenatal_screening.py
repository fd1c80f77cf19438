"""A prenatal test told by what it looks for -> the Index's "Encounter (for), antenatal screening" line.

The Index lists the antenatal screenings by what they look for: "Encounter, antenatal screening, fetal growth
retardation" Z36.4, "..., fetal lung maturity" Z36.84, "..., congenital cardiac abnormalities" Z36.83,
"..., hydrops fetalis" Z36.81, "..., suspected anomaly" Z36.3. Users name the test and the worry in their own
words: "growth ultrasound", "amnio to check the baby's lungs are mature", "scan to screen the baby for heart
defects", "ultrasound to look for birth defects". A coder reads the line the worry is (guideline I.C.21.c.5:
a screening of an asymptomatic pregnancy is Z36; routine prenatal care is Z34): each line's words, the nouns
its adjectives pertain to and the synonyms of its words (WordNet: cardiac is of the heart; a birth defect is
a congenital anomaly) against the sentence's words and the synonyms of its phrases; the line most of whose
own words the sentence says wins (the fetus and the screening are every line's and count for none).

`antenatal_line` is read only when the sentence tells a test and a pregnancy or a fetus.
"""

from __future__ import annotations

import re
import sqlite3

from bot.lookups.index.pregnancy_supervision import NOT_PREGNANT
from bot.lookups.index.words import content_stems
from bot.lookups.wordnet import WordNet

_PRENATAL = re.compile(
    r"\b(?:fetal|fetus|foetal|pregnan\w*|prenatal|antenatal|\d+\s*(?:wks?|weeks?)|amnio\w*|in\s+utero|ob)\b"
    r"|\bbaby(?:'s)?\b.*\b(?:ultrasound|scan|sono\w*|echo\w*)\b|\b(?:ultrasound|scan|sono\w*|echo\w*)\b.*\bbaby"
)
# A baby born ("3 day old baby weight check"), a finding of a screening (O28, the Z36 note's Excludes2) and a
# suspected condition ruled out (Z03.7-, its Excludes1) are no antenatal screening.
_NOT_SCREENING = re.compile(
    r"\b(?:newborn|neonat\w*|infant|\d+\s*(?:day|days|week|weeks|month|months|wk|wks|mo)[- ]old|abnormal|"
    r"findings?|positive|failed|ruled\s+out|turned\s+out)\b"
)
_TEST = re.compile(
    r"\b(?:screen\w*|ultrasound|u/s|scan|sono\w*|echo\w*|amnio\w*|tests?|testing|check\w*|look\w*\s+for|"
    r"rule\s+out|measure\w*)\b"
)
# Words every line shares or that name no worry of their own.
_GENERIC = content_stems(
    "fetal fetus fetalis screening antenatal specified type nec level previous follow up other suspected "
    "congenital maternal serum elevated raised risk of on a"
)
SHARE = 0.5  # at least this share of a line's own words said

_MEMO: dict[tuple[int, str], object] = {}


def may_read_antenatal(query: str) -> bool:
    """A cheap test of the words: a test and a pregnancy or a fetus told."""
    low = query.lower()
    return (
        _PRENATAL.search(low) is not None
        and _TEST.search(low) is not None
        and NOT_PREGNANT.search(low) is None
        and _NOT_SCREENING.search(low) is None
    )


def _forms(word_or_phrase: str, wordnet: WordNet) -> frozenset[str]:
    """The stems of a word, of its first sense's synonyms and of the nouns it pertains to."""
    found = set(content_stems(word_or_phrase))
    if word_or_phrase.endswith("s") and not wordnet.senses(word_or_phrase):
        word_or_phrase = word_or_phrase[:-1]  # ("birth defects": a birth defect)
    for synonym in wordnet.synonyms(word_or_phrase):
        found |= content_stems(synonym)
    for sense in wordnet.pertains(word_or_phrase)[:1]:
        found |= content_stems(sense.lemmas[0])
    return frozenset(found)


def _lines(
    conn: sqlite3.Connection, wordnet: WordNet
) -> tuple[tuple[str, list[frozenset[str]], tuple[bool, ...]], ...]:
    """The lines below "Encounter, antenatal screening": the code, per word of its own the stems that say it,
    and per word whether it must be said (a negated word: "non-visualized anatomy" is no anatomy scan)."""
    key = (id(conn), "lines")
    found = _MEMO.get(key)
    if isinstance(found, tuple):
        return found
    rows: list[tuple[str, list[frozenset[str]], tuple[bool, ...]]] = []
    for term, code in conn.execute(
        """SELECT s.term, s.code FROM index_nodes e
           JOIN index_nodes a ON a.parent = e.id AND a.term = 'antenatal screening'
           JOIN index_nodes s ON s.parent = a.id
           WHERE e.book = 'cm' AND e.parent = 0 AND e.term = 'Encounter' AND s.code != ''"""
    ):
        text = str(term).lower().replace("non-", "non")
        words = [w for w in re.findall(r"[a-z]+", text) if not content_stems(w) <= _GENERIC]
        own = [_forms(w, wordnet) for w in words]
        if own:
            rows.append((str(code).replace(".", ""), own, tuple(w.startswith("non") for w in words)))
    result = tuple(rows)
    _MEMO[key] = result
    return result


def antenatal_line(query: str, conn: sqlite3.Connection, wordnet: WordNet) -> str | None:
    """The code (storage form) of the antenatal screening line the sentence's worry is, or None."""
    low = " ".join(query.lower().replace("\u2019", "'").replace("non-", "non").split())
    words = re.findall(r"[a-z]+", low)
    said = set(content_stems(low))
    for size in (1, 2):
        for i in range(len(words) - size + 1):
            said |= _forms(" ".join(words[i : i + size]), wordnet)
    said -= _GENERIC
    best: tuple[float, int, str] | None = None
    for code, own, needed in _lines(conn, wordnet):
        if any(need and not forms & said for forms, need in zip(own, needed, strict=True)):
            continue
        covered = sum(1 for forms in own if forms & said)
        share = covered / len(own)
        if covered and share >= SHARE and (best is None or (share, covered) > best[:2]):
            best = (share, covered, code)
    return best[2] if best else None
