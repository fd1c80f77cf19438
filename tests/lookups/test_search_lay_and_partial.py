"""Lay sentences and partial answers (issue #10, dx10): the generic lay readings of bot.lookups.index.lay_phrases,
the chart's denied clauses and incidental words read past by bot.lookups.filler, office talk refused by
bot.lookups.index.vague.stretched_reading, and the dx10 vocabulary block. Queries are made up for these tests,
not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.filler import answer_stems, denies, incidental, medical_core, mostly_answered, words_not_used
from bot.lookups.index.lay_phrases import read_lay
from bot.lookups.index.vague import foreign_and_stretched, stretched_reading
from bot.lookups.search import find_codes


# -- readings (no data needed) ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("i leak urine when i jump", "incontinence stress"),
        ("bladder leaking whenever she coughs", "incontinence stress"),
        ("wets herself when laughing", "incontinence stress"),
        ("unable to control bowels", "incontinence feces"),
        ("can't hold pee", "incontinence urine"),
        ("teeth are falling out", "loss teeth"),
        ("lower eyelid keeps twitching", "twitching lower eyelid"),
        ("nose is bleeding", "hemorrhage nose"),
        ("shoulder is stiff", "stiffness shoulder"),
        ("pees 2 or 3 times at night", "nocturia"),
        ("gets up to urinate twice nightly", "nocturia"),
        ("pees a lot during the day", None),
        # A part is one or two plain words: a condition "with bleeding" names no part that bleeds.
        ("gastric ulcer with bleeding", None),
        ("can't hold a job", None),
        ("leaks when it rains", None),
    ],
)
def test_lay_sentences_read_as_index_main_terms(text: str, read: str | None) -> None:
    assert read_lay(text) == read


@pytest.mark.parametrize(
    ("query", "core", "unused"),
    [
        # A clause the chart denies is read past whole; the rest is the core.
        ("pt denies fever, reports chills", "chills", ("pt", "denies", "fever", "reports")),
        ("no vomiting; complains of heartburn", "heartburn", ("no", "vomiting", "complains")),
        # Numbers with their units, and how long ("over 2 wks"), are read past.
        ("4 kg wt loss over 2 wks", "wt loss", ("4", "kg", "over", "2", "wks")),
    ],
)
def test_denied_clauses_and_measures_are_read_past(query: str, core: str, unused: tuple[str, ...]) -> None:
    found = medical_core(query)
    assert found is not None and (found.text, found.unused) == (core, unused)


@pytest.mark.parametrize("query", ["denies fever", "no fever, no chills", "fever without chills, at night"])
def test_no_core_when_every_clause_is_denied_or_another_negation_is_said(query: str) -> None:
    assert medical_core(query) is None


def test_what_a_denial_and_an_incidental_word_are() -> None:
    assert denies("negative for strep") and denies("Denies SI") and not denies("nodular goiter")
    assert incidental("unexplained", lambda _: True) and incidental("stapler", lambda _: False)
    assert not incidental("floor", lambda _: True)
    assert mostly_answered(["unexplained", "wt", "loss"], ["unexplained"])
    assert not mostly_answered(["printer", "jammed"], ["jammed"])


def test_office_talk_stretched_onto_an_index_line_is_refused() -> None:
    assert stretched_reading(0.67, 0.5, by_index=True)
    assert not stretched_reading(
        0.5, 0.5, by_index=True
    )  # half the words known: a story ("touched ... burner")
    assert not stretched_reading(0.67, 0.0, by_index=True)  # the line says nothing more than the query
    assert not stretched_reading(0.67, 0.5, by_index=False)


def test_a_word_no_code_book_holds_beside_a_stretched_index_line_is_refused() -> None:
    english = {"copier", "not", "working", "bookshelf", "struck"}.__contains__
    coded = {"not", "working", "struck"}.__contains__
    assert foreign_and_stretched(["copier", "not", "working"], english, coded, 1.8, by_index=True)
    # The line says little of its own: the word no code book holds is what struck ("Struck by, object").
    assert not foreign_and_stretched(["struck", "bookshelf"], english, coded, 0.5, by_index=True)
    # A misspelling is no English word; filler ("happened") is read past elsewhere.
    assert not foreign_and_stretched(["pyelonefritis"], english, coded, 1.8, by_index=True)
    assert not foreign_and_stretched(["happened", "not"], english, coded, 1.8, by_index=True)


# -- answered --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("i leak urine when i jump", "N39.3"),
        ("unable to control bowels", "R15.9"),
        ("unable to hold urine", "R32"),
        ("my front teeth are falling out", "K08.109"),
        ("breath smells bad", "R19.6"),
        ("bald patch on scalp", "L63.9"),
        ("trouble focusing at school", "R41.840"),
        ("cancer has spread to the liver", "C78.7"),
        ("sugar in my urine", "R81"),
        ("wakes up to void 4 times per night", "R35.1"),
        ("ECG with new T wave inversions", "R94.31"),
        ("cannot void after surgery", "R33.9"),
        # A word no code book holds beside a line that says little of its own is still answered.
        ("struck by falling bookshelf", "W20.8XXA"),
    ],
)
def test_lay_sentences_find_their_index_line(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, (query, hits.notice, [h.code for h in hits])


@pytest.mark.parametrize(
    ("query", "expected", "unused"),
    [
        # The denied clause is not the answer, and is said as not used.
        ("patient denies nausea, reports heartburn", "R12", "patient, denies, nausea, reports"),
        # A qualifier the Index line does not hold is left, and said.
        ("5 kg unexplained wt loss over 6 wks", "R63.4", "5, kg, 6, wks, unexplained"),
    ],
)
def test_a_partial_answer_says_the_words_it_did_not_use(
    codebook: CodeBook, query: str, expected: str, unused: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, (query, hits.notice)
    assert hits[0].why.endswith(f"(not used: {unused})")


@pytest.mark.parametrize(
    "query",
    [
        "farewell cake for janet",
        "retirement party for linda",
        "printer jammed again",
        "who took my mug",
        "copier not working",
        "parking lot validation",
        "vending machine broken",
    ],
)
def test_office_talk_gets_no_codes(codebook: CodeBook, query: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert list(hits) == [] and "No confident match" in hits.notice


# -- a partial answer says what it left -------------------------------------------------------------------------
def test_a_reading_counts_the_words_it_replaced_only_when_the_answer_says_their_meaning() -> None:
    why = "Index: Pink, eye -> H10.02- (vocabulary: pink eye -> conjunctivitis; vocabulary: allergies -> rhinitis allergic)"
    said = answer_stems("Other mucopurulent conjunctivitis", why)
    assert words_not_used("pink eye from allergies", said, frozenset(), lambda _: False) == ["allergies"]
    kept = "Index: Loss, hair -> L65.9 (read: hair falling out in patches -> loss hair in patches)"
    said = answer_stems("Nonscarring hair loss", kept)
    assert words_not_used("hair falling out in patches", said, frozenset(), lambda _: False) == ["patches"]


@pytest.mark.parametrize(
    ("query", "expected", "unused"),
    [
        ("teeth coming out in chunks", "K08.109", "chunks"),
        # a barn is read as the place (Y92.71 beside the fall); a shed is in no place line
        ("fell off a ladder in the shed", "W11.XXXA", "shed"),
    ],
)
def test_the_first_answer_says_the_words_it_did_not_use(
    codebook: CodeBook, query: str, expected: str, unused: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, (query, hits.notice)
    assert hits[0].why.endswith(f"(not used: {unused})")


def test_a_place_said_after_a_fall_is_read_as_the_place(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "fell off a ladder in the barn", limit=5)
    assert hits and hits[0].code == "W11.XXXA"
    assert "Y92.71" in [hit.code for hit in hits]


def test_an_answer_using_every_word_says_nothing_more(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "cellulitis of left leg", limit=5)
    assert hits and "not used" not in hits[0].why


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Strain, muscle - see Injury, muscle, by site, strain: the lay muscle names are the Index's sites
        # (posterior muscle group at thigh level; adductor at thigh level; posterior muscle group at leg level).
        ("right hamstring strain", "S76.311A"),
        ("strained my left hamstring", "S76.312A"),
        ("groin pull", "S76.219A"),
        ("left calf muscle strain", "S86.112A"),
    ],
)
def test_a_strain_told_by_a_lay_muscle_name_reaches_its_injury_line(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected
