"""The PHI guard's corpus: identifiers it must catch, and ordinary clinical text it must leave alone."""

from __future__ import annotations

import pytest

from bot.relay.phi import ADVICE, PhiKind, check_fields, find_phi, redact

POSITIVES = [
    ("123-45-6789", PhiKind.SSN),
    ("SSN 123456789", PhiKind.SSN),
    ("ssn: 123 45 6789", PhiKind.SSN),
    ("Social Security No. 123-45-6789", PhiKind.SSN),
    ("DOB 03/04/1962", PhiKind.DATE_OF_BIRTH),
    ("D.O.B. 3/4/62", PhiKind.DATE_OF_BIRTH),
    ("born 1962-03-04", PhiKind.DATE_OF_BIRTH),
    ("date of birth: March 4, 1962", PhiKind.DATE_OF_BIRTH),
    ("birthdate 4 Mar 1962", PhiKind.DATE_OF_BIRTH),
    ("03/04/1962 (DOB)", PhiKind.DATE_OF_BIRTH),
    ("(555) 123-4567", PhiKind.PHONE),
    ("555.123.4567", PhiKind.PHONE),
    ("555-123-4567", PhiKind.PHONE),
    ("+1 555 123 4567", PhiKind.PHONE),
    ("call 5551234567", PhiKind.PHONE),
    ("jane.doe@example.com", PhiKind.EMAIL),
    ("reach her at j_doe+x@mail.example.org please", PhiKind.EMAIL),
    ("123 Main Street", PhiKind.STREET_ADDRESS),
    ("45 Oak Ave Apt 2", PhiKind.STREET_ADDRESS),
    ("lives at 12 N Elm St.", PhiKind.STREET_ADDRESS),
    ("123 main street", PhiKind.STREET_ADDRESS),
    ("9 Martin Luther King Blvd", PhiKind.STREET_ADDRESS),
    ("PO Box 123", PhiKind.STREET_ADDRESS),
    ("MRN 00123456", PhiKind.MRN),
    ("MRN: A12345", PhiKind.MRN),
    ("MR# 123456", PhiKind.MRN),
    ("medical record number 7788991", PhiKind.MRN),
    ("Account 1234567890", PhiKind.ACCOUNT_NUMBER),
    ("patient John Smith", PhiKind.PATIENT_NAME),
    ("Patient John Smith", PhiKind.PATIENT_NAME),
    ("pt. Mary Jones", PhiKind.PATIENT_NAME),
    ("Pt: Mary Jones", PhiKind.PATIENT_NAME),
    ("Patient name: Jane Doe", PhiKind.PATIENT_NAME),
    ("Mr. Smith", PhiKind.PATIENT_NAME),
    ("Mrs. Jones", PhiKind.PATIENT_NAME),
    ("Ms O'Neil", PhiKind.PATIENT_NAME),
    ("Mrs. McDonald-Hughes", PhiKind.PATIENT_NAME),
    # issue 14: what got through to an office channel
    ("Pt: Lopez, Maria", PhiKind.PATIENT_NAME),
    ("patient: GONZALEZ, MARIA", PhiKind.PATIENT_NAME),
    ("Smith, Jane", PhiKind.PATIENT_NAME),
    ("pt is jane smith", PhiKind.PATIENT_NAME),
    ("José Núñez", PhiKind.PATIENT_NAME),
    ("1EG4-TE5-MK73", PhiKind.MEDICARE_ID),
    ("1EG4TE5MK73", PhiKind.MEDICARE_ID),
    ("Medicaid ID NY12345678", PhiKind.INSURANCE_ID),
    ("member id XYZ123456789", PhiKind.INSURANCE_ID),
    ("policy number H12345678", PhiKind.INSURANCE_ID),
    ("group # 44712", PhiKind.INSURANCE_ID),
    ("acct# 5512345", PhiKind.ACCOUNT_NUMBER),
    ("FIN 88812345", PhiKind.ACCOUNT_NUMBER),
    ("MRN#: 00-482-913", PhiKind.MRN),
    ("SSN 078.05.1120", PhiKind.SSN),
    ("ssn 078 05 1120", PhiKind.SSN),
    ("social 078051120", PhiKind.SSN),
    ("DOB 3-Mar-1950", PhiKind.DATE_OF_BIRTH),
    ("DOB 19500303", PhiKind.DATE_OF_BIRTH),
    ("b. 03/03/1950", PhiKind.DATE_OF_BIRTH),
    ("born on the 3rd of March, 1950", PhiKind.DATE_OF_BIRTH),
    ("lives at 12 oak street", PhiKind.STREET_ADDRESS),
    ("078-05\u200b-1120", PhiKind.SSN),
    ("Ma\u200bria Gonzalez", PhiKind.PATIENT_NAME),
    ("SSN \u202e1209-83-214\u202c", PhiKind.SSN),
]

NEGATIVES = [
    "E11.9",
    "S72.001A",
    "T36.0X1A",
    "0DTJ4ZZ",
    "I10, N18.30, E11.22",
    "code also Z79.4",
    "ICD-9 250.00",
    "Procedure 0SR9019 on 2026-10-02",
    "HbA1c 9.2%",
    "BP 150/95",
    "creatinine 2.1 mg/dL",
    "WBC 14.2",
    "Lactate 4.2 mmol/L, temp 39.1 C, HR 122, RR 24",
    "Na 128 / K 3.1 / Cl 95",
    "PT/INR 14.5/1.3",
    "EF 25-30%",
    "Troponin 0.45 ng/mL",
    "BMI 42.1, weight 120 kg",
    "DOS 2026-11-03",
    "seen on 11/03/2026",
    "DOB unknown, DOS 11/03/2026",
    "Hgb 7.1 on 2026-11-02, transfused 2 units PRBC",
    "ENC-2026-00042",
    "CLM 88812345",
    "ENC 2026 11 0042",
    "The patient was admitted with sepsis",
    "Patient presented with chest pain on 11/03/2026",
    "Patient Has history of CKD 3b",
    "pt. Is stable",
    "Patient Education provided",
    "pt is 63 years old",
    "Dr. Smith documented acute on chronic systolic heart failure",
    "MS flare; MR noted on echo",
    "follow up in 2 weeks on the road",
    "transferred to 2 St Mary's",
    "Born at term, no complications",
    # issue 14: eponyms that were refused
    "Charles Bonnet syndrome",
    "Charcot Marie Tooth",
    "Charcot-Marie-Tooth disease",
    "Parkinson disease with Hodgkin lymphoma and Graves disease",
    "Dr. Maria Lopez documented the findings",
]


@pytest.mark.parametrize(("text", "kind"), POSITIVES)
def test_identifiers_are_found(text: str, kind: PhiKind) -> None:
    assert kind in {hit.kind for hit in find_phi(text)}


@pytest.mark.parametrize("text", NEGATIVES)
def test_clinical_text_passes(text: str) -> None:
    assert find_phi(text) == []


@pytest.mark.parametrize(("text", "kind"), POSITIVES)
def test_identifiers_are_found_inside_a_sentence(text: str, kind: PhiKind) -> None:
    sentence = f"Query about the sepsis, {text}; indicators: lactate 4.2, WBC 14.2."
    assert kind in {hit.kind for hit in find_phi(sentence)}


def test_hits_carry_position_and_a_human_reason() -> None:
    text = "Call 555-123-4567 about E11.9"
    [hit] = find_phi(text)
    assert text[hit.start : hit.end] == "555-123-4567"
    assert "phone number" in hit.reason


def test_check_fields_names_the_field_and_why() -> None:
    problems = check_fields({"question": "Call (555) 123-4567 re: E11.9", "indicators": "HbA1c 9.2%"})
    assert list(problems) == ["question"]
    assert problems["question"] == (
        "Question looks like it contains a phone number (555-123-4567 pattern). " + ADVICE
    )


def test_check_fields_lists_every_kind_once() -> None:
    problems = check_fields({"indicators": "Mr. Smith, DOB 03/04/1962, 555-123-4567 and 555-765-4321"})
    message = problems["indicators"]
    assert message.startswith("Clinical indicators looks like it contains ")
    assert message.count("phone number") == 1
    assert "date of birth" in message and "patient name" in message


def test_check_fields_accepts_clean_text() -> None:
    assert (
        check_fields({"question": "Is the pneumonia due to aspiration?", "encounter_ref": "CLM 88812345"})
        == {}
    )


def test_an_mrn_labelled_reference_is_refused() -> None:
    assert "encounter_ref" in check_fields({"encounter_ref": "MRN 00123456"})


def test_redact_keeps_the_clinical_text() -> None:
    assert redact("Mr. Smith has E11.9; call 555-123-4567.") == (
        "[removed: patient_name] has E11.9; call [removed: phone]."
    )
