"""A prenatal visit told with what makes the pregnancy high-risk -> the Index's "Pregnancy, supervision of,
high-risk, due to (history of)" line (O09).

Category O09 (Supervision of high risk pregnancy) is found under Pregnancy, supervision of: "high-risk, due to
(history of), ectopic pregnancy" O09.1-, "..., infertility" O09.0-, "..., grand multiparity" O09.4, "...,
in vitro fertilization" O09.81-, "elderly mother, primigravida" O09.51-, "young mother, multigravida" O09.62-.
Users tell the visit and the risk, never the frame: "pregnant again at 9 weeks, had a tubal pregnancy before",
"pregnant after years of infertility, 10 weeks", "IVF pregnancy, first prenatal visit", "grand multip at 34
weeks", "high risk OB check at 8 weeks". A coder hears the supervision of a high-risk pregnancy (guideline
I.C.15.b.2: O09 codes are for routine prenatal outpatient visits of high-risk pregnancies) and reads the risk
as the line below "due to":

- a risk line whose words the sentence says (through the vocabulary: "IVF", "grand multip"), or a thing the
  sentence names that a general dictionary files under the line's words (WordNet: a tubal pregnancy is an
  ectopic pregnancy; a hydatidiform mole is a molar pregnancy);
- the mother's age against the Tabular's notes of O09.5 and O09.6 ("35 years and older", "less than 16 years
  old at expected date of delivery"): elderly or young mother;
- "high risk" said with a pregnancy and no risk named: the high-risk line itself (O09.9-).

The weeks or the trimester said complete the code as for any pregnancy line. `read_supervision` returns the
text said in the frame's words, or None when no risk is told; the search keeps its answer only when it is an O09
code of the frame.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

from bot.lookups.index.words import content_stems
from bot.lookups.wordnet import WordNet

_PREGNANT = re.compile(
    r"\b(?:pregnan\w*|prenatal|antenatal|ob|obstetric\w*|gravida|primigravida|multigravida|g\d+|"
    r"\d+\s*(?:wks?|weeks?)|\d+w\d*|trimester)\b"
)
# A pregnancy planned, wished for or denied is none ("genetic testing before pregnancy", "she is not pregnant").
NOT_PREGNANT = re.compile(
    r"\b(?:not|never|before|prior\s+to|planning(?:\s+a)?|plans?\s+(?:for\s+)?(?:a\s+)?|try(?:ing)?\s+to\s+(?:get|become)|"
    r"wants\s+to\s+(?:get|become)|hoping\s+to\s+(?:get|become))\s+pregnan\w*|\bpreconception\w*"
)
# A risk that is itself an event of a pregnancy ("ectopic pregnancy", "pre-term labor") is a history only when
# told as past: "ectopic pregnancy at 7 weeks" is the ectopic pregnancy.
_PAST = re.compile(r"\b(?:history|hx|h/o|prior|previous|previously|before|last|had|past|earlier|again)\b")
_EVENT = re.compile(r"\b(?:pregnancy|labor)\b")
_HIGH_RISK = re.compile(r"\bhigh[- ]?risk\b")
_AGE = re.compile(r"\b(?P<age>\d{2})\s*(?:yo|y/o|yrs?\s+old|years?[- ]old|year[- ]old|yr[- ]old)\b")
_FIRST = re.compile(r"\b(?:primigravida|primip\w*|first\s+pregnancy|first\s+baby|g1)\b")
# Words of the risk lines that name no risk of their own.
_GENERIC = content_stems("history nec specified or other")
CLIPPED = 5  # a clipped word this long says the word it begins ("multip": multiparity)
DEPTH = 2  # a thing's broader words this many steps up ("tubal pregnancy" -> ectopic pregnancy, 1)

_MEMO: dict[tuple[int, str], object] = {}


def may_read_supervision(query: str) -> bool:
    """A cheap test of the words: whether the sentence tells a pregnancy at all."""
    low = query.lower()
    return _PREGNANT.search(low) is not None and NOT_PREGNANT.search(low) is None


def _risk_lines(conn: sqlite3.Connection) -> tuple[tuple[str, frozenset[str]], ...]:
    """The lines below "Pregnancy, supervision of, high-risk, due to (history of)": their words and the stems
    that name the risk."""
    key = (id(conn), "risks")
    found = _MEMO.get(key)
    if isinstance(found, tuple):
        return found
    rows: list[tuple[str, frozenset[str]]] = []
    for (term,) in conn.execute(
        """SELECT d.term FROM index_nodes p
           JOIN index_nodes s ON s.parent = p.id AND s.term = 'supervision of'
           JOIN index_nodes h ON h.parent = s.id AND h.term = 'high-risk'
           JOIN index_nodes u ON u.parent = h.id AND u.term = 'due to'
           JOIN index_nodes d ON d.parent = u.id
           WHERE p.book = 'cm' AND p.parent = 0 AND p.term = 'Pregnancy' AND d.see = '' AND d.code != ''"""
    ):
        stems = content_stems(str(term).replace("-", " ")) - _GENERIC
        if stems:
            rows.append((str(term).lower(), stems))
    result = tuple(rows)
    _MEMO[key] = result
    return result


def _age_limits(conn: sqlite3.Connection) -> tuple[int, int]:
    """The ages the Tabular's notes of O09.5 (elderly: this age and older) and O09.6 (young: less than this
    age) give; (0, 0) when the notes say none."""
    key = (id(conn), "ages")
    found = _MEMO.get(key)
    if isinstance(found, tuple):
        return found
    elderly = young = 0
    for code, text in conn.execute(
        "SELECT code, text FROM notes WHERE system = 'cm' AND code IN ('O095', 'O096') AND kind = 'inclusion'"
    ):
        older = re.search(r"(\d+) years and older", str(text))
        less = re.search(r"less than (\d+) years", str(text))
        if code == "O095" and older:
            elderly = int(older.group(1))
        if code == "O096" and less:
            young = int(less.group(1))
    result = (elderly, young)
    _MEMO[key] = result
    return result


def _sequence(text: str) -> list[str]:
    return [next(iter(content_stems(w)), "") for w in re.findall(r"[a-z]+", text.replace("-", ""))]


def _says(stems: list[str], line: list[str]) -> bool:
    """Whether the line's stems are said together, in its order ("molar pregnancy", not "molar toothache ...
    pregnant"), a word clipped as charts clip it ("grand multip") saying the word it begins."""
    n = len(line)
    return any(
        all(
            w == want or (len(w) >= CLIPPED and want.startswith(w))
            for w, want in zip(stems[i : i + n], line, strict=True)
        )
        for i in range(len(stems) - n + 1)
    )


def _named_by_kind(text: str, lines: tuple[tuple[str, frozenset[str]], ...], wordnet: WordNet) -> str:
    """The risk line's words a phrase of the sentence is a kind or a synonym of, or ""."""
    words = re.findall(r"[a-z]+", text)
    terms = {term for term, _ in lines}
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            said = [
                *wordnet.synonyms(phrase),
                *(w for s, _ in wordnet.broader(phrase, DEPTH) for w in s.lemmas),
            ]
            for word in said:
                if word in terms:
                    return word
    return ""


_WHEN = re.compile(
    r"\b(?:\d+\s*(?:wks?|weeks?)|\d+w\d*|(?:first|second|third|1st|2nd|3rd)\s+trimester|"
    r"(?:first|second|third|1st|2nd|3rd)\s+tri)\b"
)
# The words of a prenatal visit that name no risk ("high risk OB check at 8 weeks").
_VISIT_WORDS = frozenset(
    [
        "high",
        "risk",
        "high-risk",
        "ob",
        "obstetric",
        "obstetrics",
        "pregnancy",
        "pregnant",
        "prenatal",
        "antenatal",
        "check",
        "checkup",
        "visit",
        "follow",
        "up",
        "follow-up",
        "care",
        "appointment",
        "appt",
        "routine",
        "supervision",
        "at",
        "of",
        "in",
        "for",
        "the",
        "a",
        "an",
        "her",
        "she",
        "is",
        "weeks",
        "week",
        "wks",
        "wk",
        "trimester",
        "first",
        "second",
        "third",
        "1st",
        "2nd",
        "3rd",
        "tri",
        "pt",
        "patient",
        "here",
        "seen",
        "visit",
        "now",
        "along",
    ]
)


def read_supervision(
    query: str, conn: sqlite3.Connection, wordnet: WordNet, expand: Callable[[str], str]
) -> str | None:
    """The sentence said in the frame's words ("pregnancy supervision high-risk due to ectopic pregnancy 9
    weeks": the risk line's words and the weeks or trimester told), or None when it tells no risk of the
    pregnancy."""
    low = " ".join(query.lower().replace("\u2019", "'").split())
    if not _PREGNANT.search(low):
        return None
    when = " ".join(m.group(0) for m in _WHEN.finditer(low))
    lines = _risk_lines(conn)
    said = _sequence(f"{low} {expand(low)}".replace("pregnant", "pregnancy"))
    named = [term for term, _ in lines if _says(said, _sequence(term))]
    risk = max(named, key=len) if named else _named_by_kind(low, lines, wordnet)
    if risk and _EVENT.search(risk) and not _PAST.search(low):
        return None  # ("laparoscopic salpingectomy for ectopic pregnancy")
    age = _AGE.search(low)
    if not risk and age:
        elderly, young = _age_limits(conn)
        years = int(age.group("age"))
        gravida = "primigravida" if _FIRST.search(low) else "multigravida"
        if elderly and years >= elderly:
            return f"pregnancy supervision elderly mother {gravida} {when}".strip()
        if young and years < young:
            return f"pregnancy supervision young mother {gravida} {when}".strip()
    if risk:
        return f"pregnancy supervision high-risk due to {risk} {when}".strip()
    rest = [
        w for w in re.findall(r"[a-z0-9-]+", _WHEN.sub(" ", low)) if w not in _VISIT_WORDS and not w.isdigit()
    ]
    if _HIGH_RISK.search(low) and not rest:
        return f"pregnancy supervision high-risk {when}".strip()
    return None
