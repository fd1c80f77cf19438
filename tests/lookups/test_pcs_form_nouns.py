"""A procedure word the PCS Index does not hold, read by its parts: an inner word the Index holds ("pyloro" +
"myotomy": Division), a form that is the stem of a WordNet body noun coded through the Body Part Key
("dacryocyst-": lacrimal sac -> Lacrimal Duct), a stem in -g- read as its noun in -x ("coccyg-": Coccyx) -
with a check generated over every one-word PCS Index main term."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_form_nouns import inner_procedure, noun_body_part, x_noun
from bot.lookups.index.pcs_roots import _part_words, combining_form
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes
from bot.lookups.wordnet import reader
from tests.lookups.pcs_index_words import procedure_words_and_parts


def test_an_inner_main_term_gives_the_operation_and_leaves_the_form(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    found = inner_procedure(conn, "pyloromyotomy", {})
    assert found is not None and found[0] == "pyloro" and "division" in found[1]
    # "trans-" joins no form by its vowel: "ureteroureterostomy" is no inner word after it
    found = inner_procedure(conn, "transureteroureterostomy", {})
    assert found is None or found[0] != "trans"
    assert inner_procedure(conn, "myotomy", {}) is None  # the Index's own word


def test_a_form_is_read_as_the_body_noun_it_is_the_stem_of(codebook: CodeBook) -> None:
    conn, memo = codebook.db.conn, dict[object, object]()
    parts = _part_words(conn, memo)
    assert noun_body_part(conn, reader(conn), "dacryocystorhin", parts) == (
        ["lacrimal", "duct"],
        "lacrimal sac",
    )
    assert noun_body_part(conn, reader(conn), "pylor", parts)[0] == ["pylorus"]
    assert noun_body_part(conn, reader(conn), "zzzzz", parts) == ([], "")
    assert x_noun("coccyg") == "coccyx"
    assert x_noun("laryngo") == "larynx"
    assert x_noun("pylor") == ""


def test_procedure_words_read_by_their_parts(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "open pyloromyotomy", limit=5)
    assert hits[0].code == "0D870ZZ", [(h.code, h.why) for h in hits]
    assert "pyloro- + Myotomy" in hits[0].why
    hits = find_codes(codebook, "left dacryocystorhinostomy", limit=5)
    assert hits[0].code == "081Y0Z3", [(h.code, h.why) for h in hits]  # Bypass ... to Nasal Cavity
    assert "lacrimal sac" in hits[0].why
    hits = find_codes(codebook, "open coccygectomy", limit=5)
    assert hits[0].code == "0QTS0ZZ", [(h.code, h.why) for h in hits]  # the Coccyx, no Coccygeal Glomus


def test_generated_forms_read_as_body_nouns_reach_their_tables_body_parts(codebook: CodeBook) -> None:
    """For each one-word PCS Index main term that is a procedure word, whether the body noun its combining
    form is read as is a body part of the tables its references lead to."""
    conn, memo = codebook.db.conn, dict[object, object]()
    parts_named = _part_words(conn, memo)
    right = wrong = 0
    for word, parts in procedure_words_and_parts(conn):
        form = combining_form(word)
        if len(form) < 4:
            continue
        read, _ = noun_body_part(conn, reader(conn), form, parts_named)
        if not read:
            continue
        if any(content_stems(" ".join(read)) & p for p in parts):
            right += 1
        else:
            wrong += 1
    # Measured at the change: 205 right, 39 wrong (thorax for the Chest Wall, pericardium for its cavity).
    assert right >= 180 and right >= 4 * wrong, (right, wrong)
