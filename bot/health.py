"""What /healthz reports: whether the databases this server started with are still there and readable.

A load balancer or an orchestrator restarts or drains a server whose /healthz is not 200; the body says what is
wrong in one line per problem (the database deleted or replaced while running, unreadable, not SQLite).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storage.app_db import HealthTarget


@dataclass(frozen=True)
class Health:
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def body(self) -> bytes:
        return b"ok" if self.ok else ("\n".join(self.problems) + "\n").encode("utf-8")


def check(files: Sequence[tuple[str, HealthTarget, str]]) -> Health:
    """Each (what, file as started, a query that reads it) still the same file and readable."""
    problems = []
    for what, identity, probe in files:
        problem = identity.problem(what, probe)
        if problem is not None:
            problems.append(problem)
    return Health(tuple(problems))
