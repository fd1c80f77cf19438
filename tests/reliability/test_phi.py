"""PHI: identifiers typed into any free-text field are refused before anything is stored or posted, and nothing
the whole reliability run logged or sent to (fake) Slack contains an identifier or a token.

tests/relay/test_phi.py tests the guard's patterns one by one; here every identifier goes into every free-text
field of every entry point, through the service and through signed Slack requests, and afterwards the whole
database, the outgoing Slack calls and the logs are searched for it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from slack_sdk import WebClient

from bot import ids
from bot.outbox import OutboxWorker
from bot.relay.phi import find_phi
from bot.relay.query_rules import with_required_options
from bot.relay.service import ClarificationService, ListFilter, PhiRefused
from bot.services import Services, web_api_send
from storage import audit
from storage.app_db import AppDatabase
from storage.clarifications import Answer, Clarification, ReplySide
from tests.fake_slack import FakeSlack
from tests.relay.conftest import CODER, LEAD, NORTH_STAFF, FakeClock, World, make_draft
from tests.reliability.conftest import RunRecord
from tests.reliability.corpus import IDENTIFIERS, NAMES_IN_PROSE, TOKEN, found_needles, in_sentence
from tests.reliability.world import populate
from tests.scenario import Scenario
from tests.signing import slash_command_body

Entry = Callable[[ClarificationService, World, Clarification, Clarification, str, str], object]


def _ask(field: str) -> Entry:
    def ask(
        service: ClarificationService,
        world: World,
        c: Clarification,
        closed: Clarification,
        text: str,
        key: str,
    ) -> object:
        by_field: dict[str, dict[str, object]] = {
            "encounter_ref": {"encounter_ref": text},
            "codes": {"codes": ["D64.9", text]},
            "question": {"question": text},
            "indicators": {"indicators": text},
            "options": {"options": with_required_options(["Acute blood loss anemia", text])},
        }
        overrides = by_field[field]
        return service.ask(
            make_draft(world.north.id, **overrides), CODER, asker_channel="UCODER", idempotency_key=key
        )

    return ask


ENTRY_POINTS: dict[str, Entry] = {
    **{
        f"ask: {field}": _ask(field)
        for field in ("encounter_ref", "codes", "question", "indicators", "options")
    },
    "answer text": lambda s, w, c, closed, text, key: s.answer(
        c.id, NORTH_STAFF, Answer(choice="Iron deficiency anemia", text=text), key
    ),
    "more information request": lambda s, w, c, closed, text, key: s.request_more_info(
        c.id, NORTH_STAFF, text, key
    ),
    "thread reply, coder side": lambda s, w, c, closed, text, key: s.add_reply(
        c.id, ReplySide.ASKER, CODER, text, key
    ),
    "thread reply, office side": lambda s, w, c, closed, text, key: s.add_reply(
        c.id, ReplySide.OFFICE, NORTH_STAFF, text, key
    ),
    "close reason": lambda s, w, c, closed, text, key: s.close_unanswered(c.id, CODER, text),
    "reopen reason": lambda s, w, c, closed, text, key: s.reopen(closed.id, LEAD, text),
}


def database_text(path: Path | AppDatabase) -> str:
    """Every value of every row of every table, as one string (a SQLite file, or the test's database on either
    backend)."""
    if isinstance(path, AppDatabase):
        if path.server is None:
            return database_text(path.path)
        db = path.connect()
        try:
            names = [
                n
                for (n,) in db.execute(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                )
            ]
            return "\n".join(repr(row) for name in names for row in db.execute(f'SELECT * FROM "{name}"'))
        finally:
            db.close()
    with sqlite3.connect(path) as conn:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return "\n".join(repr(row) for name in names for row in conn.execute(f'SELECT * FROM "{name}"'))


def test_the_corpus_is_what_the_guard_should_catch() -> None:
    for text, needle in IDENTIFIERS:
        assert needle in text and find_phi(in_sentence(text)), text


def test_identifiers_in_every_free_text_field_are_refused_before_storage_and_posting(
    service: ClarificationService,
    world: World,
    app_db: AppDatabase,
    fake_slack: FakeSlack,
    relay_clock: FakeClock,
) -> None:
    c = service.ask(make_draft(world.north.id), CODER, asker_channel="UCODER", idempotency_key="clean")
    closed = service.ask(make_draft(world.north.id), CODER, asker_channel="UCODER", idempotency_key="closed")
    service.close_unanswered(closed.id, CODER, "Withdrawn")
    before = database_text(app_db)
    refused, accepted = 0, []
    for n, (entry_name, entry) in enumerate(ENTRY_POINTS.items()):
        for m, (identifier, _) in enumerate(IDENTIFIERS):
            try:
                entry(service, world, c, closed, in_sentence(identifier), f"k{n}-{m}")
                accepted.append(f"{entry_name}: {identifier}")
            except PhiRefused as refusal:
                refused += 1
                assert not found_needles(refusal.message)
    assert accepted == []
    assert refused == len(ENTRY_POINTS) * len(IDENTIFIERS)

    after = database_text(app_db)
    assert found_needles(after) == []
    assert service.get(c.id).state.value == "open"  # nothing half-applied either
    entries = audit.recent(service._db_factory(), action="phi_refused", limit=10_000)
    assert len(entries) == refused and all(set(e.detail) == {"fields", "team_id"} for e in entries)
    assert len(after) > len(before)  # only the audit rows were added

    # What is queued goes out, and nothing of the corpus goes with it.
    send = web_api_send(WebClient(token="xoxb-phi-test", base_url=fake_slack.api_url))
    OutboxWorker(service._db_factory, send, relay_clock, lambda s: None, channel_interval=0).deliver_due(
        relay_clock.now
    )
    assert fake_slack.calls_to("chat.postMessage")
    assert found_needles(json.dumps([c.body for c in fake_slack.calls], ensure_ascii=False)) == []


@pytest.mark.parametrize("identifier", [text for text, _ in NAMES_IN_PROSE])
def test_names_in_running_text_are_refused(
    identifier: str, service: ClarificationService, world: World
) -> None:
    draft = make_draft(world.north.id, question=in_sentence(identifier))
    try:
        service.ask(draft, CODER, asker_channel="UCODER", idempotency_key="k")
    except PhiRefused:
        return
    raise AssertionError(f"stored and queued for Slack: {identifier!r}")


# ---- through Slack ------------------------------------------------------------------------------------------


@pytest.fixture
def slack_world(services: Services) -> tuple[ClarificationService, World]:
    relay = services.relay()
    return relay, populate(relay)


@pytest.mark.parametrize(("identifier", "needle"), IDENTIFIERS[::4])
def test_a_clarify_modal_with_an_identifier_is_refused_in_the_modal(
    identifier: str, needle: str, scenario: Scenario, slack_world: tuple[ClarificationService, World]
) -> None:
    pytest.importorskip("bot.commands.clarify")
    from bot.render.clarify_blocks import Field
    from tests.signing import view_submission_body

    relay, world = slack_world
    text = {"type": "plain_text_input"}
    values: dict[str, dict[str, Any]] = {
        Field.OFFICE: {"a": {"type": "static_select", "selected_option": {"value": str(world.north.id)}}},
        Field.ENCOUNTER: {"a": {**text, "value": "ENC-PHI-1"}},
        Field.QUESTION: {"a": {**text, "value": "Can the anemia be specified?"}},
        Field.FORMAT: {"a": {"type": "static_select", "selected_option": {"value": "open_ended"}}},
        Field.INDICATORS: {"a": {**text, "value": in_sentence(identifier)}},
    }
    outcome = scenario.run(
        view_submission_body(ids.CLARIFY_MODAL, values, user_id=CODER.user_id, team_id=CODER.team_id)
    )
    answer = json.loads(outcome.response.body)
    assert answer["response_action"] == "errors" and Field.INDICATORS in answer["errors"]
    assert needle not in outcome.response.body
    assert relay.list(ListFilter.MINE, CODER, relay._clock()) == []
    assert [c.method for c in outcome.calls] == []


def test_a_code_lookup_with_an_identifier_is_not_stored_or_echoed(
    scenario: Scenario, fake_slack: FakeSlack, services: Services
) -> None:
    outcome = scenario.run(
        slash_command_body("/code", "anemia " + IDENTIFIERS[0][0], response_url=fake_slack.response_url("c"))
    )
    assert found_needles(json.dumps([c.body for c in outcome.calls], ensure_ascii=False)) == []
    assert found_needles(database_text(services.settings.db_path)) == []


# ---- the whole run ---------------------------------------------------------------------------------------------


def test_the_run_leaked_no_identifier_or_token(run_record: RunRecord) -> None:
    """Runs last (see conftest): every log record and every fake Slack call of the reliability run."""
    secrets = {s for s in run_record.secrets if s}
    problems = []
    for logged in run_record.logs:
        if logged.origin.xfail:
            continue
        for needle in found_needles(logged.text):
            problems.append(f"log of {logged.origin.test}: {needle!r} in {logged.text[:200]!r}")
        if not logged.origin.injects_secrets:
            leaked = [s for s in secrets if s in logged.text] + TOKEN.findall(logged.text)
            problems += [
                f"log of {logged.origin.test}: a token/secret in {logged.text[:200]!r}" for _ in leaked[:1]
            ]
    calls = 0
    for origin, fake in run_record.fakes:
        if origin.xfail:
            continue
        for call in fake.calls:
            calls += 1
            text = json.dumps([call.path, call.body, call.headers], ensure_ascii=False)
            problems += [
                f"Slack call of {origin.test}: {needle!r} in {call.method}" for needle in found_needles(text)
            ]
            if [s for s in secrets if s in text] or TOKEN.search(text):
                problems.append(f"Slack call of {origin.test}: a token/secret in {call.method} {text[:200]}")
    assert problems == []
    assert calls > 0 or len(run_record.fakes) == 0
