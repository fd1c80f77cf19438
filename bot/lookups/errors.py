"""Errors the lookup layer raises for bad input, with messages meant for the person who typed it."""

from __future__ import annotations


class QueryError(ValueError):
    """A lookup, show or check request that cannot be answered as typed; the message says why and what to do."""
