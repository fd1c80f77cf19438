"""Who is told when a message cannot be delivered, and what they are told: the fix, not just the error.

A row that fails for good (a channel the bot is not in, an archived channel, a message Slack refuses, or a row
still undelivered at the give-up horizon) queues, in the transaction that marks it failed:
- for a clarification message to the office, a DM to the coder who asked, saying their message did not reach
  the office, why, and that the leads know;
- a note to the leads (the leads' channel: the `overdue` job's, else the `digest` job's; when that channel is
  the one failing, or none is set, a DM to each lead and admin) naming the channel, the error, the fix, and the
  commands that send the messages once it is fixed. At most one such note per channel and error a day.
The notices are outbox rows themselves (kind `delivery_notice`); a notice that fails is logged, never noticed
again. Text only: ids, channel ids and office names (escaped), never the message that failed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.render.mrkdwn import escape
from storage import clarifications, offices, outbox
from storage.backend import Database
from storage.outbox import FailedGroup, NewOutboxMessage, OutboxRow

NOTICE_KIND = "delivery_notice"
OFFICE_KINDS = frozenset({"office_post", "office_update", "office_thread", "overdue_reminder"})
INVITE = "invite the bot: `/invite @CodeDesk` in {channel}"
_FIXES = {
    "channel_not_found": "the channel does not exist, or it is private and the bot was never invited: "
    + INVITE
    + ", or give it another channel",
    "not_in_channel": INVITE,
    "is_archived": "{channel} is archived: unarchive it, or give it another channel",
    "channel_is_archived": "{channel} is archived: unarchive it, or give it another channel",
    "restricted_action": "the workspace does not let the bot post in {channel}: ask a Slack admin to allow it",
    "restricted_action_read_only_channel": "{channel} is read-only: ask a Slack admin, or use another channel",
    "restricted_action_thread_only_channel": "{channel} takes thread replies only: use another channel",
    "restricted_action_non_threadable_channel": "{channel} takes no thread replies: use another channel",
    "cannot_dm_bot": "that person is a bot: use a person's DM or a channel",
    "user_not_found": "that person is not in the workspace any more",
    "user_disabled": "that person's account is deactivated",
    "team_not_connected": "the Slack Connect channel was disconnected: reconnect it, then " + INVITE,
    "ekm_access_denied": "the workspace's encryption keys refused access: ask a Slack admin",
}


def fix_for(error: str, channel: str, *, plain: bool = False) -> str:
    """What a person can do about `error` (a row's last_error, with or without the give-up prefix); `plain`
    for a terminal (no Slack link syntax)."""
    name = error.split(":", 1)[-1].strip() if error.startswith("gave_up_after") else error
    where = channel_ref(channel, plain=plain)
    if error.startswith("gave_up_after"):
        return (
            f"Slack did not accept it before the give-up time ({name}): check that the server reaches Slack "
            "and the bot token is valid"
        )
    if name in _FIXES:
        return _FIXES[name].format(channel=where)
    if name.startswith("unexpected_") or name in (
        "invalid_blocks",
        "msg_too_long",
        "no_text",
        "invalid_arguments",
    ):
        return "Slack refused the message itself (a CodeDesk bug): report it with the row id"
    return f"Slack answered `{name if plain else escape(name)}`"


def channel_ref(channel: str, *, plain: bool = False) -> str:
    if channel.startswith(("C", "G")):
        return f"channel {channel}" if plain else f"<#{channel}>"
    if channel.startswith(("U", "W")):
        return f"the DM of {channel}" if plain else f"<@{channel}>'s DM"
    return channel if plain else f"`{escape(channel)}`"


def _retry_hint(channel: str) -> str:
    return (
        f"Once fixed, on the server: `codedesk outbox retry --channel {channel}` sends them "
        "(`codedesk outbox list` shows every undelivered message)."
    )


def queue_failure_notices(db: Database, row: OutboxRow, error: str, now: datetime) -> int:
    """Queue the notices for `row`, which just failed with `error`; returns how many were queued (new)."""
    if row.kind == NOTICE_KIND or error == "parent_failed":
        return 0
    fix = fix_for(error, row.channel)
    what = _what(db, row)
    queued = 0
    asker = _asker_notice(db, row, fix, what)
    if asker is not None:
        queued += _enqueue(db, asker, now)
    leads_text = (
        f":warning: CodeDesk could not deliver {what} to {channel_ref(row.channel)} "
        f"(outbox row {row.id}, {escape(error.split(':', 1)[0])}). Fix: {fix}. {_retry_hint(row.channel)}"
    )
    day = now.date().isoformat()
    reason = error.split(":", 1)[0]
    leads = outbox.leads_channel(db)
    if leads is not None and leads != row.channel:
        targets: Sequence[str] = [leads]
    else:
        targets = [user for user in outbox.lead_user_ids(db) if user != row.channel]
    for target in targets:
        queued += _enqueue(
            db,
            NewOutboxMessage(
                kind=NOTICE_KIND,
                channel=target,
                method="chat.postMessage",
                payload={"channel": target, "text": leads_text, "unfurl_links": False, "unfurl_media": False},
                dedupe_key=f"delivery_failed:{row.channel}:{reason}:{day}:to:{target}",
            ),
            now,
        )
    return queued


def _enqueue(db: Database, message: NewOutboxMessage, now: datetime) -> int:
    before = outbox.find_by_dedupe_key(db, message.dedupe_key)
    outbox.enqueue(db, message, now=now)
    return 0 if before is not None else 1


def _what(db: Database, row: OutboxRow) -> str:
    if row.clarification_id is None:
        return f"a {escape(row.kind.replace('_', ' '))} message"
    c = clarifications.get(db, row.clarification_id)
    office = offices.get_office(db, c.office_id) if c is not None else None
    name = f" to {escape(office.name)}" if office is not None else ""
    return f"a message of clarification #{row.clarification_id}{name} ({row.kind.replace('_', ' ')})"


def _asker_notice(db: Database, row: OutboxRow, fix: str, what: str) -> NewOutboxMessage | None:
    """A DM to the coder when their clarification's message to the office did not get there."""
    if row.clarification_id is None or row.kind not in OFFICE_KINDS:
        return None
    c = clarifications.get(db, row.clarification_id)
    if c is None or not c.asker_channel or c.asker_channel == row.channel:
        return None
    if row.kind == "office_post":
        opening = f"Your clarification #{c.id} could not be posted to the office's channel {channel_ref(row.channel)}"
    else:
        opening = f"A message of your clarification #{c.id} could not be posted to {channel_ref(row.channel)}"
    text = (
        f":warning: {opening}: {fix}. Nothing is lost: the coding leads have been told, and it is sent once "
        "that is fixed. Until then the office has not seen it."
    )
    return NewOutboxMessage(
        kind=NOTICE_KIND,
        channel=c.asker_channel,
        method="chat.postMessage",
        payload={"channel": c.asker_channel, "text": text, "unfurl_links": False, "unfurl_media": False},
        dedupe_key=f"delivery_failed:{row.id}:asker",
        clarification_id=c.id,
    )


def undelivered_line(groups: Sequence[FailedGroup]) -> str | None:
    """The line the queue status and the digest show while messages are undelivered (None when none)."""
    if not groups:
        return None
    total = sum(group.count for group in groups)
    parts = [f"{channel_ref(g.channel)} {escape(g.error)} ×{g.count}" for g in groups[:5]]
    more = f" and {len(groups) - 5} more" if len(groups) > 5 else ""
    noun = "message" if total == 1 else "messages"
    return (
        f":warning: *{total} {noun} could not be delivered*: {', '.join(parts)}{more}. "
        "On the server, `codedesk outbox list` shows them with the fix; `codedesk outbox retry` sends them."
    )
