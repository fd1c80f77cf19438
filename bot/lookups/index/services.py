"""CPT services named by their kind, not by a phrase list: what a coder recognises as CPT territory.

CPT (AMA, licensed, not bundled) holds the services HCPCS Level II and ICD-10-PCS mostly do not: laboratory
tests (Pathology and Laboratory, 80047-89398), evaluation and management visits (99202-99499), anesthesia
(00100-01999) and radiology (70010-79999; ICD-10-PCS section B codes the same imaging for inpatients). Each kind
is one small rule over the query's words:

- a laboratory test: the query ends with a laboratory word ("TSH lab", "vitamin d 25 hydroxy level", "hgb a1c
  test", "CD4 count") and says no finding ("elevated TSH level" is a diagnosis, R94.6, not a test);
- anesthesia for a procedure: "anesthesia for knee arthroscopy" (the anesthesia service, not the procedure);
- a diagnostic study named by its ending ("tympanometry", "audiometry", "echocardiography"), as imaging;
- imaging: a modality ("x-ray", "CT", "MRI", "ultrasound") with no finding said ("abnormal chest x-ray" is
  R93.89) and not told as part of a story ("mass on CT scan", "fall from x-ray table"); the ICD-10-PCS
  imaging code is still listed;
- a service's descriptor words ("office consult level 3", "urinalysis dipstick without micro", "transitional
  care management high complexity"): level, complexity, minutes, views, contrast ... belong to the service a
  CPT vocabulary phrase names, so they count as part of it when deciding that the query is a CPT question.
"""

from __future__ import annotations

import re
import sqlite3

from bot.lookups import data_version, derived
from bot.lookups.index.store import BOOKS, SPAN
from bot.lookups.index.words import content_stems, stem

# Words that describe a CPT service's level, setting or extent rather than a separate concept.
DESCRIPTORS = frozenset(
    {
        "level",
        "lvl",
        "complexity",
        "high",
        "moderate",
        "low",
        "straightforward",
        "minutes",
        "min",
        "mins",
        "views",
        "view",
        "contrast",
        "with",
        "without",
        "dipstick",
        "micro",
        "microscopy",
        "automated",
        "office",
        "outpatient",
        "inpatient",
        "new",
        "established",
        "est",
        "initial",
        "subsequent",
        "complete",
        "limited",
        "lab",
        "labs",
        "test",
        "testing",
        "panel",
        "interpretation",
        "only",
        "and",
    }
)
# The last word of a laboratory test's name as it is typed.
LAB_WORDS = frozenset(
    {
        "lab",
        "labs",
        "level",
        "levels",
        "test",
        "testing",
        "assay",
        "titer",
        "panel",
        "count",
        "culture",
        "swab",
        "antigen",
        "antibody",
        "antibodies",
        "pcr",
        "draw",
    }
)
# A service a CPT code names by its kind, said as the query's last noun: "psychiatric diagnostic evaluation"
# (90791), "family psychotherapy with patient present" (90847), "annual nursing facility assessment" (99318).
SERVICE_NOUNS = frozenset({"psychotherapy", "evaluation", "eval", "assessment"})
PSYCHOTHERAPY = "psychotherapy"  # said anywhere ("... with patient present"): the CPT psychotherapy services
# A test's own modifiers before its analyte ("free T4 level", "total T3"): the word after them is no spinal level.
ANALYTE_MODIFIERS = frozenset({"free", "total", "serum", "reverse"})
# Words naming a step of a test's service after the test ("TB skin test placement", "PPD test reading").
SERVICE_ACTS = frozenset(
    {
        "placement",
        "placed",
        "reading",
        "read",
        "collection",
        "collected",
        "only",
        "automated",
        "fasting",
        "stat",
    }
)
# A test's specimen said first ("serum ferritin", "urine microalbumin") or its laboratory method said anywhere
# ("vitamin D 25 hydroxy", "hcg quantitative"): with no finding said, and when the Index's best path leaves
# part of the query unused and no word is a condition's main term ("serum sickness", "urine infection"), the
# query names a laboratory test (bot.lookups.search).
SPECIMENS = frozenset({"serum", "plasma", "urine", "csf", "sputum", "stool"})
LAB_METHODS = frozenset(
    {"hydroxy", "quantitative", "qualitative", "quant", "ionized", "fractionated", "reflex"}
)
# Words saying a result, a finding or a reason for an encounter: the query is then a diagnosis (or a Z code).
FINDINGS = frozenset(
    {
        "abnormal",
        "abnormality",
        "elevated",
        "elevation",
        "high",
        "low",
        "raised",
        "increased",
        "decreased",
        "positive",
        "negative",
        "deficiency",
        "deficient",
        "toxicity",
        "toxic",
        "result",
        "results",
        "finding",
        "findings",
        "screening",
        "encounter",
        "history",
        "exposure",
        "poisoning",
        "failed",
        "borderline",
        "critical",
        "injury",
        "fracture",
        "syndrome",
        "disease",
        "disorder",
        "inconclusive",
        "false",
        "nonspecific",
        "exam",
        "examination",
        "pregnancy",
    }
)
# Words that make an imaging modality part of a story ("mass on CT scan", "fall from x-ray table", "nodule
# seen on chest x-ray"): the finding or the event is what is coded, not the study.
STORY = frozenset(
    {"on", "from", "in", "at", "showed", "shows", "show", "seen", "revealed", "reveals", "per", "by"}
)
IMAGING = re.compile(
    r"\b(?:x-?rays?|xr|radiographs?|ct|cta|cat\s+scan|mri|mra|ultrasound|sonogram|dexa|fluoroscopy)\b"
)
ANESTHESIA = re.compile(
    r"^(?:general\s+|regional\s+|mac\s+)?(?:anesthesia|anaesthesia|anes)\s+(?:time\s+)?(?:for|during)\b"
)
_SPINAL_LEVEL = re.compile(r"^[ctls]\d{1,2}$")


def says_finding(words: list[str]) -> bool:
    """Whether the query says a result or finding ("elevated TSH level"); "high complexity", "low MDM" are levels."""
    return any(
        w in FINDINGS and (i + 1 == len(words) or words[i + 1] not in {"complexity", "severity", "mdm"})
        for i, w in enumerate(words)
    )


def service_kind(words: list[str]) -> str:
    """The kind of CPT service the query names ("laboratory test", "anesthesia", "imaging"), or ""."""
    if not words or says_finding(words):
        return ""
    text = " ".join(words)
    if ANESTHESIA.match(text):
        return "anesthesia"
    if IMAGING.search(text) and not STORY.intersection(words):
        return "imaging"
    if any(_STUDY.match(w) for w in words) and not STORY.intersection(words):
        return "study"  # "tympanometry", "spirometry pre and post": the study (any PCS code is still listed)
    if names_visit(words):
        return "visit"
    while len(words) > 2 and words[-1] in SERVICE_ACTS:
        words = words[:-1]  # "TB skin test placement", "PPD reading": the test is the service
    last = words[-1]
    before = words[-2] if len(words) > 1 else ""
    spinal = bool(_SPINAL_LEVEL.match(before)) and (len(words) < 3 or words[-3] not in ANALYTE_MODIFIERS)
    if last in LAB_WORDS and len(words) > 1 and not spinal:
        return "laboratory test"
    if PSYCHOTHERAPY in words or (last in SERVICE_NOUNS and len(words) > 1):
        return "service"
    return ""


# -- an evaluation and management visit told in office words -------------------------------------------------
# "new pt, low MDM office visit", "est pt OV 30 min", "admission H&P, high complexity", "subsequent nursing home
# rounding visit MD", "discharge day 35 minutes", "45 min therapy session": a visit noun and only the words CPT's E/M codes are chosen by
# (the patient's status, the setting, who sees the patient, the level of medical decision making, the minutes).
# Any other word may be the visit's reason ("well child visit", "postpartum visit", "follow-up visit after
# finishing chemo"), which ICD-10-CM codes (Z00-Z39), so the query is then not read as a CPT service.
VISIT_NOUNS = frozenset({"visit", "ov", "h&p", "rounding", "rounds", "discharge", "session"})
EM_WORDS = frozenset(
    {
        "new",
        "pt",
        "patient",
        "est",
        "established",
        "office",
        "clinic",
        "inpatient",
        "outpatient",
        "hospital",
        "observation",
        "nursing",
        "home",
        "facility",
        "snf",
        "subsequent",
        "initial",
        "admission",
        "admit",
        "follow-up",
        "followup",
        "follow",
        "up",
        "f/u",
        "by",
        "physician",
        "md",
        "np",
        "provider",
        "day",
        "level",
        "lvl",
        "low",
        "moderate",
        "high",
        "straightforward",
        "mdm",
        "complexity",
        "min",
        "mins",
        "minutes",
        "minute",
        "therapy",
        "individual",
        "a",
        "the",
    }
)
_COUNTED = re.compile(r"^\d{1,3}(?:-?min)?$")
# CPT's E/M descriptors also name the visit as the care of a stay's day ("Initial hospital care", "Subsequent
# hospital care, per day", "Initial hospital or birthing center care, per day, for evaluation and management of
# normal newborn infant"): "care" or "day" is the visit when the stay's stage is said with it, and the patient
# those codes are chosen by (newborn, pediatric) is an E/M word there.
STAGES = frozenset({"initial", "subsequent"})
STAY_NOUNS = frozenset({"care", "day"})
STAY_WORDS = frozenset({"newborn", "neonatal", "neonate", "infant", "pediatric", "adult", "in", "per"})


def names_visit(words: list[str]) -> bool:
    """Whether the words name an E/M visit by its status, setting, level or minutes only ("est pt OV 30 min");
    a lone "discharge" is a symptom's word, so a discharge visit says its day ("discharge day")."""
    said = [w for w in words if w]
    if said and STAGES.intersection(said) and STAY_NOUNS.intersection(said):
        # "initial hospital inpatient care", "subsequent newborn hospital day"
        rest = [w for w in said if w not in STAY_NOUNS]
        if all(w in EM_WORDS or w in STAY_WORDS or _COUNTED.match(w) for w in rest):
            return True
    if not said or not VISIT_NOUNS.intersection(said):
        return False
    if (
        "discharge" in said
        and "day" not in said
        and not VISIT_NOUNS.difference({"discharge"}).intersection(said)
    ):
        return False
    others = [w for w in said if w not in VISIT_NOUNS]
    return len(said) > 1 and all(w in EM_WORDS or _COUNTED.match(w) for w in others)


def service_share(phrase_words: set[str], spoken: list[str]) -> bool:
    """Whether the words of the CPT vocabulary phrases a query holds, with the descriptor words around them,
    are most of what it says ("office consult level 3": consult + office, level)."""
    if not phrase_words or says_finding([w for w in spoken if w not in phrase_words]):
        return False
    covered = sum(1 for w in spoken if w in phrase_words or w in DESCRIPTORS)
    return 2 * covered >= len(spoken)


# -- a laboratory test named by its analyte -------------------------------------------------------------------
# The ICD-10-CM Index names the analytes a laboratory measures where it codes their abnormal results: the lines
# under "Abnormal", "Elevated", "Findings, abnormal", "Decrease" ... that lead to R70-R89 (abnormal findings on
# examination of blood, urine and other body fluids): "Abnormal, prothrombin time", "Abnormal, blood-gas
# level", "Elevated, troponin". A query saying only such an analyte (and a test's own words: its specimen,
# "level", "panel", "free", "arterial") and no finding names the test ("ABG arterial blood gas", "prothrombin
# time"), not the abnormal result.
FINDING_CHAPTERS = ("R7", "R8")
FINDING_MAIN_TERMS = frozenset(
    {
        "abnormal",
        "elevated",
        "findings",
        "decrease",
        "decreased",
        "increase",
        "increased",
        "positive",
        "high",
        "low",
    }
)
# Words of a test that are not its analyte: the specimen, the test's shape, its modifiers.
TEST_WORDS = (
    LAB_WORDS
    | SPECIMENS
    | ANALYTE_MODIFIERS
    | frozenset({"blood", "chemistry", "specimen", "arterial", "venous", "rapid", "in", "of", "urinary"})
)


_ANALYTES: dict[str, tuple[frozenset[str], ...]] = {}  # the data stamp -> its analyte lines


def analyte_lines(conn: sqlite3.Connection, memo: dict[object, object]) -> tuple[frozenset[str], ...]:
    """The analytes the ICD-10-CM Index names under a finding's main term for R70-R89, as stems (the test's
    own words left out): {prothrombin, time}, {gas}, {troponin} ..."""
    return data_version.kept(
        conn,
        memo,
        ("analyte lines",),
        _ANALYTES,
        lambda: derived.stored_or_built(
            conn, ANALYTE_LINES, decode_analyte_lines, lambda: build_analyte_lines(conn)
        ),
    )


ANALYTE_LINES = "analyte_lines"  # stored by the data build (bot.lookups.derived)


def encode_analyte_lines(lines: tuple[frozenset[str], ...]) -> list[list[str]]:
    return [sorted(line) for line in lines]


def decode_analyte_lines(stored: list[list[str]]) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(line) for line in stored)


def build_analyte_lines(conn: sqlite3.Connection) -> tuple[frozenset[str], ...]:
    low = (BOOKS.index("cm") + 1) * SPAN  # the ICD-10-CM Index's node ids (store.global_id)
    heads = sorted({stem(w) for w in FINDING_MAIN_TERMS})
    marks = ", ".join("?" * len(heads))
    mains = conn.execute(
        # The finding main terms, found through the word index (no scan of the Index) ...
        "SELECT DISTINCT n.id, n.last, n.term FROM index_words w JOIN index_nodes n ON n.id = w.node "
        f"WHERE w.parent = 0 AND w.word IN ({marks}) AND n.id > ? AND n.id < ?",
        [*heads, low, low + SPAN],
    ).fetchall()
    noise = frozenset(stem(w) for w in TEST_WORDS)
    lines: set[frozenset[str]] = set()
    for main_id, last, main_term in mains:
        main = str(main_term).split(",")[0].split()
        if not main or main[0].lower() not in FINDING_MAIN_TERMS:
            continue
        # ... then each one's lines in one read of its id range (a subtree's ids run from its own to `last`).
        terms: dict[int, tuple[int, str]] = {}
        for ident, parent, term, code in conn.execute(
            "SELECT id, parent, term, code FROM index_nodes WHERE id > ? AND id <= ? ORDER BY id",
            [main_id, last],
        ):
            terms[int(ident)] = (int(parent), str(term))
            if not str(code).startswith(FINDING_CHAPTERS):
                continue
            said: set[str] = set()
            current = int(ident)
            while current in terms:
                parent, term_text = terms[current]
                said |= content_stems(term_text)
                current = parent
            if said - noise:
                lines.add(frozenset(said - noise))
    return tuple(sorted(lines, key=sorted))


_BY_STEM: list[tuple[tuple[frozenset[str], ...], dict[str, tuple[frozenset[str], ...]]]] = []


def _lines_by_stem(lines: tuple[frozenset[str], ...]) -> dict[str, tuple[frozenset[str], ...]]:
    """The analyte lines by each stem they hold, made once for the lines a database stores (a query's
    stems then meet only the few lines holding them, not all ~1,000)."""
    for kept, by_stem in _BY_STEM:
        if kept is lines:
            return by_stem
    found: dict[str, list[frozenset[str]]] = {}
    for line in lines:
        for word in line:
            found.setdefault(word, []).append(line)
    by_stem = {word: tuple(held) for word, held in found.items()}
    _BY_STEM[:] = [(lines, by_stem)]  # one database's lines at a time (a process serves one)
    return by_stem


def names_analyte(words: list[str], lines: tuple[frozenset[str], ...]) -> bool:
    """Whether the words name a laboratory test by its analyte: no finding said, every word either a test's
    own word or part of an analyte line the query says whole, and the query says more than one bare analyte
    word ("troponin" alone may be the finding asked about; "troponin level", "prothrombin time" are tests)."""
    if not words or says_finding(words):
        return False
    noise = frozenset(stem(w) for w in TEST_WORDS)
    stems = content_stems(" ".join(words))
    analyte = stems - noise
    if not analyte:
        return False
    covered: set[str] = set()
    by_stem = _lines_by_stem(lines)
    for word in analyte:
        for line in by_stem.get(word, ()):
            if line <= analyte:
                covered |= line
    if covered != analyte:
        return False
    return len(analyte) > 1 or bool(stems & noise)


# -- a CPT code number said inside a question ---------------------------------------------------------------
# "bill 99215?", "99233 hospital f/u", "can I use 80053 with ...": a CPT code's number (five digits; four and a
# Category II "F" / Category III "T" letter; a PLA code 0001U-0999U) standing as a word of a longer query. A
# number followed by an amount's unit ("10000 units heparin", "12000 steps") is a count, not a code.
_CPT_NUMBER = re.compile(r"(?<![\w.$/#-])([0-9]{5}|[0-9]{4}[ft]|0[0-9]{3}u)(?![\w.%/-])")
_AMOUNT_UNITS = re.compile(
    r"^\s*(?:units?|u|iu|mg|mcg|ug|ml|cc|g|gm|grams?|kg|lbs?|steps|feet|ft|miles?|dollars|cells|copies|times)\b"
)


def cpt_number(text: str) -> str:
    """The first CPT code number the text says as a word ("bill 99215?" -> "99215"), or ""."""
    for found in _CPT_NUMBER.finditer(text.lower()):
        if not _AMOUNT_UNITS.match(text[found.end() :].lower()):
            return found.group(1)
    return ""


# -- a service named by its noun when nothing else answers ----------------------------------------------------
# "psychiatric diagnostic eval", "patch testing 30 allergens", "spirometry pre and post bronchodilator",
# "observation same day admit and discharge": no Index path or title answers the query, yet it names a test, an
# evaluation or a visit - what CPT codes. A query no code answers that names such a service, anywhere, gets the
# CPT notice instead of a bare "no confident match"; a condition is never answered by nothing, so no diagnosis
# is lost.
SERVICE_WORDS = (
    LAB_WORDS
    | SERVICE_NOUNS
    | VISIT_NOUNS
    | frozenset(
        {
            "tests",
            "eval",
            "evals",
            "evaluation",
            "evaluations",
            "consult",
            "consultation",
            "admit",
            "admission",
            "instrument",
            "psychotherapy",
            "counseling",
            "management",
        }
    )
)
# CPT's descriptor nouns for a service's act ("remote physiologic monitoring", "interpretation and report",
# "canalith repositioning", "infant car seat challenge" - a provocation test - a sensor's "hookup", an item's
# "fitting"): everyday words too, so they name a service only in a coder's shorthand, no sentence of talk.
ACT_NOUNS = frozenset(
    {"monitoring", "interpretation", "repositioning", "maneuver", "challenge", "hookup", "fitting"}
)
# The pronouns, copulas and article of a sentence ("we are monitoring the situation", "interpretation of the
# new policy"): a coder's shorthand for a service says none of them.
SPOKEN = frozenset(
    {"i", "we", "you", "they", "he", "she", "it", "is", "are", "was", "were", "am", "be", "been", "this"}
    | {"that", "my", "our", "your", "their", "the", "who", "her", "his", "him", "them", "me", "us"}
)
# A diagnostic study named by its kind's ending: spirometry, audiometry, oximetry, electromyography, ...
_STUDY = re.compile(r"^[a-z]{4,}(?:metry|graphy)$")


# "formaldehyde exposure in the anatomy lab", "hurt at the lab": a service noun said as the place something
# happened (after "in the", "at the") names where, not a service asked for.
_AS_PLACE = re.compile(
    r"\b(?:in|at)\s+(?:the|a|an|his|her|my|our|their)\s+(?:[a-z]+\s+)?(?:lab|labs|office|clinic)\b"
)


def without_place(text: str) -> str:
    """The text less a service noun said as a place ("in the anatomy lab")."""
    return _AS_PLACE.sub(" ", text)


def names_service_act(words: list[str]) -> bool:
    """Whether the words name a service by CPT's act noun ("infant car seat challenge", "CGM interpretation
    and report"); an everyday word too, so asked only of shorthand (`is_shorthand`)."""
    return any(w in ACT_NOUNS for w in words)


def is_shorthand(text: str) -> bool:
    """Whether a text is a coder's shorthand, no sentence: it says no pronoun, copula or "the" (SPOKEN: "we
    are monitoring the situation", "the challenge this week is staffing" are talk)."""
    return not SPOKEN.intersection(re.findall(r"[a-z]+", text.lower()))


def names_service_noun(words: list[str]) -> bool:
    """Whether the words name a service by its noun or a study by its ending ("eval", "testing", "visit",
    "spirometry")."""
    return any(w in SERVICE_WORDS or _STUDY.match(w) for w in words)
