"""Time zone names from people and settings, checked before zoneinfo sees them.

zoneinfo raises more than ZoneInfoNotFoundError on odd input: OSError for a region such as `America` or a very
long name, and it recurses on a deep path (`a/a/a/...`). Only names shaped like IANA zones reach it here.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_ZONE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+){0,2}$")
MAX_LENGTH = 64


def known_zone(name: str) -> ZoneInfo | None:
    """The zone called `name`, or None when there is no such IANA zone."""
    name = name.strip()
    if len(name) > MAX_LENGTH or not _ZONE_NAME.match(name):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
