"""parse_code_command: every /code text becomes a command or a usage message, never an exception."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.commands.code_parse import (
    Check,
    CodeCommand,
    Favourites,
    Help,
    Lookup,
    Show,
    UsageError,
    parse_code_command,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Help()),
        ("   ", Help()),
        ("help", Help()),
        ("HELP me", Help()),
        ("heart attack", Lookup("heart attack")),
        ("lookup  heart   attack ", Lookup("heart attack")),
        ("Lookup E11.9", Lookup("E11.9")),
        ("E11.9", Lookup("E11.9")),
        ("find me something", Lookup("find me something")),
        ("FAVORITES", Favourites()),
        ("FAVORITES", Favourites()),
        ("show e11.9", Show("E11.9")),
        ("check E10.9 E11.9", Check(("E10.9", "E11.9"))),
        ("check E10.9,E11.9, I10", Check(("E10.9", "E11.9", "I10"))),
        (
            "check O80 Z37.0 dos:2025-03-01 age:31 sex:f setting:Inpatient",
            Check(("O80", "Z37.0"), date(2025, 3, 1), 31, "F", "inpatient"),
        ),
    ],
)
def test_parses(text: str, expected: object) -> None:
    assert parse_code_command(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a" * 4000, "Queries are limited to 200 characters (yours has 4,000)."),
        ("lookup", "Tell me what to look up"),
        ("show", "`/code show` takes one code"),
        ("show E11.9 I10", "`/code show` takes one code"),
        ("check", "Give at least one code."),
        ("check dos:2025-01-01", "Give at least one code."),
        ("check E11.9 dos:2025-02-30", "`dos:` must be a date"),
        ("check E11.9 age:-1", "`age:` must be a whole number"),
        ("check E11.9 age:²", "`age:` must be a whole number"),
        ("check E11.9 age:130", "`age:` must be a whole number"),
        ("check E11.9 sex:X", "`sex:` must be `F` or `M`."),
        ("check E11.9 setting:home", "`setting:` must be"),
        ("check E11.9 pos:11", "Unknown option `pos:`."),
        ("check E11.9 <!channel>", "`<!channel>` does not look like a code."),
        ("check " + " ".join(["I10"] * 101), "Check at most 100 codes at a time; this claim has 101."),
        ("check " + "E11.9 " * 300, "`/code check` is limited to 1,500 characters (yours has 1,805)"),
        ("check dx:E11.9,<b>", "`<b>` does not look like a code."),
    ],
)
def test_usage_errors(text: str, message: str) -> None:
    result = parse_code_command(text)
    assert isinstance(result, UsageError)
    assert message in result.message


# A normal inpatient stay: 25 codes with their details run past the 200 characters of a lookup.
INPATIENT_25 = (
    "check I21.4 I50.23 E11.22 N18.4 D63.1 E11.65 Z79.4 I25.10 J44.1 J96.01 F17.210 E78.5 K21.9 M81.0 G47.33 "
    "E66.01 Z68.41 S72.001A W19.XXXA Y92.009 Z95.5 02703DZ 0SRB0J9 B2111ZZ J1644 dos:2024-03-15 age:67 sex:F "
    "setting:inpatient"
)


def test_a_25_code_inpatient_claim_is_accepted() -> None:
    assert len(INPATIENT_25) > 200
    result = parse_code_command(INPATIENT_25)
    assert isinstance(result, Check) and len(result.codes) == 25 and result.setting == "inpatient"


def test_claim_context_and_modifiers() -> None:
    result = parse_code_command("check dx:E119,I10 px:G0439,J1234-59 G0463-XE-59 dos:2020-05-01")
    assert isinstance(result, Check)
    assert result.codes == ("dx:E119", "dx:I10", "px:G0439", "px:J1234-59", "G0463-XE-59")


@given(st.text(max_size=400))
def test_never_raises(text: str) -> None:
    result = parse_code_command(text)
    assert isinstance(result, CodeCommand | UsageError)
    if isinstance(result, Lookup):
        assert 0 < len(result.query) <= 200


@given(
    st.lists(
        st.sampled_from(["check", "show", "lookup", "dos:2025-01-01", "age:5", "sex:M", "E11.9", "x:", ":"]),
        max_size=8,
    )
)
def test_never_raises_on_keyword_soup(words: list[str]) -> None:
    parse_code_command(" ".join(words))
