"""Lookup replies show why each code was found and what the search says about the query as a whole."""

from __future__ import annotations

import json

from bot.lookups.search import Hit, Hits
from bot.render.code_blocks import lookup_reply
from bot.render.plain import batch_line, lookup_text
from tests.fake_codes import FakeCoverage, FakeHit

WHY = "Index: Diabetes, type 2, with, chronic kidney disease -> E11.22"


def test_slack_reply_shows_why_and_escapes_it() -> None:
    hits = [FakeHit("E11.22", "ICD-10-CM", "Type 2 diabetes with CKD", True, "billable", WHY + " <@U1>")]
    reply = lookup_reply("dm2 ckd", hits, offset=0, has_more=False, coverage=FakeCoverage())
    text = json.dumps(reply)
    assert "_Why: Index: Diabetes, type 2, with, chronic kidney disease -&gt; E11.22 &lt;@U1&gt;_" in text


def test_slack_reply_shows_the_notice_with_or_without_hits() -> None:
    notice = (
        "That is a CPT service: CPT is licensed by the AMA and not bundled; import your licensed CPT file"
    )
    alone = lookup_reply("office visit", [], offset=0, has_more=False, notice=notice)
    assert (
        "CPT is licensed" in json.dumps(alone) and "No codes found" not in alone["blocks"][0]["text"]["text"]
    )
    hits = [FakeHit("G0463", "HCPCS", "Hospital outpatient clinic visit", True, "billable", "title: ...")]
    beside = lookup_reply("clinic visit", hits, offset=0, has_more=False, notice=notice)
    assert any(b["type"] == "context" and "CPT is licensed" in json.dumps(b) for b in beside["blocks"])


def test_plain_text_prints_why_and_notice() -> None:
    hits = Hits([Hit("E11.22", "ICD-10-CM", "Type 2 diabetes with CKD", True, "billable", WHY, 1.0)])
    hits.notice = "a notice"
    text = lookup_text("dm2 ckd", hits)
    assert text.splitlines()[0] == "a notice" and f"why: {WHY}" in text
    empty = Hits()
    empty.notice = "No confident match. Closest Index main terms: Fall."
    assert lookup_text("zz", empty) == empty.notice
    assert batch_line("zz", empty) == "zz\t(No confident match. Closest Index main terms: Fall.)"
