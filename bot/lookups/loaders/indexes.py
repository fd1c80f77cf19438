"""Alphabetic indexes: the ICD-10-CM index (flattened CSV) and the ICD-10-PCS index (JSON lines).

Both become rows of (path, code, see, see_also): `path` is the main term and its subterms joined with
", " the way coders read them ("Infarct, myocardium"); `see` is the cross-reference to follow.
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


@dataclass(frozen=True)
class IndexRow:
    terms: tuple[str, ...]  # main term, then each subterm
    code: str
    see: str
    see_also: str
    modifiers: str = ""  # non-essential modifiers, e.g. "(acute) (with stated duration ...)"

    @property
    def path(self) -> str:
        return ", ".join(self.terms)


def load_cm_index(path: str | Path) -> list[IndexRow]:
    rows: list[IndexRow] = []
    trail: list[str] = []
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
            trail[level:] = [record[3].strip()]
            code = record[7].strip().rstrip("-").rstrip(".")
            rows.append(IndexRow(tuple(trail), code, record[4].strip(), record[5].strip(), record[6].strip()))
    return rows


class SeeResolver:
    """Follows a cross-reference such as "Infarct, myocardium" to the deepest index entry it names.

    References abbreviate terms ("Infarct" for "Infarct, infarction"), so each level matches on the part of
    the term before its first comma, case-insensitively.
    """

    def __init__(self, rows: list[IndexRow]) -> None:
        self._by_heads: dict[tuple[str, ...], IndexRow] = {}
        for row in rows:
            key = tuple(t.split(",")[0].strip().lower() for t in row.terms)
            self._by_heads.setdefault(key, row)

    def resolve(self, reference: str) -> IndexRow | None:
        parts = tuple(p.strip().lower() for p in reference.split(",") if p.strip())
        for size in range(len(parts), 0, -1):
            row = self._by_heads.get(parts[:size])
            if row is not None:
                # A reference only half followed ("Diabetes" of "Diabetes, by type, with ketoacidosis")
                # would point at the wrong code: accept it only when at most one level is left over.
                return row if len(parts) - size <= 1 else None
        return None


_PCS_REF = re.compile(r"\*\*([0-9A-Z]{3,7})\*\*")


def load_pcs_index(path: str | Path) -> list[IndexRow]:
    rows: list[IndexRow] = []
    with open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                term, entry = str(item["term"]), str(item["entry"])
            except (ValueError, KeyError, TypeError) as exc:
                raise LoaderError(path, number, 'a JSON object with "term" and "entry"', line[:60]) from exc
            term = term.replace("(continued)", "").strip()
            trail = [term]
            for raw in entry.split("\n"):
                depth = len(raw) - len(raw.lstrip("\t"))
                text = raw.strip()
                if not text:
                    continue
                code_match = _PCS_REF.search(text)
                code = code_match.group(1) if code_match else ""
                label = _PCS_REF.sub("", text).replace("(continued)", "").strip()
                if label.lower().startswith(("see ", "use ")):
                    rows.append(IndexRow(tuple(trail[: depth + 1]), code, label[4:].strip(), ""))
                    continue
                trail[depth + 1 :] = [label]
                rows.append(IndexRow(tuple(trail[: depth + 2]), code, "", ""))
    return rows
