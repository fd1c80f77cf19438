"""Cached readings share the sets they equal instead of keeping copies (issue #10: peak RSS <= 250 MB).

A long-running process keeps tens of thousands of small frozensets in its caches (a title's stems, a line's
stems, a PCS value's words): each new one costs 216 bytes or more, however few members it has. The readings
below hand back a set another cache already holds when theirs is equal, and keep a title's stems at their
smallest hash table; the members, and so every answer, are the same."""

from __future__ import annotations

import sys

from bot.lookups.index import category_detail, lay_descriptions, pcs_said_part
from bot.lookups.index.no_stems import compact, kept
from bot.lookups.index.tree import Postings
from bot.lookups.index.words import content_stems, is_link


def test_compact_keeps_the_members_at_the_smaller_table() -> None:
    for size in range(0, 40):
        built = frozenset(f"w{n}" for n in range(size))
        small = compact(built)
        assert small == built
        assert sys.getsizeof(small) <= sys.getsizeof(built)
    assert compact(frozenset()) is kept(frozenset())  # the one shared empty set


def test_a_title_stems_are_kept_compact() -> None:
    title = "Acute myocardial infarction of anterior wall"  # 5 stems: 472 bytes, not 728
    stems = content_stems(title)
    assert stems == frozenset({"acut", "myocardial", "infarct", "anterior", "wall"})
    assert sys.getsizeof(stems) == sys.getsizeof(frozenset(set(stems)))


def test_a_title_told_stems_are_its_stems_when_none_is_cut() -> None:
    title = "Displaced fracture of lateral malleolus of right fibula"
    plain = category_detail._WITHOUT.sub(" ", category_detail._plain(title))
    assert category_detail.told(title) is content_stems(plain)  # one set, not a copy
    # a bookkeeping word cut still gives the set less it
    assert "encount" not in category_detail.told("Other specified disorder, initial encounter")


def test_a_line_with_no_modifiers_shares_its_term_stems() -> None:
    essential, every, names = lay_descriptions._term_stems("Fracture", "", True)
    assert every is essential
    assert names is kept(frozenset())
    essential, every, _ = lay_descriptions._term_stems("Fracture", "(abduction) (adduction)", True)
    assert every == essential | content_stems("(abduction) (adduction)") and every is not essential


def test_a_body_part_meaning_is_one_set_for_every_table() -> None:
    first = pcs_said_part._value_words("Right Lower Lung Lobe")
    assert first == frozenset({"lower", "lung", "lobe"})
    assert pcs_said_part._value_words("Right Lower Lung Lobe") is first


def test_postings_of_one_parent_share_their_group_arrays() -> None:
    # (node, parent, essential, span): the lines of one parent, the commonest postings of a rare word
    one = Postings([(5, 3, 1, 0), (6, 3, 0, 0)])
    other = Postings([(9, 7, 0, 0), (12, 7, 1, 0)])
    assert one._at is other._at and one._starts is other._starts and one._by_parent is one._parents
    assert one.lines_under(3).tolist() == [11, 12] and one.under(3) == ((5, True), (6, False))
    assert not one.lines_under(7) and one.has_parent(3) and not one.has_parent(4)
    # several parents, the main terms last, as before
    mixed = Postings([(1, 0, 1, 10), (5, 3, 1, 0), (7, 0, 0, 2), (8, 2, 0, 0)])
    assert [(p, lines.tolist()) for p, lines in mixed.groups()] == [(3, [11]), (2, [16]), (0, [3, 14])]
    assert mixed.lines_under(2).tolist() == [16] and mixed.lines_under(0).tolist() == [3, 14]


def test_a_link_term_is_read_without_a_cache() -> None:
    assert is_link("with") and is_link(" Due to ") and is_link("in (due to)")
    assert not is_link("Fracture") and not is_link("with" + " " * 60 + "x")
