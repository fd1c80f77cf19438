"""The clarification record as CSV, for auditors and CDI programs: one row per event of each clarification.

Every row repeats the clarification's own columns (so a spreadsheet can filter by office, coder or outcome) and
adds one event of its audit trail: asked, answered, a thread reply (with its text), more information requested,
resolved with its outcome, closed, reopened, reminders, escalation, refusals. Nothing here can hold more than the
relay stored, and the relay refuses patient identifiers in every free-text field (bot.relay.phi), so there is no
PHI by design: the encounter is named by the reference the team already uses.
Cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) are prefixed with ', as OWASP
advises for CSV injection; times are UTC ISO 8601.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from storage.audit import AuditEntry
from storage.clarifications import Clarification, Reply

COLUMNS = (
    "clarification_id",
    "office",
    "encounter_ref",
    "codes",
    "format",
    "question",
    "options",
    "clinical_indicators",
    "asked_by",
    "asked_at",
    "due_at",
    "state",
    "answered_by",
    "answered_at",
    "answer_choice",
    "answer_text",
    "resolved_at",
    "outcome",
    "close_reason",
    "event_number",
    "event_at",
    "event_by",
    "event",
    "event_detail",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportData:
    clarifications: Sequence[Clarification]
    trails: Mapping[int, Sequence[AuditEntry]]
    replies: Mapping[int, Reply]
    office_names: Mapping[int, str]


def export_filename(start: date | None, end: date | None, office: str | None) -> str:
    """`clarifications-2026-11-01-to-2026-11-30-main-st.csv`; open ends say `start` / `today`."""
    parts = [
        "clarifications",
        start.isoformat() if start else "start",
        "to",
        end.isoformat() if end else "today",
    ]
    if office:
        slug = re.sub(r"[^a-z0-9]+", "-", office.lower()).strip("-")[:40]
        if slug:
            parts.append(slug)
    return "-".join(parts) + ".csv"


def _time(moment: datetime | None) -> str:
    return "" if moment is None else moment.isoformat(timespec="seconds")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _detail(entry: AuditEntry, replies: Mapping[int, Reply]) -> str:
    detail = dict(entry.detail)
    reply_id = detail.get("reply_id")
    if isinstance(reply_id, int) and reply_id in replies:
        detail["text"] = replies[reply_id].text
    return json.dumps(detail, sort_keys=True, ensure_ascii=False) if detail else ""


def export_csv(data: ExportData) -> str:
    """The CSV text (header first); a clarification with no audit entries still gets one row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for c in data.clarifications:
        record = [
            c.id,
            data.office_names.get(c.office_id, f"office {c.office_id}"),
            c.encounter_ref,
            " ".join(c.codes),
            c.format.value,
            c.question,
            " | ".join(c.options),
            c.indicators,
            c.asker_id,
            _time(c.created_at),
            _time(c.due_at),
            c.state.value,
            c.answered_by or "",
            _time(c.answered_at),
            (c.answer.choice or "") if c.answer else "",
            c.answer.text if c.answer else "",
            _time(c.resolved_at),
            c.outcome.value if c.outcome else "",
            c.close_reason or "",
        ]
        events = data.trails.get(c.id) or []
        if not events:
            writer.writerow([safe_cell(v) for v in [*record, "", "", "", "", ""]])
        for number, entry in enumerate(events, start=1):
            row = [
                *record,
                number,
                _time(entry.at),
                entry.actor_id,
                entry.action,
                _detail(entry, data.replies),
            ]
            writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()


def export_window(
    start: date | None, end: date | None, zone: tzinfo
) -> tuple[datetime | None, datetime | None]:
    """The instants an export's days cover in the team's time zone: from the start of `start` to the end of `end`
    (either open)."""
    return (
        datetime.combine(start, time(0), tzinfo=zone) if start else None,
        datetime.combine(end + timedelta(days=1), time(0), tzinfo=zone) if end else None,
    )


def clarifications_counted(n: int) -> str:
    """'1 clarification', '2 clarifications': how an export names what it holds."""
    return f"{n:,} clarification{'' if n == 1 else 's'}"
