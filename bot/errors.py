"""The app's one error handler: the user gets an ephemeral message with an error id, the log gets the id
and the traceback, never message text.

create_app() registers `handle_error` with `@app.error`. Listeners that ack first wrap their work in
`reported_errors(...)`, which calls the same function: Bolt's thread runner turns a failure right after
`ack()` into an HTTP 500 (it resets the ack it already sent), so failures after the ack are reported here.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from storage.db_problems import DatabaseBusy

log = logging.getLogger("codedesk")

ERROR_MESSAGE = (
    "Something went wrong on our side (error id {error_id}). "
    "Nothing was changed; try again or tell your lead the id."
)


_ID = re.compile(r"[A-Za-z0-9_./:-]{1,64}")


def _id(value: Any) -> str:
    """An id from a payload as it may be logged: the app's ids look like this; anything else is withheld."""
    text = str(value)
    return text if _ID.fullmatch(text) else f"(withheld, {len(text)} characters)"


def describe_request(body: dict[str, Any]) -> str:
    """What kind of request failed, without any user text: safe to log."""
    if "command" in body:
        return f"command {_id(body['command'])}"
    kind = _id(body.get("type") or "unknown")
    if kind == "block_actions":
        actions = body.get("actions") or []
        return "action " + ",".join(_id(a.get("action_id")) for a in actions if isinstance(a, dict))
    if kind in ("view_submission", "view_closed"):
        return f"{kind} {_id((body.get('view') or {}).get('callback_id'))}"
    if kind in ("shortcut", "message_action"):
        return f"{kind} {_id(body.get('callback_id'))}"
    if kind == "event_callback":
        return f"event {_id((body.get('event') or {}).get('type'))}"
    return kind


UNAVAILABLE_MESSAGE = (
    "CodeDesk's database is temporarily unavailable (error id {error_id}). "
    "Nothing was changed; try again in a minute."
)


def handle_error(
    error: Exception,
    body: dict[str, Any],
    context: BoltContext,
    client: WebClient,
    respond: Respond | None = None,
) -> None:
    error_id = uuid.uuid4().hex[:8]
    if isinstance(error, DatabaseBusy):
        # Busy past the wait, or the server unreachable (PostgreSQL): nothing was saved; no traceback needed.
        log.error("error id %s while handling %s: %s", error_id, describe_request(body), error)
        message = UNAVAILABLE_MESSAGE.format(error_id=error_id)
    else:
        log.error("error id %s while handling %s", error_id, describe_request(body), exc_info=error)
        message = ERROR_MESSAGE.format(error_id=error_id)
    if respond is not None:
        try:
            if respond(text=message, response_type="ephemeral", replace_original=False).status_code == 200:
                return
        except Exception:
            log.warning("error id %s: could not reply through the response_url", error_id)
    channel_id, user_id = context.channel_id, context.user_id
    if channel_id and user_id:
        try:
            client.chat_postEphemeral(channel=channel_id, user=user_id, text=message)
            return
        except Exception:
            log.warning("error id %s: could not post the ephemeral error message", error_id)
    log.warning("error id %s: the user could not be told", error_id)


@contextmanager
def reported_errors(
    body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond | None
) -> Iterator[None]:
    """For work done after `ack()`: any failure goes to `handle_error`."""
    try:
        yield
    except Exception as error:
        handle_error(error, body, context, client, respond)
