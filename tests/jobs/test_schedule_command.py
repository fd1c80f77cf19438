"""`/codedesk schedule ...` and `/codedesk timezone ...`: leads and admins only, every change audited."""

from __future__ import annotations

import pytest

from bot.commands.schedule import REFUSAL, handle_schedule_command
from bot.jobs import schedules
from bot.jobs.schedules import DIGEST, OVERDUE, QUEUE_STATUS
from bot.relay.service import ClarificationService
from bot.services import Services
from storage.usage import UsageRecorder
from tests.fake_codes import FakeCodeBook
from tests.jobs.conftest import ADMIN, CODER, LEAD, LONDON, TEAM_TZ, JobsDeps, World, query


@pytest.fixture
def services(deps: JobsDeps, world: World, service: ClarificationService) -> Services:
    return Services(
        settings=deps.settings,
        codebook=FakeCodeBook(),  # type: ignore[arg-type]
        clock=deps.clock,
        db_factory=deps.db_factory,
        usage=UsageRecorder(deps.db_factory, deps.clock),
        clarifications=service,
    )


def stored(deps: JobsDeps, job: str) -> schedules.Schedule:
    db = deps.db_factory()
    try:
        return schedules.get_schedule(db, job)
    finally:
        db.close()


def audit_actions(deps: JobsDeps) -> list[tuple[object, ...]]:
    return query(
        deps,
        "SELECT actor_id, action FROM audit WHERE clarification_id IS NULL AND action NOT LIKE '%role%' "
        "AND action NOT LIKE 'office%' ORDER BY id",
    )


def test_coders_are_refused_and_the_refusal_is_audited(services: Services, deps: JobsDeps) -> None:
    assert handle_schedule_command(services, CODER.user_id, ["schedule", "list"]) == REFUSAL
    assert handle_schedule_command(services, "UNOBODY", ["timezone", LONDON]) == REFUSAL
    assert audit_actions(deps) == [(CODER.user_id, "refused"), ("UNOBODY", "refused")]
    db = deps.db_factory()
    assert schedules.team_tz(db, TEAM_TZ) == TEAM_TZ
    db.close()


def test_list_shows_every_job_with_its_next_runs(services: Services) -> None:
    reply = handle_schedule_command(services, LEAD.user_id, ["schedule", "list"])
    assert "team time zone America/Chicago" in reply
    assert "*queue_status*: `0 9,13 * * 1-5` (default)" in reply
    assert "*overdue*: `*/15 * * * *` (default)" in reply
    assert "no channel (leads' channel) yet" in reply
    assert "next Mon 2 Nov 2026 13:00 CST, Tue 3 Nov 2026 09:00 CST" in reply  # the clock: Monday 09:00
    assert handle_schedule_command(services, ADMIN.user_id, ["list"]) == reply
    assert handle_schedule_command(services, ADMIN.user_id, ["schedule"]) == reply


def test_set_a_schedule_and_channel(services: Services, deps: JobsDeps) -> None:
    reply = handle_schedule_command(
        services,
        LEAD.user_id,
        ["schedule", "set", "queue", "30", "8,12", "*", "*", "1-5", "<#C0TEAM|coding-team>"],
    )
    assert reply.startswith("Saved. *queue_status*: `30 8,12 * * 1-5` · skips team holidays · <#C0TEAM>")
    saved = stored(deps, QUEUE_STATUS)
    assert (saved.cron, saved.channel, saved.enabled) == ("30 8,12 * * 1-5", "C0TEAM", True)
    assert audit_actions(deps)[-1] == (LEAD.user_id, "schedule_changed")
    detail = query(deps, "SELECT detail FROM audit ORDER BY id DESC LIMIT 1")[0][0]
    assert '"channel": "C0TEAM"' in str(detail) and '"cron": "30 8,12 * * 1-5"' in str(detail)


def test_a_quoted_cron_a_channel_alone_off_on_and_default(services: Services, deps: JobsDeps) -> None:
    handle_schedule_command(
        services, LEAD.user_id, ["schedule", "set", "digest", '"0 7 * * 1-5"', "C0LEADS1"]
    )
    assert (stored(deps, DIGEST).cron, stored(deps, DIGEST).channel) == ("0 7 * * 1-5", "C0LEADS1")
    handle_schedule_command(services, LEAD.user_id, ["schedule", "set", "digest", "<#C0LEADS2>"])
    assert (stored(deps, DIGEST).cron, stored(deps, DIGEST).channel) == ("0 7 * * 1-5", "C0LEADS2")
    reply = handle_schedule_command(services, LEAD.user_id, ["schedule", "set", "digest", "off"])
    assert "off" in reply and stored(deps, DIGEST).enabled is False
    handle_schedule_command(services, LEAD.user_id, ["schedule", "set", "digest", "on"])
    assert stored(deps, DIGEST).enabled is True and stored(deps, DIGEST).cron == "0 7 * * 1-5"
    handle_schedule_command(services, LEAD.user_id, ["schedule", "set", "digest", "default"])
    assert stored(deps, DIGEST).cron == schedules.DEFAULT_CRONS[DIGEST]
    assert stored(deps, DIGEST).channel == "C0LEADS2"


def test_a_schedule_without_channel_is_saved_with_a_hint(services: Services) -> None:
    reply = handle_schedule_command(
        services, LEAD.user_id, ["schedule", "set", "overdue", "*/30", "*", "*", "*", "*"]
    )
    assert "posts nowhere until you give it a channel" in reply


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["schedule", "set", "backup", "0", "9", "*", "*", "*"], "no job called 'backup'"),
        (["schedule", "set", "digest", "0", "9", "*", "*"], "five fields"),
        (["schedule", "set", "digest", "*", "*", "*", "*", "*", "<#C0LEADS>"], "too often"),
        (["schedule", "set", "digest", "0", "9", "*", "*", "*", "#leads"], "pick it from Slack's # menu"),
        (["schedule", "set", "digest", "0", "61", "*", "*", "*"], "cron schedule I can read"),
        (["schedule", "frobnicate"], "Usage:"),
        (["schedule", "set", "digest"], "Usage:"),
        (["timezone", "Mars/Olympus"], "IANA"),
        (["timezone", "America/Chicago", "please"], "Usage:"),
    ],
)
def test_mistakes_are_explained_and_change_nothing(
    services: Services, deps: JobsDeps, args: list[str], fragment: str
) -> None:
    before = audit_actions(deps)
    assert fragment in handle_schedule_command(services, LEAD.user_id, args)
    assert audit_actions(deps) == before
    assert all(schedule.is_default for schedule in (stored(deps, job) for job in (DIGEST, OVERDUE)))


def test_timezone_shows_and_changes_the_team_zone(services: Services, deps: JobsDeps) -> None:
    assert "The team time zone is America/Chicago." in handle_schedule_command(
        services, LEAD.user_id, ["timezone"]
    )
    reply = handle_schedule_command(services, ADMIN.user_id, ["timezone", LONDON])
    assert "now Europe/London (was America/Chicago)" in reply
    db = deps.db_factory()
    assert schedules.team_tz(db, TEAM_TZ) == LONDON
    db.close()
    assert audit_actions(deps)[-1] == (ADMIN.user_id, "team_tz_changed")
    assert "team time zone Europe/London" in handle_schedule_command(
        services, LEAD.user_id, ["schedule", "list"]
    )
