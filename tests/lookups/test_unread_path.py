"""Within the first answer's category, the answer whose Index path reads the words the first's path left unread
takes the first place (bot.lookups.index.unread_path; issue #10, guidelines I.A.9.b and I.B.1, one Index path
as the unit of meaning). Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.unread_path import PathReading, reads_unread
from bot.lookups.search import find_codes


def _reading(
    unread: list[str], adds: list[str] | None = None, title: str = "", path: str = ""
) -> PathReading:
    return PathReading(unread, [] if adds is None else adds, title, path)


_B0050 = _reading(["iridocyclitis"], [], "Herpesviral ocular disease, unspecified", "Herpes, eye, simplex")


def test_a_path_reading_the_unread_word_is_taken() -> None:
    # "Herpes, eye, simplex" left "iridocyclitis" unread; "Herpes, iridocyclitis" reads it and adds nothing
    assert reads_unread(_B0050, _reading([], [], "Herpesviral iridocyclitis", "Herpes, iridocyclitis"))


def test_a_path_leaving_as_much_unread_is_not_taken() -> None:
    assert not reads_unread(_B0050, _reading(["iridocyclitis"]))
    assert not reads_unread(_reading([]), _reading([]))


def test_a_path_leaving_another_word_unread_is_not_taken() -> None:
    assert not reads_unread(_reading(["sesamoid"]), _reading(["toe"]))


def test_a_path_adding_more_unsaid_words_is_not_taken() -> None:
    # "Weak, facial, following, cerebrovascular disease" reads "weakness" but adds "facial", where the first's
    # path ("Sequelae, infarction, cerebral") adds nothing
    assert not reads_unread(_reading(["sided", "weakness"]), _reading(["sided"], ["facial"]))


def test_no_index_path_is_no_reading() -> None:
    assert not reads_unread(_reading(["stec"]), PathReading([], None, "", ""))


def test_a_code_leaving_more_open_is_not_taken() -> None:
    # the path reads "psychosis", then the Tabular's default child says "without ... psychotic disturbance"
    first = _reading(
        ["psychosis"], [], "Unspecified dementia, unspecified severity, with psychotic disturbance"
    )
    other = _reading([], [], "Unspecified dementia, unspecified severity, without behavioral disturbance")
    assert not reads_unread(first, other)


def test_a_nec_line_does_not_take_a_named_line_s_place() -> None:
    # haloperidol is read as "drugs NEC" by one line, and is the neuroleptic the named line holds
    first = _reading(
        ["haloperidol"], [], "Neuroleptic induced parkinsonism", "Parkinsonism, neuroleptic induced"
    )
    other = _reading([], [], "Other drug induced secondary parkinsonism", "Parkinsonism, due to, drugs NEC")
    assert not reads_unread(first, other)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # "Headache, tension, episodic, not intractable" reads the abbreviation the title match of G44.019
        # (episodic cluster headache) left unread
        ("episodic TTH not intractable", "G44.219"),
        # "Syndrome, hemolytic-uremic, Shiga toxin-producing E. coli [STEC] related" (D59.31) reads what
        # "Syndrome, hemolytic-uremic" (D59.30) left unread
        ("STEC HUS", "D59.31"),
    ],
)
def test_the_path_reading_what_the_first_left_unread(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits[0].code == expected
    assert "left unread" in hits[0].why


def test_a_short_word_is_measured_by_its_reading(codebook: CodeBook) -> None:
    # "wt" (too short to be measured as typed) is read as weight loss: "Loss, appetite" (R63.0) reads the
    # appetite but not the weight, so it does not take the place of "Abnormal, loss of, weight" (R63.4)
    hits = find_codes(codebook, "reduced appetite, wt loss 5 kg", limit=5)
    assert hits[0].code == "R63.4"
