"""Doses and routes as a biller reads them beside a drug: the dose a query says ("ceftriaxone 1 g", "kenalog 40",
"B12 1000 mcg"), how a HCPCS title's billing unit fits it ("per 250 mg", "up to 1000 mcg"), and the route said
("iv", "po") against the route a title gives. Pure functions over words and titles; bot.lookups.search ranks
HCPCS titles with them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# A dose, unit or route written beside a drug ("40", "1 gm", "iv"), as one query word.
DOSE = re.compile(
    r"^(?:\d+(?:\.\d+)?(?:mg|g|gm|mcg|ml|cc|u)?|mg|gm|g|gram|grams|mcg|ml|cc|units?|iu|meq|iv|im|sq|subq|sc|po|ivpb|inj|intravenous|intramuscular|subcutaneous|injection|injections|infusion|shot)$"
)
# A dose as written ("1 g", "60mg", "1000 mcg", a bare "40" after a drug) and a title's billing unit ("per 250
# mg", "up to 1000 mcg", "10 mg", "1000 cc"; a concentration "2.88 mg/ml" is no billing unit).
AMOUNT = re.compile(
    r"(?<![\w.-])(up to |per |less than or equal to |greater than |more than |over )?(\d+(?:\.\d+)?)\s*"
    r"(mg|milligrams?|g|gm|grams?|mcg|micrograms?|ml|cc|units?|iu|meq)?(?![\w/.-])( or less)?"
)
# A title's dose range: at most ("up to 1000 mcg", "less than or equal to 100 mg", "100 mg or less") or more
# than ("greater than 100 mg", "over 100 mg") the amount it prints.
AT_MOST = frozenset({"up to ", "less than or equal to "})
MORE_THAN = frozenset({"greater than ", "more than ", "over "})
TO_BASE = {  # unit -> (dimension, factor to its base unit)
    "mg": ("mass", 1.0),
    "milligram": ("mass", 1.0),
    "milligrams": ("mass", 1.0),
    "g": ("mass", 1000.0),
    "gm": ("mass", 1000.0),
    "gram": ("mass", 1000.0),
    "grams": ("mass", 1000.0),
    "mcg": ("mass", 0.001),
    "microgram": ("mass", 0.001),
    "micrograms": ("mass", 0.001),
    "ml": ("volume", 1.0),
    "cc": ("volume", 1.0),
    "unit": ("units", 1.0),
    "units": ("units", 1.0),
    "iu": ("units", 1.0),
    "meq": ("meq", 1.0),
}
DOSE_FIT = 40.0  # a title whose billing unit fits the dose said
DOSE_MISFIT = 40.0  # a title whose unit cannot make the dose ("up to 5 mg" for 10 mg; mg for ml)


@dataclass(frozen=True)
class Amount:
    value: float  # in the base unit of its dimension (mg, ml, units), or as written when no unit is said
    dimension: str  # mass | volume | units | meq | "" (a bare number: "kenalog 40")


def amount_said(said: Sequence[str]) -> Amount | None:
    """The dose a query says: its first number with the unit after it (or none)."""
    text = " ".join(said)
    for match in AMOUNT.finditer(text):
        if match.group(1):
            continue
        unit = (match.group(3) or "").lower()
        value = float(match.group(2))
        if not unit:
            return Amount(value, "")
        dimension, factor = TO_BASE[unit]
        return Amount(value * factor, dimension)
    return None


def dose_fit(amount: Amount, title: str) -> float:
    """How well a HCPCS title's billing unit fits the dose said: a unit that makes the dose in few units
    (ceftriaxone 1 g: "per 250 mg", 4 units; kenalog 40: "10 mg" before "1 mg") or an "up to" that holds it
    (B12 1000 mcg: "up to 1000 mcg") fits; a unit that cannot make it is a misfit; no unit printed, 0."""
    found = [m for m in AMOUNT.finditer(title.lower()) if m.group(3)]
    if not found:
        return 0.0
    match = found[-1]  # the billing unit is printed last ("Injection, X 10 mg/ml, per 5 mg")
    dimension, factor = TO_BASE[match.group(3)]
    unit = float(match.group(2)) * factor
    if amount.dimension and amount.dimension != dimension:
        return -DOSE_MISFIT
    value = amount.value if amount.dimension else amount.value * factor  # a bare number: the title's unit
    if unit <= 0:
        return 0.0
    if match.group(1) in AT_MOST or match.group(4):
        return DOSE_FIT if value <= unit * 1.0001 else -DOSE_MISFIT
    if match.group(1) in MORE_THAN:
        return DOSE_FIT if value > unit * 1.0001 else -DOSE_MISFIT
    units = value / unit
    if units < 0.999 or abs(units - round(units)) > 0.01:
        return -DOSE_MISFIT
    return DOSE_FIT - min(15.0, 0.5 * (units - 1))


INJECTED = frozenset(
    {
        "iv",
        "im",
        "injection",
        "inj",
        "shot",
        "infusion",
        "intravenous",
        "intramuscular",
        "push",
        "ivpb",
        "subq",
        "sq",
        "sc",
        "subcutaneous",
        "injectable",
    }
)
ORAL = frozenset({"oral", "po", "tablet", "tablets", "tab", "tabs", "pill", "pills", "capsule", "capsules"})
GIVEN = frozenset({"iv", "im", "injection", "inj", "shot", "intravenous", "intramuscular", "push", "ivpb"})
ROUTE_FIT = 20.0  # a HCPCS title giving the drug by the route said
ORAL_TITLE = re.compile(r"(?i)\b(?:oral|tablets?|capsules?)\b")
INJECTED_TITLE = re.compile(r"(?i)\b(?:inj|injections?|infusion|intravenous|intramuscular|subcutaneous)\b")


def route_said(said: set[str]) -> str:
    """The route a query says: injected ("iv", "shot", "injection") or oral ("po", "tablet"), or ""."""
    if said & INJECTED and not said & ORAL:
        return "injected"
    if said & ORAL and not said & INJECTED:
        return "oral"
    return ""


def other_route(route: str, title: str) -> bool:
    """Whether a HCPCS title is the drug by another route than the one said (an oral tablet for "zofran iv")."""
    if route == "injected":
        return bool(ORAL_TITLE.search(title)) and not INJECTED_TITLE.search(title)
    return bool(INJECTED_TITLE.search(title)) and not ORAL_TITLE.search(title)


def is_dose(group: Sequence[str]) -> bool:
    """A dose, unit or route written beside a drug ("40", "1 gm", "iv")."""
    return bool(group) and DOSE.match(group[0]) is not None
