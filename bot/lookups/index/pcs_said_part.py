"""The body part the query names, not the one a procedure word or a loose Index line chose.

A PCS code's fourth character is the body part operated on, and ICD-10-PCS takes it from what the record
names (guidelines B4.1a / B2.1): the Index's "see" line after a procedure word gives the root operation and
the organ the word usually means ("Cystectomy - see Resection, Bladder", "Diverticulectomy - see Excision,
Gastrointestinal System"), but "left ovarian cystectomy" is done on the left ovary and "urethral
diverticulectomy" on the urethra; "cystoscopic removal of left ureteral stent" takes the stent out of the
ureter, not the bladder the scope went through; "colposcopy with cervical biopsy" samples the cervix. A coder
keeps the root operation and turns to the table of that operation whose body-part value the query's words
name.

Read from the PCS tables' own body-part values (pcs_axes, position 4) of every Medical and Surgical table of
the same root operation (the third character means the same operation in every section-0 table). A value's
words are said when a query word is the word (its stem) or its adjective (the form the value word begins
and an adjective ending: "ovarian" / Ovary, "urethral" / Urethra, "cervical" / Cervix); the words of a
procedure word or a scope ("cystectomy", "cystoscopic") name the operation and its way in, not the part.
A value is chosen over the reached one when it says more of the query and leaves fewer of its own words
unsaid, the reached value leaves a word unsaid, and no other value of another table ties with it. When the
reached code was a Resection of a body part the query never names (the procedure word's own organ), what
is cut out of the organ named is a portion of it: Excision (guideline B3.8).
"""

from __future__ import annotations

import re
import sqlite3
import sys

from bot.lookups.index.completion import Completion, complete_pcs, said_approaches
from bot.lookups.index.vocabulary import PROCEDURE_SUFFIX
from bot.lookups.index.words import stem
from bot.lookups.wordnet import reader

MEDICAL_SURGICAL = "0"
BYPASS = "1"  # the body part a bypass goes to is its qualifier: a second site is no other body part
RESECTION = "T"
EXCISION = "B"
SIDES = frozenset({"right", "left", "bilateral"})
# Words of a value's name that name no part: joining words.
JOINING = frozenset({"and", "or", "of", "the", "to", "with", "other"})
# the way in, the material, a device or a second part follows ("with tube", "hysterectomy with cervix")
# (and after "for" the reason it is done: "canthotomy for orbital compartment syndrome")
ROUTE_WORDS = frozenset({"through", "thru", "via", "using", "with", "for"})
PREPOSITIONS = frozenset({"of", "in", "on", "to", "from", "at", "into"})
PARTLY = 2  # the words a value's name said in part must say ("left lower lobe": Left Lower Lung Lobe)
SHORTEST = 4  # letters an adjective must share with its noun ("ovar": ovarian / ovary)
SLACK = 1  # the noun's last letter its adjective may change ("ovar-y" / "ovar-ian", "cervi-x" / "cervi-cal")
ENDING = 4  # the most letters an adjective ending takes ("abdom-inal", "lymph-atic")
COMPOUND_ENDING = 2  # the letters a compound's first form drops ("metatars-al" in "metatarsophalangeal")
JOINING_VOWELS = "aeio"  # the vowel joining a compound's forms ("metatars-o-phalangeal")
SCOPE = "scop"  # "cystoscopic", "bronchoscopy": the way in
_WORD = re.compile(r"[a-z]{3,}")  # ("Cul-de-sac": no two-letter word names a part)
ADJECTIVE = re.compile(r"(?:eal|ial|al|ic|ac|ar|ary|an)$")  # the adjective endings of body parts' names
# The natural openings PCS's approach "Via Natural or Artificial Opening" enters by, said as adjectives: right
# before the word of a procedure taking an organ whole they say the way in ("vaginal hysterectomy"), no part.
OPENING = re.compile(r"^(?:trans)?(?:vaginal|oral|nasal|rectal|anal|urethral|aural)$")

Values = tuple[tuple[str, str, frozenset[str]], ...]  # (table, char, the value's words)


def _values(conn: sqlite3.Connection, operation: str, memo: dict[object, object]) -> Values:
    """Every body-part value of the section-0 tables of one root operation, with its words (sides and
    joining words left out)."""
    key = ("pcs said part values", operation)
    found = memo.get(key)
    if not isinstance(found, tuple):
        rows = conn.execute(
            "SELECT tbl, char, meaning FROM pcs_axes WHERE position = 4 AND tbl LIKE ? ORDER BY tbl, char",
            [f"{MEDICAL_SURGICAL}_{operation}"],
        ).fetchall()
        found = tuple((sys.intern(str(t)), str(c), _value_words(str(m))) for t, c, m in rows)
        memo[key] = found
    return found


# A body-part meaning's words, one set for every table printing it: the section-0 tables print 9,842 body-part
# values with 849 meanings ("Liver" in Excision's, Resection's, Drainage's ... tables), and an operation's
# values kept one set each (~200 KB an operation, 3.2 MB over holdout_v16-v17). Bounded by the data's
# meanings; cleared when full (another database's).
_meaning_words: dict[str, frozenset[str]] = {}
MEANINGS_KEPT = 4_096


def _value_words(meaning: str) -> frozenset[str]:
    """A body-part value's words, lower case, sides and joining words left out."""
    found = _meaning_words.get(meaning)
    if found is None:
        found = frozenset(w for w in _WORD.findall(meaning.lower()) if w not in SIDES and w not in JOINING)
        if len(_meaning_words) >= MEANINGS_KEPT:
            _meaning_words.clear()
        _meaning_words[meaning] = found
    return found


def _heads(conn: sqlite3.Connection, memo: dict[object, object]) -> frozenset[str]:
    """The stems of the nouns that end a body-part value's name in any PCS table ("Left Ovary", "Abdomen" of
    the imaging tables): the words that name a part by themselves, not a modifier of one ("Male Perineum",
    "Posterior Tibial Artery")."""
    found = memo.get("pcs said part heads")
    if not isinstance(found, frozenset):
        heads: set[str] = set()
        for (meaning,) in conn.execute("SELECT DISTINCT meaning FROM pcs_axes WHERE position = 4"):
            for part in str(meaning).lower().split(","):
                named = [w for w in _WORD.findall(part) if w not in SIDES and w not in JOINING]
                if named:
                    heads.add(stem(named[-1]))
        found = frozenset(heads)
        memo["pcs said part heads"] = found
    return found


def _names(typed: str, word: str) -> bool:
    """Whether a query word says a value's word: the same word in another number ("ribs" / "rib"), or one is
    the other's adjective - the noun's letters but its last and an adjective ending ("ovarian" / "ovary",
    "urethral" / "urethra", "lymphatic" / "lymph"); "radical" is no "radial", though they stem alike."""
    shared = 0
    for a, b in zip(typed, word, strict=False):
        if a != b:
            break
        shared += 1
    longer, shorter = (typed, word) if len(typed) > len(word) else (word, typed)
    if shared < max(SHORTEST - 1, len(shorter) - SLACK):
        return False
    if stem(typed) == stem(word):
        return True
    return (
        len(longer) > len(shorter)
        and shared >= SHORTEST
        and len(longer) - shared <= ENDING  # ("cervical" is no "cervicothoracic")
        and ADJECTIVE.search(longer) is not None
    )


def _part_words(words: list[str], whole: bool = False) -> list[str]:
    """The query's words that may name a body part: a procedure word or a scope names the operation, and the
    words after "through", "via" or "using" the way in or the material ("pyeloscopy through the ureter",
    "cystoplasty using ileum"), up to the next preposition."""
    out: list[str] = []
    route = False
    lowered = [x.lower() for x in words]
    for i, w in enumerate(lowered):
        if w in ROUTE_WORDS or w in PREPOSITIONS:
            route = w in ROUTE_WORDS
            continue
        if whole and OPENING.match(w) and i + 1 < len(lowered) and PROCEDURE_SUFFIX.search(lowered[i + 1]):
            continue  # the way in to an organ taken whole: "vaginal hysterectomy" (a "urethral
            # diverticulectomy" takes part of the urethra)
        if (
            not route
            and w.isalpha()
            and w not in SIDES
            and SCOPE not in w
            and not PROCEDURE_SUFFIX.search(w)
            and not said_approaches(frozenset({stem(w)}))  # ("percutaneous" is no skin)
        ):
            out.append(w)
    return out


def _form_names(words: list[str], value: frozenset[str]) -> bool:
    """Whether a procedure word's combining form begins a word of the value ("vitrectomy": Vitreous,
    "prostatectomy": Prostate): the word names the part itself, what else is said is where it lies."""
    for w in words:
        form = PROCEDURE_SUFFIX.sub("", w.lower()).rstrip(JOINING_VOWELS)
        if form != w.lower() and len(form) >= SHORTEST and any(v.startswith(form) for v in value):
            return True
    return False


def _pertains(conn: sqlite3.Connection, word: str) -> frozenset[str]:
    """The one-word nouns WordNet says an adjective pertains to, by each sense's first name ("renal" ->
    kidney)."""
    return frozenset(
        sense.lemmas[0]
        for sense in reader(conn).pertains(word)
        if sense.lemmas and " " not in sense.lemmas[0]  # (its first name: "abdominal" is no "stomach")
    )


def _named_by(
    conn: sqlite3.Connection,
    operation: str,
    words: list[str],
    vocabulary: frozenset[str],
    memo: dict[object, object],
) -> dict[str, frozenset[str]]:
    """For each query word, the value words it says: itself, its adjective or noun form, a noun WordNet says
    the adjective pertains to ("costal" -> rib, "brachial" -> arm) or an adjective that pertains to the noun
    said ("femur" -> femoral); `vocabulary` is the words of the root operation's body-part values."""
    key = ("pcs said part pertains", vocabulary)
    adjectives = memo.get(key)
    if not isinstance(adjectives, dict):
        adjectives = {v: _pertains(conn, v) for v in vocabulary if ADJECTIVE.search(v)}
        memo[key] = adjectives
    out: dict[str, frozenset[str]] = {}
    for w in words:
        # (by word, not by the query's words together: a word's reading is the same whatever else is said,
        # so a query met first reads again only the words no query said to this operation before)
        word_key = ("pcs said part word", operation, w)
        found = memo.get(word_key)
        if not isinstance(found, frozenset):
            nouns = _pertains(conn, w)
            found = memo[word_key] = frozenset(
                v
                for v in vocabulary
                if _names(w, v)
                or any(n == v or _names(n, v) for n in nouns)
                or any(n == w or _names(n, w) for n in adjectives.get(v, ()))
            ) | _compound(w, vocabulary)
        out[w] = found
    return out


def _compound(word: str, vocabulary: frozenset[str]) -> frozenset[str]:
    """The two value words a compound joins by a vowel ("metatarsophalangeal": Metatarsal-Phalangeal)."""
    for last in vocabulary:
        head = word[: -len(last)].rstrip(JOINING_VOWELS) if word.endswith(last) else ""
        if len(last) < SHORTEST or len(head) < SHORTEST:
            continue
        first = {v for v in vocabulary if v.startswith(head) and len(v) - len(head) <= COMPOUND_ENDING}
        if first:
            return frozenset({last, *first})
    return frozenset()


def body_part_said(
    conn: sqlite3.Connection,
    done: Completion,
    words: list[str],
    stems: frozenset[str],
    qualifier: str,
    memo: dict[object, object],
    path: frozenset[str] = frozenset(),
) -> Completion | None:
    """The code of the same root operation for the body part the query's words (`words`, as typed) name
    when the code reached (`done`) is of a body part they name less; None when it does not apply. A word the
    Index path's own lines read (`path`: "Fundoplication, gastroesophageal") is the Index's reading of it."""
    code = done.code
    if len(code) != 7 or code[0] != MEDICAL_SURGICAL or code[2] == BYPASS:
        return None
    values = _values(conn, code[2], memo)
    own = next((v for t, c, v in values if t == code[:3] and c == code[3]), None)
    said_words = _part_words(words, whole=code[2] == RESECTION)
    if own is None or not said_words:
        return None
    asked = ("pcs said part words", code[2], tuple(said_words))
    by_word = memo.get(asked)
    if not isinstance(by_word, dict):
        vocabulary = frozenset(w for _, _, v in values for w in v)
        by_word = memo[asked] = _named_by(conn, code[2], said_words, vocabulary, memo)
    named = frozenset(v for found in by_word.values() for v in found)
    own_named = own & named
    if own_named == own or _form_names(words, own):
        return None  # every word of the reached body part is said, or the procedure word names it
    # the query's words the reached body part says, and those it does not
    kept = {w for w, found in by_word.items() if found & own}
    new = {w for w, found in by_word.items() if found and not found & own and stem(w) not in path}
    if not new:
        return None
    heads = _heads(conn, memo)
    own_key = best_key = (2 * len(own_named) - len(own), len(own_named))
    best: list[tuple[str, str]] = []
    for table, char, value in values:
        said = value & named
        if not said or (table == code[:3] and char == code[3]) or len(value - said) > len(own - own_named):
            continue
        if not any(
            by_word[w] & value and (stem(w) in heads or any(stem(v) in heads for v in by_word[w] & value))
            for w in new
        ):
            continue  # it must name a part the reached one does not, by a noun of a part, not a modifier
        if any(not by_word[w] & value for w in kept):
            continue  # a word the reached body part says ("varicose veins ... lower leg") stays said
        if said != value and len(said) < PARTLY:
            continue  # one word of a longer name ("tube" of Fallopian Tube) names no part of its own
        key = (2 * len(said) - len(value), len(said))
        if key > best_key:
            best, best_key = [(table, char)], key
        elif key == best_key and key > own_key:
            best.append((table, char))
    if len({t for t, _ in best}) > 1:
        # a tie between tables: the reached table's body system, which the Index chose, decides
        best = [(t, c) for t, c in best if t == code[:3]]
    if not best:
        return None  # none, or a tie between other tables: the words do not choose
    # the reached body part's words the query does not say are the path's, not the query's
    stems = stems - frozenset(stem(v) for v in own - own_named)
    table = best[0][0]
    chars = {c for _, c in best}
    if len(chars) > 1:
        # "left ovarian": the table's Right / Left / Bilateral values of one part, the side said chooses
        named = frozenset(stem(w) for t, c, v in values if t == table and c in chars for w in v)
        side = complete_pcs(conn, table, stems | named, qualifier, memo)
        if side is None or side.code[3] not in chars:
            return None
        chars = {side.code[3]}
    char = chars.pop()
    value = next(v for t, c, v in values if t == table and c == char)
    told = [w for w in said_words if by_word[w] & (value - own)]
    how = f"the body part said ({', '.join(told)})"
    if code[2] == RESECTION and not own_named and not value & own:
        # "ovarian cystectomy": the procedure word's own organ is not the one operated on; what is cut out
        # of the organ named is a portion of it
        excision = table[:2] + EXCISION
        if any(t == excision and c == char for t, c, _ in _values(conn, EXCISION, memo)):
            table, how = excision, f"{how}; a portion of it: Excision"
    found = complete_pcs(conn, table + char, stems, qualifier, memo)
    if found is None or found.code[:4] != table + char or not found.billable:
        return None
    return Completion(found.code, found.title, found.billable, f"{how} -> {found.how}" if found.how else how)
