"""A pregnancy's weeks said in a chart line ("PPROM at 32 wks", "HELLP at 35 weeks", "gestational diabetes,
30 wks"): the trimester they fall in, in the words the chapter 15 titles use ("..., third trimester").

ICD-10-CM chapter 15: first trimester under 14 weeks 0 days, second 14 weeks 0 days to under 28 weeks 0
days, third from 28 weeks 0 days. The weeks are a pregnancy's when the line says a pregnancy word, or says
them "at N wks" (a gestational age, not a duration "x 3 wks"); never after a birth ("born at 32 wks",
"6 wks postpartum"), where the weeks say a newborn's prematurity or a time since delivery.
"""

from __future__ import annotations

import re

_WEEKS = re.compile(r"\b(?P<at>at\s+|ga\s+)?(?P<n>\d{1,2})\s*(?:\+\d\s*)?(?:w|wk|wks|week|weeks)\b(?!\s+ago)")
_PREGNANCY = re.compile(
    r"\b(?:pregnan\w*|gestation\w*|gravid\w*|g[1-9](?:p\d+)?|iup|prenatal|antenatal|ob|"
    r"preterm\s+premature\s+rupture|premature\s+rupture|rupture\s+membranes|preeclampsia|pre-eclampsia|"
    r"eclampsia|hellp|placenta\w*|previa|abruption|hyperemesis|cholestasis\s+of\s+pregnancy)\b"
)
_AFTER_BIRTH = re.compile(
    r"\b(?:born|birth|delivered|delivery|postpartum|post-partum|pp|newborn|neonat\w*|infant|baby|preemie|"
    r"premie|postop|post-op|ago|old|since|x)\b"
)
_ORDINALS = ("first", "second", "third")


def trimester_said(text: str) -> str | None:
    """The trimester words ("third trimester") the weeks of a pregnancy fall in, or None when the text
    names a trimester already, says no weeks of a pregnancy, or says weeks twice."""
    if "trimester" in text or _AFTER_BIRTH.search(text):
        return None
    found = list(_WEEKS.finditer(text))
    if len(found) != 1:
        return None
    weeks = found[0]
    number = int(weeks.group("n"))
    if not 4 <= number <= 43 or not (weeks.group("at") or _PREGNANCY.search(text)):
        return None
    return f"{_ORDINALS[0 if number < 14 else 1 if number < 28 else 2]} trimester"


# After the birth ("5 days postpartum", "2 weeks after delivery"): chapter 15's "complicating the puerperium"
# (the Index's Puerperal), for a condition of pregnancy the line names (pre-eclampsia, HELLP, previa ...).
_POSTPARTUM = re.compile(
    r"\b(?:postpartum|post-partum|postpartal|(?:days?|weeks?|wks?)\s+after\s+(?:delivery|birth))\b"
)


def puerperium_said(text: str) -> str | None:
    """ "puerperium" when a condition of pregnancy is told after the birth, or None."""
    if "puerper" in text or not _POSTPARTUM.search(text) or not _PREGNANCY.search(text):
        return None
    return "puerperium"


def says_when(text: str) -> bool:
    """Whether a text tells when in a pregnancy it is: weeks, a trimester, after the birth."""
    return bool(
        _WEEKS.search(text) or _POSTPARTUM.search(text) or re.search(r"\b(?:trimester|puerper)", text)
    )


def pregnancy_time(text: str) -> str | None:
    """The trimester or the puerperium a whole query tells ("polyhydramnios, AFI 28 at 32 weeks": third
    trimester; "preeclampsia mild, 5 days postpartum": puerperium), or None."""
    return trimester_said(text) or puerperium_said(text)
