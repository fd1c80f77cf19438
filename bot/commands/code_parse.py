"""Parsing `/code` text into a command: pure, so it is unit-tested and fuzzed without Slack."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MAX_QUERY_CHARS = 200
# A claim check is longer than a query: 25 to 100 codes with their options. Its text rides in the reply's
# buttons (a value holds at most 2,000 characters), so it is capped well below that.
MAX_CHECK_CHARS = 1500
MAX_CHECK_CODES = 100
SUBCOMMANDS = ("lookup", "show", "check", "help", "fav", "favs", "favourites", "favorites")
SETTINGS = ("outpatient", "inpatient")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]{1,9}$")
_CLAIM_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]{0,23}$")
_OPTION = re.compile(r"^([A-Za-z]+):(.*)$")

LOOKUP_USAGE = "Tell me what to look up, e.g. `/code lookup heart attack` or `/code E11.9`."
SHOW_USAGE = "`/code show` takes one code, e.g. `/code show E11.9`."
CHECK_USAGE = (
    "`/code check` takes codes and optional details, e.g. "
    "`/code check E11.9 I10 dos:2025-03-01 age:67 sex:F setting:inpatient`; "
    "`dx:E119,I10` and `px:G0439,J1234-59` say which codes are diagnoses and which procedures."
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
class Favourites:
    """`/code fav` (list the caller's and the team's pinned codes) or `/code fav remove <code>`."""

    remove: str | None = None


@dataclass(frozen=True)
class UsageError:
    """Not an exception: a message for the user about what to type instead."""

    message: str


CodeCommand = Lookup | Show | Check | Help | Favourites
FAV_USAGE = "`/code fav` lists your pinned codes and the team's; `/code fav remove E11.9` unpins one."


def too_long(text: str) -> str:
    return (
        f"Queries are limited to {MAX_QUERY_CHARS} characters (yours has {len(text):,}). "
        "Try the key words, e.g. `/code lookup heart attack`."
    )


def length_refusal(text: str) -> str | None:
    """The message for a /code text over its limit (a claim check may be longer than a lookup), else None.
    Checked before anything else reads the text."""
    text = " ".join(text.split())
    if text.partition(" ")[0].lower() == "check":
        if len(text) <= MAX_CHECK_CHARS:
            return None
        return (
            f"`/code check` is limited to {MAX_CHECK_CHARS:,} characters (yours has {len(text):,}), about "
            f"{MAX_CHECK_CODES} codes. Split the claim and check each part."
        )
    return too_long(text) if len(text) > MAX_QUERY_CHARS else None


def parse_code_command(text: str) -> CodeCommand | UsageError:
    text = " ".join(text.split())
    if not text:
        return Help()
    refusal = length_refusal(text)
    if refusal:
        return UsageError(refusal)
    if text.partition(" ")[0].lower() == "check":
        return _parse_check(text.partition(" ")[2])
    first, _, rest = text.partition(" ")
    verb = first.lower()
    if verb not in SUBCOMMANDS:
        return Lookup(text)
    if verb == "help":
        return Help()
    if verb == "lookup":
        return Lookup(rest) if rest else UsageError(LOOKUP_USAGE)
    if verb in ("fav", "favs", "favourites", "favorites"):
        words = rest.split()
        if not words:
            return Favourites()
        if len(words) == 2 and words[0].lower() in ("remove", "unpin") and _CODE.match(words[1]):
            return Favourites(remove=words[1].upper())
        return UsageError(FAV_USAGE)
    words = rest.split()
    if len(words) != 1 or not _CODE.match(words[0]):
        return UsageError(SHOW_USAGE)
    return Show(words[0].upper())


def _parse_check(rest: str) -> Check | UsageError:
    codes: list[str] = []
    options: dict[str, str] = {}
    for word in rest.split():
        option = _OPTION.match(word)
        if option and option.group(1).lower() in ("dx", "px"):
            context = option.group(1).lower()
            for code in (c for c in option.group(2).split(",") if c):
                if not _CLAIM_CODE.match(code):
                    return UsageError(f"`{code}` does not look like a code. {CHECK_USAGE}")
                codes.append(f"{context}:{code.upper()}")
            continue
        if option:
            key, value = option.group(1).lower(), option.group(2)
            if key not in ("dos", "age", "sex", "setting"):
                return UsageError(f"Unknown option `{key}:`. {CHECK_USAGE}")
            options[key] = value
            continue
        for code in (c for c in word.split(",") if c):
            if not _CLAIM_CODE.match(code):
                return UsageError(f"`{code}` does not look like a code. {CHECK_USAGE}")
            codes.append(code.upper())
    if not codes:
        return UsageError(f"Give at least one code. {CHECK_USAGE}")
    if len(codes) > MAX_CHECK_CODES:
        return UsageError(f"Check at most {MAX_CHECK_CODES} codes at a time; this claim has {len(codes)}.")

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
