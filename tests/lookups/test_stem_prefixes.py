"""A word is compared only with the procedure stems beginning as it does (bot.lookups.index.stem_prefixes):
the same answer as comparing it with every root operation and procedure word."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.filler import ROOT_SHARE, _same_root
from bot.lookups.index.stem_prefixes import by_prefix
from bot.lookups.index.words import stem
from bot.lookups.search import VERB_LEAST, _verb_of, searcher_for


def test_stems_are_grouped_by_their_first_letters() -> None:
    groups = by_prefix(["remov", "removal", "resect", "rep", "remov"], 5)
    assert groups == {"remov": ("remov", "removal"), "resec": ("resect",), "rep": ("rep",)}


def test_every_stem_a_word_can_share_its_root_with_begins_as_it_does(codebook: CodeBook) -> None:
    searcher = searcher_for(codebook)
    every = (*(stem(r) for r in searcher.root_operations()), *searcher.procedure_words())
    least = min(ROOT_SHARE, VERB_LEAST)
    groups = by_prefix(every, least)
    # the procedure words themselves, their forms and their verbs' stems, and words near none of them
    words = {w for r in every for w in (r, r[:-1], r[:-2], f"{r}ing", f"{r}ed", r[: least - 1])}
    words |= {"zzzzzz", "abdominal", "cauteriz", "remov", "excis", "dilat", "a", ""}
    for said in words:
        scanned = any(_same_root(said, r) or _verb_of(said, r) for r in every)
        grouped = any(_same_root(said, r) or _verb_of(said, r) for r in groups.get(said[:least], ()))
        assert grouped == scanned, said


def test_a_verb_of_a_root_operation_names_a_procedure(codebook: CodeBook) -> None:
    searcher = searcher_for(codebook)
    assert searcher._procedure_word("removed")
    assert searcher._procedure_word("cauterizing")
    assert not searcher._procedure_word("headache")
