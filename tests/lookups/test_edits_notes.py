"""Tabular notes read wherever the codes are written, and the tabular's 7th-character rules, in checks and show."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.edits import CheckResult, Finding, check_claim, parse_refs

D2025 = date(2025, 6, 1)
# Excludes1 notes that yielded at least one code before notes were read outside parentheses (measured on the
# shipped April 2026 tabular with the parenthesis-only reader this replaced).
EXCLUDES1_WITH_CODES_BEFORE = 5256


def only(result: CheckResult, rule: str) -> Finding:
    found = [f for f in result.findings if f.rule == rule]
    assert len(found) == 1, result.findings
    return found[0]


def rules(result: CheckResult) -> list[str]:
    return [f.rule for f in result.findings]


# ---- Excludes1 written outside parentheses, with "and", ranges, qualifiers, dashes ----------------------------


@pytest.mark.parametrize(
    ("first", "second", "holder"),
    [
        ("E87.20", "E11.10", "E87.2"),  # "see categories E08-E10, E11, E13 with ketoacidosis"
        ("E87.20", "E13.10", "E87.2"),
        ("H47.611", "S04.041A", "H47.6"),  # "injury to visual cortex S04.04-"
        ("P76.8", "K56.0", "P76.8"),  # "intestinal obstruction classifiable to K56.-"
        ("K56.0", "P76.8", "K56"),  # "neonatal intestinal obstructions classifiable to P76.-"
        ("Q18.0", "Q67.0", "Q18"),  # "conditions classified to Q67.0-Q67.4"
        ("R29.891", "Q68.0", "R29.891"),  # "congenital (sternomastoid) torticollis Q68.0"
        ("S06.0X0A", "S06.1X0A", "S06.0"),  # "S06.1- to S06.6-, and S06.81- to S06.89-"
        ("S06.0X0A", "S06.81AA", "S06.0"),
        ("S06.9X0A", "S06.0X0A", "S06.9"),  # "S06.0- to S06.8-code to specified ..."
        ("Y93.79", "Y93.61", "Y93.79"),  # "specified in categories Y93.0-Y93.6"
        ("Y93.A9", "Y93.01", "Y93.A9"),
        ("Y93.B9", "Y93.A1", "Y93.B9"),  # a range ending in a letter, Y93.0-Y93.A
        ("Z18.9", "Z87.821", "Z18"),  # "personal history of retained foreign body fully removed Z87.821"
        ("T88.7XXA", "T80.1XXA", "T88.7"),  # "(A00-R94 and T80-T88.6, T88.8)"
        ("E72.20", "E72.4", "E72.20"),
        ("H91.90", "H90.3", "H91"),  # "hearing loss as classified in H90.-"
        ("M65.20", "M75.30", "M65.2"),  # "tendinitis as classified in M75-M77"
        ("Q67.0", "Q87.0", "Q67"),
        ("R45.83", "R68.11", "R45.83"),
        ("Z47.33", "Z89.521", "Z47.33"),  # an unclosed parenthesis "(Z89.52-"
        ("Z72.4", "F98.21", "Z72.4"),  # "(F98.2.-F98.3)"
        ("Z85.6", "C91.01", "Z85.6"),  # "C91.0-C95.9 with 5th character 1"
        ("S51.001A", "S52.001B", "S51"),  # "(S52.- with open fracture 7th character)"
    ],
)
def test_excludes1_read_wherever_the_codes_are_written(
    codebook: CodeBook, first: str, second: str, holder: str
) -> None:
    for codes in ([first, second], [second, first]):
        result = check_claim(codebook, codes, D2025)
        finding = only(result, "excludes1")
        assert set(finding.codes) == {first, second}
        assert finding.source == f"ICD-10-CM Tabular, {holder} Excludes1" or holder in finding.message


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("E87.20", "E11.9"),  # the note's qualifier: "with ketoacidosis"
        ("E87.20", "E11.641"),  # "with hypoglycemia with coma": not ketoacidosis
        ("S51.001A", "S52.001A"),  # a closed fracture is not "open fracture 7th character"
        ("Y93.79", "Y93.71"),  # Y93.7 is outside Y93.0-Y93.6
    ],
)
def test_qualified_notes_leave_other_codes_alone(codebook: CodeBook, first: str, second: str) -> None:
    assert "excludes1" not in rules(check_claim(codebook, [first, second], D2025))


def test_reference_shapes() -> None:
    (tail,) = parse_refs("leukemia in remission C91.0-C95.9 with 5th character 1")
    assert tail.matches("C9101") and tail.matches("C9511") and not tail.matches("C9100")
    refs = parse_refs("specified adverse effects of drugs and medicaments (A00-R94 and T80-T88.6, T88.8)")
    assert [(r.low, r.high) for r in refs] == [("A00", "R94"), ("T80", "T886"), ("T888", None)]
    words = parse_refs("diabetic acidosis - see categories E08-E10, E11, E13 with ketoacidosis")
    assert [r.low for r in words] == ["E08", "E11", "E13"] and {r.words for r in words} == {"ketoacidosis"}
    assert words[1].matches("E1110", ["Type 2 diabetes mellitus with ketoacidosis without coma"])
    assert not words[1].matches("E119", ["Type 2 diabetes mellitus without complications"])
    assert not words[1].matches("E1110", ["Type 2 diabetes mellitus without ketoacidosis"])
    (seventh,) = parse_refs("open fracture of elbow and forearm (S52.- with open fracture 7th character)")
    assert seventh.matches("S52001B", seventh="initial encounter for open fracture type I or II")
    assert not seventh.matches("S52001A", seventh="initial encounter for closed fracture")
    (span,) = parse_refs("behavioral eating disorders of infancy or childhood (F98.2.-F98.3)")
    assert span.matches("F9821") and span.matches("F983") and not span.matches("F984")
    (unclosed,) = parse_refs("acquired absence of knee joint following prior explantation (Z89.52-")
    assert unclosed.matches("Z89521")
    known = {"Q680", "F4588"}.__contains__
    assert parse_refs("pernicious anemia due to vitamin B12 deficiency", known) == ()
    assert (
        parse_refs("glucose-6-phosphate dehydrogenase (G6PD) deficiency with anemia (D55.0)")[0].low == "D550"
    )
    assert parse_refs("influenza A/H1N1 (J10.-)")[0].low == "J10"
    # Only parenthesised codes when there are any: "any type in A15" describes, "(J65)" is what is excluded.
    assert [r.low for r in parse_refs("pneumoconiosis with tuberculosis, any type in A15 (J65)")] == ["J65"]


def test_excludes1_notes_yielding_codes_before_and_after(codebook: CodeBook) -> None:
    """Every Excludes1 note that writes an existing ICD-10-CM code now yields at least one reference."""
    known = {c for (c,) in codebook.db.execute("SELECT code FROM codes WHERE system = 'cm'")}
    texts = [
        t for (t,) in codebook.db.execute("SELECT text FROM notes WHERE system = 'cm' AND kind = 'excludes1'")
    ]
    writes_a_code = [
        t
        for t in texts
        if any(
            m.replace(".", "") in known
            for m in re.findall(r"(?<![A-Za-z0-9])[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?", t)
        )
    ]
    with_refs = [t for t in texts if parse_refs(t, known.__contains__)]
    missed = [t for t in writes_a_code if not parse_refs(t, known.__contains__)]
    print(
        f"Excludes1 notes: {len(texts)}; with codes before {EXCLUDES1_WITH_CODES_BEFORE}, after {len(with_refs)}"
    )
    assert missed == []
    assert len(with_refs) >= EXCLUDES1_WITH_CODES_BEFORE + 20


def test_every_code_an_excludes1_note_writes_is_read(codebook: CodeBook) -> None:
    """Generated over every Excludes1 note of the loaded tabular: each code the note writes that the data holds
    is covered by a reference parsed from it, and each range it writes is read as one (so a list's later items,
    a range or a qualified list are never dropped). The one exception is the parser's rule: when parentheses
    name codes, codes in the running text outside them describe ("pneumoconiosis with tuberculosis, any type in A15 (J65)")."""
    known = {c for (c,) in codebook.db.execute("SELECT code FROM codes WHERE system = 'cm'")}
    texts = {
        t for (t,) in codebook.db.execute("SELECT text FROM notes WHERE system = 'cm' AND kind = 'excludes1'")
    }
    written_code = re.compile(r"(?<![A-Za-z0-9.])[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?")
    written_range = re.compile(
        rf"({written_code.pattern})(?:\.?-\s*(?:to\s*)?|\s*(?:–|to)\s*)({written_code.pattern})"
    )
    dropped = []
    for text in sorted(texts):
        refs = parse_refs(text, known.__contains__)
        groups = re.findall(r"\(([^()]*)\)?", text)
        held_inside = [c for g in groups for c in written_code.findall(g) if c.replace(".", "") in known]
        read_from = " ; ".join(groups) if held_inside else text
        for written in written_code.findall(read_from):
            code = written.replace(".", "")
            if code in known and not any(r.covers(code) for r in refs):
                dropped.append((written, text))
        for low, high in written_range.findall(read_from):
            ends = (low.replace(".", ""), high.replace(".", ""))
            if all(e in known for e in ends) and not any(r.high and all(map(r.covers, ends)) for r in refs):
                dropped.append((f"{low}-{high}", text))
    assert dropped == []


# ---- 7th characters ------------------------------------------------------------------------------------------


def test_show_honours_the_tabulars_7th_character_exceptions(codebook: CodeBook) -> None:
    detail = codebook.detail("S06.338")
    assert detail is not None and [c for c, _ in detail.seventh] == ["A"]  # 6th character 8: no D or S
    other = codebook.detail("S06.330")
    assert other is not None and [c for c, _ in other.seventh] == ["A", "D", "S"]


def test_check_lists_only_the_7th_characters_the_tabular_allows(codebook: CodeBook) -> None:
    finding = only(check_claim(codebook, ["S06.338"], D2025), "seventh-character")
    assert "S06.338A" in finding.message and "S06.338D" not in finding.message
    assert "D = " not in finding.fix


def test_wrong_7th_character_on_a_placeholder_code_lists_completions(codebook: CodeBook) -> None:
    result = check_claim(codebook, ["T64.82XZ"], D2025)
    finding = only(result, "seventh-character")
    assert "Z is not an allowed 7th character for T64.82" in finding.message
    for code in ("T64.82XA", "T64.82XD", "T64.82XS"):
        assert code in finding.message
    assert "not-found" not in rules(result)


def test_manifestation_second_without_etiology_cites_the_code_first_note(codebook: CodeBook) -> None:
    later = only(check_claim(codebook, ["I10", "D63.1"], D2025), "manifestation-first")
    assert "Code first" in later.source and "MCE" not in later.source and "MCE" not in later.message
    first = only(check_claim(codebook, ["G63"], D2025), "manifestation-first")
    assert "MCE" in first.source and "manifestation code edit" in first.message
