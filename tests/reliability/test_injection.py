"""SQL injection: metacharacters in every stored field are stored and read back verbatim, and no SQL in bot/ or
storage/ is built by string formatting from anything but a short, reviewed list of fixed identifiers.
"""

from __future__ import annotations

import ast
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.relay.query_rules import QueryDraft, with_required_options
from bot.relay.service import ClarificationService, ValidationFailed
from storage import audit
from storage.backend import storable_text as kept
from storage.clarifications import Answer, QueryFormat, ReplySide
from storage.db import connect
from storage.usage import UsageRecorder
from tests.relay.conftest import ADMIN, CODER, LEAD, NORTH_STAFF, World

ROOT = Path(__file__).resolve().parents[2]

# Quotes, comment starters, statement separators, LIKE wildcards, parameter markers, escapes, a NUL byte.
META = "Robert'); DROP TABLE clarifications;-- \"x\" \\ % _ /* */ ` ?1 :name @p $1 NULL \x00 '' OR 1=1"
# Encounter references are restricted to letters, digits and - _ . / # : (never a name): those metacharacters.
META_REF = "ENC-7 --#1:x/y.z_"


@dataclass
class Raw:
    path: Path

    def one(self, sql: str, *params: object) -> object:
        with sqlite3.connect(self.path) as conn:
            return conn.execute(sql, params).fetchone()[0]


@pytest.fixture
def raw(relay_db_path: Path) -> Raw:
    return Raw(relay_db_path)


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {str(name) for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_metacharacters_in_every_field_are_stored_verbatim(
    service: ClarificationService, world: World, raw: Raw, relay_db_path: Path
) -> None:
    # SQLite only (it reads the file); PostgreSQL's own: tests/reliability/test_postgres.py. Verbatim but for the
    # NUL, kept as U+FFFD on both backends (storage.backend.storable_text): `kept`.
    before = tables(relay_db_path)
    office = service.add_office(ADMIN, name=META[:80].strip(), channel_id="C0META", tz="America/Chicago")
    assert office.name == kept(META[:80].strip())
    assert raw.one("SELECT name FROM offices WHERE id = ?", office.id) == office.name

    options = [META[:75], META[1:76]]
    draft = QueryDraft(
        office.id,
        META_REF,
        ["E11.9"],
        META,
        QueryFormat.MULTIPLE_CHOICE,
        with_required_options(options),
        "Indicators: " + META,
    )
    c = service.ask(draft, CODER, asker_channel="UCODER", idempotency_key=META)
    stored = service.get(c.id)
    assert (stored.encounter_ref, stored.question, stored.indicators) == (
        META_REF,
        kept(META),
        kept("Indicators: " + META),
    )
    assert list(stored.options[:2]) == [kept(o.strip()) for o in options]
    assert raw.one("SELECT question FROM clarifications WHERE id = ?", c.id) == kept(META)
    assert service.ask(draft, CODER, asker_channel="UCODER", idempotency_key=META).id == c.id  # key matched

    service.add_office_member(ADMIN, office.id, NORTH_STAFF.user_id, NORTH_STAFF.team_id)
    reply = service.add_reply(c.id, ReplySide.ASKER, CODER, META, "Ev" + META)
    assert reply is not None and reply.text == kept(META.strip())
    info = service.request_more_info(c.id, NORTH_STAFF, META, META)
    assert info.text == kept(META.strip())
    answered = service.answer(c.id, NORTH_STAFF, Answer(choice=options[0], text=META), META)
    assert answered.answer == Answer(
        choice=kept(options[0].strip()), text=META.strip()
    )  # JSON keeps it escaped
    reopened = service.reopen(c.id, LEAD, META)
    assert service.history(c.id)[-1].detail["reason"] == META.strip() and reopened.state.value == "open"
    closed = service.close_unanswered(c.id, CODER, META)
    assert closed.close_reason == kept(META.strip())
    assert [r.text for r in service.replies(c.id)] == [kept(META.strip())] * 2

    usage = UsageRecorder(lambda: connect(relay_db_path), lambda: datetime(2026, 11, 2, tzinfo=UTC))
    usage.record("W" + META, "lookup", META)
    assert [r.query for r in usage.recent("W" + META)] == [kept(META)]

    assert before <= tables(relay_db_path)  # nothing dropped
    assert raw.one("PRAGMA integrity_check") == "ok"


def test_a_reference_with_quotes_is_refused_by_validation_not_by_sql(
    service: ClarificationService, world: World
) -> None:
    draft = QueryDraft(
        world.north.id,
        "ENC-1'; DROP TABLE offices;--",
        [],
        "Which?",
        QueryFormat.OPEN_ENDED,
        [],
        "Hgb 7.1 on day 2",
    )
    with pytest.raises(ValidationFailed) as caught:
        service.ask(draft, CODER, asker_channel="UCODER", idempotency_key="q")
    assert set(caught.value.errors) == {"encounter_ref"}
    assert [o.name for o in service.list_offices()] == ["North Clinic", "South Surgery"]


def test_audit_details_keep_metacharacters_as_data(service: ClarificationService, world: World) -> None:
    service.add_office(LEAD, name='O\'Brien "Clinic"; --', channel_id="C0OBRIEN", tz="America/Chicago")
    db = service._db_factory()
    try:
        [entry] = audit.recent(db, action="office_added", limit=1)
    finally:
        db.close()
    assert entry.detail["name"] == 'O\'Brien "Clinic"; --'


# ---- no SQL built from user values -------------------------------------------------------------------------

SQL_METHODS = frozenset({"execute", "executemany", "executescript", "query"})

# What may be interpolated into SQL text in bot/ and storage/, and why it is safe: (file, the local name or
# expression as written). Module constants (column lists, a constant SELECT) are followed to their literal
# value and need no entry; a local variable is followed when it is assigned SQL text (an f-string, a
# concatenation), and named here when it is computed. Values always travel as ? parameters.
ALLOWED: dict[tuple[str, str], str] = {
    ("storage/clarifications.py", "assignments"): "'col = ?, ' for the columns of _TRANSITION_COLUMNS only",
    ("storage/clarifications.py", "column"): "checked against _TS_COLUMNS just before",
    ("storage/clarifications.py", "' AND '.join(where)"): "fragments appended above: literals and ? lists",
    ("storage/offices.py", "assignments"): "'col = ?' for the columns of _EDITABLE only",
    ("storage/relay_tables.py", "statement"): "the migration's constant DDL (_TABLES)",
    (
        "storage/backend.py",
        "sql",
    ): "the pass-through of the Database interface: its callers' SQL, scanned here",
    ("storage/backend.py", "cast(Any, query)"): "PgDatabase.execute: the caller's SQL with ? turned into %s",
    ("storage/backend.py", "cast(Any, pg_sql(sql))"): "execute_many: the caller's SQL with ? turned into %s",
    ("storage/backend.py", "probe"): "/healthz: schema.HEALTH_PROBE, a constant",
    ("storage/db.py", "max(wait_ms, 1)"): "an int (milliseconds left before the deadline) in SET LOCAL",
    ("storage/schema.py", "SCHEMA_VERSION_TABLE"): "constant DDL from storage.pg_schema",
    ("storage/schema.py", "statement"): "the migration's constant PostgreSQL DDL (storage.pg_schema.STEPS)",
    ("bot/lookups/edits/claim.py", "marks"): "'?, ?, ...' placeholders",
    ("bot/lookups/edits/claim.py", "', '.join(('?' for _ in systems))"): "'?, ?, ...' placeholders",
    ("bot/lookups/edits/claim.py", "', '.join(('?' for _ in SYSTEMS))"): "'?, ?, ...' placeholders",
    ("bot/lookups/index/eponyms.py", "', '.join(('?' for _ in HEADS))"): "'?, ?, ...' placeholders",
    ("bot/lookups/edits/ncci.py", "marks"): "'?, ?, ...' placeholders",
    ("bot/lookups/edits/tables.py", "marks"): "'?, ?, ...' placeholders",
    ("storage/relay_tables.py", "int(version) + 1"): "PRAGMA schema_version, an int SQLite itself returned",
    ("storage/exports.py", "' AND '.join(where)"): "fragments appended above: literals and ? placeholders",
    ("bot/lookups/schema.py", "table"): "table names written in bot/lookups/shipped.py",
    ("bot/lookups/schema.py", "SCHEMA"): "constant DDL: the code tables, then the title search table",
    ("bot/lookups/schema.py", "', '.join(columns)"): "column names of the shipped data files",
    ("bot/lookups/schema.py", "', '.join(('?' for _ in columns))"): "'?, ?, ...' placeholders",
    ("bot/lookups/search.py", "systems"): "quoted names from the fixed SYSTEMS tuple",
    ("storage/reports.py", "sql"): "callers in storage/reports.py pass literal SQL",
    ("storage/instants.py", "table"): "table names from the literal TIME_COLUMNS",
    ("storage/instants.py", "column"): "column names from the literal TIME_COLUMNS",
    ("storage/instants.py", "create"): "its CREATE from sqlite_master, renamed, TEXT -> INTEGER",
    ("storage/instants.py", "targets"): "quoted column names read from PRAGMA table_info",
    ("storage/instants.py", "values"): "quoted column names read from PRAGMA table_info",
    ("storage/instants.py", "statement"): "the table's own index and trigger definitions from sqlite_master",
    ("bot/lookups/index/store.py", "statement"): "the constant DDL of INDEX_TABLE_INDEXES",
    ("bot/lookups/index/tree.py", "marks"): "'?, ?, ...' placeholders",
    ("bot/lookups/index/z_lines.py", "marks"): "'?,?,...' placeholders for a batch of Index node ids",
    ("bot/lookups/search.py", "', '.join('?' * len(titles))"): "'?, ?, ...' placeholders for sibling titles",
    (
        "bot/lookups/search.py",
        "', '.join(('?' for _ in codes))",
    ): "'?, ?, ...' placeholders for a category's codes",
    ("bot/lookups/index/services.py", "marks"): "'?, ?, ...' placeholders for the finding main terms",
    ("bot/lookups/shortest.py", "marks"): "'?, ?, ...' placeholders for rowids",
    ("storage/db.py", "busy_timeout_ms"): "an int (PRAGMA takes no ? parameters)",
    ("storage/db.py", "min(left_ms, BUSY_TIMEOUT_MS)"): "an int (PRAGMA takes no ? parameters)",
    ("storage/db.py", "probe"): "the constant health-check queries of bot/services.py",
    (
        "storage/db.py",
        "sql",
    ): "SqliteDatabase.execute: the caller's SQL passed through (its text parameters cleaned)",
    ("storage/outbox.py", "marks"): "ids_by_dedupe_key: '?, ?, ...', one placeholder per key",
    ("storage/outbox.py", "column"): "column definitions from a literal tuple (the migration's ALTER TABLEs)",
    ("bot/lookups/changes.py", "' AND '.join(clauses)"): "literal conditions with ? parameters, built above",
}
_TEXT = (ast.Constant, ast.JoinedStr, ast.BinOp, ast.IfExp)


def _assignments(scope: ast.AST, name: str) -> list[ast.expr]:
    return [
        node.value
        for node in ast.walk(scope)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
    ]


def interpolated(expr: ast.expr, scopes: list[ast.AST]) -> Iterator[str]:
    """The names/expressions `expr` puts into SQL text (nothing for constant text)."""
    if isinstance(expr, ast.Constant):
        return
    if isinstance(expr, ast.JoinedStr):
        for part in expr.values:
            if isinstance(part, ast.FormattedValue):
                if isinstance(part.value, ast.Name):
                    yield from interpolated(part.value, scopes)
                else:
                    yield ast.unparse(part.value)
    elif isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        yield from interpolated(expr.left, scopes)
        yield from interpolated(expr.right, scopes)
    elif isinstance(expr, ast.IfExp):
        yield from interpolated(expr.body, scopes)
        yield from interpolated(expr.orelse, scopes)
    elif isinstance(expr, ast.Name):
        local, module = scopes[:-1], scopes[-1]
        for scope in local:
            assigned = _assignments(scope, expr.id)
            if assigned:
                if all(isinstance(value, _TEXT) for value in assigned):
                    for value in assigned:
                        yield from interpolated(value, scopes)
                else:
                    yield expr.id  # computed: must be reviewed
                return
        constants = [v for v in _assignments(module, expr.id) if isinstance(v, ast.Constant)]
        if not constants:
            yield expr.id  # a parameter, a loop variable or a computed module value
    else:  # %-formatting, str.format(), a call, an attribute...
        yield ast.unparse(expr)


def dynamic_sql() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted([*(ROOT / "bot").rglob("*.py"), *(ROOT / "storage").rglob("*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in SQL_METHODS
                and node.args
            ):
                continue
            enclosing = [f for f in functions if f.lineno <= node.lineno <= (f.end_lineno or f.lineno)]
            scopes: list[ast.AST] = [*sorted(enclosing, key=lambda f: -f.lineno)[:1], tree]
            relative = path.relative_to(ROOT).as_posix()
            found += [(relative, node.lineno, part) for part in interpolated(node.args[0], scopes)]
    return found


def test_no_sql_is_built_from_anything_but_reviewed_identifiers() -> None:
    unreviewed = [
        f"{file}:{line}: {part}" for file, line, part in dynamic_sql() if (file, part) not in ALLOWED
    ]
    assert unreviewed == [], "SQL text built from values: use ? parameters (or review and add to ALLOWED)"


def test_the_reviewed_list_has_no_stale_entries() -> None:
    used = {(file, part) for file, _, part in dynamic_sql()}
    assert sorted(set(ALLOWED) - used) == []


def test_the_scanner_catches_formatting() -> None:
    module = ast.parse(
        "def f(db, user):\n"
        "    db.execute(f'SELECT * FROM t WHERE name = {user}')\n"
        "    db.execute('SELECT * FROM t WHERE name = %s' % user)\n"
        "    db.execute('SELECT * FROM t WHERE name = {}'.format(user))\n"
        "    sql = 'SELECT * FROM t WHERE name = ' + user\n"
        "    db.execute(sql)\n"
        "    db.execute('SELECT * FROM t WHERE name = ?', [user])\n"
    )
    calls = [
        n for n in ast.walk(module) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "execute"
    ]
    parts = [list(interpolated(call.args[0], [module.body[0], module])) for call in calls]
    assert parts == [
        ["user"],
        ["'SELECT * FROM t WHERE name = %s' % user"],
        ["'SELECT * FROM t WHERE name = {}'.format(user)"],
        ["user"],
        [],
    ]
