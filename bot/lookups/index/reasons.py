"""What a coder knows beside the Index for history, status, allergy and long-term drug queries.

- A drug's class: the Table of Drugs and Chemicals sends "warfarin" to T45.51-, whose Tabular title names the
  class ("anticoagulants"); the Index's Long-term drug therapy, History (personal) allergy and "due to
  medicament" lines name classes, not each drug.
- "Conditions classifiable to C15-C26": the Tabular's inclusion notes of the history codes (Z80-Z87) say which
  conditions each one is the history of. A history query whose condition the Index's History lines do not
  name ("family history of colon cancer": only "malignant neoplasm" is there) is coded by the note whose range
  holds the condition's own code.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from bot.lookups.index.tree import IndexTree, Node
from bot.lookups.index.words import NEGATIONS, content_stems, stem

# Drug Table codes of drugs, medicaments and biological substances (T36-T50); T51-T65 are toxic effects of
# substances chiefly nonmedicinal ("food", "alcohol", "gasoline"), which have no drug class.
_DRUG_CODE = re.compile(r"^T(?:3[6-9]|4[0-9]|50)")
_TITLE_LEAD = re.compile(r"(?i)^.*?underdosing of\s+")
# Words of those titles that name no class.
_NOT_CLASS = frozenset(
    stem(w)
    for w in [
        "other",
        "unspecified",
        # ("other specified systemic anti-infectives": a Long-term or allergy line "specified NEC" is the
        # line of no class, not of this one)
        "specified",
        "primarily",
        "affecting",
        "system",
        "elsewhere",
        "classified",
        "their",
        "synthetic",
        "substitutes",
        "antagonists",
        "multiple",
        "predominantly",
        "acting",
        "mainly",
        "action",
        "agents",
        "and",
        "drugs",
        "drug",
        "medicaments",
        "biological",
        "substances",
        "systemic",
        "hormones",
    ]
)
# What a drug is in the Index's words for a condition a drug caused ("Hypothyroidism, due to, medicament";
# "Myopathy, drug-induced").
CAUSED_WORDS = ("drug", "drugs", "medicament", "medicinal", "induced")


def drug_classes(tree: IndexTree, word: str) -> tuple[str, ...]:
    """The class words of a drug the Drug Table names as a main term ("warfarin" -> anticoagulants;
    "amoxicillin" -> penicillins, systemic antibiotics), or () for a word that is no drug."""
    key = ("drug-classes", word)
    found = tree.memo.get(key)
    if isinstance(found, tuple):
        return found
    found = _drug_classes(tree, word)
    tree.memo[key] = found
    return found


def drug_with(tree: IndexTree, first: str, second: str) -> bool:
    """Whether the Drug Table names two drugs together as one line ("Sulfamethoxazole, with trimethoprim"
    for "sulfamethoxazole trimethoprim", as a brand's generic names are said): the second is part of the
    first's combination, not a drug of its own classes."""
    node = _drug_node(tree, first)
    wanted = {stem(second)}
    return node is not None and any(content_stems(c.term) == wanted for c in tree.children(node.id))


def _drug_node(tree: IndexTree, word: str) -> Node | None:
    """The Drug Table's main term for the word itself ("Warfarin"), if it has one."""
    wanted = stem(word)
    for _, node_id, _, essential in tree.matches([0], {wanted}):
        node = tree.node(node_id)
        if (
            node is not None
            and node.book == "drug"
            and essential
            and content_stems(node.term.split(",")[0]) == {wanted}
        ):
            return node
    return None


def _drug_classes(tree: IndexTree, word: str) -> tuple[str, ...]:
    if len(word) < 4 or not word.isalpha():
        return ()
    node = _drug_node(tree, word)
    if node is None:
        return ()
    code = next((c for c in node.cells if c), "").replace(".", "").rstrip("-").upper()
    if not _DRUG_CODE.match(code):
        return ()
    wanted = stem(word)
    words: list[str] = []
    for size in (5, 4, 3):
        row = tree.conn.execute(
            "SELECT title FROM codes WHERE system = 'cm' AND code = ?", [code[:size]]
        ).fetchone()
        if row is not None:
            words += [
                w
                for w in re.findall(r"[a-z][a-z-]+", _TITLE_LEAD.sub("", str(row[0]).lower()))
                if stem(w) not in _NOT_CLASS and stem(w) != wanted and content_stems(w) - NEGATIONS
            ]
    # A title may name a drug beside its class ("insulin and oral hypoglycemic drugs"): a class is written in
    # the plural or as an adjective, so a singular word the Drug Table holds as a drug of its own is that other
    # drug, not a class of this one.
    return tuple(w for w in dict.fromkeys(words) if w.endswith("s") or _drug_node(tree, w) is None)


@dataclass(frozen=True)
class Classifiable:
    code: str  # the history code whose note names the range (undotted, may be a header)
    low: str  # first code of the range (3 or more characters)
    high: str  # last code of the range


_RANGE = re.compile(r"([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z-]+)?)(?:\s*-\s*([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z-]+)?))?")
HISTORY_FAMILY = ("Z80", "Z81", "Z82", "Z83", "Z84")
HISTORY_PERSONAL = ("Z85", "Z86", "Z87")


def classifiable_notes(conn: sqlite3.Connection, memo: dict[object, object]) -> list[Classifiable]:
    """Every "Conditions classifiable to ..." inclusion note of the history codes, one entry per range."""
    key = "classifiable-notes"
    found = memo.get(key)
    if isinstance(found, list):
        return found
    out: list[Classifiable] = []
    rows = conn.execute(
        "SELECT code, text FROM notes WHERE system = 'cm' AND code >= 'Z80' AND code < 'Z88' "
        "AND text LIKE 'Conditions classifiable to %'"
    ).fetchall()
    for code, text in rows:
        for low, high in _RANGE.findall(str(text)[len("Conditions classifiable to ") :]):
            first = low.replace(".", "").rstrip("-")
            last = (high or low).replace(".", "").rstrip("-")
            out.append(Classifiable(str(code), first, last))
    memo[key] = out
    return out


def history_code(
    conn: sqlite3.Connection, memo: dict[object, object], condition: str, family: bool
) -> str | None:
    """The history code (Z80-Z84 family, Z85-Z87 personal) whose note's range holds the condition's code:
    the narrowest range, then the most specific code."""
    heads = HISTORY_FAMILY if family else HISTORY_PERSONAL
    best: tuple[int, int, str] | None = None
    for note in classifiable_notes(conn, memo):
        if not note.code.startswith(heads):
            continue
        if not _within(condition, note.low, note.high):
            continue
        width = _width(note.low, note.high)
        key = (width, -len(note.code), note.code)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def residual_child(conn: sqlite3.Connection, head: str) -> tuple[str, str] | None:
    """The one billable child of a history code that says "other" (Z82.49 "... ischemic heart disease and
    other diseases of the circulatory system" under Z82.4): where a condition its siblings do not name goes."""
    rows = conn.execute(
        "SELECT code, title FROM codes INDEXED BY codes_parent "
        "WHERE system = 'cm' AND parent = ? AND billable = 1 AND current = 1",
        (head,),
    ).fetchall()
    other = [(str(c), str(t)) for c, t in rows if re.search(r"\bother\b", str(t), re.IGNORECASE)]
    return other[0] if len(other) == 1 else None


def _within(code: str, low: str, high: str) -> bool:
    """Whether a code falls in a range of categories or codes ("C18.9" in C15-C26; "C50.919" in C50)."""
    return low <= code[: len(low)] and code[: len(high)] <= high


def _width(low: str, high: str) -> int:
    """How many categories a range spans (letters and two digits), for the narrowest range to win."""

    def number(code: str) -> int:
        return (ord(code[0]) - 65) * 100 + int(code[1:3]) if code[1:3].isdigit() else 0

    return number(high) - number(low)


# An encounter for a vaccine ("covid vaccine", "encounter for hep B vaccine", "flu vaccine visit"): the Index's
# "Vaccination, encounter for" (Z23, whatever the vaccine; the guideline codes the vaccine's procedure apart).
# A reaction, a poisoning or a vaccine not given is another reason (T80.-, T50.-, Z28.-); an administration or
# an introduction said is the procedure (ICD-10-PCS).
_VACCINE = re.compile(r"\b(?:vaccines?|vaccinations?|immunizations?|immunisations?|boosters?)\b")
_NOT_AN_ENCOUNTER = re.compile(
    r"\b(?:reactions?|adverse|poisoning|overdose|allerg\w*|anaphyla\w*|rash|fever|swelling|hives|complications?|"
    r"not|no|refused|declined|delayed|missed|contraindicated|exempt\w*|status|history|administration|admin|"
    r"administered|introduction|dose|doses|injury|injured|effect|effects|due|after|following|from|caused|"
    r"medicare|hcpcs|cpt|up|utd|record|records|card)\b"
)
VACCINATION = "vaccination encounter"


@dataclass(frozen=True)
class Reason:
    text: str  # the Index's words of the reason
    echoes: tuple[str, ...]  # the query's other words: a line below may still use them


def vaccine_encounter(text: str) -> Reason | None:
    """An encounter for a vaccine named in the query, or None."""
    if not _VACCINE.search(text) or _NOT_AN_ENCOUNTER.search(text) or text == VACCINATION:
        return None
    named = [w for w in _VACCINE.sub(" ", text).split() if w not in {"encounter", "for", "visit", "the", "a"}]
    return Reason(VACCINATION, tuple(named))


# Observation for a suspected condition that was ruled out ("observation for suspected MI, ruled out"): the
# Index's "Observation, suspected, ruled out" lines; the condition names a line below only where the Index has
# one (abuse, toxic effects), otherwise "condition NEC" (Z03.89): "condition" is an echo a path may use.
_OBSERVATION = re.compile(
    r"^(?:(?:encounter|admission|admitted|admit)\s+(?:for\s+)?)?(?:observation|obs)\s+(?:for\s+|of\s+|to\s+)?"
    r"(?P<doubt>(?:rule\s+out|r/o|suspected|possible|presumed|probable)\s+)?(?P<what>.+?)"
    r"(?P<out>\s+(?:was\s+|is\s+|were\s+)?(?:ruled\s+out|not\s+found|excluded|not\s+confirmed))?$"
)
OBSERVATION = "observation suspected ruled out"


def observation_ruled_out(text: str) -> Reason | None:
    """An observation for a suspected condition ruled out, or None."""
    match = _OBSERVATION.match(text)
    if match is None or not (match.group("doubt") or match.group("out")):
        return None
    what = " ".join(w for w in match.group("what").split() if w not in {"the", "a", "an"})
    return Reason(f"{OBSERVATION} {what}", ("condition",))


# History said in plain words: a relative who had the condition ("mom and brother had colon polyps", "colon
# cancer in his father") is a family history; a condition said to be past ("prior kidney stones", "breast
# cancer survivor", "had gestational diabetes last pregnancy", "was on ECMO in the past", "had a melanoma in situ
# removed" - a lesion taken out, said last) a personal history. Read into the words the
# query reader already sends to "History, family" and "History, personal".
# (A son or a daughter is left out: "lazy eye in my son" is a parent speaking of the patient.) A relative said
# to be one of a kind of person ("father was an alcoholic", "mom is a diabetic") had the condition the noun
# names: the predicate noun after "is / was a(n)" is read as the condition's word.
_RELATIVE = (
    r"(?:(?:maternal|paternal)\s+)?(?:mom|mother|dad|father|parent|brother|sister|sibling|"
    r"grandmother|grandfather|grandma|grandpa|grandparent|aunt|uncle|cousin|twin)s?"
)
_RELATIVES = rf"{_RELATIVE}(?:\s*(?:and|&|or)?\s+{_RELATIVE})*"
_FAMILY_HAD = re.compile(
    rf"^(?:(?:both|older|younger|big|little|half|identical)\s+)?{_RELATIVES}\s+(?:both\s+)?(?:(?P<born>(?:was\s+|were\s+)?born\s+with)|had|has|have|with|w|(?:died|passed(?:\s+away)?)(?:\s+[a-z]+ly)?\s+(?:of|from)|(?:was|were)\s+"
    rf"diagnosed\s+with|(?:had|has|have)\s+had|(?:is|was|are|were)(?=\s+an?\s))\s+(?:(?<=is\s|as\s|re\s)an?\s+)?(?P<what>.+)$"
)
_IN_RELATIVE = re.compile(rf"^(?P<what>.+?)\s+in\s+(?:both\s+)?{_RELATIVES}$")
# A condition said with how long ago it was and that it is over ("DVT years ago, not on anticoag now", "kidney
# stone 5 years ago, resolved"): a personal history. Anything else said after it (still, with, now having)
# may be the condition now, which the Index codes.
_AGO_OVER = re.compile(
    r"^(?P<what>[a-z][a-z0-9 '-]*?)\s+(?:\d+\s+|many\s+|several\s+|a\s+few\s+|two\s+|three\s+)?(?:years?|yrs)\s+ago"
    r"\s+(?:(?:not|no|none|never)(?:\s+[a-z]+){0,3}\s+(?:now|currently|since|anymore)|resolved|recovered|treated|"
    r"cured|healed|fully\s+recovered)$"
)
_PAST = re.compile(r"^(?:prior|past|previous|remote|former)\s+(?!to\b|history\b|hx\b|medical\b)(?P<what>.+)$")
_SURVIVOR = re.compile(r"^(?P<what>.+?)\s+survivor\b")
_HAD_BEFORE = re.compile(
    r"^(?:had|has\s+had|have\s+had|hx\s+of|was\s+on|were\s+on)\s+(?P<what>.+?)\s+(?:(?:with|in|during)\s+)?(?:the\s+)?"
    r"(?:(?:last|previous|prior|first|earlier)\s+(?:pregnancy|pregnancies|time|year|years|winter|summer|spring|fall|"
    r"autumn|month)|in\s+the\s+past|"
    r"in\s+past|previously|years\s+ago|as\s+a\s+(?:child|kid|baby|teen)|(?:removed|excised|cut\s+out)$)\b"
)


# A history said after the condition ("had pneumonia 3 times, history of", "kidney stones, hx"), or a
# condition had a number of times ("had pneumonia 3 times", "had UTIs several times"): the Index's History,
# personal line of the condition (History, personal, pneumonia (recurrent)).
_HISTORY_FIRST = re.compile(r"^(?:personal\s+|family\s+|past\s+)?(?:history|hx|fhx|pmh)\b")
# "no family hx", "family history", "social hx": not the patient's own history of the words before.
_NOT_OWN_HISTORY = frozenset(
    {"no", "family", "fam", "social", "surgical", "negative", "neg", "denies", "without"}
)
_SAID_AFTER = re.compile(r"^(?P<what>.+?)\s+(?:history\s+of|hx\s+of|hx|by\s+history|per\s+history)$")
_TIMES_HAD = re.compile(
    r"^(?:had|has\s+had|have\s+had)\s+(?P<what>.+?)\s+(?:\d+|two|three|four|five|several|multiple|many)\s+times"
    r"(?:\s+(?:before|in\s+the\s+past|previously|over\s+the\s+years|in\s+the\s+last\s+\w+(?:\s+\w+)?))?$"
)
# A part the patient lacks ("missing right hand from old injury", "acquired absence of left kidney after
# nephrectomy"): the Index's Absence (of), by site, acquired; the cause or the operation said after it is
# how it was lost, which the status code does not hold.
_PARTS = (
    r"(?:hand|hands|foot|feet|arm|arms|leg|legs|finger|fingers|thumb|thumbs|toe|toes|great\s+toe|big\s+toe|"
    r"kidney|eye|eyes|breast|breasts|lung|spleen|gallbladder|uterus|ovary|ovaries|testis|testicle|stomach|"
    r"teeth|tooth|larynx|prostate|rectum|colon|bladder|limb|limbs|ear|ears)"
)
_MISSING = re.compile(
    r"^(?:acquired\s+absence\s+of|absence\s+of|missing|lost\s+(?:his|her|my|their|a|the)?)\s*"
    rf"(?P<part>(?:(?:right|left|both|bilateral|r|l)\s+)?(?:\w+\s+)?{_PARTS})"
    r"(?:\s+(?:from|after|following|due\s+to|since|in|s/p|status\s+post|secondary\s+to|because\s+of|years\s+ago|"
    r"as\s+a\s+child)\b.*)?$"
)


def plain_absence(text: str) -> str:
    """The text with a part the patient lacks read as "absence <part> acquired", or the text as it was."""
    missing = _MISSING.match(text)
    if missing is None or re.search(r"\b(?:birth|born|congenital\w*)\b", text):
        return text  # a part missing from birth is a congenital absence (Q codes), read by the Index
    return f"absence {missing.group('part')} acquired"


# A history's closing clause saying the condition is not there now ("history of preterm delivery, not
# pregnant now", "h/o UTIs, none now"): what makes it a history, not a word of the History line.
_NOT_NOW = re.compile(
    r"\s+(?:(?:not|no|none|never)(?:\s+[a-z]+){0,2}\s+(?:now|currently|at\s+present|anymore|today)|none\s+now|"
    r"(?:currently|now)\s+(?:resolved|none|inactive))$"
)


def plain_history(text: str) -> str:
    """The text with a history said in plain words read as "family history of ..." or "history of ...",
    a closing clause denying it now left out, or the text as it was."""
    read = _plain_history(text)
    return _NOT_NOW.sub("", read) if _HISTORY_FIRST.match(read) else read


def _plain_history(text: str) -> str:
    after = _SAID_AFTER.match(text)
    before = after.group("what").split()[-1] if after else ""
    if after and not _HISTORY_FIRST.match(text) and before not in _NOT_OWN_HISTORY:
        text = after.group("what")
        had = _TIMES_HAD.match(text)
        return f"history of {had.group('what') if had else text}"
    had = _TIMES_HAD.match(text)
    if had:
        return f"history of {had.group('what')}"
    family = _FAMILY_HAD.match(text) or _IN_RELATIVE.match(text)
    if family:
        # (a relative born with a condition had it from birth: the Index's congenital line)
        born = "congenital " if family.groupdict().get("born") else ""
        return f"family history of {born}{family.group('what')}"
    past = _SURVIVOR.match(text) or _HAD_BEFORE.match(text) or _PAST.match(text) or _AGO_OVER.match(text)
    if past:
        return f"history of {past.group('what')}"
    return text


# A chart's result line ("PSA 6.2 rising", "ANA positive", "TSH high, free T4 normal"): the test's name, maybe
# a value, then the result. The Index says the result first ("Elevated, prostate specific antigen",
# "Positive, ...", "Prolonged, QT interval"), so the result word is read before the test; a clause saying a
# test came back normal or negative ("CXR clear") says nothing to code beside a finding.
_RESULT_WORDS = {
    "positive": "positive",
    "pos": "positive",
    "+": "positive",
    "high": "elevated",
    "elevated": "elevated",
    "raised": "elevated",
    "increased": "elevated",
    "rising": "elevated",
    "low": "low",
    "decreased": "decreased",
    "prolonged": "prolonged",
    "abnormal": "abnormal",
}
_RESULT = re.compile(
    r"^(?P<test>[a-z][a-z0-9 .\-/]*?)\s*(?P<colon>:)?\s+(?:(?:is|was|level|levels|of)\s+)?"
    r"(?:[<>]?\d[\d.,/]*\s*(?:%|mm|mg/dl|mg|ng/ml|k)?\s+)?"
    rf"(?P<result>{'|'.join(re.escape(w) for w in _RESULT_WORDS)})(?=\s|$)(?P<rest>.*)$"
)
_UNREMARKABLE = re.compile(r"\b(?:normal|negative|neg|clear|wnl|unremarkable)$")


def read_results(text: str) -> str:
    """The text with each "<test> [value] <result>" clause read as "<result> <test>", and clauses saying a
    test was normal left out beside another clause."""
    clauses = [c.strip() for c in re.split(r"[,;]", text) if c.strip()]
    if not clauses:
        return text
    out: list[str] = []
    changed = False
    for clause in clauses:
        match = _RESULT.match(clause)
        # "high" and "low" before another word describe it ("high school", "low back pain").
        adjective = match is not None and match.group("result") in {"high", "low"} and match.group("rest")
        if match and len(match.group("test").split()) <= 4 and not adjective:
            result, test, rest = (
                _RESULT_WORDS[match.group("result")],
                match.group("test"),
                match.group("rest"),
            )
            # "ekg: prolonged qt": the result already comes first, of the words after the colon.
            out.append(
                f"{result}{rest} {test}" if match.group("colon") and rest else f"{result} {test}{rest}"
            )
            changed = True
        elif len(clauses) > 1 and _UNREMARKABLE.search(clause) and len(clause.split()) <= 4:
            changed = True
        else:
            out.append(clause)
    return ", ".join(out) if changed and out else text


# A vital sign or a bedside reading written as its number ("BP 168/102", "SpO2 86% on RA", "FSBG 48"): the
# Index names the finding a reading outside its usual range is (Elevated, blood pressure, reading;
# Hypoxemia; Hypoglycemia; Hyperglycemia; Fever), which the clinical thresholds below tell apart.
_PRESSURE = re.compile(r"\b(?:bp|blood\s+pressure|b/p)\s*:?\s*(?P<high>\d{2,3})\s*/\s*(?P<low>\d{2,3})\b")
# (a chart's "desats to 87%" says the lowest reading; a reading at rest or on exertion said beside it, ", 94% at
# rest", is the same measurement's other value)
_SATURATION = re.compile(
    r"\b(?:spo2|sao2|o2\s+sat|o2\s+sats|sats?|pulse\s+ox|pox|desats?|desaturat(?:es|ed|ing|ion)|satting)"
    r"\s*:?\s*(?:(?:of|to|at|down\s+to|in\s+the)\s+)?(?P<value>\d{2,3})\s*%?"
    r"(?:\s+(?:with\s+|on\s+|during\s+)?(?:ambulation|ambulating|exertion|walking|activity|exercise|sleep)"
    r"(?:\s*,?\s*(?:and\s+)?\d{2,3}\s*%?\s+(?:at\s+rest|on\s+ra|on\s+room\s+air|at\s+baseline))?)?"
)
_GLUCOSE = re.compile(
    r"\b(?:fsbg|fsbs|bg|bs|cbg|fingerstick|fingerstick\s+glucose|blood\s+sugar|blood\s+glucose|glucose|"
    r"sugar)\s*:?\s*(?:(?:of|was|is|at|running|in|the|up|to)\s+){0,3}(?P<value>\d{2,3})s?\b"
)
_ROOM_AIR = re.compile(r"(?<=[0-9%])\s+(?:on\s+)?(?:ra|room\s+air)\b")
# A temperature in Fahrenheit ("temp 101.8", "Tmax 102") or in Celsius ("T 38.9 C", "temp 39.2"): above
# 100.4 F (38.0 C) is the Index's Fever.
_TEMPERATURE = re.compile(
    r"\b(?:temp|temperature|t|tmax|t-max|febrile\s+to|spiked\s+to)\s*:?\s*(?:(?:of|to|at)\s+)?"
    r"(?P<value>1\d\d(?:\.\d)?|[34]\d(?:\.\d)?)(?:\s*(?:°\s*)?(?P<unit>[fc])\b|\s*°|\s+degrees\b)?(?![\d.])"
    r"(?!\s*(?:weeks?|wks?|w|days?|d|years?|yrs?|yo|y/o|months?|mos?|hours?|hrs?|minutes?|mins?|mm|cm|kg|lbs?)\b)"
)


def read_values(text: str) -> str:
    """The text with each vital sign or bedside reading outside its usual range read as the Index's finding
    ("bp 168/102" -> elevated blood pressure reading); a reading inside the range is left as it is."""

    def pressure(match: re.Match[str]) -> str:
        high, low = int(match.group("high")), int(match.group("low"))
        if high >= 130 or low >= 80:
            return "elevated blood pressure reading"
        if high < 90 or low < 60:
            return "hypotension"
        return match.group(0)

    def saturation(match: re.Match[str]) -> str:
        return "hypoxemia" if int(match.group("value")) < 92 else match.group(0)

    def glucose(match: re.Match[str]) -> str:
        value = int(match.group("value"))
        return "hypoglycemia" if value < 70 else "hyperglycemia" if value >= 200 else match.group(0)

    def temperature(match: re.Match[str]) -> str:
        value = float(match.group("value"))
        celsius = match.group("unit") == "c" or (value < 50 and match.group("unit") != "f")
        if celsius and not 32 <= value <= 43:
            return match.group(0)
        return "fever" if value >= (38.0 if celsius else 100.4) else match.group(0)

    text = _ROOM_AIR.sub("", text)  # "86% on RA": breathing room air, not rheumatoid arthritis
    text = _PRESSURE.sub(pressure, text)
    text = _SATURATION.sub(saturation, text)
    text = _GLUCOSE.sub(glucose, text)
    return _TEMPERATURE.sub(temperature, text)


# The Index main term of the drugs a patient takes long term; its lines name classes ("steroids, systemic",
# "anticoagulants", "antibiotics") and drugs.
LONG_TERM_MAIN = "Long-term drug therapy"
SYSTEMIC = "systemic"


def long_term_classes(tree: IndexTree, word: str) -> tuple[str, ...]:
    """The Long-term drug therapy lines a drug belongs to through the Drug Table: a line whose word is a Drug
    Table main term coded as the drug is ("Steroid" T38.0X- as "Prednisone" is -> "steroids"), with "systemic"
    (the Table's main line of a drug is its systemic use; its route lines say "topical", "ophthalmic")."""
    key = ("long-term-classes", word)
    found = tree.memo.get(key)
    if isinstance(found, tuple):
        return found
    found = ()
    node = _drug_node(tree, word) if len(word) >= 4 and word.isalpha() else None
    code = next((c for c in node.cells if c), "") if node is not None else ""
    if code:
        lines = tree.conn.execute(
            "SELECT n.term FROM index_nodes n JOIN index_nodes m ON n.parent = m.id "
            "WHERE m.book = 'cm' AND m.depth = 0 AND m.term = ?",
            [LONG_TERM_MAIN],
        ).fetchall()
        classes = []
        for (term,) in lines:
            text = str(term).lower()
            if " " in text or not text.isalpha() or not text.endswith("s") or stem(text) == stem(word):
                continue  # a class is plural ("steroids"); "insulin", "aspirin" are drugs of their own
            line = _drug_node(tree, text)
            if line is not None and next((c for c in line.cells if c), "") == code:
                classes.append(text)
        found = (*classes, SYSTEMIC) if classes else ()
    tree.memo[key] = found
    return found
