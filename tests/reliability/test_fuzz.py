"""Fuzzing with hypothesis: arbitrary unicode from 0 to 50,000 characters, weighted towards Slack's control
characters (`<!channel>`, `<@U..>`, `<#C..>`, `<http..|..>`, `&`, bare `@here`), into every slash-command
parser, the mrkdwn escaper, every Block Kit renderer and the relay's entry points (what the modal submission
handlers call). Nothing may raise an unhandled exception, every rendered message must pass slack_sdk.models
validation and Block Kit's limits, and user text must never turn into a mention, a channel ping or a link.
"""

from __future__ import annotations

import contextlib
import inspect
import itertools
import json
import re
import sys
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import ModuleType
from typing import Any, get_args

import pytest
from hypothesis import HealthCheck, example, given, reject, settings
from hypothesis import strategies as st

import bot.commands.code as code
from bot.commands.code import CodeHandlers
from bot.commands.code_parse import MAX_CHECK_CHARS, Check, CodeCommand, UsageError, parse_code_command
from bot.open_items import OpenItem
from bot.relay import messages
from bot.relay.query_rules import QueryDraft, with_required_options
from bot.relay.service import ClarificationService, RelayError
from bot.render.code_blocks import (
    DetailView,
    check_reply,
    detail_reply,
    help_reply,
    lookup_reply,
    message_reply,
)
from bot.render.home_blocks import home_view
from bot.render.mrkdwn import ZWJ, escape, truncate
from bot.services import Services
from bot.settings import Settings, SettingsError
from storage import outbox
from storage.clarifications import Answer, QueryFormat, ReplySide
from storage.usage import RecentLookup
from tests.fake_codes import FakeCoverage, FakeHit
from tests.relay.conftest import ADMIN, CODER, CODER2, LEAD, NORTH_STAFF, SOUTH_STAFF, STRANGER, World
from tests.reliability.blockkit import BARE_BROADCAST, leaks, message_problems, shown_texts, view_problems

LONGEST = 50_000
DEFAULT_RECURSION_LIMIT = 1000
SPECIAL = st.sampled_from(
    [
        "<!channel>",
        "<!here>",
        "<!everyone>",
        "<!subteam^S0123>",
        "<@U0123ABC>",
        "<#C0123|general>",
        "<https://evil.example|your bank>",
        "<mailto:a@example.com>",
        "@channel",
        "@here",
        "@everyone",
        "&",
        "&amp;",
        "&lt;",
        "<",
        ">",
        "*",
        "_",
        "~",
        "`",
        "```",
        "\n",
        "\r\n",
        "\t",
        " ",
        ZWJ,
        "\u202e",
        "\x00",
        "😀",
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",
        "ﷺ",
        "e\u0301",
        "' OR 1=1 --",
    ]
)


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


USER_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(SPECIAL, st.text(max_size=12)), max_size=60).map("".join),
    st.builds(
        _repeat,
        st.one_of(SPECIAL, st.text(min_size=1, max_size=12)),
        st.sampled_from([3_001, 4_001, 40_001, LONGEST]) | st.integers(0, LONGEST),  # the limits, and beyond
    ),
)
# What can reach the relay from Slack: modal inputs are capped at 3,000 characters by the app's own views,
# slash-command text at 4,000 by Slack, and thread replies over 3,000 are refused before the PHI guard runs.
SLACK_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(SPECIAL, st.text(max_size=12)), max_size=60).map("".join),
    st.builds(_repeat, st.one_of(SPECIAL, st.text(min_size=1, max_size=12)), st.integers(0, 4_000)),
)
# Derandomized: every run tries the same examples (a CI run is reproducible; a new failure is a new bug).
FUZZ = settings(
    max_examples=80,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


# ---- parsers ---------------------------------------------------------------------------------------------

PARSER_MODULES = ("bot.commands.code_parse", "bot.commands.clarify_parse", "bot.commands.admin_parse")


def parsers(module: ModuleType, first_argument: str) -> list[Callable[..., object]]:
    """The module's own `parse*` functions whose one required argument is annotated `first_argument`."""
    found: list[Callable[..., object]] = []
    for name, fn in inspect.getmembers(module, inspect.isfunction):
        if not name.startswith("parse") or fn.__module__ != module.__name__:
            continue
        params = list(inspect.signature(fn).parameters.values())
        required = [p for p in params if p.default is inspect.Parameter.empty]
        if len(required) == 1 and params[0] is required[0] and params[0].annotation in (first_argument,):
            found.append(fn)
    return found


def zoneinfo_bug(error: BaseException) -> bool:
    """The known bug of test_a_time_zone_that_is_not_one_is_refused_cleanly: its inputs are left to it."""
    frames = traceback.extract_tb(error.__traceback__)
    return isinstance(error, OSError | RecursionError) and any("zoneinfo" in f.filename for f in frames)


def call_refusing_only_as_documented(parse: Callable[..., object], argument: object) -> None:
    """A parser returns a command or a usage message; an exception class of its own module (a documented
    refusal the handler turns into a message) is allowed, nothing else.

    Runs under Python's default recursion limit, as the server does: hypothesis raises the limit, and then
    the time-zone bug's unbounded recursion overflows the C stack (a segfault) instead of raising."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(min(limit, DEFAULT_RECURSION_LIMIT))
    try:
        parse(argument)
    except Exception as e:
        if zoneinfo_bug(e):
            reject()
        if type(e).__module__ != parse.__module__:
            raise
    finally:
        sys.setrecursionlimit(limit)


@pytest.mark.parametrize("module_name", PARSER_MODULES)
@FUZZ
@given(text=USER_TEXT)
def test_every_text_parser_answers_any_text(module_name: str, text: str) -> None:
    module = pytest.importorskip(module_name)
    found = parsers(module, "str")
    assert found, f"{module_name} has no parse function taking text"
    for parse in found:
        call_refusing_only_as_documented(parse, text)


@pytest.mark.parametrize("tz", ["America", "x" * 300, "a/" * 450 + "b"], ids=["region", "too-long", "deep"])
def test_a_time_zone_that_is_not_one_is_refused_cleanly(
    tz: str, service: ClarificationService, world: World
) -> None:
    admin_parse = pytest.importorskip("bot.commands.admin_parse")
    refusals = 0
    if isinstance(
        admin_parse.parse_admin_command(f"office add North Two <#C0NEW|north> tz:{tz}"),
        admin_parse.UsageError,
    ):
        refusals += 1
    with contextlib.suppress(RelayError):
        service.add_office(ADMIN, name="North Two", channel_id="C0NEW", tz=tz)
    refusals += service.list_offices() == [world.north, world.south]
    with contextlib.suppress(SettingsError):
        Settings.from_env({"CODEDESK_TEAM_TZ": tz}, mode="cli")
        refusals -= 1
    assert refusals == 2


SLACK_ID = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-:.", max_size=20)


class FuzzedState(Mapping[str, Mapping[str, Mapping[str, Any]]]):
    """Modal `state.values` where every block the parser asks for holds fuzzed input: whatever a user can
    type (text inputs) is arbitrary; what Slack fills in from the app's own view (option values, ids, a
    datetimepicker's Unix time) has the shape Slack gives it."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data

    def __getitem__(self, block_id: str) -> Mapping[str, Mapping[str, Any]]:
        option = st.fixed_dictionaries(
            {"value": SLACK_ID, "text": st.fixed_dictionaries({"text": USER_TEXT})}
        )
        element = st.fixed_dictionaries(
            {},
            optional={
                "type": st.sampled_from(
                    ["plain_text_input", "static_select", "checkboxes", "datetimepicker"]
                ),
                "value": st.none() | USER_TEXT,
                "selected_option": st.none() | option,
                "selected_options": st.lists(option, max_size=3),
                "selected_date_time": st.none() | st.integers(0, 2**32),
                "selected_conversation": st.none() | SLACK_ID,
                "selected_user": st.none() | SLACK_ID,
            },
        )
        return self.data.draw(st.dictionaries(st.text(max_size=10), element, max_size=2), label=block_id)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


@pytest.mark.parametrize("module_name", PARSER_MODULES)
@FUZZ
@given(data=st.data())
def test_every_modal_submission_parser_answers_any_input(module_name: str, data: st.DataObject) -> None:
    module = pytest.importorskip(module_name)
    found = parsers(module, "StateValues")
    if not found:
        pytest.skip(f"{module_name} parses no modal submissions")
    for parse in found:
        call_refusing_only_as_documented(parse, FuzzedState(data))


@FUZZ
@given(text=USER_TEXT)
def test_code_parser_results_are_bounded(text: str) -> None:
    result = parse_code_command(text)
    assert isinstance(result, (*get_args(CodeCommand), UsageError))
    if not isinstance(result, UsageError):
        limit = MAX_CHECK_CHARS if isinstance(result, Check) else 200
        assert len(" ".join(text.split())) <= limit


# ---- the escaper -----------------------------------------------------------------------------------------


@FUZZ
@given(text=USER_TEXT, limit=st.integers(1, 3000))
def test_escaped_text_is_inert_and_truncation_keeps_it_so(text: str, limit: int) -> None:
    escaped = escape(text)
    assert "<" not in escaped and ">" not in escaped
    assert not re.search(r"&(?!amp;|lt;|gt;)", escaped)
    assert not BARE_BROADCAST.search(escaped)
    cut = truncate(escaped, limit)
    assert len(cut) <= limit
    assert not re.search(r"&(?!amp;|lt;|gt;)", cut)  # no entity cut in half
    assert "<" not in cut and not BARE_BROADCAST.search(cut)


# ---- /code replies, from the command text to the Block Kit -----------------------------------------------

# The help text's own placeholders (`/code <words or code>`): written by the app, not typed by a user.
HELP_PLACEHOLDERS = sorted(set(re.findall(r"<[^<>]*>", "\n".join(shown_texts(help_reply())))))


def echoing_find_codes(
    book: object, query: str, systems: Sequence[str] = (), limit: int = 10
) -> list[FakeHit]:
    """Every query finds `limit` hits whose titles quote it: user text reaches every part of the reply."""
    return [
        FakeHit(
            f"Z{n:02d}.0",
            "ICD-10-CM",
            f"{query} {n}",
            n % 2 == 0,
            "billable" if n % 2 == 0 else "header",
            query,
        )
        for n in range(limit)
    ]


def button_overflow(text: str) -> bool:
    """The known bug of test_any_accepted_query_fits_in_the_reply_buttons: its inputs are left to that test."""
    query = " ".join(text.split())
    compact = {"separators": (",", ":")}
    return len(json.dumps({"t": text, "o": 100}, **compact)) > 2000 or (  # type: ignore[arg-type]
        len(json.dumps({"q": query, "o": 100}, **compact)) > 2000  # type: ignore[arg-type]
    )


@pytest.fixture
def code_handlers(services: Services, fake_lookups: None, monkeypatch: pytest.MonkeyPatch) -> CodeHandlers:
    monkeypatch.setattr(code, "find_codes", echoing_find_codes)
    return CodeHandlers(services)


@FUZZ
@given(text=USER_TEXT, offset=st.integers(0, 200))
@example(text="<!channel> @here <@U1> <#C1> <https://x|y>", offset=0)
@example(text="check E10.9 E11.9 dos:2025-03-01 <!here>", offset=0)
@example(text="show I21", offset=0)
def test_code_replies_for_any_text_are_valid_and_inert(
    code_handlers: CodeHandlers, text: str, offset: int
) -> None:
    if button_overflow(text):
        reject()
    reply = code_handlers.reply_for(
        parse_code_command(text), user_id="W111", command_text=text, offset=offset
    )
    assert message_problems(reply) == []
    assert leaks(shown_texts(reply), HELP_PLACEHOLDERS) == []
    shared = code_handlers.reply_for(
        parse_code_command(text), user_id="W111", command_text=text, shared_by="W111"
    )
    assert message_problems(shared) == []
    assert leaks(shown_texts(shared), ["<@W111>", *HELP_PLACEHOLDERS]) == []


@pytest.mark.parametrize(
    "text", ["heart attack " + "😀" * 180, "heart" + " " * 2500 + "attack"], ids=["emoji", "whitespace"]
)
def test_any_accepted_query_fits_in_the_reply_buttons(code_handlers: CodeHandlers, text: str) -> None:
    command = parse_code_command(text)
    assert not isinstance(command, UsageError)
    reply = code_handlers.reply_for(command, user_id="W111", command_text=text)
    assert message_problems(reply) == []


# ---- renderers with arbitrary official and user text ------------------------------------------------------

SHORT_TEXT = st.one_of(st.text(max_size=40), st.lists(SPECIAL, max_size=5).map("".join))


@st.composite
def hits(draw: st.DrawFn) -> list[FakeHit]:
    status = st.sampled_from(["billable", "header", "deleted", "table", "modifier", "other"])
    return draw(
        st.lists(
            st.builds(FakeHit, SHORT_TEXT, SHORT_TEXT, USER_TEXT, st.booleans(), status, USER_TEXT),
            max_size=12,
        )
    )


@FUZZ
@given(
    query=st.text(max_size=200),
    found=hits(),
    offset=st.integers(0, 100),
    has_more=st.booleans(),
    shared=st.booleans(),
)
def test_lookup_reply(query: str, found: list[FakeHit], offset: int, has_more: bool, shared: bool) -> None:
    if button_overflow(query):
        reject()
    reply = lookup_reply(
        query,
        found,
        offset=offset,
        has_more=has_more,
        coverage=FakeCoverage(),
        shared_by="W111" if shared else None,
        command_text=query,
    )
    assert message_problems(reply) == []
    assert leaks(shown_texts(reply), ["<@W111>"]) == []


@FUZZ
@given(
    view=st.builds(
        DetailView,
        code=SHORT_TEXT,
        system=SHORT_TEXT,
        title=USER_TEXT,
        billable=st.booleans(),
        status=st.sampled_from(["billable", "header", "deleted", "other"]),
        children=st.lists(st.tuples(SHORT_TEXT, USER_TEXT, st.booleans()), max_size=120),
        notes=st.dictionaries(SHORT_TEXT, st.lists(USER_TEXT, max_size=8), max_size=6),
        seventh=st.lists(st.tuples(SHORT_TEXT, USER_TEXT), max_size=20),
        history=st.lists(USER_TEXT, max_size=5),
    ),
    shared=st.booleans(),
)
def test_detail_reply(view: DetailView, shared: bool) -> None:
    if button_overflow(f"show {view.code}"):
        reject()
    reply = detail_reply(view, coverage=FakeCoverage(), shared_by="W111" if shared else None)
    assert message_problems(reply) == []
    assert leaks(shown_texts(reply), ["<@W111>"]) == []


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    codes: Sequence[str]
    message: str
    fix: str | None
    source: str
    system: str | None


@dataclass(frozen=True)
class CheckResult:
    verdict: str
    findings: Sequence[Finding]
    coverage: FakeCoverage
    note: str

    def rejection_note(self) -> str:
        return self.note


CODES = st.lists(st.from_regex(r"[A-Z][0-9]{2}\.[0-9A-Z]{1,4}", fullmatch=True), min_size=1, max_size=100)


@FUZZ
@given(
    codes=CODES,
    findings=st.lists(
        st.builds(
            Finding,
            SHORT_TEXT,
            st.sampled_from(["error", "warning", "info"]),
            st.lists(SHORT_TEXT, max_size=4),
            USER_TEXT,
            st.none() | USER_TEXT,
            USER_TEXT,
            st.none() | SHORT_TEXT,
        ),
        max_size=40,
    ),
    note=USER_TEXT,
    shared=st.booleans(),
)
def test_check_reply(codes: list[str], findings: list[Finding], note: str, shared: bool) -> None:
    verdict = "fail" if any(f.severity == "error" for f in findings) else "pass"
    result = CheckResult(verdict, findings, FakeCoverage(), note)
    reply = check_reply(codes, date(2025, 3, 1), result, shared_by="W111" if shared else None)
    assert message_problems(reply) == []
    assert leaks(shown_texts(reply), ["<@W111>"]) == []


@FUZZ
@given(text=USER_TEXT)
def test_message_and_help_replies(text: str) -> None:
    if not text.strip():
        reject()  # notices are the app's own sentences, never empty
    for reply in (message_reply(text), help_reply()):
        assert message_problems(reply) == []
        assert leaks(shown_texts(reply), HELP_PLACEHOLDERS) == []


@FUZZ
@given(
    recent=st.lists(st.builds(RecentLookup, USER_TEXT, st.just(date(2025, 3, 1))), max_size=8),
    items=st.lists(st.builds(OpenItem, USER_TEXT, USER_TEXT), max_size=30),
)
def test_home_view(recent: list[RecentLookup], items: list[OpenItem]) -> None:
    view = home_view(recent, items)
    assert view_problems(view) == []
    assert leaks(shown_texts(view)) == []


# ---- the relay's entry points: what the modal submission handlers call ---------------------------------

ACTORS = (ADMIN, LEAD, CODER, CODER2, NORTH_STAFF, SOUTH_STAFF, STRANGER)
OWN_TOKENS: list[str | re.Pattern[str]] = [
    *(f"<@{a.user_id}>" for a in ACTORS),
    re.compile(r"<!date\^\d+\^\{date_short_pretty\} at \{time\}\|\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC>"),
]
_keys = itertools.count()


def outbox_texts(service: ClarificationService, world: World) -> list[str]:
    db = service._db_factory()  # the test's own connection to the same file
    try:
        rows = outbox.pending(db, limit=100_000)
    finally:
        db.close()
    return [str(row.payload.get("text", "")) for row in rows]


@FUZZ
@given(
    encounter_ref=SLACK_TEXT,
    codes=st.lists(SLACK_TEXT, max_size=3),
    question=SLACK_TEXT,
    indicators=SLACK_TEXT,
    options=st.lists(SLACK_TEXT, max_size=4),
    fmt=st.sampled_from(list(QueryFormat)),
    reply=SLACK_TEXT,
    reason=SLACK_TEXT,
)
def test_relay_entry_points_refuse_cleanly_and_post_inert_text(
    service: ClarificationService,
    world: World,
    encounter_ref: str,
    codes: list[str],
    question: str,
    indicators: str,
    options: list[str],
    fmt: QueryFormat,
    reply: str,
    reason: str,
) -> None:
    """Only the relay's own refusals (RelayError: validation, PHI, authorization) may come back; whatever is
    stored and queued for Slack is inert."""
    key = str(next(_keys))
    clean = dict(encounter_ref=f"ENC-{key}", question="Which anemia?", indicators="Hgb 7.1 g/dL on day 2")
    drafts = [
        QueryDraft(
            world.north.id,
            encounter_ref,
            codes,
            question,
            fmt,
            options,
            indicators,
            documented_diagnosis=True,
        ),
        QueryDraft(
            world.north.id,
            clean["encounter_ref"],
            [],
            question,
            QueryFormat.MULTIPLE_CHOICE,
            with_required_options(["Option A", "Option B", *options]),
            clean["indicators"],
        ),
        QueryDraft(
            world.north.id,
            clean["encounter_ref"],
            [],
            clean["question"],
            QueryFormat.OPEN_ENDED,
            [],
            indicators,
        ),
    ]
    asked = []
    for n, draft in enumerate(drafts):
        with contextlib.suppress(RelayError):
            asked.append(service.ask(draft, CODER, asker_channel="UCODER", idempotency_key=f"{key}-{n}"))
    for c in asked:
        calls: list[tuple[Callable[..., object], tuple[object, ...]]] = [
            (service.add_reply, (c.id, ReplySide.ASKER, CODER, reply, f"Ev{key}-{c.id}")),
            (service.request_more_info, (c.id, NORTH_STAFF, reply, f"{key}-{c.id}")),
            (service.answer, (c.id, NORTH_STAFF, Answer(choice=reply[:80] or None, text=reply), key)),
            (service.answer, (c.id, NORTH_STAFF, Answer(choice="Option A", text=reply), f"{key}-b")),
            (service.close_unanswered, (c.id, CODER, reason)),
            (service.reopen, (c.id, LEAD, reason)),
        ]
        for call, args in calls:
            with contextlib.suppress(RelayError):
                call(*args)
    texts = outbox_texts(service, world)
    assert all(len(text) <= 40_000 for text in texts)
    assert leaks(texts, OWN_TOKENS, bare_broadcasts=False) == []


def test_relay_messages_defuse_bare_broadcasts(service: ClarificationService, world: World) -> None:
    draft = QueryDraft(
        world.north.id,
        "ENC-77",
        [],
        "@channel which anemia?",
        QueryFormat.OPEN_ENDED,
        [],
        "Hgb 7.1 g/dL on day 2",
    )
    service.ask(draft, CODER, asker_channel="UCODER", idempotency_key="k")
    assert leaks(outbox_texts(service, world), OWN_TOKENS) == []


def test_own_tokens_cover_what_the_templates_add(service: ClarificationService, world: World) -> None:
    """The allow-list above is what the relay's templates write, nothing more: a clean lifecycle leaks nothing."""
    draft = QueryDraft(
        world.north.id, "ENC-1", [], "Which type?", QueryFormat.OPEN_ENDED, [], "Hgb 7.1 g/dL on day 2"
    )
    c = service.ask(draft, CODER, asker_channel="UCODER", idempotency_key="k")
    service.add_reply(c.id, ReplySide.OFFICE, NORTH_STAFF, "Looking", "Ev1")
    service.answer(c.id, NORTH_STAFF, Answer(text="Iron deficiency"), "a")
    service.reopen(c.id, LEAD, "Wrong encounter")
    service.close_unanswered(c.id, CODER, "Withdrawn")
    texts = outbox_texts(service, world)
    assert any("<@UCODER>" in t for t in texts) and any("<!date^" in t for t in texts)
    assert leaks(texts, OWN_TOKENS) == []
    assert messages.mention("<!channel>") == "&lt;!channel&gt;"  # a malformed user id is shown, not mentioned
