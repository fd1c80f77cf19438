"""Layer 2: the /code and App Home handlers called directly, with spec'd Ack, Respond and WebClient."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from unittest.mock import Mock, create_autospec

import pytest
from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.webhook import WebhookResponse

import bot.commands.code as code_module
from bot import ids
from bot.commands.code import ASK_OFFICE_UNAVAILABLE, CodeHandlers, on_ask_office_unavailable
from bot.commands.code_parse import MAX_QUERY_CHARS, length_refusal, parse_code_command
from bot.commands.home import HomeHandlers
from bot.lookups.codebook import CodeBook
from bot.open_items import OpenItem
from bot.services import Services
from tests.fake_codes import FakeCodeBook


def _listener_args(body: dict[str, Any], status: int = 200) -> dict[str, Any]:
    """What Bolt would pass: spec'd Ack, Respond and WebClient mocks and a context for the body."""
    return {
        "ack": create_autospec(Ack, instance=True),
        "body": body,
        "context": BoltContext({"channel_id": "C1", "user_id": "U1"}),
        "client": create_autospec(WebClient, instance=True),
        "respond": _respond(status),
    }


def _command(text: str, user_id: str = "U1") -> dict[str, Any]:
    return {"command": "/code", "text": text, "user_id": user_id, "channel_id": "C1"}


def _action(action_id: str, value: str, user_id: str = "U7") -> dict[str, Any]:
    return {
        "type": "block_actions",
        "user": {"id": user_id},
        "actions": [{"action_id": action_id, "value": value}],
    }


def _respond(status: int = 200) -> Mock:
    respond = create_autospec(Respond, instance=True)
    respond.return_value = WebhookResponse(
        url="https://hooks.example/x", status_code=status, body="ok", headers={}
    )
    return respond


@pytest.fixture
def handlers(services: Services, fake_lookups: None) -> CodeHandlers:
    return CodeHandlers(services)


def test_command_acks_before_replying_ephemerally(handlers: CodeHandlers) -> None:
    args = _listener_args(_command("heart attack"))
    ack, respond = args["ack"], args["respond"]
    calls = Mock()
    calls.attach_mock(ack, "ack")
    calls.attach_mock(respond, "respond")

    handlers.on_command(**args)

    assert [c[0] for c in calls.mock_calls] == ["ack", "respond"]
    assert ack.call_count == 1
    kwargs = respond.call_args.kwargs
    assert kwargs["response_type"] == "ephemeral"
    assert "I21.9" in kwargs["text"]
    assert len(kwargs["blocks"]) <= 50


def test_lookup_is_recorded_for_the_user(handlers: CodeHandlers, services: Services) -> None:
    handlers.on_command(**_listener_args(_command("heart attack")))
    assert [r.query for r in services.usage.recent("U1")] == ["heart attack"]


def test_a_lookup_with_a_patient_identifier_is_refused_not_kept(
    handlers: CodeHandlers, services: Services
) -> None:
    args = _listener_args(_command("chest pain patient John Smith MRN 00123456"))
    handlers.on_command(**args)
    text = args["respond"].call_args.kwargs["text"]
    assert "Nothing was searched or kept" in text
    assert "John Smith" not in text and "00123456" not in text
    assert services.usage.recent("U1") == []


def test_usage_error_is_shown_not_raised(handlers: CodeHandlers) -> None:
    args = _listener_args(_command("show"))
    respond = args["respond"]
    handlers.on_command(**args)
    assert "`/code show` takes one code" in respond.call_args.kwargs["text"]


def test_query_error_from_lookups_is_shown(handlers: CodeHandlers) -> None:
    args = _listener_args(_command("check BAD"))
    respond = args["respond"]
    handlers.on_command(**args)
    assert respond.call_args.kwargs["text"] == "BAD is not a code in the loaded code sets."


def test_unknown_code_for_show(handlers: CodeHandlers) -> None:
    args = _listener_args(_command("show Q99.9"))
    respond = args["respond"]
    handlers.on_command(**args)
    assert "Q99.9 is not a code" in respond.call_args.kwargs["text"]


def test_refused_response_url_falls_back_to_an_ephemeral_error(handlers: CodeHandlers) -> None:
    args = _listener_args(_command("heart attack"), status=404)
    handlers.on_command(**args)
    assert args["respond"].call_count == 2  # the reply, then the error message
    kwargs = args["client"].chat_postEphemeral.call_args.kwargs
    assert kwargs["channel"] == "C1" and kwargs["user"] == "U1"
    assert kwargs["text"].startswith("Something went wrong on our side (error id ")


def test_share_replays_the_command_in_channel(handlers: CodeHandlers) -> None:
    args = _listener_args(
        _action(ids.SHARE_IN_CHANNEL, json.dumps({"t": "check E10.9 E11.9 dos:2025-01-02"}))
    )
    respond = args["respond"]
    handlers.on_share(**args)
    kwargs = respond.call_args.kwargs
    assert kwargs["response_type"] == "in_channel"
    assert kwargs["blocks"][0]["elements"][0]["text"] == "Shared by <@U7>"
    assert "DOS 2025-01-02" in kwargs["blocks"][1]["text"]["text"]


def test_show_more_replaces_the_reply_with_the_next_page(handlers: CodeHandlers) -> None:
    args = _listener_args(_action(ids.SHOW_MORE, json.dumps({"q": "many x", "o": 40})))
    respond = args["respond"]
    handlers.on_show_more(**args)
    kwargs = respond.call_args.kwargs
    assert kwargs["replace_original"] is True
    assert "(41–45)" in kwargs["blocks"][0]["text"]["text"]
    assert not any(e["action_id"] == ids.SHOW_MORE for e in kwargs["blocks"][-1]["elements"])


def test_ask_office_fallback_points_to_clarify() -> None:
    args = _listener_args(_action(ids.ASK_OFFICE, '{"codes":["E10.9"]}'))
    respond = args["respond"]
    on_ask_office_unavailable(**args)
    assert respond.call_args.kwargs["text"] == ASK_OFFICE_UNAVAILABLE


def test_home_publishes_recent_lookups_and_open_items(services: Services) -> None:
    services.usage.record("U1", "lookup", "<!channel> pneumonia")
    services = replace(
        services,
        open_clarifications=lambda user, team=None: [OpenItem("Query to Cardiology", "waiting 2 days")],
    )
    client = create_autospec(WebClient, instance=True)

    HomeHandlers(services).on_home_opened(
        event={"type": "app_home_opened", "user": "U1", "tab": "home"}, client=client
    )

    client.views_publish.assert_called_once()
    kwargs = client.views_publish.call_args.kwargs
    assert kwargs["user_id"] == "U1"
    blocks = json.dumps(kwargs["view"]["blocks"])
    assert "&lt;!channel&gt; pneumonia" in blocks
    assert "Query to Cardiology" in blocks


def test_home_ignores_the_messages_tab(services: Services) -> None:
    client = create_autospec(WebClient, instance=True)
    HomeHandlers(services).on_home_opened(event={"user": "U1", "tab": "messages"}, client=client)
    client.views_publish.assert_not_called()


def test_checks_and_picks_are_counted_per_code_for_the_update_notice(
    handlers: CodeHandlers, services: Services
) -> None:
    from storage.usage import code_use_counts

    handlers.on_command(**_listener_args(_command("check E11.9 I10 dos:2025-03-01")))
    handlers.on_command(**_listener_args(_command("show I21")))
    handlers.on_command(**_listener_args(_command("check E11.9 notacode")))
    db = services.db_factory()
    try:
        today = services.clock().date()
        counts = code_use_counts(db, today, today)
        rows = db.execute("SELECT * FROM code_use_daily").fetchall()
    finally:
        db.close()
    assert counts == {"E119": {"check": 2}, "I10": {"check": 1}, "I21": {"pick": 1}}
    assert all(len(row) == 4 for row in rows)  # day, code, kind, count: no user, no claim


def test_home_shows_the_code_data_coverage(services: Services, codebook: CodeBook) -> None:
    services = replace(services, codebook=codebook, clock=lambda: datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    blocks = json.dumps(HomeHandlers(services).view_for("U1")["blocks"])
    assert (
        "ICD-10-CM FY2027 (CMS MCE v44, FY2027 addenda): 2015-10-01 to 2027-09-30 (302 days left)" in blocks
    )
    assert "2019-07-01 to 2026-06-30 (:warning: ended 155 days ago" in blocks


def test_a_write_lock_held_elsewhere_costs_the_bookkeeping_not_the_answer(
    settings: Any, clock: Any, fake_lookups: None, caplog: pytest.LogCaptureFixture
) -> None:
    """Another instance (or the outbox) holds the shared database's write lock past the request's wait: the
    lookup and the check still answer, and only their usage / picks / statistics records are skipped, logged.
    (bench/scale.py on one shared SQLite file: 14-22% of /code answered "something went wrong" before.)"""
    from functools import partial

    from bot.services import assemble_services
    from storage.db import connect
    from storage.schema import migrate_file

    migrate_file(settings.db_path)
    services = assemble_services(
        settings,
        FakeCodeBook(),  # type: ignore[arg-type]
        clock,
        partial(connect, settings.db_path, busy_timeout_ms=50),
    )
    handlers = CodeHandlers(services)
    holder = connect(settings.db_path)
    holder.conn.execute("BEGIN IMMEDIATE")
    try:
        lookup = _listener_args({**_command("heart attack"), "team_id": "T1"})
        check = _listener_args({**_command("check E11.9 I10"), "team_id": "T1"})
        with caplog.at_level(logging.WARNING, "bot.commands.code"):
            handlers.on_command(**lookup)
            handlers.on_command(**check)
    finally:
        holder.conn.execute("ROLLBACK")
        holder.close()
    assert "I21.9" in lookup["respond"].call_args.kwargs["text"]
    assert "E11.9" in check["respond"].call_args.kwargs["text"]
    for args in (lookup, check):
        assert "error id" not in json.dumps(args["respond"].call_args.kwargs)
    assert "not recorded: the database was busy" in caplog.text
    assert services.usage.recent("U1") == []  # nothing half-written either


def test_an_over_long_code_text_is_refused_before_the_phi_guard_reads_it(
    handlers: CodeHandlers, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The length check runs first: the guard never reads more than a /code text's limit (its cost is bounded
    by that limit whatever a forged request holds), and a text within it is read once."""
    real = code_module.find_phi
    lengths: list[int] = []

    def counting(text: str, *, first_name_only: bool = False) -> list[Any]:
        lengths.append(len(text))
        return real(text, first_name_only=first_name_only)

    monkeypatch.setattr(code_module, "find_phi", counting)
    long_text = "heart attack Maria Lopez " * 400
    reply = handlers.reply_for(parse_code_command(long_text), user_id="U1", command_text=long_text)
    assert lengths == []
    assert reply["text"] == length_refusal(long_text)
    handlers.reply_for(parse_code_command("heart attack"), user_id="U1", command_text="heart attack")
    assert lengths == [len("heart attack")] and max(lengths) <= MAX_QUERY_CHARS
