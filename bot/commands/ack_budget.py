"""Slack's 3 s for a modal submission's answer, and keeping that answer true.

The answer must say truthfully whether anything was saved, so every write of a submission must commit within
ACK_BUDGET_SECONDS of the request's arrival (bot.app's RECEIVED_AT) or save nothing; the rest of the 3 s is the
network and Bolt's polling for the ack. Work that may wait longer (Slack calls) goes after the ack.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from contextlib import AbstractContextManager
from time import monotonic
from typing import Any

from bot.app import RECEIVED_AT
from storage.db import DatabaseBusy, DeadlinePassed, is_busy, writes_due_by

ACK_BUDGET_SECONDS = 2.0
BUSY = "CodeDesk is busy and nothing was saved. Submit again in a moment."


def within_budget(context: Mapping[str, Any] | None) -> AbstractContextManager[None]:
    """Writes in this block commit inside Slack's budget for this request, or save nothing."""
    received = context.get(RECEIVED_AT) if context is not None else None
    start = received if isinstance(received, float) else monotonic()
    return writes_due_by(start + ACK_BUDGET_SECONDS)


def is_busy_error(error: BaseException) -> bool:
    """The database was busy past the budget: nothing of that write was saved."""
    return isinstance(error, DatabaseBusy | DeadlinePassed) or (
        isinstance(error, sqlite3.OperationalError) and is_busy(error)
    )
