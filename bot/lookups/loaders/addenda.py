"""CMS addenda files: the yearly changes to the ICD-10-CM order file and the ICD-10-PCS codes/order files.

ICD-10-CM order addenda (`icd10cm_order_addenda_<year>.txt`): `Add:`, `Delete:`, `Revise from:`, `Revise to:`
in a 13-character label column, then the order-file layout without its order number (`1 C7831   short title
(60 characters) long title`). ICD-10-PCS codes addenda (`icd10pcs_codes_addenda_<year>.txt`): the label, then
`CODE long title`; the PCS order addenda carry the order-file layout after the label. Both end with a summary
(`74719 codes in icd10cm_order_2026.txt` / `74879 codes in icd10cm_order_2027.txt`) naming the base year the
changes apply to and the year they make.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.lookups.loaders.common import numbered_lines
from bot.lookups.loaders.errors import LoaderError

ACTIONS = {"Add:": "add", "Delete:": "delete", "Revise from:": "revise_from", "Revise to:": "revise_to"}
_LABEL = re.compile(r"^(Add:|Delete:|Revise from:|Revise to:)\s+")
_PCS_BODY = re.compile(r"^([0-9A-HJ-NP-Z]{7}) +(\S.*)$")
_PCS_ORDER_BODY = re.compile(r"^(?:\d{5} )?([0-9A-HJ-NP-Z]{3,7}) +([01]) (.{60}) (.+)$")
_SUMMARY = re.compile(r"^\s*(\d+)\s+(codes|headers) in (icd10(?:cm|pcs))_(?:order|codes)_(\d{4})\.txt\s*$")


@dataclass(frozen=True)
class AddendaRow:
    action: str  # add | delete | revise_from | revise_to
    code: str
    title: str
    short_title: str
    billable: bool | None  # None where the file does not say (PCS codes addenda: every code is billable)
    line: int


@dataclass(frozen=True)
class Addenda:
    system: str  # cm | pcs
    rows: tuple[AddendaRow, ...]
    base_year: int | None  # the fiscal year the changes apply to (from the summary), when stated
    new_year: int | None  # the fiscal year they make


def looks_like_addenda(head: str) -> str | None:
    """'cm' or 'pcs' when the text starts like an addenda file, else None."""
    for number, line in enumerate(head.splitlines(), 1):
        if not line.strip():
            continue
        m = _LABEL.match(line)
        if not m:
            return None
        parsed = _parse_line(ACTIONS[m.group(1)], line, m, number)
        return parsed[0] if parsed else None
    return None


def _parse_line(action: str, line: str, m: re.Match[str], number: int) -> tuple[str, AddendaRow] | None:
    rest = line[13:] if len(line) > 13 and line[:13].strip() == m.group(1) else line[m.end() :]
    cm = _cm_row(action, rest, number)
    if cm is not None:
        return "cm", cm
    pcs = _pcs_row(action, rest, number)
    return ("pcs", pcs) if pcs is not None else None


def load_addenda(path: str | Path) -> Addenda:
    rows: list[AddendaRow] = []
    system: str | None = None
    years: dict[str, list[int]] = {}
    in_summary = False
    for number, line in numbered_lines(path, "latin-1"):
        if not line.strip():
            if rows:
                in_summary = True
            continue
        summary = _SUMMARY.match(line)
        if summary:
            years.setdefault(summary.group(3), []).append(int(summary.group(4)))
            in_summary = True
            continue
        m = _LABEL.match(line)
        if m is None:
            if in_summary:
                continue  # the summary's other lines ("190 additions", "of which")
            raise LoaderError(
                path, number, "an addenda line starting Add:, Delete:, Revise from: or Revise to:", line[:60]
            )
        if in_summary:
            raise LoaderError(path, number, "no change lines after the summary", line[:60])
        parsed = _parse_line(ACTIONS[m.group(1)], line, m, number)
        if parsed is None:
            raise LoaderError(
                path,
                number,
                "after the label either `0/1 CODE short title (60 characters) long title` (ICD-10-CM) or "
                "`CODE long title` (ICD-10-PCS)",
                line[13:73],
            )
        row_system, row = parsed
        if system is None:
            system = row_system
        elif system != row_system:
            raise LoaderError(path, number, f"{'ICD-10-CM' if system == 'cm' else 'ICD-10-PCS'} lines only")
        rows.append(row)
    if not rows or system is None:
        raise LoaderError(path, None, "addenda lines (Add:/Delete:/Revise to:)", "none")
    stated = years.get("icd10cm" if system == "cm" else "icd10pcs", [])
    base = min(stated) if len(set(stated)) == 2 else None
    new = max(stated) if len(set(stated)) == 2 else None
    return Addenda(system, tuple(rows), base, new)


def _cm_row(action: str, rest: str, number: int) -> AddendaRow | None:
    if len(rest) < 10 or rest[0] not in "01" or rest[1] != " ":
        return None
    code = rest[2:10].strip()
    if not re.fullmatch(r"[A-Z](?:[0-9][0-9A-Z]|[A-Z][0-9])[0-9A-Z]{0,4}", code):
        return None
    short = rest[10:70].strip()
    long = rest[71:].strip() or short
    if not short:
        return None
    return AddendaRow(action, code, long, short, rest[0] == "1", number)


def _pcs_row(action: str, rest: str, number: int) -> AddendaRow | None:
    order = _PCS_ORDER_BODY.match(rest)
    if order and len(order.group(1)) <= 7 and order.group(2) in "01" and len(rest) > 75:
        return AddendaRow(
            action,
            order.group(1),
            order.group(4).strip(),
            order.group(3).strip(),
            order.group(2) == "1",
            number,
        )
    m = _PCS_BODY.match(rest)
    if m is None:
        return None
    return AddendaRow(action, m.group(1), m.group(2).strip(), "", None, number)
