"""A procedure on the cervix, the vagina or the lining of the uterus, done with no incision and no scope said,
is done through the vagina: the approach Via Natural or Artificial Opening.

ICD-10-PCS approach definitions: "Via Natural or Artificial Opening - entry of instrumentation through a natural
or artificial external opening to reach the site of the procedure". A LEEP or cone of the cervix, a dilation
and curettage, an endometrial ablation, a dilation and evacuation of products of conception are done through
the vagina (0UBC7ZZ, 0UDB7ZZ, 0U5B7ZZ, 10A07ZZ), not through an incision; the tables list Open first, so with
no approach said the completion would read Open. Here those operations on those body parts read the natural
opening first when the query names no approach (a scope word still says 8, "laparoscopic" 4, "open" 0).
Cutting the whole organ out (Resection: a hysterectomy) keeps the table's order - unless the query says it is
done "vaginal(ly)": a vaginal hysterectomy takes the uterus out through the vagina (0UT97ZZ), and a
laparoscopically assisted one (LAVH) is Via Natural or Artificial Opening With Percutaneous Endoscopic
Assistance (F). The word says the approach of an operation on the female reproductive organs other than the
vagina itself ("vaginal cyst excision" names the body part).
"""

from __future__ import annotations

from bot.lookups.index.words import content_stems, stem

NATURAL_OPENING = "7"
# Body parts reached through the vagina, and the root operations done on them that way: Destruction (5),
# Dilation (7), Drainage (9), Excision (B), Extraction (D).
THROUGH_VAGINA = {
    "cervix": frozenset("579BD"),
    "vagina": frozenset("579BD"),
    "endometrium": frozenset("579BD"),
    "uterus": frozenset("57D"),
}
_PARTS = {next(iter(content_stems(part))): ops for part, ops in THROUGH_VAGINA.items()}
ABORTION = "10A"  # Obstetrics, Abortion: a D&E or a suction D&C is done through the vagina


def natural_opening_first(code: str, part_meaning: str) -> bool:
    """Whether a complete code's table and body part are reached through the vagina when no approach is said."""
    if code.startswith(ABORTION):
        return True
    if not code.startswith("0U") or len(code) < 4:
        return False
    return any(code[2] in _PARTS[word] for word in content_stems(part_meaning) if word in _PARTS)


VAGINAL = frozenset(stem(w) for w in ("vaginal", "vaginally"))
ASSISTED = "F"  # Via Natural or Artificial Opening With Percutaneous Endoscopic Assistance
SCOPE_ASSIST = ("laparoscop", "lap")
VAGINA = stem("vagina")


def vaginal_approach(code: str, part_meaning: str, query_stems: frozenset[str]) -> str:
    """The approach character a query saying "vaginal" names for a complete code of the female reproductive
    tables whose body part is not the vagina ("7", or "F" with a laparoscope said), or ""."""
    if not code.startswith("0U") or not query_stems & VAGINAL or VAGINA in content_stems(part_meaning):
        return ""
    assisted = any(s == "lap" or s.startswith(SCOPE_ASSIST[0]) for s in query_stems)
    return ASSISTED if assisted else NATURAL_OPENING
