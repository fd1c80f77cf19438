"""A drug's class told by its name's stem, as the USAN Council's stems tell it, for a drug the Table of Drugs
and Chemicals and the Tabular's Z79 inclusion terms do not name.

A generic drug name is built on a stem that says its class: "-dronate" a bisphosphonate (alendronate,
risedronate), "-citinib" a Janus kinase inhibitor (baricitinib, upadacitinib), "-xaban" a factor Xa
inhibitor, an anticoagulant (apixaban, edoxaban), "-rozole" an aromatase inhibitor, "-glutide" a GLP-1
agonist, an injectable non-insulin antidiabetic. A coder who meets a new drug reads its class the same way
(and then the Index's Long-term (current) drug therapy line of that class, guideline I.C.21.c.3). Each entry
is a stem and the words of the class as the Index's Long-term lines print them; a stem whose drugs fall in
more than one Long-term line ("-limus": sirolimus mTOR, tacrolimus calcineurin) is left out.
"""

from __future__ import annotations

# (stem, the class as the Long-term drug therapy line names it)
_STEMS: tuple[tuple[str, str], ...] = (
    ("dronate", "bisphosphonates"),
    ("dronic", "bisphosphonates"),
    ("citinib", "janus kinase inhibitor"),
    ("xaban", "anticoagulants"),
    ("gatran", "anticoagulants"),
    ("parin", "anticoagulants"),
    ("rozole", "aromatase inhibitors"),
    ("glutide", "non-insulin antidiabetic drug injectable"),
    ("platin", "alkylating agent"),
    ("rubicin", "antitumor antibiotic"),
    ("taxel", "mitotic inhibitor"),
    ("tecan", "topoisomerase inhibitor"),
    ("citabine", "antimetabolite agent"),
    ("relin", "gonadotropin-releasing hormone"),
    ("mab", "monoclonal antibodies"),
)
_SHORTEST = 6  # a word shorter than this is no generic drug name built on a stem ("lab", "parking")


def stem_class(word: str) -> tuple[str, ...]:
    """The class words a drug's name stem tells ("alendronate" -> bisphosphonates), or ()."""
    if len(word) < _SHORTEST or not word.isalpha():
        return ()
    for ending, named in _STEMS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return tuple(named.split())
    return ()
