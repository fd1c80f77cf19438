"""The App Home's open clarifications, the console running the relay, and the server's outbox thread."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.console import run_console
from bot.relay.query_rules import QueryDraft, with_required_options
from bot.relay.service import Actor, ClarificationService
from bot.serve import outbox_thread
from bot.services import Services
from bot.settings import Settings
from storage.clarifications import QueryFormat
from tests.clarify.conftest import World
from tests.clarify.driver import CODER, CODER2, INDICATORS, NORTH_DOC, QUESTION, Relay
from tests.fake_slack import FakeSlack
from tests.signing import event_body

pytestmark = pytest.mark.transports("http", "socket")  # the same scenarios over Socket Mode


def home_text(r: Relay, actor: Actor) -> str:
    event = {"type": "app_home_opened", "user": actor.user_id, "channel": "D1", "tab": "home"}
    outcome = r.run(event_body(event, team_id=actor.team_id, event_id=f"EvHome{actor.user_id}"))
    return json.dumps(outcome.only("views.publish").body["view"]["blocks"], ensure_ascii=False)


def test_app_home_lists_the_callers_open_clarifications(
    relay_driver: Relay, relay: ClarificationService
) -> None:
    r = relay_driver
    r.ask(view_id="V1")
    r.ask(view_id="V2", encounter_ref="ENC-2026-00043")
    r.answer(2)

    coder_home = home_text(r, CODER)
    assert "#2 to North Clinic · ENC-2026-00043" in coder_home and "answered: resolve it" in coder_home
    assert "#1 to North Clinic · ENC-2026-00042" in coder_home and "due 2026-11" in coder_home
    office_home = home_text(r, NORTH_DOC)
    assert "#1 to North Clinic" in office_home and "#2 to" not in office_home
    assert "None open." in home_text(r, CODER2)


def draft(office_id: int) -> QueryDraft:
    return QueryDraft(
        office_id=office_id,
        encounter_ref="ENC-9",
        codes=("D64.9",),
        question=QUESTION,
        format=QueryFormat.MULTIPLE_CHOICE,
        options=with_required_options(["Acute blood loss anemia", "Anemia of chronic disease"]),
        indicators=INDICATORS,
    )


def test_the_server_outbox_thread_delivers_and_stops_cleanly(
    settings: Settings, services: Services, relay: ClarificationService, world: World, fake_slack: FakeSlack
) -> None:
    relay.ask(draft(world.north.id), CODER, asker_channel=CODER.user_id, idempotency_key="k1")

    running = outbox_thread(settings, services)
    with running:
        fake_slack.wait_for_method("chat.postMessage", count=2, timeout=10)
    assert not running.thread.is_alive()
    # Two channels, sent side by side (order across channels is not kept, only within one)
    assert sorted(c.body["channel"] for c in fake_slack.calls_to("chat.postMessage")) == ["C0NORTH", "UCODER"]
    assert relay.get(1).office_ts is not None


def test_console_runs_the_relay_end_to_end(tmp_path: Path, services: Services) -> None:
    settings = Settings.from_env({"CODEDESK_DB": str(tmp_path / "c.sqlite")}, mode="console")
    script = "\n".join(
        [
            "/codedesk office add North Clinic C0NORTH tz:America/Chicago",
            "/codedesk office member add North Clinic U_DOC",
            "/clarify",
            "submit office_id=North | encounter_ref=ENC-7 | question="
            + QUESTION
            + " | options=Acute blood loss anemia\\nAnemia of chronic disease\\nOther (please specify)"
            "\\nClinically undetermined | indicators=" + INDICATORS,
            "/as U_DOC click clarification_answer",
            "/as U_DOC submit choice=Acute blood loss anemia",
            "click clarification_resolve Agreed: code confirmed",
            "/clarify list",
            "",
        ]
    )
    out = io.StringIO()
    assert run_console(settings, services, io.StringIO(script), out) == 0
    text = out.getvalue()

    assert "Added North Clinic" in text
    assert "<@U_DOC> now answers for North Clinic" in text or "@U_DOC now answers for North Clinic" in text
    assert "modal: Ask an office" in text
    assert "posted in C0NORTH" in text
    assert (
        "[Answer ‹click clarification_answer›] [Need more information ‹click clarification_more_info›]"
        in text
    )
    assert "posted in D_U_CONSOLE" in text
    assert "modal: Answer #1" in text
    assert "updated in C0NORTH" in text and "*Answered* by @U_DOC" in text
    assert "answered clarification #1" in text
    assert "Resolved #1 (agreed, code confirmed)" in text
    assert "• *#1* North Clinic · `ENC-7` · Resolved" in text


def test_console_sets_up_offices_calendars_and_schedules(tmp_path: Path, services: Services) -> None:
    """The README's own example, quoted names, calendars and the Admin section's modals, typed in the console."""
    settings = Settings.from_env({"CODEDESK_DB": str(tmp_path / "c.sqlite")}, mode="console")
    script = "\n".join(
        [
            '/codedesk office add "Main St Clinic" #main-st-clinic tz:America/Chicago hours:08:00-17:00 sla:72h',
            '/codedesk office closed add "Main St Clinic" 2026-12-24 note:"Christmas Eve"',
            '/codedesk office closed list "Main St Clinic" 2026-12-20..2026-12-31',
            '/clarify list office "Main St Clinic"',
            "home",
            "click admin_add_office",
            "submit office_name=East Lab | office_channel=#east-lab | office_members=U_EASTDOC "
            "| office_sla=2 | office_sla_unit=business hours | office_holidays=US-NY",
            "home",
            "click admin_edit_office East Lab",
            "submit office_closes=15:00",
            "click admin_schedules",
            "click schedule_job queue_status",
            "submit schedule_cron= | schedule_days=Monday, Friday | schedule_time=07:45 "
            "| schedule_channel=#coding-team",
            "/codedesk schedule list",
            "",
        ]
    )
    out = io.StringIO()
    assert run_console(settings, services, io.StringIO(script), out) == 0
    text = out.getvalue()
    assert "Added Main St Clinic: answers due within 72 business hours (8 business days of 9 h)" in text
    assert "2026-12-24 (Thu): Main St Clinic closed (Christmas Eve)" in text
    assert "2026-12-25 Fri: Christmas Day" in text
    assert "*Clarifications of Main St Clinic*: none." in text
    assert "modal: Add office" in text and "Added East Lab: answers due within 2 business hours" in text
    assert "public holidays US-NY" in text and "U_EASTDOC now answers for this office" in text
    assert "modal: Edit office" in text and "Saved East Lab" in text
    assert "modal: Schedules" in text
    assert "Saved. *queue_status*: `45 7 * * 1,5`" in text
    assert "*queue_status*: `45 7 * * 1,5` · skips team holidays · #" in text
