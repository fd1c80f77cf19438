"""A condition named beside the drug that caused it, or let it come back, read as the condition alone.

Guideline I.C.19.e.5.a: an adverse effect of a drug correctly prescribed and properly administered is coded
by the nature of the adverse effect first, the drug's adverse-effect T code (T36-T50, 5th or 6th character
5) after it. Guideline I.C.19.e.5.c: an underdosing code is never first-listed - the relapsed or exacerbated
condition comes first, the underdosing T code (6th character 6) after it. A query such as "hives after
aztreonam infusion" or "stopped clozapine, schizophrenia symptoms back" whose words were first read as the
drug (its HCPCS line, or its Drug Table line) still names a condition: `read_beside_drug` sets the drug and
the words that only tell its taking aside, and says what is left - the condition a coder looks up in the
Alphabetic Index, where an adverse effect's own subterm is read first ("Urticaria, due to, drugs",
"Anemia, aplastic, drug-induced", "Hypotension, drug-induced": `DRUG_SUBTERM` is added to the condition's
words, as those lines print it).

A poisoning (an overdose, the wrong drug, a drug taken with alcohol, an intent said) keeps its T code first
(guideline I.C.19.e.5.b): such a story is no reading here, and neither is a status (an allergy, a history).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from bot.lookups.index.stories import read_drug_story

# The words an adverse effect's own Index subterm prints ("Dystonia, drug induced"; "Urticaria, due to, drugs").
DRUG_SUBTERM = "drug-induced"
# Words that make the story a poisoning, coded first (guideline I.C.19.e.5.b), or a status, not a condition
# happening now: the reading leaves such a query as it was read.
_NOT_ADVERSE = re.compile(
    r"(?i)\b(?:overdos\w*|od|ods|od'd|toxic|toxicity|toxicities|poison\w*|intoxicat\w*|alcohol|etoh|beer|wine|"
    r"liquor|drunk|wrong|mistake|accidental\w*|intentional\w*|suicid\w*|ingest\w*|swallow\w*|too\s+(?:many|much)|"
    r"allerg\w*|history|h/o|status|hx|interaction|interact\w*|withdrawal|withdrawing|abuse|dependence|"
    r"dependent|addict\w*|use\s+disorder|screen\w*|levels?|monitoring|prophylaxis|prophylactic)\b"
)
# The words that only tell the taking or link the condition to the drug: no word of the condition.
_TAKING = frozenset(
    [
        "from",
        "after",
        "on",
        "due",
        "to",
        "caused",
        "causing",
        "by",
        "induced",
        "while",
        "since",
        "taking",
        "took",
        "taken",
        "takes",
        "take",
        "starting",
        "started",
        "start",
        "correct",
        "correctly",
        "proper",
        "properly",
        "dose",
        "doses",
        "dosage",
        "dosing",
        "usual",
        "normal",
        "therapeutic",
        "prescribed",
        "directed",
        "as",
        "his",
        "her",
        "my",
        "their",
        "own",
        "the",
        "a",
        "an",
        "of",
        "therapy",
        "treatment",
        "course",
        "infusion",
        "injection",
        "injections",
        "shot",
        "shots",
        "pill",
        "pills",
        "tablet",
        "tablets",
        "med",
        "meds",
        "medication",
        "medications",
        "medicine",
        "drug",
        "drugs",
        "underdosing",
        "adverse",
        "effect",
        "effects",
        "side",
        "reaction",
        "reactions",
    ]
)
# The words that tell the drug stopped or missed and the condition back (guideline I.C.19.e.5.c): no word of
# the condition that relapsed.
_RELAPSE = frozenset(
    [
        "stopped",
        "stop",
        "stops",
        "stopping",
        "quit",
        "missed",
        "missing",
        "skipped",
        "skipping",
        "forgot",
        "forgetting",
        "ran",
        "out",
        "running",
        "noncompliant",
        "noncompliance",
        "nonadherent",
        "didn't",
        "didnt",
        "finish",
        "finished",
        "back",
        "again",
        "relapse",
        "relapsed",
        "recurred",
        "returned",
        "return",
        "came",
        "come",
        "coming",
        "now",
        "symptoms",
    ]
)
# The nouns a drug is said by when its name is not ("pain pills", "seizure meds"): the words before them
# tell the drug's purpose.
PILLS = frozenset(["pill", "pills", "tablet", "tablets", "tabs", "med", "meds", "medication", "medications"])
_STOPPED = frozenset(["stopped", "stop", "stops", "quit", "missed", "skipped", "forgot"])
_BACK = frozenset(["back", "again", "relapse", "relapsed", "recurred", "returned", "breakthrough"])
# A cause said: the condition "from", "after", "due to", "induced by" the drug, or its reaction to it
# (bot.lookups.index.stories.read_drug_story says a lay "made her ..." or "reaction to" as "from" / "due to").
_CAUSED = re.compile(r"\b(?:from|after|due\s+to|caused\s+by|induced|since|secondary\s+to|while\s+on)\b")
_WORD = re.compile(r"[a-z][a-z0-9'/-]*")
# Words that link a drug and a condition otherwise than as its reaction: its purpose ("for"), a treatment
# ("with", "treated"), a plan ("start", "switch"), a question ("or", "vs").
_LINKS = frozenset(
    ["for", "with", "and", "or", "vs", "versus", "treated", "treating", "treat", "plus", "then", "to", "in"]
)


@dataclass(frozen=True)
class BesideDrug:
    """A query's condition (its words in the order typed), the drug words set aside, and the Drug Table
    column the story chooses ("adverse effect" or "underdosing")."""

    condition: str
    drugs: tuple[str, ...]
    column: str
    side_by_side: bool = False  # read from a drug said beside the condition, no link word (`_side_by_side`)

    @property
    def underdosing(self) -> bool:
        return self.column == "underdosing"


def read_beside_drug(
    query: str, names_drug: Callable[[str], bool], underdosing: bool = False, side_by_side: bool = False
) -> BesideDrug | None:
    """The condition a query names as caused by a drug, or come back when it stopped (`names_drug` tells a drug's word, or two words naming one:
    the Drug Table's, a brand's, a HCPCS drug line's), or None: no drug named, nothing left but the drug and its taking, or a
    poisoning or status told (guideline I.C.19.e.5.b keeps a poisoning's T code first). `underdosing`: the
    drug's line already read as its underdosing. `side_by_side`: a drug named at one end of the query beside
    a condition with no word between them ("zonisamide rash") reads as the condition it caused
    (`_side_by_side`)."""
    lowered = " ".join(query.lower().split())
    if _NOT_ADVERSE.search(lowered):
        return None
    story = read_drug_story(lowered)
    if "poisoning" in story:
        return None
    words = _WORD.findall(story)
    linked = _CAUSED.search(story) or (
        _STOPPED.intersection(words) and (_BACK.intersection(words) or "," in story)
    )
    beside = not linked and side_by_side and _side_by_side(words, names_drug)
    if not linked and not beside:
        return None  # no cause said ("xolair for asthma": the drug's reason) nor a relapse after it stopped
    # "stopped risperidone, schizophrenia symptoms back": the drug stopped and the condition back is the
    # underdosing's story (I.C.19.e.5.c: a relapse from the drug discontinued)
    relapsed = bool(_STOPPED.intersection(words) and _BACK.intersection(words))
    column = "underdosing" if underdosing or relapsed or "underdosing" in story else "adverse effect"
    if column == "underdosing" and not (_BACK.intersection(words) or "," in story):
        return (
            None  # (I.C.19.e.5.c: the condition that relapsed or worsened, said as such or in its own clause)
        )
    pairs = [f"{a} {b}" for a, b in pairwise(words) if names_drug(f"{a} {b}")]
    drugs = tuple(
        dict.fromkeys([*(w for pair in pairs for w in pair.split()), *(w for w in words if names_drug(w))])
    )
    purpose = _purpose_words(story)
    drugs = drugs or tuple(w for w in words if w in purpose)  # ("pain pills": a drug said by its purpose)
    if not drugs:
        return None
    told = _TAKING | _RELAPSE if column == "underdosing" else _TAKING
    left = [w for w in words if w not in drugs and w not in told and w not in purpose]
    if not left:
        return None
    return BesideDrug(" ".join(left), drugs, column, beside)


def _side_by_side(words: list[str], names_drug: Callable[[str], bool]) -> bool:
    """ "zonisamide rash", "rash zonisamide": a drug named first or last beside a condition, no link, purpose
    or taking word said. Guideline I.C.19.e.5.b makes a poisoning of a drug given or taken in error, an
    overdose, a wrong drug, a drug with alcohol or not prescribed - each said in words (`_NOT_ADVERSE` reads
    them); a reaction named beside a drug with none of those said is the drug's adverse effect (I.C.19.e.5.a).
    Only asked when the search put the drug's Table line first, its condition left behind."""
    if len(words) < 2 or _LINKS.intersection(words) or _RELAPSE.intersection(words):
        return False
    return names_drug(words[0]) != names_drug(words[-1])


def _purpose_words(story: str) -> frozenset[str]:
    """The words that say what a drug is for, said before the pills or medicine they describe ("opioid
    pain pills", "blood pressure meds"): the drug's name in lay words, no word of the condition it caused."""
    found: set[str] = set()
    for clause in re.split(r"[,;]", story):
        words = _WORD.findall(clause)
        for at, word in enumerate(words):
            if word not in PILLS:
                continue
            for before in reversed(words[max(0, at - 2) : at]):
                if before in _TAKING or before in _RELAPSE or before in PILLS:
                    break
                found.add(before)
    return frozenset(found)


def with_drug_subterm(condition: str) -> str:
    """The condition's words with the adverse effect's own subterm ("hives drug-induced"), read first."""
    return f"{condition} {DRUG_SUBTERM}"


def intent_swapped(code: str, intent: str) -> str:
    """A T36-T50 code (dotted) with its intent character (the sixth, or the fifth where a four-character
    subcategory puts the placeholder sixth: T37.95XA) replaced: the same drug's adverse effect ("5") or
    underdosing ("6") line. The code itself when it has no intent character."""
    plain = code.replace(".", "")
    if len(plain) < 6 or plain[0] != "T":
        return code
    at = 4 if plain[5] == "X" else 5
    swapped = plain[:at] + intent + plain[at + 1 :]
    return f"{swapped[:3]}.{swapped[3:]}"
