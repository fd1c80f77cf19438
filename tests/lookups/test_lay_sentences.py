"""A patient's whole sentence read as the lay phrase its words say in any order (issue #10, lay17:
bot.lookups.index.lay_sentences): the phrase's words found with other words between and in another order, a
body part said elsewhere kept as the Index's subterm, a side kept, negated words never matched, and the words
not used said. Queries are made up for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.lay_sentences import LaySentence, answers_meaning, read_lay_sentence, said_stem
from bot.lookups.index.vocabulary import Vocabulary
from bot.lookups.search import find_codes

_VOCABULARY = Vocabulary.read(
    "term\tkind\tmeans\n"
    "getting up at night to pee\tlay\tnocturia\n"
    "pee a lot\tlay\tfrequency micturition\n"
    "lump in neck\tlay\tmass neck\n"
    "lump\tlay\tmass\n"
    "zits\tlay\tacne\n"
    "stung\tlay\tsting\n"
    "tripped\tlay\tfall tripping\n"
    "tingly\tlay\tparesthesia\n"
    "seasick\tlay\tmotion sickness\n"
    "ears ring\tlay\ttinnitus\n"
    "dripping sweat\tlay\thyperhidrosis\n"
    "can't pee\tlay\tretention urine\n"
    "cant fall asleep\tlay\tinsomnia\n"
    "stomach ache\tlay\tpain abdominal\n"
    "itchy butt\tlay\tpruritus anus\n"
    "swollen red gums\tlay\tgingivitis\n"
)
_PARTS = frozenset({"neck", "face", "cheek", "knee", "knees", "ear", "ears", "legs", "little", "back"})


def _read(text: str) -> LaySentence | None:
    return read_lay_sentence(text, _VOCABULARY, _PARTS.__contains__)


def test_the_phrase_is_found_in_any_order_with_words_between() -> None:
    read = _read("I get up four times a night to pee")
    assert read is not None and read.means == "nocturia" and read.unused == ()


def test_the_phrase_covering_the_most_words_wins_and_the_part_said_elsewhere_is_kept() -> None:
    read = _read("soft lump on the side of my neck that moves when I press it")
    assert read == LaySentence("lump in neck", "mass neck", (), (), ("soft", "side", "moves", "press"), 2)
    read = _read("a lump came up on my cheek last week")
    assert read is not None and read.means == "mass" and read.sites == ("cheek",)
    assert read.readings() == ["mass cheek", "mass"]


def test_a_phrase_needs_its_own_degree_and_negation_words() -> None:
    assert _read("it hurts when I pee at work") is None  # no "a lot", no "can't"
    read = _read("I pee a lot after coffee")
    assert read is not None and read.means == "frequency micturition"


def test_negated_words_are_never_matched_and_a_phrase_is_said_in_one_clause() -> None:
    assert _read("painful bump on my eyelid, not a lump") is None
    assert _read("lump in the armpit, stiff neck") is None


def test_a_phrase_saying_a_negation_is_said_by_its_negated_clause() -> None:
    read = _read("I can't ever fall asleep at night")
    assert read is not None and read.means == "insomnia" and read.unused == ()
    read = _read("my dad cannot pee since yesterday")  # "cannot", "unable to": the same negation as "can't"
    assert read is not None and read.means == "retention urine"
    # The negation governs the word right after it: "can't stop yawning" says no "can't fall asleep".
    assert _read("I can't stop yawning at night when I fall asleep") is None


def test_a_phrase_is_said_in_the_other_everyday_words_for_the_same_thing() -> None:
    read = _read("my tummy hurts every night after dinner")  # tummy / stomach, hurts / ache
    assert read is not None and read.means == "pain abdominal" and read.unused == ("dinner",)
    read = _read("my gums bleed and are puffy and red")  # puffy / swollen
    assert read is not None and read.means == "gingivitis"
    # The answer left the meaning the vocabulary read: the reading is over it, whatever word it went by.
    assert read.missed_by(
        "Index: Bleeding -> see Hemorrhage, gum -> K06.8 (vocabulary: gums bleed -> gingivitis)"
    )
    assert not read.missed_by("Index: Bleeding -> see Hemorrhage, gum -> K06.8")


def test_an_empty_word_says_no_word_of_a_phrase() -> None:
    assert _read("my legs feel itchy but only at night") is None  # "but" is no "butt"
    read = _read("my butt is really itchy at night")
    assert read is not None and read.means == "pruritus anus"


def test_a_side_said_anywhere_stays_and_a_plural_pair_in_the_phrase_says_both() -> None:
    read = _read("ears ring all day, left worse")
    assert read is not None and read.readings() == ["tinnitus left"]
    read = _read("my ears ring after every concert")
    assert read is not None and read.sides == ("bilateral",)


def test_a_one_word_phrase_only_in_a_sentence_saying_little_else() -> None:
    read = _read("zits all over my face and back")
    assert read is not None and read.means == "acne" and read.sites == ("face",)  # "back" is no part here
    assert _read("fire ant stings all over toddler's legs") is None  # a word form: "stung" -> sting
    read = _read("I always get seasick")  # said as typed: "trip" is no "tripped"
    assert read is not None and read.means == "motion sickness"
    assert _read("I get seasick on every trip") is None
    assert _read("the kids are puking and have runs") is None  # two complaints
    assert _read("tripped over the dog, tingled then blistered") is None
    assert _read("zits after eating greasy pizza and fries with cheese") is None


def test_a_word_is_read_in_any_of_its_forms() -> None:
    assert said_stem("dripping") == said_stem("drip")
    assert said_stem("sweaty") == said_stem("sweat")
    assert said_stem("flaky") == said_stem("flakes")
    read = _read("my palms drip sweat all the time")
    assert read is not None and read.means == "hyperhidrosis"


def test_only_an_index_path_through_the_meaning_answers_it() -> None:
    assert answers_meaning("acne", "Index: Acne -> L70.9")
    assert not answers_meaning("acne", "title: Chest shell")
    assert not answers_meaning("edema", "inclusion term: Pressure pre-ulcer skin changes limited to edema")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("I have to sleep propped up on three pillows at night", "R06.01"),  # Orthopnea
        ("thick scaly plaques keep showing up on both my knees", "L40.9"),  # Psoriasis
        ("my dad's fingers go white and numb out in the cold", "I73.00"),  # Raynaud's
        ("there is pain in the ball of my left foot after running", "M77.42"),  # Metatarsalgia, left
        ("my wife has a rash under both breasts every summer", "L30.4"),  # Intertrigo
        ("my mom's nails are thick and discolored on her toes", "B35.1"),  # Onychomycosis
        ("I keep seeing flashes of light in the corner of my right eye", "H53.19"),  # Photopsia
        ("my husband's ankles puff up after a long flight", "R60.0"),  # lay17: Edema, localized
        ("my son keeps pulling his hair out when he is stressed", "F63.3"),  # lay17: Hair-pulling
        ("my grandma cannot fall asleep at night anymore", "G47.00"),  # a negated phrase: Insomnia
        ("my husband's big toe leans toward his other toes", "M20.10"),  # leans / drifting: Hallux valgus
        ("my little brother barfed twice after lunch", "R11.10"),  # lay19 vocabulary: Vomiting
    ],
)
def test_lay_sentences_find_their_index_line(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected


def test_a_phrase_said_loosely_is_read_over_an_answer_that_missed_it(codebook: CodeBook) -> None:
    # As typed, "rash" alone answers (R21); the loose "rash ... new soap" says contact dermatitis.
    first = find_codes(codebook, "she gets a rash every time she uses a new soap", limit=5)[0]
    assert first.code == "L25.9"
    read = _read("I get up four times a night to pee")
    assert read is not None and read.missed_by("Index: Urination, frequent -> R35.0")
    assert not read.missed_by("Index: Nocturia -> R35.1")
    one = _read("zits all over my face")
    assert one is not None and not one.missed_by("title: Face shell")  # one word: the vocabulary read it


def test_the_reading_and_the_words_not_used_are_said(codebook: CodeBook) -> None:
    first = find_codes(codebook, "I have to sleep propped up on three pillows at night", limit=5)[0]
    assert "read: have to sleep propped up -> orthopnea" in first.why
    assert "not used: pillows" in first.why


@pytest.mark.parametrize(
    "query", ["my printer keeps jamming every time I print", "the coffee machine at work is broken again"]
)
def test_office_noise_still_gets_no_answer(codebook: CodeBook, query: str) -> None:
    assert not find_codes(codebook, query, limit=5)
