"""Build the shipped index data: the ICD-10-CM Alphabetic Index, the External Cause Index, the Table of Drugs
and Chemicals, the Neoplasm Table and the ICD-10-PCS Index as trees, and the ICD-10-PCS table axes.

    python scripts/build_index_data.py --raw ../shared/data      (scripts/build_code_data.py calls build())

Writes into bot/lookups/data/ (deterministic: rows in reading order, gzip mtime 0):

- index_cm.tsv.gz, index_ext.tsv.gz: id, parent, term, modifiers, code, see, see_also
- index_drug.tsv.gz, index_neoplasm.tsv.gz: the same plus one column per table column
- index_pcs.tsv.gz: id, parent, term, code, see, use
- pcs_axes.tsv.gz: table, position, char, meaning - what each character of each PCS table means, derived
  from the official code titles shipped in pcs_codes.tsv.gz (codes that differ in one character differ in
  their titles by its meaning; a body part value keeps the whole phrase its titles print: "Right Knee Joint")
- index_refs.tsv.gz: every reference resolved to the line it names; a PCS reference that prints a table
  ("Replacement, Lower Joints=0SR") is resolved only to a line in that table, else to the table alone

Returns the hashes of the source files read, for release.json.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import sqlite3
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.lookups.loaders.indexes import (  # noqa: E402
    DRUG_COLUMNS,
    NEOPLASM_COLUMNS,
    IndexNode,
    load_cm_index_tree,
    load_pcs_index_tree,
    load_xml_index_tree,
)

OUT = ROOT / "bot" / "lookups" / "data"
CM_INDEX = "icd10cm/index/ICD10CM_2025_Index.csv.gz"
EXT_INDEX = "icd10cm/index/icd10cm-eindex-April-2025.xml.gz"
DRUG_TABLE = "icd10cm/tables/icd10cm-drug-April-2025.xml.gz"
NEOPLASM_TABLE = "icd10cm/tables/icd10cm-neoplasm-April-2025.xml.gz"
PCS_INDEX = "icd10pcs/icd10pcs_index_2025.jsonl.gz"
PCS_TITLES = "pcs_codes.tsv.gz"  # written first by scripts/build_code_data.py
TREE_HEADER = ["id", "parent", "term", "modifiers", "code", "see", "see_also"]


def _clean(value: object) -> str:
    return str(value).replace("\t", " ").replace("\n", " ").strip()


def write_tsv(out: Path, name: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    path = out / name
    count = 0
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(("\t".join(header) + "\n").encode())
        for row in rows:
            gz.write(("\t".join(_clean(v) for v in row) + "\n").encode())
            count += 1
    print(f"  {name}: {count:,} rows, {path.stat().st_size / 1024:,.0f} KiB")
    return count


def tree_rows(nodes: list[IndexNode], cells: int = 0) -> Iterable[list[object]]:
    for n in nodes:
        row: list[object] = [n.id, n.parent, n.term, n.modifiers, n.code, n.see, n.see_also]
        yield row + list(n.cells[:cells]) if cells else row


def column_names(labels: Sequence[str]) -> list[str]:
    return [label.replace(", ", "_").replace(" ", "_").replace("-", "_") for label in labels]


# -- ICD-10-PCS table axes ---------------------------------------------------------------------------------
AXIS_DEFAULTS = {"Z": "No"}  # "Z" with no words of its own: No Device / No Qualifier / None


def derive_pcs_axes(titles: dict[str, str]) -> list[tuple[str, int, str, str]]:
    """(table, position 4-7, character, meaning) for every character that occurs in a table.

    Codes identical but for one character differ in their titles by that character's meaning: "Resection
    of Appendix, Open Approach" vs "..., Percutaneous Endoscopic Approach" gives approach 0 = "Open" and
    4 = "Percutaneous Endoscopic". The commonest difference over all such groups is kept; a character whose
    titles never differ by any word ("No Device") is left empty.
    """
    seen: dict[tuple[str, int, str], Counter[str]] = defaultdict(Counter)
    for position in range(3, 7):
        groups: dict[str, list[str]] = defaultdict(list)
        for code in titles:
            groups[code[:position] + "_" + code[position + 1 :]].append(code)
        for members in groups.values():
            for code in members:
                seen[(code[:3], position, code[position])]  # every character gets a row
            if len(members) < 2:
                continue
            words = {code: titles[code].replace(",", " ,").split() for code in members}
            prefix = _common(list(words.values()))
            suffix = _common([list(reversed(w)) for w in words.values()])
            for code, title_words in words.items():
                middle = title_words[prefix : len(title_words) - suffix if suffix else None]
                meaning = " ".join(middle).replace(" ,", ",").strip(" ,")
                for connector in ("of ", "into ", "in ", "on ", "to ", "with ", "using "):
                    if meaning.lower().startswith(connector) and meaning.count(" ") >= 1:
                        meaning = meaning[len(connector) :]
                if meaning:
                    seen[(code[:3], position, code[position])][meaning] += 1
    members: dict[str, list[str]] = defaultdict(list)  # the titles of each table's body part value
    heads: dict[str, list[list[str]]] = defaultdict(list)
    for code, title in titles.items():
        members[code[:4]].append(title)
        heads[code[:3]].append(title.split())
    operation = {table: _common(words) for table, words in heads.items()}  # "Replacement of", "Bypass"
    rows = []
    for (table, position, char), meanings in sorted(seen.items()):
        meaning = meanings.most_common(1)[0][0] if meanings else ""
        if position == 3 and meaning:
            meaning = whole_phrase(meaning, members[table + char], operation[table])
        rows.append((table, position + 1, char, meaning))
    return rows


PHRASE_BOUNDS = frozenset(
    {"of", "into", "in", "on", "to", "with", "using", "from", "for", "by", "at", "through"}
)


def whole_phrase(meaning: str, titles: Sequence[str], operation: int) -> str:
    """A body part's meaning grown to the whole phrase every title of that value prints around it.

    Titles differing in one body part value differ only in the words that tell the two apart: "Right" for
    0SRC / 0SRD ("Replacement of Right Knee Joint ..." / "... of Left Knee Joint ..."), "Median" for
    01R5 / 01R4 ("... of Median Nerve ..." / "... of Ulnar Nerve ..."). The words every title of the value
    prints beside them, up to a connector ("of", "with", "into" ...), a comma or the root operation's own
    words (the `operation` leading words all of a table's titles share), belong to it: "Right Knee Joint",
    "Median Nerve". A meaning not found as such in the titles is kept.
    """
    if not titles:
        return meaning
    words = titles[0].split()
    wanted = meaning.split()
    for start in range(operation, len(words) - len(wanted) + 1):
        if " ".join(words[start : start + len(wanted)]).rstrip(",") != meaning:
            continue
        first, end = start, start + len(wanted)

        def everywhere(a: int, b: int) -> bool:
            phrase = f" {' '.join(words[a:b]).rstrip(',')} "
            return all(phrase in f" {title.replace(',', ' ')} " for title in titles)

        while (
            end < len(words)
            and not words[end - 1].endswith(",")
            and words[end].lower() not in PHRASE_BOUNDS
            and everywhere(first, end + 1)
        ):
            end += 1
        while (
            first > operation
            and words[first - 1].lower() not in PHRASE_BOUNDS
            and not words[first - 1].endswith(",")
            and everywhere(first - 1, end)
        ):
            first -= 1
        return " ".join(words[first:end]).rstrip(",")
    return meaning


def shipped_pcs_titles(out: Path) -> dict[str, str]:
    """Every official ICD-10-PCS title the product ships (FY2024 files, their April update, the FY2027
    addenda), so the tables added since FY2024 ("X2H", "XW0" ...) get their characters named too; titles
    derived from axis values are left out, not to name the axes from themselves."""
    with gzip.open(out / PCS_TITLES, "rt", encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {r["code"]: r["title"] for r in rows if r["title"] and r["source"] != "pcs-derived-axes"}


def resolve_references(out: Path) -> list[tuple[object, ...]]:
    """Every "see" / "see also" / "use" reference, resolved once here so a lookup only reads the answer."""
    import sqlite_utils

    from bot.lookups.index.store import load_index_tables
    from bot.lookups.index.tree import IndexTree
    from bot.lookups.schema import create_tables

    if out != OUT:
        raise ValueError("references are resolved from the package's data folder")
    conn = sqlite3.connect(":memory:", isolation_level=None)
    db = sqlite_utils.Database(conn)
    create_tables(db)
    load_index_tables(db, with_references=False)
    tree = IndexTree(conn)
    rows: list[tuple[object, ...]] = []
    for node, book, see, see_also in conn.execute(
        "SELECT id, book, see, see_also FROM index_nodes WHERE see != '' OR see_also != '' ORDER BY id"
    ):
        for kind, text in (("see", see), ("see_also", see_also)):
            for seq, reference in enumerate(r.strip() for r in text.split(" | ") if r.strip()):
                if book == "pcs" and kind == "see_also":
                    kind = "use"
                found = tree.resolve(reference, book)
                target = found.node
                if found.code and target and not _leads_to(conn, target, found.code):
                    # "Replacement, Lower Joints=0SR" names a table by its body system; the line its words
                    # met ("Replacement, Artery, Lower 04RY") is not in it: the table's code is the target.
                    target = 0
                elif book == "pcs" and target and not _says_path(conn, target, reference):
                    # "use Internal Fixation Device in Upper Joints" names a device value; a line whose words
                    # the reference does not say ("Version, Obstetric, Internal") is not where it leads.
                    target = 0
                rows.append(
                    (
                        node,
                        kind,
                        seq,
                        reference,
                        target,
                        found.book,
                        found.column,
                        " | ".join(found.open_parts),
                        found.code,
                        found.qualifier,
                        " | ".join(found.unresolved),
                    )
                )
    return rows


def _says_path(conn: sqlite3.Connection, node: int, reference: str) -> bool:
    """Whether a reference says every word of the index path to the line it was resolved to."""
    from bot.lookups.index.words import content_stems

    said = content_stems(reference.split("=")[0])
    while node:
        row = conn.execute("SELECT term, parent FROM index_nodes WHERE id = ?", [node]).fetchone()
        if row is None or not content_stems(str(row[0])) <= said:
            return False
        node = int(row[1])
    return True


def _leads_to(conn: sqlite3.Connection, node: int, table: str) -> bool:
    """Whether an index line is in the table (or partial code) a reference prints: its own code when it has
    one, else a code on a line below it."""
    wanted = table.replace(".", "").upper()

    def agrees(code: object) -> bool:
        have = str(code).replace(".", "").upper()
        return have.startswith(wanted) or wanted.startswith(have)

    own = conn.execute("SELECT code, last FROM index_nodes WHERE id = ?", [node]).fetchone()
    if own is None:
        return False
    if own[0]:
        return agrees(own[0])
    rows = conn.execute(
        "SELECT code FROM index_nodes WHERE id > ? AND id <= ? AND code != ''", [node, own[1]]
    )
    return any(agrees(code) for (code,) in rows)


def _common(sequences: list[list[str]]) -> int:
    """How many leading items all sequences share."""
    shortest = min(len(s) for s in sequences)
    count = 0
    while count < shortest and all(s[count] == sequences[0][count] for s in sequences):
        count += 1
    return count


WORD_LIST = Path("/usr/share/dict/american-english")  # Debian package wamerican 2020.12.07-2 (SCOWL)
WORD_LIST_NOTE = """# English word list

`english_words.txt.gz` holds the lower-case words of 3 or more letters of `/usr/share/dict/american-english`
from the Debian package `wamerican` 2020.12.07-2 (SCOWL, size 50), used so that spelling correction never
rewrites an ordinary English word ("ringing", "tarry"). Its licence:

    Copyright 2000-2011 by Kevin Atkinson

    Permission to use, copy, modify, distribute and sell these word lists, the associated scripts, the
    output created from the scripts, and its documentation for any purpose is hereby granted without fee,
    provided that the above copyright notice appears in all copies and that both that copyright notice and
    this permission notice appear in supporting documentation. Kevin Atkinson makes no representations
    about the suitability of this array for any purpose. It is provided "as is" without express or implied
    warranty.
"""


def build_word_list(source: Path, out: Path) -> str:
    words = sorted(
        {w.strip().lower() for w in source.read_text(encoding="utf-8").splitlines() if w.strip().isalpha()}
        - {""}
    )
    kept = [w for w in words if len(w) >= 3 and w.isascii()]
    with (
        (out / "english_words.txt.gz").open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz,
    ):
        gz.write(("\n".join(kept) + "\n").encode())
    (out / "english_words.md").write_text(WORD_LIST_NOTE)
    print(f"  english_words.txt.gz: {len(kept):,} words")
    return hashlib.sha256(source.read_bytes()).hexdigest()[:16]


def build(raw: Path, out: Path = OUT, word_list: Path = WORD_LIST) -> dict[str, str]:
    sources: dict[str, str] = {}

    def src(rel: str) -> Path:
        path = raw / rel
        sources[rel] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        return path

    print("indexes")
    out.mkdir(parents=True, exist_ok=True)
    write_tsv(out, "index_cm.tsv.gz", TREE_HEADER, tree_rows(load_cm_index_tree(src(CM_INDEX))))
    write_tsv(out, "index_ext.tsv.gz", TREE_HEADER, tree_rows(load_xml_index_tree(src(EXT_INDEX))))
    write_tsv(
        out,
        "index_drug.tsv.gz",
        TREE_HEADER + column_names(DRUG_COLUMNS),
        tree_rows(load_xml_index_tree(src(DRUG_TABLE), len(DRUG_COLUMNS)), len(DRUG_COLUMNS)),
    )
    write_tsv(
        out,
        "index_neoplasm.tsv.gz",
        TREE_HEADER + column_names(NEOPLASM_COLUMNS),
        tree_rows(load_xml_index_tree(src(NEOPLASM_TABLE), len(NEOPLASM_COLUMNS)), len(NEOPLASM_COLUMNS)),
    )
    write_tsv(
        out,
        "index_pcs.tsv.gz",
        ["id", "parent", "term", "code", "see", "use"],
        ((n.id, n.parent, n.term, n.code, n.see, n.see_also) for n in load_pcs_index_tree(src(PCS_INDEX))),
    )
    refs = resolve_references(out)
    write_tsv(
        out,
        "index_refs.tsv.gz",
        [
            "node",
            "kind",
            "seq",
            "reference",
            "target",
            "book",
            "column",
            "open",
            "code",
            "qualifier",
            "unresolved",
        ],
        refs,
    )
    unresolved = sum(1 for r in refs if r[-1])
    print(f"  references: {len(refs) - unresolved:,} of {len(refs):,} resolved to an index line")
    titles = shipped_pcs_titles(out)
    axes = derive_pcs_axes(titles)
    named = sum(1 for *_, meaning in axes if meaning)
    write_tsv(out, "pcs_axes.tsv.gz", ["table", "position", "char", "meaning"], axes)
    print(f"  PCS axes: {named:,} of {len(axes):,} table characters named from the titles")
    sources.update(word_list_source(word_list, out))
    return sources


WORD_LIST_SOURCE = "debian wamerican 2020.12.07-2 american-english"


def word_list_source(word_list: Path, out: Path) -> dict[str, str]:
    """The word list's source hash: the list is rebuilt when the system's word list is installed; else the
    shipped list stays as it is, and so does the hash `release.json` recorded for it (a rebuild on a machine
    without the `wamerican` package changes no byte)."""
    if word_list.exists():
        return {WORD_LIST_SOURCE: build_word_list(word_list, out)}
    manifest = out / "release.json"
    recorded = json.loads(manifest.read_text()).get("sources", {}) if manifest.exists() else {}
    return {WORD_LIST_SOURCE: recorded[WORD_LIST_SOURCE]} if WORD_LIST_SOURCE in recorded else {}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--raw", type=Path, required=True, help="the raw data folder (shared/data)")
    args = parser.parse_args(argv)
    for name, digest in sorted(build(args.raw).items()):
        print(f"  {name}: {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
