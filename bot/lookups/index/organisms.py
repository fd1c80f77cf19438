"""The organisms the Tabular names as infectious agents (B95-B96 "... as the cause of diseases classified
elsewhere"): a query naming one that no Index line under its condition names ("sepsis from klebsiella",
"proteus sepsis") is read at the condition's "specified organism NEC" line (Sepsis A41.89), as a coder does.

The Index names an organism by its noun or its adjective as its lines choose ("Endocarditis, streptococcal",
"Pneumonia, in, Streptococcus", "Enteritis, rotaviral"): a query's "streptococcus", "strep" (its vocabulary
reading) or "rotavirus" reads as both (`organism_forms`).

A condition with no line for the organism named may have one for its kind ("Endocarditis, bacterial",
"Diarrhea, due to, virus - see Enteritis, viral", whose "Rotavirus" line names it): a coder reads the kind's
line for a bacterium (the B95-B96 genera, a -coccus) or a virus (the B97 agents, a -virus) (`organism_kind`,
`KIND_STEMS`), and the Tabular's code of its category that names the organism, when one does ("Gastroenteritis,
viral NEC" A08.4 for norovirus: A08.11 "Acute gastroenteropathy due to Norwalk agent", whose inclusion term is
"... due to Norovirus") (`named_in_category`)."""

from __future__ import annotations

import re
import sqlite3

from bot.lookups.index.words import content_stems, stem

ORGANISM_LINE = frozenset({stem("organism"), stem("specified")})
# Capitalized words of an agent title that are not a genus.
_NOT_GENUS = frozenset({"other", "unspecified", "methicillin", "shiga", "stec"})
_CAPITALIZED = re.compile(r"\b([A-Z][a-z]{3,})\b")
_kept: dict[int, frozenset[str]] = {}
_kinds: dict[int, dict[str, str]] = {}
_stems: dict[int, frozenset[str]] = {}
_categories: dict[tuple[int, str], tuple[tuple[str, frozenset[str]], ...]] = {}
CATEGORIES_KEPT = 500  # ICD-10-CM categories whose names are kept (named_in_category)
# Capitalized words of a B97 agent's title that name no virus ("Human", "Respiratory").
GENERIC_AGENT = frozenset(
    {"human", "respiratory", "virus", "viruses", "agent", "agents", "type", "types", "viral"}
)
KIND_STEMS = {
    "bacterial": frozenset(stem(w) for w in ["bacterial", "bacteria", "bacterium"]),
    "viral": frozenset(stem(w) for w in ["viral", "virus"]),
}
# The noun and adjective endings of the organisms' names: -coccus / -cocci / -coccal, -virus / -viral.
ORGANISM_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("coccus", ("coccal", "cocci")),
    ("cocci", ("coccal", "coccus")),
    ("coccal", ("coccus", "cocci")),
    ("virus", ("viral",)),
    ("viruses", ("viral", "virus")),
    ("viral", ("virus",)),
)
MIN_GENUS = 3  # letters before the ending: "rota"virus, "strepto"coccus (not "viral" itself)


def organism_forms(word: str) -> tuple[str, ...]:
    """The other forms of an organism's name ("streptococcus" -> streptococcal, streptococci; "rotavirus" ->
    rotaviral), as the Index may write either; none for other words."""
    for end, others in ORGANISM_ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= MIN_GENUS and word.isalpha():
            return tuple(word[: -len(end)] + other for other in others)
    return ()


def organism_names(conn: sqlite3.Connection) -> frozenset[str]:
    """The genera the B95-B96 agents name (streptococcus, klebsiella, proteus ...), read once per database."""
    found = _kept.get(id(conn))
    if found is None:
        try:
            rows = conn.execute(
                "SELECT title FROM codes WHERE system = 'cm' AND current = 1 AND code >= 'B95' AND code < 'B97' "
                "AND code NOT LIKE '%-%'"
            ).fetchall()
        except sqlite3.Error:
            rows = []
        genera = {
            word.lower()
            for (title,) in rows
            for word in _CAPITALIZED.findall(str(title).split(" as the cause")[0])
        }
        found = _kept[id(conn)] = frozenset(genera - _NOT_GENUS)
    return found


def organism_kinds(conn: sqlite3.Connection) -> dict[str, str]:
    """The stem of each genus or virus the B95-B97 agents name -> its kind ("bacterial", "viral"), read once
    per database."""
    found = _kinds.get(id(conn))
    if found is None:
        try:
            rows = conn.execute(
                "SELECT code, title FROM codes WHERE system = 'cm' AND current = 1 AND code >= 'B95' "
                "AND code < 'B98' AND code NOT LIKE '%-%'"
            ).fetchall()
        except sqlite3.Error:
            rows = []
        found = {}
        for code, title in rows:
            kind = "viral" if str(code).startswith("B97") else "bacterial"
            for word in _CAPITALIZED.findall(str(title).split(" as the cause")[0]):
                if word.lower() not in _NOT_GENUS and word.lower() not in GENERIC_AGENT:
                    found.setdefault(stem(word.lower()), kind)
        _kinds[id(conn)] = found
    return found


def organism_kind(conn: sqlite3.Connection, word_stem: str) -> str:
    """The kind of organism a query's stem names ("bacterial", "viral"), or ""."""
    kind = organism_kinds(conn).get(word_stem)
    if kind:
        return kind
    for end, _ in ORGANISM_ENDINGS:
        if word_stem.endswith(end) and len(word_stem) - len(end) >= MIN_GENUS and word_stem.isalpha():
            return "viral" if "vir" in end else "bacterial"
    return ""


def is_kind_line(term: str, kind: str) -> bool:
    """Whether an Index line names only an organism's kind ("bacterial", "virus", "viral, virus")."""
    said = content_stems(term)
    return bool(said) and said <= KIND_STEMS[kind]


def organism_stems(conn: sqlite3.Connection) -> frozenset[str]:
    """The stems of the B95-B96 genera, as a query's words are matched (made once per database: the walk
    asks at every line it finishes)."""
    found = _stems.get(id(conn))
    if found is None:
        found = _stems[id(conn)] = frozenset(stem(name) for name in organism_names(conn))
    return found


def is_specified_organism_line(term: str) -> bool:
    """Whether an Index line is "specified organism NEC" (Sepsis, Meningitis, Pharyngitis ...)."""
    return content_stems(term) == ORGANISM_LINE


def named_in_category(conn: sqlite3.Connection, code: str, stems: frozenset[str]) -> str:
    """The one billable code of `code`'s category whose title or inclusion terms name the organism (one of
    `stems`), as printed ("A08.11"); "" when none or several do."""
    plain = code.replace(".", "").rstrip("-")
    if len(plain) < 3:
        return ""
    named = {c for c, said in _category_names(conn, plain[:3].upper()) if said & stems}
    if len(named) != 1:
        return ""
    (found,) = named
    return f"{found[:3]}.{found[3:]}" if len(found) > 3 else found


def _category_names(conn: sqlite3.Connection, category: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The billable codes of a category with the stems of their title and of each inclusion term, read once
    per category (a range of the primary key, not a scan of every code) and kept (bounded: CATEGORIES_KEPT)."""
    key = (id(conn), category)
    found = _categories.get(key)
    if found is not None:
        return found
    try:
        rows = conn.execute(
            "SELECT c.code, c.title FROM codes c WHERE c.system = 'cm' AND c.code >= ? AND c.code < ? "
            "AND c.current = 1 AND c.billable = 1 UNION ALL SELECT n.code, n.text FROM notes n JOIN codes c "
            "ON c.system = 'cm' AND c.code = n.code AND c.current = 1 AND c.billable = 1 WHERE n.system = 'cm' "
            "AND n.code >= ? AND n.code < ? AND n.kind = 'inclusion'",
            [category, category + "~", category, category + "~"],
        ).fetchall()
    except sqlite3.Error:
        return ()
    found = tuple((str(c), content_stems(str(text))) for c, text in rows)
    if len(_categories) >= CATEGORIES_KEPT:
        _categories.clear()
    _categories[key] = found
    return found
