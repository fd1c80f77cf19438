"""The clarification relay: who may do what, and every state change with its audit and outbox rows.

Lifecycle: open -> answered -> resolved (the coder changed or confirmed the code), or open ->
closed_unanswered (with a reason); a lead reopens answered/resolved/closed ones.

Every operation is one audited transition (`Transition`, run by `ClarificationService.transition`): the refusal check,
the change, its audit row and its outbox rows in one `BEGIN IMMEDIATE` transaction, so either all of it happened
or none of it; an operation states only what differs. Reads take no write lock (a deferred transaction).
Slack is never called from here: messages are queued in the outbox and delivered by `bot.outbox`.

Errors are typed and carry a `message` that can be shown to the user as is. Refusals (authorization, PHI) are
raised wherever they are found and always audited: the transaction rolls back whatever was changed, and the
refusal's audit row is written on its own, because "who tried what" matters in a compliance review.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any, NoReturn, TypeVar

from bot.relay import messages, phi
from bot.relay.business_time import add_business_hours
from bot.relay.export import ExportData
from bot.relay.query_rules import QueryDraft, check_answer_choice, normalise_codes, validate_query
from bot.relay.work_calendar import WorkCalendar, load_calendar, office_calendar, team_calendar
from bot.timezones import known_zone
from storage import audit, calendars, clarifications, exports, offices, outbox, processed_events, roles
from storage.audit import AuditEntry
from storage.backend import Database
from storage.calendars import DayKind
from storage.clarifications import (
    ANSWERED_OUTCOMES,
    Answer,
    Clarification,
    ClarificationState,
    NewClarification,
    Outcome,
    QueryFormat,
    Reply,
    ReplySide,
)
from storage.db import read_transaction, write_transaction
from storage.directory_lock import lock_directory
from storage.offices import Office
from storage.outbox import NewOutboxMessage
from storage.roles import Role

T = TypeVar("T")

SYSTEM_ACTOR = "system"
MAX_REASON = 500
MAX_REPLY = 3000
MAX_OFFICE_NAME = 80
MAX_CALENDAR_DAYS = 366


# --- errors -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RefusalRecord:
    """The audit row a refusal leaves (`refused`, `phi_refused`): who tried what, never the refused text."""

    actor_id: str
    action: str
    detail: Mapping[str, Any]
    clarification_id: int | None = None


class RelayError(Exception):
    """Base of the relay's errors; `message` is written for the person who triggered it. A refusal carries
    the audit row it must leave (`refusal`), written even though everything else rolls back."""

    refusal: RefusalRecord | None = None

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAuthorized(RelayError):
    def __init__(self, message: str, refusal: RefusalRecord | None = None) -> None:
        super().__init__(message)
        self.refusal = refusal


class NotFound(RelayError):
    pass


class InvalidTransition(RelayError):
    pass


class AlreadyAnswered(InvalidTransition):
    """The loser of an answer race (or a late second answer): says who answered first and when."""

    def __init__(self, clarification_id: int, answered_by: str | None, answered_at: datetime | None) -> None:
        when = answered_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if answered_at else "earlier"
        super().__init__(
            f"Clarification #{clarification_id} was already answered by <@{answered_by}> at {when}."
        )
        self.clarification_id = clarification_id
        self.answered_by = answered_by
        self.answered_at = answered_at


class ValidationFailed(RelayError):
    """`errors` maps a form field to its message (ready for a modal's `response_action: errors`)."""

    def __init__(self, errors: Mapping[str, str], warnings: Collection[str] = ()) -> None:
        self.errors = dict(errors)
        self.warnings = list(warnings)
        super().__init__(
            " ".join(self.errors.values()) or " ".join(self.warnings) or "The input is not valid."
        )


class PhiRefused(ValidationFailed):
    """Text looked like a patient identifier; nothing was stored or posted."""

    def __init__(
        self, errors: Mapping[str, str], warnings: Collection[str] = (), refusal: RefusalRecord | None = None
    ) -> None:
        super().__init__(errors, warnings)
        self.refusal = refusal


# --- authorization ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    """A Slack user as the relay sees them; `team_id` matters for Slack Connect guests from an office."""

    user_id: str
    team_id: str


class Action(StrEnum):
    MANAGE_OFFICES = "manage_offices"
    GRANT_ROLE = "grant_role"
    REVOKE_ROLE = "revoke_role"
    ASK = "ask"
    ANSWER = "answer"
    REQUEST_MORE_INFO = "request_more_info"
    REPLY_AS_ASKER = "reply_as_asker"
    REPLY_AS_OFFICE = "reply_as_office"
    RESOLVE = "resolve"
    CLOSE = "close"
    REOPEN = "reopen"
    VIEW = "view"
    LIST_MINE = "list_mine"
    LIST_OFFICE = "list_office"
    LIST_OVERDUE = "list_overdue"
    LIST_ALL = "list_all"
    EXPORT = "export"


@dataclass(frozen=True)
class AccessFacts:
    """What the matrix looks at, gathered from storage for one actor and one target."""

    role: Role | None
    is_asker: bool = False
    is_office_member: bool = False
    target_role: Role | None = None


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str


_ALLOWED = Decision(True, "allowed")


def decide(action: Action, facts: AccessFacts) -> Decision:
    """The authorization matrix as one pure function (table-tested).

    admin: everything. lead: offices, roles (never the admin role), close/reopen any, list all, plus what a
    coder may do. coder: ask, list own, resolve/close/reply on own. Office member (any role or none): answer,
    ask for more information and reply, only on their own office's clarifications.
    """
    role = facts.role
    if role is Role.ADMIN:
        return _ALLOWED
    lead = role is Role.LEAD
    staff = role in (Role.LEAD, Role.CODER)
    own = staff and facts.is_asker
    member = facts.is_office_member

    def rule(allowed: bool, reason: str) -> Decision:
        return _ALLOWED if allowed else Decision(False, reason)

    match action:
        case Action.MANAGE_OFFICES:
            return rule(lead, "Only admins and leads can manage offices.")
        case Action.GRANT_ROLE | Action.REVOKE_ROLE:
            if lead and facts.target_role is Role.ADMIN:
                return Decision(False, "Only an admin can grant or remove the admin role.")
            return rule(lead, "Only admins and leads can change roles.")
        case Action.ASK | Action.LIST_MINE:
            return rule(staff, "Only coders, leads and admins can ask for clarifications.")
        case Action.ANSWER | Action.REQUEST_MORE_INFO | Action.REPLY_AS_OFFICE:
            return rule(member, "Only the office this clarification was sent to can answer it.")
        case Action.REPLY_AS_ASKER | Action.RESOLVE:
            return rule(own, "Only the coder who asked can do this.")
        case Action.CLOSE:
            return rule(lead or own, "Only the coder who asked, a lead or an admin can close this.")
        case Action.REOPEN | Action.LIST_ALL:
            return rule(lead, "Only leads and admins can do this.")
        case Action.EXPORT:
            return rule(lead, "Only leads and admins can export the clarification record.")
        case Action.VIEW:
            return rule(lead or own or member, "You can only see your own clarifications or your office's.")
        case Action.LIST_OFFICE:
            return rule(lead or member, "You can only list the clarifications of your own office.")
        case Action.LIST_OVERDUE:
            return rule(lead or staff or member, "You have no clarifications to list.")
    return Decision(False, "Unknown action.")  # pragma: no cover - match is exhaustive


Target = Clarification | Office | Role | None


class ListFilter(StrEnum):
    MINE = "mine"
    OFFICE = "office"
    OVERDUE = "overdue"
    ALL = "all"


class MessageKind(StrEnum):
    OFFICE_POST = "office_post"
    ASKER_TRACKING = "asker_tracking"
    OFFICE_UPDATE = "office_update"
    ASKER_UPDATE = "asker_update"
    OFFICE_THREAD = "office_thread"
    ASKER_THREAD = "asker_thread"


BlocksFor = Callable[[MessageKind, Clarification, Office], builtins.list[dict[str, Any]] | None]
"""Optional hook from the Slack layer: Block Kit for a message (e.g. the office post's Answer button)."""


# --- one audited transition ---------------------------------------------------------------------------------


class Transition:
    """One operation's transaction: its connection and time, and the steps every relay operation takes the same
    way (the refusal check, the audit row, the outbox rows), so each operation states only what differs.

    Refusals are raised (`require`, `refuse_phi`) wherever they are found; `ClarificationService.transition` rolls
    back what was changed and still writes the refusal's audit row."""

    def __init__(
        self, service: ClarificationService, db: Database, now: datetime, *, write: bool = True
    ) -> None:
        self.db = db
        self.now = now
        self.write = write
        self._blocks_for = service.blocks_for

    # -- reading

    def clarification(self, clarification_id: int) -> Clarification:
        read = clarifications.get_for_change if self.write else clarifications.get
        found = read(self.db, clarification_id)
        if found is None:
            raise NotFound(f"There is no clarification #{clarification_id}.")
        return found

    def office(self, office_id: int) -> Office:
        found = offices.get_office(self.db, office_id)
        if found is None:
            raise NotFound(f"There is no office #{office_id}.")
        return found

    def facts(self, actor: Actor, target: Target) -> AccessFacts:
        db = self.db
        role = roles.get_role(db, actor.user_id)
        if isinstance(target, Clarification):
            return AccessFacts(
                role=role,
                is_asker=target.asker_id == actor.user_id and target.asker_team == actor.team_id,
                is_office_member=offices.is_member(
                    db, office_id=target.office_id, user_id=actor.user_id, team_id=actor.team_id
                ),
            )
        if isinstance(target, Office):
            return AccessFacts(
                role=role,
                is_office_member=offices.is_member(
                    db, office_id=target.id, user_id=actor.user_id, team_id=actor.team_id
                ),
            )
        if isinstance(target, Role):
            return AccessFacts(role=role, target_role=target)
        member_of = offices.member_office_ids(db, user_id=actor.user_id, team_id=actor.team_id)
        return AccessFacts(role=role, is_office_member=bool(member_of))

    # -- refusals

    def require(self, actor: Actor, action: Action, target: Target = None) -> None:
        """Return when `actor` may do `action` on `target`; otherwise raise NotAuthorized (audited)."""
        decision = decide(action, self.facts(actor, target))
        if decision.allowed:
            return
        detail: dict[str, Any] = {
            "attempted": action.value,
            "reason": decision.reason,
            "team_id": actor.team_id,
        }
        if isinstance(target, Office):
            detail["office_id"] = target.id
        elif isinstance(target, Role):
            detail["target_role"] = target.value
        clarification_id = target.id if isinstance(target, Clarification) else None
        raise NotAuthorized(
            decision.reason, RefusalRecord(actor.user_id, "refused", detail, clarification_id)
        )

    def refuse_phi(
        self,
        actor: Actor,
        problems: Mapping[str, str],
        clarification_id: int | None,
        errors: Mapping[str, str] | None = None,
        warnings: Collection[str] = (),
    ) -> NoReturn:
        """Raise PhiRefused; its audit row names the fields only, never the text."""
        record = RefusalRecord(
            actor.user_id,
            "phi_refused",
            {"fields": sorted(problems), "team_id": actor.team_id},
            clarification_id,
        )
        raise PhiRefused(errors or problems, warnings, record)

    def screen(self, actor: Actor, fields: Mapping[str, str], clarification_id: int | None) -> None:
        """The PHI guard over free text about to be stored or relayed: refused (audited) when it finds any."""
        problems = phi.check_fields(fields)
        if problems:
            self.refuse_phi(actor, problems, clarification_id)

    # -- changes

    def record(
        self, actor_id: str, action: str, detail: Mapping[str, Any], clarification_id: int | None = None
    ) -> None:
        """The change's audit row."""
        audit.append(
            self.db,
            clarification_id=clarification_id,
            actor_id=actor_id,
            action=action,
            at=self.now,
            detail=detail,
        )

    def apply(self, current: Clarification, changes: Mapping[str, object]) -> Clarification:
        """Change a clarification from the state it was read in (optimistic: a concurrent change is refused)."""
        if not clarifications.transition(self.db, current, changes):
            raise InvalidTransition(f"Clarification #{current.id} changed meanwhile; please try again.")
        return self.clarification(current.id)

    def post(
        self, c: Clarification, kind: MessageKind, text: str, dedupe_key: str, office: Office | None = None
    ) -> int:
        """Queue one message. Posts go to the office channel / the asker's channel; updates and thread notes
        point at the original post's outbox row, whose Slack ts the worker fills in once it is known."""
        office = office or self.office(c.office_id)
        office_post = f"clarification:{c.id}:{MessageKind.OFFICE_POST}"
        asker_post = f"clarification:{c.id}:{MessageKind.ASKER_TRACKING}"
        method = "chat.postMessage"
        ts_target: str | None = None
        parent_key: str | None = None
        parent_field: str | None = None
        if kind is MessageKind.OFFICE_POST:
            ts_target = "office_ts"
        elif kind is MessageKind.ASKER_TRACKING:
            ts_target = "asker_ts"
        elif kind in (MessageKind.OFFICE_UPDATE, MessageKind.ASKER_UPDATE):
            method, parent_field = "chat.update", "ts"
            parent_key = office_post if kind is MessageKind.OFFICE_UPDATE else asker_post
        else:
            parent_field = "thread_ts"
            parent_key = office_post if kind is MessageKind.OFFICE_THREAD else asker_post
        to_office = kind in (MessageKind.OFFICE_POST, MessageKind.OFFICE_UPDATE, MessageKind.OFFICE_THREAD)
        channel = office.channel_id if to_office else c.asker_channel
        payload: dict[str, Any] = {"channel": channel, "text": text}
        if method == "chat.postMessage":
            payload.update(unfurl_links=False, unfurl_media=False)
        if self._blocks_for is not None:
            blocks = self._blocks_for(kind, c, office)
            if blocks:
                payload["blocks"] = blocks
        parent_id = None
        if parent_key is not None:
            parent = outbox.find_by_dedupe_key(self.db, parent_key)
            parent_id = parent.id if parent else None
        return outbox.enqueue(
            self.db,
            NewOutboxMessage(
                kind=kind.value,
                channel=channel,
                method=method,
                payload=payload,
                dedupe_key=dedupe_key,
                clarification_id=c.id,
                ts_target=ts_target,
                parent_id=parent_id,
                parent_ts_field=parent_field if parent_id is not None else None,
            ),
            now=self.now,
        )

    def status_updates(self, c: Clarification) -> None:
        """Re-render both original messages so the office and the coder see the new state."""
        office = self.office(c.office_id)
        for kind, text in (
            (MessageKind.OFFICE_UPDATE, messages.office_post(c, office.name)),
            (MessageKind.ASKER_UPDATE, messages.asker_tracking(c, office.name)),
        ):
            self.post(c, kind, text, f"clarification:{c.id}:v{c.version}:{kind}", office)

    def note(self, c: Clarification, kind: MessageKind, text: str, name: str) -> None:
        """A thread note about this version of `c` (its key names the version, so a retry never doubles it)."""
        self.post(c, kind, text, f"clarification:{c.id}:v{c.version}:{name}")


# --- the service --------------------------------------------------------------------------------------------


def _reason(reason: str) -> str:
    text = reason.strip()
    if not text:
        raise ValidationFailed({"reason": "Give a reason; it is kept in the permanent record."})
    if len(text) > MAX_REASON:
        raise ValidationFailed({"reason": f"Keep the reason to {MAX_REASON} characters."})
    return text


def _office_errors(
    db: Database,
    *,
    office_id: int | None,
    name: str,
    channel_id: str,
    tz: str,
    open_: time,
    close: time,
    sla_hours: float,
    active: bool,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "Give the office a name."
    elif len(name.strip()) > MAX_OFFICE_NAME:
        errors["name"] = f"Keep the name to {MAX_OFFICE_NAME} characters."
    else:
        same_name = offices.find_office_by_name(db, name)
        if same_name is not None and same_name.id != office_id:
            state = "" if same_name.active else " (inactive: reactivate it instead)"
            errors["name"] = f"An office called {same_name.name} already exists{state}."
    if not channel_id or channel_id[0] not in "CG" or not channel_id.isalnum() or not channel_id.isupper():
        errors["channel_id"] = "Pick the office's Slack channel (a channel id such as C0123ABCD)."
    elif active:
        same_channel = offices.find_active_office_by_channel(db, channel_id)
        if same_channel is not None and same_channel.id != office_id:
            errors["channel_id"] = (
                f"That channel already belongs to {same_channel.name}; each office needs its own "
                "channel so it only sees its own questions."
            )
    if known_zone(tz) is None:
        errors["tz"] = "Use an IANA time zone such as America/Chicago."
    if open_ >= close:
        errors["close"] = "Closing time must be after opening time."
    if not 0 < sla_hours <= 24 * 30:
        errors["sla_hours"] = "The turnaround must be between 0 and 720 business hours."
    return errors


class ClarificationService:
    """Entry point for handlers and jobs. `db_factory` must return a fresh connection per call (it is closed
    after each operation, and connections are not shared across threads); `clock` returns an aware "now"."""

    def __init__(
        self,
        db_factory: Callable[[], Database],
        clock: Callable[[], datetime],
        *,
        blocks_for: BlocksFor | None = None,
    ) -> None:
        self._db_factory = db_factory
        self._clock = clock
        self.blocks_for = blocks_for
        phi.prepare()  # the guard's word lists, before the first request rather than during it

    # -- plumbing

    def _now(self) -> datetime:
        now = self._clock()
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("clock must return timezone-aware datetimes")
        return now

    def transition(self, body: Callable[[Transition], T], *, write: bool = True) -> T:
        """Run `body` as one transaction: a write transaction (the lock taken up front), or for reads a deferred
        one that never waits for the lock. A refusal raised anywhere in it rolls back whatever was changed, and
        its audit row is then written on its own: a refusal is never lost, whichever path raised it."""
        now = self._now()
        db = self._db_factory()
        try:
            try:
                with write_transaction(db) if write else read_transaction(db):
                    return body(Transition(self, db, now, write=write))
            except RelayError as error:
                refusal = error.refusal
                if refusal is not None:
                    with write_transaction(db):
                        audit.append(
                            db,
                            clarification_id=refusal.clarification_id,
                            actor_id=refusal.actor_id,
                            action=refusal.action,
                            at=now,
                            detail=refusal.detail,
                        )
                raise
        finally:
            db.close()

    def _read(self, body: Callable[[Transition], T]) -> T:
        return self.transition(body, write=False)

    # -- authorization

    def authorize(
        self, actor: Actor, action: Action, target: Target = None, *, record: bool = True
    ) -> Decision:
        """Whether `actor` may do `action` on `target`; a refusal is audited unless `record` is False
        (use that for deciding which buttons to show)."""
        if not record:
            return self._read(lambda t: decide(action, t.facts(actor, target)))
        try:
            self._read(lambda t: t.require(actor, action, target))
        except NotAuthorized as refused:
            return Decision(False, refused.message)
        return _ALLOWED

    # -- roles

    def role_of(self, user_id: str) -> Role | None:
        return self._read(lambda t: roles.get_role(t.db, user_id))

    def bootstrap_admin(self, user_id: str) -> bool:
        """Make `user_id` admin only if there is no admin yet (first install; the CLI/settings call this)."""

        def change(t: Transition) -> bool:
            lock_directory(t.db)
            if roles.count_role(t.db, Role.ADMIN):
                return False
            roles.set_role(t.db, user_id=user_id, role=Role.ADMIN, granted_by=SYSTEM_ACTOR, at=t.now)
            t.record(SYSTEM_ACTOR, "role_granted", {"user_id": user_id, "role": Role.ADMIN.value})
            return True

        return self.transition(change)

    @staticmethod
    def _keep_an_admin(t: Transition, previous: Role | None, role: Role | None) -> None:
        if previous is Role.ADMIN and role is not Role.ADMIN and roles.count_role(t.db, Role.ADMIN) == 1:
            raise ValidationFailed({"role": "This is the last admin; grant admin to someone else first."})

    def grant_role(self, actor: Actor, user_id: str, role: Role) -> None:
        def change(t: Transition) -> None:
            lock_directory(t.db)
            previous = roles.get_role(t.db, user_id)
            t.require(actor, Action.GRANT_ROLE, role)
            if previous is Role.ADMIN:
                t.require(actor, Action.REVOKE_ROLE, Role.ADMIN)
            self._keep_an_admin(t, previous, role)
            roles.set_role(t.db, user_id=user_id, role=role, granted_by=actor.user_id, at=t.now)
            detail = {
                "user_id": user_id,
                "role": role.value,
                "previous": previous.value if previous else None,
            }
            t.record(actor.user_id, "role_granted", detail)

        self.transition(change)

    def revoke_role(self, actor: Actor, user_id: str) -> bool:
        """Remove `user_id`'s role; False if they had none."""

        def change(t: Transition) -> bool:
            lock_directory(t.db)
            previous = roles.get_role(t.db, user_id)
            if previous is None:
                return False
            t.require(actor, Action.REVOKE_ROLE, previous)
            self._keep_an_admin(t, previous, None)
            roles.delete_role(t.db, user_id)
            t.record(actor.user_id, "role_revoked", {"user_id": user_id, "previous": previous.value})
            return True

        return self.transition(change)

    # -- offices

    def add_office(
        self,
        actor: Actor,
        *,
        name: str,
        channel_id: str,
        tz: str,
        open_: time = time(8, 0),
        close: time = time(17, 0),
        sla_hours: float = 72.0,
    ) -> Office:
        def change(t: Transition) -> Office:
            lock_directory(t.db)
            t.require(actor, Action.MANAGE_OFFICES)
            errors = _office_errors(
                t.db,
                office_id=None,
                name=name,
                channel_id=channel_id,
                tz=tz,
                open_=open_,
                close=close,
                sla_hours=sla_hours,
                active=True,
            )
            if errors:
                raise ValidationFailed(errors)
            office_id = offices.insert_office(
                t.db,
                name=name.strip(),
                channel_id=channel_id,
                tz=tz,
                open_=open_,
                close=close,
                sla_hours=sla_hours,
                created_at=t.now,
            )
            detail = {"office_id": office_id, "name": name.strip(), "channel_id": channel_id}
            t.record(actor.user_id, "office_added", detail)
            return t.office(office_id)

        return self.transition(change)

    def edit_office(
        self,
        actor: Actor,
        office_id: int,
        *,
        name: str | None = None,
        channel_id: str | None = None,
        tz: str | None = None,
        open_: time | None = None,
        close: time | None = None,
        sla_hours: float | None = None,
        active: bool | None = None,
    ) -> Office:
        """Change what is given; `active=True` reactivates a removed office. Existing due times are kept."""

        def change(t: Transition) -> Office:
            lock_directory(t.db)
            office = t.office(office_id)
            t.require(actor, Action.MANAGE_OFFICES, office)
            wanted: dict[str, Any] = {
                "name": name.strip() if name is not None else None,
                "channel_id": channel_id,
                "tz": tz,
                "open": open_,
                "close": close,
                "sla_hours": sla_hours,
                "active": active,
            }
            changes = {key: value for key, value in wanted.items() if value is not None}
            merged = {
                "name": office.name,
                "channel_id": office.channel_id,
                "tz": office.tz,
                "open": office.open,
                "close": office.close,
                "sla_hours": office.sla_hours,
                "active": office.active,
                **changes,
            }
            errors = _office_errors(
                t.db,
                office_id=office.id,
                name=merged["name"],
                channel_id=merged["channel_id"],
                tz=merged["tz"],
                open_=merged["open"],
                close=merged["close"],
                sla_hours=merged["sla_hours"],
                active=merged["active"],
            )
            if errors:
                raise ValidationFailed(errors)
            offices.update_office(t.db, office.id, changes)
            detail = {"office_id": office.id, "changes": {k: str(v) for k, v in changes.items()}}
            t.record(actor.user_id, "office_edited", detail)
            return t.office(office.id)

        return self.transition(change)

    def remove_office(self, actor: Actor, office_id: int) -> Office:
        """Deactivate: no new questions go to it; its clarifications, members and history stay."""
        return self.edit_office(actor, office_id, active=False)

    def add_office_member(self, actor: Actor, office_id: int, user_id: str, team_id: str) -> bool:
        """Let (user, team) answer this office's questions; False if they already could."""

        def change(t: Transition) -> bool:
            office = t.office(office_id)
            t.require(actor, Action.MANAGE_OFFICES, office)
            added = offices.add_member(
                t.db,
                office_id=office.id,
                user_id=user_id,
                team_id=team_id,
                added_by=actor.user_id,
                added_at=t.now,
            )
            if added:
                detail = {"office_id": office.id, "user_id": user_id, "team_id": team_id}
                t.record(actor.user_id, "office_member_added", detail)
            return added

        return self.transition(change)

    def remove_office_member(self, actor: Actor, office_id: int, user_id: str, team_id: str) -> bool:
        def change(t: Transition) -> bool:
            office = t.office(office_id)
            t.require(actor, Action.MANAGE_OFFICES, office)
            removed = offices.remove_member(t.db, office_id=office.id, user_id=user_id, team_id=team_id)
            if removed:
                detail = {"office_id": office.id, "user_id": user_id, "team_id": team_id}
                t.record(actor.user_id, "office_member_removed", detail)
            return removed

        return self.transition(change)

    # -- calendars (closed days of an office or the team)

    @staticmethod
    def _calendar_target(t: Transition, actor: Actor, office_id: int | None) -> tuple[str, str]:
        """(owner key, name for messages) of an office's calendar or the team's; leads and admins only."""
        office = t.office(office_id) if office_id is not None else None
        t.require(actor, Action.MANAGE_OFFICES, office)
        if office is None:
            return calendars.TEAM, "the team"
        return calendars.office_owner(office.id), office.name

    def calendar(self, office_id: int | None) -> WorkCalendar:
        """The office's calendar (None: the team's), for due dates, listings and forms."""

        def read(t: Transition) -> WorkCalendar:
            if office_id is None:
                return team_calendar(t.db)
            return office_calendar(t.db, t.office(office_id).id)

        return self._read(read)

    def set_holiday_region(self, actor: Actor, office_id: int | None, region: str | None) -> WorkCalendar:
        """Whose public holidays count: a region code (`US-IL`), `none`, or for an office None to follow the
        team again. Due dates already given are kept."""

        def change(t: Transition) -> WorkCalendar:
            owner, _ = self._calendar_target(t, actor, office_id)
            if region is None and owner == calendars.TEAM:
                raise ValidationFailed({"region": "Give the team a region, e.g. US, or `none`."})
            calendars.set_region(t.db, owner, region, by=actor.user_id, at=t.now)
            t.record(actor.user_id, "calendar_region_set", {"calendar": owner, "region": region})
            return load_calendar(t.db, owner)

        return self.transition(change)

    def change_days(
        self,
        actor: Actor,
        office_id: int | None,
        days: Collection[date],
        *,
        closed: bool,
        note: str = "",
    ) -> builtins.list[str]:
        """Close `days` (a lead's closed days) or open them again: opening removes a closed day a lead added
        and, on a public holiday, records that the office works that day. Returns one line per day changed."""
        text = " ".join(note.split())
        if len(text) > MAX_REASON:
            raise ValidationFailed({"note": f"Keep the note to {MAX_REASON} characters."})
        if not days:
            raise ValidationFailed({"days": "Give a date, e.g. 2026-12-24."})
        if len(days) > MAX_CALENDAR_DAYS:
            raise ValidationFailed({"days": f"Change at most {MAX_CALENDAR_DAYS} days at once."})

        def change(t: Transition) -> builtins.list[str]:
            owner, name = self._calendar_target(t, actor, office_id)
            if text:
                t.screen(actor, {"note": text}, None)
            before = load_calendar(t.db, owner)
            lines = []
            for day in sorted(set(days)):
                label = f"{day.isoformat()} ({day.strftime('%a')})"
                if closed:
                    calendars.set_day(t.db, owner, day, DayKind.CLOSED, note=text, by=actor.user_id, at=t.now)
                    lines.append(f"{label}: {name} closed" + (f" ({text})" if text else ""))
                    continue
                holiday = WorkCalendar(before.region).holiday_name(day)
                if day in before.closed:
                    calendars.remove_day(t.db, owner, day)
                    still = f"; still closed for {holiday}" if holiday else ""
                    lines.append(f"{label}: no longer a closed day of {name}{still}")
                elif holiday is not None and day not in before.opened:
                    calendars.set_day(
                        t.db, owner, day, DayKind.OPEN, note=holiday, by=actor.user_id, at=t.now
                    )
                    lines.append(f"{label}: {name} open although it is {holiday}")
                else:
                    lines.append(f"{label}: {name} is already open; nothing changed")
            detail = {"calendar": owner, "days": [d.isoformat() for d in sorted(set(days))], "note": text}
            t.record(actor.user_id, "calendar_days_closed" if closed else "calendar_days_opened", detail)
            return lines

        return self.transition(change)

    def list_offices(self, *, include_inactive: bool = False) -> builtins.list[Office]:
        return self._read(lambda t: offices.list_offices(t.db, include_inactive=include_inactive))

    def office_members(self, office_id: int) -> builtins.list[offices.OfficeMember]:
        """Who answers for the office (for the Edit office form)."""
        return self._read(lambda t: offices.list_members(t.db, t.office(office_id).id))

    def offices_of(self, actor: Actor) -> builtins.list[Office]:
        """The offices `actor` answers for (empty for the coder organisation)."""

        def read(t: Transition) -> builtins.list[Office]:
            ids = offices.member_office_ids(t.db, user_id=actor.user_id, team_id=actor.team_id)
            return [t.office(office_id) for office_id in ids]

        return self._read(read)

    # -- the clarification lifecycle

    def ask(
        self, draft: QueryDraft, asker: Actor, *, asker_channel: str, idempotency_key: str
    ) -> Clarification:
        """Validate and store a new clarification with its audit row and both messages (office post, asker's
        tracking message). Submitting the same `idempotency_key` again returns the first clarification."""
        submission_key = f"{asker.team_id}/{asker.user_id}/{idempotency_key}"

        def change(t: Transition) -> Clarification:
            clarifications.lock_submission(t.db, submission_key)
            existing = clarifications.find_by_submission_key(t.db, submission_key)
            if existing is not None:
                return existing
            t.require(asker, Action.ASK)
            validation = validate_query(draft, now=t.now)
            if validation.phi_fields:
                problems = {field: validation.errors[field] for field in validation.phi_fields}
                t.refuse_phi(asker, problems, None, validation.errors, validation.warnings)
            if not asker_channel.strip():
                validation.errors["asker_channel"] = "Say where to post your copy of the question."
            if validation.errors:
                raise ValidationFailed(validation.errors, validation.warnings)
            office = offices.get_office(t.db, draft.office_id)
            if office is None or not office.active:
                raise ValidationFailed({"office_id": "Pick an active office."})
            due_at = draft.due_at or add_business_hours(
                t.now,
                office.sla_hours,
                office.tz,
                office.open,
                office.close,
                office_calendar(t.db, office.id).is_working_day,
            )
            clarification_id = clarifications.insert(
                t.db,
                NewClarification(
                    office_id=office.id,
                    encounter_ref=draft.encounter_ref.strip(),
                    codes=normalise_codes(draft.codes),
                    question=draft.question.strip(),
                    format=draft.format,
                    options=tuple(option.strip() for option in draft.options if option.strip()),
                    indicators=draft.indicators.strip(),
                    asker_id=asker.user_id,
                    asker_team=asker.team_id,
                    asker_channel=asker_channel,
                    due_at=due_at,
                    created_at=t.now,
                    submission_key=submission_key,
                ),
            )
            c = t.clarification(clarification_id)
            detail = {
                "office_id": office.id,
                "format": c.format.value,
                "due_at": due_at.isoformat(),
                "documented_diagnosis": draft.documented_diagnosis,
                "warnings": validation.warnings,
            }
            t.record(asker.user_id, "asked", detail, c.id)
            for kind, text in (
                (MessageKind.OFFICE_POST, messages.office_post(c, office.name)),
                (MessageKind.ASKER_TRACKING, messages.asker_tracking(c, office.name)),
            ):
                t.post(c, kind, text, f"clarification:{c.id}:{kind}", office)
            return c

        return self.transition(change)

    def answer(
        self, clarification_id: int, actor: Actor, answer: Answer, idempotency_key: str
    ) -> Clarification:
        """Record the office's answer. Exactly one answer wins: the write lock is taken before the state is
        read, so a concurrent second answer sees `answered` and gets AlreadyAnswered (naming who and when).
        Repeating the same `idempotency_key` (a double click) returns the clarification without error."""
        event_key = f"answer:{clarification_id}:{actor.team_id}/{actor.user_id}:{idempotency_key}"

        def change(t: Transition) -> Clarification:
            c = t.clarification(clarification_id)
            if processed_events.seen(t.db, event_key):
                return c
            t.require(actor, Action.ANSWER, c)
            if c.state in (ClarificationState.ANSWERED, ClarificationState.RESOLVED):
                raise AlreadyAnswered(c.id, c.answered_by, c.answered_at)
            if c.state is not ClarificationState.OPEN:
                raise InvalidTransition(
                    f"Clarification #{c.id} was closed without an answer; a lead can reopen it."
                )
            errors = dict(check_answer_choice(c.format, c.options, answer.choice, answer.text))
            if len(answer.text) > MAX_REPLY or len(answer.choice or "") > MAX_REPLY:
                raise ValidationFailed(errors)  # refused for its length before the PHI guard reads it
            t.screen(actor, {"answer": answer.text, "choice": answer.choice or ""}, c.id)
            if errors:
                raise ValidationFailed(errors)
            offered = c.options if c.format is QueryFormat.MULTIPLE_CHOICE else ()
            choice = next(
                (o for o in offered if answer.choice and o.casefold() == answer.choice.strip().casefold()),
                answer.choice.strip().capitalize() if answer.choice else None,
            )
            final = Answer(choice=choice, text=answer.text.strip())
            updated = t.apply(
                c,
                {
                    "state": ClarificationState.ANSWERED,
                    "answer": final,
                    "answered_by": actor.user_id,
                    "answered_at": t.now,
                },
            )
            processed_events.claim_event(t.db, event_key, t.now)
            detail = {"choice": final.choice, "text": final.text, "team_id": actor.team_id}
            t.record(actor.user_id, "answered", detail, c.id)
            t.status_updates(updated)
            t.note(updated, MessageKind.ASKER_THREAD, messages.answer_relay(updated), "answer_relay")
            return updated

        return self.transition(change)

    def request_more_info(
        self, clarification_id: int, actor: Actor, text: str, idempotency_key: str
    ) -> Reply:
        """The office cannot answer yet: their request goes to the coder's thread; the query stays open."""
        event_key = f"more_info:{clarification_id}:{idempotency_key}"

        def change(t: Transition) -> Reply:
            c = t.clarification(clarification_id)
            t.require(actor, Action.REQUEST_MORE_INFO, c)
            if c.state is not ClarificationState.OPEN:
                raise InvalidTransition(f"Clarification #{c.id} is no longer open.")
            reply = self._store_reply(t, c, ReplySide.OFFICE, actor, text, event_key, "more_info_requested")
            if reply is None:
                return self._reply_for_event(t, event_key)
            relay = messages.more_info_relay(c, actor.user_id, reply.text)
            t.post(c, MessageKind.ASKER_THREAD, relay, f"reply:{reply.id}")
            return reply

        return self.transition(change)

    def add_reply(
        self, clarification_id: int, side: ReplySide, author: Actor, text: str, event_id: str
    ) -> Reply | None:
        """Relay a thread message to the other side's thread. Returns None for an event already handled
        (Slack retries deliveries), so the caller can simply ignore it."""

        def change(t: Transition) -> Reply | None:
            c = t.clarification(clarification_id)
            if clarifications.find_reply_by_event(t.db, event_id) is not None:
                return None
            t.require(author, Action.REPLY_AS_ASKER if side is ReplySide.ASKER else Action.REPLY_AS_OFFICE, c)
            if c.state not in (ClarificationState.OPEN, ClarificationState.ANSWERED):
                raise InvalidTransition(
                    f"Clarification #{c.id} is finished, so replies are no longer relayed; "
                    "a lead can reopen it."
                )
            reply = self._store_reply(t, c, side, author, text, event_id, "replied")
            if reply is None:
                return None
            kind = MessageKind.OFFICE_THREAD if side is ReplySide.ASKER else MessageKind.ASKER_THREAD
            t.post(c, kind, messages.reply_relay(side, author.user_id, reply.text), f"reply:{reply.id}")
            return reply

        return self.transition(change)

    @staticmethod
    def _store_reply(
        t: Transition,
        c: Clarification,
        side: ReplySide,
        author: Actor,
        text: str,
        event_key: str,
        action: str,
    ) -> Reply | None:
        body = text.strip()
        if not body:
            raise ValidationFailed({"text": "Write a message."})
        if len(body) > MAX_REPLY:
            raise ValidationFailed({"text": f"Keep messages to {MAX_REPLY} characters."})
        t.screen(author, {"text": body}, c.id)
        reply_id = clarifications.insert_reply(
            t.db,
            clarification_id=c.id,
            side=side,
            author_id=author.user_id,
            text=body,
            created_at=t.now,
            source_event_id=event_key,
        )
        if reply_id is None:
            return None
        t.record(
            author.user_id,
            action,
            {"reply_id": reply_id, "side": side.value, "team_id": author.team_id},
            c.id,
        )
        return clarifications.get_reply(t.db, reply_id)

    @staticmethod
    def _reply_for_event(t: Transition, event_key: str) -> Reply:
        reply = clarifications.find_reply_by_event(t.db, event_key)
        if reply is None:  # pragma: no cover - insert said it exists
            raise NotFound("That message was not found.")
        return reply

    def resolve(self, clarification_id: int, actor: Actor, outcome: Outcome) -> Clarification:
        """The coder records how the answered query ended (agreed and changed or confirmed, disagreed,
        clinically undetermined): the agreement metric. `no_response` belongs to closing an unanswered one."""
        if outcome not in ANSWERED_OUTCOMES:
            raise ValidationFailed(
                {
                    "outcome": "No response is recorded by closing an unanswered clarification, not by resolving."
                }
            )

        def change(t: Transition) -> Clarification:
            c = t.clarification(clarification_id)
            t.require(actor, Action.RESOLVE, c)
            if c.state is ClarificationState.RESOLVED and c.outcome is outcome:
                return c
            if c.state is not ClarificationState.ANSWERED:
                hint = (
                    "it has no answer yet" if c.state is ClarificationState.OPEN else f"it is {c.state.value}"
                )
                raise InvalidTransition(f"Clarification #{c.id} cannot be resolved: {hint}.")
            updated = t.apply(
                c, {"state": ClarificationState.RESOLVED, "resolved_at": t.now, "outcome": outcome}
            )
            t.record(actor.user_id, "resolved", {"outcome": outcome.value}, c.id)
            t.status_updates(updated)
            t.note(updated, MessageKind.OFFICE_THREAD, messages.resolution_note(updated), "resolution_note")
            return updated

        return self.transition(change)

    def close_unanswered(self, clarification_id: int, actor: Actor, reason: str) -> Clarification:
        def change(t: Transition) -> Clarification:
            c = t.clarification(clarification_id)
            t.require(actor, Action.CLOSE, c)
            if c.state is ClarificationState.CLOSED_UNANSWERED:
                return c
            if c.state is not ClarificationState.OPEN:
                raise InvalidTransition(f"Clarification #{c.id} has an answer; resolve it instead.")
            why = _reason(reason)
            t.screen(actor, {"reason": why}, c.id)
            updated = t.apply(
                c,
                {
                    "state": ClarificationState.CLOSED_UNANSWERED,
                    "close_reason": why,
                    "outcome": Outcome.NO_RESPONSE,
                },
            )
            detail = {"reason": why, "outcome": Outcome.NO_RESPONSE.value}
            t.record(actor.user_id, "closed_unanswered", detail, c.id)
            t.status_updates(updated)
            t.note(
                updated,
                MessageKind.OFFICE_THREAD,
                messages.closed_note(updated, actor.user_id),
                "closed_note",
            )
            return updated

        return self.transition(change)

    def reopen(self, clarification_id: int, actor: Actor, reason: str) -> Clarification:
        """Back to open with a fresh due time. The previous answer/outcome leave the row but stay in the audit
        detail, so nothing is lost."""

        def change(t: Transition) -> Clarification:
            c = t.clarification(clarification_id)
            t.require(actor, Action.REOPEN, c)
            if c.state is ClarificationState.OPEN:
                raise InvalidTransition(f"Clarification #{c.id} is already open.")
            why = _reason(reason)
            t.screen(actor, {"reason": why}, c.id)
            office = t.office(c.office_id)
            due_at = add_business_hours(
                t.now,
                office.sla_hours,
                office.tz,
                office.open,
                office.close,
                office_calendar(t.db, office.id).is_working_day,
            )
            updated = t.apply(
                c,
                {
                    "state": ClarificationState.OPEN,
                    "due_at": due_at,
                    "answer": None,
                    "answered_by": None,
                    "answered_at": None,
                    "resolved_at": None,
                    "outcome": None,
                    "close_reason": None,
                },
            )
            detail = {
                "reason": why,
                "previous_state": c.state.value,
                "previous_answer": None
                if c.answer is None
                else {"choice": c.answer.choice, "text": c.answer.text},
                "previous_answered_by": c.answered_by,
                "previous_outcome": c.outcome.value if c.outcome else None,
                "previous_close_reason": c.close_reason,
                "due_at": due_at.isoformat(),
            }
            t.record(actor.user_id, "reopened", detail, c.id)
            t.status_updates(updated)
            note = messages.reopened_note(updated, actor.user_id, why)
            t.note(updated, MessageKind.OFFICE_THREAD, note, "reopened_office")
            t.note(updated, MessageKind.ASKER_THREAD, note, "reopened_asker")
            return updated

        return self.transition(change)

    # -- reading

    def get(self, clarification_id: int, actor: Actor | None = None) -> Clarification:
        """With `actor`, only if they may see it (office staff see their office's only); without, for jobs."""
        return self._read(lambda t: self._visible(t, clarification_id, actor))

    @staticmethod
    def _visible(t: Transition, clarification_id: int, actor: Actor | None) -> Clarification:
        """The clarification, when `actor` may see it (NotAuthorized, audited, otherwise)."""
        c = t.clarification(clarification_id)
        if actor is not None:
            t.require(actor, Action.VIEW, c)
        return c

    def history(self, clarification_id: int, actor: Actor | None = None) -> builtins.list[AuditEntry]:
        """The audit trail of one clarification, oldest first."""
        return self._read(
            lambda t: audit.for_clarification(t.db, self._visible(t, clarification_id, actor).id)
        )

    def replies(self, clarification_id: int, actor: Actor | None = None) -> builtins.list[Reply]:
        return self._read(
            lambda t: clarifications.list_replies(t.db, self._visible(t, clarification_id, actor).id)
        )

    def export(
        self,
        actor: Actor | None,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        office_id: int | None = None,
    ) -> ExportData:
        """Every clarification asked in [start, end) (of one office, or all) with its audit trail and thread
        replies. Leads and admins only (`actor` None: the server's operator, from `codedesk export`); each
        export is itself recorded in the audit log, with its filters and row count."""

        def change(t: Transition) -> ExportData:
            if office_id is not None:
                t.office(office_id)
            if actor is not None:
                t.require(actor, Action.EXPORT)
            found = exports.clarifications_asked_between(t.db, start, end, office_id)
            ids = [c.id for c in found]
            names = {office.id: office.name for office in offices.list_offices(t.db, include_inactive=True)}
            data = ExportData(found, exports.trails(t.db, ids), exports.replies(t.db, ids), names)
            detail = {
                "from": start.isoformat() if start else None,
                "to": end.isoformat() if end else None,
                "office_id": office_id,
                "clarifications": len(found),
                "team_id": actor.team_id if actor else None,
            }
            t.record(actor.user_id if actor else SYSTEM_ACTOR, "exported", detail)
            return data

        return self.transition(change)

    def thread_target(self, channel_id: str, thread_ts: str) -> tuple[int, ReplySide] | None:
        """Which clarification (and side) a Slack thread belongs to, for relaying thread messages."""

        def read(t: Transition) -> tuple[int, ReplySide] | None:
            found = outbox.find_thread_root(t.db, channel=channel_id, ts=thread_ts)
            if found is None:
                return None
            clarification_id, ts_target = found
            return clarification_id, ReplySide.OFFICE if ts_target == "office_ts" else ReplySide.ASKER

        return self._read(read)

    def list(
        self,
        filter: ListFilter,
        actor: Actor,
        now: datetime,
        *,
        office_id: int | None = None,
        states: Collection[ClarificationState] | None = None,
        limit: int = 200,
    ) -> builtins.list[Clarification]:
        """Clarifications `actor` may see, newest first: `mine` (asked by them), `office` (one office, or the
        offices they answer for), `overdue` (open past due at `now`, scoped to what they may see), `all`."""

        def read(t: Transition) -> builtins.list[Clarification]:
            db = t.db
            role = roles.get_role(db, actor.user_id)
            lead = role in (Role.ADMIN, Role.LEAD)
            member_of = offices.member_office_ids(db, user_id=actor.user_id, team_id=actor.team_id)
            if filter is ListFilter.MINE:
                t.require(actor, Action.LIST_MINE)
                return self._mine(db, actor, states, None, limit)
            if filter is ListFilter.ALL:
                t.require(actor, Action.LIST_ALL)
                return clarifications.search(db, states=states, limit=limit)
            if filter is ListFilter.OFFICE:
                t.require(actor, Action.LIST_OFFICE, t.office(office_id) if office_id is not None else None)
                if office_id is not None:
                    return clarifications.search(db, office_ids=[office_id], states=states, limit=limit)
                scope = None if lead else member_of
                return clarifications.search(db, office_ids=scope, states=states, limit=limit)
            t.require(actor, Action.LIST_OVERDUE)
            open_only = [ClarificationState.OPEN]
            if lead:
                return clarifications.search(db, states=open_only, due_before=now, limit=limit)
            found = {
                c.id: c
                for c in clarifications.search(
                    db, office_ids=member_of, states=open_only, due_before=now, limit=limit
                )
            }
            if role is Role.CODER:
                found.update((c.id, c) for c in self._mine(db, actor, open_only, now, limit))
            return sorted(found.values(), key=lambda c: c.id, reverse=True)[:limit]

        return self._read(read)

    @staticmethod
    def _mine(
        db: Database,
        actor: Actor,
        states: Collection[ClarificationState] | None,
        due_before: datetime | None,
        limit: int,
    ) -> builtins.list[Clarification]:
        found = clarifications.search(
            db, asker_id=actor.user_id, states=states, due_before=due_before, limit=limit
        )
        return [c for c in found if c.asker_team == actor.team_id]
