"""CDC ICD-10-CM Tabular List XML (`icd10cm-tabular-<release>.xml`): codes, hierarchy, notes, 7th characters.

The XML lists categories and subcategories down to six characters; codes that take a 7th character are not
listed one by one. They are expanded here by the official rule: the nearest `sevenChrDef` above a leaf applies,
and a leaf shorter than six characters is padded with the placeholder X (T36.0X1 + A -> T36.0X1A).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bot.lookups.loaders.common import open_text
from bot.lookups.loaders.errors import LoaderError
from bot.lookups.systems import undot

NOTE_KINDS = {
    "includes": "includes",
    "inclusionTerm": "inclusion",
    "excludes1": "excludes1",
    "excludes2": "excludes2",
    "codeFirst": "code_first",
    "useAdditionalCode": "use_additional",
    "codeAlso": "code_also",
    "notes": "notes",
    "sevenChrNote": "seventh_note",
}


@dataclass
class TabularEntry:
    code: str  # undotted; chapters are "1".."22", blocks "A00-A09"
    title: str
    parent: str | None
    kind: str  # chapter | block | category | code
    notes: list[tuple[str, str]] = field(default_factory=list)
    seventh: list[tuple[str, str]] = field(default_factory=list)  # defined on this entry
    billable: bool = False


@dataclass
class TabularRelease:
    version: str
    entries: list[TabularEntry]


def _text(el: ET.Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _notes(el: ET.Element) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for child in el:
        kind = NOTE_KINDS.get(child.tag)
        if kind:
            found.extend((kind, _text(n)) for n in child.findall("note") if _text(n))
    return found


def _seventh(el: ET.Element) -> list[tuple[str, str]]:
    definition = el.find("sevenChrDef")
    if definition is None:
        return []
    return [(ext.get("char", ""), _text(ext)) for ext in definition.findall("extension")]


_NOT_APPLY = re.compile(
    r"7th characters? ((?:[A-Z], )*[A-Z](?: and [A-Z])?) do(?:es)? not apply to codes in category (\w\d\d)"
    r" with 6th character (\d)(?:.*?, or (\d) )?"
)


def seventh_exclusion(text: str) -> tuple[str, tuple[str, ...], frozenset[str]] | None:
    """A note such as "7th characters D and S do not apply to codes in category S06 with 6th character 7 ...,
    or 8 ..." as (category, 6th characters, excluded 7th characters); None for any other note."""
    m = _NOT_APPLY.search(text)
    if not m:
        return None
    sixths = tuple(s for s in (m.group(3), m.group(4)) if s)
    return m.group(2), sixths, frozenset(re.findall(r"[A-Z]", m.group(1)))


def _seventh_exclusions(entries: list[TabularEntry]) -> dict[tuple[str, str], set[str]]:
    """{(category, 6th character): {excluded 7th characters}} from the entries' notes."""
    rules: dict[tuple[str, str], set[str]] = {}
    for entry in entries:
        for _, text in entry.notes:
            found = seventh_exclusion(text)
            if found:
                category, sixths, chars = found
                for sixth in sixths:
                    rules.setdefault((category, sixth), set()).update(chars)
    return rules


def _walk_diag(
    el: ET.Element, parent: str, inherited: list[tuple[str, str]], path: Path
) -> Iterator[TabularEntry]:
    name = _text(el.find("name"))
    if not name:
        raise LoaderError(path, None, "a <name> in every <diag>")
    code = undot(name)
    own = _seventh(el)
    applies = own or inherited
    children = el.findall("diag")
    entry = TabularEntry(
        code=code,
        title=_text(el.find("desc")),
        parent=parent,
        kind="category" if len(code) == 3 else "code",
        notes=_notes(el),
        seventh=own,
        billable=not children and not applies,
    )
    yield entry
    for child in children:
        yield from _walk_diag(child, code, applies, path)
    if not children and applies:
        stem = code.ljust(6, "X")
        for char, meaning in applies:
            yield TabularEntry(
                code=stem + char, title=f"{entry.title}, {meaning}", parent=code, kind="code", billable=True
            )


def _excluded(entry: TabularEntry, rules: dict[tuple[str, str], set[str]]) -> bool:
    code = entry.code
    return len(code) == 7 and code[6] in rules.get((code[:3], code[5]), set())


def load_tabular(path: str | Path) -> TabularRelease:
    """Parse a CDC tabular XML file (plain or gzip) into ordered entries."""
    p = Path(path)
    try:
        with open_text(p) as handle:
            root = ET.parse(handle).getroot()
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise LoaderError(p, line, "well-formed CDC ICD-10-CM tabular XML", str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise LoaderError(p, None, "UTF-8 text", str(exc)) from exc
    if root.tag != "ICD10CM.tabular":
        raise LoaderError(p, 1, "root element <ICD10CM.tabular>", f"<{root.tag}>")
    version = _text(root.find("version"))
    entries: list[TabularEntry] = []
    for chapter in root.findall("chapter"):
        chapter_code = _text(chapter.find("name"))
        entries.append(
            TabularEntry(chapter_code, _text(chapter.find("desc")), None, "chapter", _notes(chapter))
        )
        for section in chapter.findall("section"):
            block = section.get("id") or ""
            if "-" not in block:  # a one-category block ("B10") must not collide with its category
                block = f"{block}-{block}"
            entries.append(
                TabularEntry(block, _text(section.find("desc")), chapter_code, "block", _notes(section))
            )
            for diag in section.findall("diag"):
                entries.extend(_walk_diag(diag, block, [], p))
    exclusions = _seventh_exclusions(entries)
    if exclusions:
        entries = [e for e in entries if not _excluded(e, exclusions)]
    if not entries:
        raise LoaderError(p, None, "<chapter> elements with <section> and <diag> entries", "none")
    return TabularRelease(version=version, entries=entries)
