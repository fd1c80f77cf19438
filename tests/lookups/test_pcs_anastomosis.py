"""An "-ostomy" of two organs' forms is a Bypass from the first to the second (pcs_anastomosis): the last form
names the qualifier, and the route comes before the Index's Drainage of the same word; a one-form "-ostomy"
is a stoma, left to pcs_stoma."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_anastomosis import joined_ends
from bot.lookups.search import find_codes, searcher_for


def test_only_a_word_of_two_forms_names_an_end(codebook: CodeBook) -> None:
    roots = searcher_for(codebook).vocabulary.body_part
    ends = joined_ends(
        ["gastrojejunostomy", "ureterocystostomy", "colostomy", "cholecystostomy", "tracheostomy"], roots
    )
    assert ends == {"gastrojejunostomy": ["jejunum"], "ureterocystostomy": ["bladder"]}


@pytest.mark.parametrize(
    ("query", "want"),
    [
        ("gastrojejunostomy, open", "0D160ZA"),  # Index: see Bypass | see Drainage: the route
        ("esophagojejunostomy, open", "0D150ZA"),
        ("open choledochojejunostomy", "0F190ZB"),  # the jejunum is the Small Intestine (WordNet broader)
        ("right ureteroileostomy, open", "0T160ZA"),
        ("end colostomy, open", "0D1E0Z4"),  # one form: a stoma, to Cutaneous
    ],
)
def test_an_anastomosis_is_coded_to_the_organ_it_ends_in(codebook: CodeBook, query: str, want: str) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == want, (query, [h.code for h in hits])
