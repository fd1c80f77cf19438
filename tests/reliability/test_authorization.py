"""The authorisation matrix at the Slack level: every action the app exposes, by every kind of person, through
signed requests to the real app.

tests/relay/test_authorization.py proves the designed matrix (`decide`) and the service's use of it. Here the
question is whether the Slack layer keeps to it: that it identifies the actor (user *and* team) from each kind
of payload, never acts for someone it should refuse, and that every refusal is audited. The expected outcome of
each cell is the service's own decision for that actor and target (`authorize(..., record=False)`), taken
before the request; the outcome is read from the database, not from reply wording.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

pytest.importorskip("bot.commands.clarify")
pytest.importorskip("bot.commands.admin")

from bot import ids
from bot.commands.clarify_parse import ModalContext
from bot.outbox import OutboxWorker
from bot.relay.service import Action, Actor, ClarificationService, ListFilter, Target
from bot.render.clarify_blocks import Field
from bot.services import Services
from storage import audit
from storage.clarifications import Answer, Clarification, ClarificationState
from storage.roles import Role
from tests.fake_slack import RESPONSE_URL_METHOD, FakeSlack
from tests.relay.conftest import (
    ADMIN,
    CODER,
    CODER2,
    LEAD,
    NORTH_STAFF,
    SOUTH_STAFF,
    STRANGER,
    FakeClock,
    World,
    make_draft,
)
from tests.reliability.scenarios import RecordingSend
from tests.reliability.world import populate
from tests.scenario import Scenario
from tests.signing import block_actions_body, event_body, slash_command_body, view_submission_body

pytestmark = pytest.mark.backends  # on both backends (tests/backends.py)

ACTORS = {
    "admin": ADMIN,
    "lead": LEAD,
    "coder who asked": CODER,
    "another coder": CODER2,
    "staff of this office": NORTH_STAFF,
    "staff of another office": SOUTH_STAFF,
    "this office's user id, another team": Actor(NORTH_STAFF.user_id, "TEVIL"),
    "guest (no role, no office)": STRANGER,
}
_n = itertools.count(1)


@dataclass
class Harness:
    scenario: Scenario
    fake: FakeSlack
    relay: ClarificationService
    world: World
    now: FakeClock
    slack_ts: RecordingSend = field(
        default_factory=RecordingSend
    )  # one ts sequence: thread roots stay unique

    def clarification(self, state: str) -> Clarification:
        """A fresh clarification of CODER's to the north office, its posts delivered (so threads exist)."""
        n = next(_n)
        draft = make_draft(self.world.north.id, encounter_ref=f"ENC-AUTH-{n}")
        c = self.relay.ask(draft, CODER, asker_channel=CODER.user_id, idempotency_key=f"auth-{n}")
        if state in ("answered", "resolved"):
            self.relay.answer(c.id, NORTH_STAFF, Answer(choice="Iron deficiency anemia"), f"auth-{n}")
        if state == "closed":
            self.relay.close_unanswered(c.id, CODER, "Withdrawn")
        worker = OutboxWorker(
            self.relay._db_factory, self.slack_ts, self.now, lambda s: None, channel_interval=0
        )
        worker.deliver_due(self.now())
        return self.relay.get(c.id)

    def refusals(self, actor: Actor, action: Action) -> int:
        db = self.relay._db_factory()
        try:
            entries = audit.recent(db, action="refused", limit=100_000)
        finally:
            db.close()
        return sum(
            e.actor_id == actor.user_id
            and e.detail.get("attempted") == action.value
            and e.detail.get("team_id") == actor.team_id
            for e in entries
        )

    def replies_text(self, mark: int) -> str:
        return json.dumps([c.body for c in self.fake.calls_since(mark) if c.method == RESPONSE_URL_METHOD])


Request = Callable[[Harness, Actor, Clarification | None], str]
Effect = Callable[[Harness, Clarification | None, int], bool]


def command(name: str, text: Callable[[Clarification | None], str]) -> Request:
    def build(h: Harness, actor: Actor, c: Clarification | None) -> str:
        return slash_command_body(
            name, text(c), user_id=actor.user_id, team_id=actor.team_id, response_url=h.fake.response_url("r")
        )

    return build


def submission(callback_id: str, values: dict[str, Any], mode: str | None = None) -> Request:
    def build(h: Harness, actor: Actor, c: Clarification | None) -> str:
        metadata = ModalContext(c.id, mode).dumps() if c is not None and mode else ""
        return view_submission_body(
            callback_id,
            values,
            private_metadata=metadata,
            user_id=actor.user_id,
            team_id=actor.team_id,
            view_id=f"V{next(_n)}",
        )

    return build


def resolve_click(h: Harness, actor: Actor, c: Clarification | None) -> str:
    assert c is not None
    return block_actions_body(
        ids.CLARIFICATION_RESOLVE,
        f"{c.id}:confirmed",
        user_id=actor.user_id,
        team_id=actor.team_id,
        response_url=h.fake.response_url("r"),
    )


def thread_message(side: str) -> Request:
    def build(h: Harness, actor: Actor, c: Clarification | None) -> str:
        assert c is not None
        channel, root = (
            (h.world.north.channel_id, c.office_ts) if side == "office" else (c.asker_channel, c.asker_ts)
        )
        event = {
            "type": "message",
            "channel": channel,
            "user": actor.user_id,
            "user_team": actor.team_id,
            "text": "Please see the progress note from day 2",
            "ts": f"1800000000.{next(_n):06d}",
            "thread_ts": root,
        }
        return event_body(event, event_id=f"Ev{next(_n)}")

    return build


def state_is(state: ClarificationState) -> Effect:
    return lambda h, c, mark: c is not None and h.relay.get(c.id).state is state


def has_replies(h: Harness, c: Clarification | None, mark: int) -> bool:
    return c is not None and bool(h.relay.replies(c.id))


def shows_it(h: Harness, c: Clarification | None, mark: int) -> bool:
    return c is not None and c.encounter_ref in h.replies_text(mark)


@dataclass(frozen=True)
class Case:
    action: Action
    target: str | None  # the state of a fresh clarification to act on, or None
    request: Request
    effect: Effect
    oracle_target: Callable[[Harness, Clarification | None], Target] = lambda h, c: c


ANSWER_VALUES = {
    Field.CHOICE: {"a": {"type": "radio_buttons", "selected_option": {"value": "Iron deficiency anemia"}}}
}
ASK_VALUES = {
    Field.OFFICE: {"a": {"type": "static_select", "selected_option": {"value": "OFFICE"}}},
    Field.ENCOUNTER: {"a": {"type": "plain_text_input", "value": "ENC-ASKED-1"}},
    Field.CODES: {"a": {"type": "plain_text_input", "value": "D64.9"}},
    Field.QUESTION: {"a": {"type": "plain_text_input", "value": "Can the type of anemia be specified?"}},
    Field.FORMAT: {"a": {"type": "static_select", "selected_option": {"value": "open_ended"}}},
    Field.OPTIONS: {"a": {"type": "plain_text_input", "value": ""}},
    Field.INDICATORS: {"a": {"type": "plain_text_input", "value": "Hgb 7.1 g/dL on day 2, 2 units PRBC"}},
    Field.DOCUMENTED: {"a": {"type": "checkboxes", "selected_options": []}},
    Field.REVIEW: {"a": {"type": "checkboxes", "selected_options": []}},
}

CASES = {
    "view (/clarify show)": Case(
        Action.VIEW, "open", command("/clarify", lambda c: f"show {c and c.id}"), shows_it
    ),
    "list all": Case(
        Action.LIST_ALL, "open", command("/clarify", lambda c: "list all"), shows_it, lambda h, c: None
    ),
    "list an office": Case(
        Action.LIST_OFFICE,
        "open",
        command("/clarify", lambda c: "list office North Clinic"),
        shows_it,
        lambda h, c: h.world.north,
    ),
    "close (/clarify close)": Case(
        Action.CLOSE,
        "open",
        command("/clarify", lambda c: f"close {c and c.id} reason:Withdrawn by the coder"),
        state_is(ClarificationState.CLOSED_UNANSWERED),
    ),
    "reopen (/clarify reopen)": Case(
        Action.REOPEN,
        "closed",
        command("/clarify", lambda c: f"reopen {c and c.id} reason:New documentation arrived"),
        state_is(ClarificationState.OPEN),
    ),
    "answer (modal)": Case(
        Action.ANSWER,
        "open",
        submission(ids.ANSWER_MODAL, ANSWER_VALUES, "answer"),
        state_is(ClarificationState.ANSWERED),
    ),
    "ask for more information (modal)": Case(
        Action.REQUEST_MORE_INFO,
        "open",
        submission(
            ids.ANSWER_MODAL,
            {Field.TEXT: {"a": {"type": "plain_text_input", "value": "Which day?"}}},
            "more_info",
        ),
        has_replies,
    ),
    "resolve (menu)": Case(Action.RESOLVE, "answered", resolve_click, state_is(ClarificationState.RESOLVED)),
    "reply in the office's thread": Case(
        Action.REPLY_AS_OFFICE, "open", thread_message("office"), has_replies
    ),
    "reply in the coder's thread": Case(Action.REPLY_AS_ASKER, "open", thread_message("asker"), has_replies),
}


def ask_request(h: Harness, actor: Actor, c: Clarification | None) -> str:
    values = json.loads(json.dumps(ASK_VALUES).replace('"OFFICE"', f'"{h.world.north.id}"'))
    values[Field.ENCOUNTER]["a"]["value"] = f"ENC-ASKED-{next(_n)}"
    return submission(ids.CLARIFY_MODAL, values)(h, actor, c)


def asked(h: Harness, c: Clarification | None, mark: int) -> bool:
    found = h.relay.list(ListFilter.ALL, ADMIN, h.now(), states=[ClarificationState.OPEN], limit=1000)
    return any(x.encounter_ref.startswith("ENC-ASKED-") for x in found)


def office_added(h: Harness, c: Clarification | None, mark: int) -> bool:
    return any(o.name.startswith("Added ") for o in h.relay.list_offices())


def role_granted(h: Harness, c: Clarification | None, mark: int) -> bool:
    return h.relay.role_of("UGRANTED") is Role.CODER


CASES.update(
    {
        "ask (the clarify modal)": Case(Action.ASK, None, ask_request, asked, lambda h, c: None),
        "add an office (/codedesk)": Case(
            Action.MANAGE_OFFICES,
            None,
            command("/codedesk", lambda c: f"office add Added {next(_n)} <#C0ADD{next(_n)}|added>"),
            office_added,
            lambda h, c: None,
        ),
        "grant a role (/codedesk)": Case(
            Action.GRANT_ROLE,
            None,
            command("/codedesk", lambda c: "role grant <@UGRANTED> coder"),
            role_granted,
            lambda h, c: Role.CODER,
        ),
    }
)


@pytest.fixture
def harness(scenario: Scenario, fake_slack: FakeSlack, services: Services) -> Harness:
    relay = services.relay()
    world = populate(relay)
    return Harness(scenario, fake_slack, relay, world, FakeClock(services.clock()))


@pytest.mark.parametrize("case_name", list(CASES))
def test_every_person_is_allowed_or_refused_as_designed_and_refusals_are_audited(
    case_name: str, harness: Harness, services: Services
) -> None:
    case = CASES[case_name]
    wrong, designed = [], set()
    for who, actor in ACTORS.items():
        c = harness.clarification(case.target) if case.target else None
        allowed = harness.relay.authorize(
            actor, case.action, case.oracle_target(harness, c), record=False
        ).allowed
        designed.add(allowed)
        refusals_before = harness.refusals(actor, case.action)
        mark = harness.fake.mark()
        harness.scenario.run(case.request(harness, actor, c))
        happened = case.effect(harness, c, mark)
        audited = harness.refusals(actor, case.action) > refusals_before
        if happened != allowed or audited == allowed:
            wrong.append(
                f"{who}: designed {'allowed' if allowed else 'refused'}, got effect={happened}, audited={audited}"
            )
        if case.target is None and happened:  # reset the one-off effects for the next person
            break_effects(harness)
    assert wrong == []
    assert designed == {True, False}  # every action has people allowed and people refused


def break_effects(h: Harness) -> None:
    """Undo what an allowed one-off action left (so the next person's attempt is judged on its own)."""
    for office in h.relay.list_offices():
        if office.name.startswith("Added "):
            h.relay.remove_office(ADMIN, office.id)
    if h.relay.role_of("UGRANTED") is not None:
        h.relay.revoke_role(ADMIN, "UGRANTED")
    for c in h.relay.list(ListFilter.ALL, ADMIN, h.now(), limit=1000):
        if c.encounter_ref.startswith("ENC-ASKED-") and c.state is ClarificationState.OPEN:
            h.relay.close_unanswered(c.id, ADMIN, "Test reset")
