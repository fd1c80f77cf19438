"""The Alphabetic Indexes and Tables as trees: the ICD-10-CM Index (flattened CSV), the External Cause
Index, the Table of Drugs and Chemicals and the Neoplasm Table (CDC XML), the ICD-10-PCS Index (JSON lines).
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

from bot.lookups.loaders.common import open_text
from bot.lookups.loaders.errors import LoaderError

CM_INDEX_HEADER = ["RowID", "Letter", "Level", "Term", "See", "SeeAlso", "NonEssModif", "Code"]


_PCS_REF = re.compile(r"\*\*([0-9A-Z]{3,7})\*\*")


# -- the indexes as trees ------------------------------------------------------------------------------------
# Each book becomes a list of IndexNode in reading order; `parent` points at the enclosing term (0 for a main
# term), so the nesting a coder follows ("Diabetes" > "type 2" > "with" > "chronic kidney disease") is kept.

DRUG_COLUMNS = (
    "poisoning, accidental",
    "poisoning, intentional self-harm",
    "poisoning, assault",
    "poisoning, undetermined",
    "adverse effect",
    "underdosing",
)
NEOPLASM_COLUMNS = (
    "malignant, primary",
    "malignant, secondary",
    "ca in situ",
    "benign",
    "uncertain behavior",
    "unspecified behavior",
)
_PARENS = re.compile(r"\([^()]*(?:\([^()]*\)[^()]*)*\)")
_SPACES = re.compile(r"\s+")
# The flattening cut a word at an optional letter printed inside it ("Amnes(t)ic syndrome" became Term "Amnes",
# NonEssModif "(t)ic syndrome (post-traumatic)"): letters in parentheses glued to the letters after them.
_CUT_WORD = re.compile(r"^\(([a-z]{1,3})\)([a-z]+)")


@dataclass(frozen=True)
class IndexNode:
    id: int  # 1-based, in reading order within its book
    parent: int  # 0 for a main term
    depth: int  # 0 for a main term
    term: str  # the essential words as printed ("Diabetes, diabetic"), non-essential modifiers taken out
    modifiers: str = ""  # the non-essential modifiers as printed: "(mellitus) (sugar)"
    code: str = ""  # as printed: "E11.22", "L03.11-", "0DTJ" (a PCS table), "" when none
    see: str = ""  # cross-references, " | " between several (PCS: "Resection, Appendix=0DTJ")
    see_also: str = ""
    cells: tuple[str, ...] = ()  # Drug and Neoplasm Table columns, in the order of DRUG/NEOPLASM_COLUMNS


def tidy(text: str) -> str:
    return _SPACES.sub(" ", text).replace(" ,", ",").strip()


def split_modifiers(text: str) -> tuple[str, str]:
    """("Abasia (-astasia) (hysterical)") -> ("Abasia", "(-astasia) (hysterical)"): parenthesised words are
    non-essential modifiers; what stands outside them is the term."""
    modifiers = " ".join(m.group(0) for m in _PARENS.finditer(text))
    return tidy(_PARENS.sub(" ", text)), tidy(modifiers)


def load_cm_index_tree(path: str | Path) -> list[IndexNode]:
    """The ICD-10-CM Alphabetic Index from its flattened CSV (RowID, Letter, Level, Term, See, SeeAlso,
    NonEssModif, Code). The flattening kept only the text before the first non-essential modifier in Term
    and put the rest, modifiers and the text after them, in NonEssModif ("and" + "(on) chronic (congestive)"
    for "and (on) chronic (congestive)"): the words outside parentheses there are put back into the term. A
    word cut at an optional letter printed inside it ("Amnes" + "(t)ic syndrome") is made whole: "Amnestic".
    A "Note: ..." line is kept where it stands but takes no subterms: the lines indented below it are the
    subterms of the term above it ("Failure, heart" > "systolic", not the note on heart failure stages)."""
    nodes: list[IndexNode] = []
    trail: list[int] = []  # node id at each level
    with open_text(path) as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header != CM_INDEX_HEADER:
            raise LoaderError(path, 1, "the header " + ",".join(CM_INDEX_HEADER), ",".join(header or []))
        for record in reader:
            line = reader.line_num
            if len(record) != len(CM_INDEX_HEADER) or not record[2].isdigit():
                raise LoaderError(path, line, "8 columns with a numeric Level", ",".join(record)[:60])
            level = int(record[2])
            if level > len(trail):
                raise LoaderError(path, line, f"a level of at most {len(trail)}", record[2])
            head, rest = record[3], record[6]
            cut = _CUT_WORD.match(rest) if head[-1:].isalpha() else None
            if cut:  # the word the flattening cut, whole again: "Amnes" + "(t)ic" -> "Amnestic"
                head, rest = head + cut.group(1) + cut.group(2), rest[cut.end() :]
            lost, modifiers = split_modifiers(rest)
            term = tidy(f"{head} {lost}") if lost else tidy(head)
            node = IndexNode(
                id=len(nodes) + 1,
                parent=trail[level - 1] if level else 0,
                depth=level,
                term=term,
                modifiers=modifiers,
                code=record[7].strip(),
                see=tidy(record[4]),
                see_also=tidy(record[5]),
            )
            nodes.append(node)
            if is_note(term):  # kept for display, but the rows after it belong to the term before it
                trail[level + 1 :] = []
            else:
                trail[level:] = [node.id]
    return nodes


def is_note(term: str) -> bool:
    """An instructional note the flattened CSV printed as a line of the index ("Note: heart failure stages
    A, B, C, and D are based on ..."): it names no condition and has no subterms of its own."""
    return term.lower().startswith("note:")


def load_xml_index_tree(path: str | Path, columns: int = 0) -> list[IndexNode]:
    """A CDC index XML (the External Cause Index, the Table of Drugs and Chemicals, the Neoplasm Table):
    letter > mainTerm > term (nested). `columns` is the number of code columns after the first (0 for an
    index, 6 for the two tables); "--" and "-" in a cell mean no code."""
    from xml.etree import ElementTree

    try:
        root = ElementTree.parse(open_text(path)).getroot()
    except ElementTree.ParseError as exc:
        raise LoaderError(path, exc.position[0], "well-formed index XML", str(exc)) from exc
    if root.tag != "ICD10CM.index":
        raise LoaderError(path, 1, "an <ICD10CM.index> document", f"<{root.tag}>")
    nodes: list[IndexNode] = []

    def title_of(element: ElementTree.Element) -> tuple[str, str]:
        title = element.find("title")
        if title is None:
            raise LoaderError(path, None, f"a <title> in every <{element.tag}>")
        essential = [title.text or ""]
        modifiers = []
        for child in title:
            if child.tag == "nemod":
                modifiers.append(child.text or "")
            else:
                essential.append(child.text or "")
            essential.append(child.tail or "")
        term = tidy(" ".join(essential))
        if term.endswith("- see") and element.find("code") is not None:
            # "Environmental pollution related condition- see" printed over its code (Z57): the reference
            # is the code itself, "see" no word of the term
            term = term[: -len("- see")].rstrip(" -")
        return term, tidy(" ".join(modifiers))

    def text(element: ElementTree.Element, tag: str) -> str:
        found = element.find(tag)
        return tidy(found.text or "") if found is not None else ""

    def walk(element: ElementTree.Element, parent: int, depth: int) -> None:
        term, modifiers = title_of(element)
        cells = ["" for _ in range(columns)]
        for cell in element.findall("cell"):
            column = int(cell.get("col", "0")) - 2
            value = tidy("".join(cell.itertext()))
            if 0 <= column < columns:
                cells[column] = "" if value.strip("-") == "" else value
        node = IndexNode(
            id=len(nodes) + 1,
            parent=parent,
            depth=depth,
            term=term,
            modifiers=modifiers,
            code=text(element, "code") or text(element, "subcat") or text(element, "seecat"),
            see=text(element, "see"),
            see_also=text(element, "seeAlso"),
            cells=tuple(cells),
        )
        nodes.append(node)
        for child in element.findall("term"):
            walk(child, node.id, depth + 1)

    for letter in root.findall("letter"):
        for main in letter.findall("mainTerm"):
            walk(main, 0, 0)
    if not nodes:
        raise LoaderError(path, None, "at least one <mainTerm>")
    return nodes


_PCS_INLINE_SEE = re.compile(r"^(?P<label>.*?)\s+(?P<kind>see|use)\s+(?P<ref>.+)$")


def load_pcs_index_tree(path: str | Path) -> list[IndexNode]:
    """The ICD-10-PCS Alphabetic Index (JSON lines of `term` and tab-indented `entry` text) as a tree.

    An entry that starts with "(continued)" carries on the main term before it, and its "X (continued)"
    lines re-open the subterm X. "see Resection, Appendix **0DTJ**" lines become the parent's references
    ("Resection, Appendix=0DTJ"); "use Esophagus, Lower" lines (the body part and device keys) go in
    `see_also`. A code is a table (3-4 characters), a partial (5-6) or a complete code (7).
    """
    nodes: list[IndexNode] = []
    fields: dict[int, dict[str, str]] = {}  # node id -> mutable see/use/code while reading
    by_label: dict[tuple[int, str], int] = {}  # (parent, label) -> node id, to re-open continued terms
    main = 0
    with open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                term, entry = str(item["term"]), str(item["entry"])
            except (ValueError, KeyError, TypeError) as exc:
                raise LoaderError(path, number, 'a JSON object with "term" and "entry"', line[:60]) from exc
            lines = entry.split("\n")
            continued = bool(lines) and lines[0].strip() == "(continued)"
            label = tidy(term.replace("(continued)", ""))
            if not (continued and main and nodes[main - 1].term == label):
                main = _pcs_node(nodes, fields, by_label, 0, -1, label)
            trail = [main]
            before = trail  # the trail before the last step back out, for mis-indented lines
            for raw in lines:
                depth = len(raw) - len(raw.lstrip("\t"))
                text = raw.strip()
                if not text or text == "(continued)":
                    continue
                if depth + 1 > len(trail) and depth + 1 <= len(before):
                    # "Laser, Intraoperative" printed flush left inside a nested list: the line before
                    # stepped out by mistake, so the list goes on under the trail it left.
                    trail = before[: depth + 1]
                if depth + 1 > len(trail):
                    raise LoaderError(path, number, f"an indent of at most {len(trail) - 1} tabs", raw[:60])
                parent = trail[depth]
                code_match = _PCS_REF.search(text)
                code = code_match.group(1) if code_match else ""
                body = tidy(_PCS_REF.sub("", text))
                reference = ""
                kind = ""
                if not body:  # "Colonoscopy" followed by its code alone on the next line
                    if code:
                        fields[parent]["code"] = code
                    continue
                if body.lower().startswith(("see ", "use ")):
                    kind, reference = body[:3].lower(), body[4:].strip()
                    _pcs_reference(fields[parent], kind, reference, code)
                    continue
                inline = _PCS_INLINE_SEE.match(body)
                if inline:
                    body, kind, reference = inline["label"], inline["kind"], inline["ref"]
                body = tidy(body.replace("(continued)", ""))
                node = _pcs_node(nodes, fields, by_label, parent, depth, body)
                if reference:
                    _pcs_reference(fields[node], kind, reference, code)
                elif code:
                    fields[node]["code"] = code
                if depth + 2 < len(trail):
                    before = list(trail)
                trail = [*trail[: depth + 1], node]
    return [
        IndexNode(
            n.id,
            n.parent,
            n.depth,
            n.term,
            code=fields[n.id]["code"],
            see=fields[n.id]["see"],
            see_also=fields[n.id]["use"],
        )
        for n in nodes
    ]


def _pcs_node(
    nodes: list[IndexNode],
    fields: dict[int, dict[str, str]],
    by_label: dict[tuple[int, str], int],
    parent: int,
    depth: int,
    label: str,
) -> int:
    key = (parent, label.lower())
    if key in by_label:
        return by_label[key]
    node = IndexNode(len(nodes) + 1, parent, depth + 1, label)
    nodes.append(node)
    fields[node.id] = {"code": "", "see": "", "use": ""}
    by_label[key] = node.id
    return node.id


def _pcs_reference(target: dict[str, str], kind: str, reference: str, code: str) -> None:
    value = f"{reference}={code}" if code else reference
    column = "use" if kind == "use" else "see"
    target[column] = f"{target[column]} | {value}" if target[column] else value
