"""Claim edits: every rule with real codes, both directions, and dates on both sides of validity edges."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.lookups.codebook import CodeBook
from bot.lookups.edits import (
    DOS_FORMAT,
    RULES,
    CheckResult,
    Finding,
    check_claim,
    parse_dos,
    parse_refs,
)
from bot.lookups.edits import (
    tables as _tables,
)
from bot.lookups.errors import QueryError

D2024 = date(2024, 3, 1)


def run(book: CodeBook, codes: list[str], dos: date = D2024, **kwargs: object) -> CheckResult:
    return check_claim(book, codes, dos, **kwargs)  # type: ignore[arg-type]


def rules(result: CheckResult) -> list[str]:
    return [f.rule for f in result.findings]


def only(result: CheckResult, rule: str) -> Finding:
    found = [f for f in result.findings if f.rule == rule]
    assert len(found) == 1, result.findings
    return found[0]


# ---- not-valid-on-dos --------------------------------------------------------------------------------------


@pytest.mark.parametrize("dos", [date(2015, 10, 1), date(2021, 6, 1), date(2021, 9, 30)])
def test_m54_5_valid_until_fy2021(codebook: CodeBook, dos: date) -> None:
    result = run(codebook, ["M54.5"], dos)
    assert result.verdict == "pass"
    assert result.findings == []


@pytest.mark.parametrize("dos", [date(2021, 10, 1), date(2023, 1, 5)])
def test_m54_5_not_valid_after_split_suggests_successors(codebook: CodeBook, dos: date) -> None:
    result = run(codebook, ["M54.5"], dos)
    finding = only(result, "not-valid-on-dos")
    assert result.verdict == "fail"
    assert finding.severity == "error" and finding.codes == ["M54.5"]
    assert "2015-10-01 to 2021-09-30" in finding.message and "MCE" in finding.message
    for successor in ("M54.50", "M54.51", "M54.59"):
        assert successor in finding.message and successor in finding.fix


def test_new_code_before_its_start_names_the_code_valid_then(codebook: CodeBook) -> None:
    finding = only(run(codebook, ["M54.50"], date(2021, 6, 1)), "not-valid-on-dos")
    assert "from 2021-10-01" in finding.message
    assert "M54.5 " in finding.message and "Report M54.5 " in finding.fix
    assert run(codebook, ["M54.50"], date(2021, 10, 1)).verdict == "pass"


def test_u07_1_valid_from_april_2020(codebook: CodeBook) -> None:
    before = run(codebook, ["U07.1"], date(2020, 3, 31))
    finding = only(before, "not-valid-on-dos")
    assert "from 2020-04-01" in finding.message
    assert "2020-04-01" in finding.fix
    assert run(codebook, ["U07.1"], date(2020, 4, 1)).verdict == "pass"


def test_deleted_code_lists_codes_now_in_its_place(codebook: CodeBook) -> None:
    finding = only(run(codebook, ["H40.11X0"], date(2024, 5, 1)), "not-valid-on-dos")
    assert "2015-10-01 to 2016-09-30" in finding.message
    assert "H40.1110" in finding.message
    assert run(codebook, ["H40.11X0"], date(2016, 5, 1)).verdict == "pass"


def test_pcs_validity_from_mce_spans(codebook: CodeBook) -> None:
    finding = only(run(codebook, ["0VT00ZE"], date(2025, 1, 1), setting="inpatient"), "not-valid-on-dos")
    assert "from 2026-04-01" in finding.message
    assert run(codebook, ["0VT00ZE"], date(2026, 4, 1), setting="inpatient").verdict == "pass"


def test_hcpcs_validity_from_added_and_terminated(codebook: CodeBook) -> None:
    assert run(codebook, ["J0135"], date(2020, 5, 1)).findings == []
    added_later = only(run(codebook, ["J0135"], date(2004, 6, 1)), "not-valid-on-dos")
    assert "from 2005-01-01" in added_later.message and "HCPCS" in added_later.message
    terminated = only(run(codebook, ["A4466"], date(2020, 5, 1)), "not-valid-on-dos")
    assert "to 2016-12-31" in terminated.message and "terminated" in terminated.fix
    assert "not-valid-on-dos" not in rules(run(codebook, ["A4466"], date(2016, 12, 31)))


def test_hcpcs_validity_by_quarter_with_its_gaps(codebook: CodeBook) -> None:
    # J0570 left the I/OCE after 2024-Q4 and came back in 2025-Q4: each quarter counts, not the outer dates.
    assert run(codebook, ["J0570"], date(2024, 6, 1)).verdict == "pass"
    gap = only(run(codebook, ["J0570"], date(2025, 3, 1)), "not-valid-on-dos")
    assert "from 2017-01-01 to 2024-12-31 and from 2025-10-01" in gap.message and "I/OCE" not in gap.fix
    assert run(codebook, ["J0570"], date(2026, 3, 1)).verdict == "pass"
    # J0139 (adalimumab, 1 mg) was added on 2025-01-01
    assert run(codebook, ["J0139"], date(2025, 1, 1)).verdict == "pass"
    assert "not-valid-on-dos" in rules(run(codebook, ["J0139"], date(2024, 12, 31)))


def test_a_terminated_hcpcs_code_names_its_dates_source_and_asks_for_its_replacement(
    codebook: CodeBook,
) -> None:
    finding = only(run(codebook, ["J0135"], date(2025, 9, 1)), "not-valid-on-dos")
    assert "valid from 2005-01-01 to 2024-12-31" in finding.message
    assert "(CMS I/OCE quarterly) validity dates" in finding.message and "I/OCE" in finding.source
    assert finding.fix.startswith("The code was terminated: report the code that replaced it")


# ---- not-found, header-code, seventh-character -------------------------------------------------------------


def test_not_found_names_the_nearest_code(codebook: CodeBook) -> None:
    finding = only(run(codebook, ["E11.99"]), "not-found")
    assert finding.severity == "error"
    assert "E11.9" in finding.message and "Type 2 diabetes" in finding.message
    assert "not-found" not in rules(run(codebook, ["E11.9"]))


def test_cpt_code_without_a_cpt_release_says_how_to_import(codebook: CodeBook) -> None:
    finding = only(run(codebook, ["99213"]), "not-found")
    assert "CPT" in finding.message and "codedesk import" in finding.fix


def test_header_code_lists_billable_children(codebook: CodeBook) -> None:
    finding = only(run(codebook, ["E11"]), "header-code")
    assert "E11.00" in finding.message and "E11.01" in finding.message
    assert "more" in finding.message  # capped
    assert "header-code" not in rules(run(codebook, ["E11.9"]))


def test_header_subcategory_lists_its_children(codebook: CodeBook) -> None:
    finding = only(run(codebook, ["M54.5"], date(2023, 1, 5)), "not-valid-on-dos")
    assert "header" in finding.message
    assert rules(run(codebook, ["Z00.0"])) == ["header-code"]
    assert "Z00.00" in only(run(codebook, ["Z00.0"]), "header-code").message


def test_seventh_character_missing_lists_completions(codebook: CodeBook) -> None:
    finding = only(run(codebook, ["S72.001"]), "seventh-character")
    for char in "ABCDEFGHJKMNPQRS":
        assert f"S72.001{char}" in finding.message
    assert "initial encounter for closed fracture" in finding.fix
    assert "seventh-character" not in rules(run(codebook, ["S72.001A"]))


def test_seventh_character_placeholder_and_completions(codebook: CodeBook) -> None:
    finding = only(run(codebook, ["T36.0X1"]), "seventh-character")
    assert all(c in finding.message for c in ("T36.0X1A", "T36.0X1D", "T36.0X1S"))
    missing_x = only(run(codebook, ["T36.01A"]), "seventh-character")
    assert "placeholder X" in missing_x.message and "T36.0X1A" in missing_x.fix
    both = only(run(codebook, ["T3601"]), "seventh-character")
    assert "T36.0X1A" in both.message and "placeholder X" in both.message
    fall = only(run(codebook, ["W19"]), "seventh-character")
    assert "W19.XXXA" in fall.message
    assert run(codebook, ["T36.0X1A"]).verdict == "pass"


def test_seventh_character_not_allowed(codebook: CodeBook) -> None:
    finding = only(run(codebook, ["S72.001Z"]), "seventh-character")
    assert "Z is not an allowed 7th character" in finding.message and "S72.001S" in finding.message


# ---- excludes1 ---------------------------------------------------------------------------------------------


def test_excludes1_pair(codebook: CodeBook) -> None:
    result = run(codebook, ["E10.9", "E11.9"])
    finding = only(result, "excludes1")
    assert finding.codes == ["E10.9", "E11.9"]
    assert "Excludes1" in finding.message and "ICD-10-CM Tabular" in finding.message
    assert result.verdict == "fail"
    # The fix names the guideline's one exception: conditions the record shows to be unrelated.
    assert "unrelated" in finding.fix and "I.A.12.a" in finding.fix


def test_same_category_is_not_excludes1(codebook: CodeBook) -> None:
    result = run(codebook, ["E11.9", "E11.65"])
    assert "excludes1" not in rules(result)
    assert result.verdict == "pass"


def test_codes_already_in_error_are_left_out_of_pairs_and_reminders(codebook: CodeBook) -> None:
    assert rules(run(codebook, ["E11", "E10.9"])) == ["header-code"]
    assert rules(run(codebook, ["S72.001"])) == ["seventh-character"]


def test_excludes1_from_an_ancestor_with_a_dash_reference(codebook: CodeBook) -> None:
    finding = only(run(codebook, ["E11.9", "O24.410"]), "excludes1")  # E11 Excludes1 (O24.4-)
    assert "E11 Excludes1" in finding.message and "O24.4-" in finding.message


def test_excludes1_with_qualified_range(codebook: CodeBook) -> None:
    finding = only(run(codebook, ["E11.42", "G63"]), "excludes1")  # G63 Excludes1 (E08-E13 with .42)
    assert "G63 Excludes1" in finding.message
    assert "excludes1" not in rules(run(codebook, ["E85.1", "G63"]))


def test_parse_refs_shapes() -> None:
    (dash,) = parse_refs("diabetes mellitus due to underlying condition (E08.-)")
    assert dash.matches("E0865") and not dash.matches("E0965")
    (sub,) = parse_refs("gestational diabetes (O24.4-)")
    assert sub.matches("O24410") and not sub.matches("O2401")
    (span,) = parse_refs("chronic kidney disease (N18.1-N18.6)")
    assert span.matches("N184") and span.matches("N186") and not span.matches("N189")
    assert [r.low for r in parse_refs("diabetes (E10.-, E11.-)")] == ["E10", "E11"]
    (plain,) = parse_refs("neonatal diabetes mellitus (P70.2)")
    assert plain.matches("P702") and not plain.matches("P703")
    (blocks,) = parse_refs("neoplasm (C00-D49)")
    assert blocks.matches("C50911") and blocks.matches("D4989") and not blocks.matches("D500")
    (qualified,) = parse_refs("diabetes mellitus (E08-E13 with .42)")
    assert qualified.matches("E1142") and not qualified.matches("E119") and not qualified.matches("E1442")
    (poison,) = parse_refs("adverse effect (T36-T50 with fifth or sixth character 5)")
    assert poison.matches("T360X5A") and poison.matches("T38805A") and not poison.matches("T360X1A")
    assert parse_refs("dense deposit disease (N05-N07 with C3 glomerulopathy)") == ()
    assert parse_refs("stuttering NOS (F80.81)")[0].matches("F8081")


def test_note_references_are_parsed_once_per_codebook(codebook: CodeBook) -> None:
    run(codebook, ["E11.9"])
    first = _tables(codebook)
    run(codebook, ["E10.9", "E11.9"])
    assert _tables(codebook) is first
    assert any(r.low == "E10" for n in first.of("excludes1", "E11") for r in n.refs)


# ---- manifestation, external cause, principal -------------------------------------------------------------


def test_manifestation_alone_or_first(codebook: CodeBook) -> None:
    alone = only(run(codebook, ["G63"]), "manifestation-first")
    assert "manifestation" in alone.message and "underlying disease" in alone.message
    first = only(run(codebook, ["G63", "E85.1"]), "manifestation-first")
    assert "listed first" in first.message and "E85.1 before G63" in first.fix
    assert "manifestation-first" not in rules(run(codebook, ["E85.1", "G63"]))


def test_manifestation_without_its_listed_etiology(codebook: CodeBook) -> None:
    missing = only(run(codebook, ["I10", "D63.1"]), "manifestation-first")  # Code first CKD (N18.-)
    assert "N18.-" in missing.message
    assert "manifestation-first" not in rules(run(codebook, ["N18.4", "D63.1"]))


def test_external_cause_first(codebook: CodeBook) -> None:
    finding = only(run(codebook, ["W19.XXXA", "S72.001A"]), "external-cause-first")
    assert finding.codes == ["W19.XXXA"] and "S72.001A" in finding.fix
    assert "external-cause-first" not in rules(run(codebook, ["S72.001A", "W19.XXXA"]))


def test_external_cause_first_after_a_procedure_code(codebook: CodeBook) -> None:
    assert "external-cause-first" in rules(run(codebook, ["0DTJ4ZZ", "W19.XXXA", "S72.001A"]))


def test_unacceptable_principal_inpatient_only(codebook: CodeBook) -> None:
    finding = only(run(codebook, ["Z00.00"], setting="inpatient"), "unacceptable-principal")
    assert "inpatient" in finding.message and "MCE" in finding.message
    assert run(codebook, ["Z00.00"], setting="outpatient").verdict == "pass"
    assert "unacceptable-principal" not in rules(run(codebook, ["I10", "Z00.00"], setting="inpatient"))


# ---- age and sex -------------------------------------------------------------------------------------------


def test_age_conflict_maternity(codebook: CodeBook) -> None:
    finding = only(run(codebook, ["O80"], age=70), "age-conflict")
    assert "maternity" in finding.message and "9-64" in finding.message and "70" in finding.message
    assert "age-conflict" not in rules(run(codebook, ["O80"], age=28))
    assert "age-conflict" not in rules(run(codebook, ["O80"]))


def test_age_conflict_newborn(codebook: CodeBook) -> None:
    assert "age-conflict" in rules(run(codebook, ["Z38.00"], age=30))
    assert "age-conflict" not in rules(run(codebook, ["Z38.00"], age=0))


def test_sex_conflict_error_before_cms_turned_it_off(codebook: CodeBook) -> None:
    result = run(codebook, ["N40.0"], date(2024, 6, 1), sex="F")
    finding = only(result, "sex-conflict")
    assert finding.severity == "error" and result.verdict == "fail"
    assert "sex-conflict" not in rules(run(codebook, ["N40.0"], date(2024, 6, 1), sex="M"))


def test_sex_conflict_warning_after_cms_turned_it_off(codebook: CodeBook) -> None:
    result = run(codebook, ["N40.0"], date(2025, 1, 1), sex="female")
    finding = only(result, "sex-conflict")
    assert finding.severity == "warning" and "2024-10-01" in finding.message
    assert result.verdict == "pass"
    assert "sex-conflict" not in rules(run(codebook, ["N40.0"], date(2025, 1, 1), sex="m"))


def test_sex_conflict_on_procedures(codebook: CodeBook) -> None:
    assert only(run(codebook, ["0VT00ZZ"], date(2024, 6, 1), sex="F"), "sex-conflict").severity == "error"


# ---- unspecified, duplicate, dos-outside-data --------------------------------------------------------------


def test_unspecified_names_specific_codes(codebook: CodeBook) -> None:
    finding = only(run(codebook, ["S27.329A"]), "unspecified")
    assert finding.severity == "warning"
    assert "S27.321A" in finding.message and "S27.322A" in finding.message
    assert "unspecified" not in rules(run(codebook, ["S27.321A"]))
    assert "unspecified" not in rules(run(codebook, ["S27.329A"], date(2021, 1, 1)))  # flag from 2022-04-01


def test_duplicate_codes(codebook: CodeBook) -> None:
    finding = only(run(codebook, ["E11.9", "I10", "e119"]), "duplicate")
    assert finding.codes == ["E11.9"] and "positions 1, 3" in finding.message
    assert "duplicate" not in rules(run(codebook, ["E11.9", "I10"]))


def test_dos_outside_data(codebook: CodeBook) -> None:
    coverage = codebook.coverage()
    assert "dos-outside-data" not in rules(run(codebook, ["E11.9"], date(2026, 11, 15)))  # FY2027 is loaded
    assert coverage.covers_dos_through == date(2027, 9, 30)
    after = coverage.covers_dos_through + timedelta(days=1)
    finding = only(run(codebook, ["E11.9"], after), "dos-outside-data")
    assert finding.severity == "warning"
    assert "2027-09-30" in finding.message and "codedesk import <file>" in finding.fix
    edge = run(codebook, ["E11.9"], coverage.covers_dos_through)
    assert "dos-outside-data" not in rules(edge)


def test_mixed_systems_each_checked_against_its_own(codebook: CodeBook) -> None:
    result = run(codebook, ["K35.80", "0DTJ4ZZ", "J2405"], date(2020, 5, 1), setting="inpatient")
    assert result.findings == [] and result.verdict == "pass"
    assert result.codes == ["K35.80", "0DTJ4ZZ", "J2405"]
    assert [r.system for r in result.read] == ["ICD-10-CM", "ICD-10-PCS", "HCPCS"]
    # HCPCS data ends 2026-06-30
    later = run(codebook, ["K35.80", "0DTJ4ZZ", "J2405"], date(2026, 8, 1), setting="inpatient")
    outside = only(later, "dos-outside-data")
    assert outside.codes == ["J2405"] and "HCPCS" in outside.message
    assert later.verdict == "pass"


def test_code_in_two_systems(codebook: CodeBook) -> None:
    assert run(codebook, ["Z00.00", "G0439"], date(2020, 5, 1)).codes == ["Z00.00", "G0439"]
    assert run(codebook, ["G04.39"], date(2020, 5, 1)).codes == ["G04.39"]


# ---- use-additional / code-also ----------------------------------------------------------------------------


def test_use_additional_reminder_only_when_missing(codebook: CodeBook) -> None:
    finding = only(run(codebook, ["E11.9"]), "use-additional")
    assert (
        finding.severity == "info"
        and "Z79.4" in finding.message
        and "Use additional code notes at E11" in finding.source
    )
    assert "use-additional" not in rules(run(codebook, ["E11.9", "Z79.4"]))


def test_code_also_reminder_only_when_missing(codebook: CodeBook) -> None:
    finding = only(run(codebook, ["S27.321A"]), "code-also")
    assert "S21.-" in finding.message
    assert "code-also" not in rules(run(codebook, ["S27.321A", "S21.001A"]))


# ---- result shapes -----------------------------------------------------------------------------------------


def test_json_shape_and_order(codebook: CodeBook) -> None:
    result = run(codebook, ["E11.9", "E10.9", "E11.9", "S27.329A"], date(2027, 11, 15))
    data = result.to_dict()
    assert set(data) == {"verdict", "dos", "setting", "codes", "findings", "data"}
    assert data["verdict"] == "fail"
    assert [c["code"] for c in data["codes"]] == ["E11.9", "E10.9", "E11.9", "S27.329A"]
    assert {c["system"] for c in data["codes"]} == {"ICD-10-CM"}
    assert set(data["data"]) == {"release", "covers_dos_from", "covers_dos_through"}
    assert data["data"]["covers_dos_through"] == "2027-09-30"
    for finding in data["findings"]:
        assert set(finding) == {"rule", "severity", "system", "codes", "message", "fix", "source"}
        assert finding["rule"] in RULES and finding["message"] and finding["fix"] and finding["source"]
        assert finding["system"] == "ICD-10-CM"
    ranks = [{"error": 0, "warning": 1, "info": 2}[f["severity"]] for f in data["findings"]]
    assert ranks == sorted(ranks) and set(ranks) == {0, 1, 2}


def test_rejection_note_and_report(codebook: CodeBook) -> None:
    result = run(codebook, ["M54.5", "E10.9", "E11.9"], date(2023, 1, 5))
    note = result.rejection_note().splitlines()
    assert len(note) == 1 + len(result.errors) == 3
    assert note[1].startswith("- M54.5: not valid on 2023-01-05")
    report = result.report()
    assert "FAIL" in report and "Fix:" in report and "Rejection note:" in report
    passing = run(codebook, ["E11.9", "Z79.84"])
    assert passing.verdict == "pass" and passing.rejection_note() == ""
    assert "PASS" in passing.report()


def test_codes_written_any_way(codebook: CodeBook) -> None:
    result = run(codebook, ["e11.9,i10", " Z79.84 "])
    assert result.codes == ["E11.9", "I10", "Z79.84"] and result.verdict == "pass"


# ---- bad input ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"codes": []}, "at least one code"),
        ({"codes": [" ", ""]}, "at least one code"),
        ({"codes": ["E11.9"] * 200}, "A claim holds at most 100 codes; this one has 200"),
        ({"codes": ["E11.9", "."]}, "'.' is not a code"),
        ({"codes": ["px:E11.9"]}, "a dotted code is an ICD-10-CM diagnosis"),
        ({"codes": ["E11.9"], "age": 300}, "0 to 124"),
        ({"codes": ["E11.9"], "age": -1}, "0 to 124"),
        ({"codes": ["E11.9"], "sex": "X"}, "F or M"),
        ({"codes": ["E11.9"], "setting": "emergency"}, "outpatient or inpatient"),
    ],
)
def test_bad_input_raises_clear_query_error(codebook: CodeBook, kwargs: dict[str, object], text: str) -> None:
    args: dict[str, object] = {"dos": D2024, **kwargs}
    with pytest.raises(QueryError) as caught:
        check_claim(codebook, **args)  # type: ignore[arg-type]
    assert text in str(caught.value)


@pytest.mark.parametrize("text", ["15/03/2026", "2026-02-30", "", "tomorrow", "2026-3-5"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(QueryError, match="YYYY-MM-DD"):
        parse_dos(text)
    assert str(QueryError(DOS_FORMAT)) == "--dos must be a date as YYYY-MM-DD, e.g. 2026-03-15"


def test_good_date() -> None:
    assert parse_dos(" 2026-03-15 ") == date(2026, 3, 15)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="ABEGJMNOSTWXZ0123456789.-, x", max_size=9), max_size=6))
def test_any_input_gives_a_result_or_a_query_error(codebook: CodeBook, tokens: list[str]) -> None:
    try:
        result = check_claim(codebook, tokens, D2024, age=40, sex="F", setting="inpatient")
    except QueryError as error:
        assert str(error)
    else:
        assert result.verdict in ("pass", "fail")
        assert result.to_dict()["findings"] is not None
        result.report()


# ---- FY2027 (MCE v44, the FY2027 addenda) ------------------------------------------------------------------


def test_fy2027_new_code_takes_effect_on_2026_10_01(codebook: CodeBook) -> None:
    assert run(codebook, ["D69.11"], date(2026, 10, 1)).verdict == "pass"
    before = only(run(codebook, ["D69.11"], date(2026, 9, 30)), "not-valid-on-dos")
    assert "from 2026-10-01" in before.message and "D69.1" in before.fix
    assert run(codebook, ["QA1.71"], date(2026, 10, 1)).verdict == "pass"  # a category with a letter second


def test_code_deleted_2026_10_01_fails_with_its_successors(codebook: CodeBook) -> None:
    assert run(codebook, ["I42.0"], date(2026, 9, 30)).verdict == "pass"
    finding = only(run(codebook, ["I42.0"], date(2026, 10, 1)), "not-valid-on-dos")
    assert "to 2026-09-30" in finding.message
    assert all(code in finding.message for code in ("I42.00", "I42.01", "I42.09"))
    assert "I42.00" in finding.fix
