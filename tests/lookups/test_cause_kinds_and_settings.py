"""External causes told by their kind (fires, overexertion, the person's status) and settings told beside a
cause that names no line of its own (issue #10, round 17).

Every query here is made up for these tests (none is in a benchmark set); each expected code is the one the
External Cause Index path named in the comment leads to.
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.cause_kinds import fire_kind, overexertion, status_kind
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("lineman hurt in a brush fire", "exposure fire uncontrolled not in building or structure"),
        ("smoke inhalation escaping an apartment fire", "exposure fire uncontrolled in building or structure with smoke inhalation"),
        ("burned roasting marshmallows over the bonfire", "exposure fire controlled not in building or structure"),
        ("fire alarm test", None),  # no one hurt
        ("lifting heavy crates all day, hurt back", "overexertion from strenuous movement or load"),
        ("low back strain from lifting heavy boxes", None),  # the strain is the answer
        ("hunched over a laptop for hours, neck ache", "overexertion from prolonged static or awkward postures"),
        ("repetitive motions on the packing line", "overexertion from repetitive movements"),
        ("unpaid volunteer coaching little league", "external cause status volunteer activity"),
        ("building a birdhouse as a hobby", "external cause status hobby not done for income"),
    ],
)
def test_a_cause_told_by_its_kind_reads_as_its_line(text: str, words: str | None) -> None:
    read = fire_kind(text) or overexertion(text) or status_kind(text)
    assert (read[0] if read else None) == words


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Exposure, fire, uncontrolled, not in building or structure
        ("forest ranger burned in a grass fire", "X01.0XXA"),
        # Exposure, fire, uncontrolled, in building or structure, with smoke inhalation
        ("smoke inhalation escaping an apartment fire", "X00.1XXA"),
        # Exposure, fire, controlled, not in building or structure
        ("burned roasting marshmallows over the bonfire", "X03.0XXA"),
        # Overexertion, from, prolonged static or awkward postures
        ("hunched over a laptop for hours, neck ache", "X50.1XXA"),
        # Overexertion, from, repetitive movements
        ("repetitive motions on the packing line", "X50.3XXA"),
        # Overexertion, from, strenuous movement or load
        ("hurt shoulder pushing a stalled car, overexertion", "X50.0XXA"),
        # External cause status, volunteer activity
        ("hurt while volunteering at the animal shelter", "Y99.2"),
        # External cause status, hobby not done for income
        ("hobby pottery in the garage, not for pay", "Y99.8"),
    ],
)
def test_a_cause_told_by_its_kind_finds_the_code(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected
