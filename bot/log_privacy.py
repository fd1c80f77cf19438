"""What may reach the log: ids, kinds, lengths and code locations, never message text or a response_url.

The app's own log lines are written that way. The libraries underneath are not: at DEBUG, slack_sdk logs every
Web API call with its body (the text of every message), slack_bolt logs every request body and the ack it sent,
and some of their warnings quote a request ("Unhandled request ({...})"). `PrivateRecords`, on the app's log
handler, lets a library's record through only from WARNING up and then only as its first words, and shows any
exception as its type and stack frames without its message (a message can quote a value, e.g.
"invalid literal for int() with base 10: '<user text>'").
"""

from __future__ import annotations

import logging
import re
import traceback

OWN_LOGGERS = ("codedesk", "bot", "storage")
# Libraries whose INFO lines are plain facts (scheduled job names, the address served).
QUIET_LIBRARIES = ("apscheduler", "waitress")
_FIRST_WORDS = re.compile(r"^[^(\[{:\"'<=\n]{0,80}")


def _own(name: str) -> bool:
    return any(name == own or name.startswith(own + ".") for own in OWN_LOGGERS)


def exception_outline(exc_info: logging._SysExcInfoType) -> str:
    """A traceback with every frame and the exception types, without the exceptions' messages."""
    _, error, _ = exc_info
    if error is None:
        return ""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    chain: list[BaseException] = []
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or current.__context__
    for position, link in enumerate(reversed(chain)):
        if position:
            lines.append("During handling of the above exception, another exception occurred:\n")
        lines.append("Traceback (most recent call last):\n")
        lines.extend(traceback.format_tb(link.__traceback__))
        lines.append(f"{type(link).__module__}.{type(link).__qualname__} (message withheld)\n")
    return "".join(lines).rstrip("\n")


class PrivateRecords(logging.Filter):
    """A handler filter: see the module docstring."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not _own(record.name):
            quiet = any(record.name.startswith(name) for name in QUIET_LIBRARIES)
            if record.levelno < (logging.INFO if quiet else logging.WARNING):
                return False
            if not quiet:
                message = record.getMessage()
                words = _FIRST_WORDS.match(message)
                shown = (words.group() if words else "").strip()
                record.msg = f"{shown} [{len(message)} characters withheld]".strip()
                record.args = ()
        if record.exc_info:
            record.exc_text = exception_outline(record.exc_info)
            record.exc_info = None
        return True
