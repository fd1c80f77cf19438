"""A patient's plain sentence about a body part, read as the Index's main term and site.

"my thumb hurts", "left knee is killing me", "my ankle is swollen": the Index's main terms Pain and Swelling,
with the part as the subterm ("Pain, joint, knee"; "Swelling, ankle"). The vocabulary's own phrases ("head
hurts" -> headache) come first; this reading is for the parts it does not list.
"""

from __future__ import annotations

import re

_SITE = r"(?P<site>[a-z]+(?:\s+[a-z]+){0,2}?)"
_HURTS = re.compile(
    rf"^{_SITE}\s+(?:hurts?|hurting|is\s+hurting|are\s+hurting|aches?|aching|is\s+aching|are\s+aching|"
    r"is\s+sore|are\s+sore|is\s+painful|are\s+painful|is\s+killing\s+me|are\s+killing\s+me)"
    r"(?:\s+(?:a\s+lot|so\s+much|bad|badly|really\s+bad))?$"
)
_SWOLLEN = re.compile(
    rf"^{_SITE}\s+(?:is|are|got|looks|feels|feel|look|seems)\s+(?:swollen|puffy|swelled\s+up|all\s+swollen)$"
)
_SUBJECTS = frozenset({"it", "everything", "that", "this", "he", "she", "they", "i"})


def read_lay(text: str) -> str | None:
    """The Index's words for "<part> hurts" (Pain, <part>) and "<part> is swollen" (Swollen, see Swelling, <part>), or
    None when the text says neither (lower-case, filler words such as "my" already removed)."""
    for pattern, main in ((_HURTS, "pain"), (_SWOLLEN, "swollen")):
        match = pattern.match(text)
        if match is not None and match.group("site").split()[0] not in _SUBJECTS:
            return f"{main} {match.group('site')}"
    return None
