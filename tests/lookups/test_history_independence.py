"""A query's answer never depends on what the process was asked before it (the Slack bot and `codedesk console`
are long-running: their caches fill as queries come, and every benchmark figure is taken in one process).

`bench/history_independence.py` is the measuring tool: it answers queries in order in one process and each
alone in a process of its own (forked from one that answered nothing), and reports every query answered
differently. Checked here: that it finds a lookup whose answer depends on history (a memo keyed on less than the
answer depends on), and that a run of varied queries - the row an earlier round saw answered differently in a
long process, "s/p cochlear implant", among them - is answered after each other as alone."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from bot.lookups.codebook import CodeBook

ROOT = Path(__file__).resolve().parent.parent.parent
TOOL = ROOT / "bench" / "history_independence.py"

# Varied readings: lay words, a status (v15-196), abbreviations, a typo, PCS, HCPCS, a Z line, a story, a drug.
QUERIES = (
    "broken left wrist",
    "s/p cochlear implant",
    "chf",
    "newmonia",
    "laparoscopic appendectomy",
    "wheelchair",
    "history of cochlear implant",
    "fell off ladder at home, hit head",
    "poisoning by acetaminophen, accidental",
    "cochlear implant",
)


@pytest.fixture
def tool() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("history_independence", TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["history_independence"] = module  # (its children's tasks are found by name)
    spec.loader.exec_module(module)
    yield module
    del sys.modules["history_independence"]


class _Hits(list[object]):
    notice = ""


class _Hit:
    def __init__(self, code: str) -> None:
        self.code, self.why = code, "test"


@pytest.fixture
def remembering(tool: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A lookup whose memo forgets what it is keyed on: the process's first query's answer leaks into the next."""
    asked: list[str] = []

    def find_codes(book: object, text: str, limit: int = 5) -> _Hits:
        asked.append(text)
        return _Hits([_Hit(asked[0])])

    monkeypatch.setattr(tool, "find_codes", find_codes)
    monkeypatch.setattr(tool.CodeBook, "open", staticmethod(lambda path: object()))
    monkeypatch.setattr(tool, "_CODES_DB", tmp_path)


@pytest.mark.usefixtures("remembering")
def test_the_tool_finds_an_answer_that_depends_on_history(
    tool: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "argv", ["x", "--codes-db", str(tmp_path), "--query", "a", "--query", "b"])
    assert tool.main() == 1  # "b" after "a" is answered "a"; alone, "b"


@pytest.mark.usefixtures("remembering")
def test_the_bisection_names_the_earlier_query_at_fault(
    tool: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    tool.bisect(["x", "y", "z"], "b")
    assert "bisect: query 0 'x'; after it alone: changes" in capsys.readouterr().out


def test_varied_queries_are_answered_after_each_other_as_alone(codebook: CodeBook) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(TOOL),
            "--codes-db",
            str(codebook.path),
            "--jobs",
            "2",
            *(arg for query in QUERIES for arg in ("--query", query)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"history-dependent queries: 0 of {len(QUERIES)}" in done.stdout
