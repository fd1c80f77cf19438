"""combination-code: conditions the classification presumes linked, coded separately instead of with the
combination code that says both.

The guideline rules are one declarative table (PRESUMPTIONS), one row per guideline section. Which codes each
row links comes from the data, never from a list of pairs:
- "includes": the combination category's Includes note ("any condition in I50.- ... due to hypertension",
  "any condition in I11.- with any condition in I12.-");
- "with": the combination codes of the residual code's own category whose title links the other code's
  condition with "with" (E11.22 "... with diabetic chronic kidney disease" for N18.4), or whose Use additional
  note names it (E11.621 for L97.4-);
- a range of codes (R00-R99, the chapter of abnormal findings) for the "with abnormal findings" sibling of a
  code titled "without abnormal findings";
- "sibling": the code of the residual's own category whose Use additional notes name the claim's other codes
  (I11.9 with I50.9 -> I11.0).
The child to report is the one whose own Use additional notes name the most of the claim's linked codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.lookups.edits.claim import Claim, Entry, Valid, leaves, tabular, valid_under
from bot.lookups.edits.model import Severity
from bot.lookups.edits.refs import Ref, mentions, parse_refs
from bot.lookups.edits.registry import Hit, rule
from bot.lookups.edits.tables import Note
from bot.lookups.systems import display

GUIDELINES = "ICD-10-CM Official Guidelines for Coding and Reporting"


@dataclass(frozen=True)
class Presumption:
    section: str  # guideline section
    condition: str  # what is presumed linked, for the message
    residual: tuple[str, ...]  # codes reported instead of the combination (undotted prefixes)
    target: tuple[str, ...]  # combination categories; () = the residual code's own category
    linked_by: str  # "includes" | "with" | a code range ("R00-R99")
    residual_title: str = ""  # residual codes named by their title instead of by code


PRESUMPTIONS = (
    Presumption("I.C.9.a.2", "hypertension and heart involvement", ("I10",), ("I11",), "includes"),
    Presumption("I.C.9.a.3", "hypertension and chronic kidney disease", ("I10",), ("I12",), "includes"),
    Presumption(
        "I.C.9.a.4",
        "hypertension, heart involvement and chronic kidney disease",
        ("I10", "I11", "I12"),
        ("I13",),
        "includes",
    ),
    Presumption(
        "I.C.9.a",
        "hypertensive heart or kidney disease and the heart failure or CKD stage coded beside it",
        ("I11", "I12", "I13"),
        (),
        "sibling",
    ),
    Presumption(
        "I.C.4.a",
        "diabetes and the complications linked to it by 'with'",
        ("E089", "E099", "E109", "E119", "E139"),
        (),
        "with",
    ),
    Presumption(
        "I.C.21.c.13",
        "a routine examination and an abnormal finding",
        (),
        (),
        "R00-R99",
        residual_title="without abnormal findings",
    ),
)


@dataclass(frozen=True)
class _Found:
    row: Presumption
    residual: Entry
    linked: tuple[Entry, ...]
    targets: tuple[Valid, ...]
    already: Entry | None  # a combination code already on the claim: the residual is redundant
    note: str  # the tabular note that makes the link


@rule(
    "combination-code",
    severity=Severity.WARNING,
    source=f"{GUIDELINES} (I.C.4.a, I.C.9.a, I.C.21.c.13); ICD-10-CM Tabular notes",
)
def combination_code(claim: Claim) -> Iterator[Hit]:
    """Conditions the guidelines presume linked (hypertension with heart or kidney disease, diabetes with its
    complications, an examination with an abnormal finding) coded separately instead of with the combination code,
    or with a hypertension combination code its companion contradicts (I11.9 with I50.9)."""
    found: list[_Found] = []
    for row in PRESUMPTIONS:
        found += _apply(claim, row)
    spans = [{e.position for e in (f.residual, *f.linked)} for f in found]
    for index, item in enumerate(found):
        # a wider combination says it all; the same codes found from another of them (I11.9 with I12.0, I12.0
        # with I11.9) are one finding
        if not any(spans[index] < other for other in spans) and spans[index] not in spans[:index]:
            yield _hit(claim, item)


def _apply(claim: Claim, row: Presumption) -> list[_Found]:
    residuals = [
        e
        for e in claim.cm
        if e.valid
        and (
            (row.residual and e.code.startswith(row.residual))
            or (row.residual_title and mentions(e.title, row.residual_title))
        )
    ]
    if not residuals:
        return []
    if row.linked_by == "includes":
        return [f for r in residuals if (f := _by_includes(claim, row, r))]
    if row.linked_by == "with":
        return [f for r in residuals if (f := _by_with(claim, row, r))]
    if row.linked_by == "sibling":
        return [f for r in residuals if (f := _by_sibling(claim, row, r))]
    return [f for r in residuals if (f := _by_findings(claim, row, r))]


# ---- "includes": hypertension ------------------------------------------------------------------------------


def _by_includes(claim: Claim, row: Presumption, residual: Entry) -> _Found | None:
    for target in row.target:
        on_claim = next((e for e in claim.cm if e.valid and e.code.startswith(target)), None)
        for text, components in _components(claim, target):
            note_text = f'{tabular(target, "Includes")}: "{text}"'
            if on_claim is not None:
                if (
                    residual.code.startswith(row.residual[0])
                    and residual is not on_claim
                    and len(row.residual) == 1
                ):
                    return _Found(row, residual, (on_claim,), (), on_claim, note_text)
                continue
            linked: list[Entry] = []
            for refs in components:
                match = [e for e in claim.cm if e.valid and any(_matches(claim, r, e) for r in refs)]
                if not match:
                    break
                linked += [m for m in match if m is not residual and m not in linked]
            else:
                if not linked and len(components) < 2:
                    continue
                targets = _best_children(claim, target, [residual, *linked])
                if targets:
                    return _Found(row, residual, tuple(linked), targets, None, note_text)
    return None


def _components(claim: Claim, category: str) -> list[tuple[str, list[list[Ref]]]]:
    """Each Includes note of a category that names codes, as its parts joined by "with", each part's refs
    widened by the Includes notes of the categories it names (I13: I11.- means I11 and what I11 includes)."""
    found = []
    for note in claim.tables.of("includes", category):
        parts = [parse_refs(part) for part in re.split(r"\s+with\s+", note.text)]
        components = []
        for refs in parts:
            widened = list(refs)
            for ref in refs:
                if ref.high is None and len(ref.low) == 3:
                    widened += [r for n in claim.tables.of("includes", ref.low) for r in n.refs]
            if widened:
                components.append(widened)
        if components:
            found.append((note.text, components))
    return found


def _matches(claim: Claim, ref: Ref, e: Entry) -> bool:
    if not ref.covers(e.code):
        return False
    return ref.simple or claim.qualified(ref, e)


def _best_children(claim: Claim, category: str, entries: list[Entry]) -> tuple[Valid, ...]:
    """The codes under `category` valid on the DOS whose own Use additional notes name the most of the claim's
    codes, then the most of what those codes say, then ask for the fewest things the claim does not say. The claim says its codes and what
    their own Use additional notes ask for: I11.0 ("type of heart failure (I50.-)") says heart failure, I12.0
    stage 5 CKD or ESRD, so the I13 code for I11.0 with N18.4 is I13.0, not the I13.10 "without heart failure"."""
    said = [r for e in entries for n in _own_notes(claim, e.code, 3) for r in n.refs]
    scored = []
    for child in leaves(valid_under(claim, "cm", category)):
        notes = _own_notes(claim, child.code, len(category) + 1)
        named = sum(1 for e in entries if any(_matches(claim, r, e) for n in notes for r in n.refs))
        implied = unmet = 0
        for n in notes:
            if any(_matches(claim, r, e) for r in n.refs for e in entries):
                continue
            if any(_overlap(r, s) for r in n.refs for s in said):
                implied += 1
            else:
                unmet += 1
        scored.append(((-named, -implied, unmet), child))
    if not scored:
        return ()
    best = min(score for score, _ in scored)
    return tuple(child for score, child in scored if score == best)[:3]


def _own_notes(claim: Claim, code: str, shortest: int) -> list[Note]:
    """The Use additional notes of a code and of its ancestors down to `shortest` characters."""
    return [
        n
        for size in range(len(code), shortest - 1, -1)
        for n in claim.tables.of("use_additional", code[:size])
    ]


def _overlap(a: Ref, b: Ref) -> bool:
    """Two references naming some of the same codes ("(I50.-)" and "(I50.-)", "(N18.5, N18.6)" and "(N18.6)")."""
    return a.covers(b.low) or b.covers(a.low)


def _by_sibling(claim: Claim, row: Presumption, residual: Entry) -> _Found | None:
    """A combination code whose sibling says what the claim codes beside it: I11.9 ("without heart failure")
    with I50.9 -> I11.0; I12.9 (stage 1-4) with N18.6 -> I12.0; I13.10 with I50.9 -> I13.0."""
    category = residual.code[:3]
    others = [e for e in claim.cm if e.valid and e is not residual]
    best = _best_children(claim, category, [residual, *others])
    if not best or any(v.code == residual.code for v in best):
        return None
    notes = _own_notes(claim, best[0].code, len(category) + 1)
    linked = tuple(e for e in others if any(_matches(claim, r, e) for n in notes for r in n.refs))
    if not linked:
        return None
    return _Found(row, residual, linked, best, None, tabular(best[0].code, "Use additional code"))


# ---- "with": diabetes -------------------------------------------------------------------------------------


def _by_with(claim: Claim, row: Presumption, residual: Entry) -> _Found | None:
    category = residual.code[:3]
    same = next((e for e in claim.cm if e.valid and e is not residual and e.code.startswith(category)), None)
    if same is not None:
        return _Found(row, residual, (same,), (), same, tabular(category, "codes with complications"))
    others = [e for e in claim.cm if e.valid and e is not residual and not e.code.startswith(category)]
    if not others:
        return None
    candidates = [
        (v, *_links_of(claim, v, category))
        for v in leaves(valid_under(claim, "cm", category))
        if v.code != residual.code
    ]
    joined = "\n".join(with_part.lower() for _, with_part, _ in candidates)
    with_refs = [(v, refs) for v, _, refs in candidates if refs]
    linked: list[Entry] = []
    targets: list[Valid] = []
    for e in others:
        head = _condition(e.title)
        picks = []
        if head and head in joined:  # a cheap test first: most conditions are no complication here
            picks = [v for v, with_part, _ in candidates if with_part and mentions(with_part, head)]
        picks += [v for v, refs in with_refs if v not in picks and any(_matches(claim, r, e) for r in refs)]
        if picks:
            linked.append(e)
            targets += [p for p in picks if p not in targets]
    if not linked:
        return None
    return _Found(
        row, residual, tuple(linked), tuple(targets[:4]), None, tabular(category, "combination codes")
    )


def _links_of(claim: Claim, candidate: Valid, category: str) -> tuple[str, list[Ref]]:
    """What a combination code links with "with": its title after "with", and the codes its own (not "such
    as") Use additional notes name."""
    with_part = candidate.title.split(" with ", 1)[1] if " with " in candidate.title else ""
    refs = [
        r
        for size in range(len(candidate.code), len(category), -1)
        for note in claim.tables.of("use_additional", candidate.code[:size])
        if not note.examples_only
        for r in note.refs
    ]
    return with_part, refs


def _condition(title: str) -> str:
    """The condition a title names, without its qualifiers: "Chronic kidney disease, stage 4 (severe)" ->
    "chronic kidney disease"; "Unspecified cataract" -> "cataract"."""
    head = re.split(r"[,(]", title, maxsplit=1)[0].strip().lower()
    head = re.sub(r"^(unspecified|other|other specified)\s+", "", head)
    return head if len(head) >= 5 else ""


# ---- abnormal findings --------------------------------------------------------------------------------------


def _by_findings(claim: Claim, row: Presumption, residual: Entry) -> _Found | None:
    findings = [ref for ref in parse_refs(row.linked_by)]
    linked = tuple(e for e in claim.cm if e.valid and any(r.covers(e.code) for r in findings))
    if not linked:
        return None
    wanted = residual.title.replace(row.residual_title, row.residual_title.replace("without", "with", 1))
    parent = residual.chain[1] if len(residual.chain) > 1 else residual.code[:-1]
    siblings = [v for v in valid_under(claim, "cm", parent) if v.title == wanted]
    if not siblings:
        return None
    notes = claim.tables.of("use_additional", siblings[0].code)
    note = f"{tabular(siblings[0].code, 'Use additional code')}" if notes else tabular(parent, "")
    return _Found(row, residual, linked, (siblings[0],), None, note)


# ---- the finding ----------------------------------------------------------------------------------------------


def _hit(claim: Claim, item: _Found) -> Hit:
    row = item.row
    source = f"{GUIDELINES}, section {row.section}; {item.note}"
    residual = item.residual
    linked = ", ".join(e.named for e in item.linked)
    if item.already is not None:
        message = (
            f"{residual.named} is reported beside {item.already.named}, a combination code that already says it "
            f"({source})."
        )
        fix = f"Remove {residual.display}."
        reason = f"{residual.display} is included in {item.already.display}"
        return Hit([residual, item.already], message, fix, reason, source=source)
    targets = " or ".join(f"{display('cm', v.code)} ({v.title})" for v in item.targets)
    names = " or ".join(display("cm", v.code) for v in item.targets)
    message = (
        f"{residual.named} and {linked} are coded separately, but the classification presumes a link between "
        f"{row.condition} ({source}): the combination code is {targets}."
    )
    replaced = [residual, *(e for e in item.linked if row.residual and e.code.startswith(row.residual))]
    kept = [e for e in item.linked if e not in replaced]
    keeping = (
        f", keeping {', '.join(e.display for e in kept)} where its Use additional note asks for it"
        if kept
        else ""
    )
    fix = (
        f"Report {names} instead of {' and '.join(e.display for e in replaced)}{keeping}, unless the provider "
        "documents that the conditions are unrelated."
    )
    return Hit([residual, *item.linked], message, fix, f"combination code {names} presumed", source=source)
