"""The one list of edits: each rule registers itself once with its id, severity, source and scope.

    @rule("excludes1", severity=Severity.ERROR, source="ICD-10-CM Tabular, Excludes1 notes")
    def excludes1(claim: Claim) -> Iterator[Hit]: ...

A code-scope rule is called once per distinct code (`rule(claim, entry)`), a claim-scope rule once per claim
(`rule(claim)`). A rule yields hits; `check_claim` turns them into findings carrying the rule's id and, unless the
hit says otherwise, its severity and source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.lookups.edits.claim import Entry
from bot.lookups.edits.model import Severity


class Scope(StrEnum):
    CODE = "code"
    CLAIM = "claim"


@dataclass(frozen=True)
class Hit:
    entries: Sequence[Entry]  # the codes the finding is about, in the order to show them
    message: str
    fix: str
    reason: str  # one line for the rejection note
    severity: Severity | None = None  # when the rule's default does not hold (a warning instead of an error)
    source: str | None = None  # the exact note or section, when more precise than the rule's source


RuleFunc = Callable[..., Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    source: str
    scope: Scope
    func: RuleFunc
    summary: str


REGISTRY: dict[str, Rule] = {}


def rule(
    rule_id: str, *, severity: Severity, source: str, scope: Scope = Scope.CLAIM
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule; its docstring's first paragraph is its summary (the README's rules table)."""

    def register(func: RuleFunc) -> RuleFunc:
        if rule_id in REGISTRY:
            raise ValueError(f"rule {rule_id!r} is registered twice")
        summary = " ".join((func.__doc__ or "").strip().split("\n\n")[0].split())
        REGISTRY[rule_id] = Rule(rule_id, severity, source, scope, func, summary)
        return func

    return register


def rules_table() -> list[dict[str, Any]]:
    """Every registered rule, for documentation and `codedesk check --rules`."""
    return [
        {
            "rule": r.id,
            "severity": str(r.severity),
            "scope": str(r.scope),
            "source": r.source,
            "what": r.summary,
        }
        for r in REGISTRY.values()
    ]
