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

A reaction told by when it came ("rash after dicloxacillin", "low blood pressure after etomidate") names its
cause the same way: `read_after_drug` says the link as "from" when a drug of the Drug Table ends it; a
general "drug induced" said beside the drug that is the cause is left out (`read_named_cause`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

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


# A reaction told by when it came: "rash after dicloxacillin", "low blood pressure after etomidate",
# "hives since starting iv vancomycin". Words the user may put between the link and the drug.
_AFTER = re.compile(
    r"\b(?:after|since|following)\s+(?:(?:starting|taking|getting|receiving|being\s+given|given|a|an|the|his|"
    r"her|their|my|your|iv|im|oral|po|dose\s+of|doses\s+of|course\s+of|shot\s+of|high[- ]dose|new)\s+)*"
    r"(?P<drug>[a-z][a-z0-9-]{3,})(?:\s+(?P<next>[a-z]+))?",
    re.IGNORECASE,
)
# Words after the drug that end its phrase: the drug is the whole thing said ("after iv nafcillin for
# cellulitis"); another noun there makes a procedure of it ("after blood transfusion").
_PHRASE_ENDS = frozenset(
    {"for", "and", "with", "was", "were", "is", "got", "started", "given", "now", "then"}
)


def may_read_after(text: str) -> bool:
    """The cheap test before the drug's name is looked up: a link of time is said at all."""
    lowered = text.lower()
    return "after " in lowered or "since " in lowered or "following " in lowered


def read_after_drug(text: str, is_drug: Callable[[str], bool]) -> str | None:
    """The query with "after <drug>" (a drug the Drug Table lists with its adverse effect) said as "from
    <drug>", the link a coder reads as the Index's "due to drugs" / "drug-induced" subterm of the condition
    and the drug's adverse effect beside it (guideline I.C.19.e.5.a); None when no such drug follows the link.

    The drug must end its phrase ("after dicloxacillin", "after iv nafcillin for cellulitis"): "after blood
    transfusion", "after iron infusion" name a procedure, not the drug as the cause."""
    if _SUBSTANCE_USE.search(text):
        return None
    read = text
    for found in reversed(list(_AFTER.finditer(text))):
        drug, after = found.group("drug"), (found.group("next") or "").lower()
        if (not after or after in _PHRASE_ENDS) and is_drug(drug.lower()):
            rest = f" {found.group('next')}" if after else ""
            read = f"{read[: found.start()]}from {drug}{rest}{read[found.end() :]}"
    return read if read != text else None


# The cause said in general beside the drug that is it: "drug induced lupus from hydralazine".
_GENERAL_CAUSE = re.compile(
    r"\b(?:drug|drugs|medication|medicine|med|meds)[- ](?:induced|related|associated)\b\s*", re.IGNORECASE
)
_NAMED_LINK = re.compile(
    r"\b(?:from|due\s+to|caused\s+by|secondary\s+to)\s+(?P<drug>[a-z][a-z0-9-]{3,})", re.IGNORECASE
)


def may_read_named_cause(text: str) -> bool:
    lowered = text.lower()
    return "induced" in lowered or "related" in lowered or "associated" in lowered


def read_named_cause(text: str, is_drug: Callable[[str], bool]) -> str | None:
    """The query without its general "drug induced" when it names the drug as the cause too ("drug induced
    scleroderma from bleomycin" -> "scleroderma from bleomycin"): the drug's own Table line and the
    condition's drug-induced line read the named drug; the general words would read the Table's "Drug NEC"."""
    if not _GENERAL_CAUSE.search(text):
        return None
    if not any(is_drug(m.group("drug").lower()) for m in _NAMED_LINK.finditer(text)):
        return None
    return " ".join(_GENERAL_CAUSE.sub(" ", text).split())
