"""The stage of life a past event happened in, told by the sentence -> the line of that stage.

The Index files a person's past maltreatment twice, by the stage of life it happened in: "History,
personal, abuse, adult, physical and sexual" (Z91.410) and "History, personal, abuse, childhood, physical"
(Z62.810); "Neglect, adult, history of" (Z91.412) and "Neglect, child, history of" (Z62.812); the
confirmed and suspected maltreatment codes the same way (T74 / T76: "Adult ..." and "Child ..."). A coder
takes the line of the stage the record tells - "neglected as a kid" is Z62.812, "hx of physical abuse by
ex-partner" is Z91.410 - and the Tabular's titles say it: the two lines' titles are the same words but for
the stage word ("Personal history of neglect in childhood" / "Personal history of adult neglect").

`told_stage` reads the stage from the sentence's words: a time of life said ("as a kid", "growing up", "in
childhood", "when she was little") is childhood; "as an adult", or the one who did it an intimate partner
("ex-partner", "husband", "domestic violence") is adulthood (a child's maltreatment by a partner is told
with the child's age, and then the childhood words decide). `stage_sibling` finds, among the answers, the
one whose title is the first answer's in the other stage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.lookups.index.words import content_stems

CHILD = "child"
ADULT = "adult"
# (a time of life said: the event happened in childhood)
_CHILDHOOD = re.compile(
    r"\b(?:as\s+an?\s+(?:kid|child|little\s+(?:girl|boy|one)|boy|girl|minor|youngster|teen(?:ager)?|toddler)|"
    r"as\s+kids|as\s+children|growing\s+up|grew\s+up|(?:in|during|from)\s+(?:her|his|my|their|early\s+)?"
    r"(?:childhood|youth|teens)|childhood|when\s+(?:she|he|i|they)\s+(?:was|were)\s+(?:a\s+)?"
    r"(?:kid|child|little|young|small|teen(?:ager)?|minor|boy|girl))\b"
)
# (adulthood said, or the one who did it an intimate partner)
_ADULTHOOD = re.compile(
    r"\b(?:as\s+an\s+adult|adulthood|in\s+(?:her|his|my|their)\s+(?:marriage|relationship)|"
    r"domestic\s+violence|(?:ex[- ]?)?(?:partner|husband|wife|spouse|boyfriend|girlfriend)|elder)\b"
)
# The stage words of the Tabular's titles (what they say, no more).
_STAGE_WORDS = {CHILD: frozenset({"child", "childhood"}), ADULT: frozenset({"adult"})}
_STAGE_STEMS = {stage: frozenset(content_stems(" ".join(words))) for stage, words in _STAGE_WORDS.items()}
LOOKED_AT = 5  # the answers a sibling of the other stage is looked for among


def told_stage(lowered: str) -> str | None:
    """The stage of life the sentence tells its event happened in ("child", "adult"), or None."""
    if _CHILDHOOD.search(lowered):
        return CHILD
    if _ADULTHOOD.search(lowered):
        return ADULT
    return None


def title_stage(title: str) -> str | None:
    """The stage of life a title says, or None (a title saying both, or neither)."""
    stems = content_stems(title.lower())
    said = [stage for stage, words in _STAGE_STEMS.items() if stems & words]
    return said[0] if len(said) == 1 else None


def stage_sibling(lowered: str, titles: Sequence[str]) -> int | None:
    """The index among `titles` (the answers' titles, the first one first) of the title that says the first
    one's words in the stage of life the sentence tells, when the first says the other stage; else None."""
    told = told_stage(lowered)
    if told is None or not titles:
        return None
    first = title_stage(titles[0])
    if first is None or first == told:
        return None
    rest = content_stems(titles[0].lower()) - _STAGE_STEMS[first]
    for n, title in enumerate(titles[1:LOOKED_AT], start=1):
        if title_stage(title) == told and content_stems(title.lower()) - _STAGE_STEMS[told] == rest:
            return n
    return None
