"""A named syndrome told beside its features: "esophageal web with iron deficiency anemia, Plummer-Vinson".

A clinician names a syndrome after the findings it is made of, and a coder who reads the name codes the syndrome:
the findings are integral to it (Guidelines I.B.5: signs and symptoms integral to a condition are not coded
apart). The Alphabetic Index files the eponyms as capitalized subterms of its main terms "Syndrome" and "Disease,
diseased" ("Syndrome, Plummer-Vinson D50.1", "Syndrome, Evans D69.41", "Disease, Sweet's L98.2"), where an
ordinary word is a small letter ("Syndrome, carcinoid"). A query whose answer left such a name unread - the
name written with its capital, as a name is - has the name's line answer first and the answer as typed after it.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

# The Index's main terms whose capitalized subterms are the eponyms.
HEADS = ("Syndrome", "Disease, diseased")
_NAME = re.compile(r"[A-Z][A-Za-z'\u00c0-\u017f]*(?:-[A-Z][A-Za-z'\u00c0-\u017f]*)*")
SHORTEST = 4  # "Down", "Reye": a shorter capitalized word is no name to read
_DENIED = re.compile(
    r"\b(?:not|no|without|denies|negative for|rule out|r/o)\s+(?:[\w'-]+\s+){0,2}$", re.IGNORECASE
)


@dataclass(frozen=True)
class Eponym:
    name: str  # as the query writes it ("Plummer-Vinson")
    term: str  # the Index line ("Syndrome, Plummer-Vinson")
    code: str  # the line's code, as the Index prints it ("D50.1", "M35.0-")


def name_key(text: str) -> str:
    """A name as the Index and a user may both write it: small letters, no accents or possessive ("Sweet's",
    "Sweet": sweet; "Albers-Schönberg": albers-schonberg)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    plain = re.sub(r"'s\b|'", "", plain)
    return " ".join(plain.split())


def load_eponyms(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """The Index's eponyms (name key -> (Index line, code)): the capitalized subterms of "Syndrome" and
    "Disease, diseased" that hold a code; one query, kept by the caller."""
    found: dict[str, tuple[str, str]] = {}
    rows = conn.execute(
        "SELECT n.term, n.code, p.term FROM index_nodes n JOIN index_nodes p ON p.id = n.parent AND p.book = 'cm' "
        f"WHERE n.book = 'cm' AND p.depth = 0 AND p.term IN ({', '.join('?' for _ in HEADS)}) ORDER BY n.id",
        list(HEADS),
    ).fetchall()
    for term, code, head in rows:
        term, code = str(term), str(code or "")
        if code and term[:1].isupper():
            found.setdefault(name_key(term), (f"{str(head).split(',')[0]}, {term}", code))
    return found


def unread_eponym(
    query: str, unread: set[str], eponyms: dict[str, tuple[str, str]], is_word: Callable[[str], bool]
) -> Eponym | None:
    """The first name the query writes with its capital that the answer left unread and the Index files as an
    eponym, or None. A query in capitals throughout says nothing by its capitals, nor does its first word when
    that is an English word ("Still having pain")."""
    if query.upper() == query:
        return None
    left = {name_key(w) for w in unread}
    for match in _NAME.finditer(query):
        name = match.group(0)
        key = name_key(name)
        parts = [p for p in re.split(r"[-\s]", key) if p]
        if len(key) < SHORTEST or not parts or not set(parts) <= left:
            continue
        if not query[: match.start()].strip() and "-" not in key and is_word(key):
            continue
        if _DENIED.search(query[: match.start()]):
            continue  # ("KCS OU, not Sjogren": the name the query denies is no answer)
        line = eponyms.get(key)
        if line is not None:
            return Eponym(name, line[0], line[1])
    return None
