"""CPT services told by the kinds of their words: how a coder sees, before any look-up, that a line asks for
a CPT code (AMA, licensed, not bundled) rather than a diagnosis, an item or an inpatient procedure.

Kinds, each a test over word classes, never over whole queries:

- a laboratory test (CPT 80047-89398): every word is an analyte ("troponin", "ferritin", "d-dimer",
  "procalcitonin"), a test's own word (its specimen, method, level, panel, titer, trough ...), or a
  qualifier of the test (the organ or disease it tests for: "lyme antibody", "celiac tTG IgA") - and at least
  one analyte is said. A drug or element measured ("vancomycin trough level", "lithium blood level",
  "estradiol blood test") is a test only with a test word: said alone it is the drug;
- a diagnostic study named by its instrument ("12 lead EKG", "Holter monitor 48 hour", "nerve conduction
  study", "visual field exam", "OCT retina scan", "carotid duplex", "mammogram diagnostic bilateral"): the
  study with its body region and extent, no finding and no reason for it told;
- a procedure told with CPT's own descriptor words: the place of a physician's office ("ingrown toenail
  removal office"), a wound's length or area ("simple laceration repair 2.5 cm"), the repair's class (simple,
  intermediate, complex), a technique CPT codes apart ("shave", "punch"), the time of an add-on ("each
  additional 30 min", "first hour"), or the word CPT itself. ICD-10-PCS codes inpatient procedures and
  never says any of these;
- a drug's administration with no drug named ("therapeutic injection IM", "IV infusion first hour",
  "allergy shot single injection", "nebulizer treatment given in office"): the administration service; a
  drug named ("B12 injection IM") is the drug's HCPCS line instead;
- a service CPT codes by its time ("occupational therapy 30 minutes", "general anesthesia 60 minutes",
  "telehealth audio only 20 min"), a therapist's re-evaluation, and a pathologist's examination
  ("surgical pathology level IV", "frozen section during surgery"), and a vaccine's product ("MMR vaccine
  product code").

A query saying a finding or a result ("elevated troponin", "abnormal EKG", "positive strep test"), a
reason ("EKG for chest pain", "screening mammogram") or a story ("mass on CT") is a diagnosis or an
encounter: none of these fire, and the search answers it as before (bot.lookups.search keeps Z reasons and
HCPCS/PCS equivalents below the CPT notice). When such a query names a test or study and a condition
beside it ("chest xray pneumonia"), `condition_beside_service` gives the condition's words, answered first.
"""

from __future__ import annotations

import re
from itertools import pairwise

from bot.lookups.index.first_unit import says_first_unit
from bot.lookups.index.service_cues import cued_service
from bot.lookups.index.services import ANESTHESIA, FINDINGS, STORY


def _listed(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Analytes a laboratory measures that name nothing else (no drug line, no condition): said alone they name
# the test ("troponin", "D-dimer").
ANALYTES = _listed(
    """
    troponin trop d-dimer ddimer bnp probnp nt-probnp procalcitonin calprotectin haptoglobin ceruloplasmin
    ferritin transferrin tibc tsh t3 t4 ft3 ft4 pth psa cea afp ca-125 ca125 ca-19-9 ca19-9 crp hscrp hs-crp
    esr ldh ck cpk ck-mb ckmb ggt alt ast sgot sgpt alp bilirubin prealbumin creatinine bun egfr lipase amylase
    a1c hba1c lactate ammonia osmolality cortisol prolactin fsh lh hcg b-hcg bhcg acth aldosterone renin
    homocysteine fibrinogen inr ptt aptt pt/inr protime reticulocyte retic reticulocytes cbc bmp cmp lft lfts
    lipids electrolytes lytes ana anca ccp anti-ccp ttg c-peptide microalbumin spep upep immunofixation
    koh monospot rpr vdrl quantiferon igra fobt fit hemoccult guaiac carboxyhemoglobin methemoglobin
    ionized-calcium beta-hcg urinalysis ua cystatin troponins gfr calcitonin gastrin insulin-like igf-1
    karyotype chromosome chromosomes abg vbg
    """
)
ANALYTE_PHRASES = (
    "prothrombin time",
    "partial thromboplastin time",
    "sed rate",
    "sedimentation rate",
    "c-reactive protein",
    "c reactive protein",
    "lactic acid",
    "uric acid",
    "alkaline phosphatase",
    "alk phos",
    "rheumatoid factor",
    "blood typing",
    "blood type",
    "type and screen",
    "type and cross",
    "tumor marker",
    "drug test",
    "gram stain",
    "wet mount",
    "wet prep",
    "free light chains",
    "light chains",
    "ova and parasites",
    "breath test",
    "glucose tolerance",
    "abo and rh",
    "abo",
    "blood gas",
    "anion gap",
    "in situ hybridization",
    "fish analysis",
    "fish probe",
    "fish probes",
)
# A culture of a specimen is the test ("blood cultures x2 sets", "wound culture").
CULTURES = frozenset({"culture", "cultures", "cx"})
# Drugs, elements and hormones also given as drugs: measured only when a test word says so.
SUBSTANCES = _listed(
    """
    vancomycin tacrolimus lithium digoxin phenytoin dilantin carbamazepine valproate valproic gentamicin
    tobramycin amikacin theophylline cyclosporine sirolimus methotrexate acetaminophen salicylate ethanol
    alcohol estradiol testosterone progesterone magnesium mg potassium sodium calcium phosphorus phosphate
    iron zinc copper lead folate b12 vitamin d hemoglobin hgb hematocrit hct glucose albumin platelet platelets
    wbc cholesterol triglycerides triglyceride insulin thyroglobulin estrogen chloride
    """
)
# The test's own words: strong ones say a test by themselves ...
TEST_WORDS = _listed(
    """
    level levels lab labs test tests testing assay titer titre trough peak panel profile count culture
    cultures draw antibody antibodies antigen ab ag pcr naat iga igg igm ige electrophoresis smear stain prep
    typing marker quantitative qualitative quant ratio clearance screen fingerstick microscopy analysis rapid
    """
)
# ... weak ones only beside an analyte: the specimen, the method's shape, when it is drawn.
TEST_SHAPE = _listed(
    """
    serum plasma blood urine urinary stool fecal random fasting morning total free intact direct indirect
    sensitivity hs ionized fractionated reflex rapid stat sets x2 x3 timed whole arterial venous capillary
    aerobic anaerobic fungal afb bacterial viral gold plus presumptive definitive cup cups kit high throat
    wound sputum csf nasal nasopharyngeal poc finger stick semen fluid synovial specific no
    order 24-hour 24hr 24h beta heterophile surface core combo 1/2 quantitative specimen of skin
    scraping urea with without w/ w/o diff differential automated manual micro microscopy dipstick
    peripheral probe probes cells breath sweat vaginal cervical urethral heel stick
    office clinic bedside in-house rh
    """
)
# A laboratory's way of measuring a substance ("ionized calcium", "fractionated bilirubin", "total T3").
MEASURED_AS = frozenset(
    {"ionized", "fractionated", "quant", "total", "free", "intact", "bioavailable", "hydroxy", "25-oh", "oh"}
)
# Organs and diseases a test is for ("lyme antibody", "celiac tTG IgA", "hep B surface antibody titer").
QUALIFIERS = _listed(
    """
    lyme celiac hiv hep hepatitis b c a thyroid liver hepatic renal kidney cardiac strep streptococcus flu
    influenza covid rsv mono h pylori allergy tb syphilis herpes hsv cmv ebv chlamydia gonorrhea gc a/b
    allergen allergens bone
    """
)
# A measured thing's strong method words (a qualifier alone is a test only with one of these).
METHOD_WORDS = frozenset(
    {
        "antibody",
        "antibodies",
        "antigen",
        "titer",
        "titre",
        "pcr",
        "naat",
        "iga",
        "igg",
        "igm",
        "ige",
        "rapid",
    }
)
# A specimen said with a test's strong word is that specimen's test ("urine microscopy", "semen analysis").
SPECIMEN_WORDS = frozenset({"urine", "stool", "sputum", "semen", "csf", "blood", "fluid", "synovial"})

# -- diagnostic studies named by their instrument -------------------------------------------------------------
STUDIES = _listed(
    """
    ekg ecg electrocardiogram echocardiogram echo holter emg eeg oct audiogram tympanogram spirometry pft
    pfts polysomnography mammogram mammography doppler duplex dexa ultrasound sonogram x-ray xray xr cxr
    mri mra ct cta pet hida vcug fluoroscopy
    """
)
STUDY_PHRASES = (
    "nerve conduction",
    "visual field",
    "event monitor",
    "stress test",
    "sleep study",
    "pulmonary function",
    "bone density",
    "status exam",
    "tilt table",
    "patch test",
    "prick test",
    "prick testing",
    "skin testing",
    "neuropsych testing",
    "psychological testing",
    "developmental testing",
    "pulse ox",
    "pulse oximetry",
    "gi series",
    "barium swallow",
    "barium enema",
    "bone scan",
    "nuclear medicine",
    "ankle brachial index",
    "thyroid uptake",
)
# An imaging study named by its "-gram" (angiogram, venogram, myelogram, esophagram, arthrogram ...).
_GRAM = re.compile(
    r"^(?:angio|arterio|veno|lymphangio|myelo|arthro|esophago|uro|cysto|hystero|sialo|cholangio|mammo|"
    r"echocardio|electrocardio|audio|tympano|electroencephalo|electromyo|sono|fistulo|sinus)grams?$"
)
STUDY_SHAPE = _listed(
    """
    12 lead leads 12-lead hour hours hr hrs 24 48 72 day days monitor study studies scan exam test testing
    needle one two both each extremity extremities limb limbs upper lower bilateral unilateral left right
    complete limited transthoracic transesophageal tte tee diagnostic with without contrast views view
    interpretation report only tracing routine awake asleep sleep ambulatory extended artery arteries vein
    veins aorta rhythm strip resting treadmill pharmacologic retina retinal optic
    nerve carotid venous arterial renal thyroid abdomen abdominal pelvis pelvic chest head brain neck spine
    cervical thoracic lumbar knee ankle foot hip shoulder wrist hand elbow breast heart cardiac of the and
    contact allergy allergens allergen skin pure upper small bowel series leg legs arm arms thigh calf
    forearm finger fingers toe toes face facial sinus sinuses orbit orbits skull jaw mandible rib ribs
    clavicle scapula humerus femur tibia fibula heel sacrum coccyx kidneys bladder liver gallbladder
    spleen pancreas scrotum testicular prostate uterus ovaries transvaginal soft tissue joint lungs lung
    aortic coronary extremity tone neurobehavioral first hour eval evaluation drowsy sleep-deprived
    photic stimulation ankle brachial index segmental pressures follow-through uptake overnight
    nuclear single multiple phase phases
    """
)  # (CPT's study descriptors count studies and phases: "myocardial perfusion ... multiple studies",
#     "bone and/or joint imaging; 3 phase study")
# A count said in words ("three phase bone scan", "two views"): a number, as its digits are.
NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})

# -- procedures told in CPT's own words ------------------------------------------------------------------------
PROCEDURE_NOUNS = re.compile(
    r"^(?:removal|remove|repair|biopsy|bx|excision|excise|destruction|drainage|i&d|incision|debridement|"
    r"aspiration|arthrocentesis|avulsion|paring|closure|suture|sutures|"
    r"cryotherapy|sclerotherapy|circumcision|cautery|curettage|[a-z]{3,}(?:ectomy|otomy|ostomy|oscopy|plasty|centesis|pexy|rrhaphy))$"
)
CPT_CUES = frozenset({"office", "clinic", "shave", "punch", "clamp", "gomco", "mogen", "plastibell"})
# A repair's or a drainage's class as CPT grades it ("simple laceration repair", "I&D abscess simple").
REPAIR_NOUNS = frozenset({"repair", "closure", "suture", "sutures", "i&d", "drainage", "incision"})
REPAIR_CLASSES = frozenset({"simple", "intermediate", "complex", "layered", "complicated"})
_SIZE = re.compile(r"\b\d+(?:\.\d+)?\s*(?:cm|sq\s*cm|cm2|mm)\b")
_ADD_ON = re.compile(
    r"\b(?:add-?on|each\s+additional|first\s+hour|with\s+instruments?|instrumentation|up\s+to\s+\d+|"
    r"\d+\s+or\s+more|(?:under|younger\s+than)\s+age\s+\d+|age\s+\d+\s+or\s+(?:over|older))\b"
)  # (CPT counts lesions and nails: "skin tag removal up to 15", "nail debridement 6 or more")
# The units CPT counts a procedure by ("nail avulsion, one nail", "destruction of two lesions") and the
# instrument it codes apart ("earwax removal with curette": 69210, not the lavage).
_UNITS = re.compile(
    r"\b(?:one|single|two|three|four|\d+)\s+(?:nails?|lesions?|muscles?|tags?|warts?|sites?|areas?|legs?|extremity)\b"
)
_INSTRUMENT = re.compile(r"\bwith\s+(?:an?\s+)?(?:curettes?|instruments?|suction|forceps|microscope)\b")
# A cast, splint or strapping applied (CPT 29000-29799): what CPT codes as the application itself.
APPLIED = frozenset({"cast", "splint", "strapping", "boot", "spica", "taping", "casting"})
APPLICATION = frozenset({"application", "applied", "apply", "placement"})
# The act's own noun: strapping and taping are done, never supplied ("ankle strapping": CPT 29540), unlike a
# cast, splint or boot, which is also the item (HCPCS Q4001-Q4051, L4360) unless said applied.
APPLYING = frozenset({"strapping", "taping"})
# What an application is told with: the part it is applied to, its side and its kind.
APPLYING_SHAPE = _listed(
    """
    ankle knee foot toe toes hand finger fingers wrist elbow shoulder hip back chest thorax leg arm
    left right bilateral lt rt unna kinesio athletic low-dye
    """
)
_SCOPY = re.compile(r"^[a-z]{2,}oscopy$")  # (anoscopy)
_DONE_THROUGH_SCOPE = frozenset(
    {"biopsy", "bx", "removal", "excision", "polypectomy", "dilation", "ligation", "banding", "with", "and"}
)

# -- a drug's administration with no drug named ----------------------------------------------------------------
ADMINISTRATION = frozenset(
    {"injection", "infusion", "push", "shot", "hydration", "nebulizer", "neb", "administration", "admin"}
)
ADMINISTRATION_SHAPE = _listed(
    """
    iv im sc sq subq subcutaneous intramuscular intravenous therapeutic prophylactic diagnostic single
    multiple first initial hour hours each additional sequential concurrent allergy allergen treatment
    treatments given in office clinic one two up to to min mins minutes administration admin drug drugs
    medication immunization immunizations vaccine vaccines component components counseling
    """
)

VACCINES = frozenset({"vaccine", "vaccines", "shot", "toxoid", "immunization"})
_LINKS = frozenset({"the", "a", "an", "of", "and", "&", "for", "in", "with", "w/", "only"})
_STUDIED = frozenset({"exam", "examination"})
_PERSONS = frozenset({"i", "my", "me", "he", "she", "his", "her", "they", "we", "you"})
_NEGATION = frozenset({"no", "not", "non"})
_TOKEN = re.compile(r"[a-z0-9][a-z0-9&/+.-]*")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?(?:-\d+)?(?:x|h|hr|min|mo|yrs?)?$")
# After "for", a test or study said with what it is done for: only a procedure or an admission keeps it the
# service ("type and screen for surgery"); anything else is the reason, which ICD-10-CM codes.
_FOR_SERVICE = frozenset(
    {"surgery", "procedure", "transfusion", "admission", "op", "preop", "pre-op", "check", "monitoring"}
)


# After "for", what a specimen is taken for ("corneal scraping for smear and culture"): no reason.
_FOR_TEST = (TEST_WORDS | CULTURES | _LINKS) - {"screen"}


def _tokens(text: str) -> list[str]:
    lowered = text.lower().replace("w/o", " without ").replace("w/", " with ")
    return [t.rstrip(".-/") for t in _TOKEN.findall(lowered) if t.rstrip(".-/")]


def _joined(tokens: list[str], phrases: tuple[str, ...], mark: str) -> list[str]:
    """The tokens with each phrase said replaced by one `mark` token."""
    text = f" {' '.join(tokens)} "
    for phrase in phrases:
        text = text.replace(f" {phrase} ", f" {mark} ")
    return text.split()


def _kept(tokens: list[str], allowed: frozenset[str] = frozenset()) -> list[str] | None:
    """The words a service reading weighs: negated words dropped ("no injection", "not prenatal"); None when
    the query tells a finding, a story or a reason ("for chest pain"). `allowed`: finding words the reading
    weighs as a service's ("screening" said with a count, a setting or a method)."""
    if any(
        t in FINDINGS
        and t != "high"
        and t not in allowed
        and not (t in _STUDIED and i and tokens[i - 1] in {"field", "status"})
        for i, t in enumerate(tokens)
    ):
        return None  # ("visual field exam", "neurobehavioral status exam": the study, no encounter's exam)
    if "high" in tokens and not re.search(r"\bhigh\s+(?:sensitivity|complexity)\b", " ".join(tokens)):
        return None
    kept: list[str] = []
    skip = False
    for i, t in enumerate(tokens):
        if skip:
            skip = False
            continue
        if t in _NEGATION:
            skip = True
            continue
        if t == "for" and not set(tokens[i + 1 :]) <= _FOR_SERVICE | QUALIFIERS | _FOR_TEST:
            return None
        kept.append(t)
    return kept


# An enzyme is named by its ending ("transglutaminase", "aldolase", "cholinesterase", "elastase"): measured
# when a test word says so, like a substance (an enzyme is also a drug: "alteplase", "rasburicase");
# "disease", "release", "phase" are no enzymes.
_ENZYME = re.compile(r"^[a-z0-9-]{3,}[^aeiouh]ase$")
# A condition's word by its ending ("iga nephropathy", "antibody deficiency"): what a method word beside it
# measures is then no test the query asks for.
_CONDITION = re.compile(
    r"(?:itis|osis|emia|aemia|pathy|oma|algia|plasia|trophy|ism|iasis|uria|penia|megaly|rrhea|cele|ectasia)$"
)
_CONDITION_WORDS = frozenset(
    {"disease", "syndrome", "deficiency", "infection", "disorder", "pregnancy", "reaction", "related"}
)
# A test named by its method and what it detects ("trichomonas naat", "tissue transglutaminase iga",
# "toxoplasma igg antibody"): a few words, none of them a condition, a story or a reason.
MAX_METHOD_OBJECT = 2  # words no list holds beside a method word
MAX_METHOD_QUERY = 4


def _detected(words: list[str], unknown: list[str]) -> bool:
    """Whether the words no list holds are what a method word beside them detects (an organism, an antibody's
    target): few, in a short query with no link word, and none of them a condition's word."""
    return (
        0 < len(unknown) <= MAX_METHOD_OBJECT
        and len(words) <= MAX_METHOD_QUERY
        and not set(words) & (_LINKS | STORY | FINDINGS)
        and not any(_CONDITION.search(w) or w in _CONDITION_WORDS for w in unknown)
    )


def laboratory_test(tokens: list[str]) -> bool:
    """Whether the words name a laboratory test (see the module docstring)."""
    words = _joined(_joined(tokens, ANALYTE_PHRASES, "<analyte>"), ("finger stick",), "fingerstick")
    analyte = substance = strong = qualifier = method = False
    unknown: list[str] = []
    for i, w in enumerate(words):
        after = words[i + 1] if i + 1 < len(words) else ""
        if (
            _NUMBER.match(w)
            and after not in MEASURED_AS
            and ("." in w or (i and (words[i - 1] in ANALYTES or words[i - 1] in SUBSTANCES)))
        ):
            return False  # "A1c 6.1", "potassium 3": a result, which ICD-10-CM codes when abnormal
        if w == "<analyte>" or w in ANALYTES or (w in CULTURES and len(words) > 1):
            analyte = True
        elif w in SUBSTANCES or _ENZYME.match(w):
            substance = True
        elif w in MEASURED_AS:
            strong = True  # "ionized calcium", "free testosterone": how the laboratory measures it
        elif w in TEST_WORDS:
            strong = True
            method = method or w in METHOD_WORDS
        elif w in QUALIFIERS:
            qualifier = True
        elif not (w in TEST_SHAPE or w in _LINKS or w in _FOR_SERVICE or _NUMBER.match(w)):
            unknown.append(w)
    if unknown:
        return method and _detected(words, unknown)
    specimen = bool(SPECIMEN_WORDS.intersection(words))
    return analyte or ((substance or specimen) and strong) or (qualifier and method)


def diagnostic_study(tokens: list[str]) -> bool:
    """Whether the words name a diagnostic study by its instrument, with its region and extent only."""
    if STORY.intersection(tokens) - {"in"}:
        return False
    words = _joined(tokens, STUDY_PHRASES, "<study>")
    if not any(w == "<study>" or w in STUDIES or _GRAM.match(w) for w in words):
        return False
    return all(
        w == "<study>"
        or w in STUDIES
        or _GRAM.match(w)
        or w in STUDY_SHAPE
        or w in _LINKS
        or _NUMBER.match(w)
        or w in NUMBER_WORDS
        for w in words
    )


def cpt_procedure(tokens: list[str], text: str) -> bool:
    """Whether a procedure is told with CPT's descriptor words (office, size, repair class, add-on time)."""
    if _PERSONS.intersection(tokens):
        return False  # "my toenail came off after I ...": a story, not a service
    if not any(PROCEDURE_NOUNS.match(t) for t in tokens):
        return False
    classed = REPAIR_NOUNS.intersection(tokens) and REPAIR_CLASSES.intersection(tokens)
    return bool(
        classed
        or CPT_CUES.intersection(tokens)
        or _SIZE.search(text)
        or _ADD_ON.search(text)
        or _UNITS.search(text)
        or _INSTRUMENT.search(text)
    )


def office_procedure(tokens: list[str]) -> bool:
    """Whether the words name a cast, splint or strapping applied ("short leg cast application", "Unna boot
    application"), or a diagnostic endoscopy with nothing done through it ("diagnostic nasal endoscopy"):
    CPT codes both apart (29000-29799; the diagnostic endoscopy of each family). ICD-10-PCS equivalents, if
    any, stay listed below the notice."""
    if _PERSONS.intersection(tokens):
        return False
    if APPLIED.intersection(tokens) and APPLICATION.intersection(tokens):
        return True
    if APPLYING.intersection(tokens) and all(
        t in APPLYING or t in APPLYING_SHAPE or t in _LINKS for t in tokens
    ):
        return True  # "ankle strapping", "kinesio taping of the knee"
    scoped = [t for t in tokens if _SCOPY.match(t) or t == "endoscopy"]
    return "diagnostic" in tokens and bool(scoped) and not _DONE_THROUGH_SCOPE.intersection(tokens)


def service_word(word: str) -> bool:
    """Whether a word is one of a CPT service's word classes (an analyte, a test's or a study's own word, a
    laboratory's way of measuring): a word the code data need not print ("pcr", "abg") that names no gibberish."""
    return word in _CLASS_WORDS or bool(_GRAM.match(word))


def names_procedure(tokens: list[str]) -> bool:
    """Whether a word is a procedure's noun ("wart destruction cryotherapy"): asked of a query nothing
    answered, it names a service (bot.lookups.search gives the CPT notice rather than a bare refusal)."""
    return any(PROCEDURE_NOUNS.match(t) for t in tokens)


def administration(tokens: list[str]) -> bool:
    """Whether the words name a drug's administration and no drug ("therapeutic injection IM")."""
    if not ADMINISTRATION.intersection(tokens):
        return False
    return all(
        t in ADMINISTRATION or t in ADMINISTRATION_SHAPE or t in _LINKS or _NUMBER.match(t) for t in tokens
    )


def cpt_kind(query: str) -> str:
    """The kind of CPT service the words name ("laboratory test", "study", "procedure", "administration"),
    or "" when they name none, or tell a finding, a reason or a story as well."""
    tokens = _tokens(query)
    if "cpt" in tokens:
        return "asked as CPT"  # "colonoscopy screening CPT", "knee arthroscopy meniscectomy CPT"
    if ANESTHESIA.match(" ".join(tokens)):
        return "anesthesia"  # "anesthesia for hemorrhoidectomy": CPT's anesthesia codes (00100-01999)
    if standardized_instrument(tokens):
        return "standardized instrument"
    if patient_status_visit(tokens):
        return "visit"
    kept = _kept(tokens)
    text = " ".join(kept or ())
    if kept and (cpt_procedure(kept, text) or office_procedure(kept)):
        return "procedure"
    cued = _kept(tokens, frozenset({"screening"}))
    if cued and cued_service(cued, " ".join(cued)):
        return "service"  # "paring of one corn", "pacemaker interrogation in office" (service_cues)
    if not kept:
        return ""
    if laboratory_test(kept):
        return "laboratory test"
    if diagnostic_study(kept):
        return "study"
    if administration(kept):
        return "administration"
    if VACCINES.intersection(kept) and "product" in kept:
        return "vaccine product"  # "shingrix vaccine product": CPT's vaccine product codes (90476-90759)
    if timed_service(kept, text) or (says_first_unit(text) and not _told(kept)):
        return "timed service"  # ("acupuncture, first 15 minutes": CPT's first unit, bot.lookups.index.first_unit)
    if pathology(kept):
        return "pathology"
    return ""


# -- a service CPT codes by its time, and pathology ---------------------------------------------------------
# "occupational therapy 30 minutes", "moderate sedation first 15 minutes", "advance care planning discussion
# 30 min", "smoking cessation counseling 3-10 minutes": a service noun and the time it took (CPT's timed
# codes); "psychotherapy 45 minutes" and the E/M visits are read in bot.lookups.index.services.
_REEVALUATION = frozenset({"re-eval", "reeval", "reevaluation", "re-evaluation"})
TIMED_NOUNS = frozenset(
    {
        "therapy",
        "counseling",
        "counselling",
        "sedation",
        "discussion",
        "planning",
        "education",
        "training",
        "management",
        "session",
        "treatment",
        "evaluation",
        "eval",
        "consult",
        "consultation",
        "services",
        "service",
        "tcm",
        "ccm",
        "anesthesia",
        "cessation",
        "reeducation",
        "re-education",
        "exercise",
        "exercises",
        "massage",
        "traction",
        "stimulation",
        "mobilization",
        "iontophoresis",
        "whirlpool",
        *_REEVALUATION,
        "call",
        "calls",
        "oversight",
        "e-visit",
        "evisit",
        "telehealth",
        "telemedicine",
        "visit",
        "e/m",
        "conference",
    }
)
# The other words a timed service is said with: its kind, its discipline, its setting and its count.
TIMED_SHAPE = _listed(
    """
    occupational physical speech language respiratory cognitive moderate deep conscious minimal advance
    advanced care planning smoking tobacco cessation alcohol drug behavioral behavioural group family
    individual home crisis medical nutrition nutritional diabetes self principal chronic transitional
    complex interactive complexity first each additional initial subsequent per unit units minutes min
    mins minute hour hours hr hrs day days time face to with patient present without office clinic
    telephone phone video online interprofessional case team conference by physician np md provider
    qualified professional staff nurse rn clinical visit add-on addon seen within
    high low straightforward mdm level prolonged general regional mac neuromuscular gait balance
    therapeutic manual electrical activities unit audio online portal plan digital virtual synchronous
    check-in remote same outpatient inpatient hospital observation nursing facility e/m em over
    """
)
_TIME = re.compile(
    r"\b(?:\d+(?:-\d+)?\s*(?:min|mins|minutes?|hours?|hrs?|days?|units?)\b|add-?on\b|(?:first|each\s+additional)\s+(?:\d+\s*)?"
    r"(?:hour|min|minutes))"
)
# A specimen's examination by a pathologist ("surgical pathology gross and micro", "frozen section during
# surgery", "blood smear review by pathologist").
PATHOLOGY = re.compile(
    r"\b(?:pathology|pathologist|cytopathology|cytopathologist|frozen\s+section|gross\s+and\s+micro)\b"
)


def _told(tokens: list[str]) -> bool:
    """Whether the words tell a person or a story ("my", "seen on", "from"). "Seen within 7 days" is the
    service's time window (transitional care management's "face-to-face visit within 7 calendar days of
    discharge"), no story of a finding seen."""
    window = {t for t, after in pairwise(tokens) if t == "seen" and after == "within"}
    return bool(_PERSONS.intersection(tokens) or STORY.intersection(tokens) - {"in"} - window)


def timed_service(tokens: list[str], text: str) -> bool:
    """Whether a service noun is said with the time it took (no person and no story told)."""
    if _told(tokens):
        return False
    if not TIMED_NOUNS.intersection(tokens) or not (_TIME.search(text) or _REEVALUATION.intersection(tokens)):
        return False  # ("physical therapy re-eval": CPT codes a therapist's re-evaluation apart)
    return all(
        t in TIMED_NOUNS or t in TIMED_SHAPE or t in _LINKS or _NUMBER.match(t) or t.endswith("min")
        for t in tokens
    )


# A standardized instrument administered and scored ("developmental screening instrument with scoring",
# "health risk assessment questionnaire"): CPT codes the instrument's administration (96110, 96127, 96160);
# an encounter reason (Z13.-) the words also tell stays listed first below the notice.
INSTRUMENTS = frozenset({"instrument", "instruments", "questionnaire", "questionnaires", "scoring", "scored"})
_SCREENED = frozenset({"screening", "screen", "assessment", "testing", "test", "tool"})


def standardized_instrument(tokens: list[str]) -> bool:
    """Whether the words name a screening or assessment instrument administered (no finding, no person)."""
    told = (FINDINGS - {"screening", "exam", "examination"}).intersection(tokens)
    return (
        bool(INSTRUMENTS.intersection(tokens) and _SCREENED.intersection(tokens))
        and not told
        and not _PERSONS.intersection(tokens)
    )


# A visit or an examination said with the patient's status CPT chooses its codes by ("comprehensive eye exam
# established patient": 92014; "new patient preventive exam"): the service; an encounter reason (Z) the words
# also tell stays listed first below the notice.
_STATUS = re.compile(r"\b(?:new|established|est)\s+(?:patient|pt)s?\b")
_VISITED = frozenset({"exam", "examination", "visit", "evaluation", "eval", "consult", "consultation"})


_STATUS_SHAPE = _listed(
    """
    new established est patient patients pt comprehensive intermediate eye eyes preventive routine annual
    physical well age level office home clinic outpatient inpatient hospital
    """
)


def patient_status_visit(tokens: list[str]) -> bool:
    """Whether the words name a visit or an examination with the patient's status, and only the words CPT
    chooses the visit by (no reason, no finding, no person: "new patient visit for chest pain" is the
    condition's)."""
    if not (_VISITED.intersection(tokens) and _STATUS.search(" ".join(tokens))):
        return False
    return all(
        t in _VISITED
        or t in _STATUS_SHAPE
        or t in TIMED_SHAPE
        or (t in _LINKS and t != "for")
        or _NUMBER.match(t)
        for t in tokens
    )


def pathology(tokens: list[str]) -> bool:
    """Whether the words ask for a pathologist's examination of a specimen."""
    return not _PERSONS.intersection(tokens) and bool(PATHOLOGY.search(" ".join(tokens)))


# -- a condition told beside the test or study ----------------------------------------------------------------
# "chest xray pneumonia", "mammogram breast lump", "MRI lumbar radiculopathy": a
# test or a study named with a word no service reading knows - the condition it was done for, which is what
# ICD-10-CM codes (the test itself is CPT's). The words left when the service's own words are set aside (its
# body region kept: "lumbar radiculopathy") are the condition to answer first. A finding said of the test
# ("abnormal EKG", "elevated troponin") or a story ("mass on CT") is coded whole, as before.
_CLASS_WORDS = ANALYTES | TEST_WORDS | TEST_SHAPE | MEASURED_AS | STUDIES | STUDY_SHAPE | CULTURES
_SERVICE_WORDS = ANALYTES | STUDIES | CULTURES | frozenset({"labs", "lipid", "panel", "level", "test"})
_BODY_KEPT = _listed(
    """
    chest head brain neck spine cervical thoracic lumbar knee ankle foot hip shoulder wrist hand elbow breast
    heart abdomen abdominal pelvis pelvic leg arm thigh calf forearm finger toe face sinus kidney bladder
    liver gallbladder thyroid renal carotid lung lungs left right bilateral upper lower throat skin
    """
)


_SETTINGS = frozenset(
    {"inpatient", "outpatient", "portable", "noncontrast", "ordered", "done", "draw", "code"}
)


def condition_beside_service(query: str) -> str:
    """The words of a condition told beside a test or a study ("chest xray pneumonia" -> "chest pneumonia"),
    or "" when the query names no test or study, only one, or a finding or story about it."""
    if re.search(r"[0-9:+]", query) or cpt_kind(query):
        return ""  # a value or a chart line ("PSA 6.2 rising", "CXR: RLL infiltrate"), or the service alone
    tokens = _tokens(query)
    if not tokens or any(t in FINDINGS for t in tokens):
        return ""  # ("mass seen on CT", "lump in breast on mammogram": the condition, as told beside it)
    if "for" in tokens:  # "stool culture for salmonella": what is tested for is no diagnosis (not coded)
        return ""
    joined = _joined(_joined(tokens, ANALYTE_PHRASES, "<service>"), STUDY_PHRASES, "<service>")
    named = ANALYTES | STUDIES | CULTURES
    if not any(w == "<service>" or w in named or _GRAM.match(w) for w in joined):
        return ""
    shape = (TEST_SHAPE | TEST_WORDS | MEASURED_AS | STUDY_SHAPE | _LINKS | _SETTINGS | STORY) - _BODY_KEPT
    rest = [
        w
        for w in joined
        if w != "<service>" and w not in _SERVICE_WORDS and not _GRAM.match(w) and w not in shape
    ]
    if not any(len(w) > 2 and w not in _BODY_KEPT and w not in QUALIFIERS and w.isalpha() for w in rest):
        return ""
    return " ".join(rest)
