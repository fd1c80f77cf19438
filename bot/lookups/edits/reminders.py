"""use-additional and code-also: the tabular's instructions whose codes are not on the claim, one line each
per claim (not one per code): a reviewer reads one reminder, not six."""

from __future__ import annotations

from collections.abc import Iterator

from bot.lookups.edits.claim import Claim, Entry
from bot.lookups.edits.model import Severity
from bot.lookups.edits.registry import Hit, rule
from bot.lookups.edits.tables import Note
from bot.lookups.systems import display

MAX_TEXT = 160  # characters of one note's text in the line


@rule("use-additional", severity=Severity.INFO, source="ICD-10-CM Tabular, Use additional code notes")
def use_additional(claim: Claim) -> Iterator[Hit]:
    """One line per claim: the Use additional code notes of the claim's codes that name no code on it."""
    yield from _reminders(claim, "use_additional", "Use additional code")


@rule("code-also", severity=Severity.INFO, source="ICD-10-CM Tabular, Code also notes")
def code_also(claim: Claim) -> Iterator[Hit]:
    """One line per claim: the Code also notes of the claim's codes that name no code on it."""
    yield from _reminders(claim, "code_also", "Code also")


def _reminders(claim: Claim, kind: str, label: str) -> Iterator[Hit]:
    seen: set[tuple[str, str]] = set()
    found: list[tuple[Entry, Note]] = []
    for e in claim.cm:
        if not e.valid:
            continue
        for holder in e.chain:
            for note in claim.tables.of(kind, holder):
                key = (note.holder, note.text)
                if key in seen:
                    continue
                seen.add(key)
                if not any(o.code != e.code for r in note.refs for o in claim.matching(r)):
                    found.append((e, note))
    if not found:
        return
    parts = [f"{e.display} ({_where(note.holder)}): {_short(note.text)}" for e, note in found]
    entries = list(dict.fromkeys(e.position for e, _ in found))
    by_position = {e.position: e for e, _ in found}
    holders = ", ".join(dict.fromkeys(_where(n.holder) for _, n in found))
    message = f"{label}, if the record documents it (ICD-10-CM Tabular): " + " | ".join(parts)
    fix = "Add the codes that apply if the record documents them; otherwise nothing to do."
    source = f"ICD-10-CM Tabular, {label} notes at {holders}"
    yield Hit([by_position[p] for p in entries], message, fix, label.lower(), source=source)


def _where(holder: str) -> str:
    if holder.isdigit():
        return f"chapter {holder}"
    return holder if "-" in holder else display("cm", holder)


def _short(text: str) -> str:
    text = text.strip().lstrip(", ")
    if text.lower().startswith("code "):
        text = text[5:].lstrip(", ")
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 4].rsplit(" ", 1)[0] + " ..."
