"""Logs hold ids, kinds and lengths: never message text, clinical text, query text or a response_url.

The scenario paths (lookups, checks, buttons, the whole clarification relay, thread replies both ways, a failing
handler, malformed and unhandled payloads) run with the product's log handler at DEBUG (configure_logging, as
`codedesk serve` sets it up), and what it wrote is searched for every text the requests carried.
"""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest

import bot.commands.code as code
from bot import ids
from bot.app import configure_logging
from bot.settings import Settings
from tests.clarify.driver import CODER, LEAD, NORTH_DOC, OPTIONS, Relay, ack_body, with_payload
from tests.signing import block_actions_body, shortcut_body, slash_command_body

# Each text is unique, passes the PHI guard and goes where the README promises logs never look.
QUESTION = "Is the qx-sentinel-anemia acute blood loss or chronic disease?"
INDICATORS = "Hgb 7.1 g/dL ix-sentinel-drop after 2 units PRBC, EBL 900 mL."
OPTION = "Opt-sentinel acute posthemorrhagic anemia"
ANSWER = "Ans-sentinel per the H/H trend and the transfusion."
CODER_REPLY = "Coder-sentinel was the EBL documented by the surgeon?"
OFFICE_REPLY = "Office-sentinel yes in the op note."
MORE_INFO = "Moreinfo-sentinel need the pre-op hemoglobin."
CLOSE_REASON = "Close-sentinel duplicate of another query."
REOPEN_REASON = "Reopen-sentinel the office asked to answer after all."
QUERY = "zzq-sentinel lookup words"
SHORTCUT_MESSAGE = "Shortcut-sentinel message text about sepsis E11.9"
SENTINELS = (
    QUESTION,
    INDICATORS,
    OPTION,
    ANSWER,
    CODER_REPLY,
    OFFICE_REPLY,
    MORE_INFO,
    CLOSE_REASON,
    REOPEN_REASON,
    QUERY,
    SHORTCUT_MESSAGE,
)
_WORD = re.compile(r"[a-z]+-sentinel", re.IGNORECASE)


@pytest.fixture
def product_log(settings: Settings) -> Iterator[io.StringIO]:
    """The server's log output exactly as configure_logging sets it up, at DEBUG."""
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    handler = configure_logging(dataclasses.replace(settings, log_level="DEBUG"), stream)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def leaks(text: str, response_urls: list[str]) -> list[str]:
    found = [s for s in SENTINELS if s in text]
    found += sorted(set(_WORD.findall(text)))  # any one distinctive word of them, too
    found += [url for url in response_urls if url in text]
    found += re.findall(r"/response/[A-Za-z0-9]+", text)
    return found


def _run_everything(r: Relay, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Drive every scenario path once; returns the response_urls handed out."""
    urls: list[str] = []

    def url(key: str) -> str:
        urls.append(r.fake.response_url(key))
        return urls[-1]

    def code_command(text: str, key: str) -> Any:
        return r.run(slash_command_body("/code", text, response_url=url(key)))

    lookup = code_command(QUERY, "lookup")
    code_command("check E10.9 E11.9", "check")
    code_command("show E11.9", "show")
    reply = lookup.only("response_url").body
    for block in reply.get("blocks", []):
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("action_id") in (ids.SHARE_IN_CHANNEL, ids.SHOW_MORE):
                body = block_actions_body(element["action_id"], element["value"], response_url=url("btn"))
                r.run(body)

    # The whole relay: ask, office post, answer, follow-ups both ways, more information, resolve.
    options = "\n".join([OPTION, *OPTIONS[1:]])
    r.ask(question=QUESTION, indicators=INDICATORS, options=options, view_id="VLOG1")
    first = r.deliver()
    office_ts = first[0].response["ts"]  # type: ignore[index]
    tracking_ts, dm = first[1].response["ts"], first[1].response["channel"]  # type: ignore[index]
    r.click(ids.CLARIFICATION_MORE_INFO, "1", NORTH_DOC, message_ts=office_ts)
    r.submit(
        ids.ANSWER_MODAL,
        {"text": {"text": {"type": "plain_text_input", "value": MORE_INFO}}},
        NORTH_DOC,
        "VMORE",
        json.dumps({"id": 1, "mode": "more_info"}),
    )
    r.deliver()
    r.click(ids.CLARIFICATION_ANSWER, "1", NORTH_DOC, message_ts=office_ts)
    assert ack_body(r.answer(1, choice=OPTION, text=ANSWER, view_id="VLOGA"))["response_action"] == "update"
    r.deliver()
    r.thread_message(dm, tracking_ts, CODER, CODER_REPLY, "EvLog1")
    r.thread_message("C0NORTH", office_ts, NORTH_DOC, OFFICE_REPLY, "EvLog2")
    r.deliver()
    r.click(ids.CLARIFICATION_RESOLVE, "1:changed", CODER, channel=dm, selected=True)
    r.deliver()
    r.command("show 1")
    r.command("list all", LEAD)

    # Close and reopen with reasons; a refused reply; the message shortcut.
    r.ask(view_id="VLOG2")
    r.deliver()
    r.command(f"close 2 reason:{CLOSE_REASON}")
    r.command(f"reopen 2 reason:{REOPEN_REASON}", LEAD)
    r.deliver()
    r.thread_message("C0NORTH", office_ts, NORTH_DOC, OFFICE_REPLY + " DOB 03/03/1950", "EvLog3")
    message = {"type": "message", "text": SHORTCUT_MESSAGE, "user": "W222", "ts": "1583636382.000300"}
    r.run(shortcut_body(ids.ASK_OFFICE_ABOUT_MESSAGE, kind="message", message=message))

    # A handler that fails with the query in its exception message, an unhandled action, malformed payloads.
    def failing(book: object, query: str, *args: Any, **kwargs: Any) -> list[Any]:
        raise ValueError(f"search refused {query!r}")

    monkeypatch.setattr(code, "find_codes", failing)
    code_command(QUERY, "fail")
    r.run(block_actions_body("not_an_action_of_ours", QUERY, response_url=url("unhandled")))
    r.run(with_payload(block_actions_body(ids.SHOW_MORE, QUERY, response_url=url("bad")), actions=[]))
    r.run(block_actions_body(ids.SHOW_MORE, json.dumps({"q": QUERY, "o": "x"}), response_url=url("forged")))
    return urls


def test_debug_logs_of_every_path_hold_no_text_and_no_response_url(
    relay_driver: Relay,
    product_log: io.StringIO,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    urls = _run_everything(relay_driver, monkeypatch)
    written = product_log.getvalue()

    assert leaks(written, urls) == []
    # What the log does say: ids and kinds (the capture works, and at DEBUG).
    assert "outbox: sent row" in written and "error id" in written
    assert "Traceback (most recent call last)" in written and "(message withheld)" in written
    # The app's own log lines hold no text even before the handler's filter.
    own = [r for r in caplog.records if r.name.startswith(("codedesk", "bot", "storage"))]
    assert own and leaks("\n".join(r.getMessage() for r in own), urls) == []
