"""The team's picks lift codes a little in that team's rankings, never above an exact code match."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot.lookups.team_picks import MAX_LIFT, lift_for, pick_points, rerank


@dataclass(frozen=True)
class Hit:
    code: str


def codes(hits: list[Hit]) -> list[str]:
    return [hit.code for hit in hits]


HITS = [Hit(code) for code in ("I21.9", "I21.4", "I21.3", "I25.2", "I24.9", "I20.0")]


@pytest.mark.parametrize(
    ("kinds", "points", "lift"),
    [
        ({}, 0, 0),
        ({"check": 1}, 1, 1),
        ({"share": 2}, 2, 1),
        ({"pin": 1}, 3, 2),
        ({"pin": 5, "clarify": 9}, 33, 2),
    ],
)
def test_points_and_lifts(kinds: dict[str, int], points: int, lift: int) -> None:
    assert pick_points(kinds) == points
    assert lift_for(points) == lift <= MAX_LIFT


def test_a_picked_code_moves_up_a_little_and_no_further() -> None:
    assert codes(rerank("heart attack", HITS, {})) == codes(HITS)
    once = rerank("heart attack", HITS, {"I24.9": {"check": 1}})
    assert codes(once) == ["I21.9", "I21.4", "I21.3", "I24.9", "I25.2", "I20.0"]
    many = rerank("heart attack", HITS, {"I20.0": {"pin": 40}})
    assert codes(many) == [
        "I21.9",
        "I21.4",
        "I21.3",
        "I20.0",
        "I25.2",
        "I24.9",
    ]  # two places, however many picks
    # Codes the search did not find are never added.
    assert codes(rerank("heart attack", HITS, {"Z99.9": {"pin": 9}})) == codes(HITS)


def test_an_exact_code_match_stays_first() -> None:
    hits = [Hit("I21.9"), Hit("I21.A1"), Hit("I21.A9")]
    lifted = rerank("i219", hits, {"I21.A1": {"pin": 9}, "I21.A9": {"pin": 9}})
    assert codes(lifted)[0] == "I21.9"
    assert codes(lifted) == ["I21.9", "I21.A1", "I21.A9"]
    # Without an exact match the same picks can reach the top.
    assert codes(rerank("acute mi", [Hit("I21.4"), Hit("I21.9")], {"I21.9": {"pin": 1}})) == [
        "I21.9",
        "I21.4",
    ]
