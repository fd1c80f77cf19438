"""A condition the words say is over is a personal history (guideline I.C.21.c.4;
bot.lookups.index.over_conditions), a personal history no Index line names takes the Z85-Z87 code of the
class the Tabular files the condition under (bot.lookups.index.history_classes), and a late effect of a
condition that is no injury is the Index's Sequelae (of) line, after the residual named (guideline I.B.10;
bot.lookups.index.sequela_lines). The queries are made up, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.history_classes import personal_history
from bot.lookups.index.over_conditions import read_over
from bot.lookups.index.sequela_lines import Sequela, read_sequela
from bot.lookups.search import find_codes


def _top(codebook: CodeBook, query: str) -> tuple[str, str]:
    hits = find_codes(codebook, query, limit=1)
    return (hits[0].code, hits[0].why) if hits else ("", "")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("had malaria in Ghana years ago, fully recovered", "Z86.13"),  # the place is no word of it
        ("survived lung cancer", "Z85.118"),
        ("treated for thyroid cancer in 2015, no disease now", "Z85.850"),
        ("had shingles last year, resolved", "Z86.19"),  # Tabular Z86.1 "Conditions classifiable to A00-B89"
        ("shingles, resolved", "B02.9"),  # an end said alone may be the episode settling: the condition
        ("treated for pneumonia", "J18.9"),  # no time past, no end: the condition
    ],
)
def test_a_condition_said_over_is_its_history(codebook: CodeBook, query: str, expected: str) -> None:
    code, why = _top(codebook, query)
    assert code == expected, why
    if code.startswith("Z"):
        assert "History, personal" in why


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("history of orchitis", "Z87.438"),  # N45.2 in the block "Diseases of male genital organs"
        ("past history of optic neuritis", "Z86.69"),  # Z86.6 holds H00-H95, no line names the eye
        ("hx of hyperemesis gravidarum, not pregnant", "Z87.59"),
        ("history of pancreatic cancer", "Z85.07"),  # the Index's own History line stays
    ],
)
def test_a_history_takes_the_code_of_its_class(codebook: CodeBook, query: str, expected: str) -> None:
    code, why = _top(codebook, query)
    assert code == expected, why


def test_the_class_below_the_note(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    memo: dict[object, object] = {}
    assert personal_history(conn, memo, "N452") == "Z87438"  # block N40-N53 -> Z87.43, its "other" line
    assert personal_history(conn, memo, "A809") == "Z8612"  # the condition's own title: poliomyelitis
    assert personal_history(conn, memo, "A90") == "Z8619"  # the chapter's class: infectious and parasitic
    assert personal_history(conn, memo, "O210") == "Z8759"  # no class named: the note's "other" line
    assert personal_history(conn, memo, "C250") == "Z8507"  # a note on the code itself
    assert personal_history(conn, memo, "R079") is None  # no note holds a symptom


def test_the_readings() -> None:
    over = read_over("hep c treated with ledipasvir, cured")
    assert over is not None and over.what == "hep c"
    over = read_over("beat colon cancer 2 years ago")
    assert over is not None and over.what == "colon cancer"
    place = read_over("had typhoid in peru last year, recovered", lambda words: words == "peru")
    assert place is not None and place.what == "typhoid"
    assert read_over("treated for pneumonia") is None  # still treated, maybe
    assert read_over("cough resolved, now with fever") is None  # a condition now
    assert read_over("polio years ago, residual leg weakness") is None  # its sequela
    assert read_over("macular edema resolved after injections") is None  # the treatment's result


@pytest.mark.parametrize(
    ("query", "expected", "beside"),
    [
        ("late effect of rickets", "E64.3", ""),  # Index: Sequelae, rickets
        ("sequela of tuberculosis", "B90.9", ""),
        ("headaches as a late effect of old meningitis", "R51.9", "G09"),  # the residual first
        ("late effects of trachoma, dry eye", "H04.129", "B94.0"),
    ],
)
def test_a_sequela_line_and_its_residual(codebook: CodeBook, query: str, expected: str, beside: str) -> None:
    hits = find_codes(codebook, query, limit=2)
    assert hits and hits[0].code == expected, hits[0].why if hits else ""
    if beside:
        assert hits[1].code == beside


def test_the_sequela_readings() -> None:
    assert read_sequela("seizures as a late effect of old encephalitis") == Sequela(
        "encephalitis", "seizures"
    )
    assert read_sequela("late effects of polio, leg weakness") == Sequela("polio", "leg weakness")
    assert read_sequela("hearing loss from mumps years ago, sequela") == Sequela("mumps", "hearing loss")
    assert read_sequela("sequela of encephalitis") == Sequela("encephalitis", "")
    assert read_sequela("encephalitis") is None


def test_a_member_of_a_class_takes_other_and_a_block_takes_its_category(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    memo: dict[object, object] = {}
    # the class above the condition holds it as one member: "other", not "unspecified"
    assert personal_history(conn, memo, "C609") == "Z8549"  # penis: other male genital organs
    assert personal_history(conn, memo, "C632") == "Z8549"  # scrotum, in C63 "other and unspecified"
    assert personal_history(conn, memo, "C519") == "Z8544"  # vulva: other female genital organs
    assert personal_history(conn, memo, "C639") == "Z8545"  # the class itself, unspecified
    # no note holds C23 or C26.1; Z85.0's codes hold the other categories of their block C15-C26
    assert personal_history(conn, memo, "C23") == "Z8509"
    assert personal_history(conn, memo, "C261") == "Z8509"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("history of scrotal cancer", "Z85.49"),  # was Z85.9: the History line left "scrotal" unread
        ("hx of cancer of the labia", "Z85.44"),
        ("history of spleen cancer", "Z85.09"),
        (
            "treated for splenic cancer in 2019, no disease now",
            "Z85.09",
        ),  # was R50.9: the note read the Table
        ("history of prostate cancer", "Z85.46"),  # the Index's own History line names site and kind
        ("hx of cancer", "Z85.9"),
    ],
)
def test_a_cancer_history_is_of_the_site_said(codebook: CodeBook, query: str, expected: str) -> None:
    code, why = _top(codebook, query)
    assert code == expected, why


def test_a_site_adjective_of_another_root_is_read_by_the_noun_it_pertains_to(codebook: CodeBook) -> None:
    code, why = _top(codebook, "penile carcinoma in situ")
    assert code == "D07.4", why  # was D09.9: WordNet says penile pertains to penis; no ending rule makes it


def test_a_described_reading_keeps_its_own_note_pattern(codebook: CodeBook) -> None:
    # the history reading's pattern for "(described: ... -> ...)" once took the name of the one that strips the
    # whole note from a why, and "Bacteremia, with sepsis" was read as unused words
    code, why = _top(codebook, "ecoli bacteremia with sepsis")
    assert code == "A41.51", why
