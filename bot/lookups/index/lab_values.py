"""A chart's lab value or vital sign beside its short name ("K 2.9", "Na 128", "plt 88k", "A1c 6.1", "HR 42"),
read as the finding the Index names for a value outside the usual range.

A coder reads "K 6.1 on BMP" as hyperkalemia and "A1c 6.1" as prediabetes: the Index has main terms for the
findings (Hyperkalemia, Hyponatremia, Thrombocytopenia, Prediabetes, Bradycardia) and lines for the elevated
results it names ("Elevated, prostate specific antigen [PSA]"; "Findings, abnormal, in blood, lead"). The table
below holds adult reference limits (conventional US units) for each analyte, never codes: the Index picks the
code from the words. A value inside the limits, or one no analyte could plausibly have (CA 125 is no calcium,
"mg 1" a dose), is left as typed. A value told beside a finding it already explains ("hyperkalemia, K 6.1")
adds nothing and is read past.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Analyte:
    names: str  # regex alternatives for its short and long names
    low: float  # below this: the low finding
    high: float  # above this: the high finding
    below: str  # the Index's words for a low value ("" for none)
    above: str  # the Index's words for a high value ("" for none)
    plausible: tuple[float, float]  # a value outside this is no reading of this analyte
    thousands: bool = False  # a count told per microliter ("88,000", "ANC 400") is read in thousands ("88k")
    decimal: bool = False  # only a value with a decimal point ("Mg 1.1", not a dose "mg 1")
    inside: str = ""  # the Index's words for a value within the limits (A1c 5.7-6.4: prediabetes)
    # A diagnosis the value is the evidence of, said in the text ("DKA, bicarb 8"): the value is read past.
    explained: str = ""


# Diagnoses a blood gas or bicarbonate is the evidence of ("DKA, pH 7.1, bicarb 8"; "COPD with CO2 retention").
_ACID_BASE = r"dka|hhs|\w*acidosis|\w*alkalosis|acidemia|alkalemia|hypercapni\w*|co2\s+retention"

ANALYTES: tuple[Analyte, ...] = (
    Analyte(r"k\+?|potassium|serum\s+potassium", 3.5, 5.0, "hypokalemia", "hyperkalemia", (1.0, 10.0)),
    Analyte(r"na\+?|sodium|serum\s+sodium", 135, 145, "hyponatremia", "hypernatremia", (90, 200)),
    Analyte(r"ca|calcium|serum\s+calcium", 8.5, 10.5, "hypocalcemia", "hypercalcemia", (3.0, 20.0)),
    Analyte(r"mg|magnesium", 1.7, 2.6, "hypomagnesemia", "hypermagnesemia", (0.2, 8.0), decimal=True),
    Analyte(r"phos|phosphorus|phosphate", 2.5, 4.5, "hypophosphatemia", "hyperphosphatemia", (0.3, 15.0)),
    Analyte(
        r"(?:hgb\s+|hb\s+|hemoglobin\s+)?a1c|hba1c|glycated\s+hemoglobin",
        5.7,
        6.4,
        "",
        "hyperglycemia",
        (3.0, 20.0),
        inside="prediabetes",  # the American Diabetes Association's range, the Index's Prediabetes
    ),
    Analyte(r"psa", 0.0, 4.0, "", "elevated prostate specific antigen", (0.0, 10000.0)),
    Analyte(
        r"plts?|platelets?|platelet\s+count",
        150,
        450,
        "thrombocytopenia",
        "thrombocytosis",
        (1, 2000),
        thousands=True,
    ),
    Analyte(r"hgb|hb|hemoglobin", 12.0, 99.0, "anemia", "", (2.0, 25.0)),
    Analyte(
        r"wbcs?|white\s+count|white\s+blood\s+cell\s+count",
        4.0,
        11.0,
        "leukopenia",
        "leukocytosis",
        (0.1, 500),
        thousands=True,
    ),
    Analyte(r"anc|absolute\s+neutrophil\s+count", 1.5, 1e9, "neutropenia", "", (0.0, 50.0), thousands=True),
    Analyte(r"hr|heart\s+rate|pulse", 60, 100, "bradycardia", "tachycardia", (15, 300)),
    Analyte(r"rr|resp\s+rate|respiratory\s+rate|resps", 0, 22, "", "tachypnea", (2, 90)),
    # The prothrombin time's international normalized ratio: above 1.2 the Index's "Abnormal, prothrombin time".
    Analyte(r"inr|pt/inr", 0.0, 1.2, "", "abnormal prothrombin time", (0.5, 15.0), decimal=True),
    Analyte(r"(?:serum\s+)?albumin|alb", 3.5, 99.0, "hypoalbuminemia", "", (0.5, 7.0)),
    # The red cells' mean corpuscular volume (fL): above 100 the Index's Macrocytosis.
    Analyte(r"mcv|mean\s+corpuscular\s+volume", 0.0, 100.0, "", "macrocytosis", (40.0, 160.0)),
    # Band neutrophils on the differential (%): above 10 the Index's Bandemia.
    Analyte(r"bands?|band\s+forms|band\s+neutrophils|bandemia\s+of", 0.0, 10.0, "", "bandemia", (0.0, 100.0)),
    Analyte(
        r"alc|absolute\s+lymphocyte\s+count|absolute\s+lymphocytes",
        1.0,
        4.8,
        "lymphocytopenia",
        "lymphocytosis",
        (0.0, 100.0),
        thousands=True,
    ),
    # A body temperature in Celsius: below 35 the Index's Hypothermia, above 38 its Fever (a Fahrenheit
    # reading is outside the plausible Celsius range and left as typed).
    Analyte(
        r"(?:core\s+|rectal\s+|oral\s+|tympanic\s+|axillary\s+|ax\s+|body\s+)?(?:temp|temperature)",
        35.0,
        38.0,
        "hypothermia",
        "fever",
        (25.0, 44.0),
    ),
    Analyte(r"uric\s+acid|urate", 0.0, 7.0, "", "hyperuricemia", (0.5, 30.0)),
    # Blood gases (mmHg): a carbon dioxide pressure above 45 is the Index's Hypercapnia, an oxygen pressure
    # below 80 its Hypoxemia; the bicarbonate and the pH say the acid-base finding (metabolic when the
    # bicarbonate says it; the pH alone says acidosis or alkalosis). The bicarbonate is read before the pH so
    # that "pH 7.52, HCO3 36" is one finding, metabolic alkalosis.
    Analyte(
        r"pa?co2|carbon\s+dioxide\s+pressure",
        35.0,
        45.0,
        "",
        "hypercapnia",
        (10.0, 150.0),
        explained=_ACID_BASE,
    ),
    Analyte(r"pa?o2|pao2", 80.0, 1e9, "hypoxemia", "", (20.0, 700.0)),
    Analyte(
        r"hco3-?|bicarb(?:onate)?|serum\s+bicarb(?:onate)?|co2(?:\s+content)?|total\s+co2|tco2",
        22.0,
        29.0,
        "acidosis metabolic",
        "alkalosis metabolic",
        (3.0, 60.0),
        explained=_ACID_BASE,
    ),
    Analyte(
        r"(?<!urine\s)(?<!urinary\s)ph",
        7.35,
        7.45,
        "acidosis",
        "alkalosis",
        (6.5, 8.0),
        decimal=True,
        explained=_ACID_BASE,
    ),
    # The hematocrit (%): above 52 the Index's Polycythemia (secondary), below 36 its Anemia.
    Analyte(r"hct|hematocrit", 36.0, 52.0, "anemia", "polycythemia", (10.0, 80.0)),
    # Stores and vitamins a low level shows lacking: the Index's "Deficiency, iron" (ferritin below 15 ng/mL),
    # "Deficiency, vitamin D" (25-hydroxyvitamin D below 20 ng/mL), "Deficiency, vitamin B12" (below 200 pg/mL).
    Analyte(r"(?:serum\s+)?ferritin", 15.0, 1e9, "deficiency iron", "", (0.5, 100000.0)),
    Analyte(
        r"(?:25-?(?:oh|hydroxy)\s*)?(?:vit(?:amin)?\.?\s*d|vitamin\s+d3)(?:\s*,?\s*25-?(?:oh|hydroxy))?",
        20.0,
        1e9,
        "deficiency vitamin d",
        "",
        (1.0, 200.0),
    ),
    Analyte(
        r"(?:vit(?:amin)?\.?\s*)?b12|cobalamin", 200.0, 1e9, "deficiency vitamin b12", "", (20.0, 5000.0)
    ),
    # White cells other than neutrophils and lymphocytes (x10^9/L): the Index's Monocytosis, Eosinophilia.
    Analyte(
        r"amc|absolute\s+monocyte(?:\s+count)?|absolute\s+monocytes|monocytes?\s+absolute",
        0.0,
        1.0,
        "",
        "monocytosis",
        (0.0, 50.0),
        thousands=True,
    ),
    Analyte(
        r"aec|absolute\s+eosinophil(?:\s+count)?|absolute\s+eosinophils|eosinophils?\s+absolute",
        0.0,
        0.5,
        "",
        "eosinophilia",
        (0.0, 50.0),
        thousands=True,
    ),
    # Creatine kinase (U/L) above five thousand, the muscle breakdown the Index calls Rhabdomyolysis; a lesser
    # rise is left as typed.
    Analyte(r"ck|cpk|creatine\s+(?:phospho)?kinase", 0.0, 5000.0, "", "rhabdomyolysis", (10.0, 1000000.0)),
    # The corrected QT interval (ms): above 470 the Index's "Prolonged, QT interval".
    Analyte(r"qtc|qt\s+corrected|corrected\s+qt", 300.0, 470.0, "", "prolonged qt interval", (250.0, 800.0)),
    # A blood alcohol concentration (g/dL, as a chart gives it): any the Index's "Findings, abnormal, alcohol
    # in blood" (R78.0 "Finding of alcohol in blood").
    Analyte(
        r"bac|blood\s+alcohol(?:\s+(?:level|concentration|content))?|serum\s+(?:alcohol|ethanol)|etoh\s+level",
        0.0,
        0.009,
        "",
        "finding alcohol in blood",
        (0.0, 1.0),
        decimal=True,
    ),
    Analyte(
        r"tsh",
        0.4,
        4.5,
        "abnormal function studies thyroid",
        "abnormal function studies thyroid",
        (0.0, 500.0),
    ),
    Analyte(
        r"(?:blood\s+|venous\s+|serum\s+)?lead(?:\s+level)?",
        0.0,
        3.4,
        "",
        "findings abnormal in blood lead",
        (0.5, 200.0),
    ),
)
# The words a chart joins a name and its value with, and the units a value is written in.
_JOIN = r"\s*(?::|=|\s(?:of|is|was|level|levels|at|to|now|down\s+to|up\s+to))?\s*"
# (a number followed by a length, a dose or a time is no reading: "CA 5 cm mass", "K 10 mEq x 2 days")
_VALUE = (
    r"(?P<value>\d+(?:[.,]\d+)?)(?P<k>\s*k\b)?(?!\s*[-/]\s*\d)(?![\d.])"
    r"(?!\s*(?:cm|mm(?!\s*hg)|inch|inches|x|ml|cc|mg|mcg|meq\b|units?|tabs?|days?|weeks?|wks?|months?|yrs?|years?|"
    r"hours?|hrs?|times|mos?)\b)"
)
_UNIT = (
    r"(?:\s*(?:%|mm\s*hg|u/l|iu/l|pg/ml|ms|msec|g/dl|mmol/l|meq/l|mg/dl|g/dl|ng/ml|mcg/dl|ug/dl|µg/dl|miu/l|uiu/ml|bpm|k/ul|x\s*10\^?9/l|"
    r"/min|per\s+min|s|fl|°\s*c|deg(?:rees)?\s+c|c)(?![a-z]))?"
    # (a value told as corrected for albumin or ionized is the same reading)
    r"(?:\s+(?:corrected|ionized|adjusted))?"
)
# Where the value was read ("on BMP", "per CBC", "on tele"): said with the reading, nothing of its own.
_SOURCE = r"(?:\s+(?:abg|vbg)|\s+(?:on|per|by|from)\s+(?:the\s+)?(?:bmp|cmp|cbc|diff(?:erential)?|smear|labs?|chem(?:istry)?|panel|ekg|ecg|monitor|tele(?:metry)?|abg|vbg|repeat|recheck|draw|vitals?|triage))?"


# A result word before the name ("elevated WBC 18k", "low K 2.9") says what the value says.
_RESULT_BEFORE = r"(?:elevated|high|low|increased|decreased|raised|abnormal|critical|critically\s+low|critically\s+high)\s+"


def _pattern(analyte: Analyte) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![a-z0-9/+.-])(?<!vitamin\s)(?:{_RESULT_BEFORE})?(?:{analyte.names})(?![a-z0-9]){_JOIN}{_VALUE}{_UNIT}{_SOURCE}(?![a-z0-9])"
    )


_PATTERNS = tuple((analyte, _pattern(analyte)) for analyte in ANALYTES)


def _number(match: re.Match[str], analyte: Analyte) -> float | None:
    raw = match.group("value")
    if analyte.decimal and "." not in raw:
        return None
    if "," in raw:
        # "88,000", "CK 14,000": thousands written with a comma; "3,5" is no US reading.
        if not re.fullmatch(r"\d{1,3},\d{3}", raw):
            return None
        raw = raw.replace(",", "")
    value = float(raw)
    low, high = analyte.plausible
    if analyte.thousands and not match.group("k") and value > high:
        value = value / 1000  # "88000", "ANC 400": told per microliter
    return value if low <= value <= high else None


def finding(analyte: Analyte, value: float) -> str:
    """The Index's words for the analyte's value, or "" when it is within the usual range."""
    if value < analyte.low:
        return analyte.below
    if value > analyte.high:
        return analyte.above
    return analyte.inside


# The ejection fraction of a heart said to fail: the Index's "Failure, heart, with reduced (preserved) ejection
# fraction" (40% or less is reduced, 50% or more preserved; between is neither).
_EJECTION = re.compile(
    r"(?<![a-z0-9])(?:lvef|ef|ejection\s+fraction)(?![a-z0-9])"
    + _JOIN
    + r"(?:of\s+)?(?:<\s*)?(?P<value>\d{1,2})"
    r"(?:\s*-\s*\d{1,2})?\s*%?"
    + r"(?:\s+(?:on|per|by)\s+(?:the\s+)?(?:echo\w*|tte|tee|ekg|cath|mri|muga))?(?![a-z0-9])"
)
_HEART_FAILS = re.compile(r"\b(?:hf|chf|failure|hfref|hfpef|hfmref)\b")


def _ejection(text: str) -> str:
    if not _HEART_FAILS.search(text):
        return text

    def read(match: re.Match[str]) -> str:
        value = int(match.group("value"))
        if value <= 40:
            return "with reduced ejection fraction"
        return "with preserved ejection fraction" if value >= 50 else match.group(0)

    return _EJECTION.sub(read, text)


# A tuberculin skin test read by its induration ("PPD 15 mm"): 10 mm or more is positive (the CDC's cut-off
# for most people), the Index's "Positive, PPD".
_INDURATION = re.compile(
    r"(?<![a-z0-9])(?:ppd|tst|mantoux|tuberculin(?:\s+skin)?\s+test|tb\s+skin\s+test)"
    + _JOIN
    + r"(?P<value>\d{1,2})\s*mm(?:\s+induration)?(?![a-z0-9])"
)


def _induration(text: str) -> str:
    return _INDURATION.sub(lambda m: "positive ppd" if int(m.group("value")) >= 10 else m.group(0), text)


# An organ's size on exam or imaging ("spleen 16 cm on CT", "liver edge 4 cm below costal margin", "liver
# span 19 cm"): a spleen longer than 13 cm is the Index's Splenomegaly; a liver edge felt more than 2 cm below
# the costal margin, or a liver span over 16 cm, its Hepatomegaly (adult limits). A size within them is left.
_MEASURED = r"(?:\s+(?:size|length|span|edge|measures|measuring|measured|is|of|at|palpable|palpated|felt|enlarged\s+to))*\s*:?\s*"
_LENGTH = r"(?P<value>\d{1,2}(?:\.\d+)?)\s*(?:cm|centimeters?)(?![a-z0-9])"
# Where it was measured ("on CT", "by ultrasound"): said with the size, nothing of its own.
_IMAGED = r"(?:\s+(?:on|per|by)\s+(?:the\s+)?(?:ct|mri|us|ultrasound|imaging|exam|scan|ct\s+scan|abd\w*\s+(?:ct|us|ultrasound)))?(?![a-z0-9])"
_SPLEEN = re.compile(rf"(?<![a-z0-9])spleen{_MEASURED}{_LENGTH}{_IMAGED}")
_LIVER_EDGE = re.compile(
    rf"(?<![a-z0-9])liver{_MEASURED}{_LENGTH}\s+below\s+(?:the\s+)?(?:right\s+)?(?:costal\s+margin|rcm|costal\s+arch)"
    rf"(?![a-z0-9]){_IMAGED}"
)
_LIVER_SPAN = re.compile(rf"(?<![a-z0-9])liver{_MEASURED}{_LENGTH}(?!\s+below){_IMAGED}")


_ORGAN_LIMITS: tuple[tuple[re.Pattern[str], float, str], ...] = (
    (_SPLEEN, 13.0, "splenomegaly"),
    (_LIVER_EDGE, 2.0, "hepatomegaly"),
    (_LIVER_SPAN, 16.0, "hepatomegaly"),
)


def _organ_sizes(text: str) -> str:
    for pattern, limit, said in _ORGAN_LIMITS:

        def read(match: re.Match[str], limit: float = limit, said: str = said) -> str:
            return said if float(match.group("value")) > limit else match.group(0)

        text = pattern.sub(read, text)
    return text


# A urine output told as an amount over a time ("urine output 200 mL in 24 h", "UOP 15 mL/hr"): below 400 mL a
# day (or 30 mL an hour, about 0.5 mL/kg/h in an adult) the Index's Oliguria, below 100 mL a day (5 an hour)
# its Anuria. An output without its time is left as typed.
_URINE_OUTPUT = re.compile(
    r"(?<![a-z0-9])(?:urine\s+output|urinary\s+output|uop|u/o|urine\s+out|voided|output)\s*(?::|=|\s(?:of|is|was|only|down\s+to))?\s*"
    r"(?:only\s+)?(?P<value>\d{1,4})\s*(?:ml|cc)"
    r"(?:\s*(?:/|per|in|over|x|in\s+the\s+(?:last|past))\s*(?P<hours>\d{1,2})?\s*(?P<unit>h|hr|hrs|hours?|days?|d))"
    r"(?![a-z0-9])"
)


def _urine_output(text: str) -> str:
    def read(match: re.Match[str]) -> str:
        amount = float(match.group("value"))
        hours = float(match.group("hours") or 1) * (24 if match.group("unit").startswith("d") else 1)
        per_day = amount * 24 / hours
        if per_day < 100:
            return "anuria"
        return "oliguria" if per_day < 400 or (amount / hours < 30 and hours <= 12) else match.group(0)

    return _URINE_OUTPUT.sub(read, text)


# A bone density T-score ("DEXA T-score -1.9", "T score of -2.8 at the spine"): -2.5 or lower is the WHO's
# osteoporosis, between -1 and -2.5 osteopenia (the Index's Osteoporosis and Osteopenia); -1 or above is
# normal bone density, left as typed. The study's name said with it is read with it, and the site measured
# kept for osteopenia only.
_T_SCORE = re.compile(
    r"(?<![a-z0-9])(?:(?:dexa|dxa|bone\s+density|bmd)(?:\s+scan)?\s*(?:shows?|with|:)?\s*)?t[-\s]?score"
    r"\s*(?::|=|\s(?:of|is|was))?\s*(?P<value>[-\u2212]\s?\d(?:\.\d+)?)(?![0-9])"
    r"(?P<site>\s+(?:at|of|in)?\s*(?:the\s+)?(?:(?:left|right|l|r)\s+)?(?:total\s+)?"
    r"(?:hip|femoral\s+neck|femur|spine|lumbar\s+spine|l-?spine|l1-l4|forearm|radius|wrist)(?![a-z0-9]))?"
)


def _t_score(text: str) -> str:
    def read(match: re.Match[str]) -> str:
        value = float(match.group("value").replace("\u2212", "-").replace(" ", ""))
        said = "osteoporosis" if value <= -2.5 else "osteopenia" if value < -1.0 else ""
        if not said:
            return match.group(0)
        # The Index's Osteoporosis (M81.0) has no site; Osteopenia's code does (M85.85-, thigh).
        site = match.group("site") or "" if said == "osteopenia" else ""
        return site if re.search(rf"\b{said}\b", text) else f"{said}{site}"  # "T-score -1.9, osteopenia"

    return _T_SCORE.sub(read, text)


# A Glasgow coma scale total ("GCS 7", "GCS of 13"): the Index's "Glasgow coma scale, total score" line is
# by range (3-8, 9-12, 13-15).
_GCS = re.compile(
    r"(?<![a-z0-9])(?:gcs|glasgow\s+coma\s+(?:scale|score))(?:\s+(?:total|score|total\s+score))?"
    r"\s*(?::|=|\s(?:of|is|was))?\s*(?P<value>\d{1,2})(?![0-9.])(?!\s*[-/]\s*\d)"
)


def _coma_scale(text: str) -> str:
    def read(match: re.Match[str]) -> str:
        value = int(match.group("value"))
        if not 3 <= value <= 15:
            return match.group(0)
        band = "3-8" if value <= 8 else "9-12" if value <= 12 else "13-15"
        return f"glasgow coma scale total score {band}"

    return _GCS.sub(read, text)


def read_measures(text: str) -> str:
    """The text with a urine output over a time, a bone density T-score and a Glasgow coma scale total said
    as the Index's words: readings whose numbers and units a search would otherwise read as measures."""
    return _coma_scale(_t_score(_urine_output(text)))


# A urine dipstick's reading ("2+ protein", "UA: protein 2+", "glucose 3+ on dip", "large blood on UA"): the
# Index's finding in urine for the analyte (Proteinuria, Glycosuria, Ketonuria, Hematuria, Bilirubinuria,
# Bacteriuria for nitrite, Pyuria for leukocyte esterase). A
# graded plus ("2+", "++") is a dipstick's; a word grade ("positive", "large") counts only in a line saying
# the urine test, and blood only there ("+ blood in stool" is no urine). Trace and negative are no finding.
_IN_URINE = {
    "protein": "proteinuria",
    "albumin": "proteinuria",
    "glucose": "glycosuria",
    "sugar": "glycosuria",
    "ketones": "ketonuria",
    "ketone": "ketonuria",
    "blood": "hematuria",
    "rbc": "hematuria",
    "rbcs": "hematuria",
    "bilirubin": "bilirubinuria",
    # (nitrite is made by bacteria in the urine; leukocyte esterase by white cells in it)
    "nitrites": "bacteriuria",
    "nitrite": "bacteriuria",
    "leukocyte esterase": "pyuria",
    "leuk esterase": "pyuria",
}
_PLUS_GRADE = r"[1-4]\s*\+|\+{1,4}"
_WORD_GRADE = r"positive|pos|small|moderate|large"
_URINE_TEST = re.compile(r"(?<![a-z0-9])(?:ua|u/a|urinalysis|urine|dip|dipstick|udip|uds)(?![a-z0-9])")
_URINE_NAMES = "|".join(_IN_URINE)


# A urine test told as what it found, or an analyte told as found in the urine ("UA shows glucose",
# "urinalysis positive for ketones", "ketones in urine on dip"): the Index's finding in urine, as a grade says.
_FOUND_IN_URINE = re.compile(
    rf"(?<![a-z0-9])(?:(?:ua|u/a|urinalysis|urine|dip|dipstick|udip)\s+(?:shows?|showed|showing|with|"
    rf"positive\s+for|pos\s+for|\+\s*for|notable\s+for|significant\s+for|revealed|reveals)\s+"
    rf"(?P<a>{_URINE_NAMES})|(?P<b>{_URINE_NAMES})\s+in\s+(?:the\s+)?(?:urine|ua|urinalysis)"
    rf"(?:\s+(?:on|per|by)\s+(?:the\s+)?(?:dip|dipstick|ua|urinalysis))?)(?![a-z0-9])"
)


_NO_FINDING = re.compile(r"(?:^|\s)trace\s+$")  # a trace is no finding ("trace protein in urine")


def read_dipstick(text: str) -> tuple[str, list[str]]:
    """The text with each urine dipstick reading said as the Index's finding, and the readings made
    ("2+ protein -> proteinuria")."""
    readings: list[str] = []

    def found(match: re.Match[str]) -> str:
        if _NO_FINDING.search(text[: match.start()]):
            return match.group(0)
        name = match.group("a") or match.group("b")
        readings.append(f"{match.group(0)} -> {_IN_URINE[name]}")
        return _IN_URINE[name]

    text = _FOUND_IN_URINE.sub(found, text)
    grades = f"{_PLUS_GRADE}|{_WORD_GRADE}" if _URINE_TEST.search(text) else _PLUS_GRADE
    pattern = re.compile(
        rf"(?<![a-z0-9])(?:(?P<before>{grades})\s*(?P<a>{_URINE_NAMES})|(?P<b>{_URINE_NAMES})\s*(?::|=)?\s*"
        rf"(?P<after>{grades}))(?![a-z0-9])"
    )

    def read(match: re.Match[str]) -> str:
        name = match.group("a") or match.group("b")
        if _IN_URINE[name] == "hematuria" and not _URINE_TEST.search(text):
            return match.group(0)
        readings.append(f"{match.group(0)} -> {_IN_URINE[name]}")
        return _IN_URINE[name]

    return pattern.sub(read, text), readings


# A finding the Index combines with a diagnosis said beside it ("Diabetes, type 2, with, hyperglycemia").
COMBINED_FINDINGS = frozenset({"hyperglycemia"})
_LEADING = frozenset(
    {"and", "with", "w", "the", "a", "an", "pt", "patient", "labs", "lab", "today", "now"}
    # (how the reading was taken: "serum albumin 2.0", "core temp 34.8", "corrected Ca 7.1")
    | {"serum", "plasma", "core", "rectal", "oral", "corrected", "ionized", "total", "absolute", "repeat"}
)


def _follows_a_diagnosis(text: str, start: int) -> bool:
    """Whether the value comes after another word of its clause: "chronic ITP plt 40s", "AKI Cr 2.4" - the
    chart's evidence for the diagnosis before it, which the diagnosis's code already holds."""
    clause = re.split(r"[,;:(]", text[:start])[-1]
    return any(w not in _LEADING for w in re.findall(r"[a-z][a-z0-9'-]*", clause))


# A result told as a multiple of the upper limit ("lipase 3x normal", "AST 5 times ULN"): an elevated result,
# read as the result word it is ("lipase elevated", which the result reader turns to the Index's order).
_TIMES_NORMAL = re.compile(
    r"(?<![a-z0-9.])\d+(?:\.\d+)?\s*(?:x|times)\s*(?:the\s+)?(?:upper\s+limit(?:\s+of\s+normal)?|uln|normal|nl)"
    r"(?![a-z0-9])"
)


# A low body temperature the chart says is not from the cold ("temp 34.8, not due to cold exposure", "hypothermic,
# no environmental exposure"): the Index's "Hypothermia, not associated with low environmental temperature".
_NOT_COLD = re.compile(
    r"(?:,\s*|\s+)(?:not|no)\s+(?:due\s+to\s+|from\s+|caused\s+by\s+|related\s+to\s+|after\s+)?"
    r"(?:the\s+)?(?:cold|environmental|environment|exposure)(?:\s+(?:exposure|temperature|temp))?(?![a-z0-9])"
)
NOT_ENVIRONMENTAL = "hypothermia not associated with low environmental temperature"


def _not_from_cold(text: str) -> str:
    if "hypothermia" not in text or not _NOT_COLD.search(text):
        return text
    return _NOT_COLD.sub("", text).replace("hypothermia", NOT_ENVIRONMENTAL, 1)


_DIGIT = re.compile(r"\d")


def without_explained(text: str) -> str:
    """The text without each value a diagnosis it says is the evidence of ("DKA, pH 7.1, bicarb 8" -> "DKA"):
    read past before the query's clauses are weighed one by one, so the value is no finding of its own."""
    for analyte, pattern in _PATTERNS:
        if analyte.explained and _says(analyte.explained, text):

            def past(match: re.Match[str], analyte: Analyte = analyte) -> str:
                return " " if _number(match, analyte) is not None else match.group(0)

            text = pattern.sub(past, text)
    return text


_DENIAL = re.compile(r"(?<![a-z0-9])(?:no|not|without|denies|negative|never|w/o)(?![a-z0-9])")


def _says(diagnoses: str, text: str) -> bool:
    """Whether a clause of the text names one of the diagnoses and denies nothing ("no DKA" names none)."""
    said = re.compile(rf"(?<![a-z0-9])(?:{diagnoses})(?![a-z0-9])")
    return any(said.search(c) and not _DENIAL.search(c) for c in re.split(r"[,;]", text))


def read_levels(text: str) -> str:
    """The text with each "<analyte> <value>" outside its usual range read as the Index's finding (and a
    failing heart's ejection fraction as reduced or preserved); a finding the text already says, or a value
    told after a diagnosis in its clause, is read past."""
    if not _DIGIT.search(text):
        return _not_from_cold(text)  # (every reading below is of a number)
    text = _organ_sizes(_induration(_ejection(_TIMES_NORMAL.sub("elevated", text))))
    text = read_measures(text)
    for analyte, pattern in _PATTERNS:

        def read(match: re.Match[str], analyte: Analyte = analyte, text: str = text) -> str:
            value = _number(match, analyte)
            said = finding(analyte, value) if value is not None else ""
            if not said:
                return match.group(0)
            if analyte.explained and _says(analyte.explained, text):
                return " "
            if re.search(rf"\b{re.escape(said)}\b", text) or (
                said not in COMBINED_FINDINGS and _follows_a_diagnosis(text, match.start())
            ):
                return " "
            return said

        text = pattern.sub(read, text)
    text = _not_from_cold(text)
    # ("pH 7.52, HCO3 36": a reading the next one says read past, its comma with it)
    return " ".join(text.split()).lstrip(" ,;") if text.strip(" ,;") else text
