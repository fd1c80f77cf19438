"""A state after surgery ("status post amputation of ...") through the Index's own cross-reference: "Amputation
- see also Absence, by site, acquired" - read from Absence, under the site the query names, to the line saying
"acquired"; an injury code is the injury being treated, not the state. Queries are written from the Index's
and the Tabular's own words, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.tree import IndexTree
from bot.lookups.search import find_codes


def test_a_reference_naming_lines_after_an_open_site_is_read_from_the_line_before_it(
    codebook: CodeBook,
) -> None:
    tree = IndexTree(codebook.db.conn)
    reference = tree.resolve("Absence, by site, acquired")
    head, after = tree.open_head(reference)
    node = tree.node(head)
    assert node is not None and node.term.startswith("Absence") and node.depth == 0
    assert after == frozenset({"acquir"})
    # No part after the open site: nothing to read differently.
    assert tree.open_head(tree.resolve("Neoplasm, malignant, by site")) == (0, frozenset())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status post amputation of left foot", "Z89.432"),
        ("s/p amputation of right thumb", "Z89.011"),
        ("status post left below knee amputation", "Z89.512"),
    ],
)
def test_status_after_an_amputation_is_the_acquired_absence_of_the_part(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


def test_an_amputation_said_with_no_state_is_still_the_injury(codebook: CodeBook) -> None:
    assert find_codes(codebook, "traumatic amputation of left great toe", limit=1)[0].code == "S98.112A"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status post above knee amputation left", "Z89.612"),
        ("history of above knee amputation right", "Z89.611"),
        ("s/p below knee amputation right", "Z89.511"),
        ("status post above elbow amputation left", "Z89.222"),
    ],
)
def test_a_level_said_above_a_joint_is_not_answered_by_the_line_below_it(
    codebook: CodeBook, query: str, expected: str
) -> None:
    # "Absence, leg (above knee)" against "Absence, leg, below knee": the deeper line says the opposite level.
    assert find_codes(codebook, query, limit=1)[0].code == expected


def test_a_line_naming_the_opposite_level_is_contradicted() -> None:
    from bot.lookups.index.opposites import says_opposite_level
    from bot.lookups.index.words import content_stems

    said = content_stems("above knee amputation")
    assert says_opposite_level(content_stems("below knee"), said)
    assert not says_opposite_level(content_stems("above knee"), said)
    assert not says_opposite_level(content_stems("below knee"), content_stems("knee amputation"))
