"""Titles for ICD-10-PCS codes that no loaded file names, derived from the titles of their neighbours.

A PCS code is seven axes: section, body system and root operation (the table, characters 1-3), then body part,
approach, device and qualifier (characters 4-7), and within a table each axis value has one wording. Two titled
codes of a table that differ in one axis only show, by the words that differ between their titles, how the
wording of one value is replaced by another's ("Open Approach" -> "Percutaneous Approach"). A code without a
title gets one when a titled code of its table differs from it in at most two axes, every such difference has
been seen between titled codes with one consistent wording (the same replacement every time it was seen), the
replaced words occur exactly once in the template's title, and every usable template at the nearest such
distance gives the same result. Anything else stays untitled: the product then says "title not in the loaded data".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

AXES = (3, 4, 5, 6)  # body part, approach, device, qualifier (0-based character positions)
MAX_DIFFERENT_AXES = 2
MAX_PAIRS_PER_GROUP = 40  # pairs compared per group of codes differing in one axis (groups are small)

Key = tuple[str, int, str, str]  # (table, position, value in the template, value in the new code)


@dataclass(frozen=True)
class DerivedTitle:
    code: str
    title: str
    templates: tuple[str, ...]  # the titled codes it was derived from


def _diff(a: str, b: str) -> tuple[str, str] | None:
    """The words that differ between two titles (widened by one word when one side would be empty)."""
    ta, tb = a.split(" "), b.split(" ")
    shortest = min(len(ta), len(tb))
    i = 0
    while i < shortest and ta[i] == tb[i]:
        i += 1
    j = 0
    while j < shortest - i and ta[-1 - j] == tb[-1 - j]:
        j += 1
    if i == len(ta) - j or i == len(tb) - j:  # one side empty: widen to a neighbouring word
        if i > 0:
            i -= 1
        elif j > 0:
            j -= 1
        else:
            return None
    old, new = " ".join(ta[i : len(ta) - j]), " ".join(tb[i : len(tb) - j])
    return (old, new) if old and new and old != new else None


def _context(table: str, pos: int) -> str:
    """Beyond its own table, an approach, device or qualifier value keeps its wording across the body systems
    of one section and root operation (Dilation's qualifier 6 is "Bifurcation" for upper and lower arteries);
    a body part value belongs to its body system."""
    return f"{table[0]}*{table[2]}"


def learn_replacements(titled: Mapping[str, str], tables: Iterable[str]) -> dict[Key, tuple[str, str]]:
    """Per (table, axis, value a, value b): the one replacement of words seen between titled codes that
    differ only there; for approach, device and qualifier also per (section and root operation, axis, a, b)
    across body systems. Keys seen with more than one replacement are left out (ambiguous)."""
    wanted = set(tables)
    contexts = {_context(t, 4) for t in wanted}
    seen: dict[Key, Counter[tuple[str, str]]] = defaultdict(Counter)
    by_table: dict[str, list[str]] = defaultdict(list)
    for code in titled:
        if code[:3] in wanted or _context(code[:3], 4) in contexts:
            by_table[code[:3]].append(code)
    for table, codes in by_table.items():
        for pos in AXES:
            groups: dict[str, list[str]] = defaultdict(list)
            for code in codes:
                groups[code[:pos] + "_" + code[pos + 1 :]].append(code)
            for members in groups.values():
                members.sort()
                pairs = 0
                for n, a in enumerate(members):
                    for b in members[n + 1 :]:
                        pairs += 1
                        if pairs > MAX_PAIRS_PER_GROUP:
                            break
                        found = _diff(titled[a], titled[b])
                        if found:
                            keys = [table] if pos == 3 else [table, _context(table, pos)]
                            for key in keys:
                                seen[(key, pos, a[pos], b[pos])][found] += 1
                                seen[(key, pos, b[pos], a[pos])][(found[1], found[0])] += 1
    return {key: next(iter(counts)) for key, counts in seen.items() if len(counts) == 1}


def _replace_once(title: str, old: str, new: str) -> str | None:
    pattern = re.compile(r"(?<!\S)" + re.escape(old) + r"(?![^\s,])")
    found = pattern.findall(title)
    if len(found) != 1:
        return None
    return pattern.sub(lambda _: new, title, count=1)


def derive_titles(titled: Mapping[str, str], wanted: Iterable[str]) -> dict[str, DerivedTitle]:
    """Derived titles for the `wanted` codes that the rule above can title; the others are left out."""
    targets = sorted({c for c in wanted if c not in titled and len(c) == 7})
    tables = {c[:3] for c in targets}
    replacements = learn_replacements(titled, tables)
    by_table: dict[str, list[str]] = defaultdict(list)
    for code in titled:
        if code[:3] in tables:
            by_table[code[:3]].append(code)
    derived: dict[str, DerivedTitle] = {}
    for code in targets:
        candidates: dict[int, list[str]] = defaultdict(list)
        for other in by_table.get(code[:3], []):
            differ = sum(1 for p in AXES if other[p] != code[p])
            if differ <= MAX_DIFFERENT_AXES:
                candidates[differ].append(other)
        for distance in sorted(candidates):
            results: dict[str, list[str]] = defaultdict(list)
            for template in candidates[distance]:
                title: str | None = titled[template]
                for pos in AXES:
                    if title is None or template[pos] == code[pos]:
                        continue
                    replacement = replacements.get(
                        (code[:3], pos, template[pos], code[pos])
                    ) or replacements.get((_context(code[:3], pos), pos, template[pos], code[pos]))
                    title = _replace_once(title, *replacement) if replacement else None
                if title is not None:
                    results[title].append(template)
            if len(results) == 1:
                title, templates = next(iter(results.items()))
                derived[code] = DerivedTitle(code, title, tuple(sorted(templates))[:3])
                break
            if results:
                break  # usable templates at the nearest distance disagree: leave it untitled
    return derived
