"""A newborn's weight at birth, said in grams or in pounds and ounces, read as the Index's birthweight line.

"my baby only weighed 900 grams when she was born", "born at 3 lbs 4 oz", "birth weight 1800 g": the Index
files a newborn's weight under Low, birthweight (2499 grams or less; "extreme" under 1000 grams) and Birth,
weight (4000 grams or more: heavy for dates), each with the Tabular's weight bands as subterms ("750-999
grams"). A coder converts pounds and ounces to grams (1 lb = 453.6 g, 1 oz = 28.35 g) and reads the band the
weight falls in; a weight between 2500 and 3999 grams is no condition and is left as said.

`read_birth_weight` says the Index's words for the band in place of the weight when the sentence says a birth
or a newborn; otherwise None. The bands are the Tabular's own boundaries (P07.0-, P07.1-, P08.0-P08.1).
"""

from __future__ import annotations

import re

_GRAMS = re.compile(r"\b(?P<n>\d{3,4}|\d\.\d{1,3}\s*k)\s*(?:g|gm|gms|gram|grams|kg)\b")
_POUNDS = re.compile(
    r"\b(?P<lb>\d{1,2})\s*(?:lb|lbs|pound|pounds)(?:\s*(?:and\s+)?(?P<oz>\d{1,2})\s*(?:oz|ounces?))?\b"
)
_BIRTH = re.compile(
    r"\b(?:born|birth|birthweight|newborn|neonate|neonatal|infant|baby|babies|preemie|delivered)\b"
)
# (upper bound in grams, the Index's words for the band)
_BANDS: tuple[tuple[int, str], ...] = (
    (499, "low birthweight extreme 499 grams or less"),
    (749, "low birthweight extreme 500-749 grams"),
    (999, "low birthweight extreme 750-999 grams"),
    (1249, "low birthweight 1000-1249 grams"),
    (1499, "low birthweight 1250-1499 grams"),
    (1749, "low birthweight 1500-1749 grams"),
    (1999, "low birthweight 1750-1999 grams"),
    (2499, "low birthweight 2000-2499 grams"),
)


def may_read_birth_weight(text: str) -> bool:
    """A cheap test of the words: a weight unit said."""
    low = text.lower()
    return any(u in low for u in ("g", "lb", "pound", "oz", "ounce")) and any(c.isdigit() for c in low)


def grams_said(text: str) -> int | None:
    """The weight the text says, in grams, or None."""
    found = _GRAMS.search(text)
    if found:
        n = found.group("n").replace(" ", "")
        return round(float(n[:-1]) * 1000) if n.endswith("k") else int(n)
    pounds = _POUNDS.search(text)
    if pounds:
        return round(int(pounds.group("lb")) * 453.6 + int(pounds.group("oz") or 0) * 28.35)
    return None


def read_birth_weight(text: str) -> str | None:
    """The Index's words for the birthweight band the sentence says, or None."""
    low = " ".join(text.lower().split())
    if _BIRTH.search(low) is None:
        return None
    grams = grams_said(low)
    if grams is None or grams < 100:
        return None
    if grams >= 4500:
        return "heavy for dates 4500 grams or more"
    if grams >= 4000:
        return "heavy for dates 4000 grams to 4499 grams"
    return next((said for bound, said in _BANDS if grams <= bound), None)
