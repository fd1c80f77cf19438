"""Which code may come first: manifestation-first, external-cause-first, unacceptable-principal."""

from __future__ import annotations

from collections.abc import Iterator

from bot.lookups.edits.claim import Claim, Entry, tabular
from bot.lookups.edits.model import Severity
from bot.lookups.edits.registry import Hit, rule
from bot.lookups.edits.tables import Note


@rule(
    "manifestation-first",
    severity=Severity.ERROR,
    source="CMS MCE manifestation code edit (first position); ICD-10-CM Tabular, Code first notes (Guidelines I.A.13)",
)
def manifestation_first(claim: Claim) -> Iterator[Hit]:
    """A manifestation code listed first (the MCE edit), or without the etiology its Code first note requires
    (the tabular's convention: the MCE checks only the first position)."""
    for e in claim.cm:
        flags = e.flags(claim.dos)
        if "manifestation" not in flags:
            continue
        notes = [n for holder in e.chain for n in claim.tables.of("code_first", holder)]
        etiology = [o for n in notes for r in n.refs for o in claim.matching(r) if o.code != e.code]
        first = claim.principal is e
        strict = any(not n.examples_only for n in notes)
        before = [
            o for o in claim.cm if o.position < e.position and "manifestation" not in o.flags(claim.dos)
        ]
        missing = not etiology and (strict or not before)
        if first or missing:
            yield _manifestation(claim, e, notes, etiology, first, missing)


def _manifestation(
    claim: Claim, e: Entry, notes: list[Note], etiology: list[Entry], first: bool, missing: bool
) -> Hit:
    examples = "; ".join(n.text for n in notes) or "the underlying disease"
    examples = examples if len(examples) <= 300 else examples[:297].rsplit(" ", 1)[0] + " ..."
    code_first = (
        tabular(notes[0].holder, "Code first")
        if notes
        else "ICD-10-CM Guidelines I.A.13 (etiology/manifestation)"
    )
    # The MCE edit looks at the first position only; a manifestation later on the claim rests on the tabular.
    cited = f"{claim.tables.mce} manifestation code edit; {code_first}" if first else code_first
    what = f'{e.named} is a manifestation code ("in diseases classified elsewhere")'
    problems = []
    if first:
        problems.append("it may not be listed first")
    if missing:
        problems.append("the claim has no code for the underlying disease it requires")
    message = f"{what}: {' and '.join(problems)} ({cited}). Code first: {examples}."
    if etiology:
        fix = f"List {etiology[0].display} before {e.display}."
    else:
        fix = f"Add the code for the underlying disease, listed before {e.display}."
    reason = "manifestation code listed first" if first else "manifestation code without its etiology code"
    return Hit([e], message, fix, reason, source=cited)


@rule(
    "external-cause-first",
    severity=Severity.ERROR,
    source="CMS MCE E-code as principal diagnosis edit (V00-Y99)",
)
def external_cause_first(claim: Claim) -> Iterator[Hit]:
    """An external cause code (V00-Y99) listed first."""
    e = claim.principal
    if e is None or not ("ecodepdx" in e.flags(claim.dos) or e.code[0] in "VWXY"):
        return
    other = next(
        (
            o
            for o in claim.cm
            if o is not e and "ecodepdx" not in o.flags(claim.dos) and o.code[0] not in "VWXY"
        ),
        None,
    )
    source = f"{claim.tables.mce} E-code as principal diagnosis edit"
    message = (
        f"{e.named} is an external cause code (V00-Y99): it says how an injury happened and may not be the "
        f"first-listed diagnosis ({source})."
    )
    fix = (
        f"List the injury or condition first (e.g. {other.display}) and {e.display} after it."
        if other
        else f"Add the code for the injury or condition, listed first, and keep {e.display} after it."
    )
    yield Hit([e], message, fix, "external cause code listed first", source=source)


@rule(
    "unacceptable-principal",
    severity=Severity.ERROR,
    source="CMS MCE unacceptable principal diagnosis edit (inpatient)",
)
def unacceptable_principal(claim: Claim) -> Iterator[Hit]:
    """An inpatient claim whose principal diagnosis the MCE does not accept as principal."""
    e = claim.principal
    if claim.setting != "inpatient" or e is None or "unacceptable" not in e.flags(claim.dos):
        return
    if "ecodepdx" in e.flags(claim.dos):
        return  # already reported by external-cause-first
    source = f"{claim.tables.mce} unacceptable principal diagnosis edit"
    message = f"{e.named} is not acceptable as the principal diagnosis of an inpatient claim ({source})."
    fix = f"List the condition chiefly responsible for the admission first; keep {e.display} as a secondary code if it applies."
    yield Hit([e], message, fix, "unacceptable as principal diagnosis (inpatient)", source=source)
