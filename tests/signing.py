"""Building Slack requests the way Slack sends them: bodies shaped like ../shared/data/slack/payloads, signed.

Independent of the product code on purpose (only slack_sdk's signature helper), so the tests check the app
against Slack's formats rather than against the app's own idea of them.
"""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import urlencode

from slack_bolt import BoltRequest
from slack_sdk.signature import SignatureVerifier

TEAM_ID = "T111"
USER_ID = "W111"
CHANNEL_ID = "C111"
API_APP_ID = "A111"
RESPONSE_URL = "https://hooks.slack.com/commands/T111/111/xxxxx"


def signed_headers(
    body: str, secret: str, timestamp: int | str | None = None, content_type: str | None = None
) -> dict[str, str]:
    """Headers Slack sends: the signature over `v0:{timestamp}:{body}` with the signing secret."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    if content_type is None:
        content_type = (
            "application/json" if body.lstrip().startswith("{") else "application/x-www-form-urlencoded"
        )
    return {
        "content-type": content_type,
        "x-slack-request-timestamp": ts,
        "x-slack-signature": SignatureVerifier(secret).generate_signature(timestamp=ts, body=body),
    }


def signed_request(body: str, secret: str, timestamp: int | str | None = None) -> BoltRequest:
    return BoltRequest(body=body, headers=signed_headers(body, secret, timestamp))


def slash_command_body(
    command: str,
    text: str,
    *,
    user_id: str = USER_ID,
    channel_id: str = CHANNEL_ID,
    team_id: str = TEAM_ID,
    response_url: str = RESPONSE_URL,
    trigger_id: str = "111.111.xxx",
) -> str:
    return urlencode(
        {
            "token": "verification_token",
            "team_id": team_id,
            "team_domain": "test-domain",
            "channel_id": channel_id,
            "channel_name": "random",
            "user_id": user_id,
            "user_name": "primary-owner",
            "command": command,
            "text": text,
            "api_app_id": API_APP_ID,
            "enterprise_id": "E111",
            "enterprise_name": "Org Name",
            "response_url": response_url,
            "trigger_id": trigger_id,
        }
    )


def _payload(body: dict[str, Any]) -> str:
    return urlencode({"payload": json.dumps(body)})


def _team(team_id: str) -> dict[str, Any]:
    return {"id": team_id, "domain": "workspace-domain"}


def block_actions_body(
    action_id: str,
    value: str,
    *,
    block_id: str = "b",
    user_id: str = USER_ID,
    channel_id: str = CHANNEL_ID,
    team_id: str = TEAM_ID,
    response_url: str = "https://hooks.slack.com/actions/T111/111/random-value",
    is_ephemeral: bool = True,
    message_ts: str = "111.222",
) -> str:
    return _payload(
        {
            "type": "block_actions",
            "user": {"id": user_id, "username": "primary-owner", "name": "primary-owner", "team_id": team_id},
            "api_app_id": API_APP_ID,
            "token": "verification_token",
            "container": {
                "type": "message",
                "message_ts": message_ts,
                "channel_id": channel_id,
                "is_ephemeral": is_ephemeral,
            },
            "trigger_id": "111.222.valid",
            "team": _team(team_id),
            "channel": {"id": channel_id, "name": "test-channel"},
            "response_url": response_url,
            "actions": [
                {
                    "action_id": action_id,
                    "block_id": block_id,
                    "text": {"type": "plain_text", "text": "Button", "emoji": True},
                    "value": value,
                    "type": "button",
                    "action_ts": "1596530385.194939",
                }
            ],
        }
    )


def view_submission_body(
    callback_id: str,
    values: dict[str, dict[str, Any]],
    *,
    private_metadata: str = "",
    user_id: str = USER_ID,
    team_id: str = TEAM_ID,
    view_id: str = "V111",
) -> str:
    """`values` as in view.state.values: {block_id: {action_id: {"type": ..., "value": ...}}}."""
    return _payload(
        {
            "type": "view_submission",
            "team": _team(team_id),
            "user": {"id": user_id, "username": "primary-owner", "name": "primary-owner", "team_id": team_id},
            "api_app_id": API_APP_ID,
            "token": "verification_token",
            "trigger_id": "111.222.valid",
            "view": {
                "id": view_id,
                "team_id": team_id,
                "type": "modal",
                "blocks": [],
                "private_metadata": private_metadata,
                "callback_id": callback_id,
                "state": {"values": values},
                "hash": "1596530361.3wRYuk3R",
                "title": {"type": "plain_text", "text": "CodeDesk"},
                "root_view_id": view_id,
                "app_id": API_APP_ID,
                "external_id": "",
                "app_installed_team_id": team_id,
                "bot_id": "B_BOT",
            },
            "response_urls": [],
        }
    )


def event_body(event: dict[str, Any], *, team_id: str = TEAM_ID, event_id: str = "Ev111") -> str:
    return json.dumps(
        {
            "token": "verification_token",
            "team_id": team_id,
            "api_app_id": API_APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": 1700000000,
            "authorizations": [
                {"team_id": team_id, "user_id": "U_BOT", "is_bot": True, "is_enterprise_install": False}
            ],
        }
    )


def shortcut_body(
    callback_id: str,
    *,
    kind: str = "global",
    user_id: str = USER_ID,
    team_id: str = TEAM_ID,
    channel_id: str = CHANNEL_ID,
    message: dict[str, Any] | None = None,
) -> str:
    """A global shortcut (`kind="global"`) or a message shortcut (`kind="message"`, on `message`)."""
    body: dict[str, Any] = {
        "token": "verification_token",
        "action_ts": "1583637157.207593",
        "team": _team(team_id),
        "user": {"id": user_id, "username": "primary-owner", "team_id": team_id},
        "callback_id": callback_id,
        "trigger_id": "111.222.xxx",
    }
    if kind == "global":
        body["type"] = "shortcut"
    else:
        message = message or {
            "type": "message",
            "text": "<@W222> test",
            "user": "W222",
            "ts": "1583636382.000300",
        }
        body.update(
            {
                "type": "message_action",
                "channel": {"id": channel_id, "name": "dev"},
                "message_ts": message["ts"],
                "message": message,
                "response_url": "https://hooks.slack.com/app/T111/111/xxx",
            }
        )
    return _payload(body)
