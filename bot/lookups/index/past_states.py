"""What was done to a patient before, or runs in the family, told in a user's words -> the Index's status frames.

Status, history and presence Z codes (Z80-Z99) are filed under frame words a user rarely says: Status (post),
Absence (of), acquired, Transplant(ed) (status), History, personal / family, Noncompliance. Users tell the same
facts as a story of the past ("had a vasectomy years ago", "had his bladder taken out", "cleft palate fixed
when he was a baby", "heart-lung transplant recipient", "hearing problems run in the family", "mom can't
afford his physical therapy"), and the words read literally reach the procedure's PCS code, the condition
itself or its complication. A coder hears the frame (guideline I.C.21.c.3: a status code says the patient
carries the after-effect of a procedure, a device or a transplant; c.4: a history code says the condition is
over) and reads the rest as its subterm:

- an operation the patient had (a word of operation: -ectomy, -ostomy, -plasty, bypass, replacement, stent,
  ligation; "had", "underwent", "s/p", a time past) -> Status, <operation>;
- a part taken out ("removed", "taken out", "cut out") -> Absence, <part>, acquired, when the Index lists the
  part under Absence ("one" is its unilateral line, "part of" its partial, "but still has her uterus" its
  "with remaining" line); a condition taken out ("melanoma in situ removed") -> History, personal, <condition>;
- a part replaced ("both hips replaced", "left elbow replacement") -> Status, <part> replacement (the Index
  sends it on to Presence, joint implant, by side);
- a defect repaired, fixed or corrected as a baby (or any time past) -> History, personal, <defect>
  (corrected);
- an organ or a tissue received ("heart-lung transplant recipient", "skin graft status", "got a new kidney")
  -> Transplant(ed) (status), <organ> (a graft is a transplant when the Index lists its tissue there: bone,
  skin, cornea; a bypass graft stays Status, bypass);
- a side and level said of an amputee -> Amputation, <level> (the Index sends it to Absence, by site);
- a number of toes or fingers lost on a side's foot or hand -> Absence, <toes>, <side>, acquired;
- a condition that runs in the family (or "on my mother's side") -> History, family, <condition>;
- a patient or a caregiver who cannot afford a treatment, a diet or the medicine -> Noncompliance, (caregiver,
  with patient's) <regimen>, due to financial hardship.

`read_past_state` returns the text said in the frame's words, or None; the search reads that text and keeps
its answer only when it is a Z code of the frame (bot.lookups.search.Searcher._past_state), so a reading the
Index does not answer costs nothing but the lookup.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.lookups.index.over_conditions import read_over
from bot.lookups.index.reason_kinds import may_say_kind, read_kind
from bot.lookups.index.status_said import may_say_status, status_said

# A time past, said after the fact ("years ago", "as a baby", "last year", "in 2015", "before").
_PAST = (
    r"(?:(?:\d+|a\s+few|many|several|two|three|some)\s+(?:years?|yrs?|months?)\s+(?:ago|back)|years?\s+ago|"
    r"a\s+(?:while|long\s+time)\s+(?:ago|back)|long\s+ago|last\s+(?:year|month|spring|summer|fall|winter)|"
    r"in\s+(?:19|20)\d\d|back\s+in\s+(?:19|20)\d\d|before|previously|in\s+the\s+past|earlier|"
    r"(?:as\s+an?|when\s+(?:he|she|i|they)\s+(?:was|were)\s+(?:an?\s+)?)\s*(?:baby|infant|newborn|child|kid|toddler|"
    r"teen|teenager|little|young|boy|girl)|at\s+birth|after\s+birth|in\s+infancy|as\s+newborn|in\s+childhood)"
)
_PAST_TAIL = re.compile(rf"(?:\s*,)?\s+{_PAST}(?:\s*,.*)?$")
_OWNER = r"(?:(?:his|her|my|their|the|a|an|its)\s+)"
_OPERATION = re.compile(
    r"\b(?:[a-z]+(?:ectomy|ostomy|otomy|plasty|pexy|desis|rrhaphy)|bypass|replacement|stent|ligation|banding|"
    r"angioplasty|implant|pacemaker|defibrillator|shunt|surgery)\b"
)
# "had a vasectomy years ago", "underwent a right nephrectomy", "s/p coronary bypass".
_HAD = re.compile(rf"^(?:had|has\s+had|have\s+had|underwent|got|s/p|status\s+post)\s+{_OWNER}?(?P<what>.+)$")
# "finished a long course of prednisone last year", "came off methotrexate years ago": a drug therapy over,
# History, personal, drug therapy, <class> (the class as the Long-term lines name it).
_FINISHED = re.compile(
    r"^(?:finished|completed|done\s+with|stopped|came\s+off|was\s+on|used\s+to\s+(?:take|be\s+on)|took|had)\s+"
    r"(?:(?:a|an|the|his|her|my)\s+)?(?:(?:long|short|full|\d+[- ]?(?:day|week|month))\s+)?"
    r"(?:(?:course|round|treatment|cycle)s?\s+of\s+)?(?P<drug>[a-z][a-z-]+)(?:\s+(?:therapy|treatment|course))?$"
)
_DRUG_FIRST = re.compile(r"^(?:finished|completed|done\s+with|stopped|came\s+off)\b")
# "hx of total colectomy": a past operation that took a part out is the patient's status now, never a
# history of a condition (guideline I.C.21.c.3: the acquired absence of the part, Status, colectomy Z90.49).
_HISTORY_OF_EXCISION = re.compile(
    r"^(?:personal\s+)?(?:(?:hx|history)\s+of|h/o|hx)\s+(?:an?\s+)?(?P<what>(?:[a-z]+\s+)?[a-z]{3,}ectomy)$"
)
# "cystectomy done back in 2015": the operation said with the verb after it.
_DONE = re.compile(r"^(?P<what>.+?)\s+(?:was\s+)?(?:done|performed)$")
# "used to have meningitis", "had encephalitis years ago, fine now", "meningitis as a kid, resolved".
_USED_TO = re.compile(r"^(?:used\s+to\s+have|had|has\s+had|got)\s+(?P<what>.+)$")
_NOT_A_HISTORY = re.compile(
    r"\b(?:diagnosed|dx'?d|dx|since|started|began|for|now|still|with|on|and|but|who|x\d|pain|hurt\w*)\b"
)
# A device the patient lives with ("living with a cochlear implant", "has a heart valve implant in place").
_LIVES_WITH = re.compile(
    r"^(?:living\s+with|lives\s+with|has|have|with|wears)\s+(?:an?\s+|the\s+)?(?P<what>[a-z' -]*?\b(?:implant|valve|"
    r"pacemaker|tube|stent|shunt|prosthesis|prosthetic|lens|aid|pump|port|catheter|artificial|defibrillator|icd|"
    r"drainage|graft|device|assist|heart|larynx|limb|leg|arm|eye|joint)s?)(?:\s+in\s+place)?(?:\s+since\b.*)?$"
)
# "had his bladder taken out", "one ovary removed", "had part of her lung removed 2 years ago".
_REMOVED = re.compile(
    rf"^(?:(?:had|has\s+had|got)\s+)?{_OWNER}?(?P<what>.+?)\s+(?:was\s+|were\s+|got\s+|been\s+)?"
    r"(?:removed|taken\s+out|cut\s+out|surgically\s+removed|excised)"
    r"(?:\s+but\s+(?:still\s+)?(?:has|have|kept)\s+(?:his|her|my|their|the)\s+(?P<kept>[a-z]+))?$"
)
# "both hips replaced", "left elbow replacement", "had her right knee replaced".
_REPLACED = re.compile(
    rf"^(?P<had>(?:had|has\s+had|got|s/p)\s+)?{_OWNER}?(?P<what>(?:(?:both|right|left|bilateral|one|r|l)\s+)?"
    r"(?:(?:total|partial)\s+)?[a-z]+)\s+(?:was\s+|were\s+)?(?P<verb>replaced|replacement|joint\s+replacement|"
    r"arthroplasty)(?P<state>\s+(?:status|in\s+place))?$"
)
# "s/p total hip", "status post R total knee": a total joint said after a status word is its replacement.
_TOTAL_JOINT = re.compile(
    r"^(?:s/p|status\s+post|had|has\s+had)\s+(?:(?:a|an|his|her|the)\s+)?(?:(?:right|left|bilateral|both|r|l)\s+)?"
    r"total\s+(?:hip|knee|shoulder|elbow|ankle|wrist)s?$"
)
# A joint replaced is the Index's Presence, <joint> joint implant (Status sends there).
_JOINTS = frozenset(
    [
        "hip",
        "hips",
        "knee",
        "knees",
        "shoulder",
        "shoulders",
        "elbow",
        "elbows",
        "wrist",
        "wrists",
        "ankle",
        "ankles",
        "finger",
        "fingers",
        "toe",
        "toes",
    ]
)
# "cleft lip and palate fixed when he was a baby", "repaired congenital diaphragmatic hernia as a baby",
# "history of gastroschisis repair as newborn".
_FIXED_AFTER = re.compile(
    rf"^(?:(?:had|has\s+had|(?:(?:personal|past|prior)\s+)?(?:history|hx)\s+of)\s+)?{_OWNER}?(?P<what>.+?)\s+"
    r"(?:was\s+|were\s+|got\s+)?"
    r"(?:repaired|fixed|corrected|closed|repair|correction|operated\s+on)$"
)
_HISTORY_SAID = re.compile(r"^(?:(?:personal|past|prior)\s+)?(?:history|hx)\b")
_FIXED_BEFORE = re.compile(
    rf"^(?:had\s+)?(?:(?:a|an|the)\s+)?(?:repaired|fixed|corrected|surgery\s+for|repair\s+of|had\s+surgery\s+for)\s+"
    rf"{_OWNER}?(?P<what>.+)$"
)
# "heart-lung transplant recipient", "skin graft status", "received a kidney transplant", "got a new liver";
# "history of kidney transplant": the organ received is there still, its status (guideline I.C.21.c.3).
_RECEIVED = re.compile(
    rf"^(?P<had>(?:had|has\s+had|received|got|underwent|s/p|(?:personal\s+)?(?:hx|history)\s+of|h/o|hx)\s+)?{_OWNER}?(?P<what>.+?)\s+"
    r"(?P<kind>transplant(?:ation|ed)?|graft)(?P<state>\s+(?:recipient|status|patient|pt|in\s+place))?$"
)
_NEW_ORGAN = re.compile(rf"^(?:got|received|has)\s+{_OWNER}?(?:new|donor)\s+(?P<what>[a-z-]+)$")
_AMPUTEE = re.compile(r"^(?P<what>.+?)\s+amputee$")
# A limb's part told as amputated or missing, no injury said with it ("arm amputated at the left shoulder",
# "leg amputated above the knee", "lost her left hand at the wrist"): the Index's Amputation sends to Absence,
# by site, acquired; cut "at" a joint the joint is the part absent (Absence, joint, acquired, shoulder; Z89.23-),
# cut above or below it the limb at that level (Absence, arm, above elbow).
_AMPUTATED = re.compile(
    rf"^(?:(?:had|has\s+had|got)\s+)?{_OWNER}?(?P<what>[a-z ]+?)\s+(?:was\s+|were\s+|got\s+|been\s+)?"
    r"(?:amputated|taken\s+off)"
    r"(?:\s+(?P<how>at|above|below|through)\s+(?:the\s+)?(?P<where>(?:(?:right|left)\s+)?[a-z]+))?$"
    rf"|^(?:missing|lost)\s+{_OWNER}?(?P<lost>[a-z ]+?)(?:\s+(?P<lost_how>at)\s+(?:the\s+)?(?P<lost_where>[a-z]+))?"
    r"(?:\s*,?\s*(?:removed|amputated|taken\s+off))?$"
)
_SIDE_WORDS = {
    "right": "right",
    "r": "right",
    "left": "left",
    "l": "left",
    "both": "bilateral",
    "bilateral": "bilateral",
}
_LOST_DIGITS = re.compile(
    r"^(?:lost|missing|had)\s+(?:\w+\s+)?(?P<part>toes?|fingers?)\s+(?:amputated\s+)?(?:on|of|from)\s+"
    rf"{_OWNER}?(?P<side>right|left)\s+(?:foot|hand)$"
)
_FAMILY = re.compile(
    r"^(?P<what>.+?)\s+(?:runs?|running|ran|is\s+common|goes\s+back)\s+in\s+(?:the|my|our|his|her|their)\s+"
    r"famil(?:y|ies)\b.*$"
    r"|^(?P<what2>.+?)\s+on\s+(?:my|his|her|the)\s+(?:mom's|mother's|dad's|father's|maternal|paternal)\s+side$"
    r"|^(?:everyone|everybody|lots\s+of\s+people|several\s+people|many\s+people)\s+in\s+(?:the|my|our|his|her|"
    r"their)\s+family\s+(?:has|have|had|gets?)\s+(?P<what3>.+)$"
)
# "mom can't afford her son's physical therapy", "cannot afford his insulin": who cannot pay for what.
_AFFORD = re.compile(
    r"^(?P<who>.*?)\s*(?:can't|cannot|can\s+not|couldn't|could\s+not|unable\s+to|not\s+able\s+to)\s+afford\s+"
    r"(?P<what>.+?)(?:\s+(?:so|and)\s+.*)?$"
)
# "keeps skipping dialysis", "not following his diabetic diet", "stopped going to physical therapy": a regimen
# not kept to for a reason not said (a medicine not taken is an underdosing, read by the drug stories; a
# treatment refused is Refusal of treatment, the patient's decision).
_NOT_KEPT = re.compile(
    r"^(?P<who>.*?)\s*(?:(?:is\s+)?not\s+following|doesn'?t\s+follow|does\s+not\s+follow|won'?t\s+follow|"
    r"(?:keeps\s+)?(?:skips|skipping|skipped|misses|missing|missed)|stopped\s+going\s+to|quit\s+going\s+to|"
    r"doesn'?t\s+stick\s+to|does\s+not\s+stick\s+to|won'?t\s+stick\s+to|cheats?\s+on|not\s+sticking\s+to|"
    # (a visit missed is said in the office's words: "no show x3 for follow up appts")
    r"no[- ]?show(?:s|ed)?(?:\s+x?\s*\d+(?:\s+times)?)?\s+(?:for|to|at))\s+"
    r"(?P<what>.+)$"
)
# A medicine not taken, cut short or given short, told with cost as its reason ("not taking meds because she
# can't afford them", "noncompliant with meds due to cost", "grandma skipping his pills because they can't
# afford them"): the Index's Noncompliance, with, medication regimen, underdosing, intentional, due to financial
# hardship of patient (Z91.120) - the Index files financial hardship under the intentional underdosing only - or
# its "by caregiver" line when another person's medicine is skipped (Z91.A20).
_UNDERDOSED_FOR_COST = re.compile(
    r"^(?P<who>.*?)\s*(?:is\s+|was\s+)?(?:not\s+taking|isn'?t\s+taking|stopped\s+taking|quit\s+taking|"
    r"(?:keeps\s+)?(?:skips|skipping|skipped|misses|missing|missed|rations?|rationing|stretch(?:es|ing)?|"
    r"cuts?|cutting|splits?|splitting)|(?:non-?\s?compliant|not\s+compliant)\s+with)\s+"
    r"(?P<what>.+?)\s*,?\s+(?:because|since|as|cause|bc|b/c|due\s+to|because\s+of)\s+"
    r"(?:(?:she|he|they|i|we|the\s+patient|pt|the\s+family)\s+)?"
    r"(?:(?:can't|cannot|can\s+not|couldn't|could\s+not|unable\s+to|not\s+able\s+to)\s+afford\b.*|"
    r"(?:the\s+|its\s+|their\s+)?(?:high\s+)?(?:cost|costs|price|copays?|money|finances|financial\s+\w+)|"
    r"(?:it's|they're|it\s+is|they\s+are)\s+(?:too\s+|so\s+)?expensive)$"
)
_FEMALE = re.compile(r"\b(?:mom|mother|grandma|grandmother|daughter|wife|aunt|sister)\b")
_MALE = re.compile(r"\b(?:dad|father|grandpa|grandfather|son|husband|uncle|brother)\b")
_OTHERS = re.compile(r"\b(?:parents?|caregiver|family|guardian)\b")


def _someone_elses(who: str, what: str) -> bool:
    """Whether the medicine skipped is another person's than the one who skips it: a caregiver's word says who,
    and the medicine's owner is said by a pronoun of the other sex ("grandma skipping his pills") or is any
    person's where the skipper is a parent, a guardian or a caregiver ("parents skipping her pills")."""
    owner = re.match(r"(?:his|her|their)\b", what)
    if owner is None:
        return bool(_PATIENT_OF.search(what)) and bool(_CAREGIVER.search(who))
    pronoun = owner.group(0)
    if _OTHERS.search(who):
        return True
    return bool((_FEMALE.search(who) and pronoun == "his") or (_MALE.search(who) and pronoun == "her"))


# Who does not keep to a regimen, said before it in a few words ("mom", "the patient", "her parents").
_WHO = re.compile(r"^(?:[a-z']+(?:\s+|$)){0,3}$")
_CAREGIVER = re.compile(
    r"\b(?:mom|mother|dad|father|parents?|grandma|grandmother|grandpa|grandfather|caregiver|family|daughter|son)\b"
)
_PATIENT_OF = re.compile(
    r"\b(?:(?:his|her|their|the)\s+(?:son|daughter|child|kid|baby|mother|father|mom|dad|husband|wife)'?s?|"
    r"(?:son|daughter|child|kid|baby|mother|father|mom|dad)'s)\b"
)
_MEDICINE = re.compile(
    r"\b(?:meds?|medications?|medicines?|pills?|prescriptions?|insulin|inhalers?|drugs?|refills?|"
    r"copays?\s+for\s+(?:meds|medications?))\b"
)
# What a patient cannot afford, as the Noncompliance lines name it.
_REGIMENS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bdialysis\b"), "renal dialysis"),
    (re.compile(r"\b(?:diet|special\s+food|formula)\b"), "dietary regimen"),  # (food, rent: the basic needs)
    (_MEDICINE, "medication regimen"),
    (
        re.compile(
            r"\b(?:therapy|treatments?|appointments?|appts?|visits?|rehab|pt|ot|surgery|care|tests?|labs?)\b"
        ),
        "medical treatment and regimen",
    ),
)
# The frame each reading is said in, and the Index main terms whose Z answers it keeps.
FRAMES: dict[str, tuple[str, ...]] = {
    "status": ("Status", "Presence", "Absence", "Transplant", "Amputation", "Cataract"),
    "absence": ("Absence", "Amputation", "Status"),
    "history": ("History",),
    "family": ("History",),
    "transplant": ("Transplant", "Status"),
    "presence": ("Presence", "Status", "Dependence"),
    "noncompliance": ("Noncompliance", "Underdosing"),
    "genetic carrier": ("Carrier", "Genetic"),
    "carrier": ("Carrier", "Colonization"),
    "genetic susceptibility": ("Susceptibility", "Genetic"),
    # a reason's kind said in plain words (bot.lookups.index.reason_kinds): the words its Index lines print
    "awaiting": ("awaiting", "waiting"),
    "underimmunization": ("immunization", "vaccination, not done", "unvaccinated"),
    "dependence": ("Dependence",),
    "occupational": ("occupational",),
    "long-term": ("long-term", "long term"),
    "counseling": ("counseling",),
    # (the frames a situation is filed under, said or not: bot.lookups.index.z_lines SILENT)
    "problem": (
        "problem",
        "lack",
        "inadequa",
        "unable",
        "difficult",
        "insufficien",
        "unavailab",
        "unaffordab",
    ),
    "drug history": ("therapy", "contraception"),
}
# The frames of a reason's kind said in plain words (bot.lookups.index.reason_kinds).
SAID_KINDS = frozenset(
    {
        "awaiting",
        "underimmunization",
        "dependence",
        "occupational",
        "long-term",
        "drug history",
        "counseling",
        "problem",
    }
)
# Frames whose object is a drug (the Long-term and History drug therapy lines name drugs by class).
DRUG_KINDS = frozenset({"long-term", "drug history"})
# Frames whose line names the thing by its kind or in the vocabulary's words ("Carrier, genetic" for "a rare
# inherited disease"; ESBL is the line's "extended-spectrum beta-lactamase producing"): the key is asked of the
# path, the title and the vocabulary's reading of the query.
KIND_KEYED = frozenset({"genetic carrier", "carrier", "genetic susceptibility"})
_MAY = re.compile(
    r"\b(?:had|underwent|got|s/p|(?:status\s+post|hx|history\s+of|h/o)\s+(?:of\s+)?(?:an?\s+)?(?:[a-z]+\s+)?[a-z]+ectomy|removed|taken\s+out|cut\s+out|excised|replaced|replacement|repaired|fixed|"
    r"corrected|repair|transplant\w*|graft|recipient|amputee|amputated|taken\s+off|lost|missing|famil(?:y|ies)|side|afford|cost|expensive|used\s+to|"
    r"done|performed|living\s+with|lives\s+with|ago|kid|child|baby|resolved|finished|completed|came\s+off|"
    r"was\s+on|last\s+year|before|previously|past|back|follow\w*|skip\w*|miss\w*|stopped|quit|stick|cheats?|show|"
    r"cured|recovered|healed|beat|survived|cleared|eradicated|gone|residual|current|treated|treatment)\b"
)


@dataclass(frozen=True)
class PastState:
    """A story of the past read in the Index's frame: the text to look up, the frame, and the note."""

    text: str
    frame: str
    note: str
    key: str  # a word the answer's path or title must say (the part, the organ, the operation, the condition)
    over: bool = False  # a condition said to be over (bot.lookups.index.over_conditions)


def may_read_past_state(query: str) -> bool:
    """A cheap test of the words: whether a past state may be told (the search reads no further otherwise)."""
    lowered = query.lower()
    return _MAY.search(lowered) is not None or may_say_status(lowered) or may_say_kind(lowered)


def _plain(query: str) -> str:
    low = query.lower().replace("\u2019", "'")
    low = re.sub(r"[;:.!?]+", " ", low)
    return " ".join(low.split()).strip(" ,")


def _sides(what: str) -> str:
    """ "one ovary" is the unilateral line, "both hips" the bilateral one, "part of her lung" the partial."""
    what = (
        re.sub(r"^part\s+of\s+(?:his|her|my|their|the)?\s*", "", what) if what.startswith("part of") else what
    )
    if re.match(r"^(?:one|a\s+single)\s+", what):
        return re.sub(r"^(?:one|a\s+single)\s+", "", what) + " unilateral"
    if re.match(r"^both\s+", what):
        return re.sub(r"^both\s+", "", what) + " bilateral"
    return what


# Words that name no part, organ or condition of their own ("hearing problems": the hearing is the key).
_NO_KEY = frozenset(
    [
        "unilateral",
        "bilateral",
        "right",
        "left",
        "acquired",
        "problem",
        "problems",
        "issue",
        "issues",
        "trouble",
        "troubles",
        "condition",
        "conditions",
        "disease",
        "diseases",
        "disorder",
        "disorders",
        "surgery",
        "surgeries",
        "operation",
        "procedure",
    ]
)


def _last(what: str) -> str:
    """The words an answer must say one of: the phrase's words, less those that name nothing of their own."""
    return " ".join(w for w in re.findall(r"[a-z]+", what) if w not in _NO_KEY and len(w) > 2)


# A condition told beside the past state ("CMV pneumonia after kidney transplant", "infection with colostomy"):
# the condition is what is coded first, the status beside it; the query keeps its own reading.
_BESIDE = re.compile(
    r"\b(?:after|with|w/|due\s+to|from|because|following|secondary|since|causing|caused|now)\b"
)


def read_past_state(
    query: str,
    lists: Callable[[str, str], bool],
    drug_class: Callable[[str], str] = lambda word: "",
    place: Callable[[str], bool] = lambda words: False,
) -> PastState | None:
    """The query said in the Index's status frame, or None. `lists(main, word)` says whether the Index lists
    a word among a main term's subterms (the part under Absence, the tissue under Transplant); `drug_class(word)`
    names a drug's class as the Long-term drug therapy lines do ("" when the word is no drug); `place(words)`
    says whether words name a place (bot.lookups.index.over_conditions)."""
    text = _plain(query)
    if len(text.split()) > 14:
        return None
    # "never got the covid vaccine", "waiting for a heart transplant": the reason's kind said in plain words,
    # its object looked up below the kind's main term (bot.lookups.index.reason_kinds)
    kind = read_kind(text)
    if kind is not None:
        # (a drug the drug therapy lines do not name is looked up by its class, as they name it; the drug is
        # the last word a class is known for, "oral metformin", "estrogen pills", and the answer must say the
        # drug or its class, not a route or a form said with it)
        drugs = reversed(kind.what.split()) if kind.frame in DRUG_KINDS else iter(())
        drug, named = next(((w, c) for w in drugs if (c := drug_class(w))), ("", ""))
        if named:
            return PastState(f"{kind.text} {named}", kind.frame, kind.note, f"{drug} {named}")
        return PastState(kind.text, kind.frame, kind.note, kind.what or kind.text)
    if _MAY.search(text) is None and not may_say_status(text):
        return None  # (only a kind's words were said: the readings below are not asked)
    # "wears bilateral hearing aids", "VP shunt in place", "Mitrofanoff status", "carries the cystic fibrosis
    # gene": a status said in the user's words, now (bot.lookups.index.status_said)
    state = status_said(text) if not _PAST_TAIL.search(text) else None
    if state is not None and _last(state.what) and state.frame in KIND_KEYED:
        note = f"read: {text} -> {state.frame.capitalize()}"
        # (a carrier's or a susceptibility's disease is named by its kind: "Genetic carrier of other disease")
        key = state.what
        # (the Index's Colonization lists a few organisms, and sends the rest to Carrier)
        colonized = state.frame == "carrier" and any(lists("colonization", w) for w in state.what.split())
        return PastState(
            f"{'colonization' if colonized else state.frame} {state.what}", state.frame, note, key
        )
    family = _FAMILY.match(text)
    if family:
        what = (family.group("what") or family.group("what2") or family.group("what3")).split(",")[0]
        return PastState(
            f"family history of {what}", "family", f"read: {text} -> History, family", _last(what)
        )
    skipped = _UNDERDOSED_FOR_COST.match(text.replace(",", " "))
    if skipped and _WHO.match(skipped.group("who")) and _MEDICINE.search(skipped.group("what")):
        by_caregiver = _someone_elses(skipped.group("who"), skipped.group("what"))
        said = "noncompliance with medication regimen underdosing intentional " + (
            "by caregiver due to financial hardship"
            if by_caregiver
            else "due to financial hardship of patient"
        )
        note = f"read: {text} -> Noncompliance, underdosing, intentional, due to financial hardship"
        return PastState(said, "noncompliance", note, "financial")
    afford = _AFFORD.match(text)
    if afford and _WHO.match(afford.group("who")):
        what = afford.group("what")
        regimen = next((name for pattern, name in _REGIMENS if pattern.search(what)), "")
        if regimen:
            who = afford.group("who")
            caregiver = _CAREGIVER.search(who) and _PATIENT_OF.search(f"{who} {what}")
            said = f"noncompliance {'caregiver with patients ' if caregiver else ''}{regimen} due to financial hardship"
            note = f"read: {text} -> Noncompliance, due to financial hardship"
            return PastState(said, "noncompliance", note, "financial")
    kept = _NOT_KEPT.match(text)
    if kept and _WHO.match(
        kept.group("who")
    ):  # ("has no car, misses appointments": the reason is the problem)
        what = kept.group("what")
        regimen = next((name for pattern, name in _REGIMENS if pattern.search(what)), "")
        if regimen and regimen != "medication regimen":
            who = kept.group("who")
            caregiver = _CAREGIVER.search(who) and _PATIENT_OF.search(f"{who} {what}")
            said = (
                f"noncompliance caregiver with patients {regimen} specified reason"
                if caregiver
                else f"noncompliance with {regimen}"
            )
            return PastState(said, "noncompliance", f"read: {text} -> Noncompliance", regimen.split()[-1])
    over = read_over(text, place)
    if over is not None and not _OPERATION.search(over.what):  # (an operation had is a status)
        # "resolved hep B", "had dengue last year, fully recovered": History, personal (guideline I.C.21.c.4);
        # the key is the condition's words as said (the search reads them in the vocabulary's words too)
        note = f"read: {text} -> History, personal ({over.said})"
        return PastState(f"history of {over.what}", "history", note, over.what, over=True)
    # ("s/p L total knee": a chart's shorthand for the total joint replacement, as "TKA" is)
    text = _TOTAL_JOINT.sub(r"\g<0> replacement", text)
    text_now = _PAST_TAIL.sub("", text)
    past = text_now != text
    text = text_now
    told = re.sub(r"\bbut\s+(?:still\s+)?(?:has|have|kept)\b.*$", "", text)
    if _BESIDE.search(re.sub(r"^(?:living|lives|lived)\s+with\b", "", told)):
        return None
    finished = _FINISHED.match(text)
    if finished and (past or _DRUG_FIRST.match(text)):
        named = drug_class(finished.group("drug"))
        if named:
            said = f"history of drug therapy {named}"
            return PastState(said, "history", f"read: {text} -> History, personal, drug therapy", named)
    digits = _LOST_DIGITS.match(text)
    if digits:
        said = f"absence {digits.group('part')} {digits.group('side')} acquired"
        return PastState(said, "absence", f"read: {text} -> Absence, acquired", digits.group("part"))
    amputee = _AMPUTEE.match(text)
    if amputee:
        what = amputee.group("what")
        return PastState(f"amputation {what}", "absence", "read: amputee -> Amputation", _last(what))
    received = _RECEIVED.match(text)
    # (the noun alone names the procedure: "liver transplant" is the PCS Transplantation)
    if received and (received.group("had") or received.group("state") or past):
        what = re.sub(r"^(?:new|donor)\s+", "", received.group("what")).replace("-", " ")
        head = _last(what)
        if head and (received.group("kind") != "graft" or lists("transplant", head.split()[-1])):
            return PastState(
                f"transplant status {what}", "transplant", f"read: {text} -> Transplant (status)", head
            )
    organ = _NEW_ORGAN.match(text)
    if organ and lists("transplant", organ.group("what")):
        what = organ.group("what")
        return PastState(
            f"transplant status {what}", "transplant", f"read: {text} -> Transplant (status)", what
        )
    fixed = _FIXED_AFTER.match(text) or _FIXED_BEFORE.match(text)
    if fixed and (past or _HISTORY_SAID.match(text)):
        what = fixed.group("what")
        return PastState(f"history of {what}", "history", f"read: {text} -> History, personal", _last(what))
    replaced = _REPLACED.match(text)
    # (the noun alone names the procedure: "right total knee replacement" is the PCS Replacement)
    if replaced and (
        replaced.group("verb") == "replaced" or replaced.group("had") or replaced.group("state") or past
    ):
        what = _sides(re.sub(r"\b(?:total|partial)\s+", "", replaced.group("what")))
        what = re.sub(r"^r\b", "right", re.sub(r"^l\b", "left", what))
        joint = next((w for w in what.split() if w in _JOINTS), "")
        if joint:
            side = " ".join(w for w in what.split() if w != joint)
            said = f"presence {joint.removesuffix('s')} joint implant {side}"
            return PastState(said.strip(), "status", f"read: {text} -> Status, joint replacement", joint)
        return PastState(f"status {what} replacement", "status", f"read: {text} -> Status", _last(what))
    amputated = _AMPUTATED.match(text)
    if amputated:
        said = _amputated(amputated)
        part = _last(said.removeprefix("absence ").removesuffix(" acquired"))
        return PastState(said, "absence", f"read: {text} -> Absence, acquired", part) if part else None
    removed = _REMOVED.match(text)
    if removed:
        what = _sides(removed.group("what"))
        part = _last(what)
        if part and lists("absence", part.split()[-1]):
            remaining = f" with remaining {removed.group('kept')}" if removed.group("kept") else " acquired"
            return PastState(
                f"absence {what}{remaining}", "absence", f"read: {text} -> Absence, acquired", part
            )
        if past:
            return PastState(f"history of {what}", "history", f"read: {text} -> History, personal", part)
        return None
    had = _HAD.match(text) or _DONE.match(text) or _HISTORY_OF_EXCISION.match(text)
    if had:
        operation = _OPERATION.search(had.group("what"))
        if operation:
            what = re.sub(r"\b(?:on|of|in)\s+(?:his|her|my|their|the|a)\s+", "", had.group("what"))
            return PastState(f"status {what}", "status", f"read: {text} -> Status", _last(what))
    # (a device or a status said now, after the transplant, replacement and operation readings above)
    if state is not None and _last(state.what) and not past:
        note = f"read: {text} -> {state.frame.capitalize()}"
        return PastState(f"{state.frame} {state.what}", state.frame, note, _last(state.what))
    device = _LIVES_WITH.match(text)
    if device and not past:
        what = device.group("what")
        return PastState(f"presence {what}", "presence", f"read: {text} -> Presence", _last(what))
    used = _USED_TO.match(text) if past or text.startswith("used to") else None
    what = used.group("what") if used else text if past else ""
    what = re.sub(rf"^{_OWNER}", "", what)
    if what and len(what.split()) <= 5 and not _NOT_A_HISTORY.search(what):
        return PastState(f"history of {what}", "history", f"read: {text} -> History, personal", _last(what))
    return None


def _amputated(found: re.Match[str]) -> str:
    """The Absence words of a part told as amputated or missing (`_AMPUTATED`), or "" when no part is said."""
    what = found.group("what") or found.group("lost") or ""
    how = found.group("how") or found.group("lost_how") or ""
    where = found.group("where") or found.group("lost_where") or ""
    words = [*what.split(), *where.split()]
    sides = sorted({_SIDE_WORDS[w] for w in words if w in _SIDE_WORDS})
    parts = [w for w in what.split() if w not in _SIDE_WORDS]
    joint = [w for w in where.split() if w not in _SIDE_WORDS]
    if found.group("what") and not how:
        return ""  # ("R big toe was amputated last year": the Index's Amputation line reads it as said)
    if how == "at" and joint:
        parts = joint  # (cut at the joint: the joint is the part absent)
    elif how and joint:
        parts = [*parts, how, *joint]
    if not parts or len(parts) > 4:
        return ""
    return " ".join(["absence", *sides, *parts, "acquired"])
