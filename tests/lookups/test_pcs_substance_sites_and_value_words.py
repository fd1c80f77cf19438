"""A substance put into an organ is an Administration into the site of the organ's body system
(pcs_substance_sites); a body part or a blood cell said in everyday words is read as the tables' word through
WordNet (pcs_value_words); a procedure said by its everyday name is read as the Index's clinical name WordNet gives
(pcs_procedure_names)."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_value_words import value_word_alternatives
from bot.lookups.search import find_codes, searcher_for


@pytest.mark.parametrize(
    ("query", "want"),
    [
        ("interscalene brachial plexus block with ropivacaine", "3E0T3BZ"),  # Peripheral Nervous System
        ("gentamicin instilled into the bladder", "3E0K729"),  # Urinary System: Genitourinary Tract
        ("lidocaine injected into the trapezius muscle", "3E023BZ"),
        ("steroid nasal spray given", "3E0973Z"),  # nasal -> nose (WordNet), the site's own name
        ("Synvisc knee injection", "J7325"),  # a product and a region only: its HCPCS line
    ],
)
def test_a_substance_into_an_organ_is_given_into_its_systems_site(
    codebook: CodeBook, query: str, want: str
) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == want, (query, [h.code for h in hits])


def test_everyday_body_words_read_as_the_tables_words(codebook: CodeBook) -> None:
    searcher = searcher_for(codebook)
    read = value_word_alternatives(
        codebook.db.conn,
        searcher.wordnet(),
        ["open", "biopsy", "right", "cheekbone", "white", "cell", "left", "atrium", "femur"],
        {},
    )
    assert read["cheekbone"][:2] == ["zygomatic", "bone"]
    assert "leukocyte" in read["cell"]
    assert "atrium" not in read  # the tables' own word: no "Atrial Septum"
    assert "femur" not in read  # printed by the tables ("Upper Femur")


def test_an_adjective_reads_as_the_body_part_noun_it_pertains_to(codebook: CodeBook) -> None:
    # WordNet: "mandibular" pertains to the mandible, "orbital" to the orbit; the tables print the nouns
    # ("Right Mandible", "Left Orbit"); "adrenal" is the tables' own word ("Left Adrenal Gland").
    read = value_word_alternatives(
        codebook.db.conn, searcher_for(codebook).wordnet(), ["mandibular", "orbital", "adrenal", "biopsy"], {}
    )
    assert "mandible" in read["mandibular"]
    assert "orbit" in read["orbital"]
    assert "adrenal" not in read


@pytest.mark.parametrize(
    ("query", "want"),
    [
        # "Condylectomy see Excision, Head and Facial Bones 0NB": the mandible the adjective names (Right Mandible)
        ("right mandibular condylectomy, open", "0NBT0ZZ"),
        ("endoscopic bx of the left orbital bone", "0NBQ4ZX"),  # "Excision, Orbit, Left", not Parietal Bone
        ("vaginal wall repair, open", "0UQG0ZZ"),  # "Repair, Vagina", not "Repair, Chest Wall"
    ],
)
def test_a_procedure_on_a_body_part_told_by_its_adjective(codebook: CodeBook, query: str, want: str) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == want, (query, [h.code for h in hits])


@pytest.mark.parametrize(
    ("query", "want"),
    [
        ("open biopsy of the right shinbone", "0QBG0ZX"),  # "shin bone" is first a cut of beef
        ("resection of the voice box, open", "0CTS0ZZ"),
        ("therapeutic white cell pheresis, single", "6A550Z1"),
    ],
)
def test_a_procedure_on_a_body_part_said_in_everyday_words(codebook: CodeBook, query: str, want: str) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == want, (query, [h.code for h in hits])


@pytest.mark.parametrize(
    ("query", "want"),
    [
        (
            "tummy tuck, open",
            "0W0F0ZZ",
        ),  # WordNet: abdominoplasty, tummy tuck (Abdominoplasty - see Alteration)
        ("freeing up left fallopian tube through the scope", "0UN68ZZ"),  # freeing, release (Release)
    ],
)
def test_a_procedure_said_by_its_everyday_name(codebook: CodeBook, query: str, want: str) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == want, (query, [h.code for h in hits])


@pytest.mark.parametrize(
    ("query", "want"),
    [
        ("blepharoplasty of right upper eyelid, cosmetic", "080NXZZ"),  # Alteration: to improve appearance
        ("cosmetic surgery consult", "Z41.1"),  # no procedure done; WordNet's loose kin of "face lift" unread
    ],
)
def test_an_operation_for_appearance_is_an_alteration(codebook: CodeBook, query: str, want: str) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == want, (query, [h.code for h in hits])
