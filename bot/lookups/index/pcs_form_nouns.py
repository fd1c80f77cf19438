"""A procedure word's parts read as a coder reads them: an inner procedure word the PCS Index holds, and a
combining form that is the stem of an anatomical noun.

Two word-formation steps the suffix-and-form reading (bot.lookups.index.pcs_roots) leaves out:

- A procedure word may end in another procedure word the ICD-10-PCS Index holds as a main term: "pyloro" +
  "myotomy" (the muscle of the pylorus cut). The inner word's own "see" lines name the root operation ("Myotomy
  - see Division, Muscles"), the form before it the body part operated on ("pylor" -> Stomach, Pylorus), as the
  Index's own "Pyloroplasty - see Repair, Stomach, Pylorus" reads it.
- A combining form is the stem of a Greek or Latin noun ("dacryocyst-" of dacryocyst, "pylor-" of pylorus,
  "coccyg-" of coccyx): WordNet files the noun among the body's parts (noun.body) with its English names
  ("lacrimal sac, tear sac, dacryocyst"), and the PCS Body Part Key codes such a name to a body part value
  ("Lacrimal sac - use Lacrimal Duct, Right / Left"), or the name is a body part word of the PCS tables itself
  ("Stomach, Pylorus"). Both are read only for a word the suffix-and-form reading leaves unread; a stem in -g-
  or -c- whose noun in -x is a body part word of the tables is read as that noun there too ("coccygectomy":
  Coccyx, not the "Coccygeal" glomus). The only lists are grammar: the nominative endings a stem takes (-us,
  -um, -a, -is, -on, -e; -x for a stem in -g- or -c-: coccyx, coccyg-; thorax, thorac-) and the joining vowel
  "o".
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator

from bot.lookups.index.store import pcs_use_values
from bot.lookups.index.vocabulary import PROCEDURE_SUFFIX
from bot.lookups.index.words import content_stems, stem
from bot.lookups.wordnet import WordNet

BODY = "noun.body"
JOINING_VOWEL = "o"
NOMINATIVE_ENDINGS = ("", "us", "um", "a", "is", "on", "e")
# A stem in -g- or -c- is of a noun in -x ("coccyg-" coccyx, "laryng-" larynx, "thorac-" thorax).
X_STEMS = ("g", "c")
SHORTEST_FORM = 4  # letters of a form read alone ("pylor"); shorter ones ("my", "cyst") need their context
SHORTEST_INNER = 6  # letters of an inner main term ("myotomy"): a bare suffix ("otomy") is no word
SIDES = frozenset({"right", "left", "bilateral"})
DEVICE_VALUES = frozenset(stem(w) for w in ("device", "substitute", "lead", "electrode", "generator"))
_PARENTHESIZED = re.compile(r"\([^)]*\)")


def one_word_see_operations(conn: sqlite3.Connection) -> Iterator[tuple[str, str]]:
    """Each one-word PCS Index main term (lower case) with the operation its "see" line names first, as
    printed ("Myotomy" -> "Division")."""
    for term, reference in conn.execute(
        "SELECT n.term, r.reference FROM index_nodes n JOIN index_refs r ON r.node = n.id "
        "WHERE n.book = 'pcs' AND n.depth = 0 AND r.kind = 'see' AND n.term NOT LIKE '% %'"
    ):
        yield str(term).lower(), str(reference).split(",")[0].split("=")[0].strip()


def _one_word_main_terms(conn: sqlite3.Connection, memo: dict[object, object]) -> dict[str, tuple[str, ...]]:
    """The PCS Index's one-word main terms with "see" lines and the root operations they name ("myotomy" ->
    division, drainage)."""
    found = memo.get("pcs one-word see operations")
    if isinstance(found, dict):
        return found
    out: dict[str, dict[str, None]] = {}
    for term, operation in one_word_see_operations(conn):
        if operation and " " not in operation:
            out.setdefault(term, {})[operation.lower()] = None
    found = {term: tuple(ops) for term, ops in out.items()}
    memo["pcs one-word see operations"] = found
    return found


def inner_procedure(
    conn: sqlite3.Connection, word: str, memo: dict[object, object]
) -> tuple[str, tuple[str, ...]] | None:
    """The form before the longest PCS Index main term a procedure word ends in and that term's root
    operations ("pyloromyotomy" -> "pyloro", (division, drainage)); None when the word ends in none after a
    form ending in the joining vowel, or is itself one."""
    terms = _one_word_main_terms(conn, memo)
    if word in terms or not PROCEDURE_SUFFIX.search(word):
        return None
    for cut in range(SHORTEST_FORM, len(word) - SHORTEST_INNER + 1):
        inner = word[cut:]
        if inner in terms and word[:cut].endswith(JOINING_VOWEL):
            # (a form joins the next by its vowel, "pyloro-"; "trans-" of "transureteroureterostomy" is none)
            return word[:cut], terms[inner]
    return None


def x_noun(form: str) -> str:
    """The noun in -x a stem in -g- or -c- is of ("coccyg" -> coccyx, "laryng" -> larynx); "" for another
    form."""
    base = form.removesuffix(JOINING_VOWEL)
    return base[:-1] + "x" if len(base) >= SHORTEST_FORM and base.endswith(X_STEMS) else ""


def _nouns(form: str) -> list[str]:
    """The nouns a combining form may be the stem of, the form itself first ("pylor": pylor, pylorus, ...)."""
    base = form[:-1] if form.endswith(JOINING_VOWEL) and len(form) > SHORTEST_FORM else form
    out = [base + ending for ending in NOMINATIVE_ENDINGS]
    if base.endswith(X_STEMS):
        out.append(base[:-1] + "x")
    return out


def _named_part(conn: sqlite3.Connection, name: str, part_words: frozenset[str]) -> list[str]:
    """The body part words an anatomical name is coded to: its Body Part Key value ("lacrimal sac" ->
    lacrimal, duct), or the name's own words when the PCS tables' body part values hold them all."""
    words = name.split()
    for term, value in pcs_use_values(conn, stem(words[0])):
        if " ".join(_PARENTHESIZED.sub(" ", term).lower().split()) != name:
            continue
        if content_stems(value) & DEVICE_VALUES:
            continue
        return [w for w in re.findall(r"[a-z]+", value.lower()) if w not in SIDES]
    if all(w in part_words for w in words):
        return words
    return []


def noun_body_part(
    conn: sqlite3.Connection, wordnet: WordNet, form: str, part_words: Iterable[str]
) -> tuple[list[str], str]:
    """The body part words of the anatomical noun a combining form is the stem of ("dacryocysto" ->
    dacryocyst = lacrimal sac -> Lacrimal Duct; "pylor" -> pylorus), read through WordNet's noun.body senses
    and the Body Part Key; a word of several forms is read by its first forms, longest first
    ("dacryocystorhin": dacryocysto), and the name read; ([], "") when no noun is found."""
    parts = frozenset(part_words)
    starts = [form] + [form[: i + 1] for i in range(len(form) - 2, SHORTEST_FORM - 1, -1) if form[i] == "o"]
    for start in starts:
        for noun in _nouns(start):
            for sense in wordnet.senses(noun)[:2]:
                if sense.kind != BODY:
                    continue
                for name in sense.lemmas:
                    found = _named_part(conn, name, parts)
                    if found:
                        return found, name
    return [], ""
