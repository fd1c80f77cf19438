"""Query understanding: what a coder reads into a short query before opening the Index.

Each rule is small and separately tested:
- vocabulary: abbreviations and lay phrases become the words the Index uses ("RLQ" -> right lower quadrant);
- history of / hx / personal history -> the main term "History, personal"; family history / FHx -> "History,
  family"; s/p, status post -> "Status"; screening, encounter for, follow-up stay as the Index's main terms;
- laterality (right, left, bilateral) is kept as words and remembered for the Tabular;
- the encounter of an injury: initial unless subsequent or sequela is said (7th character A, D, S);
- "with", "due to", "on", "secondary to" link two concepts: the linked words are kept together so a
  combination code can use them all, and the parts are remembered for a suggested pair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from bot.lookups.filler import FILLER
from bot.lookups.index.cause_intents import reading_intent
from bot.lookups.index.chart_notation import (
    ORDINALS,
    names_cranial_nerve,
    read_nerve_numbers,
    without_lengths,
)
from bot.lookups.index.devices import singular_devices
from bot.lookups.index.ear_sides import read_ear_sides
from bot.lookups.index.encounters import read_encounter
from bot.lookups.index.external_causes import SETTING_OR, read_injury_story, read_setting, turn_doer
from bot.lookups.index.eye_sides import eye_side_words
from bot.lookups.index.gestation import puerperium_said, trimester_said
from bot.lookups.index.injury_natures import fracture_not_pathological, read_injury_natures
from bot.lookups.index.injury_words import read_injury_words, told_as_traumatic
from bot.lookups.index.lab_values import read_dipstick, read_levels
from bot.lookups.index.lay_phrases import read_lay
from bot.lookups.index.neoplasm_columns import read_met
from bot.lookups.index.per_lookup import memo
from bot.lookups.index.reasons import (
    observation_ruled_out,
    plain_absence,
    plain_history,
    read_results,
    read_values,
    vaccine_encounter,
)
from bot.lookups.index.ruled_out import told_ruled_out
from bot.lookups.index.services import service_kind, service_share
from bot.lookups.index.sibling_qualifiers import OPEN_FRACTURE_CHARACTERS, without_open_type
from bot.lookups.index.situations import read_exposure, read_situation
from bot.lookups.index.stories import read_drug_story
from bot.lookups.index.vocabulary import Vocabulary

_SLASHED = {  # shorthand with a slash, read before the words are split
    "w/o": "without",
    "w/": "with ",
    "s/p": "status post",
    "h/o": "history of",
    "c/o": "complaint of",
    "b/l": "bilateral",
    "f/u": "follow-up",
    "n/v/d": "nausea vomiting diarrhea",
    "n/v": "nausea vomiting",
    "r/o": "rule out",
    "a/w": "associated with",
    "d/t": "due to",
    "c/b": "complicated by",
    "d/o": "disorder",
    "c/": "with ",  # (the chart's c-bar, Latin cum: "GERD c/ LPR")
    "2/2": "secondary to",
    "2ndary": "secondary",
    "2nd'ary": "secondary",
    "sec to": "secondary to",
}
_SLASHED_PATTERNS = tuple(
    (re.compile(rf"(?<![a-z0-9]){re.escape(short)}(?![a-z0-9])"), f" {long} ")
    for short, long in _SLASHED.items()
)
_LONE_W = re.compile(r"(?<=[a-z0-9])\s+w\s+(?=[a-z0-9])")
# Words of a chart or a patient that say nothing to the Index: "pt c/o", "my", "feeling".
# (A word joined to another by a slash is a test's name: "PT/INR", "PT/PTT".)
_FILLER = re.compile(
    r"(?<![\w/])(?:my|his|her|their|your|pt|patient|complains of|complaining of|complaint of|feeling|feels|"
    r"having|experiencing|presents with|presenting with|taken as|taking as|"
    # A chart's duration shorthand ("cough x 3 days", "x2 wks"): how long says nothing to the Index.
    r"x\s*\d+\s*(?:days?|d|weeks?|wks?|w|months?|mos?|years?|yrs?|hours?|hrs?|h))\b(?!/)"
)
# How a coder asks for a code ("dx for ...", "ICD-10 code for ...", "... dx code"): the request, not the reason.
_REQUEST = re.compile(
    r"^(?:what(?:'s| is) the\s+)?(?:(?:icd[- ]?10(?:[- ]?cm)?|dx|diagnosis|diag)\s+)?(?:codes?\s+)?"
    r"(?:for|of)\s+(?=\S)|^(?:icd[- ]?10(?:[- ]?cm)?|dx|diagnosis)\s+codes?\s+|"
    r"\s+(?:dx|icd[- ]?10(?:[- ]?cm)?|diagnosis)?\s*codes?$"
)
_DX = re.compile(r"\b(?:dx|diagnosis)\b(?:\s+(?:is|of))?")  # "dx UTI", "annual physical dx": the label
# Why the patient came ("here for chemo", "admitted for sterilization", "reason for visit: ..."): the Index's
# main term "Encounter (for)" (and "Admission (for)", which sends there), whose subterms name the reason.
_VISIT = re.compile(
    r"\b(?:(?:is\s+)?here|seen(?:\s+today)?|comes?\s+in|came\s+in|in|admitted|admit|admission|presents|"
    r"presenting|visit|visiting|scheduled|returns?)\s+(?:for|to\s+have)\b|"
    r"\breason\s+for\s+(?:the\s+)?(?:visit|encounter|admission)\b|"
    r"\b(?:visit|appointment|appt)\b"
)
# A diagnosis the chart rules out or leaves unconfirmed is not coded (guideline: code the signs and symptoms);
# a clause saying the cause is unknown adds nothing to the unspecified code. Read before punctuation goes.
_RULED_OUT = re.compile(
    r"[^,;]*\b(?:ruled\s+out|not\s+confirmed|unconfirmed|excluded)\b[^,;]*|"
    r"\b(?:rule\s+out|r/o|to\s+rule\s+out)\s+[^,;]*|"
    # An uncertain diagnosis (outpatient guideline IV.H: "probable", "suspected", "questionable", "rule out",
    # "working diagnosis"): the signs and symptoms said beside it are coded, not the diagnosis. An abuse or an
    # exposure suspected has Index lines of its own ("Abuse, child, suspected").
    r"(?:^|(?<=[,;]))\s*(?:(?:suspected|possible|probable|likely|questionable|presumed|presumptive|working\s+dx|"
    r"concern\s+for|suspicious\s+for|worrisome\s+for)\s+|\?\s*)(?![^,;]*\b(?:abuse|neglect|maltreatment|exposure|"
    r"contact)\b)[^,;]*|"
    r"[^,;]*\b(?:etiology|source|cause|organism)\s+(?:unclear|unknown|undetermined|not\s+(?:identified|isolated|found))"
    r"\b[^,;]*|\bno\s+organism\s+(?:isolated|identified|found)\b[^,;]*"
)
_HISTORY = re.compile(
    r"^(?:personal\s+)?(?:history\s+of|hx\s+of|hx|pmh\s+of|pmh|phx|past\s+history\s+of|history)\s+(?!of\b)"
)
_FAMILY = re.compile(
    r"^(?:(?:family|fam)\s+history\s+of|(?:family|fam)\s+history|(?:family|fam)\s+hx\s+of|(?:family|fam)\s+hx|fhx\s+of|fhx|"
    r"fh\s+of)\s+"
)
_STATUS = re.compile(r"^(?:status\s+post|status\s+after)\s+")
_ENCOUNTER_WORDS = re.compile(r"\b(?:initial|subsequent|sequela|sequelae|late\s+effects?)\b")
_LINKS = re.compile(r"\s+(?:with|due\s+to|secondary\s+to|on|caused\s+by|from|associated\s+with|and)\s+")
ENCOUNTERS = {  # the 7th character an injury's encounter calls for (fractures have G, K, P too)
    "initial": "A",
    "init": "A",
    "subsequent": "D",
    "subseq": "D",
    "subsq": "D",
    "subs": "D",
    "aftercare for": "D",
    "aftercare": "D",
    "routine healing": "D",
    "healing": "D",
    "follow up visit": "D",
    "delayed healing": "G",
    "nonunion": "K",
    "non-union": "K",
    "malunion": "P",
    "mal-union": "P",
    "sequela": "S",
    "sequelae": "S",
    "late effect": "S",
    "late effects": "S",
}
# The eye's sides as charts write them (oculus dexter, sinister, uterque).
EYE_SIDES = {"od": "right", "os": "left", "ou": "bilateral"}
SIDES = {
    "both": "bilateral",
    "right": "right",
    "rt": "right",
    "left": "left",
    "lt": "left",
    "bilateral": "bilateral",
    "bilat": "bilateral",
}


@dataclass
class Understood:
    text: str  # the query as read, vocabulary applied
    words: list[str]  # its words in order
    notes: list[str] = field(default_factory=list)  # "vocabulary: RLQ -> right lower quadrant"
    encounter: str = "A"  # 7th character of an injury: A initial, D subsequent, S sequela
    encounter_said: bool = False
    side: str = ""
    eye_side: str = ""  # OD / OS / OU: right, left, both eyes (read only for a code of the eye chapter)
    pair_side: str = ""  # "bilateral" for a paired part named in the plural, no side said ("my ears", "eyes")
    parts: list[list[str]] = field(default_factory=list)  # the linked concepts, when a link joins two
    kinds: set[str] = field(default_factory=set)  # history, family, status, cpt ...
    alternatives: dict[str, list[str]] = field(default_factory=dict)  # "nephrectomy" also reads "kidney"
    # Words the query said that the vocabulary replaced ("mammogram" -> screening ... breast) or that only
    # hint at a main term ("here for" -> Encounter): an index line holding one may use it, but a path
    # need not (they are not counted among the words a path must cover).
    echoes: list[str] = field(default_factory=list)
    # A lay phrase and what the vocabulary made of it: an index line holding the phrase itself ("Runny
    # nose R09.89") says as much as one holding its meaning.
    replaced: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    applied: list[str] = field(default_factory=list)  # the abbreviations read ("cat", "rlq")
    brands: list[str] = field(default_factory=list)  # the brand names read ("zarxio" -> filgrastim)
    # The words of the clauses the query negates, as read ("no LOC" -> loss, of, consciousness): a negation
    # covers its clause only, up to a comma ("migraine w/o aura, intractable").
    negated: frozenset[str] = frozenset()
    # An External Cause Index line a story names for certain ("Accident, transport, car occupant, passenger").
    story_line: str = ""
    # The place, activity or work status named beside an injury's cause ("place of occurrence residence").
    setting: str = ""
    # The setting is the answer, the cause beside it ("tripped at the zoo"); `setting` then holds each
    # reading of it, separated by external_causes.SETTING_OR.
    setting_first: bool = False
    # An "-ostomy" of two forms and the organ its last form names ("gastrojejunostomy" -> jejunum): the
    # qualifier of its Bypass (bot.lookups.index.pcs_anastomosis).
    joined_ends: dict[str, list[str]] = field(default_factory=dict)


# Words that choose a Drug Table column (after the vocabulary read "overdose", "side effect", "OD").
DRUG_COLUMN_WORDS = frozenset(
    {
        "poisoning",
        "adverse",
        "underdosing",
        "toxic",
        "toxicity",
        "intoxication",
        "overdose",
        "reaction",
        "allergy",
    }
)
# A drug said as taken for a long time ("on eliquis", "takes xarelto daily"): the class a brand's generic
# is read as names the Long-term drug therapy line, as a Table column word does the Table's line.
_TAKEN_LONG = re.compile(
    r"(?:^|\s)(?:on|taking|takes)\s|\b(?:long[- ]term|chronic|daily|every\s+day|indefinitely)\b"
)
_PUNCTUATION = re.compile(r"[,;:!?()\[\]{}\"]|\.(?=\s|$)")


def understand(query: str, vocabulary: Vocabulary) -> Understood:
    """The query read (`_understand`), once per lookup for the same text: the search, a reading's class
    line and a drug line read the same words again. Each caller gets its own copy (a caller adds kinds)."""
    kept = memo()
    if kept is None:
        return _understand(query, vocabulary)
    key = ("understand", query, vocabulary, reading_intent())  # (an intent's reading reads its words apart)
    found = kept.get(key)
    if not isinstance(found, Understood):
        found = kept[key] = _understand(query, vocabulary)
    return replace(
        found,
        words=list(found.words),
        notes=list(found.notes),
        parts=[list(p) for p in found.parts],
        kinds=set(found.kinds),
        alternatives={w: list(named) for w, named in found.alternatives.items()},
        echoes=list(found.echoes),
        replaced=list(found.replaced),
        applied=list(found.applied),
        brands=list(found.brands),
    )


def _understand(query: str, vocabulary: Vocabulary) -> Understood:
    # Punctuation between words says nothing to the Index ("clavicle fracture, routine healing").
    lowered = query.lower().replace("’", "'")
    # "pre-op exam before knee surgery", "G1 at 10w, normal prenatal check": the visit's reason in the Index's
    # words (Examination, pre-procedural; Pregnancy, normal, first, first trimester).
    visit_reason = read_encounter(" ".join(_PUNCTUATION.sub(" ", lowered).split()))
    # "lost his job 3 months ago", "husband deployed overseas": a life situation's Index words (Unemployment;
    # Disruption, family, ...), a reason for the encounter (ICD-10-CM), not a service.
    plain = " ".join(_PUNCTUATION.sub(" ", lowered).split())
    situation = (read_situation(plain) or read_exposure(lowered)) if visit_reason is None else None
    if visit_reason is not None:
        lowered = visit_reason
    elif situation is not None:
        lowered = situation
    # "observation for suspected MI, ruled out": the Observation line the ruled-out condition is coded by.
    # "toddler may have swallowed a coin, xray clear": a doubt and an all-clear told in plain words are that
    # Observation (bot.lookups.index.ruled_out).
    lowered = told_ruled_out(lowered) or lowered
    observed = observation_ruled_out(" ".join(_PUNCTUATION.sub(" ", lowered).split()))
    if observed is not None:
        lowered = observed.text
    kept = _RULED_OUT.sub(" ", lowered)
    if kept.strip(" ,;"):
        lowered = kept
    lowered = read_injury_words(
        lowered
    )  # "never blacked out": without loss of consciousness; "3 ribs": multiple
    lowered = read_injury_natures(lowered)  # "cracked collarbone": fracture; "tore his quad tendon": strain
    lowered = plus_signs(lowered)  # "+ hemoccult", "inattentive + hyperactive": positive, and
    lowered = without_after_condition(lowered)  # "HHS T2DM no coma": the Index's "without coma"
    lowered = plain_absence(lowered)  # "missing right hand from old injury": Absence, hand, acquired
    lowered = singular_devices(lowered)  # "wears hearing aids": a hearing aid, not AIDS
    lowered = read_drug_story(lowered)  # "ran out of metoprolol": underdosing, no negation, no link
    # "BP 168/102", "K 2.9", "A1c 6.1", "PSA 6.2 rising": the Index's findings
    lowered, dipstick = read_dipstick(lowered)  # "2+ protein on UA": Proteinuria
    lowered = read_results(read_levels(read_values(lowered)))
    lowered = without_lengths(lowered)  # "dilated aortic root 4.3 cm": what was measured, not its size
    negated = _negated_clauses(lowered, vocabulary)
    text = " ".join(_PUNCTUATION.sub(" ", lowered).split())
    if "/" in text:  # (every shorthand of _SLASHED holds a slash)
        for pattern, long in _SLASHED_PATTERNS:
            text = pattern.sub(long, text)
    # A chart's lone "w" between two words is "with" ("HTN w CKD", "COPD w exacerbation").
    text = _LONE_W.sub(" with ", text)
    text = roman_stages(text)  # "CKD IV", "stage III decubitus", "type II diabetes": the numbers
    # CPT service phrases first, so a filler word inside one ("new patient visit") is read with it.
    text = " ".join(_REQUEST.sub(" ", " ".join(text.split())).split()) or text
    text, phrases = vocabulary.expand(" ".join(text.split()), shortest=2, kinds={"cpt"})
    text = " ".join(_FILLER.sub(" ", text).split()) or " ".join(text.split())
    notes: list[str] = [f"dipstick: {reading}" for reading in dipstick]
    text = read_nerve_numbers(text, notes)  # "L CN VI palsy": the sixth cranial nerve
    # (a visit's reason read, or a life situation: the encounter's ICD-10-CM reason, not a payer's service)
    kinds: set[str] = {"visit"} if situation is not None or visit_reason is not None else set()
    text = plain_history(text)  # "prior kidney stones", "mom had colon polyps": History, personal / family
    text = turn_doer(text)  # "the horse kicked him": kicked by horse, the External Cause Index's side
    story = read_injury_story(text)
    setting = read_setting(text, story)
    if setting is not None and story is None:
        text = setting.text  # "fell off a ladder at work": the fall, and the status beside it
    lay = read_lay(text) if story is None and setting is None and not vocabulary.knows(text) else None
    if lay is not None:
        notes.append(f"read: {text} -> {lay}")  # "my thumb hurts": Pain, thumb
        text = lay
    if story is not None:
        # "passenger in car crash": the External Cause Index's words (its encounter words kept).
        text = " ".join([story.text, *_ENCOUNTER_WORDS.findall(text)])
        notes.append(story.note)
        kinds.add("story")
    # "SNHL AU", "otitis externa AS": the ear's Latin side beside a word of the ear, not words to match.
    text = read_ear_sides(text, lowered, lambda said: vocabulary.expand(said)[0])
    text = eye_side_words(text, notes)  # "macular hole OD": the right eye, not an overdose
    text = read_met(text)  # "met to the frontal bone": a metastasis
    expanded, found = vocabulary.expand(text)
    if vocabulary.chains_brand(found) and (
        DRUG_COLUMN_WORDS.intersection(expanded.split()) or _TAKEN_LONG.search(text)
    ):
        # "eliquis overdose": the brand's generic (apixaban) is in no Drug Table line, its class is; said with
        # no Table column ("keppra") the generic stays, as the HCPCS drug lines print it.
        expanded, found = vocabulary.expand(text, chain_brands=True)
    found = phrases + found
    trimester = trimester_said(expanded) or puerperium_said(expanded)
    if trimester is not None:
        told = "after the birth" if trimester == "puerperium" else "weeks of pregnancy"
        notes.append(f"read: {told} -> {trimester}")  # "PPROM at 32 wks": third trimester
        expanded = f"{expanded} {trimester}"
    echoes: list[str] = []
    replaced: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    # A CPT service named as most of the query ("office visit level 4") is a CPT question; one inside a
    # chart line ("UA positive, urine culture grew E. coli, dx UTI") is part of the story.
    # An abbreviation whose meaning is a CPT service ("UA" -> urinalysis) names that service too.
    phrase_words = {
        w for term, means, kind in found if _names_service(vocabulary, kind, means) for w in term.split()
    }
    spoken = [w for w in text.split() if len(w) > 1 and not w.isdigit() and w not in _LINK_WORDS]
    if service_share(phrase_words, spoken) or service_kind(text.split()):
        kinds.add("cpt")
    for term, means, kind in found:
        notes.append(f"vocabulary: {term} -> {means}")
        own = _replaced_words(term, means, kind)
        echoes += own
        if own:
            # The phrase's words as the query said them (the ones its meaning kept, and the echoes).
            replaced.append(
                (tuple(w for w in term.split() if w in own or w in means.split()), tuple(means.split()))
            )
    text = " ".join(_DX.sub(" ", expanded).split()) or " ".join(expanded.split())
    if "cpt" not in kinds:
        text, visit = _VISIT.subn(" ", text)
        text = " ".join(text.split())
        if visit:
            echoes.append("encounter")
            kinds.add("visit")
    text, encounter, said = _encounter(text)
    encounter = _open_fracture(text, encounter)
    if encounter in OPEN_FRACTURE_CHARACTERS:
        text = without_open_type(text)  # "open type II": read as the 7th character (sibling_qualifiers)
    if said and encounter == "D" and re.search(r"\baftercare\b", f"{query.lower()} {visit_reason or ''}"):
        # "aftercare following knee replacement": the Index's main term Aftercare (Z47.1); for an injury
        # ("aftercare for hip fracture") the Index says to code the fracture with its 7th character D.
        text = f"aftercare {text}"
        kinds.add("aftercare")
    text = _reason(text, kinds)
    text = _state(text, kinds, echoes)
    vaccine = vaccine_encounter(text) if "cpt" not in kinds else None
    if vaccine is not None:
        notes.append(f"read: {text} -> {vaccine.text}")  # "encounter for hep B vaccine": Vaccination
        echoes += vaccine.echoes
        text = vaccine.text
    if observed is not None:
        echoes += observed.echoes
    if _CAUSED.search(text):
        kinds.add("caused")
    if told_as_traumatic(text):
        echoes.append(
            "traumatic"
        )  # "SDH after fall": the Index's "traumatic" line, not the nontraumatic default
        kinds.add("traumatic")
    elif fracture_not_pathological(text):
        echoes.append("traumatic")  # "broken left ankle": Fracture, traumatic (pathological only when said)
    if names_cranial_nerve(text):
        echoes.append("cranial")  # "third nerve palsy": Palsy, cranial nerve, third
    text = _diagnostic_scope(text)
    text = _imaged_head(text, "cpt" in kinds)
    text = _count(text)
    text = _side_letters(text, notes)
    text = _levels(text, notes)
    side = next((SIDES[w] for w in text.split() if w in SIDES), "")
    text = " ".join(SIDES.get(w, w) for w in text.split())
    eye_side = next((EYE_SIDES[w] for w in re.findall(r"[a-z]+", lowered) if w in EYE_SIDES), "")
    parts = [p.split() for p in _LINKS.split(text) if p.strip()]
    alternatives = {w: named for w in text.split() if (named := vocabulary.body_part(w))}
    return Understood(
        text=text,
        words=text.split(),
        notes=notes,
        encounter=encounter,
        encounter_said=said,
        side=side,
        eye_side=eye_side,
        # "my ears keep ringing", "eyes are dry": both of the pair, read only in the Tabular
        pair_side="bilateral" if not side and _both_sides(lowered) else "",
        parts=parts if len(parts) > 1 else [],
        kinds=kinds,
        alternatives=alternatives,
        echoes=[e for e in dict.fromkeys(echoes) if e not in text.split()],
        replaced=replaced,
        applied=[term for term, _, kind in found if kind == "abbreviation"],
        brands=[term for term, _, kind in found if kind == "brand"],
        negated=negated,
        story_line=story.anchor if story is not None else "",
        # "fell while jogging": the activity in the Index's words (the vocabulary's "activity running").
        setting=SETTING_OR.join(
            " ".join(dict.fromkeys(vocabulary.expand(words)[0].split()))
            for words in setting.words.split(SETTING_OR)
        )
        if setting is not None
        else "",
        setting_first=setting is not None and setting.first,
    )


# A chart's plus sign: before a test or a finding at the start of a clause it says positive ("+ hemoccult",
# "+ANA"); between two words it joins them ("inattentive + hyperactive"). Glued after a word ("HIV+", "GBS+")
# it is the vocabulary's.
_PLUS_BEFORE = re.compile(r"(?:^|(?<=[,;(]))\s*\+\s*(?=[a-z])")
_PLUS_BETWEEN = re.compile(r"(?<=[a-z])\s+\+\s+(?=[a-z])")


def plus_signs(text: str) -> str:
    return _PLUS_BETWEEN.sub(" and ", _PLUS_BEFORE.sub(" positive ", text)).strip()


# A chart's "no" after the condition it qualifies, inside one clause ("HHS T2DM no coma", "UC no
# complications"), is the Index's "without" (Diabetes, type 2, with, hyperosmolarity, without coma); a clause
# starting with "no" ("..., no fever") or a "no" after a verb or a joining word ("has no fever") denies instead.
# Only before a complication the Tabular's titles say after "without" (E11.00 "... without nonketotic
# hyperglycemic-hyperosmolar coma", K51.00 "... without complications"): "radius no fixation", "crashed no
# other vehicle" say something else.
_WITHOUT_WHAT = (
    "coma|complications?|aura|hemorrhage|bleeding|perforation|obstruction|gangrene|rupture|psychotic|behavioral|"
    "prolapse|detachment|myelopathy|abscess|hematuria|necrosis|cholecystitis|pneumonia|angina|crisis|"
    "status|compression|mention|exacerbation|hypoglycemia|ketoacidosis|hyperosmolarity|radiculopathy|"
    "intractability|infection"
)
_NO_AFTER = re.compile(rf"(?<![a-z0-9'-])(?P<word>[a-z0-9'-]+)\s+no\s+(?=(?:{_WITHOUT_WHAT})(?![a-z]))")
_NOT_A_CONDITION = FILLER | {
    "and",
    "or",
    "but",
    "with",
    "had",
    "has",
    "denies",
    "reports",
    "says",
    "of",
    "to",
}


def without_after_condition(text: str) -> str:
    def read(match: re.Match[str]) -> str:
        if match.group("word") in _NOT_A_CONDITION:
            return match.group(0)
        return f"{match.group('word')} without "

    return _NO_AFTER.sub(read, text)


_NEGATED_CLAUSE = re.compile(r"(?<![a-z0-9/])(?:no|not|without|w/o)\s+([^,;:()]+)")
# A negation's scope ends where a "with" or "and" clause begins (as `completion.split_negation` reads it):
# "hospital bed no side rails w mattress" negates the side rails, not the mattress.
_NEGATION_END = re.compile(r"(?<![a-z0-9])(?:with|w|w/|and)(?![a-z0-9/])")


def _negated_clauses(lowered: str, vocabulary: Vocabulary) -> frozenset[str]:
    """The words each negation of the query covers, to the end of its clause or the next "with" or "and",
    abbreviations read."""
    out: set[str] = set()
    for whole in _NEGATED_CLAUSE.findall(lowered):
        clause = _NEGATION_END.split(whole, maxsplit=1)[0]
        if not clause.strip():
            continue
        read, _ = vocabulary.expand(" ".join(clause.split()))
        out.update(read.split())
    return frozenset(out)


# A count written after a procedure ("CABG x3", "bypass x 2"), not a duration ("x 3 days", read as a
# filler above): the number word the PCS body part or qualifier prints ("Three Arteries").
# After anything else the count says how often a finding happened ("hematemesis x2", "syncope x1", "A&O x3"),
# which no Index line holds: it is read past.
_TIMES = re.compile(r"(?P<before>\b[a-z0-9-]+)?\s*\bx\s*(?P<n>[1-9])\b")
_NUMBER_WORDS = {"1": "one", "2": "two", "3": "three", "4": "four"}
_COUNTED = re.compile(
    r"(?:bypass|grafts?|stents?|arter(?:y|ies)|vessels?|cabg|des|bms|pci|ptca|lesions?|levels?|"
    r"\w+(?:ectomy|otomy|ostomy|oscopy|oplasty|opexy|orrhaphy|ocentesis|ography))$"
)


def _count(text: str) -> str:
    def read(match: re.Match[str]) -> str:
        before = match.group("before") or ""
        if _COUNTED.match(before) and match.group("n") in _NUMBER_WORDS:
            return f"{before} {_NUMBER_WORDS[match.group('n')]}"
        return before

    return " ".join(_TIMES.sub(read, text).split()) or text


_SCOPE = re.compile(r"\b\w+oscop(?:y|ies|ic)\b")
_DIAGNOSTIC = re.compile(r"\bdiagnostic\b")
_NO_BIOPSY = re.compile(r"\b(?:no|without|w/o|not)\s+biops(?:y|ies)\b")


def _diagnostic_scope(text: str) -> str:
    """ "diagnostic cystoscopy", "diagnostic EGD": a scope looked through is an Inspection (0TJB8ZZ), and
    "diagnostic" says only that nothing was taken; it must not lead to "Imaging, Diagnostic". A biopsy
    said with it keeps it (the Excision's Diagnostic qualifier)."""
    if not _SCOPE.search(text):
        return text
    text = " ".join(_NO_BIOPSY.sub(" ", text).split()) or text  # "no biopsy": nothing taken, an Inspection
    if not _DIAGNOSTIC.search(text) or "biops" in text:
        return text
    return " ".join(_DIAGNOSTIC.sub(" ", text).split()) or text


_SECTIONAL = re.compile(r"\b(?:computed|computerized|magnetic resonance|mri|ct)\b")
_HEAD = re.compile(r"\bhead\b(?!\s+(?:and|&)\s+neck)(?!\s+(?:of|tissue|subcutaneous))")


def _imaged_head(text: str, study: bool) -> str:
    """ "CT head", "MRI of the head": sectional imaging of the head is imaging of the brain (ICD-10-PCS
    Central Nervous System, Brain: B020, B030), as the study is ordered and coded; "head and neck" and the
    head's soft tissue stay anatomical regions. Only for a study asked for (`study`: the query names the
    service, see bot.lookups.index.services), not a finding or a story ("abnormal CT head", "head bleed on
    CT")."""
    if not study or not _SECTIONAL.search(text):
        return text
    return _HEAD.sub("brain", text)


def _names_service(vocabulary: Vocabulary, kind: str, means: str) -> bool:
    """Whether a vocabulary term names a CPT service: its kind, or a meaning that is itself a CPT term."""
    if kind == "cpt":
        return True
    term = vocabulary.terms.get(means)
    return term is not None and term.kind == "cpt"


def _replaced_words(term: str, means: str, kind: str) -> list[str]:
    """The words of a vocabulary term that its meaning replaced and that may still name an index line
    themselves ("mammogram" of Screening, neoplasm, breast, routine mammogram)."""
    if kind != "lay":
        return []
    meant = set(means.split())
    return [
        w for w in term.split() if len(w) >= 3 and w.isalpha() and w not in meant and w not in _LINK_WORDS
    ]


_LINK_WORDS = frozenset({"the", "and", "with", "for", "from", "due", "not", "off", "out", "his", "her"})


# A chart's side letter: "sprain R knee", "fx L. radius" ("R." loses its period with the punctuation). A
# letter before a number is a spinal level or a grade ("L 4", "L4", "L5-S1" stay as they are); an ordinal
# after it counts a digit or a bone, no level ("L 5th metatarsal", "R 4th finger").
_SIDE_LETTER = re.compile(r"(?<![a-z0-9./'-])([rl])(?![a-z0-9/'-])(?!\s*\d+(?![a-z0-9]))")


# The paired parts a patient names in the plural for both ("my ears keep ringing", "dry eyes", "knees ache"):
# the Tabular's bilateral, as if "both" were said.
PAIRED_PARTS = frozenset(
    {
        "ears",
        "eyes",
        "legs",
        "arms",
        "hands",
        "feet",
        "knees",
        "hips",
        "shoulders",
        "ankles",
        "wrists",
        "elbows",
    }
)


def _both_sides(said: str) -> bool:
    """Whether the query names a paired part in the plural and no side ("my ears", not "left ear", not "one
    ear", not the idiom's "the ears")."""
    words = re.findall(r"[a-z]+", said)
    # "ringing in the ears" is the idiom's generic plural, not a side.
    paired = any(w in PAIRED_PARTS and (n == 0 or words[n - 1] != "the") for n, w in enumerate(words))
    return paired and not any(w in SIDES or w in {"one", "r", "l"} for w in words)


_LETTER_SIDES = {"r": "right", "l": "left"}


def side_letters(text: str) -> str:
    """The text with a standalone R or L read as its side ("R ear pain" -> right ear pain)."""
    return _side_letters(text, [])


def _side_letters(text: str, notes: list[str]) -> str:
    """A standalone R or L means right or left (noted for why)."""
    for letter in dict.fromkeys(_SIDE_LETTER.findall(text)):
        notes.append(f"side: {letter.upper()} -> {_LETTER_SIDES[letter]}")
    return _SIDE_LETTER.sub(lambda m: _LETTER_SIDES[m.group(1)], text)


# A spinal level ("L1", "T12", "C5"): the Tabular's vertebra is "first lumbar vertebra", "twelfth thoracic
# vertebra"; a disc or a stenosis is coded by its region ("lumbar region"). Read only where the query is about
# the vertebrae or discs (C3, T4, S3 are also a complement, a hormone, a heart sound; a cord injury's Tabular
# says "at C6 level" itself).
_LEVEL = re.compile(r"\b([ctl])(1[0-2]|[1-9])(?:\s*[-/]\s*([ctl]?)(1[0-2]|[1-9]))?\b(?![-/])")
# A joint between two vertebrae said by its levels ("T3/T4 subluxation", "dislocated C4-C5"): the Index's
# "Dislocation (Subluxation), vertebra, <region>, joint between, T3 and T4" (S13.1-, S23.1-, S33.1-).
_JOINT_WORDS = re.compile(r"\b(?:dislocations?|dislocated|subluxations?|subluxed)\b")
LEVEL_REGIONS = {"c": ("cervical", 7), "t": ("thoracic", 12), "l": ("lumbar", 5)}
VERTEBRA_WORDS = re.compile(
    r"\b(?:fx|fracture[sd]?|vertebra[el]?|compression|burst|dislocation|subluxation)\b"
)
DISC_WORDS = re.compile(
    r"\b(?:dis[ck]s?|stenosis|radiculopathy|herniat\w*|spondylo\w*|degenerat\w*|myelopathy)\b"
)


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
# (only a stage: the Index prints stages in numbers, but a type, class or grade in Roman numerals as often -
# "Follicular lymphoma grade II", "Hyperlipoproteinemia, type IIA")
_ROMAN_STAGE = re.compile(r"\b(stage|ckd)\s+(iii|ii|iv|vi|v|i|[1-6])([ab]?)\b")


def roman_stages(text: str) -> str:
    """A stage in Roman numerals as the number the Index prints ("CKD IV" -> chronic kidney disease stage 4,
    "stage III pressure ulcer" -> stage 3); the chart's "CKD 3b" is CKD stage 3b."""

    def number(match: re.Match[str]) -> str:
        word = match.group(1)
        said = f"{_ROMAN.get(match.group(2), match.group(2))}{match.group(3)}"
        return f"ckd stage {said}" if word == "ckd" else f"{word} {said}"

    return _ROMAN_STAGE.sub(number, text)


def _levels(text: str, notes: list[str]) -> str:
    """A spinal level as its vertebra ("L1 compression fracture" -> first lumbar); for a disc, a stenosis
    or a range of levels within one region ("L4-L5 disc") the region, when the query does not name it."""
    vertebra = VERTEBRA_WORDS.search(text) is not None
    if not vertebra and not DISC_WORDS.search(text):
        return text

    def level(match: re.Match[str]) -> str:
        letter, number, other = match.group(1), int(match.group(2)), match.group(3)
        region, count = LEVEL_REGIONS[letter]
        if number > count or (other and other != letter):
            return match.group()  # "C7-T1": the Index's "cervicothoracic", not one region
        pair = match.group(4) is not None and int(match.group(4)) == number + 1
        if vertebra and pair and _JOINT_WORDS.search(text):
            read = f"{region} joint between {letter}{number} and {letter}{number + 1}"
        elif (
            vertebra and pair and letter == "t" and number % 2 and number >= 5 and not DISC_WORDS.search(text)
        ):
            # the Tabular's thoracic fractures of two vertebrae (S22.05- T5-T6 ... S22.08- T11-T12): the
            # Index lists either vertebra ("Fracture, vertebra, thoracic, ninth") at the pair's code
            read = f"{ORDINALS[number - 1]} {region}"
        elif vertebra and not match.group(4):
            read = f"{ORDINALS[number - 1]} {region}"
        elif region in text.split():
            return match.group()
        elif pair and not vertebra:
            # a disc between two levels: its region, and the levels as the Index and the Tabular print them
            # ("Disorder, disc, cervical, C4-C5" M50.921; "... at C4-C5 level")
            read = f"{region} {letter}{number}-{letter}{number + 1}"
        else:
            read = region
        notes.append(f"level: {match.group().upper()} -> {read}")
        return read

    return _LEVEL.sub(level, text)


_OPEN_FRACTURE = re.compile(
    r"\bopen\s+(?!(?:reduction|approach|wound|book)\b)(?:[a-z0-9'/-]+\s+){0,8}?(?:fracture|fx)\b|"
    r"\b(?:fracture|fx)\b.*\bopen\b(?!\s+(?:reduction|approach|wound))|\bgustilo\b"
)
_GUSTILO_III = re.compile(r"\b(?:type|grade|gustilo)\s+(?:iii|3)\s*[abc]?\b|\b(?:iii|3)[abc]\b")
# The 7th characters of an open fracture's encounters (the Tabular's S52, S72, S82 ... lists): the closed
# fracture's character -> (open type I or II, open type IIIA, IIIB or IIIC).
_OPEN_CHARACTERS = {"A": ("B", "C"), "D": ("E", "F"), "G": ("H", "J"), "K": ("M", "N"), "P": ("Q", "R")}


def _open_fracture(text: str, encounter: str) -> str:
    """An open fracture's encounter: the initial one B (C for Gustilo type III, where the Tabular has it),
    the subsequent ones E / F (routine healing), H / J (delayed), M / N (nonunion), Q / R (malunion); the
    guideline gives type I or II when the type is not said. Where the category has no open characters (S62,
    S92: A, B, D, G, K, P, S), the completion falls back to the closed fracture's."""
    if (
        encounter not in _OPEN_CHARACTERS
        or not _OPEN_FRACTURE.search(text)
        or re.search(r"\bopen\s+(?:reduction|wound)", text)
    ):
        return encounter
    return _OPEN_CHARACTERS[encounter][1 if _GUSTILO_III.search(text) else 0]


# The encounter words that name one only beside "encounter" or at the end ("subs enc", ", init").
_BARE_ENCOUNTERS = frozenset({"initial", "init", "subsequent", "subseq", "subsq", "subs"})


@lru_cache(maxsize=1)
def _encounter_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each encounter phrase's pattern with its 7th character, in the order `_encounter` tries them
    (compiled once a process, not a phrase at a time for every query)."""
    patterns: list[tuple[re.Pattern[str], str]] = []
    # A fracture's healing ("nonunion, subsequent") is the subsequent encounter's own character (G, K, P):
    # read before the plain "subsequent", whatever the phrases' lengths.
    for phrase, char in sorted(ENCOUNTERS.items(), key=lambda kv: (kv[1] not in "GKP", -len(kv[0]))):
        pattern = rf"\b{phrase}(?:\s+encounter)?\b"
        if phrase in _BARE_ENCOUNTERS:
            # "subsequent striking against an object" is not an encounter: the word must name one ("subs
            # enc", the charts' short forms, as well).
            pattern = rf"\b{phrase}(?:\s+(?:encounter|enc|visit|care)\b|\s*$)"
        patterns.append((re.compile(pattern), char))
    return tuple(patterns)


def encounter_told(text: str) -> str:
    """The 7th character the encounter words of a text call for: A unless subsequent or sequela is said."""
    return _encounter(text)[1]


def _encounter(text: str) -> tuple[str, str, bool]:
    """The encounter an injury query names (initial unless subsequent or sequela is said), and the text
    without those words (the Index does not hold them; the Tabular's 7th character does)."""
    for pattern, char in _encounter_patterns():
        if pattern.search(text):
            return " ".join(pattern.sub(" ", text).split()), char, True
    return text, "A", False


# An allergy named with no reaction is the patient's allergy status (History, personal, allergy; Allergy,
# food, status): "allergic to penicillin", "allergy to sulfa", "peanut allergy".
_ALLERGY = re.compile(
    r"^(?:allergic|allergy|allergies)\s+to\s+(?P<what>.+?)(?:\s+status)?$|^(?P<named>.+?)\s+(?:allergy|allergies)(?:\s+status)?$"
    # "can't take ibuprofen, allergic to it": the thing first, the allergy after it
    r"|^(?:can'?t|cannot|can\s+not|unable\s+to|doesn'?t|does\s+not|don'?t|do\s+not)\s+(?:take|have|use|eat|tolerate)\s+"
    r"(?P<first>.+?)\s*,?\s+(?:(?:she|he|i|pt|patient)(?:'s|'m|\s+is|\s+am)?\s+)?(?:is\s+)?allergic(?:\s+to\s+(?:it|them|that|those))?$"
)
_REACTION = re.compile(
    r"\b(?:reaction|rash|hives|urticaria|anaphyla\w*|shock|swelling|angioedema|itch\w*|wheez\w*|rhinitis|"
    r"dermatitis|conjunctivitis|asthma|eczema|sneez\w*|cough\w*|edema|seasonal|environmental)\b"
)
# A device or state the patient has ("has a pacemaker", "pacemaker in place", "colostomy status"): the Index's
# Status and Presence lines.
_HAS = re.compile(r"^(?:has|have|with|wears|wearing)\s+(?:an?\s+)?(?=\S)")
_STATE_AFTER = re.compile(r"\s+(?:status|in\s+place)$")
# A drug the patient takes ("on coumadin", "taking metformin", "long term prednisone use"): Long-term drug
# therapy.
_USES_DEVICE = re.compile(
    r"^(?:uses|using|relies\s+on)\s+(?:an?\s+|the\s+)?(?P<what>(?:[a-z-]+\s+){0,3}?(?:aids?|wheelchair|glasses|"
    r"lenses|pump|pacemaker|prosthesis|walker|cane|crutches)(?:\s+(?:both|bilateral|right|left)(?:\s+\w+)?)?)$"
)
_TAKING = re.compile(r"^(?:on|taking|takes|uses|using)\s+(?=\S)")
# The form a drug taken long term is given in ("on lupron shots", "on enbrel injections"): the Long-term lines
# name drugs and classes, never the form (a drug's shots are no vaccination: the vocabulary's reading of
# "shots" goes with the word).
_GIVEN_AS = re.compile(r"\b(?:shots|injections|infusions|vaccination\s+encounter)\b")
_LONG_TERM = re.compile(
    r"^(?:long[- ]term|chronic|current)\s+(?P<a>.+?)\s+(?:use|therapy|user)$|"
    r"^(?P<b>.+?)\s+(?:use|therapy)\s+long[- ]term$|"
    # "long term oral prednisone", "long-term daily oral prednisone 10 mg", "long-term alendronate": the drug
    # said after it, with its route or alone (the route is read apart below; "long term methotrexate" is the
    # Index's own line); a device or a state said after it ("long term indwelling catheter", "long term memory
    # loss") is no drug taken.
    r"^long[- ]term\s+(?!.*\b(?:use|user|therapy|for|care|on|catheters?|lines?|tubes?|loss|memory|stay|"
    r"facility|resident|effects?|complications?)\b)(?P<c>.+)$"
)
_ROUTES = frozenset({"oral", "po", "orally"})
# A drug the patient is said not to take beside the one taken long term ("oral diabetes pills, no insulin").
_NOT_TAKEN = re.compile(r"\s+(?:no|not\s+on|without|w/o|never\s+on)\s+[a-z]+$")
# How often or how long a drug is taken says only that it is taken long term ("takes aspirin every day",
# "on chronic steroids", "on eliquis long term"): the words go, the Long-term line stays.
_HOW_OFTEN = re.compile(
    r"\b(?:every\s+(?:day|morning|night|evening)|each\s+day|daily|nightly|regularly|chronically|chronic|"
    r"long[- ]term|ongoing|indefinitely|for\s+(?:many\s+)?(?:years|months)|(?:once|twice)\s+a\s+day|a\s+day|per\s+day)\b"
)
# Why or since when a drug is taken long term, told after it ("on plavix after stent", "on tamoxifen after
# breast cancer", "ibuprofen daily for arthritis pain", "ASA 81 for prevention"): a past event or a purpose
# the Long-term line does not name (a past condition is its own History line, a coder's second code). A
# condition the drug treats now ("on warfarin for afib") stays to be coded with it.
_TAKEN_SINCE = re.compile(
    r"\s+(?:(?:after|following|since|post)\s+.+|for\s+(?:\S+\s+){0,3}?(?:prevention|preventive|prophylaxis|"
    r"prophylactic|protection|pain|aches?)(?:\s+\S+){0,2})$"
)
# The dose of a drug taken long term ("ASA 81", "prednisone 10 mg"): the Long-term line names no dose.
_DOSE = re.compile(r"\b\d+(?:\.\d+)?\s*(?:mg|mcg|g|units?|iu)?(?=\s|$)")
# A part the patient lost ("right big toe was amputated last year", "left leg amputated"): the Index's
# Amputation line, which sends to Absence, by site, acquired.
# The noun said alone ("right below knee amputation") names the procedure; with a time past it is the status.
_PAST = r"(?:last\s+\w+|(?:\w+\s+)?(?:years?|months?)\s+ago|in\s+the\s+past|before|previously)"
_AMPUTATED = re.compile(
    r"^(?P<part>.+?)\s+(?:(?:was\s+|were\s+|got\s+|has\s+been\s+|had\s+been\s+)?amputated(?:\s+"
    + _PAST
    + r")?|amputation\s+"
    + _PAST
    + r")$"
)
# Care of an artificial opening or a device ("colostomy care", "gastrostomy tube check", "picc line care").
_CARE = re.compile(
    r"^(?P<what>.*\b(?:\w+ostomy|tube|catheter|line|port|pacemaker|drain|stent|shunt)\b.*?)\s+"
    r"(?P<act>care|check|checking|maintenance)(?:\s+and\s+(?:replacement|change|care|cleaning))?"
    r"(?:\s+(?:encounter|visit))?$"
)
# A device fitted, adjusted or programmed ("hearing aid programming", "glasses adjustment", "adjustment of
# portacath"): the Index's Fitting (and adjustment) and Encounter (for), adjustment lines.
_FITTING = re.compile(
    r"^(?P<a>.+?)\s+(?:adjustment|adjusting|fitting|programming|reprogramming)(?:\s+(?:encounter|visit))?$|"
    r"^(?:adjustment|adjusting|fitting|programming|reprogramming)\s+(?:of\s+)?(?:an?\s+|the\s+|new\s+)?(?P<b>.+)$"
)
FITTING_ECHOES = ("fitting", "adjustment", "encounter", "management")  # (Management (of), device: Z45)
LONG_TERM_ECHOES = ("long-term", "drug", "therapy")  # (its modifiers "current", "use of" count less)
STATUS_ECHOES = ("status", "presence")
# A condition a named cause brought about: "due to", "secondary to", "caused by", "from", "induced"; the cause
# told first ("clozapine caused agranulocytosis", "lithium causing hypothyroidism").
_CAUSED = re.compile(r"\b(?:due\s+to|secondary\s+to|caused|causing|from|induced|drug-induced)\b")


def _state(text: str, kinds: set[str], echoes: list[str]) -> str:
    """Allergy status, a device or state the patient has, and a drug taken long term: their Index main terms
    (History, personal, allergy; Status / Presence; Long-term drug therapy) are echoes a path may use, so the
    words alone still find the condition when no such line names them."""
    if kinds & {"history", "family", "status"}:
        return text
    allergy = _ALLERGY.match(text)
    if allergy and not _REACTION.search(text):
        kinds.add("allergy")
        echoes += ["status", "history", "personal"]
        return f"allergy {allergy.group('what') or allergy.group('named') or allergy.group('first')}"
    has = _HAS.match(text) or _STATE_AFTER.search(text)
    if has:
        kinds.add("status")
        echoes += STATUS_ECHOES
        return _STATE_AFTER.sub("", _HAS.sub("", text)) or text
    care = _CARE.match(text)
    if care and len(text.split()) > 1:
        # "colostomy care", "gastrostomy tube check": the Index's Attention (to) and Encounter (for) lines.
        kinds.add("visit")
        # The act said stays an echo: "Checking, cardiac pacemaker" is the Index's own line for a check.
        echoes += ["attention", "adjustment", "encounter", care.group("act")]
        return str(care.group("what"))
    fitting = _FITTING.match(text)
    if fitting and len(str(fitting.group("a") or fitting.group("b")).split()) <= 4:
        # "glasses adjustment": Fitting (and adjustment), glasses; the act said is an echo the path may use.
        kinds.add("visit")
        echoes += FITTING_ECHOES
        return str(fitting.group("a") or fitting.group("b"))
    amputated = _AMPUTATED.match(text)
    if amputated and len(amputated.group("part").split()) <= 4:
        kinds.add("status")
        echoes += STATUS_ECHOES
        return f"amputation {amputated.group('part')}"
    device = _USES_DEVICE.match(text)
    if device:
        # "uses hearing aids", "uses a wheelchair": a device the patient has (Presence; Dependence, on), no drug.
        kinds.add("status")
        echoes += [*STATUS_ECHOES, "dependence"]
        return str(device.group("what"))
    taking = _TAKING.match(text)
    long_term = _LONG_TERM.match(text)
    if taking or long_term:
        kinds.add("longterm")
        echoes += LONG_TERM_ECHOES
        if long_term:
            drug = str(long_term.group("a") or long_term.group("b") or long_term.group("c"))
            drug = _NOT_TAKEN.sub("", drug) or drug
            # The route said ("oral prednisone") is the Long-term line's word only for some classes ("oral
            # hypoglycemic drugs"; a steroid taken by mouth is "systemic"): an echo a line may use.
            route = [w for w in drug.split() if w in _ROUTES]
            if route and len(drug.split()) > len(route):
                echoes += route
                drug = " ".join(w for w in drug.split() if w not in _ROUTES)
        else:
            drug = text[taking.end() :] if taking else text
        drug = " ".join(_GIVEN_AS.sub(" ", drug).split()) or drug
        drug = " ".join(_DOSE.sub(" ", _TAKEN_SINCE.sub("", drug)).split()) or drug
        return " ".join(_HOW_OFTEN.sub(" ", drug).split()) or drug
    return text


def _reason(text: str, kinds: set[str]) -> str:
    """History, family history and status post lead to their own main terms in the Index."""
    family = _FAMILY.match(text)
    if family:
        kinds.add("family")
        return f"history family {text[family.end() :]}"
    history = _HISTORY.match(text)
    if history:
        kinds.add("history")
        return f"history personal {text[history.end() :]}"
    status = _STATUS.match(text)
    if status:
        kinds.add("status")
        return f"status {text[status.end() :]}"
    return text
