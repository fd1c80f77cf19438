"""The fake Slack itself: canned replies a real WebClient accepts, and the failure knobs."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.webhook import WebhookClient

from tests.fake_slack import RESPONSE_URL_METHOD, FakeSlack


def client(fake: FakeSlack) -> WebClient:
    return WebClient(token="xoxb-fake", base_url=fake.api_url)


def test_records_calls_without_the_token(fake_slack: FakeSlack) -> None:
    c = client(fake_slack)
    first = c.chat_postMessage(channel="C1", text="hi", blocks=[{"type": "divider"}])
    second = c.chat_postMessage(channel="C1", text="again")
    assert first["ts"] < second["ts"] and first["ts"].startswith("1700000000.")
    assert first["message"]["blocks"] == [{"type": "divider"}]
    call = fake_slack.calls_to("chat.postMessage")[0]
    assert call.body == {"channel": "C1", "text": "hi", "blocks": [{"type": "divider"}]}
    assert call.headers["Authorization"] == "[redacted]"
    assert "xoxb-fake" not in repr(fake_slack.calls)


def test_canned_replies(fake_slack: FakeSlack) -> None:
    c = client(fake_slack)
    assert c.auth_test()["user_id"] == "U_BOT"
    assert c.conversations_open(users="U1")["channel"]["id"] == "D_U1"
    fake_slack.channel_members["C9"] = ["U1", "U2"]
    assert c.conversations_members(channel="C9")["members"] == ["U1", "U2"]
    assert c.users_info(user="U5")["user"]["id"] == "U5"
    view = c.views_open(
        trigger_id="t", view={"type": "modal", "title": {"type": "plain_text", "text": "T"}, "blocks": []}
    )["view"]
    assert view["id"].startswith("V") and view["type"] == "modal"
    assert c.chat_postEphemeral(channel="C1", user="U1", text="x")["ok"]
    assert c.chat_update(channel="C1", ts="1.2", text="y")["ts"] == "1.2"


def test_files_upload_v2_flow(fake_slack: FakeSlack) -> None:
    response = client(fake_slack).files_upload_v2(
        channel="C1", content="a,b\n1,2\n", filename="r.csv", title="R"
    )
    assert response["ok"]
    assert fake_slack.methods() == [
        "files.getUploadURLExternal",
        "file_upload",
        "files.completeUploadExternal",
    ]


def test_response_url_posts_are_recorded(fake_slack: FakeSlack) -> None:
    WebhookClient(fake_slack.response_url("abc")).send(text="hello", response_type="ephemeral")
    call = fake_slack.calls_to(RESPONSE_URL_METHOD)[0]
    assert call.path == "/response/abc" and call.body["text"] == "hello"


def test_429_with_retry_after(fake_slack: FakeSlack) -> None:
    fake_slack.fail_with_429(count=1, retry_after=0)
    with pytest.raises(SlackApiError) as caught:
        client(fake_slack).chat_postMessage(channel="C1", text="x")
    assert caught.value.response.status_code == 429
    assert caught.value.response.headers["Retry-After"] == "0"

    fake_slack.fail_with_429(count=1, retry_after=0)
    retrying = WebClient(
        token="xoxb-fake",
        base_url=fake_slack.api_url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)],
    )
    assert retrying.chat_postMessage(channel="C1", text="x")["ok"]


def test_fail_with_status_for_one_method(fake_slack: FakeSlack) -> None:
    fake_slack.fail_with_status(500, count=1, method="chat.update")
    c = client(fake_slack)
    assert c.chat_postMessage(channel="C1", text="x")["ok"]
    with pytest.raises(SlackApiError):
        c.chat_update(channel="C1", ts="1.1", text="x")
    assert c.chat_update(channel="C1", ts="1.1", text="x")["ok"]


def test_delay_and_wait_for(fake_slack: FakeSlack) -> None:
    fake_slack.delay_seconds = 0.05
    mark = fake_slack.mark()
    client(fake_slack).chat_postMessage(channel="C1", text="x")
    assert [c.method for c in fake_slack.wait_for_method("chat.postMessage", since=mark)] == [
        "chat.postMessage"
    ]
    with pytest.raises(TimeoutError, match="saw"):
        fake_slack.wait_for_method("views.open", since=mark, timeout=0.05)
