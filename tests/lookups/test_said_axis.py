"""The value the query says on the axis the first answer's title leaves unspecified (bot.lookups.index.said_axis;
issue #10, guidelines I.A.9.b and I.B.1), and the chart notation that says it: a disc's two levels as the Index
prints them, a side letter before an ordinal, a finger counted, the charts' short encounter words. Queries are
made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.said_axis import axis_choice, open_part
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes

_HODGKIN = [
    ("C8140", "Lymphocyte-rich Hodgkin lymphoma, unspecified site"),
    ("C8141", "Lymphocyte-rich Hodgkin lymphoma, lymph nodes of head, face, and neck"),
    ("C8142", "Lymphocyte-rich Hodgkin lymphoma, intrathoracic lymph nodes"),
    ("C8143", "Lymphocyte-rich Hodgkin lymphoma, intra-abdominal lymph nodes"),
    ("C8144", "Lymphocyte-rich Hodgkin lymphoma, lymph nodes of axilla and upper limb"),
    ("C8145", "Lymphocyte-rich Hodgkin lymphoma, lymph nodes of inguinal region and lower limb"),
]


def test_the_open_part_of_a_title() -> None:
    assert open_part("Other cervical disc displacement, unspecified cervical region") == content_stems(
        "cervical region"
    )
    assert open_part("Osteitis deformans of unspecified bone") == content_stems("bone")
    assert open_part("Atherosclerosis of aorta") == frozenset()


def test_a_site_said_by_one_member_of_a_listed_value() -> None:
    said = content_stems("lymphocyte-rich hodgkin lymphoma axilla lymph node")
    choice = axis_choice(_HODGKIN[0], _HODGKIN, said)
    assert choice is not None and choice.code == "C8144" and "axilla" in choice.words
    # "head" of "head, face, and neck" when the face is said
    face = axis_choice(_HODGKIN[0], _HODGKIN, content_stems("hodgkin lymphoma face"))
    assert face is not None and face.code == "C8141"


def test_conditions_joined_by_and_are_no_list_of_sites() -> None:
    first = (
        "K5792",
        "Diverticulitis of intestine, part unspecified, without perforation or abscess without bleeding",
    )
    family = [
        first,
        (
            "K5780",
            "Diverticulitis of intestine, part unspecified, with perforation and abscess without bleeding",
        ),
    ]
    assert axis_choice(first, family, content_stems("diverticulitis abscess")) is None


def test_a_side_alone_names_no_site_and_two_values_said_as_much_choose_none() -> None:
    first = ("M889", "Osteitis deformans of unspecified bone")
    family = [
        first,
        ("M88812", "Osteitis deformans of left shoulder"),
        ("M88872", "Osteitis deformans of left ankle and foot"),
    ]
    assert axis_choice(first, family, content_stems("osteitis deformans left")) is None
    choice = axis_choice(first, family, content_stems("osteitis deformans left foot"))
    assert choice is not None and choice.code == "M88872"


def test_a_kind_word_of_another_subcategory_is_no_frame() -> None:
    # "suppurative", printed by many H66.0 codes, is no frame of H66.92's axis: "acute" does not say it
    first = ("H6692", "Otitis media, unspecified, left ear")
    family = [
        first,
        ("H66002", "Acute suppurative otitis media without spontaneous rupture of ear drum, left ear"),
        ("H66012", "Acute suppurative otitis media with spontaneous rupture of ear drum, left ear"),
        (
            "H66005",
            "Acute suppurative otitis media without spontaneous rupture of ear drum, recurrent, left ear",
        ),
        (
            "H66015",
            "Acute suppurative otitis media with spontaneous rupture of ear drum, recurrent, left ear",
        ),
    ]
    assert axis_choice(first, family, content_stems("otitis media left ear acute")) is None


def test_a_word_the_query_negates_says_no_value() -> None:
    first = ("L0390", "Cellulitis, unspecified")
    family = [first, ("L03211", "Cellulitis of face")]
    said = content_stems("cellulitis not of the face")
    assert axis_choice(first, family, said, refused=content_stems("face")) is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the adjective read as the noun it pertains to (WordNet), the value of L03's site axis
        ("facial cellulitis after a scratch", "L03.211"),
        # a disc's two levels as the Index and the Tabular print them ("at C5-C6 level")
        ("C5-6 disc herniation", "M50.222"),
        ("C6-7 disc degeneration", "M50.323"),
        # the charts' short encounter words
        ("dog bite of left forearm, subs enc", "S51.852D"),
        # a side letter before an ordinal is a side, not a spinal level
        ("fracture of L 5th metacarpal", "S62.307A"),
        # a finger counted from the thumb, whatever the condition
        ("trigger finger R 3rd finger", "M65.331"),
    ],
)
def test_the_axis_value_said(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected


def test_the_why_names_the_value_said(codebook: CodeBook) -> None:
    first = find_codes(codebook, "facial cellulitis after a scratch", limit=5)[0]
    assert "the value said (face)" in first.why


def test_a_spinal_level_alone_stays_a_level(codebook: CodeBook) -> None:
    # "L 4" is the fourth lumbar level, no left side
    assert "side: L" not in find_codes(codebook, "L 4 radiculopathy", limit=5)[0].why


def test_no_value_drops_a_word_the_query_says() -> None:
    first = ("V093XXA", "Pedestrian injured in unspecified traffic accident, initial encounter")
    family = [first, ("V099XXA", "Pedestrian injured in unspecified transport accident, initial encounter")]
    said = content_stems("pedestrian hurt in a traffic transport accident")
    assert axis_choice(first, family, said) is None


def test_an_other_residual_says_no_value() -> None:
    first = ("I7090", "Unspecified atherosclerosis")
    family = [first, ("I708", "Atherosclerosis of other arteries"), ("I700", "Atherosclerosis of aorta")]
    assert axis_choice(first, family, content_stems("atherosclerosis of the arteries")) is None
    choice = axis_choice(first, family, content_stems("atherosclerosis of the aorta"))
    assert choice is not None and choice.code == "I700"


def test_a_word_the_first_negates_is_said_only_as_printed() -> None:
    first = ("G40909", "Epilepsy, unspecified, not intractable, without status epilepticus")
    family = [first, ("G40901", "Epilepsy, unspecified, not intractable, with status epilepticus")]
    assert axis_choice(first, family, content_stems("epileptic seizure")) is None
