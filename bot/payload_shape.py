"""The shape of a signed payload, checked before Bolt or a handler indexes into it.

Bolt reads `actions[0]`, `event["type"]`, `view["callback_id"]` and the like while it picks a listener, and
raises (an HTTP 500 and a traceback) when a payload has the right `type` but not the fields Slack always sends
with it: `"actions": []`, an `event` that is a string, a `view` without a callback id. Slack never sends such a
payload, so one that arrives signed is a bug or a forgery: it is answered 400 ("could not read that request")
and logged by kind and reason only, never by content.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware

from bot.request_guard import VerifiedRequests

log = logging.getLogger("codedesk.payload")

COULD_NOT_READ = "CodeDesk could not read that request."
_MAX_ID_CHARS = 255
_KINDS = frozenset(
    {"block_actions", "view_submission", "view_closed", "shortcut", "message_action", "event_callback"}
)


def _is_text(value: Any, *, optional: bool = False) -> bool:
    if value is None:
        return optional
    return isinstance(value, str) and len(value) <= _MAX_ID_CHARS


def _user_problem(body: Mapping[str, Any]) -> str | None:
    user = body.get("user")
    if user is None or isinstance(user, str):
        return None
    if not isinstance(user, Mapping) or not _is_text(user.get("id")):
        return "user"
    if not _is_text(user.get("team_id"), optional=True):
        return "user.team_id"
    return None


def _team_problem(body: Mapping[str, Any]) -> str | None:
    team = body.get("team")
    if team is None or isinstance(team, str):
        return None
    if not isinstance(team, Mapping) or not _is_text(team.get("id"), optional=True):
        return "team"
    return None


def _actions_problem(body: Mapping[str, Any]) -> str | None:
    actions = body.get("actions")
    if not isinstance(actions, list) or not actions:
        return "actions"
    for action in actions:
        if not isinstance(action, Mapping) or not _is_text(action.get("action_id")):
            return "actions.action_id"
        if not _is_text(action.get("block_id"), optional=True):
            return "actions.block_id"
        if "selected_option" in action and not isinstance(action["selected_option"], Mapping | None):
            return "actions.selected_option"
    return None


def _view_problem(body: Mapping[str, Any]) -> str | None:
    view = body.get("view")
    if not isinstance(view, Mapping) or not _is_text(view.get("callback_id")):
        return "view.callback_id"
    if not _is_text(view.get("id"), optional=True):
        return "view.id"
    if not isinstance(view.get("private_metadata", ""), str):
        return "view.private_metadata"
    state = view.get("state", {})
    if not isinstance(state, Mapping) or not isinstance(state.get("values", {}), Mapping):
        return "view.state"
    for block in state.get("values", {}).values():
        if not isinstance(block, Mapping) or not all(isinstance(e, Mapping) for e in block.values()):
            return "view.state.values"
    if not isinstance(view.get("blocks", []), list):
        return "view.blocks"
    return None


def _event_problem(body: Mapping[str, Any]) -> str | None:
    event = body.get("event")
    if not isinstance(event, Mapping) or not _is_text(event.get("type")):
        return "event.type"
    for key in ("user", "channel", "ts", "thread_ts", "subtype", "bot_id", "channel_type", "tab"):
        if not _is_text(event.get(key), optional=True):
            return f"event.{key}"
    if not isinstance(event.get("text", ""), str | None):
        return "event.text"
    for key in ("message", "previous_message"):
        if not isinstance(event.get(key), Mapping | None):
            return f"event.{key}"
    return None


def _command_problem(body: Mapping[str, Any]) -> str | None:
    for key in ("command", "user_id"):
        if not _is_text(body.get(key)):
            return key
    for key in ("channel_id", "team_id", "trigger_id", "response_url"):
        if not _is_text(body.get(key), optional=True):
            return key
    if not isinstance(body.get("text", ""), str):
        return "text"
    return None


def shape_problem(body: Any) -> str | None:
    """The first field Slack always sends that is missing or of the wrong type; None when the shape is fine."""
    if not isinstance(body, Mapping):
        return "body"
    if "command" in body:
        return _command_problem(body)
    kind = body.get("type")
    if kind is not None and not _is_text(kind):
        return "type"
    problem = _user_problem(body) or _team_problem(body)
    if problem:
        return problem
    if kind == "block_actions":
        return _actions_problem(body)
    if kind in ("view_submission", "view_closed"):
        return _view_problem(body)
    if kind in ("shortcut", "message_action") and not _is_text(body.get("callback_id")):
        return "callback_id"
    if kind == "message_action" and not isinstance(body.get("message", {}), Mapping):
        return "message"
    if kind == "event_callback":
        return _event_problem(body)
    return None


class WellFormedPayloads(Middleware):
    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        problem = shape_problem(req.body)
        if problem is None:
            return next()
        kind = req.body.get("type") if isinstance(req.body, Mapping) else None
        log.info(
            "refused a malformed payload (%s): %s",
            kind if isinstance(kind, str) and kind in _KINDS else "other",
            problem,
        )
        return BoltResponse(status=400, body=COULD_NOT_READ)


def install(app: App) -> None:
    """Right after the signature check where there is one (HTTP: nothing unsigned is read this far), else first."""
    middleware: list[Middleware] = app._middleware_list
    guard = next((n for n, m in enumerate(middleware) if isinstance(m, VerifiedRequests)), -1)
    middleware.insert(guard + 1, WellFormedPayloads())
