"""An ICD-10-PCS answer from an ancillary section, asked with no inpatient stay said, is a CPT service.

ICD-10-PCS is the procedure code set of hospital inpatient stays (HIPAA's code set for inpatient hospital
procedures); the same service done in an office, a clinic or a hospital outpatient department is billed with
CPT (and HCPCS Level II). The PCS sections other than Medical and Surgical and its related sections are the
ancillary ones - Administration (3), Measurement and Monitoring (4), Imaging (B), Nuclear Medicine (C), Radiation Therapy (D), Physical Rehabilitation and Diagnostic Audiology (F),
Mental Health (G), Substance Abuse Treatment (H), Osteopathic (7) and Chiropractic (9) - whose codes a hospital
reports for an inpatient stay at most (the UHDDS asks only for significant procedures). A coder reading
"caloric vestibular testing, bilateral", "hearing aid check, monaural" or "steroid injection into the thumb
cmc joint" with no stay said takes it as the outpatient or office service it usually is: CPT's; the PCS code
stays as the inpatient equivalent. A Medical and Surgical procedure (section 0) keeps its PCS answer alone:
surgery is told inpatient or outpatient by no such default; nor does Other Procedures (8), whose isolation,
robotic or computer assistance are no service billed alone.
"""

from __future__ import annotations

import re

from bot.lookups.index.pcs_section_words import SECTIONS

# Section character (the code's first) -> the ancillary section's name, as the PCS Tables print it.
ANCILLARY = {char: SECTIONS[char] for char in "3479BCDFGH"}

# Words that say an inpatient stay (or ask for the PCS code by name).
_STAY = re.compile(
    r"(?i)(?<![\w-])(?:inpatient|in-patient|inpt|admitted|admission|hospitalized|hospitalised|icu|nicu|picu|"
    r"pcs|icd-10-pcs|during\s+(?:the\s+|this\s+)?(?:stay|hospitalization))(?![\w-])"
)


def ancillary_section(code: str) -> str:
    """The name of the ancillary PCS section a code is in, or "" (a Medical and Surgical code, or no code)."""
    return ANCILLARY.get(code[:1].upper(), "") if len(code) == 7 else ""


def says_stay(query: str) -> bool:
    """Whether the query says an inpatient stay ("inpatient", "admitted", "in the ICU") or asks for PCS."""
    return _STAY.search(query) is not None
