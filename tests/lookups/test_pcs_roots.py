"""A procedure word's body part and root operation read from the PCS tables and Index themselves: the
combining form that begins a body part's name ("urethr" -> Urethra), the operations the Index gives a
suffix ("-pexy": Repair, Reposition) - with a check generated over every one-word PCS Index main term."""

from __future__ import annotations

import sqlite3

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_roots import (
    APPROACH_WORDS,
    combining_form,
    derived_body_part,
    suffix_operations,
    with_derived_parts,
)
from bot.lookups.index.vocabulary import Vocabulary
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes
from tests.lookups.pcs_index_words import procedure_words_and_parts


def test_the_combining_form_leaves_the_suffix_and_hemi() -> None:
    assert combining_form("urethroplasty") == "urethr"
    assert combining_form("hemilaminectomy") == "lamin"
    assert combining_form("ureter") == ""


def test_a_form_that_begins_a_body_part_name_names_it(codebook: CodeBook) -> None:
    conn, memo = codebook.db.conn, {}
    assert derived_body_part(conn, "urethroplasty", memo) == "urethra"
    assert derived_body_part(conn, "mandibulectomy", memo) == "mandible"
    assert derived_body_part(conn, "uvulectomy", memo) == "uvula"
    assert derived_body_part(conn, "myomectomy", memo) == ""  # a myoma is no body part


def test_the_operations_of_a_suffix_are_learned_from_the_index(codebook: CodeBook) -> None:
    operations = suffix_operations(codebook.db.conn, {})
    assert "reposition" in operations["opexy"]
    assert set(operations["ectomy"]) == {"excision", "resection"}
    assert operations["olysis"] == ("release",)


def _checked(conn: sqlite3.Connection, derived: bool) -> tuple[int, int, int]:
    """For each one-word PCS Index main term that is a procedure word, whether the body part read from the
    word is one of the body parts of the tables its references lead to: (right, wrong, none read)."""
    vocabulary, memo = Vocabulary.shipped(), {}
    right = wrong = none = 0
    for word, parts in procedure_words_and_parts(conn):
        named = vocabulary.body_part(word)
        if derived:
            named = with_derived_parts(conn, [word], {word: named}, vocabulary.body_part, memo)[word]
        read = content_stems(" ".join(w for w in named if w not in APPROACH_WORDS))
        if not read:
            none += 1
        elif any(read & p for p in parts):
            right += 1
        else:
            wrong += 1
    return right, wrong, none


def test_generated_procedure_words_reach_their_tables_body_parts(codebook: CodeBook) -> None:
    roots_only = _checked(codebook.db.conn, derived=False)
    derived = _checked(codebook.db.conn, derived=True)
    # Measured at the change (546 words): roots only 280 right, 26 wrong, 240 none; derived 397, 40, 109.
    assert derived[0] >= roots_only[0] + 100, (roots_only, derived)
    assert derived[0] >= 6 * derived[1], derived


def test_a_procedure_word_the_index_lacks_reads_as_operation_and_body_part(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "right scapuloplasty", limit=5)
    assert hits and hits[0].code.startswith("0PQ5"), [(h.code, h.why) for h in hits]


def test_the_part_a_procedure_word_names_is_the_part_operated_on(codebook: CodeBook) -> None:
    # "vitrectomy" names the Vitreous; "right eye" says where it lies and its side (completion.OPERATED_PART).
    hits = find_codes(codebook, "pars plana vitrectomy right eye")
    assert hits[0].code == "08T43ZZ"
    assert find_codes(codebook, "sigmoid colectomy")[0].code == "0DTN0ZZ"
