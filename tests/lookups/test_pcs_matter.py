"""Solid matter taken out of a body part is an Extirpation (pcs_matter): a stone extracted through a scope, a
bladder stone removed, whatever table the taking word or the scope word reached in the same body system;
breaking the stone up is Fragmentation, and a body part the query does not name is left alone."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import Completion, complete_pcs
from bot.lookups.index.pcs_matter import extirpation_for_matter, says_matter_taken, used_matter_words
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes


def told(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


def test_matter_taken_out_is_said_by_the_matter_and_the_taking() -> None:
    assert says_matter_taken(told("stones extracted from the duct"))
    assert says_matter_taken(told("clot removal"))
    assert not says_matter_taken(told("bladder stone"))
    assert not says_matter_taken(told("laser lithotripsy with stone extraction"))
    assert used_matter_words("0FC98ZZ", told("stone extraction")) == told("stone extraction")
    assert not used_matter_words("0FD98ZX", told("stone extraction"))


def test_the_taking_tables_turn_to_extirpation_of_the_same_body_part(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    # Inspection (a scope word), Removal of a device, Extraction: each for a body part the query names.
    for code, query, want in (
        ("0TJ98ZZ", "ureteroscopy with stone extraction left ureter", "0TC78ZZ"),
        ("0TPB8YZ", "cystoscopy with removal of bladder stone", "0TCB8ZZ"),
        ("0FD98ZX", "ercp with extraction of common bile duct stone", "0FC98ZZ"),
    ):
        done = complete_pcs(conn, code, told(query))
        assert done is not None
        found = extirpation_for_matter(conn, done, told(query), {})
        assert found is not None and found.code == want, (query, found)


def test_a_part_the_query_does_not_name_or_no_matter_is_left_alone(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    lung = Completion(
        "0BDL8ZX", "Extraction of Left Lung, Via Natural or Artificial Opening Endoscopic", True, ""
    )
    assert extirpation_for_matter(conn, lung, told("ureteroscopy stone extraction left"), {}) is None
    duct = Completion("0FD98ZX", "Extraction of Common Bile Duct, Via Natural ...", True, "")
    assert extirpation_for_matter(conn, duct, told("ercp brushings common bile duct"), {}) is None


def test_a_stone_extracted_through_a_scope_is_extirpation(codebook: CodeBook) -> None:
    assert _first(codebook, "ERCP with extraction of common duct stone") == "0FC98ZZ"
    assert _first(codebook, "cystoscopy with removal of bladder stone") == "0TCB8ZZ"
    assert _first(codebook, "bladder stone") == "N21.0"


def test_the_scope_study_of_a_stone_removal_turns_to_extirpation(codebook: CodeBook) -> None:
    # ERCP's Index line is a Fluoroscopy (BF1); the stone is taken from the duct the query names, all of it.
    conn = codebook.db.conn
    study = Completion("BF10YZZ", "Fluoroscopy of Bile Ducts using Other Contrast", True, "")
    found = extirpation_for_matter(
        conn, study, told("ercp natural opening endoscopic stone removal common bile duct"), {}
    )
    assert found is not None and found.code == "0FC98ZZ"
    # "common duct" names no one duct of the table whole: the study is left as it is.
    assert extirpation_for_matter(conn, study, told("ercp endoscopic common duct stone removal"), {}) is None
    assert _first(codebook, "ERCP with removal of pancreatic duct stone") == "0FCD8ZZ"


def test_matter_formed_in_the_body_and_a_breaking_said_negated() -> None:
    # Extirpation takes out solid matter: a mucus plug or a calcific deposit is matter, as a stone is.
    assert says_matter_taken(told("bronchoscopic removal of mucus plug"))
    assert says_matter_taken(told("open removal of calcific deposit"))
    assert not says_matter_taken(told("removal of punctal plug"))  # a device: Removal
    # A breaking said negated is not done: the stones are taken out whole.
    assert says_matter_taken(told("removal of bladder stones without fragmentation"))


def test_matter_formed_in_the_body_taken_out(codebook: CodeBook) -> None:
    assert _first(codebook, "bronchoscopic removal of mucus plug, right upper lobe bronchus") == "0BC48ZZ"
    assert _first(codebook, "open removal of calcific deposit from R knee tendon") == "0LCQ0ZZ"
