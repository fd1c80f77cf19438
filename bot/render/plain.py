"""Plain-text renderings of lookups and code details, for the command line."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.lookups.codebook import CodeDetail, Coverage, Span
from bot.lookups.search import Hit
from bot.lookups.systems import display

NOTE_LABELS = {
    "includes": "Includes",
    "inclusion": "Inclusion terms",
    "excludes1": "Excludes1 (never coded together)",
    "excludes2": "Excludes2 (not included here; both may be coded)",
    "code_first": "Code first",
    "use_additional": "Use additional code",
    "code_also": "Code also",
    "notes": "Notes",
    "seventh_note": "7th character",
}


def coverage_line(coverage: Coverage) -> str:
    parts = [
        f"{r.name}: dates of service {r.covers_from.isoformat()} to {r.covers_through.isoformat()}"
        for r in coverage.releases
    ]
    return "Data: " + "; ".join(parts)


def data_text(coverage: Coverage) -> str:
    """`codedesk data`: each system's release, its sources and the dates of service they cover."""
    lines = []
    for r in coverage.releases:
        origin = "shipped" if r.source == "shipped" else r.source.replace("import:", "imported ")
        lines.append(
            f"{r.name}: dates of service {r.covers_from.isoformat()} to {r.covers_through.isoformat()} ({origin})"
        )
        if r.detail:
            lines.append(f"  sources: {r.detail}")
    return "\n".join(lines)


def hit_line(hit: Hit) -> str:
    badge = {
        "billable": "billable",
        "header": "header",
        "deleted": "deleted",
        "table": "PCS table",
        "modifier": "modifier",
    }[hit.status]
    return f"{hit.code:<9} {hit.system:<10} {badge:<9} {hit.title}"


def lookup_text(query: str, hits: Sequence[Hit], verbose: bool = True) -> str:
    notice = getattr(hits, "notice", "")
    if not hits:
        return (
            notice
            or f"No codes match {query!r}. Try fewer words, a synonym, or the start of a code (e.g. E11)."
        )
    lines = [hit_line(h) + (f"\n{'':<9} why: {h.why}" if verbose else "") for h in hits]
    return "\n".join([notice, *lines] if notice else lines)


def batch_line(query: str, hits: Sequence[Hit]) -> str:
    notice = getattr(hits, "notice", "")
    if not hits:
        return f"{query}\t({notice or 'no match'})"
    return f"{query}\t" + "; ".join(f"{h.code} {h.title}" for h in hits)


def _span_text(span: Span, data_end: date | None) -> str:
    """A validity span with real dates: an open span ends at the last date the loaded data knows."""
    if span.end:
        through = span.end.isoformat()
    elif data_end:
        through = f"{data_end.isoformat()} (end of the loaded data; still valid then)"
    else:
        through = "the end of the loaded data"
    flags = f" [{', '.join(sorted(span.flags))}]" if span.flags else ""
    return f"{span.start.isoformat()} to {through}{flags}"


def fiscal_years(spans: Sequence[Span], data_end: date | None = None) -> str:
    """Validity as fiscal years (FY2016-FY2021), the way coders talk about releases."""
    parts = []
    for span in spans:
        first = span.start.year + (1 if span.start.month >= 10 else 0)
        end = span.end or data_end
        last = (end.year + (1 if end.month >= 10 else 0)) if end else None
        parts.append(f"FY{first}-" + (f"FY{last}" if last else "end of loaded data"))
    return ", ".join(dict.fromkeys(parts))


def show_text(detail: CodeDetail, coverage: Coverage) -> str:
    code = detail.code
    status = (
        "DELETED (no longer in the current release)"
        if not code.current
        else "billable"
        if code.billable
        else "header - not valid on a claim"
    )
    lines = [f"{code.display}  {code.title}", f"{code.system_name} · {status} · release {code.release}"]
    if code.title_source:
        lines.append(f"Title from: {detail.title_source_name or code.title_source}")
    for day, title, source in detail.dated_titles:
        lines.append(f"  on {day}: {title} ({source})")
    for other in detail.also:
        lines.append(
            f"Also {other.system_name} {other.display}: {other.title} "
            f"(`codedesk show {other.display} --system {other.system}`)"
        )
    if detail.ancestors:
        path = " > ".join(f"{a.display} {a.title}" for a in reversed(detail.ancestors))
        lines.append(f"In: {path}")
    billable = detail.billable_children
    if not code.billable and detail.children:
        lines.append("")
        lines.append(f"Children ({len(detail.children)}):")
        lines.extend(
            f"  {c.display:<9} {'billable' if c.billable else 'header  '} {c.title}"
            for c in detail.children[:60]
        )
        if len(detail.children) > 60:
            lines.append(f"  ... and {len(detail.children) - 60} more")
        if billable != detail.children and billable:
            lines.append(f"Billable children: {len(billable)}")
    if detail.seventh:
        stem = code.code.ljust(6, "X") if len(code.code) < 7 else code.code
        lines.append("")
        lines.append(f"7th character required (defined at {display(code.system, detail.seventh_from)}):")
        lines.extend(f"  {display(code.system, stem + char)}  {meaning}" for char, meaning in detail.seventh)
    grouped: dict[str, list[str]] = {}
    for kind, text, source in detail.notes:
        suffix = "" if source == code.code else f"  (at {display(code.system, source)})"
        grouped.setdefault(kind, []).append(text + suffix)
    for kind, label in NOTE_LABELS.items():
        if kind in grouped and kind != "seventh_note":
            lines.append("")
            lines.append(f"{label}:")
            lines.extend(f"  - {t}" for t in grouped[kind])
    data_end = coverage.data_end(code.system)
    if detail.spans:
        lines.append("")
        lines.append(
            f"Valid: {fiscal_years(detail.spans, data_end)}"
            if code.system in {"cm", "pcs"}
            else "Valid (dates of service):"
        )
        lines.extend(f"  {_span_text(s, data_end)}" for s in detail.spans)
    elif code.system in {"cm", "pcs"} and code.billable:
        lines.append("")
        lines.append("Valid: no validity span in the loaded MCE data")
    lines.append("")
    lines.append(coverage_line(coverage))
    return "\n".join(lines)
