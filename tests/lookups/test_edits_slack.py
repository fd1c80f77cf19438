"""/code check through signed Slack requests over the real code book: the 25-code claim, context, new rules."""

from __future__ import annotations

import json
from datetime import date

from bot.lookups.codebook import CodeBook
from bot.lookups.edits import check_claim
from tests.scenario import Scenario
from tests.slack.test_real_codes import real_book, real_scenario, reply  # noqa: F401  (fixtures)

INPATIENT_25 = (
    "check I21.4 I50.23 E11.22 N18.4 D63.1 E11.65 Z79.4 I25.10 J44.1 J96.01 F17.210 E78.5 K21.9 M81.0 G47.33 "
    "E66.01 Z68.41 S72.001A W19.XXXA Y92.009 Z95.5 02703DZ 0SRB0J9 B2111ZZ J1644 dos:2024-03-15 age:67 sex:F "
    "setting:inpatient"
)


def _text(message: dict) -> str:
    return json.dumps(message["blocks"])


def test_a_25_code_inpatient_claim_is_checked(real_scenario: Scenario, real_book: CodeBook) -> None:  # noqa: F811
    """The claim the issue says Slack refused: the reply carries the verdict and every finding the same check
    gives outside Slack."""
    message = reply(real_scenario, INPATIENT_25)
    assert "limited to" not in message["text"]
    words = INPATIENT_25.split()[1:]
    codes = [w for w in words if ":" not in w]
    assert len(codes) == 25
    expected = check_claim(real_book, codes, date(2024, 3, 15), age=67, sex="F", setting="inpatient")
    assert message["text"].lower().startswith(str(expected.verdict))
    shown = _text(message)
    for finding in expected.findings:
        assert f"{finding.rule}" in shown, finding
    buttons = [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert all(len(b["value"]) <= 2000 for b in buttons)


def test_context_and_new_rules_reach_slack(real_scenario: Scenario) -> None:  # noqa: F811
    combined = _text(reply(real_scenario, "check I10 I50.9 dos:2025-06-01"))
    assert "combination-code" in combined and "I11.0" in combined and "I.C.9.a.2" in combined
    ambiguous = _text(reply(real_scenario, "check G0439 dos:2020-06-01"))
    assert "ambiguous-system" in ambiguous and "(HCPCS)" in ambiguous
    as_dx = _text(reply(real_scenario, "check dx:G0439 dos:2020-06-01"))
    assert "ambiguous-system" not in as_dx
    invalid = reply(real_scenario, "check XYZ12 E11.9 dos:2025-06-01")
    assert invalid["text"].startswith("Fail") and "not-found" in _text(invalid)
    outpatient = _text(reply(real_scenario, "check K35.80 0DTJ4ZZ dos:2025-06-01"))
    assert "pcs-outpatient" in outpatient
