"""The newer edits both ways with real codes: combination-code, ncci-ptp, pcs-outpatient, one-line reminders,
and the registry every rule is declared in."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.edits import RULES, CheckResult, Finding, Severity, Verdict, check_claim, rules_table
from bot.lookups.edits.registry import REGISTRY, Scope
from bot.lookups.importer import detect_kind, import_file
from bot.lookups.loaders.errors import LoaderError
from bot.lookups.loaders.ncci import load_ncci_ptp

D2025 = date(2025, 6, 1)
D2020 = date(2020, 11, 2)  # HCPCS data covers it in the annual 2020 file and in the quarterly data
CPT_SAMPLE = Path(__file__).resolve().parent.parent / "data" / "imports" / "cpt-sample.csv"


def rules(result: CheckResult) -> list[str]:
    return [f.rule for f in result.findings]


def only(result: CheckResult, rule: str) -> Finding:
    found = [f for f in result.findings if f.rule == rule]
    assert len(found) == 1, result.findings
    return found[0]


# ---- combination-code ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codes", "combination", "section"),
    [
        (
            ["I10", "I50.9"],
            "I11.0",
            "I.C.9.a.2",
        ),  # I11 Includes "any condition in I50.- ... due to hypertension"
        (["I10", "I51.7"], "I11.9", "I.C.9.a.2"),  # no heart failure: the child without one
        (["I10", "N18.4"], "I12.9", "I.C.9.a.3"),  # I12.9's Use additional names N18.1-N18.4
        (["I10", "N18.6"], "I12.0", "I.C.9.a.3"),  # I12.0's names N18.5, N18.6
        (["I10", "I50.9", "N18.30"], "I13.0", "I.C.9.a.4"),  # one finding, the widest combination
        (["I11.0", "I50.9", "N18.30"], "I13.0", "I.C.9.a.4"),  # I13 Includes "I11.- with ... I12.-"
        (["E11.9", "N18.4"], "E11.22", "I.C.4.a"),  # "with diabetic chronic kidney disease"
        (["E10.9", "N18.4"], "E10.22", "I.C.4.a"),
        (["E11.9", "G62.9"], "E11.42", "I.C.4.a"),  # "with diabetic polyneuropathy"
        (["E11.9", "R73.9"], "E11.65", "I.C.4.a"),  # "with hyperglycemia"
        (
            ["E11.9", "L97.419"],
            "E11.621",
            "I.C.4.a",
        ),  # E11.621 Use additional "site of ulcer (L97.4-, L97.5-)"
        (["Z00.00", "R73.03"], "Z00.01", "I.C.21.c.13"),  # "with abnormal findings"
        (["Z00.129", "R62.50"], "Z00.121", "I.C.21.c.13"),
    ],
)
def test_combination_code_when_presumed_links_are_coded_apart(
    codebook: CodeBook, codes: list[str], combination: str, section: str
) -> None:
    result = check_claim(codebook, codes, D2025)
    finding = only(result, "combination-code")
    assert finding.severity == Severity.WARNING and finding.codes == codes
    assert combination in finding.message and f"Report {combination}" in finding.fix
    assert f"section {section}" in finding.source and "ICD-10-CM Tabular" in finding.source


@pytest.mark.parametrize(
    "codes",
    [
        ["I11.0", "I50.9"],  # already the combination
        ["E11.22", "N18.4"],
        ["I13.0", "I50.9", "N18.30"],
        ["E11.9", "I10"],  # diabetes and hypertension: no presumed link
        ["E11.9", "Z79.4", "E78.5"],
        ["Z00.00", "I10"],  # a chronic condition is not an abnormal finding
        ["I15.0", "N18.30"],  # secondary hypertension is not the residual I10
    ],
)
def test_no_combination_code_when_nothing_is_presumed(codebook: CodeBook, codes: list[str]) -> None:
    assert "combination-code" not in rules(check_claim(codebook, codes, D2025))


@pytest.mark.parametrize(
    ("codes", "kept"), [(["E11.9", "E11.65"], "E11.65"), (["I10", "I11.0", "I50.9"], "I11.0")]
)
def test_a_residual_code_beside_its_combination_is_redundant(
    codebook: CodeBook, codes: list[str], kept: str
) -> None:
    finding = only(check_claim(codebook, codes, D2025), "combination-code")
    assert finding.fix == f"Remove {codes[0]}." and kept in finding.message


@pytest.mark.parametrize(
    ("codes", "combination", "replaced"),
    [
        # I11.0 says heart failure, I12.0 stage 5 / ESRD, I12.9 stage 1-4: the I13 code says the same
        (["I11.0", "N18.4"], "I13.0", ["I11.0"]),
        (["I11.0", "N18.6"], "I13.2", ["I11.0"]),
        (["I10", "I11.0", "N18.4"], "I13.0", ["I10", "I11.0"]),
        (["I12.9", "I50.9"], "I13.0", ["I12.9"]),
        (["I12.0", "I50.22"], "I13.2", ["I12.0"]),
        (["I11.0", "I12.9"], "I13.0", ["I11.0", "I12.9"]),
        (["I11.0", "I12.0"], "I13.2", ["I11.0", "I12.0"]),
        (["I12.0", "I11.9"], "I13.11", ["I12.0", "I11.9"]),
        (["I11.9", "I12.9"], "I13.10", ["I11.9", "I12.9"]),
        (["I11.9", "N18.4"], "I13.10", ["I11.9"]),
    ],
)
def test_the_i13_code_says_what_the_claims_hypertension_codes_already_say(
    codebook: CodeBook, codes: list[str], combination: str, replaced: list[str]
) -> None:
    """One finding, naming the one I13 code whose meaning (heart failure or not, the CKD stage) is what the
    claim's own I11/I12 codes say, and replacing every hypertension code it stands for."""
    finding = only(check_claim(codebook, codes, D2025), "combination-code")
    assert set(finding.codes) == set(codes)
    assert f"Report {combination} instead of {' and '.join(replaced)}" in finding.fix, finding.fix
    assert "I.C.9.a.4" in finding.source
    kept = [c for c in codes if c not in replaced]
    assert ("keeping" in finding.fix) is bool(kept)


@pytest.mark.parametrize(
    ("codes", "combination"),
    [
        (["I11.9", "I50.9"], "I11.0"),  # "without heart failure" beside heart failure
        (["I12.9", "N18.6"], "I12.0"),  # stage 1-4 beside ESRD
        (["I12.0", "N18.4"], "I12.9"),
        (["I13.10", "I50.9"], "I13.0"),
        (["I13.0", "N18.6", "I50.9"], "I13.2"),
    ],
)
def test_a_hypertension_combination_contradicted_by_the_code_beside_it(
    codebook: CodeBook, codes: list[str], combination: str
) -> None:
    finding = only(check_claim(codebook, codes, D2025), "combination-code")
    assert finding.codes == codes and f"Report {combination} instead of {codes[0]}" in finding.fix
    assert "section I.C.9.a" in finding.source and f"{combination} Use additional code" in finding.source


@pytest.mark.parametrize(
    "codes",
    [
        ["I11.0", "I50.9"],
        ["I11.0"],
        ["I12.9", "N18.4"],
        ["I12.0", "N18.6"],
        ["I13.2", "N18.6"],
        ["I13.10", "N18.4"],
    ],
)
def test_a_hypertension_combination_that_agrees_with_its_companions_is_left_alone(
    codebook: CodeBook, codes: list[str]
) -> None:
    assert "combination-code" not in rules(check_claim(codebook, codes, D2025))


# ---- pcs-outpatient ------------------------------------------------------------------------------------------


def test_pcs_code_on_an_outpatient_claim(codebook: CodeBook) -> None:
    outpatient = check_claim(codebook, ["K35.80", "0DTJ4ZZ"], D2025)
    finding = only(outpatient, "pcs-outpatient")
    assert finding.severity == "error" and finding.codes == ["0DTJ4ZZ"] and finding.system == "ICD-10-PCS"
    assert outpatient.verdict == Verdict.FAIL
    inpatient = check_claim(codebook, ["K35.80", "0DTJ4ZZ"], D2025, setting="inpatient")
    assert "pcs-outpatient" not in rules(inpatient) and inpatient.verdict == "pass"


# ---- ncci-ptp ------------------------------------------------------------------------------------------------


def _shipped_pair(book: CodeBook, modifier: int) -> tuple[str, str]:
    """A shipped HCPCS Level II pair in effect on D2020 whose two codes are valid then (from the database)."""
    iso = D2020.isoformat()
    for column1, column2 in book.db.execute(
        "SELECT column1, column2 FROM ncci_ptp WHERE source = 'shipped' AND modifier = ? AND start <= ? "
        "AND (end = '' OR end >= ?) ORDER BY column1, column2",
        [modifier, iso, iso],
    ):
        result = check_claim(book, [f"px:{column1}", f"px:{column2}"], D2020)
        if all(r.system == "HCPCS" for r in result.read) and not {"not-valid-on-dos", "not-found"} & set(
            rules(result)
        ):
            return column1, column2
    raise AssertionError(f"no shipped pair with modifier indicator {modifier}")


def test_ncci_pair_without_a_modifier_allowed_is_an_error(codebook: CodeBook) -> None:
    column1, column2 = _shipped_pair(codebook, 0)
    for codes in ([column1, column2], [column2, column1]):
        finding = only(check_claim(codebook, codes, D2020), "ncci-ptp")
        assert finding.severity == "error" and set(finding.codes) == {column1, column2}
        assert "modifier indicator 0" in finding.message and f"Remove {column2}" in finding.fix
        assert finding.source.startswith("CMS NCCI procedure-to-procedure edits")
    assert "ncci-ptp" not in rules(check_claim(codebook, [column1, column2], D2020, setting="inpatient"))
    assert "ncci-ptp" not in rules(check_claim(codebook, [column1], D2020))


def test_ncci_pair_with_a_modifier_allowed_is_a_warning_until_the_line_carries_one(
    codebook: CodeBook,
) -> None:
    column1, column2 = _shipped_pair(codebook, 1)
    result = check_claim(codebook, [column1, column2], D2020)
    finding = only(result, "ncci-ptp")
    assert finding.severity == "warning" and result.verdict == "pass"
    assert all(m in finding.fix for m in ("59", "XE", "XS", "XP", "XU"))
    assert "ncci-ptp" not in rules(check_claim(codebook, [column1, f"{column2}-59"], D2020))
    assert "ncci-ptp" not in rules(check_claim(codebook, [column1, f"px:{column2}-XS"], D2020))
    assert result.read[1].modifiers == ()
    modified = check_claim(codebook, [column1, f"{column2}-XU"], D2020)
    assert modified.read[1].modifiers == ("XU",) and modified.codes[1] == column2


def test_ncci_pair_outside_its_dates_is_not_reported(codebook: CodeBook) -> None:
    ended = codebook.db.execute(
        "SELECT column1, column2, end FROM ncci_ptp WHERE source = 'shipped' AND end != '' ORDER BY column1 LIMIT 1"
    ).fetchone()
    if ended is None:
        pytest.skip("every shipped pair is still in effect")
    column1, column2, end = ended
    after = date.fromisoformat(end).replace(day=1)
    later = check_claim(codebook, [column1, column2], date(after.year + 1, 1, 15))
    assert "ncci-ptp" not in rules(later)


CMS_PTP = (
    "CPT only copyright 2019 American Medical Association. All rights reserved.\n"
    "Column1/Column 2 Edits\n"
    "Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date *=no data\t"
    "Modifier 0=not allowed 1=allowed 9=not applicable\tPTP Edit Rationale\n"
    "99214\t99213\t\t20201001\t*\t1\tMutually exclusive procedures\n"
    "99213\tG0102\t\t20201001\t*\t1\tStandards of medical / surgical practice\n"
    "99214\tG0102\t\t20190701\t20191231\t9\tNot applicable\n"
)


@pytest.fixture
def private_book(small_book: CodeBook) -> CodeBook:
    """A code database the test may change (a copy of the session's small one)."""
    return small_book


def test_imported_cms_ptp_zip_adds_cpt_pairs(private_book: CodeBook, tmp_path: Path) -> None:
    text = tmp_path / "ccioph-v263r0-f1.txt"
    text.write_text(CMS_PTP, encoding="latin-1")
    archive = tmp_path / "medicare-ncci-2020q4-hospital-ptp-edits-ccioph-v263r0-f1.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(text, text.name)
        zf.writestr("read me.pdf", b"%PDF-1.4 not text")
    assert detect_kind(archive) == "ncci-ptp" and detect_kind(text) == "ncci-ptp"
    rows = load_ncci_ptp(archive)
    assert [(r.column1, r.column2, r.modifier_allowed) for r in rows] == [
        ("99214", "99213", True),
        ("99213", "G0102", True),
    ]
    import_file(private_book.path, CPT_SAMPLE, effective=date(2020, 1, 1))
    [result] = import_file(private_book.path, archive)
    private_book.refresh()
    assert (
        result.kind == "ncci-ptp"
        and result.added == 2
        and "2 procedure-to-procedure pairs" in result.summary()
    )
    finding = only(check_claim(private_book, ["99214", "99213"], D2020), "ncci-ptp")
    assert finding.severity == "warning" and "imported file" in finding.source and finding.system == "CPT"
    assert "ncci-ptp" not in rules(check_claim(private_book, ["99214", "99213-25"], D2020))
    assert "ncci-ptp" not in rules(check_claim(private_book, ["99214", "99213"], date(2020, 9, 30)))
    mixed = only(check_claim(private_book, ["99213", "G0102"], D2020), "ncci-ptp")
    assert mixed.system == "CPT / HCPCS"


def test_every_ptp_file_of_a_zip_is_imported_kept_by_kind_and_only_once(
    private_book: CodeBook, tmp_path: Path
) -> None:
    # CMS splits the PTP edits over several text files: each is imported (not only the first one recognised).
    second = [*CMS_PTP.splitlines()[:3], "99215\t99212\t\t20201001\t*\t0\tMutually exclusive procedures"]
    archive = tmp_path / "medicare-ncci-2020q4-practitioner-ptp-edits.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("ccipra-v263r0-f1.txt", CMS_PTP)
        zf.writestr("ccipra-v263r0-f2.txt", "\n".join(second) + "\n")
    results = import_file(private_book.path, archive)
    assert [r.kind for r in results] == ["ncci-ptp", "ncci-ptp"] and sum(r.added for r in results) == 3
    kept = sorted(p.name for p in (private_book.path.parent / "imports").glob("*.kept"))
    assert [name[:14] for name in kept] == ["0001-ncci-ptp-", "0002-ncci-ptp-"]
    pairs = private_book.db.execute("SELECT count(*) FROM ncci_ptp WHERE source LIKE 'import:%'").fetchone()
    assert pairs == (3,)
    [again] = import_file(private_book.path, archive)
    assert again.already and "Nothing changed" in again.summary()
    assert private_book.db.execute(
        "SELECT count(*) FROM ncci_ptp WHERE source LIKE 'import:%'"
    ).fetchone() == (3,)


def test_a_malformed_ptp_file_is_refused_whole(private_book: CodeBook, tmp_path: Path) -> None:
    bad = tmp_path / "ccipra-v263r0-f1.txt"
    bad.write_text(CMS_PTP + "99215\t99213\t\t2020-10-01\t*\t1\tbad date\n", encoding="latin-1")
    before = private_book.db.execute("SELECT count(*) FROM ncci_ptp").fetchone()
    with pytest.raises(LoaderError, match="line 7"):
        import_file(private_book.path, bad, kind="ncci-ptp")
    assert private_book.db.execute("SELECT count(*) FROM ncci_ptp").fetchone() == before


# ---- use-additional / code-also: one line per claim -----------------------------------------------------------


def test_reminders_are_one_line_per_claim(codebook: CodeBook) -> None:
    result = check_claim(codebook, ["E11.22", "N18.4", "I10", "S06.0X0A"], D2025)
    use_additional = only(result, "use-additional")
    assert use_additional.severity == "info"
    assert {"E11.22", "I10", "N18.4"} <= set(use_additional.codes)
    assert "Z79.4" in use_additional.message and "Z87.891" in use_additional.message
    assert len(use_additional.message.splitlines()) == 1
    assert only(result, "code-also").codes == ["S06.0X0A"]
    assert result.without_info().findings == [f for f in result.findings if f.severity != "info"]


# ---- the registry ----------------------------------------------------------------------------------------------


def test_every_rule_is_registered_once_with_severity_source_and_summary() -> None:
    assert len(RULES) == len(set(RULES)) == len(REGISTRY)
    for new in ("ambiguous-system", "ncci-ptp", "pcs-outpatient", "combination-code"):
        assert new in RULES
    for spec in REGISTRY.values():
        assert isinstance(spec.severity, Severity) and isinstance(spec.scope, Scope)
        assert spec.source and spec.summary
    assert [r["rule"] for r in rules_table()] == list(RULES)


def test_a_rule_cannot_be_registered_twice() -> None:
    from bot.lookups.edits.registry import rule

    with pytest.raises(ValueError, match="registered twice"):
        rule("excludes1", severity=Severity.ERROR, source="x")(lambda claim: iter(()))


def test_the_readme_rules_table_names_every_rule_with_its_severity() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    table = {
        m.group(1): m.group(2)
        for m in re.finditer(r"^\| `([a-z0-9-]+)` \| (error|warning|info)[^|]*\|", readme, re.MULTILINE)
    }
    assert {spec.id: str(spec.severity) for spec in REGISTRY.values()} == table
