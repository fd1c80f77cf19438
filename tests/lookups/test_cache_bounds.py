"""Every cache a lookup fills between queries stays within its bound however many distinct queries a process
answers (a bot runs for weeks), and answers the same when its bounds are tiny: a dropped entry is read again,
so what a lookup answers never depends on what an earlier one left in the caches. Not a timing test: the
caps are made small so a few dozen queries overflow every one of them."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest

import bot.lookups
from bot.lookups import search, shortest
from bot.lookups.codebook import CodeBook
from bot.lookups.errors import QueryError
from bot.lookups.index import tree as tree_module
from bot.lookups.search import find_codes, searcher_for

# Distinct queries of every system and reading (lay words, abbreviations, typos, PCS, HCPCS, Z lines, stories).
QUERIES = (
    "heart attack",
    "broken left wrist",
    "kidney stones",
    "pink eye",
    "sugar diabetes",
    "blood clot in leg",
    "sprained ankle",
    "bed sore",
    "knee replacement",
    "wheelchair",
    "type 2 diabetes with neuropathy",
    "pneumonia due to covid",
    "copd exacerbation",
    "chf",
    "newmonia",
    "hemroids",
    "cholecystectomy",
    "cesarean section",
    "adalimumab injection",
    "flu shot",
    "well child visit",
    "fell off ladder at home, hit head",
    "dog bite left hand",
    "poisoning by acetaminophen, accidental",
    "malignant neoplasm of upper lobe of left lung",
    "chronic kidney disease stage 3",
    "screening mammogram",
    "hip pain after a fall",
    "nausea and vomiting in pregnancy",
    "laparoscopic appendectomy",
    "cough for 2 weeks",
    "BMI 42 adult",
)


def _answers(book: CodeBook) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for query in QUERIES:
        try:
            found.append(tuple(h.code for h in find_codes(book, query, limit=5)))
        except QueryError as refused:
            found.append(("refused", str(refused)))
    return found


def test_every_lru_cache_of_the_lookups_is_bounded() -> None:
    for info in pkgutil.walk_packages(bot.lookups.__path__, "bot.lookups."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if hasattr(value, "cache_info") and getattr(value, "__module__", "") == info.name:
                assert value.cache_info().maxsize is not None, f"{info.name}.{name} grows without bound"


def test_the_caches_stay_within_their_bounds_and_answer_the_same(
    codebook: CodeBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "_searchers", {})  # a fresh searcher, its caches empty
    roomy = _answers(codebook)
    bounds = {"nodes": 60, "words": 40, "memo": 30, "sets": 20, "refs": 20, "kept": 50, "initialisms": 8}
    monkeypatch.setattr(tree_module, "CACHE_NODES", bounds["nodes"])
    monkeypatch.setattr(tree_module, "CACHE_WORDS", bounds["words"])
    monkeypatch.setattr(tree_module, "MEMO_ENTRIES", bounds["memo"])
    monkeypatch.setattr(tree_module, "CACHE_SETS", bounds["sets"])
    monkeypatch.setattr(tree_module, "CACHE_REFS", bounds["refs"])
    monkeypatch.setattr(shortest, "KEPT_ROWS", bounds["kept"])
    monkeypatch.setattr(search, "INITIALISMS_CACHED", bounds["initialisms"])
    monkeypatch.setattr(search, "_searchers", {})
    assert _answers(codebook) == roomy  # every cache overflowed many times over: the same answers

    searcher = searcher_for(codebook)
    tree = searcher.index_tree()
    local: Any = searcher._local
    assert len(tree._nodes) <= bounds["nodes"]
    assert len(tree._words) <= bounds["words"]
    per_code = [k for k in tree.memo if isinstance(k, tuple) and len(k) > 1]
    assert len(per_code) <= bounds["memo"]
    assert len(tree._sets) <= bounds["sets"] + 1
    assert len(tree._refs) <= bounds["refs"] + 1
    assert len(tree._resolved) <= bounds["refs"]
    assert len(local.sizes._kept) <= bounds["kept"]
    for held in (
        searcher._initialisms,
        searcher._initialism_words,
        searcher._kind_words,
        searcher._short_form_words,
    ):
        assert len(held) <= bounds["initialisms"] + 1
