"""Generate a seeded check of Z-code and O09 lines retold in users' words, from the code database's own data.

    python bench/make_z_retold.py --codes-db PATH [--seed 2424] [--per 40] --out PATH

Four kinds of rows, `--per` of each, drawn with random.Random(seed), written with the columns of
bench/queries/holdout_v19.tsv (expected codes scored by bench/eval_lookup.py's `load_dev`; a trailing `*` is a
prefix):

- history: an Index main term whose own code is a condition of chapters 1-14 (A00-N99, not a neoplasm), told
  as "had <term> <a time past>, <an ending>"; any code under the personal history code whose Tabular note
  "Conditions classifiable to" holds the condition's code (Z86-Z87; the narrowest note) is right;
- aftercare: an Index "Disease, <organ>" line whose code's chapter names a body system of Z48.81-, told as
  "<a visit> after <organ> surgery"; the Z48.81- code of that system is right;
- supervision: a line below "Pregnancy, supervision of, high-risk, due to (history of)" told as "pregnant,
  <a past cue> <line>, <weeks> weeks"; the O09 code of the line and the weeks' trimester is right;
- screening: a line below "Encounter, antenatal screening" told as "<a test> at <weeks> weeks to check for
  <line>"; the line's code is right.

The wording varies by seeded choice of time, ending, visit word and test word; the data's own words are kept
(a generated check measures the readings, not the vocabulary).
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
from pathlib import Path

PAST = ["years ago", "as a kid", "a while back", "in 2015", "last year"]
ENDINGS = ["resolved", "fine now", "no problems since", "fully recovered", "treated"]
VISITS = ["aftercare after", "follow up after", "post op check after", "follow-up visit after"]
TESTS = ["ultrasound", "scan", "screening test", "sono"]
CUES = ["history of", "hx of", "had", "prior"]
HEADER = "Z4881"


def _trimester(weeks: int) -> str:
    return "1" if weeks < 14 else "2" if weeks < 28 else "3"


def _history_heads(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    rows = []
    for code, text in conn.execute(
        "SELECT code, text FROM notes WHERE system = 'cm' AND (code LIKE 'Z86%' OR code LIKE 'Z87%') "
        "AND text LIKE 'Conditions classifiable to %'"
    ):
        for low, high in re.findall(
            r"([A-Z]\d\d)(?:\.\d+-?)?(?:-([A-Z]\d\d))?", str(text).split(" to ", 1)[1]
        ):
            rows.append((str(code), low, high or low))
    return rows


def _head_of(heads: list[tuple[str, str, str]], code: str) -> str | None:
    best: tuple[int, str] | None = None
    for head, low, high in heads:
        if low <= code[:3] <= high:
            width = (ord(high[0]) - ord(low[0])) * 100 + int(high[1:3]) - int(low[1:3])
            if best is None or width < best[0]:
                best = (width, head)
    return best[1] if best else None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--codes-db", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2424)
    parser.add_argument("--per", type=int, default=40)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    conn = sqlite3.connect(args.codes_db)
    rng = random.Random(args.seed)
    rows: list[tuple[str, str, str]] = []

    heads = _history_heads(conn)
    mains = [
        (str(t), str(c).replace(".", ""))
        for t, c in conn.execute(
            "SELECT term, code FROM index_nodes WHERE book = 'cm' AND parent = 0 AND code != '' "
            "AND code >= 'A00' AND code < 'O' AND code NOT LIKE 'C%' AND code NOT LIKE 'D0%' "
            "AND code NOT LIKE 'D1%' AND code NOT LIKE 'D2%' AND code NOT LIKE 'D3%' AND code NOT LIKE 'D4%'"
        )
        if re.fullmatch(r"[A-Za-z][a-z]+(?: [a-z]+)?", str(t))
    ]
    rng.shuffle(mains)
    for term, code in mains[: args.per]:
        head = _head_of(heads, code)
        if head:
            said = f"had {term.lower()} {rng.choice(PAST)}, {rng.choice(ENDINGS)}"
            rows.append(("history", said, f"{head}*"))

    systems = {
        str(code): str(title).lower()
        for code, title in conn.execute(
            "SELECT code, title FROM codes WHERE system = 'cm' AND parent = ? AND billable = 1", [HEADER]
        )
    }
    organs = []
    for term, code in conn.execute(
        """SELECT s.term, s.code FROM index_nodes d JOIN index_nodes s ON s.parent = d.id
           WHERE d.book = 'cm' AND d.parent = 0 AND d.term LIKE 'Disease%' AND s.code != ''"""
    ):
        if not re.fullmatch(r"[a-z]+", str(term)):
            continue
        chapter = str(code).replace(".", "")
        for _ in range(6):
            row = conn.execute(
                "SELECT parent FROM codes WHERE system = 'cm' AND code = ?", [chapter]
            ).fetchone()
            if row is None or not row[0]:
                break
            chapter = str(row[0])
        title = conn.execute("SELECT title FROM codes WHERE system = 'cm' AND code = ?", [chapter]).fetchone()
        named = [
            c for c, t in systems.items() if title and re.sub(r".* on the ", "", t) in str(title[0]).lower()
        ]
        if len(named) == 1:
            organs.append((str(term), named[0]))
    rng.shuffle(organs)
    for term, code in organs[: args.per]:
        rows.append(("aftercare", f"{rng.choice(VISITS)} {term} surgery", code))

    lines = conn.execute(
        """SELECT d.term, d.code FROM index_nodes p
           JOIN index_nodes s ON s.parent = p.id AND s.term = 'supervision of'
           JOIN index_nodes h ON h.parent = s.id AND h.term = 'high-risk'
           JOIN index_nodes u ON u.parent = h.id AND u.term = 'due to'
           JOIN index_nodes d ON d.parent = u.id
           WHERE p.book = 'cm' AND p.parent = 0 AND p.term = 'Pregnancy' AND d.code != ''
           AND d.term NOT LIKE 'specified%'"""
    ).fetchall()
    for _ in range(args.per):
        term, code = rng.choice(lines)
        weeks = rng.randint(6, 39)
        stem = str(code).replace(".", "").rstrip("-")
        done = [
            str(c)
            for (c,) in conn.execute(
                "SELECT code FROM codes WHERE system = 'cm' AND billable = 1 AND code LIKE ?", [stem + "%"]
            )
        ]
        want = [c for c in done if c.endswith(_trimester(weeks))] or done
        rows.append(("supervision", f"pregnant, {rng.choice(CUES)} {term}, {weeks} weeks", "|".join(want)))

    screens = conn.execute(
        """SELECT s.term, s.code FROM index_nodes e
           JOIN index_nodes a ON a.parent = e.id AND a.term = 'antenatal screening'
           JOIN index_nodes s ON s.parent = a.id
           WHERE e.book = 'cm' AND e.parent = 0 AND e.term = 'Encounter' AND s.code != ''
           AND s.term NOT LIKE 'specified%'"""
    ).fetchall()
    for _ in range(args.per):
        term, code = rng.choice(screens)
        term = re.sub(r"\s*\([^)]*\)", "", str(term))
        said = f"{rng.choice(TESTS)} at {rng.randint(10, 38)} weeks to check for {term}"
        rows.append(("screening", said, str(code).replace(".", "")))

    with args.out.open("w") as out:
        out.write("id\tcategory\tquery\texpected\tpair\tsystem\trationale\n")
        for n, (kind, query, expected) in enumerate(rows, 1):
            out.write(f"zr-{n:03d}\t{kind}\t{query}\t{expected}\t\tcm\tgenerated (bench/make_z_retold.py)\n")
    print(f"{len(rows)} rows -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
