"""A contact with, or a family history of, a condition the Index has no line for -> the Z code of the
condition's class, as the Tabular's blocks and chapters name it.

The Index's Contact (with) and History, family lines name classes, not every disease: "Contact, viral
hepatitis" (Z20.5), "Contact, acariasis" (Z20.7), "History, family, disease or disorder, endocrine NEC"
(Z83.49), "History, family, psychiatric disorder" (Z81.8). A coder who reads "partner has hepatitis B" or
"fam hx hypothyroidism" knows the class from where the condition sits in the Tabular: hepatitis B in the
block Viral hepatitis (B15-B19), scabies in Pediculosis, acariasis and other infestations (B85-B89),
hypothyroidism in the chapter Endocrine, nutritional and metabolic diseases (E00-E89), depression in
Mental, behavioral and neurodevelopmental disorders. The Z code whose title (less its lead, "Contact with
and (suspected) exposure to", "Family history of", and "other") names that class, every word of it, is the
answer; the nearest level of the condition's code that some Z title names decides.

A condition filed by its site, not its cause ("strep throat": Streptococcal pharyngitis J02.0, in the chapter
of the respiratory system, which no Contact title names) is a contact with its infectious agent: the word of
its title the Index's main term Infection lists ("Infection, streptococcal NEC" A49.1) is read as that line's
code, filed under its class ("Other bacterial diseases": Contact with other bacterial communicable diseases,
Z20.818) (`agent_class_code`; guideline I.C.21.c.1: a contact code for a patient exposed to a disease).

A screening for a condition the Index's Screening lines do not name is read the same way (guideline
I.C.21.c.5: the screening code says what is looked for): the Z11-Z13 titles name classes too - "Encounter for
screening for infections with a predominantly sexual mode of transmission" is the block A50-A64, "... for
other viral diseases" the viral hepatitis, "... for other nervous system disorders" the chapter G00-G99,
"... for malignant neoplasm of ovary" the category C56. There the words "disorders", "diseases",
"condition", "health" and "site" name no class, and an "unspecified" title is never the answer for a
condition the query names. A category's own words are its every code's ("malignant neoplasm" of Z12,
"infectious and parasitic" of Z11) and name no class of it: the lung's block "Malignant neoplasms of
respiratory and intrathoracic organs" names Z12.2, sepsis's block "Other bacterial diseases" Z11.2. Only a
billable code answers, and two naming the class equally well ("endocrine", "nutritional" and "metabolic" of
the chapter E00-E89) are no answer.
"""

from __future__ import annotations

import re
import sqlite3

from bot.lookups.index.words import content_stems

# The Z categories each reading's codes are in.
TARGETS: dict[str, tuple[str, ...]] = {
    "contact": ("Z20",),
    "family": ("Z80", "Z81", "Z82", "Z83", "Z84"),
    "screening": ("Z11", "Z12", "Z13"),
}
_LEAD = re.compile(
    r"^(?:contact with and \(suspected\) exposure to|family history of|"
    r"encounter for (?:other |nonprocreative )?screening(?: examination)? for)\s+",
    re.IGNORECASE,
)
_RANGE = re.compile(r"\s*\([A-Z]\d[\dA-Z]*-[A-Z]\d[\dA-Z]*\)\s*$")
_GENERIC = frozenset({"other", "and", "unspecifi", "nec", "specifi"})
# The category whose title's class every line of the reading shares ("communicable diseases": the measles is
# an "other viral" one, filed among the infectious diseases, never called communicable by its own titles).
SHARED = {"contact": "Z20"}
# Words a reading's titles add to a class without narrowing it ("screening for cardiovascular disorders").
KIND_GENERIC: dict[str, frozenset[str]] = {
    "screening": frozenset({"disorder", "diseas", "condit", "condition", "health", "site", "suspect"}),
}
# Readings whose "unspecified" titles are no answer for a condition the query names.
NAMED_ONLY = frozenset({"screening"})
SAME_START = 8  # two stems this long starting alike are one word's forms ("meningococcus", "meningococcal")

_MEMO: dict[tuple[str, str], object] = {}


def _class_stems(title: str) -> frozenset[str]:
    return content_stems(_RANGE.sub("", title).lower().replace("-", "")) - _GENERIC


def _candidates(conn: sqlite3.Connection, kind: str) -> tuple[tuple[str, frozenset[str], bool], ...]:
    """The Z codes of a reading's categories: code, the stems of the class its title names, billable."""
    key = (str(id(conn)), kind)
    found = _MEMO.get(key)
    if isinstance(found, tuple):
        return found
    rows: list[tuple[str, frozenset[str], bool]] = []
    shared: frozenset[str] = frozenset()
    if kind in SHARED:
        row = conn.execute(
            "SELECT title FROM codes WHERE system = 'cm' AND code = ?", [SHARED[kind]]
        ).fetchone()
        shared = _class_stems(_LEAD.sub("", str(row[0]))) if row else frozenset()
    for category in TARGETS[kind]:
        own = shared
        if kind in NAMED_ONLY:
            row = conn.execute(
                "SELECT title FROM codes WHERE system = 'cm' AND code = ?", [category]
            ).fetchone()
            own = _class_stems(_LEAD.sub("", str(row[0]))) if row else frozenset()
        for code, title, billable in conn.execute(
            "SELECT code, title, billable FROM codes WHERE system = 'cm' AND current = 1 AND code >= ? AND code < ?",
            [category, category + "\uffff"],
        ):
            if kind in NAMED_ONLY and "unspecified" in str(title).lower():
                continue
            stems = _class_stems(_LEAD.sub("", str(title))) - own - KIND_GENERIC.get(kind, frozenset())
            if (stems or kind in NAMED_ONLY) and _LEAD.match(str(title)):
                rows.append((str(code), stems, bool(billable)))
    result = tuple(rows)
    _MEMO[key] = result
    return result


def _names(cls: frozenset[str], title: frozenset[str]) -> bool:
    """Whether a title says every word of a class, in this or another form of the word."""
    return all(
        s in title or (len(s) >= SAME_START and any(t[:SAME_START] == s[:SAME_START] for t in title))
        for s in cls
    )


def class_code(conn: sqlite3.Connection, kind: str, condition: str) -> str | None:
    """The Z code (storage form) of the reading `kind` ("contact", "family", "screening") for the class the Tabular files
    the condition's code (storage form) under, or None when no level of it is named by a Z title."""
    candidates = _candidates(conn, kind)
    if kind in NAMED_ONLY:
        return _nearest(conn, kind, condition)
    for title in _chain(conn, condition):
        named = [c for c in candidates if _names(c[1], title)]
        if named:
            # the fullest naming of the class; a billable code before its header
            return max(named, key=lambda c: (len(c[1]), c[2], -len(c[0])))[0]
    return None


def _chain(conn: sqlite3.Connection, condition: str) -> list[frozenset[str]]:
    """The class stems of the condition's code and of each level above it, nearest first."""
    chain: list[frozenset[str]] = []
    code = condition
    for _ in range(6):
        row = conn.execute(
            "SELECT title, parent FROM codes WHERE system = 'cm' AND code = ?", [code]
        ).fetchone()
        if row is None:
            break
        chain.append(_class_stems(str(row[0])))
        if not row[1]:
            break
        code = str(row[1])
    return chain


def _nearest(conn: sqlite3.Connection, kind: str, condition: str) -> str | None:
    """The billable Z code naming the condition's class at its nearest level so named, the fullest naming
    there; among the categories whose own words the condition's levels say (a cancer, an infection), when
    one does (a category naming words the condition's levels do not say is closed to it); else that
    category's code of no further words ("other sites"); None when none names it, or
    when two name it equally well."""
    chain = _chain(conn, condition)
    said = frozenset().union(*chain) if chain else frozenset()
    owns = _owns(conn, kind)
    owners = tuple(category for category, own in owns if own and own <= said)
    open_to = owners or tuple(category for category, own in owns if not own)
    candidates = [c for c in _candidates(conn, kind) if c[2] and c[0].startswith(open_to)]
    for title in chain:
        named = [c for c in candidates if c[1] and _names(c[1], title)]
        if named:
            most = max(len(c[1]) for c in named)
            fullest = [c[0] for c in named if len(c[1]) == most]
            return fullest[0] if len(fullest) == 1 else None
    others = [c[0] for c in candidates if not c[1]] if owners else []
    return others[0] if len(others) == 1 else None


def _owns(conn: sqlite3.Connection, kind: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each category of the reading with the class stems its own title names ("malignant neoplasms")."""
    rows = []
    for category in TARGETS[kind]:
        row = conn.execute("SELECT title FROM codes WHERE system = 'cm' AND code = ?", [category]).fetchone()
        own = _class_stems(_LEAD.sub("", str(row[0]))) if row else frozenset()
        rows.append((category, own - KIND_GENERIC.get(kind, frozenset())))
    return tuple(rows)


def in_target(kind: str, code: str) -> bool:
    """Whether a code (storage or display form) is one of the reading's Z codes."""
    return code.replace(".", "").upper().startswith(TARGETS[kind])


INFECTION = "Infection, infected, infective"  # the CM Index main term whose subterms name infectious agents
_AGENT_WORD = re.compile(r"[a-z]+")
MIN_AGENT = 5  # an agent's word this long at least ("viral", "strep..."; not "of", "due")


def agent_class_code(conn: sqlite3.Connection, kind: str, title: str) -> tuple[str, str, str] | None:
    """The Z code of the reading `kind` for the class of the infectious agent a condition's title names: the
    code, the Index line read ("Infection, streptococcal NEC") and its code; None when no word of the title
    is an agent the main term Infection lists with a code, or its class is named by no Z title."""
    main = conn.execute(
        "SELECT id FROM index_nodes WHERE book = 'cm' AND depth = 0 AND term = ? LIMIT 1", [INFECTION]
    ).fetchone()
    if main is None:
        return None
    for word in dict.fromkeys(_AGENT_WORD.findall(title.lower())):
        if len(word) < MIN_AGENT:
            continue
        for term, code in conn.execute(
            "SELECT term, code FROM index_nodes WHERE parent = ? AND code != '' AND lower(term) LIKE ?",
            [int(main[0]), f"{word}%"],
        ):
            head = _AGENT_WORD.findall(str(term).lower())[:1]
            if head != [word] and not (head and content_stems(head[0]) == content_stems(word)):
                continue  # ("streptococcal NEC" for streptococcal; not "streptobacillus" for strep)
            found = class_code(conn, kind, str(code).replace(".", ""))
            if found:
                return found, f"Infection, {term}", str(code)
    return None
