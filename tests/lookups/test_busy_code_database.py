"""A busy code database is said, never answered around (issue #10's "never silence"; README "Reliability").

The title search swallows an FTS syntax corner case (odd punctuation in a query gives no rows, and the other
readings still answer). A database that is busy or locked is no such case: answering from what the other
readings found would give a wrong or empty answer with no word of why. It is raised as DatabaseBusy, which the
command line prints as an error and the Slack error handler answers with "try again".
"""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes
from bot.lookups.shortest import DocumentSizes
from storage.db_problems import DatabaseBusy


def _failing(message: str) -> Any:
    def fail(self: DocumentSizes, *args: Any, **kwargs: Any) -> Any:
        raise sqlite3.OperationalError(message)

    return fail


def test_a_locked_title_search_is_raised_as_busy(codebook: CodeBook, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DocumentSizes, "matching", _failing("database is locked"))
    monkeypatch.setattr(DocumentSizes, "more_than", _failing("database is locked"))
    with pytest.raises(DatabaseBusy, match="busy"):
        find_codes(codebook, "chronic venous insufficiency of both legs with ulcer")


def test_an_fts_syntax_corner_case_still_answers(codebook: CodeBook, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DocumentSizes, "matching", _failing('fts5: syntax error near "."'))
    monkeypatch.setattr(DocumentSizes, "more_than", _failing('fts5: syntax error near "."'))
    hits = find_codes(codebook, "essential hypertension")
    assert hits and hits[0].code == "I10"
