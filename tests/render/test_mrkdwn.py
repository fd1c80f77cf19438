"""escape/truncate and the console's text rendering."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.render.mrkdwn import ZWJ, escape, truncate
from bot.render.text import blocks_to_text, mrkdwn_to_text


def test_escape_shows_mentions_and_links_literally() -> None:
    assert escape("<!channel> <@U123> <https://x|y> a&b") == (
        "&lt;!channel&gt; &lt;@U123&gt; &lt;https://x|y&gt; a&amp;b"
    )


def test_escape_defuses_bare_broadcasts() -> None:
    assert escape("hi @channel, @HERE and @everyone; mail a@channels.org") == (
        f"hi @{ZWJ}channel, @{ZWJ}HERE and @{ZWJ}everyone; mail a@channels.org"
    )


@given(st.text())
def test_escaped_text_has_no_control_characters_and_round_trips(text: str) -> None:
    escaped = escape(text)
    assert "<" not in escaped and ">" not in escaped
    assert not re.search(r"&(?!amp;|lt;|gt;)", escaped)
    assert mrkdwn_to_text(escaped) == text.replace(ZWJ, "")


@given(st.text(), st.integers(min_value=1, max_value=50))
def test_truncate_respects_the_limit_and_never_splits_an_entity(text: str, limit: int) -> None:
    cut = truncate(escape(text), limit)
    assert len(cut) <= limit
    if cut.endswith("…"):
        assert not re.search(r"&[a-z]*$", cut[:-1])


def test_truncate_leaves_short_text_alone() -> None:
    assert truncate("abc", 3) == "abc"
    assert truncate("abcd", 3) == "ab…"


def test_blocks_to_text_renders_the_common_blocks() -> None:
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "E11.9 Type 2 diabetes"}},
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": "Hi <@U1>, see <https://x.org|the docs> &lt;!here&gt;"},
            "accessory": {"type": "button", "text": {"type": "plain_text", "text": "Show children"}},
        },
        {"type": "section", "fields": [{"type": "mrkdwn", "text": "*A*"}, {"type": "mrkdwn", "text": "*B*"}]},
        {"type": "divider"},
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": "one"}, {"type": "plain_text", "text": "two"}],
        },
        {
            "type": "actions",
            "elements": [{"type": "button", "text": {"type": "plain_text", "text": "Share"}}],
        },
    ]
    text = blocks_to_text(blocks, "fallback")
    assert text.splitlines()[:3] == [
        "E11.9 Type 2 diabetes",
        "=" * 21,
        "Hi @U1, see the docs (https://x.org) <!here>",
    ]
    assert "    [Show children]" in text and "  *A*" in text and "  one · two" in text and "  [Share]" in text


def test_blocks_to_text_falls_back_to_text() -> None:
    assert blocks_to_text([], "plain &lt;b&gt;") == "plain <b>"
