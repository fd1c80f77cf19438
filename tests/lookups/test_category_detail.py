"""Within the category the Index reached, the code whose Tabular words say what the query says, and no more
(bot.lookups.index.category_detail; issue #10, guidelines I.A.9.b and I.B.1). Queries are made up here, not
taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.category_detail import (
    CodeReading,
    detail_choice,
    negation_choice,
    query_refuses,
    says_every_word,
    tabular_choice,
)
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes


def _reading(
    code: str, title: str, unused: tuple[str, ...] = (), inclusions: tuple[str, ...] = ()
) -> CodeReading:
    return CodeReading(code, title, inclusions, frozenset(unused))


def test_a_title_negating_what_the_query_says_gives_way() -> None:
    query = "migraine without aura, intractable"
    first = _reading("G43.009", "Migraine without aura, not intractable, without status migrainosus")
    other = _reading("G43.019", "Migraine without aura, intractable, without status migrainosus")
    choice = detail_choice(content_stems(query), query_refuses(query), first, [other])
    assert choice is not None and choice.position == 0 and "not intractable" in choice.reason


def test_a_detail_the_query_does_not_say_gives_way_to_the_unspecified_code() -> None:
    query = "otitis media left ear, acute"
    # the first's Index path chose the subterm "suppurative", which the query does not say
    first = CodeReading(
        "H66.002",
        "Acute suppurative otitis media without spontaneous rupture of ear drum, left ear",
        (),
        frozenset(),
        path=content_stems("Otitis, media, suppurative, acute"),
        chosen=content_stems("media, suppurative, acute"),
    )
    other = CodeReading(
        "H66.92",
        "Otitis media, unspecified, left ear",
        (),
        frozenset(),
        path=content_stems("Otitis, media"),
        loose=content_stems("acute"),  # "Otitis (acute)"
    )
    said = content_stems(query)
    choice = detail_choice(said, query_refuses(query), first, [other], says_all=True)
    assert choice is not None and "suppurative" in choice.reason
    # unless the first's title says every word of the query, the detail may be what a word was read as
    assert detail_choice(said, query_refuses(query), first, [other], says_all=False) is None


def test_an_inclusion_term_saying_the_query_word_wins() -> None:
    query = "common wart of the thumb"
    first = _reading("B07.9", "Viral wart, unspecified", ("common",))
    other = _reading("B07.8", "Other viral warts", ("common",), ("Common wart", "Flat wart", "Verruca plana"))
    choice = detail_choice(content_stems(query), query_refuses(query), first, [other])
    assert choice is not None and "common" in choice.reason


def test_a_detail_the_query_says_keeps_the_first() -> None:
    # "idiopathic" is said: the first's detail is the query's, the unspecified code is no better
    query = "idiopathic acute pancreatitis"
    first = _reading("K85.00", "Idiopathic acute pancreatitis without necrosis or infection")
    other = _reading("K85.90", "Acute pancreatitis without necrosis or infection, unspecified")
    assert detail_choice(content_stems(query), query_refuses(query), first, [other]) is None


def test_a_see_reference_gives_the_index_reading() -> None:
    # "Pink, eye - see Conjunctivitis, acute, mucopurulent": the Index's own reading of the words
    query = "pinkeye"
    first = CodeReading(
        "H10.029",
        "Other mucopurulent conjunctivitis, unspecified eye",
        (),
        frozenset(),
        content_stems("Pink, eye, Conjunctivitis, acute, mucopurulent"),
        content_stems("Conjunctivitis, acute, mucopurulent"),
        content_stems("eye, acute, mucopurulent"),
    )
    other = _reading("H10.9", "Unspecified conjunctivitis")
    said = content_stems(f"{query} conjunctivitis")
    assert detail_choice(said, frozenset(), first, [other]) is None


def test_a_sibling_left_open_where_the_query_is() -> None:
    first = CodeReading(
        "N63.41",
        "Unspecified lump in right breast, subareolar",
        (),
        frozenset(),
        path=content_stems("Lump, breast, subareolar, right"),
        chosen=content_stems("breast, subareolar, right"),
    )
    siblings = [
        ("N6310", "Unspecified lump in the right breast, unspecified quadrant"),
        ("N6311", "Unspecified lump in the right breast, upper outer quadrant"),
        ("N630", "Unspecified lump in unspecified breast"),
        ("N6341", "Unspecified lump in right breast, subareolar"),
    ]
    words = ["lump", "right", "breast"]
    assert says_every_word(first, words, [])
    assert tabular_choice(content_stems("lump right breast"), frozenset(), first, siblings) == (
        "N6310",
        "Unspecified lump in the right breast, unspecified quadrant",
    )
    # a word the first's title does not say (a lay site) may be what the Index read it for: no choice
    assert not says_every_word(first, [*words, "nipple"], [])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("migraine without aura, intractable", "G43.019"),  # not G43.009 "not intractable"
        ("otitis media left ear, acute", "H66.92"),  # not H66.002 suppurative
        ("lump in the right breast", "N63.10"),  # not N63.41 subareolar: no quadrant said
    ],
)
def test_the_category_detail_said(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected


ANGIODYSPLASIA = [
    ("K5520", "Angiodysplasia of colon without hemorrhage"),
    ("K5521", "Angiodysplasia of colon with hemorrhage"),
    ("K5530", "Angiodysplasia of small intestine without hemorrhage"),
    ("K5531", "Angiodysplasia of small intestine with hemorrhage"),
]


def test_a_code_negating_what_the_query_says_gives_way_to_the_category_code_saying_it() -> None:
    # The Index's "Angiodysplasia" (K55.20) was reached, not its "with bleeding" subterm: the title's "without
    # hemorrhage" is the default the query's words overrule, and K55.21 says them and adds nothing.
    first = _reading("K55.20", ANGIODYSPLASIA[0][1])
    said = content_stems("angiodysplasia of colon with hemorrhage")
    assert negation_choice(said, frozenset(), first, ANGIODYSPLASIA) == ANGIODYSPLASIA[1]
    # a query saying no more than the first, or denying the hemorrhage, keeps it
    assert (
        negation_choice(content_stems("angiodysplasia of colon"), frozenset(), first, ANGIODYSPLASIA) is None
    )
    refused = query_refuses("angiodysplasia of colon without hemorrhage")
    said = content_stems("angiodysplasia of colon without hemorrhage")
    assert negation_choice(said, refused, first, ANGIODYSPLASIA) is None


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("angiodysplasia of colon with hemorrhage", "K55.21"),
        ("angiodysplasia of colon w/ hemorrhage", "K55.21"),
        ("angiodysplasia of colon", "K55.20"),
        ("angiodysplasia of colon without hemorrhage", "K55.20"),
    ],
)
def test_the_search_answers_the_category_code_the_query_says(
    codebook: CodeBook, query: str, code: str
) -> None:
    found = find_codes(codebook, query)
    assert found and found[0].code == code, [h.code for h in found]
