"""The PHI guard's decision takes less work than its full scan and decides the same.

`phi.check_fields` (every relay field) and `/code` only decide and say why: `phi.find_phi(text,
first_name_only=True)` gives the first hit of each kind in the order of the full scan's hits, without reading
past what decides that, merging or making the other hits; the workflow step only asks whether there is any
(`phi.contains_phi`, which stops at the first). Displays that list what was found (`phi.redact`) keep the full
`phi.find_phi`. Here both are held to the full scan over the labelled corpus, generated texts and adversarial ones (long runs of labels,
dates, name-like pairs, characters that NFKC turns into ASCII, zero-width and right-to-left characters), by a
seeded generator and by hypothesis (derandomized: every run tries the same examples). The candidate filters
behind them (words that can start a name, labels a value can follow) are held to their plain counterparts
over the same adversarial texts. Times are measured by bench/phi_corpus.py, never here.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.relay import phi
from tests.relay.phi_corpus import CLINICAL, IDENTIFIERS, load
from tests.relay.test_phi_scans import _PIECES, _SEPARATORS, _generated, _name_hits_over_every_word

# Characters that change length or vanish when normalised, that NFKC turns into ASCII letters or words, that
# reorder the text, and accented letters (which let any capitalised pair be a name).
_ODD = [
    "\u2163", "\u2160", "\u216b", "\u2121", "\u2116", "\uff50\uff54", "\uff29\uff30", "\ufb01", "\ufb03", "\u00bd",
    "\u200b", "\u200d", "\ufeff", "\u202e", "\u202c", "\u2069", "\u00e9", "\u00c9a", "Jos\u00e9", "\u00df",
    "\u0142", "\u00a0", "\u2013", "\u2019", "\uff11\uff12\uff13",
]  # fmt: skip
_UNITS = [
    "DOB pt MRN 1 ", "pt,", "IP,", "DOB, 23-Mar-1935.", "\u2163 ", "\u2121 ", "MRN 12 ", "DOB 1 ", "DOB 1/1 ",
    "DOB\u200b 1/1 ", "Maria Lopez, NP ", "Lee Lee ", "Ab Cd ", "Ab, Cd; ", "Name, ", "Mrs, ", "pt is ",
    "03/03/1950 ", "123-45-6789 ", "95 yo(", "MRN 00482913 ", "call 555-0147 ", "1 Main St ", "x\u200b",
]  # fmt: skip


def _adversarial(count: int, seed: int) -> list[str]:
    """Units repeated to a few hundred or thousand characters, some with odd characters or an identifier
    mixed in, and short mixes of labels, numbers, names and odd characters (fixed seed)."""
    rng = random.Random(seed)
    pieces = [*_PIECES, *_ODD, *_UNITS]
    texts = []
    for _ in range(count):
        if rng.random() < 0.5:
            unit = "".join(rng.choice(pieces) + rng.choice(_SEPARATORS) for _ in range(rng.randint(1, 3)))
            text = unit * rng.randint(2, max(2, 1_500 // len(unit)))
            for _ in range(rng.randint(0, 3)):  # something else somewhere in the run
                at = rng.randrange(len(text) + 1)
                text = text[:at] + rng.choice(pieces) + text[at:]
        else:
            text = "".join(rng.choice(pieces) + rng.choice(_SEPARATORS) for _ in range(rng.randint(1, 40)))
        texts.append(text)
    return texts


def _first_of_each_kind_in_full(text: str) -> list[phi.PhiHit]:
    """The first hit of each kind in the full scan's order (every format hit, the first name): what deciding
    used to read off every hit, merged."""
    normal, spans = phi._found(text, first_name_only=True)
    firsts: dict[phi.PhiKind, phi.PhiHit] = {}
    for start, neg_end, _, kind in phi._keyed(normal, spans, len(text)):
        firsts.setdefault(kind, phi.PhiHit(kind, start, -neg_end))
    return list(firsts.values())


def _agrees_with_the_full_scan(text: str) -> None:
    full = phi.find_phi(text)
    expected = _first_of_each_kind_in_full(text)
    deciding = phi.find_phi(text, first_name_only=True)
    assert deciding == expected, text
    assert {hit.kind for hit in deciding} == {hit.kind for hit in full}, text
    assert phi.contains_phi(text) == bool(full), text
    refusal = {"question": phi.describe("question", expected)} if expected else {}
    assert phi.check_fields({"question": text}) == refusal, text


@pytest.fixture(scope="module")
def adversarial() -> list[str]:
    return _adversarial(400, seed=1415)


def test_the_decision_agrees_with_the_full_scan_on_the_corpus_and_generated_texts() -> None:
    texts = [row.text for row in load(IDENTIFIERS) + load(CLINICAL)] + _generated(400, seed=15)
    refused = 0
    for text in texts:
        _agrees_with_the_full_scan(text)
        refused += bool(phi.find_phi(text))
    assert refused > 400  # both verdicts are exercised


def test_the_decision_agrees_with_the_full_scan_on_adversarial_texts(adversarial: list[str]) -> None:
    several_kinds = 0
    for text in adversarial:
        _agrees_with_the_full_scan(text)
        several_kinds += len(phi.find_phi(text, first_name_only=True)) > 1
    assert several_kinds > 50  # the order of the kinds is exercised


def test_the_kinds_keep_their_order_where_positions_go_back_through_folds() -> None:
    """Zero-width characters and ligatures move every position: the kinds still come in the order of their
    first hits in the original text."""
    for text in [
        "MRN 00482913 \u200b DOB 03/03/1950 \ufb01 call 555-0147",
        "call\u200b 555-0147, DOB 03/03/1950, Lopez, Maria \u2163",
        "\ufb03" * 40 + " SSN 123-45-6789 MRN 00482913 " + "\u200b" * 40 + "Lopez, Maria",
        "Lopez, Maria\u200b 123-45-6789 \u202eDOB 03/03/1950\u202c MRN 00482913",
    ]:
        _agrees_with_the_full_scan(text)
        assert len(phi.find_phi(text, first_name_only=True)) >= 3


_TEXT = st.one_of(
    st.lists(st.sampled_from([*_PIECES, *_ODD, *_UNITS, *_SEPARATORS]), max_size=40).map("".join),
    st.builds(
        lambda unit, times, extra: unit * times + extra,
        st.lists(st.sampled_from([*_PIECES, *_ODD, *_UNITS]), min_size=1, max_size=3).map(" ".join),
        st.integers(1, 80),
        st.sampled_from(["", *_PIECES, *_ODD]),
    ),
    st.text(max_size=200),
)


@settings(
    max_examples=150,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=_TEXT)
def test_the_decision_agrees_with_the_full_scan_on_any_text(text: str) -> None:
    _agrees_with_the_full_scan(text)


def test_the_name_candidates_are_every_word_that_starts_a_name(adversarial: list[str]) -> None:
    """Words dropped by their facts alone (labels without a name after them, pairs no rule can take) never
    start a name the loop over every word finds."""
    for text in adversarial:
        normal = phi.normalise(text)
        expected = list(_name_hits_over_every_word(normal.text, normal))
        assert list(phi._name_hits(normal.text, normal.text.lower(), normal)) == expected, text


def test_a_label_whose_value_cannot_hold_three_digits_never_had_an_identifying_one(
    adversarial: list[str],
) -> None:
    passed_over = 0
    for text in adversarial:
        lowered = phi.normalise(text).text.lower()
        for m in phi._LABELS.finditer(lowered):
            group, value_can_follow = phi._label_at(lowered, m)
            if group in ("birth", "ssn", "phone", "address") or value_can_follow:
                continue
            passed_over += 1
            pattern = phi._ID_AFTER_WEAK if group.endswith("_weak") else phi._ID_AFTER_STRONG
            value = pattern.match(lowered, m.end())
            assert not (value and phi._identifying_value(value.group("value"))), text
    assert passed_over > 100


def test_the_identifying_check_read_in_place_is_the_plain_one() -> None:
    rng = random.Random(3)
    values = ["1", "12", "123", "1990", "2024", "19901", "a1b2c3", "ab-12 3", "20x4", "1 2 3", "x", "0000"]
    values += ["".join(rng.choice("0123456789ab- ") for _ in range(rng.randint(1, 20))) for _ in range(500)]
    for value in values:
        text = "mrn " + value + " end"
        start = len("mrn ")
        in_place = bool(phi._IDENTIFYING_VALUE.match(text, start, start + len(value)))
        assert in_place == phi._identifying_value(value), value


def test_the_accent_marks_are_the_accented_letters() -> None:
    """One mark per character of the normalised text, "1" exactly where a letter was not ASCII."""
    for text in [
        "Jos\u00e9 Lopez",
        "\u2163 \u00e9\u200bx",
        "a\u202eb\u00e9c\u202c d",
        "L-o-p-\u00e9-z",
        "\ufb01\u00e9",
    ]:
        normal = phi.normalise(text)
        marks = normal.accent_marks
        assert len(marks) == len(normal.text)
        for i, mark in enumerate(marks):
            original = normal.original[normal.origin[i] if normal.origin is not None else i]
            assert (mark == "1") == (normal.text[i].isalpha() and not original.isascii()), (text, i)
    assert re.fullmatch("0*", phi.normalise("plain ascii").accent_marks)


def test_kinds_whose_spans_start_in_one_folded_character_keep_the_full_scans_order() -> None:
    """Characters folded from one ("ﬃ" -> "ffi") go back to one place: spans starting at any of them tie
    there, and the longest (then the first found) comes first, as in `find_phi`, whichever is walked first."""
    normal = phi.normalise("\u200b\ufb03 x\u200b\ufb03 y")  # "ffi x ffi y", every position moved
    assert normal.origin is not None
    kinds = [phi.PhiKind.SSN, phi.PhiKind.PHONE, phi.PhiKind.MRN, phi.PhiKind.EMAIL]
    rng = random.Random(5)
    for _ in range(400):
        spans = []
        for _ in range(rng.randint(1, 6)):
            start = rng.randrange(len(normal.text))
            spans.append((rng.choice(kinds), start, rng.randint(start + 1, len(normal.text))))
        firsts: dict[phi.PhiKind, tuple[phi.PhiKind, int, int]] = {}
        for start, neg_end, _, kind in phi._keyed(normal, spans, len(normal.original)):
            firsts.setdefault(kind, (kind, start, -neg_end))
        assert phi._first_of_each_kind(normal, spans, len(normal.original)) == list(firsts.values()), spans


def test_the_first_dates_of_birth_are_the_first_of_each_run(adversarial: list[str]) -> None:
    """`_first_birth_hits` (what deciding reads) is the first hit after a birth word and the first date before
    "(DOB)" that `_birth_hits` finds."""
    texts = [row.text for row in load(IDENTIFIERS) + load(CLINICAL)] + adversarial
    texts += ["DOB 1/1 " * 300, "03/03/1950 (DOB) DOB 1/1 " * 50, "DOB: 1 2 3 born " * 80 + "DOB 1/1/1950"]
    compared = 0
    for text in texts:
        lowered = phi.normalise(text).text.lower()
        births = [
            m.span()
            for m in phi._LABELS.finditer(lowered)
            if phi._label_at(lowered, m)[0] == "birth"
            and not (m.start() and (lowered[m.start() - 1].isalnum() or lowered[m.start() - 1] in "_."))
        ]
        full = phi._birth_hits(lowered, births)
        after_word = [hit for hit in full if hit[1] in {start for start, _ in births}]
        before_dob = [hit for hit in full if hit[1] not in {start for start, _ in births}]
        assert phi._first_birth_hits(lowered, births) == after_word[:1] + before_dob[:1], text
        compared += len(full) > 1
    assert compared >= 5  # texts where the first of a run is not its only hit


def _plain_birth_windows(length: int, births: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """The windows around each birth word (40 characters before it, 70 after) sorted and joined one by one."""
    windows = sorted(
        [(end, end + 70) for _, end in births] + [(max(0, start - 40), start) for start, _ in births]
    )
    merged: list[list[int]] = []
    for start, end in windows:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end, min(length, end + 24)) for start, end in merged]


def test_the_stretches_around_birth_words_are_the_windows_joined_one_by_one() -> None:
    rng = random.Random(14)
    for _ in range(3_000):
        births, at = [], rng.randint(0, 60)
        for _ in range(rng.randint(1, 12)):
            width = rng.randint(1, 15)
            births.append((at, at + width))
            at += width + rng.choice([0, 1, 5, 30, 60, 100, 109, 110, 111, 200])
        length = at + rng.randint(0, 100)
        assert phi._birth_windows(length, births) == _plain_birth_windows(length, births), births
