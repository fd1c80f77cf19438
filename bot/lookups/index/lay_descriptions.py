"""A condition a patient describes without naming it, found as the Index line whose words the description says.

"my fingernails curve up like little spoons", "itchy red bumps on my legs after swimming in the lake", "pain on
the inside of my left elbow since I started golfing": the patient names no condition, but the Index already
prints the descriptive words a lay sentence is made of - a part, a shape, a colour, a trigger - as main terms,
subterms and nonessential modifiers ("Spoon nail", "Swimmer's, itch", "Golfer's elbow", "Mark, stretch",
"Dirt-eating child"). A coder hearing such a sentence thinks of the line that says the most of it and says
nothing the patient did not; `describe` does the same over the Alphabetic Index:

- the sentence's words that describe (not who, when, how often, nor the words of a negated clause - but a
  function said missing, "no voice at all", reads as Loss (of)) are read in the forms the Index spells them:
  the plural, the adjective and the doer ("spoons" / spoon, "itchy" / itch, "swimming" / swimmer's,
  "golfing" / golfer's), a compound body word as its parts ("fingernails" / finger nail), the vocabulary's
  one-word readings ("armpits" / axilla), the Greek and Latin combining forms clinical words are built from
  (`COMBINING_FORMS`, `PART_FORMS`: "white ... fingernails" / Leukonychia, "yellow ... eyelids" /
  Xanthelasma) and a compact list of lay descriptor words by the Index words that print the same
  description (`DESCRIBED_AS`: "map" / geographic, "raised" / hypertrophic); the persons said ("my 4 yo")
  say the Index's age words (child, infant, newborn);
- a state said by its adjective reads as the Index's noun ("restless" / Restlessness, bot.lookups.index.
  state_nouns), a lay noun no reading here knows as WordNet's usual name of its sense ("teat" / nipple,
  bot.lookups.index.lay_nouns); when nothing else answered the sentence and no line says two of its words, a
  state or a behaviour said by its adjective or verb that the Index prints as a main term of its own is that
  main term ("homesick" / Homesickness, "sneezes" / Sneezing: `_state_line`);
- every Index line holding one of them is scored by what its path (main term, subterms, modifiers) says of
  the sentence, rarer words counting more;
- a line is taken only when it says two words of the sentence or more (a term printing alternatives, "cold or
  heat", said by either), its main term is said (or is a
  generic head, "Syndrome, jet lag"), no essential word of its path is left unsaid, nor a side the sentence
  does not say, and a proper name is said as typed ("bright red" is no Bright's disease).

The search reads a sentence this way when nothing else answered it, or over an answer that left a rare word
of the line unused ("Pain, elbow (not used: golfing)") or answered with an external cause; and `refine`
reads the subterms of an answer's own Index line the words it left say ("Enuresis" + "every night" ->
Enuresis, nocturnal). The line's words are then looked up as a query of their own
(bot.lookups.search.Searcher._described), so the Index's cross-references and the Tabular's laterality still
decide the code.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from functools import lru_cache, partial

from bot.lookups.index.lay_nouns import clinical_synonyms
from bot.lookups.index.lay_sentences import _EMPTY, _NARRATIVE, _NEGATING, _SIDES, answers_meaning, said_stem
from bot.lookups.index.no_stems import kept
from bot.lookups.index.state_nouns import state_nouns
from bot.lookups.index.store import BOOKS, SPAN
from bot.lookups.index.tree import IndexTree, Node
from bot.lookups.index.vocabulary import INJURY_PAST, Vocabulary
from bot.lookups.index.words import content_stems, stem

# Lay descriptor words by the Index words that print the same description (never a code, never a condition's
# name the patient did not describe): a shape, colour, texture, behaviour, trigger or a part in everyday words.
DESCRIBED_AS: dict[str, tuple[str, ...]] = {
    # shapes and looks
    "map": ("geographic",),
    "maps": ("geographic",),
    "move": ("migratory", "migrating"),
    "moving": ("migratory", "migrating"),
    "moves": ("migratory", "migrating"),
    "raised": ("hypertrophic",),
    "thick": ("hypertrophic", "thickening"),
    "thickened": ("hypertrophic", "thickening"),
    "bumps": ("papule", "papular", "lump"),
    "bumpy": ("papule", "papular", "lump"),
    "bump": ("papule", "papular", "lump"),
    "dots": ("spot", "spots"),
    "patches": ("patch", "spot", "plaque"),
    "lumpy": ("lump", "nodular"),
    "curve": ("curvature", "curved"),
    "curved": ("curvature", "deformity"),
    "bent": ("curvature", "deformity"),
    "yellow": ("yellow", "xanthoma"),
    "purple": ("purpura", "purple"),
    "bald": ("alopecia", "bald"),
    "hairy": ("hirsutism", "hair"),
    "hairs": ("hair", "hirsutism"),
    "crooked": ("deformity", "deviation"),
    "droopy": ("ptosis", "drooping"),
    "drooping": ("ptosis",),
    "droops": ("ptosis",),
    "drooped": ("ptosis", "drooping"),
    "sagging": ("ptosis",),
    "crusty": ("crust", "crusted"),
    "scaly": ("scale", "scaling", "squamous"),
    "flaky": ("scale", "desquamation"),
    "peeling": ("peeling", "desquamation", "exfoliation"),
    "oozing": ("weeping", "discharge"),
    "weepy": ("weeping",),
    "moist": ("weeping", "moist"),
    "cracked": ("fissure", "fissured", "cracked"),
    "cracks": ("fissure", "fissured"),
    "wrinkled": ("wrinkling",),
    # sensations and behaviour
    "hurts": ("pain",),
    "hurting": ("pain",),
    "sore": ("pain", "sore"),
    "ache": ("pain", "ache"),
    "aches": ("pain", "ache"),
    "achy": ("pain", "ache"),
    "twitches": ("twitching", "myokymia", "fasciculation"),
    "twitchy": ("twitching", "myokymia"),
    "twitch": ("twitching", "myokymia"),
    "tremble": ("tremor",),
    "trembles": ("tremor",),
    "shakes": ("tremor",),
    "plugged": ("blocked", "obstruction", "occlusion"),
    "clogged": ("blocked", "obstruction", "occlusion"),
    "stuffed": ("blocked", "congestion"),
    "swell": ("swelling", "edema"),
    "swells": ("swelling", "edema"),
    "swollen": ("swelling", "edema"),
    "puffy": ("swelling", "edema"),
    "smells": ("odor", "smell"),
    "stinks": ("odor", "smell"),
    "stinky": ("odor", "smell"),
    "eating": ("eating", "pica"),
    "eats": ("eating", "pica"),
    "walks": ("walking",),
    "screaming": ("terror",),
    "loss": ("loss", "lack"),
    "night": ("night", "nocturnal", "sleep"),
    "nights": ("night", "nocturnal", "sleep"),
    "nightly": ("night", "nocturnal", "sleep"),
    "wakes": ("sleep",),
    "asleep": ("sleep",),
    "screams": ("terror",),
    # triggers and settings
    "plane": ("aero", "altitude", "pressure", "air"),
    "flight": ("aero", "altitude", "pressure", "air"),
    "flying": ("aero", "altitude", "pressure", "air"),
    "sun": ("sun", "solar", "light", "actinic"),
    "sunlight": ("sun", "solar", "light", "actinic"),
    "sunshine": ("sun", "solar", "light"),
    "spring": ("seasonal",),
    "cold": ("cold", "chilblain"),
    "lake": ("swimmer",),
    "pond": ("swimmer",),
    "pool": ("swimmer",),
    "golf": ("golfer",),
    "tennis": ("tennis",),
    "growing": ("growth", "growing"),
    # parts in everyday words
    "lid": ("eyelid",),
    "lids": ("eyelid",),
    "eyelash": ("eyelash", "trichiasis"),
    "eyelashes": ("eyelash", "trichiasis"),
    "shin": ("leg",),
    "shins": ("leg",),
    "calf": ("leg", "calf"),
    "calves": ("leg", "calf"),
    "belly": ("abdomen", "abdominal"),
    "tummy": ("abdomen", "abdominal"),
    "stomach": ("abdomen", "abdominal", "stomach"),
    "armpit": ("axilla", "axillary"),
    "armpits": ("axilla", "axillary"),
    "underarm": ("axilla", "axillary"),
    "chin": ("chin", "face"),
    "cheeks": ("cheek", "face"),
    "tongue": ("tongue", "lingual"),
    "gums": ("gum", "gingiva"),
    "teeth": ("tooth", "dental"),
}

# More of the same, by what a patient describes: the Index's adjective for a colour or a look ("purple dots" /
# Spots, purpuric; "ring-shaped" / Granuloma, annulare), a shape or a change of size ("growing" /
# Hypertrophy, breast; "cone" / Conical cornea; "dents" / Pitting, nail), what a body does or lets out, and
# a part in everyday words ("palms" / palmar; "belly button" / umbilical). Merged into `DESCRIBED_AS`.
_LAY_DESCRIPTORS: dict[str, tuple[str, ...]] = {
    # colours and looks
    "purple": ("purpuric",),
    "purplish": ("purpura", "purpuric"),
    "bruised": ("ecchymosis", "contusion"),
    "pale": ("pallor",),
    "bluish": ("cyanosis",),
    "blue": ("cyanosis",),
    "flushed": ("flushing",),
    "flushing": ("flushing",),
    "pus": ("purulent", "suppurative", "pustule", "pustular"),
    "pussy": ("purulent", "pustule", "pustular"),
    "warty": ("verrucous", "wart"),
    "blisters": ("bullous", "vesicular", "vesicle", "blister"),
    "blistering": ("bullous", "vesicular", "blister"),
    "blistered": ("bullous", "vesicular", "blister"),
    "ring": ("annular", "annulare", "ring"),
    "rings": ("annular", "annulare", "ring"),
    "circle": ("annular", "annulare", "ring"),
    "circles": ("annular", "annulare", "ring"),
    "coin": ("nummular", "discoid"),
    "coins": ("nummular", "discoid"),
    "lacy": ("reticular", "reticularis"),
    "hard": ("induration", "indurated", "hard"),
    "goopy": ("discharge",),
    "gunk": ("discharge",),
    "goo": ("discharge",),
    "watery": ("epiphora", "watery", "lacrimation"),
    "watering": ("epiphora", "lacrimation"),
    "blurry": ("blurred", "blurring"),
    "fuzzy": ("blurred", "blurring"),
    # shapes and changes of size
    "growing": ("hypertrophy", "enlargement", "hypertrophic"),
    "grows": ("hypertrophy", "enlargement", "growth"),
    "bigger": ("hypertrophy", "enlargement", "enlarged"),
    "enlarged": ("hypertrophy", "enlargement"),
    "dent": ("pitting", "pit", "depression"),
    "dents": ("pitting", "pit", "depression"),
    "dented": ("pitting", "depression"),
    "pits": ("pitting", "pit"),
    "pitted": ("pitting",),
    "cone": ("conical", "cone"),
    "pointy": ("conical",),
    "sunken": ("funnel", "excavatum", "depression", "sunken"),
    "sinks": ("funnel", "excavatum", "depression"),
    "caved": ("funnel", "excavatum", "depression"),
    "bow": ("bowing", "bowed", "varum"),
    "bowed": ("bowing", "varum"),
    "bowlegged": ("bowing", "varum", "bowleg"),
    "clubbed": ("clubbing", "club"),
    "clawed": ("claw",),
    "webbed": ("webbing", "syndactyly", "web"),
    "extra": ("supernumerary", "accessory"),
    "missing": ("absence", "absent", "loss"),
    "bulging": ("protrusion", "exophthalmos", "bulging", "prominence"),
    "bulge": ("protrusion", "bulging", "hernia", "exophthalmos"),
    "bulges": ("protrusion", "bulging", "hernia", "exophthalmos"),
    "bulged": ("protrusion", "bulging", "exophthalmos"),
    # what a body does or lets out
    "shaking": ("tremor",),
    "shaky": ("tremor",),
    "jerking": ("myoclonus", "jerks", "twitching"),
    "jerks": ("myoclonus", "jerks", "twitching"),
    "clicks": ("clicking", "snapping", "crepitus"),
    "clicking": ("clicking", "snapping", "crepitus"),
    "popping": ("snapping", "crepitus", "clicking"),
    "pops": ("snapping", "crepitus", "clicking"),
    "grinding": ("crepitus", "bruxism"),
    "catches": ("locking", "trigger", "snapping"),
    "catching": ("locking", "trigger", "snapping"),
    "locks": ("locking", "locked"),
    "pee": ("urine", "urinary", "micturition"),
    "peeing": ("urination", "urinary", "micturition"),
    "poop": ("feces", "fecal", "stool", "defecation"),
    "pooping": ("defecation", "feces", "stool"),
    "drool": ("drooling", "sialorrhea", "salivation"),
    "drooling": ("sialorrhea", "salivation"),
    "spit": ("saliva", "salivation"),
    "snot": ("mucus", "discharge"),
    "phlegm": ("sputum", "mucus"),
    "wax": ("cerumen",),
    "earwax": ("cerumen",),
    "burping": ("eructation", "belching"),
    "burps": ("eructation", "belching"),
    "farting": ("flatulence", "gas"),
    "farts": ("flatulence", "gas"),
    "gassy": ("flatulence", "gas"),
    # what was eaten: the Index's "food" ("hives after eating shrimp": Urticaria, due to, food)
    **dict.fromkeys(("eating", "ate", "eat", "eats"), ("food",)),
    **dict.fromkeys(
        (
            "peanut",
            "peanuts",
            "nut",
            "nuts",
            "shrimp",
            "shellfish",
            "crab",
            "lobster",
            "fish",
            "seafood",
            "egg",
            "eggs",
            "wheat",
            "gluten",
            "soy",
            "strawberry",
            "strawberries",
            "berries",
            "tomato",
            "tomatoes",
            "chocolate",
            "sesame",
            "kiwi",
            "mango",
            "pineapple",
            "citrus",
            "almonds",
            "cashews",
            "walnuts",
            "pecans",
        ),
        ("food",),
    ),
    # parts in everyday words
    "palm": ("palmar",),
    "palms": ("palm", "palmar"),
    "sole": ("plantar",),
    "soles": ("sole", "plantar"),
    "button": ("umbilicus", "umbilical"),
    "navel": ("umbilicus", "umbilical"),
    "jaw": ("mandible", "temporomandibular"),
    "roof": ("palate", "palatal"),
    # the Latin site words of a skin condition's name (Tinea capitis, Pediculosis capitis, Tinea cruris)
    "hair": ("capitis",),
    "scalp": ("capitis",),
    "head": ("capitis",),
    "beard": ("barbae",),
    "groin": ("groin", "inguinal", "cruris"),
    "feet": ("pedis", "foot"),
    "toes": ("pedis",),
    "body": ("corporis",),
    "lashes": ("eyelash", "trichiasis"),
    "lash": ("eyelash", "trichiasis"),
    "eyebrow": ("brow",),
    "eyebrows": ("eyebrow", "brow"),
    "nostril": ("nose", "nasal"),
    "nostrils": ("nose", "nasal"),
    "pinky": ("little", "fifth"),
    "throat": ("throat", "pharynx", "pharyngeal"),
    "windpipe": ("trachea",),
    "womb": ("uterus",),
    "boob": ("breast", "mammary"),
    "boobs": ("breast", "mammary"),
    "breasts": ("breast", "mammary"),
    "butt": ("buttock", "gluteal"),
    "bum": ("buttock", "gluteal"),
}
for _word, _forms in _LAY_DESCRIPTORS.items():
    DESCRIBED_AS[_word] = tuple(dict.fromkeys((*DESCRIBED_AS.get(_word, ()), *_forms)))

# Lay words by the Greek and Latin combining forms the Index's clinical words are built from ("white ...
# fingernails" / Leukonychia, "yellow ... eyelids" / Xanthelasma, "tongue burns" / Glossopyrosis): any Index
# word holding the form says the lay word.
COMBINING_FORMS: dict[str, tuple[str, ...]] = {
    "yellow": ("xanth",),
    "white": ("leuk",),
    "black": ("melan",),
    "dark": ("melan",),
    "red": ("erythr",),
    "blue": ("cyan",),
    "hairy": ("hirsut",),
    "hairs": ("hirsut",),
    "sweat": ("hidr", "hidros"),
    "sweating": ("hidr", "hidros"),
    "sweaty": ("hidr", "hidros"),
    "burns": ("pyros",),
    "burning": ("pyros",),
    "smell": ("brom", "osmia"),
    "smells": ("brom", "osmia"),
    "stinks": ("brom",),
    "sleep": ("somn",),
    "asleep": ("somn",),
}
# The same for body parts: a word holding only a part's form says more than the part ("Blepharophimosis"),
# so it is said only when a describing form is in it too ("white ... fingernails" / Leukonychia).
PART_FORMS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("nail", "nails", "fingernail", "fingernails", "toenail", "toenails"), ("onych",)),
    "tongue": ("gloss",),
    **dict.fromkeys(("hair", "hairs"), ("trich",)),
    **dict.fromkeys(("lip", "lips"), ("cheil",)),
    **dict.fromkeys(("eyelid", "eyelids", "lid", "lids"), ("blephar",)),
    **dict.fromkeys(("gum", "gums"), ("gingiv",)),
    **dict.fromkeys(("vein", "veins"), ("phleb",)),
    **dict.fromkeys(("nipple", "nipples"), ("thel",)),
}
# The same, by body system: the forms of the parts a patient names ("ear" / ot-, "joint" / arthr-, "pee" /
# -uria, "blood" / hem-), a "^" form read only at a word's start ("otorrhea", not "notalgia"). Each is said
# only with a describing word of the sentence (`RELATIVE_FORMS`) in the same Index word ("pus ... out of my
# ear" / Otorrhea; "coughing ... blood" is the vocabulary's).
_SYSTEM_PARTS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("eye", "eyes", "eyeball", "eyeballs"): ("ophthalm", "^ocul"),
    ("ear", "ears"): ("^ot", "otia"),
    ("finger", "fingers", "toe", "toes", "pinky", "pinkie", "digit", "digits", "thumb", "thumbs"): (
        "dactyl",
    ),
    ("sound", "sounds", "noise", "noises", "hearing"): ("acusis",),
    ("look", "looks"): ("opsia",),
    ("nose", "nostril", "nostrils"): ("rhin",),
    ("mouth",): ("stomat", "xerostom"),
    ("tooth", "teeth"): ("odont",),
    ("throat",): ("pharyng",),
    ("voice",): ("phon",),
    ("head",): ("cephal",),
    ("skin",): ("derm", "xeros"),
    ("breast", "breasts", "boob", "boobs"): ("^mast", "mamm"),
    ("liver",): ("hepat",),
    ("spleen",): ("splen",),
    ("kidney", "kidneys"): ("nephr",),
    ("joint", "joints"): ("arthr",),
    ("bone", "bones"): ("^oste",),
    ("muscle", "muscles"): ("^my",),
    ("nerve", "nerves"): ("neur",),
    ("heart",): ("card",),
    ("pee", "peeing", "urine", "urinating", "urination"): ("uria",),
    ("blood", "bloody"): ("^hem", "^hemat"),
    ("vomit", "vomits", "vomiting", "puke", "puking", "throwing"): ("emesis",),
    ("cough", "coughs", "coughing", "spit", "spits", "spitting"): ("ptysis",),
    ("stool", "stools", "poop", "pooping", "poo"): ("chezia",),
    ("period", "periods"): ("menorrh", "^men"),
    ("swallow", "swallowing", "swallows"): ("phag",),
    ("breath", "breathe", "breathing"): ("pnea", "pnoea"),
    ("vision", "sight", "seeing"): ("opia", "opsia"),
    ("tailbone",): ("coccyg",),
    # the parts whose inflammation the Index names by the part's form and -itis ("white of my eye is
    # inflamed" / Scleritis, "bone behind my ear ... infection" / Mastoiditis); read only with an -itis word
    ("sclera", "scleral"): ("scler",),
    ("mastoid",): ("mastoid",),
    ("tonsil", "tonsils"): ("tonsill",),
    ("bladder",): ("^cyst",),
    ("appendix",): ("append",),
    ("gallbladder",): ("cholecyst",),
    ("pancreas",): ("pancreat",),
    ("stomach",): ("gastr",),
    ("cornea", "corneas"): ("kerat",),
    ("larynx", "voicebox"): ("laryng",),
    ("windpipe", "trachea"): ("trache",),
    ("sinus", "sinuses"): ("sinus",),
    ("tendon", "tendons"): ("tendin", "tenosynov"),
    ("testicle", "testicles", "testis", "testes"): ("orch",),
    ("prostate",): ("prostat",),
    ("cervix",): ("cervic",),
    ("womb", "uterus"): ("^metr", "endometr"),
    ("esophagus", "gullet"): ("esophag",),
    ("labyrinth",): ("labyrinth",),
    ("bursa",): ("^burs",),
}
for _parts_said, _forms_said in _SYSTEM_PARTS.items():
    for _part in _parts_said:
        PART_FORMS[_part] = tuple(dict.fromkeys((*PART_FORMS.get(_part, ()), *_forms_said)))
# What a patient says of a part, by the forms a clinical word prints it in ("hurts" / -algia, "leaking" /
# -rrhea, "double" / dipl-): read only inside the Index words a part's form of the same sentence holds
# ("ear ... hurts" / Otalgia; "trouble swallowing" / Dysphagia; "heart is racing" / Tachycardia), never alone.
RELATIVE_FORMS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        ("pain", "painful", "hurts", "hurt", "hurting", "ache", "aches", "aching", "achy", "sore"),
        ("algia", "dynia"),
    ),
    **dict.fromkeys(
        (
            "leak",
            "leaks",
            "leaking",
            "draining",
            "drains",
            "discharge",
            "runny",
            "running",
            "drips",
            "dripping",
        ),
        ("rrhea", "rrhoea"),
    ),
    **dict.fromkeys(("pus", "pussy"), ("rrhea", "^py")),
    **dict.fromkeys(("bleed", "bleeds", "bleeding", "bled"), ("rrhag",)),
    **dict.fromkeys(("big", "bigger", "large", "huge", "enlarged", "oversized"), ("megal", "^macro")),
    **dict.fromkeys(("small", "tiny", "smaller", "undersized"), ("^micro",)),
    "dry": ("^xer",),
    **dict.fromkeys(("slow", "slowly"), ("^brady",)),
    **dict.fromkeys(("fast", "racing", "rapid", "quick"), ("^tachy",)),
    **dict.fromkeys(("trouble", "difficulty", "difficult", "struggle", "struggling"), ("^dys",)),
    "heavy": ("rrhag",),
    "double": ("^dipl",),
    **dict.fromkeys(("fungus", "fungal"), ("myc",)),
    **dict.fromkeys(("sugar", "sugary"), ("^glyc", "^gluc")),
    "protein": ("^protein",),
    **dict.fromkeys(("night", "nights", "nightly"), ("^noct",)),
    # a part's number, joining, bend or size said plainly ("toes grown together" / Syndactyly, "extra finger" /
    # Polydactyly, "curved pinky" / Clinodactyly, "sounds are painfully loud" / Hyperacusis)
    **dict.fromkeys(("together", "joined", "webbed"), ("^syn",)),
    "extra": ("^poly",),
    # skin or a lid said loose ("baggy skin hanging over my eyelid" / Dermatochalasis, Blepharochalasis)
    **dict.fromkeys(("baggy", "saggy", "loose", "hanging"), ("chalas",)),
    "single": ("^mono",),
    **dict.fromkeys(("curved", "curves", "bent", "bends", "crooked"), ("^clino", "^campto")),
    **dict.fromkeys(("short", "stubby"), ("^brachy",)),
    **dict.fromkeys(("loud", "louder", "oversensitive"), ("^hyper",)),
    # a part said inflamed or infected: the part's form with -itis ("white of my eye is inflamed" / Scleritis)
    **dict.fromkeys(("inflamed", "inflammation", "infected", "infection", "infections"), ("itis",)),
}
# Who the patient is, said as a person ("my 4 yo", "our toddler"), by the Index words of age that say it
# ("Dirt-eating child", "Terror, night (child)"): said by the sentence, never a describing word of its own.
AGE_WORDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        ("kid", "kids", "son", "daughter", "toddler", "child", "children", "boy", "girl", "yo", "teen"),
        ("child", "childhood", "juvenile"),
    ),
    **dict.fromkeys(("baby", "babies", "infant"), ("infant", "infantile", "newborn")),
    **dict.fromkeys(("newborn", "newborns"), ("newborn", "neonatal")),
    **dict.fromkeys(("grown", "adult", "adults"), ("adult", "adults")),
}
# Words of when that the Index prints as what sets a condition off ("Terror, night", "Cramp, leg, sleep
# related"): read as describing words, by the Index's words for them.
_TIMES = frozenset({"night", "nights", "nightly", "asleep"})
INDEX_TIMES = _TIMES
# What a body does, said missing right after a negating word ("no voice", "can't hear", "no appetite"): the
# Index's Loss (of) lines.
_FUNCTIONS = frozenset(
    [
        "voice",
        "smell",
        "taste",
        "appetite",
        "hear",
        "hearing",
        "memory",
        "balance",
        "sleep",
        "feeling",
        "sensation",
        "energy",
    ]
)
# Words of an Index line no patient says ("leg, sleep related").
_UNSAID = frozenset(stem(w) for w in ("related", "associated"))
# Heads the Index files a condition under that a patient never says ("Syndrome, jet lag", "Disorder, sleep,
# terrors"): a path may leave them unsaid when the lines below them are said.
GENERIC_HEADS = frozenset(
    stem(w) for w in ("syndrome", "disease", "disorder", "condition", "related", "type")
)
# A combining form is read only in Index words no longer than this (whole clinical words, not phrases).
_FORM_WORDS = 40
# Lines held by more words than this are too common to open candidates (they still count when said).
_OPENS = 1500
_CM_LOW = (BOOKS.index("cm") + 1) * SPAN
_CM_HIGH = _CM_LOW + SPAN
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_ALL_LINES = 120_000  # about how many lines the Index books hold: the base of a word's rarity


@dataclass(frozen=True)
class Description:
    path: str  # the Index line's path, as the Index prints its terms ("Itch, itching, swimmer's")
    lookup: str  # the path's words to look up, a line's first form only ("Itch swimmer's")
    said: tuple[str, ...]  # the sentence's words the path says
    unused: tuple[str, ...]  # the sentence's describing words it does not
    sides: tuple[str, ...]  # the sides said ("left", "bilateral")
    score: float
    rare: tuple[str, ...] = ()  # the words said, not body parts, that the Index prints on few lines
    alone: bool = False  # a state's main term said by one word alone (`_state_line`)

    def is_line(self, why: str) -> bool:
        """Whether an answer's reason is the Index path of the line itself or of a subterm of it."""
        return why.startswith("Index: ") and why[7:].split(" -> ")[0].lower().startswith(self.path.lower())

    def answered_by(self, why: str) -> bool:
        """Whether the answer found for the line's words is the line: an Index path through its words, or
        through the vocabulary's reading of them ("Golfer's elbow" -> Epicondylitis, medial)."""
        if answers_meaning(self.path, why):
            return True
        read = _VOCABULARY_READ.findall(why)
        return why.startswith("Index:") and any(
            answers_meaning(self.lookup, f"Index: {term}") for term in read
        )

    def beats(self, why: str) -> bool:
        """Whether the line answers the sentence better than an answer found for it as typed (its reason
        `why`): the answer left a word the line says unused ("Pain, elbow (not used: ..., golfing)"), or
        is the external cause of what the line describes ("Striking against, object" for "itchy red bumps
        ... after swimming in the lake"); never an answer through the line's rare words, nor one through a
        lay phrase naming a condition ("toenail growing into the skin -> ingrowing nail"; a phrase saying
        only pain, "elbow hurts", is the symptom a described condition refines)."""
        if all(answers_meaning(w, why) for w in self.rare):
            return False
        left = _NOT_USED.findall(why)
        unused = {stem(w) for found in left for w in found.split(", ")}
        if any(not means.startswith("pain") for means in _READ_PHRASE.findall(why)):
            return False
        if why.startswith("External Cause Index:"):
            return bool(self.rare)
        # never over an answer that used a describing word the line leaves unused ("fingers are fused together":
        # Fusion, fingers, not used: together; Syndactyly would leave "fused"), a generic head aside
        path = {stem(w) for w in _WORD.findall(why.split(" (")[0].lower())}
        if any(stem(w) in path and stem(w) not in GENERIC_HEADS for w in self.unused):
            return False
        if len(self.said) >= 3 and {stem(w) for w in self.said} & unused:
            return (
                True  # the line says three words, one the answer left unused ("high arched feet": no palate)
            )
        return bool(unused & {stem(w) for w in self.rare})


_NOT_USED = re.compile(r"not used: ([^;)]*)")
_VOCABULARY_READ = re.compile(r"\(vocabulary: ([^;)]*?) ->")
# An answer through a lay phrase of two words or more the vocabulary reads ("toenail growing into the skin
# -> ingrowing nail"): the patient's own words for the condition, which a description does not overrule.
_READ_PHRASE = re.compile(r"\((?:vocabulary|read): [^ ,;)]+ [^ ,;)>-][^;)]*-> ([^;)]*)")
# A word the Index prints on no more than ~300 lines (log(120,000 / 300)): it tells the condition.
_RARE = 6.0


def missed_description(why: str) -> bool:
    """Whether an answer's reason says it left words of the sentence unused or answered it by the External
    Cause Index: a cheap test before a sentence is read as a description over an answer."""
    return "not used: " in why or why.startswith("External Cause Index:")


# A part a patient names in several words, by its one word ("the white part of my right eye" / right sclera, "the
# bone behind his ear" / mastoid, "voice box" / larynx): read as that word, a side said inside it kept.
_OWNER = r"(?:(?:the|my|his|her|your|their|our|baby's|son's|daughter's)\s+)?"
_SIDE = r"(?:(?P<side>right|left|both)\s+)?"
_PART_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\bwhites?\s+(?:part\s+)?of\s+{_OWNER}{_SIDE}eyes?\b"), "sclera"),
    (re.compile(rf"\bbone\s+behind\s+{_OWNER}{_SIDE}ears?\b"), "mastoid"),
    (re.compile(r"\binner\s+ears?\b"), "labyrinth"),
    (re.compile(r"\bvoice\s*box\b"), "larynx"),
    (re.compile(r"\bgrowth\s+plates?\b"), "epiphysis"),
)
_PART_PHRASE_WORDS = ("white", "behind", "inner", "voice", "growth")


def _one_word_parts(text: str) -> str:
    """The text with each part said in several words said in its one word (`_PART_PHRASES`)."""
    if not any(w in text for w in _PART_PHRASE_WORDS):
        return text
    for pattern, part in _PART_PHRASES:
        text = pattern.sub(partial(_said_as, part), text)
    return text


def _said_as(part: str, match: re.Match[str]) -> str:
    side = match.groupdict().get("side")
    return f"{side} {part}" if side else part


def describing_words(text: str) -> tuple[list[str], list[str], set[str]]:
    """The sentence's describing words (not who, when, how often, linking words, nor the words of a negated
    clause, but a function said missing: "no voice at all" / voice, loss), the sides it says, and its words
    as typed, apostrophes off ("bells", "brights"); a part said in several words reads as its one word
    ("white of my eye" / sclera)."""
    words: list[str] = []
    typed: set[str] = set()
    sides: list[str] = []
    for clause in re.split(r"[,;.!?]", _one_word_parts(text.lower().replace("\u2019", "'"))):
        off = 0  # how many words since a negating word (0: none)
        # "doesn't taste right", "can't smell normally": a function said wrong, not missing
        wrong = _NOT_RIGHT.search(clause) is not None
        for word in _WORD.findall(clause):
            typed.add(word.replace("'", ""))
            bare = word.removesuffix("'s")
            off += 1 if off else 0
            if word in _NEGATING:
                off = 1
            elif off and off <= 3 and bare in _FUNCTIONS:
                words += [bare, "disturbance" if wrong else "loss"]
            elif bare in _SIDES:
                side = _SIDES[bare]
                sides += [side] if side not in sides and not off else []
            elif not off and not bare.isdigit() and (bare in _TIMES or _describes(bare)):
                words.append(bare)
    return list(dict.fromkeys(words)), sides, typed


# What a function said not to work "right" is: Disturbance (of sensation), not Loss (of).
_NOT_RIGHT = re.compile(r"\b(?:right|normal|normally|properly|the same)\b")
# The particles of phrasal verbs ("draining out", "show up"): no description ("out" is no "outer").
_PARTICLES = frozenset({"out", "off", "over", "away", "down"})


def _describes(word: str) -> bool:
    """Whether a word of a sentence may describe: not who, when or how often, nor an empty word or a
    particle."""
    return not (word in _EMPTY or word in _NARRATIVE or word in _PARTICLES or len(word) < 3)


@lru_cache(maxsize=8192)
def word_forms(word: str) -> tuple[str, ...]:
    """The Index stems a word may be printed as: itself, its light stem, the adjective's and the doer's
    forms ("itchy" / itch, "golfing" / golfer's, "swimming" / swimmer's), and the described-as words."""
    base = said_stem(word)
    forms = {stem(word), base}
    if word in INJURY_PAST:
        # The past of an injury verb is the injury ("burned" / Burn), never the feeling (Burning, feet).
        return tuple(sorted(f for f in forms | {stem(w) for w in DESCRIBED_AS.get(word, ())} if len(f) >= 3))
    roots = {base}
    for suffix in ("er", "ing", "ed"):
        if base.endswith(suffix) and len(base) > len(suffix) + 3:
            roots.add(base[: -len(suffix)])
    for root in list(roots):
        if len(root) > 3 and root[-1] == root[-2] and root[-1] not in "aeiouls":
            roots.add(root[:-1])
    for root in roots:
        doubled = (
            root + root[-1] if len(root) >= 3 and root[-1] not in "aeiouwxy" and root[-2] in "aeiou" else ""
        )
        forms |= {stem(root), stem(root + "er"), stem(root + "ing"), stem(root + "y")}
        if root.endswith("e") and len(root) >= 4 and root[-2] not in "aeiou":
            forms |= {stem(root[:-1] + "ing")}  # "bites" / biting (Nail, biting)
        if doubled:
            forms |= {stem(doubled + "er"), stem(doubled + "ing")}
    forms |= {stem(w) for w in DESCRIBED_AS.get(word) or _described_by_lemma().get(_lemma(word), ())}
    # a state said by its adjective, as the noun the Index prints ("restless" / Restlessness)
    if not word.endswith("s") or word.endswith(("ous", "ss")):
        forms |= {stem(w) for w in state_nouns(word)}
    return tuple(sorted(f for f in forms if len(f) >= 3))


def _lemma(word: str) -> str:
    """A descriptor's bare form, whatever its inflection ("caves", "caved", "caving" / cav)."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word.rstrip("e")


@lru_cache(maxsize=1)
def _described_by_lemma() -> dict[str, tuple[str, ...]]:
    """`DESCRIBED_AS` by each descriptor's bare form, so another inflection of a listed word ("caves" for
    "caved", "bows" for "bowed") reads the same Index words."""
    found: dict[str, tuple[str, ...]] = {}
    for said, words in DESCRIBED_AS.items():
        found[_lemma(said)] = tuple(dict.fromkeys((*found.get(_lemma(said), ()), *words)))
    return found


class _Postings:
    """Which Index lines (of the Alphabetic Index) hold a stem, by the tree's per-word cache."""

    def __init__(self, tree: IndexTree) -> None:
        self.tree = tree
        self._cm: dict[str, tuple[int, ...]] = {}

    def holding(self, form: str) -> tuple[str, ...]:
        """The Index's words (stems) holding a combining form, read once per process."""
        return _holding(self.tree.conn, form)

    def cm_lines(self, form: str) -> tuple[int, ...]:
        found = self._cm.get(form)
        if found is None:
            nodes = self.tree._postings(form).nodes
            lo, hi = bisect_left(nodes, _CM_LOW), bisect_left(nodes, _CM_HIGH)
            found = self._cm[form] = tuple(nodes[lo:hi])
        return found

    def count(self, form: str) -> int:
        return len(self.tree._postings(form).nodes)


@lru_cache(maxsize=512)
def _holding(conn: object, form: str) -> tuple[str, ...]:
    """The Index words (stems, of any book) holding a combining form ("onych": leukonychia, onychomycosis;
    "^ot", at the word's start: otalgia, otorrhea)."""
    words = _index_words(conn)
    if form.startswith("^"):
        return tuple(w for w in words if w.startswith(form[1:]) and len(w) <= _FORM_WORDS)
    return tuple(w for w in words if form in w and len(w) <= _FORM_WORDS)


@lru_cache(maxsize=2)
def _index_words(conn: object) -> tuple[str, ...]:
    """Every stem the Index books hold (~25,000), read once per database the first time a form is asked."""
    rows = conn.execute("SELECT DISTINCT word FROM index_words").fetchall()  # type: ignore[attr-defined]
    return tuple(str(w) for (w,) in rows)


def _plainest(holders: dict[str, frozenset[str]]) -> set[str]:
    """The shortest of the Index words the same sentence words hold ("hematuria" over "hematinuria")."""
    shortest: dict[frozenset[str], int] = {}
    for w, said in holders.items():
        shortest[said] = min(len(w), shortest.get(said, len(w)))
    return {w for w, said in holders.items() if len(w) == shortest[said]}


def _within(held: AbstractSet[str], form: str) -> set[str]:
    """The words of `held` holding a combining form ("^" at the word's start)."""
    if form.startswith("^"):
        return {w for w in held if w.startswith(form[1:])}
    return {w for w in held if form in w}


def _line_stems(node: Node, first: bool) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """A line's essential stems (its term), all its stems (with the nonessential modifiers) and the proper
    names it prints (a capitalised word after a main term's first, or that first word when possessive:
    "Bright's", "Bell's"), lower case and apostrophes off."""
    if node.is_link:
        return frozenset(), frozenset(), frozenset()
    return _term_stems(node.term, node.modifiers, first)


@lru_cache(maxsize=16_384)
def _term_stems(
    term: str, modifiers: str, first: bool
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    essential = content_stems(term)
    found = re.findall(r"[A-Za-z'-]+", term)
    # (A main term's first word is a name when possessive: "Bright's disease", not "Spoon nail".)
    names = [w for n, w in enumerate(found) if w[:1].isupper() and (n or not first or w.endswith("'s"))]
    # (shared, not copied: a line with no modifiers, or none beyond its term, keeps its term's own set, and
    # most lines print no name: 2 sets of ~200-700 bytes less an entry of this 16,384-entry cache)
    extra = content_stems(modifiers)
    every = essential if extra <= essential else essential | extra
    return essential, every, kept(frozenset(w.lower().replace("'", "") for w in names))


@dataclass
class _Sentence:
    """The describing words of a sentence, each with the Index stems that say it."""

    words: list[str]
    sides: list[str]
    as_typed: set[str]
    forms: dict[str, frozenset[str]]
    combined: frozenset[str]  # the Index words said through a combining form
    said_forms: frozenset[str]  # every Index stem the sentence says
    ages: frozenset[str]  # the Index's age words the persons said say ("child")
    rarity: dict[str, float]

    said_sides: frozenset[str]  # the sides said, as the Index's stems
    heads: dict[int, bool]  # main terms already read: whether the sentence says them


# Words this reader already reads (a describing word, a form, an injury's past): no dictionary synonym for them
# ("hurt" is no Injury).
_READ_HERE = (DESCRIBED_AS, COMBINING_FORMS, PART_FORMS, RELATIVE_FORMS, INJURY_PAST)


def _read_sentence(
    text: str, postings: _Postings, vocabulary: Vocabulary, is_site: Callable[[str], bool], least: int = 2
) -> _Sentence | None:
    words, sides, as_typed = describing_words(text)
    if len(words) < least:
        return None
    forms: dict[str, frozenset[str]] = {}
    by_part: set[str] = set()  # the Index words a body part's combining form holds
    plain: set[str] = set()  # the forms said otherwise
    combined: set[str] = set()
    for word in words:
        found = set(word_forms(word))
        # A colour said loosely ("yellowish", "reddish") is the colour.
        base = word[:-3] if word.endswith("ish") and len(word) > 6 else word
        found |= set(word_forms(base)) if base != word else set()
        for part in _parts(word, is_site):
            found |= set(word_forms(part))
        for form in COMBINING_FORMS.get(base, ()):
            held = set(postings.holding(form))
            found |= held
            combined |= held
        plain |= found
        for form in PART_FORMS.get(word, ()):
            held = set(postings.holding(form)) - found
            found |= held
            by_part |= held
            combined |= held
        term = vocabulary.terms.get(word)
        if term is not None and term.kind in {"lay", "synonym"} and len(term.means.split()) <= 2:
            found |= {stem(w) for w in term.means.split()}
        # the Index's word for a lay noun no reading here knows, by the dictionary's synonyms ("windpipe" /
        # trachea)
        if term is None and not any(word in known for known in _READ_HERE):
            for synonym in clinical_synonyms(postings.tree.conn, word, lambda w: postings.count(stem(w))):
                found |= set(word_forms(synonym))
        forms[word] = frozenset(f for f in found if postings.count(f))
    # What is said of a part inside the Index words its form holds ("ear ... hurts" / Otalgia). Two parts
    # alone say no such word ("hit in the eye ..., blood in front of the iris" is no Hemophthalmos).
    if by_part:
        held_by: dict[str, int] = {}
        described: set[str] = set()
        for word in words:
            relative = {w for form in RELATIVE_FORMS.get(word, ()) for w in _within(by_part, form)}
            described |= relative
            relative -= forms[word]
            forms[word] |= relative
            combined |= relative
            for w in forms[word] & by_part:
                held_by[w] = held_by.get(w, 0) + 1
        # (The plainest word two forms make: Tachycardia, not a longer word holding both.)
        plain |= _plainest(
            {
                w: frozenset(x for x in words if w in forms[x])
                for w, n in held_by.items()
                if n >= 2 and w in described
            }
        )
    every_form = frozenset().union(*forms.values())
    ages = {stem(f) for w in as_typed for f in AGE_WORDS.get(w.removesuffix("s"), AGE_WORDS.get(w, ()))}
    return _Sentence(
        words,
        sides,
        as_typed,
        forms,
        frozenset(combined),
        # A word holding a part's form is said when a describing word's forms hold it too.
        every_form - (by_part - plain),
        frozenset(ages),
        {f: math.log(_ALL_LINES / postings.count(f)) for f in every_form},
        frozenset(stem(s) for s in sides),
        {},
    )


@dataclass(frozen=True)
class _Reading:
    score: float
    said: tuple[str, ...]
    rare: tuple[str, ...]


def _read_path(
    path: list[Node], sentence: _Sentence, is_site: Callable[[str], bool], head: bool = False
) -> _Reading | None:
    """What an Index line's path says of the sentence, or None when it says something the sentence does
    not (an essential word, a side), its main term is not said, or it says fewer than two of its words.
    `head`: only whether the main term is said (or a generic head left unsaid)."""
    forms = sentence.forms
    said_sides = sentence.said_sides
    said: set[str] = set()
    unsaid: set[str] = set()
    printed: set[str] = set()
    headless = False  # a generic head the sentence does not say ("Syndrome, jet lag")
    for n, node in enumerate(path):
        essential, held, names = _line_stems(node, n == 0)
        if names:
            named = {stem(w) for w in names}
            # A name is said as typed ("bells palsy") or by a word made from it ("golfing" / Golfer's
            # elbow), not by the plain word ("bright red" / Bright's disease).
            spoken = {stem(w) for w in names & sentence.as_typed}
            spoken |= {f for w, fs in forms.items() for f in fs & named if f not in _own(w)}
            hit = {w for w, fs in forms.items() if fs & (held - named) or fs & spoken}
        else:
            named = spoken = set()
            hit = {w for w, fs in forms.items() if not fs.isdisjoint(held)}
        if n == 0 and not {w for w in hit if forms[w] & (essential - named | spoken)}:
            if not essential <= GENERIC_HEADS or (len(path) == 1 and not head):
                return None  # the main term itself must be said (not only a modifier of it)
            headless = True
        if head:
            return _Reading(0.0, (), ())
        said |= hit
        printed |= (held - named) | spoken
        known = (sentence.said_forms - named) | said_sides | spoken | sentence.ages | _UNSAID
        unsaid |= min((content_stems(alt.replace("-", " ")) - known for alt in _forms_of(node.term)), key=len)
        if n == 0 and headless:
            unsaid -= GENERIC_HEADS
        if essential & _SIDE_STEMS - said_sides:
            return None  # a side the sentence does not say
    if unsaid or _evidence(said, forms, printed, sentence.combined) < 2:
        return None
    # Each word said counts as rare as the form the path prints it in, a little more as typed.
    credit = {w: max(sentence.rarity.get(f, 0.0) for f in forms[w] & printed | {""}) for w in said}
    score = sum(credit.values()) + 0.5 * sum(1 for w in said if _own(w) & printed) - 0.1 * len(path)
    rare = tuple(w for w in sentence.words if credit.get(w, 0.0) >= _RARE and not is_site(w))
    if headless and not rare:
        return None  # "Disease, eye, muscle" is no reading of "eye muscle ... twitches"
    return _Reading(score, tuple(w for w in sentence.words if w in said), rare)


# The pseudo-words of a refined reading: the answer's line, and the persons said.
_ANSWER = "~answer"
_AGE = "~age"


def _under_said_heads(
    tree: IndexTree, lines: set[int], sentence: _Sentence, is_site: Callable[[str], bool]
) -> set[int]:
    """The lines whose main term the sentence says (`describe` reads no other: its `head` test), found by
    reading the main terms only, not every line's path: a line lies within its main term's span (`id` to
    `last`, the Index's nested numbering), so the last main term at or before it is its own. A line whose
    main term is not found so is kept, for `describe` to read as before."""
    mains = _cm_main_ids(tree.conn)
    by_main: dict[int, list[int]] = {}
    for line in lines:
        at = bisect_right(mains, line) - 1
        by_main.setdefault(mains[at] if at >= 0 else 0, []).append(line)
    heads = {n.id: n for n in tree.nodes(sorted(m for m in by_main if m))}
    kept: set[int] = set()
    for main, held in by_main.items():
        node = heads.get(main)
        if node is None or node.parent:
            kept.update(held)
            continue
        inside = [n for n in held if node.id <= n <= node.last]
        kept.update(n for n in held if not node.id <= n <= node.last)
        said = sentence.heads.get(main)
        if said is None:
            said = sentence.heads[main] = _read_path([node], sentence, is_site, head=True) is not None
        if said:
            kept.update(inside)
    return kept


@lru_cache(maxsize=2)
def _cm_main_ids(conn: object) -> tuple[int, ...]:
    """The Alphabetic Index's main terms' ids, in order (~8,000), read once per database."""
    rows = conn.execute(  # type: ignore[attr-defined]
        "SELECT id FROM index_nodes WHERE book = 'cm' AND depth = 0 ORDER BY id"
    ).fetchall()
    return tuple(int(i) for (i,) in rows)


def _read_ahead(tree: IndexTree, lines: set[int]) -> None:
    """Read the lines and their ancestors a level at a time (a few queries, not one a line)."""
    wanted = set(lines)
    while wanted:
        wanted = {n.parent for n in tree.nodes(sorted(wanted)) if n.parent}


def _own(word: str) -> set[str]:
    return {stem(word), said_stem(word)}


_SIDE_STEMS = frozenset(stem(s) for s in ("right", "left", "bilateral"))


def refine(
    text: str, tree: IndexTree, vocabulary: Vocabulary, is_site: Callable[[str], bool], why: str
) -> Description | None:
    """The subterm of an answer's Index line that words the answer left unused say in lay words ("newborn
    skin and eyes look yellow": Jaundice (not used: newborn) -> Jaundice, newborn; "wets the bed every
    night": Enuresis -> Enuresis, nocturnal), or None."""
    if not why.startswith("Index: "):
        return None
    steps = why.removeprefix("Index: ").split(" (")[0].split(" -> ")
    # The line a cross-reference sends to ("Hives -> see Urticaria": Urticaria's subterms).
    sent = [s.removeprefix("see ") for s in steps[1:] if s.startswith("see ")]
    path = sent[-1] if sent else steps[0]
    reference = tree.resolve(path)
    node = tree.node(reference.node) if reference.resolved and reference.node else None
    if node is None or node.last <= node.id:
        return None
    # The sentence's words the answer's reason does not say (listed as not used, or read past).
    answered = {stem(w) for w in _WORD.findall(_NOT_USED.sub("", why.lower()))}
    unused = {stem(w) for w in describing_words(text)[0] + sorted(describing_words(text)[2])} - answered
    read = describe(text, tree, vocabulary, is_site, under=node)
    if read is None:
        return None
    said = {stem(w) for w in read.said}
    ages = {stem(f) for w in unused for f in AGE_WORDS.get(w, ())}
    if not said & unused and not ages & content_stems(read.path):
        return None
    # The body parts said stay with the lookup ("adenoma of the parotid": Neoplasm, benign, by site).
    parts = [
        w for w in _WORD.findall(text.lower()) if is_site(w) and stem(w) not in content_stems(read.lookup)
    ]
    return replace(
        read,
        lookup=" ".join([read.lookup, *dict.fromkeys(parts)]),
        unused=tuple(w for w in read.unused if stem(w) in unused and w not in parts),
    )


def describe(
    text: str,
    tree: IndexTree,
    vocabulary: Vocabulary,
    is_site: Callable[[str], bool],
    under: Node | None = None,
    alone: bool = False,
) -> Description | None:
    """The Index line the sentence describes best (see the module's docstring), or None. `under`: an answer's
    Index line, said by the sentence, whose subterms only are read (the persons said counting as words).
    `alone`: nothing else answered the sentence, so a state said by its adjective may be read as its main
    term alone (`_state_line`) when no line says two of its words."""
    postings = _Postings(tree)
    sentence = _read_sentence(text, postings, vocabulary, is_site, least=1 if alone and under is None else 2)
    if sentence is None:
        return None
    if len(sentence.words) < 2:
        return _state_line(sentence, tree, postings, is_site)
    low, high = _CM_LOW, _CM_HIGH
    if under is not None:
        low, high = under.id + 1, under.last + 1
        said = frozenset(s for n in tree.path(under.id) for s in content_stems(n.term))
        sentence.forms[_ANSWER] = said
        sentence.forms[_AGE] = sentence.ages
        sentence.said_forms |= said | sentence.ages
    candidates: set[int] = set()
    holding: dict[int, set[str]] = {}  # line -> the sentence's words it holds
    for word, fs in sentence.forms.items():
        for f in fs & sentence.said_forms:
            held = postings.cm_lines(f)
            if under is not None:
                held = tuple(n for n in held if low <= n < high)
            if len(held) <= _OPENS:
                candidates.update(held)
                for line in held:
                    holding.setdefault(line, set()).add(word)
    candidates = _under_said_heads(tree, candidates, sentence, is_site)
    _read_ahead(tree, candidates)
    # The feeling an injury verb's past is not (`INJURY_PAST`: "burned" is no "burning").
    feeling = next((f"{INJURY_PAST[w][:-2]}ing" for w in sentence.words if w in INJURY_PAST), "")
    best: tuple[float, int, _Reading] | None = None
    for line in candidates:
        path = tree.path(line)
        if not path or not (path[-1].code or path[-1].see or path[-1].see_also or path[-1].last > line):
            continue
        if len(set().union(*(holding.get(n.id, ()) for n in path))) < 2 and len(path) < 2:
            continue  # a main term alone saying one word (a word the Index prints often may say more)
        if feeling and any(feeling in n.term.lower() for n in path):
            continue  # "I burned my feet" is no "Syndrome, burning feet"
        head = sentence.heads.get(path[0].id)
        if head is None:
            head = sentence.heads[path[0].id] = _read_path(path[:1], sentence, is_site, head=True) is not None
        if not head:
            continue
        reading = _read_path(path, sentence, is_site)
        if reading is not None and (best is None or (reading.score, -line) > best[:2]):
            best = (reading.score, -line, reading)
    if best is None:
        return _state_line(sentence, tree, postings, is_site) if alone and under is None else None
    _, line, reading = best
    path = tree.path(-line)
    unused = tuple(w for w in sentence.words if w not in reading.said)
    # The words left that a subterm of the line prints ("upper": Xanthelasma, right, upper) go with it.
    below = set(tree.within_sets(path[-1], {stem(w) for w in unused}))
    # (the Index's own "NEC" / "NOS" are no words to look up: "abuse NEC" is no necrotizing enterocolitis)
    lookup = [_CONVENTION.sub("", _forms_of(n.term)[0].replace(",", "")) for n in path if not n.is_link]
    return Description(
        ", ".join(n.term for n in path),
        " ".join([*lookup, *(w for w in unused if stem(w) in below)]),
        reading.said,
        unused,
        tuple(sentence.sides),
        round(reading.score, 2),
        reading.rare,
    )


def _state_line(
    sentence: _Sentence, tree: IndexTree, postings: _Postings, is_site: Callable[[str], bool]
) -> Description | None:
    """A state said by its adjective, or a behaviour by its verb, that the Index prints as a main term of its
    own ("my teenager is so irritable and angry all the time": Irritable, irritability and Anger, both R45.4;
    "homesick college freshman": Homesickness; "he sleepwalks": Sleepwalking): the main term, when no line
    says two words of the sentence. Several such words
    that the Index sends to the same code or line say it together; else the rarest word's line."""
    found: dict[str, list[tuple[str, Node]]] = {}  # what the line answers -> (word, main term)
    for word in sentence.words:
        if is_site(word):
            continue
        nouns = {stem(n): "" for n in state_nouns(word)}
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            nouns.setdefault(
                stem(f"{said_stem(word)}ing"), "ing"
            )  # "sneezes" / Sneezing, not "wheals" / Wheal
        for noun in nouns.keys() & sentence.forms.get(word, frozenset()):
            for line in postings.cm_lines(noun):
                node = tree.node(line)
                if node is None or node.parent or not (node.code or node.see):
                    continue
                if all(content_stems(form) != {noun} for form in _forms_of(node.term)):
                    continue  # the line is the noun itself ("Restlessness"), not a phrase holding it
                if not node.term.lower().split(",")[0].endswith(nouns[noun]):
                    continue  # a verb's noun is its -ing form
                found.setdefault(node.code or node.see[0], []).append((word, node))
    if not found:
        return None
    _, said = max(
        found.items(),
        key=lambda item: (
            len({w for w, _ in item[1]}),
            max(sentence.rarity.get(stem(n.term.split(",")[0]), 0.0) for _, n in item[1]),
            -min(n.id for _, n in item[1]),
        ),
    )
    words = tuple(dict.fromkeys(w for w, _ in said))
    node = min((n for _, n in said), key=lambda n: n.id)
    return Description(
        node.term,
        _forms_of(node.term)[0].replace(",", ""),
        words,
        tuple(w for w in sentence.words if w not in words),
        tuple(sentence.sides),
        round(sum(max(sentence.rarity.get(f, 0.0) for f in sentence.forms[w]) for w in words), 2),
        words,
        alone=True,
    )


def _evidence(
    said: AbstractSet[str],
    forms: dict[str, frozenset[str]],
    printed: AbstractSet[str],
    combined: AbstractSet[str],
) -> int:
    """How many of the path's words the sentence's words say, each word once: two lay words read as one
    Index word ("wakes ... at night" / Sleep) say one, unless each says its own combining form of a word
    that holds both ("white ... fingernails" / Leukonychia)."""
    used: set[str] = set()
    count = 0
    for word in sorted(said):
        matched = sorted(forms[word] & printed)
        if set(matched) & combined:
            count += 1
            continue
        fresh = [m for m in matched if m not in used]
        if fresh:
            used.add(fresh[0])
            count += 1
    return count


_CONVENTION = re.compile(
    r"\s*\b(?:NEC|NOS)\b"
)  # the Index's "not elsewhere classified" / "not otherwise specified"


def _forms_of(term: str) -> list[str]:
    """The forms a line prints as one word ("Itch, itching"; "palsy, paralysis": their first letters the
    same), any of which said says it; else the line as a whole ("leg, sleep related")."""
    parts = term.split(", ")
    if len(parts) > 1 and len({p[:2].lower() for p in parts}) == 1:
        return parts
    if " or " in term and "," not in term:
        return term.split(" or ")  # "cold or heat": either said says it (Urticaria, due to, cold or heat)
    return [term]


def _parts(word: str, is_site: Callable[[str], bool]) -> tuple[str, ...]:
    """A compound body word's parts when both are body parts ("fingernails" / finger, nails; "eyelids" /
    eye, lids)."""
    for cut in range(3, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        if is_site(head) and is_site(tail):
            return (head, tail)
    return ()


def reads_description(text: str) -> bool:
    """Whether a text is a sentence worth reading as a description: three words or more."""
    return len(_WORD.findall(text.lower())) >= 3
