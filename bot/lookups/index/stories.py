"""Drug stories: a poisoning, adverse effect or underdosing told in words, read as the Drug Table's columns.

A coder reads "took too many tylenol by mistake", "overdosed on lisinopril on purpose", "side effect of
amiodarone", "ran out of his metoprolol" as the Table of Drugs and Chemicals' columns (guideline I.C.19.e):
poisoning accidental (unintentional), intentional self-harm, assault or undetermined; adverse effect (a drug
correctly prescribed and properly taken); underdosing (less taken than prescribed, or stopped by the patient).
`read_drug_story` rewrites the phrases of such a story into the column's own words, which the matcher's column
words pick (bot.lookups.index.matching.COLUMN_WORDS), before the query is otherwise read: the negation of "not
taking" is the story's underdosing, not a denial of the drug, and "overdosed on" / "suicide attempt with" is
no link between two concepts. `TABLE_WORDS` are the words of a story that name the Table itself or the
taking ("pills", "dose", "swallowed"): a Drug Table line uses them without choosing a column.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from bot.lookups.index.words import content_stems, stem

_HOLDER = r"(?:(?:a|an|the|his|her|their|my|your|several|some|multiple|two|three|\d+)\s+)?"
_TAKE = r"(?:took|taken|take|takes|taking|ate|eaten|swallowed|ingested|drank|drunk|used|given|snorted|smoked|injected)"
# (pattern, the column's words) in the order they are read; each rewrites its phrase.
STORY_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        # underdosing: less taken than prescribed, or the drug stopped by the patient
        (
            r"\b(?:ran|run|running|runs)\s+out\s+of\b|"
            r"\b(?:missed|missing|misses|skipped|skipping|skips|forgot|forgets|forgetting)\s+"
            + _HOLDER
            + r"(?:(?:doses?|pills?|tablets?|shots?|injections?)\s+(?:of\s+)?|to\s+take\s+)?|"
            r"\b(?:not|never|stopped|stop|stops|quit|quitting)\s+(?:been\s+)?(?:taking|take|using)\b|"
            # "quit her allopurinol": the patient's own stopping (a prescriber's "stopped" is no underdosing)
            r"\b(?:quit|quits|quitting)\s+(?:her|his|their|my|your)\s+(?!(?:job|jobs|work|school|college|team|"
            r"sports?|habit|diet|exercise|gym|husband|wife|partner|boyfriend|girlfriend|smoking|drinking|vaping|"
            r"cigarettes|therapy|therapist|classes|church|band)\b)|"
            # "stopped her mycostatin early", "stopped his inhaler on his own": the patient's own stopping, said
            # by when or by whom (a prescriber's "stopped her metoprolol" is no underdosing)
            r"\b(?:stopped|stops|stopping)\s+(?:her|his|their|my|your)\s+(?=[a-z0-9-]+(?:\s+[a-z0-9-]+)?\s+"
            r"(?:early|too\s+soon|too\s+early|on\s+(?:her|his|their|my|your)\s+own)\b)|"
            r"\b(?:didn't|didnt|did\s+not|doesn't|doesnt|does\s+not|hasn't|hasnt|has\s+not|isn't|isnt|"
            r"wasn't|wasnt|was\s+not|is\s+not|hasn't\s+been|has\s+not\s+been)\s+(?:been\s+)?(?:take|taking|taken|"
            r"took|using|use)\b|"
            r"\b(?:taking|took|takes|using)\s+(?:less|fewer)\s+(?:than\s+(?:prescribed|directed)\s+)?(?:of\s+)?|"
            # a smaller amount said as the patient's own stretching ("only taking her statin every other day",
            # "taking half doses", "cutting his pills in half to make them last")
            r"\bonly\s+(?:taking|takes|took|using|uses)\b|"
            r"\b(?:taking|takes|took)\s+(?:half|half\s+(?:a\s+)?(?:doses?|pills?|tablets?))\b|"
            r"\b(?:cutting|cuts|cut|splitting|splits|split)\s+(?:(?:his|her|their|my|the)\s+)?"
            r"(?=(?:[a-z-]+\s+)?(?:pills?|tablets?)\s+in\s+half\b)",
            "underdosing",
        ),
        # how the patient stretched or missed a drug, said after it: the underdosing above already tells it
        (
            r"\b(?:every\s+other\s+day|to\s+make\s+(?:it|them)\s+last(?:\s+longer)?)\b|(?<=pills\s)in\s+half\b|"
            r"(?<=tablets\s)in\s+half\b|"
            r"\b(?:like|as)\s+(?:he|she|they|i|you|we)\s+(?:was|were|is|are|am)\s+(?:supposed|told|meant)\s+to\b",
            "",
        ),
        # adverse effect: the right drug, properly taken
        (
            r"\bside[- ]effects?\s+(?:of|from|to)\b|\bside[- ]effects?\b|"
            r"\b(?:taken|taking|took|takes)\s+(?:as\s+(?:prescribed|directed)|correctly|properly)\b|"
            r"\b(?:correctly|properly)\s+taken\b|"
            r"\b(?:correct|correctly|right|proper|properly|therapeutic|prescribed|normal|usual)\s+"
            r"(?:dose|dosage|doses|amount|use)\b",
            "adverse effect",
        ),
        # a reaction the drug caused, named ("dystonic reaction to haldol", "hives after taking amoxicillin"):
        # "due to", so the reaction's own Index line ("Dystonia, drug induced") is read; "adverse reaction
        # to" / "allergic reaction to" name the Table's adverse effect column itself
        (
            r"(?<!adverse\s)(?<!allergic\s)(?<!drug\s)(?<!medication\s)\b(?:reaction|reactions)\s+to\b|"
            r"\b(?:after|since)\s+(?:taking|starting|being\s+given|given|a\s+dose\s+of)\b|\bfrom\s+taking\b",
            "due to",
        ),
        # undetermined: the intent said to be unknown ("not sure if it was on purpose", "unclear if intentional")
        (
            r"\b(?:not\s+sure|not\s+clear|unsure|unclear|unknown|uncertain|no\s+idea|(?:don't|dont|do\s+not)\s+know)\s+"
            r"(?:if|whether)\s+"
            r"(?:it\s+was\s+|he\s+did\s+it\s+|she\s+did\s+it\s+|they\s+did\s+it\s+)?(?:intentional|intended|"
            r"on\s+purpose|deliberate|accidental|suicidal|an\s+accident)(?:\s+or\s+(?:not|accidental|an\s+accident))?\b",
            "poisoning undetermined",
        ),
        # intentional self-harm
        (
            r"\b(?:suicide|suicidal)\s+(?:attempt|gesture)\s+(?:with|by|using|on|of)\b|"
            # "suicidal overdose of propranolol": the overdose's intent
            r"\b(?:suicidal|deliberate|intentional|purposeful|self-inflicted)\s+(?=(?:overdose|ingestion|poisoning)\b)|"
            r"\b(?:attempted|tried\s+to\s+commit)\s+suicide\s+(?:with|by|using|on)\b|"
            r"\b(?:on\s+purpose|intentionally|deliberately|purposely|purposefully|"
            r"to\s+(?:hurt|harm|kill)\s+(?:him|her|them|my|your)sel(?:f|ves))\b|"
            r"\bto\s+(?:end|take)\s+(?:his|her|their|my|your)\s+(?:own\s+)?life\b|\bwanted\s+to\s+die\b",
            "poisoning intentional self-harm",
        ),
        # assault
        (
            r"\b(?:attempted\s+(?:murder|homicide)|(?:murder|homicide)\s+attempt)\s+(?:with|by|using)?\b|"
            r"\bby\s+(?:someone|somebody|another\s+(?:person|individual)|a\s+stranger|an?\s+(?:attacker|assailant))"
            r"(?:\s+else)?\b|"
            r"\b(?:someone|somebody)\s+(?:else\s+)?(?:gave|put|slipped|spiked|poisoned|drugged)\b|"
            r"\b(?:drugged|poisoned)\s+(?:him|her|them|me|us)\s+with\b|"
            r"\bto\s+(?:poison|drug|kill)\s+(?:him|her|them|me|us)\b|"
            r"\b(?:put|slipped|mixed|spiked)\s+(?=[a-z0-9 ,'-]{1,40}?\b(?:in|into)\s+(?:his|her|their|my|our)\s+"
            r"(?:drink|drinks|food|lunch|dinner|breakfast|meal|coffee|tea|soda|juice|water|beer|wine)\b)|"
            r"\b(?:drink|drinks|food)\s+(?:was\s+|were\s+)?spiked\s+with\b|\bspiked\s+with\b",
            "poisoning assault",
        ),
        # accidental
        (
            _TAKE + r"\s+(?:too\s+(?:many|much)|extra|an\s+extra|double|twice\s+the\s+dose)\s+(?:of\s+)?|"
            r"\b(?:by|in)\s+(?:mistake|error|accident)\b|"
            r"\b(?:accidentally|unintentionally|inadvertently|mistakenly)\s+"
            + r"(?:(?:overdosed|swallowed|ingested|took|ate|drank|given|poisoned)\s+(?:on\s+|with\s+)?)?|"
            r"\bwrong\s+(?:medication|medicine|drug|pill|dose)s?\s+(?:of\s+)?|"
            # a young child's taking is never intended ("kid got into the ibuprofen bottle", "toddler
            # swallowed clonidine tablet", "child ate mom's iron pills")
            r"\b(?:got|gets|getting)\s+into\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+|my\s+|\w+'s\s+)?|"
            r"\b(?:child|kid|toddler|baby|infant|\d+\s*(?:yo|y/o|yr|yrs|year|years|month|months|mo)(?:\s+old)?)\s+"
            r"(?:accidentally\s+)?(?:swallowed|ate|drank|ingested|chewed)\s+"
            r"(?:(?:some|a|an|the|his|her|their|my|\w+'s)\s+)?",
            "poisoning accidental",
        ),
        # a poisoning of no intent said (the Table's default column is accidental)
        (
            r"\b(?:overdosed|overdosing|od'd|od'ed)\s+(?:on|with)\b|\boverdose\s+(?:on|of|with)\b|"
            r"\bpoisoned\s+(?:with|by|on)\b|\bpoisoning\s+(?:with|by|from)\b|\bintoxicated\s+(?:with|on)\b",
            "poisoning",
        ),
    )
)
# A story's words that say what was taken and how, not which column: a Drug Table line uses them.
TABLE_WORDS = frozenset(
    stem(w)
    for w in (
        "poisoning",
        "poisoned",
        "overdose",
        "overdosed",
        "intent",
        "intention",
        "pills",
        "tablets",
        "dose",
        "doses",
        "dosage",
        "swallowed",
        "ingested",
        "took",
        "taking",
        "attempt",
        "medication",
        "medications",
    )
)


def read_drug_story(text: str) -> str:
    """The text with each story phrase in the Drug Table's column words ("ran out of metoprolol" ->
    "underdosing metoprolol", "took too many tylenol by mistake" -> "poisoning accidental tylenol poisoning
    accidental"); text with no story phrase is returned as it is."""
    # "propranolol overdose, suicidal": the overdose's intent said after it (not "suicidal ideation")
    text = SUICIDAL_AFTER_OVERDOSE.sub(r"\1 poisoning intentional self-harm ", text)
    text = TRYING_TO_DIE_AFTER_TAKING.sub(r"\1 poisoning intentional self-harm ", text)
    text = caused_in_lay_words(text)
    if CAUSE_LINK.search(text):
        # "drowsy from cyclobenzaprine taken correctly": the link already reads the drug's adverse effect
        # (the reaction first); the proper taking only confirms it.
        text = PROPERLY_TAKEN.sub(" ", text)
    for pattern, words in STORY_PHRASES:
        text = pattern.sub(f" {words} ", text)
    return " ".join(text.split())


def caused_in_lay_words(text: str) -> str:
    """ "lisinopril gave me a cough", "metformin makes him nauseous": what a patient says a drug (or any
    cause) did to someone, told as the condition and its cause ("cough from lisinopril"), which the Index's
    "due to" reading and the Drug Table's adverse-effect column then read (guideline I.C.19.e.5.a: the
    reaction first). Only when the thing that did it is not a person ("mom gave me tylenol" is no reaction)."""
    found = GAVE_SOMEONE.match(text)
    if found is None or found.group("cause").split()[-1] in GIVERS or "allerg" in found.group("cause"):
        return text  # ("allergic to morphine, makes her itch": the allergy's own reaction, said as a status)
    return f"{found.group('what').strip()} from {found.group('cause').strip()}"


_SOMEONE = (
    r"(?:me|him|her|them|us|(?:my|his|her|their|our|the)\s+(?:\w+\s+)?(?:son|daughter|kid|kids|child|baby|"
    r"boy|girl|mom|mother|dad|father|husband|wife|partner|patient|grandma|grandpa|grandmother|grandfather|"
    r"sister|brother|friend)|(?:the\s+)?(?:patient|pt|client|resident))"
)
GAVE_SOMEONE = re.compile(
    r"^(?:(?:the|my|his|her|their|this|that|a|new)\s+)?(?P<cause>[a-z][a-z0-9 /-]{2,40}?)\s+"
    r"(?:(?:has|have|had|is|was|keeps|kept)\s+)?(?:gave|gives|giving|given|made|makes|making|make)\s+"
    + _SOMEONE
    + r"\s+(?:(?:a|an|some|bad|really|very|so|super|kind\s+of|feel|feels|feeling|get|gets|getting|have|"
    r"has|go|goes|went|break|breaks|broke)\s+)*(?P<what>[a-z].*)$"
)
# Who gives a drug ("the nurse gave him heparin"): a giving, not a reaction.
GIVERS = frozenset(
    [
        "i",
        "he",
        "she",
        "they",
        "we",
        "someone",
        "somebody",
        "nurse",
        "doctor",
        "dr",
        "doc",
        "provider",
        "pharmacist",
        "pharmacy",
        "mom",
        "mother",
        "dad",
        "father",
        "husband",
        "wife",
        "sister",
        "brother",
        "friend",
        "staff",
        "er",
        "hospital",
        "clinic",
        "aide",
        "caregiver",
        "grandma",
        "grandpa",
        "son",
        "daughter",
        "boyfriend",
        "girlfriend",
        "partner",
        "dentist",
        "surgeon",
    ]
)


# A drug said to be properly taken, and a link naming the drug as a condition's cause.
PROPERLY_TAKEN = re.compile(
    r"\b(?:taken|taking|took|takes)\s+(?:as\s+(?:prescribed|directed)|correctly|properly)\b|"
    r"\b(?:correctly|properly)\s+taken\b"
)
SUICIDAL_AFTER_OVERDOSE = re.compile(
    r"(\b(?:overdose|overdosed|overdosing|od)\b[^.;]*?)\bsuicidal\b"
    r"(?!\s+(?:ideation|ideations|thoughts?|thinking|risk|precautions|behaviou?r))"
)
# "swallowed all her pills trying to die", "took a whole box trying to end it": the taking's intent said after
# it in lay words (a taking said first: "cut her wrists trying to end it" is no poisoning)
TRYING_TO_DIE_AFTER_TAKING = re.compile(
    r"(\b(?:took|taken|swallowed|swallowing|ingested|drank|overdosed|pills|tabs|tablets)\b[^.;]*?)"
    r"\b(?:trying|tried|wanting)\s+to\s+(?:die|end\s+it(?:\s+all)?)\b"
)
CAUSE_LINK = re.compile(r"\b(?:from|due\s+to|caused\s+by|induced\s+by|secondary\s+to)\s+\w")


STATE_WORDS = frozenset({"status", "history"})
# The Drug Table columns whose story names a condition coded before the T code: the nature of an adverse
# effect (guideline I.C.19.e.5.a), and the condition that relapsed or worsened from underdosing (I.C.19.e.5.c:
# an underdosing code is never first-listed).
CONDITION_FIRST_COLUMNS = frozenset({"adverse_effect", "underdosing"})


def reaction_parts(
    words: Sequence[str], used: Collection[str], column: str, column_stems: Collection[str]
) -> list[list[str]]:
    """ "nausea side effect of metformin": the Drug Table's adverse effect line holds the drug and the story,
    and the words it leaves name the reaction - coded first, the adverse effect T code beside it (guideline
    I.C.19.e.5.a). The query's parts, the reaction first; none when nothing is left or no adverse effect.
    Words choosing a column (`column_stems`: "toxic", "overdose") name no reaction."""
    if column not in CONDITION_FIRST_COLUMNS or STATE_WORDS.intersection(words):
        return []  # ("allergy status penicillin": the patient's status, no reaction happening now)
    left = [
        w
        for w in words
        if w not in used and content_stems(w) and stem(w) not in TABLE_WORDS and stem(w) not in column_stems
    ]
    if not left:
        return []
    return [left, [w for w in words if w not in left]]


def is_poisoning(code: str) -> bool:
    """Whether an ICD-10-CM code is a poisoning (T36-T50, 6th character 1-4) or a toxic effect (T51-T65):
    coded before its manifestations (guideline I.C.19.e.5.b), unlike an adverse effect or underdosing."""
    plain = code.replace(".", "").upper()
    if len(plain) < 3 or plain[0] != "T" or not plain[1:3].isdigit():
        return False
    category = int(plain[1:3])
    if 51 <= category <= 65:
        return True
    return 36 <= category <= 50 and len(plain) >= 6 and _intent(plain) in "1234"


def is_drug_code(code: str) -> bool:
    """Whether an ICD-10-CM code is a Drug Table line of a drug, medicament or biological (T36-T50, any intent)."""
    plain = code.replace(".", "").upper()
    return len(plain) >= 3 and plain[0] == "T" and plain[1:3].isdigit() and 36 <= int(plain[1:3]) <= 50


def is_adverse_or_underdosing(code: str) -> bool:
    """Whether an ICD-10-CM code is an adverse effect or underdosing (T36-T50, 6th character 5 or 6): listed
    after the condition it caused or let relapse (guideline I.C.19.e.5.a and c)."""
    plain = code.replace(".", "").upper()
    return len(plain) >= 6 and is_drug_code(plain) and _intent(plain) in "56"


def _intent(plain: str) -> str:
    """A drug code's intent character: the sixth, or the fifth where a subcategory of four characters puts
    the placeholder sixth (T37.95XA, T37.91XA)."""
    return plain[4] if plain[5] == "X" else plain[5]


# The taking told in a clause of its own ("ran out", "taking as directed"): no condition.
_RAN_OUT = re.compile(r"\b(?:ran|run|runs|running)\s+out\b")


def tells_taking(clause: str) -> bool:
    """Whether a clause tells how a drug was taken (a story phrase, "ran out", "taken as prescribed") rather
    than name a condition."""
    lowered = " ".join(clause.lower().split())
    return bool(
        read_drug_story(lowered) != lowered or _RAN_OUT.search(lowered) or PROPERLY_TAKEN.search(lowered)
    )


def unsaid_underdosing(code: str, words: Collection[str]) -> bool:
    """Whether a code is an underdosing (T36-T50, 6th character 6) the query's words never tell: a title
    matched by its drug class's words ("dizzy from a calcium channel blocker" holds "Underdosing of
    calcium-channel blockers" as much as its adverse effect) is no underdosing unless less was taken than
    prescribed (guideline I.C.19.e.5.c; `read_drug_story` writes such a story's words as "underdosing")."""
    plain = code.replace(".", "").upper()
    return (
        is_adverse_or_underdosing(plain) and plain[5] == "6" and not {"underdosing", "underdose"} & set(words)
    )


# The words of a drug story that name no reaction: how it was taken, and the links between drug and reaction.
_TAKEN_WORDS = frozenset(
    {
        "from",
        "due",
        "to",
        "after",
        "on",
        "with",
        "of",
        "by",
        "taken",
        "taking",
        "took",
        "takes",
        "as",
        "correctly",
    }
    | {
        "properly",
        "prescribed",
        "directed",
        "caused",
        "causing",
        "induced",
        "while",
        "since",
        "her",
        "his",
        "my",
    }
)


def title_reaction(text: str, title: str, drug_words: Collection[str]) -> list[str]:
    """ "dizzy from amlodipine taken correctly": an adverse effect found by its title's words (the drug's
    class, "Adverse effect of calcium-channel blockers") leaves the words naming the reaction - coded first,
    the T code beside it (guideline I.C.19.e.5.a), as `reaction_parts` does for a Drug Table path. The words
    the title, the drug's names (`drug_words`) and the taking leave; [] when none is left."""
    said = content_stems(title)
    return [
        w
        for w in re.findall(r"[a-z][a-z'-]*", text.lower())
        if w not in drug_words
        and w not in _TAKEN_WORDS
        and content_stems(w)
        and not content_stems(w) <= said
        and stem(w) not in TABLE_WORDS
    ]
