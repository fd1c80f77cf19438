"""A Z code whose reading left a query word unread gives way to the code of its category whose Tabular
words say it (bot.lookups.index.z_unread_siblings; issue #10, guidelines I.C.21 and I.A.9.b). Queries are
made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.category_detail import CodeReading, query_refuses
from bot.lookups.index.words import content_stems
from bot.lookups.index.z_unread_siblings import unread_sibling
from bot.lookups.search import find_codes


def _reading(code: str, title: str, inclusions: tuple[str, ...] = ()) -> CodeReading:
    return CodeReading(code, title, inclusions, frozenset())


_Z98 = [
    _reading("Z98890", "Other specified postprocedural states"),
    _reading("Z98891", "History of uterine scar from previous surgery"),
    _reading("Z9884", "Bariatric surgery status"),
    _reading("Z9885", "Transplanted organ removal status"),
]


def test_the_sibling_saying_the_unread_word_is_taken() -> None:
    query = "hx of gastric bariatric surgery"
    choice = unread_sibling(
        content_stems(query),
        content_stems(query),
        query_refuses(query),
        ["gastric", "bariatric"],
        _Z98[0],
        _Z98,
    )
    assert choice is not None and choice.code == "Z9884" and choice.words == ("bariatric",)


def test_no_sibling_saying_an_unread_word_keeps_the_first() -> None:
    query = "hx of gastric surgery"
    stems = content_stems(query)
    assert unread_sibling(stems, stems, query_refuses(query), ["gastric"], _Z98[0], _Z98) is None


def test_a_sibling_dropping_a_word_the_first_title_says_is_none() -> None:
    # the first says "milk"; the egg codes say "baked" but not milk
    query = "allergic to milk, reacts when baked"
    first = _reading("Z910110", "Allergy to milk products, unspecified")
    others = [first, _reading("Z910122", "Allergy to eggs with reactivity to baked egg")]
    stems = content_stems(query)
    assert unread_sibling(stems, stems, query_refuses(query), ["baked"], first, others) is None


def test_two_siblings_saying_as_much_is_no_answer() -> None:
    query = "allergic to milk when baked"
    first = _reading("Z910110", "Allergy to milk products, unspecified")
    others = [
        first,
        _reading("Z910111", "Allergy to milk products with tolerance to baked milk"),
        _reading("Z910112", "Allergy to milk products with reactivity to baked milk"),
    ]
    stems = content_stems(query)
    assert unread_sibling(stems, stems, query_refuses(query), ["baked"], first, others) is None


def test_only_chapter_21_is_read() -> None:
    query = "acute otitis media right ear, suppurative"
    first = _reading("H6691", "Otitis media, unspecified, right ear")
    others = [first, _reading("H66001", "Acute suppurative otitis media, right ear")]
    stems = content_stems(query)
    assert unread_sibling(stems, stems, query_refuses(query), ["suppurative"], first, others) is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("history of bariatric surgery", "Z98.84"),
        ("long term use of steroid inhaler", "Z79.51"),
    ],
)
def test_the_z_code_saying_the_unread_word(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits[0].code == expected
    assert "Tabular, within" in hits[0].why


def test_a_word_the_first_code_prints_is_not_unread() -> None:
    # the path's note left "removed" unread, but the first code's title says it (removal)
    query = "iud removed"
    first = _reading("Z30432", "Encounter for removal of intrauterine contraceptive device")
    others = [
        first,
        _reading(
            "Z30433",
            "Encounter for removal and reinsertion of intrauterine contraceptive device",
            ("Encounter for replacement of intrauterine contraceptive device",),
        ),
    ]
    stems = content_stems(query)
    assert unread_sibling(stems, stems, query_refuses(query), ["iud", "removed"], first, others) is None


def test_a_reading_that_left_most_words_unread_is_kept() -> None:
    # "idle lifestyle" read by a rewrite as Lack of, physical exercise: both words noted unused
    query = "idle lifestyle"
    first = _reading("Z723", "Lack of physical exercise")
    others = [first, _reading("Z729", "Problem related to lifestyle, unspecified")]
    stems = content_stems(query)
    assert unread_sibling(stems, stems, query_refuses(query), ["idle", "lifestyle"], first, others) is None


def test_a_code_adding_more_than_it_reads_is_none_where_the_first_shares_no_word() -> None:
    query = "check of the shunt"
    first = _reading(
        "Z4541", "Encounter for adjustment and management of cerebrospinal fluid drainage device"
    )
    others = [
        first,
        _reading("Z45010", "Encounter for checking and testing of cardiac pacemaker pulse generator"),
    ]
    stems = content_stems(query)
    assert unread_sibling(stems, stems, query_refuses(query), ["check"], first, others) is None
