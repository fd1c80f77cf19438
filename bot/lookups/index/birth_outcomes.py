"""A birth told in a front desk's words -> the Index's Newborn / Outcome of delivery line (Z38 / Z37).

The Alphabetic Index files a live birth twice. The baby's record: "Newborn (infant) (liveborn) (singleton)",
then how many were born together ("twin", "triplet", "quadruplet", "quintuplet", "multiple born NEC"), then
where ("born in hospital", "born outside hospital") and how ("by cesarean") - Z38. The mother's record:
"Outcome of delivery", then "single NEC", "twins NEC" or "multiple births", then who lived ("liveborn",
"stillborn", "both liveborn", "one liveborn, one stillborn", "all liveborn", "some liveborn") and, for more than
two, how many ("triplets" ... "sextuplets", "specified number NEC") - Z37 (guideline I.C.21.c.12-13). Users
never say the frame: "quints born vaginally here at the hospital", "twin delivered by c-section, liveborn",
"baby born in the car on the way in", "delivered twins, one stillborn", "delivered multiples, some born alive".

`read_birth` reads such a sentence - and only a sentence that tells nothing but the birth (a condition said
beside it, "baby born at 32 weeks", "newborn jaundice", leaves the sentence to the rest of the search) - into
the Index's own words: the frame (the mother's Outcome of delivery when the sentence says she delivered or a
baby was stillborn; else the baby's Newborn), the count word the frame's subterms print (read from the Index
tree: a word the sentence shortens - "quints", "quads", "trips" - is the subterm it begins), who lived, and
the place and the way (a cesarean is a birth in hospital; so is a birth "delivered vaginally", the Tabular's
only vaginal lines being under "born in hospital").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.lookups.index.tree import IndexTree, main_term

NEWBORN = "Newborn"
OUTCOME = "Outcome of delivery"

_MAY = re.compile(
    r"\b(?:born|birth|births|deliver\w*|liveborn|stillborn|stillbirth|newborn|twins?|triplets?|quads?|"
    r"quadruplets?|quints?|quintuplets?|sextuplets?|multiples)\b"
)
_STILL = re.compile(
    r"\b(?:still\s*-?\s*born|stillbirths?|dead|died|demise|deceased|not\s+alive|iufd|passed\s+away|"
    r"(?:didn'?t|did\s+not)\s+(?:make\s+it|survive|live))\b"
)
_ALIVE = re.compile(r"\b(?:alive|living|liveborn|live\s*-?\s*born|live\s+births?|born\s+alive|healthy)\b")
# who of the babies: every one, some, one of two
_ALL = re.compile(r"\b(?:all|both|every|each)\b")
_SOME = re.compile(r"\b(?:some|one|1|two|2|three|3|only|others?|rest)\b")
# The mother delivered (the babies are what she delivered), or gave birth.
_MOTHER = re.compile(
    r"\b(?:delivered|delivers|delivering|deliver|delivery\s+of|gave\s+birth|give\s+birth|giving\s+birth|"
    r"birth\s+of|mom|mother)\b\s*(?:to\s+)?(?:of\s+)?(?:a\s+|an\s+|her\s+|the\s+)?(?:\w+\s+)?(?P<what>\w+)"
)
_CESAREAN = re.compile(r"\b(?:c-?\s?sections?|c/s|cesarean|caesarean|csection|cs|lscs|by\s+section)\b")
_VAGINAL = re.compile(r"\b(?:vaginal(?:ly)?|svd|nsvd|vag)\b")
_OUTSIDE = re.compile(
    r"\b(?:at\s+home|home\s+birth|born\s+(?:at\s+)?home|in\s+the\s+(?:car|ambulance|field|parking\s+lot|ed|er)|"
    r"in\s+an?\s+(?:car|ambulance|taxi|uber)|en\s+route|on\s+the\s+way|outside\s+(?:of\s+)?(?:the\s+)?hospital|"
    r"before\s+(?:arrival|reaching|getting)|bba|out\s+of\s+hospital)\b"
)
_INSIDE = re.compile(
    r"\b(?:(?:in|at)\s+(?:the\s+|this\s+|our\s+)?hospital|here|in\s+(?:l&d|l\s*&\s*d|labor\s+and\s+delivery)|"
    r"inborn|in-house)\b"
)


# The words a birth is told with (grammar, the baby, the telling): none is a condition or a finding.
def _each(text: str) -> list[str]:
    """The words of a list written as text, one space apart."""
    return text.split()


_TOLD = frozenset(
    _each("""
    a an the of by in at on to and with was were is are be been got had has have her his their its she he they
    baby babies infant infants newborn newborns neonate neonates liveborn born birth births deliver delivered
    delivers delivering delivery this our here today just now hospital home car ambulance way route outside
    out field section cesarean caesarean csection c cs lscs s vaginally vaginal vag svd nsvd alive living live
    healthy still stillborn stillbirth stillbirths dead died demise deceased not all both every each some one
    two three four five six only other others rest gave give giving mom mother boy girl boys girls set pair
    single singleton twin twins triplet triplets quad quads quadruplet quadruplets quint quints quintuplet
    quintuplets sextuplet sextuplets multiple multiples before arrival bba l d labor also new arrival
    """)
)
_WORD = re.compile(r"[a-z]+")
_NUMBERED = {
    **dict.fromkeys(("two", "2"), "twins"),
    **dict.fromkeys(("three", "3"), "triplets"),
    **dict.fromkeys(("four", "4"), "quadruplets"),
    **dict.fromkeys(("five", "5"), "quintuplets"),
    **dict.fromkeys(("six", "6"), "sextuplets"),
}
_BABIES = re.compile(r"\b(two|three|four|five|six|[2-6])\s+(?:babies|infants|kids|newborns|baby)\b")
# (a word shortening a count - "trips", "quads" - is read against the Index's count subterms below)
_COUNTS = re.compile(r"^(?:twi|tri|qua|qui|sex|mul)")


@dataclass(frozen=True)
class BirthReading:
    """A birth in the Index's words: the text to search, the frame's main term, and the why note."""

    text: str
    frame: str
    note: str

    def used_by(self, code: str, why: str) -> bool:
        """Whether an answer is this frame's line: a Z38 (Z37) code reached from the frame's Index line."""
        prefix = "Z38" if self.frame == NEWBORN else "Z37"
        path = why.split(" -> ")[0].lower()
        frames = ("newborn", "infant, liveborn") if self.frame == NEWBORN else ("outcome of delivery",)
        return code.replace(".", "").startswith(prefix) and any(f in path for f in frames)


def may_read_birth(text: str) -> bool:
    """A cheap test of the words: whether a birth may be told (the search reads no further otherwise)."""
    return _MAY.search(text.lower()) is not None


def _count_word(words: list[str], kinds: tuple[str, ...]) -> str:
    """The count subterm (as the Index prints it, one of `kinds`) a word of the sentence says or begins:
    "twins" is twin, "quints" quintuplet; "" when none."""
    for w in words:
        bare = w[:-1] if w.endswith("s") and len(w) > 4 else w
        for kind in kinds:
            k = kind.lower()
            k_bare = k[:-1] if k.endswith("s") else k
            if bare == k_bare or (len(bare) >= 4 and k_bare.startswith(bare)):
                return kind
    return ""


def read_birth(text: str, subterms: Callable[[str], tuple[str, ...]]) -> BirthReading | None:
    """The birth a sentence tells in the Index's words (module docstring), or None when it tells something
    else as well or no birth. `subterms(path)`: the subterms the Index prints under a path of terms joined by
    ", " (the count words are read from there, never from a list of ours)."""
    low = " ".join(text.lower().replace("\u2019", "'").split())
    # ("four babies": the count the Index names by its word, quadruplets)
    low = _BABIES.sub(lambda m: _NUMBERED[m.group(1)], low)
    words = _WORD.findall(_STILL.sub(" dead ", low))
    if not words or any(w not in _TOLD and not _COUNTS.match(w) for w in words):
        return None  # (a condition or a finding said beside the birth: the rest of the search reads it)
    newborn_kinds = tuple(k for k in subterms(NEWBORN) if not k.lower().startswith("born"))
    # (the counts the mother's lines print beyond the newborn's: sextuplets)
    kinds = newborn_kinds + subterms(f"{OUTCOME}, multiple births, all liveborn") + ("multiples",)
    if any(w not in _TOLD and not _count_word([w], kinds) for w in words):
        return None
    stillborn = _STILL.search(low) is not None
    alive = _ALIVE.search(low) is not None
    mother = _MOTHER.search(low)
    said_count = _count_word(words, kinds)
    # the mother's outcome: she delivered the babies (the count or a baby after the verb), or one was stillborn
    delivered = mother is not None and (
        _count_word([mother.group("what")], kinds) != ""
        or mother.group("what") in {"baby", "babies", "infant", "infants", "boy", "girl", "boys", "girls"}
        or mother.group(0).startswith(("gave", "give", "giving", "mom", "mother"))
    )
    if stillborn or delivered:
        return _outcome(words, low, said_count, stillborn, alive, subterms)
    born = {"born", "newborn", "newborns", "liveborn", "baby", "infant", "neonate", "delivered"} & set(words)
    if not born:
        return None
    # (a newborn subterm is its count word: "Newborn, twin"; one the Newborn lines do not print - sextuplets -
    # is "multiple born NEC")
    count = said_count
    if count and count not in newborn_kinds:
        count = next((k for k in newborn_kinds if k.lower().startswith("multiple")), "")
    place = ""
    if _OUTSIDE.search(low):
        place = "born outside hospital"
    elif _CESAREAN.search(low):
        place = "born in hospital by cesarean"
    elif _INSIDE.search(low) or _VAGINAL.search(low):
        place = "born in hospital"
    if not count and not place and not alive:
        return None  # ("baby born": nothing the frame's lines add)
    said = " ".join(p for p in ("newborn", count.lower().removesuffix(" nec"), place) if p)
    path = ", ".join(p for p in (NEWBORN, count, place.replace(" by ", ", by ")) if p)
    return BirthReading(said, NEWBORN, f"read: {text.strip()} -> {path}")


def _outcome(
    words: list[str],
    low: str,
    count: str,
    stillborn: bool,
    alive: bool,
    subterms: Callable[[str], tuple[str, ...]],
) -> BirthReading | None:
    """The mother's Outcome of delivery line: single, twins or multiple births, and who lived."""
    every = _ALL.search(low) is not None
    some = _SOME.search(low) is not None and not every
    if count.lower().startswith("twin"):
        group = "twins"
        lived = (
            "one liveborn one stillborn"
            if stillborn and (alive or some)
            else "both stillborn"
            if stillborn
            else "both liveborn"
            if alive
            else ""
        )
        number = ""
    elif count:
        group = "multiple births"
        lived = (
            "all stillborn"
            if stillborn and not (alive or some)
            else "some liveborn"
            if stillborn or some
            else "all liveborn"
            if alive
            else ""
        )
        number = _count_word(words, subterms(f"{OUTCOME}, multiple births, all liveborn")) if lived else ""
        number = "" if number.lower().startswith("multiple") else number
    else:
        group = "single"
        lived = (
            "stillborn" if stillborn else "liveborn" if alive or {"baby", "boy", "girl"} & set(words) else ""
        )
        number = ""
    if not lived:
        return None  # (who lived is what every line below the group says: no answer more than Z37.9)
    said = " ".join(p for p in ("outcome of delivery", group, lived, number.lower()) if p)
    path = ", ".join(p for p in (OUTCOME, group, lived, number) if p)
    return BirthReading(said, OUTCOME, f"read: {' '.join(low.split())} -> {path}")


def index_subterms(tree: IndexTree, path: str) -> tuple[str, ...]:
    """The subterms the ICD-10-CM Index prints under a path of terms joined by ", " ("Newborn": twin, triplet
    ..., born in hospital; "Outcome of delivery, multiple births, all liveborn": quadruplets ... triplets), read
    once per tree (its memo)."""
    key = ("birth_subterms", path)
    kept = tree.memo.get(key)
    if isinstance(kept, tuple):
        return kept
    parts = [p.strip() for p in path.split(", ")]
    node = main_term(tree, "cm", parts[0])
    for part in parts[1:]:
        if node is None:
            break
        node = next((c.id for c in tree.children(node) if c.term.lower() == part.lower()), None)
    found = tuple(c.term for c in tree.children(node)) if node is not None else ()
    tree.memo[key] = found
    return found
