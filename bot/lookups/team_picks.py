"""What a team picks lifts those codes in that team's rankings for the same query: a thin layer over find_codes.

The search ranks by the code sets alone (bot.lookups.search); this layer only reorders its results for one team.
A code the team picked for this query (pinned it, shared it, used it in a claim check or a clarification soon
after the lookup showed it) moves up a little: one place for a pick, two for three or more points, never more
(MAX_LIFT), and never above an exact code match, which stays first. Codes the search did not find are never
added. Weights: a pin counts 3, a clarification 2, a check or a share 1.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from bot.lookups.systems import undot
from storage import favourites
from storage.backend import Database
from storage.db import read_transaction, write_transaction

WEIGHTS = {"pin": 3, "clarify": 2, "check": 1, "share": 1}
MAX_LIFT = 2


class RankedHit(Protocol):
    @property
    def code(self) -> str: ...


H = TypeVar("H", bound=RankedHit)


def pick_points(kinds: Mapping[str, int]) -> int:
    return sum(WEIGHTS.get(kind, 0) * count for kind, count in kinds.items())


def lift_for(points: int) -> int:
    """How many places a code moves up: 0 without picks, 1 for one or two points, MAX_LIFT from three."""
    if points <= 0:
        return 0
    return 1 if points < 3 else MAX_LIFT


def is_exact_match(query: str, code: str) -> bool:
    return undot(query.strip().upper()) == undot(code.upper())


def rerank(query: str, hits: Sequence[H], picks: Mapping[str, Mapping[str, int]]) -> list[H]:
    """`hits` in the search's order, each picked code lifted by `lift_for` its points (ties keep the search's
    order; a lifted code goes above the ones it passes). Exact code matches keep their places at the top."""
    if not picks:
        return list(hits)
    keyed = []
    for index, hit in enumerate(hits):
        exact = is_exact_match(query, hit.code)
        lift = 0 if exact else lift_for(pick_points(picks.get(hit.code, {})))
        # Lifted codes sort just above the code `lift` places up (the -0.5); exact matches are tier 0.
        keyed.append(((0 if exact else 1), index - lift - (0.5 if lift else 0), index, hit))
    keyed.sort(key=lambda item: item[:3])
    return [item[3] for item in keyed]


@dataclass(frozen=True)
class TeamPicks:
    """Records picks and reranks lookups, on a fresh connection each time (handlers run on worker threads)."""

    db_factory: Callable[[], Database]
    clock: Callable[[], datetime]

    def _run(
        self,
        body: Callable[[Database], object],
        transaction: Callable[[Database], AbstractContextManager[Database]] = write_transaction,
    ) -> object:
        db = self.db_factory()
        try:
            with transaction(db):
                return body(db)
        finally:
            db.close()

    def rerank(self, team_id: str | None, query: str, hits: Sequence[H]) -> list[H]:
        if not team_id:
            return list(hits)
        # read without the write lock: a lookup's reranking never waits for a writer
        found = self._run(lambda db: favourites.picks_for(db, team_id, query), read_transaction)
        assert isinstance(found, dict)
        return rerank(query, hits, found)

    def shown(self, team_id: str | None, user_id: str, query: str, codes: Sequence[str]) -> None:
        """A lookup's first page, remembered so a code used soon after credits the query that found it."""
        if team_id and codes:
            now = self.clock()
            self._run(lambda db: favourites.record_shown(db, team_id, user_id, query, codes, now))

    def pin(self, team_id: str, user_id: str, code: str, title: str, query: str | None) -> bool:
        now = self.clock()

        def body(db: Database) -> bool:
            added = favourites.pin(db, team_id, user_id, code, title, now)
            if added and query:
                favourites.add_pick(db, team_id, query, code, "pin", now)
            return added

        return bool(self._run(body))

    def unpin(self, team_id: str, user_id: str, code: str) -> bool:
        return bool(self._run(lambda db: favourites.unpin(db, team_id, user_id, code)))

    def used(self, team_id: str | None, user_id: str, codes: Sequence[str], kind: str) -> int:
        """Codes used in a check, a clarification or a share: each credits the person's recent lookups (within
        CREDIT_WINDOW) that showed it. Returns the number of picks recorded."""
        if not team_id:
            return 0
        now = self.clock()

        def body(db: Database) -> int:
            count = 0
            for code in dict.fromkeys(codes):
                since = now - favourites.CREDIT_WINDOW
                for query in favourites.recent_queries_showing(db, team_id, user_id, code, since):
                    favourites.add_pick(db, team_id, query, code, kind, now)
                    count += 1
            return count

        counted = self._run(body)
        return counted if isinstance(counted, int) else 0

    def favourites(
        self, team_id: str, user_id: str
    ) -> tuple[list[favourites.Pin], list[tuple[str, str, int]]]:
        """The person's pins and the team's most pinned codes."""
        mine = self._run(lambda db: favourites.pins_of(db, team_id, user_id))
        team = self._run(lambda db: favourites.team_pins(db, team_id))
        assert isinstance(mine, list) and isinstance(team, list)
        return mine, team
