"""A verb or a noun of the query read as the Index's noun of the same word (WordNet's derivational pointers
between verbs and nouns, shipped as data/wordnet_derivations.tsv.gz by scripts/build_wordnet_data.py and read
by bot.lookups.index.word_forms.derived_stems): "deprived" is the Index's Deprivation, "estranged" its
Estrangement. The queries are made up, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.word_forms import derived_stems
from bot.lookups.index.words import base_stem
from bot.lookups.search import find_codes


def test_a_verb_reads_as_the_index_noun_of_its_happening() -> None:
    # WordNet: deprive (v) + deprivation (n, a state); estrange + estrangement; disappear + disappearance;
    # relax + relaxation; die + death; a doer's noun reads as the act (survivor + survival)
    assert "deprivat" in derived_stems(base_stem("deprived"))
    assert "estrangement" in derived_stems(base_stem("estranged"))
    assert "disappearanc" in derived_stems(base_stem("disappeared"))
    assert "relaxat" in derived_stems(base_stem("relax"))
    assert "death" in derived_stems(base_stem("died"))
    assert "survival" in derived_stems(base_stem("survivor"))


def test_a_derivation_to_another_meaning_is_not_shipped() -> None:
    # a thing's verb is an act done with it ("semen" / inseminate); the doer is no act ("counsel" / counselor);
    # a gerund is the verb itself ("spot" / spotting, "pit" / pitting: no Spotted fever); a verb of the same
    # spelling as an Index noun is another word ("statement" / state)
    assert derived_stems("semen", printed=True) == ()
    assert "counselor" not in derived_stems("counsel", printed=True)
    assert derived_stems("spot", printed=True) == () and derived_stems("pit", printed=True) == ()
    assert derived_stems("statement", printed=True) == ()
    # a form shorter than four letters is as often an initialism ("DIE L uterosacral ligament" is endometriosis)
    assert derived_stems("die", printed=True) == ()


def test_a_word_the_data_prints_is_read_as_printed_unless_every_word_must_be_found() -> None:
    # "adopt" is a word of the code data (Adopted child): the Index matcher reads it as printed; the Z lines,
    # whose every word must be said, read it as Adoption too
    assert derived_stems("adopt") == ()
    assert "adoption" in derived_stems("adopt", printed=True)


def test_a_word_is_read_in_its_usual_sense() -> None:
    # stop (v) is first "come to a halt", whose noun is a stop; stoppage derives from its second sense
    assert "stoppag" not in derived_stems("stopp", printed=True)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Index: Deprivation, sleep Z72.820 (was G47.10 Hypersomnia: "deprived" was no form of Deprivation)
        ("night nurse chronically sleep deprived", "Z72.820"),
        # Index: Estrangement, parent-child NEC Z62.890 (nothing answered before)
        ("teen estranged from parents", "Z62.890"),
    ],
)
def test_a_situation_told_by_its_verb_reads_the_index_noun(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]


def test_a_word_read_in_its_derived_form_is_not_listed_as_unused(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "feels deprived of sleep", limit=3)
    assert hits and hits[0].code == "Z72.820"
    assert "deprived" not in hits[0].why.split("not used:")[-1], hits[0].why


@pytest.mark.parametrize(
    "query",
    [
        # Streptococcal pharyngitis J02.0 is filed by its site (no Contact title names the respiratory
        # system); Index: Infection, streptococcal NEC A49.1, in Other bacterial diseases: Z20.818 (was Z20.9
        # Contact, infection)
        "exposed to strep throat at the gym",
        "exposed to strep throat",
    ],
)
def test_a_contact_with_a_disease_filed_by_site_reads_its_infectious_agent(
    codebook: CodeBook, query: str
) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == "Z20.818", [(h.code, h.why) for h in hits]
    assert "Infection, streptococcal" in hits[0].why


def test_a_derivation_to_a_word_whose_usual_sense_is_a_thing_is_not_shipped() -> None:
    # the Index and the Tabular print a word in its usual sense: "cast" is first the actors of a play (the
    # urine's casts, a plaster cast), "head" first a body part - a caster (a wheel) is neither, a header (in
    # soccer) no head; "labor" is first the working class (the Index's Labor is the obstetric one)
    assert "cast" not in derived_stems(base_stem("casters"))
    assert "head" not in derived_stems(base_stem("header"))
    assert "labor" not in derived_stems(base_stem("laborer"))
    # a happening's noun is still read ("deprived" / deprivation, "died" / death)
    assert "deprivat" in derived_stems(base_stem("deprived")) and "death" in derived_stems(base_stem("died"))


def test_a_caster_is_no_cast_of_the_urine(codebook: CodeBook) -> None:
    # (R82.998 Other abnormal findings in urine - Index: Findings, abnormal, urine, casts - was among the hits)
    hits = find_codes(codebook, "desk chair with casters", limit=5)
    assert all(h.code != "R82.998" for h in hits), [(h.code, h.why) for h in hits]
