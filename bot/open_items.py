"""The App Home's "open clarifications" list: what it shows of each item, and where it comes from."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Protocol

from bot.relay.service import Actor, ClarificationService, ListFilter
from storage.clarifications import Clarification, ClarificationState

HOME_LIMIT = 50


@dataclass(frozen=True)
class OpenItem:
    """One of a user's open clarifications, as the App Home lists it."""

    title: str
    status: str
    link: str | None = None


class OpenItemsProvider(Protocol):
    """The caller's open items for the App Home. `team_id` is the user's workspace when known (the relay
    needs it: office staff are matched by user *and* team); simple providers may ignore it."""

    def __call__(self, user_id: str, team_id: str | None = None, /) -> Sequence[OpenItem]: ...


class OpenClarifications:
    """The App Home's "open clarifications": a coder's own open or answered ones, and office staff's open
    ones for their offices."""

    def __init__(self, relay: ClarificationService, clock: Callable[[], datetime], tz: tzinfo) -> None:
        self.relay = relay
        self.clock = clock
        self.tz = tz

    def __call__(self, user_id: str, team_id: str | None = None, /) -> Sequence[OpenItem]:
        if team_id is None:
            return ()
        actor, now = Actor(user_id, team_id), self.clock()
        found: dict[int, Clarification] = {}
        if self.relay.role_of(user_id) is not None:
            states = (ClarificationState.OPEN, ClarificationState.ANSWERED)
            for c in self.relay.list(ListFilter.MINE, actor, now, states=states, limit=HOME_LIMIT):
                found[c.id] = c
        offices = {office.id: office.name for office in self.relay.list_offices(include_inactive=True)}
        for office in self.relay.offices_of(actor):
            for c in self.relay.list(
                ListFilter.OFFICE,
                actor,
                now,
                office_id=office.id,
                states=(ClarificationState.OPEN,),
                limit=HOME_LIMIT,
            ):
                found[c.id] = c
        ordered = sorted(found.values(), key=lambda c: (c.state is not ClarificationState.ANSWERED, c.due_at))
        return [self._item(c, offices.get(c.office_id, "office"), now) for c in ordered]

    def _item(self, c: Clarification, office_name: str, now: datetime) -> OpenItem:
        if c.state is ClarificationState.ANSWERED:
            status = "answered: resolve it from your DM"
        else:
            due = c.due_at.astimezone(self.tz).strftime("%Y-%m-%d %H:%M %Z")
            status = f"overdue since {due}" if c.is_overdue(now) else f"due {due}"
        return OpenItem(title=f"#{c.id} to {office_name} · {c.encounter_ref}", status=status)
