"""Compliant-query rules: required options, yes/no only for documented diagnoses, indicators, wording."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.relay.query_rules import (
    OTHER_OPTION,
    UNDETERMINED_OPTION,
    YES_NO_CHOICES,
    answer_choices,
    check_answer_choice,
    normalise_codes,
    validate_query,
    with_required_options,
)
from storage.clarifications import QueryFormat
from tests.relay.conftest import make_draft


def test_a_good_multiple_choice_draft_passes() -> None:
    result = validate_query(make_draft(1))
    assert result.ok and result.errors == {} and result.warnings == []


def test_with_required_options_appends_and_deduplicates() -> None:
    assert with_required_options(["  Sepsis ", "", "sepsis", "SIRS", "clinically undetermined"]) == [
        "Sepsis",
        "SIRS",
        OTHER_OPTION,
        UNDETERMINED_OPTION,
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["Sepsis", "SIRS", UNDETERMINED_OPTION], "Other (please specify)"),
        (["Sepsis", "SIRS", OTHER_OPTION], "Clinically undetermined"),
        (["Sepsis", OTHER_OPTION, UNDETERMINED_OPTION], "at least 2"),
        (["Sepsis", "sepsis", OTHER_OPTION, UNDETERMINED_OPTION], "different"),
        (["Sepsis", "x" * 80, OTHER_OPTION, UNDETERMINED_OPTION], "75 characters"),
        ([f"Option {n}" for n in range(9)] + [OTHER_OPTION, UNDETERMINED_OPTION], "At most 10"),
    ],
)
def test_multiple_choice_option_rules(options: list[str], message: str) -> None:
    result = validate_query(make_draft(1, options=options))
    assert message in result.errors["options"]


def test_a_single_option_is_also_a_leading_warning() -> None:
    result = validate_query(make_draft(1, options=with_required_options(["Sepsis"])))
    assert "options" in result.errors
    assert any("Only one clinical option" in warning for warning in result.warnings)


def test_open_ended_queries_take_no_options() -> None:
    assert validate_query(make_draft(1, format=QueryFormat.OPEN_ENDED, options=[])).ok
    result = validate_query(make_draft(1, format=QueryFormat.OPEN_ENDED, options=["Sepsis"]))
    assert "only used by multiple-choice" in result.errors["options"]


def test_yes_no_only_clarifies_a_documented_diagnosis() -> None:
    draft = make_draft(1, format=QueryFormat.YES_NO, options=[], question="Is the documented CHF acute?")
    assert "already documented" in validate_query(draft).errors["format"]
    assert validate_query(make_draft(1, format=QueryFormat.YES_NO, options=[], documented_diagnosis=True)).ok


@pytest.mark.parametrize(
    ("indicators", "message"),
    [("", "List the clinical indicators"), ("low Hgb", "enough detail"), ("Hemoglobin:7.1", "enough detail")],
)
def test_clinical_indicators_are_required(indicators: str, message: str) -> None:
    assert message in validate_query(make_draft(1, indicators=indicators)).errors["indicators"]


@pytest.mark.parametrize(
    ("ref", "ok"),
    [
        ("ENC-2026-00042", True),
        ("CLM 88812345", True),
        ("ACCT#4451/2", False),  # a labelled account number is an identifier (issue 14)
        ("", False),
        ("   ", False),
        ("x" * 65, False),
        ("John Smith", False),
        ("ENC<script>1", False),
        ("MRN 00123456", False),
    ],
)
def test_encounter_reference_is_an_opaque_reference(ref: str, ok: bool) -> None:
    assert ("encounter_ref" not in validate_query(make_draft(1, encounter_ref=ref)).errors) is ok


def test_question_is_required_and_bounded() -> None:
    assert "Enter the question" in validate_query(make_draft(1, question="  ")).errors["question"]
    assert "3000" in validate_query(make_draft(1, question="Why? " * 700)).errors["question"]


def test_codes_must_look_like_codes() -> None:
    assert validate_query(make_draft(1, codes=["e119, I10", "0DTJ4ZZ"])).ok
    assert "codes" in validate_query(make_draft(1, codes=["E11.9!"])).errors
    assert normalise_codes(["e11.9, I10", "i10 0dtj4zz"]) == ("E11.9", "I10", "0DTJ4ZZ")


@pytest.mark.parametrize(
    ("question", "fragment"),
    [
        ("Acute blood loss anemia would improve payment; can you clarify?", "payment"),
        ("This affects the DRG. Which anemia?", "DRG"),
        ("Reimbursement depends on this. Which anemia?", "reimbursement"),
        ("Our quality score needs this. Which anemia?", "quality scores"),
        ("Please document the type of anemia.", "please document"),
        ("Can you add the diagnosis of anemia?", "add a diagnosis"),
        ("Would an MCC apply? Which anemia?", "severity"),
    ],
)
def test_leading_wording_warns(question: str, fragment: str) -> None:
    result = validate_query(make_draft(1, question=question))
    assert result.ok
    assert any(fragment in warning for warning in result.warnings)


def test_naming_just_one_option_in_the_question_warns() -> None:
    result = validate_query(make_draft(1, question="Is this acute blood loss anemia?"))
    assert any("names only one of the options" in warning for warning in result.warnings)


def test_phi_in_any_field_is_an_error_for_that_field() -> None:
    draft = make_draft(
        1,
        question="Mr. Smith: which anemia?",
        indicators="Hgb 7.1, patient John Smith DOB 03/04/1962",
        options=with_required_options(["Anemia", "Call 555-123-4567"]),
    )
    result = validate_query(draft)
    assert result.phi_fields == {"question", "indicators", "options"}
    assert result.errors["question"].startswith("Question looks like it contains a patient name")
    assert "Options looks like it contains a phone number" in result.errors["options"]


def test_due_time_must_be_aware_and_in_the_future() -> None:
    now = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
    assert "time zone" in validate_query(make_draft(1, due_at=datetime(2026, 12, 1))).errors["due_at"]
    assert (
        "future" in validate_query(make_draft(1, due_at=now - timedelta(hours=1)), now=now).errors["due_at"]
    )
    assert validate_query(make_draft(1, due_at=now + timedelta(days=2)), now=now).ok


@pytest.mark.parametrize(
    ("format_", "choice", "text", "field"),
    [
        (QueryFormat.MULTIPLE_CHOICE, "Sepsis", "", None),
        (QueryFormat.MULTIPLE_CHOICE, "sepsis", "", None),
        (QueryFormat.MULTIPLE_CHOICE, "Pneumonia", "", "choice"),
        (QueryFormat.MULTIPLE_CHOICE, None, "", "choice"),
        (QueryFormat.MULTIPLE_CHOICE, OTHER_OPTION, "", "text"),
        (QueryFormat.MULTIPLE_CHOICE, OTHER_OPTION, "Urosepsis ruled out; viral syndrome", None),
        (QueryFormat.YES_NO, "yes", "", None),
        (QueryFormat.YES_NO, "maybe", "", "choice"),
        (QueryFormat.OPEN_ENDED, None, "Acute on chronic diastolic heart failure", None),
        (QueryFormat.OPEN_ENDED, None, " ", "text"),
    ],
)
def test_answer_choices(format_: QueryFormat, choice: str | None, text: str, field: str | None) -> None:
    options = with_required_options(["Sepsis", "SIRS"]) if format_ is QueryFormat.MULTIPLE_CHOICE else []
    errors = check_answer_choice(format_, options, choice, text)
    assert list(errors) == ([field] if field else [])


def test_answer_choices_per_format() -> None:
    assert answer_choices(QueryFormat.MULTIPLE_CHOICE, ["A", "B"]) == ("A", "B")
    assert answer_choices(QueryFormat.YES_NO, []) == YES_NO_CHOICES
    assert answer_choices(QueryFormat.OPEN_ENDED, []) == ()
