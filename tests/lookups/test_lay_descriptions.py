"""A condition a patient describes without naming it, read as the Index line whose words the sentence says
(issue #10, lay18: bot.lookups.index.lay_descriptions). Queries are made up for these tests, not taken from the
benchmark sets: each describes a condition by the words the Index prints for it (a shape, a colour, a part, a
trigger, who), with none of the vocabulary's lay phrases for it."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.lay_descriptions import describing_words, word_forms
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # colour + part through their combining forms: Leukonychia, Xanthelasma
        ("my fingernail has white spots", "L60.8"),
        ("a yellowish flat spot on my eyelid", "H02.60"),
        # a texture the Index prints on a part's line: Thickening, nail
        ("my toenails got thick and hard to cut", "L60.2"),
        # who said as a person: Dirt-eating child; when said as night: Sleep, terrors
        ("my son eats dirt from the garden every day", "F98.3"),
        ("my daughter wakes up screaming at night and can't be calmed", "F51.4"),
        # the part and side said, with a subterm word: Trichiasis, right, upper
        ("my eyelashes grow inward and scratch my right upper eyelid", "H02.051"),
        # over a partial answer that left the telling word unused: Pain, elbow (not used: golf)
        ("my right elbow hurts on the inside since I took up golf", "M77.01"),
        # over the external cause a story reading found: Swimmer's, itch
        ("itchy bumps on my ankles after wading in the pond", "B65.3"),
        # a function said missing: Appetite, lack or loss
        ("my son has no appetite for a week and looks pale", "R63.0"),
        # an answer's Index line refined by the subterm a word it left says: Enuresis -> Enuresis, nocturnal
        ("my grandson still wets the bed at night", "N39.44"),
        # the Index's adjective for a colour or a look, a change of size or shape (_LAY_DESCRIPTORS):
        # Spots, purpuric; Pitting, nail; Hypertrophy, breast
        ("my grandma has little purple dots on her forearms", "R23.3"),
        ("little dents in my fingernails", "L60.8"),
        ("my husband's breast tissue keeps growing on one side", "N62"),
        # a site said in everyday words by the Latin of the condition's name: Pediculosis, capitis
        ("nits in my son's hair", "B85.0"),
    ],
)
def test_a_described_condition_is_answered_by_the_index_line_saying_it(
    codebook: CodeBook, query: str, code: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


@pytest.mark.parametrize(
    "query",
    [
        # "bright" is no Bright's disease, "toenail growing into the skin" stays the vocabulary's Ingrowing nail
        "my cheeks are bright red and hot",
        "toenail growing into the skin on my little toe, red and sore",
    ],
)
def test_a_name_or_a_lay_phrase_is_not_overruled_by_a_description(codebook: CodeBook, query: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert not hits or "described:" not in hits[0].why, hits[0].why


def test_describing_words_leave_out_who_when_and_what_is_negated() -> None:
    words, sides, _ = describing_words("my 4 yo son's left knee hurts at night, not swollen, no voice")
    assert words == ["knee", "hurts", "night", "voice", "loss"]
    assert sides == ["left"]


def test_word_forms_reach_the_doer_and_the_adjective() -> None:
    assert "golfer" in word_forms("golfing")
    assert "swimmer" in word_forms("swimming")
    assert "itch" in word_forms("itchy")


def test_lay_descriptors_reach_the_index_adjective() -> None:
    assert "purpur" in " ".join(word_forms("purple"))
    assert "pit" in " ".join(word_forms("dents"))
    assert "conic" in " ".join(word_forms("cone"))


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # a part's joining, number or bend said plainly, through the clinical word's forms (lay23)
        ("my son's fingers are joined together", "Q70.9"),
        # the Index's own word said ("fused") keeps its line: Fusion, fingers, not Syndactyly
        ("my son's fingers are fused together", "Q70.00"),
        ("she was born with an extra toe", "Q69.2"),
        ("noises hurt my ears, everything is too loud", "H93.239"),
        # a patient's body, not a supply: an item found by its title's words gives way (Special base curve)
        ("my back is curved", "M43.9"),
        # another inflection of a listed descriptor ("caves" for "caved"): Funnel chest / Pectus excavatum
        ("my son's chest caves in", "M95.4"),
    ],
)
def test_a_part_said_joined_extra_or_too_loud_reads_the_clinical_word(
    codebook: CodeBook, query: str, code: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


def test_the_index_nec_of_a_described_line_is_no_word_to_look_up(codebook: CodeBook) -> None:
    # ("Counseling, abuse NEC": "nec" is the vocabulary's necrotizing enterocolitis)
    found = find_codes(codebook, "counseling session for a child who was abused by her dad")
    assert found and not any(h.code.startswith("K55") for h in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "dark blotchy patches on my cheeks since I got pregnant",
        "my right elbow hurts on the inside since I took up golf",
        "my grandma has little purple dots on her forearms",
    ],
)
def test_only_lines_under_a_said_main_term_are_read(codebook: CodeBook, sentence: str) -> None:
    # (speed, no answer changes: `describe` reads a line only when the sentence says its main term; the main
    # terms are found by the Index's nested line numbers, and must be the ones the lines' paths begin with)
    from bot.lookups.index.lay_descriptions import (
        _Postings,
        _read_path,
        _read_sentence,
        _under_said_heads,
    )
    from bot.lookups.index.words import stem
    from bot.lookups.search import searcher_for

    searcher = searcher_for(codebook)
    tree = searcher.index_tree()
    sites = lambda word: stem(word) in searcher.body_sites()  # noqa: E731
    postings = _Postings(tree)
    read = _read_sentence(sentence, postings, searcher.vocabulary, sites)
    assert read is not None
    lines = {n for fs in read.forms.values() for f in fs & read.said_forms for n in postings.cm_lines(f)}
    assert lines
    kept = _under_said_heads(tree, lines, read, sites)
    by_path = {
        n
        for n in lines
        if (path := tree.path(n)) and _read_path(path[:1], read, sites, head=True) is not None
    }
    assert kept == by_path and kept < lines
