"""A procedure asked for by name, ahead of the diagnosis said beside it.

"sleeve gastrectomy for morbid obesity", "closed reduction left radius fracture", "below knee amputation left":
the query names a procedure the ICD-10-PCS Index holds as a main term that sends to a root operation
("Gastrectomy -> see Excision", "Reduction, Fracture -> see Reposition", "Amputation -> see Detachment"), and
the diagnosis words are why it was done. A coder codes the procedure: an ICD-10-CM code whose Index path does
not use the procedure word (the obesity, the fracture), or reads it as a status or a complication the query
does not say ("Acquired absence of leg", "Erectile dysfunction following radical prostatectomy"), comes
after the procedure's code - unless the query says it asks about a status, a history or an encounter
("s/p BKA", "history of appendectomy", "screening colonoscopy")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.lookups.codebook import Code
from bot.lookups.index.completion import said_approaches
from bot.lookups.index.words import content_stems, stem

_MAIN_TERM = re.compile(r"PCS Index: ([^,>(]+?)(?:,| ->| \()")
_CODED = re.compile(
    r"([^>]*?) -> [0-9A-HJ-NP-Z]{7}(?:$| )"
)  # "Circumcision -> 0VTTXZZ": a code, no reference
# Words by which a query asks for the ICD-10-CM reading of a procedure word: its status, its history, an
# encounter for it, or a condition after it.
CM_READING = frozenset(
    stem(w)
    for w in (
        "status",
        "s/p",
        "sp",
        "post",
        "history",
        "hx",
        "h/o",
        "absence",
        "absent",
        "acquired",
        "missing",
        "stump",
        "phantom",
        "complication",
        "complicated",
        "following",
        "after",
        "aftercare",
        "encounter",
        "screening",
        "admission",
        "admitted",
        "visit",
        "follow",
        "followup",
        "f/u",
        "presence",
        "dependence",
        "postoperative",
        "postprocedural",
        "pain",
        "infection",
        "failure",
        "failed",
        "loosening",
    )
)
# The root operations whose names are no ordinary words: said in a query, they ask for the procedure.
PROCEDURE_ROOTS = frozenset(
    {
        "excision",
        "resection",
        "repair",
        "extirpation",
        "destruction",
        "occlusion",
        "detachment",
        "reattachment",
        "reposition",
        "fusion",
        "fragmentation",
        "transplantation",
        "supplement",
        "detoxification services",  # section H's own name for the service ("alcohol detox")
    }
)
# The stems of those names' first words: a query saying one asks for a procedure as a procedure main term does.
ROOT_NAME_STEMS = frozenset(stem(name.split()[0]) for name in PROCEDURE_ROOTS)
# Words by which an ICD-10-CM title reads a procedure as what happened before the condition, not as the
# procedure done now.
_STATUS_TITLE = re.compile(r"\b(?:following|status|absence|history|presence|after)\b", re.IGNORECASE)
_NOT_USED = " (not used:"
# The notes by which a query's word was respelled before any path was walked.
_RESPELLED = re.compile(r"(?:word form|spelling): [^;)]*")
# A vocabulary reading of the query noted on a path ("(vocabulary: i&d -> incision drainage)"): the words it puts
# in, and the note itself.
_READ_IN = re.compile(r"vocabulary: ([^;()]*?) (?:->|\u2192) ([^;()]*)")
_VOCABULARY = re.compile(r"\(vocabulary: [^)]*\)")
# How far below the procedure's code the crowding diagnosis goes.
BELOW = 1.0


def procedure_main_term(
    why: str, roots: frozenset[str], query_stems: frozenset[str], nouns: frozenset[str] = frozenset()
) -> str | None:
    """The PCS Index main term a hit's path begins with, when the query says it and it names a procedure (it
    sends to a root operation). `nouns`: the query's head words as typed (and as a vocabulary reading of one
    of them puts them in), lower case: a root operation whose name is an ordinary word is asked for by that
    noun itself."""
    found = _MAIN_TERM.match(why)
    if found is None:
        return None
    term = found.group(1).strip()
    said = content_stems(term)
    if not said or not said <= query_stems:
        return None
    if term.split()[0].lower() in roots:
        # A root operation named by its own name is asked for when the name is no ordinary word ("excision
        # of sebaceous cyst back skin": Excision, Skin, Back), not "control" or "release" - or when the query
        # says the operation's noun itself, as the tables name it ("incision and drainage of ...": Drainage),
        # not a verb's form of it ("on dilated exam", "drained well").
        if " -> see " in why[: found.end()]:
            return None
        return term if term.lower() in PROCEDURE_ROOTS or term.lower() in nouns else None
    # A main term that sends to a root operation ("Reduction, Fracture -> see Reposition"); a root operation's
    # own name is an ordinary word too often ("lost control", "release form").
    sent = re.match(r"([^>]*?) -> see (\w+)", why[found.start(1) :])
    coded = _CODED.match(why[found.start(1) :])
    if coded is not None:
        # A main term whose line prints its own code is a procedure ("Circumcision 0VTTXZZ", "Mediastinoscopy
        # 0WJC4ZZ"): the PCS Index holds nothing else; asked for when every line read to the code is said.
        sent = coded
    elif sent is None or sent.group(2).lower() not in roots:
        return None
    # Every line read before the reference is said ("Buckling, scleral with implant" is no "buckle fracture");
    # a parenthesis is another name for its line ("Vertical (sleeve)").
    for line in sent.group(1).split(","):
        plain, _, other = line.partition("(")
        if not content_stems(plain) <= query_stems and not (other and content_stems(other) <= query_stems):
            return None
    return term


# Approach characters a query's words name that no diagnosis or supply says: Open (0), Percutaneous (3),
# Percutaneous Endoscopic (4), Via Natural or Artificial Opening (7) and its Endoscopic form (8). External (X:
# "external ear", "closed fracture") is left out.
SURGICAL_APPROACHES = frozenset("03478")
OTHER_SYSTEMS = frozenset({"cm", "hcpcs"})


def operation_with_approach(
    scored: Scored, roots: frozenset[str], query_stems: frozenset[str]
) -> float | None:
    """The score of the best PCS answer naming a root operation the query says by its own name, when the query
    also says an approach ("percutaneous drainage of ... with drainage device", "open supplement of ... with
    autologous tissue"): a query worded as the PCS tables word a procedure asks for the procedure, not the
    device's status (Z98.2) or a supply named by the device's words (J7330). None when it does not apply."""
    said_roots = {r for r in roots if " " not in r and stem(r) in query_stems}
    if not said_roots or not said_approaches(query_stems) & SURGICAL_APPROACHES:
        return None
    best: float | None = None
    for (system, _), (score, _why, code, title) in scored.items():
        if system != "pcs":
            continue
        shown = (code.title if code is not None else title).lower()
        if shown.split(" ")[0] in said_roots and (best is None or score > best):
            best = score
    return best


def device_value_names(code: str, title: str, word: str) -> bool:
    """Whether a Medical and Surgical PCS code's device value (its title after "with") holds a word ("autologous"
    in "... with Autologous Tissue Substitute"): the word says the device, not a drug."""
    if len(code) != 7 or code[0] != "0" or code[5] == "Z" or " with " not in title:
        return False
    return word.lower() in title.lower().split(" with ", 1)[1]


# Words by which a line reads the procedure asked for, not only its site.
_PROCEDURE_EVIDENCE = frozenset(
    stem(w) for w in ("biopsy", "biopsies", "stent", "drain", "placement", "insertion")
)


_INSERTION = frozenset({stem("insertion")})
_PLACED = frozenset(stem(w) for w in ("placement", "placed", "inserted", "insert", "insertion", "put"))


def unsaid_main_term(why: str, term: str, query_stems: frozenset[str]) -> bool:
    """Whether a PCS answer's path begins with a main term the query does not say ("Replacement, knee, Partial
    or total" for "partial meniscectomy left knee") and leaves unused the procedure main term it does say: the
    coder turns to the procedure word's own line, never to a line met by its site and subterm alone."""
    found = _MAIN_TERM.match(why)
    if found is None or content_stems(found.group(1)) <= query_stems:
        return False
    if content_stems(found.group(1)) & _INSERTION and query_stems & _PLACED:
        return False  # "nephrostomy placement": a placement is the Insertion line's own word
    path = content_stems(why.split(_NOT_USED, 1)[0])
    # (a line reading another procedure word of the query - "biopsy": Excision, Diagnostic - is no such line)
    return not content_stems(term) <= path and not path & query_stems & _PROCEDURE_EVIDENCE


def _put_in(why: str, typed: frozenset[str]) -> frozenset[str]:
    """The words a vocabulary reading the answer shows put in for typed words (`typed`: "i&d -> incision
    drainage")."""
    return frozenset(
        w
        for source, read in _READ_IN.findall(why.lower())
        if source.strip() in typed
        for w in re.findall(r"[a-z]+", read)
    )


# The prepositions after which a query tells where, when or on what its head was found ("esophagitis on EGD",
# "fx around R THA", "notable for clubbing"): grammar, not a list of procedures.
PREPOSITIONS = frozenset(
    {"of", "on", "in", "at", "for", "from", "to", "with", "without", "around", "after", "during", "by", "via"}
)
_TYPED = re.compile(r"[a-z0-9][a-z0-9&/'-]*|[,;:]")
CLAUSE_ENDS = frozenset({",", ";", ":"})


def head_words(query: str) -> frozenset[str]:
    """The query's words as typed (lower case) before its first preposition or clause break: the head a coder
    reads for what was done ("incision and drainage of ...": incision, and, drainage; "acute OM L ear, TM
    ruptured, drainage": the otitis, the drainage a finding told after it)."""
    head: list[str] = []
    for word in _TYPED.findall(query.lower()):
        if word in PREPOSITIONS or word in CLAUSE_ENDS:
            break
        head.append(word)
    return frozenset(head)


def stems_of(words: Iterable[str]) -> frozenset[str]:
    return frozenset(stem(w) for w in words)


def asks_cm_reading(query_stems: Iterable[str]) -> bool:
    return any(s in CM_READING for s in query_stems)


def crowds_procedure(
    why: str, title: str, term: str, query_stems: frozenset[str], operation: bool = False
) -> bool:
    """A diagnosis that leaves the procedure word unused, or reads it as a status or a condition after it.
    `operation`: the term is a root operation's own name ("Drainage")."""
    if title.startswith("Encounter for"):
        return False  # "vasectomy for sterilization": the reason for the whole encounter
    if _STATUS_TITLE.search(title) and not (content_stems(title) & CM_READING & query_stems):
        return True
    path = why.split(_NOT_USED, 1)[0]  # a word the vocabulary read ("buckle -> torus") is used
    # ... but not one only respelled for the whole query ("word form: cauterizing -> cauterization"): the note
    # says how the query's word was read, not that this path reads it.
    path = _RESPELLED.sub("", path)
    # ... nor, when the term is a root operation's own name, one the vocabulary read for the whole query as
    # that name, which no diagnosis path prints ("i&d -> incision drainage" beside "Abscess, by site, thigh");
    # a main term's own reading ("egd -> esophagogastroduodenoscopy" for "esophagitis on EGD") stays
    if operation:
        term_stems = content_stems(term)
        path = _VOCABULARY.sub(
            lambda note: "" if content_stems(note.group(0)) & term_stems else note.group(0), path
        )
    return not content_stems(term) <= content_stems(f"{path} {title}")


Scored = dict[tuple[str, str], tuple[float, str, Code | None, str]]


def procedure_first(
    scored: Scored, roots: frozenset[str], query_stems: frozenset[str], nouns: frozenset[str] = frozenset()
) -> None:
    """Moves each ICD-10-CM answer crowding out a procedure the query names just below that procedure's best
    code (in place). `nouns`: the query's head words as typed, lower case (procedure_main_term): those before
    its first preposition, the rest telling where or when ("esophagitis on EGD", "fx around R THA")."""
    if asks_cm_reading(query_stems):
        return
    best: tuple[float, str, str] | None = None
    for (system, _), (score, why, code, title) in scored.items():
        if system != "pcs":
            continue
        put_in = _put_in(why, nouns)
        term = procedure_main_term(why, roots, query_stems | stems_of(put_in), nouns | put_in)
        if term is not None and (term.lower() in PROCEDURE_ROOTS or term.split()[0].lower() in roots):
            # The operation named by its own name: its code must name what the query operates on too ("Repair
            # Vulva" for "repair of laceration left forearm skin" is another procedure).
            shown = code.title if code is not None else title
            if not (content_stems(shown) - content_stems(term)) & query_stems:
                continue
        if term is not None and (best is None or score > best[0]):
            best = (score, term, code.code[2:3] if code is not None else "")
    if best is None:
        operated = operation_with_approach(scored, roots, query_stems)
        if operated is not None:
            # "open replacement of esophagus with autologous tissue": a root operation and an approach said.
            top = operated
            for key, (score, why, code, title) in list(scored.items()):
                if key[0] in OTHER_SYSTEMS and score >= top:
                    scored[key] = (top - BELOW, why, code, title)
        return
    top, term, _ = best
    for key, (score, why, code, title) in list(scored.items()):
        if (
            key[0] == "pcs"
            and score >= top
            and code is not None
            and code.code[2:3] != best[2]
            and unsaid_main_term(why, term, query_stems)
        ):
            # "partial medial meniscectomy left knee": "Replacement, knee, Partial or total" reached by its
            # site and subterm, its main term unsaid, is another procedure than the Meniscectomy the query names.
            scored[key] = (top - BELOW, why, code, title)
            continue
        if key[0] != "cm" or score < top:
            continue
        shown = code.title if code is not None else title
        if crowds_procedure(why, shown, term, query_stems, term.split()[0].lower() in roots):
            scored[key] = (top - BELOW, why, code, title)
