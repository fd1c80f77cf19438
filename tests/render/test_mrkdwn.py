"""escape/truncate and the console's text rendering."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.render.mrkdwn import DEFUSED_AT, INVISIBLE, ZWJ, escape, truncate, visible
from bot.render.text import blocks_to_text, mrkdwn_to_text


def test_escape_shows_mentions_and_links_literally() -> None:
    assert escape("<!channel> <@U123> <https://x|y> a&b") == (
        "&lt;!channel&gt; &lt;@U123&gt; &lt;https://x|y&gt; a&amp;b"
    )


def test_escape_defuses_bare_broadcasts() -> None:
    assert escape("hi @channel, @HERE and @everyone; mail a@channels.org") == (
        f"hi {DEFUSED_AT}channel, {DEFUSED_AT}HERE and {DEFUSED_AT}everyone; mail a@channels.org"
    )


def test_escape_removes_bidi_controls_and_zero_width_characters() -> None:
    # An override makes "E11.9" display reversed; zero-width characters hide inside a code or a name.
    assert escape("code \u202eE11.9\u202c and S7\u200b2.0\u200c01A\ufeff, Ma\u2060ria\u200f") == (
        "code E11.9 and S72.001A, Maria"
    )
    assert escape("@\u200bchannel") == f"{DEFUSED_AT}channel"  # hiding a broadcast does not work either
    assert truncate("\u2066abc\u2069", 3) == "abc"


def test_emoji_joiners_stay_inside_emoji_sequences() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    flag = "\U0001f3f3\ufe0f\u200d\U0001f308"
    assert visible(f"{family} {flag} a{ZWJ}b") == f"{family} {flag} ab"


@given(st.text())
def test_escaped_text_has_no_control_characters_and_round_trips(text: str) -> None:
    escaped = escape(text)
    assert "<" not in escaped and ">" not in escaped
    assert not re.search(r"&(?!amp;|lt;|gt;)", escaped)
    assert not INVISIBLE.intersection(escaped.replace(ZWJ, ""))
    assert mrkdwn_to_text(escaped).replace(DEFUSED_AT, "@") == visible(text).replace(DEFUSED_AT, "@")


@given(st.text(), st.integers(min_value=1, max_value=50))
def test_truncate_respects_the_limit_and_never_splits_an_entity(text: str, limit: int) -> None:
    cut = truncate(escape(text), limit)
    assert len(cut) <= limit
    if cut.endswith("…"):
        assert not re.search(r"&[a-z]*$", cut[:-1])


def test_truncate_never_ends_on_a_joiner_cut_from_its_emoji() -> None:
    """A family emoji (man ZWJ woman ZWJ girl) cut after a joiner left a joiner that joins nothing, an
    invisible character in the block (found by tests/reliability/test_fuzz.py::test_home_view)."""
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    for limit in range(2, 40):
        cut = truncate(family * 20, limit)
        assert len(cut) <= limit and cut.endswith("…")
        assert not cut[:-1].endswith(ZWJ), limit


def test_truncate_leaves_short_text_alone() -> None:
    assert truncate("abc", 3) == "abc"
    assert truncate("abcd", 3) == "ab…"


def test_truncate_never_leaves_a_joiner_cut_from_its_emoji() -> None:
    # Found by the App Home fuzz test: a family emoji cut after its joiner left an invisible U+200D.
    family = f"\U0001f468{ZWJ}\U0001f469{ZWJ}\U0001f467"
    assert truncate(family * 3, 3) == "\U0001f468…"
    assert ZWJ not in truncate(family * 3, 5)[-2:]


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
