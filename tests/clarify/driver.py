"""Driving the clarify feature the way Slack does: signed payloads into the real app, the outbox on a fake clock.

`Relay` wraps the test Scenario with the requests a coder and an office make (commands, modal submissions,
buttons, thread messages) and `deliver()`, which runs the outbox worker until nothing is left to send, moving
the fake clock a second per pass (pacing and Retry-After need time to pass; nothing sleeps).
Every request is signed with its own timestamp, as Slack signs each delivery (a retry included), so a repeated
body reaches the app's handlers rather than the replay guard in front of them.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlencode

from bot import ids
from bot.outbox import OutboxWorker
from bot.relay.query_rules import OTHER_OPTION, UNDETERMINED_OPTION
from bot.relay.service import Actor
from tests.fake_slack import Call, FakeSlack
from tests.relay.conftest import FakeClock
from tests.scenario import Outcome, Scenario
from tests.signing import (
    block_actions_body,
    event_body,
    shortcut_body,
    slash_command_body,
    view_submission_body,
)

TEAM = "T111"  # the coders' workspace (the fake Slack's team)
ADMIN = Actor("UADMIN", TEAM)
LEAD = Actor("ULEAD", TEAM)
CODER = Actor("UCODER", TEAM)
CODER2 = Actor("UCODER2", TEAM)
GUEST = Actor("UGUEST", TEAM)  # in the workspace, no CodeDesk role
NORTH_DOC = Actor("UNORTHDOC", "TNORTH")  # Slack Connect guest from North Clinic's workspace
SOUTH_DOC = Actor("USOUTHDOC", "TSOUTH")
IMPOSTOR = Actor("UNORTHDOC", "TOTHER")  # same user id, another organisation

QUESTION = "Based on the indicators below, can the type of anemia be further specified?"
INDICATORS = "Hgb 7.1 g/dL on day 2 (baseline 12.4), 2 units PRBC transfused, EBL 900 mL."
OPTIONS = ("Acute blood loss anemia", "Anemia of chronic disease", OTHER_OPTION, UNDETERMINED_OPTION)


def _select(value: str | None) -> dict[str, Any]:
    option = None if value is None else {"text": {"type": "plain_text", "text": value}, "value": value}
    return {"type": "static_select", "selected_option": option}


def _text(value: str | None) -> dict[str, Any]:
    return {"type": "plain_text_input", "value": value}


def _boxes(checked: bool) -> dict[str, Any]:
    option = {"text": {"type": "plain_text", "text": "yes"}, "value": "yes"}
    return {"type": "checkboxes", "selected_options": [option] if checked else []}


def clarify_values(office_id: int | None, **overrides: Any) -> dict[str, dict[str, Any]]:
    """view.state.values of a complete, compliant clarify form; override any field by its block id."""
    fields: dict[str, Any] = {
        "office_id": None if office_id is None else str(office_id),
        "encounter_ref": "ENC-2026-00042",
        "codes": "D64.9",
        "question": QUESTION,
        "format": "multiple_choice",
        "options": "\n".join(OPTIONS),
        "documented_diagnosis": False,
        "indicators": INDICATORS,
        "due_at": None,
        "review": False,
    }
    fields.update(overrides)
    values: dict[str, dict[str, Any]] = {
        "office_id": {"office_id": _select(fields["office_id"])},
        "format": {"format": {"type": "radio_buttons", **_select(fields["format"])}},
        "documented_diagnosis": {"documented_diagnosis": _boxes(bool(fields["documented_diagnosis"]))},
        "review": {"review": _boxes(bool(fields["review"]))},
        "due_at": {"due_at": {"type": "datetimepicker", "selected_date_time": fields["due_at"]}},
    }
    for name in ("encounter_ref", "codes", "question", "options", "indicators"):
        values[name] = {name: _text(fields[name])}
    return values


def answer_values(choice: str | None = None, text: str | None = None) -> dict[str, dict[str, Any]]:
    values: dict[str, dict[str, Any]] = {"text": {"text": _text(text)}}
    if choice is not None:
        values["choice"] = {"choice": {"type": "radio_buttons", **_select(choice)}}
    return values


def ack_body(outcome: Outcome) -> dict[str, Any]:
    body = outcome.response.body
    return json.loads(body) if body else {}


def with_payload(body: str, **changes: Any) -> str:
    """A form-encoded interaction body with top-level payload fields changed."""
    payload = json.loads(parse_qs(body)["payload"][0])
    payload.update(changes)
    return urlencode({"payload": json.dumps(payload)})


class Relay:
    def __init__(
        self, scenario: Scenario, fake: FakeSlack, worker: OutboxWorker, clock: FakeClock, office_id: int
    ) -> None:
        self.scenario = scenario
        self.fake = fake
        self.worker = worker
        self.clock = clock
        self.office_id = office_id
        self._numbers = itertools.count(1)
        self._used: set[int] = set()

    def run(self, body: str) -> Outcome:
        return self.scenario.run(body, timestamp=self._fresh_timestamp())

    def _fresh_timestamp(self) -> int:
        """A timestamp no earlier request of this driver used, within Slack's 5-minute window: each delivery is
        signed anew, as Slack signs a retry, so only the app's own dedupe can make a repeat harmless."""
        now = int(time.time())
        self._used = {t for t in self._used if t > now - 240}
        stamp = next(t for t in range(now, now - 240, -1) if t not in self._used)
        self._used.add(stamp)
        return stamp

    # ---- requests ----

    def command(self, text: str, actor: Actor = CODER, command: str = ids.CLARIFY_COMMAND) -> Outcome:
        n = next(self._numbers)
        body = slash_command_body(
            command,
            text,
            user_id=actor.user_id,
            team_id=actor.team_id,
            response_url=self.fake.response_url(f"cmd{n}"),
            trigger_id=f"{n}.trigger",
        )
        return self.run(body)

    def reply_text(self, outcome: Outcome) -> str:
        """The ephemeral reply's text (fallback and blocks) of a command or button."""
        reply = outcome.only("response_url").body
        assert reply.get("response_type", "ephemeral") == "ephemeral"
        return shown_text(reply)

    def submit(
        self, callback_id: str, values: Mapping[str, Any], actor: Actor, view_id: str, metadata: str = ""
    ) -> Outcome:
        body = view_submission_body(
            callback_id,
            dict(values),
            private_metadata=metadata,
            user_id=actor.user_id,
            team_id=actor.team_id,
            view_id=view_id,
        )
        return self.run(body)

    def submit_clarify(self, actor: Actor = CODER, view_id: str = "VASK1", **fields: Any) -> Outcome:
        office = fields.pop("office_id", self.office_id)
        return self.submit(ids.CLARIFY_MODAL, clarify_values(office, **fields), actor, view_id)

    def ask(self, actor: Actor = CODER, view_id: str = "VASK1", **fields: Any) -> int:
        """Submit a compliant question; returns its clarification id (from the confirmation view)."""
        ack = ack_body(self.submit_clarify(actor, view_id, **fields))
        assert ack.get("response_action") == "update", ack
        text = json.dumps(ack["view"])
        return int(text.split("Clarification #", 1)[1].split("*", 1)[0])

    def click(
        self,
        action_id: str,
        value: str,
        actor: Actor,
        channel: str = "C0NORTH",
        message_ts: str = "111.222",
        selected: bool = False,
    ) -> Outcome:
        n = next(self._numbers)
        body = block_actions_body(
            action_id,
            value,
            user_id=actor.user_id,
            team_id=actor.team_id,
            channel_id=channel,
            response_url=self.fake.response_url(f"act{n}"),
            is_ephemeral=False,
            message_ts=message_ts,
        )
        if selected:  # a static select: the choice arrives as selected_option
            payload = json.loads(parse_qs(body)["payload"][0])
            action = payload["actions"][0]
            action.pop("value")
            action["type"] = "static_select"
            action["selected_option"] = {"text": {"type": "plain_text", "text": value}, "value": value}
            body = urlencode({"payload": json.dumps(payload)})
        return self.run(body)

    def answer(
        self,
        clarification_id: int,
        actor: Actor = NORTH_DOC,
        choice: str | None = OPTIONS[0],
        text: str | None = "Per the H/H trend and transfusion.",
        view_id: str = "VANS1",
        mode: str = "answer",
    ) -> Outcome:
        metadata = json.dumps({"id": clarification_id, "mode": mode})
        return self.submit(ids.ANSWER_MODAL, answer_values(choice, text), actor, view_id, metadata)

    def close_form(self, clarification_id: int, reason: str, actor: Actor, mode: str = "close") -> Outcome:
        metadata = json.dumps({"id": clarification_id, "mode": mode})
        values = {"reason": {"reason": _text(reason)}}
        return self.submit(ids.CLOSE_MODAL, values, actor, f"VCLOSE{next(self._numbers)}", metadata)

    def thread_message(
        self,
        channel: str,
        thread_ts: str,
        actor: Actor,
        text: str,
        event_id: str,
        ts: str | None = None,
        **extra: Any,
    ) -> Outcome:
        event = {
            "type": "message",
            "channel": channel,
            "user": actor.user_id,
            "text": text,
            "ts": ts or f"1800000000.{next(self._numbers):06d}",
            "thread_ts": thread_ts,
            "channel_type": "im" if channel.startswith("D") else "channel",
            "team": actor.team_id,
            "user_team": actor.team_id,
            **extra,
        }
        return self.run(event_body(event, team_id=TEAM, event_id=event_id))

    def shortcut(
        self, callback_id: str, actor: Actor = CODER, message: dict[str, Any] | None = None
    ) -> Outcome:
        kind = "message" if callback_id == ids.ASK_OFFICE_ABOUT_MESSAGE else "global"
        body = shortcut_body(
            callback_id, kind=kind, user_id=actor.user_id, team_id=actor.team_id, message=message
        )
        return self.run(body)

    # ---- the outbox ----

    def deliver(self, max_passes: int = 100) -> list[Call]:
        """Run the worker until the outbox is empty; returns the Web API calls it made."""
        mark = self.fake.mark()
        for _ in range(max_passes):
            report = self.worker.deliver_due(self.clock())
            if not (report.sent or report.retried or report.waiting):
                break
            self.clock.advance(seconds=1)
        else:
            raise AssertionError("the outbox did not drain")
        return self.fake.calls_since(mark)


def shown_text(message: Mapping[str, Any]) -> str:
    """Every text a message or view shows: the fallback and the blocks' texts (not button values)."""
    found = [str(message.get("text", ""))]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    found.append(value)
                elif key not in ("value", "private_metadata"):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(message.get("blocks", []))
    return "\n".join(found)


def action_ids(message: Mapping[str, Any]) -> list[str]:
    return [
        str(element.get("action_id"))
        for block in message.get("blocks") or []
        for element in block.get("elements") or []
        if isinstance(element, dict) and "action_id" in element
    ]
