"""A HCPCS item asked in its descriptor's own words when no other reading answered: the long descriptor is
the code's meaning, the short descriptor an abbreviation of it (bot/lookups/index/descriptor_reading.py)."""

from __future__ import annotations

import json

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.descriptor_reading import (
    DescriptorIndex,
    answers,
    build_descriptor_index,
    build_short_forms,
    covered,
    decode_short_forms,
    descriptor_stems,
    encode_short_forms,
    learn_initialisms,
    read_words,
    without_examples,
)
from bot.lookups.search import find_codes


def test_an_initialism_is_learnt_from_a_short_descriptor_and_its_own_long_descriptor() -> None:
    pairs = [
        (
            "Sgd prerec msg > 40 min",
            "Speech generating device, digitized speech, using pre-recorded messages",
        ),
        ("Sgd synth, spell", "Speech generating device, synthesized speech, requiring message formulation"),
        ("Ankle wo brace", "Ankle orthosis with or without joints"),  # ("with or": linking words, no name)
        ("Hd wheelchair seat", "Heavy duty wheelchair seat"),
        ("Hd walker", "Walker, heavy duty, wheeled"),  # (the initials need not open the descriptor)
    ]
    learnt = learn_initialisms(pairs)
    assert learnt["sgd"] == ("speech", "generating", "device")
    assert learnt["hd"] == ("heavy", "duty")
    assert "wo" not in learnt


def test_a_closed_compound_reads_the_descriptors_open_or_hyphenated_one() -> None:
    held = descriptor_stems(["Wheel chair, swing away elevating leg rests, pre-recorded"])
    words = read_words(
        ["wheelchair", "legrests", "prerecorded"], {}, {}, lambda w: (), lambda w: False, held.__contains__
    )
    got, required, _ = covered(words, held)
    assert got == required == 3


def test_all_required_words_but_one_are_read() -> None:
    words = read_words(
        ["hd", "walker", "wheeled", "per", "each"],
        {},
        {"hd": ("heavy", "duty")},
        lambda w: (),
        lambda w: w in {"per", "each"},
    )
    held = descriptor_stems(["Walker, heavy duty, wheeled, rigid or folding, any type"])
    got, required, _ = covered(words, held)
    assert (got, required) == (3, 3) and answers(got, required)
    assert not answers(2, 3)  # (two words read are too few to name an item)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # E1092 "Wide heavy duty wheel chair, ... elevating leg rests": "hd" is the initials the short
        # descriptors print for "heavy duty" ("Hd walker"), "legrests" is "leg rests" closed, "wc" wheelchair
        ("wide hd wc with elevating legrests", "E1092"),
        # E2500 "Speech generating device, digitized speech, using pre-recorded messages, less than or equal to
        # 8 minutes recording time" (short "Sgd prerec msg <= 8 min": "msg" abbreviates "messages")
        ("speech generating device prerecorded msgs under 8 min", "E2500"),
        # L3730 "Elbow orthosis, ... extension/ flexion assist, custom fabricated": a brace is an orthosis
        ("custom made elbow brace with flexion assist", "L3730"),
        # B4153 "Enteral formula, nutritionally complete, hydrolyzed proteins ... 100 calories = 1 unit"
        ("enteral formula hydrolyzed proteins per 100 cal", "B4153"),
        # A5056 "Ostomy pouch, drainable, with extended wear barrier attached, with filter, (1 piece), each": a
        # count spelt out is the figure the descriptor prints
        ("one piece ostomy bag drainable extended wear with filter", "A5056"),
    ],
)
def test_a_query_nothing_else_answered_is_read_in_the_descriptors_words(
    codebook: CodeBook, query: str, code: str
) -> None:
    found = find_codes(codebook, query)
    assert found and found[0].code == code
    assert found[0].why.startswith("descriptor:")


def test_words_no_descriptor_holds_stay_unanswered(codebook: CodeBook) -> None:
    # (office talk: at most two of its words are in any one descriptor)
    assert not find_codes(codebook, "copier jammed again on the second floor")


@pytest.mark.parametrize(
    ("query", "family"),
    [
        # G0296 "Counseling visit to discuss need for lung cancer screening using low dose ct scan (ldct) (service
        # is for eligibility determination and shared decision making)": it reads every word; not Z12.2, which
        # says it leaves "ldct", "shared" and "decision" unread
        ("lung cancer screening ldct shared decision visit", "G0296"),
    ],
)
def test_an_item_named_in_a_descriptors_words_is_billed_before_the_condition_beside_it(
    codebook: CodeBook, query: str, family: str
) -> None:
    found = find_codes(codebook, query)
    assert found[0].code.startswith(family) and found[0].why.startswith("descriptor:")
    assert any(h.system == "ICD-10-CM" for h in found[1:])  # (the condition's code follows)


def test_a_procedure_a_hcpcs_line_reading_every_word_and_a_condition_keep_their_place(
    codebook: CodeBook,
) -> None:
    assert find_codes(codebook, "foley catheter insertion")[0].system == "ICD-10-PCS"  # (not the tray, A4315)
    assert find_codes(codebook, "home sleep apnea test")[0].code != "G8840"  # (a quality-data line)
    # (one word a condition's code leaves is its own detail, the grade: not G9077 "Oncology; disease status;
    # prostate cancer, ... gleason score ...", a quality-data line)
    assert find_codes(codebook, "prostate cancer gleason 6")[0].code == "C61"
    # (the item's head noun, "exam", unread by S9996 "Meals for clinical trial participant and one caregiver")
    assert find_codes(codebook, "exam of a clinical trial participant")[0].code == "Z00.6"
    # (words of an "(e.g., ...)" list illustrate a descriptor, no part of its meaning: not G8880 "Documentation of
    # reason(s) sentinel lymph node biopsy not performed (e.g., ... prophylactic mastectomy ...)")
    assert find_codes(codebook, "BRCA positive, prophylactic mastectomy")[0].code == "Z40.01"


def test_an_examples_list_is_no_part_of_a_descriptor() -> None:
    text = "Biopsy not performed (e.g., cancer (ln) on mastectomy, node positive), per visit"
    assert without_examples(text) == "Biopsy not performed , per visit"


def test_the_descriptor_index_is_stored_and_read_back(codebook: CodeBook) -> None:
    built = build_descriptor_index(codebook.db.conn)
    back = DescriptorIndex.decode(json.loads(json.dumps(built.encode())))
    assert back == built and "E1092" in back.codes and back.prints("legrest")
    forms = build_short_forms(codebook.db.conn)
    assert decode_short_forms(json.loads(json.dumps(encode_short_forms(forms)))) == forms
    assert forms[1]["hd"] == ("heavy", "duty") and forms[0]["msg"] == "messages"


def test_a_descriptor_reading_answers_before_lines_the_search_was_not_confident_of(
    codebook: CodeBook,
) -> None:
    # the search's closest line only ("Problem, social, support": Z60.8, with its "No confident match" notice);
    # L3060 "Foot, arch support, removable, premolded, longitudinal/metatarsal, each" reads every word but one
    hits = find_codes(codebook, "foot support longitudinal metatarsal pair")
    assert hits[0].code == "L3060"
    assert not hits.notice
