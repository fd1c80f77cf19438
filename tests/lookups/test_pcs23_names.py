"""Procedures named the way surgeons name them (round 21, pcs23): a procedure word read from its combining
form and suffix is not taken for a misspelling of the nearest word; ..."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_roots import reads_procedure_word
from bot.lookups.index.vocabulary import Vocabulary
from bot.lookups.search import find_codes


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query, limit=5)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("open right mammolysis", "0HNT0ZZ"),  # not "mammoplasia"
        ("left sclerorrhaphy", "08Q7XZZ"),  # not "splenorrhaphy"
        ("open vulvolysis", "0UNM0ZZ"),  # not "vulvodynia"
    ],
)
def test_a_procedure_word_read_from_its_parts_is_no_typo(codebook: CodeBook, query: str, code: str) -> None:
    assert _first(codebook, query) == code


def test_a_typo_one_letter_off_an_index_procedure_word_is_that_word(codebook: CodeBook) -> None:
    conn, roots = codebook.db.conn, Vocabulary.shipped().body_part
    assert not reads_procedure_word(conn, "cholecistectomy", ("cholecystectomy",), roots, {})
    assert reads_procedure_word(conn, "cholecistectomy", (), roots, {})
    assert not reads_procedure_word(conn, "mammoplasia", (), roots, {})  # no operation suffix


@pytest.mark.parametrize(
    ("query", "code"),
    [
        (
            "percutaneous right partial iridectomy",
            "08BC3ZZ",
        ),  # Iridectomy see Excision, Eye: irid- is the Iris
        ("left total iridectomy, percutaneous", "08TD3ZZ"),
    ],
)
def test_a_procedure_word_names_its_body_part_in_the_table_the_index_gives(
    codebook: CodeBook, query: str, code: str
) -> None:
    assert _first(codebook, query) == code


def test_a_key_term_said_half_by_the_procedure_word_keeps_the_side(codebook: CodeBook) -> None:
    # "Olecranon bursa - use Elbow Bursa and Ligament, Right / Left": the side is the query's.
    codes = [h.code for h in find_codes(codebook, "left olecranon bursectomy", limit=2)]
    assert codes and all(c[:2] == "0M" and c[3] == "4" for c in codes)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("right oophoropexy, open", "0US00ZZ"),  # -pexy: Reposition, of the Index's Repair | Reposition
        ("open left nephropexy", "0TS10ZZ"),
        (
            "open right pyelolithotomy",
            "0TC30ZZ",
        ),  # -lithotomy: Extirpation, as the Index's own -lithotomy words
        ("flexor tenolysis left hand", "0LN80ZZ"),  # a tendon release with no approach said is open
    ],
)
def test_the_suffix_names_the_root_operation(codebook: CodeBook, query: str, code: str) -> None:
    assert _first(codebook, query) == code


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # a word read as a root operation (Aspiration: Drainage) lets the Body Part Key read the site
        ("aspiration of right prepatellar bursa", "0M9N3ZZ"),
        # a Key name's last word ("Bony labyrinth - use Inner Ear") is a combining form's body part
        ("right labyrinthectomy", "09TD0ZZ"),
    ],
)
def test_the_site_of_a_procedure_is_read_through_the_body_part_key(
    codebook: CodeBook, query: str, code: str
) -> None:
    assert _first(codebook, query) == code


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # a biopsy is an Excision for study (guideline B3.4a) of the site said, the Diagnostic qualifier
        ("open left inguinal lymph node biopsy", "07BJ0ZX"),
        ("liver biopsy percutaneous", "0FB03ZX"),
        # a toe's tendon is the Foot Tendon where the table names no toe
        ("percutaneous flexor tenotomy left second toe", "0L8W3ZZ"),
    ],
)
def test_a_biopsy_and_a_digit_name_the_table_values(codebook: CodeBook, query: str, code: str) -> None:
    assert _first(codebook, query) == code


def test_a_nerve_decompression_is_its_release(codebook: CodeBook) -> None:
    assert _first(codebook, "left peroneal nerve decompression at the fibular head") == "01NH0ZZ"
    # beside a procedure word the Index holds, that word's own lines say what was done
    assert not _first(codebook, "lumbar laminectomy L4 decompression").startswith("0QN")


def test_a_word_read_from_its_parts_is_recognised(codebook: CodeBook) -> None:
    # "perineorrhaphy" (Repair, perineum) is no unknown word: the lookup answers it
    hits = find_codes(codebook, "perineorrhaphy", limit=3)
    assert hits and hits[0].code[2] == "Q"
    # a Key name with a preposition is headed by its first noun ("Nerve to the stapedius" is a nerve)
    assert _first(codebook, "left stapedectomy") in {"09TA0ZZ", "09BA0ZZ"}
