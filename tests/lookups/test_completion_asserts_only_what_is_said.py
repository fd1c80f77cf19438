"""Completing an index code in the Tabular never picks a child that asserts a death the query did not say:
"traumatic subdural hematoma" leads to S06.5X- whose 7th-character children include "... with death due to
brain injury before regaining consciousness"; the generated check walks every Tabular code with such a child."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import DEATH_STEMS, complete_cm
from bot.lookups.index.words import content_stems, stem


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in text.lower().split())


def test_subdural_hematoma_completes_to_a_child_that_says_no_death(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    # The index path said "Injury, intracranial, subdural hemorrhage": "injury" is in the death child's title.
    said = _stems("traumatic subdural hematoma injury intracranial hemorrhage")
    done = complete_cm(conn, "S06.5X-", said)
    assert done is not None and done.code == "S065X9A", done
    died = complete_cm(conn, "S06.5X-", said | _stems("died from brain injury"))
    assert died is not None and died.code == "S065X7A", died


def test_no_completion_asserts_a_death_nothing_said(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    parents = conn.execute(
        "SELECT DISTINCT p.code, p.title FROM codes p JOIN codes c ON c.system = 'cm' AND c.current = 1 "
        "AND c.billable = 1 AND c.code > p.code AND c.code < p.code || 'Z' AND c.title LIKE '%death%' "
        "WHERE p.system = 'cm' AND p.current = 1 AND p.billable = 0 AND length(p.code) >= 4 "
        "AND p.title NOT LIKE '%death%'"
    ).fetchall()
    assert len(parents) > 20
    wrong = []
    for code, title in parents:
        # Said: the parent's own title and the words of an injury told in the index ("injury", "brain").
        said = frozenset(content_stems(str(title))) | _stems("injury brain cause")
        done = complete_cm(conn, str(code), said)
        if done is not None and content_stems(done.title) & DEATH_STEMS:
            wrong.append((code, done.code, done.title))
    assert not wrong, wrong[:10]
