"""Organisms named beside the condition they cause, and morphologies read at the site said.

- An organism's noun and adjective are one name ("streptococcus" / the Index's "streptococcal").
- An organism no line under the condition names is read at the line of its kind ("Endocarditis, bacterial";
  "Diarrhea, viral - see Enteritis, viral", whose own line may name it), with its B95-B97 code beside when the
  condition's Tabular asks for the infectious agent; the agent's code never comes before the condition.
- A morphology whose line codes a site said by the Neoplasm Table is read at its "unspecified site" line when no
  site is said, and a site the query names that the line its reference names does not hold is read by site.

The queries are made up from the Index's own lines, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.agents import asks_agent, is_agent
from bot.lookups.index.organisms import organism_forms, organism_kind
from bot.lookups.search import find_codes


def codes(book: CodeBook, query: str, n: int = 5) -> list[str]:
    return [h.code for h in find_codes(book, query, limit=n)]


def test_an_organisms_noun_and_adjective_are_one_name(codebook: CodeBook) -> None:
    assert organism_forms("streptococcus") == ("streptococcal", "streptococci")
    assert organism_forms("rotavirus") == ("rotaviral",)
    assert organism_forms("viral") == ()  # the kind's own word is no organism
    assert codes(codebook, "endocarditis due to streptococcus")[0] == "I33.0"  # Endocarditis, streptococcal


def test_organisms_are_read_as_their_kind(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    assert organism_kind(conn, "klebsiella") == "bacterial"
    assert organism_kind(conn, "enterovirus") == "viral"
    assert organism_kind(conn, "endocarditis") == ""


@pytest.mark.parametrize(
    ("query", "first", "beside"),
    [
        # Endocarditis names no Klebsiella: its "bacterial" line, and B96.1 as the agent (I33 asks for it).
        ("klebsiella endocarditis", "I33.0", "B96.1"),
        # Diarrhea, viral - see Enteritis, viral: its own "adenovirus" / "enterovirus" lines.
        ("adenovirus diarrhea", "A08.2", ""),
        ("enterovirus diarrhea", "A08.39", ""),
        # Endocarditis, streptococcal, and the agent the Tabular asks for beside it.
        ("endocarditis due to streptococcus", "I33.0", "B95.5"),
    ],
)
def test_an_organism_no_line_names_is_read_at_its_kinds_line(
    codebook: CodeBook, query: str, first: str, beside: str
) -> None:
    found = codes(codebook, query)
    assert found[0] == first
    if beside:
        assert found[1] == beside


@pytest.mark.parametrize(
    ("query", "condition", "agent"),
    [
        # The agent's own main term held the query's best path; the condition comes first all the same.
        ("pyelonephritis due to E coli", "N12", "B96.20"),
        # An agent only the "Infection, bacterial NOS, as cause of disease classified elsewhere" lines name.
        ("cystitis due to enterococcus", "N30.90", "B95.2"),
    ],
)
def test_the_condition_comes_before_its_agent(
    codebook: CodeBook, query: str, condition: str, agent: str
) -> None:
    assert codes(codebook, query, 2) == [condition, agent]


def test_the_tabular_asks_for_the_agent(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    assert asks_agent(conn, "N30.90") and asks_agent(
        conn, "L03.211"
    )  # its category's note; its block's (L00-L08)
    assert not asks_agent(conn, "E11.9")
    assert is_agent("B96.20") and is_agent("B97.4") and not is_agent("B99.9")


def test_a_morphology_with_no_site_said_reads_its_unspecified_site(codebook: CodeBook) -> None:
    # "Astrocytoma, juvenile, unspecified site C71.9"; its "specified site - see Neoplasm, malignant, by site"
    # finds no site among the other words, so it is not the Table's "Neoplasm, malignant" C80.1.
    assert codes(codebook, "juvenile astrocytoma in a teenager")[0] == "C71.9"


def test_a_site_said_the_morphologys_line_does_not_hold_is_read_by_site(codebook: CodeBook) -> None:
    # "Chondrosarcoma - see Neoplasm, cartilage, malignant": the humerus is read by site, malignant.
    assert codes(codebook, "chondrosarcoma of left humerus")[0] == "C40.02"
    assert codes(codebook, "chondrosarcoma")[0] == "C41.9"
    # A site the line itself holds stays there: "Meningioma - see Neoplasm, meninges, benign", spinal.
    assert codes(codebook, "meningioma of spinal cord")[0] == "D32.1"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # "Diarrhea, viral - see Enteritis, viral" A08.4; A08's codes name the virus: A08.31, A08.32.
        ("calicivirus diarrhea", "A08.31"),
        ("astrovirus gastroenteritis", "A08.32"),
    ],
)
def test_the_kinds_code_gives_way_to_its_categorys_code_naming_the_organism(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert codes(codebook, query)[0] == expected


def test_an_agent_first_does_not_give_way_to_a_code_denying_the_organism(codebook: CodeBook) -> None:
    # Septicemia A41.9 "Sepsis, unspecified organism" is no reading of a named organism's septicemia.
    assert codes(codebook, "E coli septicemia")[0] != "A41.9"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Vocabulary (org16 block): words read as the Index's own.
        ("pneumonia from legionella", "A48.1"),  # Legionnaires', pneumonia
        ("hmpv bronchiolitis", "J21.1"),  # Bronchiolitis, due to, human metapneumovirus
        ("gastric GIST", "C49.A2"),  # Tumor, stromal, gastrointestinal, stomach
        ("brainstem astrocytoma", "C71.7"),  # Neoplasm, stem, brain
    ],
)
def test_organism_and_histology_words_read_as_the_index_writes_them(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert codes(codebook, query)[0] == expected


def test_a_malignant_morphology_at_an_internal_site_is_read_by_site(codebook: CodeBook) -> None:
    # Melanoma C43.9's lines are the skin's sites; an internal site is the Table's malignant line of it.
    assert codes(codebook, "melanoma of the rectum")[0] == "C20"
    # A site the morphology's own lines hold stays there (the skin of the back); a morphology with its own
    # "site classification" lines (Mesothelioma) is not read at the Table's pleura (C38.4).
    assert codes(codebook, "melanoma of the back")[0] == "C43.59"
    assert codes(codebook, "pleural mesothelioma")[0] != "C38.4"
    # A morphology whose own code names its site keeps it ("Retinoblastoma C69.2-": the retina, not the eye).
    assert codes(codebook, "retinoblastoma of right eye")[0] == "C69.21"
    assert codes(codebook, "hepatoblastoma of the liver")[0] == "C22.2"


@pytest.mark.parametrize("query", ["strep endocarditis", "rotavirus diarrhea"])
def test_an_organism_the_path_says_in_another_form_is_not_said_unused(codebook: CodeBook, query: str) -> None:
    """Regression: the vocabulary put "streptococcus" for "strep" and the path said "streptococcal"; the
    answer's why still said "(not used: strep)"."""
    hits = find_codes(codebook, query, limit=5)
    assert hits and "not used" not in hits[0].why, hits[0].why
