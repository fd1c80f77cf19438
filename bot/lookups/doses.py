"""Doses and routes as a biller reads them beside a drug: the dose a query says ("ceftriaxone 1 g", "kenalog 40",
"B12 1000 mcg"), how a HCPCS title's billing unit fits it ("per 250 mg", "up to 1000 mcg"), and the route said
("iv", "po") against the route a title gives. Pure functions over words and titles; bot.lookups.search ranks
HCPCS titles with them."""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass

# A dose, unit or route written beside a drug ("40", "1 gm", "iv"), as one query word.
DOSE = re.compile(
    r"^(?:\d+(?:\.\d+)?(?:mg|g|gm|mcg|ml|cc|u)?|mg|gm|g|gram|grams|mcg|ml|cc|units?|iu|meq|iv|im|sq|subq|sc|po|ivpb|inj|intravenous|intramuscular|subcutaneous|injection|injections|infusion|shot)$"
)
# A dose as written ("1 g", "60mg", "1000 mcg", a bare "40" after a drug) and a title's billing unit ("per 250
# mg", "up to 1000 mcg", "10 mg", "1000 cc"; a concentration "2.88 mg/ml" is no billing unit).
AMOUNT = re.compile(
    r"(?<![\w.-])(up to |per |less than or equal to |greater than |more than |over )?(\d+(?:\.\d+)?)\s*"
    r"(mg|milligrams?|g|gm|grams?|mcg|micrograms?|ml|cc|units?|iu|meq)?(?![\w/.-])( or less)?"
)
# A title's dose range: at most ("up to 1000 mcg", "less than or equal to 100 mg", "100 mg or less") or more
# than ("greater than 100 mg", "over 100 mg") the amount it prints.
AT_MOST = frozenset({"up to ", "less than or equal to "})
MORE_THAN = frozenset({"greater than ", "more than ", "over "})
TO_BASE = {  # unit -> (dimension, factor to its base unit)
    "mg": ("mass", 1.0),
    "milligram": ("mass", 1.0),
    "milligrams": ("mass", 1.0),
    "g": ("mass", 1000.0),
    "gm": ("mass", 1000.0),
    "gram": ("mass", 1000.0),
    "grams": ("mass", 1000.0),
    "mcg": ("mass", 0.001),
    "microgram": ("mass", 0.001),
    "micrograms": ("mass", 0.001),
    "ml": ("volume", 1.0),
    "cc": ("volume", 1.0),
    "unit": ("units", 1.0),
    "units": ("units", 1.0),
    "iu": ("units", 1.0),
    "meq": ("meq", 1.0),
}
DOSE_FIT = 40.0  # a title whose billing unit fits the dose said
DOSE_MISFIT = 40.0  # a title whose unit cannot make the dose ("up to 5 mg" for 10 mg; mg for ml)


@dataclass(frozen=True)
class Amount:
    value: float  # in the base unit of its dimension (mg, ml, units), or as written when no unit is said
    dimension: str  # mass | volume | units | meq | "" (a bare number: "kenalog 40")


# A number counting time or times ("every 3 months", "x 2 weeks", "2 times") is how often or how long the
# drug is given, no dose.
_TIME_AFTER = re.compile(
    r"\s*(?:months?|mos?|weeks?|wks?|days?|hours?|hrs?|h|years?|yrs?|minutes?|mins?|times|doses|x)\b"
)


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def joined_thousands(text: str) -> str:
    """The text with a number's thousands separators taken out ("heparin 5,000 units" -> "heparin 5000
    units"); a comma before fewer or more than three digits ("ribs 4,5") is left."""
    return _THOUSANDS.sub("", text)


def dose_text(query: str) -> str:
    """A query's text as its dose is read: lower case, a thousands separator joined ("heparin 1,000 units":
    1000 units), other commas a space."""
    return joined_thousands(query.lower()).replace(",", " ")


def amount_said(said: Sequence[str]) -> Amount | None:
    """The dose a query says: its first number with the unit after it (or none); a bare number counting time
    ("invega trinza every 3 months") is none."""
    text = " ".join(said)
    for match in AMOUNT.finditer(text):
        if match.group(1):
            continue
        unit = (match.group(3) or "").lower()
        value = float(match.group(2))
        if value <= 0 or (not unit and _TIME_AFTER.match(text, match.end())):
            continue  # (no dose is nothing)
        if not unit:
            return Amount(value, "")
        dimension, factor = TO_BASE[unit]
        return Amount(value * factor, dimension)
    return None


def dose_fit(amount: Amount, title: str) -> float:
    """How well a HCPCS title's billing unit fits the dose said: a unit that makes the dose in few units
    (ceftriaxone 1 g: "per 250 mg", 4 units; kenalog 40: "10 mg" before "1 mg") or an "up to" that holds it
    (B12 1000 mcg: "up to 1000 mcg") fits; a unit that cannot make it is a misfit; no unit printed, 0."""
    found = [m for m in AMOUNT.finditer(title.lower()) if m.group(3)]
    if not found:
        return 0.0
    match = found[-1]  # the billing unit is printed last ("Injection, X 10 mg/ml, per 5 mg")
    dimension, factor = TO_BASE[match.group(3)]
    unit = float(match.group(2)) * factor
    if amount.dimension and amount.dimension != dimension:
        return -DOSE_MISFIT
    value = amount.value if amount.dimension else amount.value * factor  # a bare number: the title's unit
    if unit <= 0:
        return 0.0
    if match.group(1) in AT_MOST or match.group(4):
        return DOSE_FIT if value <= unit * 1.0001 else -DOSE_MISFIT
    if match.group(1) in MORE_THAN:
        return DOSE_FIT if value > unit * 1.0001 else -DOSE_MISFIT
    units = value / unit
    if units < 0.999 or abs(units - round(units)) > 0.01:
        return -DOSE_MISFIT
    return DOSE_FIT - min(15.0, 0.5 * (units - 1))


INJECTED = frozenset(
    {
        "iv",
        "im",
        "injection",
        "inj",
        "shot",
        "infusion",
        "intravenous",
        "intramuscular",
        "push",
        "ivpb",
        "subq",
        "sq",
        "sc",
        "subcutaneous",
        "injectable",
    }
)
ORAL = frozenset({"oral", "po", "tablet", "tablets", "tab", "tabs", "pill", "pills", "capsule", "capsules"})
# The third route the HCPCS drug descriptors print: "inhalation solution" (the J76xx lines "administered through
# DME"), "for inhalation" (J2062 "Loxapine for inhalation, 1 mg"). Said by the route's noun or its device, not
# by "inhaled", a verb a poisoning's story tells ("inhaled gasoline fumes").
INHALED = frozenset(
    {
        "inhalation",
        "inhalational",
        "inhaler",
        "neb",
        "nebs",
        "nebulizer",
        "nebulized",
        "nebuliser",
        "nebulised",
    }
)
GIVEN = frozenset({"iv", "im", "injection", "inj", "shot", "intravenous", "intramuscular", "push", "ivpb"})
ROUTE_FIT = 20.0  # a HCPCS title giving the drug by the route said
ORAL_TITLE = re.compile(r"(?i)\b(?:oral|tablets?|capsules?)\b")
INJECTED_TITLE = re.compile(r"(?i)\b(?:inj|injections?|infusion|intravenous|intramuscular|subcutaneous)\b")
INHALED_TITLE = re.compile(r"(?i)\b(?:inhalation|inhal|inhaled|inhaler|nebuli[sz]er|aerosol\w*)\b")


def route_said(said: set[str]) -> str:
    """The route a query says: injected ("iv", "shot", "injection"), oral ("po", "tablet") or inhaled
    ("inhalation", "neb"), or "" (none, or more than one)."""
    routes = [
        route
        for route, words in (("injected", INJECTED), ("oral", ORAL), ("inhaled", INHALED))
        if said & words
    ]
    return routes[0] if len(routes) == 1 else ""


_ROUTE_TITLES = {"injected": INJECTED_TITLE, "oral": ORAL_TITLE, "inhaled": INHALED_TITLE}


def other_route(route: str, title: str) -> bool:
    """Whether a HCPCS title is the drug by another route than the one said (an oral tablet for "zofran iv",
    "Injection, pentamidine isethionate" for "pentamidine inhalation"): it prints another route and not the
    one said."""
    if _ROUTE_TITLES[route].search(title):
        return False
    return any(pattern.search(title) for other, pattern in _ROUTE_TITLES.items() if other != route)


def is_dose(group: Sequence[str]) -> bool:
    """A dose, unit or route written beside a drug ("40", "1 gm", "iv")."""
    return bool(group) and DOSE.match(group[0]) is not None


# --- The drug line: a query naming an injectable drug is asking for its HCPCS line ------------------------------
# A HCPCS drug title names the drug first ("Injection, bevacizumab, 10 mg", "Leuprolide acetate (for depot
# suspension), 7.5 mg", "Inj, invega sustenna, 1 mg"): its DRUG is the words after "Injection," up to the next
# comma or parenthesis, and the drug's KEY is that phrase's first word ("bevacizumab"; "ziv-aflibercept" keys
# "ziv", another drug). The words beside the drug in a query ("for colon ca", "brand", "monthly", "not
# biosimilar") choose among the drug's lines by the words the titles print; they never replace the drug.

_INJECTION_HEAD = re.compile(r"^(?:injection|inj)\b\.?\s*,?\s*")
_DRUG_END = re.compile(r"[,(;]")
_KEY_SPLIT = re.compile(r"[-/\s]")
_TITLE_WORD = re.compile(r"[a-z][a-z0-9]*")
# Words a drug title prints that choose no line: the billing unit's and the descriptor's own wording.
TITLE_FILLER = frozenset(
    {
        "injection",
        "inj",
        "for",
        "and",
        "or",
        "of",
        "the",
        "a",
        "an",
        "per",
        "up",
        "to",
        "use",
        "not",
        "otherwise",
        "specified",
        "nos",
        "includes",
        "each",
        "unit",
        "units",
        "mg",
        "mcg",
        "ml",
        "cc",
        "g",
        "gm",
        "microgram",
        "micrograms",
        "milligram",
        "milligrams",
        "less",
        "than",
        "equal",
        "greater",
        "over",
        "in",
        "on",
        "with",
        "but",
        "vial",
        "dose",
        "gram",  # (the billing unit spelt whole: "1 gram/0.125 grams (1.125 grams)")
        "grams",
        "milliliter",
        "milliliters",
    }
)
NEGATIVE_MARKS = frozenset(
    {"non", "excludes", "without", "except", "ex"}
)  # "(for non-esrd use)", "excludes biosimilar" (a short descriptor's "ex bio")
# A salt or ester printed after the drug ("lidocaine hcl", "doxorubicin hydrochloride", "heparin sodium") is the
# form the drug is given in, the drug itself: unsaid it costs nothing (a line for the drug "in d5w" or "with
# epinephrine" says more than was asked; a salt naming another product, "pemetrexed dipotassium", is no plain
# salt and still costs).
SALT_WORDS = frozenset(
    {"hcl", "hydrochloride", "sodium", "potassium", "acetate", "sulfate", "phosphate", "citrate", "mesylate"}
    | {"tartrate", "maleate", "succinate", "besylate", "bromide", "chloride", "fumarate", "lactate"}
)  # (a salt said, another salt printed costs as any unsaid word: "methylprednisolone acetate" for Solu-Medrol)
# A drug line "not otherwise specified" is the one for the drug named without a product ("Injection,
# pemetrexed, not otherwise specified, 10 mg" before a product's line whose short descriptor does not print
# the product): a tie-break, under any word said.
NOS_CREDIT = 1.0
_NOS = re.compile(r"\b(?:nos|not otherwise specified)\b")
# A drug named beside one of these words is the condition it caused or the history of taking it, an ICD-10-CM
# code (Table of Drugs and Chemicals, Z79 long-term use), not the drug's HCPCS line.
DRUG_TABLE_WORDS = frozenset(
    {
        "poisoning",
        "poisoned",
        "overdose",
        "od",
        "adverse",
        "reaction",
        "toxicity",
        "toxic",
        "underdosing",
        "underdose",
        "allergy",
        "allergic",
        "intoxication",
        "ingestion",
        "ingested",
        "suicide",
        "suicidal",
        "accidental",
        "intentional",
        "assault",
        "long-term",
        "history",
        "hx",
        "dependence",
        "abuse",
        "withdrawal",
        "effect",
        "effects",
        "induced",
        "due",
        "from",
        "caused",
        "secondary",
        "on",
    }
)
SAID_CREDIT = 15.0  # a title word the query says: the line it chose
NEGATED_COST = 30.0  # a title word the query denies ("not biosimilar", "not dialysis")
UNSAID_COST = 6.0  # a title word the query does not say ("hd", "biosimilar", "for esrd on dialysis")
# The drug by another route than the one said ("zofran iv": not the tablet) is another product: weighed as the
# title search weighs it (bot.lookups.search.ROUTE_COST), above the words a long descriptor adds.
ROUTE_COST = 50.0


def drug_of(title: str) -> str:
    """The drug a HCPCS drug title names first: "Injection, bevacizumab, 10 mg" -> "bevacizumab"."""
    rest = _INJECTION_HEAD.sub("", title.lower().strip())
    return _DRUG_END.split(rest, maxsplit=1)[0].strip()


def drug_key(drug: str) -> str:
    """The word a drug is keyed by: its name's first word ("testosterone cypionate" -> testosterone)."""
    parts = [p for p in _KEY_SPLIT.split(drug) if p]
    return parts[0] if parts else ""


def is_drug_title(code: str, title: str) -> bool:
    """Whether a HCPCS line is a drug's: the J codes (drugs given other than by mouth, and their oral
    forms), and any line titled "Injection, ..." (the Q and C drug lines)."""
    return code.upper().startswith("J") or _INJECTION_HEAD.match(title.lower().strip()) is not None


# Word-forming prefixes a short descriptor prints clipped ("Intra copp contra": intrauterine) and a query types
# as the first part of a compound ("intra-abdominal abscess", "extra-articular"): no product's name.
WORD_PREFIXES = frozenset(
    {"intra", "inter", "extra", "infra", "supra", "peri", "trans", "retro", "post", "ante", "anti", "multi"}
    | {"semi", "hemi", "hyper", "hypo", "para", "pseudo", "poly", "mono", "endo", "ortho", "micro", "macro"}
)


def said_drug_key(
    read: Sequence[str],
    typed: Sequence[str],
    keys: frozenset[str],
    plain: Container[str],
    heads: Sequence[str] = (),
) -> str:
    """The word said that keys a drug line (at least 4 letters: no "inj" or "iv"), or "": first a word the
    vocabulary read (a brand's generic: "depo provera" is medroxyprogesterone, not "depo-estradiol"), then a
    word typed that is no plain English word ("kenalog-40 joint injection drug": not "Drug or biological ..."),
    then a plain word beside a unit or route ("testosterone 200 mg"; not "iron deficiency", "vitamin d 25"),
    last the head of a brand's generic (`heads`: a short descriptor's clipping of three letters keys too:
    "zynlonta" -> "lon tesirin", J9359 "Inj lon tesirin-lpyl"). A route is no drug ("Infusion, d5w" keys no
    "chemo infusion")."""
    dosed = any(is_dose((w,)) and not w.isdigit() for w in typed)
    for words, english_too in ((read, True), (typed, False), (typed, dosed)):
        for word in words:
            for part in [word, *_KEY_SPLIT.split(word)]:
                named = len(part) >= 4 and part in keys and part not in WORD_PREFIXES and not is_dose((part,))
                if named and (english_too or part not in plain):
                    return part
    for head in heads:
        if len(head) >= 3 and head in keys and not is_dose((head,)):
            return head
    return ""


# A drug named beside an imaging study is the study's contrast ("MRI brain with and without gadolinium").
STUDY_WORDS = frozenset({"mri", "ct", "cta", "mra", "scan", "imaging", "xray", "x-ray", "angiography"})


def names_drug_use(said: set[str]) -> bool:
    """Whether the words beside a drug say a condition it caused or a history of it (an ICD-10-CM code):
    "overdose", "adverse reaction", "long term use" (Z79), or the imaging study it is the contrast of."""
    return bool(said & (DRUG_TABLE_WORDS | STUDY_WORDS)) or {"long", "term"} <= said


# Function words that make a parenthesis a clause telling the drug's use ("(for esrd on dialysis)", "(non-esrd
# use)"), where a product's name ("(aristada initio)", "(mylan)") prints none.
CLAUSE_WORDS = frozenset({"for", "on", "in", "with", "use", "of", "to", "non", "without", "excludes"})


def _said_whole(title: str, said: set[str]) -> set[str]:
    """The words of a product named in parentheses that the query says only in part ("aristada" of
    "(aristada initio)"): that product is another than the one said, and its said word chooses no line. A
    parenthesis telling a use ("(for esrd on dialysis)") names no product: its words said choose its line."""
    partial: set[str] = set()
    for inside in _PARENTHESISED.findall(title.lower()):
        if CLAUSE_WORDS & set(_TITLE_WORD.findall(inside)):
            continue  # a use told in parentheses, no product's name ("(for esrd on dialysis)")
        names = [w for w in _TITLE_WORD.findall(inside) if w not in TITLE_FILLER]
        if any(w in said for w in names) and not all(w in said for w in names):
            partial.update(names)
    return partial


INFLECTED = 3  # the most letters an inflection adds to a word said ("-d", "-ed", "-ing")
SALT_CLIPPED = 3  # a salt clipped shorter still ("Inj, methylpred sod succ 5mg": sodium succinate)


def _clipped_said(word: str, said: set[str]) -> bool:
    """A short descriptor's clipping of a word said ("pegfilgrast" of "pegfilgrastim"; at least CLIPPED
    letters, SALT_CLIPPED for a salt's: "sod succ")."""
    clipped = any(
        len(w) > len(word) >= (SALT_CLIPPED if w in SALT_WORDS else CLIPPED) and w.startswith(word)
        for w in said
    )
    # an inflected form of a word said ("concentrated" for "concentrate")
    return clipped or any(
        len(word) - INFLECTED <= len(w) < len(word) and len(w) >= CLIPPED and word.startswith(w) for w in said
    )


def line_pick(title: str, said: set[str], negated: frozenset[str]) -> float:
    """How well a drug line's title answers the words said beside the drug: each title word said is a
    credit, each denied a cost, each unsaid a small cost ("biosimilar", "hd", "esrd on dialysis" say more than
    was asked); a word the title itself negates ("non-esrd", "excludes biosimilar", the short "ex bio") costs
    only when said. A short descriptor's clipping of a word said is said; a salt unsaid costs nothing
    (SALT_WORDS); a product in parentheses said only in part credits nothing ("(aristada initio)" for
    "aristada"); the drug's "not otherwise specified" line breaks a tie (NOS_CREDIT)."""
    return _read_line(title, said, negated)[0]


def _read_line(title: str, said: set[str], negated: frozenset[str]) -> tuple[float, frozenset[str]]:
    """line_pick's score, and the title words it read as unsaid (what the line adds to what was asked)."""
    lowered = title.lower()
    words = _TITLE_WORD.findall(lowered)
    partial = _said_whole(lowered, said)
    score = NOS_CREDIT if _NOS.search(lowered) else 0.0
    unsaid: set[str] = set()
    for i, word in enumerate(words):
        if word in TITLE_FILLER or word in NEGATIVE_MARKS:
            continue
        positive = (word in said or _clipped_said(word, said)) and word not in negated and word not in partial
        if not positive and word in SALT_WORDS and word not in negated and not said & SALT_WORDS:
            continue  # (a salt said - "solu-medrol": sodium succinate - makes another salt another product)
        if i > 0 and words[i - 1] in NEGATIVE_MARKS:
            score -= NEGATED_COST if positive else 0.0
        elif positive:
            score += SAID_CREDIT
        elif word in negated:
            score -= NEGATED_COST
        else:
            score -= UNSAID_COST
            unsaid.add(word)
    return score, frozenset(unsaid)


def opps_only(code: str) -> bool:
    """A C code: a drug line for hospital outpatient pass-through only; the J or Q line is what is billed
    elsewhere, so it comes first when both print the drug ("bevacizumab": J9035 before C9257)."""
    return code.upper().startswith("C")


# A query placing the drug in a hospital outpatient department, where a C (pass-through) line is billed.
_OUTPATIENT = re.compile(r"(?i)\b(?:opps|hopd|outpatient|pass[- ]?through|c[- ]?codes?)\b")


def says_outpatient(query: str) -> bool:
    """Whether the query says the hospital outpatient setting (OPPS) a C drug line is billed in."""
    return _OUTPATIENT.search(query) is not None


_PARENTHESISED = re.compile(r"\(([^()]*)\)")
PRODUCT_WORDS = 3  # a maker or product in parentheses is a short name ("(mylan)", "(fresenius kabi)")
PRODUCT_LETTERS = 4  # a shorter word in parentheses is an abbreviation ("(g-csf)", "(nos)"), no name


def names_product(title: str, said: set[str], rare: Callable[[str], bool]) -> bool:
    """Whether a drug line names its maker or product in parentheses that the query does not say
    ("Inj, vancomycin (mylan) 10mg", "(zirabev)"): a line for that product, which the line for the drug
    itself ("Inj, vancomycin hcl, 10 mg") comes before. `rare` tells a maker's or brand's name (a word seldom
    printed, or no English word) from a descriptor in parentheses ("(human)", "(recombinant)", "(nos)")."""
    for inside in _PARENTHESISED.findall(title.lower()):
        names = re.findall(r"[a-z]+", inside)
        if not names or len(names) > PRODUCT_WORDS or any(c.isdigit() for c in inside):
            continue
        if any(w in said for w in names):
            continue
        if any(rare(w) for w in names if len(w) >= PRODUCT_LETTERS):
            return True
    return False


def line_adds(title: str, said: Sequence[str], negated: frozenset[str]) -> frozenset[str]:
    """The words a drug line's title adds to what the query says (read as line_pick reads them):
    "dipotassium" of "Inj, pemetrexed dipotassium" for "alimta pemetrexed"."""
    return _read_line(title, _with_parts(said), negated)[1]


def said_dose_fit(title: str, said: Sequence[str], typed: str = "") -> float:
    """How the dose said fits a drug line's billing unit (dose_fit; 0 when no dose is said)."""
    amount = amount_said(typed.split() if typed else said)
    return dose_fit(amount, title) if amount is not None else 0.0


def _with_parts(said: Sequence[str]) -> set[str]:
    """The words said, and the parts of a hyphenated or slashed word ("depo-testosterone")."""
    words = set(said)
    for word in said:
        words.update(p for p in _KEY_SPLIT.split(word) if p)
    return words


def drug_line_score(title: str, said: Sequence[str], negated: frozenset[str], typed: str = "") -> float:
    """A drug line's fit to the query: its words (line_pick), the dose said (in the text as `typed`, where
    "7.5" is one number) against its billing unit (dose_fit), and the route said against its route."""
    words = _with_parts(said)
    score = line_pick(title, words, negated) + said_dose_fit(title, said, typed)
    route = route_said(words)
    if route and other_route(route, title):
        score -= ROUTE_COST
    return score


CLIPPED = 5  # the shortest clipping of a drug's name a short descriptor prints that keys its line ("cabote")


def clipped_lines(said: str, lines: Mapping[str, Sequence[tuple[str, str]]]) -> list[tuple[str, str]]:
    """The drug lines keyed by a clipping of the drug said: a short descriptor cut to fit its width prints the
    name's start ("Inj, cabote rilpivir 2mg 3mg" for cabotegravir and rilpivirine, "Inj melpha hydroch" for
    melphalan); a key of at least CLIPPED letters that starts the drug said is that drug's line. The caller keeps
    the lines whose title is a short descriptor (a long one prints the name whole: "Methyl aminolevulinate")."""
    return [line for size in range(len(said) - 1, CLIPPED - 1, -1) for line in lines.get(said[:size], ())]


PRODUCT_NAME = 5  # the shortest product name read as its drug's ("synvisc", "kyleena", "privigen")


def product_words(lines: Mapping[str, Sequence[tuple[str, str]]]) -> dict[str, str]:
    """The words each drug's lines print beside the drug, by the one drug key they belong to: a product or
    brand a title names ("Hyaluronan or derivative, synvisc or synvisc-one", "Levonorgestrel-releasing
    intrauterine contraceptive system, (kyleena)", "Intra copp contra (paragard)"). A word printed in the lines
    of two drugs or more ("liposomal", "biosimilar") names none. The caller keeps a typed word that is no
    plain English word and no drug key itself."""
    keys: dict[str, set[str]] = {}
    for key, drug_lines in lines.items():
        for _, title in drug_lines:
            for word in _TITLE_WORD.findall(title.lower()):
                if (
                    len(word) >= PRODUCT_NAME
                    and word not in TITLE_FILLER
                    and word not in WORD_PREFIXES
                    and word != key
                ):
                    keys.setdefault(word, set()).add(key)
    return {word: next(iter(found)) for word, found in keys.items() if len(found) == 1}
