"""bench/miss_depth.py: the rank buckets and the source of an answer it reports (issue #10)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _module():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("miss_depth", BENCH / "miss_depth.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_ranks_fall_in_buckets_and_answers_name_their_source() -> None:
    depth = _module()
    assert [depth.bucket(r) for r in (1, 2, 5, 6, 20, 21, 50, None)] == [
        "1",
        "2-5",
        "2-5",
        "6-20",
        "6-20",
        "21-50",
        "21-50",
        "none",
    ]
    assert depth.source("Index: Fall, from, ladder -> W11 (not used: home)") == "Index"
    assert depth.source("PCS Index: Colonoscopy -> 0DJD8ZZ") == "PCS Index"
    assert depth.source("clause “obese”: Index: Obesity -> E66.9") == "clause"
    assert depth.source("") == "(no why)"
