"""A qualifier said on one of the Tabular's exclusive axes, and a code saying another value of that axis.

Severity (mild, moderate, severe) and course (acute, chronic) are axes the Tabular splits a condition on:
"Bipolar disorder, current episode depressed, moderate" beside "..., severe"; "Acute pancreatitis" beside
"Chronic pancreatitis". A query saying "moderate" is not answered by a title saying "severe" and not
"moderate", however many other words the path holds ("bipolar currently depressed, moderate": F31.32, not
"Disorder, bipolar, current, severe depression" F31.4). A title saying both values ("Mild to moderate
pre-eclampsia", "Acute and chronic ...", "acute on chronic") says the one asked for.
"""

from __future__ import annotations

from bot.lookups.index.words import content_stems, stem

AXES = (
    frozenset(stem(w) for w in ("mild", "moderate", "severe")),
    frozenset(stem(w) for w in ("acute", "chronic")),
)


def other_value(title: str, said: frozenset[str]) -> bool:
    """Whether the title says another value of an axis the query said a value of, and not the one said."""
    printed = content_stems(title)
    for axis in AXES:
        asked = said & axis
        shown = printed & axis
        if asked and shown and not asked & shown:
            return True
    return False
