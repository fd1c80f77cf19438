"""One code, one system: how each claim code's system is decided, and that it is never changed afterwards.

Dates of service are picked inside both the FY2026 and the FY2027 data builds (HCPCS covered in 2020 by
the annual file and by the quarterly data); expectations about validity come from the database itself.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.commands.code_parse import MAX_CHECK_CODES, Check, parse_code_command
from bot.lookups.codebook import CodeBook
from bot.lookups.edits import CheckResult, Finding, check_claim
from bot.lookups.edits.claim import read_tokens, resolve
from bot.lookups.edits.tables import tables
from bot.lookups.systems import display

D2020 = date(2020, 6, 1)


def rules(result: CheckResult) -> list[str]:
    return [f.rule for f in result.findings]


def only(result: CheckResult, rule: str) -> Finding:
    found = [f for f in result.findings if f.rule == rule]
    assert len(found) == 1, result.findings
    return found[0]


# ---- defect 1: a dotted code is ICD-10-CM, always ------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "dos", "rule"),
    [
        ("G96.00", date(2020, 9, 30), "not-valid-on-dos"),  # starts 2020-10-01; G9600 is an HCPCS code
        ("E11.61", D2020, "header-code"),  # a header; E1161 is an HCPCS wheelchair code
        ("S84.20", D2020, "seventh-character"),  # needs X and a 7th character; S8420 is HCPCS
    ],
)
def test_a_dotted_code_never_passes_as_another_system(
    codebook: CodeBook, code: str, dos: date, rule: str
) -> None:
    assert codebook.get("hcpcs", code.replace(".", "")) is not None  # the collision is real
    result = check_claim(codebook, [code], dos)
    assert result.verdict == "fail"
    finding = only(result, rule)
    assert finding.codes == [code] and finding.system == "ICD-10-CM"
    assert [r.system for r in result.read] == ["ICD-10-CM"]


def test_g96_00_is_valid_from_its_own_start(codebook: CodeBook) -> None:
    assert check_claim(codebook, ["G96.00"], date(2020, 10, 1)).verdict == "pass"


def test_no_warning_when_the_other_reading_is_no_code_on_the_date(codebook: CodeBook) -> None:
    before = check_claim(codebook, ["G9600"], date(2020, 9, 30))  # G96.00 starts 2020-10-01
    assert before.read[0].system == "HCPCS" and "ambiguous-system" not in rules(before)
    after = check_claim(codebook, ["G9600"], date(2020, 10, 1))
    assert "ICD-10-CM G96.00" in only(after, "ambiguous-system").message


def test_an_invalid_reading_chosen_by_convention_names_the_valid_one(codebook: CodeBook) -> None:
    result = check_claim(codebook, ["E1161", "I10"], date(2020, 6, 1))  # diagnoses written undotted
    assert result.read[0].system == "ICD-10-CM" and "header-code" in rules(result)
    warning = only(result, "ambiguous-system")
    assert "HCPCS E1161" in warning.message and "valid on 2020-06-01" in warning.message


def test_show_reads_an_undotted_code_in_the_system_written_undotted(codebook: CodeBook) -> None:
    undotted = codebook.detail("K0859")
    assert undotted is not None and undotted.code.system == "hcpcs"
    assert [(a.system, a.display) for a in undotted.also] == [("cm", "K08.59")]
    dotted = codebook.detail("K08.59")
    assert dotted is not None and dotted.code.system == "cm"
    chosen = codebook.detail("K0859", "cm")
    assert chosen is not None and chosen.code.display == "K08.59"
    only_cm = codebook.detail("E119")
    assert only_cm is not None and only_cm.code.display == "E11.9"


# ---- defect 2: codes come from the data, not from a pattern ----------------------------------------------------


def test_qa0_8_a_code_with_a_letter_second_is_accepted(codebook: CodeBook) -> None:
    result = check_claim(codebook, ["E11.9", "QA0.8"], date(2026, 5, 1))
    assert result.verdict == "pass", result.findings
    assert result.read[1].system == "ICD-10-CM" and result.read[1].title.startswith(
        "Other neurodevelopmental"
    )


def test_every_code_in_every_loaded_release_is_read_as_a_code(codebook: CodeBook) -> None:
    """Each code of the codes and validity tables, written as coders write it (ICD-10-CM dotted) with its
    context, goes through the parsers a claim's text goes through (Slack's `/code check`, then the claim reader
    the command line uses too), resolves to its own system and is found: no code is refused for its shape."""
    held: dict[str, set[str]] = {}
    for system, code in codebook.db.execute(
        "SELECT system, code FROM codes WHERE kind IN ('category', 'code') UNION SELECT system, code FROM validity"
    ):
        held.setdefault(code, set()).add(system)
    book_tables = tables(codebook)
    pairs = sorted((s, c) for c, systems in held.items() for s in systems)
    assert len(pairs) > 180_000
    missing = []
    for start in range(0, len(pairs), MAX_CHECK_CODES):
        batch = pairs[start : start + MAX_CHECK_CODES]
        written = [f"{'dx' if s == 'cm' else 'px'}:{display(s, c)}" for s, c in batch]
        command = parse_code_command("check " + " ".join(written))
        assert isinstance(command, Check), (command, written)
        claim = resolve(codebook, book_tables, read_tokens(command.codes), D2020)
        missing += [
            (e.token.written, s)
            for e, (s, _) in zip(claim.entries, batch, strict=True)
            if e.system != s or not e.found
        ]
    assert missing == []


# ---- defect 3: a string that is no code anywhere is a finding ------------------------------------------------


def test_a_string_that_is_no_code_fails_the_claim(codebook: CodeBook) -> None:
    result = check_claim(codebook, ["XYZ12", "E11.9"], D2020)
    assert result.verdict == "fail"
    finding = only(result, "not-found")
    assert finding.codes == ["XYZ12"] and finding.system is None
    assert "not a code in any loaded code set" in finding.message
    assert result.read[0].system is None and result.read[1].system == "ICD-10-CM"


def test_a_dotted_string_that_is_no_cm_code_names_the_other_reading(codebook: CodeBook) -> None:
    finding = only(check_claim(codebook, ["J16.44"], D2020), "not-found")
    assert finding.system == "ICD-10-CM"
    hcpcs = codebook.get("hcpcs", "J1644")
    if hcpcs is not None:
        assert "J1644 is a HCPCS code" in finding.message and "undotted" in finding.message


# ---- ambiguous-system: the claim's context decides, and says so ------------------------------------------------


def test_an_undotted_code_in_two_systems_is_read_once_and_warned(codebook: CodeBook) -> None:
    result = check_claim(codebook, ["G0439"], D2020)
    warning = only(result, "ambiguous-system")
    assert warning.severity == "warning" and warning.system == "HCPCS"
    assert "HCPCS G0439" in warning.message and "ICD-10-CM G04.39" in warning.message
    assert "dx:G0439" in warning.fix and "px:G0439" in warning.fix
    assert result.read[0].system == "HCPCS"


@pytest.mark.parametrize(
    ("codes", "system", "warned"),
    [
        (["dx:G0439"], "ICD-10-CM", False),
        (["px:G0439"], "HCPCS", False),
        (["E119", "G0439"], "ICD-10-CM", True),  # the claim writes its diagnoses undotted
        (["E11.9", "G0439"], "HCPCS", True),  # the claim writes its diagnoses dotted
    ],
)
def test_the_claims_context_decides(codebook: CodeBook, codes: list[str], system: str, warned: bool) -> None:
    result = check_claim(codebook, codes, D2020)
    read = next(r for r in result.read if r.written.upper().endswith("G0439"))
    assert read.system == system
    assert ("ambiguous-system" in rules(result)) is warned


def test_differential_over_every_cm_hcpcs_collision(codebook: CodeBook) -> None:
    """For every string that is both an ICD-10-CM and an HCPCS code: the dotted form and dx: read it as
    ICD-10-CM with the same findings; px: reads it as HCPCS; alone it is read as HCPCS, with a warning exactly
    when the ICD-10-CM reading is valid on the date too; each reading is valid exactly when its own system's
    data says so."""
    collisions = [
        c
        for (c,) in codebook.db.execute(
            "SELECT h.code FROM codes h JOIN codes c ON c.system = 'cm' AND c.code = h.code "
            "WHERE h.system = 'hcpcs' AND h.kind = 'code' ORDER BY h.code"
        )
    ]
    assert len(collisions) >= 400
    iso = D2020.isoformat()
    for code in collisions:
        cm_valid = bool(
            codebook.db.execute(
                "SELECT 1 FROM validity WHERE system = 'cm' AND code = ? AND start <= ? AND (end = '' OR end >= ?)",
                [code, iso, iso],
            ).fetchone()
        )
        hcpcs_valid = _hcpcs_valid(codebook, code, iso)
        dotted = check_claim(codebook, [display("cm", code)], D2020)
        as_dx = check_claim(codebook, [f"dx:{code}"], D2020)
        as_px = check_claim(codebook, [f"px:{code}"], D2020)
        alone = check_claim(codebook, [code], D2020)
        assert dotted.read[0].system == as_dx.read[0].system == "ICD-10-CM", code
        assert [(f.rule, f.message) for f in dotted.findings] == [
            (f.rule, f.message) for f in as_dx.findings
        ], code
        assert as_px.read[0].system == alone.read[0].system == "HCPCS", code
        assert ("ambiguous-system" in rules(alone)) is cm_valid and "ambiguous-system" not in rules(as_px), (
            code
        )
        cm_errors = {f.rule for f in dotted.errors}
        assert (
            not cm_errors & {"not-valid-on-dos", "header-code", "seventh-character", "not-found"}
        ) is cm_valid, code
        assert ("not-valid-on-dos" not in rules(as_px)) is hcpcs_valid, code


def _hcpcs_valid(book: CodeBook, code: str, iso: str) -> bool:
    spans = book.db.execute(
        "SELECT start, end FROM validity WHERE system = 'hcpcs' AND code = ?", [code]
    ).fetchall()
    if spans:
        return any(s <= iso and (e == "" or e >= iso) for s, e in spans)
    added, terminated = book.db.execute(
        "SELECT added, terminated FROM codes WHERE system = 'hcpcs' AND code = ?", [code]
    ).fetchone()
    return (not added or added <= iso) and (not terminated or iso <= terminated)


def test_every_finding_carries_the_system_its_codes_were_read_in(codebook: CodeBook) -> None:
    result = check_claim(codebook, ["E10.9", "E11.9", "0DTJ4ZZ", "J0135", "XYZ12"], D2020)
    systems = {f.rule: f.system for f in result.findings}
    assert systems["excludes1"] == "ICD-10-CM"
    assert systems["pcs-outpatient"] == "ICD-10-PCS"
    assert systems["not-found"] is None
    data = result.to_dict()
    assert [c["system"] for c in data["codes"]] == ["ICD-10-CM", "ICD-10-CM", "ICD-10-PCS", "HCPCS", None]
    assert all("system" in f for f in data["findings"])
