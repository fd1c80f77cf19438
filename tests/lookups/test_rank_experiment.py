"""bench/dump_hits.py, bench/rank_features.py and bench/train_rank.py: the round-41 re-ranking experiment's
tools (a dump scored as eval_lookup scores it, generic pair features, a margin that keeps the first answer)
(issue #10)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from bot.lookups.search import Hit, Hits

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _module(name: str) -> ModuleType:
    """A bench script as a module (registered, as its dataclasses need, and as the scripts import each other)."""
    if name in sys.modules:
        return sys.modules[name]
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _hit(code: str, title: str, why: str, score: float, system: str = "ICD-10-CM") -> Hit:
    return Hit(code, system, title, True, "billable", why, score)


def _found(*hits: Hit, notice: str = "") -> Hits:
    found = Hits(hits)
    found.notice = notice
    return found


def test_a_dumped_answer_is_scored_as_eval_lookup_scores_it() -> None:
    dump, evaluation = _module("dump_hits"), _module("eval_lookup")
    query = evaluation.Query(
        "dev", "d1", "lay", "stye inside right upper eyelid", "", (evaluation.Target("H00021", "exact"),)
    )
    found = _found(
        _hit(
            "H00.011",
            "Hordeolum externum right upper eyelid",
            "Index: Hordeolum, right, upper -> H00.011",
            681.6,
        ),
        _hit(
            "H00.021", "Hordeolum internum right upper eyelid", "Index: Hordeolum, internum -> H00.021", 661.1
        ),
    )
    line = dump.dumped(query, found)
    assert (line["top1"], line["top5"], line["rank"]) == (False, True, 2)
    assert [h["right"] for h in line["hits"]] == [False, True]  # type: ignore[index]
    refused = dump.dumped(query, None)
    assert refused["refused"] and refused["hits"] == [] and refused["rank"] is None


def test_the_dump_refuses_the_unseen_sets(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    dump = _module("dump_hits")
    out = tmp_path / "hits.jsonl"
    argv = [
        "dump_hits.py",
        "--codes-db",
        str(tmp_path / "none.sqlite"),
        "--sets",
        "dev,holdout22",
        "--out",
        str(out),
    ]
    monkeypatch.setattr(sys, "argv", argv)
    assert dump.main() == 2
    assert not out.exists() and not (tmp_path / "none.sqlite").exists()


def test_pair_features_say_what_the_later_answer_reads_that_the_first_does_not() -> None:
    features = _module("rank_features")
    query = "plantar fasciitis right foot"
    first = _hit(
        "M72.21",
        "Plantar fascial fibromatosis, right foot",
        "Index: Fasciitis, plantar -> M72.2 -> Tabular: right, foot -> M72.21 (not used: fasciitis)",
        992.0,
    )
    later = _hit("M67.A01", "Plantar fasciitis, right foot", "title: Plantar fasciitis, right foot", 904.0)
    x = dict(
        zip(
            features.NAMES,
            features.pair_features(query, first, later, 1, features.hit_features(query, first)),
            strict=True,
        )
    )
    assert x["from_title"] == 1.0 and x["from_index"] == -1.0 and x["tabular"] == -1.0
    assert x["unused_words"] == -1.0 and x["reads_more"] > 0 and x["reads_less"] == 0
    # (both titles hold a key of every word said - "fascial" and "fasciitis" share theirs - and state the side)
    assert x["title_exact"] == 0.0 and x["side_agrees"] == 0.0
    assert x["place_2"] == 1.0 and x["score_gap"] == pytest.approx((992.0 - 904.0) / 992.0)
    assert x["sibling"] == 0.0 and x["same_system"] == 1.0
    child = _hit("M72.2", "Plantar fascial fibromatosis", "Index: Fasciitis, plantar -> M72.2", 900.0)
    y = dict(
        zip(
            features.NAMES,
            features.pair_features(query, first, child, 2, features.hit_features(query, first)),
            strict=True,
        )
    )
    assert y["parent_of_first"] == 1.0 and y["child_of_first"] == 0.0 and y["place_3"] == 1.0


def test_a_later_answer_goes_first_only_past_the_margin() -> None:
    features = _module("rank_features")
    assert features.promoted([0.4, 0.79, 0.2], 0.8) == 0
    assert features.promoted([0.4, 0.81, 0.9], 0.8) == 3
    assert features.promoted([], 0.5) == 0
    query = "plantar fasciitis right foot"
    hits = [
        _hit(
            "M72.21", "Plantar fascial fibromatosis, right foot", "Index: Fasciitis, plantar -> M72.21", 992.0
        ),
        _hit("M67.A01", "Plantar fasciitis, right foot", "title: Plantar fasciitis, right foot", 904.0),
    ]
    weights = [0.0] * len(features.NAMES)
    weights[features.NAMES.index("from_title")] = 4.0
    assert features.chances(query, hits, 0.0, weights) == [pytest.approx(1 / (1 + 2.718281828459045**-4))]
    assert features.chances(query, hits[:1], 0.0, weights) == []


def test_training_scores_markers_and_fits_the_sign_the_examples_show() -> None:
    train = _module("train_rank")
    right = train.DumpedHit("H00.021", "ICD-10-CM", "t", True, "billable", "Index: x", 1.0, True)
    wrong = train.DumpedHit("H00.011", "ICD-10-CM", "t", True, "billable", "Index: x", 2.0, False)
    cpt = train.DumpedHit(
        "0DJD8ZZ", "ICD-10-PCS", "t", True, "billable", "CPT service: colonoscopy", 1.0, False
    )
    row = train.Row("dev", "d1", "q", "", False, (wrong, right), True, ([0.0],))
    assert not train.right_first(row, 0) and train.right_first(row, 1)
    as_cpt = train.Row("dev", "d2", "q", "CPT", False, (wrong, cpt), True, ([0.0],))
    assert train.right_first(as_cpt, 1) and not train.right_first(as_cpt, 0)
    with_notice = train.Row("dev", "d3", "q", "NONE", True, (wrong,), False, ())
    assert train.right_first(with_notice, 0)  # (scored as dumped: a notice is left as it is)
    data = [([1.0], 1)] * 30 + [([1.0], 0)] * 10 + [([-1.0], 0)] * 30 + [([-1.0], 1)] * 10
    bias, weights = train.fit(data, l2=0.1)
    assert weights[0] > 0.5 and abs(bias) < 0.1
    assert set(train.FOLDS["fold A"][0]).isdisjoint(train.FOLDS["fold A"][1])
    assert set(train.FOLDS["fold B"][1]) == set(train.EARLY)
    seen = {s for train_sets, test_sets in train.FOLDS.values() for s in (*train_sets, *test_sets)}
    assert not seen & {f"holdout{n}" for n in range(21, 27)}
