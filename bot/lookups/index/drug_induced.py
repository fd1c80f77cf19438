"""A cause told as a hyphenated compound ("steroid-induced diabetes", "opioid-induced constipation",
"catheter-associated UTI") read in the Index's words: the cause, then "induced" or "associated".

The Index prints the cause and its link as words of a subterm ("Diabetes, steroid-induced - see Diabetes,
due to drug or chemical"; "Constipation, drug-induced"; "Pancreatitis, acute, alcohol induced";
"Bronchospasm, exercise induced"; "Pneumonia, ventilator associated"), sometimes hyphened and sometimes
not, and a chart writes the compound either way. Said as two words the cause is a word of its own that a
line, the Drug Table (the adverse effect's T code beside the condition, guideline I.C.19.e.5.a) or a
device's "due to" line can each read ("opioid induced constipation" K59.03, not Constipation NOS; "alcohol
induced pancreatitis" K85.20, not the chronic K86.0 a hyphened compound found).

A substance use disorder's own lines keep the compound as the chapter prints it ("Dependence, cocaine,
with, cocaine-induced sleep disorder"; the DSM-5 titles of F10-F19): a query naming the use, abuse,
dependence, intoxication or withdrawal is left as typed.
"""

from __future__ import annotations

import re

_SUBSTANCE_USE = re.compile(
    r"(?i)(?<![a-z])(?:dependence|dependent|abuse|use\s+disorder|intoxication|intoxicated|withdrawal|addiction)"
)
_COMPOUND = re.compile(r"(?<=[a-z0-9])-(?=(?:induced|associated)(?![a-z]))", re.IGNORECASE)


def may_read(text: str) -> bool:
    return "-induced" in text or "-associated" in text or "-Induced" in text or "-Associated" in text


def read_induced(text: str) -> str | None:
    """The query with its "<cause>-induced" / "<cause>-associated" compounds said as two words, or None when
    it holds none."""
    if _SUBSTANCE_USE.search(text):
        return None
    read = _COMPOUND.sub(" ", text)
    return read if read != text else None
