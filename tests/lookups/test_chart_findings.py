"""A chart's exam line and measured values read as the Index's finding (bot.lookups.index.chart_findings,
bot.lookups.index.lab_values): the exam's frame read past, a sign read as its main term, a value by its
test's limits in either direction, an undocumented clause left out."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.chart_findings import read_chart
from bot.lookups.index.lab_values import read_levels
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("femoral bruit noted on exam", "femoral bruit"),
        ("rales at the left base on auscultation", "rales"),
        ("fracture at the base of the 5th metatarsal", "fracture at the base of the 5th metatarsal"),
        ("dvt with pe", "dvt with pe"),
        ("plantar response extensor on right", "reflex"),
        ("positive hoffmann sign bilaterally", "reflex"),
        ("hard stool in rectum on rectal exam", "fecal impaction"),
        ("vomiting in 3 day old", "vomiting newborn"),
        ("5 day old weight check", "5 day old weight check"),
        ("temp 36.0 in 5 day old", "neonatal hypothermia"),
        ("temp 36.0 in 40 day old", "temp 36.0 in 40 day old"),
        ("weight down 15 lb in 3 months", "weight loss"),
        ("gained 20 lb since last visit", "weight gain since last visit"),
        ("chest pain, no mi documented", "chest pain"),
        ("bnp elevated, chf not confirmed yet", "bnp elevated"),
        ("fever, not consistent with sepsis", "fever"),
        ("bp 210/125 with flash pulmonary edema", "hypertensive emergency, with flash pulmonary edema"),
        ("bp 200/120, no end organ damage", "bp 200/120, no end organ damage"),
        ("uop 10 ml/hr overnight", "oliguria overnight"),
        ("uop 1500 ml in 24 h", "uop 1500 ml in 24 h"),
        ("t-score -3.0 lumbar spine", "osteoporosis"),
        ("t-score -0.5 at hip", "t-score -0.5 at hip"),
        ("gcs 14 on arrival", "glasgow coma scale total score 13-15 on arrival"),
        ("dka, ph 7.1, bicarb 8", "dka"),
        ("enlarged liver and spleen on ct", "hepatomegaly and splenomegaly on ct"),
        ("r axillary node 2.5 cm", "enlargement lymph node localized"),
        ("inguinal node 1.2 cm", "inguinal node 1.2 cm"),
        ("thyroid nodule 2 cm", "thyroid nodule 2 cm"),
        ("bp 85/50 when standing", "orthostatic hypotension"),
        ("bp 85/50", "bp 85/50"),
        ("htn, bp 150/95", "htn"),
        ("bp 150/95, no history of htn", "bp 150/95, no history of htn"),
        ("htn, bp 85/50 on standing", "htn, orthostatic hypotension"),
        ("noted to be jaundiced", "jaundiced"),
    ],
)
def test_an_exam_line_is_read_as_its_finding(text: str, read: str) -> None:
    assert read_chart(text) == read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("paco2 62", "hypercapnia"),
        ("pco2 40", "pco2 40"),
        ("pao2 52", "hypoxemia"),
        ("hct 58", "polycythemia"),
        ("hct 29", "anemia"),
        ("hct 45", "hct 45"),
        ("bicarb 14", "acidosis metabolic"),
        ("ph 7.50, hco3 34", "alkalosis metabolic"),
        ("ferritin 6", "deficiency iron"),
        ("ferritin 250", "ferritin 250"),
        ("vitamin d 9", "deficiency vitamin d"),
        ("aec 900", "eosinophilia"),
        ("qtc 510 ms", "prolonged qt interval"),
        ("ck 22,000 after marathon", "rhabdomyolysis after marathon"),
        ("ck 450", "ck 450"),
        ("urine ph 7.5", "urine ph 7.5"),
    ],
)
def test_a_value_is_read_by_its_tests_limits(text: str, read: str) -> None:
    assert read_levels(text) == read


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("femoral bruit noted on exam", "R09.89"),
        ("petechiae noted on exam with no trauma", "R23.3"),
        ("positive Hoffmann sign bilaterally", "R29.2"),
        ("bibasilar crackles on lung exam", "R09.89"),
        ("temp 36.0 in 5 day old", "P80.9"),
        ("PaCO2 62, not in respiratory failure", "R06.89"),
        ("Hct 58", "D75.1"),
        ("ferritin 6, hgb 9.1", "D50.9"),
        ("UOP 10 mL/hr overnight", "R34"),
        ("T-score -3.0 lumbar spine", "M81.0"),
        ("BP 210/125 with flash pulmonary edema", "I16.1"),
        ("UA leukocyte esterase positive", "R82.81"),
        ("weight down 15 lb in 3 months", "R63.4"),
        ("enlarged liver and spleen on CT", "R16.2"),
        ("R axillary node 2.5 cm", "R59.0"),
        ("DKA, pH 7.1, bicarb 8", "E11.10"),
        ("BP 85/50 when standing", "I95.1"),
    ],
)
def test_a_chart_line_reaches_its_finding(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected
