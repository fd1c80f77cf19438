"""The PHI guard's cost grows with the length of the text, not its square, and no path hands it more than a
field's limit. (The figures, 50,000 characters in several shapes, come from `python bench/phi_corpus.py`.)"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from bot.relay import phi
from bot.relay.query_rules import MAX_GUARDED, validate_query
from bot.relay.service import ClarificationService, ValidationFailed
from storage.clarifications import Answer, QueryFormat
from tests.relay.conftest import CODER, NORTH_STAFF, World, make_draft

SHAPES: dict[str, str] = {
    "letter": "a",
    "digit": "1",
    "digits and spaces": "1 ",
    "chart name": "Lopez, Maria ",
    "labels": "DOB pt MRN ",
    "dates": "03/03/1950 ",
    "capitalised words": "Ab Cd ",
    "dots": "a.",
    "at signs": "a@",
    "clinical": "Hgb 7.1 g/dL on 11/02, 2 units PRBC; Parkinson disease, pt is stable. ",
}


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        phi.find_phi(text)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("shape", list(SHAPES))
def test_ten_times_the_text_costs_about_ten_times_as_much(shape: str) -> None:
    """Linear: 10x the characters within 25x the time (a quadratic guard takes 100x; the old one did)."""
    phi.find_phi("warm up Maria Lopez")
    unit = SHAPES[shape]
    short, long = (unit * (5_000 // len(unit) + 1))[:5_000], (unit * (50_000 // len(unit) + 1))[:50_000]
    ratio = _seconds(long) / max(_seconds(short), 1e-4)
    assert ratio < 25, f"{shape}: 50,000 characters took {ratio:.0f}x the time of 5,000"


def _guard_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    lengths: list[int] = []
    real: Callable[..., list[phi.PhiHit]] = phi.find_phi

    def counting(text: str, *, first_name_only: bool = False) -> list[phi.PhiHit]:
        lengths.append(len(text))
        return real(text, first_name_only=first_name_only)

    monkeypatch.setattr(phi, "find_phi", counting)
    return lengths


def test_an_over_long_field_is_refused_before_the_guard_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    lengths = _guard_reads(monkeypatch)
    draft = make_draft(1, question="Is the anemia acute? " * 3000, indicators="Hgb 7.1 g/dL " * 4000)
    result = validate_query(draft)
    assert {"question", "indicators"} <= set(result.errors)
    assert lengths and max(lengths) <= MAX_GUARDED


def test_an_over_long_answer_is_refused_before_the_guard_reads_it(
    monkeypatch: pytest.MonkeyPatch, service: ClarificationService, world: World
) -> None:
    c = service.ask(
        make_draft(world.north.id, format=QueryFormat.OPEN_ENDED, options=()),
        CODER,
        asker_channel="UCODER",
        idempotency_key="k",
    )
    lengths = _guard_reads(monkeypatch)
    with pytest.raises(ValidationFailed):
        service.answer(c.id, NORTH_STAFF, Answer(choice=None, text="Maria Gonzalez " * 4000), "k2")
    assert lengths == []


def test_deciding_stops_the_name_scan_at_the_first_name_and_still_names_every_kind() -> None:
    """The refusal needs each kind once, not every one of 4,000 names; redacting still finds them all."""
    text = "Lopez, Maria " * 40 + "MRN 00482913 " + "Smith, Jane " * 40
    problems = phi.check_fields({"question": text})
    assert "name" in problems["question"] and "record number" in problems["question"].lower()
    assert phi.redact(text).count("[removed: patient_name]") >= 1
    assert len(phi.find_phi(text, first_name_only=True)) <= len(phi.find_phi(text))
    assert "Lopez" not in phi.redact(text) and "Smith" not in phi.redact(text)
