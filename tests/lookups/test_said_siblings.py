"""The Tabular's sibling the query's words say wins over the unspecified line the Index reached: a qualifier
only one sibling adds, a direction said in everyday words (bot.lookups.index.said_siblings; issue #10,
guideline I.A.9.b). Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("right hip dislocated backward", "S73.014A"),  # S73.00- unspecified -> S73.01- posterior
        ("left elbow dislocated to the back", "S53.125A"),
        ("left shoulder dislocated forward", "S43.015A"),  # anterior
        ("right knee dislocation", "S83.104A"),  # no sibling said: the unspecified line stays
        # an extent said in everyday words: a whole artificial limb is the Tabular's complete one (Z44.00- -> Z44.01-)
        ("fitting and adjustment of an entire left artificial arm", "Z44.012"),
        ("adjustment of whole right artificial leg", "Z44.111"),
    ],
)
def test_the_sibling_said_replaces_the_unspecified_line(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


def test_a_site_word_alone_names_no_sibling(codebook: CodeBook) -> None:
    # "colon" is a word of "Inflammatory polyps of colon", a sibling of "Ulcerative colitis, unspecified"
    assert find_codes(codebook, "ulcerative colitis of the colon with abscess", limit=1)[0].code != "K51.414"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("osteoarthritis of left hip", "M16.12"),  # primary, not M16.32 resulting from hip dysplasia
        ("left hip osteoarthritis due to dysplasia", "M16.32"),  # the condition said: its line stays
        ("severe recurrent depression", "F33.2"),  # without psychotic features, not F33.3 with them
    ],
)
def test_a_sibling_adding_an_unsaid_condition_gives_way(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected
