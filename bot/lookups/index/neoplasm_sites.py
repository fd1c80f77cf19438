"""One Neoplasm Table line codes one site: a query linking two neoplasms ("liver mets from colon cancer",
"bone metastases from breast primary") names the secondary's site in one part and the primary's in the other.

- A Table path whose site lines take words of both parts ("Neoplasm, intestine, large, hepatic flexure" for
  "liver ... colon") is a site no part names: `sites_from_two_parts` (lookup lets it fall behind).
- The column of a site is chosen by the behaviour words of the part naming that site ("mets to bone": secondary),
  not by those of the whole query (whose "breast cancer" would vote malignant, primary): `column_by_part`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.lookups.index.matching import COLUMN_STEMS, DEFAULT_COLUMN, PathMatch, QueryWord
from bot.lookups.index.words import content_stems, stem

TABLE = "neoplasm"
BEHAVIOUR = frozenset(s for stems in COLUMN_STEMS[TABLE].values() for s in stems)


def _site_parts(match: PathMatch, qwords: Sequence[QueryWord], parts: Sequence[Sequence[str]]) -> list[int]:
    """The linked parts whose words the path's site lines (below the Table's main term) use; behaviour
    words (cancer, secondary, metastatic) choose a column, not a site."""
    if len(parts) < 2 or match.book != TABLE:
        return []
    site_stems = {
        s
        for n in match.nodes
        if n.book == TABLE and n.depth > 0
        for s in content_stems(f"{n.term} {n.modifiers}")
    }
    used = {
        qwords[i].text
        for i in match.covered
        if i < len(qwords) and qwords[i].stems & site_stems and not qwords[i].stems & BEHAVIOUR
    }
    return [p for p, part in enumerate(parts) if used & set(part)]


def sites_from_two_parts(
    match: PathMatch, qwords: Sequence[QueryWord], parts: Sequence[Sequence[str]]
) -> bool:
    """Whether a Neoplasm Table path's site lines use words of two or more of the query's linked parts."""
    return len(_site_parts(match, qwords, parts)) > 1


def column_by_part(
    match: PathMatch, qwords: Sequence[QueryWord], parts: Sequence[Sequence[str]]
) -> PathMatch:
    """The path read in the column that the behaviour words of its site's own part choose (the path as it
    was when its site comes from no single part, or that part says no behaviour)."""
    at = _site_parts(match, qwords, parts)
    if len(at) != 1 or not match.nodes[-1].cells:
        return match
    stems_of = {w.text: w.stems for w in qwords}
    said = {s for w in parts[at[0]] for s in stems_of.get(w, frozenset({stem(w)}))}
    best, votes = "", 0
    for column, stems in COLUMN_STEMS[TABLE].items():
        count = sum(1 for w in parts[at[0]] if stems_of.get(w, frozenset({stem(w)})) & stems)
        if count > votes:
            best, votes = column, count
    if not best or best == match.column or not said:
        return match
    end = match.nodes[-1]
    code = end.cell(best) or end.cell(DEFAULT_COLUMN[TABLE])
    return replace(match, code=code, column=best) if code else match
