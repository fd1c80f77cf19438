"""Whether each code can be reported on the date of service: not-found, not-valid-on-dos, header-code,
seventh-character. One classification per code decides which of the four (at most one) applies."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from bot.lookups.edits.claim import (
    Claim,
    Entry,
    Valid,
    chain,
    fetch_rows,
    leaves,
    listing,
    period_text,
    periods,
    tabular,
    valid_under,
)
from bot.lookups.edits.model import Severity
from bot.lookups.edits.registry import Hit, Scope, rule
from bot.lookups.systems import SYSTEM_NAMES, display


@dataclass(frozen=True)
class Problem:
    rule: str
    hit: Hit


def problem(claim: Claim, e: Entry) -> Problem | None:
    """The one validity problem of a code, if any (cached on the claim)."""
    key = ("validity", e.position)
    if key not in claim.cache:
        claim.cache[key] = _classify(claim, e)
    found: Problem | None = claim.cache[key]
    return found


def _classify(claim: Claim, e: Entry) -> Problem | None:
    if e.valid:
        return None
    if not e.found:
        if e.system in (None, "cm") and e.code[:1].isalpha() and e.code[1:2].isdigit():
            placeholder = _placeholder(claim, e)
            if placeholder:
                return Problem("seventh-character", placeholder)
        return Problem("not-found", _not_found(claim, e))
    if e.system in ("hcpcs", "cpt") and not e.spans:
        return Problem("not-valid-on-dos", _not_valid_dated(claim, e))
    if e.spans:
        return Problem("not-valid-on-dos", _not_valid_spans(claim, e))
    system = e.system or "cm"
    under = valid_under(claim, system, e.code)
    seventh = claim.tables.seventh_for(e.chain, e.code) if system == "cm" else ("", [])
    if seventh[1] and under and all(_completes(e.code, v.code) for v in under):
        return Problem("seventh-character", _needs_seventh(claim, e, under, seventh))
    return Problem("header-code", _header(claim, e, under))


def _hits_of(rule_id: str, claim: Claim, e: Entry) -> Iterator[Hit]:
    """The entry's one validity problem, when it is this rule's (the four rules share one decision)."""
    found = problem(claim, e)
    if found and found.rule == rule_id:
        yield found.hit


@rule(
    "not-found",
    severity=Severity.ERROR,
    source="the loaded code sets (every release of ICD-10-CM, ICD-10-PCS, HCPCS Level II, imported CPT)",
    scope=Scope.CODE,
)
def not_found(claim: Claim, e: Entry) -> Iterator[Hit]:
    """A string that is no code in any loaded release of the system it is read in (or of any system)."""
    yield from _hits_of("not-found", claim, e)


@rule(
    "not-valid-on-dos",
    severity=Severity.ERROR,
    source="CMS MCE validity dates; HCPCS file dates",
    scope=Scope.CODE,
)
def not_valid_on_dos(claim: Claim, e: Entry) -> Iterator[Hit]:
    """A code that exists but is not valid on the date of service (deleted, not yet added, expanded)."""
    yield from _hits_of("not-valid-on-dos", claim, e)


@rule("header-code", severity=Severity.ERROR, source="ICD-10-CM Tabular (codes below it)", scope=Scope.CODE)
def header_code(claim: Claim, e: Entry) -> Iterator[Hit]:
    """A category or subcategory that has codes below it: only those can be reported."""
    yield from _hits_of("header-code", claim, e)


@rule(
    "seventh-character",
    severity=Severity.ERROR,
    source="ICD-10-CM Tabular, 7th character definitions and their exceptions",
    scope=Scope.CODE,
)
def seventh_character(claim: Claim, e: Entry) -> Iterator[Hit]:
    """A code missing its 7th character or placeholder X, or with a 7th character its category rules out."""
    yield from _hits_of("seventh-character", claim, e)


# ---- not found ----------------------------------------------------------------------------------------------


def _not_found(claim: Claim, e: Entry) -> Hit:
    loaded = claim.book.systems_loaded()
    if e.system:
        where = SYSTEM_NAMES[e.system]
        why = (
            "dotted codes are ICD-10-CM"
            if e.token.dotted
            else f"listed as {'a diagnosis' if e.system == 'cm' else 'a procedure'}"
        )
        message = f"{e.display} is not an {where} code in any loaded release (read as {where}: {why})."
    else:
        names = ", ".join(SYSTEM_NAMES[s] for s in SYSTEM_NAMES if s in loaded)
        message = f"{e.display} is not a code in any loaded code set ({names})."
    fix = f"Correct the code from the record; search with `codedesk lookup {e.display}`."
    nearest = next(
        (
            claim.cm_rows[e.code[:n]]
            for n in range(len(e.code) - 1, 2, -1)
            if e.system in (None, "cm") and e.code[:n] in claim.cm_rows
        ),
        None,
    )
    if nearest:
        message += f" The nearest ICD-10-CM code above it is {display('cm', nearest.code)} ({nearest.title})."
        fix = (
            f"Correct the code; the codes under {display('cm', nearest.code)} are listed by "
            f"`codedesk show {display('cm', nearest.code)}`."
        )
    elsewhere = [s for s in e.readings if s != e.system]
    if elsewhere:
        other = elsewhere[0]
        row = claim.rows.get((other, e.code))
        title = f" ({row.title})" if row else ""
        hint = (
            "undotted"
            if e.token.dotted
            else ("as a procedure (px:)" if other != "cm" else "as a diagnosis (dx:)")
        )
        message += f" {display(other, e.code)} is a {SYSTEM_NAMES[other]} code{title}; if that is meant, list it {hint}."
    if "cpt" not in loaded and e.system in (None, "cpt") and _cpt_shaped(e.code):
        message += " CPT is AMA-licensed and not bundled, and no CPT file has been imported."
        fix = "Import your licensed CPT file with `codedesk import <file>`, or check it in CPT."
    if e.system:
        release = claim.book.coverage().for_system(e.system)
        if release and not release.covers_from <= claim.dos <= release.covers_through:
            message += (
                f" The loaded {SYSTEM_NAMES[e.system]} data ({release.name}) does not cover "
                f"{claim.dos.isoformat()}, so a newer code may be missing."
            )
    return Hit([e], message, fix, "no such code in any loaded release")


def _cpt_shaped(code: str) -> bool:
    return len(code) == 5 and code[:4].isdigit() and (code[4].isdigit() or code[4] in "FTU")


# ---- 7th characters and placeholder X ----------------------------------------------------------------------


def _placeholder(claim: Claim, e: Entry) -> Hit | None:
    """A 7-character code with a 7th character its code does not take (listing the valid completions), or a
    code missing its placeholder X (T36.01A for T36.0X1A)."""
    if len(e.code) == 7:
        stem = e.code[:6].rstrip("X")
        if len(stem) >= 3 and stem in claim.cm_rows:
            holder, chars = claim.tables.seventh_for(chain(claim, stem), e.code)
            if chars:
                return _wrong_seventh(claim, e, stem, holder, chars)
    variants = _x_variants(e.code)
    rows = {r.code: r for r in fetch_rows(claim.book, variants, "cm")}
    found = next((v for v in variants if v in rows), None)
    if found is None:
        return None
    holder, chars = claim.tables.seventh_for(chain(claim, found), found)
    if not chars:
        return None
    cite = tabular(holder or found[:3], "7th characters")
    if len(found) == 7:
        right = display("cm", found)
        message = (
            f"{e.display} is missing the placeholder X: the code is {right} ({rows[found].title}). "
            f"A code shorter than 6 characters is filled with X before its 7th character ({cite})."
        )
        return Hit(
            [e], message, f"Report {right}.", f"placeholder X missing; the code is {right}", source=cite
        )
    options = [v for v in valid_under(claim, "cm", found) if len(v.code) == 7]
    listed = listing("cm", options, 20, titles=False)
    message = (
        f"{e.display} is missing the placeholder X and a 7th character: {display('cm', found)} "
        f"({rows[found].title}) needs one ({cite}). Valid codes: {listed}."
    )
    return Hit(
        [e],
        message,
        seventh_fix(options, chars),
        f"needs the placeholder X and a 7th character: {listed}",
        source=cite,
    )


def _wrong_seventh(claim: Claim, e: Entry, stem: str, holder: str, chars: list[tuple[str, str]]) -> Hit:
    options = [v for v in valid_under(claim, "cm", stem) if len(v.code) == 7]
    allowed = ", ".join(v.code[6] for v in options) or ", ".join(c for c, _ in chars)
    cite = tabular(holder, "7th characters")
    padded = "" if len(stem) == 6 else f" (with placeholder X: {display('cm', stem.ljust(6, 'X'))}_)"
    message = (
        f"{e.display}: {e.code[6]} is not an allowed 7th character for {display('cm', stem)}{padded} "
        f"({cite}). Valid codes: {listing('cm', options, 20, False)}."
    )
    return Hit(
        [e],
        message,
        seventh_fix(options, chars),
        f"7th character {e.code[6]} not allowed; use one of {allowed}",
        source=cite,
    )


def _x_variants(code: str) -> list[str]:
    """The code with placeholder X inserted to reach 6 characters (no 7th) or 7 (the last kept as the 7th)."""
    variants: list[str] = []
    for size, keep_last in ((7, True), (6, False)):
        body = code[:-1] if keep_last else code
        last = code[-1] if keep_last else ""
        gap = size - len(code)
        if gap <= 0:
            continue
        for at in range(3, len(body) + (0 if keep_last else 1)):
            variants.append(body[:at] + "X" * gap + body[at:] + last)
        if keep_last:
            variants.append(body + "X" * gap + last)
    return list(dict.fromkeys(v for v in variants if v != code))


def seventh_fix(options: Sequence[Valid], chars: list[tuple[str, str]]) -> str:
    meaning = dict(chars)
    picks = [f"{v.code[6]} = {meaning.get(v.code[6], v.title)}" for v in options[:20]]
    return "Add the 7th character that matches the encounter: " + "; ".join(picks) + "."


def _completes(code: str, longer: str) -> bool:
    middle = longer[len(code) : -1]
    return len(longer) == 7 and set(middle) <= {"X"}


def _needs_seventh(
    claim: Claim, e: Entry, options: list[Valid], seventh: tuple[str, list[tuple[str, str]]]
) -> Hit:
    holder, chars = seventh
    listed = listing("cm", options, 20, titles=False)
    missing = "a 7th character" if len(e.code) == 6 else "the placeholder X and a 7th character"
    cite = tabular(holder, "7th characters")
    message = f"{e.named} is incomplete: it needs {missing} ({cite}). Valid codes: {listed}."
    return Hit([e], message, seventh_fix(options, chars), f"needs {missing}: {listed}", source=cite)


# ---- headers and dates ---------------------------------------------------------------------------------------


def _header(claim: Claim, e: Entry, under: list[Valid]) -> Hit:
    billable = leaves(under)
    system = e.system or "cm"
    source = tabular(e.code, "has codes below it") if system == "cm" else SYSTEM_NAMES[system]
    if billable:
        message = (
            f"{e.named} is a header, not a billable code: only the {len(billable)} codes below it can be "
            f"reported on {claim.dos.isoformat()} ({source}): {listing(system, billable)}."
        )
        fix = f"Pick the specific code the documentation supports, e.g. {display(system, billable[0].code)}."
    else:
        message = f"{e.named} is a header, not a billable code, and no code below it is valid on {claim.dos.isoformat()}."
        fix = "Code from the record with a billable code valid on the date of service."
    reason = f"header code, not billable; report a code below it ({len(billable)} valid)"
    return Hit([e], message, fix, reason, source=source)


def _not_valid_spans(claim: Claim, e: Entry) -> Hit:
    system = e.system or "cm"
    spans = periods(e.spans)
    when = period_text(spans)
    dos = claim.dos.isoformat()
    release = claim.book.coverage().for_system(system)
    if system in ("cm", "pcs"):
        source = f"{claim.tables.mce} validity dates"
        if release is not None and release.source.startswith("import:"):  # an import moved them on
            source += f", as updated by {release.name}"
    elif release is not None:  # HCPCS by quarter: the loaded release names its source (the CMS I/OCE)
        source = f"{release.name} validity dates"
    else:
        source = f"{SYSTEM_NAMES[system]} file dates"
    message = f"{e.named} is not valid on {dos}: it is valid {when} ({source})."
    short = f"not valid on {dos} (valid {when})"
    suggestion = _successors(claim, e, spans)
    if suggestion.codes:
        message += f" {suggestion.hint}: {listing(system, suggestion.codes)}."
        if suggestion.replaces:
            names = listing(system, suggestion.codes, 5, titles=False)
            fix = f"Report {names} instead, whichever the record supports."
            short += f"; use {names}"
        else:
            fix = "Recode from the record with a code valid on the date of service; the list above may help."
    elif claim.dos < spans[0][0]:
        fix = f"Check the date of service; for services before {spans[0][0].isoformat()} report the code that was valid then."
    elif system in ("hcpcs", "cpt") and spans[-1][1] is not None and claim.dos > spans[-1][1]:
        fix = (
            "The code was terminated: report the code that replaced it (the HCPCS update's cross-reference)."
        )
    else:
        fix = "Recode from the record with a code valid on the date of service (`codedesk lookup`)."
    return Hit([e], message, fix, short, source=source)


class _Suggestion(NamedTuple):
    codes: list[Valid]
    hint: str
    replaces: bool  # the codes replace this one (successors or the code valid then), not mere neighbours


def _successors(claim: Claim, e: Entry, spans: list[tuple[date, date | None]]) -> _Suggestion:
    system = e.system or "cm"
    below = leaves(valid_under(claim, system, e.code))
    last = spans[-1][1]
    if below:
        since = f"Since {(last + timedelta(days=1)).isoformat()} it" if last and claim.dos > last else "It"
        return _Suggestion(below, f"{since} is a header with more specific codes; use one of them", True)
    if system != "cm":
        return _Suggestion([], "", False)
    if claim.dos < spans[0][0]:
        return _predecessor(claim, e)
    for size in range(len(e.code) - 1, 2, -1):
        near = leaves([v for v in valid_under(claim, "cm", e.code[:size]) if len(v.code) >= len(e.code) - 1])
        if near:
            return _Suggestion(near, f"Codes under {display('cm', e.code[:size])} valid on that date", False)
    return _Suggestion([], "", False)


def _predecessor(claim: Claim, e: Entry) -> _Suggestion:
    """For a code added after the DOS: the shorter code that was billable on that date (M54.5 for M54.50)."""
    for size in range(len(e.code) - 1, 2, -1):
        prefix = e.code[:size]
        if any(s.covers(claim.dos) for s in claim.book.spans("cm", prefix)):
            row = claim.cm_rows.get(prefix)
            found = Valid(prefix, row.title if row else "", frozenset())
            return _Suggestion([found], "On that date the code to report was", True)
    return _Suggestion([], "", False)


def _not_valid_dated(claim: Claim, e: Entry) -> Hit:
    row = e.row
    assert row is not None
    system = e.system or "hcpcs"
    release = claim.book.coverage().for_system(system)
    source = f"{release.name if release else SYSTEM_NAMES[system]}, added/terminated dates"
    if row.kind == "modifier":
        message = f"{e.display} is an HCPCS modifier ({row.title}), not a code: it is reported after a code."
        fix = f"Attach it to the code it modifies, e.g. J1234-{e.code} on the claim line."
        return Hit([e], message, fix, "a modifier, not a code", source=source)
    added = f"from {row.added}" if row.added else ""
    ended = f"to {row.terminated}" if row.terminated else ""
    when = " ".join(p for p in (added, ended) if p) or "on other dates"
    message = f"{e.named} is not valid on {claim.dos.isoformat()}: it is valid {when} ({source})."
    if row.terminated and claim.dos > date.fromisoformat(row.terminated):
        fix = "The code was terminated: report the code that replaced it (the HCPCS file's cross-reference)."
    else:
        fix = "Check the date of service; report a code that was valid on it."
    return Hit([e], message, fix, f"not valid on {claim.dos.isoformat()} (valid {when})", source=source)
