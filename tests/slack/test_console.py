"""The console: the real app through signed requests, replies printed as text."""

from __future__ import annotations

import io

import pytest

from bot.console import PROMPT, run_console
from bot.services import Services
from bot.settings import Settings


class TtyInput(io.StringIO):
    def isatty(self) -> bool:
        return True


def console(
    settings: Settings, services: Services, text: str, stdin_cls: type[io.StringIO] = io.StringIO
) -> str:
    out = io.StringIO()
    assert run_console(settings, services, stdin_cls(text), out) == 0
    return out.getvalue()


@pytest.fixture
def console_settings(tmp_path: object) -> Settings:
    return Settings.from_env({"CODEDESK_DB": f"{tmp_path}/c.sqlite"}, mode="console")


def test_lookup_is_printed_as_text(
    console_settings: Settings, services: Services, fake_lookups: None
) -> None:
    out = console(console_settings, services, "/code lookup heart attack\n")
    assert "only you see this" in out
    assert "*I21.9*  Acute myocardial infarction, unspecified" in out
    assert "[Share in channel ‹click share_in_channel›]" in out
    assert PROMPT not in out  # not a terminal: no prompt


def test_check_piped_in(console_settings: Settings, services: Services, fake_lookups: None) -> None:
    out = console(console_settings, services, "/code check E10.9 E11.9\n")
    assert "❌ *Fail* `E10.9` `E11.9` · DOS 2025-03-03\n1 error, 1 warning" in out
    assert "Rejection note" in out
    assert "[Ask the office ‹click ask_office›]" in out


def test_user_text_is_shown_as_typed(
    console_settings: Settings, services: Services, fake_lookups: None
) -> None:
    out = console(console_settings, services, "/code echo <!channel> <@U123> <https://x|y>\n")
    assert "<!channel> <@U123> <https://x|y>" in out


def test_help_quit_unknown_and_acting_as_another_user(
    console_settings: Settings, services: Services, fake_lookups: None
) -> None:
    out = console(
        console_settings,
        services,
        "help\n/nope hi\nhello\n/as U9 /code heart attack\n/as U9 home\nquit\n/code never runs\n",
        TtyInput,
    )
    assert out.startswith("CodeDesk console")
    assert "Commands: /code, /clarify, /codedesk" in out
    assert "/nope: no such command here" in out
    assert 'Type a slash command, e.g. "/code lookup heart attack"' in out
    assert "App Home of U9" in out
    assert "`/code heart attack`" in out  # U9's recent lookup on their home tab
    assert "never runs" not in out
    assert out.count(PROMPT) == 6


def test_empty_input_ends_quietly(console_settings: Settings, services: Services) -> None:
    assert console(console_settings, services, "") == ""


def test_favourites_export_and_the_workflow_step_in_the_console(
    console_settings: Settings, services: Services, fake_lookups: None
) -> None:
    out = console(
        console_settings,
        services,
        "\n".join(
            [
                "/code many things",
                "click pin_code",
                "/code fav",
                "/clarify export from:2025-01-01",
                "step check_claim_codes codes=E10.9 E11.9 | date_of_service=2025-03-01",
                "step check_claim_codes codes=",
                "step nothing",
                "",
            ]
        ),
    )
    assert "[Pin ‹click pin_code›]" in out
    assert "Pinned Z01.0." in out  # the newest message's first Pin button
    assert "*Your pinned codes* (1)" in out and "*Z01.0*" in out
    assert "Exported 0 clarifications to `clarifications-2025-01-01-to-today.csv`" in out
    assert "── file clarifications-2025-01-01-to-today.csv shared in D_U_CONSOLE" in out
    assert "── the step completed" in out and "verdict: fail" in out and "error excludes1" in out
    assert "── the step failed" in out and "Give the codes to check" in out
    assert "Steps: check_claim_codes." in out


def test_a_click_that_finds_nothing_names_what_can_be_clicked(
    console_settings: Settings, services: Services, fake_lookups: None
) -> None:
    """A new session shows no earlier session's messages: the line says so, then lists the ids on screen."""
    out = console(console_settings, services, "click clarification_answer\n/code many things\nclick nope\n")
    assert "Nothing on screen has clarification_answer: only this session's messages can be clicked" in out
    assert (
        "No message on screen has nope; on screen: show_children, pin_code, share_in_channel, show_more."
        in out
    )
