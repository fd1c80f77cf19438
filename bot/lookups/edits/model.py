"""What a claim check returns: findings (rule, severity, system, codes, message, fix, source) and a verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from bot.lookups.codebook import Coverage


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


class Verdict(StrEnum):
    PASS = "pass"
    FAIL = "fail"


@dataclass
class Finding:
    rule: str
    severity: Severity
    codes: list[str]  # official display form, in claim order
    message: str
    fix: str
    source: str = ""  # what the edit rests on: MCE edit, tabular note, guideline section, NCCI table
    system: str | None = None  # the system the codes were read in (ICD-10-CM, HCPCS ...); None: no system
    reason: str = field(default="", compare=False)  # one-line reason for the rejection note (not in JSON)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "system": self.system,
            "codes": list(self.codes),
            "message": self.message,
            "fix": self.fix,
            "source": self.source,
        }


@dataclass(frozen=True)
class CodeRead:
    """One claim code as it was read: its display form, the system it was read in, and how that was decided."""

    code: str
    system: str | None
    title: str
    written: str
    decided_by: str
    modifiers: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "code": self.code,
            "system": self.system,
            "title": self.title,
            "written": self.written,
            "read_as": self.decided_by,
        }
        if self.modifiers:
            found["modifiers"] = list(self.modifiers)
        return found


@dataclass
class CheckResult:
    verdict: Verdict
    findings: list[Finding]
    coverage: Coverage
    dos: date
    codes: list[str]  # the claim's codes in display form, claim order
    age: int | None = None
    sex: str | None = None
    setting: str = "outpatient"
    read: list[CodeRead] = field(default_factory=list)  # the same codes with the system each was read in

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.ERROR]

    def without_info(self) -> CheckResult:
        """The same result less the info findings (reminders): `--quiet-info`."""
        kept = [f for f in self.findings if f.severity != Severity.INFO]
        return CheckResult(
            self.verdict,
            kept,
            self.coverage,
            self.dos,
            self.codes,
            self.age,
            self.sex,
            self.setting,
            self.read,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": str(self.verdict),
            "dos": self.dos.isoformat(),
            "setting": self.setting,
            "codes": [r.to_dict() for r in self.read],
            "findings": [f.to_dict() for f in self.findings],
            "data": {
                "release": self.coverage.release,
                "covers_dos_from": self.coverage.covers_dos_from.isoformat(),
                "covers_dos_through": self.coverage.covers_dos_through.isoformat(),
            },
        }

    def rejection_note(self) -> str:
        """The text sent back with a returned claim: one line per error with its reason; empty on a pass."""
        errors = self.errors
        if not errors:
            return ""
        lines = [f"Claim returned: {_count(len(errors), 'error')} (date of service {self.dos.isoformat()})"]
        lines += [f"- {', '.join(f.codes)}: {f.reason or f.message}" for f in errors]
        return "\n".join(lines)

    def report(self) -> str:
        """A plain-text report a reviewer can paste into a ticket or an email."""
        counts = [_count(len(group), label) for label, group in self._groups() if group]
        head = f"Claim check: {self.verdict.upper()}" + (f" ({', '.join(counts)})" if counts else "")
        details = [f"date of service {self.dos.isoformat()}", f"setting {self.setting}"]
        details += [f"age {self.age}"] if self.age is not None else []
        details += [f"sex {self.sex}"] if self.sex else []
        shown = [
            f"{r.code}{''.join('-' + m for m in r.modifiers)} ({r.system or 'no code system'})"
            for r in self.read
        ] or self.codes
        lines = [
            head,
            f"Codes: {' '.join(shown)}",
            "Patient and claim: " + ", ".join(details),
            "Checked against:",
        ]
        lines += [
            f"  {r.name}: dates of service {r.covers_from.isoformat()} to {r.covers_through.isoformat()}"
            for r in self.coverage.releases
        ]
        if not self.findings:
            lines += ["", "No findings: every code passed every edit."]
        for label, group in self._groups():
            if group:
                lines += ["", f"{label.capitalize()}s:"]
                for n, f in enumerate(group, 1):
                    lines += [f"{n}. [{f.rule}] {', '.join(f.codes)}", f"   {f.message}", f"   Fix: {f.fix}"]
                    if f.source:
                        lines.append(f"   Source: {f.source}")
        note = self.rejection_note()
        if note:
            lines += ["", "Rejection note:", note]
        return "\n".join(lines)

    def _groups(self) -> list[tuple[str, list[Finding]]]:
        return [
            (label, [f for f in self.findings if f.severity == sev])
            for sev, label in (
                (Severity.ERROR, "error"),
                (Severity.WARNING, "warning"),
                (Severity.INFO, "note"),
            )
        ]


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
