"""From understood query words to verified codes: match the index paths, complete the code in the
Tabular, say why, and offer the pair when a query holds two codable things.

Scores are on the search's scale: a path that uses every word of the query scores 1,000 (above any title
match), one that uses half of them 800; the words a path adds that the query did not say cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.lookups.codebook import Code
from bot.lookups.index.completion import complete_cm, complete_pcs
from bot.lookups.index.matching import Matcher, PathMatch, QueryWord, query_words, word_weight
from bot.lookups.index.query import Understood
from bot.lookups.index.tree import IndexTree, book_name
from bot.lookups.index.words import content_stems, stem
from bot.lookups.systems import display

if TYPE_CHECKING:
    from bot.lookups.search import Searcher

CM_BOOKS = ("cm", "ext", "drug", "neoplasm")
CONFIDENT = 800.0  # a hit scoring below this does not answer the query on its own
PAIR_SCORE_GAP = 2.0


@dataclass(frozen=True)
class IndexHit:
    code: Code
    score: float
    why: str


@dataclass
class Found:
    hits: list[IndexHit] = field(default_factory=list)
    coverage: float = 0.0  # the share of the query's words the best path used
    closest: list[str] = field(default_factory=list)  # main terms near the query, for "no confident match"


def index_hits(
    searcher: Searcher,
    understood: Understood,
    words: Sequence[str],
    systems: Sequence[str],
    notes: Sequence[str],
) -> Found:
    tree = searcher.index_tree()
    conn = tree.conn
    matcher = Matcher(tree)
    alternatives = {w: searcher.vocabulary.alternatives(w) for w in words}
    qwords = query_words(words, alternatives)
    if not qwords:
        return Found()
    counts = tree.word_counts({s for w in qwords for s in w.stems})
    qwords = [
        QueryWord(w.text, w.stems, word_weight(max((counts.get(s, 1) for s in w.stems), default=1)))
        for w in qwords
    ]
    total = sum(w.weight for w in qwords)
    books = [b for b in CM_BOOKS if "cm" in systems] + (["pcs"] if "pcs" in systems else [])
    matches = matcher.match(qwords, books, limit=14)
    found = Found()
    if not matches:
        found.closest = _closest(tree, qwords)
        return found
    stems = frozenset(s for w in qwords for s in w.stems)
    note = f" ({'; '.join(notes)})" if notes else ""
    best_coverage = 0.0
    seen: set[str] = set()
    for rank, match in enumerate(matches):
        coverage = match.said / total
        best_coverage = max(best_coverage, coverage)
        hit = _verify(conn, match, stems | _path_stems(match), understood)
        if hit is None or hit[0].code in seen:
            continue
        code, how = hit
        seen.add(code.code)
        # 1,000 for a path that uses every word; a partial path falls fast below a full title match.
        score = 400 + 600 * coverage**2 - 40 * match.unsaid - _title_unsaid(code, stems, match) - rank * 0.5
        why = match.describe(book_name(match.nodes[0].book))
        if how:
            why += f" -> {how}"
        found.hits.append(IndexHit(code, score, why + note))
    pair = _pair(matcher, conn, matches[0], qwords, books, understood, alternatives, counts)
    if pair is not None and found.hits:
        first = found.hits[0]
        code, why, said, pair_words = pair
        found.hits = [h for h in found.hits if h.code.code != code.code]
        if _part_of(understood, pair_words) < _part_of(
            understood, {qwords[i].text for i in matches[0].covered}
        ):
            # "afib on blood thinners": the concept named first is listed first.
            found.hits[0] = IndexHit(
                first.code, first.score - 0.2, f"suggested with {code.display}: {first.why}"
            )
            found.hits.insert(0, IndexHit(code, first.score, why + note))
        else:
            together = f"suggested with {first.code.display}: {why}"
            found.hits.insert(1, IndexHit(code, first.score - 0.1, together + note))
        best_coverage = min(1.0, (matches[0].said + said) / total)
    found.coverage = best_coverage
    if best_coverage < 0.5:
        found.closest = _closest(tree, qwords)
    return found


def _verify(
    conn: object, match: PathMatch, stems: frozenset[str], understood: Understood
) -> tuple[Code, str] | None:
    """The code the path leads to, checked and completed in the Tabular (or the PCS tables)."""
    import sqlite3

    assert isinstance(conn, sqlite3.Connection)
    if match.book == "pcs":
        done = complete_pcs(conn, match.code.replace(".", ""), stems, match.qualifier)
        system = "pcs"
    else:
        done = complete_cm(conn, match.code, stems, understood.encounter)
        system = "cm"
    if done is None:
        return None
    code = Code(system, done.code, done.title, "", "code", done.billable, True, "")
    how = done.how
    if done.code != match.code.replace(".", "").rstrip("-") and not how:
        how = f"Tabular: {display(system, done.code)}"
    if how:
        how = f"{how} -> {display(system, done.code)}"
    return code, how


def _pair(
    matcher: Matcher,
    conn: object,
    best: PathMatch,
    qwords: list[QueryWord],
    books: list[str],
    understood: Understood,
    alternatives: dict[str, list[str]],
    counts: dict[str, int],
) -> tuple[Code, str, float, set[str]] | None:
    """When the query links two concepts ("UTI due to E coli", "afib on blood thinners") and the best path
    codes only one, the best path for the other part, to report beside it as a suggested pair."""
    used = {qwords[i].text for i in best.covered}
    for part in understood.parts:
        left = [w for w in part if w not in used and content_stems(w)]
        if not left:
            continue
        words = [
            QueryWord(w.text, w.stems, word_weight(max((counts.get(s, 1) for s in w.stems), default=1)))
            for w in query_words(part, alternatives)
        ]
        if not words:
            continue
        new = {i for i, w in enumerate(words) if w.text in left}
        for match in matcher.match(words, books, limit=3):
            share = match.said / sum(w.weight for w in words)
            if share < 0.75 or match.unsaid > 1.0 or not match.covered & new:
                continue
            stems = frozenset(s for w in words for s in w.stems) | _path_stems(match)
            hit = _verify(conn, match, stems, understood)
            if hit is not None:
                code, how = hit
                why = match.describe(book_name(match.nodes[0].book)) + (f" -> {how}" if how else "")
                said = sum(words[i].weight for i in match.covered if words[i].text in left)
                return code, why, said, {words[i].text for i in match.covered}
    return None


def _part_of(understood: Understood, words: set[str]) -> int:
    """Which of the query's linked parts these words mostly come from (0 the first)."""
    counts = [len(words & set(part)) for part in understood.parts] or [0]
    return max(range(len(counts)), key=lambda i: (counts[i], -i))


ENCOUNTER_STEMS = frozenset(
    stem(w) for w in ["initial", "subsequent", "sequela", "encounter", "unspecified", "other"]
)


def _title_unsaid(code: Code, stems: frozenset[str], match: PathMatch) -> float:
    """The Tabular check: a code whose title says more than the query and the path ("Repeated falls" for
    "fall") ranks below one that says no more ("Unspecified fall")."""
    extra = content_stems(code.title) - stems - _path_stems(match) - ENCOUNTER_STEMS
    return min(3, len(extra)) * 6.0


def _path_stems(match: PathMatch) -> frozenset[str]:
    """What the index path says (site, type), which the Tabular's child titles repeat."""
    return frozenset(s for n in match.nodes for s in content_stems(n.term))


def _closest(tree: IndexTree, qwords: list[QueryWord]) -> list[str]:
    rows = tree.matches([0], {s for w in qwords for s in w.stems})
    terms = [n.term for n in tree.nodes(sorted({node for _, node, _, _ in rows}))[:8]]
    return list(dict.fromkeys(terms))
