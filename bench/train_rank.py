"""Would a learned re-ranking of the first five answers put the right one first more often? Validated by set.

    python bench/train_rank.py DUMP.jsonl [--l2 1.0] [--margin 0.5] [--each-set] [--weights] [--trees]

DUMP.jsonl is bench/dump_hits.py's output over the read sets (never an unseen set). Every answer with no notice
(no confident match, CPT), not refused and with two or more hits gives, for each of its answers 2-5 where
exactly one of it and the first is right, one example: bench/rank_features.py's pair features, labelled 1 when
the later answer is the right one. A logistic model (L2-penalised, the bias not, fitted by Newton's method in
pure Python) is fitted to them; a later answer goes first when its chance is the greatest and clears the margin:
the one, not below `--margin`, that gains most on the training rows (each first answer lost counts as much as
one won). An answer with a notice, a refusal or one hit is scored as dumped.

Validation is by set, as the unseen sets are: fold A trains on old, dev, paths, drugcaused, probes20-25,
holdout and holdout4-holdout13 and tests on holdout14-holdout20; fold B trains on holdout14-20 and
old..probes25 and tests on holdout, holdout4-holdout13. Each fold prints its test top-1 before / after and
every row gained and lost. `--each-set` also trains on every set but one holdout, for each of holdout,
holdout4-holdout20, and tests on that one. `--weights` prints the weights fitted on every set of the dump, largest first.
`--trees` also tries a small gradient-boosted tree ensemble (depth 3, 60 rounds; needs numpy, which the
project does not depend on: run with a Python that has it) at margins 0.3-0.7.

Round 41 (issue #10), on a dump of the read pool at main 6e5b101 (16,350 queries; 579 with the right code 2nd-5th
and no notice): the logistic model, margin chosen on the training fold, fold A (test holdout14-20, 3,744 rows)
80.77% -> 80.77% (+2 -2), fold B (test holdout, holdout4-13, 6,119 rows) 90.15% -> 90.03% (+2 -9); the trees
at margin 0.3 fold A +7 -4, fold B +19 -77, at 0.5 fold A +0 -0, fold B +4 -20; each holdout left out in
turn (the logistic model) +5 -11 in all. Neither gains on both folds,
so no re-ranking was shipped: the differences these features see between the first answer and a later one
are already what the search's own ranking weighs, and what is left is mostly a coder's choice between two
Index paths (a combination code or its parts, the code sequenced first) that they cannot see.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import rank_features

SHARED = ("old", "dev", "paths", "drugcaused", *(f"probes{n}" for n in range(20, 26)))
EARLY = ("holdout", *(f"holdout{n}" for n in range(4, 14)))
LATE = tuple(f"holdout{n}" for n in range(14, 21))
FOLDS = {"fold A": (SHARED + EARLY, LATE), "fold B": (SHARED + LATE, EARLY)}
_CPT_WORD = re.compile(r"\bCPT\b")
_CPT_STATUS = {"cpt", "cpt-service", "cpt_service", "cpt-territory", "out-of-scope"}


@dataclass(frozen=True)
class DumpedHit:
    code: str
    system: str
    title: str
    billable: bool
    status: str
    why: str
    score: float
    right: bool


@dataclass(frozen=True)
class Row:
    set: str
    id: str
    query: str
    marker: str
    top1: bool  # as dumped (eval_lookup's score)
    hits: tuple[DumpedHit, ...]
    reorderable: bool  # no notice, not refused, two or more hits
    pairs: tuple[list[float], ...]  # the features of answers 2-5 beside the first


def _signals_cpt(hit: DumpedHit) -> bool:
    """bench/eval_lookup.py's test of an answer saying CPT."""
    return hit.system == "CPT" or hit.status in _CPT_STATUS or bool(_CPT_WORD.search(hit.why))


def right_first(row: Row, lead: int) -> bool:
    """Whether eval_lookup scores the answer right first when the answer at `lead` goes first."""
    if not row.reorderable:
        return row.top1
    if row.marker == "NONE":
        return False  # (hits and no notice: a miss whichever leads)
    hit = row.hits[lead]
    return _signals_cpt(hit) if row.marker == "CPT" else hit.right


def load(path: Path) -> list[Row]:
    rows = []
    for line in path.open():
        d = json.loads(line)
        hits = tuple(
            DumpedHit(
                h["code"],
                h["system"],
                h["title"],
                h["billable"],
                h["status"],
                h["why"],
                h["score"],
                h["right"],
            )
            for h in d["hits"]
        )
        reorderable = not d["notice"] and not d["refused"] and len(hits) > 1
        pairs: tuple[list[float], ...] = ()
        if reorderable:
            f0 = rank_features.hit_features(d["query"], hits[0])
            pairs = tuple(
                rank_features.pair_features(d["query"], hits[0], hits[place], place, f0)
                for place in range(1, min(len(hits), rank_features.RERANKED))
            )
        rows.append(Row(d["set"], d["id"], d["query"], d["marker"], d["top1"], hits, reorderable, pairs))
    return rows


def examples(rows: Iterable[Row]) -> list[tuple[list[float], int]]:
    """(features, 1 when the later answer is right) for each later answer where exactly one of it and the
    first is right."""
    out = []
    for row in rows:
        if not row.reorderable or row.marker:
            continue
        first = row.hits[0].right
        for place, x in enumerate(row.pairs, start=1):
            if row.hits[place].right != first:
                out.append((x, int(row.hits[place].right)))
    return out


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """x with a x = b (Gaussian elimination with partial pivoting; a is small and positive definite)."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            if f:
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for c in range(n - 1, -1, -1):
        x[c] = (m[c][n] - sum(m[c][k] * x[k] for k in range(c + 1, n))) / m[c][c]
    return x


def fit(data: Sequence[tuple[list[float], int]], l2: float, rounds: int = 12) -> tuple[float, list[float]]:
    """(bias, weights) of an L2-penalised logistic model (the bias unpenalised), by Newton's method."""
    n = len(data[0][0]) + 1
    w = [0.0] * n
    sparse = [([(0, 1.0)] + [(i + 1, v) for i, v in enumerate(x) if v], y) for x, y in data]
    for _ in range(rounds):
        grad = [l2 * w[i] if i else 0.0 for i in range(n)]
        hess = [[(l2 if i == j and i else 0.0) for j in range(n)] for i in range(n)]
        for x, y in sparse:
            z = sum(w[i] * v for i, v in x)
            p = 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
            g, h = p - y, p * (1.0 - p)
            for i, v in x:
                grad[i] += g * v
                hv, row = h * v, hess[i]
                for j, u in x:
                    row[j] += hv * u
        step = _solve(hess, grad)
        w = [a - s for a, s in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w[0], w[1:]


def linear_chances(bias: float, weights: Sequence[float]) -> Any:
    def chances(row: Row) -> list[float]:
        return [
            1.0
            / (1.0 + math.exp(-max(min(bias + sum(a * b for a, b in zip(weights, x, strict=True)), 30), -30)))
            for x in row.pairs
        ]

    return chances


def outcome(rows: Iterable[Row], chances: Any, margin: float) -> tuple[list[str], list[str]]:
    """The rows a re-ranking at `margin` gains and loses (right first after and not before, and the reverse)."""
    gained, lost = [], []
    for row in rows:
        if not row.reorderable:
            continue
        lead = rank_features.promoted(chances(row), margin)
        was, now = right_first(row, 0), right_first(row, lead)
        said = f"{row.set} {row.id} {row.query!r} -> {row.hits[lead].code} (was {row.hits[0].code})"
        if now and not was:
            gained.append(said)
        elif was and not now:
            lost.append(said)
    return gained, lost


def best_margin(rows: Sequence[Row], chances: Any, floor: float) -> float:
    """The margin, not below `floor`, at which the re-ranking gains most on `rows` (ties: the higher)."""
    grid = [round(floor + k * 0.01, 2) for k in range(round((0.99 - floor) / 0.01) + 1)]
    net = {m: (lambda g, lo: len(g) - len(lo))(*outcome(rows, chances, m)) for m in grid}
    return max(grid, key=lambda m: (net[m], m))


def fold_report(rows: list[Row], l2: float, floor: float) -> None:
    for name, (train_sets, test_sets) in FOLDS.items():
        train = [r for r in rows if r.set in train_sets]
        test = [r for r in rows if r.set in test_sets]
        data = examples(train)
        chances = linear_chances(*fit(data, l2))
        margin = best_margin(train, chances, floor)
        train_gained, train_lost = outcome(train, chances, margin)
        gained, lost = outcome(test, chances, margin)
        before = sum(r.top1 for r in test)
        after = before + len(gained) - len(lost)
        print(
            f"{name}: trained on {len(train)} rows ({len(data)} pairs, {sum(y for _, y in data)} later right); "
            f"margin {margin:.2f} (train +{len(train_gained)} -{len(train_lost)}); test {len(test)} rows top-1 "
            f"{100 * before / len(test):.2f}% -> {100 * after / len(test):.2f}% (+{len(gained)} -{len(lost)})"
        )
        for line in gained:
            print("  GAIN", line)
        for line in lost:
            print("  LOSE", line)


def each_set_report(rows: list[Row], l2: float, floor: float) -> None:
    """Each read holdout set tested by a model trained on every other set of the dump."""
    gained_all = lost_all = 0
    for name in (*EARLY, *LATE):
        train = [r for r in rows if r.set != name]
        chances = linear_chances(*fit(examples(train), l2))
        margin = best_margin(train, chances, floor)
        gained, lost = outcome([r for r in rows if r.set == name], chances, margin)
        gained_all, lost_all = gained_all + len(gained), lost_all + len(lost)
        print(f"{name} left out: margin {margin:.2f}, +{len(gained)} -{len(lost)}")
    print(f"every holdout left out in turn: +{gained_all} -{lost_all}")


def tree_report(rows: list[Row]) -> None:
    """A gradient-boosted ensemble of depth-3 trees (60 rounds, rate 0.1, 30 examples a leaf) per fold."""
    import numpy as np  # (not a project dependency)

    def grow(x: Any, g: Any, h: Any, depth: int) -> Any:
        def build(idx: Any, d: int) -> Any:
            big_g, big_h = g[idx].sum(), h[idx].sum()
            if d == 0 or len(idx) < 60:
                return ("leaf", -big_g / (big_h + 1.0))
            best: tuple[float, Any] = (0.0, None)
            for f in range(x.shape[1]):
                order = np.argsort(x[idx, f], kind="stable")
                xs = x[idx, f][order]
                gl, hl = np.cumsum(g[idx][order]), np.cumsum(h[idx][order])
                at = np.nonzero(xs[1:] != xs[:-1])[0]
                at = at[(at + 1 >= 30) & (len(idx) - at - 1 >= 30)]
                if len(at) == 0:
                    continue
                gain = gl[at] ** 2 / (hl[at] + 1) + (big_g - gl[at]) ** 2 / (big_h - hl[at] + 1)
                k = int(np.argmax(gain))
                if gain[k] - big_g**2 / (big_h + 1) > best[0]:
                    best = (gain[k] - big_g**2 / (big_h + 1), (f, (xs[at[k]] + xs[at[k] + 1]) / 2))
            if best[1] is None:
                return ("leaf", -big_g / (big_h + 1.0))
            f, cut = best[1]
            return ("split", f, cut, build(idx[x[idx, f] <= cut], d - 1), build(idx[x[idx, f] > cut], d - 1))

        return build(np.arange(len(g)), depth)

    def predict(node: Any, x: Any) -> Any:
        if node[0] == "leaf":
            return np.full(len(x), node[1])
        _, f, cut, left, right = node
        out, low = np.empty(len(x)), x[:, f] <= cut
        out[low], out[~low] = predict(left, x[low]), predict(right, x[~low])
        return out

    for name, (train_sets, test_sets) in FOLDS.items():
        train = [r for r in rows if r.set in train_sets]
        test = [r for r in rows if r.set in test_sets]
        xs, ys = zip(*examples(train), strict=True)
        x, y = np.array(xs), np.array(ys, float)
        base = math.log(y.mean() / (1 - y.mean()))
        f_x, trees = np.full(len(y), base), []
        for _ in range(60):
            p = 1 / (1 + np.exp(-f_x))
            trees.append(grow(x, p - y, p * (1 - p), 3))
            f_x += 0.1 * predict(trees[-1], x)

        def chances(row: Row, trees: list[Any] = trees, base: float = base) -> list[float]:
            z = np.full(len(row.pairs), base)
            for tree in trees:
                z += 0.1 * predict(tree, np.array(row.pairs))
            return list(1 / (1 + np.exp(-z)))

        figures = []
        for margin in (0.3, 0.4, 0.5, 0.6, 0.7):
            tg, tl = outcome(train, chances, margin)
            g, lo = outcome(test, chances, margin)
            figures.append(f"{margin}: train +{len(tg)} -{len(tl)}, test +{len(g)} -{len(lo)}")
        print(f"{name} trees: " + "; ".join(figures))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("dump", type=Path, help="bench/dump_hits.py's JSONL over the read sets")
    parser.add_argument("--l2", type=float, default=1.0, help="the L2 penalty")
    parser.add_argument("--margin", type=float, default=0.5, help="the least margin tried")
    parser.add_argument("--each-set", action="store_true", help="leave each read holdout set out in turn")
    parser.add_argument("--weights", action="store_true", help="print the weights fitted on every set")
    parser.add_argument("--trees", action="store_true", help="also try a boosted tree ensemble (numpy)")
    args = parser.parse_args()
    rows = load(args.dump)
    fold_report(rows, args.l2, args.margin)
    if args.each_set:
        each_set_report(rows, args.l2, args.margin)
    if args.trees:
        tree_report(rows)
    if args.weights:
        bias, weights = fit(examples(rows), args.l2)
        print(f"weights fitted on every set (bias {bias:+.2f}; + favours the later answer):")
        for name, w in sorted(zip(rank_features.NAMES, weights, strict=True), key=lambda p: -abs(p[1])):
            print(f"  {name:22} {w:+.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
