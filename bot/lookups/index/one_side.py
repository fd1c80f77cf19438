"""One side named where the Index asks "unilateral or bilateral": "left renal agenesis" is Agenesis, kidney,
unilateral (Q60.0), "left undescended testicle" Cryptorchid, unilateral (Q53.10).

Some Index lines split a condition by how many sides it takes, not by which: "Absence, kidney, congenital,
unilateral Q60.0 / bilateral Q60.1", "Cryptorchid, unilateral Q53.10 / bilateral Q53.20". A chart names the
side ("left", "right"); a coder reads one side as "unilateral" (guideline I.B.13: laterality from the
documentation). Read only when the answer found says no side of its own (its title names none and no
Tabular character chose one), and kept only when the Index line "unilateral" below the same main term
answers: "right hydronephrosis" has no such line and stays Hydronephrosis.
"""

from __future__ import annotations

import re

_ONE_SIDE = re.compile(r"(?i)(?<![a-z])(?:left|right|lt|rt|l|r)(?![a-z])")
_BOTH = re.compile(r"(?i)(?<![a-z])(?:bilateral|bilat|b/l|both|unilateral)(?![a-z])")
_SIDED = re.compile(r"(?i)(?<![a-z])(?:left|right|unilateral|bilateral)(?![a-z])")


def may_say_unilateral(query: str, title: str, why: str) -> bool:
    """Whether the query names one side the answer (its title and its reasons) says nothing of."""
    return bool(
        _ONE_SIDE.search(query)
        and not _BOTH.search(query)
        and not _SIDED.search(title)
        and "Tabular:" not in why
        and why.startswith("Index: ")
    )


def main_term(why: str) -> str:
    """The Index main term a reason names ("Index: Agenesis, kidney -> Q60.2" -> "agenesis")."""
    return why.removeprefix("Index: ").split(",")[0].split(" ->")[0].strip().lower()


def says_unilateral(why: str) -> bool:
    return ", unilateral" in why.split(" (")[0].lower()
