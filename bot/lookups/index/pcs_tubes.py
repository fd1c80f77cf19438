"""A tube named by its path ("nasogastric", "orojejunal") is coded to the body part its tip lies in.

A tube's adjective joins where it goes in and where it ends: naso-gastric goes in through the nose and ends in
the stomach, oro-gastric through the mouth, naso-jejunal and naso-duodenal end past the pylorus. ICD-10-PCS
codes a tube put in to the body part its tip is in ("NG feeding tube placement": Insertion of Feeding Device
into Stomach, 0DH67UZ), not to the nose, and the approach is Via Natural or Artificial Opening (the nose or
the mouth, no incision). Here, when the query names such a tube with its placement, the tip's body part (read
from the second combining form as a procedure word's is: "gastric" -> stomach) and the natural opening are read
beside the tube's word in the PCS Index walk and the table completion.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.lookups.index.words import stem

# Where a tube goes in: the nose or the mouth (a natural opening).
ENTRY_FORMS = ("naso", "oro")
MIN_TIP = 4  # "gastric", "jejunal": the rest of the word names the tip's body part
TUBE_STEMS = frozenset(stem(w) for w in ("tube", "catheter", "ngt", "ogt", "dobhoff", "corpak"))
PLACEMENT_STEMS = frozenset(
    stem(w)
    for w in ("placement", "placed", "place", "insertion", "inserted", "insert", "passed", "pass", "put")
)
NATURAL_OPENING = ["natural", "opening"]


def tube_tip_words(words: Sequence[str], body_part: Callable[[str], list[str]]) -> dict[str, list[str]]:
    """Each tube path word of a query placing a tube, with the words of the body part its tip is in and of the
    natural opening it goes through ("nasogastric" -> stomach, natural, opening); nothing when no tube is
    placed."""
    said = {stem(w) for w in words}
    if not said & TUBE_STEMS or not said & PLACEMENT_STEMS:
        return {}
    out: dict[str, list[str]] = {}
    for word in words:
        entry = next((e for e in ENTRY_FORMS if word.startswith(e)), "")
        if not entry or len(word) - len(entry) < MIN_TIP:
            continue
        tip = body_part(word[len(entry) :])
        if tip:
            out[word] = [*tip, *NATURAL_OPENING]
    return out
