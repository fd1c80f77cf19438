"""The body part a procedure word names, read from the PCS tables' own body-part names.

A procedure word is a combining form and an operation suffix ("urethr" + "oplasty", "scapul" + "ectomy",
"hemi" + "colectomy"). The vocabulary's "root" terms name the Greek and Latin forms whose body part is
worded otherwise ("nephr" -> kidney, "gastr" -> stomach); a form that is the start of a body part's own
name in the PCS tables ("urethr" -> Urethra, "vagin" -> Vagina, "epididym" -> Epididymis, "mandibul" ->
Mandible) needs no list: the word of the tables' body-part values (the fourth character's meanings) that
the form begins is the body part.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence

from bot.lookups import derived
from bot.lookups.index.pcs_form_nouns import (
    JOINING_VOWEL,
    inner_procedure,
    noun_body_part,
    one_word_see_operations,
    x_noun,
)
from bot.lookups.index.store import BOOKS, SPAN
from bot.lookups.index.vocabulary import ADJECTIVE_SUFFIX, PROCEDURE_SUFFIX
from bot.lookups.index.words import content_stems, stem
from bot.lookups.wordnet import reader

SHORTEST_FORM = 4  # "uvul" (Uvula), "thym" (Thymus), "test" (Testis); "cec" is too short to tell
SURE = 5  # letters shared that tell a body part (a form of four letters shares them all: "uvul")
SLACK = 2  # letters of the form past the shared start: "mandibul" / "Mandible", "stapedi" / "Stapes"
HALF = "hemi"  # "hemicolectomy", "hemilaminectomy": part of the same body part
_FIRST_WORD = re.compile(r"[a-z]+")
SIDE_WORDS = frozenset({"right", "left", "bilateral"})
PREPOSITIONS = frozenset({"to", "of", "for", "in", "on", "from", "with"})
# A key line whose value is one of these names a device, not a body part (pcs_body_part_key.DEVICE_VALUES).
KEY_DEVICE_VALUES = frozenset(
    stem(w) for w in ("device", "substitute", "lead", "electrode", "element", "generator")
)


def _part_words(conn: sqlite3.Connection, memo: dict[object, object]) -> tuple[str, ...]:
    found = memo.get("pcs body part words")
    if not isinstance(found, tuple):
        words: set[str] = set()
        for (meaning,) in conn.execute("SELECT DISTINCT meaning FROM pcs_axes WHERE position = 4"):
            words.update(w for w in str(meaning).lower().replace(",", " ").split() if w.isalpha())
        found = tuple(sorted(words))
        memo["pcs body part words"] = found
    return found


def shared_prefix(a: str, b: str) -> int:
    """How many first letters two words share."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def combining_form(word: str) -> str:
    """The form before the operation suffix, "hemi" aside ("hemicolectomy" -> "col"); "" for no
    procedure word."""
    form = PROCEDURE_SUFFIX.sub("", word)
    if form == word:
        return ""
    return form[len(HALF) :] if form.startswith(HALF) and len(form) > len(HALF) + 2 else form


def derived_body_part(conn: sqlite3.Connection, word: str, memo: dict[object, object]) -> str:
    """The PCS body-part word a procedure word's combining form begins ("urethroplasty" -> "urethra"), the
    one sharing most of the form (the shortest between equals); "" when none does."""
    form = combining_form(word)
    if len(form) < SHORTEST_FORM:
        return ""
    nominative = x_noun(form)
    if nominative and nominative in _part_words(conn, memo):
        return nominative  # "coccygectomy": the Coccyx, not the "Coccygeal" glomus or joint
    best: tuple[tuple[int, bool, int], str] | None = None
    for part in _part_words(conn, memo):
        if part[:SHORTEST_FORM] != form[:SHORTEST_FORM]:
            continue
        shared = shared_prefix(form, part)
        if shared >= max(min(len(form), SURE), len(form) - SLACK):
            # Between equals the noun ("Peritoneum" before "Peritoneal"), then the shortest.
            key = (shared, not ADJECTIVE_SUFFIX.search(part), -len(part))
            if best is None or key > best[0]:
                best = (key, part)
    if best is not None:
        return best[1]
    return keyed_body_part(conn, form, memo)


def _key_heads(conn: sqlite3.Connection, memo: dict[object, object]) -> dict[str, str]:
    """The one-word names of the Body Part Key ("Stapes - use Auditory Ossicle, Right / Left") and the last
    word of the body part value each is coded to ("ossicle"); a Device Key line names no body part."""
    cached = memo.get("pcs key heads")
    if isinstance(cached, dict):
        return cached
    found: dict[str, str] = {}
    # A name's last word ("Bony labyrinth": labyrinth) when no one-word name says it and it names one value.
    heads: dict[str, set[str]] = {}
    low = (BOOKS.index("pcs") + 1) * SPAN  # the PCS Index's node ids (store.global_id)
    for term, reference in conn.execute(
        "SELECT n.term, r.reference FROM index_nodes n JOIN index_refs r ON r.node = n.id AND r.kind = 'use' "
        "WHERE n.parent = 0 AND n.id > ? AND n.id < ?",
        [low, low + SPAN],
    ):
        name = str(term).split("(")[0].strip().lower()
        value = str(reference).split("=")[0].split(" in ")[0].split(",")[0].split(" | ")[0].strip()
        words = [w for w in re.findall(r"[a-z]+", value.lower()) if w not in SIDE_WORDS]
        if not words or content_stems(value) & KEY_DEVICE_VALUES:
            continue
        if name.isalpha():
            found.setdefault(name, words[-1])
        elif (last := name.split()[-1]).isalpha() and not PREPOSITIONS & set(name.split()):
            # (a name with a preposition is headed by its first noun: "Nerve to the stapedius" is a nerve)
            heads.setdefault(last, set()).add(" ".join(words))  # the whole value: "inner ear"
    parts = frozenset(_part_words(conn, memo))
    values_named = _part_values(conn)
    for last, values in heads.items():
        if len(values) == 1 and last not in parts and values <= values_named:
            found.setdefault(last, next(iter(values)))
    memo["pcs key heads"] = found
    return found


def _part_values(conn: sqlite3.Connection) -> frozenset[str]:
    """The tables' body part values, their sides left out ("inner ear", "lacrimal duct")."""
    return frozenset(
        " ".join(w for w in re.findall(r"[a-z]+", str(meaning).lower()) if w not in SIDE_WORDS)
        for (meaning,) in conn.execute("SELECT DISTINCT meaning FROM pcs_axes WHERE position = 4")
    )


def keyed_body_part(conn: sqlite3.Connection, form: str, memo: dict[object, object]) -> str:
    """The body part a combining form names through a one-word Body Part Key name it begins ("staped" ->
    Stapes -> Auditory Ossicle: "ossicle"); "" when none does."""
    best: tuple[int, str] | None = None
    for name, part in _key_heads(conn, memo).items():
        if name[:SHORTEST_FORM] != form[:SHORTEST_FORM]:
            continue
        shared = shared_prefix(form, name)
        # (a key name is read only by SURE letters shared: "myom-" of a myomectomy is no "Myometrium")
        if shared >= max(SURE, len(form) - SLACK) and (best is None or shared > best[0]):
            best = (shared, part)
    return best[1] if best else ""


APPROACH_WORDS = frozenset({"natural", "opening", "endoscopic", "percutaneous"})  # what a scope word adds


def with_derived_parts(
    conn: sqlite3.Connection,
    words: list[str],
    known: dict[str, list[str]],
    roots: Callable[[str], list[str]],
    memo: dict[object, object],
) -> dict[str, list[str]]:
    """The query's procedure words and what they name (`known`: what the vocabulary's roots name, `roots`
    its reading of one word), each procedure word whose form the roots do not know given the body part its
    form begins in the PCS tables; a "hemi-" word is read without it first ("hemicystectomy": bladder)."""
    out = dict(known)
    for word in words:
        if set(known.get(word, ())) - APPROACH_WORDS:
            continue
        half = roots(word[len(HALF) :]) if word.startswith(HALF) else []
        part = [w for w in half if w not in APPROACH_WORDS] or derived_body_part(conn, word, memo).split()
        if any(part):
            out[word] = [*part, *known.get(word, ())]
    return out


SUFFIX_SHARE = 0.25  # an operation the Index gives this share of a suffix's words is what the suffix does


def suffix_operations(conn: sqlite3.Connection, memo: dict[object, object]) -> dict[str, tuple[str, ...]]:
    """What each operation suffix does, learned from the PCS Index's own one-word main terms: the root
    operations their "see" references name most ("-pexy": Repair, Reposition; "-ectomy": Excision,
    Resection; "-otomy": Drainage, Division)."""
    found = memo.get("pcs suffix operations")
    if isinstance(found, dict):
        return found
    counts: dict[str, dict[str, int]] = {}
    for term, operation in one_word_see_operations(conn):
        found_suffix = PROCEDURE_SUFFIX.search(term)
        if found_suffix is None or " " in operation:
            continue
        for suffix in _suffixes(term, found_suffix.group(0)):
            tally = counts.setdefault(suffix, {})
            tally[operation] = tally.get(operation, 0) + 1
    operations: dict[str, tuple[str, ...]] = {}
    for suffix, tally in counts.items():
        total = sum(tally.values())
        operations[suffix] = tuple(
            op.lower() for op, n in sorted(tally.items(), key=lambda t: -t[1]) if n >= SUFFIX_SHARE * total
        )
    memo["pcs suffix operations"] = operations
    return operations


STONE = "lith"  # "-lithotomy", "-lithectomy": the stone cut out (Extirpation), not the organ opened


def _suffixes(word: str, suffix: str) -> tuple[str, ...]:
    """The suffix, and the stone's suffix before it when the word has one ("nephrolithotomy": otomy,
    lithotomy)."""
    stone = word[: -len(suffix)].endswith(STONE)
    return (suffix, STONE + suffix) if stone else (suffix,)


def operations_of(conn: sqlite3.Connection, word: str, memo: dict[object, object]) -> tuple[str, ...]:
    """The root operations a procedure word's suffix does ("vaginopexy": repair, reposition;
    "pyelolithotomy": extirpation, as the Index's own "-lithotomy" words)."""
    suffix = PROCEDURE_SUFFIX.search(word)
    if not suffix:
        return ()
    learned = suffix_operations(conn, memo)
    for each in reversed(_suffixes(word, suffix.group(0))):
        if each in learned:
            return learned[each]
    return ()


def _main_terms(conn: sqlite3.Connection, memo: dict[object, object]) -> frozenset[str]:
    found = memo.get("pcs one-word main terms")
    if not isinstance(found, frozenset):
        found = derived.stored_or_built(
            conn, PCS_FIRST_WORDS, derived.decode_words, lambda: build_first_words(conn)
        )
        memo["pcs one-word main terms"] = found
    return found


def pcs_main_first_words(conn: sqlite3.Connection, memo: dict[object, object]) -> frozenset[str]:
    """The first word of each PCS Index main term, lower case ("removal", "cholecystectomy")."""
    return _main_terms(conn, memo)


PCS_FIRST_WORDS = "pcs_first_words"  # stored by the data build (bot.lookups.derived)


def build_first_words(conn: sqlite3.Connection) -> frozenset[str]:
    """The first word of each PCS Index main term ("Esophagogastroduodenoscopy (EGD)", "Meniscectomy, knee")."""
    return frozenset(
        first.group(0)
        for (t,) in conn.execute("SELECT term FROM index_nodes WHERE book = 'pcs' AND depth = 0")
        if (first := _FIRST_WORD.match(str(t).lower())) is not None
    )


def read_procedure_words(
    conn: sqlite3.Connection,
    words: list[str],
    roots: Callable[[str], list[str]],
    memo: dict[object, object],
) -> tuple[list[str], dict[str, list[str]], dict[str, str]]:
    """A procedure word the PCS Index does not hold ("vaginopexy", "patelloplasty") read as a coder reads
    it: its suffix's root operations (the word's own alternatives) and its body part (a word of its own
    after it); the words, the alternatives of the words read, and the note of each word read by its parts
    (`form_note`). Words the Index holds stay as they are.

    The note is taken as soon as the word is read: the memo is bounded (bot.lookups.index.tree.Memo), so a
    word's entry may be dropped while the next words are read, and the answer's reason would lose it."""
    out: list[str] = []
    read: dict[str, list[str]] = {}
    notes: dict[str, str] = {}
    for word in words:
        out.append(word)
        found = procedure_reading(conn, word, roots, memo)
        if found is not None:
            operations, parts = found
            read[word] = list(operations)
            out += [p for p in parts if p not in out]
            if note := form_note(word, memo):
                notes[word] = note
    return out, read, notes


def procedure_reading(
    conn: sqlite3.Connection, word: str, roots: Callable[[str], list[str]], memo: dict[object, object]
) -> tuple[tuple[str, ...], list[str]] | None:
    """The root operations and body part words of a procedure word the PCS Index does not hold
    ("scapuloplasty": repair..., scapula), or None when it is no such word or its parts cannot be read."""
    if word in _main_terms(conn, memo) or not PROCEDURE_SUFFIX.search(word):
        return None
    operations = operations_of(conn, word, memo)
    named = with_derived_parts(conn, [word], {word: roots(word)}, roots, memo).get(word, [])
    parts = [w for w in named if w not in APPROACH_WORDS]
    if operations and parts:
        return operations, parts
    return _form_reading(conn, word, roots, memo)


FORM_READING = "pcs form reading"  # memo key: a word's form reading and the note telling it


def _form_reading(
    conn: sqlite3.Connection, word: str, roots: Callable[[str], list[str]], memo: dict[object, object]
) -> tuple[tuple[str, ...], list[str]] | None:
    """A procedure word read by its parts (bot.lookups.index.pcs_form_nouns): an inner word the Index holds
    ("pyloro" + "myotomy": Division; its form read as a one-form word, "pylorotomy": pylorus), or a form that is
    the stem of an anatomical noun WordNet names ("dacryocysto-": lacrimal sac -> Lacrimal Duct)."""
    key = (FORM_READING, word)
    cached = memo.get(key)
    if isinstance(cached, tuple):
        return cached[0]
    found, note = _read_forms(conn, word, roots, memo)
    memo[key] = (found, note)
    return found


def _read_forms(
    conn: sqlite3.Connection, word: str, roots: Callable[[str], list[str]], memo: dict[object, object]
) -> tuple[tuple[tuple[str, ...], list[str]] | None, str]:
    inner = inner_procedure(conn, word, memo)
    told = ""
    if inner is not None:
        form, operations = inner
        suffix = PROCEDURE_SUFFIX.search(word)
        alone = form.removesuffix(JOINING_VOWEL) + (suffix.group(0) if suffix else "")
        named = with_derived_parts(conn, [alone], {alone: roots(alone)}, roots, memo).get(alone, [])
        parts = [w for w in named if w not in APPROACH_WORDS]
        told = f"{form}- + {word[len(form) :].capitalize()}"
    else:
        form, operations = combining_form(word), operations_of(conn, word, memo)
        parts = []
    if not operations or len(form) < SHORTEST_FORM:
        return None, ""
    if not parts:
        parts, noun = noun_body_part(conn, reader(conn), form, _part_words(conn, memo))
        told = f"{told}; " if told else ""
        told += f"{noun} -> {' '.join(parts)}" if noun else ""
    if not parts:
        return None, ""
    return (operations, parts), f"{word} -> {told or ' '.join(parts)}"


def form_note(word: str, memo: dict[object, object]) -> str:
    """How a procedure word was read by its parts, for an answer's reason ("pyloromyotomy -> pyloro- +
    Myotomy"; "dacryocystorhinostomy -> lacrimal sac -> lacrimal duct"); "" for a word not so read."""
    cached = memo.get((FORM_READING, word))
    return cached[1] if isinstance(cached, tuple) and cached[0] is not None else ""


def reads_procedure_word(
    conn: sqlite3.Connection,
    word: str,
    corrections: Sequence[str],
    roots: Callable[[str], list[str]],
    memo: dict[object, object],
) -> bool:
    """Whether a word no title prints is a procedure word read from its parts ("mammolysis": Release,
    breast; "sclerorrhaphy": Repair, sclera), which a coder reads so rather than as a misspelling of the
    nearest word ("mammoplasia", "splenorrhaphy"); a near PCS Index main term is the typo's word
    ("histerectomy": Hysterectomy). Cheap for any other word (no operation suffix)."""
    if not PROCEDURE_SUFFIX.search(word) or _main_terms(conn, memo) & frozenset(corrections):
        return False
    return procedure_reading(conn, word, roots, memo) is not None


def roots_or_nouns(
    conn: sqlite3.Connection, roots: Callable[[str], list[str]], memo: dict[object, object]
) -> Callable[[str], list[str]]:
    """The vocabulary's reading of a one-form procedure word, or else the body part of the anatomical noun
    its form is the stem of ("dacryocystostomy": lacrimal sac -> lacrimal, duct; bot.lookups.index.
    pcs_form_nouns), for reading the forms of an anastomosis word."""

    def read(word: str) -> list[str]:
        found = roots(word)
        if found:
            return found
        form = combining_form(word)
        if len(form) < SHORTEST_FORM:
            return []
        return noun_body_part(conn, reader(conn), form, _part_words(conn, memo))[0]

    return read
