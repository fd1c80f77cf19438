"""The code systems CodeDesk knows, their names, and how their codes are written."""

from __future__ import annotations

import re

SYSTEMS = ("cm", "pcs", "hcpcs", "cpt")
SYSTEM_NAMES = {"cm": "ICD-10-CM", "pcs": "ICD-10-PCS", "hcpcs": "HCPCS", "cpt": "CPT"}
SYSTEM_KEYS = {v.lower(): k for k, v in SYSTEM_NAMES.items()} | {k: k for k in SYSTEMS}

_CM = re.compile(r"^[A-Z][0-9][0-9A-Z]{1,5}$")
_PCS = re.compile(r"^[0-9A-HJ-NP-Z]{7}$")
_HCPCS = re.compile(r"^[A-V][0-9]{4}$")
_CPT = re.compile(r"^[0-9]{4}[0-9FTU]$")


def undot(code: str) -> str:
    return code.strip().upper().replace(".", "").replace(" ", "")


def display(system: str, code: str) -> str:
    """Official display form: ICD-10-CM dotted after the third character, others as stored."""
    if system == "cm" and len(code) > 3 and "-" not in code and code[0].isalpha():
        return f"{code[:3]}.{code[3:]}"
    return code


def guess_systems(code: str) -> list[str]:
    """Which systems a code could belong to, by its shape (most likely first)."""
    c = undot(code)
    found = []
    if _HCPCS.match(c):
        found.append("hcpcs")
    if _CM.match(c) or (len(c) == 3 and c[0].isalpha() and c[1].isdigit()):
        found.append("cm")
    if (_PCS.match(c) and c[0].isdigit()) or (_PCS.match(c) and c[0] in "BCDFGHX"):
        found.append("pcs")
    if _CPT.match(c):
        found.append("cpt")
    return found


def parse_systems(value: str) -> tuple[str, ...]:
    """`cm`, `pcs,hcpcs`, `all` -> system keys; raises ValueError naming the unknown one."""
    if value.strip().lower() in {"all", ""}:
        return SYSTEMS
    keys = []
    for part in value.split(","):
        key = SYSTEM_KEYS.get(part.strip().lower())
        if key is None:
            raise ValueError(f"unknown code system {part.strip()!r}: use cm, pcs, hcpcs, cpt or all")
        keys.append(key)
    return tuple(keys)
