"""A substance given by a route is an ICD-10-PCS Administration: the route says the body system, the drug's
class the substance.

ICD-10-PCS section 3, Administration: Introduction (3E0, "putting in or on a therapeutic, diagnostic,
nutritional, physiological, or prophylactic substance except blood or blood products") and Transfusion (302,
"putting in blood or blood products"). The fourth character is where the substance goes in, read from the
route ("IV", "peripheral line": Peripheral Vein; "central line", "port", "PICC": Central Vein; "epidural":
Epidural Space; "intrathecal": Spinal Canal; "intra-articular": Joints; "intravitreal": Eye; "via ET tube":
Respiratory Tract; a cervical ripening agent or a vaginal insert: Female Reproductive), the fifth the approach
the route takes (a needle: Percutaneous; a tube or the vagina: Via Natural or Artificial Opening). The sixth
is the substance's class as the Substance Key and the tables name it - a class said ("chemo": Antineoplastic,
"antibiotic": Anti-infective, "steroid": Anti-inflammatory, "tPA": Thrombolytic), else the class of the drug
the Table of Drugs and Chemicals files the drug named under (cefazolin, a cephalosporin: Anti-infective;
alteplase, a fibrinolysis-affecting drug: Thrombolytic), else Other Therapeutic Substance; a blood product
("PRBC", "platelets", "FFP", "stem cells") is a Transfusion of that product, Nonautologous unless autologous
is said.

A drug named by its product with a route and nothing else ("zofran iv", "eylea intravitreal", "fentanyl 100
mcg IV push") asks for the drug's HCPCS line, and so does a dose said; the Administration leads when the query
says more of the giving than the product: where it goes in (a line, a vein, a port, through, via), a class
rather than a product, a blood product, or what it is given for.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from bot.lookups.index.pcs_device_put import puts_device_in
from bot.lookups.index.pcs_substance_sites import BLOCK, SITE_GIVING, substance_site
from bot.lookups.index.reasons import _drug_node
from bot.lookups.index.tree import IndexTree
from bot.lookups.index.words import content_stems

# Where a substance goes in: (pattern, the 3E0 / 302 body part value, the approach character).
ROUTES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern), part, approach)
    for pattern, part, approach in (
        (
            r"\b(?:central(?:ly)?\s+(?:venous\s+)?(?:line|vein|venous|catheter|access|cath)|cvc|picc|"
            r"(?:chest\s+|implanted\s+|power\s+)?port(?:-?a-?cath)?|mediport|hickman|tunneled\s+(?:line|catheter))\b",
            "Central Vein",
            "3",
        ),
        (r"\b(?:epidural)\b", "Epidural Space", "3"),
        (r"\b(?:intrathecal(?:ly)?|spinal\s+injection)\b", "Spinal Canal", "3"),
        (r"\b(?:intra-?articular(?:ly)?|into\s+the\s+joint|joint\s+injection)\b", "Joints", "3"),
        (r"\b(?:intra-?vitreal(?:ly)?|intra-?ocular(?:ly)?)\b", "Eye", "3"),
        (
            r"\b(?:endotracheal(?:ly)?|intratracheal(?:ly)?|et\s+tube|ett|endotracheal\s+tube|"
            r"nebuli[sz]ed|inhaled)\b",
            "Respiratory Tract",
            "7",
        ),
        (
            r"\b(?:intravaginal(?:ly)?|vaginal(?:ly)?\s+(?:insert|suppository|gel)|intracervical(?:ly)?|"
            r"cervical\s+ripening)\b",
            "Female Reproductive",
            "7",
        ),
        (r"\b(?:intravesical(?:ly)?|bladder\s+instillation)\b", "Genitourinary Tract", "7"),
        (r"\b(?:intraperitoneal(?:ly)?)\b", "Peritoneal Cavity", "3"),
        (r"\b(?:intrapleural(?:ly)?)\b", "Pleural Cavity", "3"),
        (r"\b(?:intramuscular(?:ly)?|im\s+(?:injection|shot|given|dose))\b", "Muscle", "3"),
        (r"\b(?:subcutaneous(?:ly)?|subq|sub-q|sq)\b", "Subcutaneous Tissue", "3"),
        (r"\b(?:intra-?arterial(?:ly)?)\b", "Peripheral Artery", "3"),
        (
            r"(?<!stage )(?<!grade )(?<!class )(?<!type )\b(?:iv|i\.v\.|intravenous(?:ly)?|piv|"
            r"peripheral(?:ly)?\s+(?:iv|line|vein|venous|access|intravenous)|iv\s+push)\b",
            "Peripheral Vein",
            "3",
        ),
    )
)
# Induction of labor with oxytocin is given into a peripheral vein (the PCS Index: "Induction of labor,
# Oxytocin - see Introduction of Hormone").
LABOR_INDUCTION = re.compile(
    r"\b(?:induction\s+of\s+labou?r|labou?r\s+induction|induc(?:e|ed|ing)\s+labou?r)\b"
)

# Blood products (table 302), as the Transfusion tables name them.
PRODUCTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), product)
    for pattern, product in (
        (
            r"\b(?:prbcs?|packed\s+(?:red\s+)?(?:blood\s+)?cells|red\s+(?:blood\s+)?cells|rbcs?)\b",
            "Red Blood Cells",
        ),
        (r"\b(?:platelets?|plts?)\b", "Platelets"),
        (r"\b(?:ffp|fresh\s+(?:frozen\s+)?plasma)\b", "Fresh Plasma"),
        (r"\b(?:cryo|cryoprecipitate)\b", "Plasma Cryoprecipitate"),
        (r"\b(?:albumin)\b", "Serum Albumin"),
        (r"\b(?:whole\s+blood)\b", "Whole Blood"),
        (r"\b(?:cord\s+blood)\b", "Cord Blood Stem Cells"),
        (r"\b(?:stem\s+cells?|hsct|stem\s+cell\s+transplant)\b", "Hematopoietic Stem Cells"),
        (r"\b(?:bone\s+marrow\s+(?:infusion|transplant))\b", "Bone Marrow"),
        (r"\b(?:ivig|immune\s+globulin|immunoglobulin|gamma\s+globulin)\b", "Globulin"),
        (r"\b(?:factor\s+viii|factor\s+8|antihemophilic)\b", "Antihemophilic Factors"),
        (r"\b(?:factor\s+ix|factor\s+9)\b", "Factor IX"),
        (r"\b(?:granulocytes|white\s+(?:blood\s+)?cells)\b", "White Cells"),
        (r"\b(?:fibrinogen)\b", "Fibrinogen"),
        (r"\b(?:plasma)\b", "Frozen Plasma"),
    )
)
# A transfusion site other than a vein (table 302: Products of Conception, Bone Marrow), left to the Index.
OTHER_TRANSFUSION_SITE = re.compile(
    r"\b(?:conception|fetal|fetus|intrauterine|in\s+utero|into\s+(?:the\s+)?bone\s+marrow|bone\s+marrow$)"
)
TRANSFUSION = re.compile(r"\b(?:transfus\w*|units?\s+of)\b")

# A class of substance said by its own name (the Substance Key's classes, as the 3E0 titles print them).
CLASSES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), substance)
    for pattern, substance in (
        (r"\b(?:blood\s+patch)\b", "Other Therapeutic Substance"),
        (
            r"\b(?:t-?pa|r-?tpa|tnk|thrombolytics?|thrombolysis|lytics?|fibrinolytics?|tenecteplase|reteplase)\b",
            "Other Thrombolytic",
        ),
        (r"\b(?:chemo|chemotherapy|antineoplastics?|cytotoxic)\b", "Other Antineoplastic"),
        (
            r"\b(?:antibiotics?|abx|antimicrobials?|antifungals?|antivirals?|anti-?infectives?)\b",
            "Other Anti-infective",
        ),
        (
            r"\b(?:steroids?|corticosteroids?|cortisone|glucocorticoids?|anti-?inflammator\w*)\b",
            "Anti-inflammatory",
        ),
        (r"\b(?:insulin)\b", "Insulin"),
        # (the PCS Index: "Induction of labor, Oxytocin - see Introduction of Hormone")
        (r"\b(?:hormones?|oxytocin|pitocin)\b", "Other Hormone"),
        (r"\b(?:pleurodesis|talc|sclerosing\s+agent)\b", "Destructive Agent"),
        (r"\b(?:anesthetics?|anaesthetics?|anesthesia|nerve\s+block)\b", "Anesthetic Agent"),
        (
            r"\b(?:analgesics?|analgesia|pain\s+medications?|opioids?|narcotics?|sedatives?|sedation|pca)\b",
            "Analgesics, Hypnotics, Sedatives",
        ),
        (r"\b(?:electrolytes?|fluids?|fluid\s+bolus)\b", "Electrolytic and Water Balance"),
        (r"\b(?:tpn|parenteral\s+nutrition|nutrition)\b", "Nutritional Substance"),
        (
            r"\b(?:vaccines?|vaccination|immunization|toxoid|antitoxin|antivenom|antivenin)\b",
            "Serum, Toxoid and Vaccine",
        ),
        (r"\b(?:vasopressors?|pressors?)\b", "Vasopressor"),
        (r"\b(?:contrast|dye)\b", "Other Diagnostic Substance"),
        (r"\b(?:antiarrhythmics?)\b", "Antiarrhythmic"),
        (r"\b(?:platelet\s+inhibitors?|gp\s*iib/?iiia)\b", "Platelet Inhibitor"),
    )
)
# The Table of Drugs and Chemicals files a drug under a class (its T code's category): the Substance Key's class.
DRUG_TABLE_CLASSES: tuple[tuple[str, str], ...] = (
    ("T36", "Other Anti-infective"),
    ("T37", "Other Anti-infective"),
    ("T451", "Other Antineoplastic"),
    ("T456", "Other Thrombolytic"),
    ("T380", "Anti-inflammatory"),
    ("T383", "Insulin"),
    ("T38", "Other Hormone"),
    ("T444", "Vasopressor"),
    ("T39", "Analgesics, Hypnotics, Sedatives"),
    ("T40", "Analgesics, Hypnotics, Sedatives"),
    ("T42", "Analgesics, Hypnotics, Sedatives"),
    ("T41", "Anesthetic Agent"),
    ("T503", "Electrolytic and Water Balance"),
    ("T50A", "Serum, Toxoid and Vaccine"),
    ("T50B", "Serum, Toxoid and Vaccine"),
    ("T50Z", "Serum, Toxoid and Vaccine"),
    ("T462", "Antiarrhythmic"),
    ("T508", "Other Diagnostic Substance"),
)
DEFAULT_SUBSTANCE = "Other Therapeutic Substance"
# An epidural said as a thing placed ("labor epidural") is the anesthetic put in the epidural space.
SITE_DEFAULTS = {"Epidural Space": "Anesthetic Agent"}

# A cheap first test of a query's words: a route, a blood product, a labor induction or a substance put into
# an organ (pcs_substance_sites) is said.
ADMINISTRATION_CUE = re.compile(
    "|".join(
        [
            *(p.pattern for p, _, _ in ROUTES),
            *(p.pattern for p, _ in PRODUCTS),
            LABOR_INDUCTION.pattern,
            SITE_GIVING.pattern,
        ]
    ),
    re.IGNORECASE,
)

# A dose said is the billing unit of a HCPCS drug line, not an administration.
DOSE = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:mg|mcg|g|gm|grams?|milligrams?|micrograms?|units?|u|ml|cc|meq|iu|mg/kg|liters?|l)\b"
)
UNITS_OF_BLOOD = re.compile(r"\b\d+\s*units?\b")  # "2 units PRBC": how many units of blood, no dose
# The words that say a substance is given (a route alone may be a drug's form: "Lucentis intravitreal").
GIVING = re.compile(
    r"\b(?:infus\w*|transfus\w*|given|give|gave|administer\w*|push|drip|inject\w*|instill\w*|bolus|through|"
    r"via|into|ripening|patch|replacement|replete|treatment)\b"
)
# The words that say more of the giving than a product and its route: where it goes in (a line, a vein, through,
# via), the side, or what a named procedure of giving is ("cervical ripening", "blood patch").
TOLD = re.compile(
    r"\b(?:line|vein|venous|port|through|via|into|catheter|tube|access|ripening|patch|left|right|bilateral)\b"
)
# A drug pushed or given for a reason ("alteplase IV push for CVA") is the administration done; a product
# "for" a condition alone ("Orencia IV for RA") or pushed alone ("IV push ondansetron") is its HCPCS line.
PURPOSED = re.compile(r"\b(?:push|given|gave|administered)\b.*\bfor\b")
# A reaction to, a poisoning by, a history of a substance, a device put in, a procedure on a tissue the route
# names ("excisional debridement ... subcutaneous tissue") or an imaging study with contrast is no
# administration.
NOT_GIVING = re.compile(
    r"\b(?:after|reaction|allergy|allergic|due|from|poisoning|overdose|toxicity|history|status|hx|"
    r"encounter|long[- ]?term|rash|hives|adverse|infiltrat\w*|extravasation|complication|infection|clabsi|phlebitis|"
    r"removal|removed|exchange|change|dressing|flush|intubat\w*|debridement|excision\w*|incision|"
    r"drainage|i&d|abscess|nail|hematoma|fracture|ct|mri|imaging|scan|x-?ray|angiogram|angiography|"
    r"fluoroscopy|venogram|arteriogram|cath|catheterization)\b"
)
# A device put in ("PICC placement", "port placed", "ETT placed"): an Insertion - except the epidural
# catheter placed for labor, which is the anesthetic's route.
PLACED = re.compile(r"\b(?:placed|placement|insertion|inserted|implanted)\b")


@dataclass(frozen=True)
class Administration:
    code: str
    title: str
    why: str


def route_of(text: str) -> tuple[str, str, str] | None:
    """The body part value and approach a query's route names, and the words that named it."""
    for pattern, part, approach in ROUTES:
        found = pattern.search(text)
        if found:
            return part, approach, found.group(0)
    if LABOR_INDUCTION.search(text):
        return "Peripheral Vein", "3", "induction of labor"
    return None


def administration(conn: sqlite3.Connection, tree: IndexTree, query: str) -> Administration | None:
    """The Administration code of a query giving a substance by a route, when the query says more of the
    giving than a drug product and its route; None otherwise."""
    text = query.lower()
    route = route_of(text)
    # "femoral nerve block with lidocaine", "botox injected into the bladder wall": the organ's body system
    # says the site (pcs_substance_sites); a block is itself the giving.
    sited = route is None and bool(route := substance_site(conn, tree.memo, text))
    product = next((name for pattern, name in PRODUCTS if pattern.search(text)), None)
    if route is None and not (product and TRANSFUSION.search(text)):
        return None
    if route is None and OTHER_TRANSFUSION_SITE.search(text):
        return None  # "transfusion fresh plasma bone marrow": the Index's own line names the site
    part, approach, said = route or ("Peripheral Vein", "3", "transfusion")
    if DOSE.search(UNITS_OF_BLOOD.sub("", text) if product else text) or NOT_GIVING.search(text):
        return None
    if PLACED.search(text) and part != "Epidural Space":
        return None
    if part != "Epidural Space" and puts_device_in(conn, tree.memo, text, GIVING.fullmatch):
        return (
            None  # "implantation of Virtuoso into chest subcutaneous tissue": an Insertion (pcs_device_put)
        )
    if product is not None and part in {"Peripheral Vein", "Central Vein"}:
        return _transfusion(conn, part, product, text, said)
    substance, named = _substance(tree, text, part)
    if sited and named == "default" and BLOCK.search(text):
        substance, named = "Anesthetic Agent", "class"  # a block is an anesthetic put around a nerve
    # (an epidural is a giving of its own: "labor epidural", "lidocaine epidural for labor"; a class said with
    # a route is no product's form: "intrathecal chemotherapy"; in a vein a giving word is said, "sepsis on IV
    # antibiotics" being the condition treated)
    vein = part in {"Peripheral Vein", "Central Vein"}
    given = (
        GIVING.search(text)
        or LABOR_INDUCTION.search(text)
        or (named == "class" and not vein)
        or part == "Epidural Space"
    )
    told = (
        TOLD.search(text)
        or PURPOSED.search(text)
        or named in {"class", "site"}
        or said == "induction of labor"
        or part == "Epidural Space"
    )
    if sited:
        # (a product said with no substance class or drug, "zilretta knee injection", is its HCPCS line)
        blocked = BLOCK.search(text) is not None
        given = bool(given) or blocked
        told = (bool(told) or blocked) and (named in {"class", "drug"} or GIVING.search(text) is not None)
    if not given or not told:
        return None  # "zofran iv", "eylea intravitreal", "Orencia IV for RA": the drug's HCPCS line
    return _introduction(conn, part, approach, substance, said, named)


def _substance(tree: IndexTree, text: str, part: str) -> tuple[str, str]:
    """The substance value and how it was read: "class" (said), "drug" (the Drug Table's class), "site" or
    "default"."""
    for pattern, substance in CLASSES:
        if pattern.search(text):
            return substance, "class"
    for word in re.findall(r"[a-z][a-z-]{4,}", text):
        node = _drug_node(tree, word)
        if node is None:
            continue
        code = next((c for c in node.cells if c), "").replace(".", "").upper()
        for prefix, substance in DRUG_TABLE_CLASSES:
            if code.startswith(prefix):
                return substance, "drug"
        return DEFAULT_SUBSTANCE, "drug"
    if part in SITE_DEFAULTS:
        return SITE_DEFAULTS[part], "site"
    return DEFAULT_SUBSTANCE, "default"


def _rows(conn: sqlite3.Connection, prefix: str) -> list[tuple[str, str]]:
    return [
        (str(c), str(t))
        for c, t in conn.execute(
            "SELECT code, title FROM codes WHERE system = 'pcs' AND current = 1 AND code >= ? AND code < ? "
            "AND length(code) = 7",
            [prefix, prefix + "\uffff"],
        )
    ]


def _table_part(conn: sqlite3.Connection, table: str, part: str) -> str:
    row = conn.execute(
        "SELECT char FROM pcs_axes WHERE tbl = ? AND position = 4 AND meaning = ?", [table, part]
    ).fetchone()
    return str(row[0]) if row else ""


def _best(
    rows: list[tuple[str, str]], wanted: frozenset[str], avoid: frozenset[str]
) -> tuple[str, str] | None:
    """The row whose title says the substance's words, the fewest other words first."""
    scored = []
    for code, title in rows:
        stems = content_stems(title.split(" into ")[0])
        said = len(stems & wanted)
        if not said or stems & avoid:
            continue
        scored.append((-said, len(stems - wanted), code, title))
    if not scored:
        return None
    _, _, code, title = min(scored)
    return code, title


def _introduction(
    conn: sqlite3.Connection, part: str, approach: str, substance: str, said: str, named: str
) -> Administration | None:
    char = _table_part(conn, "3E0", part)
    if not char:
        return None
    rows = _rows(conn, f"3E0{char}{approach}") or _rows(conn, f"3E0{char}")
    best = _best(rows, content_stems(substance), frozenset())
    if best is None:
        best = _best(rows, content_stems(DEFAULT_SUBSTANCE), frozenset())
    if best is None:
        return None
    how = {"class": "the class said", "drug": "the Drug Table's class of the drug", "site": "the route's use"}
    why = f"Administration: {said} -> {part}; {substance} ({how.get(named, 'none said')})"
    return Administration(best[0], best[1], why)


def _transfusion(
    conn: sqlite3.Connection, part: str, product: str, text: str, said: str
) -> Administration | None:
    char = _table_part(conn, "302", part)
    if not char:
        return None
    rows = _rows(conn, f"302{char}3")
    own = "autologous" in text and "nonautologous" not in text
    source = frozenset(content_stems("Autologous" if own else "Nonautologous Allogeneic Unspecified"))
    avoid = frozenset(content_stems("Nonautologous Allogeneic Related Unrelated" if own else "Autologous"))
    wanted = content_stems(product) | (source - avoid)
    scored = []
    for code, title in rows:
        stems = content_stems(title.split(" into ")[0])
        if not content_stems(product) <= stems or stems & avoid - (source if own else frozenset()):
            continue
        scored.append((-len(stems & wanted), len(stems - wanted), code, title))
    if not scored:
        return None
    _, _, code, title = min(scored)
    return Administration(code, title, f"Administration: {said} -> {part}; Transfusion of {product}")
