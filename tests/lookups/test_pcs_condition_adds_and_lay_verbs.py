"""A procedure named by its PCS Index main term comes before a diagnosis adding a condition the query never said
(bot/lookups/index/pcs_condition_adds.py), and an operation told by an everyday verb is read as its root
operation's noun (bot/lookups/index/pcs_lay_verbs.py). Made-up wordings, on the real shipped data."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_condition_adds import procedure_term
from bot.lookups.index.pcs_lay_verbs import lay_verb_operations, operation_noun
from bot.lookups.index.pcs_roots import pcs_main_first_words
from bot.lookups.index.words import stem
from bot.lookups.search import find_codes, searcher_for


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in text.split())


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query, limit=3)
    assert hits, query
    return hits[0].code.replace(".", "")


def test_procedure_term() -> None:
    why = (
        "PCS Index: Amputation -> see Detachment, Toe, 1st, Left -> 0Y6Q0Z -> PCS table: Complete -> 0Y6Q0Z0"
    )
    procedures = frozenset({stem("amputation")})
    assert procedure_term(why, procedures, _stems("amputation left great toe")) == "Amputation"
    assert procedure_term(why, procedures, _stems("left great toe")) is None  # the procedure is not said
    assert procedure_term(why, frozenset(), _stems("amputation left great toe")) is None
    assert (
        procedure_term("Index: Amputation, traumatic, toe -> S98.13-", procedures, _stems("amputation"))
        is None
    )


@pytest.mark.parametrize(
    ("query", "prefix"),
    [
        ("amputation of the left great toe", "0Y6Q0Z"),  # not Amputation, traumatic (S98.112A)
        ("pancreas transplant from a deceased donor", "0FYG0Z0"),  # not the status line Z94.89
        ("chest compressions CPR", "5A1201"),  # not a fracture associated with CPR (M96.A4)
    ],
)
def test_procedure_before_added_condition(codebook: CodeBook, query: str, prefix: str) -> None:
    assert _first(codebook, query).startswith(prefix)


@pytest.mark.parametrize(
    ("query", "prefix"),
    [
        ("traumatic amputation of left great toe", "S98.112"),  # the condition said
        ("status post amputation left great toe", "Z89.412"),  # a status asked
        ("flail chest from CPR", "M96.A4"),  # the diagnosis reads a word the procedure leaves
    ],
)
def test_diagnosis_said_keeps_its_code(codebook: CodeBook, query: str, prefix: str) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code.startswith(prefix), [h.code for h in hits]


def test_operation_noun() -> None:
    nouns = frozenset({"removal", "insertion", "extraction", "drainage"})
    assert operation_noun("remove", nouns) == "removal"
    assert operation_noun("insert", nouns) == "insertion"
    assert operation_noun("drain", nouns) == "drainage"
    assert operation_noun("take out", nouns) is None


def test_lay_verb_operations(codebook: CodeBook) -> None:
    searcher = searcher_for(codebook)
    tree = searcher.index_tree()
    first_words = pcs_main_first_words(tree.conn, tree.memo)
    nouns = searcher.root_operations() & first_words

    def read(text: str) -> dict[str, str]:
        return lay_verb_operations(searcher.wordnet(), text.split(), nouns, first_words.__contains__)

    assert read("took out the screws from the left tibia") == {"took": "removal"}
    assert read("they pulled the wires out of the right ulna") == {"pulled": "removal"}
    assert read("take out the rod") == {"take": "removal"}
    assert read("pins in the left ulna") == {}  # a bare noun is read with its particle only
    assert read("removing the gallbladder") == {}  # a form of the noun's own word needs no reading


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("took out the screws from the left tibia, open", "0QPH04Z"),
        ("take out the rod from the right femur, open", "0QP604Z"),
    ],
)
def test_lay_verb_removal(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == code, [h.code for h in hits]
    assert "(read: " in hits[0].why and "-> Removal" in hits[0].why
