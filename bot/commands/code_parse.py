"""Parsing `/code` text into a command: pure, so it is unit-tested and fuzzed without Slack."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MAX_QUERY_CHARS = 200
MAX_CHECK_CODES = 25
SUBCOMMANDS = ("lookup", "show", "check", "help")
SETTINGS = ("outpatient", "inpatient")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]{1,9}$")
_OPTION = re.compile(r"^([A-Za-z]+):(.*)$")

LOOKUP_USAGE = "Tell me what to look up, e.g. `/code lookup heart attack` or `/code E11.9`."
SHOW_USAGE = "`/code show` takes one code, e.g. `/code show E11.9`."
CHECK_USAGE = (
    "`/code check` takes codes and optional details, e.g. "
    "`/code check E11.9 I10 dos:2025-03-01 age:67 sex:F setting:inpatient`."
)


@dataclass(frozen=True)
class Lookup:
    query: str
    offset: int = 0


@dataclass(frozen=True)
class Show:
    code: str


@dataclass(frozen=True)
class Check:
    codes: tuple[str, ...]
    dos: date | None = None
    age: int | None = None
    sex: str | None = None
    setting: str = "outpatient"


@dataclass(frozen=True)
class Help:
    pass


@dataclass(frozen=True)
class UsageError:
    """Not an exception: a message for the user about what to type instead."""

    message: str


CodeCommand = Lookup | Show | Check | Help


def too_long(text: str) -> str:
    return (
        f"Queries are limited to {MAX_QUERY_CHARS} characters (yours has {len(text):,}). "
        "Try the key words, e.g. `/code lookup heart attack`."
    )


def parse_code_command(text: str) -> CodeCommand | UsageError:
    text = " ".join(text.split())
    if not text:
        return Help()
    if len(text) > MAX_QUERY_CHARS:
        return UsageError(too_long(text))
    first, _, rest = text.partition(" ")
    verb = first.lower()
    if verb not in SUBCOMMANDS:
        return Lookup(text)
    if verb == "help":
        return Help()
    if verb == "lookup":
        return Lookup(rest) if rest else UsageError(LOOKUP_USAGE)
    if verb == "show":
        words = rest.split()
        if len(words) != 1 or not _CODE.match(words[0]):
            return UsageError(SHOW_USAGE)
        return Show(words[0].upper())
    return _parse_check(rest)


def _parse_check(rest: str) -> Check | UsageError:
    codes: list[str] = []
    options: dict[str, str] = {}
    for word in rest.replace(",", " ").split():
        option = _OPTION.match(word)
        if option:
            key, value = option.group(1).lower(), option.group(2)
            if key not in ("dos", "age", "sex", "setting"):
                return UsageError(f"Unknown option `{key}:`. {CHECK_USAGE}")
            options[key] = value
        elif _CODE.match(word):
            codes.append(word.upper())
        else:
            return UsageError(f"`{word}` does not look like a code. {CHECK_USAGE}")
    if not codes:
        return UsageError(f"Give at least one code. {CHECK_USAGE}")
    if len(codes) > MAX_CHECK_CODES:
        return UsageError(f"Check at most {MAX_CHECK_CODES} codes at a time.")

    dos: date | None = None
    if "dos" in options:
        try:
            dos = date.fromisoformat(options["dos"])
        except ValueError:
            return UsageError("`dos:` must be a date like `dos:2025-03-01`.")
    age: int | None = None
    if "age" in options:
        if not re.fullmatch(r"[0-9]{1,3}", options["age"]) or int(options["age"]) > 124:
            return UsageError("`age:` must be a whole number of years from 0 to 124, e.g. `age:67`.")
        age = int(options["age"])
    sex = options.get("sex", "").upper() or None
    if sex is not None and sex not in ("F", "M"):
        return UsageError("`sex:` must be `F` or `M`.")
    setting = options.get("setting", "outpatient").lower()
    if setting not in SETTINGS:
        return UsageError("`setting:` must be `inpatient` or `outpatient`.")
    return Check(codes=tuple(codes), dos=dos, age=age, sex=sex, setting=setting)
