"""Compliant physician-query rules (AHIMA/ACDIS "Guidelines for Achieving a Compliant Query Practice", 2022).

Errors block a query; warnings flag wording that can read as leading (payment, DRG, a single desired
answer) so the coder can rephrase. Every free-text field also goes through the PHI guard, because whatever is
stored here is posted to Slack.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.relay import phi
from storage.clarifications import QueryFormat

OTHER_OPTION = "Other (please specify)"
UNDETERMINED_OPTION = "Clinically undetermined"
REQUIRED_OPTIONS = (OTHER_OPTION, UNDETERMINED_OPTION)
YES_NO_CHOICES = ("Yes", "No", UNDETERMINED_OPTION)

MAX_QUESTION = 3000
MAX_INDICATORS = 3000
MAX_ENCOUNTER_REF = 64
MIN_INDICATORS = 15
MAX_OPTION = 75  # Block Kit option text limit: the office answers through radio buttons
MAX_OPTIONS = 10  # Block Kit radio buttons limit, required options included
MIN_CLINICAL_OPTIONS = 2
MAX_GUARDED = 4000  # longest field text the PHI guard reads when the field is refused anyway

_ENCOUNTER_REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _./#:-]*$")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.]{1,9}$")

_LEADING: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)\b(?:payment|paid|pays?|payer)\b"), "mentions payment"),
    (re.compile(r"(?i)\b(?:MS-)?DRGs?\b"), "mentions the DRG"),
    (re.compile(r"(?i)\breimburs\w*"), "mentions reimbursement"),
    (re.compile(r"(?i)\b(?:revenue|financial\w*|money|dollars?)\b"), "mentions money"),
    (
        re.compile(r"(?i)\b(?:quality\s+(?:score|scores|measure|measures|rating|metric)s?|star\s+rating)"),
        "mentions quality scores",
    ),
    (
        re.compile(r"(?i)\b(?:CC/MCC|MCC|case\s+mix|risk\s+adjust\w*|HCCs?)\b"),
        "mentions severity/risk scoring",
    ),
    (re.compile(r"(?i)\b(?:denial|denied\s+claim|audit\s+risk)\b"), "mentions claim denial"),
    (re.compile(r"(?i)\bplease\s+document\b"), 'asks the provider to "please document"'),
    (re.compile(r"(?i)\b(?:add|document|include)\s+(?:the\s+|a\s+)?diagnosis\b"), "asks to add a diagnosis"),
)


@dataclass(frozen=True)
class QueryDraft:
    """What a coder submits; `documented_diagnosis`: the query clarifies a diagnosis already documented."""

    office_id: int
    encounter_ref: str
    codes: Sequence[str]
    question: str
    format: QueryFormat
    options: Sequence[str]
    indicators: str
    due_at: datetime | None = None
    documented_diagnosis: bool = False


@dataclass(frozen=True)
class QueryValidation:
    errors: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    phi_fields: frozenset[str] = frozenset()

    @property
    def ok(self) -> bool:
        return not self.errors


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def is_required_option(option: str) -> bool:
    return any(_same(option, required) for required in REQUIRED_OPTIONS)


def with_required_options(options: Iterable[str]) -> list[str]:
    """`options` (blanks, duplicates dropped) + the two options every multiple-choice query needs."""
    kept: list[str] = []
    for option in options:
        text = option.strip()
        if text and not is_required_option(text) and not any(_same(text, seen) for seen in kept):
            kept.append(text)
    return [*kept, *REQUIRED_OPTIONS]


def clinical_options(options: Iterable[str]) -> list[str]:
    return [option.strip() for option in options if option.strip() and not is_required_option(option)]


def normalise_codes(codes: Iterable[str]) -> tuple[str, ...]:
    """Codes as written by coders ("e119, I10") -> upper-case, de-duplicated, in order."""
    seen: list[str] = []
    for raw in codes:
        for piece in re.split(r"[\s,;]+", raw):
            code = piece.strip().upper()
            if code and code not in seen:
                seen.append(code)
    return tuple(seen)


def _option_errors(draft: QueryDraft) -> str | None:
    options = [option.strip() for option in draft.options]
    if draft.format is not QueryFormat.MULTIPLE_CHOICE:
        return None if not any(options) else "Options are only used by multiple-choice queries."
    missing = [required for required in REQUIRED_OPTIONS if not any(_same(o, required) for o in options)]
    if missing:
        return f"Multiple-choice queries must include {' and '.join(f'“{m}”' for m in missing)}."
    if any(not option for option in options):
        return "Options must not be blank."
    lowered = [option.casefold() for option in options]
    if len(set(lowered)) != len(lowered):
        return "Each option must be different."
    if len(clinical_options(options)) < MIN_CLINICAL_OPTIONS:
        return (
            f"Offer at least {MIN_CLINICAL_OPTIONS} clinically reasonable options besides "
            f"“{OTHER_OPTION}” and “{UNDETERMINED_OPTION}”."
        )
    if len(options) > MAX_OPTIONS:
        return f"At most {MAX_OPTIONS} options (the two required ones included)."
    too_long = [option for option in options if len(option) > MAX_OPTION]
    if too_long:
        return f"Each option must be {MAX_OPTION} characters or fewer."
    return None


def _leading_warnings(draft: QueryDraft) -> list[str]:
    text = "\n".join([draft.question, *draft.options])
    warnings = [
        f"The query {what}; compliant queries never refer to payment, scores or the desired documentation."
        for pattern, what in _LEADING
        if pattern.search(text)
    ]
    options = clinical_options(draft.options)
    if draft.format is QueryFormat.MULTIPLE_CHOICE and len(options) == 1:
        warnings.append("Only one clinical option is offered, which reads as the desired answer.")
    if draft.format is QueryFormat.MULTIPLE_CHOICE and len(options) >= MIN_CLINICAL_OPTIONS:
        named = [option for option in options if option.casefold() in draft.question.casefold()]
        if len(named) == 1:
            warnings.append(
                f"The question names only one of the options (“{named[0]}”), which can read as the "
                "desired answer."
            )
    return warnings


def validate_query(draft: QueryDraft, *, now: datetime | None = None) -> QueryValidation:
    """Check a draft against the compliant-query rules; errors are keyed by the field a form should flag."""
    errors: dict[str, str] = {}
    ref = draft.encounter_ref.strip()
    if not ref:
        errors["encounter_ref"] = "Enter the encounter or claim reference the query is about."
    elif len(ref) > MAX_ENCOUNTER_REF:
        errors["encounter_ref"] = f"The encounter reference must be {MAX_ENCOUNTER_REF} characters or fewer."
    elif not _ENCOUNTER_REF.match(ref) or not any(ch.isdigit() for ch in ref):
        errors["encounter_ref"] = (
            "Use the opaque reference of the encounter or claim (letters, digits and - _ . / # :), "
            "never a name."
        )

    bad_codes = [code for code in normalise_codes(draft.codes) if not _CODE.match(code)]
    if bad_codes:
        errors["codes"] = "Codes look like E11.9 or 0DTJ4ZZ, separated by commas or spaces."

    question = draft.question.strip()
    if not question:
        errors["question"] = "Enter the question for the provider."
    elif len(question) > MAX_QUESTION:
        errors["question"] = f"The question must be {MAX_QUESTION} characters or fewer."

    indicators = draft.indicators.strip()
    if not indicators:
        errors["indicators"] = (
            "List the clinical indicators (labs, vitals, imaging, treatment, notes) behind the query."
        )
    elif len(indicators) < MIN_INDICATORS or len(indicators.split()) < 2:
        errors["indicators"] = (
            "Give the clinical indicators in enough detail for the provider to judge (e.g. values and dates)."
        )
    elif len(indicators) > MAX_INDICATORS:
        errors["indicators"] = f"Clinical indicators must be {MAX_INDICATORS} characters or fewer."

    if draft.format is QueryFormat.YES_NO and not draft.documented_diagnosis:
        errors["format"] = (
            "Yes/no queries may only clarify a diagnosis already documented in the record; to ask "
            "about a new diagnosis use an open-ended or multiple-choice query."
        )

    option_error = _option_errors(draft)
    if option_error:
        errors["options"] = option_error

    if draft.due_at is not None:
        if draft.due_at.tzinfo is None:
            errors["due_at"] = "The due time needs a time zone."
        elif now is not None and draft.due_at <= now:
            errors["due_at"] = "The due time must be in the future."

    free_text = {
        "encounter_ref": draft.encounter_ref,
        "codes": " ".join(draft.codes),
        "question": draft.question,
        "indicators": draft.indicators,
        "options": "\n".join(draft.options),
    }
    # A field already refused for its length is not read by the PHI guard (nothing of it is kept anyway), so
    # the guard's work is bounded by the form's limits whatever a forged submission holds.
    found_phi = phi.check_fields(
        {field: text for field, text in free_text.items() if len(text) <= MAX_GUARDED or field not in errors}
    )
    errors.update(found_phi)
    return QueryValidation(errors=errors, warnings=_leading_warnings(draft), phi_fields=frozenset(found_phi))


def answer_choices(format_: str, options: Sequence[str]) -> tuple[str, ...]:
    """The choices an office picks from when answering (none for open-ended queries)."""
    if format_ == QueryFormat.MULTIPLE_CHOICE:
        return tuple(options)
    if format_ == QueryFormat.YES_NO:
        return YES_NO_CHOICES
    return ()


def check_answer_choice(
    format_: str, options: Sequence[str], choice: str | None, text: str
) -> Mapping[str, str]:
    """Errors for an office's answer: the choice must be one offered, "Other" needs the free text."""
    errors: dict[str, str] = {}
    if format_ == QueryFormat.MULTIPLE_CHOICE:
        if not choice or not any(_same(choice, option) for option in options):
            errors["choice"] = "Choose one of the offered options."
        elif _same(choice, OTHER_OPTION) and not text.strip():
            errors["text"] = "Say what the other diagnosis or explanation is."
    elif format_ == QueryFormat.YES_NO:
        if not choice or not any(_same(choice, option) for option in YES_NO_CHOICES):
            errors["choice"] = "Answer yes, no or clinically undetermined."
    else:
        if choice:  # an open-ended query offers no choices: a forged one is never stored
            errors["choice"] = "This question takes a written answer, not a choice."
        if not text.strip():
            errors["text"] = "Enter the answer."
    if len(text) > MAX_QUESTION:
        errors["text"] = f"The answer must be {MAX_QUESTION} characters or fewer."
    return errors
