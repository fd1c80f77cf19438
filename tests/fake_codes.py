"""A small, fixed code book for Slack-layer tests, so they do not depend on the shipped code data.

`FakeCodeBook` answers `coverage()` and `detail()` in the code book's shapes; `fake_find_codes` and
`fake_check_claim` stand in for bot.lookups.search.find_codes / bot.lookups.edits.check_claim (tests
monkeypatch them into bot.commands.code).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.lookups.errors import QueryError
from bot.lookups.systems import guess_systems


@dataclass(frozen=True)
class FakeCoverage:
    release: str = "ICD-10-CM FY2025 (test)"
    covers_dos_from: date = date(2024, 10, 1)
    covers_dos_through: date = date(2025, 9, 30)
    releases: tuple[object, ...] = ()


@dataclass(frozen=True)
class FakeHit:
    code: str
    system: str
    title: str
    billable: bool
    status: str
    why: str = ""
    score: float = 1.0


@dataclass(frozen=True)
class FakeCode:
    system: str
    code: str
    title: str
    billable: bool
    current: bool = True
    release: str = "FY2025"

    @property
    def display(self) -> str:
        if self.system == "cm" and len(self.code) > 3:
            return f"{self.code[:3]}.{self.code[3:]}"
        return self.code

    @property
    def system_name(self) -> str:
        return {"cm": "ICD-10-CM", "pcs": "ICD-10-PCS", "hcpcs": "HCPCS", "cpt": "CPT"}[self.system]


@dataclass
class FakeDetail:
    code: FakeCode
    children: list[FakeCode]
    notes: list[tuple[str, str, str]]
    seventh: list[tuple[str, str]] = field(default_factory=list)
    spans: list[Any] = field(default_factory=list)
    also: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class FakeFinding:
    rule: str
    severity: str
    codes: list[str]
    message: str
    fix: str | None = None
    source: str = ""
    system: str | None = None


@dataclass(frozen=True)
class FakeRead:
    """A claim code as read: the system is the first the characters could be (None: no code of any)."""

    code: str
    system: str | None


@dataclass(frozen=True)
class FakeCheckResult:
    verdict: str
    findings: list[FakeFinding]
    coverage: FakeCoverage = field(default_factory=FakeCoverage)
    read: list[FakeRead] = field(default_factory=list)

    def rejection_note(self) -> str:
        return "; ".join(f.message for f in self.findings if f.severity == "error")

    def report(self) -> str:
        lines = [f"Claim check: {self.verdict.upper()}"]
        lines += [f"{f.severity} {f.rule}: {f.message}" for f in self.findings]
        return "\n".join(lines)


HITS = {
    "heart attack": [
        FakeHit(
            "I21.9",
            "ICD-10-CM",
            "Acute myocardial infarction, unspecified",
            True,
            "billable",
            "lay: heart attack = acute myocardial infarction",
        ),
        FakeHit("I21", "ICD-10-CM", "Acute myocardial infarction", False, "header", "title"),
    ],
}


class FakeCodeBook:
    def __init__(self) -> None:
        self.cover = FakeCoverage()

    def coverage(self) -> FakeCoverage:
        return self.cover

    def detail(self, code: str, system: str | None = None) -> FakeDetail | None:
        key = code.upper().replace(".", "")
        if key == "I21":
            children = [FakeCode("cm", f"I21{n}", f"Child {n} of I21", n != "A") for n in "0123456789A"]
            return FakeDetail(
                FakeCode("cm", "I21", "Acute myocardial infarction", False),
                children,
                [
                    ("includes", "myocardial infarction specified as acute", "I21"),
                    ("excludes2", "old myocardial infarction (I25.2)", "I21"),
                    ("use_additional", "code to identify <!channel> exposure", "I"),
                ],
            )
        if key == "I219":
            return FakeDetail(
                FakeCode("cm", "I219", "Acute myocardial infarction, unspecified", True), [], []
            )
        if key == "S72":
            children = [
                FakeCode("cm", f"S72{n:03d}", f"Fracture variant {n} " + "x" * 80, n % 2 == 0)
                for n in range(400)
            ]
            notes = [("excludes1", f"long note {n} " + "y" * 200, "S72") for n in range(60)]
            seventh = [(ch, f"encounter {ch}") for ch in "ABCDEFGHJKMNPQRS"]
            return FakeDetail(FakeCode("cm", "S72", "Fracture of femur", False), children, notes, seventh)
        return None


def fake_find_codes(
    book: FakeCodeBook, query: str, systems: Sequence[str] = ("cm", "pcs", "hcpcs", "cpt"), limit: int = 10
) -> list[FakeHit]:
    if len(query) > 200:
        raise QueryError("Queries are limited to 200 characters.")
    if query.startswith("many"):
        return [
            FakeHit(
                f"Z{n:02d}.0",
                "ICD-10-CM",
                f"Result {n} for {query}",
                n % 3 != 0,
                "billable" if n % 3 else "header",
            )
            for n in range(45)
        ][:limit]
    if query.startswith("echo "):
        return [FakeHit("Z00.0", "ICD-10-CM", query[5:], True, "billable", f"matched {query[5:]}")]
    return list(HITS.get(query.lower(), []))[:limit]


def fake_check_claim(
    book: FakeCodeBook,
    codes: Sequence[str],
    dos: date,
    age: int | None = None,
    sex: str | None = None,
    setting: str = "outpatient",
) -> FakeCheckResult:
    if "BAD" in codes:
        raise QueryError("BAD is not a code in the loaded code sets.")
    findings = []
    if "E10.9" in codes and "E11.9" in codes:
        findings.append(
            FakeFinding(
                "excludes1",
                "error",
                ["E10.9", "E11.9"],
                "E10.9 and E11.9 are Excludes1: never coded together.",
                "Keep the type the record documents.",
            )
        )
        findings.append(FakeFinding("specificity", "warning", ["E11.9"], "Unspecified complications.", None))
    verdict = "fail" if any(f.severity == "error" for f in findings) else "pass"
    read = [FakeRead(c, next(iter(guess_systems(c)), None)) for c in codes]
    return FakeCheckResult(verdict, findings, read=read)
