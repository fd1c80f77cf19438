"""The console keeps its own database (never the server's roles or records), and a session never reuses an id,
timestamp or event id of an earlier one: two sessions on one database each get their own clarification, and a
reply in the second one's thread is filed under the second one."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from bot.cli import main
from bot.console import run_console
from bot.relay.service import ClarificationService
from bot.services import Services
from bot.settings import Settings, SettingsError
from storage.db import connect
from storage.usage import UsageRecorder
from tests.clarify.driver import INDICATORS, QUESTION
from tests.conftest import FROZEN_NOW
from tests.fake_codes import FakeCodeBook

OPTIONS = (
    "Acute blood loss anemia\\nAnemia of chronic disease\\nOther (please specify)\\nClinically undetermined"
)
ASK = f"submit office_id=North | encounter_ref=ENC-{{n}} | question={QUESTION} | options={OPTIONS} | indicators={INDICATORS}"
_OFFICE_POST_TS = re.compile(r"posted in C0NORTH · ts (\d+\.\d+)")


def environment(tmp_path: Path) -> dict[str, str]:
    return {
        "CODEDESK_DB": str(tmp_path / "server.sqlite"),
        "CODEDESK_CODES_DB": str(tmp_path / "codes.sqlite"),
    }


def console_services(settings: Settings) -> Services:
    """What `codedesk console` builds (over the fake code book): a new process's services on the console's DB."""
    db_factory = partial(connect, settings.db_path)
    clock = partial(lambda: FROZEN_NOW)
    usage = UsageRecorder(db_factory, clock)
    usage.prepare()
    book = FakeCodeBook()
    return Services(settings=settings, codebook=book, clock=clock, db_factory=db_factory, usage=usage)  # type: ignore[arg-type]


Line = str | Callable[[str], str]


class Scripted(io.StringIO):
    """stdin for the console whose next line may depend on what the console printed so far."""

    def __init__(self, lines: list[Line], out: io.StringIO) -> None:
        super().__init__()
        self.lines = list(lines)
        self.out = out

    def readline(self, size: int | None = -1) -> str:
        if not self.lines:
            return ""
        line = self.lines.pop(0)
        return (line(self.out.getvalue()) if callable(line) else line) + "\n"


def session(settings: Settings, script: list[Line]) -> str:
    out = io.StringIO()
    assert run_console(settings, console_services(settings), Scripted(script, out), out) == 0
    return out.getvalue()


def test_the_console_uses_its_own_database_beside_the_code_database(tmp_path: Path) -> None:
    settings = Settings.from_env(environment(tmp_path), mode="console")
    assert settings.db_path == tmp_path / "console.sqlite"
    chosen = Settings.from_env(
        {**environment(tmp_path), "CODEDESK_CONSOLE_DB": str(tmp_path / "x.db")}, mode="console"
    )
    assert chosen.db_path == tmp_path / "x.db"
    assert Settings.from_env(environment(tmp_path), mode="cli").db_path == tmp_path / "server.sqlite"
    with pytest.raises(SettingsError, match="CODEDESK_CONSOLE_DB is the server's database"):
        Settings.from_env(
            {**environment(tmp_path), "CODEDESK_CONSOLE_DB": str(tmp_path / "server.sqlite")}, mode="console"
        )


def test_the_console_never_makes_anyone_an_admin_of_the_servers_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, value in environment(tmp_path).items():
        monkeypatch.setenv(name, value)
    settings = Settings.from_env(environment(tmp_path), mode="console")
    session(settings, ["/codedesk role list"])
    assert not (tmp_path / "server.sqlite").exists()
    # The README's next step works: the real install's first admin.
    assert main(["admin", "U0REAL"]) == 0
    assert "U0REAL is now the admin" in capsys.readouterr().out


def test_two_sessions_on_one_database_never_collide(tmp_path: Path) -> None:
    settings = Settings.from_env(environment(tmp_path), mode="console")
    first = session(
        settings,
        [
            "/codedesk office add North Clinic C0NORTH tz:America/Chicago",
            "/codedesk office member add North Clinic U_DOC",
            "/clarify",
            ASK.format(n=1),
        ],
    )
    assert "*Clarification #1* is saved" in first
    first_ts = _OFFICE_POST_TS.findall(first)

    # A new session (a new process) on the same database: its question is a new clarification, posted anew,
    # and the office's reply in that post's thread is filed under it (the thread is found by the post's ts).
    reply = "Per the op note the EBL was 900 mL."
    second = session(
        settings,
        [
            "/clarify",
            ASK.format(n=2),
            lambda out: f"/as U_DOC reply {_OFFICE_POST_TS.findall(out)[-1]} {reply}",
        ],
    )
    assert "*Clarification #2* is saved" in second
    second_ts = _OFFICE_POST_TS.findall(second)
    assert len(second_ts) == 1 and second_ts[0] not in first_ts
    relay = ClarificationService(partial(connect, settings.db_path), partial(lambda: FROZEN_NOW))
    assert [r.text for r in relay.replies(2)] == [reply]
    assert relay.replies(1) == []
    assert "Office U_DOC:\n>Per the op note" in second  # relayed to the asker of #2
