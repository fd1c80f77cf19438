"""What a long-running process keeps, held compactly with the same answers (issue #10: peak RSS <= 250 MB).

The vocabulary less a few terms (a query re-read with an ambiguous abbreviation as plain English: "pet",
"cat"; a word read as the Index's subterm) reads the shipped terms through a view instead of copying them: a
process keeps up to 257 such vocabularies, and a copy of the ~5,500 terms held ~210 KB (~54 MB in all). The
view must read every query as the copy did."""

from __future__ import annotations

import tracemalloc

from bot.lookups.derived import english_list
from bot.lookups.index import completion, matching
from bot.lookups.index.query import understand
from bot.lookups.index.vocabulary import SortedWords, TermsWithout, Vocabulary

TEXTS = (
    "pet scan of my cat and ms flu",
    "ra flare with dm and htn",
    "pt fell, ca of breast, copd exacerbation",
    "bicillin la injection for strep throat",
    "sleepwalks and wets bed, gums bleeding",
)
LEFT_OUT = (frozenset({"pet"}), frozenset({"cat", "ms"}), frozenset({"ra", "dm", "pt"}), frozenset({"ca"}))


def _copy_without(vocabulary: Vocabulary, terms: frozenset[str]) -> Vocabulary:
    """The vocabulary less `terms` as it was built before the view: a new table of the other terms."""
    return Vocabulary([t for t in vocabulary.terms.values() if t.term not in terms])


def test_a_vocabulary_less_some_terms_reads_every_text_as_its_copy() -> None:
    shipped = Vocabulary.shipped()
    for left_out in LEFT_OUT:
        view, copy = shipped.without(left_out), _copy_without(shipped, left_out)
        assert isinstance(view.terms, TermsWithout)
        assert list(view.terms) == list(copy.terms)  # the same terms, in the same order
        assert list(view.terms.values()) == list(copy.terms.values())
        assert len(view.terms) == len(copy.terms) == len(shipped.terms) - len(left_out & shipped.terms.keys())
        for term in left_out:
            assert term not in view.terms and view.terms.get(term) is None
        for text in TEXTS:
            assert understand(text, view) == understand(text, copy), (text, left_out)


def test_a_vocabulary_less_some_terms_holds_no_copy_of_them() -> None:
    shipped = Vocabulary.shipped()
    understand(TEXTS[0], shipped)  # the shipped tables worked out first, as a process has them
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = [shipped.without(frozenset({f"word{n}"})) for n in range(20)]
        for vocabulary in kept:
            understand(TEXTS[0], vocabulary)
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 20 * 40_000  # ~5 KB each (a copy of the terms was ~210 KB each)


def test_the_english_words_answer_as_the_shipped_list_in_a_fraction_of_its_memory() -> None:
    """`_replaced` asks whether a typed plural is an ordinary English word ("does" is no plural of DOE): the
    sorted string answers every word of the shipped list, and no other, as the frozenset of them did."""
    words = frozenset(english_list())
    kept = SortedWords(words)
    assert len(kept) == len(words)
    assert all(w in kept for w in words)
    others = [w + "q" for w in list(words)[:3000]] + ["", "zzzzzz", "DOES", "does ", 7]
    assert [w in kept for w in others] == [w in words for w in others]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        again = SortedWords(words)
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(again) == len(words) and held < 1_500_000  # ~0.9 MB (the frozenset of them: ~6.5 MB)


def test_a_term_of_one_form_shares_its_stems_with_that_form() -> None:
    """The matcher's facts of an Index term (kept for 16,384 terms): a term of one form ("Pneumonia",
    most subterms) holds that form's set once, not a copy of it as every stem of the term."""
    one = matching._term("aspiration")
    assert one.stems is one.forms[0]
    several = matching._term("Infection, infected, infective")
    assert len(several.forms) == 3 and several.stems == frozenset().union(*several.forms)


def test_a_titles_word_pairs_are_one_flat_tuple() -> None:
    """A title's successive stems as one tuple, each pair side by side; "unspecified" never begins a pair."""
    pairs, sides = completion._title_pairs("Hypertension complicating pregnancy, unspecified trimester")
    assert list(zip(pairs[::2], pairs[1::2], strict=True)) == [
        ("hypertension", "complicat"),
        ("complicat", "pregnancy"),
        ("pregnancy", "unspecifi"),
    ]
    assert sides == frozenset({"trimester"})
