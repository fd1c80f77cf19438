"""Claim edits: `check_claim(book, codes, dos, ...)` runs the checks a reviewer runs, by date of service.

One module per rule family; each rule registers itself once (`registry.rule`) with its id, severity and
source, and `check_claim` walks the registry. Codes are read in one system each, decided once
(`claim.resolve`); CM and PCS validity comes from the CMS MCE spans, HCPCS validity from its file's dates.
Tabular notes and 7th-character definitions are parsed once per code book (`tables`), so one check costs a few
indexed queries, plus a few more only when a finding needs a list of codes to suggest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from bot.lookups.codebook import CodeBook
from bot.lookups.edits import (  # noqa: F401  (each module registers its rules)
    combination,
    coverage,
    demographics,
    duplicates,
    excludes,
    ncci,
    outpatient,
    reminders,
    sequencing,
    specificity,
    systems_rule,
    validity,
)
from bot.lookups.edits.claim import MAX_CODES, Entry, read_tokens, resolve
from bot.lookups.edits.model import CheckResult, CodeRead, Finding, Severity, Verdict
from bot.lookups.edits.refs import Ref, parse_refs
from bot.lookups.edits.registry import REGISTRY, Hit, Scope, rules_table
from bot.lookups.edits.tables import tables
from bot.lookups.errors import QueryError

__all__ = [
    "DOS_FORMAT",
    "MAX_CODES",
    "RULES",
    "SETTINGS",
    "CheckResult",
    "Finding",
    "Ref",
    "Severity",
    "Verdict",
    "check_claim",
    "parse_dos",
    "parse_refs",
    "rules_table",
    "tables",
]

RULES = tuple(REGISTRY)
SETTINGS = ("outpatient", "inpatient")
SEXES = {"f": "F", "female": "F", "m": "M", "male": "M"}
DOS_FORMAT = "--dos must be a date as YYYY-MM-DD, e.g. 2026-03-15"


def parse_dos(text: str) -> date:
    """A date of service typed as YYYY-MM-DD; QueryError with the expected form otherwise."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})\s*", text or "")
    if not match:
        raise QueryError(DOS_FORMAT)
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise QueryError(DOS_FORMAT) from None


def check_claim(
    book: CodeBook,
    codes: Sequence[str],
    dos: date,
    age: int | None = None,
    sex: str | None = None,
    setting: str = "outpatient",
) -> CheckResult:
    """Run every edit on a claim's codes (claim order: the first diagnosis is the principal/first-listed).

    Codes may carry their context (`dx:E119`, `px:G0439`) and procedure modifiers (`J1234-59`)."""
    tokens = read_tokens(codes)
    day = _check_dos(dos)
    checked = (_check_age(age), _check_sex(sex), _check_setting(setting))
    claim = resolve(book, tables(book), tokens, day)
    claim.age, claim.sex, claim.setting = checked
    findings: list[Finding] = []
    for spec in REGISTRY.values():
        if spec.scope == Scope.CODE:
            hits = [h for e in claim.unique for h in spec.func(claim, e)]
        else:
            hits = list(spec.func(claim))
        findings += [_finding(spec.id, spec.severity, spec.source, h) for h in hits]
    order = {e.display: e.position for e in reversed(claim.entries)}
    findings.sort(key=lambda f: (f.severity.rank, min(order.get(c, 0) for c in f.codes)))
    verdict = Verdict.FAIL if any(f.severity == Severity.ERROR for f in findings) else Verdict.PASS
    return CheckResult(
        verdict,
        findings,
        book.coverage(),
        day,
        [e.display for e in claim.entries],
        claim.age,
        claim.sex,
        claim.setting,
        [_read(e) for e in claim.entries],
    )


def _finding(rule_id: str, severity: Severity, source: str, hit: Hit) -> Finding:
    codes = list(dict.fromkeys(e.display for e in hit.entries))
    systems = list(dict.fromkeys(e.system_name for e in hit.entries if e.system_name))
    return Finding(
        rule=rule_id,
        severity=hit.severity or severity,
        codes=codes,
        message=hit.message,
        fix=hit.fix,
        source=hit.source or source,
        system=" / ".join(systems) if systems else None,
        reason=hit.reason,
    )


def _read(e: Entry) -> CodeRead:
    return CodeRead(e.display, e.system_name, e.title, e.token.written, e.decided_by, e.modifiers)


def _check_age(age: int | str | None) -> int | None:
    if age is None:
        return None
    if isinstance(age, str) and age.strip().isdigit():
        age = int(age)
    if isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= 124:
        raise QueryError(f"--age must be a whole number of years from 0 to 124; got {age!r}.")
    return age


def _check_sex(sex: str | None) -> str | None:
    if sex is None or (isinstance(sex, str) and not sex.strip()):
        return None
    key = sex.strip().lower() if isinstance(sex, str) else ""
    if key not in SEXES:
        raise QueryError(f"--sex must be F or M; got {sex!r}.")
    return SEXES[key]


def _check_setting(setting: str | None) -> str:
    key = (setting or "outpatient").strip().lower() if isinstance(setting, str) or setting is None else ""
    if key not in SETTINGS:
        raise QueryError(f"--setting must be outpatient or inpatient; got {setting!r}.")
    return key


def _check_dos(dos: date) -> date:
    if isinstance(dos, datetime):
        return dos.date()
    if not isinstance(dos, date):
        raise QueryError(DOS_FORMAT)
    return dos
