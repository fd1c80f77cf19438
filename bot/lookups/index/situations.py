"""A patient's life situation told in everyday words -> the Index's main terms for the factors influencing
health status (Z55-Z65, Z71-Z75: social determinants of health).

The Alphabetic Index files these under nouns a patient never says: Unemployment; Illiteracy; Problem (with)
(related to), health literacy / care, sick person in family / release from prison; Disruption, family, due
to, absence of family member due to military deployment; Bereavement; Homelessness, unsheltered; Insecurity,
food; Respite care; Counseling, alcohol abuser, family. A coder reads "lost his job 3 months ago" as
Unemployment and "husband deployed overseas" as the family's disruption (guideline I.B.14 and I.C.21.c.17:
social determinants may be coded from any clinician's or the patient's own documentation).

Only a sentence that tells a situation and nothing else is read: every word beside the situation's own must
be a word of the story (a relative, a time, a place, a feeling). A sentence naming a disorder ("grieving,
prolonged grief disorder", "unemployed, major depression") is left to the Index, which codes the disorder.
"""

from __future__ import annotations

import re


def _word_set(text: str) -> frozenset[str]:
    """The words of a list written as text, one space apart."""
    return frozenset(text.split())


_RELATIVE = (
    r"(?:husband|wife|spouse|partner|boyfriend|girlfriend|son|daughter|child|kid|father|mother|dad|mom|"
    r"parent|brother|sister|sibling|grandmother|grandfather|grandma|grandpa|family\s+member|fiance|fiancee)s?"
)
_OWN = r"(?:(?:his|her|my|their|our|a|the|an|own)\s+)?"
# Each situation: how it is told, and the Index's words for it (main term and subterms). The first that
# matches is the reading; every rule's span is taken out before the rest is checked for story words.
_SITUATIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in [
        # Problem, related to, health literacy: the patient reads but cannot use health information.
        (
            r"\bhealth\s+literacy\b|\b(?:can\s*not|can't|cannot|unable\s+to|doesn't|does\s+not|don't|struggles\s+to)"
            r"\s+understand\s+(?:the\s+|her\s+|his\s+|my\s+)?(?:medication|medicine|medical|health|discharge|"
            r"dosing|prescription)\s+(?:instructions|information|directions|forms|labels)\b",
            "problem health literacy",
        ),
        # Illiteracy: cannot read (or write).
        (
            r"\billiterate\b|\billiteracy\b|\b(?:can\s*not|can't|cannot|unable\s+to|never\s+learned\s+to|doesn't|"
            r"does\s+not|don't)\s+read(?:\s+(?:or|and|nor)\s+write)?\b",
            "illiteracy",
        ),
        # Problem, related to, completing medical forms.
        (
            r"\b(?:needs?|requires?|wants?)\s+help\s+(?:with|filling\s+out|completing|to\s+fill\s+out)\s+"
            r"(?:the\s+)?(?:medical\s+)?(?:forms|paperwork)\b",
            "problem completing medical forms",
        ),
        # Unemployment, threatened / Unemployment.
        (
            r"\b(?:afraid|worried|fear\w*|scared|anxious)\s+(?:of|about)\s+(?:losing|being\s+laid\s+off|getting\s+"
            r"fired)\s*" + _OWN + r"(?:job|work|position)?\b|\b(?:might|may|could|about\s+to|going\s+to)\s+"
            r"(?:lose|be\s+laid\s+off)\s*" + _OWN + r"(?:job|work|position)?\b|\bthreat\s+of\s+job\s+loss\b",
            "unemployment threatened",
        ),
        (
            r"\b(?:lost|losing|lose)\s+" + _OWN + r"(?:job|work|employment|position)\b|\bunemployed\b|"
            r"\bjobless\b|\b(?:got|was|been|were)\s+(?:laid\s+off|fired)\b|\blaid\s+off\b|\bout\s+of\s+work\b|"
            r"\bunemployment\b",
            "unemployment",
        ),
        # Disruption, family, due to absence of family member due to military deployment.
        (
            rf"\b{_RELATIVE}\s+(?:is\s+|was\s+|has\s+been\s+|got\s+|just\s+)*deployed(?:\s+(?:to|in)\s+[a-z]+)?\b|\b{_RELATIVE}\s+"
            r"(?:is\s+|was\s+)?(?:away|overseas|serving)\s+(?:on|with|in)\s+(?:a\s+)?(?:the\s+)?"
            r"(?:military|army|navy|marines?|deployment|air\s+force)\b",
            "disruption family absence family member military deployment",
        ),
        # Bereavement (uncomplicated): a death in the family grieved as one does.
        (
            r"\bbereave(?:d|ment)\b|\bwidow(?:ed|er)?\b|\b(?:grieving|mourning|grief)\b(?=.*\b(?:death|died|"
            r"passed|loss|lost|normal|uncomplicated|expected)\b)",
            "bereavement",
        ),
        # Respite care.
        (r"\brespite\b", "respite care"),
        # Problem, care (of), sick or handicapped person in family or household.
        (
            r"\b(?:caregiver|care\s*giver|carer)\b|\b(?:caring|cares|to\s+care)\s+for\b|\b(?:takes|taking)\s+care\s+of\b|"
            r"\blooking\s+after\b",
            "problem care sick handicapped person family household",
        ),
        # Problem, related to, release from prison / imprisonment or incarceration.
        (
            r"\b(?:released|release|got\s+out|just\s+out|paroled)\s+(?:from|of)\s+(?:prison|jail|incarceration)\b|"
            r"\bout\s+of\s+(?:prison|jail)\b",
            "problem release from prison",
        ),
        (
            r"\b(?:incarcerated|imprisoned|in\s+(?:prison|jail)|behind\s+bars)\b",
            "problem imprisonment incarceration",
        ),
        # Homelessness, unsheltered / sheltered.
        (
            r"\b(?:sleeping|sleeps|living|lives|staying)\s+(?:in\s+(?:his\s+|her\s+|my\s+|their\s+|a\s+)?"
            r"(?:car|tent|van|truck)|on\s+the\s+streets?|outside|under\s+a\s+bridge|in\s+the\s+park)\b",
            "homelessness unsheltered",
        ),
        (
            r"\b(?:living|lives|staying|sleeping|sleeps)\s+(?:in|at)\s+(?:a\s+|the\s+)?(?:homeless\s+)?shelter\b",
            "homelessness sheltered",
        ),
        (r"\bhomeless(?:ness)?\b", "homelessness"),
        # Insecurity, food.
        (
            r"\b(?:not\s+enough|can't\s+afford|cannot\s+afford|runs?\s+out\s+of|ran\s+out\s+of|no\s+money\s+for)\s+"
            r"food\b|\bfood\s+insecur\w*\b|\bskip(?:s|ping)?\s+meals\b",
            "insecurity food",
        ),
        # Insecurity, transportation: no way to get to care ("no ride to appointments", "misses visits because
        # she has no ride", "can't afford the bus").
        (
            r"\b(?:no|lacks?|without|(?:does\s*n[o']t|doesn't|don't|can't|cannot)\s+(?:have|get|find|afford))\s+"
            r"(?:a\s+|any\s+)?(?:transportation|transport|ride|rides|car|bus\s+fare|gas\s+money)\b|"
            r"\btransportation\s+(?:problems?|insecurity|issues?)\b",
            "insecurity transportation",
        ),
        # Insecurity, financial: bills the patient cannot pay ("can't pay the electric bill", "running out of
        # money"); the utilities' line is the Tabular's (difficulty paying for utilities).
        (
            r"\b(?:can't|cannot|can\s+not|unable\s+to|struggl\w+\s+to|hard\s+time)\s+(?:afford\s+to\s+)?"
            r"(?:pay|paying|afford|affording)\s+(?:for\s+)?(?:the\s+|her\s+|his\s+|my\s+|their\s+)?"
            r"(?:utilities|utility\s+bills?|electric\w*(?:\s+bills?)?|power\s+bills?|gas\s+bills?|water\s+bills?|"
            r"heat\w*(?:\s+bills?)?)\b",
            "insecurity financial difficulty paying for utilities",
        ),
        (
            r"\b(?:can't|cannot|can\s+not|unable\s+to|struggl\w+\s+to|hard\s+time)\s+(?:afford\s+to\s+)?"
            r"(?:pay|paying|afford|affording)\s+(?:for\s+)?(?:the\s+|her\s+|his\s+|my\s+|their\s+)?bills?\b|"
            r"\brunning\s+out\s+of\s+money\b|\bcan't\s+make\s+ends\s+meet\b",
            "insecurity financial",
        ),
        # Instability, housing, housed, with risk of homelessness: rent or mortgage unpaid, eviction near.
        (
            r"\b(?:behind|late|past\s+due)\s+(?:on|with)\s+(?:the\s+|her\s+|his\s+|my\s+|their\s+)?(?:rent|mortgage)"
            r"(?:\s+payments?)?\b|\b(?:can't|cannot|unable\s+to)\s+(?:pay|afford)\s+(?:the\s+|her\s+|his\s+|my\s+)?"
            r"(?:rent|mortgage)\b|\b(?:facing|being|about\s+to\s+be|getting)\s+evict(?:ion|ed)\b|"
            r"\b(?:at\s+risk\s+of|about\s+to\s+lose|might\s+lose|losing)\s+(?:her\s+|his\s+|my\s+|their\s+|the\s+)?"
            r"(?:apartment|home|house|housing)\b",
            "instability housing housed with risk of homelessness",
        ),
        # Lack of, physical exercise.
        (
            r"\b(?:no|not\s+any|never|little|rarely|doesn't|does\s+not|don't)\s+(?:gets?\s+|does\s+|do\s+|any\s+)*"
            r"(?:physical\s+)?(?:exercise|exercises|physical\s+activity)\b|\bsedentary\s+(?:lifestyle|life)\b|"
            r"\black\s+of\s+(?:physical\s+)?exercise\b",
            "lack of physical exercise",
        ),
        # Living alone.
        (r"\b(?:lives|living)\s+(?:all\s+)?(?:alone|by\s+(?:him|her|them)sel(?:f|ves))\b", "living alone"),
        # Divorce, causing family disruption.
        (
            r"\b(?:going\s+through\s+(?:a\s+)?divorce|getting\s+(?:a\s+)?divorce\w*|divorcing|recently\s+divorced|"
            r"separated\s+from\s+(?:his|her|my)\s+(?:husband|wife|spouse|partner))\b",
            "divorce family disruption",
        ),
    ]
)
# A relative of a drinker or a drug user who asks for counseling for their own sake (Counseling, alcohol
# abuser, family; Counseling, drug abuser, family member).
_FAMILY_OF_USER = re.compile(
    rf"\b{_RELATIVE}\s+of\s+(?:an?\s+)?(?P<user>alcoholic|drinker|addict|drug\s+(?:addict|user|abuser))\b"
)
_COUNSEL = re.compile(r"\bcounsel\w*\b|\bsupport\b|\btherapy\b|\bhelp\b")
# The words a story of a situation is told in beside it: who, when, where, how the patient feels about it.
_STORY = _word_set(
    """
    a an the and or but so of for to in at on with from by about as after since because who that which is are
    was were be been being has have had he she they them him her his hers my me i we our their it its this
    now today recently recent just currently lately still here visit admission admitted admit encounter
    ago last week weeks month months year years day days yesterday ever since spring summer fall winter
    january february march april may june july august september october november december
    husband wife spouse partner boyfriend girlfriend son daughter child children kid kids father mother dad
    mom parent parents brother sister sibling grandmother grandfather grandma grandpa family member members
    fiance fiancee husband's wife's mother's father's mom's dad's son's daughter's relative elderly aging
    home house apartment overseas abroad army navy military marines air force deployment
    stressed stress stressful worried worry anxious upset sad struggling overwhelmed tired exhausted crying
    coping cope difficulty hard time trouble concerned feels feeling
    normal uncomplicated expected death died passed away loss lost
    bedbound bed-bound bedridden disabled handicapped sick ill dying frail dementia
    can rest break needs need wants want help forms care stay
    reads fine ok okay well herself himself themselves myself sake counseling
    fulltime full-time full time alone own
    woman man lady gentleman person patient pt old older senior young adult teen boy girl gets get
    under bridge overpass street streets park woods outside might shut off cut turned power electric
    misses missed missing miss appointments appointment because can't cannot risk losing evict eviction
    bill bills payments
    """
)


def read_situation(text: str) -> str | None:
    """The Index words of a life situation told in everyday words, or None when the sentence says anything
    beside the situation (a disorder, a complaint) or tells none."""
    family = _FAMILY_OF_USER.search(text)
    if family and _COUNSEL.search(text):
        left = re.findall(r"[a-z0-9'-]+", _COUNSEL.sub(" ", _FAMILY_OF_USER.sub(" ", text)))
        if any(w not in _STORY for w in left):
            return None
        user = family.group("user")
        return (
            "counseling alcohol abuser family"
            if user in {"alcoholic", "drinker"}
            else "counseling drug abuser family member"
        )
    reading = None
    rest = text
    for pattern, words in _SITUATIONS:
        if pattern.search(rest):
            reading = reading or words
            rest = pattern.sub(" ", rest)
    if reading is None:
        return None
    left = [w for w in re.findall(r"[a-z0-9'-]+", rest) if not w.isdigit()]
    if any(w not in _STORY for w in left):
        return None
    return reading


# Exposure to a substance or a hazard told as a story ("worked with asbestos for years, no disease", "black mold
# in apartment, exposure", "exposed to radon at home"): the Index's Exposure (to) line of the substance
# (Z77: contact with and suspected exposure to hazards, with no disease from it). Where and how long, and the
# disease denied, say nothing to the Index; a disease said beside the exposure is coded instead.
_EXPOSURE_NOISE = re.compile(
    r"\b(?:for\s+(?:\d+\s+|many\s+|several\s+|a\s+few\s+|over\s+\d+\s+)?(?:years?|yrs|decades?|months?)|"
    r"(?:at|in|on)\s+(?:the\s+|his\s+|her\s+|my\s+|their\s+|a\s+|an\s+)?(?:home|work|apartment|house|school|"
    r"daycare|basement|workplace|job|bedroom|walls?|office|factory|shipyard|mines?|building|farm|plant)|"
    r"(?:no|without|denies)\s+(?:\w+\s+)?(?:disease|symptoms|illness|problems|findings|sx)|asymptomatic|"
    r"possible|suspected|potential|occupational|environmental|chronic|ongoing|long-term|long\s+term|"
    r"(?:pt|patient|he|she|child|kid|baby|toddler|family)\s+(?=(?:worked|works|working|was|is|exposed|lived|lives|"
    r"living)\b)|(?:was|is|has\s+been|been)\s+(?=exposed\b))"
)
_EXPOSED = re.compile(
    r"^(?:(?:worked|works|working|handled|handles|handling)\s+(?:with|around)|(?:exposed|exposure)\s+to)\s+"
    r"(?P<what>[a-z][a-z -]*?)$|^(?P<said>[a-z][a-z -]*?)\s+(?:exposure|exposed)$"
)


def read_exposure(text: str) -> str | None:
    """The Index words of an exposure told as a story (its clauses kept apart by their commas), or None."""
    clauses = [" ".join(_EXPOSURE_NOISE.sub(" ", c).split()) for c in re.split(r"[,;]", text)]
    told = [c for c in clauses if c and c not in {"exposure", "exposed"}]
    said = _EXPOSED.match(told[0]) if len(told) == 1 else None
    if said is None and len(told) == 1 and any(c in {"exposure", "exposed"} for c in clauses):
        # "black mold in apartment, exposure" - only a clause saying the exposure makes one ("cystoscopy, no
        # findings" leaves one clause once its denial is read past, and tells no exposure)
        said = _EXPOSED.match(f"{told[0]} exposure")
    if said is None:
        return None
    what = said.group("what") or said.group("said")
    words = [w for w in what.split() if w not in {"a", "an", "the", "some", "lots", "of"}]
    if not words or len(words) > (3 if said.group("what") else 2):
        return None
    return f"exposure {' '.join(words)}"
