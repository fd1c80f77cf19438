"""An abbreviation of more than one sense read in the sense the rest of the query is about.

A coder meeting "ICP" reads it by what else the note says: "ICP at 35 weeks, itching palms" is intrahepatic
cholestasis of pregnancy, "ICP monitor after head injury" intracranial pressure; "rheumatic MS" is mitral stenosis,
"MS flare" multiple sclerosis; "HL nodular sclerosis" is Hodgkin lymphoma, "HL both ears" hearing loss. terms.tsv
gives such an abbreviation its usual sense (kind "abbreviation") and its other senses (kind "sense", written
"icp~1"), each in the Index's words. Each sense has a neighbourhood: its own words, the words of the Tabular
titles of the category its Index path leads to (the titles of I05 say "rheumatic", those of C81 "nodular
sclerosis"), and the words a note uses about the part of the classification that category is in (a pregnancy:
weeks, trimester, G2P1; a newborn: preemie, NICU; an eye: OD, OS, floaters). The query's other words choose the
sense whose neighbourhood holds more of them; the usual sense stays unless another sense fits strictly better.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# The words a note uses about a part of the classification, by the code ranges of that part (first letter and
# the first two digits, inclusive). Only parts an abbreviation's senses fall in need words here.
# An injury's words, for its nature (S00-T35) and its external cause (V00-Y38) alike.
_INJURY_WORDS = (
    "blast explosion injury injured wound wounded shrapnel fragment military combat deployment trauma"
)
_PARTS: tuple[tuple[str, str, str], ...] = (
    (
        "O00",
        "O9A",
        "pregnant pregnancy weeks wks wk gestation gestational trimester antepartum prenatal ob obstetric"
        " fetal fetus singleton twin twins gravid gravida primigravida multigravida labor",
    ),
    (
        "P00",
        "P96",
        "newborn neonate neonatal infant baby preemie premature prematurity nicu born birth perinatal o2 oxygen",
    ),
    (
        "H00",
        "H59",
        "eye eyes od os ou vision visual blind blindness night retina retinal macula fundus floaters flashes"
        " ophthalmic",
    ),
    ("H60", "H95", "ear ears hearing audiogram audiology tinnitus deaf"),
    (
        "F01",
        "F99",
        "mood behavior behaviour behavioral self harm cutting suicidal impulsive anger outbursts dbt"
        " psychiatric psych counseling nonverbal speech developmental delay social stimming sensory aba",
    ),
    (
        "C81",
        "C96",
        "lymph node nodes lymphadenopathy biopsy reed sternberg chemo chemotherapy abvd staging stage pet",
    ),
    ("D45", "D47", "jak2 platelet platelets plt hematocrit hct hemoglobin hgb marrow phlebotomy"),
    (
        "Q20",
        "Q28",
        "newborn neonate infant baby cyanotic cyanosis murmur echo echocardiogram repair",
    ),
    ("I00", "I09", "murmur valve valvular echo echocardiogram rheumatic"),
    ("I30", "I52", "murmur valve valvular echo echocardiogram"),
    ("S00", "T35", _INJURY_WORDS),
    ("V00", "Y38", _INJURY_WORDS),
    # (dependence on dialysis: a kidney note's words)
    ("Z99", "Z99", "esrd ckd kidney renal catheter dialysate exchange exchanges peritonitis"),
    ("R06", "R06", "breathing respiration respiratory apnea sleep"),
    (
        "T36",
        "T50",
        "overdose poisoning poisoned adverse reaction given injected injection pen anaphylaxis dose",
    ),
)
# Words of titles that say nothing of what a category is about.
_PLAIN = frozenset(
    {
        "and",
        "the",
        "for",
        "with",
        "without",
        "other",
        "unspecified",
        "specified",
        "not",
        "elsewhere",
        "classified",
        "due",
        "right",
        "left",
        "bilateral",
        "side",
        "site",
        "initial",
        "subsequent",
        "encounter",
        "sequela",
        "type",
        "disease",
        "disorder",
        "disorders",
        "diseases",
        "unknown",
        "from",
        "has",
        "positive",
        "negative",
        "moderate",
        "mild",
        "severe",
    }
)
_WORD = re.compile(r"[a-z][a-z0-9]*")
_GRAVIDA = re.compile(r"\bg\d+\s*p\d+")


def part_words(code: str) -> frozenset[str]:
    """The words a note uses about the part of the classification `code` is in (none for most parts)."""
    head = code.replace(".", "")[:3].upper()
    return frozenset(word for low, high, words in _PARTS if low <= head <= high for word in words.split())


def title_words(titles: list[str], stem: Callable[[str], str]) -> frozenset[str]:
    """The stems of the words of a category's titles that say what it is about."""
    return frozenset(
        stem(w) for t in titles for w in _WORD.findall(t.lower()) if len(w) > 2 and w not in _PLAIN
    )


@dataclass(frozen=True)
class ReadSense:
    text: str  # the query with the abbreviation replaced by the sense chosen
    note: str  # "read: ICP -> pregnancy complicated by cholestasis (said: weeks)"


def read_sense(
    query: str,
    senses: Callable[[str], tuple[str, ...]],
    neighbourhood: Callable[[str], frozenset[str]],
    stem: Callable[[str], str],
) -> ReadSense | None:
    """The query with its first abbreviation of several senses (`senses(word)`: the usual sense first, then the
    others; empty for a word of one sense) written in the sense its other words fit best, when that is not the
    usual sense; None when no such word is said or the usual sense fits as well (`neighbourhood(means)`: the
    stems of the sense's words and titles and the plain words of its part of the classification)."""
    lowered = query.lower()
    words = _WORD.findall(lowered)
    for at, word in enumerate(words):
        meanings = senses(word)
        if len(meanings) < 2:
            continue
        rest = words[:at] + words[at + 1 :]
        said = {w for w in rest if w not in _PLAIN} | {
            stem(w) for w in rest if len(w) > 2 and w not in _PLAIN
        }
        if _GRAVIDA.search(lowered):
            said.add("gravida")
        fits = [len(said & neighbourhood(m)) for m in meanings]
        best = max(range(1, len(meanings)), key=lambda n: fits[n])
        if fits[best] <= fits[0] or fits.count(fits[best]) > 1:
            continue
        chosen = meanings[best]
        found = re.search(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])", query, re.IGNORECASE)
        if found is None:
            continue
        text = f"{query[: found.start()]}{chosen}{query[found.end() :]}"
        why = sorted(w for w in rest if w in neighbourhood(chosen) or stem(w) in neighbourhood(chosen))
        note = f"read: {found.group(0)} -> {chosen}" + (f" (said: {', '.join(why)})" if why else "")
        return ReadSense(text, note)
    return None


# -- a sense the data spells ----------------------------------------------------------------------------------
# The vocabulary gives a known abbreviation its usual sense, and a few others; the data spells more. "CAD" is
# coronary artery disease in most notes, but "CAD, hemolysis worse in the cold" is cold agglutinin disease, a
# term the Index says ("Cold, agglutinin disease") whose initials the abbreviation is. A coder reads the sense the
# note's other words are about when the usual sense fits none of them: the terms the abbreviation's letters spell
# (`bot.lookups.index.initialisms`), each with the words of its code's titles, and the one that alone holds a word
# of the query (the words they stand for in the dictionary, bot.lookups.index.word_kin, only choosing among terms
# the query's words fit alike) is read. A term sharing one word with the usual sense is still another condition
# ("RAD in a foster child": reactive attachment disorder of childhood, beside reactive airway disease).
_CAPITALS = re.compile(r"(?<![\w/+-])([A-Z]{3,6})(?![\w/+-])")


def read_data_sense(
    query: str,
    usual: Callable[[str], tuple[str, ...]],
    neighbourhood: Callable[[str], frozenset[str]],
    spelled: Callable[[str], tuple[tuple[str, str, frozenset[str]], ...]],
    stem: Callable[[str], str],
    together: Callable[[str, str], bool],
    kin: Callable[[str], frozenset[str]] | None = None,
    on_path: Callable[[str, str], bool] | None = None,
) -> ReadSense | None:
    """The query with its first abbreviation in capitals read as a term its letters spell (`spelled(key)`:
    (term, code, the stems of its code's titles) for each term the data says as a clinician does) that holds a
    word of the query no other such term's code holds, when none of the abbreviation's vocabulary senses
    (`usual(key)`, with `neighbourhood(sense)`) holds any of the query's other words - and no word it holds makes
    an Index line with another word of the query (`together`): "CAD s/p CABG, chest pain" names chest pain
    beside the coronary disease, no deformity of the chest.

    A usual sense also fits a word of the query when one Index path holds the word with the sense's words
    (`on_path(sense, stem)`, bot.lookups.index.one_path): "type 1 diabetes with CKD" is the path "Diabetes, type
    1, with, chronic kidney disease", no coma with ketoacidosis; "old CVA" the path "Infarct, cerebral, old"."""
    for match in _CAPITALS.finditer(query):
        key = match.group(1).lower()
        senses = usual(key)
        if not senses:
            continue
        rest = _WORD.findall((query[: match.start()] + " " + query[match.end() :]).lower())
        said = {stem(w) for w in rest if len(w) > 2 and w not in _PLAIN and not w.isdigit()}
        # (and the words the dictionary says they are: "teen" -> adolescent; bot.lookups.index.word_kin - weaker
        # than the words themselves: they keep the usual sense, and only choose among terms the words fit alike;
        # alone they choose nothing - "CVA with residual dysarthria" is no agammaglobulinemia by a speech defect)
        also = kin(" ".join(w for w in rest if w not in _PLAIN)) - said if said and kin is not None else set()
        if not said or any((said | also) & neighbourhood(sense) for sense in senses):
            continue
        if on_path is not None and any(on_path(sense, word) for sense in senses for word in sorted(said)):
            continue
        fits: dict[str, tuple[int, int, str]] = {}
        # (another condition, not the usual one in other words: "hypertension with CKD" is chronic kidney disease)
        known = {stem(w) for sense in senses for w in _WORD.findall(sense) if len(w) > 2 and w not in _PLAIN}
        for term, code, words in spelled(key):
            # (a term sharing one word with the usual sense is another condition: "reactive attachment disorder"
            # beside "reactive airway disease")
            own = {stem(w) for w in term.split() if w not in _PLAIN}
            shared = known & own
            if len(shared) > 1 or (shared and shared == own):
                continue
            fit, kin_fit = len(said & words), len(also & words)
            if fit and (fit, kin_fit) > fits.get(code, (0, 0, ""))[:2]:
                fits[code] = (fit, kin_fit, term)
        if not fits:
            continue
        best = max(fit[:2] for fit in fits.values())
        chosen = [term for *fit, term in fits.values() if tuple(fit) == best]
        if len(chosen) > 1:
            continue
        words = next(ws for t, _, ws in spelled(key) if t == chosen[0])
        held = [w for w in rest if stem(w) in said & words]
        others = [w for w in rest if stem(w) in said - words]
        if any(together(w, other) for w in held for other in others):
            continue
        text = f"{query[: match.start()]}{chosen[0]}{query[match.end() :]}"
        why = sorted(held)
        note = f"read: {match.group(1)} -> {chosen[0]}" + (f" (said: {', '.join(why)})" if why else "")
        return ReadSense(text, note)
    return None
